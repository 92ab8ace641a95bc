"""An edition rendered as a `Document`, in the seed report's structure.

Cover and foreword (펴내는 글), the year at a glance, the overview (사업 총괄표) with its chart,
one chapter per area with each program's 사업소개, 주요실적 table and 추진내역 (narrative,
record lists, breakdowns and charts as staff chose), and the appendix (정산 보고, 발간 자료).
Every number comes from records through `livefigures`; nothing is typed in here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Sum
from django.urls import reverse

from dure.budget.statements import DETAIL_COLUMNS, REPORT_COLUMNS, SUMMARY_ROWS
from dure.core.models import Center
from dure.programs.metric_registry import Scope, get_metric
from dure.programs.results import IndicatorResult, parameters_for, scope_for
from dure.reports.charts import (
    Bar,
    Part,
    achievement_chart,
    achievement_png,
    parts_chart,
    parts_png,
)
from dure.reports.document import Cell, Chart, Document, Figure, Heading, PageBreak, Table
from dure.reports.livefigures import (
    EditionContext,
    execution_figure,
    indicator_figure,
    indicator_label,
    paragraphs,
)
from dure.reports.models import EditionSection
from dure.reports.report import IndicatorLine, ProgramSection, overview_bars

# A record list longer than this prints its first rows and says how many more the screen holds.
RECORD_LIST_LIMIT = 400
PUBLICATIONS = "publications"
SETTLEMENT = "settlement"
APPENDIX_CHOICES = ((SETTLEMENT, "정산 보고"), (PUBLICATIONS, "발간 자료"))
# 발간 자료: the year's activity records of this kind.

Progress = Callable[[int, str], None]


@dataclass(frozen=True)
class BlockChoice:
    key: str
    label: str


def block_choices(section: ProgramSection) -> list[BlockChoice]:
    """What a program's section can show: its tables, record lists and charts."""
    choices = [
        BlockChoice("kpi", "주요실적 표"),
        BlockChoice("kpi_chart", "주요실적 달성률 그래프"),
    ]
    for result in section.results:
        name = result.indicator.name
        if result.breakdowns:
            choices.append(BlockChoice(f"breakdown:{result.indicator.pk}", f"{name} — 세부 표"))
            choices.append(
                BlockChoice(f"breakdown_chart:{result.indicator.pk}", f"{name} — 세부 그래프")
            )
        if result.drillable:
            choices.append(BlockChoice(f"records:{result.indicator.pk}", f"{name} — 기록 목록"))
    return choices


def default_blocks(section: ProgramSection) -> list[str]:
    """A new edition shows each program's 주요실적 table and the breakdown tables."""
    keys = ["kpi"]
    keys += [f"breakdown:{r.indicator.pk}" for r in section.results if r.breakdowns]
    return keys


