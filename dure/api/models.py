"""API tokens: a system (the city's, a district's) reads Dure as one user, within what that
user's role and center allow and only the parts the token's scopes name."""

from __future__ import annotations

import hashlib
from typing import ClassVar

from django.db import models
from django.utils import timezone

from dure.core.models import CenterOwned, User
from dure.core.roles import Role


class Scope(models.TextChoices):
    REGISTRY = "registry", "명부 (기업·기관)"
    PROGRAMS = "programs", "사업·지표·지표 산식"
    RECORDS = "records", "기록 (지표 뒤의 기록)"
    REPORTS = "reports", "성과보고서"


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(CenterOwned):
    """A bearer token of one user: only its digest is kept; the token is shown once."""

    user = models.ForeignKey(
        User, verbose_name="사용자", on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField("이름", max_length=100, help_text="어느 시스템이 쓰는지")
    prefix = models.CharField("앞자리", max_length=12)
    digest = models.CharField(max_length=64, unique=True, editable=False)
    scopes = models.JSONField("범위", default=list)
    expires_on = models.DateField("만료일", null=True, blank=True)
    last_used_at = models.DateTimeField("마지막 사용", null=True, blank=True)
    revoked_at = models.DateTimeField("폐기", null=True, blank=True)
    created_at = models.DateTimeField("만든 때", auto_now_add=True)

    reader_roles: ClassVar[frozenset[str]] = frozenset({Role.CENTER_ADMIN})
    editor_roles: ClassVar[frozenset[str]] = frozenset({Role.CENTER_ADMIN})

    class Meta:
        verbose_name = "API 토큰"
        verbose_name_plural = "API 토큰"
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_usable(self) -> bool:
        if self.revoked_at is not None or not self.user.is_active:
            return False
        return self.expires_on is None or self.expires_on >= timezone.localdate()
