"""Registry forms: parsing and field validation with Korean messages."""

from __future__ import annotations

from typing import Any

from django import forms

from dure.core.models import User
from dure.registry import identifiers
from dure.registry.models import (
    Agency,
    Contact,
    Designation,
    Enterprise,
    Expert,
    ExpertiseField,
    Financial,
    Institution,
    Product,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def keep_digits(cleaned: dict[str, Any], *names: str) -> dict[str, Any]:
    """Registration numbers typed with or without hyphens are kept as digits."""
    for name in names:
        if name in cleaned:
            cleaned[name] = identifiers.digits_only(cleaned[name] or "")
    return cleaned


class EnterpriseForm(forms.ModelForm):
    business_number = forms.CharField(label="사업자등록번호", max_length=14, required=False)
    head_office_business_number = forms.CharField(
        label="본점 사업자등록번호",
        max_length=14,
        required=False,
        help_text="지점으로 등록된 기업일 때 본점의 번호",
    )
    unique_number = forms.CharField(
        label="고유번호", max_length=14, required=False, help_text="비영리 단체의 고유번호"
    )
    corporate_number = forms.CharField(label="법인등록번호", max_length=16, required=False)
    parent_business_number = forms.CharField(
        label="모법인 사업자등록번호",
        max_length=14,
        required=False,
        help_text="사업단 형태일 때 모법인의 사업자등록번호(명부에 있는 기업)",
    )
    homepage = forms.URLField(label="홈페이지", required=False, assume_scheme="https")
    tag_text = forms.CharField(
        label="태그", max_length=300, required=False, help_text="쉼표로 구분합니다. 예: 청년, 돌봄"
    )

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "legal_form",
            "business_number",
            "head_office_business_number",
            "unique_number",
            "corporate_number",
            "parent_business_number",
            "representative",
            "founded_on",
            "district",
            "address",
            "industry",
            "mission_type",
            "homepage",
            "tag_text",
            "notes",
        ]
        widgets = {"founded_on": DATE, "notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": "기업명을 입력해 주세요."}}

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if self.instance.pk:
            self.fields["tag_text"].initial = ", ".join(t.name for t in self.instance.tags.all())
            if self.instance.parent is not None:
                self.fields[
                    "parent_business_number"
                ].initial = self.instance.parent.business_number_display

    def clean_parent_business_number(self) -> Enterprise | None:
        number = identifiers.digits_only(self.cleaned_data.get("parent_business_number", ""))
        if not number:
            return None
        center = self.instance.center if self.instance.center_id else self.user.center
        if center is None:
            raise forms.ValidationError("이 사업자등록번호의 기업이 명부에 없습니다.")
        parent = (
            Enterprise.objects.referable(user=self.user, center=center)
            .filter(business_number=number)
            .exclude(pk=self.instance.pk)
            .first()
        )
        if parent is None:
            raise forms.ValidationError("이 사업자등록번호의 기업이 명부에 없습니다.")
        return parent

    def clean(self) -> dict[str, Any]:
        return keep_digits(
            super().clean() or {},
            "business_number",
            "head_office_business_number",
            "unique_number",
            "corporate_number",
        )

    def service_fields(self) -> dict[str, Any]:
        """The cleaned data as the enterprise services take it."""
        from dure.registry.services import tags_from_text

        data = dict(self.cleaned_data)
        data["parent"] = data.pop("parent_business_number")
        data["tags"] = tags_from_text(data.pop("tag_text"))
        return data


class ContactForm(forms.ModelForm):
    class Meta:
        model = Contact
        fields = [
            "name",
            "position",
            "phone",
            "email",
            "consent_contact",
            "consent_marketing",
            "consented_on",
        ]
        widgets = {"consented_on": DATE}


class ExportReasonForm(forms.Form):
    reason = forms.CharField(
        label="내보내기 사유",
        max_length=300,
        error_messages={"required": "개인정보가 포함된 내보내기에는 사유가 필요합니다."},
    )


class DesignationForm(forms.ModelForm):
    class Meta:
        model = Designation
        fields = ["designation_type", "kind", "number", "round", "starts_on", "ends_on", "notes"]
        widgets = {"starts_on": DATE, "ends_on": DATE}
        error_messages = {"starts_on": {"required": "시작일을 입력해 주세요."}}

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", "종료일은 시작일과 같거나 늦어야 합니다.")
        return cleaned


class ProductForm(forms.ModelForm):
    class Meta:
        model = Product
        fields = ["name", "kind", "category", "description"]
        error_messages = {"name": {"required": "제품·서비스명을 입력해 주세요."}}


