"""공유자원: bookings requested, approved, refused and cancelled; resources and tenancies. A
booking is checked against the live bookings of its resource with the resource row locked, so
two requests for one slot cannot both pass; each change is audited."""

from __future__ import annotations

import datetime
from itertools import pairwise
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from dure.core.models import Center, User
from dure.core.periods import ensure_all_open
from dure.programs.records.services import save_record
from dure.resources.models import LIVE_STATUSES, Booking, BookingStatus, Resource, Tenancy


def clash_of(booking: Booking) -> Booking | None:
    """The first live booking of the same resource overlapping this one (touching is fine)."""
    return (
        Booking.objects.filter(
            resource_id=booking.resource_id,
            status__in=LIVE_STATUSES,
            starts_at__lt=booking.ends_at,
            ends_at__gt=booking.starts_at,
        )
        .exclude(pk=booking.pk)
        .order_by("starts_at")
        .first()
    )


def _refuse_clash(booking: Booking, *, reveal: bool = True) -> None:
    """Refuse a booking overlapping a live one, naming it (who only to staff)."""
    clash = clash_of(booking)
    if clash is None:
        return
    if reveal:
        held = f"‘{clash.organisation}’의 {clash.get_status_display()}된 예약"
    else:
        held = "이미 다른 예약"
    raise ValidationError(
        {"starts_at": f"‘{booking.resource}’은(는) {clash.period_label}에 {held}이 있어 겹칩니다."}
    )


def _save_live(booking: Booking, *, reveal: bool = True) -> Booking:
    """Save a live booking after checking it against the others, the resource locked."""
    Resource.objects.select_for_update().get(pk=booking.resource_id)
    booking.full_clean()
    if not booking.resource.is_active:
        raise ValidationError(
            {"resource": f"‘{booking.resource}’은(는) 지금 예약을 받지 않습니다."}
        )
    _refuse_clash(booking, reveal=reveal)
    try:
        with transaction.atomic():
            booking.save()
    except IntegrityError:
        # PostgreSQL's exclusion constraint caught a booking committed meanwhile.
        _refuse_clash(booking, reveal=reveal)
        raise
    return booking


@transaction.atomic
def request_booking(
    *,
    center: Center,
    resource: Resource,
    starts_at: datetime.datetime,
    ends_at: datetime.datetime,
    requested_by: User | None = None,
    approve: bool = False,
    reveal_clash: bool = True,
    **fields: Any,
) -> Booking:
    """Book a resource (신청; 승인 at once when staff book it themselves). A clash is refused
    naming the booking it meets; `reveal_clash=False` (a member) leaves out whose it is."""
    booking = Booking(
        center=center,
        resource=resource,
        starts_at=starts_at,
        ends_at=ends_at,
        requested_by=requested_by,
        status=BookingStatus.APPROVED if approve else BookingStatus.REQUESTED,
        decided_at=timezone.now() if approve else None,
        **fields,
    )
    return _save_live(booking, reveal=reveal_clash)


@transaction.atomic
def change_booking(booking: Booking, **fields: Any) -> Booking:
    """Change a booking's details or times; a live one is checked again for clashes."""
    for name, value in fields.items():
        setattr(booking, name, value)
    if booking.is_live:
        return _save_live(booking)
    return save_record(booking)


def _decide(
    booking: Booking, *, allowed: tuple[str, ...], status: str, verb: str, reason: str = ""
) -> Booking:
    """Move a booking on from one of the `allowed` states, read again under a lock."""
    current = Booking.objects.select_for_update().get(pk=booking.pk)
    if current.status not in allowed:
        raise ValidationError(f"{current.get_status_display()} 상태의 예약은 {verb}할 수 없습니다.")
    current.status = status
    current.reason = reason.strip()
    current.decided_at = timezone.now()
    save_record(current)
    booking.refresh_from_db()
    return current


@transaction.atomic
def approve_booking(booking: Booking) -> Booking:
    """Approve a requested booking."""
    requested = (BookingStatus.REQUESTED,)
    return _decide(booking, allowed=requested, status=BookingStatus.APPROVED, verb="승인")


@transaction.atomic
def refuse_booking(booking: Booking, *, reason: str) -> Booking:
    """Refuse a requested booking, saying why (the member reads it)."""
    if not reason.strip():
        raise ValidationError({"reason": "반려 사유를 적어 주세요."})
    requested = (BookingStatus.REQUESTED,)
    return _decide(
        booking, allowed=requested, status=BookingStatus.REFUSED, verb="반려", reason=reason
    )


@transaction.atomic
def cancel_booking(booking: Booking, *, reason: str = "") -> Booking:
    """Cancel a live booking; its slot is free again."""
    return _decide(
        booking, allowed=LIVE_STATUSES, status=BookingStatus.CANCELLED, verb="취소", reason=reason
    )


@transaction.atomic
def save_resource(resource: Resource, **fields: Any) -> Resource:
    """Add or change a resource."""
    for name, value in fields.items():
        setattr(resource, name, value)
    return save_record(resource)


@transaction.atomic
def record_tenancy(*, center: Center, **fields: Any) -> Tenancy:
    """Record an organisation moving into the shared office."""
    return save_record(Tenancy(center=center, **fields))


@transaction.atomic
def bulk_book(bookings: list[Booking]) -> int:
    """Save many bookings at once (old records), each checked against the others and the saved."""
    by_resource: dict[int, list[Booking]] = {}
    for booking in bookings:
        booking.full_clean(validate_unique=False)
        by_resource.setdefault(booking.resource_id, []).append(booking)
    for resource_id, rows in by_resource.items():
        Resource.objects.select_for_update().get(pk=resource_id)
        live = sorted((b for b in rows if b.is_live), key=lambda b: b.starts_at)
        for before, after in pairwise(live):
            if after.starts_at < before.ends_at:
                message = f"‘{after.resource}’ 예약 {before.period_label}과 {after.period_label}"
                raise ValidationError(message + "이 겹칩니다.")
        for booking in live:
            _refuse_clash(booking)
    ensure_all_open(bookings)
    Booking.objects.bulk_create(bookings, batch_size=500)
    return len(bookings)
