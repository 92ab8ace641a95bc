"""A report `Document` as an HWPX file (the open Hangul format), written with python-hwpx.

Headings are bold paragraphs sized by level. They carry the document's own text and no outline
numbering of Hangul's, which would add "1." or "가." that the web page and the PDF do not show.
Tables are real tables whose header row repeats on every page, the header and total rows shaded
as in the PDF; charts are their PNG pictures.

python-hwpx writes every block, each table with its header row only, and checks the file as it
saves it (package, schema, reopening); it has no save without that check. The body rows are then
written straight into the section's XML, each cell a copy of its column's header cell with its
own text and shapes. Built and checked through python-hwpx, the thousands of cells of one year's
report took tens of seconds, though every body cell is alike. The tests run python-hwpx's checks on
whole files."""

from __future__ import annotations

import io
import random
import re
import struct
import unicodedata
import zipfile
from copy import deepcopy
from dataclasses import dataclass
from typing import Any

from hwpx import HwpxDocument
from hwpx.oxml import HwpxOxmlParagraph, HwpxOxmlTable
from lxml import etree

from dure.reports.document import Chart, Document, Heading, PageBreak, Paragraph, Table

HEADING_SIZES = {1: 16, 2: 13, 3: 11}
HEADING_SPACE_BEFORE_PT = {1: 18, 2: 12, 3: 8}
BODY_SIZE = 10
TABLE_SIZE = 9
NOTE_SIZE = 9
HEADER_SHADE = "#E8EEF6"
TOTAL_SHADE = "#EEF1F6"
# The body of an A4 page with the default margins is 150 mm wide; a chart taller than this
# is narrowed so that it fits on one page.
PICTURE_WIDTH_MM = 150.0
PICTURE_MAX_HEIGHT_MM = 200.0
SUB_ROW_INDENT_MM = 3.0
# Paragraph.style → the character shape of its run.
PARAGRAPH_RUNS = {"": "body", "lead": "lead", "note": "note"}
_HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
# What a text node may not hold (as python-hwpx strips it), and the tab and line breaks that
# Hangul writes as elements inside it.
_ILLEGAL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TEXT_MARKS = re.compile(r"(\t|\r\n|\r|\n)")
# No ASCII character is wide.
_NON_ASCII = re.compile(r"[^\x00-\x7f]")


def document_hwpx(document: Document) -> bytes:
    """The HWPX file of the document: headings, paragraphs, tables, charts and page breaks."""
    return _Writer(document).write()


@dataclass(frozen=True)
class _CellShape:
    border_fill: str
    paragraph: str
    run: str


@dataclass
class _Body:
    """A table's rows below the header: their texts and kinds, and each kind's cell shapes."""

    rows: list[tuple[list[str], str]]
    shapes: dict[str, list[_CellShape]]


