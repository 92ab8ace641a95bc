"""Forms of the 공유자원 screens."""

from __future__ import annotations

import datetime
from typing import Any

import django_filters
from django import forms
from django.utils import timezone

from dure.core.models import Center, User
from dure.programs.records.forms import ENTERPRISE, INSTITUTION, RecordForm
from dure.resources.models import Booking, BookingStatus, Resource, ResourceKind, Tenancy

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")


class ResourceForm(RecordForm):
    class Meta:
        model = Resource
        fields = ["name", "kind", "capacity", "location", "is_active", "notes"]


class BookingForm(RecordForm):
    """Staff book a resource for an organisation (their own booking is approved at once)."""

    registry_fields = {"enterprise": ENTERPRISE, "institution": INSTITUTION}

    class Meta:
        model = Booking
        fields = [
            "resource",
            "starts_at",
            "ends_at",
            "enterprise",
            "institution",
            "organisation_name",
            "headcount",
            "purpose",
            "notes",
        ]
        widgets = {"starts_at": DATETIME, "ends_at": DATETIME}

    def __init__(self, *args: Any, user: User, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, user=user, center=center, **kwargs)
        self.fields["resource"].queryset = Resource.objects.filter(  # type: ignore[attr-defined]
            center=center, is_active=True
        )


class RefuseForm(forms.Form):
    reason = forms.CharField(label="사유", max_length=300)


class TenancyForm(RecordForm):
    registry_fields = {"institution": INSTITUTION}

    class Meta:
        model = Tenancy
        fields = ["institution", "resource", "starts_on", "ends_on", "notes"]

    def __init__(self, *args: Any, user: User, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, user=user, center=center, **kwargs)
        self.fields["resource"].queryset = Resource.objects.filter(  # type: ignore[attr-defined]
            center=center, kind=ResourceKind.OFFICE
        )


class ResourceFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label="종류", choices=ResourceKind.choices)

    class Meta:
        model = Resource
        fields = ["kind"]


class BookingFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="연도", field_name="starts_at__year")
    status = django_filters.ChoiceFilter(label="상태", choices=BookingStatus.choices)
    kind = django_filters.ChoiceFilter(
        label="종류", field_name="resource__kind", choices=ResourceKind.choices
    )

    class Meta:
        model = Booking
        fields = ["year", "status", "kind"]


class TenancyFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(label="입주 연도", field_name="starts_on__year")

    class Meta:
        model = Tenancy
        fields = ["year"]


class MemberBookingForm(forms.Form):
    """A member asks for a venue: the day and the hours, how many, what for."""

    resource = forms.ModelChoiceField(label="장소", queryset=Resource.objects.none())
    day = forms.DateField(label="날짜", widget=forms.DateInput(attrs={"type": "date"}))
    starts = forms.TimeField(label="시작", widget=forms.TimeInput(attrs={"type": "time"}))
    ends = forms.TimeField(label="끝", widget=forms.TimeInput(attrs={"type": "time"}))
    headcount = forms.IntegerField(label="이용 인원", min_value=1, max_value=10_000)
    purpose = forms.CharField(label="용도", max_length=300)
    contact_name = forms.CharField(label="담당자", max_length=100)
    contact_phone = forms.CharField(label="연락처", max_length=30)

    def __init__(self, *args: Any, venues: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resource"].queryset = venues  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        day, starts, ends = data.get("day"), data.get("starts"), data.get("ends")
        if day and starts and ends:
            if ends <= starts:
                self.add_error("ends", "끝 시각이 시작 시각보다 뒤여야 합니다.")
            elif day < timezone.localdate():
                self.add_error("day", "지난 날짜는 예약할 수 없습니다.")
            else:
                zone = timezone.get_current_timezone()
                data["starts_at"] = datetime.datetime.combine(day, starts, tzinfo=zone)
                data["ends_at"] = datetime.datetime.combine(day, ends, tzinfo=zone)
        return data
