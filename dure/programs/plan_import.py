"""Importing a year's plan: programs, indicators and targets (`import_records programs`).

Each row is one indicator: its place in the tree (구분 → 사업 → 세부사업), its unit and target,
and how its actual is computed — a metric of the registry (지표 산식), one of that metric's
counting rules (집계방식) and conditions on the metric's declared parameters (조건), or 수기.
Everything the importer knows about metrics comes from the registry, so a module's metrics are
imported like the activity log's. Existing indicators are matched by 구분·사업명·지표명;
importing the same file again changes nothing, and a changed target is kept in its history."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError

from dure.core.imports import (
    ImportColumn,
    Importer,
    ImportRejected,
    ImportResult,
    Outcome,
    Progress,
    Row,
    RowErrors,
    parse_decimal,
    register_importer,
    run_import,
)
from dure.core.models import Center, FiscalYear
from dure.core.roles import Capability
from dure.core.services import ensure_fiscal_year
from dure.programs import services
from dure.programs.metric_registry import Metric, MetricError, find_metric, get_unit
from dure.programs.models import (
    CenterScope,
    Indicator,
    IndicatorSource,
    IndicatorStatus,
    Program,
    ProgramArea,
    SubProgram,
)

MANUAL = "수기"
FROM_PLAN = "계획 파일 불러오기"
SCOPE_BY_LABEL = {label: value for value, label in CenterScope.choices}
STATUS_BY_LABEL = {label: value for value, label in IndicatorStatus.choices}
BOTH, OVERVIEW, DETAIL = "모두", "사업 총괄표", "주요실적"
TABLES = {BOTH: (True, True), OVERVIEW: (True, False), DETAIL: (False, True)}

COLUMNS = (
    ImportColumn("area", "구분", required=True, example="판로 지원"),
    ImportColumn("area_code", "구분코드", example="A1"),
    ImportColumn("program_code", "사업코드", example="P01"),
    ImportColumn("program", "사업명", aliases=("사업",), required=True, example="공공 시장 확대"),
    ImportColumn("sub_program", "세부사업"),
    ImportColumn("code", "지표코드", example="I01"),
    ImportColumn("group", "표 구분", aliases=("구분(표)",), example="공공구매지원단 운영"),
    ImportColumn("name", "지표명", aliases=("성과지표",), required=True, example="방문영업"),
    ImportColumn("unit", "단위", required=True, example="건"),
    ImportColumn("target", "목표", example="650"),
    ImportColumn("metric", "지표 산식", aliases=("산식",), example="활동 기록"),
    ImportColumn("rule", "집계방식", required=True, example="건수"),
    ImportColumn("condition", "조건", example="활동유형=방문영업"),
    ImportColumn("breakdowns", "세부목표", example="공공기관[분류=공공기관]; 강동구 150"),
    ImportColumn("center_scope", "집계대상", example="본 센터"),
    ImportColumn("tables", "표시", example="모두"),
    ImportColumn("partner", "함께 표시", example=""),
    ImportColumn("status", "상태", example="추진"),
    ImportColumn("status_reason", "상태 사유"),
)
LABELS = {column.key: column.label for column in COLUMNS}
# Where a model field's problem is shown.
FIELD_COLUMNS = {
    "name": "name",
    "unit": "unit",
    "target": "target",
    "metric_key": "metric",
    "aggregation": "rule",
    "parameters": "condition",
    "code": "code",
    "status": "status",
    "status_reason": "status_reason",
    "paired_with": "partner",
    "sub_program": "sub_program",
}
Breakdown = tuple[str, dict[str, list[str]], Decimal | None]
# One part of 세부목표: `항목`, `항목 150`, `항목[조건=값]`, `항목[조건=값] 150`.
PART = re.compile(r"(?P<label>[^\[\]]+?)\s*(?:\[(?P<where>[^\]]*)\])?\s*(?P<n>[\d,.]*)")


@dataclass
class PlanLine:
    """One row of the plan, read and checked against the registry."""

    row: Row
    area: str
    area_code: str
    program: str
    program_code: str
    sub_program: str
    code: str
    group: str
    name: str
    unit: str
    target: Decimal | None
    source: str
    metric_key: str
    aggregation: str
    parameters: dict[str, list[str]]
    breakdowns: list[Breakdown]
    center_scope: str
    in_overview: bool
    in_detail: bool
    partner: str
    status: str
    status_reason: str
    prepare: list[tuple[Any, list[str]]] = field(default_factory=list)

    @property
    def key(self) -> tuple[str, str, str]:
        """Which indicator the row is: by 지표코드 when given, else by 지표명 in its 사업."""
        return (self.area, self.program, f"#{self.code}" if self.code else self.name)


def parse_number(text: str) -> Decimal:
    """A target: digits with thousands separators and a decimal point (ValueError otherwise)."""
    cleaned = text.replace(",", "").replace(" ", "")
    if not re.fullmatch(r"\d+(\.\d+)?", cleaned):
        raise ValueError(text)
    try:
        return Decimal(cleaned)
    except InvalidOperation:
        raise ValueError(text) from None


def _values(text: str) -> list[str]:
    return [v.strip() for v in re.split(r"[,，]", text) if v.strip()]


def parse_condition(text: str, metric: Metric) -> dict[str, list[str]]:
    """`활동유형=방문영업; 자치구=강동구` → parameters, by the metric's declared parameters
    (label or key); raises MetricError with the reason."""
    parameters: dict[str, list[str]] = {}
    for part in [p.strip() for p in re.split(r"[;；]", text) if p.strip()]:
        if "=" not in part:
            raise MetricError(f"‘{part}’은(는) ‘이름=값’ 꼴이 아닙니다.")
        name, _, value = (piece.strip() for piece in part.partition("="))
        key = metric.parameter_by_label(name)
        if key is None:
            known = ", ".join(p.label for p in metric.parameters.values()) or "없음"
            raise MetricError(f"조건 ‘{name}’을(를) 알 수 없습니다(쓸 수 있는 조건: {known}).")
        values = _values(value)
        if not values:
            raise MetricError(f"조건 ‘{name}’의 값이 비어 있습니다.")
        clean = metric.parameters[key].clean
        parameters[key] = [clean(v) for v in values] if clean is not None else values
    return parameters


def parse_breakdowns(text: str, metric: Metric | None) -> list[Breakdown]:
    """`공공기관[분류=공공기관]; 강동구 150; 관악구[자치구=관악구] 90` → parts with their own
    conditions and targets (a part without a number has no target of its own). A bare label
    stands for itself under the first of the metric's parameters that accepts it as a value
    (자치구 for 강동구); raises MetricError with the reason."""
    if metric is None:
        raise MetricError("세부목표는 기록으로 집계하는 지표에만 둘 수 있습니다.")
    parts: list[Breakdown] = []
    for piece in [p.strip() for p in re.split(r"[;；]", text) if p.strip()]:
        match = re.fullmatch(
            r"(?P<label>[^\[\]]+?)\s*(?:\[(?P<where>[^\]]*)\])?\s*(?P<n>[\d,.]*)", piece
        )
        if match is None:
            raise MetricError(f"‘{piece}’은(는) ‘항목[조건] 목표’ 꼴이 아닙니다(예: 강동구 150).")
        label = match.group("label").strip()
        target = None
        if match.group("n"):
            try:
                target = parse_number(match.group("n"))
            except ValueError:
                raise MetricError(f"‘{match.group('n')}’은(는) 숫자가 아닙니다.") from None
        if match.group("where") is not None:
            parameters = parse_condition(match.group("where"), metric)
        else:
            parameters = _bare_part(label, metric)
        parts.append((label, parameters, target))
    labels = [label for label, _, _ in parts]
    repeated = sorted({label for label in labels if labels.count(label) > 1})
    if repeated:
        raise MetricError(f"세부 항목 ‘{', '.join(repeated)}’이(가) 두 번 있습니다.")
    return parts


def _bare_part(label: str, metric: Metric) -> dict[str, list[str]]:
    for key, parameter in metric.parameters.items():
        if parameter.clean is None:
            continue
        try:
            return {key: [parameter.clean(label)]}
        except MetricError:
            continue
    raise MetricError(
        f"‘{label}’이(가) 어떤 조건인지 알 수 없습니다. ‘{label}[조건=값] 목표’로 적어 주세요."
    )


class UnknownRule(MetricError):
    """The metric exists but has no such counting rule."""


def counting_rule(metric_text: str, rule_text: str) -> tuple[str, Metric | None, str]:
    """(source, metric, counting rule key) from 지표 산식 and 집계방식; raises MetricError."""
    if rule_text == MANUAL:
        return IndicatorSource.MANUAL, None, "count"
    if metric_text:
        metric = find_metric(metric_text)
        if metric is None:
            raise MetricError(f"‘{metric_text}’은(는) 등록되지 않은 지표 산식입니다.")
        if not rule_text:
            return IndicatorSource.COMPUTED, metric, metric.default_measure
        rule = metric.measure_by_label(rule_text)
        if rule is None:
            known = ", ".join(m.label for m in metric.measures.values())
            raise UnknownRule(
                f"‘{metric.label}’에는 집계방식 ‘{rule_text}’이(가) 없습니다({known}, 수기)."
            )
        return IndicatorSource.COMPUTED, metric, rule
    metric = find_metric(rule_text)
    if metric is not None:
        return IndicatorSource.COMPUTED, metric, metric.default_measure
    raise MetricError(
        f"‘{rule_text}’을(를) 어느 지표 산식으로 셀지 알 수 없습니다. ‘지표 산식’ 열에 "
        "산식 이름(예: 활동 기록)을 적고 집계방식에는 그 산식의 집계(건수, 인원 …)나 "
        "‘수기’를 적어 주세요."
    )


@register_importer
class PlanImporter(Importer):
    """`import_records programs FILE --center CODE --year YEAR`: a year's plan."""

    kind = "programs"
    label = "사업계획(사업·성과지표·목표)"
    capability = Capability.MANAGE_PROGRAMS
    needs_year = True
    columns = COLUMNS

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        assert self.year is not None
        lines = [line for row in rows if (line := self.parse(row, errors)) is not None]
        self.check_names(lines, errors)
        result = ImportResult(rows_read=len(rows))
        if errors:
            return result
        plan = _Plan(self.center, ensure_fiscal_year(year=self.year), result)
        for done, line in enumerate(lines, start=1):
            self.attempt(line, plan.save, errors)
            progress(done, len(lines))
        # Partners may come later in the file than the indicator shown beside them.
        for line in lines:
            if not errors:
                self.attempt(line, plan.link_partner, errors)
        for row in rows:
            result.labels.setdefault(row.number, row.text("name"))
        return result

    def attempt(self, line: PlanLine, step: Any, errors: RowErrors) -> None:
        try:
            step(line)
        except ValidationError as error:
            for key, messages in _columns_of(error).items():
                for message in messages:
                    errors.add(line.row, line.row.column(key), message)

    def parse(self, row: Row, errors: RowErrors) -> PlanLine | None:
        def fail(key: str, message: str) -> None:
            errors.add(row, row.column(key) if row.has(key) else LABELS[key], message)

        text = {column.key: " ".join(row.text(column.key).split()) for column in COLUMNS}
        for key in ("area", "program", "name"):
            if not text[key]:
                fail(key, "비어 있습니다.")
        try:
            get_unit(text["unit"])
        except MetricError as error:
            fail("unit", str(error))
        # A dash is the seed's way of writing "no target".
        target = None if text["target"] == "-" else parse_decimal(row, "target", errors, minimum=0)
        status = text["status"] or IndicatorStatus.ACTIVE.label
        if status not in STATUS_BY_LABEL:
            fail("status", f"‘{status}’ 대신 {', '.join(STATUS_BY_LABEL)} 중 하나를 적어 주세요.")
        active = STATUS_BY_LABEL.get(status) == IndicatorStatus.ACTIVE
        if not active and not text["status_reason"]:
            fail("status_reason", "사업내용변경·취소에는 사유가 필요합니다.")
        try:
            if not text["metric"] and not text["rule"]:
                if active:
                    raise MetricError("비어 있습니다(추진 중인 지표는 집계방식이 필요합니다).")
                # A changed or cancelled indicator may have no way of being counted.
                source, metric, rule = str(IndicatorSource.COMPUTED), None, "count"
            else:
                source, metric, rule = counting_rule(text["metric"], text["rule"])
        except UnknownRule as error:
            fail("rule", str(error))
            return None
        except MetricError as error:
            fail("metric" if text["metric"] else "rule", str(error))
            return None
        parameters: dict[str, list[str]] = {}
        breakdowns: list[Breakdown] = []
        prepare: list[tuple[Any, list[str]]] = []
        if metric is not None:
            try:
                parameters = parse_condition(text["condition"], metric)
            except MetricError as error:
                fail("condition", str(error))
            try:
                metric.check_unit(rule, text["unit"])
            except MetricError as error:
                if text["unit"]:
                    fail("unit", str(error))
            if text["breakdowns"]:
                try:
                    breakdowns = parse_breakdowns(text["breakdowns"], metric)
                except MetricError as error:
                    fail("breakdowns", str(error))
            for key, values in parameters.items():
                more = [v for _, extra, _ in breakdowns for v in extra.get(key, [])]
                hook = metric.parameters[key].prepare
                if hook is not None:
                    prepare.append((hook, list(dict.fromkeys(values + more))))
        elif text["condition"] or text["breakdowns"]:
            fail("condition", "수기 지표에는 조건과 세부목표를 둘 수 없습니다.")
        scope = text["center_scope"] or CenterScope.OWN.label
        if scope not in SCOPE_BY_LABEL:
            fail(
                "center_scope", f"‘{scope}’ 대신 {', '.join(SCOPE_BY_LABEL)} 중 하나를 적어 주세요."
            )
        tables = text["tables"] or BOTH
        if tables not in TABLES:
            fail("tables", f"‘{tables}’ 대신 {', '.join(TABLES)} 중 하나를 적어 주세요.")
        in_overview, in_detail = TABLES.get(tables, (True, True))
        return PlanLine(
            row=row,
            area=text["area"],
            area_code=text["area_code"],
            program=text["program"],
            program_code=text["program_code"],
            sub_program=text["sub_program"],
            code=text["code"],
            group=text["group"] or text["sub_program"],
            name=text["name"],
            unit=text["unit"],
            target=target,
            source=source,
            metric_key=metric.key if metric is not None else "",
            aggregation=rule,
            parameters=parameters,
            breakdowns=breakdowns,
            center_scope=SCOPE_BY_LABEL.get(scope, CenterScope.OWN),
            in_overview=in_overview,
            in_detail=in_detail,
            partner=text["partner"],
            status=STATUS_BY_LABEL.get(status, IndicatorStatus.ACTIVE),
            status_reason=text["status_reason"],
            prepare=prepare,
        )

    def check_names(self, lines: list[PlanLine], errors: RowErrors) -> None:
        """One row per indicator, and each partner named in the same program."""
        seen: dict[tuple[str, str, str], int] = {}
        for line in lines:
            key = line.key
            if line.name and key in seen:
                errors.add(
                    line.row,
                    line.row.column("code" if line.code else "name"),
                    f"{seen[key]}행과 같은 지표가 한 번 더 있습니다.",
                )
            seen.setdefault(key, line.row.number)
        names: dict[tuple[str, str], set[str]] = {(i.area, i.program): set() for i in lines}
        for line in lines:
            names[(line.area, line.program)] |= {line.name, line.code}
        for line in lines:
            if line.partner and line.partner not in names[(line.area, line.program)]:
                errors.add(
                    line.row,
                    line.row.column("partner"),
                    f"‘{line.partner}’은(는) 같은 사업의 지표가 아닙니다.",
                )


