"""Computing many figures at once: every requested aggregate in one round trip (UNION ALL),
so a report's query count does not grow with its records or its indicators."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import DecimalField, F, IntegerField, QuerySet, Value
from django.db.models.functions import Cast

from dure.programs.metric_registry import Metric, Scope

CHUNK = 200 if connection.vendor == "sqlite" else 1000


@dataclass(frozen=True)
class FigureRequest:
    """One figure to compute: a metric over a scope with parameters and a counting rule."""

    key: Hashable
    metric: Metric
    scope: Scope
    aggregation: str
    parameters: dict[str, Any] = field(default_factory=dict)

    def queryset(self) -> QuerySet:
        return self.metric.queryset(self.scope, self.parameters)


def _part(index: int, request: FigureRequest, group_by: str | None) -> QuerySet:
    aggregate = request.metric.measure(request.aggregation).aggregate()
    values: dict[str, Any] = {"figure": Value(index, output_field=IntegerField())}
    if group_by is not None:
        values["group"] = Cast(F(group_by), IntegerField())
    return (
        request.queryset()
        .order_by()
        .values(**values)
        .annotate(value=Cast(aggregate, DecimalField(max_digits=30, decimal_places=6)))
    )


def compute(requests: Sequence[FigureRequest]) -> dict[Hashable, Decimal | None]:
    """Each request's aggregate (None where there are no rows to sum)."""
    results: dict[Hashable, Decimal | None] = {r.key: None for r in requests}
    for start in range(0, len(requests), CHUNK):
        chunk = requests[start : start + CHUNK]
        parts = [_part(i, r, None) for i, r in enumerate(chunk)]
        combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for row in combined:
            results[chunk[row["figure"]].key] = _clean(row["value"])
    return results


def compute_grouped(
    requests: Sequence[FigureRequest], group_by: str
) -> dict[Hashable, dict[int, Decimal | None]]:
    """Each request's aggregate per value of a foreign key (e.g. per center)."""
    results: dict[Hashable, dict[int, Decimal | None]] = {r.key: {} for r in requests}
    for start in range(0, len(requests), CHUNK):
        chunk = requests[start : start + CHUNK]
        parts = [_part(i, r, group_by) for i, r in enumerate(chunk)]
        combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for row in combined:
            results[chunk[row["figure"]].key][row["group"]] = _clean(row["value"])
    return results


def _clean(value: Any) -> Decimal | None:
    if value is None:
        return None
    number = Decimal(value)
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number
