"""The import framework every module uses for `import_records KIND FILE`.

An app describes one kind of record as an `Importer` (its columns with their Korean headers and
the other names real files use, how to read a row, how to save the rows) and registers it with
`register_importer`. This module reads CSV (UTF-8 with or without BOM, CP949/EUC-KR) and XLSX,
finds the header row under any title rows, maps headers to columns, collects every problem as
`N행 [열이름]: 사유`, and saves all rows or none."""

from __future__ import annotations

import csv
import datetime
import functools
import io
import re
import unicodedata
import zipfile
from abc import ABC, abstractmethod
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, ClassVar

from django.db import transaction
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font

from dure.core.roles import Capability
from dure.core.spreadsheets import neutralised

if TYPE_CHECKING:  # models are not importable yet where AppConfig reads UPLOAD_CAPABILITY
    from dure.core.models import Center, User

HEADER_SEARCH_ROWS = 30
# Bounds checked before and while a file is parsed, so that a small hostile file cannot take the
# server's memory or time (docs/imports.md).
MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 120 * 1024 * 1024
MAX_XLSX_PART_BYTES = 60 * 1024 * 1024
MAX_ROWS = 100_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 10_000
EMPTY_STRETCH = 1_000  # consecutive blank rows after which the rest of a sheet is not read
MAX_REPORTED = 200
# Control characters a cell may not hold: C0/C1 controls (NUL included) except tab and line
# breaks, and the bidirectional overrides that make text read differently than it is stored.
_FORBIDDEN_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]"
)
# The upload screen's door: every role that may import some kind holds it (a test checks
# each registered importer's capability against it); each kind then asks for its own.
UPLOAD_CAPABILITY = Capability.EDIT_REGISTRY
Progress = Callable[[int, int], None]


def _no_progress(done: int, total: int) -> None:
    return None


@dataclass(frozen=True)
class ImportColumn:
    """One column an importer reads: its key, its header in Dure's template, other names."""

    key: str
    label: str
    aliases: tuple[str, ...] = ()
    required: bool = False
    example: str = ""
    # A date column: the shared date table (tests/test_import_dates.py) runs through it.
    is_date: bool = False

    def names(self) -> tuple[str, ...]:
        return (self.label, *self.aliases)


