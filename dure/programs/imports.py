"""Importing activity records from spreadsheet rows (the plan: `plan_import`).

The importer takes parsed rows: (row number, {Korean header: value}) pairs, the row number being
the spreadsheet's (the header is row 1). It is all-or-nothing: any problem raises
`ImportRejected` listing every `N행 [열이름]: 사유`, and nothing is saved. Importing the same rows
again changes nothing."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
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
from dure.programs import services
from dure.programs.models import (
    Activity,
    Program,
    SubProgram,
)
from dure.registry import services as registry_services
from dure.registry.models import Enterprise, Institution, normalise_name

Row = tuple[int, Mapping[str, Any]]

PLAN_COLUMNS = ("구분", "사업명", "세부사업", "지표명", "단위", "목표", "집계방식", "조건")
ACTIVITY_COLUMNS = (
    "일자",
    "사업명",
    "활동유형",
    "사업자등록번호",
    "기관명",
    "자치구",
    "인원",
    "금액",
    "비고",
)
ACTIVITY_METRIC = "programs.activities"
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


def _district(text: str) -> str | None:
    if not text:
        return ""
    if text in DISTRICT_NAMES:
        return text
    if f"{text}구" in DISTRICT_NAMES:
        return f"{text}구"
    return None


@dataclass
class _ActivityLine:
    row: int
    date: datetime.date
    program: Program
    sub_program: SubProgram | None
    kind: str
    category: str
    enterprises: list[Enterprise]
    institution_names: list[str]
    district: str
    headcount: int | None
    amount_won: int | None
    notes: str
    content: str


def _date(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    text = _text({"v": value}, "v")
    match = re.fullmatch(r"(\d{4})\s*[-./년]\s*(\d{1,2})\s*[-./월]\s*(\d{1,2})\s*일?\.?", text)
    if match is None:
        return None
    try:
        return datetime.date(*(int(g) for g in match.groups()))
    except ValueError:
        return None


def _whole(text: str) -> int:
    number = _number(text)
    if number != number.to_integral_value() or number < 0:
        raise ValueError
    return int(number)


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;,；，]", text) if p.strip()]


def _program_finder(center: Center) -> Any:
    owners = [center.pk] + ([center.parent_id] if center.parent_id else [])
    programs = list(
        Program.objects.filter(center_id__in=owners)
        .select_related("area__fiscal_year")
        .order_by("center__kind", "pk")
    )

    def find(name: str, date: datetime.date) -> Program | None:
        matches = [
            p
            for p in programs
            if p.name == name and p.area.fiscal_year.starts_on <= date <= p.area.fiscal_year.ends_on
        ]
        own = [p for p in matches if p.center_id == center.pk]
        found = own or matches
        return found[0] if found else None

    return find


def parse_activity_rows(
    rows: Sequence[Row], *, center: Center, problems: _Problems
) -> list[_ActivityLine]:
    find_program = _program_finder(center)
    numbers = {
        n for _, values in rows for n in _split(_text(values, "사업자등록번호").replace("-", ""))
    }
    enterprises = {
        e.business_number: e
        for e in Enterprise.objects.filter(business_number__in=numbers).order_by("pk")
    }
    lines = []
    for number, values in rows:
        if not any(_text(values, c) for c in ACTIVITY_COLUMNS):
            continue
        date = _date(values.get("일자"))
        if date is None:
            problems.add(
                number, "일자", f"‘{_text(values, '일자')}’은(는) 날짜가 아닙니다(예: 2017-05-23)."
            )
        program_name = _text(values, "사업명")
        program = find_program(program_name, date) if date and program_name else None
        if not program_name:
            problems.add(number, "사업명", "비어 있습니다.")
        elif date and program is None:
            problems.add(number, "사업명", f"{date.year}년 사업에 ‘{program_name}’이(가) 없습니다.")
        sub_program = None
        sub_name = _text(values, "세부사업")
        if program is not None and sub_name:
            sub_program = SubProgram.objects.filter(program=program, name=sub_name).first()
            if sub_program is None:
                problems.add(
                    number, "세부사업", f"‘{sub_name}’은(는) 이 사업의 세부사업이 아닙니다."
                )
        kind = _text(values, "활동유형")
        if not kind:
            problems.add(number, "활동유형", "비어 있습니다.")
        found = []
        for business_number in _split(_text(values, "사업자등록번호").replace("-", "")):
            enterprise = enterprises.get(business_number)
            if enterprise is None:
                problems.add(
                    number,
                    "사업자등록번호",
                    f"{business_number}은(는) 명부에 없는 사업자등록번호입니다.",
                )
            else:
                found.append(enterprise)
        district = _district(_text(values, "자치구"))
        if district is None:
            problems.add(
                number, "자치구", f"‘{_text(values, '자치구')}’은(는) 서울의 자치구가 아닙니다."
            )
        quantities: dict[str, int | None] = {"인원": None, "금액": None}
        for column in quantities:
            text = _text(values, column)
            if text:
                try:
                    quantities[column] = _whole(text)
                except ValueError:
                    problems.add(number, column, f"‘{text}’은(는) 0 이상의 정수가 아닙니다.")
        if date is None or program is None or not kind or district is None:
            continue
        content = "|".join(_text(values, c) for c in (*ACTIVITY_COLUMNS, "분류", "세부사업"))
        lines.append(
            _ActivityLine(
                number,
                date,
                program,
                sub_program,
                kind,
                _text(values, "분류"),
                found,
                [normalise_name(n) for n in _split(_text(values, "기관명"))],
                district,
                quantities["인원"],
                quantities["금액"],
                _text(values, "비고"),
                content,
            )
        )
    return lines


def import_activities(
    rows: Sequence[Row],
    *,
    center: Center,
    keyed: bool = True,
    attachments: Mapping[int, UploadedFile] | None = None,
) -> ImportResult:
    """Activity records (일자, 사업명, 활동유형, 사업자등록번호, 기관명, 자치구, 인원, 금액, 비고).

    A 사업자등록번호 not in the registry is an error; a 기관명 not in the registry is added as an
    institution flagged for review. Optional columns: 분류, 세부사업. With `keyed`, each row
    remembers its content so importing the same file again adds nothing. `attachments` holds
    the bulk-entry grid's files by row number."""
    rows = list(rows)
    problems = _Problems()
    _missing_columns(rows, ACTIVITY_COLUMNS, problems)
    problems.raise_if_any()
    lines = parse_activity_rows(rows, center=center, problems=problems)
    problems.raise_if_any()
    result = ImportResult()
    with transaction.atomic():
        _save_activities(
            lines,
            center=center,
            keyed=keyed,
            result=result,
            problems=problems,
            attachments=attachments or {},
        )
        problems.raise_if_any()
    return result


