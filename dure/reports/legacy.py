"""Consistency check of an old annual performance report's tables (CSV or XLSX).

A center that loads a legacy report's tables, laid out as the 2017 seed's tables are
(`dure/demo/seed2017/`, described by its INDEX.md), can check them before relying on them:
printed achievement and execution rates against actual ÷ target, totals against their parts,
one figure printed with two values in two places, printed counts against the rows listed, the
settlement identities, and malformed numbers. The rules read columns and layouts, never file
names or values, so another year's tables in the same layouts are checked the same way.

Pure Python over rows: no database."""

from __future__ import annotations

import csv
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal
from itertools import combinations
from pathlib import Path

# --------------------------------------------------------------------------------------------
# Findings and tables


@dataclass(frozen=True)
class Finding:
    """One disagreement: the place it shows (file, 1-based data row, the source text's line if
    the table carries it), the second place it contradicts ("" when the row disagrees with
    itself) and the arithmetic, in Korean. Row 0 is the table's title."""

    file: str
    row: int
    other: str
    message: str
    source_line: str = ""

    def __str__(self) -> str:
        text = f"{self.file}:{self.row}: {self.message}"
        if self.source_line:
            text += f" [원문 {self.source_line}행]"
        if self.other:
            text += f" ↔ {self.other}"
        return text


@dataclass
class Table:
    """A CSV file or an XLSX sheet: headers, rows as {header: text}, and what the directory's
    index says about it (title, report section, units per column)."""

    name: str
    headers: list[str]
    rows: list[dict[str, str]]
    title: str = ""
    section: str = ""
    units: dict[str, str] = field(default_factory=dict)
    index_name: str = ""

    def has(self, *columns: str) -> bool:
        return all(column in self.headers for column in columns)

    def cell(self, index: int, column: str) -> str:
        return self.rows[index].get(column, "")

    def source_line(self, index: int) -> str:
        return self.cell(index, "src_line")

    def place(self, index: int) -> str:
        """'02_public_market_kpis.csv 3행 (원문 304행)'."""
        text = f"{self.name} {index + 1}행"
        line = self.source_line(index)
        return f"{text} (원문 {line}행)" if line else text

    def title_place(self, kind: str = "제목") -> str:
        if self.index_name:
            return f"{self.index_name}: {self.name}의 {kind}"
        return f"{self.name}의 {kind}"

    def is_blank(self, index: int) -> bool:
        return not any(value for key, value in self.rows[index].items() if key != "src_line")

    @property
    def headings(self) -> list[tuple[str, str]]:
        """The title, and the heading printed right above the table when the index gives it
        with the table's caption ("교육설명회 33회 [교육/설명회 상세 추진실적]")."""
        found = [("제목", self.title)] if self.title else []
        last = self.section.split(">")[-1].strip() if self.section else ""
        if "[" in last and last.split("[")[0].strip():
            found.append(("절 제목", last.split("[")[0].strip()))
        return found

    @property
    def context(self) -> tuple[str, ...]:
        """Normalised names of the programme and section the table belongs to."""
        pieces = [strip_caption(self.title), *self.section.split(">")]
        return context_of(pieces)


def finding(table: Table, index: int, message: str, other: str = "") -> Finding:
    return Finding(table.name, index + 1, other, message, table.source_line(index))


def title_finding(table: Table, message: str, kind: str = "제목") -> Finding:
    return Finding(table.name, 0, table.title_place(kind), message)


# --------------------------------------------------------------------------------------------
# Reading a directory

TABLE_SUFFIXES = (".csv", ".xlsx")


@dataclass(frozen=True)
class IndexEntry:
    title: str
    section: str
    unit: str


def read_index(directory: Path) -> tuple[str, dict[str, IndexEntry]]:
    """The file list of the directory's INDEX.md: | # | file | title | section | unit | rows |."""
    for path in sorted(directory.iterdir()):
        if path.is_file() and path.name.lower() == "index.md":
            return path.name, parse_index(path.read_text(encoding="utf-8"))
    return "", {}


def parse_index(text: str) -> dict[str, IndexEntry]:
    entries: dict[str, IndexEntry] = {}
    columns: dict[str, int] = {}
    for line in text.splitlines():
        if not line.startswith("|"):
            columns = {} if not line.strip() else columns
            continue
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        lowered = [cell.lower() for cell in cells]
        if "file" in lowered:
            columns = {}
            for position, name in enumerate(lowered):
                for key in ("file", "title", "section", "unit"):
                    if key in name and key not in columns:
                        columns[key] = position
            continue
        if "file" not in columns or len(cells) <= max(columns.values()):
            continue
        file_name = cells[columns["file"]].strip("`")
        if not file_name.lower().endswith(TABLE_SUFFIXES):
            continue
        entries[file_name] = IndexEntry(
            title=cells[columns["title"]] if "title" in columns else "",
            section=cells[columns["section"]] if "section" in columns else "",
            unit=cells[columns["unit"]] if "unit" in columns else "",
        )
    return entries


def column_units(unit_text: str) -> dict[str, str]:
    """'방문기관수: 개 (institutions); 방문횟수: 회' → {방문기관수: 개, 방문횟수: 회}; a unit
    without a column name applies to the whole table (key "")."""
    units: dict[str, str] = {}
    for part in unit_text.split(";"):
        if ":" in part:
            column, unit = part.split(":", 1)
            units[column.strip()] = first_word(unit)
        elif part.strip():
            units.setdefault("", first_word(part))
    return units


def first_word(text: str) -> str:
    words = text.strip().split()
    return words[0] if words else ""


def table_from_rows(name: str, raw: list[list[str]]) -> Table | None:
    """The first non-empty row is the header; cells are stripped text."""
    while raw and not any(cell.strip() for cell in raw[0]):
        raw = raw[1:]
    if not raw:
        return None
    headers: list[str] = []
    for position, header in enumerate(raw[0]):
        label = header.strip().lstrip("\ufeff") or f"열{position + 1}"
        while label in headers:
            label += "'"
        headers.append(label)
    rows = []
    for values in raw[1:]:
        cells = [value.strip() for value in values] + [""] * (len(headers) - len(values))
        rows.append(dict(zip(headers, cells, strict=False)))
    while rows and not any(rows[-1].values()):
        rows.pop()
    return Table(name=name, headers=headers, rows=rows)


def read_csv(path: Path) -> Table | None:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "cp949"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return table_from_rows(path.name, list(csv.reader(text.splitlines())))
    raise ValueError("UTF-8도 CP949도 아닌 인코딩")


def cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def read_xlsx(path: Path) -> list[Table | None]:
    """Each sheet read like a CSV (first row headers), in read-only mode."""
    from openpyxl import load_workbook

    book = load_workbook(path, read_only=True, data_only=True)
    try:
        tables = []
        for sheet in book.worksheets:
            raw = [[cell_text(value) for value in row] for row in sheet.iter_rows(values_only=True)]
            table = table_from_rows(f"{path.name}[{sheet.title}]", raw)
            if table is not None:
                table.title = sheet.title
            tables.append(table)
        return tables
    finally:
        book.close()


