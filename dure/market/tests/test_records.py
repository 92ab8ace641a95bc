"""판로지원 records: the rules their services keep and the figures their metrics give."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from dure.core.models import Center
from dure.market import services
from dure.market.models import Channel, Stage, SupportKind
from dure.programs.evaluation import FigureRequest, compute
from dure.programs.metric_registry import Scope, get_metric
from dure.programs.tests.factories import build_tree
from dure.registry import services as registry_services

DAY = datetime.date(2017, 5, 23)


@pytest.fixture
def tree(db):
    return build_tree()


@pytest.fixture
def institution(tree):
    found, _ = registry_services.ensure_institution(name="서울시교육청", center=tree.program.center)
    return found


@pytest.fixture
def enterprise(tree):
    return registry_services.create_enterprise(center=tree.program.center, name="가온")


def _figure(key: str, aggregation: str, center: Center, **parameters) -> object:
    scope = Scope((center.pk,), datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))
    return compute([FigureRequest("x", get_metric(key), scope, aggregation, parameters)])["x"]


def test_visits_count_visits_and_the_distinct_institutions(tree, institution):
    center = tree.program.center
    for _ in range(2):
        services.record_visit(
            center=center,
            program=tree.program,
            date=DAY,
            institution=institution,
            segment="교육청/학교",
        )
    assert _figure("market.visits", "count", center) == 2
    assert _figure("market.visits", "distinct_institutions", center) == 1
    assert _figure("market.visits", "count", center, segment=["공공기관"]) == 0


def test_a_record_outside_its_programs_year_is_refused(tree, institution):
    with pytest.raises(ValidationError, match="회계연도\\(2017년\\) 밖"):
        services.record_visit(
            center=tree.program.center,
            program=tree.program,
            date=datetime.date(2018, 1, 2),
            institution=institution,
            segment="공공기관",
        )


def test_a_district_center_records_under_its_metropolitan_program_but_not_anothers(tree):
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    services.record_consultation(center=gangdong, program=tree.program, date=DAY)
    other = build_tree(center=gangdong, program="강동 판로", program_code="G01")
    gwanak = Center.objects.get(code="SEOUL-GWANAK")
    with pytest.raises(ValidationError, match="기록할 수 있는 사업이 아닙니다"):
        services.record_consultation(center=gwanak, program=other.program, date=DAY)


def test_an_opportunity_counts_as_a_contract_only_with_winner_date_and_amount(
    tree, institution, enterprise
):
    center = tree.program.center
    opportunity = services.open_opportunity(
        center=center,
        program=tree.program,
        date=DAY,
        institution=institution,
        need="모래소독",
        support_kind=SupportKind.MATCHING,
        channel=Channel.FAIR,
    )
    with pytest.raises(ValidationError, match="계약 기업, 계약일, 계약금액"):
        services.advance_opportunity(opportunity, stage=Stage.CONTRACTED, winner=enterprise)
    assert _figure("market.opportunities", "contracts", center) == 0
    services.advance_opportunity(
        opportunity,
        stage=Stage.CONTRACTED,
        winner=enterprise,
        contracted_on=DAY,
        contract_won=700_000,
    )
    assert _figure("market.opportunities", "contracts", center, channel=["fair"]) == 1
    assert _figure("market.opportunities", "contract_amount", center) == 700_000
    assert _figure("market.opportunities", "distinct_winners", center) == 1
    assert list(opportunity.bidders.all()) == []


def test_a_sales_team_keeps_its_members_and_counts_them(tree):
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    services.save_sales_team(
        center=gangdong,
        fiscal_year=tree.fiscal_year,
        program=tree.program,
        district="강동구",
        members=["김영업", "", "이판로"],
    )
    services.save_sales_team(
        center=gangdong,
        fiscal_year=tree.fiscal_year,
        program=tree.program,
        district="강동구",
        members=["김영업"],
    )
    assert _figure("market.sales_teams", "count", gangdong) == 1
    assert _figure("market.sales_staff", "count", gangdong) == 1


def test_merging_duplicate_enterprises_moves_their_market_records(tree, institution, metro_admin):
    center = tree.program.center
    keep = registry_services.create_enterprise(center=center, name="가온")
    twin = registry_services.create_enterprise(center=center, name="가온 (중복)")
    opportunity = services.open_opportunity(
        center=center,
        program=tree.program,
        date=DAY,
        institution=institution,
        need="모래소독",
        support_kind=SupportKind.MATCHING,
        channel=Channel.MATCHING,
        bidders=[twin],
    )
    services.advance_opportunity(
        opportunity,
        stage=Stage.CONTRACTED,
        winner=twin,
        contracted_on=DAY,
        contract_won=1,
    )
    registry_services.merge_enterprises(keep=keep, remove=twin, user=metro_admin)
    opportunity.refresh_from_db()
    assert opportunity.winner == keep
    assert list(opportunity.bidders.all()) == [keep]