def _save_activities(
    lines: list[_ActivityLine],
    *,
    center: Center,
    keyed: bool,
    result: ImportResult,
    problems: _Problems,
    attachments: Mapping[int, UploadedFile],
) -> None:
    parents = [center.parent] if center.parent is not None else []
    institutions: dict[str, Institution] = {}
    occurrences: Counter[str] = Counter()
    existing = (
        set(
            Activity.objects.filter(center=center)
            .exclude(import_key="")
            .values_list("import_key", flat=True)
        )
        if keyed
        else set()
    )
    kinds: dict[str, Any] = {}
    for line in lines:
        key = ""
        if keyed:
            digest = hashlib.sha256(line.content.encode("utf-8")).hexdigest()[:40]
            occurrences[digest] += 1
            key = f"{digest}#{occurrences[digest]}"
            if key in existing:
                result.unchanged += 1
                continue
        if line.kind not in kinds:
            known = {k.name for k in services.activity_kinds_for(center)}
            kinds[line.kind] = services.ensure_activity_kind(center=center, name=line.kind)
            if line.kind not in known:
                result.details["활동유형"] += 1
        counterparts = []
        for name in line.institution_names:
            if name not in institutions:
                institutions[name], created = registry_services.ensure_institution(
                    name=name, center=center, centers=parents, needs_review=True
                )
                if created:
                    result.details["새 기관(확인 필요)"] += 1
            counterparts.append(institutions[name])
        try:
            services.record_activity(
                center=center,
                program=line.program,
                sub_program=line.sub_program,
                kind=kinds[line.kind],
                date=line.date,
                category=line.category,
                district=line.district,
                headcount=line.headcount,
                amount_won=line.amount_won,
                notes=line.notes,
                import_key=key,
                attachment=attachments.get(line.row, ""),
                enterprises=line.enterprises,
                institutions=counterparts,
            )
        except ValidationError as error:
            for message in error.messages:
                problems.add(line.row, "일자", message)
            continue
        result.created += 1


def _import_columns(names: Sequence[str], optional: Sequence[str]) -> tuple[ImportColumn, ...]:
    return (
        *(ImportColumn(name, name, required=True) for name in names),
        *(ImportColumn(name, name) for name in optional),
    )


def _counts(result: ImportResult) -> RowCounts:
    return RowCounts(created=result.created, updated=result.updated, unchanged=result.unchanged)


@register_importer
class ActivityImporter(RowFunctionImporter):
    """`import_records activities FILE --center CODE`: activity records."""

    kind = "activities"
    label = "활동 기록"
    capability = Capability.RECORD_ACTIVITIES
    problem_exception = ImportRejected
    columns = _import_columns(ACTIVITY_COLUMNS, ("분류", "세부사업"))

    def call(self, pairs: list[tuple[int, dict[str, Any]]], progress: Progress) -> RowCounts:
        return _counts(import_activities(pairs, center=self.center))