class _Writer:
    def __init__(self, document: Document) -> None:
        self.document = document
        self.hwpx = HwpxDocument.new()
        styles = self.hwpx.styles
        self.runs = {
            "body": styles.ensure_run(size=BODY_SIZE),
            "lead": styles.ensure_run(size=BODY_SIZE + 1),
            "note": styles.ensure_run(size=NOTE_SIZE),
            "table": styles.ensure_run(size=TABLE_SIZE),
            "table bold": styles.ensure_run(bold=True, size=TABLE_SIZE),
            "title": styles.ensure_run(bold=True, size=BODY_SIZE + 1),
        }
        self.heading_runs = {
            level: styles.ensure_run(bold=True, size=size) for level, size in HEADING_SIZES.items()
        }
        # The new file's one paragraph holds the page settings; the first text is written in it.
        # It also carries each new paragraph shape for a moment, to learn the shape's id.
        self.carrier = self.hwpx.paragraphs[0]
        self.first: HwpxOxmlParagraph | None = self.carrier
        self.page_break = False
        self.shapes: dict[tuple[Any, ...], str] = {}
        self.bodies: list[_Body] = []

    def write(self) -> bytes:
        parts = self.hwpx.parts
        parts.clear_document_metadata()
        parts.set_document_metadata(
            title=self.document.dated_title,
            creator=self.document.center_name,
            subject=self.document.subtitle or None,
        )
        parts.clear_preview()
        for block in self.document.blocks:
            if isinstance(block, PageBreak):
                self.page_break = self.first is None
            elif isinstance(block, Heading):
                self.heading(block)
            elif isinstance(block, Paragraph):
                self.paragraph(block.text(), self.runs[PARAGRAPH_RUNS.get(block.style, "body")])
            elif isinstance(block, Table):
                self.table(block)
            elif isinstance(block, Chart):
                self.chart(block)
        data = self.hwpx.to_bytes()
        if not any(body.rows for body in self.bodies):
            return data
        return _with_body_rows(data, self.hwpx.package.section_paths(), self.bodies)

    def shape(self, base: str, **settings: Any) -> str:
        """The id of the paragraph shape `base` with the settings changed. python-hwpx makes a
        shape by formatting a paragraph: the carrier takes it and gets its own shape back."""
        key = (base, *sorted(settings.items()))
        if key not in self.shapes:
            own = self.carrier.para_pr_id_ref
            self.carrier.para_pr_id_ref = base
            self.hwpx.styles.apply_paragraph_format(paragraphs=[self.carrier], **settings)
            self.shapes[key] = self.carrier.para_pr_id_ref or base
            self.carrier.para_pr_id_ref = own
        return self.shapes[key]

    def format(self, paragraph: HwpxOxmlParagraph, **settings: Any) -> None:
        paragraph.para_pr_id_ref = self.shape(paragraph.para_pr_id_ref or "0", **settings)

    def breaks(self) -> str:
        """The next paragraph's pageBreak attribute: "1" (a new page) after a page break."""
        self.first = None
        starts_page, self.page_break = self.page_break, False
        return "1" if starts_page else "0"

    def paragraph(self, text: str, run: str) -> HwpxOxmlParagraph:
        if self.first is not None:
            paragraph, self.first = self.first, None
            paragraph.text = text
            paragraph.char_pr_id_ref = run
            return paragraph
        return self.hwpx.add_paragraph(
            text, char_pr_id_ref=run, inherit_style=False, pageBreak=self.breaks()
        )

    def heading(self, heading: Heading) -> None:
        level = min(max(heading.level, 1), 3)
        paragraph = self.paragraph(heading.text, self.heading_runs[level])
        self.format(
            paragraph,
            spacing_before_pt=HEADING_SPACE_BEFORE_PT[level],
            spacing_after_pt=4,
            keep_with_next=True,
        )

    def table(self, table: Table) -> None:
        title = self.paragraph(table.title, self.runs["title"])
        self.format(title, keep_with_next=True, spacing_before_pt=6)
        unit_line = table.unit_line()
        if unit_line:
            self.format(self.paragraph(unit_line, self.runs["note"]), alignment="RIGHT")
        texts = [list(table.columns), *[[cell.text() for cell in row] for row in table.rows]]
        width = max(len(line) for line in texts)
        if width == 0:
            return
        grid = self.hwpx.add_table(
            1, width, char_pr_id_ref=self.runs["table"], pageBreak=self.breaks()
        )
        # A table that flows breaks between rows across pages and repeats its header row.
        grid.set_treat_as_char(False)
        grid.element.set("repeatHeader", "1")
        cells = grid.rows[0].cells
        # The shapes python-hwpx gave the new cells, before the header's own.
        plain = _CellShape(
            border_fill=cells[0].element.get("borderFillIDRef")
            or grid.element.get("borderFillIDRef")
            or "0",
            paragraph=cells[0].paragraphs[0].para_pr_id_ref or "0",
            run=self.runs["table"],
        )
        header_shade = self.shade(HEADER_SHADE, plain)
        for column, cell in enumerate(cells):
            cell.text = texts[0][column] if column < len(texts[0]) else ""
            cell.element.set("header", "1")
            cell.element.set("borderFillIDRef", header_shade)
            paragraph = cell.paragraphs[0]
            paragraph.char_pr_id_ref = self.runs["table bold"]
            self.format(paragraph, alignment="CENTER")
        _fit_columns(grid, texts, width)
        body = _Body(rows=[], shapes={})
        for index, line in enumerate(texts[1:]):
            kind = table.kind(index)
            if kind not in body.shapes:
                body.shapes[kind] = [
                    self.cell_shape(table, kind, column, plain) for column in range(width)
                ]
            body.rows.append((line + [""] * (width - len(line)), kind))
        self.bodies.append(body)

    def cell_shape(self, table: Table, kind: str, column: int, plain: _CellShape) -> _CellShape:
        """A body cell's shapes: numbers right-aligned, a breakdown's label indented, a total
        bold and shaded."""
        paragraph = plain.paragraph
        if column in table.numeric_columns:
            paragraph = self.shape(plain.paragraph, alignment="RIGHT")
        elif kind == "sub" and column == 0:
            paragraph = self.shape(plain.paragraph, indent_left_mm=SUB_ROW_INDENT_MM)
        if kind == "total":
            return _CellShape(self.shade(TOTAL_SHADE, plain), paragraph, self.runs["table bold"])
        return _CellShape(plain.border_fill, paragraph, plain.run)

    def shade(self, color: str, plain: _CellShape) -> str:
        """The border fill of a plain cell with the background colour."""
        return self.hwpx.oxml.ensure_shading_border_fill(
            color, base_border_fill_id=plain.border_fill
        )

    def chart(self, chart: Chart) -> None:
        if not chart.png:
            self.paragraph(chart.title, self.runs["title"])
        else:
            width_mm = _picture_width_mm(chart.png)
            picture = self.hwpx.add_picture(
                chart.png,
                "png",
                width_mm=width_mm,
                align="CENTER",
                para_pr_id_ref="0",
                style_id_ref="0",
                pageBreak=self.breaks(),
            )
            # The picture's description, which Hangul reads out in place of the image.
            comment = picture.element.find(f"{_HP}shapeComment")
            if comment is not None:
                comment.text = chart.title
        if chart.caption:
            self.format(self.paragraph(chart.caption, self.runs["note"]), alignment="CENTER")


