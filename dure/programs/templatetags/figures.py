"""Template filters for indicator figures: numbers in their unit, achievement rates."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template

register = template.Library()


@register.filter
def figure(value: Decimal | int | None) -> str:
    """A count or quantity with thousands separators; decimals only where they exist."""
    if value is None:
        return "-"
    number = Decimal(value)
    if number == number.to_integral_value():
        return f"{int(number):,}"
    rounded = number.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP).normalize()
    return f"{rounded:,f}"


@register.filter
def with_unit(value: Decimal | int | None, unit: str) -> str:
    text = figure(value)
    return text if text == "-" else f"{text}{unit}"


@register.filter
def is_number(value: object) -> bool:
    return isinstance(value, int | Decimal) and not isinstance(value, bool)


@register.filter
def cell(value: object) -> str:
    """A list cell: numbers with thousands separators, empty for nothing."""
    if value is None:
        return ""
    if isinstance(value, int | Decimal) and not isinstance(value, bool):
        return figure(value)
    return str(value)
