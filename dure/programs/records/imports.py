"""Importing dated records (`import_records <kind> FILE`, the upload screen), shared by every
record-keeping app.

All-or-nothing like every import: every row is checked before any is saved, and any problem is
`N행 [열이름]: 사유`. A row names its program by 사업명 or 사업코드 among the programs open to the
center in the fiscal year of its 일자 (its own first, then its metropolitan center's), and its
institutions and enterprises by name, 사업자등록번호 or 고유번호 among the registry rows the
importing user may name (`referable`); one that is not there is a row error, never created.
A row is matched to a saved record by the fields that say which record it is (`identity`), the
n-th such row of a file to the n-th such record: importing the same file again changes nothing,
and a corrected file updates the records it names."""

from __future__ import annotations

import datetime
import re
from abc import abstractmethod
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db.models import Model, Q, QuerySet

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
    parse_choice,
    parse_date,
    parse_int,
    split_list,
)
from dure.core.models import Center, FiscalYear, User
from dure.core.roles import Capability
from dure.programs.models import Program
from dure.programs.records.services import update_record
from dure.registry.models import Enterprise, Institution, normalise_name, search_key

NOT_IN_REGISTRY = "‘{text}’은(는) 이 센터의 명부에 없는 {what}입니다."
AMBIGUOUS = "‘{text}’이(가) 명부에 {count}곳 있습니다: 사업자등록번호로 적어 주세요."
PROGRAM_MISSING = "사업명이나 사업코드를 적어 주세요."
LARGEST_COUNT = 2_147_483_647  # a PositiveIntegerField on PostgreSQL
COMMON_COLUMNS = {
    "date": "일자",
    "program": "사업명",
    "district": "자치구",
    "notes": "비고",
}


def cell_text(row: Row, key: str) -> str:
    """The cell with its inner white space collapsed."""
    return " ".join(row.text(key).split())


def max_length(model: type[Model], name: str) -> int:
    return model._meta.get_field(name).max_length or 0  # type: ignore[union-attr]


def registry_number(text: str) -> str:
    """The 10 digits of a 사업자등록번호 or 고유번호 written in the cell ("" when it is a name)."""
    compact = re.sub(r"[\s-]", "", text)
    return compact if len(compact) == 10 and compact.isdigit() else ""


def parse_district(row: Row, errors: RowErrors, *, required: bool = False) -> str:
    text = cell_text(row, "자치구")
    if not text:
        if required:
            errors.add(row, row.column("자치구"), EMPTY)
        return ""
    for name in (text, f"{text}구"):
        if name in DISTRICT_NAMES:
            return name
    errors.add(row, row.column("자치구"), f"‘{text}’은(는) 서울의 자치구가 아닙니다.")
    return ""


def parse_count(row: Row, key: str, errors: RowErrors) -> int | None:
    number = parse_int(row, key, errors, minimum=0)
    if number is not None and number > LARGEST_COUNT:
        errors.add(row, row.column(key), f"너무 큰 수입니다: {number}")
        return None
    return number


def required_choice(
    row: Row, key: str, errors: RowErrors, choices: Sequence[tuple[str, str]]
) -> str:
    if not cell_text(row, key):
        errors.add(row, row.column(key), EMPTY)
    return parse_choice(row, key, errors, choices)


def record_columns(*columns: ImportColumn) -> tuple[ImportColumn, ...]:
    """A dated record's columns: 일자, the program, the kind's own, then 자치구 and 비고."""
    return (
        ImportColumn("일자", "일자", required=True, example="2017-05-23", is_date=True),
        ImportColumn("사업명", "사업명", example="공공 시장 확대 지원"),
        ImportColumn("사업코드", "사업코드"),
        *columns,
        ImportColumn("자치구", "자치구"),
        ImportColumn("비고", "비고"),
    )


class RegistryIndex:
    """Registry rows by 사업자등록번호/고유번호 and by name (search key)."""

    def __init__(self, rows: Iterable[Institution | Enterprise]) -> None:
        self.by_number: dict[str, list[Any]] = defaultdict(list)
        self.by_key: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            for number in {row.business_number, row.unique_number} - {""}:
                self.by_number[number].append(row)
            self.by_key[search_key(row.name)].append(row)

    def find(self, text: str) -> list[Any]:
        number = registry_number(text)
        if number:
            return self.by_number.get(number, [])
        found = self.by_key.get(search_key(text), [])
        return [c for c in found if c.name == normalise_name(text)] or found


