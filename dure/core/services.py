"""State changes owned by core: users, fiscal years and the personal-data access log."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.http import HttpRequest
from django.utils import timezone

from dure.core.access import client_ip
from dure.core.models import AccessAction, Center, FiscalYear, PersonalDataAccess, User
from dure.core.roles import Role


@transaction.atomic
def create_user(
    *,
    username: str,
    password: str,
    center: Center,
    role: Role,
    display_name: str = "",
    email: str = "",
) -> User:
    """Create a login for a person at a center with one role."""
    user = User(username=username, center=center, role=role, display_name=display_name, email=email)
    user.set_password(password)
    user.full_clean()
    user.save()
    return user


@transaction.atomic
def ensure_fiscal_year(*, year: int) -> FiscalYear:
    """The calendar fiscal year, created when missing."""
    fiscal_year, _ = FiscalYear.objects.get_or_create(
        year=year,
        defaults={
            "starts_on": datetime.date(year, 1, 1),
            "ends_on": datetime.date(year, 12, 31),
        },
    )
    return fiscal_year


def record_personal_data_access(
    *,
    request: HttpRequest,
    subject: Model,
    action: AccessAction = AccessAction.VIEW,
    reason: str = "",
) -> PersonalDataAccess:
    """Log one view or export of a person's data: who, when, from where, whose, what."""
    assert isinstance(request.user, User)
    entry = PersonalDataAccess(
        user=request.user,
        ip_address=client_ip(request),
        action=action,
        subject_type=subject._meta.label,
        subject_id=str(subject.pk),
        subject_label=str(subject)[:200],
        path=request.get_full_path()[:300],
        reason=reason,
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def record_personal_data_export(
    *, request: HttpRequest, subjects: Iterable[Model], reason: str
) -> int:
    """Log an export of many people's data at once, each with the stated reason."""
    if not reason.strip():
        raise ValidationError({"reason": "개인정보 내보내기에는 사유가 필요합니다."})
    assert isinstance(request.user, User)
    entries = [
        PersonalDataAccess(
            user=request.user,
            ip_address=client_ip(request),
            action=AccessAction.EXPORT,
            subject_type=subject._meta.label,
            subject_id=str(subject.pk),
            subject_label=str(subject)[:200],
            path=request.get_full_path()[:300],
            reason=reason.strip()[:300],
        )
        for subject in subjects
    ]
    PersonalDataAccess.objects.bulk_create(entries, batch_size=1000)
    return len(entries)


@transaction.atomic
def purge_expired_access_log(*, now: datetime.datetime | None = None) -> int:
    """Delete access-log entries older than the retention period; returns how many."""
    moment = now or timezone.now()
    cutoff = moment - datetime.timedelta(days=settings.DURE_ACCESS_LOG_RETENTION_DAYS)
    deleted, _ = PersonalDataAccess.objects.filter(accessed_at__lt=cutoff).delete()
    return deleted


@transaction.atomic
def update_user(
    *,
    user: User,
    display_name: str,
    email: str,
    center: Center,
    role: Role,
    is_active: bool,
) -> User:
    """Change a login's name, center, role or whether it may log in (audited)."""
    user.display_name = display_name
    user.email = email
    user.center = center
    user.role = role
    user.is_active = is_active
    user.full_clean()
    user.save()
    return user