def read_directory(directory: Path) -> tuple[list[Table], list[str]]:
    """Every CSV file and XLSX sheet of the directory, with its index entry; the rest skipped."""
    index_name, index = read_index(directory)
    tables: list[Table] = []
    skipped: list[str] = []
    for path in sorted(directory.iterdir()):
        if path.name == index_name:
            continue
        if path.is_dir():
            skipped.append(f"{path.name}: 폴더")
            continue
        suffix = path.suffix.lower()
        if suffix not in TABLE_SUFFIXES:
            skipped.append(f"{path.name}: 표 파일(CSV, XLSX)이 아님")
            continue
        try:
            read = [read_csv(path)] if suffix == ".csv" else read_xlsx(path)
        except Exception as error:  # any unreadable file is skipped, never fatal
            skipped.append(f"{path.name}: 읽을 수 없음 ({error})")
            continue
        for table in read:
            if table is None:
                skipped.append(f"{path.name}: 빈 표")
                continue
            entry = index.get(path.name)
            if entry is not None:
                table.title, table.section = entry.title, entry.section
                table.units = column_units(entry.unit)
                table.index_name = index_name
            tables.append(table)
    return tables, skipped


# --------------------------------------------------------------------------------------------
# Numbers, units and labels

GROUPED = re.compile(r"^(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
NUMBER_TOKEN = re.compile(r"\d+(?:,\d+)*(?:\.\d+)?")
QUANTITY = re.compile(r"(\d+(?:,\d+)*(?:\.\d+)?)\s*(%|[가-힣]+)?(?:[ \t]+([가-힣]+))?")
COMMA_RUN = re.compile(r"\d+(?:,\d+)+")

MONEY = {
    "원": 1,
    "천원": 10**3,
    "만원": 10**4,
    "백만원": 10**6,
    "천만원": 10**7,
    "억": 10**8,
    "억원": 10**8,
}
COUNT_UNITS = {"건", "회", "개", "명", "팀", "곳", "식", "개소", "개국", "종", "선", "인", "기관"}
ONE_PLACE = Decimal("0.1")


def to_decimal(token: str) -> Decimal | None:
    token = token.strip()
    if not GROUPED.match(token):
        return None
    return Decimal(token.replace(",", ""))


def parse_number(text: str) -> Decimal | None:
    """A cell holding one number: '5104884610', '1,234', '-2763000', '(2,763,000)', '65.6'."""
    text = text.strip()
    negative = False
    if text.startswith("(") and text.endswith(")"):
        negative, text = True, text[1:-1]
    elif text[:1] in ("-", "△") and len(text) > 1:
        negative, text = True, text[1:]
    value = to_decimal(text)
    if value is None:
        return None
    return -value if negative else value


@dataclass(frozen=True)
class Quantity:
    value: Decimal
    unit: str = ""
    noun: str = ""


def quantities(text: str) -> list[Quantity]:
    """Every number of a text with the unit written after it: '477개 기관, 654회'."""
    found = []
    for match in QUANTITY.finditer(text):
        value = to_decimal(match.group(1))
        if value is not None:
            found.append(Quantity(value, match.group(2) or "", match.group(3) or ""))
    return found


def single_quantity(text: str) -> Quantity | None:
    """The cell's number when it holds exactly one: '37건', '20805', '18개(회당평균…)'."""
    if not text or text.strip() in ("-", "·"):
        return None
    number = parse_number(text)
    if number is not None:
        return Quantity(number)
    found = quantities(text)
    return found[0] if len(found) == 1 else None


def cell_figures(text: str) -> list[Quantity]:
    """A printed target or actual: one number, or several joined by '/' ('20건/50억')."""
    figures = []
    for part in text.split("/"):
        found = quantities(part)
        if found:
            figures.append(found[0])
    return figures


def printed_rates(text: str) -> list[Decimal]:
    """'131%' → [131]; '70/163%' and '135%/128%' → two rates; '사업내용변경' → []."""
    if "%" not in text:
        return []
    rates = []
    for part in text.split("/"):
        numbers = NUMBER_TOKEN.findall(part)
        if len(numbers) != 1:
            return []
        value = to_decimal(numbers[0])
        if value is None:
            return []
        rates.append(value)
    return rates


def unit_base(unit: str) -> str:
    """'개 기업' → '개', '명 (약)' → '명', '억원' → '억원'."""
    word = re.split(r"[\s(/]", unit.strip(), maxsplit=1)[0]
    return word


def unit_kind(unit: str) -> str:
    base = unit_base(unit)
    if base in MONEY:
        return "money"
    if base == "%":
        return "percent"
    if not base or base in COUNT_UNITS or base.startswith("개"):
        return "count"
    return base


def same_kind(first: str, second: str) -> bool:
    return unit_kind(first) == unit_kind(second)


def in_base_unit(value: Decimal, unit: str) -> Decimal:
    scale = MONEY.get(unit_base(unit))
    return value * scale if scale else value


def show(value: Decimal) -> str:
    """Thousands separators, no trailing zeros: 61,566 · 64.18 · -2,763,000."""
    if value == value.to_integral_value():
        return f"{int(value):,}"
    return f"{value.normalize():,f}"


def show_with_unit(value: Decimal, unit: str) -> str:
    return f"{show(value)}{unit_base(unit)}"


def percent(value: Decimal) -> str:
    return f"{value.quantize(ONE_PLACE, rounding=ROUND_HALF_UP)}%"


def rate_of(actual: Decimal, target: Decimal) -> Decimal:
    return actual * 100 / target


def rate_fits(printed: Decimal, computed: Decimal) -> bool:
    """The report rounds or truncates its rates, to an integer or to one decimal (or to the
    decimals it prints): any of these is the same rate."""
    exponent = printed.normalize().as_tuple().exponent
    printed_places = -exponent if isinstance(exponent, int) and exponent < 0 else 0
    for places in {0, 1, printed_places}:
        step = Decimal(1).scaleb(-places)
        for rounding in (ROUND_HALF_UP, ROUND_DOWN):
            if computed.quantize(step, rounding=rounding) == printed:
                return True
    return False


def normalise(text: str) -> str:
    return re.sub(r"[^0-9a-z가-힣]", "", text.lower())


def strip_caption(title: str) -> str:
    """'공공시장 확대지원 주요실적' → '공공시장 확대지원'; brackets and parentheses dropped."""
    title = re.sub(r"\[[^\]]*\]|\([^)]*\)", " ", title)
    return title.replace("주요실적", " ").strip()


GENERIC_SECTIONS = {"주요실적", "추진내역", "사업추진성과", "사업성과", "부록", "사업개요"}


def context_of(pieces: Iterable[str]) -> tuple[str, ...]:
    """The Korean names among a table's title and sections ('공공시장확대지원'); a file or sheet
    name such as '02_public_market_kpis' names no programme."""
    found = []
    for piece in pieces:
        name = re.sub(r"^\d+", "", normalise(strip_caption(piece)))
        if len(name) >= 4 and name not in GENERIC_SECTIONS and re.search("[가-힣]", name):
            found.append(name)
    return tuple(found)


def bigrams(text: str) -> Counter[str]:
    return Counter(text[position : position + 2] for position in range(len(text) - 1))


def dice(first: str, second: str) -> float:
    one, two = bigrams(first), bigrams(second)
    total = sum(one.values()) + sum(two.values())
    return 2 * sum((one & two).values()) / total if total else 0.0


def likeness(first: str, second: str) -> float:
    """How alike two normalised labels are, 0 to 1: one inside the other (at least three
    letters) scores 0.6 to 1 by how much of the longer it covers; otherwise the share of
    letter pairs they have in common."""
    if not first or not second:
        return 0.0
    shorter, longer = sorted((first, second), key=len)
    if len(shorter) >= 3 and shorter in longer:
        return 0.6 + 0.4 * len(shorter) / len(longer)
    return dice(first, second)


LIKE = 0.6


def same_context(first: tuple[str, ...], second: tuple[str, ...], *, known: bool = False) -> bool:
    """Same programme or section. An unknown one (no index, an English file name) passes,
    unless `known` asks for both to be known: the rules that match a label inside a sentence
    or a category name need the programme to tell one '사업개발' from another."""
    if not first or not second:
        return not known
    return any(likeness(one, two) >= LIKE for one in first for two in second)


# --------------------------------------------------------------------------------------------
# Layouts

TOTAL_WORDS = {"계", "합계", "총계", "소계"}
LABEL_COLUMNS = ("구분", "이름", "항목", "세부구분", "세부항목", "지원유형", "연번", "회차", "일시")
SKIPPED_COLUMNS = {"src_line", "note", "연번", "순번", "회차", "날짜", "일시", "연도"}


def is_total_label(text: str) -> bool:
    text = text.strip()
    return text in TOTAL_WORDS or bool(re.match(r"^총\s*\d", text))


def layout_of(table: Table) -> str | None:
    headers = set(table.headers)
    if {"사업명", "사업목표", "사업실적"} <= headers:
        return "overview"
    if {"사업명", "지표", "목표_수치", "실적_수치", "단위"} <= headers:
        return "overview_figures"
    if {"지표", "값", "단위", "원문"} <= headers:
        return "narrative"
    if {"구분", "교부액", "집행금액", "집행잔액"} <= headers:
        return "settlement_report"
    if {"세부계정과목", "교부금액", "집행금액"} <= headers:
        return "expenditure_detail"
    if "구분" in headers and any(formula_of(row.get("구분", "")) for row in table.rows):
        return "settlement_summary"
    if target_column(table) and actual_column(table):
        return "kpi"
    if any(is_label_column(header) for header in table.headers) or numeric_columns(table):
        return "list"
    return None


def is_label_column(header: str) -> bool:
    return header in LABEL_COLUMNS or (header.endswith("명") and len(header) >= 2)


def target_column(table: Table) -> str:
    for column in ("목표", "목표_수치"):
        if column in table.headers:
            return column
    return ""


def actual_column(table: Table) -> str:
    for column in ("실적", "추진", "실적_수치"):
        if column in table.headers:
            return column
    return ""


def total_rows(table: Table) -> list[int]:
    return [
        index
        for index, row in enumerate(table.rows)
        if table.headers and is_total_label(row.get(table.headers[0], ""))
    ]


def data_rows(table: Table) -> list[int]:
    totals = set(total_rows(table))
    return [
        index
        for index in range(len(table.rows))
        if index not in totals and not table.is_blank(index)
    ]


def is_rate_column(header: str) -> bool:
    return "률" in header or "율" in header


def numeric_columns(table: Table) -> list[str]:
    """Columns whose data cells are mostly single numbers (counts, amounts), not rates,
    positions or derived listed-counts."""
    found = []
    rows = data_rows(table)
    for header in table.headers:
        if header in SKIPPED_COLUMNS or is_rate_column(header) or header.startswith("기재된_"):
            continue
        values = [table.cell(index, header) for index in rows]
        filled = [value for value in values if value and value not in ("-", "·")]
        numbers = [value for value in filled if single_quantity(value) is not None]
        if filled and len(numbers) >= 0.8 * len(filled):
            found.append(header)
    return found


def twin_of(table: Table, header: str) -> bool:
    """A printed column whose number is also given parsed ('목표' beside '목표_수치')."""
    return f"{header}_수치" in table.headers


# --------------------------------------------------------------------------------------------
# Rule: malformed numbers anywhere


def malformed(token: str) -> bool:
    """'28,345,9615' is; '1,469' and a list such as '2,3' are not."""
    groups = token.split(",")
    well_formed = 1 <= len(groups[0]) <= 3 and all(len(group) == 3 for group in groups[1:])
    return not well_formed and any(len(group) >= 3 for group in groups[1:])


def check_malformed_numbers(table: Table) -> Iterator[Finding]:
    for index, row in enumerate(table.rows):
        for header, value in row.items():
            for token in COMMA_RUN.findall(value):
                if not malformed(token):
                    continue
                about = [
                    other
                    for other in table.headers
                    if other != header and other in value and parse_number(row.get(other, ""))
                ]
                detail = "".join(
                    f"; 표의 {other} 값은 {show(parse_number(row[other]) or Decimal(0))}"
                    for other in about
                )
                yield finding(table, index, f"형식이 잘못된 수 '{token}' ({header} 열{detail})")


# --------------------------------------------------------------------------------------------
# Rule: printed achievement rates (주요실적 tables)


@dataclass(frozen=True)
class Printed:
    """One target/actual pair printed in a row (a compound cell gives several)."""

    table: Table
    index: int
    labels: tuple[str, ...]
    display: str
    unit: str
    target: Decimal | None
    actual: Decimal | None
    context: tuple[str, ...]
    in_overview: bool = False


def kpi_labels(table: Table, index: int) -> tuple[tuple[str, ...], str]:
    """Label variants, the item alone first, then with its group names before it:
    '매출성과', '국제핸드 메이드페어 매출성과', '거점매장 운영지원 국제핸드 메이드페어 매출성과'."""
    columns = [c for c in ("구분", "항목", "세부항목", "세부구분") if c in table.headers]
    parts = [table.cell(index, c) for c in columns if table.cell(index, c)]
    variants = tuple(normalise(" ".join(parts[start:])) for start in reversed(range(len(parts))))
    return variants, " ".join(parts)


def kpi_pairs(table: Table, index: int) -> list[tuple[Quantity | None, Quantity | None]]:
    """The row's target/actual pairs: from the printed text ('20건/50억' gives two), or from the
    parsed columns when the text gives no number."""
    unit = table.cell(index, "단위")

    def side(printed: str, parsed: str) -> list[Quantity]:
        found = cell_figures(table.cell(index, printed)) if printed in table.headers else []
        if not found:
            number = parse_number(table.cell(index, parsed))
            found = [Quantity(number, unit)] if number is not None else []
        return [q if q.unit else Quantity(q.value, unit, q.noun) for q in found]

    targets = side("목표", "목표_수치")
    actual_printed = "실적" if "실적" in table.headers else "추진"
    actuals = side(actual_printed, "실적_수치")
    if targets and actuals and len(targets) != len(actuals):
        return []
    if not targets and not actuals:
        return []
    length = max(len(targets), len(actuals))
    padded_targets: list[Quantity | None] = [*targets] + [None] * (length - len(targets))
    padded_actuals: list[Quantity | None] = [*actuals] + [None] * (length - len(actuals))
    return list(zip(padded_targets, padded_actuals, strict=True))


def kpi_figures(table: Table) -> list[Printed]:
    """The target/actual pairs of a 주요실적 table's rows, total rows left out."""
    figures = []
    totals = set(total_rows(table))
    for index in range(len(table.rows)):
        if index in totals:
            continue
        labels, display = kpi_labels(table, index)
        for target, actual in kpi_pairs(table, index):
            shown = target or actual
            figures.append(
                Printed(
                    table,
                    index,
                    labels,
                    display,
                    shown.unit if shown else "",
                    target.value if target else None,
                    actual.value if actual else None,
                    table.context,
                )
            )
    return figures


def check_rates(table: Table) -> Iterator[Finding]:
    if "달성률" not in table.headers:
        return
    for index in range(len(table.rows)):
        rates = printed_rates(table.cell(index, "달성률"))
        pairs = [
            (target.value, actual.value)
            for target, actual in kpi_pairs(table, index)
            if target is not None and actual is not None and target.value
        ]
        if not rates or not pairs:
            continue
        if len(rates) == len(pairs):
            for rate, (target, actual) in zip(rates, pairs, strict=True):
                computed = rate_of(actual, target)
                if not rate_fits(rate, computed):
                    yield finding(
                        table,
                        index,
                        f"달성률 {show(rate)}% ≠ 실적 {show(actual)} ÷ 목표 {show(target)}"
                        f" = {percent(computed)}",
                    )
        elif len(rates) == 1 and len(pairs) > 1:
            computed_all = [rate_of(actual, target) for target, actual in pairs]
            if not all(rate_fits(rates[0], computed) for computed in computed_all):
                detail = ", ".join(
                    f"실적 {show(actual)} ÷ 목표 {show(target)} = {percent(computed)}"
                    for (target, actual), computed in zip(pairs, computed_all, strict=True)
                )
                yield finding(
                    table,
                    index,
                    f"달성률 {show(rates[0])}% 하나가 수치 {len(pairs)}개에 찍힘: {detail}",
                )


def check_parsed_against_printed(table: Table) -> Iterator[Finding]:
    """A parsed column (목표_수치 …) must be the number its printed cell shows."""
    for printed, parsed in (
        ("목표", "목표_수치"),
        ("실적", "실적_수치"),
        ("달성률", "달성률_수치"),
    ):
        if not table.has(printed, parsed):
            continue
        for index in range(len(table.rows)):
            number = parse_number(table.cell(index, parsed))
            text = table.cell(index, printed)
            shown = printed_rates(text) if printed == "달성률" else cell_figures(text)
            if number is None or len(shown) != 1:
                continue
            value = shown[0] if isinstance(shown[0], Decimal) else shown[0].value
            if value != number:
                yield finding(table, index, f"{parsed} {show(number)} ≠ {printed} '{text}'")


# --------------------------------------------------------------------------------------------
# Rule: totals (계/합계/총계/소계 rows, 합계 columns, printed counts beside the names listed)


def distinct_values(table: Table, header: str, rows: Iterable[int]) -> set[str]:
    found = set()
    for index in rows:
        for name in re.split(r",\s*|\.\s+", table.cell(index, header)):
            if normalise(name):
                found.add(re.sub(r"\s+", "", name))
    return found


def span_of(table: Table, total: int, totals: list[int]) -> list[int]:
    """The rows a total row adds up: those since the previous total (or, for a total printed
    first, those up to the next one)."""
    before = [index for index in totals if index < total]
    start = before[-1] + 1 if before else 0
    rows = [index for index in range(start, total) if not table.is_blank(index)]
    if rows:
        return rows
    after = [index for index in totals if index > total]
    end = after[0] if after else len(table.rows)
    return [index for index in range(total + 1, end) if not table.is_blank(index)]


def span_text(rows: list[int]) -> str:
    if not rows:
        return "없음"
    return f"{rows[0] + 1}–{rows[-1] + 1}행" if len(rows) > 1 else f"{rows[0] + 1}행"


def check_total_rows(table: Table) -> Iterator[Finding]:
    totals = total_rows(table)
    numeric = [header for header in numeric_columns(table) if not twin_of(table, header)]
    for total in totals:
        parts = span_of(table, total, totals)
        if not parts:
            continue
        label = table.cell(total, table.headers[0])
        for header in table.headers:
            value = table.cell(total, header)
            if not value or header in SKIPPED_COLUMNS or is_rate_column(header):
                continue
            if twin_of(table, header):
                continue
            if header in numeric:
                printed = single_quantity(value)
                numbers = [single_quantity(table.cell(index, header)) for index in parts]
                present = [number.value for number in numbers if number is not None]
                if printed is None or not present:
                    continue
                total_sum = sum(present, Decimal(0))
                if printed.value != total_sum:
                    yield finding(
                        table,
                        total,
                        f"{label} 행 {header} {show(printed.value)}"
                        f" ≠ {span_text(parts)}의 합 {show(total_sum)}",
                    )
            else:
                yield from check_total_count(table, total, header, parts)


def check_total_count(table: Table, total: int, header: str, parts: list[int]) -> Iterator[Finding]:
    """A count printed in a total row's text cell ('총 4개 기업', '10개', '총 4건'): 건 and 회
    count rows; 개 with the column's noun counts distinct names; a bare 개 either."""
    found = quantities(table.cell(total, header))
    if len(found) != 1 or unit_kind(found[0].unit) != "count":
        return
    count = found[0]
    rows = len(parts)
    names = len(distinct_values(table, header, parts))
    noun = count.noun or count.unit.removeprefix("개")
    if count.unit.startswith("개"):
        names_only = bool(noun) and (noun in header or header.removesuffix("명") in noun)
        allowed = {names} if names_only else {names, rows}
    else:
        allowed = {rows}
    if count.value not in allowed:
        text = table.cell(total, header)
        if names_only:
            message = f"'{text}' ≠ {span_text(parts)}에 나온 {header} {names}개 (행 {rows}개)"
        else:
            message = f"'{text}' ≠ {span_text(parts)}: 행 {rows}개, {header} {names}개"
        yield finding(table, total, message)


def check_total_columns(table: Table) -> Iterator[Finding]:
    """A column named 합계/계/총계 is the sum of the numeric columns to its left."""
    numeric = numeric_columns(table)
    for position, header in enumerate(table.headers):
        if header not in TOTAL_WORDS:
            continue
        left = [column for column in table.headers[:position] if column in numeric]
        if len(left) < 2:
            continue
        for index in range(len(table.rows)):
            printed = parse_number(table.cell(index, header))
            parts = [parse_number(table.cell(index, column)) for column in left]
            if printed is None or all(part is None for part in parts):
                continue
            total = sum((part for part in parts if part is not None), Decimal(0))
            if printed != total:
                terms = " + ".join(show(part or Decimal(0)) for part in parts)
                yield finding(
                    table,
                    index,
                    f"{header} {show(printed)} ≠ {' + '.join(left)} = {terms} = {show(total)}",
                )


def check_listed_counts(table: Table) -> Iterator[Finding]:
    """'기재된_…수' columns count the names actually printed beside a printed count."""
    numeric = numeric_columns(table)
    for position, header in enumerate(table.headers):
        if not header.startswith("기재된_"):
            continue
        printed_columns = [column for column in table.headers[:position] if column in numeric]
        if not printed_columns:
            continue
        printed_column = printed_columns[-1]
        for index in range(len(table.rows)):
            printed = single_quantity(table.cell(index, printed_column))
            listed = parse_number(table.cell(index, header))
            if printed is not None and listed is not None and printed.value != listed:
                yield finding(
                    table,
                    index,
                    f"{printed_column} {show(printed.value)} ≠ 나열된 이름 {show(listed)}개",
                )


# --------------------------------------------------------------------------------------------
# Rule: a count or amount printed in the table's title or heading


def title_terms(text: str) -> list[tuple[list[Quantity], str]]:
    """The counts and amounts of a title; 'A 4개 + B 4개' is one count of 8; '각 3천만원' is
    per row and is left out, as are years and ordinals ('2017년', '1차')."""
    terms: list[tuple[list[Quantity], str]] = []
    for match in QUANTITY.finditer(text):
        value = to_decimal(match.group(1))
        if value is None:
            continue
        quantity = Quantity(value, match.group(2) or "", match.group(3) or "")
        before = text[: match.start()].rstrip()
        if before.endswith("각") or unit_kind(quantity.unit) not in ("count", "money"):
            continue
        if not quantity.unit:
            continue
        if terms and re.search(r"\+[^+]*$", before) and "+" not in before[: before.rfind("+")]:
            previous, _ = terms[-1]
            if same_kind(previous[0].unit, quantity.unit):
                previous.append(quantity)
                continue
        terms.append(([quantity], match.group(0).strip()))
    return terms


def money_columns(table: Table) -> list[tuple[str, str]]:
    """(column, unit) of amount columns: '계약규모_억원', or a unit given by the index."""
    found = []
    for header in numeric_columns(table):
        unit = table.units.get(header, "")
        suffix = header.rsplit("_", 1)[-1]
        if suffix in MONEY:
            unit = suffix
        if unit in MONEY:
            found.append((header, unit))
    return found


def count_columns(table: Table) -> list[str]:
    return [
        header
        for header in numeric_columns(table)
        if unit_kind(table.units.get(header, "")) == "count"
        and header.rsplit("_", 1)[-1] not in MONEY
        and not header.endswith("_수치")
    ]


def column_total(table: Table, header: str) -> Decimal:
    """The printed total row's value, or the sum of the data rows."""
    for index in total_rows(table):
        printed = single_quantity(table.cell(index, header))
        if printed is not None:
            return printed.value
    values = [single_quantity(table.cell(index, header)) for index in data_rows(table)]
    return sum((value.value for value in values if value is not None), Decimal(0))


def name_columns(table: Table) -> list[str]:
    return [h for h in table.headers if h.endswith("명") and h not in ("src_line",)]


def check_title_counts(table: Table) -> Iterator[Finding]:
    rows = data_rows(table)
    if not rows:
        return
    counted: dict[str, Decimal] = {}
    for kind, heading in table.headings:
        for terms, text in title_terms(heading):
            value = sum((term.value for term in terms), Decimal(0))
            unit = terms[0].unit
            if unit_kind(unit) == "money":
                yield from check_title_amount(table, kind, heading, text, value, unit)
                continue
            sums = {header: column_total(table, header) for header in count_columns(table)}
            names = {h: len(distinct_values(table, h, rows)) for h in name_columns(table)}
            explained = value == len(rows) or value in sums.values() or value in names.values()
            base = unit_base(unit)
            if explained:
                counted[base] = max(counted.get(base, value), value)
                continue
            if base in counted and value < counted[base]:
                continue  # a subset of the rows counted above ('계약 성사 21건' of 27)
            detail = "".join(f", {header} 합 {show(total)}" for header, total in sums.items())
            yield title_finding(
                table, f"{kind} '{heading}'의 '{text}' ≠ 나열된 행 {len(rows)}개{detail}", kind
            )


def check_title_amount(
    table: Table, kind: str, heading: str, text: str, value: Decimal, unit: str
) -> Iterator[Finding]:
    columns = money_columns(table)
    if not columns:
        return
    wanted = in_base_unit(value, unit)
    totals = [(header, column_unit, column_total(table, header)) for header, column_unit in columns]
    if any(in_base_unit(total, column_unit) == wanted for _, column_unit, total in totals):
        return
    detail = ", ".join(
        f"{header} 합 {show_with_unit(total, column_unit)}" for header, column_unit, total in totals
    )
    yield title_finding(table, f"{kind} '{heading}'의 '{text}' ≠ {detail}", kind)


# --------------------------------------------------------------------------------------------
# Rule: a summary's count per category against the list that names them


def categories(table: Table, header: str) -> Counter[str]:
    return Counter(normalise(table.cell(index, header)) for index in data_rows(table))


def check_summary_against_list(summary: Table, listing: Table) -> Iterator[Finding]:
    """Summary: one row per 구분 with a count; list: one row per name, under the same 구분."""
    if "구분" not in summary.headers or "구분" not in listing.headers:
        return
    listed_column = any(header.startswith("기재된_") for header in summary.headers)
    summary_categories = categories(summary, "구분")
    listing_categories = categories(listing, "구분")
    if (
        len(summary_categories) < 2
        or max(summary_categories.values()) > 1
        or set(summary_categories) != set(listing_categories)
        or sum(listing_categories.values()) <= len(summary_categories)
    ):
        return
    column = summary_count_column(summary, listing)
    if not column:
        return
    rows_by_category: dict[str, list[int]] = defaultdict(list)
    for index in data_rows(listing):
        rows_by_category[normalise(listing.cell(index, "구분"))].append(index)
    for index in data_rows(summary):
        category = normalise(summary.cell(index, "구분"))
        printed = single_quantity(summary.cell(index, column))
        listed = rows_by_category.get(category, [])
        if printed is None or printed.value == len(listed):
            continue
        if listed_column:
            continue  # compared with the summary's own listed-names column
        yield finding(
            summary,
            index,
            f"{column} {show(printed.value)} ≠ 나열된 행 {len(listed)}개"
            f" (구분 '{summary.cell(index, '구분')}')",
            f"{listing.name} {span_text(listed)}",
        )


def summary_count_column(summary: Table, listing: Table) -> str:
    """The summary's count of the list's names: the count column named after the names
    ('방문기관수' for '기관명'), or its only count column."""
    columns = [c for c in numeric_columns(summary) if c not in ("src_line",)]
    for name_column in name_columns(listing):
        noun = name_column.removesuffix("명")
        for column in columns:
            if len(noun) >= 2 and noun[-2:] in column:
                return column
    return columns[0] if len(columns) == 1 else ""


# --------------------------------------------------------------------------------------------
# Rule: one figure printed with two values in two places


def overview_figures(table: Table) -> list[Printed]:
    figures = []
    for index in range(len(table.rows)):
        label = table.cell(index, "지표")
        figures.append(
            Printed(
                table,
                index,
                (normalise(label),),
                label,
                table.cell(index, "단위"),
                parse_number(table.cell(index, "목표_수치")),
                parse_number(table.cell(index, "실적_수치")),
                context_of([table.cell(index, "사업명")]),
                in_overview=True,
            )
        )
    return figures


def label_score(first: Printed, second: Printed) -> float:
    """The best likeness of any two label variants; a variant that carries group names
    before the item counts a little less than the item alone."""
    return max(
        likeness(one, two) - 0.02 * (position + other_position)
        for position, one in enumerate(first.labels)
        for other_position, two in enumerate(second.labels)
    )


def agreement(first: Printed, second: Printed) -> int:
    """How many of target and actual the two figures print alike."""
    return sum(
        values_differ(one, first.unit, two, second.unit) is False
        for one, two in ((first.target, second.target), (first.actual, second.actual))
    )


def comparable(first: Printed, second: Printed) -> bool:
    return same_kind(first.unit, second.unit) and same_context(first.context, second.context)


def values_differ(
    first: Decimal | None, first_unit: str, second: Decimal | None, second_unit: str
) -> bool | None:
    if first is None or second is None:
        return None
    return in_base_unit(first, first_unit) != in_base_unit(second, second_unit)


def check_same_figures(first_table: list[Printed], second_table: list[Printed]) -> list[Finding]:
    """Each figure against its best match in the other table (same unit kind, same programme,
    alike labels); when one of target/actual agrees and the other does not, the same figure
    was printed with two values."""
    found: dict[tuple[int, int], Finding] = {}
    for figures, others, flipped in (
        (first_table, second_table, False),
        (second_table, first_table, True),
    ):
        for figure in figures:
            candidates = [other for other in others if comparable(figure, other)]
            scored = [(label_score(figure, other), other) for other in candidates]
            scored = [(score, other) for score, other in scored if score >= LIKE]
            if not scored:
                continue
            best = max(score for score, _ in scored)
            matches = [other for score, other in scored if score == best]
            other = max(matches, key=lambda match: agreement(figure, match))
            pair = (figure.index, other.index) if not flipped else (other.index, figure.index)
            if pair in found:
                continue
            result = compare_figures(figure, other)
            if result is not None:
                found[pair] = result
    return list(found.values())


def compare_figures(figure: Printed, other: Printed) -> Finding | None:
    target = values_differ(figure.target, figure.unit, other.target, other.unit)
    actual = values_differ(figure.actual, figure.unit, other.actual, other.unit)
    if {target, actual} != {True, False}:
        return None
    # The detail table is the place to look first; the overview is the other place.
    primary, secondary = sorted(
        (figure, other), key=lambda f: (not f.in_overview, f.table.name), reverse=True
    )
    kind, agreed = ("목표", "실적은") if target else ("실적", "목표는")
    value = primary.target if target else primary.actual
    other_value = secondary.target if target else secondary.actual
    same = primary.actual if target else primary.target
    assert value is not None and other_value is not None and same is not None
    message = (
        f"{kind} {show_with_unit(value, primary.unit)}"
        f" ≠ {show_with_unit(other_value, secondary.unit)}"
        f" (같은 지표 '{primary.display}' / '{secondary.display}';"
        f" {agreed} 둘 다 {show_with_unit(same, primary.unit)})"
    )
    return finding(primary.table, primary.index, message, secondary.table.place(secondary.index))


def check_narrative(narrative: Table, figures: list[Printed]) -> Iterator[Finding]:
    """A figure quoted in the running text against the table's actual with that label."""
    by_table: dict[str, list[Printed]] = defaultdict(list)
    for figure in figures:
        by_table[figure.table.name].append(figure)
    for index in range(len(narrative.rows)):
        value = parse_number(narrative.cell(index, "값"))
        unit = narrative.cell(index, "단위")
        quoted = normalise(narrative.cell(index, "원문"))
        context = context_of(narrative.cell(index, "섹션").split(">"))
        if value is None or not quoted or not context:
            continue
        if len(quantities(narrative.cell(index, "원문"))) != 1:
            continue  # several numbers in one sentence: which one a label names is not certain
        for table_figures in by_table.values():
            matches = [
                figure
                for figure in table_figures
                if figure.actual is not None
                and unit_base(figure.unit) == unit_base(unit)
                and same_context(context, figure.context, known=True)
                and any(len(label) >= 4 and label in quoted for label in figure.labels)
            ]
            if not matches:
                continue
            figure = max(matches, key=lambda f: max(len(label) for label in f.labels))
            assert figure.actual is not None
            if figure.actual != value:
                yield finding(
                    narrative,
                    index,
                    f"본문 '{narrative.cell(index, '원문')}'의 {show_with_unit(value, unit)}"
                    f" ≠ 실적 {show_with_unit(figure.actual, figure.unit)}"
                    f" ('{figure.display}')",
                    figure.table.place(figure.index),
                )


# --------------------------------------------------------------------------------------------
# Rule: a figure against the rows or counts that itemise it in another table


def check_category_counts(listing: Table, figures: list[Printed]) -> Iterator[Finding]:
    """A figure whose label is a category of a list ('경영전략컨설팅') counts its rows."""
    rows = data_rows(listing)
    numeric = set(numeric_columns(listing))
    for header in listing.headers:
        if not header.endswith("구분") or header in numeric:
            continue
        counts = categories(listing, header)
        counts.pop("", None)
        if not counts or len(counts) > 12 or len(rows) < 2 * len(counts):
            continue
        for figure in figures:
            if figure.actual is None or unit_kind(figure.unit) != "count":
                continue
            if not same_context(figure.context, listing.context, known=True):
                continue
            category = next((label for label in figure.labels if label in counts), None)
            if category is None or counts[category] == figure.actual:
                continue
            listed = [index for index in rows if normalise(listing.cell(index, header)) == category]
            yield finding(
                figure.table,
                figure.index,
                f"실적 {show_with_unit(figure.actual, figure.unit)} ≠ {listing.name}에서"
                f" {header} '{listing.cell(listed[0], header)}'인 행 {counts[category]}개",
                f"{listing.name} {listed_rows(listed)}",
            )


def listed_rows(rows: list[int]) -> str:
    if len(rows) <= 8:
        return ", ".join(str(index + 1) for index in rows) + "행"
    return f"{len(rows)}개 행"


def check_itemised_counts(counts: Table, figures: list[Printed]) -> Iterator[Finding]:
    """A figure named like a table that itemises it ('예비특구 지원단 운영 - 지원 횟수') is the
    table's total: its printed total row, or the sum of its one 횟수/건수 column over the rows
    in the table's usual unit (a lump '1식' is not an occurrence)."""
    columns = [h for h in numeric_columns(counts) if h.endswith(("횟수", "건수"))]
    title = normalise(strip_caption(counts.title))
    if len(columns) != 1 or len(title) < 4:
        return
    column = columns[0]
    rows = data_rows(counts)
    units = Counter(counts.cell(index, "단위") for index in rows)
    usual = units.most_common(1)[0][0] if units else ""
    left_out = [index for index in rows if counts.cell(index, "단위") != usual]
    if total_rows(counts) or not left_out:
        total = column_total(counts, column)
        what = f"{counts.name} {span_text(rows)}의 {column} 합 {show(total)}"
    else:
        rows = [index for index in rows if index not in left_out]
        values = [single_quantity(counts.cell(index, column)) for index in rows]
        total = sum((value.value for value in values if value is not None), Decimal(0))
        what = (
            f"{counts.name}의 {column} 합 {show(total)}{usual}"
            f" (다른 단위인 {listed_rows(left_out)} 제외)"
        )
    for figure in figures:
        if figure.actual is None or unit_kind(figure.unit) != "count":
            continue
        if figure.table is counts or not same_context(figure.context, counts.context, known=True):
            continue
        if max(likeness(label, title) for label in figure.labels) < LIKE:
            continue
        if figure.actual != total:
            yield finding(
                figure.table,
                figure.index,
                f"실적 {show_with_unit(figure.actual, figure.unit)} ≠ {what}",
                f"{counts.name} {listed_rows(rows)}",
            )


# --------------------------------------------------------------------------------------------
# Rules: the settlement (정산총괄표, 정산보고서, 사업비 세부집행내역서)


def formula_of(label: str) -> tuple[str, str] | None:
    """'집행잔액(C=A-B)' → ('C', 'A-B'); '예산액(A)' → ('A', '')."""
    match = re.search(r"\(\s*([A-Z])\s*(?:=\s*([A-Z+\-\s]+))?\)\s*$", label)
    if not match:
        return None
    return match.group(1), (match.group(2) or "").replace(" ", "")


def check_letter_formulas(table: Table) -> Iterator[Finding]:
    """Rows that print their own identity ('정산잔액(G=C+D+E+F)') hold it in every column."""
    by_letter: dict[str, int] = {}
    for index, row in enumerate(table.rows):
        formula = formula_of(row.get("구분", ""))
        if formula:
            by_letter[formula[0]] = index
    numeric = numeric_columns(table)
    for index, row in enumerate(table.rows):
        formula = formula_of(row.get("구분", ""))
        if not formula or not formula[1]:
            continue
        terms = re.findall(r"([+-]?)([A-Z])", formula[1])
        if any(letter not in by_letter for _, letter in terms):
            continue
        for column in numeric:
            printed = parse_number(row.get(column, ""))
            values = [parse_number(table.cell(by_letter[letter], column)) for _, letter in terms]
            if printed is None or any(value is None for value in values):
                continue
            total = sum(
                (
                    (-value if sign == "-" else value)
                    for (sign, _), value in zip(terms, values, strict=True)
                    if value is not None
                ),
                Decimal(0),
            )
            if printed != total:
                shown = " ".join(
                    f"{sign or '+'} {show(value or Decimal(0))}"
                    for (sign, _), value in zip(terms, values, strict=True)
                ).lstrip("+ ")
                yield finding(
                    table,
                    index,
                    f"{column} {show(printed)} ≠ {formula[1]} = {shown} = {show(total)}",
                )


SETTLEMENT_IDENTITIES = (
    ("최종예산액", (("+", "초기예산액"), ("+", "전용액"))),
    ("집행잔액", (("+", "교부액"), ("-", "집행금액"))),
    ("반환대상액", (("+", "집행잔액"), ("+", "예금이자"), ("+", "기타수익금"))),
)
LEVELS = {"세부": 0, "소계": 1, "합계": 2, "총계": 3}


def settlement_level(table: Table, index: int) -> int:
    level = table.cell(index, "수준")
    if level in LEVELS:
        return LEVELS[level]
    label = table.cell(index, "구분").replace(" ", "")
    if label.endswith("총계"):
        return 3
    if label.endswith("소계"):
        return 1
    if label.endswith("계"):
        return 2
    return 0


def amount(table: Table, index: int, column: str) -> Decimal | None:
    return parse_number(table.cell(index, column)) if column in table.headers else None


def check_settlement_identities(table: Table) -> Iterator[Finding]:
    for index in range(len(table.rows)):
        for result, terms in SETTLEMENT_IDENTITIES:
            printed = amount(table, index, result)
            if printed is None:
                continue
            values = [amount(table, index, column) for _, column in terms]
            if values[0] is None or values[1] is None:
                continue
            total = Decimal(0)
            for (sign, _), value in zip(terms, values, strict=True):
                total += -(value or 0) if sign == "-" else (value or 0)
            if printed != total:
                shown = " ".join(
                    f"{sign} {column} {show(value or Decimal(0))}"
                    for (sign, column), value in zip(terms, values, strict=True)
                ).lstrip("+ ")
                yield finding(table, index, f"{result} {show(printed)} ≠ {shown} = {show(total)}")


def settlement_children(table: Table, index: int) -> list[int]:
    """The rows a 계 row adds up: the next lower level below it (or above it, for a total
    printed last)."""
    level = settlement_level(table, index)
    if level == 0:
        return []

    def gather(rows: Iterable[int]) -> list[int]:
        found = []
        for other in rows:
            if settlement_level(table, other) >= level:
                break
            found.append(other)
        if not found:
            return []
        highest = max(settlement_level(table, other) for other in found)
        return [other for other in found if settlement_level(table, other) == highest]

    after = gather(range(index + 1, len(table.rows)))
    return after or sorted(gather(range(index - 1, -1, -1)))


def check_settlement_totals(table: Table) -> Iterator[Finding]:
    numeric = [h for h in numeric_columns(table) if h not in ("수준",)]
    for index in range(len(table.rows)):
        children = settlement_children(table, index)
        if not children:
            continue
        for column in numeric:
            printed = amount(table, index, column)
            values = [amount(table, child, column) for child in children]
            present = [value for value in values if value is not None]
            if printed is None or not present:
                continue
            total = sum(present, Decimal(0))
            if printed != total:
                names = ", ".join(table.cell(child, "구분") for child in children[:3])
                more = " …" if len(children) > 3 else ""
                yield finding(
                    table,
                    index,
                    f"{table.cell(index, '구분')} {column} {show(printed)}"
                    f" ≠ 아래 {len(children)}개 행({names}{more})의 합 {show(total)}",
                    f"{table.name} {listed_rows(children)}",
                )


def check_expenditure_detail(table: Table) -> Iterator[Finding]:
    """소계 rows add up the lines of their 목; a 관's 소계/계 row adds up the 관's lines;
    printed 집행률 = 집행금액 ÷ 교부금액; nothing is spent beyond its grant."""
    lines = [
        index
        for index in range(len(table.rows))
        if table.cell(index, "세부계정과목") not in ("", "소계")
    ]
    for index in range(len(table.rows)):
        account = table.cell(index, "세부계정과목")
        key = tuple(table.cell(index, c) for c in ("관", "항", "목"))
        if account == "소계":
            parts = [
                line
                for line in lines
                if tuple(table.cell(line, c) for c in ("관", "항", "목")) == key
            ]
        elif not account and table.cell(index, "관"):
            chapter = normalise(re.sub(r"\s*(소계|계)$", "", table.cell(index, "관")))
            parts = [line for line in lines if normalise(table.cell(line, "관")) == chapter]
        else:
            parts = []
        for column in ("교부금액", "집행금액"):
            printed = amount(table, index, column)
            values = [amount(table, part, column) for part in parts]
            present = [value for value in values if value is not None]
            if printed is None or not present:
                continue
            total = sum(present, Decimal(0))
            if printed != total:
                yield finding(
                    table,
                    index,
                    f"{column} {show(printed)} ≠ 세부계정 {len(parts)}개의 합 {show(total)}",
                    f"{table.name} {listed_rows(parts)}",
                )
        yield from check_execution(table, index, "교부금액")


def check_execution(table: Table, index: int, granted_column: str) -> Iterator[Finding]:
    granted = amount(table, index, granted_column)
    spent = amount(table, index, "집행금액")
    if granted is None or spent is None:
        return
    if spent > granted:
        yield finding(
            table,
            index,
            f"집행금액 {show(spent)} > {granted_column} {show(granted)} (교부된 것보다 많이 집행)",
        )
        return
    rates = printed_rates(table.cell(index, "집행률"))
    if len(rates) == 1 and granted:
        computed = rate_of(spent, granted)
        if not rate_fits(rates[0], computed):
            yield finding(
                table,
                index,
                f"집행률 {show(rates[0])}% ≠ 집행금액 {show(spent)} ÷ {granted_column}"
                f" {show(granted)} = {percent(computed)}",
            )


SUMMARY_TO_REPORT = (
    ("예산액", "최종예산액"),
    ("집행액", "집행금액"),
    ("집행잔액", "집행잔액"),
    ("이자", "예금이자"),
    ("기타수익금", "기타수익금"),
    ("정산잔액", "반환대상액"),
)


def report_column_for(label: str) -> str:
    stem = normalise(label.split("(")[0])
    for summary_word, report_column in SUMMARY_TO_REPORT:
        if stem == summary_word or (summary_word == "이자" and stem.startswith("이자")):
            return report_column
    return ""


def check_summary_against_report(summary: Table, report: Table) -> Iterator[Finding]:
    """정산총괄표 cells against the 정산보고서's 계 rows: its columns are the report's
    합계 rows (위탁사업비, 시설운영비) and 총계 (합계)."""
    report_rows: dict[str, int] = {}
    for index in range(len(report.rows)):
        level = settlement_level(report, index)
        label = normalise(report.cell(index, "구분"))
        if level == 3:
            report_rows["합계"] = index
        elif level == 2:
            for column in summary.headers:
                if normalise(column) and label.startswith(normalise(column)):
                    report_rows[column] = index
    for index in range(len(summary.rows)):
        report_column = report_column_for(summary.cell(index, "구분"))
        if not report_column or report_column not in report.headers:
            continue
        for column, report_index in report_rows.items():
            printed = amount(summary, index, column)
            other = amount(report, report_index, report_column)
            if printed is None or other is None or printed == other:
                continue
            yield finding(
                summary,
                index,
                f"{summary.cell(index, '구분')} {column} {show(printed)}"
                f" ≠ 정산보고서 {report.cell(report_index, '구분')} {report_column} {show(other)}",
                report.place(report_index),
            )


def check_detail_against_report(detail: Table, report: Table) -> Iterator[Finding]:
    """세부집행내역서 subtotals against the 정산보고서 rows of the same name."""
    by_name = {normalise(report.cell(i, "구분")): i for i in range(len(report.rows))}
    for index in range(len(detail.rows)):
        account = detail.cell(index, "세부계정과목")
        if account == "소계":
            name = normalise(detail.cell(index, "목"))
        elif not account:
            name = normalise(detail.cell(index, "관"))
        else:
            continue
        report_index = by_name.get(name) if name else None
        if report_index is None:
            continue
        for column, report_column in (("교부금액", "교부액"), ("집행금액", "집행금액")):
            printed = amount(detail, index, column)
            other = amount(report, report_index, report_column)
            if printed is None or other is None or printed == other:
                continue
            yield finding(
                detail,
                index,
                f"{column} {show(printed)} ≠ 정산보고서 {report.cell(report_index, '구분')}"
                f" {report_column} {show(other)}",
                report.place(report_index),
            )


def check_overview_execution(overview: Table, report: Table) -> Iterator[Finding]:
    """사업 총괄표 집행률 = the programme's 집행금액 ÷ 교부액 in the 정산보고서."""
    by_name = {
        normalise(report.cell(i, "구분")): i
        for i in range(len(report.rows))
        if settlement_level(report, i) == 0
    }
    for index in range(len(overview.rows)):
        rates = printed_rates(overview.cell(index, "집행률"))
        report_index = by_name.get(normalise(overview.cell(index, "사업명")))
        if len(rates) != 1 or report_index is None:
            continue
        granted = amount(report, report_index, "교부액")
        spent = amount(report, report_index, "집행금액")
        if not granted or spent is None:
            continue
        computed = rate_of(spent, granted)
        if not rate_fits(rates[0], computed):
            yield finding(
                overview,
                index,
                f"집행률 {show(rates[0])}% ≠ 집행금액 {show(spent)} ÷ 교부액 {show(granted)}"
                f" = {percent(computed)}",
                report.place(report_index),
            )


# --------------------------------------------------------------------------------------------
# The check


def check_tables(tables: list[Table]) -> list[Finding]:
    layouts = {table.name: layout_of(table) for table in tables}

    def of(*kinds: str) -> list[Table]:
        return [table for table in tables if layouts[table.name] in kinds]

    findings: list[Finding] = []
    for table in tables:
        findings.extend(check_malformed_numbers(table))
    for table in of("kpi"):
        findings.extend(check_rates(table))
        findings.extend(check_parsed_against_printed(table))
    for table in of("kpi", "list"):
        findings.extend(check_total_rows(table))
        findings.extend(check_total_columns(table))
        findings.extend(check_listed_counts(table))
        findings.extend(check_title_counts(table))
    for table in of("settlement_summary"):
        findings.extend(check_letter_formulas(table))
        findings.extend(check_total_columns(table))
    for table in of("settlement_report"):
        findings.extend(check_settlement_identities(table))
        findings.extend(check_settlement_totals(table))
    for table in of("expenditure_detail"):
        findings.extend(check_expenditure_detail(table))
    for report in of("settlement_report"):
        for summary in of("settlement_summary"):
            findings.extend(check_summary_against_report(summary, report))
        for detail in of("expenditure_detail"):
            findings.extend(check_detail_against_report(detail, report))
        for overview in of("overview"):
            findings.extend(check_overview_execution(overview, report))
    lists = of("list")
    for summary in lists:
        for listing in lists:
            if summary is not listing:
                findings.extend(check_summary_against_list(summary, listing))
    figures_by_table = [overview_figures(t) for t in of("overview_figures")]
    figures_by_table += [kpi_figures(t) for t in of("kpi")]
    for first, second in combinations([f for f in figures_by_table if f], 2):
        findings.extend(check_same_figures(first, second))
    every_figure = [figure for figures in figures_by_table for figure in figures]
    for narrative in of("narrative"):
        findings.extend(check_narrative(narrative, every_figure))
    for listing in lists:
        findings.extend(check_category_counts(listing, every_figure))
        findings.extend(check_itemised_counts(listing, every_figure))
    unique = dict.fromkeys(findings)
    return sorted(unique, key=lambda f: (f.file, f.row, f.message))


def recognised(tables: list[Table]) -> tuple[list[Table], list[str]]:
    kept, skipped = [], []
    for table in tables:
        if layout_of(table) is None:
            skipped.append(
                f"{table.name}: 알아볼 수 있는 형식이 아님 (열: {', '.join(table.headers)})"
            )
        else:
            kept.append(table)
    return kept, skipped


def check_directory(path: Path | str) -> tuple[list[Finding], list[str]]:
    """Every finding in the directory's tables, and one line per file or sheet skipped."""
    tables, skipped = read_directory(Path(path))
    kept, unrecognised = recognised(tables)
    return check_tables(kept), sorted(skipped + unrecognised)
