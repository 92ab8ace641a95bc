"""Forms of programs and activities: parsing and field validation with Korean messages."""

from __future__ import annotations

import re
from typing import Any

import django_filters
from django import forms
from django.db.models import Q, QuerySet
from django.http import HttpRequest

from dure.core.districts import DISTRICT_CHOICES
from dure.core.models import Center, User
from dure.core.roles import STAFF_ROLES
from dure.programs.models import (
    Activity,
    ActivityKind,
    IndicatorStatus,
    Program,
    ProgramArea,
    SubProgram,
)
from dure.programs.services import activity_kinds_for
from dure.registry.models import Enterprise


class TargetChangeForm(forms.Form):
    target = forms.DecimalField(
        label="새 목표", required=False, min_value=0, max_digits=18, decimal_places=2
    )
    reason = forms.CharField(
        label="변경 사유",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "목표를 바꾸는 사유를 적어 주세요."},
    )
    breakdown = forms.IntegerField(widget=forms.HiddenInput, required=False)


class StatusForm(forms.Form):
    status = forms.ChoiceField(label="상태", choices=IndicatorStatus.choices)
    reason = forms.CharField(label="사유", widget=forms.Textarea(attrs={"rows": 2}), required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("status") not in (None, IndicatorStatus.ACTIVE) and not data.get("reason"):
            self.add_error("reason", "사업내용변경·취소에는 사유가 필요합니다.")
        return data


class ManualFigureForm(forms.Form):
    value = forms.DecimalField(label="실적(수기)", min_value=0, max_digits=18, decimal_places=2)
    evidence = forms.CharField(
        label="근거",
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "수기 실적의 근거를 적어 주세요."},
    )
    evidence_file = forms.FileField(label="근거 파일", required=False)


class CopyYearForm(forms.Form):
    from_year = forms.IntegerField(label="가져올 연도", min_value=2000, max_value=2100)
    to_year = forms.IntegerField(label="새 연도", min_value=2000, max_value=2100)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("from_year") and data.get("from_year") == data.get("to_year"):
            self.add_error("to_year", "가져올 연도와 다른 연도를 고르세요.")
        return data


def kinds_seen_by(request: HttpRequest | None) -> QuerySet[ActivityKind]:
    """The kinds a user's activity list can show: the shared ones, those of the centers they see
    and of their metropolitan center; never another center's own list."""
    center = getattr(getattr(request, "user", None), "center", None)
    shared = Q(center__isnull=True)
    if center is None:
        return ActivityKind.objects.filter(shared)
    condition = shared | Q(center=center) | Q(center__parent=center)
    if center.parent_id is not None:
        condition |= Q(center_id=center.parent_id)
    return ActivityKind.objects.filter(condition)


