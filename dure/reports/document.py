"""A report edition as a neutral document: headings, paragraphs, tables and charts.

The web page, the PDF, the XLSX workbook and the HWPX file are all written from one
`Document`, so the four outputs cannot disagree. Every number in a table or in the narrative
is a `Figure`: a value, its unit, a key that names what it measures, and the address of the
records behind it."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import ClassVar


@dataclass(frozen=True)
class Figure:
    """One computed number. `key` names what it measures ("indicator:12:actual"); the same key
    anywhere in a document must carry the same value."""

    key: str
    value: Decimal | None
    unit: str = ""
    places: int = 0
    link: str = ""
    label: str = ""

    @property
    def is_percent(self) -> bool:
        return self.unit == "%"

    def text(self, *, with_unit: bool = True) -> str:
        """The figure as printed: thousands separators, its decimals, its unit; '-' for none."""
        if self.value is None:
            return "-"
        number = Decimal(self.value)
        places = self.places
        if places == 0 and number != number.to_integral_value():
            places = 1 if self.is_percent else 2
        rounded = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
        if places and not self.is_percent:
            text = f"{rounded.normalize():,f}"
        else:
            text = f"{rounded:,.{places}f}"
        if text.startswith("-"):
            text = "△" + text[1:] if self.unit.endswith("원") else text
        return f"{text}{self.unit}" if with_unit else text


Value = str | Figure | None


@dataclass
class Cell:
    """A table cell: text, a figure, or figures joined ("27건/64.18억원")."""

    parts: list[Value] = field(default_factory=list)
    joiner: str = "/"

    @classmethod
    def of(cls, value: Value) -> Cell:
        return cls([value])

    @property
    def figures(self) -> list[Figure]:
        return [p for p in self.parts if isinstance(p, Figure)]

    @property
    def is_number(self) -> bool:
        """One figure alone: spreadsheets write it as a number."""
        return len(self.parts) == 1 and isinstance(self.parts[0], Figure)

    def text(self, *, with_unit: bool = True) -> str:
        pieces = []
        for part in self.parts:
            if part is None:
                continue
            pieces.append(part.text(with_unit=with_unit) if isinstance(part, Figure) else part)
        return self.joiner.join(pieces)


@dataclass
class Table:
    """A table with a stable key ("overview", "kpi:PUBLIC", "settlement:summary")."""

    block_type: ClassVar[str] = "table"

    key: str
    title: str
    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    unit_note: str = ""
    # Per row: "" (plain), "sub" (a breakdown line) or "total".
    row_kinds: list[str] = field(default_factory=list)
    # Column indexes holding numbers (right-aligned; numbers in spreadsheets).
    numeric_columns: tuple[int, ...] = ()

    def add(self, cells: list[Cell], kind: str = "") -> None:
        self.rows.append(cells)
        self.row_kinds.append(kind)

    def kind(self, index: int) -> str:
        return self.row_kinds[index] if index < len(self.row_kinds) else ""

    def column_widths(self) -> list[int]:
        """Each column's share of the printed width in percent, after the length of its longest
        lines (a long name column gets room, a date or a number little)."""
        weights = []
        for index, title in enumerate(self.columns):
            lengths = [len(title)]
            for row in self.rows[:200]:
                if index < len(row):
                    lengths.append(max(len(line) for line in row[index].text().split("\n")))
            lengths.sort()
            typical = lengths[int(len(lengths) * 0.9) - 1] if len(lengths) > 1 else lengths[0]
            weights.append(min(max(typical, 4), 36))
        total = sum(weights) or 1
        return [max(1, round(100 * weight / total)) for weight in weights]

    def unit_line(self) -> str:
        """The units as printed above the table ("(단위: 건, %)"): the unit note, or else the
        units of its figures in the order they first appear; "" when there are none."""
        if self.unit_note:
            note = self.unit_note.strip()
            return note if note.startswith("(") else f"(단위: {note})"
        units: list[str] = []
        for row in self.rows:
            for cell in row:
                for figure in cell.figures:
                    if figure.unit and figure.unit not in units:
                        units.append(figure.unit)
        return f"(단위: {', '.join(units)})" if units else ""


@dataclass
class Heading:
    block_type: ClassVar[str] = "heading"

    level: int  # 1 chapter, 2 program, 3 part of a program
    text: str
    anchor: str = ""


@dataclass
class Paragraph:
    """Narrative: text and live figures in order."""

    block_type: ClassVar[str] = "paragraph"

    parts: list[str | Figure] = field(default_factory=list)
    style: str = ""  # "" body, "lead" a section's introduction, "note" small print

    def text(self) -> str:
        return "".join(p.text() if isinstance(p, Figure) else p for p in self.parts)


@dataclass
class Chart:
    block_type: ClassVar[str] = "chart"

    key: str
    title: str
    svg: str
    png: bytes = b""
    caption: str = ""


@dataclass
class PageBreak:
    block_type: ClassVar[str] = "pagebreak"


Block = Heading | Paragraph | Table | Chart | PageBreak


@dataclass
class Document:
    title: str
    center_name: str
    year: int
    subtitle: str = ""
    blocks: list[Block] = field(default_factory=list)

    def add(self, block: Block) -> None:
        self.blocks.append(block)

    @property
    def dated_title(self) -> str:
        """The title with its year in front, unless the title already says the year."""
        return self.title if str(self.year) in self.title else f"{self.year}년 {self.title}"

    @property
    def tables(self) -> list[Table]:
        return [b for b in self.blocks if isinstance(b, Table)]

    @property
    def headings(self) -> list[Heading]:
        return [b for b in self.blocks if isinstance(b, Heading)]

    def figures(self) -> list[tuple[str, Figure]]:
        """Every figure with the place it stands ("표 공공시장 확대지원 주요실적 3행")."""
        found: list[tuple[str, Figure]] = []
        section = ""
        for block in self.blocks:
            if isinstance(block, Heading):
                section = block.text
            elif isinstance(block, Table):
                for number, row in enumerate(block.rows, start=1):
                    for cell in row:
                        for figure in cell.figures:
                            found.append((f"표 「{block.title}」 {number}행", figure))
            elif isinstance(block, Paragraph):
                for part in block.parts:
                    if isinstance(part, Figure):
                        found.append((f"「{section}」 본문", part))
        return found
