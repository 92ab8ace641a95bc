"""Core forms."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm

from dure.core.imports import get_importer
from dure.core.models import User, centers_managed_by, role_center_errors, roles_assignable_by


class LoginForm(AuthenticationForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "아이디"

    error_messages = {
        "invalid_login": "아이디 또는 비밀번호가 올바르지 않습니다. 대소문자를 확인해 주세요.",
        "inactive": "사용이 중지된 계정입니다. 센터 관리자에게 문의해 주세요.",
    }


class _ManagedUserForm(forms.ModelForm):
    """Center and role choices limited to what the managing admin may give."""

    def __init__(self, *args: Any, manager: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        center_field = cast(forms.ModelChoiceField, self.fields["center"])
        center_field.queryset = centers_managed_by(manager)
        center_field.required = True
        center_field.empty_label = None
        role_field = cast(forms.ChoiceField, self.fields["role"])
        role_field.choices = [(role.value, role.label) for role in roles_assignable_by(manager)]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for error in role_center_errors(cleaned.get("role", ""), cleaned.get("center")):
            self.add_error("center", error)
        return cleaned


class UserCreateForm(_ManagedUserForm):
    password = forms.CharField(
        label="초기 비밀번호",
        widget=forms.PasswordInput,
        help_text="8자 이상. 흔한 비밀번호나 숫자로만 된 비밀번호는 쓸 수 없습니다.",
    )

    class Meta:
        model = User
        fields = ["username", "display_name", "email", "center", "role"]
        labels = {"username": "아이디"}
        help_texts = {"username": "150자 이하의 영문, 숫자, @ . + - _"}

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return cast(str, password)


class UserEditForm(_ManagedUserForm):
    class Meta:
        model = User
        fields = ["display_name", "email", "center", "role", "is_active"]
        labels = {"is_active": "사용 여부"}
        help_texts = {"is_active": "끄면 이 계정으로 로그인할 수 없습니다."}


MAX_IMPORT_BYTES = 30 * 1024 * 1024


class CenterSettingsForm(forms.Form):
    single_approver_allowed = forms.BooleanField(
        label="1인 센터 단독 승인 허용",
        required=False,
        help_text="직원이 한 명뿐인 센터만 켭니다. 켜면 집행·전용을 기록한 사람이 직접 승인할 수 "
        "있고, 그런 승인은 ‘단독 승인’으로 표시되며 변경 이력에 남습니다.",
    )


class ImportUploadForm(forms.Form):
    kind = forms.ChoiceField(label="종류")
    year = forms.IntegerField(
        label="회계연도",
        required=False,
        min_value=2000,
        max_value=2100,
        help_text="사업 계획·예산·집행처럼 연도별 기록을 불러올 때만 적습니다.",
    )
    file = forms.FileField(
        label="파일",
        help_text="CSV(UTF-8 또는 CP949/EUC-KR) 또는 XLSX. 제목 행이 위에 있어도 됩니다.",
        error_messages={"required": "불러올 파일을 고르세요."},
    )

    def __init__(self, *args: Any, kinds: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = kinds  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind = cleaned.get("kind")
        if kind and get_importer(kind).needs_year and not cleaned.get("year"):
            self.add_error("year", "이 종류는 회계연도가 필요합니다.")
        return cleaned

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        name = upload.name.lower()
        if not name.endswith((".csv", ".txt", ".xlsx")):
            raise forms.ValidationError("CSV 또는 XLSX 파일만 불러올 수 있습니다.")
        if upload.size > MAX_IMPORT_BYTES:
            raise forms.ValidationError("파일이 너무 큽니다(30MB까지).")
        return upload
