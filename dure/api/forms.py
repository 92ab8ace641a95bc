"""The form a center admin issues an API token with."""

from __future__ import annotations

from typing import Any

from django import forms

from dure.api.models import Scope
from dure.api.services import API_ROLES
from dure.core.models import User


class TokenForm(forms.Form):
    user = forms.ModelChoiceField(label="사용자", queryset=User.objects.none())
    name = forms.CharField(label="이름", max_length=100, help_text="어느 시스템이 쓰는지")
    scopes = forms.MultipleChoiceField(
        label="범위", choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    expires_on = forms.DateField(
        label="만료일",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )

    def __init__(self, *args: Any, users: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["user"]
        field.queryset = users.filter(role__in=API_ROLES, is_active=True).order_by("username")  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: f"{u.username} · {u.get_role_display()} · {u.center}"  # type: ignore[attr-defined]
