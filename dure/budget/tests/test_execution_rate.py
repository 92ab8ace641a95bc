"""The execution rate per program that the overview table reads."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from dure.budget import services
from dure.budget.tests.factories import funded_line, program_in
from dure.core.models import Center
from dure.core.services import ensure_fiscal_year
from dure.programs.execution import execution_rates

DAY = datetime.date(2017, 8, 1)


@pytest.mark.django_db
def test_the_rate_is_executed_over_granted_rounded_half_up_with_its_records(
    client, funder, django_assert_max_num_queries
):
    center = Center.objects.get(code="SEOUL")
    year = ensure_fiscal_year(year=2017)
    youth = program_in(center, year, "청소년 사회적 경제인 육성")
    research = program_in(center, year, "연구 사업")
    unfunded = program_in(center, year, "예산 없는 사업")
    line = funded_line(initial_won=192_636_260, program=youth, unit_name=youth.name)
    services.record_expenditure(
        line=line, spent_on=DAY, payee="학교협동조합", description="교육", amount_won=192_614_616
    )
    other = funded_line(initial_won=56_000_000, program=research, unit_name=research.name)
    services.record_expenditure(
        line=other, spent_on=DAY, payee="연구소", description="기획연구", amount_won=55_861_500
    )
    with django_assert_max_num_queries(5):
        rates = execution_rates([youth, research, unfunded])
    assert rates[youth.pk].percent == Decimal("100.0")
    assert rates[research.pk].percent == Decimal("99.8")
    assert rates[research.pk].executed_won == 55_861_500
    assert rates[research.pk].base_won == 56_000_000
    assert unfunded.pk not in rates
    client.force_login(funder)
    page = client.get(rates[research.pk].url).content.decode()
    assert "55,861,500원" in page
    assert "192,614,616원" not in page


@pytest.mark.django_db
def test_a_program_with_lines_but_no_grant_has_no_rate():
    center = Center.objects.get(code="SEOUL")
    program = program_in(center, ensure_fiscal_year(year=2017))
    funded_line(initial_won=1_000, granted_won=0, program=program)
    assert execution_rates([program])[program.pk].percent is None
