"""Every screen an auditor opens that shows an amount leaves a money-access entry: the test
walks every URL of Dure (and every list's CSV export, and the annual report) as the auditor
with an expenditure and an activity of a known amount in place."""

from __future__ import annotations

import datetime

import pytest

from dure.budget import services as budget_services
from dure.budget.models import MoneyRecordAccess
from dure.budget.tests.factories import funded_line, program_in
from dure.core.services import ensure_fiscal_year
from dure.programs import services as program_services
from tests.test_structure import urls_with_ids

pytestmark = pytest.mark.django_db
AMOUNT = 7_357_246
SHOWN = (f"{AMOUNT:,}", str(AMOUNT))


@pytest.fixture
def money(metropolitan_center, program_staff):
    program = program_in(metropolitan_center, ensure_fiscal_year(year=2017))
    line = funded_line(initial_won=10_000_000, program=program)
    expenditure = budget_services.record_expenditure(
        line=line,
        spent_on=datetime.date(2017, 6, 1),
        payee="행복협동조합",
        description="박람회 부스",
        amount_won=AMOUNT,
        recorded_by=program_staff,
    )
    kind = program_services.ensure_activity_kind(center=metropolitan_center, name="박람회")
    activity = program_services.record_activity(
        center=metropolitan_center,
        program=program,
        kind=kind,
        date=datetime.date(2017, 6, 1),
        amount_won=AMOUNT,
    )
    return [expenditure.pk, activity.pk, line.pk, program.pk]


def _urls(ids: list[int]) -> list[str]:
    reports = ["/reports/annual/?year=2017&center=SEOUL", "/budget/2017/SEOUL/report/"]
    return reports + urls_with_ids(ids, years=(2017,), queries=("?export=csv", "?year=2017"))


def test_every_auditor_screen_showing_an_amount_is_logged(client, auditor, money):
    client.force_login(auditor)
    unlogged = []
    checked = 0
    for url in _urls(money):
        before = MoneyRecordAccess.objects.count()
        response = client.get(url)
        if response.status_code != 200:
            continue
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode("utf-8", errors="ignore")
        if any(amount in body for amount in SHOWN):
            checked += 1
            if MoneyRecordAccess.objects.count() == before:
                unlogged.append(url)
    assert checked >= 3, "the walk reached screens that show the amount"
    assert unlogged == []


def test_a_budget_screen_is_logged_once_and_staff_leave_no_entry(
    client, auditor, program_staff, money
):
    client.force_login(auditor)
    client.get(f"/budget/expenditures/{money[0]}/")
    assert MoneyRecordAccess.objects.count() == 1
    assert MoneyRecordAccess.objects.get().subject.startswith("집행")
    client.force_login(program_staff)
    client.get(f"/budget/expenditures/{money[0]}/")
    client.get("/reports/annual/?year=2017&center=SEOUL")
    assert MoneyRecordAccess.objects.count() == 1
