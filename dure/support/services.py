"""Every change to engagement records goes through here."""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from dure.core.models import Center, User
from dure.core.roles import Capability, has_capability
from dure.registry.models import Enterprise, Expert
from dure.support import intake
from dure.support.matching import conflicts_of, conflicts_with
from dure.support.models import (
    Diagnosis,
    Engagement,
    EngagementSession,
    Status,
    VisitDiagnosis,
)


def _save(engagement: Engagement) -> Engagement:
    engagement.full_clean()
    engagement.save()
    return engagement


@transaction.atomic
def record_engagement(*, center: Center, **fields: Any) -> Engagement:
    """Record one engagement of the center (checked as a whole before it is saved)."""
    return _save(Engagement(center=center, **fields))


@transaction.atomic
def update_engagement(*, engagement: Engagement, **fields: Any) -> Engagement:
    """Change an engagement; the audit log keeps the before and after. With sessions logged,
    its delivered sessions and hours stay the sessions' count and sum."""
    for name, value in fields.items():
        setattr(engagement, name, value)
    _save(engagement)
    if engagement.sessions.exists():
        _refresh_totals(engagement)
    return engagement


@transaction.atomic
def delete_engagement(*, engagement: Engagement) -> None:
    """Remove an engagement (the audit log keeps what it was)."""
    engagement.delete()


@transaction.atomic
def bulk_record_engagements(*, engagements: Sequence[Engagement]) -> list[Engagement]:
    """Save many prepared engagements (the demo loader, which builds trusted rows)."""
    return Engagement.objects.bulk_create(engagements, batch_size=2000)


def _refresh_totals(engagement: Engagement) -> None:
    """An engagement with sessions counts its delivered sessions and hours from them."""
    sessions = list(engagement.sessions.all())
    engagement.delivered_sessions = len(sessions)
    engagement.hours = sum((s.hours for s in sessions), Decimal(0)) if sessions else None
    if sessions and engagement.status == Status.PLANNED:
        engagement.status = Status.ONGOING
    _save(engagement)


def may_log_sessions(engagement: Engagement, user: User) -> bool:
    """The assigned expert, and the staff who may change the engagement."""
    if engagement.expert is not None and engagement.expert.user_id == user.pk:
        return has_capability(user, Capability.LOG_SESSIONS)
    return (
        has_capability(user, Capability.RECORD_ACTIVITIES)
        and Engagement.objects.editable_by(user).filter(pk=engagement.pk).exists()
    )


@transaction.atomic
def log_session(
    *, engagement: Engagement, by: User, held_on: Any, hours: Any, summary: str
) -> EngagementSession:
    """Add a session (회차) to an engagement and count it in the engagement's totals."""
    engagement = Engagement.objects.select_for_update().get(pk=engagement.pk)
    if not may_log_sessions(engagement, by):
        raise PermissionDenied
    if engagement.status == Status.STOPPED:
        raise ValidationError({"held_on": "중단된 지원에는 회차를 더할 수 없습니다."})
    session = EngagementSession(
        center=engagement.center,
        engagement=engagement,
        held_on=held_on,
        hours=hours,
        summary=summary,
        logged_by=by,
    )
    session.full_clean()
    session.save()
    _refresh_totals(engagement)
    return session


@transaction.atomic
def remove_session(*, session: EngagementSession, by: User) -> None:
    """Remove a session; an expert removes only the sessions they logged."""
    engagement = Engagement.objects.select_for_update().get(pk=session.engagement_id)
    if not may_log_sessions(engagement, by):
        raise PermissionDenied
    is_staff = has_capability(by, Capability.RECORD_ACTIVITIES)
    if not is_staff and session.logged_by_id != by.pk:
        raise PermissionDenied
    session.delete()
    _refresh_totals(engagement)


@transaction.atomic
def assign_expert(*, engagement: Engagement, expert: Expert) -> Engagement:
    """Put an expert of the pool on an engagement; refused when the expert has a conflict."""
    conflicts = conflicts_of(expert, engagement)
    if conflicts:
        raise ValidationError({"expert": f"{expert.name}: " + " ".join(conflicts)})
    engagement.expert = expert
    if expert.agency_id is not None and engagement.agency_id is None:
        engagement.agency_id = expert.agency_id
    _save(engagement)
    intake.expert_assigned(engagement)
    return engagement


@transaction.atomic
def record_diagnosis(
    *, center: Center, enterprise: Enterprise, by: User | None, **fields: Any
) -> Diagnosis:
    """Record a pre-diagnosis; every question must be answered 1–5."""
    diagnosis = Diagnosis(center=center, enterprise=enterprise, recorded_by=by, **fields)
    diagnosis.full_clean()
    diagnosis.save()
    return diagnosis


@transaction.atomic
def request_visit(
    *, center: Center, enterprise: Enterprise, expert: Expert, planned_on: Any = None
) -> VisitDiagnosis:
    """Ask an expert of the pool to visit an enterprise; refused when the expert has a conflict."""
    conflicts = conflicts_with(expert, enterprise)
    if conflicts:
        raise ValidationError({"expert": f"{expert.name}: " + " ".join(conflicts)})
    visit = VisitDiagnosis(
        center=center, enterprise=enterprise, expert=expert, planned_on=planned_on
    )
    visit.full_clean()
    visit.save()
    return visit


@transaction.atomic
def record_visit(*, visit: VisitDiagnosis, by: User, **fields: Any) -> VisitDiagnosis:
    """The visiting expert (or the center's staff) records the visit's findings and plan."""
    visit = VisitDiagnosis.objects.select_for_update().get(pk=visit.pk)
    is_expert = visit.expert.user_id == by.pk and has_capability(by, Capability.LOG_SESSIONS)
    is_staff = (
        has_capability(by, Capability.RECORD_ACTIVITIES)
        and VisitDiagnosis.objects.editable_by(by).filter(pk=visit.pk).exists()
    )
    if not (is_expert or is_staff):
        raise PermissionDenied
    for name, value in fields.items():
        setattr(visit, name, value)
    visit.full_clean()
    visit.save()
    return visit
