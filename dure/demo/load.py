"""What the load benchmark's staff sessions browse: one synthetic district center's staff, logged
in, reading its annual report, the records behind its figures, the registry search and the lists.

`bench_load` writes the plan as JSON for the load generator (`dure/demo/locustfile.py`), which
knows nothing of Django: only the paths, grouped by what a member of staff does, and the session
cookies of the accounts made here."""

from __future__ import annotations

import dataclasses
import itertools
import random
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models import Count, Max, Min
from django.test import Client
from django.urls import reverse

from dure.core.models import Center, FiscalYear, User
from dure.core.roles import Role
from dure.programs import services
from dure.programs.models import Activity, Indicator
from dure.programs.national import PREFIX
from dure.registry.models import Enterprise

USERNAME = "bench-load-{:02d}"
# What one session does, and how often, relative to the others.
WEIGHTS = {"report": 2, "drill-down": 4, "indicator": 2, "search": 4, "list": 4}
# The hours in which staff record: 250 working days of 8 hours.
WORKING_SECONDS = 250 * 8 * 3600


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
        user, _ = User.objects.get_or_create(
            username=USERNAME.format(n),
            defaults={"center": center, "role": Role.PROGRAM_STAFF},
        )
        # Whatever the account was before, it is now the center's program staff, with no
        # password anyone could log in with.
        user.center, user.role = center, Role.PROGRAM_STAFF
        user.set_unusable_password()
        user.save()
        client = Client()
        client.force_login(user)
        cookies.append(client.cookies[settings.SESSION_COOKIE_NAME].value)
    return cookies


def search_terms(center: Center, rng: random.Random) -> list[str]:
    """What staff type to find their enterprises, taken from the center's own registry rows so
    that every search finds something: whole names, the start of a name (a few matches), the
    common word of the synthetic names (every one), and a two-syllable piece of it."""
    names = sorted(Enterprise.objects.filter(center=center).values_list("name", flat=True))
    if not names:
        raise ValueError(f"{center.name}에 기업이 없습니다: 먼저 generate_national을 실행하십시오.")
    chosen = rng.sample(names, min(3, len(names)))
    return [*chosen, *(name[:-2] for name in chosen), "합성기업", "합성"]


def ensure_scratch_database() -> None:
    """The bench makes logged-in accounts and loads the server: refuse a database where people
    work (any account outside the synthetic centers, other than the benches' own)."""
    people = User.objects.exclude(center__code__startswith=f"{PREFIX}-").exclude(
        username__startswith="bench-"
    )
    if people.exists():
        raise ValueError(
            "이 데이터베이스에는 합성 센터 밖의 사용자가 있습니다: 부하 벤치는 벤치 전용 "
            "데이터베이스(make bench의 dure_bench)에서만 돌립니다."
        )


def end_sessions(plan: LoadPlan) -> int:
    """Remove the bench's sessions once it has run."""
    return Session.objects.filter(session_key__in=plan.sessions).delete()[0]


def load_plan(year: int, sessions: int, seed: int = 1) -> LoadPlan:
    ensure_scratch_database()
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
        "search": [f"{enterprises}?{urlencode({'q': term})}" for term in search_terms(center, rng)],
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


def write_interval(year: int) -> float:
    """Seconds between two activity records if the year's records of every center in the
    database had been written evenly over the year's working hours."""
    fiscal_year = FiscalYear.objects.get(year=year)
    records = Activity.objects.filter(
        date__gte=fiscal_year.starts_on, date__lte=fiscal_year.ends_on
    ).count()
    return WORKING_SECONDS / max(records, 1)


@contextmanager
def recording(year: int, interval: float, seed: int = 1) -> Iterator[list[int]]:
    """Meanwhile, staff everywhere record: every `interval` seconds one activity, a copy of a
    random record of the year (its center, program, kind, date, headcount and enterprises),
    through the same service the form uses. What was recorded is removed afterwards."""
    ensure_scratch_database()
    fiscal_year = FiscalYear.objects.get(year=year)
    bounds = Activity.objects.aggregate(low=Min("pk"), high=Max("pk"))
    rng = random.Random(seed)
    picks = [rng.randint(bounds["low"], bounds["high"]) for _ in range(2000)]
    templates = list(
        Activity.objects.filter(
            pk__in=picks, date__gte=fiscal_year.starts_on, date__lte=fiscal_year.ends_on
        )
        .select_related("center", "program", "kind")
        .prefetch_related("enterprises")
    )
    if not templates:
        raise ValueError(f"{year}년 활동 기록이 없습니다.")
    rng.shuffle(templates)
    made: list[int] = []
    problems: list[BaseException] = []
    stop = threading.Event()

    def record() -> None:
        try:
            for template in itertools.cycle(templates):
                if stop.wait(interval):
                    return
                activity = services.record_activity(
                    center=template.center,
                    program=template.program,
                    kind=template.kind,
                    date=template.date,
                    headcount=template.headcount,
                    enterprises=list(template.enterprises.all()),
                )
                made.append(activity.pk)
        except BaseException as problem:  # re-raised by the bench's own thread below
            problems.append(problem)
        finally:
            connection.close()

    thread = threading.Thread(target=record, name="bench-recorder", daemon=True)
    thread.start()
    try:
        yield made
    finally:
        stop.set()
        thread.join()
        Activity.objects.filter(pk__in=made).delete()
    if problems:
        raise problems[0]