@dataclass(frozen=True, order=True)
class RowError:
    """One problem: the file's row number, the column as the file names it, the reason."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"{self.row}행 [{self.column}]: {self.message}"


class ImportRejected(Exception):
    """The file has problems; nothing was saved. The problems are in row order, and within a
    row in the order they were found (which follows the columns)."""

    def __init__(self, errors: Sequence[RowError]) -> None:
        self.errors = sorted(errors, key=lambda error: error.row)
        super().__init__("\n".join(self.lines))

    @property
    def lines(self) -> list[str]:
        """Each problem as `N행 [열이름]: 사유`."""
        return [str(error) for error in self.errors]


class Outcome:
    CREATED = "created"
    UPDATED = "updated"
    UNCHANGED = "unchanged"


OUTCOME_LABELS = {
    Outcome.CREATED: "새로 등록",
    Outcome.UPDATED: "변경",
    Outcome.UNCHANGED: "변경 없음",
}


@dataclass
class ImportResult:
    """What an import did (or, in a dry run, would do), row by row."""

    outcomes: dict[int, str] = field(default_factory=dict)
    labels: dict[int, str] = field(default_factory=dict)
    dry_run: bool = False
    # Counts by outcome when an importer knows them only in total, not row by row.
    totals: dict[str, int] | None = None
    rows_read: int = 0
    # Side effects worth telling, by name: {"새 기관(확인 필요)": 2}.
    notes: Counter[str] = field(default_factory=Counter)

    def count(self, outcome: str) -> int:
        if self.totals is not None:
            return self.totals.get(outcome, 0)
        return sum(1 for value in self.outcomes.values() if value == outcome)

    @property
    def created(self) -> int:
        return self.count(Outcome.CREATED)

    @property
    def updated(self) -> int:
        return self.count(Outcome.UPDATED)

    @property
    def unchanged(self) -> int:
        return self.count(Outcome.UNCHANGED)

    def summary(self) -> str:
        prefix = "(시험 실행: 저장하지 않음) " if self.dry_run else ""
        text = (
            f"{prefix}새로 등록 {self.created}건, 변경 {self.updated}건, "
            f"변경 없음 {self.unchanged}건"
        )
        if self.notes:
            noted = ", ".join(f"{name} {count}건" for name, count in sorted(self.notes.items()))
            text += f" ({noted})"
        return text


@dataclass
class Row:
    """One data row: its number in the file and its cells by column key."""

    number: int
    cells: dict[str, Any]
    headers: dict[str, str]

    def text(self, key: str) -> str:
        """The cell as trimmed, NFC-normalised text ("" when absent)."""
        value = self.cells.get(key)
        if value is None:
            return ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return unicodedata.normalize("NFC", str(value)).strip()

    def has(self, key: str) -> bool:
        return key in self.headers

    def column(self, key: str) -> str:
        """The header the file uses for the column (for messages)."""
        return self.headers.get(key, key)


@dataclass
class Table:
    headers: dict[str, str]
    header_row: int
    rows: list[Row]


class RowErrors:
    """Collects problems while rows are read and saved."""

    def __init__(self) -> None:
        self.items: list[RowError] = []

    def add(self, row: Row | int, column: str, message: str) -> None:
        number = row.number if isinstance(row, Row) else row
        self.items.append(RowError(number, column, message))

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(self.items)


@functools.lru_cache(maxsize=4096)
def normalise_header(value: Any) -> str:
    text = unicodedata.normalize("NFC", str(value or ""))
    return re.sub(r"[\s*·ㆍ_()\[\]]", "", text).lower()


def decode_text(data: bytes) -> str:
    """UTF-8 (with or without BOM) when it decodes, else CP949 (a superset of EUC-KR)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp949")
    except UnicodeDecodeError as error:
        raise ImportRejected(
            [RowError(1, "파일", "글자 인코딩을 알 수 없습니다(UTF-8 또는 CP949/EUC-KR).")]
        ) from error


def _file_problem(text: str) -> ImportRejected:
    return ImportRejected([RowError(1, "파일", text)])


def _check_xlsx_parts(data: bytes) -> None:
    """Refuse a workbook whose parts unpack to more than the bounds (a zip bomb, or a huge
    shared-strings part) before openpyxl reads any of it."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            sizes = [member.file_size for member in archive.infolist()]
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise _file_problem("XLSX 파일을 열 수 없습니다. 엑셀에서 다시 저장해 주세요.") from error
    if sum(sizes) > MAX_XLSX_UNPACKED_BYTES or any(s > MAX_XLSX_PART_BYTES for s in sizes):
        limit = MAX_XLSX_UNPACKED_BYTES // (1024 * 1024)
        raise _file_problem(f"XLSX 파일의 내용이 너무 큽니다(압축을 푼 크기 {limit}MB까지).")


def _xlsx_rows(data: bytes) -> Iterator[tuple[Any, ...]]:
    _check_xlsx_parts(data)
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise _file_problem("XLSX 파일을 열 수 없습니다. 엑셀에서 다시 저장해 주세요.") from error
    try:
        sheet = workbook.worksheets[0]
        # The stored dimension is not believed: a file may claim A1:XFD1048576.
        sheet.reset_dimensions()
        yield from sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
    except ImportRejected:
        raise
    except Exception as error:
        raise _file_problem("XLSX 파일을 읽을 수 없습니다. 엑셀에서 다시 저장해 주세요.") from error
    finally:
        workbook.close()


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    # A cell of any length is read (the file is bounded) so that its row and column are named.
    csv.field_size_limit(MAX_FILE_BYTES)
    text = decode_text(data)
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            line = reader.line_num or 1
            raise ImportRejected(
                [
                    RowError(
                        line,
                        "파일",
                        "CSV 형식이 맞지 않습니다(칸이 너무 길거나 따옴표가 짝이 맞지 않음).",
                    )
                ]
            ) from error
        yield values


def _raw_rows(data: bytes, filename: str) -> Iterator[list[Any]]:
    """The file's rows, at most MAX_COLUMNS cells each, until MAX_ROWS or a long blank stretch."""
    if len(data) > MAX_FILE_BYTES:
        raise _file_problem(f"파일이 너무 큽니다({MAX_FILE_BYTES // (1024 * 1024)}MB까지).")
    if data[:4] == b"PK\x03\x04" or filename.lower().endswith((".xlsx", ".xlsm")):
        rows: Iterator[Sequence[Any]] = _xlsx_rows(data)
    else:
        rows = _csv_rows(data)
    blank_run = 0
    for number, values in enumerate(rows, start=1):
        if number > MAX_ROWS:
            raise _file_problem(
                f"행이 너무 많습니다({MAX_ROWS:,}행까지). 파일을 나누어 올려 주세요."
            )
        if _blank(values):
            blank_run += 1
            if blank_run >= EMPTY_STRETCH:
                return
        else:
            blank_run = 0
        yield list(values[:MAX_COLUMNS])


