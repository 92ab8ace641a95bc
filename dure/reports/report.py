"""The annual performance report, assembled from indicator results and execution rates.

사업 총괄표 (구분, 사업명, 사업목표, 사업실적, 집행률) and each program's 주요실적 table
(구분, 항목, 목표, 실적, 달성률), with the previous year beside this one. The number of queries
does not depend on the number of records or indicators."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q

from dure.core.models import Center, FiscalYear
from dure.programs.evaluation import FigureRequest, compute_grouped
from dure.programs.execution import ExecutionRate, execution_rates
from dure.programs.models import Indicator, IndicatorSource, IndicatorStatus, Program, ProgramArea
from dure.programs.results import (
    IndicatorResult,
    in_unit,
    indicator_metric,
    indicator_results,
    scope_for,
    with_report_relations,
)
from dure.reports.charts import Bar, achievement_chart


@dataclass
class CenterPart:
    """In a roll-up: one center's share of an indicator's actual (the same metric, one center)."""

    center: Center
    actual: Decimal | None


@dataclass
class IndicatorLine:
    """One line of a table: an indicator, its paired partner (20건/50억), last year's figures."""

    result: IndicatorResult
    partner: IndicatorResult | None = None
    previous: IndicatorResult | None = None
    previous_partner: IndicatorResult | None = None
    by_center: list[CenterPart] = field(default_factory=list)

    @property
    def indicator(self) -> Indicator:
        return self.result.indicator

    @property
    def bar_width(self) -> Decimal | None:
        rate = self.result.achievement
        return None if rate is None else min(rate, Decimal(150)) / Decimal("1.5")


@dataclass
class ProgramSection:
    program: Program
    execution: ExecutionRate | None
    overview: list[IndicatorLine] = field(default_factory=list)
    detail: list[IndicatorLine] = field(default_factory=list)
    results: list[IndicatorResult] = field(default_factory=list)


@dataclass
class AreaSection:
    area: ProgramArea
    programs: list[ProgramSection] = field(default_factory=list)


@dataclass
class AnnualReport:
    center: Center
    fiscal_year: FiscalYear
    previous_year: FiscalYear | None
    roll_up: bool
    areas: list[AreaSection] = field(default_factory=list)

    @property
    def programs(self) -> list[ProgramSection]:
        return [p for a in self.areas for p in a.programs]


def _indicators(center: Center, fiscal_year: FiscalYear) -> list[Indicator]:
    return list(
        with_report_relations(
            Indicator.objects.filter(center=center, program__area__fiscal_year=fiscal_year)
        ).order_by("program__area__order", "program__order", "order", "pk")
    )


def _lines(
    results: list[IndicatorResult],
    previous: dict[tuple[str, str], IndicatorResult],
) -> list[IndicatorLine]:
    by_id = {r.indicator.pk: r for r in results}
    partners = {
        r.indicator.paired_with_id: r for r in results if r.indicator.paired_with_id in by_id
    }
    lines = []
    for result in results:
        if result.indicator.paired_with_id in by_id:
            continue
        partner = partners.get(result.indicator.pk)
        lines.append(
            IndicatorLine(
                result,
                partner,
                previous.get(_code(result.indicator)),
                previous.get(_code(partner.indicator)) if partner else None,
            )
        )
    return lines


def _code(indicator: Indicator) -> tuple[str, str]:
    return (indicator.program.code, indicator.code)


def build_report(center: Center, fiscal_year: FiscalYear, *, roll_up: bool = False) -> AnnualReport:
    """The report of a center's year; with roll_up the center's districts are counted too."""
    previous_year = FiscalYear.objects.filter(year=fiscal_year.year - 1).first()
    indicators = _indicators(center, fiscal_year)
    results = indicator_results(indicators, roll_up=roll_up)
    previous: dict[tuple[str, str], IndicatorResult] = {}
    if previous_year is not None:
        earlier = _indicators(center, previous_year)
        earlier_results = indicator_results(earlier, roll_up=roll_up)
        previous = {_code(i): earlier_results[i.pk] for i in earlier}
    areas = list(
        ProgramArea.objects.filter(center=center, fiscal_year=fiscal_year)
        .prefetch_related("programs")
        .order_by("order", "pk")
    )
    programs = [p for a in areas for p in a.programs.all()]
    rates = execution_rates(programs)
    report = AnnualReport(center, fiscal_year, previous_year, roll_up)
    by_program: dict[int, list[IndicatorResult]] = {}
    for indicator in indicators:
        by_program.setdefault(indicator.program_id, []).append(results[indicator.pk])
    for area in areas:
        section = AreaSection(area)
        for program in area.programs.all():
            program_results = by_program.get(program.pk, [])
            section.programs.append(
                ProgramSection(
                    program,
                    rates.get(program.pk),
                    _lines([r for r in program_results if r.indicator.in_overview], previous),
                    _lines([r for r in program_results if r.indicator.in_detail], previous),
                    program_results,
                )
            )
        report.areas.append(section)
    if roll_up:
        _add_center_parts(report, indicators)
    return report


