"""Importing a year's plan (구분, 사업, 세부사업, 지표, 목표, 집계방식, 조건) from rows.

The importer takes parsed rows: (row number, {Korean header: value}) pairs, the row number being
the spreadsheet's. It is all-or-nothing: any problem raises `ImportRejected` listing every
`N행 [열이름]: 사유`, and nothing is saved. Importing the same rows again changes nothing."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dure.core.districts import DISTRICT_NAMES
from dure.core.imports import (
    ImportColumn,
    Progress,
    RowCounts,
    RowFunctionImporter,
    register_importer,
)
from dure.core.models import Center
from dure.core.roles import Capability
from dure.core.services import ensure_fiscal_year
from dure.programs import services
from dure.programs.metric_registry import Metric, find_metric, get_metric
from dure.programs.metrics import PARAMETER_BY_LABEL
from dure.programs.models import (
    Aggregation,
    Indicator,
    IndicatorSource,
    Program,
    ProgramArea,
    SubProgram,
    Unit,
)

Row = tuple[int, Mapping[str, Any]]

PLAN_COLUMNS = ("구분", "사업명", "세부사업", "지표명", "단위", "목표", "집계방식", "조건")
ACTIVITY_METRIC = "programs.activities"
AGGREGATION_BY_LABEL = {label: value for value, label in Aggregation.choices}
MANUAL = "수기"


class ImportRejected(Exception):
    """The rows were refused; `problems` holds every `N행 [열이름]: 사유` line."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    details: Counter[str] = field(default_factory=Counter)

    def summary(self) -> str:
        extra = ", ".join(f"{name} {count}" for name, count in sorted(self.details.items()))
        text = f"새로 {self.created}건, 바뀜 {self.updated}건, 그대로 {self.unchanged}건"
        return f"{text} ({extra})" if extra else text


class _Problems:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, row: int, column: str, reason: str) -> None:
        self.lines.append(f"{row}행 [{column}]: {reason}")

    def raise_if_any(self) -> None:
        if self.lines:
            raise ImportRejected(self.lines)


def _text(values: Mapping[str, Any], column: str) -> str:
    value = values.get(column)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _number(text: str) -> Decimal:
    cleaned = text.replace(",", "").replace(" ", "")
    try:
        number = Decimal(cleaned)
    except InvalidOperation:
        raise ValueError from None
    if not number.is_finite():
        raise ValueError
    return number


def _missing_columns(rows: Sequence[Row], required: Sequence[str], problems: _Problems) -> None:
    present = set()
    for _, values in rows[:1]:
        present = set(values)
    for column in required:
        if rows and column not in present:
            problems.add(1, column, "열이 없습니다.")


def parse_condition(text: str, metric: Metric) -> tuple[dict[str, list[str]], str | None]:
    """`활동유형=방문영업; 자치구=강동구` → parameters; returns (parameters, error)."""
    labels = {label: name for name, label in metric.parameters.items()}
    if metric.key == ACTIVITY_METRIC:
        labels.update(PARAMETER_BY_LABEL)
    parameters: dict[str, list[str]] = {}
    for part in [p.strip() for p in re.split(r"[;；]", text) if p.strip()]:
        if "=" not in part:
            return {}, f"‘{part}’은(는) ‘이름=값’ 꼴이 아닙니다."
        name, _, value = (piece.strip() for piece in part.partition("="))
        key = labels.get(name) or (name if name in metric.parameters else None)
        if key is None:
            known = ", ".join(labels) or "없음"
            return {}, f"조건 ‘{name}’을(를) 알 수 없습니다(쓸 수 있는 조건: {known})."
        values = [v.strip() for v in re.split(r"[,，]", value) if v.strip()]
        if not values:
            return {}, f"조건 ‘{name}’의 값이 비어 있습니다."
        if key == "district":
            fixed = [_district(v) for v in values]
            if None in fixed:
                return {}, f"‘{value}’은(는) 서울의 자치구가 아닙니다."
            values = [v for v in fixed if v]
        parameters[key] = values
    return parameters, None


