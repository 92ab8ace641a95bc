"""A report `Document` as an XLSX workbook: a 목차 sheet, then one sheet per table.

A cell holding one figure is written as a number whose number format prints it as the report
does (thousands separators, its decimals, its unit), so the workbook can be summed and charted;
every other cell is text, neutralised against formula injection."""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.cell.cell import Cell as SheetCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.worksheet import Worksheet

from dure.core.spreadsheets import neutralised
from dure.reports.document import Cell, Document, Figure, Table

INDEX_SHEET = "목차"
SHEET_NAME_LIMIT = 31
# Title, unit line, header: the data starts on the row below.
HEADER_ROW = 3
HEADER_FILL = PatternFill("solid", fgColor="E8EEF6")
LINK_COLOR = "2F6FB3"
_THIN = Side(style="thin", color="A6A6A6")
GRID = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
# Excel refuses []:*?/\ in a sheet name; an apostrophe would need quoting in every link.
_NOT_IN_SHEET_NAME = re.compile(r"[\[\]:*?/\\']")


def document_xlsx(document: Document) -> bytes:
    """The workbook: 목차 (sheet, title and unit of every table, linked), then a sheet per table."""
    book = Workbook()
    index = book.active
    assert index is not None
    index.title = INDEX_SHEET
    names = sheet_names(document.tables)
    _write_index(index, document, names)
    for table, name in zip(document.tables, names, strict=True):
        _write_table(book.create_sheet(name), table)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def number_format(figure: Figure) -> str:
    """The number format printing the figure as `Figure.text` does: `#,##0"건"`, `#,##0.0"%"`;
    money below zero with △, as in the report."""
    places = figure.places
    if places == 0 and figure.value is not None:
        value = Decimal(figure.value)
        if value != value.to_integral_value():
            places = 1 if figure.is_percent else 2
    number = "#,##0" + ("." + "0" * places if places else "")
    unit = figure.unit.replace('"', "")
    shown = f'{number}"{unit}"' if unit else number
    return f"{shown};△{shown}" if unit.endswith("원") else shown


def sheet_names(tables: Sequence[Table]) -> list[str]:
    """A sheet name per table from its title: at most 31 characters, none of []:*?/\\ or ',
    unique regardless of case, never 목차."""
    taken = {INDEX_SHEET.casefold()}
    names = []
    for number, table in enumerate(tables, start=1):
        base = " ".join(_NOT_IN_SHEET_NAME.sub(" ", table.title).split())
        base = base[:SHEET_NAME_LIMIT].strip() or f"표 {number}"
        name, copy = base, 1
        while name.casefold() in taken:
            copy += 1
            suffix = f" ({copy})"
            name = base[: SHEET_NAME_LIMIT - len(suffix)].rstrip() + suffix
        taken.add(name.casefold())
        names.append(name)
    return names


def _write_index(sheet: Worksheet, document: Document, names: list[str]) -> None:
    sheet.append([_text(document.dated_title)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([_text(document.center_name)])
    header = ["시트", "표", "단위"]
    sheet.append(header)
    _style_header(sheet[HEADER_ROW])
    shown = [header]
    for table, name in zip(document.tables, names, strict=True):
        line = [name, table.title, table.unit_line()]
        sheet.append([_text(text) for text in line])
        link = sheet.cell(row=sheet.max_row, column=1)
        link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{name}'!A1")
        link.font = Font(color=LINK_COLOR, underline="single")
        shown.append(line)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    _fit_columns(sheet, shown)


def _write_table(sheet: Worksheet, table: Table) -> None:
    sheet.append([_text(table.title)])
    sheet["A1"].font = Font(bold=True, size=12)
    sheet.append([_text(table.unit_line())])
    sheet.append([_text(column) for column in table.columns])
    _style_header(sheet[HEADER_ROW])
    for index, row in enumerate(table.rows):
        sheet.append([_value(cell) for cell in row])
        kind = table.kind(index)
        for column, cell in enumerate(row):
            target = sheet.cell(row=sheet.max_row, column=column + 1)
            target.border = GRID
            if cell.is_number:
                target.number_format = number_format(cell.figures[0])
            if cell.is_number or column in table.numeric_columns:
                target.alignment = Alignment(horizontal="right")
            elif kind == "sub" and column == 0:
                target.alignment = Alignment(indent=2)
            if kind == "total":
                target.font = Font(bold=True)
    sheet.freeze_panes = sheet.cell(row=HEADER_ROW + 1, column=1)
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    _fit_columns(sheet, [table.columns, *[[cell.text() for cell in row] for row in table.rows]])


def _value(cell: Cell) -> int | float | str | None:
    """One figure: its number ('-' when it has none, as the report prints it); else the text."""
    if not cell.is_number:
        return _text(cell.text())
    value = cell.figures[0].value
    if value is None:
        return "-"
    number = Decimal(value)
    return int(number) if number == number.to_integral_value() else float(number)


def _text(text: str) -> str | None:
    """Text as written to a cell: neutralised against formulas; none for ""."""
    return neutralised(text) or None


def _style_header(cells: tuple[SheetCell, ...]) -> None:
    for cell in cells:
        cell.font = Font(bold=True)
        cell.fill = HEADER_FILL
        cell.border = GRID
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)


def _fit_columns(sheet: Worksheet, rows: Sequence[Sequence[str]]) -> None:
    """Each column as wide as its longest text as the report prints it (a Korean letter counts
    twice), between 8 and 50 characters; the title rows above may run over."""
    widths: dict[int, int] = {}
    for row in rows:
        for column, text in enumerate(row, start=1):
            widths[column] = max(widths.get(column, 0), _display_width(text))
    for column, width in widths.items():
        letter = sheet.cell(row=HEADER_ROW, column=column).column_letter
        sheet.column_dimensions[letter].width = min(max(width + 2, 8), 50)


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)