def cell_problem(value: Any) -> str:
    """Why a cell cannot be read at all (empty when it can): too long, or a control character."""
    if not isinstance(value, str):
        if isinstance(value, float) and value != value:  # NaN from a numeric cell
            return "숫자가 아닙니다."
        return ""
    if len(value) > MAX_CELL_CHARS:
        return f"칸의 내용이 너무 깁니다({MAX_CELL_CHARS:,}자까지, 지금 {len(value):,}자)."
    found = _FORBIDDEN_CHARACTERS.search(value)
    if found:
        code = f"U+{ord(found.group()):04X}"
        return f"보이지 않는 제어 문자({code})가 들어 있습니다. 지우고 다시 올려 주세요."
    return ""


def _blank(values: Iterable[Any]) -> bool:
    return all(v is None or str(v).strip() == "" for v in values)


class Importer(ABC):
    """One kind of record that `import_records` can read. Subclass and register it."""

    kind: ClassVar[str]
    label: ClassVar[str]
    columns: ClassVar[tuple[ImportColumn, ...]]
    capability: ClassVar[Capability] = Capability.EDIT_REGISTRY
    # The header row is the first row holding every name of one of these sets
    # (normalised); by default the required columns' labels.
    header_markers: ClassVar[tuple[frozenset[str], ...]] = ()

    # Kinds that belong to a fiscal year (plans, budgets) ask for --year.
    needs_year: ClassVar[bool] = False

    def __init__(
        self, *, center: Center, user: User | None = None, year: int | None = None
    ) -> None:
        self.center = center
        self.user = user
        self.year = year

    @abstractmethod
    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        """Validate and save every row (inside the caller's transaction); add problems to
        `errors` instead of raising; return each row's outcome."""

    def markers(self) -> tuple[frozenset[str], ...]:
        if self.header_markers:
            return tuple(frozenset(normalise_header(n) for n in s) for s in self.header_markers)
        required = [c for c in self.columns if c.required]
        return tuple(
            frozenset({normalise_header(name)}) for column in required for name in column.names()
        )

    def read(self, data: bytes, filename: str) -> Table:
        """Find the header row, map its headers to columns and read the data rows."""
        by_name: dict[str, ImportColumn] = {}
        for column in self.columns:
            for name in column.names():
                by_name.setdefault(normalise_header(name), column)
        markers = self.markers()
        rows = _raw_rows(data, filename)
        header_row = 0
        positions: dict[int, ImportColumn] = {}
        headers: dict[str, str] = {}
        for number, values in enumerate(rows, start=1):
            names = {normalise_header(v) for v in values}
            if any(marker <= names for marker in markers):
                header_row = number
                duplicated = []
                for index, value in enumerate(values):
                    found = by_name.get(normalise_header(value))
                    if found is not None and found.key in headers:
                        first = headers[found.key]
                        duplicated.append(
                            RowError(
                                number,
                                str(value).strip(),
                                f"같은 항목의 열이 두 번 있습니다(‘{first}’ 열과 같음). "
                                "하나만 남겨 주세요.",
                            )
                        )
                    elif found is not None:
                        positions[index] = found
                        headers[found.key] = str(value).strip()
                if duplicated:
                    raise ImportRejected(duplicated)
                break
            if number >= HEADER_SEARCH_ROWS:
                break
        if not header_row:
            expected = ", ".join(c.label for c in self.columns if c.required)
            raise ImportRejected(
                [RowError(1, "머리글", f"머리글 행을 찾을 수 없습니다(필요한 열: {expected}).")]
            )
        missing = [c for c in self.columns if c.required and c.key not in headers]
        if missing:
            raise ImportRejected(
                [RowError(header_row, c.label, "필수 열이 없습니다.") for c in missing]
            )
        data_rows = []
        problems: list[RowError] = []
        for number, values in enumerate(rows, start=header_row + 1):
            if _blank(values):
                continue
            cells = {
                column.key: values[index]
                for index, column in positions.items()
                if index < len(values)
            }
            for key, value in cells.items():
                problem = cell_problem(value)
                if problem and len(problems) < MAX_REPORTED:
                    problems.append(RowError(number, headers[key], problem))
            data_rows.append(Row(number=number, cells=cells, headers=headers))
        if problems:
            raise ImportRejected(problems)
        return Table(headers=headers, header_row=header_row, rows=data_rows)

    def row(self, number: int, values: Mapping[str, Any]) -> Row:
        """A row given as {column key: value} instead of read from a file (an entry grid)."""
        headers = {column.key: column.label for column in self.columns}
        cells = {key: value for key, value in values.items() if key in headers}
        return Row(number=number, cells=cells, headers=headers)

    def template(self) -> bytes:
        """Dure's own layout as an XLSX workbook: Korean headers and one example row."""
        workbook = Workbook()
        sheet = workbook.active
        assert sheet is not None
        sheet.title = self.label[:31]
        sheet.append([neutralised(c.label) for c in self.columns])
        sheet.append([neutralised(c.example) for c in self.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for index, column in enumerate(self.columns, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = max(12, len(column.label) * 2 + 4)
        stream = io.BytesIO()
        workbook.save(stream)
        return stream.getvalue()


_IMPORTERS: dict[str, type[Importer]] = {}


def register_importer(importer: type[Importer]) -> type[Importer]:
    """Make a kind available to `import_records` and the upload screen (usable as decorator)."""
    existing = _IMPORTERS.get(importer.kind)
    if existing is not None and existing is not importer:
        raise ValueError(f"import kind {importer.kind!r} is already registered")
    _IMPORTERS[importer.kind] = importer
    return importer


def get_importer(kind: str) -> type[Importer]:
    try:
        return _IMPORTERS[kind]
    except KeyError as error:
        known = ", ".join(sorted(_IMPORTERS))
        raise KeyError(f"알 수 없는 종류입니다: {kind} (가능한 종류: {known})") from error


def registered_importers() -> dict[str, type[Importer]]:
    return dict(sorted(_IMPORTERS.items()))


def run_import(
    importer: Importer,
    data: bytes,
    filename: str,
    *,
    dry_run: bool = False,
    progress: Progress = _no_progress,
) -> ImportResult:
    """Read and save a file: all rows or none. Raises ImportRejected listing every problem.
    A dry run does everything, then rolls back, so its counts are exact."""
    table = importer.read(data, filename)
    return save_rows(importer, table.rows, dry_run=dry_run, progress=progress)


def save_rows(
    importer: Importer,
    rows: list[Row],
    *,
    dry_run: bool = False,
    progress: Progress = _no_progress,
) -> ImportResult:
    """Save rows already read (a file's, or an entry grid's): all or none, like run_import."""
    errors = RowErrors()
    with transaction.atomic():
        result = importer.save(rows, errors, progress)
        if errors:
            transaction.set_rollback(True)
            raise ImportRejected(errors.items)
        if dry_run:
            transaction.set_rollback(True)
    result.dry_run = dry_run
    return result


# Cell parsers shared by importers: each returns the value, or adds one Korean problem naming the
# row and the file's column and returns None. None of them raises on a bad cell. `invalid`, where
# given, is the importer's own wording for a refused cell ("{text}" is the cell as written).

EMPTY = "값이 비어 있습니다."
DATE_INVALID = "날짜 형식이 아닙니다: '{text}' (예: 2017-05-23)"
DATE_IMPOSSIBLE = "없는 날짜입니다: '{text}'"
EARLIEST_YEAR, LATEST_YEAR = 1900, 2100

_DOTTED_DATE = re.compile(r"(\d{4})\s*\.\s*(\d{1,2})\s*\.\s*(\d{1,2})\s*\.?", re.ASCII)
_DASHED_DATE = re.compile(r"(\d{4})\s*([-/])\s*(\d{1,2})\s*\2\s*(\d{1,2})", re.ASCII)
_KOREAN_DATE = re.compile(r"(\d{4})\s*년\s*(\d{1,2})\s*월\s*(\d{1,2})\s*일", re.ASCII)
_COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})", re.ASCII)


def _report(
    row: Row, key: str, errors: RowErrors, message: str, invalid: str | None, text: str
) -> None:
    errors.add(row, row.column(key), invalid.format(text=_shown(text)) if invalid else message)


def _shown(text: str) -> str:
    """The cell as quoted in a message: a very long cell is cut."""
    return text if len(text) <= 40 else text[:40] + "…"


def parse_text(
    row: Row,
    key: str,
    errors: RowErrors,
    *,
    required: bool = False,
    max_length: int | None = None,
) -> str:
    """The cell as trimmed text; "" when empty (a problem when `required`)."""
    text = row.text(key)
    if required and not text:
        errors.add(row, row.column(key), EMPTY)
    if max_length is not None and len(text) > max_length:
        message = f"{max_length}자까지 입력할 수 있습니다(지금 {len(text)}자)."
        errors.add(row, row.column(key), message)
        return ""
    return text


def date_from_text(text: str) -> datetime.date | None:
    """2017.5.23, 2017. 5. 23., 2017-05-23, 2017/05/23, 20170523 or 2017년 5월 23일, and nothing
    after it. Raises ValueError for a date that does not exist (2017-02-30); None when the text
    is not a date at all."""
    for pattern in (_DOTTED_DATE, _DASHED_DATE, _KOREAN_DATE, _COMPACT_DATE):
        match = pattern.fullmatch(text)
        if match is not None:
            parts = [part for part in match.groups() if part not in ("-", "/")]
            year, month, day = (int(part) for part in parts)
            return datetime.date(year, month, day)
    return None


def parse_date(
    row: Row,
    key: str,
    errors: RowErrors,
    *,
    required: bool = False,
    invalid: str | None = None,
    latest: datetime.date | None = None,
) -> datetime.date | None:
    """A date written one of the ways `date_from_text` reads, or a real date cell (XLSX),
    between 1900 and 2100 and, when `latest` is given (a founding date: today), not after it."""
    value = row.cells.get(key)
    text = row.text(key)
    if isinstance(value, datetime.datetime):
        day: datetime.date | None = value.date()
    elif isinstance(value, datetime.date):
        day = value
    elif not text:
        if required:
            _report(row, key, errors, EMPTY, invalid, text)
        return None
    else:
        try:
            day = date_from_text(text)
        except ValueError:
            _report(row, key, errors, DATE_IMPOSSIBLE.format(text=_shown(text)), invalid, text)
            return None
        if day is None:
            _report(row, key, errors, DATE_INVALID.format(text=_shown(text)), invalid, text)
            return None
    assert day is not None
    if not EARLIEST_YEAR <= day.year <= LATEST_YEAR:
        message = f"{EARLIEST_YEAR}년부터 {LATEST_YEAR}년 사이의 날짜여야 합니다: '{_shown(text)}'"
        errors.add(row, row.column(key), message)
        return None
    if latest is not None and day > latest:
        message = f"오늘({latest.isoformat()})보다 늦은 날짜입니다: '{_shown(text)}'"
        errors.add(row, row.column(key), message)
        return None
    return day


# Numbers: digits with thousands commas and an optional decimal part, never an exponent, so that
# "1e600000", "NaN", "Infinity" and "sNaN" are refused as text; numeric cells are checked too.
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)", re.ASCII)
_COUNT_UNITS = ("명", "원", "개", "건", "회", "곳")
MAX_INTEGER_DIGITS = 18  # a BigIntegerField holds 9,223,372,036,854,775,807


