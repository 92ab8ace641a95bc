from typing import Any

from django.core.management.base import BaseCommand

from dure.core.services import purge_expired_access_log


class Command(BaseCommand):
    help = "보관기간(기본 2년)이 지난 개인정보 접근기록을 지웁니다."

    def handle(self, *args: Any, **options: Any) -> None:
        deleted = purge_expired_access_log()
        self.stdout.write(f"보관기간이 지난 접근기록 {deleted}건을 지웠습니다.")
