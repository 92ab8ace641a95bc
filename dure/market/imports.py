"""Importing 판로지원 records (`import_records market_… FILE`, the upload screen): consultations,
visits, database entries, briefings, fairs, district sales teams (one row per member),
opportunities; the private market's demand organisations, sales linkages, supply surveys, outlets,
listings, marketing support, sales events and their participants; institutions' purchases.

All-or-nothing like every import: every row is checked before any is saved, and any problem is
`N행 [열이름]: 사유`. A row names its program by 사업명 or 사업코드 among the programs open to the
center in the fiscal year of its 일자 (its own first, then its metropolitan center's; a
participation takes its event's, a purchase has none), and its institutions and enterprises by
name, 사업자등록번호 or 고유번호 among the registry rows the importing user may name
(`referable`); one that is not there is a row error, never created.
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
    parse_amount,
    parse_choice,
    parse_date,
    parse_int,
    parse_text,
    register_importer,
    split_list,
)
from dure.core.models import Center, FiscalYear, User
from dure.core.roles import Capability
from dure.market import services
from dure.market.models import (
    B2BLinkage,
    Briefing,
    CallerType,
    Channel,
    Consultation,
    DatabaseEntry,
    DemandCategory,
    DemandOrganization,
    EntryKind,
    EventParticipation,
    Fair,
    Listing,
    MarketingKind,
    MarketingSupport,
    Opportunity,
    Outlet,
    OutletKind,
    Purchase,
    SalesEvent,
    SalesTeam,
    SalesTeamMember,
    Segment,
    Stage,
    SupplySurvey,
    SupportKind,
    Visit,
)
from dure.programs.models import Program
from dure.registry.imports import parse_number
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


def _text(row: Row, key: str) -> str:
    """The cell with its inner white space collapsed."""
    return " ".join(row.text(key).split())


def _max_length(model: type[Model], name: str) -> int:
    return model._meta.get_field(name).max_length or 0  # type: ignore[union-attr]


def _number(text: str) -> str:
    """The 10 digits of a 사업자등록번호 or 고유번호 written in the cell ("" when it is a name)."""
    compact = re.sub(r"[\s-]", "", text)
    return compact if len(compact) == 10 and compact.isdigit() else ""


def _district(row: Row, errors: RowErrors, *, required: bool = False) -> str:
    text = _text(row, "자치구")
    if not text:
        if required:
            errors.add(row, row.column("자치구"), EMPTY)
        return ""
    for name in (text, f"{text}구"):
        if name in DISTRICT_NAMES:
            return name
    errors.add(row, row.column("자치구"), f"‘{text}’은(는) 서울의 자치구가 아닙니다.")
    return ""


def _count(row: Row, key: str, errors: RowErrors) -> int | None:
    number = parse_int(row, key, errors, minimum=0)
    if number is not None and number > LARGEST_COUNT:
        errors.add(row, row.column(key), f"너무 큰 수입니다: {number}")
        return None
    return number


def _required_choice(
    row: Row, key: str, errors: RowErrors, choices: Sequence[tuple[str, str]]
) -> str:
    if not _text(row, key):
        errors.add(row, row.column(key), EMPTY)
    return parse_choice(row, key, errors, choices)


def _columns(*columns: ImportColumn) -> tuple[ImportColumn, ...]:
    """A dated record's columns: 일자, the program, the kind's own, then 자치구 and 비고."""
    return (
        ImportColumn("일자", "일자", required=True, example="2017-05-23", is_date=True),
        ImportColumn("사업명", "사업명", example="공공 시장 확대 지원"),
        ImportColumn("사업코드", "사업코드"),
        *columns,
        ImportColumn("자치구", "자치구"),
        ImportColumn("비고", "비고"),
    )


class _Index:
    """Registry rows by 사업자등록번호/고유번호 and by name (search key)."""

    def __init__(self, rows: Iterable[Institution | Enterprise]) -> None:
        self.by_number: dict[str, list[Any]] = defaultdict(list)
        self.by_key: dict[str, list[Any]] = defaultdict(list)
        for row in rows:
            for number in {row.business_number, row.unique_number} - {""}:
                self.by_number[number].append(row)
            self.by_key[search_key(row.name)].append(row)

    def find(self, text: str) -> list[Any]:
        number = _number(text)
        if number:
            return self.by_number.get(number, [])
        found = self.by_key.get(search_key(text), [])
        return [c for c in found if c.name == normalise_name(text)] or found


class _References:
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
        self.institutions = _Index(self._named(Institution, rows, institution_columns, by_key=True))
        self.enterprises = _Index(self._named(Enterprise, rows, enterprise_columns, by_key=False))

    def _named(
        self, model: Any, rows: Sequence[Row], columns: Sequence[str], *, by_key: bool
    ) -> list[Any]:
        """Only the registry rows the file's cells could name, among those it may name."""
        cells = {item for row in rows for key in columns for item in split_list(row.text(key))}
        if not cells:
            return []
        numbers = {_number(cell) for cell in cells} - {""}
        keys = {search_key(cell) for cell in cells if not _number(cell)} - {""}
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
        name, code = _text(row, "사업명"), _text(row, "사업코드")
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
        in_year = [p for p in named if _in_year(p.area.fiscal_year, day, year)]
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
        if required and not _text(row, key):
            errors.add(row, row.column(key), EMPTY)
        return self._one(row, key, _text(row, key), errors, self.institutions, "기관")

    def enterprise(
        self, row: Row, key: str, errors: RowErrors, *, required: bool = False
    ) -> Enterprise | None:
        if required and not _text(row, key):
            errors.add(row, row.column(key), EMPTY)
        return self._one(row, key, _text(row, key), errors, self.enterprises, "기업")

    def enterprise_list(self, row: Row, key: str, errors: RowErrors) -> list[Enterprise] | None:
        before = len(errors)
        found = [
            self._one(row, key, text, errors, self.enterprises, "기업")
            for text in split_list(row.text(key))
        ]
        if len(errors) > before:
            return None
        return list({e.pk: e for e in found if e is not None}.values())

    def fair(self, row: Row, errors: RowErrors) -> Fair | None:
        day = parse_date(row, "박람회 일자", errors)
        host = self.institution(row, "박람회 개최기관", errors)
        if bool(_text(row, "박람회 일자")) != bool(_text(row, "박람회 개최기관")):
            missing = "박람회 개최기관" if _text(row, "박람회 일자") else "박람회 일자"
            errors.add(row, row.column(missing), "박람회는 일자와 개최기관을 함께 적어 주세요.")
            return None
        if day is None or host is None:
            return None
        fairs = list(
            Fair.objects.referable(user=self.user, center=self.center)
            .filter(date=day, host=host)
            .order_by("pk")
        )
        found = [f for f in fairs if f.center_id == self.center.pk] or fairs
        if len(found) != 1:
            reason = "없습니다" if not found else f"{len(found)}건 있습니다"
            errors.add(
                row,
                row.column("박람회 일자"),
                f"{day:%Y-%m-%d} ‘{host.name}’ 박람회가 이 센터의 기록에 {reason}.",
            )
            return None
        return found[0]

    def sales_event(self, row: Row, errors: RowErrors) -> SalesEvent | None:
        """The sales event held on 행사 일자 under 행사명, among those the center may name."""
        day = parse_date(row, "행사 일자", errors, required=True)
        name = parse_text(row, "행사명", errors, required=True)
        if day is None or not name:
            return None
        events = list(
            SalesEvent.objects.referable(user=self.user, center=self.center)
            .filter(date=day, name=" ".join(name.split()))
            .select_related("program__area__fiscal_year")
            .order_by("pk")
        )
        found = [e for e in events if e.center_id == self.center.pk] or events
        if len(found) != 1:
            reason = "없습니다" if not found else f"{len(found)}건 있습니다"
            errors.add(
                row,
                row.column("행사명"),
                f"{day:%Y-%m-%d} ‘{_shown(name)}’ 판매 행사가 이 센터의 기록에 {reason}.",
            )
            return None
        return found[0]

    def _one(
        self, row: Row, key: str, text: str, errors: RowErrors, index: _Index, what: str
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


def _shown(text: str) -> str:
    """A cell as quoted in a message: a very long one is cut."""
    return text if len(text) <= 40 else text[:40] + "…"


def _in_year(fiscal_year: FiscalYear, day: datetime.date | None, year: int | None) -> bool:
    if day is not None:
        return fiscal_year.starts_on <= day <= fiscal_year.ends_on
    return fiscal_year.year == year


@dataclass
class _Line:
    row: Row
    fields: dict[str, Any]
    label: str


class _RecordImporter(Importer):
    """A dated 판로지원 record: rows are read and checked, then each is created, updated or left
    as it is through the market services."""

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

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        result = ImportResult(rows_read=len(rows))
        rows = [row for row in rows if any(_text(row, c.key) for c in self.columns)]
        references = _References(
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
    def parse(self, row: Row, errors: RowErrors, references: _References) -> _Line | None:
        """The row's fields, or None when any cell is refused (its problems are in `errors`)."""

    @abstractmethod
    def create(self, fields: dict[str, Any]) -> None:
        """Save a new record through the kind's service."""

    def update(self, record: Any, changes: dict[str, Any], fields: dict[str, Any]) -> None:
        services.update_record(record, **changes)

    def existing(self, identity: dict[str, Any]) -> QuerySet[Any]:
        """The saved records a row with these identifying fields may be."""
        return self.model._default_manager.filter(center=self.center, **identity)

    def write(
        self, lines: list[_Line], errors: RowErrors, result: ImportResult, progress: Progress
    ) -> None:
        occurrences: Counter[tuple[Any, ...]] = Counter()
        saved: dict[tuple[Any, ...], list[Any]] = {}
        for index, line in enumerate(lines, start=1):
            if index % 100 == 0:
                progress(index, len(lines))
            identity = {name: line.fields[name] for name in self.identity}
            key = tuple(_comparable(value) for value in identity.values())
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
                    if name not in self.identity and _stored(record, name) != _comparable(value)
                }
                if changes:
                    self.update(record, changes, line.fields)
                    result.outcomes[number] = Outcome.UPDATED
                else:
                    result.outcomes[number] = Outcome.UNCHANGED
            except ValidationError as error:
                columns = {**COMMON_COLUMNS, **self.field_columns}
                _report(line.row, error, errors, columns, default=self.date_column)
        progress(len(lines), len(lines))


def _comparable(value: Any) -> Any:
    """A field's value as compared with the stored one: a row by its key, a list as a set."""
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, list):
        return frozenset(_comparable(item) for item in value)
    return value