class FinancialForm(forms.ModelForm):
    class Meta:
        model = Financial
        fields = [
            "year",
            "revenue_won",
            "operating_profit_won",
            "employees",
            "vulnerable_employees",
            "government_support_won",
        ]

    def validate_unique(self) -> None:
        """A second entry for the same year replaces the first (see record_financial)."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        employees, vulnerable = cleaned.get("employees"), cleaned.get("vulnerable_employees")
        if employees is not None and vulnerable is not None and vulnerable > employees:
            self.add_error(
                "vulnerable_employees", "취약계층 고용 인원은 전체 고용 인원보다 많을 수 없습니다."
            )
        return cleaned


class InstitutionForm(forms.ModelForm):
    business_number = forms.CharField(label="사업자등록번호", max_length=14, required=False)
    unique_number = forms.CharField(label="고유번호", max_length=14, required=False)
    homepage = forms.URLField(label="홈페이지", required=False, assume_scheme="https")

    class Meta:
        model = Institution
        fields = [
            "name",
            "category",
            "business_number",
            "unique_number",
            "district",
            "address",
            "homepage",
            "needs_review",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": "기관명을 입력해 주세요."}}

    def clean(self) -> dict[str, Any]:
        return keep_digits(super().clean() or {}, "business_number", "unique_number")


class AgencyForm(forms.ModelForm):
    business_number = forms.CharField(label="사업자등록번호", max_length=14, required=False)
    homepage = forms.URLField(label="홈페이지", required=False, assume_scheme="https")
    expertise = forms.ModelMultipleChoiceField(
        label="전문 분야",
        queryset=ExpertiseField.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Agency
        fields = [
            "name",
            "kind",
            "business_number",
            "expertise",
            "district",
            "address",
            "homepage",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"name": {"required": "기관명을 입력해 주세요."}}

    def clean(self) -> dict[str, Any]:
        return keep_digits(super().clean() or {}, "business_number")


class ExpertForm(forms.ModelForm):
    expertise = forms.ModelMultipleChoiceField(
        label="전문 분야",
        queryset=ExpertiseField.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Expert
        fields = [
            "name",
            "is_consultant",
            "is_mentor",
            "is_instructor",
            "is_reviewer",
            "expertise",
            "agency",
            "affiliation",
            "qualifications",
            "pool_from_year",
            "pool_until_year",
            "phone",
            "email",
            "notes",
        ]
        widgets = {
            "qualifications": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "name": {"required": "성명을 입력해 주세요."},
            "pool_from_year": {"required": "자원풀 시작 연도를 입력해 주세요."},
        }

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Agencies the user sees, in the reach of the expert's center (a forged id is refused
        # with the same message as an id that does not exist).
        center = self.instance.center if self.instance.center_id else user.center
        agencies = (
            Agency.objects.none()
            if center is None
            else Agency.objects.referable(user=user, center=center)
        )
        self.fields["agency"].queryset = agencies  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        roles = ("is_consultant", "is_mentor", "is_instructor", "is_reviewer")
        if not any(cleaned.get(role) for role in roles):
            raise forms.ValidationError(
                "역할(컨설턴트, 경영멘토, 강사, 심사위원)을 하나 이상 고르세요."
            )
        first, last = cleaned.get("pool_from_year"), cleaned.get("pool_until_year")
        if first and last and last < first:
            self.add_error("pool_until_year", "종료 연도는 시작 연도와 같거나 늦어야 합니다.")
        return cleaned


MAX_STATISTICS_YEARS = 20


class StatisticsForm(forms.Form):
    """The years of the statistics page; the 자치구 table is for the last one."""

    start = forms.IntegerField(
        label="시작 연도",
        min_value=1990,
        max_value=2100,
        required=False,
        error_messages={"min_value": "1990년 이후여야 합니다.", "invalid": "연도를 숫자로 쓰세요."},
    )
    end = forms.IntegerField(
        label="끝 연도(자치구 기준)",
        min_value=1990,
        max_value=2100,
        required=False,
        error_messages={"min_value": "1990년 이후여야 합니다.", "invalid": "연도를 숫자로 쓰세요."},
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            self.add_error("end", "끝 연도는 시작 연도와 같거나 늦어야 합니다.")
        elif start and end and end - start + 1 > MAX_STATISTICS_YEARS:
            self.add_error("start", f"한 번에 {MAX_STATISTICS_YEARS}년까지 볼 수 있습니다.")
        return cleaned

    def years(self, default: tuple[int, int]) -> tuple[int, int]:
        """The chosen years, the defaults filling what is empty or wrong."""
        if not self.is_bound or not self.is_valid():
            return default
        end = self.cleaned_data.get("end") or default[1]
        start = self.cleaned_data.get("start") or max(min(default[0], end), end - 9)
        if start > end or end - start + 1 > MAX_STATISTICS_YEARS:
            return default
        return start, end
