"""Forms of the education screens; institutions and enterprises are named by typing."""

from __future__ import annotations

from typing import Any

from django import forms

from dure.core.models import Center
from dure.education.models import (
    Course,
    Enrolment,
    HaenaemTeam,
    Instructor,
    OutcomeKind,
    StudyTour,
    StudyTourParticipant,
    YouthIntroSupport,
    YouthNetworkEvent,
    YouthSession,
)
from dure.programs.records.forms import (
    DATE,
    ENTERPRISE,
    INSTITUTION,
    RegistryNameField,
    record_form,
)
from dure.registry.models import Enterprise

CourseForm = record_form(
    Course,
    [
        "program",
        "date",
        "ends_on",
        "title",
        "track",
        "cohort",
        "host",
        "description",
        "is_public",
        "completion_percent",
        "runs",
        "participants",
        "district",
        "notes",
    ],
    {"host": INSTITUTION},
)
StudyTourForm = record_form(
    StudyTour,
    [
        "program",
        "date",
        "ends_on",
        "kind",
        "category",
        "title",
        "destination",
        "purpose",
        "status",
        "invited_experts",
        "forum_attendance",
        "notes",
    ],
)
_ParticipantBase: Any = record_form(
    StudyTourParticipant,
    ["program", "date", "kind", "tour", "person_name", "enterprise", "notes"],
    {"enterprise": ENTERPRISE},
)


class TourParticipantForm(_ParticipantBase):
    """A participant names one of the tours of the center's reach."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tour"].queryset = StudyTour.objects.in_reach_of(self.center)


IntroSupportForm = record_form(
    YouthIntroSupport,
    ["program", "date", "institution", "content", "outcome", "participants", "district", "notes"],
    {"institution": INSTITUTION},
)
YouthSessionForm = record_form(
    YouthSession,
    ["program", "date", "number", "school", "attendance", "district", "notes"],
    {"school": INSTITUTION},
)
HaenaemTeamForm = record_form(
    HaenaemTeam,
    [
        "program",
        "date",
        "team_name",
        "project",
        "school",
        "members",
        "mentors",
        "budget_won",
        "summary",
        "district",
        "notes",
    ],
    {"school": INSTITUTION},
)
NetworkEventForm = record_form(
    YouthNetworkEvent,
    ["program", "date", "title", "participants", "organisations", "district", "notes"],
)


class SessionForm(forms.Form):
    date = forms.DateField(label="일자", widget=DATE)
    starts_at = forms.TimeField(
        label="시작 시각", required=False, widget=forms.TimeInput(attrs={"type": "time"})
    )
    topic = forms.CharField(label="주제", max_length=200)
    instructor = forms.ModelChoiceField(
        label="강사", queryset=Instructor.objects.none(), required=False
    )

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["instructor"].queryset = Instructor.objects.filter(  # type: ignore[attr-defined]
            center=center
        )


class EnrolmentForm(forms.Form):
    person_name = forms.CharField(label="이름", max_length=100)
    enrolled_on = forms.DateField(label="신청일", widget=DATE)
    enterprise = forms.CharField(label="소속 기업", required=False)

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"] = RegistryNameField(
            queryset=Enterprise.objects.in_reach_of(center), what="기업", required=False
        )
        self.fields["enterprise"].label = "소속 기업"


class SurveyForm(forms.Form):
    score = forms.IntegerField(label="만족도(1–5)", min_value=1, max_value=5)
    comment = forms.CharField(label="의견", required=False, widget=forms.Textarea)
    answered_on = forms.DateField(label="응답일", widget=DATE)


class InstructorForm(forms.ModelForm):
    class Meta:
        model = Instructor
        fields = ["name", "field", "contact", "listed_publicly"]


class MaterialForm(forms.Form):
    title = forms.CharField(label="자료명", max_length=200)
    kind = forms.CharField(label="종류", max_length=50, required=False)
    link = forms.URLField(label="링크", required=False)
    course = forms.ModelChoiceField(
        label="교육과정", queryset=Course.objects.none(), required=False
    )
    is_public = forms.BooleanField(label="공개", required=False)

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = Course.objects.in_reach_of(center)  # type: ignore[attr-defined]


class OutcomeForm(forms.Form):
    enrolment = forms.ModelChoiceField(label="수료생", queryset=Enrolment.objects.none())
    kind = forms.ChoiceField(label="구분", choices=OutcomeKind.choices)
    date = forms.DateField(label="활동 일자", widget=DATE)
    description = forms.CharField(label="내용", max_length=300, required=False)

    def __init__(self, *args: Any, course: Course, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enrolment"].queryset = course.enrolments.filter(completed=True)  # type: ignore[attr-defined]


class ProgrammeForm(forms.Form):
    enterprise = forms.CharField(label="기업")
    field = forms.CharField(label="분야", max_length=50, required=False)
    title = forms.CharField(label="체험프로그램", max_length=200)

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["enterprise"] = RegistryNameField(
            queryset=Enterprise.objects.in_reach_of(center), what="기업", label="기업"
        )