def _with_body_rows(data: bytes, section_paths: list[str], bodies: list[_Body]) -> bytes:
    """The package with each table's body rows added below its header row, the tables taken in
    the order they stand in the sections."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True)
    with zipfile.ZipFile(io.BytesIO(data)) as source:
        sections = {path: etree.fromstring(source.read(path), parser) for path in section_paths}
        grids = [grid for root in sections.values() for grid in root.iter(f"{_HP}tbl")]
        for grid, body in zip(grids, bodies, strict=True):
            _add_rows(grid, body)
        output = io.BytesIO()
        with zipfile.ZipFile(output, "w") as target:
            for info in source.infolist():
                root = sections.get(info.filename)
                if root is None:
                    target.writestr(info, source.read(info))
                else:
                    target.writestr(
                        info,
                        etree.tostring(
                            root, encoding="UTF-8", xml_declaration=True, standalone=True
                        ),
                    )
    return output.getvalue()


def _add_rows(grid: Any, body: _Body) -> None:
    """Each body row a copy of its kind's row with its own texts, cell addresses and paragraph
    ids; the table's row count and height follow."""
    if not body.rows:
        return
    header = grid.find(f"{_HP}tr")
    blank = header.makeelement(header.tag, header.attrib)
    for cell in header.iterfind(f"{_HP}tc"):
        blank.append(_blank_cell(cell))
    templates = {kind: _shaped_row(blank, shapes) for kind, shapes in body.shapes.items()}
    previous = header
    for row_index, (texts, kind) in enumerate(body.rows, start=1):
        row = deepcopy(templates[kind])
        address = str(row_index)
        for text, paragraph, node, cell_address in zip(
            texts,
            row.iter(f"{_HP}p"),
            row.iter(f"{_HP}t"),
            row.iter(f"{_HP}cellAddr"),
            strict=True,
        ):
            paragraph.set("id", str(random.getrandbits(31)))
            _fill_text(node, text)
            cell_address.set("rowAddr", address)
        previous.addnext(row)
        previous = row
    count = 1 + len(body.rows)
    grid.set("rowCnt", str(count))
    size = grid.find(f"{_HP}sz")
    height = header.find(f"{_HP}tc/{_HP}cellSz")
    if size is not None and height is not None:
        size.set("height", str(int(height.get("height", "0")) * count))


