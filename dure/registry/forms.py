"""Registry forms: parsing and field validation with Korean messages."""

from __future__ import annotations

from django import forms

from dure.registry import identifiers
from dure.registry.models import Contact, Enterprise


class EnterpriseForm(forms.ModelForm):
    business_number = forms.CharField(label="사업자등록번호", max_length=14, required=False)
    corporate_number = forms.CharField(label="법인등록번호", max_length=16, required=False)
    homepage = forms.URLField(label="홈페이지", required=False, assume_scheme="https")

    class Meta:
        model = Enterprise
        fields = [
            "name",
            "legal_form",
            "business_number",
            "corporate_number",
            "representative",
            "founded_on",
            "district",
            "address",
            "industry",
            "mission_type",
            "homepage",
            "notes",
        ]
        widgets = {
            "founded_on": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"name": {"required": "기업명을 입력해 주세요."}}

    def clean_business_number(self) -> str:
        return identifiers.digits_only(self.cleaned_data.get("business_number", ""))

    def clean_corporate_number(self) -> str:
        return identifiers.digits_only(self.cleaned_data.get("corporate_number", ""))


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
        widgets = {"consented_on": forms.DateInput(attrs={"type": "date"})}


class ExportReasonForm(forms.Form):
    reason = forms.CharField(
        label="내보내기 사유",
        max_length=300,
        error_messages={"required": "개인정보가 포함된 내보내기에는 사유가 필요합니다."},
    )
