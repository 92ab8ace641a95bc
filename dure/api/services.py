"""Issuing, checking and revoking API tokens (audited like every change)."""

from __future__ import annotations

import datetime
import secrets

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from dure.api.models import ApiToken, Scope, token_digest
from dure.core.models import Center, User
from dure.core.roles import Capability, Role

TOKEN_PREFIX = "dure_"
# A token may read for these roles: a member's or an expert's account is not a system's, and an
# auditor reads on the screens, where each page they open is logged.
API_ROLES = frozenset({Role.CENTER_ADMIN, Role.PROGRAM_STAFF, Role.DISTRICT_STAFF, Role.FUNDER})


@transaction.atomic
def issue_token(
    *,
    issued_by: User,
    user: User,
    name: str,
    scopes: list[str],
    expires_on: datetime.date | None = None,
) -> tuple[ApiToken, str]:
    """A new token for a user of the issuer's centers; returns it with the plain token, which
    is shown once and never kept."""
    if not issued_by.can(Capability.MANAGE_CENTER) or user.center_id not in centers_of(issued_by):
        raise ValidationError("이 센터의 계정에만 토큰을 줄 수 있습니다.")
    if user.center_id is None or user.role not in API_ROLES:
        raise ValidationError(
            {"user": "API 토큰은 센터 직원과 서울시 담당관 계정에만 줄 수 있습니다."}
        )
    if not user.is_active:
        raise ValidationError({"user": "쓰지 않는 계정에는 토큰을 줄 수 없습니다."})
    if not scopes or set(scopes) - set(Scope.values):
        raise ValidationError({"scopes": "범위를 하나 이상 고르세요."})
    if expires_on is not None and expires_on < timezone.localdate():
        raise ValidationError({"expires_on": "만료일이 지났습니다."})
    plain = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken(
        center_id=user.center_id,
        user=user,
        name=name.strip(),
        prefix=plain[:12],
        digest=token_digest(plain),
        scopes=sorted(set(scopes)),
        expires_on=expires_on,
    )
    token.full_clean()
    token.save()
    return token, plain


def centers_of(user: User) -> set[int]:
    """The issuer's center and, for a metropolitan center, its districts."""
    if user.center_id is None:
        return set()
    return {user.center_id} | set(
        Center.objects.filter(parent_id=user.center_id).values_list("pk", flat=True)
    )


@transaction.atomic
def revoke_token(token: ApiToken) -> ApiToken:
    """Stop a token at once (kept, marked revoked, for the record)."""
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate(plain: str) -> ApiToken | None:
    """The usable token a request's bearer value names (None otherwise); notes its use."""
    if not plain.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "user__center")
        .filter(digest=token_digest(plain))
        .first()
    )
    if token is None or not token.is_usable:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > datetime.timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token
