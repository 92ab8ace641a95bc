"""Writing spreadsheets safely: a cell that a spreadsheet program would run as a formula is
written as text. Every XLSX and CSV that Dure produces passes its cells through here."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralised(value: Any) -> Any:
    """Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is quoted with
    an apostrophe; numbers, dates and other text pass unchanged. Every XLSX and CSV Dure writes
    goes through here (`append_row`, `export_rows`)."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def append_row(sheet: Any, values: Iterable[Any]) -> None:
    """`sheet.append` with every text cell neutralised."""
    sheet.append([neutralised(value) for value in values])
