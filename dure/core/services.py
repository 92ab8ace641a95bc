"""State changes owned by core: users, fiscal years and the personal-data access log."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

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
def create_center(
    *,
    code: str,
    name: str,
    kind: str,
    region: str,
    administrative_code: str,
    district: str = "",
    parent: Center | None = None,
) -> Center:
    """Add a support center (a district center names its metropolitan parent)."""
    center = Center(
        code=code,
        name=name,
        kind=kind,
        region=region,
        district=district,
        administrative_code=administrative_code,
        parent=parent,
    )
    center.full_clean()
    center.save()
    return center


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
    user: User,
    ip_address: str | None,
    path: str,
    subject: Model,
    action: AccessAction = AccessAction.VIEW,
    reason: str = "",
) -> PersonalDataAccess:
    """Log one view or export of a person's data: who, when, from where, whose, what."""
    entry = _access_entry(
        user=user, ip_address=ip_address, path=path, subject=subject, action=action, reason=reason
    )
    entry.full_clean()
    entry.save()
    _purge_daily()
    return entry


def _access_entry(
    *,
    user: User,
    ip_address: str | None,
    path: str,
    subject: Model,
    action: AccessAction,
    reason: str,
) -> PersonalDataAccess:
    label = getattr(subject, "personal_data_label", None) or str(subject)
    return PersonalDataAccess(
        user=user,
        center=getattr(subject, "center", None),
        ip_address=ip_address,
        action=action,
        subject_type=subject._meta.label,
        subject_id=str(subject.pk),
        subject_label=label[:200],
        path=path[:300],
        reason=reason.strip()[:300],
    )


def _purge_daily() -> None:
    """Purge expired entries at most once a day per process, as entries are written."""
    if cache.add("dure:access-log-purged", True, timeout=24 * 3600):
        purge_expired_access_log()


@transaction.atomic
def record_personal_data_export(
    *,
    user: User,
    ip_address: str | None,
    path: str,
    subjects: Iterable[Model],
    reason: str,
) -> int:
    """Log an export of many people's data at once, each with the stated reason."""
    if not reason.strip():
        raise ValidationError({"reason": "개인정보 내보내기에는 사유가 필요합니다."})
    entries = [
        _access_entry(
            user=user,
            ip_address=ip_address,
            path=path,
            subject=subject,
            action=AccessAction.EXPORT,
            reason=reason,
        )
        for subject in subjects
    ]
    PersonalDataAccess.objects.bulk_create(entries, batch_size=1000)
    _purge_daily()
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
    changed_by: User,
    display_name: str,
    email: str,
    center: Center,
    role: Role,
    is_active: bool,
) -> User:
    """Change a login's name, center, role or whether it may log in (audited)."""
    stored = User.objects.select_for_update().get(pk=user.pk)
    if stored.pk == changed_by.pk and (
        role != stored.role or center.pk != stored.center_id or not is_active
    ):
        raise ValidationError(
            "자기 계정의 역할·소속 센터·사용 여부는 바꿀 수 없습니다. "
            "다른 관리자에게 요청해 주세요."
        )
    user.display_name = display_name
    user.email = email
    user.center = center
    user.role = role
    user.is_active = is_active
    user.full_clean()
    user.save()
    return user


def unlock_login(*, username: str) -> int:
    """Lift the lockout after repeated failed logins for one account; returns entries cleared."""
    from axes.utils import reset

    return int(reset(username=username))
