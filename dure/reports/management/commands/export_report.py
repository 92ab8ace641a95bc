"""`python manage.py export_report 2017 --center SEOUL --format pdf -o report.pdf`

json: the machine-readable report (every indicator, computed from records). pdf, xlsx, hwpx:
the year's report edition — the filed file of the latest frozen edition as it was filed, or
else the latest draft rendered from the records now."""

from __future__ import annotations

import json
import os
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dure.core.models import Center, FiscalYear
from dure.reports import services
from dure.reports.models import EditionFile, ReportEdition
from dure.reports.report import build_report, report_as_json

FORMATS = ["json", "pdf", "xlsx", "hwpx"]


class Command(BaseCommand):
    help = (
        "한 센터의 연간 성과보고서를 JSON, PDF, XLSX, HWPX로 내보냅니다(모든 수치는 기록에서 계산)."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("year", type=int, help="회계연도 (예: 2017)")
        parser.add_argument("--center", default="SEOUL", help="센터 코드 (기본 SEOUL)")
        parser.add_argument("--format", default="json", choices=FORMATS, help="형식")
        parser.add_argument("-o", "--output", help="저장할 파일 (JSON만 생략하면 화면에 출력)")
        parser.add_argument("--rollup", action="store_true", help="소속 자치구 센터까지 합산(JSON)")
        parser.add_argument(
            "--edition", type=int, help="보고서 판 번호 (기본: 최근 확정본, 없으면 최근 판)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        center = Center.objects.filter(code=options["center"]).first()
        if center is None:
            raise CommandError(f"센터 코드 {options['center']}이(가) 없습니다.")
        fiscal_year = FiscalYear.objects.filter(year=options["year"]).first()
        if fiscal_year is None:
            raise CommandError(f"{options['year']}년 회계연도가 없습니다.")
        file_format = options["format"]
        output = options["output"]
        if file_format == "json" and options["edition"] is None:
            report = build_report(center, fiscal_year, roll_up=options["rollup"])
            text = json.dumps(report_as_json(report), ensure_ascii=False, indent=2) + "\n"
            if output:
                _write_whole(output, text.encode("utf-8"))
                count = sum(len(p.results) for p in report.programs)
                self.stderr.write(f"사업 {len(report.programs)}개, 지표 {count}개 → {output}")
            else:
                sys.stdout.write(text)
            return
        if not output:
            raise CommandError(f"{file_format.upper()}는 -o 파일 이름이 필요합니다.")
        edition = self._edition(center, fiscal_year, options["edition"])
        content = self._content(edition, file_format)
        _write_whole(output, content)
        state = "확정본" if edition.is_frozen else "작성 중인 판(지금 기록으로 계산)"
        self.stderr.write(f"「{edition.title}」 {state} → {output} ({len(content):,}바이트)")

    def _edition(
        self, center: Center, fiscal_year: FiscalYear, number: int | None
    ) -> ReportEdition:
        editions = ReportEdition.objects.filter(center=center, fiscal_year=fiscal_year)
        if number is not None:
            edition = editions.filter(pk=number).first()
            if edition is None:
                raise CommandError(
                    f"{fiscal_year.year}년 {center.code}에 {number}번 판이 없습니다."
                )
            return edition
        edition = (
            editions.filter(status="frozen").order_by("-frozen_at").first()
            or editions.order_by("-updated_at").first()
        )
        if edition is None:
            raise CommandError(
                f"{fiscal_year.year}년 {center.name}에는 보고서 판이 없습니다. "
                "‘보고서 판’ 화면에서 판을 만든 뒤 내보내세요."
            )
        return edition

    def _content(self, edition: ReportEdition, file_format: str) -> bytes:
        if edition.is_frozen:
            kept = EditionFile.objects.filter(
                edition=edition, format=file_format, frozen=True
            ).first()
            if kept is not None:
                return bytes(kept.content)

        def progress(percent: int, step: str) -> None:
            self.stderr.write(f"  {percent:3d}% {step}")

        context, document = services.render(
            edition, links=False, png=file_format == "hwpx", progress=progress
        )
        self.stderr.write(f"  {file_format.upper()} 쓰는 중")
        return services.write(document, context, file_format, frozen=edition.is_frozen)


def _write_whole(path: str, content: bytes) -> None:
    """Write the file beside its place, then move it there: a run stopped midway leaves the
    earlier file (or none), never half of one."""
    partial = f"{path}.part"
    with open(partial, "wb") as handle:
        handle.write(content)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(partial, path)
