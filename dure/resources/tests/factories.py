"""Resources and bookings for the tests."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from dure.core.models import Center
from dure.resources import services
from dure.resources.models import Booking, Resource, ResourceKind


def venue(center: Center, name: str = "교육장", **fields: Any) -> Resource:
    return services.save_resource(
        Resource(center=center), name=name, kind=fields.pop("kind", ResourceKind.VENUE), **fields
    )


def at(day: datetime.date, hour: int, minute: int = 0) -> datetime.datetime:
    zone = timezone.get_current_timezone()
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def book(resource: Resource, day: datetime.date, start: int, end: int, **fields: Any) -> Booking:
    fields.setdefault("organisation_name", "마을 모임")
    return services.request_booking(
        center=resource.center,
        resource=resource,
        starts_at=at(day, start),
        ends_at=at(day, end),
        **fields,
    )