class References:
    """The programs, institutions, enterprises and fairs a file may name, looked up once."""

    def __init__(
        self,
        *,
        center: Center,
        user: User | None,
        rows: Sequence[Row],
        institution_columns: Sequence[str] = (),
        enterprise_columns: Sequence[str] = (),
    ) -> None:
        self.center = center
        self.user = user
        owners = [center.pk] + ([center.parent_id] if center.parent_id else [])
        self.programs = [
            program
            for program in Program.objects.filter(center_id__in=owners)
            .select_related("area__fiscal_year")
            .order_by("pk")
            if program.is_open_to(center)
        ]
        self.institutions = RegistryIndex(
            self._named(Institution, rows, institution_columns, by_key=True)
        )
        self.enterprises = RegistryIndex(
            self._named(Enterprise, rows, enterprise_columns, by_key=False)
        )

    def _named(
        self, model: Any, rows: Sequence[Row], columns: Sequence[str], *, by_key: bool
    ) -> list[Any]:
        """Only the registry rows the file's cells could name, among those it may name."""
        cells = {item for row in rows for key in columns for item in split_list(row.text(key))}
        if not cells:
            return []
        numbers = {registry_number(cell) for cell in cells} - {""}
        keys = {search_key(cell) for cell in cells if not registry_number(cell)} - {""}
        referable = model.objects.referable(user=self.user, center=self.center).order_by("pk")
        condition = Q(business_number__in=numbers) | Q(unique_number__in=numbers)
        if by_key:
            return list(referable.filter(condition | Q(search_key__in=keys)))
        found = {row.pk: row for row in referable.filter(condition)}
        if keys:
            # Enterprises keep no search key column: their names are compared here.
            for row in referable.only("pk", "center", "name", "business_number", "unique_number"):
                if search_key(row.name) in keys:
                    found[row.pk] = row
        return sorted(found.values(), key=lambda row: row.pk)

    def program(
        self,
        row: Row,
        errors: RowErrors,
        *,
        day: datetime.date | None = None,
        year: int | None = None,
    ) -> Program | None:
        """The program the row names, in the fiscal year of `day` (or of `year`)."""
        name, code = cell_text(row, "사업명"), cell_text(row, "사업코드")
        if not name and not code:
            errors.add(row, row.column("사업명"), PROGRAM_MISSING)
            return None
        if day is None and year is None:
            return None
        shown_year = day.year if day is not None else year
        named = self.programs
        for column, wanted, attribute in (("사업명", name, "name"), ("사업코드", code, "code")):
            if wanted:
                named = [p for p in named if getattr(p, attribute) == wanted]
                if not named:
                    message = f"{shown_year}년 사업에 ‘{wanted}’이(가) 없습니다."
                    errors.add(row, row.column(column), message)
                    return None
        column, what = ("사업명", name) if name else ("사업코드", code)
        in_year = [p for p in named if in_fiscal_year(p.area.fiscal_year, day, year)]
        if not in_year and day is not None:
            years = ", ".join(sorted({str(p.area.fiscal_year.year) for p in named}))
            message = f"일자가 ‘{what}’ 사업의 회계연도({years}년) 밖입니다."
            errors.add(row, row.column("일자"), message)
            return None
        if not in_year:
            errors.add(row, row.column(column), f"{shown_year}년 사업에 ‘{what}’이(가) 없습니다.")
            return None
        found = [p for p in in_year if p.center_id == self.center.pk] or in_year
        if len(found) > 1:
            other = "사업코드" if column == "사업명" else "사업명"
            errors.add(
                row,
                row.column(column),
                f"{shown_year}년 사업에 ‘{what}’이(가) {len(found)}개 있습니다: "
                f"{other}을(를) 함께 적어 주세요.",
            )
            return None
        return found[0]

    def institution(
        self, row: Row, key: str, errors: RowErrors, *, required: bool = False
    ) -> Institution | None:
        if required and not cell_text(row, key):
            errors.add(row, row.column(key), EMPTY)
        return self._one(row, key, cell_text(row, key), errors, self.institutions, "기관")

    def enterprise(
        self, row: Row, key: str, errors: RowErrors, *, required: bool = False
    ) -> Enterprise | None:
        if required and not cell_text(row, key):
            errors.add(row, row.column(key), EMPTY)
        return self._one(row, key, cell_text(row, key), errors, self.enterprises, "기업")

    def enterprise_list(self, row: Row, key: str, errors: RowErrors) -> list[Enterprise] | None:
        before = len(errors)
        found = [
            self._one(row, key, text, errors, self.enterprises, "기업")
            for text in split_list(row.text(key))
        ]
        if len(errors) > before:
            return None
        return list({e.pk: e for e in found if e is not None}.values())

    def _one(
        self, row: Row, key: str, text: str, errors: RowErrors, index: RegistryIndex, what: str
    ) -> Any:
        if not text:
            return None
        found = index.find(text)
        found = [c for c in found if c.center_id == self.center.pk] or found
        if not found:
            errors.add(row, row.column(key), NOT_IN_REGISTRY.format(text=text, what=what))
            return None
        if len(found) > 1:
            errors.add(row, row.column(key), AMBIGUOUS.format(text=text, count=len(found)))
            return None
        return found[0]


def shown(text: str) -> str:
    """A cell as quoted in a message: a very long one is cut."""
    return text if len(text) <= 40 else text[:40] + "…"


def in_fiscal_year(fiscal_year: FiscalYear, day: datetime.date | None, year: int | None) -> bool:
    if day is not None:
        return fiscal_year.starts_on <= day <= fiscal_year.ends_on
    return fiscal_year.year == year


@dataclass
class Line:
    row: Row
    fields: dict[str, Any]
    label: str


