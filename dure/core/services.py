"""State changes owned by core: users, fiscal years and the personal-data access log."""

from __future__ import annotations

import datetime
import hashlib
import logging
from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, transaction
from django.db.models import Model
from django.utils import timezone

from dure.core.imports import (
    OUTCOME_LABELS,
    Importer,
    ImportRejected,
    ImportResult,
    Progress,
    get_importer,
    run_import,
)
from dure.core.models import (
    AccessAction,
    Center,
    FiscalYear,
    ImportJob,
    ImportStatus,
    PasswordResetRequest,
    PersonalDataAccess,
    User,
)
from dure.core.roles import Capability, Role

logger = logging.getLogger(__name__)


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
def set_single_approver(*, center: Center, allowed: bool, by: User) -> Center:
    """Turn the one-person center's self-approval of money records on or off: only the center's
    own admin may, and the change is kept in the audit log."""
    if not by.can(Capability.MANAGE_CENTER) or by.center_id != center.pk:
        raise PermissionDenied
    stored = Center.objects.select_for_update().get(pk=center.pk)
    stored.single_approver_allowed = allowed
    stored.full_clean()
    stored.save()
    return stored


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


@transaction.atomic
def accept_password_reset(*, email: str, ip_address: str | None) -> bool:
    """Count a password-reset request; False when its address or its e-mail address already
    made DURE_PASSWORD_RESET_LIMIT requests within the window (nothing is then recorded). The
    answer is the same whether or not the e-mail belongs to an account."""
    now = timezone.now()
    since = now - settings.DURE_PASSWORD_RESET_WINDOW
    PasswordResetRequest.objects.filter(requested_at__lt=since).delete()
    digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
    recent = PasswordResetRequest.objects.filter(requested_at__gte=since)
    limit = settings.DURE_PASSWORD_RESET_LIMIT
    if recent.filter(email_digest=digest).count() >= limit:
        return False
    if ip_address is not None and recent.filter(ip_address=ip_address).count() >= limit:
        return False
    PasswordResetRequest.objects.create(ip_address=ip_address, email_digest=digest)
    return True


# Uploaded imports: check → preview → confirm → import

PREVIEW_ROWS = 500


@transaction.atomic
def start_import(
    *,
    user: User,
    center: Center,
    kind: str,
    filename: str,
    data: bytes,
    year: int | None = None,
) -> ImportJob:
    """Keep an uploaded file and check it in a background task."""
    importer = get_importer(kind)
    if not user.can(importer.capability):
        raise ValidationError({"kind": "이 종류의 기록을 불러올 권한이 없습니다."})
    if importer.needs_year and year is None:
        raise ValidationError({"year": "이 종류는 회계연도를 골라야 합니다."})
    job = ImportJob(
        center=center, user=user, kind=kind, filename=filename[:200], data=data, year=year
    )
    job.full_clean()
    job.save()
    from dure.core import tasks

    transaction.on_commit(lambda: _dispatch(job, tasks.check_import))
    return job


@transaction.atomic
def confirm_import(*, job: ImportJob) -> ImportJob:
    """Save a checked file's rows in a background task."""
    if job.status != ImportStatus.CHECKED:
        raise ValueError("only a checked import can be confirmed")
    job.status = ImportStatus.IMPORTING
    job.processed_rows = 0
    job.save(update_fields=["status", "processed_rows", "updated_at"])
    from dure.core import tasks

    transaction.on_commit(lambda: _dispatch(job, tasks.perform_import))
    return job


def _dispatch(job: ImportJob, background: Any) -> None:
    """Every check and save of an uploaded file runs as a background task, never inside the
    request that uploaded it (whatever its size: a small file can be a hostile one)."""
    background.enqueue(job.pk)


def _importer(job: ImportJob) -> Importer:
    return get_importer(job.kind)(center=job.center, user=job.user, year=job.year)


def _progress(job: ImportJob) -> Progress:
    """Progress written from a second connection, so that it is visible while the import's own
    transaction is open. SQLite allows one writer at a time, so there the bar moves per phase."""
    if connection.vendor != "postgresql":
        return lambda done, total: None
    side = connections.create_connection(DEFAULT_DB_ALIAS)
    table = ImportJob._meta.db_table
    last = [0]

    def report(done: int, total: int) -> None:
        if done - last[0] < max(1, total // 50) and done != total:
            return
        last[0] = done
        with side.cursor() as cursor:
            cursor.execute(
                f'UPDATE "{table}" SET processed_rows = %s, total_rows = %s WHERE id = %s',
                [done, total, job.pk],
            )

    return report


def _finish(job: ImportJob, result: ImportResult, status: str) -> None:
    job.status = status
    job.created_count = result.created
    job.updated_count = result.updated
    job.unchanged_count = result.unchanged
    job.total_rows = job.processed_rows = len(result.outcomes) or result.rows_read
    job.preview = [
        [row, result.labels.get(row, ""), OUTCOME_LABELS[outcome]]
        for row, outcome in sorted(result.outcomes.items())[:PREVIEW_ROWS]
    ]
    job.save()


IMPORT_FAILED = (
    "파일을 처리하는 중에 예상하지 못한 문제가 생겨 아무것도 저장하지 않았습니다. "
    "관리자에게 파일 이름과 올린 시각을 알려 주세요."
)


def _fail(job: ImportJob) -> ImportJob:
    """An unforeseen error: the job says so instead of staying 검사 중 or 저장 중 for ever."""
    logger.exception("import job %s (%s) failed", job.pk, job.kind)
    job.status = ImportStatus.FAILED
    job.message = IMPORT_FAILED
    job.save(update_fields=["status", "message", "updated_at"])
    return job


def _reject(job: ImportJob, rejected: ImportRejected) -> ImportJob:
    job.status = ImportStatus.REJECTED
    job.errors = [[e.row, e.column, e.message] for e in rejected.errors]
    job.save()
    return job


def check_import(*, job: ImportJob) -> ImportJob:
    """A dry run of the whole file: every row's problem, or what each row would do."""
    try:
        result = run_import(
            _importer(job), bytes(job.data), job.filename, dry_run=True, progress=_progress(job)
        )
    except ImportRejected as rejected:
        return _reject(job, rejected)
    except Exception:
        return _fail(job)
    _finish(job, result, ImportStatus.CHECKED)
    return job


def perform_import(*, job: ImportJob) -> ImportJob:
    """Save every row of a checked file, or none (the file may have gone stale since)."""
    try:
        result = run_import(_importer(job), bytes(job.data), job.filename, progress=_progress(job))
    except ImportRejected as rejected:
        return _reject(job, rejected)
    except Exception:
        return _fail(job)
    _finish(job, result, ImportStatus.DONE)
    job.message = result.summary()
    job.save(update_fields=["message"])
    return job
