"""Importing activity records (`import_records activities FILE`, the upload screen and the
bulk-entry grid); the plan has its own importer (`plan_import`).

All-or-nothing: any problem is reported as `N행 [열이름]: 사유` and nothing is saved. Importing
the same file again changes nothing."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from dure.core.districts import DISTRICT_NAMES
from dure.core.imports import (
    EMPTY,
    ImportColumn,
    Importer,
    ImportResult,
    Outcome,
    Progress,
    Row,
    RowErrors,
    parse_amount,
    parse_date,
    parse_int,
    register_importer,
    save_rows,
)
from dure.core.models import Center, User
from dure.core.roles import Capability
from dure.programs import services
from dure.programs.models import Activity, ActivityKind, Program, SubProgram
from dure.registry import services as registry_services
from dure.registry.models import Enterprise, Institution, normalise_name

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
OPTIONAL_COLUMNS = ("분류", "세부사업")
DATE_INVALID = "‘{text}’은(는) 날짜가 아닙니다(예: 2017-05-23)."
WHOLE_INVALID = "‘{text}’은(는) 0 이상의 정수가 아닙니다."


# A new activity kind or institution is created from the cell, so it must fit the name's column.
KIND_LENGTH = ActivityKind._meta.get_field("name").max_length or 0
INSTITUTION_LENGTH = Institution._meta.get_field("name").max_length or 0


def _too_long(limit: int, text: str) -> str:
    return f"{limit}자까지 입력할 수 있습니다(지금 {len(text)}자)."


def _text(row: Row, key: str) -> str:
    """The cell with its inner white space collapsed."""
    return " ".join(row.text(key).split())


def _key_text(value: Any) -> str:
    # As the import keys of earlier imports were computed: keep it byte for byte.
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return " ".join(str(value).split())


def _split(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"[;,；，]", text) if p.strip()]


def _district(text: str) -> str | None:
    if not text:
        return ""
    if text in DISTRICT_NAMES:
        return text
    if f"{text}구" in DISTRICT_NAMES:
        return f"{text}구"
    return None


def _program_finder(center: Center) -> Callable[[str, datetime.date], Program | None]:
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


@dataclass
class _ActivityLine:
    row: Row
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


@register_importer
class ActivityImporter(Importer):
    """Activity records (일자, 사업명, 활동유형, 사업자등록번호, 기관명, 자치구, 인원, 금액, 비고).

    사업명 names a program of the center or of its metropolitan center (the plan it records
    under). A 사업자등록번호 the user may not see, or not in the registry, is an error; a 기관명
    not registered at the center is added there as an institution flagged for review. Optional
    columns: 분류, 세부사업. With `keyed`, each row remembers its content so importing the same
    file again adds nothing. `attachments` holds the bulk-entry grid's files by row number."""

    kind = "activities"
    label = "활동 기록"
    capability = Capability.RECORD_ACTIVITIES
    columns = (
        *(
            ImportColumn(name, name, required=True, is_date=name == "일자")
            for name in ACTIVITY_COLUMNS
        ),
        *(ImportColumn(name, name) for name in OPTIONAL_COLUMNS),
    )

    def __init__(
        self,
        *,
        center: Center,
        user: User | None = None,
        year: int | None = None,
        keyed: bool = True,
        attachments: Mapping[int, UploadedFile] | None = None,
    ) -> None:
        super().__init__(center=center, user=user, year=year)
        self.keyed = keyed
        self.attachments = attachments or {}

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        result = ImportResult(rows_read=len(rows))
        lines = self.parse(rows, errors)
        if errors:
            return result
        self.record(lines, errors, progress, result)
        return result

    def parse(self, rows: list[Row], errors: RowErrors) -> list[_ActivityLine]:
        find_program = _program_finder(self.center)
        numbers = {n for row in rows for n in _split(_text(row, "사업자등록번호").replace("-", ""))}
        # Only enterprises the importing user may see, in the center's reach: another center's
        # number is answered exactly like an unknown one.
        referable = Enterprise.objects.referable(user=self.user, center=self.center)
        enterprises = {
            e.business_number: e
            for e in referable.filter(business_number__in=numbers).order_by("pk")
        }
        lines = []
        for row in rows:
            if not any(_text(row, c) for c in ACTIVITY_COLUMNS):
                continue
            date = parse_date(row, "일자", errors, required=True, invalid=DATE_INVALID)
            program_name = _text(row, "사업명")
            program = find_program(program_name, date) if date and program_name else None
            if not program_name:
                errors.add(row, row.column("사업명"), EMPTY)
            elif date and program is None:
                errors.add(
                    row,
                    row.column("사업명"),
                    f"{date.year}년 사업에 ‘{program_name}’이(가) 없습니다.",
                )
            sub_program = None
            sub_name = _text(row, "세부사업")
            if program is not None and sub_name:
                sub_program = SubProgram.objects.filter(program=program, name=sub_name).first()
                if sub_program is None:
                    errors.add(
                        row,
                        row.column("세부사업"),
                        f"‘{sub_name}’은(는) 이 사업의 세부사업이 아닙니다.",
                    )
            kind = _text(row, "활동유형")
            if not kind:
                errors.add(row, row.column("활동유형"), EMPTY)
            elif len(kind) > KIND_LENGTH:
                errors.add(row, row.column("활동유형"), _too_long(KIND_LENGTH, kind))
                kind = ""
            institution_names = [normalise_name(n) for n in _split(_text(row, "기관명"))]
            for name in institution_names:
                if len(name) > INSTITUTION_LENGTH:
                    errors.add(row, row.column("기관명"), _too_long(INSTITUTION_LENGTH, name))
            found = []
            for business_number in _split(_text(row, "사업자등록번호").replace("-", "")):
                enterprise = enterprises.get(business_number)
                if enterprise is None:
                    errors.add(
                        row,
                        row.column("사업자등록번호"),
                        f"{business_number}은(는) 명부에 없는 사업자등록번호입니다.",
                    )
                else:
                    found.append(enterprise)
            district = _district(_text(row, "자치구"))
            if district is None:
                errors.add(
                    row,
                    row.column("자치구"),
                    f"‘{_text(row, '자치구')}’은(는) 서울의 자치구가 아닙니다.",
                )
            headcount = parse_int(row, "인원", errors, minimum=0, invalid=WHOLE_INVALID)
            amount = parse_amount(row, "금액", errors, invalid=WHOLE_INVALID)
            if date is None or program is None or not kind or district is None:
                continue
            content = "|".join(
                _key_text(row.cells.get(c)) for c in (*ACTIVITY_COLUMNS, *OPTIONAL_COLUMNS)
            )
            lines.append(
                _ActivityLine(
                    row,
                    date,
                    program,
                    sub_program,
                    kind,
                    _text(row, "분류"),
                    found,
                    institution_names,
                    district,
                    headcount,
                    amount,
                    _text(row, "비고"),
                    content,
                )
            )
        return lines

    def record(
        self,
        lines: list[_ActivityLine],
        errors: RowErrors,
        progress: Progress,
        result: ImportResult,
    ) -> None:
        center = self.center
        institutions: dict[str, Institution] = {}
        occurrences: Counter[str] = Counter()
        existing = (
            set(
                Activity.objects.filter(center=center)
                .exclude(import_key="")
                .values_list("import_key", flat=True)
            )
            if self.keyed
            else set()
        )
        kinds: dict[str, ActivityKind] = {}
        for index, line in enumerate(lines, start=1):
            if index % 200 == 0:
                progress(index, len(lines))
            number = line.row.number
            result.labels[number] = f"{line.date:%Y-%m-%d} {line.program.name} · {line.kind}"
            key = ""
            if self.keyed:
                digest = hashlib.sha256(line.content.encode("utf-8")).hexdigest()[:40]
                occurrences[digest] += 1
                key = f"{digest}#{occurrences[digest]}"
                if key in existing:
                    result.outcomes[number] = Outcome.UNCHANGED
                    continue
            if line.kind not in kinds:
                known = {k.name for k in services.activity_kinds_for(center)}
                kinds[line.kind] = services.ensure_activity_kind(center=center, name=line.kind)
                if line.kind not in known:
                    result.notes["새 활동유형"] += 1
            counterparts = []
            for name in line.institution_names:
                if name not in institutions:
                    institutions[name], created = registry_services.ensure_institution(
                        name=name, center=center, needs_review=True
                    )
                    if created:
                        result.notes["새 기관(확인 필요)"] += 1
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
                    attachment=self.attachments.get(number, ""),
                    enterprises=line.enterprises,
                    institutions=counterparts,
                )
            except ValidationError as error:
                for message in error.messages:
                    errors.add(line.row, line.row.column("일자"), message)
                continue
            result.outcomes[number] = Outcome.CREATED
        progress(len(lines), len(lines))


def import_activities(
    rows: Sequence[tuple[int, Mapping[str, Any]]],
    *,
    center: Center,
    user: User | None = None,
    keyed: bool = True,
    attachments: Mapping[int, UploadedFile] | None = None,
) -> ImportResult:
    """Activity records given as (row number, {column: value}) pairs (the bulk-entry grid):
    all saved, or ImportRejected listing every problem."""
    importer = ActivityImporter(center=center, user=user, keyed=keyed, attachments=attachments)
    return save_rows(importer, [importer.row(number, values) for number, values in rows])
