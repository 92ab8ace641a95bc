from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from dure.core.navigation import NavItem
from dure.core.roles import Capability


class SupportConfig(AppConfig):
    name = "dure.support"
    label = "support"
    verbose_name = "경영지원"
    navigation = (
        NavItem(_("경영지원"), "support:engagement_list", Capability.VIEW_REPORTS, order=220),
        NavItem(_("담당 지원"), "support:my_engagements", Capability.LOG_SESSIONS, order=221),
        NavItem(_("배정된 심사"), "support:my_reviews", Capability.REVIEW_APPLICATIONS, order=222),
    )

    def ready(self) -> None:
        from dure.core.audit import register_for_audit
        from dure.support import imports, models

        del imports  # imported for its registration
        register_for_audit(models.Engagement)
        register_for_audit(models.EngagementSession)
        register_for_audit(models.Diagnosis)
        register_for_audit(models.VisitDiagnosis)
        register_for_audit(models.FollowUp)
        register_for_audit(models.Announcement)
        register_for_audit(models.MembershipRequest)
        register_for_audit(models.StandardApplication)
        register_for_audit(models.Application)
        register_for_audit(models.Review)
