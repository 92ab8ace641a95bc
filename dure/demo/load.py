"""What the load benchmark's staff sessions browse: one synthetic district center's staff, logged
in, reading its annual report, the records behind its figures, the registry search and the lists.

`bench_load` writes the plan as JSON for the load generator (`dure/demo/locustfile.py`), which
knows nothing of Django: only the paths, grouped by what a member of staff does, and the session
cookies of the accounts made here."""

from __future__ import annotations

import dataclasses
import random
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.db.models import Count
from django.test import Client
from django.urls import reverse

from dure.core.models import Center, FiscalYear, User
from dure.core.roles import Role
from dure.programs.models import Activity, Indicator
from dure.programs.national import PREFIX

USERNAME = "bench-load-{:02d}"
# Terms a member of staff types: products and kinds of enterprise, 1 to 7 syllables.
SEARCH_TERMS = (
    "도시락",
    "베이커리",
    "홈페이지",
    "사회적협동조합",
    "원두 커피",
    "빵",
    "떡",
    "돌봄",
    "카페",
)
# What one session does, and how often, relative to the others.
WEIGHTS = {"report": 2, "drill-down": 4, "indicator": 2, "search": 4, "list": 4}


@dataclasses.dataclass
class LoadPlan:
    center: str
    year: int
    records: int
    sessions: list[str]
    paths: dict[str, list[str]]
    weights: dict[str, int]

    def as_json(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def busiest_center(year: FiscalYear) -> tuple[Center, int]:
    """The synthetic district center with the most activity records in the year."""
    busiest = (
        Activity.objects.filter(
            center__code__startswith=f"{PREFIX}-",
            center__parent__isnull=False,
            date__gte=year.starts_on,
            date__lte=year.ends_on,
        )
        .values("center")
        .annotate(records=Count("pk"))
        .order_by("-records", "center")
        .first()
    )
    if busiest is None:
        raise ValueError("합성 전국 데이터가 없습니다: 먼저 generate_national을 실행하십시오.")
    return Center.objects.get(pk=busiest["center"]), busiest["records"]


def staff_sessions(center: Center, count: int) -> list[str]:
    """Session cookies of `count` program staff accounts of the center (made once, kept)."""
    cookies = []
    for n in range(1, count + 1):
        user, created = User.objects.get_or_create(
            username=USERNAME.format(n),
            defaults={"center": center, "role": Role.PROGRAM_STAFF},
        )
        if created or user.center_id != center.pk:
            user.center, user.role = center, Role.PROGRAM_STAFF
            user.set_unusable_password()
            user.save()
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies


def load_plan(year: int, sessions: int, seed: int = 1) -> LoadPlan:
    fiscal_year = FiscalYear.objects.filter(year=year).first()
    if fiscal_year is None:
        raise ValueError(f"{year}년 회계연도가 없습니다: 먼저 generate_national을 실행하십시오.")
    center, records = busiest_center(fiscal_year)
    indicators = list(
        Indicator.objects.filter(center=center, program__area__fiscal_year=fiscal_year)
        .exclude(metric_key="")
        .order_by("code")
        .values_list("pk", flat=True)
    )
    if not indicators:
        raise ValueError(f"{center.name}의 {year}년 지표가 없습니다.")
    rng = random.Random(seed)
    suffix = f"?year={year}"
    activities = reverse("programs:activity_list")
    enterprises = reverse("registry:enterprise_list")
    paths = {
        "report": [reverse("reports:annual_report") + suffix],
        "drill-down": [
            reverse("programs:indicator_records", args=[pk]) + (f"?page={page}" if page > 1 else "")
            for pk in indicators
            for page in (1, 2)
        ],
        "indicator": [reverse("programs:indicator_detail", args=[pk]) for pk in indicators],
        "search": [f"{enterprises}?{urlencode({'q': term})}" for term in SEARCH_TERMS],
        "list": [
            activities,
            *(f"{activities}?page={rng.randint(2, 20)}" for _ in range(3)),
            enterprises,
            f"{enterprises}?page={rng.randint(2, 50)}",
            reverse("programs:plan") + suffix,
        ],
    }
    return LoadPlan(
        center=f"{center.name} ({center.code})",
        year=year,
        records=records,
        sessions=staff_sessions(center, sessions),
        paths=paths,
        weights=dict(WEIGHTS),
    )
