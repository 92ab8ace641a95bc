"""Indicator results: target, actual computed from records (or 수기 with evidence), achievement.

All computed figures of a set of indicators come from one round trip (evaluation.compute)."""

from __future__ import annotations

from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet

from dure.core.formatting import ratio_percent
from dure.core.models import Center
from dure.programs.evaluation import FigureRequest, compute
from dure.programs.metric_registry import ROWS, Metric, Scope, get_metric
from dure.programs.models import (
    CenterScope,
    Indicator,
    IndicatorBreakdown,
    IndicatorSource,
    IndicatorStatus,
)

SHARE_PLACES = Decimal("0.001")


@dataclass
class BreakdownResult:
    breakdown: IndicatorBreakdown
    target: Decimal | None
    actual: Decimal | None
    achievement: Decimal | None

    @property
    def label(self) -> str:
        return self.breakdown.label


@dataclass
class IndicatorResult:
    indicator: Indicator
    target: Decimal | None
    actual: Decimal | None
    achievement: Decimal | None
    roll_up: bool = False
    breakdowns: list[BreakdownResult] = field(default_factory=list)
    # The part (0–1) of the figure that rests on reconstructed records; None when none does.
    reconstructed_share: Decimal | None = None

    @property
    def is_manual(self) -> bool:
        return self.indicator.source == IndicatorSource.MANUAL

    @property
    def is_active(self) -> bool:
        return self.indicator.status == IndicatorStatus.ACTIVE

    @property
    def reconstructed_percent(self) -> Decimal | None:
        """The reconstructed share in percent to 0.1 (62.5), for the mark beside the figure."""
        if self.reconstructed_share is None:
            return None
        return (self.reconstructed_share * 100).quantize(Decimal("0.1"))

    @property
    def drillable(self) -> bool:
        return self.is_active and not self.is_manual and bool(self.indicator.metric_key)


def centers_for(indicator: Indicator, district_ids: dict[int, list[int]], roll_up: bool) -> tuple:
    own = indicator.center_id
    districts = district_ids.get(own, [])
    scope = CenterScope.ALL if roll_up else indicator.center_scope
    if scope == CenterScope.OWN:
        return (own,)
    if scope == CenterScope.DISTRICTS:
        return tuple(districts)
    return (own, *districts)


def scope_for(
    indicator: Indicator, district_ids: dict[int, list[int]] | None = None, roll_up: bool = False
) -> Scope:
    """The centers, dates and program an indicator counts in."""
    if district_ids is None:
        district_ids = {
            indicator.center_id: list(
                Center.objects.filter(parent_id=indicator.center_id).values_list("pk", flat=True)
            )
        }
    fiscal_year = indicator.program.area.fiscal_year
    return Scope(
        center_ids=centers_for(indicator, district_ids, roll_up),
        starts_on=fiscal_year.starts_on,
        ends_on=fiscal_year.ends_on,
        program_id=indicator.program_id,
        sub_program_id=indicator.sub_program_id,
    )


def indicator_metric(indicator: Indicator) -> Metric:
    return get_metric(indicator.metric_key)


def parameters_for(indicator: Indicator, breakdown: IndicatorBreakdown | None) -> dict:
    return {**indicator.parameters, **(breakdown.parameters if breakdown is not None else {})}


def in_unit(indicator: Indicator, value: Decimal | None) -> Decimal | None:
    """A metric value (in its family's base unit: 원 for money) in the indicator's unit
    (5,000,000,000원 in 억원 → 50)."""
    if value is None:
        return None
    divisor = indicator.unit_scale
    if divisor == 1:
        return value
    scaled = value / Decimal(divisor)
    return scaled.normalize() if scaled == scaled.to_integral_value() else scaled


def with_report_relations(indicators: QuerySet[Indicator]) -> QuerySet[Indicator]:
    return indicators.select_related(
        "program__area__fiscal_year", "manual_figure", "sub_program"
    ).prefetch_related("breakdowns")


def indicator_results(
    indicators: Sequence[Indicator], *, roll_up: bool = False, reconstructed: bool = True
) -> dict[int, IndicatorResult]:
    """Results keyed by indicator id; computed figures in one query (plus one for centers).
    With `reconstructed`, also how much of each figure rests on reconstructed records."""
    owners = {i.center_id for i in indicators}
    district_ids: dict[int, list[int]] = {pk: [] for pk in owners}
    if owners:
        for pk, parent_id in Center.objects.filter(parent_id__in=owners).values_list(
            "pk", "parent_id"
        ):
            district_ids[parent_id].append(pk)
    requests: list[FigureRequest] = []
    counted = [
        (indicator, indicator_metric(indicator), scope_for(indicator, district_ids, roll_up))
        for indicator in indicators
        if indicator.source == IndicatorSource.COMPUTED
        and indicator.metric_key
        and indicator.status == IndicatorStatus.ACTIVE
    ]
    flagged = _centers_with_reconstructed(counted) if reconstructed else {}
    for indicator, metric, scope in counted:
        parts: list[tuple[Hashable, IndicatorBreakdown | None]] = [(indicator.pk, None)]
        parts += [((indicator.pk, b.pk), b) for b in indicator.breakdowns.all()]
        for key, breakdown in parts:
            requests.append(
                FigureRequest(
                    key=key,
                    metric=metric,
                    scope=scope,
                    aggregation=indicator.aggregation,
                    parameters=parameters_for(indicator, breakdown),
                )
            )
        if set(scope.center_ids) & flagged.get((metric.key, scope.starts_on, scope.ends_on), set()):
            requests += _share_requests(indicator, metric, scope)
    figures = compute(requests)
    results: dict[int, IndicatorResult] = {}
    for indicator in indicators:
        results[indicator.pk] = _result(indicator, figures, roll_up)
        if reconstructed:
            results[indicator.pk].reconstructed_share = _share(indicator, figures)
    return results


