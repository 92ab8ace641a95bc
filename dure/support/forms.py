"""Forms of the engagement screens; every reference is looked up only among the rows the
engagement's center may see."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import django_filters
from django import forms

from dure.core.models import Center
from dure.programs.forms import programs_for_entry
from dure.registry.models import Agency, Enterprise, Expert, search_key
from dure.support.diagnosis import QUESTIONS, SCALE
from dure.support.models import (
    Engagement,
    Status,
    SupportType,
    VisitDiagnosis,
    centers_in_scope,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"})


class EngagementFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        label="시작일부터", field_name="starts_on", lookup_expr="gte", widget=DATE_INPUT
    )
    date_to = django_filters.DateFilter(
        label="시작일까지", field_name="starts_on", lookup_expr="lte", widget=DATE_INPUT
    )
    support_type = django_filters.ChoiceFilter(label="지원구분", choices=SupportType.choices)
    status = django_filters.ChoiceFilter(label="상태", choices=Status.choices)
    q = django_filters.CharFilter(label="기업·전문가·과제", method="search")
    reconstructed = django_filters.BooleanFilter(
        label="재구성 기록",
        widget=forms.Select(choices=[("", "전체"), ("true", "재구성만"), ("false", "재구성 제외")]),
    )

    class Meta:
        model = Engagement
        fields = ["date_from", "date_to", "support_type", "status", "q", "reconstructed"]

    def search(self, queryset: Any, name: str, value: str) -> Any:
        from django.db.models import Q

        return queryset.filter(
            Q(enterprise__name__icontains=value)
            | Q(expert__name__icontains=value)
            | Q(agency__name__icontains=value)
            | Q(task_type__icontains=value)
        )


class EngagementForm(forms.ModelForm):
    """One engagement; the enterprise is named by 사업자등록번호 or name, as in the import."""

    enterprise_text = forms.CharField(
        label="기업",
        required=False,
        help_text="사업자등록번호 또는 기업명 (명부에 있는 기업)",
    )

    class Meta:
        model = Engagement
        fields = [
            "program",
            "support_type",
            "channel",
            "agency",
            "expert",
            "field",
            "task_type",
            "starts_on",
            "ends_on",
            "status",
            "planned_sessions",
            "delivered_sessions",
            "hours",
            "satisfaction",
            "deliverables",
            "notes",
        ]
        widgets = {"starts_on": DATE_INPUT, "ends_on": DATE_INPUT}

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.center = center
        self.instance.center = center
        scope = centers_in_scope(center)
        self.fields["program"].queryset = programs_for_entry(center).order_by(  # type: ignore[attr-defined]
            "-area__fiscal_year__year", "area__order", "order", "pk"
        )
        self.fields["agency"].queryset = Agency.objects.filter(center_id__in=scope)  # type: ignore[attr-defined]
        self.fields["expert"].queryset = Expert.objects.filter(center_id__in=scope)  # type: ignore[attr-defined]
        self.order_fields(["program", "support_type", "channel", "enterprise_text"])
        if self.instance.pk and self.instance.sessions.exists():
            for name in ("delivered_sessions", "hours"):
                self.fields[name].disabled = True
                self.fields[name].help_text = "회차 기록에서 셉니다."
        if self.instance.pk and self.instance.enterprise:
            self.initial["enterprise_text"] = self.instance.enterprise.business_number or (
                self.instance.enterprise.name
            )

    def clean_enterprise_text(self) -> Enterprise | None:
        text = self.cleaned_data.get("enterprise_text", "").strip()
        return enterprise_named(text, self.center) if text else None

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Checked with the rest of the record when the model validates it.
        self.instance.enterprise = data.get("enterprise_text")
        return data


class SessionForm(forms.Form):
    """A session's day, hours and what was done; checked against the engagement by the service."""

    held_on = forms.DateField(label="일자", widget=DATE_INPUT)
    hours = forms.DecimalField(
        label="시간", min_value=Decimal("0.5"), max_digits=4, decimal_places=1
    )
    summary = forms.CharField(label="내용", widget=forms.Textarea(attrs={"rows": 3}))


class AssignForm(forms.Form):
    expert = forms.ModelChoiceField(label="전문가", queryset=Expert.objects.none())

    def __init__(self, *args: Any, engagement: Engagement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expert"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Expert.objects.filter(center_id__in=centers_in_scope(engagement.center))


class DiagnosisForm(forms.Form):
    """The pre-diagnosis: the enterprise, the day, every question on 1–5, the support asked for."""

    enterprise_text = forms.CharField(
        label="기업", help_text="사업자등록번호 또는 기업명 (명부에 있는 기업)"
    )
    diagnosed_on = forms.DateField(label="진단일", widget=DATE_INPUT)
    needs = forms.CharField(
        label="지원 요청 사항", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.center = center
        for question in QUESTIONS:
            self.fields[question.key] = forms.TypedChoiceField(
                label=f"[{question.area.label}] {question.text}",
                choices=SCALE,
                coerce=int,
                widget=forms.RadioSelect,
            )

    def clean_enterprise_text(self) -> Enterprise:
        return enterprise_named(self.cleaned_data["enterprise_text"], self.center)

    def answers(self) -> dict[str, int]:
        return {q.key: self.cleaned_data[q.key] for q in QUESTIONS}


class VisitRequestForm(forms.Form):
    expert = forms.ModelChoiceField(label="방문 전문가", queryset=Expert.objects.none())
    planned_on = forms.DateField(label="방문 예정일", required=False, widget=DATE_INPUT)

    def __init__(self, *args: Any, center: Center, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["expert"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Expert.objects.filter(center_id__in=centers_in_scope(center)).in_pool(year)


class VisitRecordForm(forms.ModelForm):
    recommended = forms.MultipleChoiceField(
        label="권하는 지원",
        required=False,
        choices=SupportType.choices,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = VisitDiagnosis
        fields = ["visited_on", "findings", "recommended", "plan"]
        widgets = {"visited_on": DATE_INPUT}

    def clean_visited_on(self) -> Any:
        visited_on = self.cleaned_data.get("visited_on")
        if visited_on is None:
            raise forms.ValidationError("방문일을 적으세요.")
        return visited_on


def enterprise_named(text: str, center: Center) -> Enterprise:
    """An enterprise the center may see, by 사업자등록번호 or name; one it may not see is
    answered exactly like one that does not exist."""
    text = " ".join(text.split())
    visible = Enterprise.objects.filter(center_id__in=centers_in_scope(center))
    digits = "".join(ch for ch in text if ch.isdigit())
    if len(digits) == 10 and len(digits) >= len(text.replace("-", "")):
        found = list(visible.filter(business_number=digits)[:2])
    else:
        found = list(visible.filter(search_key=search_key(text))[:2])
    if not found:
        raise forms.ValidationError(f"‘{text}’은(는) 이 센터의 명부에 없는 기업입니다.")
    if len(found) > 1:
        raise forms.ValidationError(
            f"‘{text}’이(가) 명부에 여러 곳 있습니다: 사업자등록번호를 적으세요."
        )
    return found[0]