def _district(text: str) -> str | None:
    if not text:
        return ""
    if text in DISTRICT_NAMES:
        return text
    if f"{text}구" in DISTRICT_NAMES:
        return f"{text}구"
    return None


def _counting_rule(text: str) -> tuple[str, str, str] | None:
    """집계방식 → (source, metric key, aggregation); None when unknown."""
    if text == MANUAL:
        return IndicatorSource.MANUAL, "", Aggregation.COUNT
    if text in AGGREGATION_BY_LABEL:
        return IndicatorSource.COMPUTED, ACTIVITY_METRIC, AGGREGATION_BY_LABEL[text]
    metric = find_metric(text)
    if metric is None:
        return None
    aggregation = (
        Aggregation.COUNT if Aggregation.COUNT in metric.measures else next(iter(metric.measures))
    )
    return IndicatorSource.COMPUTED, metric.key, aggregation


def _breakdowns(text: str) -> list[tuple[str, dict[str, list[str]], Decimal]] | str:
    """`강동구 150; 관악구 90` → per-district (or per-category) targets, or an error message."""
    parts = []
    for piece in [p.strip() for p in re.split(r"[;；]", text) if p.strip()]:
        match = re.fullmatch(r"(.+?)\s*[=:]?\s*([\d,.]+)", piece)
        if match is None:
            return f"‘{piece}’은(는) ‘항목 목표’ 꼴이 아닙니다(예: 강동구 150)."
        label, number = match.group(1).strip(), match.group(2)
        try:
            target = _number(number)
        except ValueError:
            return f"‘{number}’은(는) 숫자가 아닙니다."
        district = _district(label)
        key = "district" if district else "category"
        parts.append((district or label, {key: [district or label]}, target))
    return parts


@dataclass
class _PlanLine:
    row: int
    area: str
    program: str
    sub_program: str
    name: str
    unit: str
    target: Decimal | None
    source: str
    metric_key: str
    aggregation: str
    parameters: dict[str, list[str]]
    breakdowns: list[tuple[str, dict[str, list[str]], Decimal]]
    center_scope: str


SCOPE_BY_LABEL = {"본 센터": "own", "소속 자치구 센터": "districts", "본 센터와 자치구 센터": "all"}


def _parse_plan(rows: Sequence[Row], problems: _Problems) -> list[_PlanLine]:
    lines: list[_PlanLine] = []
    seen: dict[tuple[str, str, str], int] = {}
    for number, values in rows:
        area, program, name = (_text(values, c) for c in ("구분", "사업명", "지표명"))
        if not any(_text(values, c) for c in PLAN_COLUMNS):
            continue
        for column, value in (("구분", area), ("사업명", program), ("지표명", name)):
            if not value:
                problems.add(number, column, "비어 있습니다.")
        unit = _text(values, "단위")
        if unit not in Unit.values:
            problems.add(
                number, "단위", f"‘{unit}’은(는) 쓸 수 없는 단위입니다({', '.join(Unit.values)})."
            )
        target_text = _text(values, "목표")
        target: Decimal | None = None
        if target_text and target_text != "-":
            try:
                target = _number(target_text)
                if target < 0:
                    problems.add(number, "목표", "0 이상이어야 합니다.")
            except ValueError:
                problems.add(number, "목표", f"‘{target_text}’은(는) 숫자가 아닙니다.")
        rule_text = _text(values, "집계방식")
        rule = _counting_rule(rule_text)
        parameters: dict[str, list[str]] = {}
        if rule is None:
            problems.add(
                number,
                "집계방식",
                f"‘{rule_text}’은(는) 알 수 없는 집계방식입니다"
                "(건수, 인원, 금액, 기업수, 기관수, 수기 또는 지표 산식 이름).",
            )
        elif rule[0] == IndicatorSource.COMPUTED:
            metric = get_metric(rule[1])
            parameters, error = parse_condition(_text(values, "조건"), metric)
            if error:
                problems.add(number, "조건", error)
        breakdowns: list[tuple[str, dict[str, list[str]], Decimal]] = []
        breakdown_text = _text(values, "세부목표")
        if breakdown_text:
            parsed = _breakdowns(breakdown_text)
            if isinstance(parsed, str):
                problems.add(number, "세부목표", parsed)
            else:
                breakdowns = parsed
        scope_text = _text(values, "집계대상") or "본 센터"
        if scope_text not in SCOPE_BY_LABEL:
            problems.add(number, "집계대상", f"‘{scope_text}’ 대신 {', '.join(SCOPE_BY_LABEL)}.")
        key = (area, program, name)
        if name and key in seen:
            problems.add(number, "지표명", f"{seen[key]}행과 같은 지표가 한 번 더 있습니다.")
        seen.setdefault(key, number)
        if rule is not None:
            lines.append(
                _PlanLine(
                    number,
                    area,
                    program,
                    _text(values, "세부사업"),
                    name,
                    unit,
                    target,
                    rule[0],
                    rule[1],
                    rule[2],
                    parameters,
                    breakdowns,
                    SCOPE_BY_LABEL.get(scope_text, "own"),
                )
            )
    return lines


