"""The settlement statements as XLSX (openpyxl) and PDF (WeasyPrint), in a chosen money unit."""

from __future__ import annotations

import io
from decimal import Decimal

from django.template.loader import render_to_string
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from dure.budget.statements import (
    DETAIL_COLUMNS,
    REPORT_COLUMNS,
    SUMMARY_ROWS,
    Settlement,
)
from dure.core.formatting import MoneyUnit, format_date
from dure.core.spreadsheets import append_row

MONEY_FORMAT = "#,##0;△#,##0"
BOLD_LEVELS = {"total", "fund", "chapter", "group"}


def _amount(won: int, unit: MoneyUnit) -> int | Decimal:
    if unit.divisor == 1:
        return won
    return Decimal(won) / unit.divisor


def _sheet_head(sheet: Worksheet, title: str, settlement: Settlement, unit: MoneyUnit) -> None:
    append_row(sheet, [f"{settlement.fiscal_year.year}년 {title}"])
    sheet["A1"].font = Font(bold=True, size=14)
    append_row(sheet, [f"{settlement.center.name} · (단위: {unit.label})"])


def _money_cells(sheet: Worksheet, first_column: int) -> None:
    for row in sheet.iter_rows(min_row=4, min_col=first_column):
        for cell in row:
            if isinstance(cell.value, int | Decimal):
                cell.number_format = MONEY_FORMAT
                cell.alignment = Alignment(horizontal="right")


def settlement_xlsx(settlement: Settlement, unit: MoneyUnit) -> bytes:
    """Three sheets: 정산총괄표, 정산보고서, 사업비 세부집행내역서."""
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = "정산총괄표"
    _sheet_head(summary, "정산총괄표", settlement, unit)
    append_row(summary, ["구분", *[label for _, label, _ in settlement.funds], "합계"])
    for label, attribute, _ in SUMMARY_ROWS:
        values = [getattr(figures, attribute) for _, _, figures in settlement.funds]
        append_row(
            summary, [label, *[_amount(v, unit) for v in values], _amount(sum(values), unit)]
        )
    _money_cells(summary, 2)

    report = book.create_sheet("정산보고서")
    _sheet_head(report, "정산보고서", settlement, unit)
    append_row(report, ["구분", *[label for label, _, _ in REPORT_COLUMNS]])
    for row in settlement.report_rows:
        append_row(
            report,
            [row.label]
            + [_amount(getattr(row.figures, attr), unit) for _, attr, _ in REPORT_COLUMNS],
        )
        if row.level in BOLD_LEVELS:
            for cell in report[report.max_row]:
                cell.font = Font(bold=True)
    _money_cells(report, 2)

    detail = book.create_sheet("세부집행내역서")
    _sheet_head(detail, "사업비 세부집행내역서", settlement, unit)
    append_row(
        detail, ["관", "항", "목", "세부계정과목", *[c for c, _, _ in DETAIL_COLUMNS], "집행률(%)"]
    )
    for row in settlement.detail_rows:
        pct = row.figures.execution_pct
        append_row(
            detail,
            [row.chapter, row.section, row.item, row.label]
            + [_amount(getattr(row.figures, attr), unit) for _, attr, _ in DETAIL_COLUMNS]
            + [float(pct) if pct is not None else None],
        )
        if row.level in BOLD_LEVELS:
            for cell in detail[detail.max_row]:
                cell.font = Font(bold=True)
    _money_cells(detail, 5)
    for cell in detail["G"][3:]:
        cell.number_format = "0.0"
    _adjustments_sheet(book, settlement)
    for sheet in book.worksheets:
        _widths(sheet)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _widths(sheet: Worksheet) -> None:
    """Wide enough for 5,117,293,710 and the longest Korean label, so no cell shows ####."""
    for column in sheet.iter_cols(min_row=3):
        letter = column[0].column_letter
        longest = max(
            (len(str(cell.value)) for cell in column if cell.value is not None), default=4
        )
        if any(isinstance(cell.value, str) for cell in column[1:]):
            sheet.column_dimensions[letter].width = min(max(longest * 2 + 2, 10), 40)
        else:
            sheet.column_dimensions[letter].width = max(longest + 6, 10)


def _adjustments_sheet(book: Workbook, settlement: Settlement) -> None:
    """정산 조정: corrections of this (settled) year recorded later, and those recorded in it."""
    later, earlier = settlement.later_adjustments, settlement.adjustments_of_earlier_years
    if not later and not earlier:
        return
    sheet = book.create_sheet("정산 조정")
    _sheet_head(sheet, "정산 조정", settlement, MoneyUnit.WON)
    append_row(
        sheet,
        [
            "조정 대상 연도",
            "기록 연도",
            "조정일",
            "구분",
            "대상 과목",
            "조정액",
            "반환대상액 증감",
            "사유",
        ],
    )
    for adjustment in [*later, *earlier]:
        append_row(
            sheet,
            [
                adjustment.adjusted_year.year,
                adjustment.fiscal_year.year,
                format_date(adjustment.adjusted_on),
                adjustment.get_kind_display(),
                str(adjustment.line or ""),
                adjustment.amount_won,
                adjustment.refund_effect_won,
                adjustment.reason,
            ],
        )
    if later:
        append_row(sheet, ["마감 때 반환대상액", "", "", "", "", "", settlement.total.refund_won])
        append_row(
            sheet, ["조정 후 반환대상액", "", "", "", "", "", settlement.adjusted_refund_won]
        )
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
    for row in sheet.iter_rows(min_row=4, min_col=6, max_col=7):
        for cell in row:
            cell.number_format = MONEY_FORMAT


def settlement_pdf(settlement: Settlement, unit: MoneyUnit) -> bytes:
    """The three statements on A4 landscape pages, set in Noto Sans CJK KR."""
    from weasyprint import HTML

    html = render_to_string(
        "budget/settlement_pdf.html",
        {
            "settlement": settlement,
            "unit": unit.label,
            "summary_rows": SUMMARY_ROWS,
            "report_columns": REPORT_COLUMNS,
            "detail_columns": DETAIL_COLUMNS,
        },
    )
    return HTML(string=html).write_pdf()
