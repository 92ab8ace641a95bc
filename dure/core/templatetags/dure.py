"""Template filters for Korean money, percentages and dates."""

from __future__ import annotations

import datetime
from decimal import Decimal

from django import template

from dure.core import formatting
from dure.core.roles import Capability, has_capability

register = template.Library()


@register.filter
def won(value: int | None, unit: str = "원") -> str:
    return formatting.format_money(value, formatting.MoneyUnit.from_label(unit))


@register.filter
def percent(value: float | Decimal | None) -> str:
    return formatting.format_percent(value)


@register.filter
def kdate(value: datetime.date | None) -> str:
    return formatting.format_date(value)


@register.filter
def kdatetime(value: datetime.datetime | None) -> str:
    if value is None:
        return ""
    from django.utils import timezone

    local = timezone.localtime(value)
    return f"{formatting.format_date(local)} {local:%H:%M}"


@register.filter
def can(user: object, capability: str) -> bool:
    """{% if user|can:"edit_registry" %}: whether the user's role holds the capability."""
    return has_capability(user, Capability(capability))
