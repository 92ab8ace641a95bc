"""`python manage.py check_tables DIR`: the consistency check of a legacy report's tables."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dure.reports.legacy import check_directory


class Command(BaseCommand):
    help = (
        "옛 성과보고서의 표(CSV, XLSX)를 검사합니다: 달성률·집행률, 합계, 두 곳에 다르게 찍힌 수치,"
        " 제목의 건수와 나열된 행, 정산 항등식, 잘못 쓴 수. 발견이 있으면 종료 코드 1."
    )
    requires_system_checks: list[str] = []  # files only: no database, no checks that need one

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("directory", help="표 파일이 있는 폴더 (INDEX.md가 있으면 제목을 읽음)")

    def handle(self, *args: Any, **options: Any) -> None:
        directory = Path(options["directory"])
        if not directory.is_dir():
            raise CommandError(f"폴더가 없습니다: {directory}", returncode=2)
        findings, skipped = check_directory(directory)
        for finding in findings:
            self.stdout.write(str(finding))
        for line in skipped:
            self.stdout.write(f"건너뜀 {line}")
        files = len({finding.file for finding in findings})
        self.stdout.write(
            f"발견 {len(findings)}건 (표 {files}개에서), 건너뜀 {len(skipped)}개: {directory}"
        )
        if findings:
            raise SystemExit(1)