class _Plan:
    """The tree of one center and year as the import fills it."""

    def __init__(self, center: Center, fiscal_year: FiscalYear, result: ImportResult) -> None:
        self.center = center
        self.fiscal_year = fiscal_year
        self.result = result
        self.areas = {
            a.name: a for a in ProgramArea.objects.filter(center=center, fiscal_year=fiscal_year)
        }
        self.programs = {
            (p.area.name, p.name): p
            for p in Program.objects.filter(
                center=center, area__fiscal_year=fiscal_year
            ).select_related("area")
        }
        self.indicators: dict[tuple[str, str, str], Indicator] = {}
        for indicator in (
            Indicator.objects.filter(center=center, program__area__fiscal_year=fiscal_year)
            .select_related("program__area", "sub_program", "paired_with")
            .prefetch_related("breakdowns")
        ):
            self.remember(indicator)

    def remember(self, indicator: Indicator) -> None:
        place = (indicator.program.area.name, indicator.program.name)
        self.indicators[(*place, f"#{indicator.code}")] = indicator
        self.indicators.setdefault((*place, indicator.name), indicator)

    def find(self, line: PlanLine) -> Indicator | None:
        return self.indicators.get(line.key)

    def area(self, line: PlanLine) -> ProgramArea:
        area = self.areas.get(line.area)
        if area is None:
            area = services.create_program_area(
                center=self.center,
                fiscal_year=self.fiscal_year,
                code=line.area_code or _next_code("A", [a.code for a in self.areas.values()]),
                name=line.area,
                order=len(self.areas) + 1,
            )
            self.areas[line.area] = area
        return area

    def program(self, line: PlanLine) -> Program:
        program = self.programs.get((line.area, line.program))
        if program is None:
            area = self.area(line)
            program = services.create_program(
                area=area,
                code=line.program_code or _next_code("P", [p.code for p in self.programs.values()]),
                name=line.program,
                order=sum(1 for p in self.programs.values() if p.area_id == area.pk) + 1,
            )
            self.programs[(line.area, line.program)] = program
        return program

    def sub_program(self, program: Program, name: str) -> SubProgram | None:
        if not name:
            return None
        found = SubProgram.objects.filter(program=program, name=name).first()
        if found is None:
            existing = list(program.sub_programs.values_list("code", flat=True))
            found = services.create_sub_program(
                program=program,
                code=_next_code("S", existing),
                name=name,
                order=len(existing) + 1,
            )
        return found

    def partner(self, line: PlanLine) -> Indicator | None:
        if not line.partner:
            return None
        place = (line.area, line.program)
        return self.indicators.get((*place, f"#{line.partner}")) or self.indicators.get(
            (*place, line.partner)
        )

    def save(self, line: PlanLine) -> None:
        program = self.program(line)
        for hook, values in line.prepare:
            hook(self.center, values)
        definition: dict[str, Any] = {
            "sub_program": self.sub_program(program, line.sub_program),
            "group": line.group,
            "unit": line.unit,
            "source": line.source,
            "metric_key": line.metric_key,
            "parameters": line.parameters,
            "aggregation": line.aggregation,
            "center_scope": line.center_scope,
            "in_overview": line.in_overview,
            "in_detail": line.in_detail,
        }
        indicator = self.find(line)
        if indicator is None:
            siblings = [i for i in self.indicators.values() if i.program_id == program.pk]
            indicator = services.create_indicator(
                program=program,
                code=line.code or _next_code("I", [i.code for i in siblings]),
                name=line.name,
                target=line.target,
                order=len(siblings) + 1,
                breakdowns=line.breakdowns,
                status=line.status,
                status_reason=line.status_reason,
                **definition,
            )
            self.remember(indicator)
            self.result.outcomes[line.row.number] = Outcome.CREATED
            return
        changed = self.update(indicator, line, definition)
        self.result.outcomes[line.row.number] = Outcome.UPDATED if changed else Outcome.UNCHANGED

    def link_partner(self, line: PlanLine) -> None:
        indicator = self.find(line)
        assert indicator is not None
        partner = self.partner(line)
        if indicator.paired_with != partner:
            services.update_indicator(indicator=indicator, paired_with=partner)
            if self.result.outcomes.get(line.row.number) == Outcome.UNCHANGED:
                self.result.outcomes[line.row.number] = Outcome.UPDATED

    def update(self, indicator: Indicator, line: PlanLine, definition: dict[str, Any]) -> bool:
        if line.code and line.code != indicator.code:
            definition["code"] = line.code
        changed = [k for k, v in definition.items() if getattr(indicator, k) != v]
        if changed:
            services.update_indicator(indicator=indicator, **{k: definition[k] for k in changed})
        if (indicator.status, indicator.status_reason) != (line.status, line.status_reason):
            services.set_indicator_status(
                indicator=indicator, status=line.status, reason=line.status_reason
            )
            changed.append("status")
        if indicator.target != line.target:
            services.change_target(
                indicator=indicator,
                target=line.target,
                reason=FROM_PLAN,
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
                    reason=FROM_PLAN,
                    changed_by=None,
                )
                changed.append(label)
        return bool(changed)


