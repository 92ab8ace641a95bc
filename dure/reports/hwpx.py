"""A report `Document` as an HWPX file (the open Hangul format), written with python-hwpx.

Headings are bold paragraphs sized by level. They carry the document's own text and no outline
numbering of Hangul's, which would add "1." or "가." that the web page and the PDF do not show.
Tables are real tables whose header row repeats on every page; charts are their PNG pictures."""

from __future__ import annotations

import struct
import unicodedata
from collections import defaultdict
from typing import Any

from hwpx import HwpxDocument
from hwpx.oxml import HwpxOxmlParagraph, HwpxOxmlTable

from dure.reports.document import Chart, Document, Heading, PageBreak, Paragraph, Table

HEADING_SIZES = {1: 16, 2: 13, 3: 11}
HEADING_SPACE_BEFORE_PT = {1: 18, 2: 12, 3: 8}
BODY_SIZE = 10
TABLE_SIZE = 9
NOTE_SIZE = 9
HEADER_SHADE = "#E8EEF6"
# The body of an A4 page with the default margins is 150 mm wide; a chart taller than this
# is narrowed so that it fits on one page.
PICTURE_WIDTH_MM = 150.0
PICTURE_MAX_HEIGHT_MM = 200.0
SUB_ROW_INDENT_MM = 3.0
# Paragraph.style → the character shape of its run.
PARAGRAPH_RUNS = {"": "body", "lead": "lead", "note": "note"}
_HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"


def document_hwpx(document: Document) -> bytes:
    """The HWPX file of the document: headings, paragraphs, tables, charts and page breaks."""
    return _Writer(document).write()


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
        self.first: HwpxOxmlParagraph | None = self.hwpx.paragraphs[0]
        self.page_break = False
        # Paragraph formats by the paragraph's shape and the change, applied at the end.
        self.formats: dict[tuple[Any, ...], list[HwpxOxmlParagraph]] = defaultdict(list)

    def write(self) -> bytes:
        parts = self.hwpx.parts
        parts.clear_document_metadata()
        parts.set_document_metadata(
            title=f"{self.document.year}년 {self.document.title}",
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
        for (_, *settings), paragraphs in self.formats.items():
            first, *others = paragraphs
            self.hwpx.styles.apply_paragraph_format(paragraphs=[first], **dict(settings))
            # The same change to the same shape gives the same shape: formatting each of
            # thousands of cells alone would search the shapes once per cell.
            for paragraph in others:
                paragraph.para_pr_id_ref = first.para_pr_id_ref
        return self.hwpx.to_bytes()

    def format(self, paragraph: HwpxOxmlParagraph, **settings: Any) -> None:
        key = (paragraph.para_pr_id_ref, *sorted(settings.items()))
        self.formats[key].append(paragraph)

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
            len(texts), width, char_pr_id_ref=self.runs["table"], pageBreak=self.breaks()
        )
        # A table that flows breaks between rows across pages and repeats its header row.
        grid.set_treat_as_char(False)
        grid.element.set("repeatHeader", "1")
        # Row by row: the table has no merged cells, and grid.cell() maps the whole grid each time.
        for row_index, (row, line) in enumerate(zip(grid.rows, texts, strict=True)):
            kind = table.kind(row_index - 1) if row_index else "header"
            for column, cell in enumerate(row.cells):
                cell.text = line[column] if column < len(line) else ""
                paragraph = cell.paragraphs[0]
                bold = kind in ("header", "total")
                paragraph.char_pr_id_ref = self.runs["table bold" if bold else "table"]
                if kind == "header":
                    cell.element.set("header", "1")
                    grid.set_cell_shading(row_index, column, HEADER_SHADE)
                    self.format(paragraph, alignment="CENTER")
                elif column in table.numeric_columns:
                    self.format(paragraph, alignment="RIGHT")
                elif kind == "sub" and column == 0:
                    self.format(paragraph, indent_left_mm=SUB_ROW_INDENT_MM)
        _fit_columns(grid, texts, width)

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


def _fit_columns(grid: HwpxOxmlTable, texts: list[list[str]], width: int) -> None:
    """Columns shared out by their longest text (a Korean letter counting twice), so labels
    get room and short numbers do not."""
    weights = [4] * width
    for line in texts:
        for column, text in enumerate(line[:width]):
            weights[column] = max(weights[column], min(_display_width(text), 30))
    grid.set_column_widths(weights)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


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
