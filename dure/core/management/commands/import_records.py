"""`python manage.py import_records KIND FILE [--center CODE] [--dry-run]`: every kind an app
registers with dure.core.imports.register_importer. References in the file (enterprises,
institutions, programs, budget lines …) resolve only among the rows in the center's reach (its own,
and a metropolitan center's districts'), and with --user only among those the user sees."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dure.core.imports import ImportRejected, get_importer, registered_importers, run_import
from dure.core.models import Center, User


class Command(BaseCommand):
    help = (
        "CSV(UTF-8, CP949/EUC-KR) 또는 XLSX 파일의 기록을 불러옵니다. 문제가 하나라도 있으면 "
        "'N행 [열이름]: 사유'를 모두 보여 주고 아무것도 저장하지 않습니다."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("kind", help="종류: " + ", ".join(registered_importers()))
        parser.add_argument("file", help="CSV 또는 XLSX 파일")
        parser.add_argument("--center", default="SEOUL", help="기록이 속할 센터 코드")
        parser.add_argument("--year", type=int, help="회계연도 (계획·예산 같은 연도별 기록)")
        parser.add_argument("--user", help="기록한 사람으로 남길 아이디")
        parser.add_argument("--dry-run", action="store_true", help="검사만 하고 저장하지 않습니다.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            importer_class = get_importer(options["kind"])
        except KeyError as error:
            raise CommandError(error.args[0]) from error
        center = Center.objects.filter(code=options["center"]).first()
        if center is None:
            raise CommandError(f"센터 코드가 없습니다: {options['center']}")
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"파일이 없습니다: {path}")
        if importer_class.needs_year and not options["year"]:
            raise CommandError(
                f"{importer_class.label} 불러오기에는 --year(회계연도)가 필요합니다."
            )
        user = None
        if options["user"]:
            user = User.objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"사용자 아이디가 없습니다: {options['user']}")
            # The file's references resolve among what this user sees in the center's reach,
            # so the user must work at the center or at its metropolitan center.
            if user.center_id is None or user.center_id not in (center.pk, center.parent_id):
                raise CommandError(
                    f"{user.username}은(는) {center.code} 센터의 기록을 불러올 수 없습니다."
                )
        importer = importer_class(center=center, user=user, year=options["year"])
        try:
            result = run_import(importer, path.read_bytes(), path.name, dry_run=options["dry_run"])
        except ImportRejected as rejected:
            for problem in rejected.errors:
                self.stderr.write(str(problem))
            self.stderr.write(f"문제 {len(rejected.errors)}건: 아무것도 저장하지 않았습니다.")
            raise SystemExit(1) from rejected
        self.stdout.write(result.summary())
