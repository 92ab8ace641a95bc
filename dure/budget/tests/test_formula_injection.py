"""Text that a spreadsheet would run as a formula arrives as text in every XLSX and CSV: the
settlement workbook, the list exports and the statistics workbook."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from dure.budget import exports
from dure.budget.statements import build_settlement
from dure.budget.tests.factories import funded_line
from dure.core.formatting import MoneyUnit
from dure.core.spreadsheets import neutralised

HOSTILE = ['=HYPERLINK("http://evil","x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]


@pytest.mark.parametrize("text", HOSTILE)
def test_formula_text_is_quoted_and_plain_values_pass(text):
    assert neutralised(text) == "'" + text
    assert neutralised("용역비") == "용역비"
    assert neutralised(-1200) == -1200


@pytest.mark.django_db
def test_an_account_title_starting_with_equals_is_text_in_the_settlement_workbook():
    line = funded_line(initial_won=1_000_000, account_title='=HYPERLINK("http://evil")')
    settlement = build_settlement(center=line.center, fiscal_year=line.fiscal_year)
    book = load_workbook(io.BytesIO(exports.settlement_xlsx(settlement, MoneyUnit.WON)))
    cells = [
        cell
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if isinstance(cell.value, str) and "HYPERLINK" in cell.value
    ]
    assert cells, "the account title is in the workbook"
    for cell in cells:
        assert cell.data_type == "s" and cell.value.startswith("'="), (cell.coordinate, cell.value)