class ActivityFilter(django_filters.FilterSet):
    date_from = django_filters.DateFilter(
        label="시작일",
        field_name="date",
        lookup_expr="gte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    date_to = django_filters.DateFilter(
        label="종료일",
        field_name="date",
        lookup_expr="lte",
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    kind = django_filters.ModelChoiceFilter(label="활동유형", queryset=kinds_seen_by)
    district = django_filters.ChoiceFilter(label="자치구", choices=DISTRICT_CHOICES)
    reconstructed = django_filters.BooleanFilter(
        label="재구성 기록",
        widget=forms.Select(choices=[("", "전체"), ("true", "재구성만"), ("false", "재구성 제외")]),
    )

    class Meta:
        model = Activity
        fields = ["date_from", "date_to", "kind", "district", "reconstructed"]


class ActivityRowForm(forms.Form):
    """One row of the bulk-entry grid; the same columns as the activities import."""

    date = forms.DateField(label="일자", widget=forms.DateInput(attrs={"type": "date"}))
    program = forms.ModelChoiceField(
        label="사업", queryset=Program.objects.none(), empty_label="사업 선택"
    )
    kind = forms.ModelChoiceField(
        label="활동유형", queryset=ActivityKind.objects.none(), empty_label="유형 선택"
    )
    category = forms.CharField(label="분류", required=False, max_length=50)
    business_numbers = forms.CharField(label="사업자등록번호", required=False)
    institutions = forms.CharField(label="기관명", required=False)
    district = forms.ChoiceField(
        label="자치구", required=False, choices=[("", "-"), *DISTRICT_CHOICES]
    )
    headcount = forms.IntegerField(label="인원", required=False, min_value=0)
    amount_won = forms.IntegerField(label="금액(원)", required=False, min_value=0)
    notes = forms.CharField(label="비고", required=False)
    attachment = forms.FileField(label="첨부", required=False)

    def __init__(
        self,
        *args: Any,
        programs: QuerySet[Program] | None = None,
        kinds: list[ActivityKind] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        program_field = self.fields["program"]
        assert isinstance(program_field, forms.ModelChoiceField)
        program_field.queryset = programs if programs is not None else Program.objects.none()
        kind_field = self.fields["kind"]
        assert isinstance(kind_field, forms.ModelChoiceField)
        kind_field.queryset = ActivityKind.objects.filter(pk__in=[k.pk for k in kinds or []])

    def as_import_row(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "일자": data["date"],
            "사업명": data["program"].name,
            "활동유형": data["kind"].name,
            "분류": data.get("category", ""),
            "사업자등록번호": data.get("business_numbers", ""),
            "기관명": data.get("institutions", ""),
            "자치구": data.get("district", ""),
            "인원": data.get("headcount"),
            "금액": data.get("amount_won"),
            "비고": data.get("notes", ""),
        }


ActivityGridFormSet = forms.formset_factory(ActivityRowForm, extra=5, max_num=200)


def programs_for_entry(center: Center) -> QuerySet[Program]:
    owners = [center.pk] + ([center.parent_id] if center.parent_id else [])
    return Program.objects.filter(center_id__in=owners).select_related("area__fiscal_year")


class ProgramAreaForm(forms.ModelForm):
    class Meta:
        model = ProgramArea
        fields = ["code", "name", "order"]


class ProgramForm(forms.ModelForm):
    """A 사업 with its staff: the owner center's staff (and, for a district, nobody else's)."""

    class Meta:
        model = Program
        fields = ["code", "name", "order", "staff"]
        widgets = {"staff": forms.CheckboxSelectMultiple}

    def __init__(self, *args: Any, center: Center, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        staff = self.fields["staff"]
        assert isinstance(staff, forms.ModelMultipleChoiceField)
        staff.queryset = User.objects.filter(
            center=center, role__in=STAFF_ROLES, is_active=True
        ).order_by("display_name", "username")
        staff.help_text = f"{center.name}의 직원 중에서 고릅니다."


class SubProgramForm(forms.ModelForm):
    class Meta:
        model = SubProgram
        fields = ["code", "name", "order"]


def _business_numbers(text: str) -> list[str]:
    return [p.strip().replace("-", "") for p in re.split(r"[,;\s]+", text or "") if p.strip()]


class ActivityForm(forms.Form):
    """One activity record: the grid's columns, edited on its own page."""

    date = forms.DateField(label="일자", widget=forms.DateInput(attrs={"type": "date"}))
    program = forms.ModelChoiceField(
        label="사업", queryset=Program.objects.none(), empty_label="사업 선택"
    )
    sub_program = forms.ModelChoiceField(
        label="세부사업", queryset=SubProgram.objects.none(), required=False, empty_label="없음"
    )
    kind = forms.ModelChoiceField(
        label="활동유형", queryset=ActivityKind.objects.none(), empty_label="유형 선택"
    )
    category = forms.CharField(label="분류", required=False, max_length=50)
    business_numbers = forms.CharField(
        label="상대 기업 사업자등록번호",
        required=False,
        help_text="여러 곳이면 쉼표로 나눕니다. 명부에 있는 번호만 쓸 수 있습니다.",
    )
    institutions = forms.CharField(
        label="상대 기관명",
        required=False,
        help_text="여러 곳이면 쉼표로 나눕니다. 명부에 없는 기관은 ‘확인 필요’로 새로 등록됩니다.",
    )
    district = forms.ChoiceField(
        label="자치구", required=False, choices=[("", "-"), *DISTRICT_CHOICES]
    )
    headcount = forms.IntegerField(label="인원", required=False, min_value=0)
    amount_won = forms.IntegerField(label="금액(원)", required=False, min_value=0)
    notes = forms.CharField(label="비고", required=False, widget=forms.Textarea(attrs={"rows": 3}))
    attachment = forms.FileField(label="첨부", required=False, widget=forms.ClearableFileInput)
    corrects = forms.IntegerField(
        label="정정하는 기록 번호",
        required=False,
        min_value=1,
        help_text="정산이 마감된 연도의 활동 기록을 바로잡을 때만, 그 기록의 번호를 적습니다.",
    )

    def __init__(
        self,
        *args: Any,
        center: Center,
        user: User,
        activity: Activity | None = None,
        **kwargs: Any,
    ) -> None:
        if activity is not None:
            kwargs.setdefault("initial", initial_for(activity))
        super().__init__(*args, **kwargs)
        # Counterparties the user may see, in the reach of the center the record belongs to.
        self.enterprises = Enterprise.objects.referable(user=user, center=center)
        self.activities = Activity.objects.referable(user=user, center=center)
        choices = {
            "program": programs_for_entry(center),
            "sub_program": SubProgram.objects.filter(
                program__in=programs_for_entry(center)
            ).select_related("program"),
            "kind": ActivityKind.objects.filter(pk__in=[k.pk for k in activity_kinds_for(center)]),
        }
        for name, queryset in choices.items():
            field = self.fields[name]
            assert isinstance(field, forms.ModelChoiceField)
            field.queryset = queryset

    def clean_business_numbers(self) -> list[Enterprise]:
        numbers = _business_numbers(self.cleaned_data.get("business_numbers", ""))
        found = {e.business_number: e for e in self.enterprises.filter(business_number__in=numbers)}
        missing = [n for n in numbers if n not in found]
        if missing:
            raise forms.ValidationError(f"명부에 없는 사업자등록번호입니다: {', '.join(missing)}")
        return [found[n] for n in dict.fromkeys(numbers)]

    def clean_corrects(self) -> Activity | None:
        number = self.cleaned_data.get("corrects")
        if number is None:
            return None
        found = self.activities.filter(pk=number).first()
        if found is None:
            raise forms.ValidationError(f"{number}번 활동 기록을 찾을 수 없습니다.")
        return found

    def clean_institutions(self) -> list[str]:
        text = self.cleaned_data.get("institutions", "")
        return [p.strip() for p in re.split(r"[,;]", text or "") if p.strip()]

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as keyword arguments of record_activity / update_activity."""
        data = dict(self.cleaned_data)
        fields: dict[str, Any] = {
            "enterprises": data.pop("business_numbers"),
            "institution_names": data.pop("institutions"),
        }
        attachment = data.pop("attachment")
        if attachment is False:
            fields["attachment"] = ""
        elif attachment:
            fields["attachment"] = attachment
        return {**fields, **data}


def initial_for(activity: Activity) -> dict[str, Any]:
    return {
        "date": activity.date,
        "program": activity.program_id,
        "sub_program": activity.sub_program_id,
        "kind": activity.kind_id,
        "category": activity.category,
        "business_numbers": ", ".join(
            e.business_number for e in activity.enterprises.all() if e.business_number
        ),
        "institutions": ", ".join(i.name for i in activity.institutions.all()),
        "district": activity.district,
        "headcount": activity.headcount,
        "corrects": activity.corrects_id,
        "amount_won": activity.amount_won,
        "notes": activity.notes,
        "attachment": activity.attachment,
    }
