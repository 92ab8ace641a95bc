"""Write a center's settlement statements for a year as JSON, XLSX or PDF."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dure.budget import exports
from dure.budget.statements import build_settlement, settlement_json
from dure.core.formatting import MoneyUnit
from dure.core.models import Center, FiscalYear


class Command(BaseCommand):
    help = "정산총괄표·정산보고서·사업비 세부집행내역서를 JSON, XLSX, PDF로 내보냅니다."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("year", type=int, help="회계연도 (예: 2017)")
        parser.add_argument("--center", required=True, help="센터 코드 (예: SEOUL)")
        parser.add_argument("--format", choices=["json", "xlsx", "pdf"], default="json")
        parser.add_argument(
            "--unit", choices=["원", "천원"], default="원", help="XLSX·PDF 금액 단위"
        )
        parser.add_argument("-o", "--output", required=True, help="쓸 파일 경로")

    def handle(self, *args: Any, **options: Any) -> None:
        center = Center.objects.filter(code=options["center"]).first()
        if center is None:
            raise CommandError(f"센터 코드 '{options['center']}'가 없습니다.")
        fiscal_year = FiscalYear.objects.filter(year=options["year"]).first()
        if fiscal_year is None:
            raise CommandError(f"{options['year']} 회계연도가 없습니다.")
        self.stdout.write(f"{fiscal_year.year}년 {center.name} 정산서를 계산합니다…")
        settlement = build_settlement(center=center, fiscal_year=fiscal_year)
        unit = MoneyUnit.from_label(options["unit"])
        output = Path(options["output"])
        if options["format"] == "json":
            text = json.dumps(settlement_json(settlement), ensure_ascii=False, indent=2)
            output.write_text(text + "\n", encoding="utf-8")
        elif options["format"] == "xlsx":
            output.write_bytes(exports.settlement_xlsx(settlement, unit))
        else:
            output.write_bytes(exports.settlement_pdf(settlement, unit))
        self.stdout.write(f"{output}에 썼습니다.")