def _next_code(prefix: str, existing: Iterable[str]) -> str:
    numbers = [int(c[len(prefix) :]) for c in existing if re.fullmatch(rf"{prefix}\d+", c)]
    return f"{prefix}{max(numbers, default=0) + 1:02d}"


def _columns_of(error: ValidationError) -> dict[str, list[str]]:
    if hasattr(error, "error_dict"):
        found: dict[str, list[str]] = {}
        for name, items in error.error_dict.items():
            key = FIELD_COLUMNS.get(name, "name")
            found.setdefault(key, []).extend(m for e in items for m in e.messages)
        return found
    return {"name": error.messages}


def import_plan(
    rows: Sequence[Mapping[str, Any]] | Sequence[tuple[int, Mapping[str, Any]]],
    *,
    center: Center,
    year: int,
    dry_run: bool = False,
) -> ImportResult:
    """The plan from rows keyed by the Korean headers (a file's rows, the header in row 1);
    raises ImportRejected listing every problem, nothing saved."""
    pairs = [row if isinstance(row, tuple) else (n, row) for n, row in enumerate(rows, start=2)]
    headers = list(dict.fromkeys(name for _, values in pairs for name in values))
    return import_plan_file(
        _csv_bytes(headers, [values for _, values in pairs]),
        center=center,
        year=year,
        dry_run=dry_run,
    )


def import_plan_file(
    data: bytes, *, center: Center, year: int, filename: str = "plan.csv", dry_run: bool = False
) -> ImportResult:
    """A plan file (CSV or XLSX) through the shared import stack."""
    return run_import(PlanImporter(center=center, year=year), data, filename, dry_run=dry_run)


def _csv_bytes(headers: list[str], rows: list[Mapping[str, Any]]) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(headers)
    for values in rows:
        writer.writerow(["" if values.get(h) is None else values.get(h) for h in headers])
    return stream.getvalue().encode("utf-8")


__all__ = ["ImportRejected", "PlanImporter", "import_plan", "import_plan_file"]