def _blank_cell(header_cell: Any) -> Any:
    """A body cell of the header cell's column: one paragraph holding one run and one text."""
    cell = deepcopy(header_cell)
    cell.set("header", "0")
    sub_list = cell.find(f"{_HP}subList")
    paragraphs = sub_list.findall(f"{_HP}p")
    for extra in paragraphs[1:]:
        sub_list.remove(extra)
    paragraph = paragraphs[0]
    for child in list(paragraph):
        paragraph.remove(child)
    etree.SubElement(etree.SubElement(paragraph, f"{_HP}run"), f"{_HP}t")
    return cell


def _shaped_row(blank: Any, shapes: list[_CellShape]) -> Any:
    row = deepcopy(blank)
    for cell, shape in zip(row, shapes, strict=True):
        cell.set("borderFillIDRef", shape.border_fill)
        paragraph = cell.find(f"{_HP}subList/{_HP}p")
        paragraph.set("paraPrIDRef", shape.paragraph)
        paragraph[0].set("charPrIDRef", shape.run)
    return row


def _fill_text(node: Any, text: str) -> None:
    """The text, each tab and line break as the element Hangul writes inside the text node."""
    text = _ILLEGAL_CHARACTERS.sub("", text)
    if not _TEXT_MARKS.search(text):
        node.text = text or None
        return
    parts = _TEXT_MARKS.split(text)
    node.text = parts[0]
    for mark, segment in zip(parts[1::2], parts[2::2], strict=True):
        element = etree.SubElement(node, _HP + ("tab" if mark == "\t" else "lineBreak"))
        element.tail = segment


def _fit_columns(grid: HwpxOxmlTable, texts: list[list[str]], width: int) -> None:
    """Columns shared out by their longest text (a Korean letter counting twice), so labels
    get room and short numbers do not."""
    weights = [4] * width
    for line in texts:
        for column, text in enumerate(line[:width]):
            weights[column] = max(weights[column], min(_display_width(text), 30))
    grid.set_column_widths(weights)


def _display_width(text: str) -> int:
    wide = (char for char in _NON_ASCII.findall(text) if unicodedata.east_asian_width(char) in "WF")
    return len(text) + sum(1 for _ in wide)


def _picture_width_mm(png: bytes) -> float:
    """The text width, or narrower for a chart that would be taller than a page allows."""
    if png[:8] != b"\x89PNG\r\n\x1a\n" or len(png) < 24:
        return PICTURE_WIDTH_MM
    pixels_wide, pixels_high = struct.unpack(">II", png[16:24])
    if not pixels_wide:
        return PICTURE_WIDTH_MM
    height_mm = PICTURE_WIDTH_MM * pixels_high / pixels_wide
    if height_mm <= PICTURE_MAX_HEIGHT_MM:
        return PICTURE_WIDTH_MM
    return PICTURE_WIDTH_MM * PICTURE_MAX_HEIGHT_MM / height_mm