def _next_code(prefix: str, existing: Iterable[str]) -> str:
    numbers = [int(c[len(prefix) :]) for c in existing if re.fullmatch(rf"{prefix}\d+", c)]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def import_plan(rows: Sequence[Row], *, center: Center, year: int) -> ImportResult:
    """A year's plan (구분, 사업명, 세부사업, 지표명, 단위, 목표, 집계방식, 조건) into a center.

    Optional columns: 세부목표 (`강동구 150; 관악구 90`), 집계대상 (본 센터 / 소속 자치구 센터 /
    본 센터와 자치구 센터). Existing indicators are matched by 구분·사업명·지표명."""
    rows = list(rows)
    problems = _Problems()
    _missing_columns(rows, PLAN_COLUMNS, problems)
    problems.raise_if_any()
    lines = _parse_plan(rows, problems)
    problems.raise_if_any()
    with transaction.atomic():
        result = _save_plan(lines, center=center, year=year, problems=problems)
        problems.raise_if_any()
    return result


def _save_plan(
    lines: list[_PlanLine], *, center: Center, year: int, problems: _Problems
) -> ImportResult:
    result = ImportResult()
    fiscal_year = ensure_fiscal_year(year=year)
    areas = {a.name: a for a in ProgramArea.objects.filter(center=center, fiscal_year=fiscal_year)}
    programs = {
        (p.area.name, p.name): p
        for p in Program.objects.filter(
            center=center, area__fiscal_year=fiscal_year
        ).select_related("area")
    }
    indicators = {
        (i.program.area.name, i.program.name, i.name): i
        for i in Indicator.objects.filter(center=center, program__area__fiscal_year=fiscal_year)
        .select_related("program__area", "sub_program")
        .prefetch_related("breakdowns")
    }
    for line in lines:
        try:
            _save_plan_line(line, center, fiscal_year, areas, programs, indicators, result)
        except ValidationError as error:
            for column, messages in _columns_of(error).items():
                for message in messages:
                    problems.add(line.row, column, message)
    return result


FIELD_COLUMNS = {
    "name": "지표명",
    "unit": "단위",
    "target": "목표",
    "metric_key": "집계방식",
    "aggregation": "집계방식",
    "parameters": "조건",
    "code": "지표명",
}