def _centers_with_reconstructed(
    counted: Sequence[tuple[Indicator, Metric, Scope]],
) -> dict[tuple[str, Any, Any], set[int]]:
    """Per metric and dates, the centers having any reconstructed row: shares are computed only
    for figures that may rest on such rows (one indexed query per metric and year). The rows of
    a metric with a `reconstructed_field` are center-owned."""
    wanted: dict[tuple[str, Any, Any], tuple[Metric, set[int]]] = {}
    for _, metric, scope in counted:
        if metric.reconstructed_field is None:
            continue
        key = (metric.key, scope.starts_on, scope.ends_on)
        wanted.setdefault(key, (metric, set()))[1].update(scope.center_ids)
    found: dict[tuple[str, Any, Any], set[int]] = {}
    for (metric_key, starts_on, ends_on), (metric, centers) in wanted.items():
        everywhere = Scope(center_ids=tuple(sorted(centers)), starts_on=starts_on, ends_on=ends_on)
        rows = (
            metric.grouping.rows(everywhere)
            if metric.grouping is not None
            else metric.queryset(everywhere)
        )
        assert metric.reconstructed_field is not None
        found[(metric_key, starts_on, ends_on)] = set(
            rows.filter(**{metric.reconstructed_field: True})
            .order_by()
            .values_list("center_id", flat=True)
            .distinct()
        )
    return found


def _share_requests(indicator: Indicator, metric: Metric, scope: Scope) -> list[FigureRequest]:
    """The figure over reconstructed rows alone (an additive rule), or for other rules the
    reconstructed rows and all rows, counted."""
    parameters = parameters_for(indicator, None)
    additive = metric.measure(indicator.aggregation).additive
    shares = [
        FigureRequest(
            key=("reconstructed", indicator.pk),
            metric=metric,
            scope=scope,
            aggregation=indicator.aggregation if additive else ROWS,
            parameters=parameters,
            reconstructed_only=True,
        )
    ]
    if not additive:
        shares.append(
            FigureRequest(
                key=("rows", indicator.pk),
                metric=metric,
                scope=scope,
                aggregation=ROWS,
                parameters=parameters,
            )
        )
    return shares


def _share(indicator: Indicator, figures: dict[Hashable, Decimal | None]) -> Decimal | None:
    part = figures.get(("reconstructed", indicator.pk))
    if not part:
        return None
    whole = figures.get(("rows", indicator.pk), figures.get(indicator.pk))
    if not whole:
        return None
    # A share too small to show as 0.1% still shows: the figure does rest partly on them.
    return min(Decimal(1), max(SHARE_PLACES, (part / whole).quantize(SHARE_PLACES)))


def _actual(indicator: Indicator, value: Decimal | None) -> Decimal | None:
    if value is None and _empty_is_zero(indicator):
        value = Decimal(0)
    return in_unit(indicator, value)


def _empty_is_zero(indicator: Indicator) -> bool:
    return indicator_metric(indicator).measure(indicator.aggregation).empty_is_zero


def _result(
    indicator: Indicator, figures: dict[Hashable, Decimal | None], roll_up: bool
) -> IndicatorResult:
    active = indicator.status == IndicatorStatus.ACTIVE
    if indicator.source == IndicatorSource.MANUAL:
        figure = getattr(indicator, "manual_figure", None)
        actual = figure.value if figure is not None else None
        return IndicatorResult(
            indicator,
            indicator.target,
            actual,
            ratio_percent(actual, indicator.target) if active else None,
            roll_up,
        )
    if not active or not indicator.metric_key:
        return IndicatorResult(indicator, indicator.target, None, None, roll_up)
    actual = _actual(indicator, figures.get(indicator.pk))
    breakdowns = []
    for breakdown in indicator.breakdowns.all():
        part = _actual(indicator, figures.get((indicator.pk, breakdown.pk)))
        breakdowns.append(
            BreakdownResult(
                breakdown, breakdown.target, part, ratio_percent(part, breakdown.target)
            )
        )
    return IndicatorResult(
        indicator,
        indicator.target,
        actual,
        ratio_percent(actual, indicator.target),
        roll_up,
        breakdowns,
    )
