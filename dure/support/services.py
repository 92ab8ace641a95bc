"""Every change to engagement records goes through here."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from django.db import transaction

from dure.core.models import Center
from dure.support.models import Engagement


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
    """Change an engagement; the audit log keeps the before and after."""
    for name, value in fields.items():
        setattr(engagement, name, value)
    return _save(engagement)


@transaction.atomic
def delete_engagement(*, engagement: Engagement) -> None:
    """Remove an engagement (the audit log keeps what it was)."""
    engagement.delete()


@transaction.atomic
def bulk_record_engagements(*, engagements: Sequence[Engagement]) -> list[Engagement]:
    """Save many prepared engagements (the demo loader, which builds trusted rows)."""
    return Engagement.objects.bulk_create(engagements, batch_size=2000)
