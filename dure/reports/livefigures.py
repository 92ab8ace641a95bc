"""Live figures in an edition's narrative, and the figures every edition block is made of.

Staff insert a figure into the text as a token that names what it measures; rendering replaces
it with the current value, linked to its records:

    {{실적:P01.I02}}  {{목표:P01.I02}}  {{달성률:P01.I02}}   an indicator (사업코드.지표코드)
    {{집행률:P01}}                                          a program's budget execution rate
    {{정산:반환대상액}}                                      a settlement total (예산액, 집행액 …)
    {{측정:activities|활동유형=방문영업|건수}}               a metric with a filter, over the year

A token that names nothing renders as a visible error and is a finding of the check."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.urls import reverse

from dure.budget.statements import build_settlement
from dure.core.models import Center
from dure.programs.evaluation import FigureRequest, compute
from dure.programs.metric_registry import (
    MONEY_FAMILY,
    MetricError,
    Scope,
    find_metric,
    get_metric,
)
from dure.programs.results import IndicatorResult
from dure.reports.document import Figure, Paragraph
from dure.reports.models import ReportEdition
from dure.reports.report import AnnualReport, build_report

TOKEN = re.compile(r"\{\{\s*([^:{}]+?)\s*:\s*([^{}]*?)\s*\}\}")

INDICATOR_VALUES = {"실적": "actual", "목표": "target", "달성률": "rate"}
SETTLEMENT_VALUES = {
    "예산액": "final_won",
    "집행액": "executed_won",
    "집행잔액": "unspent_won",
    "교부액": "granted_won",
    "반환대상액": "refund_won",
    "집행률": "execution_pct",
}


@dataclass
class EditionContext:
    """Everything an edition's figures are computed from, read once per rendering."""

    edition: ReportEdition
    report: AnnualReport
    settlement: Any  # dure.budget.statements.Settlement, or None without budget lines
    links: bool = True
    by_code: dict[tuple[str, str], IndicatorResult] = field(default_factory=dict)
    by_pk: dict[int, IndicatorResult] = field(default_factory=dict)
    _metric_cache: dict[str, Figure | str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for section in self.report.programs:
            for result in section.results:
                self.by_pk[result.indicator.pk] = result
                self.by_code[(section.program.code, result.indicator.code)] = result

    def link(self, url: str) -> str:
        return url if self.links else ""


def load_context(edition: ReportEdition, *, links: bool = True) -> EditionContext:
    report = build_report(edition.center, edition.fiscal_year, roll_up=edition.roll_up)
    settlement = build_settlement(center=edition.center, fiscal_year=edition.fiscal_year)
    return EditionContext(edition, report, settlement if settlement.lines else None, links)


# Figures of indicators, programs and the settlement ------------------------------------------


def indicator_label(result: IndicatorResult) -> str:
    return f"{result.indicator.program.name} › {result.indicator.name}"


def indicator_figure(context: EditionContext, result: IndicatorResult, which: str) -> Figure:
    """An indicator's actual, target or rate ("rate" in %), keyed by the indicator's id."""
    indicator = result.indicator
    label = indicator_label(result)
    if which == "target":
        key = f"indicator:{indicator.pk}:target"
        return Figure(key, result.target, indicator.unit, 0, "", label + " 목표")
    if which == "rate":
        return Figure(
            f"indicator:{indicator.pk}:rate",
            result.achievement if result.is_active else None,
            "%",
            1,
            context.link(reverse("programs:indicator_detail", args=[indicator.pk])),
            label + " 달성률",
        )
    url = ""
    if result.drillable:
        url = reverse("programs:indicator_records", args=[indicator.pk])
        if context.edition.roll_up:
            url += "?rollup=1"
    elif result.is_manual:
        url = reverse("programs:indicator_detail", args=[indicator.pk])
    return Figure(
        f"indicator:{indicator.pk}:actual",
        result.actual,
        indicator.unit,
        0,
        context.link(url),
        label + " 실적",
    )


def execution_figure(context: EditionContext, program: Any) -> Figure:
    section = next((s for s in context.report.programs if s.program.pk == program.pk), None)
    rate = section.execution if section else None
    return Figure(
        f"execution:{program.pk}:rate",
        rate.percent if rate else None,
        "%",
        1,
        context.link(rate.url) if rate else "",
        f"{program.name} 집행률",
    )


def settlement_figure(context: EditionContext, name: str, attribute: str) -> Figure:
    total = context.settlement.total if context.settlement is not None else None
    value = getattr(total, attribute) if total is not None else None
    url = ""
    if context.settlement is not None:
        url = reverse(
            "budget:settlement_summary",
            args=[context.edition.fiscal_year.year, context.edition.center.code],
        )
    unit = "%" if attribute == "execution_pct" else "원"
    return Figure(
        f"settlement:total:{attribute}",
        None if value is None else Decimal(value),
        unit,
        1 if unit == "%" else 0,
        context.link(url),
        f"정산 {name}",
    )


# Tokens -----------------------------------------------------------------------------------------


def resolve(context: EditionContext, kind: str, argument: str) -> Figure | str:
    """A token's figure, or a Korean message saying why it names nothing."""
    if kind in INDICATOR_VALUES:
        program_code, _, indicator_code = argument.partition(".")
        result = context.by_code.get((program_code.strip(), indicator_code.strip()))
        if result is None:
            return f"이 판에 지표 {argument}이(가) 없습니다"
        return indicator_figure(context, result, INDICATOR_VALUES[kind])
    if kind == "집행률":
        section = next(
            (s for s in context.report.programs if s.program.code == argument.strip()), None
        )
        if section is None:
            return f"이 판에 사업 {argument}이(가) 없습니다"
        return execution_figure(context, section.program)
    if kind == "정산":
        attribute = SETTLEMENT_VALUES.get(argument.strip())
        if attribute is None:
            return f"정산 수치 ‘{argument}’은(는) 없습니다({', '.join(SETTLEMENT_VALUES)})"
        if context.settlement is None:
            return "이 연도·센터에는 예산 기록이 없습니다"
        return settlement_figure(context, argument.strip(), attribute)
    if kind == "측정":
        if argument not in context._metric_cache:
            context._metric_cache[argument] = _metric_figure(context, argument)
        return context._metric_cache[argument]
    return f"‘{kind}’은(는) 넣을 수 있는 수치가 아닙니다(실적, 목표, 달성률, 집행률, 정산, 측정)"


def _metric_figure(context: EditionContext, argument: str) -> Figure | str:
    """A metric over the edition's centers and year: `key|조건=값,값|집계방식`."""
    pieces = [p.strip() for p in argument.split("|")]
    try:
        metric = find_metric(pieces[0]) or get_metric(pieces[0])
    except MetricError as error:
        return str(error)
    parameters: dict[str, list[str]] = {}
    aggregation = metric.default_measure
    for piece in pieces[1:]:
        if "=" in piece:
            name, _, values = piece.partition("=")
            key = metric.parameter_by_label(name.strip())
            if key is None:
                return f"‘{metric.label}’에는 조건 ‘{name.strip()}’이(가) 없습니다"
            parameters[key] = [v.strip() for v in values.split(",") if v.strip()]
        elif piece:
            found = metric.measure_by_label(piece)
            if found is None:
                return f"‘{metric.label}’에는 집계방식 ‘{piece}’이(가) 없습니다"
            aggregation = found
    edition = context.edition
    centers: list[Center] = [edition.center]
    if edition.roll_up:
        centers += list(Center.objects.filter(parent=edition.center))
    scope = Scope(
        center_ids=tuple(c.pk for c in centers),
        starts_on=edition.fiscal_year.starts_on,
        ends_on=edition.fiscal_year.ends_on,
    )
    measure = metric.measure(aggregation)
    try:
        value = compute([FigureRequest("figure", metric, scope, aggregation, parameters)])["figure"]
    except MetricError as error:
        return str(error)
    unit = "원" if measure.family == MONEY_FAMILY else "건"
    conditions = ", ".join(f"{k}={','.join(v)}" for k, v in sorted(parameters.items()))
    return Figure(
        f"metric:{metric.key}|{conditions}|{aggregation}",
        value,
        unit,
        0,
        "",
        f"{metric.label} {measure.label}" + (f" ({conditions})" if conditions else ""),
    )


def paragraphs(context: EditionContext, text: str, *, style: str = "") -> list[Paragraph]:
    """Narrative text as paragraphs (blank lines part them) with tokens made figures; a token
    naming nothing stays visible as `[수치 오류: …]`."""
    result = []
    for chunk in re.split(r"\n\s*\n", text.strip()):
        if not chunk.strip():
            continue
        parts: list[str | Figure] = []
        position = 0
        for match in TOKEN.finditer(chunk):
            if match.start() > position:
                parts.append(chunk[position : match.start()])
            figure = resolve(context, match.group(1).strip(), match.group(2))
            parts.append(figure if isinstance(figure, Figure) else f"[수치 오류: {figure}]")
            position = match.end()
        if position < len(chunk):
            parts.append(chunk[position:])
        result.append(Paragraph([_joined_lines(p) for p in parts], style))
    return result


def _joined_lines(part: str | Figure) -> str | Figure:
    return " ".join(part.split("\n")) if isinstance(part, str) else part


@dataclass(frozen=True)
class TokenChoice:
    token: str
    label: str
    value: str


def token_choices(context: EditionContext, program_pk: int | None = None) -> list[TokenChoice]:
    """The figures the editor offers to insert (one program's, or all of them)."""
    choices = []
    for section in context.report.programs:
        if program_pk is not None and section.program.pk != program_pk:
            continue
        code = section.program.code
        for result in section.results:
            for word, which in INDICATOR_VALUES.items():
                figure = indicator_figure(context, result, which)
                choices.append(
                    TokenChoice(
                        f"{{{{{word}:{code}.{result.indicator.code}}}}}",
                        figure.label,
                        figure.text(),
                    )
                )
        figure = execution_figure(context, section.program)
        choices.append(TokenChoice(f"{{{{집행률:{code}}}}}", figure.label, figure.text()))
    if program_pk is None and context.settlement is not None:
        for name, attribute in SETTLEMENT_VALUES.items():
            figure = settlement_figure(context, name, attribute)
            choices.append(TokenChoice(f"{{{{정산:{name}}}}}", figure.label, figure.text()))
    return choices
