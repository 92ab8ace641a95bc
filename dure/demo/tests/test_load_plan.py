"""The load benchmark browses real pages: every path of its plan answers 200 to the staff
sessions it made, and those sessions belong to the center whose pages they read."""

from __future__ import annotations

import time
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client

from dure.core.models import Center, User
from dure.core.roles import Role
from dure.demo import load
from dure.programs import national
from dure.programs.models import Activity

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan() -> load.LoadPlan:
    national.generate_national(
        enterprises=40, centers=6, records=600, seed=3, year=2024, progress=lambda _: None
    )
    return load.load_plan(2024, sessions=2)


def test_every_path_of_the_plan_answers_the_staff_sessions(plan):
    assert len(plan.sessions) == 2 and len(set(plan.sessions)) == 2
    for session in plan.sessions:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = session
        for category, paths in plan.paths.items():
            for path in paths:
                response = client.get(path)
                assert response.status_code == 200, (category, path, response.status_code)


def test_the_plan_reads_the_busiest_district_center_as_its_program_staff(plan):
    users = User.objects.filter(username__startswith="bench-load-").select_related("center")
    assert {u.role for u in users} == {Role.PROGRAM_STAFF}
    center = users[0].center
    assert center is not None
    assert {u.center_id for u in users} == {center.pk}
    assert plan.center == f"{center.name} ({center.code})"
    assert center.parent is not None and center.code.startswith("SYN-")
    counts = Counter(Activity.objects.filter(date__year=2024).values_list("center", flat=True))
    district = {c.pk for c in Center.objects.filter(code__startswith="SYN-", parent__isnull=False)}
    assert plan.records == counts[center.pk] == max(n for pk, n in counts.items() if pk in district)


def test_every_search_of_the_plan_finds_enterprises(plan):
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = plan.sessions[0]
    assert len(plan.paths["search"]) >= 5
    for path in plan.paths["search"]:
        page = client.get(path).content.decode()
        assert "조건에 맞는 기업이 없습니다" not in page, path
        assert "합성기업 " in page, path


def test_the_bench_refuses_a_database_where_people_work(plan, metro_admin):
    with pytest.raises(ValueError, match="벤치 전용"):
        load.load_plan(2024, sessions=1)


def test_the_bench_ends_the_sessions_it_made(plan):
    assert load.end_sessions(plan) == len(plan.sessions)
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = plan.sessions[0]
    assert client.get(plan.paths["report"][0]).status_code == 302


def test_an_anonymous_client_is_sent_to_the_login_page_not_served(plan):
    response = Client().get(plan.paths["report"][0])
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_without_the_synthetic_data_the_plan_says_what_to_run():
    with pytest.raises(ValueError, match="generate_national"):
        load.load_plan(2024, sessions=1)


def test_the_health_view_answers_anyone_without_reading_a_row(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert response["Content-Type"].startswith("text/plain")


def test_the_write_interval_spreads_the_years_records_over_its_working_hours(plan):
    records = Activity.objects.filter(date__year=2024).count()
    assert load.write_interval(2024) == pytest.approx(load.WORKING_SECONDS / records)


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the load bench runs on PostgreSQL only"
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_while_recording_staff_records_copies_and_the_bench_removes_them_afterwards():
    national.generate_national(
        enterprises=40, centers=6, records=600, seed=3, year=2024, progress=lambda _: None
    )
    before = set(Activity.objects.values_list("pk", flat=True))
    with load.recording(2024, interval=0.05) as made:
        deadline = time.monotonic() + 30
        while len(made) < 3 and time.monotonic() < deadline:
            time.sleep(0.01)
        recorded = list(made)
        copies = Activity.objects.filter(pk__in=recorded).select_related("center")
        assert len(recorded) >= 3
        for copy in copies:
            assert copy.center.code.startswith("SYN-") and copy.date.year == 2024
            assert Activity.objects.filter(
                pk__in=before,
                center=copy.center_id,
                program=copy.program_id,
                kind=copy.kind_id,
                date=copy.date,
            ).exists()
    assert not Activity.objects.filter(pk__in=recorded).exists()
    assert set(Activity.objects.values_list("pk", flat=True)) == before
