"""`python manage.py bench_edition` — the full 2017 demo edition built as PDF, XLSX and HWPX, as
the background build does it (the document computed from records, then written), timed, with
the PDF's page count. Loads the 2017 demo first when the database has no demo edition. Rewrites
the edition section of docs/BENCHMARKS.md."""

from __future__ import annotations

import io
import re
import resource
import statistics
import subprocess
import time
from pathlib import Path
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand

from dure.core import figure_cache
from dure.core.benchmarks import machine_line, write_section
from dure.demo.edition_2017 import TITLE
from dure.reports import charts, services
from dure.reports.models import ReportEdition

PDF_TARGET_SECONDS = 30


def _pages(content: bytes) -> int:
    """The PDF's page count, as poppler's pdfinfo reads it."""
    shown = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True)
    match = re.search(rb"Pages:\s+(\d+)", shown.stdout)
    return int(match.group(1)) if match else 0


class Command(BaseCommand):
    help = "2017 시연 보고서 판을 PDF·XLSX·HWPX로 만드는 시간을 재어 docs/BENCHMARKS.md에 씁니다."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--repeat", type=int, default=3, help="형식마다 잴 횟수 (기본 3)")
        parser.add_argument("--output", default="docs/BENCHMARKS.md")

    def handle(self, *args: Any, **options: Any) -> None:
        # Every build computes its figures: kept figure queries would time a warm build.
        with figure_cache.bypassed():
            self._measure(**options)

    def _measure(self, **options: Any) -> None:
        edition = ReportEdition.objects.filter(title=TITLE, fiscal_year__year=2017).first()
        if edition is None:
            self.stdout.write("2017 시연 자료를 불러옵니다")
            call_command("load_demo", "--quiet-login", stdout=io.StringIO())
            edition = ReportEdition.objects.get(title=TITLE, fiscal_year__year=2017)
        rows = []
        pages = 0
        for file_format in ("pdf", "xlsx", "hwpx"):
            times = []
            size = 0
            for _ in range(options["repeat"]):
                # Each build as a fresh worker makes it: no chart drawn before.
                charts.clear_cache()
                started = time.perf_counter()
                context, document = services.render(edition, links=False, png=file_format == "hwpx")
                content = services.write(document, context, file_format)
                times.append(time.perf_counter() - started)
                size = len(content)
                if file_format == "pdf":
                    pages = _pages(content)
            rows.append((file_format, statistics.median(times), max(times), size))
            self.stdout.write(f"{file_format}: {statistics.median(times):.1f} s")
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        self._write(options["output"], rows, pages, peak, options["repeat"], edition)

    def _write(
        self,
        output: str,
        rows: list[tuple[str, float, float, int]],
        pages: int,
        peak: float,
        repeat: int,
        edition: ReportEdition,
    ) -> None:
        blocks = edition.sections.count()
        lines = [
            "## 보고서 판 (report edition)",
            "",
            "```",
            "export DATABASE_URL=$(DURE_PG_DATABASE=dure_bench bash scripts/postgres.sh)",
            ".venv/bin/python manage.py bench_edition   # or: make bench",
            "```",
            "",
            f"2017 시연 판 「{edition.title}」(사업 {blocks}개, 주요실적 표·그래프, 세부 표, "
            f"기록 목록, 정산 보고): 기록에서 문서를 계산하고 파일로 쓰기까지, 형식마다 {repeat}회 "
            f"측정한 중앙값과 최댓값(매번 그래프를 새로 그림). PDF {pages}쪽.",
            "",
            machine_line(),
            "",
            "| 형식 | 중앙값 (s) | 최댓값 (s) | 크기 | 목표 | 판정 |",
            "|---|--:|--:|--:|---|---|",
        ]
        for file_format, median, worst, size in rows:
            goal, verdict = "", ""
            if file_format == "pdf":
                goal = f"≤ {PDF_TARGET_SECONDS} s"
                verdict = "충족" if worst <= PDF_TARGET_SECONDS else "미달"
            lines.append(
                f"| {file_format.upper()} | {median:.1f} | {worst:.1f} | "
                f"{size / 1024:,.0f} KB | {goal} | {verdict} |"
            )
        lines += [
            "",
            f"프로세스 최대 메모리(ru_maxrss) {peak:,.0f} MB. HWPX는 그래프를 PNG로도 그리므로 "
            "문서 계산이 더 걸립니다.",
        ]
        self.stdout.write(write_section(Path(output), "edition", lines))
