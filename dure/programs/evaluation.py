"""Computing many figures at once, so a report's query count does not grow with its records or
its indicators.

Figures of metrics that declare a `Grouping` are computed per indicator *definition* (metric,
parameters, counting rule): requests that differ only in their centers and program share one
filtered aggregate of one query grouped by center and program, and each request adds up (or,
for averages and distinct counts, reads) the cells it covers. Other requests are computed one
subquery each, all in one UNION ALL."""

from __future__ import annotations

import datetime
import functools
import itertools
import operator
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any, NamedTuple

from django.db import connection
from django.db.models import DecimalField, F, IntegerField, Q, QuerySet, Value
from django.db.models.functions import Cast

from dure.core import figure_cache
from dure.programs.metric_registry import Grouping, Measure, Metric, Scope

CHUNK = 200 if connection.vendor == "sqlite" else 1000
# Filtered aggregates per grouped query (PostgreSQL allows 1,664 columns).
DEFINITIONS_PER_QUERY = 200


@dataclass(frozen=True)
class FigureRequest:
    """One figure to compute: a metric over a scope with parameters and a counting rule."""

    key: Hashable
    metric: Metric
    scope: Scope
    aggregation: str
    parameters: dict[str, Any] = field(default_factory=dict)
    # Only the rows marked reconstructed (the metric's `reconstructed_field`).
    reconstructed_only: bool = False

    def queryset(self) -> QuerySet:
        rows = self.metric.queryset(self.scope, self.parameters)
        return _only_reconstructed(rows, self.metric) if self.reconstructed_only else rows


def _only_reconstructed(rows: QuerySet, metric: Metric) -> QuerySet:
    if metric.reconstructed_field is None:
        return rows.none()
    return rows.filter(**{metric.reconstructed_field: True})


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
    grouped: list[_Grouped] = []
    separate: list[FigureRequest] = []
    for request in requests:
        placed = _grouped(request)
        if placed is None:
            separate.append(request)
        else:
            grouped.append(placed)
    results.update(_compute_grouped_definitions(grouped))
    results.update(_compute_separately(separate))
    return results


def _compute_separately(requests: Sequence[FigureRequest]) -> dict[Hashable, Decimal | None]:
    results: dict[Hashable, Decimal | None] = {r.key: None for r in requests}
    for start in range(0, len(requests), CHUNK):
        chunk = requests[start : start + CHUNK]
        parts = [_part(i, r, None) for i, r in enumerate(chunk)]
        combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
        for row in figure_cache.rows(combined):
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
        for row in figure_cache.rows(combined):
            results[chunk[row["figure"]].key][row["group"]] = _clean(row["value"])
    return results


class _QueryKey(NamedTuple):
    """Requests computed by one grouped query share these."""

    metric: str
    starts_on: datetime.date
    ends_on: datetime.date
    fields: tuple[str, ...]
    joins: str | None


class _Definition(NamedTuple):
    """One filtered aggregate of a grouped query."""

    aggregation: str
    parameters: tuple[tuple[str, tuple[str, ...]], ...]
    reconstructed_only: bool


@dataclass(frozen=True)
class _Grouped:
    """A request placed in a grouped query: which query, which definition, which cells."""

    request: FigureRequest
    measure: Measure
    grouping: Grouping
    query: _QueryKey
    definition: _Definition
    cells: list[tuple[int, ...]]


