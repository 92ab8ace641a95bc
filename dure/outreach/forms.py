"""Forms of the 홍보 및 연구 screens."""

from __future__ import annotations

from typing import Any

import django_filters
from django import forms
from django.utils import timezone

from dure.outreach.models import (
    Campaign,
    Delegation,
    Event,
    NewsletterIssue,
    Origin,
    Publication,
    ResearchProject,
    Story,
)
from dure.programs.records.forms import INSTITUTION, RecordForm, record_form

NewsletterIssueForm = record_form(
    NewsletterIssue, ["program", "date", "number", "title", "body", "notes"]
)
StoryForm = record_form(Story, ["program", "date", "kind", "title", "body", "url", "notes"])
CampaignForm = record_form(
    Campaign, ["program", "date", "partner", "title", "notes"], {"partner": INSTITUTION}
)
EventForm = record_form(
    Event,
    [
        "program",
        "date",
        "kind",
        "title",
        "venue",
        "attendance",
        "attendance_approximate",
        "district",
        "notes",
    ],
)
ResearchProjectForm = record_form(
    ResearchProject,
    ["program", "date", "ends_on", "institution", "title", "report", "notes"],
    {"institution": INSTITUTION},
)
DelegationForm = record_form(
    Delegation, ["date", "origin", "name", "groups", "group_unit", "people", "purpose", "notes"]
)


class PublicationForm(RecordForm):
    class Meta:
        model = Publication
        fields = [
            "series",
            "number",
            "title",
            "published_on",
            "program",
            "url",
            "is_public",
            "notes",
        ]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program"].required = False
        if not self.instance.pk:
            self.initial.setdefault("published_on", timezone.localdate())

    def clean_number(self) -> str:
        return self.cleaned_data["number"].strip()


class DelegationFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="연도", field_name="date__year")
    origin = django_filters.ChoiceFilter(label="구분", choices=Origin.choices)

    class Meta:
        model = Delegation
        fields = ["year", "origin"]


class PublicationFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="발간 연도", field_name="published_on__year")
    series = django_filters.CharFilter(label="구분", lookup_expr="icontains")

    class Meta:
        model = Publication
        fields = ["year", "series"]


class SubscriberForm(forms.Form):
    email = forms.EmailField(label="이메일")
    name = forms.CharField(label="이름", max_length=100, required=False)
    organisation = forms.CharField(label="소속", max_length=200, required=False)
    consented_at = forms.DateTimeField(
        label="수신 동의 일시",
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )
    consent_method = forms.CharField(
        label="동의 방법", max_length=100, help_text="신청서, 행사 현장 접수, 누리집 …"
    )

    def clean_consented_at(self) -> Any:
        value = self.cleaned_data["consented_at"]
        if value > timezone.now():
            raise forms.ValidationError("동의 일시가 지금보다 뒤입니다.")
        return value
