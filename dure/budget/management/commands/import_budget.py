"""Import budget lines, transfers, expenditures or income from CSV (UTF-8, CP949) or XLSX."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from openpyxl import load_workbook

from dure.budget import imports
from dure.core.models import Center, FiscalYear, User

IMPORTERS: dict[str, Callable[..., imports.ImportResult]] = {
    "budget": imports.import_budget,
    "transfers": imports.import_transfers,
    "expenditures": imports.import_expenditures,
    "income": imports.import_income,
}


def read_rows(path: Path) -> list[imports.Row]:
    """(row number, {header: value}) pairs; the header is row 1."""
    if path.suffix.lower() == ".xlsx":
        sheet = load_workbook(path, read_only=True, data_only=True).worksheets[0]
        table = [list(row) for row in sheet.iter_rows(values_only=True)]
    else:
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp949")
        table = [list(row) for row in csv.reader(io.StringIO(text))]
    if not table:
        return []
    header = [str(cell).strip() if cell is not None else "" for cell in table[0]]
    rows: list[imports.Row] = []
    for number, cells in enumerate(table[1:], start=2):
        if all(cell in (None, "") for cell in cells):
            continue
        rows.append((number, dict(zip(header, cells, strict=False))))
    return rows


class Command(BaseCommand):
    help = (
        "예산(budget), 전용(transfers), 집행(expenditures), 수익·불인정·교부(income)를 "
        "CSV(UTF-8, CP949)나 XLSX에서 가져옵니다. "
        "문제가 하나라도 있으면 아무것도 저장하지 않습니다."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", choices=sorted(IMPORTERS))
        parser.add_argument("file")
        parser.add_argument("--center", required=True, help="센터 코드 (예: SEOUL-GANGDONG)")
        parser.add_argument("--year", type=int, required=True, help="회계연도")
        parser.add_argument("--user", help="기록한 사람·승인한 사람으로 남길 아이디")

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["file"])
        if not path.exists():
            raise CommandError(f"파일이 없습니다: {path}")
        center = Center.objects.filter(code=options["center"]).first()
        if center is None:
            raise CommandError(f"센터 코드 '{options['center']}'가 없습니다.")
        fiscal_year = FiscalYear.objects.filter(year=options["year"]).first()
        if fiscal_year is None:
            raise CommandError(f"{options['year']} 회계연도가 없습니다.")
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"사용자 '{options['user']}'가 없습니다.")
        rows = read_rows(path)
        self.stdout.write(f"{path.name}: {len(rows)}행을 검사합니다…")
        extra: dict[str, Any] = {}
        if options["kind"] == "transfers":
            extra["approved_by"] = user
        elif options["kind"] == "expenditures":
            extra["recorded_by"] = user
        try:
            result = IMPORTERS[options["kind"]](
                rows=rows,
                center=center,
                fiscal_year=fiscal_year,
                progress=self.stdout.write,
                **extra,
            )
        except imports.ImportProblems as error:
            for problem in error.problems:
                self.stderr.write(problem)
            raise CommandError(
                f"문제 {len(error.problems)}건이 있어 아무것도 저장하지 않았습니다."
            ) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"새로 저장 {result.created}행, 이미 있어 건너뜀 {result.unchanged}행"
            )
        )
