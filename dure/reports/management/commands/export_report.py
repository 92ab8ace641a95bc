"""`python manage.py export_report 2017 --center SEOUL --format json -o report.json`"""

from __future__ import annotations

import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dure.core.models import Center, FiscalYear
from dure.reports.report import build_report, report_as_json


class Command(BaseCommand):
    help = "한 센터의 연간 성과보고서를 JSON으로 내보냅니다(모든 수치는 기록에서 계산)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("year", type=int, help="회계연도 (예: 2017)")
        parser.add_argument("--center", default="SEOUL", help="센터 코드 (기본 SEOUL)")
        parser.add_argument("--format", default="json", choices=["json"], help="형식")
        parser.add_argument("-o", "--output", help="저장할 파일 (없으면 화면에 출력)")
        parser.add_argument("--rollup", action="store_true", help="소속 자치구 센터까지 합산")

    def handle(self, *args: Any, **options: Any) -> None:
        center = Center.objects.filter(code=options["center"]).first()
        if center is None:
            raise CommandError(f"센터 코드 {options['center']}이(가) 없습니다.")
        fiscal_year = FiscalYear.objects.filter(year=options["year"]).first()
        if fiscal_year is None:
            raise CommandError(f"{options['year']}년 회계연도가 없습니다.")
        report = build_report(center, fiscal_year, roll_up=options["rollup"])
        text = json.dumps(report_as_json(report), ensure_ascii=False, indent=2)
        if options["output"]:
            with open(options["output"], "w", encoding="utf-8") as handle:
                handle.write(text + "\n")
            count = sum(len(p.results) for p in report.programs)
            self.stderr.write(
                f"사업 {len(report.programs)}개, 지표 {count}개 → {options['output']}"
            )
        else:
            sys.stdout.write(text + "\n")