class RecordImporter(Importer):
    """A dated record: rows are read and checked, then each is created, updated or left as it
    is through the app's services."""

    capability = Capability.RECORD_ACTIVITIES
    model: ClassVar[type[Model]]
    # The fields that say which record a row is; the others are updated.
    identity: ClassVar[tuple[str, ...]]
    # The column a service's complaint about a field is shown at.
    field_columns: ClassVar[dict[str, str]] = {}
    # The columns naming institutions and enterprises (a cell may hold a list).
    institution_columns: ClassVar[tuple[str, ...]] = ()
    enterprise_columns: ClassVar[tuple[str, ...]] = ()
    # The column a complaint about no field in particular is shown at.
    date_column: ClassVar[str] = "일자"
    # The lookups a row may use (an app adds its own records to name).
    references_class: ClassVar[type[References]] = References

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        result = ImportResult(rows_read=len(rows))
        rows = [row for row in rows if any(cell_text(row, c.key) for c in self.columns)]
        references = self.references_class(
            center=self.center,
            user=self.user,
            rows=rows,
            institution_columns=self.institution_columns,
            enterprise_columns=self.enterprise_columns,
        )
        lines = []
        for row in rows:
            line = self.parse(row, errors, references)
            if line is not None:
                lines.append(line)
        if errors:
            return result
        self.write(lines, errors, result, progress)
        return result

    @abstractmethod
    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        """The row's fields, or None when any cell is refused (its problems are in `errors`)."""

    @abstractmethod
    def create(self, fields: dict[str, Any]) -> None:
        """Save a new record through the kind's service."""

    def update(self, record: Any, changes: dict[str, Any], fields: dict[str, Any]) -> None:
        update_record(record, **changes)

    def existing(self, identity: dict[str, Any]) -> QuerySet[Any]:
        """The saved records a row with these identifying fields may be."""
        return self.model._default_manager.filter(center=self.center, **identity)

    def write(
        self, lines: list[Line], errors: RowErrors, result: ImportResult, progress: Progress
    ) -> None:
        occurrences: Counter[tuple[Any, ...]] = Counter()
        saved: dict[tuple[Any, ...], list[Any]] = {}
        for index, line in enumerate(lines, start=1):
            if index % 100 == 0:
                progress(index, len(lines))
            identity = {name: line.fields[name] for name in self.identity}
            key = tuple(comparable(value) for value in identity.values())
            if key not in saved:
                saved[key] = list(self.existing(identity).order_by("pk"))
            occurrences[key] += 1
            number = line.row.number
            result.labels[number] = line.label
            matches = saved[key]
            record = matches[occurrences[key] - 1] if occurrences[key] <= len(matches) else None
            try:
                if record is None:
                    self.create(line.fields)
                    result.outcomes[number] = Outcome.CREATED
                    continue
                changes = {
                    name: value
                    for name, value in line.fields.items()
                    if name not in self.identity and stored(record, name) != comparable(value)
                }
                if changes:
                    self.update(record, changes, line.fields)
                    result.outcomes[number] = Outcome.UPDATED
                else:
                    result.outcomes[number] = Outcome.UNCHANGED
            except ValidationError as error:
                columns = {**COMMON_COLUMNS, **self.field_columns}
                report_error(line.row, error, errors, columns, default=self.date_column)
        progress(len(lines), len(lines))


def comparable(value: Any) -> Any:
    """A field's value as compared with the stored one: a row by its key, a list as a set."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, list):
        return frozenset(comparable(item) for item in value)
    return value


def stored(record: Model, name: str) -> Any:
    field = record._meta.get_field(name)
    if field.many_to_many:
        return frozenset(getattr(record, name).values_list("pk", flat=True))
    if field.is_relation:
        return getattr(record, field.attname)  # type: ignore[union-attr]
    return getattr(record, name)


def report_error(
    row: Row,
    error: ValidationError,
    errors: RowErrors,
    columns: dict[str, str],
    *,
    default: str = "일자",
) -> None:
    by_field = error.message_dict if hasattr(error, "error_dict") else {"": error.messages}
    for field, messages in by_field.items():
        column = columns.get(field, default)
        for message in messages:
            errors.add(row, row.column(column), message)


class ProgramRecordImporter(RecordImporter):
    """A record of a program's work: 일자, 사업명 or 사업코드, 자치구 and 비고 read here, the
    kind's own columns in `fields`."""

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        """The row's fields, or None when any cell is refused (its problems are in `errors`)."""
        before = len(errors)
        day = parse_date(row, "일자", errors, required=True)
        program = references.program(row, errors, day=day)
        district = parse_district(row, errors)
        fields = self.fields(row, errors, references, day)
        if len(errors) > before or day is None or program is None or fields is None:
            return None
        fields = {
            "program": program,
            "date": day,
            **fields,
            "district": district,
            "notes": row.text("비고"),
        }
        return Line(row, fields, f"{day:%Y-%m-%d} {program.name} · {self.describe(fields)}")

    @abstractmethod
    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        """The kind's own fields of the row (None when a cell is refused)."""

    @abstractmethod
    def describe(self, fields: dict[str, Any]) -> str:
        """What the row is, for the preview."""
