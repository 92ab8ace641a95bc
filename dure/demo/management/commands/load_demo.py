"""Load the 2017 demo: users for every role and the seed report's records."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import transaction
from django.db.models import Count

from dure.core.models import Center, User
from dure.core.roles import Role
from dure.core.services import create_user, ensure_fiscal_year
from dure.demo import budget_2017 as budget_demo
from dure.demo import edition_2017 as edition_demo
from dure.demo import programs_2017 as programs_demo
from dure.demo import registry_2017 as registry_demo
from dure.demo import support_2016 as support_demo
from dure.registry.models import Enterprise, Expert, Membership

SEED_DIR = Path(__file__).resolve().parents[2] / "seed2017"
DEMO_PASSWORD = "dure-2017!"
DEMO_USERS = (
    ("admin", "시연 관리자", "SEOUL", Role.CENTER_ADMIN),
    ("staff", "시연 담당자", "SEOUL", Role.PROGRAM_STAFF),
    ("gangdong", "강동구 시연 담당자", "SEOUL-GANGDONG", Role.DISTRICT_STAFF),
    ("gangdong-admin", "강동구 시연 관리자", "SEOUL-GANGDONG", Role.CENTER_ADMIN),
    ("expert", "시연 컨설턴트", "SEOUL", Role.EXPERT),
    ("member", "시연 기업회원", "SEOUL", Role.MEMBER),
    ("funder", "서울시 시연 담당관", "SEOUL", Role.FUNDER),
    ("auditor", "시연 감사인", "SEOUL", Role.AUDITOR),
)


class Command(BaseCommand):
    help = "2017년 시연 데이터(사용자, 기업 …)를 불러옵니다. 여러 번 실행해도 같은 결과입니다."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--quiet-login", action="store_true", help="로그인 안내를 생략합니다.")

    @transaction.atomic
    def handle(self, *args: Any, **options: Any) -> None:
        fiscal_year = ensure_fiscal_year(year=2017)
        metropolitan = Center.objects.get(code="SEOUL")
        self.stdout.write("[1/5] 사용자")
        for username, name, center_code, role in DEMO_USERS:
            if not User.objects.filter(username=username).exists():
                create_user(
                    username=username,
                    password=DEMO_PASSWORD,
                    center=Center.objects.get(code=center_code),
                    role=role,
                    display_name=name,
                )
        self.stdout.write("[2/5] 명부: 기업, 기관, 협력기관, 전문가")
        registry_demo.load_registry(seed_dir=SEED_DIR, progress=self.stdout.write)
        self.stdout.write("[3/5] 2017년 사업·성과지표·활동 기록")
        programs_demo.load_2017(seed_dir=SEED_DIR, progress=self.stdout.write)
        first = Enterprise.objects.filter(center=metropolitan).order_by("name").first()
        if first is not None:
            Membership.objects.get_or_create(
                user=User.objects.get(username="member"), defaults={"enterprise": first}
            )
        support_demo.load_2016_cohort(center=metropolitan, progress=self.stdout.write)
        self._link_demo_expert(metropolitan)
        self.stdout.write("[4/5] 예산·정산")
        budget_demo.load_settlement(
            seed_dir=SEED_DIR,
            center=metropolitan,
            fiscal_year=fiscal_year,
            progress=self.stdout.write,
        )
        self.stdout.write("[5/5] 2017 성과보고서 판")
        edition_demo.load_edition(
            center=metropolitan, fiscal_year=fiscal_year, progress=self.stdout.write
        )
        if not options["quiet_login"]:
            self.stdout.write(
                "\n시연 로그인: 아이디 admin / 비밀번호 "
                f"{DEMO_PASSWORD}  (다른 역할: staff, gangdong, gangdong-admin, expert, member,"
                " funder, auditor;"
                " 비밀번호 같음)"
            )

    def _link_demo_expert(self, metropolitan: Center) -> None:
        """The demo expert's login is the pool expert with the most 2017 engagements."""
        account = User.objects.get(username="expert")
        if Expert.objects.filter(user=account).exists():
            return
        busiest = (
            Expert.objects.filter(center=metropolitan, user=None)
            .annotate(cases=Count("engagements"))
            .filter(cases__gt=0)
            .order_by("-cases", "name", "pk")
            .first()
        )
        if busiest is not None:
            busiest.user = account
            busiest.save(update_fields=["user"])