def _frozen(parameters: dict[str, list[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple(sorted((name, tuple(values)) for name, values in parameters.items()))


def _grouped(request: FigureRequest) -> _Grouped | None:
    """The request's place in a grouped query, or None when it must be computed alone (its
    metric has no grouping, or its rule does not add up over the several cells it covers)."""
    metric = request.metric
    grouping = metric.grouping
    if grouping is None or (request.reconstructed_only and metric.reconstructed_field is None):
        return None
    measure = metric.measure(request.aggregation)
    parameters = metric.clean_parameters(request.parameters)
    cell = grouping.cell(request.scope, **parameters)
    cells = list(itertools.product(*cell.values()))
    if len(cells) != 1 and not measure.additive:
        return None
    scope = request.scope
    return _Grouped(
        request=request,
        measure=measure,
        grouping=grouping,
        query=_QueryKey(metric.key, scope.starts_on, scope.ends_on, tuple(cell), measure.joins),
        definition=_Definition(
            request.aggregation, _frozen(parameters), request.reconstructed_only
        ),
        cells=cells,
    )


def _compute_grouped_definitions(
    placed: Sequence[_Grouped],
) -> dict[Hashable, Decimal | None]:
    """One query per (metric, dates, grouping fields, joined relation) and per
    DEFINITIONS_PER_QUERY definitions; every request then reads its cells."""
    by_query: dict[_QueryKey, list[_Grouped]] = {}
    for item in placed:
        by_query.setdefault(item.query, []).append(item)
    results: dict[Hashable, Decimal | None] = {}
    for query, items in by_query.items():
        fields = list(query.fields)
        first = items[0]
        centers = sorted({c for item in items for c in item.request.scope.center_ids})
        scope = Scope(center_ids=tuple(centers), starts_on=query.starts_on, ends_on=query.ends_on)
        definitions: dict[_Definition, _Grouped] = {}
        for item in items:
            definitions.setdefault(item.definition, item)
        order = list(definitions)
        figures: dict[_Definition, dict[tuple[int, ...], Decimal | None]] = {d: {} for d in order}
        conditions = first.grouping.conditions(
            [{name: list(values) for name, values in d.parameters} for d in order]
        )
        # A figure over the reconstructed rows alone is one more filtered aggregate of the
        # same scan, not another query.
        flag = first.request.metric.reconstructed_field
        conditions = [
            condition & Q(**{flag: True})
            if definition.reconstructed_only and flag is not None
            else condition
            for definition, condition in zip(order, conditions, strict=True)
        ]
        for start in range(0, len(order), DEFINITIONS_PER_QUERY):
            chunk = order[start : start + DEFINITIONS_PER_QUERY]
            chunk_conditions = conditions[start : start + DEFINITIONS_PER_QUERY]
            rows = first.grouping.rows(scope).order_by()
            if query.joins is not None:
                # Only rows with a counterpart can add to a distinct count: an inner join.
                rows = rows.filter(**{f"{query.joins}__isnull": False})
            # Rows no definition counts would only make empty groups: leave them out. (An
            # empty Q counts every row; Django drops it from an OR, so test for it first.)
            if all(chunk_conditions):
                distinct_conditions = list(dict.fromkeys(chunk_conditions))
                rows = rows.filter(functools.reduce(operator.or_, distinct_conditions))
            annotations: dict[str, Any] = {}
            for index, (definition, condition) in enumerate(
                zip(chunk, chunk_conditions, strict=True)
            ):
                annotations[f"figure_{index}"] = Cast(
                    definitions[definition].measure.aggregate(filter=condition),
                    DecimalField(max_digits=30, decimal_places=6),
                )
            for row in figure_cache.rows(rows.values(*fields).annotate(**annotations)):
                cell = tuple(row[name] for name in fields)
                for index, definition in enumerate(chunk):
                    figures[definition][cell] = row[f"figure_{index}"]
        for item in items:
            results[item.request.key] = _read_cells(item, figures[item.definition])
    return results


def _read_cells(item: _Grouped, figures: dict[tuple[int, ...], Decimal | None]) -> Decimal | None:
    """The request's figure from its cells: their sum for additive rules; for others the
    single cell's value. Cells without rows give what the aggregate gives for no rows."""
    values = [v for v in (figures.get(cell) for cell in item.cells) if v is not None]
    if not values:
        empty = item.measure.aggregate().empty_result_set_value
        return None if empty is None else _clean(empty)
    return _clean(sum(values, Decimal(0)))


def _clean(value: Any) -> Decimal | None:
    if value is None:
        return None
    number = Decimal(value)
    return number.quantize(Decimal(1)) if number == number.to_integral_value() else number
