"""The metric registry: apps declare named, filtered querysets; indicators point at them by key.

A metric is a function of a `Scope` (centers, dates, the indicator's program) and keyword
parameters that returns a queryset. Its figure is an aggregate of that queryset (a *measure*,
the counting rule: count, sum of headcount, sum of hours …) and its drill-down lists the same
queryset's rows, so the list always agrees with the figure. Nothing here stores a number.

The registry is open: an app registers its metrics, their measures, its own units
(`register_unit("시간", family="hours")`) and its parameters from its own `metrics.py`, and the
plan import, the indicator checks, the report and the drill-down read them from here."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import Aggregate, Avg, Count, Model, Q, QuerySet, Sum, Value
from django.urls import reverse

from dure.core.listing import Column


@dataclass(frozen=True)
class Scope:
    """Whose records and which dates a metric counts, and the indicator's program as context."""

    center_ids: tuple[int, ...]
    starts_on: datetime.date
    ends_on: datetime.date
    program_id: int | None = None
    sub_program_id: int | None = None


class MetricError(ValueError):
    """A metric key, parameter, counting rule or unit that does not exist or does not fit."""


# Units ---------------------------------------------------------------------------------------

COUNT_FAMILY = "count"
MONEY_FAMILY = "money"
PERCENT_FAMILY = "percent"


@dataclass(frozen=True)
class Unit:
    """A unit an indicator may be stated in: its family (what kind of quantity) and how many of
    the family's base units one of it is (억원 = 100,000,000 원). Figures are computed in the base
    unit and shown in the indicator's unit."""

    label: str
    family: str
    scale: int = 1


_units: dict[str, Unit] = {}


def register_unit(label: str, *, family: str, scale: int = 1) -> Unit:
    """Make a unit available to indicators (`register_unit("박", family="nights")`)."""
    unit = Unit(label, family, scale)
    existing = _units.get(label)
    if existing is not None and existing != unit:
        raise MetricError(f"unit {label} is registered twice with different families")
    _units[label] = unit
    return unit


def get_unit(label: str) -> Unit:
    try:
        return _units[label]
    except KeyError:
        known = ", ".join(_units)
        raise MetricError(f"‘{label}’은(는) 쓸 수 없는 단위입니다({known}).") from None


def all_units() -> list[Unit]:
    return list(_units.values())


for _label in ("건", "회", "명", "개", "식", "팀", "개소"):
    register_unit(_label, family=COUNT_FAMILY)
for _label, _scale in (("원", 1), ("천원", 1_000), ("백만원", 1_000_000), ("억원", 100_000_000)):
    register_unit(_label, family=MONEY_FAMILY, scale=_scale)
register_unit("%", family=PERCENT_FAMILY)


# Measures, parameters, metrics ---------------------------------------------------------------


RecordPage = str | Callable[[Any], str]


@dataclass(frozen=True)
class Measure:
    """One counting rule of a metric: its Korean label, its aggregate and the rows its
    drill-down lists.

    `aggregate(filter=Q)` is the aggregate restricted to some rows. An `additive` aggregate of
    a set of rows is the sum of its aggregates over any partition of them (counts and sums;
    not averages or distinct counts). `empty_is_zero`: no rows make 0, not "no figure" (a
    count or a sum; an average of nothing stays empty). `family` is the unit family its value
    is in (`count`, `money` in 원, or an app's own). `joins` names the to-many relation the
    aggregate reads: such figures are computed apart from plain ones, over rows that have a
    counterpart. `record_page` (a URL name taking the row's pk, or a function of the row) opens
    a listed row; by default the metric's."""

    label: str
    aggregate: Callable[..., Aggregate]
    family: str = COUNT_FAMILY
    additive: bool = False
    empty_is_zero: bool = False
    rows: Callable[[QuerySet], QuerySet] | None = None
    columns: Sequence[Column] | None = None
    list_total: str | None = None
    joins: str | None = None
    record_page: RecordPage | None = None


@dataclass(frozen=True)
class Parameter:
    """A condition a plan may put on a metric (조건 `라벨=값, 값`) and on a breakdown.

    `clean(value)` gives a value's stored form or raises MetricError (e.g. `강동` → `강동구`).
    `prepare(center, values)` runs when a plan naming these values is saved, for parameters
    whose values a center keeps as a list (활동유형); it returns how many it added."""

    label: str
    clean: Callable[[str], str] | None = None
    prepare: Callable[[Any, list[str]], int] | None = None


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


# A counting rule every metric has without declaring it: its rows. The report uses it for the
# share of a non-additive figure's records that are reconstructed.
ROWS = "__rows__"


