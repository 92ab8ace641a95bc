"""The metric registry: apps declare named, filtered querysets; indicators point at them by key.

A metric is a function of a `Scope` (centers, dates, the indicator's program) and keyword
parameters that returns a queryset. Its figure is an aggregate of that queryset (the counting
rule: count, sum of headcount, …) and its drill-down lists the same queryset's rows, so the list
always agrees with the figure. Nothing here stores a number."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Aggregate, Avg, Count, Q, QuerySet, Sum, Value

from dure.core.listing import Column
from dure.programs.models import Aggregation


@dataclass(frozen=True)
class Scope:
    """Whose records and which dates a metric counts, and the indicator's program as context."""

    center_ids: tuple[int, ...]
    starts_on: datetime.date
    ends_on: datetime.date
    program_id: int | None = None
    sub_program_id: int | None = None


@dataclass(frozen=True)
class Measure:
    """One counting rule of a metric: its aggregate and the rows its drill-down lists.

    `aggregate(filter=Q)` is the aggregate restricted to some rows. An `additive` aggregate of
    a set of rows is the sum of its aggregates over any partition of them (counts and sums;
    not averages or distinct counts). `joins` names the to-many relation the aggregate reads:
    such figures are computed apart from plain ones, over rows that have a counterpart."""

    aggregate: Callable[..., Aggregate]
    rows: Callable[[QuerySet], QuerySet] | None = None
    columns: Sequence[Column] | None = None
    list_total: str | None = None
    additive: bool = False
    joins: str | None = None


@dataclass(frozen=True)
class Grouping:
    """How one query grouped by a metric's fields gives its figures for many scopes at once.

    The contract, for every scope and parameters: the metric's rows are `rows(scope)` (which
    reads only the scope's centers and dates) filtered by the parameters' condition and by
    `cell(scope, **parameters)`, a mapping of field name → the values the scope covers.
    `conditions` gives the conditions of many parameter sets at once (so that it may look
    names up once for all). Figures of many indicators then come from one query per
    counting-rule family, grouped by the cell's fields, each indicator definition (parameters
    and rule) one filtered aggregate."""

    rows: Callable[[Scope], QuerySet]
    conditions: Callable[[Sequence[dict[str, list[str]]]], list[Q]]
    cell: Callable[..., dict[str, tuple[int, ...]]]


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    unit: str
    function: Callable[..., QuerySet]
    parameters: dict[str, str]
    measures: dict[str, Measure]
    columns: Sequence[Column]
    description: str = ""
    for_listing: Callable[[QuerySet], QuerySet] | None = None
    grouping: Grouping | None = None

    def queryset(self, scope: Scope, parameters: dict[str, Any] | None = None) -> QuerySet:
        """The metric's rows in the scope, filtered by the parameters."""
        return self.function(scope, **self.clean_parameters(parameters or {}))

    def clean_parameters(self, parameters: dict[str, Any]) -> dict[str, list[str]]:
        unknown = set(parameters) - set(self.parameters)
        if unknown:
            names = ", ".join(sorted(unknown))
            raise MetricError(f"‘{self.label}’에는 조건 {names}을(를) 쓸 수 없습니다.")
        return {name: as_list(value) for name, value in parameters.items() if as_list(value)}

    def measure(self, aggregation: str) -> Measure:
        try:
            return self.measures[aggregation]
        except KeyError:
            label = Aggregation(aggregation).label if aggregation in Aggregation.values else ""
            raise MetricError(
                f"‘{self.label}’은(는) 집계방식 ‘{label or aggregation}’을(를) 지원하지 않습니다."
            ) from None

    def rows(self, scope: Scope, parameters: dict[str, Any], aggregation: str) -> QuerySet:
        """The drill-down rows: the records themselves, or the distinct counterparties."""
        queryset = self.queryset(scope, parameters)
        measure = self.measure(aggregation)
        if measure.rows is not None:
            return measure.rows(queryset)
        return self.for_listing(queryset) if self.for_listing is not None else queryset

    def drill_columns(self, aggregation: str) -> Sequence[Column]:
        measure = self.measure(aggregation)
        return measure.columns if measure.columns is not None else self.columns


class MetricError(ValueError):
    """A metric key, parameter or counting rule that does not exist."""


def as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if str(v) != ""]
    return [str(value)]


_registry: dict[str, Metric] = {}


def metric(
    key: str,
    *,
    label: str,
    unit: str,
    parameters: dict[str, str] | None = None,
    measures: Mapping[str, Measure] | None = None,
    columns: Sequence[Column] = (),
    for_listing: Callable[[QuerySet], QuerySet] | None = None,
    grouping: Grouping | None = None,
) -> Callable[[Callable[..., QuerySet]], Callable[..., QuerySet]]:
    """Register a metric: `@metric("app.plural_noun", label=..., unit=...)` on a queryset function.

    Without `measures` the metric is counted (건수)."""

    def decorator(function: Callable[..., QuerySet]) -> Callable[..., QuerySet]:
        if key in _registry and _registry[key].function is not function:
            raise MetricError(f"metric {key} is registered twice")
        _registry[key] = Metric(
            key=key,
            label=label,
            unit=unit,
            function=function,
            parameters=dict(parameters or {}),
            measures=dict(measures or {Aggregation.COUNT: Measure(count_rows, additive=True)}),
            columns=columns,
            description=(function.__doc__ or "").strip(),
            for_listing=for_listing,
            grouping=grouping,
        )
        return function

    return decorator


def count_rows(filter: Q | None = None) -> Aggregate:
    # Metric querysets filter to-many relations with Exists, so rows are never repeated;
    # COUNT(*) (or COUNT(1) under a filter) lets PostgreSQL answer from a covering index alone.
    return Count("*") if filter is None else Count(Value(1), filter=filter)


def sum_of(field_name: str) -> Callable[..., Aggregate]:
    return lambda filter=None: Sum(field_name, filter=filter)


def average_of(field_name: str) -> Callable[..., Aggregate]:
    return lambda filter=None: Avg(field_name, filter=filter)


def distinct_count_of(field_name: str) -> Callable[..., Aggregate]:
    return lambda filter=None: Count(field_name, distinct=True, filter=filter)


def get_metric(key: str) -> Metric:
    try:
        return _registry[key]
    except KeyError:
        raise MetricError(f"등록되지 않은 지표 산식입니다: {key}") from None


def find_metric(name: str) -> Metric | None:
    """A metric by key or by its Korean label."""
    if name in _registry:
        return _registry[name]
    return next((m for m in _registry.values() if m.label == name), None)


def all_metrics() -> list[Metric]:
    return sorted(_registry.values(), key=lambda m: m.key)
