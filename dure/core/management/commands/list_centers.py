from typing import Any

from django.core.management.base import BaseCommand

from dure.core.models import Center


class Command(BaseCommand):
    help = "센터 목록을 'CODE<TAB>센터명' 한 줄씩 출력합니다."

    def handle(self, *args: Any, **options: Any) -> None:
        for center in Center.objects.order_by("administrative_code"):
            self.stdout.write(f"{center.code}\t{center.name}")
