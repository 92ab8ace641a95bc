from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class EducationConfig(AppConfig):
    name = "dure.education"
    label = "education"
    verbose_name = "주체발굴 및 인재양성"
    navigation = (
        NavItem(_("인재양성"), "education:course_list", Capability.VIEW_REPORTS, order=216),
    )

    def ready(self) -> None:
        from dure.core.audit import register_for_audit
        from dure.education import imports, models

        del imports  # imported for its registrations
        for model in (
            models.Instructor,
            models.Course,
            models.CourseSession,
            models.Enrolment,
            models.Attendance,
            models.SurveyResponse,
            models.GraduateOutcome,
            models.CourseMaterial,
            models.StudyTour,
            models.StudyTourParticipant,
            models.YouthIntroSupport,
            models.YouthSession,
            models.YouthSessionProgramme,
            models.HaenaemTeam,
            models.YouthNetworkEvent,
        ):
            register_for_audit(model)
