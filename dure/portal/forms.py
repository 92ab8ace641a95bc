"""Forms of the member's screens: sign-up, the standard application, applying. The services
check everything again; the forms give the messages early."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from dure.core.models import Center, User
from dure.registry.identifiers import digits_only, is_valid_business_number
from dure.support import standard
from dure.support.models import Announcement, DocumentKind


class SignupForm(forms.Form):
    center = forms.ModelChoiceField(
        label="가입할 센터",
        queryset=Center.objects.filter(is_active=True).order_by("parent_id", "name"),
    )
    business_number = forms.CharField(label="사업자등록번호", max_length=12)
    enterprise_name = forms.CharField(label="기업명", max_length=200)
    display_name = forms.CharField(label="이름", max_length=50)
    phone = forms.CharField(label="연락처", max_length=30)
    email = forms.EmailField(label="이메일", help_text="신청 진행을 이 주소로 알려 드립니다.")
    username = forms.CharField(label="아이디", max_length=150)
    password = forms.CharField(label="비밀번호", widget=forms.PasswordInput)
    password_again = forms.CharField(label="비밀번호 확인", widget=forms.PasswordInput)

    def clean_business_number(self) -> str:
        number = digits_only(self.cleaned_data["business_number"])
        if not is_valid_business_number(number):
            raise ValidationError("사업자등록번호가 올바르지 않습니다(검증번호 불일치).")
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        password = data.get("password")
        if password and password != data.get("password_again"):
            self.add_error("password_again", "두 비밀번호가 다릅니다.")
        elif password:
            try:
                validate_password(password, User(username=data.get("username", "")))
            except ValidationError as error:
                self.add_error("password", error)
        return data


class StandardApplicationForm(forms.Form):
    """The standard application's questions, built from `dure.support.standard.SECTIONS`."""

    def __init__(self, *args: Any, answers: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        answers = answers or {}
        for section in standard.SECTIONS:
            for question in section.questions:
                field: forms.Field
                if question.kind == "number":
                    field = forms.IntegerField(min_value=0, max_value=10**15)
                elif question.kind == "long":
                    field = forms.CharField(
                        widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
                    )
                else:
                    field = forms.CharField(max_length=200)
                field.label = f"{section.title} · {question.label}"
                field.required = False
                field.initial = answers.get(question.key)
                self.fields[question.key] = field

    def answers(self) -> dict[str, Any]:
        return {
            key: (value.strip() if isinstance(value, str) else value)
            for key, value in self.cleaned_data.items()
            if value not in (None, "")
        }


class ApplyForm(forms.Form):
    """The program's own questions and the documents."""

    def __init__(self, *args: Any, announcement: Announcement, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.questions = list(announcement.questions)
        for index, question in enumerate(self.questions):
            self.fields[f"answer_{index}"] = forms.CharField(
                label=question, widget=forms.Textarea(attrs={"rows": 3}), max_length=4000
            )
        for kind, label in DocumentKind.choices:
            self.fields[f"document_{kind}"] = forms.FileField(label=str(label), required=False)

    def answers(self) -> list[str]:
        return [self.cleaned_data[f"answer_{i}"] for i in range(len(self.questions))]

    def documents(self) -> list[tuple[str, Any]]:
        return [
            (kind, self.cleaned_data[f"document_{kind}"])
            for kind in DocumentKind.values
            if self.cleaned_data.get(f"document_{kind}")
        ]


class ProfileForm(forms.Form):
    """What a member keeps up to date about their enterprise: its public details and the last
    year's figures (the eligibility of calls is read from them)."""

    representative = forms.CharField(label="대표자", max_length=50, required=False)
    address = forms.CharField(label="주소", max_length=300, required=False)
    homepage = forms.URLField(label="홈페이지", required=False, assume_scheme="https")
    industry = forms.CharField(label="업종", max_length=100, required=False)
    revenue_won = forms.IntegerField(
        label="직전 연도 매출액(원)", min_value=0, max_value=10**15, required=False
    )
    employees = forms.IntegerField(
        label="직전 연도 고용 인원(명)", min_value=0, max_value=10**6, required=False
    )
    vulnerable_employees = forms.IntegerField(
        label="직전 연도 취약계층 고용(명)", min_value=0, max_value=10**6, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        employees, vulnerable = data.get("employees"), data.get("vulnerable_employees")
        if employees is not None and vulnerable is not None and vulnerable > employees:
            self.add_error(
                "vulnerable_employees", "취약계층 고용은 고용 인원보다 많을 수 없습니다."
            )
        return data