def _stored(record: Model, name: str) -> Any:
    field = record._meta.get_field(name)
    if field.many_to_many:
        return frozenset(getattr(record, name).values_list("pk", flat=True))
    if field.is_relation:
        return getattr(record, field.attname)  # type: ignore[union-attr]
    return getattr(record, name)


def _report(
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


class _ProgramRecordImporter(_RecordImporter):
    """A record of a program's work: 일자, 사업명 or 사업코드, 자치구 and 비고 read here, the
    kind's own columns in `fields`."""

    def parse(self, row: Row, errors: RowErrors, references: _References) -> _Line | None:
        """The row's fields, or None when any cell is refused (its problems are in `errors`)."""
        before = len(errors)
        day = parse_date(row, "일자", errors, required=True)
        program = references.program(row, errors, day=day)
        district = _district(row, errors)
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
        return _Line(row, fields, f"{day:%Y-%m-%d} {program.name} · {self.describe(fields)}")

    @abstractmethod
    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        """The kind's own fields of the row (None when a cell is refused)."""

    @abstractmethod
    def describe(self, fields: dict[str, Any]) -> str:
        """What the row is, for the preview."""


@register_importer
class ConsultationImporter(_ProgramRecordImporter):
    """공공구매 상담: 일자, 사업명 or 사업코드, 상담자 구분, 경로, 상담 주제, 결과, 기관, 기업."""

    kind = "market_consultations"
    label = "공공구매 상담"
    model = Consultation
    identity = ("program", "date", "caller_type", "channel", "topic", "institution", "enterprise")
    field_columns = {
        "caller_type": "상담자 구분",
        "channel": "경로",
        "topic": "상담 주제",
        "outcome": "결과",
        "institution": "기관",
        "enterprise": "기업",
    }
    institution_columns = ("기관",)
    enterprise_columns = ("기업",)
    columns = _columns(
        ImportColumn("상담자 구분", "상담자 구분", example="사회적경제기업"),
        ImportColumn("경로", "경로", example="콜센터"),
        ImportColumn("상담 주제", "상담 주제", example="공공구매 절차"),
        ImportColumn("결과", "결과"),
        ImportColumn("기관", "기관", aliases=("기관명",)),
        ImportColumn("기업", "기업", aliases=("기업명",), example="220-81-62517"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "caller_type": parse_choice(row, "상담자 구분", errors, CallerType.choices)
            or CallerType.UNKNOWN,
            "channel": parse_text(
                row, "경로", errors, max_length=_max_length(Consultation, "channel")
            )
            or "콜센터",
            "topic": parse_text(
                row, "상담 주제", errors, max_length=_max_length(Consultation, "topic")
            ),
            "outcome": parse_text(
                row, "결과", errors, max_length=_max_length(Consultation, "outcome")
            ),
            "institution": references.institution(row, "기관", errors),
            "enterprise": references.enterprise(row, "기업", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{CallerType(fields['caller_type']).label} 상담"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_consultation(center=self.center, **fields)


@register_importer
class VisitImporter(_ProgramRecordImporter):
    """방문영업: 일자, 사업명 or 사업코드, 방문 기관, 구분, 방문자, 목적, 결과."""

    kind = "market_visits"
    label = "방문영업"
    model = Visit
    identity = ("program", "date", "institution")
    field_columns = {
        "institution": "방문 기관",
        "segment": "구분",
        "staff": "방문자",
        "purpose": "목적",
        "result": "결과",
    }
    institution_columns = ("방문 기관",)
    columns = _columns(
        ImportColumn(
            "방문 기관", "방문 기관", aliases=("기관명",), required=True, example="강동구청"
        ),
        ImportColumn("구분", "구분", required=True, example="공공기관"),
        ImportColumn("방문자", "방문자"),
        ImportColumn("목적", "목적"),
        ImportColumn("결과", "결과"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        institution = references.institution(row, "방문 기관", errors)
        if not _text(row, "방문 기관"):
            errors.add(row, row.column("방문 기관"), EMPTY)
        segment = parse_choice(row, "구분", errors, Segment.choices)
        if not _text(row, "구분"):
            errors.add(row, row.column("구분"), EMPTY)
        return {
            "institution": institution,
            "segment": segment,
            "staff": parse_text(row, "방문자", errors, max_length=_max_length(Visit, "staff")),
            "purpose": parse_text(row, "목적", errors, max_length=_max_length(Visit, "purpose")),
            "result": parse_text(row, "결과", errors, max_length=_max_length(Visit, "result")),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['institution'].name} 방문"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_visit(center=self.center, **fields)


@register_importer
class DatabaseEntryImporter(_ProgramRecordImporter):
    """DB 구축: 일자, 사업명 or 사업코드, DB (SE기업 or 공공기관), 기업 or 기관."""

    kind = "market_database_entries"
    label = "DB 구축"
    model = DatabaseEntry
    identity = ("program", "kind", "enterprise", "institution")
    field_columns = {"kind": "DB", "enterprise": "기업", "institution": "기관"}
    institution_columns = ("기관",)
    enterprise_columns = ("기업",)
    columns = _columns(
        ImportColumn("DB", "DB", example="SE기업"),
        ImportColumn("기업", "기업", aliases=("기업명",), example="220-81-62517"),
        ImportColumn("기관", "기관", aliases=("기관명",)),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        enterprise = references.enterprise(row, "기업", errors)
        institution = references.institution(row, "기관", errors)
        kind = parse_choice(row, "DB", errors, EntryKind.choices)
        has_enterprise, has_institution = bool(_text(row, "기업")), bool(_text(row, "기관"))
        if not _text(row, "DB") and has_enterprise != has_institution:
            kind = EntryKind.ENTERPRISE if has_enterprise else EntryKind.INSTITUTION
        if not _text(row, "DB") and not kind:
            errors.add(row, row.column("DB"), "SE기업이나 공공기관을 적어 주세요.")
        wanted, other = ("기업", "기관") if kind == EntryKind.ENTERPRISE else ("기관", "기업")
        if kind and not _text(row, wanted):
            errors.add(
                row, row.column(wanted), f"{EntryKind(kind).label} DB에는 {wanted}이 필요합니다."
            )
        if kind and _text(row, other):
            errors.add(
                row, row.column(other), f"{EntryKind(kind).label} DB에는 {other}을 적지 않습니다."
            )
        return {"kind": kind, "enterprise": enterprise, "institution": institution}

    def describe(self, fields: dict[str, Any]) -> str:
        named = fields["enterprise"] or fields["institution"]
        return f"{EntryKind(fields['kind']).label} DB · {named.name}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_database_entry(center=self.center, **fields)


@register_importer
class BriefingImporter(_ProgramRecordImporter):
    """교육·설명회: 일자, 사업명 or 사업코드, 내용, 대상, 참여인원."""

    kind = "market_briefings"
    label = "교육·설명회"
    model = Briefing
    identity = ("program", "date", "title")
    field_columns = {"title": "내용", "audience": "대상", "participants": "참여인원"}
    columns = _columns(
        ImportColumn("내용", "내용", required=True, example="공공구매 제도 설명회"),
        ImportColumn("대상", "대상", example="구청 계약 담당자"),
        ImportColumn("참여인원", "참여인원", example="35"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "title": parse_text(
                row, "내용", errors, required=True, max_length=_max_length(Briefing, "title")
            ),
            "audience": parse_text(
                row, "대상", errors, max_length=_max_length(Briefing, "audience")
            ),
            "participants": _count(row, "참여인원", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["title"])

    def create(self, fields: dict[str, Any]) -> None:
        services.record_briefing(center=self.center, **fields)


@register_importer
class FairImporter(_ProgramRecordImporter):
    """공공구매 박람회: 일자, 사업명 or 사업코드, 개최기관, 참여기업, 상담부서, 상담건수, 방문객."""

    kind = "market_fairs"
    label = "공공구매 박람회"
    model = Fair
    identity = ("program", "date", "host")
    field_columns = {
        "host": "개최기관",
        "enterprises_count": "참여기업",
        "departments_count": "상담부서",
        "consultations_count": "상담건수",
        "visitors": "방문객",
    }
    institution_columns = ("개최기관",)
    columns = _columns(
        ImportColumn("개최기관", "개최기관", required=True, example="강동구청"),
        ImportColumn("참여기업", "참여기업", example="12"),
        ImportColumn("상담부서", "상담부서", example="8"),
        ImportColumn("상담건수", "상담건수", example="40"),
        ImportColumn("방문객", "방문객", example="150"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        host = references.institution(row, "개최기관", errors)
        if not _text(row, "개최기관"):
            errors.add(row, row.column("개최기관"), EMPTY)
        return {
            "host": host,
            **{
                field: _count(row, column, errors)
                for field, column in self.field_columns.items()
                if field != "host"
            },
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['host'].name} 박람회"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_fair(center=self.center, **fields)


CONTRACT_COLUMNS = {
    "winner": "계약 기업",
    "contracted_on": "계약일",
    "contract_won": "계약금액(원)",
}


@register_importer
class OpportunityImporter(_ProgramRecordImporter):
    """판로 기회: 일자, 사업명 or 사업코드, 발주기관, 수요 내용, 지원 방식, 경로, 박람회 (일자와
    개최기관), 단계, 참여 기업 (names or numbers), 계약 기업, 계약일, 계약금액(원).

    A 계약 row needs 계약 기업, 계약일 and 계약금액; a row at another stage has none of them."""

    kind = "market_opportunities"
    label = "판로 기회"
    model = Opportunity
    identity = ("program", "date", "institution", "need")
    field_columns = {
        "institution": "발주기관",
        "need": "수요 내용",
        "support_kind": "지원 방식",
        "channel": "경로",
        "fair": "박람회 일자",
        "stage": "단계",
        "bidders": "참여 기업",
        **CONTRACT_COLUMNS,
    }
    institution_columns = ("발주기관", "박람회 개최기관")
    enterprise_columns = ("참여 기업", "계약 기업")
    columns = _columns(
        ImportColumn("발주기관", "발주기관", required=True, example="강동구청"),
        ImportColumn("수요 내용", "수요 내용", required=True, example="청사 청소 용역"),
        ImportColumn("지원 방식", "지원 방식", required=True, example="입찰지원"),
        ImportColumn("경로", "경로", required=True, example="영업매칭"),
        ImportColumn("박람회 일자", "박람회 일자", is_date=True),
        ImportColumn("박람회 개최기관", "박람회 개최기관"),
        ImportColumn("단계", "단계", example="계약"),
        ImportColumn("참여 기업", "참여 기업", example="220-81-62517"),
        ImportColumn("계약 기업", "계약 기업", example="220-81-62517"),
        ImportColumn("계약일", "계약일", example="2017-06-30", is_date=True),
        ImportColumn("계약금액(원)", "계약금액(원)", aliases=("계약금액",), example="12000000"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        institution = references.institution(row, "발주기관", errors)
        if not _text(row, "발주기관"):
            errors.add(row, row.column("발주기관"), EMPTY)
        need = parse_text(
            row, "수요 내용", errors, required=True, max_length=_max_length(Opportunity, "need")
        )
        support_kind = _required_choice(row, "지원 방식", errors, SupportKind.choices)
        channel = _required_choice(row, "경로", errors, Channel.choices)
        fair = references.fair(row, errors)
        if (
            channel == Channel.FAIR
            and not _text(row, "박람회 일자")
            and not _text(row, "박람회 개최기관")
        ):
            errors.add(
                row,
                row.column("박람회 일자"),
                "박람회 경로에는 박람회(일자와 개최기관)가 필요합니다.",
            )
        stage = parse_choice(row, "단계", errors, Stage.choices)
        bidders = references.enterprise_list(row, "참여 기업", errors)
        winner = references.enterprise(row, "계약 기업", errors)
        contracted_on = parse_date(row, "계약일", errors)
        contract_won = parse_amount(row, "계약금액(원)", errors)
        if stage or not _text(row, "단계"):
            stage = stage or Stage.NEED
            self._check_contract(row, errors, stage)
        if contracted_on is not None and day is not None and contracted_on < day:
            errors.add(
                row, row.column("계약일"), "계약일은 일자(수요를 받은 날)보다 빠를 수 없습니다."
            )
        if bidders and winner is not None and winner not in bidders:
            bidders.append(winner)  # as the service does: the winner is one of the bidders
        return {
            "institution": institution,
            "need": need,
            "support_kind": support_kind,
            "channel": channel,
            "fair": fair,
            "stage": stage,
            "bidders": bidders or [],
            "winner": winner,
            "contracted_on": contracted_on,
            "contract_won": contract_won,
        }

    @staticmethod
    def _check_contract(row: Row, errors: RowErrors, stage: str) -> None:
        written = [column for column in CONTRACT_COLUMNS.values() if _text(row, column)]
        if stage == Stage.CONTRACTED:
            for column in CONTRACT_COLUMNS.values():
                if column not in written:
                    errors.add(row, row.column(column), f"계약 단계에는 {column}이 필요합니다.")
        elif written and not _text(row, "단계"):
            errors.add(row, row.column("단계"), "계약을 적은 행은 단계를 ‘계약’으로 적어 주세요.")
        else:
            for column in written:
                errors.add(row, row.column(column), f"{column}은 단계가 ‘계약’일 때만 적습니다.")

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['institution'].name}: {fields['need']}"

    def create(self, fields: dict[str, Any]) -> None:
        services.open_opportunity(center=self.center, **fields)

    def update(self, record: Any, changes: dict[str, Any], fields: dict[str, Any]) -> None:
        progress = {"stage", "bidders", *CONTRACT_COLUMNS}
        rest = {name: value for name, value in changes.items() if name not in progress}
        if rest:
            services.update_record(record, **rest)
        if progress & set(changes):
            services.advance_opportunity(
                record, **{name: fields[name] for name in sorted(progress)}
            )


@register_importer
class SalesTeamImporter(Importer):
    """자치구 영업지원단: one row per member (사업명 or 사업코드, 자치구, 이름, 비고) for the year
    asked for. A district's rows are its team's whole list: a member left out is taken off."""

    kind = "market_sales_teams"
    label = "자치구 영업지원단"
    capability = Capability.RECORD_ACTIVITIES
    needs_year = True
    columns = (
        ImportColumn("사업명", "사업명", example="공공 시장 확대 지원"),
        ImportColumn("사업코드", "사업코드"),
        ImportColumn("자치구", "자치구", required=True, example="강동구"),
        ImportColumn("이름", "이름", aliases=("성명",), required=True, example="김두레"),
        ImportColumn("비고", "비고"),
    )

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        result = ImportResult(rows_read=len(rows))
        rows = [row for row in rows if any(_text(row, c.key) for c in self.columns)]
        if self.year is None:
            errors.add(rows[0].number if rows else 1, "회계연도", "회계연도가 필요합니다.")
            return result
        references = _References(center=self.center, user=self.user, rows=rows)
        teams: dict[str, list[tuple[Row, Program, str]]] = {}
        name_length = _max_length(SalesTeamMember, "name")
        for row in rows:
            before = len(errors)
            program = references.program(row, errors, year=self.year)
            district = _district(row, errors, required=True)
            name = parse_text(row, "이름", errors, required=True, max_length=name_length)
            if len(errors) == before and program is not None:
                teams.setdefault(district, []).append((row, program, name))
        for district, members in teams.items():
            first_row, program, _ = members[0]
            for row, other, _ in members[1:]:
                if other != program:
                    errors.add(
                        row,
                        row.column("사업명" if row.text("사업명") else "사업코드"),
                        f"{district} 영업지원단의 사업이 {first_row.number}행과 다릅니다.",
                    )
        if errors:
            return result
        for index, (district, members) in enumerate(teams.items(), start=1):
            self._save_team(district, members, errors, result)
            progress(index, len(teams))
        return result

    def _save_team(
        self,
        district: str,
        members: list[tuple[Row, Program, str]],
        errors: RowErrors,
        result: ImportResult,
    ) -> None:
        program = members[0][1]
        fiscal_year = program.area.fiscal_year
        notes = "\n".join(
            dict.fromkeys(row.text("비고") for row, _, _ in members if row.text("비고"))
        )
        team = SalesTeam.objects.filter(
            center=self.center, fiscal_year=fiscal_year, district=district
        ).first()
        stored = list(team.members.order_by("pk").values_list("name", flat=True)) if team else []
        before = Counter(stored)
        team_changed = team is None or team.program_id != program.pk or team.notes != notes
        names = [name for _, _, name in members]
        if team_changed or names != stored:
            self._save(fiscal_year, program, district, names, notes, members[0][0], errors)
        kept: Counter[str] = Counter()
        for row, _, name in members:
            kept[name] += 1
            result.labels[row.number] = f"{fiscal_year.year} {district} 영업지원단 · {name}"
            if kept[name] > before[name]:
                result.outcomes[row.number] = Outcome.CREATED
            elif team_changed:
                result.outcomes[row.number] = Outcome.UPDATED
            else:
                result.outcomes[row.number] = Outcome.UNCHANGED
        removed = sum((before - Counter(names)).values())
        if removed:
            result.notes["명단에서 빠진 인력"] += removed

    def _save(
        self,
        fiscal_year: FiscalYear,
        program: Program,
        district: str,
        names: list[str],
        notes: str,
        row: Row,
        errors: RowErrors,
    ) -> None:
        try:
            services.save_sales_team(
                center=self.center,
                fiscal_year=fiscal_year,
                program=program,
                district=district,
                members=names,
                notes=notes,
            )
        except ValidationError as error:
            _report(row, error, errors, {"program": "사업명", "district": "자치구"})


# The private market (민간시장 판로지원) ------------------------------------------------------


@register_importer
class DemandOrganizationImporter(_ProgramRecordImporter):
    """민간 수요처: 일자, 사업명 or 사업코드, 수요처, 구분."""

    kind = "market_demand_organizations"
    label = "민간 수요처"
    model = DemandOrganization
    identity = ("program", "institution")
    field_columns = {"institution": "수요처", "category": "구분"}
    institution_columns = ("수요처",)
    columns = _columns(
        ImportColumn("수요처", "수요처", aliases=("기관명",), required=True, example="행복생협"),
        ImportColumn("구분", "구분", required=True, example="유통채널"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "institution": references.institution(row, "수요처", errors, required=True),
            "category": _required_choice(row, "구분", errors, DemandCategory.choices),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{DemandCategory(fields['category']).label} {fields['institution'].name}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_demand_organization(center=self.center, **fields)


@register_importer
class SalesLinkageImporter(_ProgramRecordImporter):
    """영업연계: 일자, 사업명 or 사업코드, 공급기업, 수요기업, 계약내용, 계약금액(원)."""

    kind = "market_sales_linkages"
    label = "영업연계"
    model = B2BLinkage
    identity = ("program", "date", "supplier", "buyer", "item")
    field_columns = {
        "supplier": "공급기업",
        "buyer": "수요기업",
        "item": "계약내용",
        "amount_won": "계약금액(원)",
    }
    institution_columns = ("수요기업",)
    enterprise_columns = ("공급기업",)
    columns = _columns(
        ImportColumn("공급기업", "공급기업", required=True, example="220-81-62517"),
        ImportColumn("수요기업", "수요기업", required=True, example="행복생협"),
        ImportColumn("계약내용", "계약내용", example="명절 선물세트 납품"),
        ImportColumn("계약금액(원)", "계약금액(원)", aliases=("계약금액",), example="3500000"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "supplier": references.enterprise(row, "공급기업", errors, required=True),
            "buyer": references.institution(row, "수요기업", errors, required=True),
            "item": parse_text(row, "계약내용", errors, max_length=_max_length(B2BLinkage, "item")),
            "amount_won": parse_amount(row, "계약금액(원)", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['supplier'].name} → {fields['buyer'].name} 영업연계"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_b2b_linkage(center=self.center, **fields)


@register_importer
class SupplySurveyImporter(_ProgramRecordImporter):
    """상품·공급역량 조사: 일자, 사업명 or 사업코드, 기업, 조사 내용."""

    kind = "market_supply_surveys"
    label = "상품·공급역량 조사"
    model = SupplySurvey
    identity = ("program", "date", "enterprise")
    field_columns = {"enterprise": "기업", "findings": "조사 내용"}
    enterprise_columns = ("기업",)
    columns = _columns(
        ImportColumn("기업", "기업", aliases=("기업명",), required=True, example="220-81-62517"),
        ImportColumn("조사 내용", "조사 내용", example="월 2,000개 생산 가능"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "enterprise": references.enterprise(row, "기업", errors, required=True),
            "findings": parse_text(row, "조사 내용", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['enterprise'].name} 상품·공급역량 조사"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_supply_survey(center=self.center, **fields)


YES_NO = (("yes", "예"), ("no", "아니오"))


@register_importer
class OutletImporter(_ProgramRecordImporter):
    """판매처: 일자, 사업명 or 사업코드, 판매처, 종류, 운영 방식, SE 유통채널 선정 (예/아니오; only
    a 유통채널 is chosen as an SE channel)."""

    kind = "market_outlets"
    label = "판매처"
    model = Outlet
    identity = ("program", "kind", "institution")
    field_columns = {
        "institution": "판매처",
        "kind": "종류",
        "arrangement": "운영 방식",
        "selected": "SE 유통채널 선정",
    }
    institution_columns = ("판매처",)
    columns = _columns(
        ImportColumn("판매처", "판매처", aliases=("기관명",), required=True, example="행복생협"),
        ImportColumn("종류", "종류", required=True, example="생협 매장"),
        ImportColumn("운영 방식", "운영 방식", example="상설"),
        ImportColumn("SE 유통채널 선정", "SE 유통채널 선정", aliases=("선정",), example="아니오"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        institution = references.institution(row, "판매처", errors, required=True)
        kind = _required_choice(row, "종류", errors, OutletKind.choices)
        arrangement = parse_text(
            row, "운영 방식", errors, max_length=_max_length(Outlet, "arrangement")
        )
        selected = parse_choice(row, "SE 유통채널 선정", errors, YES_NO) == "yes"
        if selected and kind and kind != OutletKind.CHANNEL:
            errors.add(
                row,
                row.column("SE 유통채널 선정"),
                "SE 유통채널 선정은 종류가 유통채널일 때만 ‘예’로 적습니다.",
            )
        return {
            "institution": institution,
            "kind": kind,
            "arrangement": " ".join(arrangement.split()),
            "selected": selected,
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{OutletKind(fields['kind']).label} {fields['institution'].name}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_outlet(center=self.center, **fields)


@register_importer
class ListingImporter(_ProgramRecordImporter):
    """입점: 일자, 사업명 or 사업코드, 판매처 종류, 기업, 제품, 매출(원)."""

    kind = "market_listings"
    label = "입점"
    model = Listing
    identity = ("program", "date", "outlet_kind", "enterprise", "product")
    field_columns = {
        "outlet_kind": "판매처 종류",
        "enterprise": "기업",
        "product": "제품",
        "sales_won": "매출(원)",
    }
    enterprise_columns = ("기업",)
    columns = _columns(
        ImportColumn("판매처 종류", "판매처 종류", required=True, example="유통채널"),
        ImportColumn("기업", "기업", aliases=("기업명",), required=True, example="220-81-62517"),
        ImportColumn("제품", "제품", example="유기농 쌀과자"),
        ImportColumn("매출(원)", "매출(원)", aliases=("매출",), example="1200000"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "outlet_kind": _required_choice(row, "판매처 종류", errors, OutletKind.choices),
            "enterprise": references.enterprise(row, "기업", errors, required=True),
            "product": parse_text(row, "제품", errors, max_length=_max_length(Listing, "product")),
            "sales_won": parse_amount(row, "매출(원)", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        product = f" {fields['product']}" if fields["product"] else ""
        return f"{OutletKind(fields['outlet_kind']).label} · {fields['enterprise'].name}{product}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_listing(center=self.center, **fields)


@register_importer
class MarketingSupportImporter(_ProgramRecordImporter):
    """디지털 마케팅 지원: 일자, 사업명 or 사업코드, 구분, 기업, 지원 내용."""

    kind = "market_marketing_supports"
    label = "디지털 마케팅 지원"
    model = MarketingSupport
    identity = ("program", "date", "kind", "enterprise")
    field_columns = {"kind": "구분", "enterprise": "기업", "content": "지원 내용"}
    enterprise_columns = ("기업",)
    columns = _columns(
        ImportColumn("구분", "구분", required=True, example="교차마케팅"),
        ImportColumn("기업", "기업", aliases=("기업명",), required=True, example="220-81-62517"),
        ImportColumn("지원 내용", "지원 내용", example="온라인몰 상세페이지 제작"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "kind": _required_choice(row, "구분", errors, MarketingKind.choices),
            "enterprise": references.enterprise(row, "기업", errors, required=True),
            "content": parse_text(
                row, "지원 내용", errors, max_length=_max_length(MarketingSupport, "content")
            ),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{MarketingKind(fields['kind']).label} · {fields['enterprise'].name}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_marketing_support(center=self.center, **fields)


@register_importer
class SalesEventImporter(_ProgramRecordImporter):
    """판매 행사: 일자, 사업명 or 사업코드, 행사명, 구분."""

    kind = "market_sales_events"
    label = "판매 행사"
    model = SalesEvent
    identity = ("program", "date", "name")
    field_columns = {"name": "행사명", "kind": "구분"}
    columns = _columns(
        ImportColumn("행사명", "행사명", required=True, example="사회적경제 한마당 장터"),
        ImportColumn("구분", "구분", required=True, example="생협기획행사-상설"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: _References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        name = parse_text(
            row, "행사명", errors, required=True, max_length=_max_length(SalesEvent, "name")
        )
        kind = parse_text(
            row, "구분", errors, required=True, max_length=_max_length(SalesEvent, "kind")
        )
        return {"name": " ".join(name.split()), "kind": " ".join(kind.split())}

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["name"])

    def create(self, fields: dict[str, Any]) -> None:
        services.record_sales_event(center=self.center, **fields)


@register_importer
class EventParticipationImporter(_RecordImporter):
    """행사 참가: 행사 일자 and 행사명 (a sales event the center may name), 기업, 매출(원),
    자치구, 비고. The participation takes its event's center, program and date."""

    kind = "market_event_participations"
    label = "행사 참가"
    model = EventParticipation
    identity = ("event", "enterprise")
    field_columns = {
        "event": "행사명",
        "program": "행사명",
        "enterprise": "기업",
        "sales_won": "매출(원)",
    }
    enterprise_columns = ("기업",)
    date_column = "행사 일자"
    columns = (
        ImportColumn("행사 일자", "행사 일자", required=True, example="2017-10-20", is_date=True),
        ImportColumn("행사명", "행사명", required=True, example="사회적경제 한마당 장터"),
        ImportColumn("기업", "기업", aliases=("기업명",), required=True, example="220-81-62517"),
        ImportColumn("매출(원)", "매출(원)", aliases=("매출",), example="450000"),
        ImportColumn("자치구", "자치구"),
        ImportColumn("비고", "비고"),
    )

    def parse(self, row: Row, errors: RowErrors, references: _References) -> _Line | None:
        before = len(errors)
        event = references.sales_event(row, errors)
        enterprise = references.enterprise(row, "기업", errors, required=True)
        sales_won = parse_amount(row, "매출(원)", errors)
        district = _district(row, errors)
        if len(errors) > before or event is None or enterprise is None:
            return None
        fields = {
            "event": event,
            "enterprise": enterprise,
            "sales_won": sales_won,
            "district": district,
            "notes": row.text("비고"),
        }
        return _Line(row, fields, f"{event.date:%Y-%m-%d} {event.name} · {enterprise.name}")

    def existing(self, identity: dict[str, Any]) -> QuerySet[Any]:
        # A participation belongs to its event's center, which may be one of the center's
        # districts.
        return EventParticipation.objects.filter(**identity)

    def create(self, fields: dict[str, Any]) -> None:
        services.record_participation(**fields)


@register_importer
class PurchaseImporter(_RecordImporter):
    """구매 실적: an institution's purchase ledger — 구매 기관, 결의일, 공급자 사업자등록번호,
    공급자, 품목, 금액(원). No program: a purchase counts in the year of its 결의일."""

    kind = "market_purchases"
    label = "기관 구매 실적"
    model = Purchase
    identity = ("institution", "resolved_on", "supplier_business_number", "item")
    field_columns = {
        "institution": "구매 기관",
        "resolved_on": "결의일",
        "supplier_business_number": "공급자 사업자등록번호",
        "supplier_name": "공급자",
        "item": "품목",
        "amount_won": "금액(원)",
    }
    institution_columns = ("구매 기관",)
    date_column = "결의일"
    columns = (
        ImportColumn(
            "구매 기관", "구매 기관", aliases=("기관명",), required=True, example="강동구청"
        ),
        ImportColumn("결의일", "결의일", required=True, example="2017-05-23", is_date=True),
        ImportColumn(
            "공급자 사업자등록번호",
            "공급자 사업자등록번호",
            aliases=("사업자등록번호",),
            required=True,
            example="220-81-62517",
        ),
        ImportColumn("공급자", "공급자", aliases=("공급자명",), example="(주)두레상회"),
        ImportColumn("품목", "품목", example="사무용품"),
        ImportColumn("금액(원)", "금액(원)", aliases=("금액",), required=True, example="1200000"),
    )

    def parse(self, row: Row, errors: RowErrors, references: _References) -> _Line | None:
        before = len(errors)
        institution = references.institution(row, "구매 기관", errors, required=True)
        resolved_on = parse_date(row, "결의일", errors, required=True)
        number = "공급자 사업자등록번호"
        if not row.text(number):
            errors.add(row, row.column(number), EMPTY)
        supplier_business_number = parse_number(
            row, number, errors, length=10, label="사업자등록번호"
        )
        supplier_name = parse_text(
            row, "공급자", errors, max_length=_max_length(Purchase, "supplier_name")
        )
        item = parse_text(row, "품목", errors, max_length=_max_length(Purchase, "item"))
        amount_won = parse_amount(row, "금액(원)", errors, required=True)
        if len(errors) > before or institution is None or resolved_on is None:
            return None
        fields = {
            "institution": institution,
            "resolved_on": resolved_on,
            "supplier_business_number": supplier_business_number,
            "supplier_name": " ".join(supplier_name.split()),
            "item": " ".join(item.split()),
            "amount_won": amount_won,
        }
        supplier = fields["supplier_name"] or supplier_business_number
        label = f"{resolved_on:%Y-%m-%d} {institution.name} · {supplier} {amount_won:,}원"
        return _Line(row, fields, label)

    def create(self, fields: dict[str, Any]) -> None:
        services.record_purchase(center=self.center, **fields)
