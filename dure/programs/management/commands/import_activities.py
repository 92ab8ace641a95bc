"""`python manage.py import_activities FILE --center CODE [--dry-run]`"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dure.core.models import Center
from dure.programs.imports import ImportRejected, import_activities, read_table


class Command(BaseCommand):
    help = "활동 기록(일자, 사업명, 활동유형, 사업자등록번호, 기관명 …)을 불러옵니다."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", help="CSV(UTF-8/CP949) 또는 XLSX 파일")
        parser.add_argument("--center", required=True, help="센터 코드 (예: SEOUL)")
        parser.add_argument("--dry-run", action="store_true", help="검사만 하고 저장하지 않습니다")

    def handle(self, *args: Any, **options: Any) -> None:
        center = Center.objects.filter(code=options["center"]).first()
        if center is None:
            raise CommandError(f"센터 코드 {options['center']}이(가) 없습니다.")
        try:
            rows = read_table(options["file"])
            result = import_activities(rows, center=center, dry_run=options["dry_run"])
        except ImportRejected as rejected:
            for line in rejected.problems:
                self.stderr.write(line)
            self.stderr.write(f"문제 {len(rejected.problems)}건 — 아무것도 저장하지 않았습니다.")
            raise SystemExit(1) from None
        except FileNotFoundError:
            raise CommandError(f"파일이 없습니다: {options['file']}") from None
        self.stdout.write(f"활동 기록: {result.summary()}")