def build_document(
    context: EditionContext, *, png: bool = False, progress: Progress | None = None
) -> Document:
    """The edition as a document; `png` also draws each chart as PNG (for HWPX)."""
    edition = context.edition
    report = context.report
    year = edition.fiscal_year.year
    document = Document(
        title=edition.title,
        center_name=edition.center.name,
        year=year,
        subtitle=f"{year}년 사업 성과와 정산" + (" (자치구 합산)" if edition.roll_up else ""),
    )
    step = progress or (lambda percent, text: None)
    step(5, "펴내는 글과 한눈에 보기")
    if edition.foreword.strip():
        document.add(Heading(1, "펴내는 글", "foreword"))
        for paragraph in paragraphs(context, edition.foreword):
            document.add(paragraph)
    glance = _glance_table(context)
    if glance.rows:
        document.add(Heading(1, f"한눈에 보는 {year}년", "glance"))
        document.add(glance)
    step(10, "사업 총괄표")
    document.add(Heading(1, "사업 총괄표", "overview"))
    document.add(_overview_table(context))
    bars = overview_bars(report)
    if bars:
        title = f"{year}년 사업별 달성률 (100% = 목표)"
        document.add(
            Chart(
                "overview-chart",
                title,
                achievement_chart(bars, title=title),
                achievement_png(bars, title=title) if png else b"",
                "사업 총괄표 지표의 달성률(실적 ÷ 목표). 세로선이 목표(100%)입니다.",
            )
        )
    sections = {s.program_id: s for s in edition.sections.select_related("program").order_by("pk")}
    total = max(1, len(report.programs))
    done = 0
    for area in report.areas:
        chosen = [p for p in area.programs if p.program.pk in sections]
        if not chosen:
            continue
        document.add(PageBreak())
        document.add(Heading(1, area.area.name, f"area-{area.area.pk}"))
        for program_section in chosen:
            done += 1
            step(10 + 70 * done // total, f"{program_section.program.name}")
            _program(context, document, program_section, sections[program_section.program.pk], png)
    _appendix(context, document, step)
    step(85, "문서 구성 완료")
    return document


def _program(
    context: EditionContext,
    document: Document,
    section: ProgramSection,
    edition_section: EditionSection,
    png: bool,
) -> None:
    program = section.program
    document.add(Heading(2, program.name, f"program-{program.pk}"))
    if edition_section.introduction.strip():
        document.add(Heading(3, "사업소개", ""))
        for paragraph in paragraphs(context, edition_section.introduction, style="lead"):
            document.add(paragraph)
    blocks = list(edition_section.blocks)
    results = {r.indicator.pk: r for r in section.results}
    if "kpi" in blocks or "kpi_chart" in blocks:
        document.add(Heading(3, "주요실적", ""))
    if "kpi" in blocks:
        document.add(_kpi_table(context, section))
    if "kpi_chart" in blocks:
        chart = _kpi_chart(section, png)
        if chart is not None:
            document.add(chart)
    others = [b for b in blocks if b not in {"kpi", "kpi_chart"}]
    if edition_section.narrative.strip() or others:
        document.add(Heading(3, "추진내역", ""))
        for paragraph in paragraphs(context, edition_section.narrative):
            document.add(paragraph)
    for key in others:
        kind, _, number = key.partition(":")
        result = results.get(int(number)) if number.isdigit() else None
        if result is None:
            continue
        if kind == "breakdown" and result.breakdowns:
            document.add(_breakdown_table(context, result))
        elif kind == "breakdown_chart" and result.breakdowns:
            document.add(_breakdown_chart(result, png))
        elif kind == "records" and result.drillable:
            document.add(_records_table(context, result))


# Tables ----------------------------------------------------------------------------------------


def _glance_table(context: EditionContext) -> Table:
    table = Table(
        "glance",
        f"한눈에 보는 {context.edition.fiscal_year.year}년",
        ["사업", "지표", "목표", "실적", "달성률"],
        numeric_columns=(2, 3, 4),
    )
    for pk in context.edition.glance:
        result = context.by_pk.get(pk) if isinstance(pk, int) else None
        if result is None:
            continue
        target = indicator_figure(context, result, "target")
        actual = indicator_figure(context, result, "actual")
        rate = indicator_figure(context, result, "rate")
        table.add(
            [
                Cell.of(result.indicator.program.name),
                Cell.of(result.indicator.name),
                Cell.of(target),
                Cell.of(actual),
                Cell.of(rate),
            ]
        )
    return table


def _line_cells(
    context: EditionContext, line: IndicatorLine, which: str, *, named: bool
) -> list[str | Figure | None]:
    parts: list[str | Figure | None] = []
    if named:
        parts.append(f"{line.indicator.name} ")
    parts.append(indicator_figure(context, line.result, which))
    if line.partner is not None:
        parts += ["/", indicator_figure(context, line.partner, which)]
    return parts


def _overview_table(context: EditionContext) -> Table:
    table = Table(
        "overview",
        "사업 총괄표",
        ["구분", "사업명", "사업목표", "사업실적", "집행률"],
        numeric_columns=(4,),
    )
    for area in context.report.areas:
        for section in area.programs:
            targets: list[str | Figure | None] = []
            actuals: list[str | Figure | None] = []
            for number, line in enumerate(section.overview):
                if number:
                    targets.append("\n")
                    actuals.append("\n")
                targets += _line_cells(context, line, "target", named=True)
                actuals += _line_cells(context, line, "actual", named=True)
            execution = execution_figure(context, section.program)
            table.add(
                [
                    Cell.of(area.area.name),
                    Cell.of(section.program.name),
                    Cell(targets, joiner=""),
                    Cell(actuals, joiner=""),
                    Cell.of(execution),
                ]
            )
    table.unit_note = "(단위: 표에 적은 대로, 집행률 %)"
    return table


def _kpi_table(context: EditionContext, section: ProgramSection) -> Table:
    report = context.report
    columns = ["구분", "항목", "목표", "실적", "달성률"]
    # Last year's actual, where last year had the same indicators.
    previous_year = report.previous_year.year if report.previous_year is not None else 0
    with_previous = bool(previous_year) and any(
        line.previous is not None for line in section.detail
    )
    if with_previous:
        columns.append(f"{previous_year}년 실적")
    table = Table(
        f"kpi:{section.program.code}",
        f"{section.program.name} 주요실적",
        columns,
        numeric_columns=tuple(range(2, len(columns))),
    )
    for line in section.detail:
        rate: Cell
        if not line.result.is_active:
            rate = Cell.of(line.indicator.get_status_display())
        else:
            rate = Cell(_line_cells(context, line, "rate", named=False), joiner="")
        target = Cell(_line_cells(context, line, "target", named=False), joiner="")
        actual = Cell(_line_cells(context, line, "actual", named=False), joiner="")
        row = [Cell.of(line.indicator.group), Cell.of(line.indicator.name), target, actual, rate]
        if with_previous:
            previous = [line.previous, line.previous_partner]
            row.append(
                Cell(
                    [
                        Figure(
                            f"indicator:{p.indicator.pk}:actual",
                            p.actual,
                            p.indicator.unit,
                            0,
                            "",
                            indicator_label(p) + f" 실적 ({previous_year})",
                        )
                        for p in previous
                        if p is not None
                    ]
                    or [None]
                )
            )
        table.add(row)
        for part in line.result.breakdowns:
            key = f"breakdown:{part.breakdown.pk}"
            unit = line.indicator.unit
            label = f"{indicator_label(line.result)} · {part.label}"
            sub = [
                Cell.of(""),
                Cell.of(f"└ {part.label}"),
                Cell.of(Figure(f"{key}:target", part.target, unit, 0, "", label + " 목표")),
                Cell.of(
                    Figure(
                        f"{key}:actual",
                        part.actual,
                        unit,
                        0,
                        context.link(_breakdown_url(context, line.result, part.breakdown.pk)),
                        label + " 실적",
                    )
                ),
                Cell.of(Figure(f"{key}:rate", part.achievement, "%", 1, "", label + " 달성률")),
            ]
            if with_previous:
                sub.append(Cell.of(None))
            table.add(sub, "sub")
    return table


def _breakdown_url(context: EditionContext, result: IndicatorResult, breakdown_pk: int) -> str:
    url = reverse("programs:indicator_records", args=[result.indicator.pk])
    url += f"?breakdown={breakdown_pk}"
    return url + ("&rollup=1" if context.edition.roll_up else "")


def _breakdown_table(context: EditionContext, result: IndicatorResult) -> Table:
    unit = result.indicator.unit
    label = indicator_label(result)
    table = Table(
        f"breakdown:{result.indicator.pk}",
        f"{result.indicator.name} 세부 실적",
        ["구분", "목표", "실적", "달성률"],
        unit_note=f"(단위: {unit}, 달성률 %)",
        numeric_columns=(1, 2, 3),
    )
    for part in result.breakdowns:
        key = f"breakdown:{part.breakdown.pk}"
        table.add(
            [
                Cell.of(part.label),
                Cell.of(Figure(f"{key}:target", part.target, unit, 0, "", f"{label} · 목표")),
                Cell.of(
                    Figure(
                        f"{key}:actual",
                        part.actual,
                        unit,
                        0,
                        context.link(_breakdown_url(context, result, part.breakdown.pk)),
                        f"{label} · {part.label} 실적",
                    )
                ),
                Cell.of(Figure(f"{key}:rate", part.achievement, "%", 1, "", f"{label} 달성률")),
            ]
        )
    table.add(
        [
            Cell.of("계"),
            Cell.of(indicator_figure(context, result, "target")),
            Cell.of(indicator_figure(context, result, "actual")),
            Cell.of(indicator_figure(context, result, "rate")),
        ],
        "total",
    )
    return table


def _breakdown_chart(result: IndicatorResult, png: bool) -> Chart:
    parts = [Part(p.label, p.actual) for p in result.breakdowns if p.actual is not None]
    title = f"{result.indicator.name} ({result.indicator.unit})"
    unit = result.indicator.unit
    return Chart(
        f"breakdown-chart:{result.indicator.pk}",
        title,
        parts_chart(parts, title=title, unit=unit),
        parts_png(parts, title=title, unit=unit) if png else b"",
    )


def _kpi_chart(section: ProgramSection, png: bool) -> Chart | None:
    bars = [
        Bar(result.indicator.name, result.achievement)
        for result in section.results
        if result.is_active and result.achievement is not None and result.indicator.in_detail
    ]
    if not bars:
        return None
    title = f"{section.program.name} 달성률 (100% = 목표)"
    return Chart(
        f"kpi-chart:{section.program.code}",
        title,
        achievement_chart(bars, title=title),
        achievement_png(bars, title=title) if png else b"",
    )


def _records_table(context: EditionContext, result: IndicatorResult) -> Table:
    indicator = result.indicator
    metric = get_metric(indicator.metric_key)
    scope = scope_for(indicator, roll_up=context.edition.roll_up)
    rows = metric.rows(scope, parameters_for(indicator, None), indicator.aggregation)
    return _listing(
        context,
        key=f"records:{indicator.pk}",
        title=f"{indicator.name} 기록 목록",
        metric=metric,
        rows=rows,
        aggregation=indicator.aggregation,
        figure=indicator_figure(context, result, "actual"),
    )


def _listing(
    context: EditionContext,
    *,
    key: str,
    title: str,
    metric: Any,
    rows: Any,
    aggregation: str,
    figure: Figure | None,
) -> Table:
    columns = list(metric.drill_columns(aggregation))
    ordering = [c.sort_field for c in columns if c.sort_field][:1] or ["pk"]
    rows = rows.order_by(*ordering, "pk")
    measure = metric.measure(aggregation)
    count = rows.count()
    listed = list(rows[:RECORD_LIST_LIMIT])
    values = [[column.value(row) for column in columns] for row in listed]
    # A column the same in every row (센터, 사업, 활동유형 …) is said once above the list, and
    # an empty one left out, so the printed list keeps the columns that tell rows apart.
    common: list[str] = []
    kept: list[int] = []
    for index, column in enumerate(columns):
        seen = {_plain(v[index]) for v in values}
        if column.key == measure.list_total or len(values) < 2:
            kept.append(index)
        elif seen == {""}:
            continue
        elif len(seen) == 1:
            common.append(f"{column.label} {seen.pop()}")
        else:
            kept.append(index)
    table = Table(key, title, [columns[i].label for i in kept])
    numeric: set[int] = set()
    for row, row_values in zip(listed, values, strict=True):
        cells = []
        for position, index in enumerate(kept):
            value, column = row_values[index], columns[index]
            if isinstance(value, int | Decimal) and not isinstance(value, bool):
                numeric.add(position)
                cells.append(Cell.of(Figure(f"{key}:row:{row.pk}:{column.key}", Decimal(value))))
            else:
                cells.append(Cell.of(_plain(value)))
        table.add(cells)
    columns = [columns[i] for i in kept]
    table.numeric_columns = tuple(sorted(numeric))
    shown = min(count, RECORD_LIST_LIMIT)
    summary = f"계 {count:,}건" + (f" (앞의 {shown:,}건만 싣습니다)" if count > shown else "")
    total_cells = [Cell.of(summary)] + [Cell.of("") for _ in columns[1:]]
    if measure.list_total:
        total = rows.aggregate(total=Sum(measure.list_total))["total"]
        found = next((i for i, c in enumerate(columns) if c.key == measure.list_total), None)
        if found is not None and total is not None:
            unit = figure.unit if figure is not None else ""
            total_cells[found] = Cell.of(
                Figure(f"{key}:total", Decimal(total), unit, 0, "", f"{title} 합계")
            )
    table.add(total_cells, "total")
    notes = []
    if figure is not None:
        notes.append(f"목록이 뒷받침하는 수치: {figure.label} {figure.text()}")
    if common:
        notes.append("모든 행 공통: " + ", ".join(common))
    if notes:
        table.unit_note = "(" + " · ".join(notes) + ")"
    return table


def _plain(value: Any) -> str:
    return "" if value is None else str(value)


# Appendix --------------------------------------------------------------------------------------


def _appendix(context: EditionContext, document: Document, step: Progress) -> None:
    appendix = context.edition.appendix
    settlement = context.settlement
    wanted_settlement = SETTLEMENT in appendix and settlement is not None
    if not wanted_settlement and PUBLICATIONS not in appendix:
        return
    document.add(PageBreak())
    document.add(Heading(1, "부록", "appendix"))
    if wanted_settlement:
        step(82, "정산 보고")
        document.add(Heading(2, "정산 보고", "settlement"))
        for table in settlement_tables(context):
            document.add(table)
    if PUBLICATIONS in appendix:
        step(84, "발간 자료")
        document.add(Heading(2, "발간 자료", "publications"))
        document.add(_publications(context))


def settlement_tables(context: EditionContext) -> list[Table]:
    settlement = context.settlement
    year, code = context.edition.fiscal_year.year, context.edition.center.code
    records = reverse("budget:record_list", args=[year, code, "all"])

    def money(key: str, figures: Any, attribute: str, label: str, scope: Any = None) -> Cell:
        url = ""
        if scope is not None:
            query = scope.query()
            url = context.link(records + ("?" + query if query else ""))
        return Cell.of(
            Figure(
                f"settlement:{key}:{attribute}",
                Decimal(getattr(figures, attribute)),
                "원",
                0,
                url,
                label,
            )
        )

    funds = settlement.funds
    summary = Table(
        "settlement:summary",
        "정산총괄표",
        ["구분", *[label for _, label, _ in funds], "합계"],
        unit_note="(단위: 원)",
        numeric_columns=tuple(range(1, len(funds) + 2)),
    )
    for label, attribute, _ in SUMMARY_ROWS:
        cells = [Cell.of(label)]
        for fund, fund_label, figures in funds:
            cells.append(money(f"fund:{fund}", figures, attribute, f"{fund_label} {label}"))
        cells.append(money("total", settlement.total, attribute, f"합계 {label}"))
        summary.add(cells, "total" if attribute == "refund_won" else "")
    report = Table(
        "settlement:report",
        "정산보고서",
        ["구분", *[label for label, _, _ in REPORT_COLUMNS]],
        unit_note="(단위: 원, △는 전용으로 줄어든 금액)",
        numeric_columns=tuple(range(1, len(REPORT_COLUMNS) + 1)),
    )
    for number, row in enumerate(settlement.report_rows):
        cells = [Cell.of(row.label)]
        for label, attribute, _ in REPORT_COLUMNS:
            cells.append(
                money(
                    f"report:{number}:{row.level}",
                    row.figures,
                    attribute,
                    f"{row.label} {label}",
                    row.scope,
                )
            )
        kind = "sub" if row.level in {"unit", "common"} else "total"
        report.add(cells, kind)
    detail = Table(
        "settlement:detail",
        "사업비 세부집행내역서",
        ["관", "항", "목", "세부계정과목", *[label for label, _, _ in DETAIL_COLUMNS], "집행률"],
        unit_note="(단위: 원, 집행률 %)",
        numeric_columns=(4, 5, 6),
    )
    for number, row in enumerate(settlement.detail_rows):
        cells = [Cell.of(row.chapter), Cell.of(row.section), Cell.of(row.item), Cell.of(row.label)]
        for label, attribute, _ in DETAIL_COLUMNS:
            cells.append(
                money(
                    f"detail:{number}:{row.level}",
                    row.figures,
                    attribute,
                    f"{row.label} {label}",
                    row.scope,
                )
            )
        cells.append(
            Cell.of(
                Figure(
                    f"settlement:detail:{number}:{row.level}:rate",
                    row.figures.execution_pct,
                    "%",
                    1,
                    "",
                    f"{row.label} 집행률",
                )
            )
        )
        detail.add(cells, "" if row.level == "line" else "total")
    return [summary, report, detail]


def _publications(context: EditionContext) -> Table:
    """The year's publications from the archive (발간 자료), by series and number."""
    metric = get_metric("outreach.publications")
    edition = context.edition
    centers = [edition.center.pk]
    if edition.roll_up:
        centers += list(Center.objects.filter(parent=edition.center).values_list("pk", flat=True))
    scope = Scope(tuple(centers), edition.fiscal_year.starts_on, edition.fiscal_year.ends_on)
    rows = metric.rows(scope, {}, metric.default_measure).order_by("series", "number", "pk")
    return _listing(
        context,
        key="publications",
        title="발간 자료",
        metric=metric,
        rows=rows,
        aggregation=metric.default_measure,
        figure=None,
    )
