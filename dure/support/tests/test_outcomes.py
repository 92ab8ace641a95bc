"""The cohort evaluation: revenue of the supported enterprises before and after, computed from
engagements and registry financials, beside the enterprises not supported."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.urls import reverse

from dure.core.services import ensure_fiscal_year
from dure.registry.models import Financial
from dure.registry.tests.factories import EnterpriseFactory
from dure.support import services
from dure.support.models import SupportType
from dure.support.outcomes import cohort_outcome
from dure.support.tests.factories import program_in


def _supported(center, program, support_type, revenues=None, **fields):
    enterprise = EnterpriseFactory.create(center=center, **fields)
    services.record_engagement(
        center=center,
        program=program,
        support_type=support_type,
        enterprise=enterprise,
        starts_on=datetime.date(2016, 6, 1),
    )
    for year, revenue in (revenues or {}).items():
        Financial.objects.create(enterprise=enterprise, year=year, revenue_won=revenue)
    return enterprise


@pytest.fixture
def cohort(metropolitan_center, gangdong_center, gwanak_center):
    program = program_in(metropolitan_center, ensure_fiscal_year(year=2016), "경영 지원")
    _supported(metropolitan_center, program, SupportType.BUSINESS, {2016: 100, 2017: 150})
    _supported(metropolitan_center, program, SupportType.MENTORING, {2016: 300, 2017: 330})
    # Answered only for one year: supported, not counted as answering.
    _supported(metropolitan_center, program, SupportType.STRATEGY, {2016: 500})
    # A 혁신형 engagement puts the enterprise in the 혁신형 row even with a consulting one too.
    both = _supported(metropolitan_center, program, SupportType.INNOVATION, {2016: 0, 2017: 80})
    services.record_engagement(
        center=metropolitan_center,
        program=program,
        support_type=SupportType.MENTORING,
        enterprise=both,
        starts_on=datetime.date(2016, 9, 1),
    )
    # Accounting help is not part of the consulting cohort.
    _supported(metropolitan_center, program, SupportType.ACCOUNTING, {2016: 10, 2017: 20})
    district_program = program_in(gwanak_center, ensure_fiscal_year(year=2016), "경영 지원")
    _supported(gwanak_center, district_program, SupportType.BUSINESS, {2016: 1000, 2017: 3000})
    return program


def test_the_rows_count_the_supported_the_answering_and_the_growth(cohort, metropolitan_center):
    outcome = cohort_outcome(metropolitan_center, 2016)
    consulting, innovation = outcome.rows
    assert (consulting.supported, consulting.responded) == (4, 3)
    assert (consulting.before_won, consulting.after_won) == (1400, 3480)
    assert consulting.growth_pct == Decimal("148.6")
    assert (innovation.supported, innovation.responded, innovation.growth_pct) == (1, 1, None)
    assert (outcome.total.supported, outcome.total.responded) == (5, 4)
    assert outcome.total.response_pct == Decimal("80.0")
    # The accounting-help enterprise was not in the cohort: it is among those not supported.
    assert (outcome.comparison.responded, outcome.comparison.growth_won) == (1, 10)


def test_a_district_center_evaluates_only_its_own_enterprises(cohort, gwanak_center):
    outcome = cohort_outcome(gwanak_center, 2016)
    assert (outcome.total.supported, outcome.total.growth_won) == (1, 2000)
    assert outcome.comparison.responded == 0


def test_the_page_shows_the_figures_and_its_door_holds(
    client, cohort, program_staff, other_district_staff, expert, member
):
    url = reverse("support:cohort_outcomes") + "?year=2016"
    client.force_login(program_staff)
    page = client.get(url).content.decode()
    assert "148.6%" in page and "80.0%" in page
    client.force_login(other_district_staff)
    assert "148.6%" not in client.get(url).content.decode()
    for refused in (expert, member):
        client.force_login(refused)
        assert client.get(url).status_code == 403
    client.logout()
    assert client.get(url).status_code == 302