def _add_center_parts(report: AnnualReport, indicators: list[Indicator]) -> None:
    """Each rolled-up figure split by center: one grouped query for the whole report."""
    centers = {
        c.pk: c
        for c in Center.objects.filter(Q(pk=report.center.pk) | Q(parent=report.center)).order_by(
            "administrative_code"
        )
    }
    district_ids = {report.center.pk: [pk for pk in centers if pk != report.center.pk]}
    requests = [
        FigureRequest(
            key=indicator.pk,
            metric=indicator_metric(indicator),
            scope=scope_for(indicator, district_ids, roll_up=True),
            aggregation=indicator.aggregation,
            parameters=indicator.parameters,
        )
        for indicator in indicators
        if indicator.source == IndicatorSource.COMPUTED
        and indicator.metric_key
        and indicator.status == IndicatorStatus.ACTIVE
    ]
    grouped = compute_grouped(requests, "center_id")
    for section in report.programs:
        for line in section.detail:
            figures = grouped.get(line.indicator.pk, {})
            line.by_center = [
                CenterPart(centers[pk], in_unit(line.indicator, value))
                for pk, value in figures.items()
                if pk in centers and value
            ]
            line.by_center.sort(key=lambda part: part.center.administrative_code)
            if len(line.by_center) < 2:
                # All of it is one center's: the line itself already says so.
                line.by_center = []


def overview_bars(report: AnnualReport) -> list[Bar]:
    """The overview table's active indicators with an achievement rate, in report order."""
    bars = []
    for section in report.programs:
        for line in section.overview:
            for result in (line.result, line.partner):
                if result is None or not result.is_active or result.achievement is None:
                    continue
                bars.append(Bar(result.indicator.name, result.achievement, section.program.name))
    return bars


def overview_chart(report: AnnualReport) -> str:
    """사업별 달성률 as SVG markup ("" when no indicator has a rate)."""
    title = f"{report.fiscal_year.year}년 사업별 달성률 (사업 총괄표 지표, 100% = 목표)"
    return achievement_chart(overview_bars(report), title=title)


def _number(value: Decimal | None) -> int | float | None:
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def report_as_json(report: AnnualReport) -> dict[str, Any]:
    """The machine-readable report (`export_report --format json`)."""
    programs = []
    for area in report.areas:
        for section in area.programs:
            execution = section.execution
            programs.append(
                {
                    "area": area.area.name,
                    "name": section.program.name,
                    "code": section.program.code,
                    "execution_pct": _number(execution.percent) if execution else None,
                    "indicators": [_indicator_json(r) for r in section.results],
                }
            )
    return {
        "year": report.fiscal_year.year,
        "center": report.center.code,
        "roll_up": report.roll_up,
        "programs": programs,
    }


def _indicator_json(result: IndicatorResult) -> dict[str, Any]:
    indicator = result.indicator
    return {
        "code": indicator.code,
        "group": indicator.group,
        "name": indicator.name,
        "unit": indicator.unit,
        "target": _number(result.target),
        "actual": _number(result.actual),
        "achievement_pct": _number(result.achievement),
        # The part (0–1) of the actual resting on reconstructed records; null when none.
        "reconstructed_share": _number(result.reconstructed_share),
        "status": IndicatorStatus(indicator.status).value,
        "status_reason": indicator.status_reason,
        "source": "manual" if indicator.source == IndicatorSource.MANUAL else "computed",
        "metric": indicator.metric_key or None,
        "aggregation": indicator.aggregation,
        "parameters": indicator.parameters,
        "in_overview": indicator.in_overview,
        "in_detail": indicator.in_detail,
        "breakdown": [
            {
                "label": part.label,
                "target": _number(part.target),
                "actual": _number(part.actual),
                "achievement_pct": _number(part.achievement),
            }
            for part in result.breakdowns
        ],
    }
