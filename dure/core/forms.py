"""Core forms."""

from __future__ import annotations

from typing import Any, cast

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.db.models import QuerySet

from dure.core.models import Center, User


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "아이디 또는 비밀번호가 올바르지 않습니다. 대소문자를 확인해 주세요.",
        "inactive": "사용이 중지된 계정입니다. 센터 관리자에게 문의해 주세요.",
    }


class UserCreateForm(forms.ModelForm):
    password = forms.CharField(
        label="초기 비밀번호",
        widget=forms.PasswordInput,
        help_text="8자 이상, 흔한 비밀번호·숫자만으로 된 비밀번호는 쓸 수 없습니다.",
    )

    class Meta:
        model = User
        fields = ["username", "display_name", "email", "center", "role"]

    def __init__(self, *args: Any, centers: QuerySet[Center], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        center_field = cast(forms.ModelChoiceField, self.fields["center"])
        center_field.queryset = centers
        center_field.required = True

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        password_validation.validate_password(password)
        return cast(str, password)


class UserEditForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["display_name", "email", "center", "role", "is_active"]

    def __init__(self, *args: Any, centers: QuerySet[Center], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        center_field = cast(forms.ModelChoiceField, self.fields["center"])
        center_field.queryset = centers
        center_field.required = True
