"""`manage.py generate_national --enterprises 50000 --centers 250 --records 2000000 --seed 1`"""

from __future__ import annotations

import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from dure.programs.national import checksum, generate_national


class Command(BaseCommand):
    help = (
        "벤치마크용 합성 전국 데이터(센터, 기업, 사업·지표, 활동 기록)를 같은 시드면 같게 만듭니다."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--enterprises", type=int, default=50_000)
        parser.add_argument("--centers", type=int, default=250)
        parser.add_argument("--records", type=int, default=2_000_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--year", type=int, default=2024)
        parser.add_argument("--checksum", action="store_true", help="만든 기록의 요약값 출력")

    def handle(self, *args: Any, **options: Any) -> None:
        started = time.perf_counter()
        try:
            result = generate_national(
                enterprises=options["enterprises"],
                centers=options["centers"],
                records=options["records"],
                seed=options["seed"],
                year=options["year"],
                progress=self.stdout.write,
            )
        except ValueError as error:
            raise CommandError(str(error)) from None
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"센터 {result.centers}곳, 기업 {result.enterprises:,}곳, "
            f"지표 {result.indicators:,}개, 활동 기록 {result.records:,}건 ({seconds:.1f}초)"
        )
        if options["checksum"]:
            self.stdout.write(f"요약값 {checksum()}")