def _columns_of(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        return {
            FIELD_COLUMNS.get(name, "지표명"): [m for e in errors for m in e.messages]
            for name, errors in error.error_dict.items()
        }
    return {"지표명": error.messages}


def _save_plan_line(
    line: _PlanLine,
    center: Center,
    fiscal_year: Any,
    areas: dict[str, ProgramArea],
    programs: dict[tuple[str, str], Program],
    indicators: dict[tuple[str, str, str], Indicator],
    result: ImportResult,
) -> None:
    area = areas.get(line.area)
    if area is None:
        area = services.create_program_area(
            center=center,
            fiscal_year=fiscal_year,
            code=_next_code("A", [a.code for a in areas.values()]),
            name=line.area,
            order=len(areas) + 1,
        )
        areas[line.area] = area
        result.details["구분"] += 1
    program = programs.get((line.area, line.program))
    if program is None:
        siblings = [p.code for p in programs.values()]
        program = services.create_program(
            area=area,
            code=_next_code("P", siblings),
            name=line.program,
            order=sum(1 for p in programs.values() if p.area_id == area.pk) + 1,
        )
        programs[(line.area, line.program)] = program
        result.details["사업"] += 1
    sub_program = None
    if line.sub_program:
        sub_program = SubProgram.objects.filter(program=program, name=line.sub_program).first()
        if sub_program is None:
            existing = program.sub_programs.values_list("code", flat=True)
            sub_program = services.create_sub_program(
                program=program,
                code=_next_code("S", existing),
                name=line.sub_program,
                order=len(existing) + 1,
            )
            result.details["세부사업"] += 1
    kinds = line.parameters.get("kind", []) if line.metric_key == ACTIVITY_METRIC else []
    for kind in kinds:
        before = services.activity_kinds_for(center)
        services.ensure_activity_kind(center=center, name=kind)
        if kind not in {k.name for k in before}:
            result.details["활동유형"] += 1
    definition: dict[str, Any] = {
        "sub_program": sub_program,
        "group": line.sub_program,
        "unit": line.unit,
        "source": line.source,
        "metric_key": line.metric_key,
        "parameters": line.parameters,
        "aggregation": line.aggregation,
        "center_scope": line.center_scope,
    }
    indicator = indicators.get((line.area, line.program, line.name))
    if indicator is None:
        order = sum(1 for i in indicators.values() if i.program_id == program.pk) + 1
        indicator = services.create_indicator(
            program=program,
            code=_next_code(
                "I", [i.code for i in indicators.values() if i.program_id == program.pk]
            ),
            name=line.name,
            target=line.target,
            order=order,
            breakdowns=line.breakdowns,
            **definition,
        )
        indicators[(line.area, line.program, line.name)] = indicator
        result.created += 1
        return
    changed = [k for k, v in definition.items() if getattr(indicator, k) != v]
    if changed:
        services.update_indicator(indicator=indicator, **{k: definition[k] for k in changed})
    if indicator.target != line.target:
        services.change_target(
            indicator=indicator,
            target=line.target,
            reason="계획 파일 불러오기",
            changed_by=None,
        )
        changed.append("target")
    parts = {b.label: b for b in indicator.breakdowns.all()}
    for order, (label, parameters, target) in enumerate(line.breakdowns, start=1):
        part = parts.get(label)
        if part is None:
            services.add_breakdown(
                indicator=indicator,
                label=label,
                parameters=parameters,
                target=target,
                order=order,
            )
            changed.append(label)
        elif part.target != target:
            services.change_target(
                indicator=indicator,
                breakdown=part,
                target=target,
                reason="계획 파일 불러오기",
                changed_by=None,
            )
            changed.append(label)
    if changed:
        result.updated += 1
    else:
        result.unchanged += 1


def _import_columns(names: Sequence[str], optional: Sequence[str]) -> tuple[ImportColumn, ...]:
    return (
        *(ImportColumn(name, name, required=True) for name in names),
        *(ImportColumn(name, name) for name in optional),
    )


def _counts(result: ImportResult) -> RowCounts:
    return RowCounts(created=result.created, updated=result.updated, unchanged=result.unchanged)


@register_importer
class PlanImporter(RowFunctionImporter):
    """`import_records programs FILE --center CODE --year YEAR`: a year's plan."""

    kind = "programs"
    label = "사업계획(사업·성과지표·목표)"
    capability = Capability.MANAGE_PROGRAMS
    needs_year = True
    problem_exception = ImportRejected
    columns = _import_columns(PLAN_COLUMNS, ("세부목표", "집계대상"))

    def call(self, pairs: list[tuple[int, dict[str, Any]]], progress: Progress) -> RowCounts:
        assert self.year is not None
        return _counts(import_plan(pairs, center=self.center, year=self.year))