@dataclass(frozen=True)
class Metric:
    key: str
    label: str
    function: Callable[..., QuerySet]
    parameters: dict[str, Parameter]
    measures: dict[str, Measure]
    columns: Sequence[Column]
    description: str = ""
    for_listing: Callable[[QuerySet], QuerySet] | None = None
    grouping: Grouping | None = None
    record_page: RecordPage | None = None
    reconstructed_field: str | None = None

    def queryset(self, scope: Scope, parameters: dict[str, Any] | None = None) -> QuerySet:
        """The metric's rows in the scope, filtered by the parameters."""
        return self.function(scope, **self.clean_parameters(parameters or {}))

    def clean_parameters(self, parameters: dict[str, Any]) -> dict[str, list[str]]:
        unknown = set(parameters) - set(self.parameters)
        if unknown:
            names = ", ".join(sorted(unknown))
            raise MetricError(f"‘{self.label}’에는 조건 {names}을(를) 쓸 수 없습니다.")
        return {name: as_list(value) for name, value in parameters.items() if as_list(value)}

    def parameter_by_label(self, name: str) -> str | None:
        """A parameter's key by its Korean label (or by its key)."""
        if name in self.parameters:
            return name
        return next((key for key, p in self.parameters.items() if p.label == name), None)

    def measure(self, aggregation: str) -> Measure:
        if aggregation == ROWS:
            return counted("기록 수")
        try:
            return self.measures[aggregation]
        except KeyError:
            raise MetricError(
                f"‘{self.label}’은(는) 집계방식 ‘{aggregation}’을(를) 지원하지 않습니다"
                f"({', '.join(m.label for m in self.measures.values())})."
            ) from None

    def measure_by_label(self, label: str) -> str | None:
        """A counting rule's key by its Korean label (or by its key)."""
        if label in self.measures:
            return label
        return next((key for key, m in self.measures.items() if m.label == label), None)

    @property
    def default_measure(self) -> str:
        return next(iter(self.measures))

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

    def record_url(self, aggregation: str, row: Model) -> str:
        """The page of a row listed behind a figure ("" when it has none)."""
        page = self.measure(aggregation).record_page or self.record_page
        if page is None:
            return ""
        if callable(page):
            return page(row)
        return reverse(page, args=[row.pk])

    def check_unit(self, aggregation: str, unit_label: str) -> None:
        """The unit must be registered and of the counting rule's family."""
        unit = get_unit(unit_label)
        measure = self.measure(aggregation)
        if unit.family != measure.family:
            fitting = ", ".join(u.label for u in all_units() if u.family == measure.family)
            raise MetricError(
                f"‘{measure.label}’은(는) 단위 ‘{unit_label}’로 나타낼 수 없습니다"
                f"(쓸 수 있는 단위: {fitting})."
            )


def as_list(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple):
        return [str(v) for v in value if str(v) != ""]
    return [str(value)]


_registry: dict[str, Metric] = {}


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


def counted(label: str = "건수", **options: Any) -> Measure:
    """The number of rows (additive; no rows make 0)."""
    return Measure(label, count_rows, additive=True, empty_is_zero=True, **options)


def summed(label: str, field_name: str, *, family: str = COUNT_FAMILY, **options: Any) -> Measure:
    """The sum of a field (additive; no rows make 0); the drill-down shows the field's total."""
    options.setdefault("list_total", field_name)
    return Measure(
        label, sum_of(field_name), family=family, additive=True, empty_is_zero=True, **options
    )


def metric(
    key: str,
    *,
    label: str,
    parameters: Mapping[str, str | Parameter] | None = None,
    measures: Mapping[str, Measure] | None = None,
    columns: Sequence[Column] = (),
    for_listing: Callable[[QuerySet], QuerySet] | None = None,
    grouping: Grouping | None = None,
    record_page: RecordPage | None = None,
    reconstructed_field: str | None = None,
) -> Callable[[Callable[..., QuerySet]], Callable[..., QuerySet]]:
    """Register a metric: `@metric("app.plural_noun", label=..., measures=...)` on a queryset
    function. Without `measures` the metric is counted (건수). A parameter given as a string is
    its label. `reconstructed_field` names the rows' boolean that marks generated records, so
    the report can say how much of a figure rests on them."""

    def decorator(function: Callable[..., QuerySet]) -> Callable[..., QuerySet]:
        if key in _registry and _registry[key].function is not function:
            raise MetricError(f"metric {key} is registered twice")
        declared = {
            name: value if isinstance(value, Parameter) else Parameter(value)
            for name, value in (parameters or {}).items()
        }
        rules = dict(measures or {"count": counted()})
        _check_labels(key, [p.label for p in declared.values()], "parameter")
        _check_labels(key, [m.label for m in rules.values()], "counting rule")
        _registry[key] = Metric(
            key=key,
            label=label,
            function=function,
            parameters=declared,
            measures=rules,
            columns=columns,
            description=(function.__doc__ or "").strip(),
            for_listing=for_listing,
            grouping=grouping,
            record_page=record_page,
            reconstructed_field=reconstructed_field,
        )
        return function

    return decorator


def _check_labels(key: str, labels: list[str], what: str) -> None:
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise MetricError(f"metric {key}: {what} labels repeated: {', '.join(repeated)}")


def unregister(key: str) -> None:
    """Take a metric out of the registry (tests that register their own)."""
    _registry.pop(key, None)


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


def registry_problems() -> list[str]:
    """What makes the registry ambiguous or broken: repeated metric labels, measures of an
    unregistered unit family. Checked at start-up (`programs.checks`)."""
    problems = []
    seen: dict[str, str] = {}
    families = {unit.family for unit in all_units()}
    for item in all_metrics():
        if item.label in seen:
            problems.append(
                f"지표 산식 이름 ‘{item.label}’이(가) {seen[item.label]}, {item.key}에 겹칩니다."
            )
        seen.setdefault(item.label, item.key)
        for rule, measure in item.measures.items():
            if measure.family not in families:
                problems.append(
                    f"{item.key}의 집계방식 {rule}: 단위 계열 ‘{measure.family}’에 단위가 없습니다."
                )
    return problems
