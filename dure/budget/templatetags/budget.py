"""Statement cells: an amount in the page's unit, linked to the records that make it up."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html

from dure.budget.statements import Figures, StatementScope
from dure.core.formatting import MoneyUnit, format_money, format_percent

register = template.Library()


@register.simple_tag(takes_context=True)
def amount(
    context: dict[str, Any], figures: Figures, attribute: str, kind: str, scope: StatementScope
) -> str:
    """`{% amount row.figures "executed_won" "expenditure" row.scope %}` → a drill-down link."""
    unit = MoneyUnit.from_label(context.get("unit", "원"))
    text = format_money(getattr(figures, attribute), unit, label=False)
    base = context.get("records_base")
    if not base:
        return text
    return format_html('<a href="{}{}/?{}">{}</a>', base, kind, scope.query(), text)


@register.simple_tag
def fund_amount(figures: Figures, attribute: str, unit_label: str) -> str:
    return format_money(getattr(figures, attribute), MoneyUnit.from_label(unit_label), label=False)


@register.filter
def attr(figures: Figures, attribute: str) -> int:
    return int(getattr(figures, attribute))


@register.filter
def rate(figures: Figures) -> str:
    pct = figures.execution_pct
    return format_percent(pct) if pct is not None else ""