class _NotNumber(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


def _decimal_of(value: Any, text: str, *, units: Sequence[str] = ()) -> Decimal:
    """The cell as a finite Decimal of at most MAX_INTEGER_DIGITS whole digits."""
    not_a_number = _NotNumber(f"숫자가 아닙니다: '{_shown(text)}'")
    if isinstance(value, bool):
        raise not_a_number
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    else:
        cleaned = re.sub(r"[,\s]", "", text)
        for unit in units:
            if cleaned.endswith(unit):
                cleaned = cleaned[: -len(unit)]
                break
        if not _PLAIN_NUMBER.fullmatch(cleaned):
            raise not_a_number
        number = Decimal(cleaned)
    if not number.is_finite():
        raise not_a_number
    if number and number.adjusted() >= MAX_INTEGER_DIGITS:
        raise _NotNumber(f"너무 큰 수입니다: '{_shown(text)}'")
    return number


def _whole(number: Decimal, text: str) -> int:
    if number != number.to_integral_value():
        raise _NotNumber(f"정수가 아닙니다: '{_shown(text)}'")
    return int(number)


def parse_int(
    row: Row,
    key: str,
    errors: RowErrors,
    *,
    minimum: int | None = None,
    required: bool = False,
    invalid: str | None = None,
) -> int | None:
    """A whole number; thousands commas and a trailing unit (명, 원, 개, 건, 회, 곳) are allowed,
    a minus sign only when `minimum` allows it."""
    text = row.text(key)
    if not text:
        if required:
            _report(row, key, errors, EMPTY, invalid, text)
        return None
    try:
        number = _whole(_decimal_of(row.cells.get(key), text, units=_COUNT_UNITS), text)
    except _NotNumber as refused:
        _report(row, key, errors, refused.reason, invalid, text)
        return None
    if minimum is not None and number < minimum:
        _report(row, key, errors, f"{minimum} 이상이어야 합니다: {number}", invalid, text)
        return None
    return number


AMOUNT_INVALID = "금액은 원 단위 정수여야 합니다: '{text}'"


def parse_amount(
    row: Row,
    key: str,
    errors: RowErrors,
    *,
    negative: bool = False,
    zero: bool = True,
    required: bool = False,
    invalid: str | None = None,
) -> int | None:
    """An amount in 원: 1,234 · 1,234원 · and, only when `negative`, -1,234 · △1,234 · (1,234).
    `zero=False` refuses 0."""
    text = row.text(key)
    if not text:
        if required:
            _report(row, key, errors, EMPTY, invalid, text)
        return None
    value = row.cells.get(key)
    written = re.sub(r"\s", "", text)
    # Accounting notation for a negative amount: △1,234 or (1,234).
    negated = written.startswith("△") or (written.startswith("(") and written.endswith(")"))
    if negated:
        written = written[1:] if written.startswith("△") else written[1:-1]
    try:
        if negated and written.startswith(("-", "+", "△", "(")):
            raise _NotNumber("")
        cell = value if isinstance(value, int | float | Decimal) else written
        amount = _whole(_decimal_of(cell, written, units=("원",)), text)
    except _NotNumber as refused:
        message = AMOUNT_INVALID.format(text=_shown(text))
        if refused.reason.startswith("너무 큰"):
            message = f"금액이 너무 큽니다: '{_shown(text)}'"
        _report(row, key, errors, message, invalid, text)
        return None
    if negated:
        amount = -amount
    if amount < 0 and not negative:
        condition = "0원보다 커야" if not zero else "0원 이상이어야"
        _report(row, key, errors, f"금액은 {condition} 합니다: '{_shown(text)}'", invalid, text)
        return None
    if amount == 0 and not zero:
        _report(row, key, errors, f"금액은 0원보다 커야 합니다: '{_shown(text)}'", invalid, text)
        return None
    return amount


def parse_decimal(
    row: Row,
    key: str,
    errors: RowErrors,
    *,
    minimum: Decimal | int | None = None,
    places: int | None = None,
    required: bool = False,
    invalid: str | None = None,
) -> Decimal | None:
    """A target or a ratio: 1,234.5 or 37.5% (read as 37.5); at most `places` decimals."""
    text = row.text(key)
    if not text:
        if required:
            _report(row, key, errors, EMPTY, invalid, text)
        return None
    try:
        number = _decimal_of(row.cells.get(key), text, units=("%",))
    except _NotNumber as refused:
        _report(row, key, errors, refused.reason, invalid, text)
        return None
    if places is not None and number != number.quantize(Decimal(1).scaleb(-places)):
        message = f"소수점 아래 {places}자리까지입니다: '{_shown(text)}'"
        _report(row, key, errors, message, invalid, text)
        return None
    if minimum is not None and number < minimum:
        _report(row, key, errors, f"{minimum} 이상이어야 합니다: '{_shown(text)}'", invalid, text)
        return None
    return number


def parse_choice(row: Row, key: str, errors: RowErrors, choices: Iterable[tuple[str, str]]) -> str:
    """A choice given by its Korean label (or stored value); "" when the cell is empty."""
    text = row.text(key)
    if not text:
        return ""
    wanted = normalise_header(text)
    for value, label in choices:
        if wanted in (normalise_header(label), normalise_header(value)):
            return value
    labels = ", ".join(label for _, label in choices)
    errors.add(row, row.column(key), f"'{text}'은(는) 고를 수 있는 값이 아닙니다({labels}).")
    return ""


def split_list(text: str) -> list[str]:
    """Items separated by commas, semicolons, slashes or new lines, without duplicates."""
    items = [item.strip() for item in re.split(r"[,;/\n，、]", text)]
    return list(dict.fromkeys(item for item in items if item))


def log_bulk_changes(
    rows: Sequence[Any],
    *,
    created: bool,
    changes: Sequence[dict[str, list[str]]],
    actor: User | None,
) -> None:
    """Audit entries for rows saved with bulk_create/bulk_update, which bypass the signals the
    audit log listens to, so that an imported record's 변경 이력 shows the import."""
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    if not rows:
        return
    content_type = ContentType.objects.get_for_model(type(rows[0]))
    action = LogEntry.Action.CREATE if created else LogEntry.Action.UPDATE
    entries = [
        LogEntry(
            content_type=content_type,
            object_pk=str(row.pk),
            object_id=row.pk,
            object_repr=str(row)[:200],
            action=action,
            changes=change,
            changes_text="",
            actor=actor,
            additional_data=row.get_additional_data()
            if hasattr(row, "get_additional_data")
            else None,
        )
        for row, change in zip(rows, changes, strict=True)
    ]
    LogEntry.objects.bulk_create(entries, batch_size=2000)
