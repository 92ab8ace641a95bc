"""The seed's 판로지원 (public market) tables come out of the sales staff's records: one test per
table, each figure computed by the market metrics (as the report and its JSON export read them)
and compared with the seed's CSV."""

from __future__ import annotations

import csv
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings

from dure.core.models import Center, FiscalYear
from dure.programs.evaluation import FigureRequest, compute
from dure.programs.metric_registry import Scope, get_metric
from dure.reports.report import build_report, report_as_json

SEED = Path(settings.BASE_DIR) / "dure" / "demo" / "seed2017"
DISTRICTS = {"강동": "SEOUL-GANGDONG", "관악": "SEOUL-GWANAK", "노원": "SEOUL-NOWON"}


@pytest.fixture
def _demo(demo_2017):
    """The 2017 demo (tests/acceptance/conftest.py)."""


@pytest.fixture
def figure(_demo, db):
    year = FiscalYear.objects.get(year=2017)

    def compute_figure(key: str, aggregation: str, center: str = "SEOUL", **parameters):
        scope = Scope(
            center_ids=(Center.objects.get(code=center).pk,),
            starts_on=year.starts_on,
            ends_on=year.ends_on,
        )
        request = FigureRequest("x", get_metric(key), scope, aggregation, parameters)
        return compute([request])["x"]

    return compute_figure


def _rows(name: str) -> list[dict[str, str]]:
    with (SEED / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_02_the_public_market_kpis_are_in_the_exported_report(_demo, db):
    report = report_as_json(
        build_report(Center.objects.get(code="SEOUL"), FiscalYear.objects.get(year=2017))
    )
    program = next(p for p in report["programs"] if p["code"] == "P01")
    actuals = {i["name"]: i["actual"] for i in program["indicators"]}
    assert actuals["공공기관 방문영업"] == 654
    assert actuals["공공구매지원센터 상담(콜센터)"] == 330
    assert actuals["교육/설명회"] == 38  # C5: the seed's own list has 38 sessions
    assert actuals["사회적경제 기업정보 DB구축"] == 210
    assert actuals["찾아가는 공공구매 박람회"] == 10
    assert (actuals["사업매칭지원 건수"], actuals["사업매칭 계약규모"]) == (27, 64.18)  # C1, C3
    metrics = {i["name"]: i["metric"] for i in program["indicators"]}
    assert all(key.startswith("market.") for key in metrics.values())


def test_03_institutions_and_visits_by_segment(figure):
    for row in _rows("03_public_visits_by_type.csv"):
        segment = [row["구분"]]
        assert figure("market.visits", "count", segment=segment) == int(row["방문횟수"])
        institutions = figure("market.visits", "distinct_institutions", segment=segment)
        assert institutions == int(row["방문기관수"])
    assert figure("market.visits", "distinct_institutions") == 477
    assert figure("market.visits", "count") == 654


def test_04_every_listed_institution_was_visited(_demo, db):
    from dure.market.models import Visit

    visited = set(
        Visit.objects.filter(center__code="SEOUL", reconstructed=False).values_list(
            "institution__name", flat=True
        )
    )
    listed = {row["기관명"].strip() for row in _rows("04_public_visited_institutions.csv")}
    assert len(visited) == len({" ".join(name.split()) for name in listed})


def test_05_matching_cases_and_their_contracts(figure):
    rows = _rows("05_public_sales_matching.csv")
    assert figure("market.opportunities", "count", channel=["matching"]) == len(rows) == 27
    amount = sum(Decimal(r["계약규모_억원"]) for r in rows if r["계약규모_억원"])
    won = figure("market.opportunities", "contract_amount", channel=["matching"])
    assert won == amount * 100_000_000


def test_06_briefings_and_their_participants(figure):
    rows = _rows("06_public_education_sessions.csv")
    assert figure("market.briefings", "count") == len(rows)
    total = sum(int(r["참여인원"]) for r in rows)
    assert figure("market.briefings", "sum_participants") == total


def test_07_district_sales_teams(figure):
    actual = {
        r["구분"]: r
        for r in _rows("07_district_sales_team_activity.csv")
        if r["목표/실적"] == "실적"
    }
    for short, code in DISTRICTS.items():
        assert figure("market.consultations", "count", code, channel=["자치구 영업지원단"]) == int(
            actual["상담서비스"][short]
        )
        assert figure("market.visits", "count", code) == int(actual["방문영업"][short])
        assert figure("market.database_entries", "count", code, kind=["enterprise"]) == int(
            actual["SE기업 DB구축"][short]
        )
        assert figure("market.database_entries", "count", code, kind=["institution"]) == int(
            actual["공공기관 DB구축"][short]
        )
    teams = sum(figure("market.sales_teams", "count", code) for code in DISTRICTS.values())
    staff = sum(figure("market.sales_staff", "count", code) for code in DISTRICTS.values())
    assert (teams, staff) == (3, 5)  # 강동 1명, 관악 2명, 노원 2명


def test_08_fairs_with_their_visitors_enterprises_and_consultations(figure):
    rows = _rows("08_procurement_fairs.csv")
    fairs = [r for r in rows if r["날짜"]]
    total = next(r for r in rows if r["일시"] == "합계")
    assert figure("market.fairs", "count") == len(fairs) == 10
    assert figure("market.fairs", "sum_visitors") == int(total["방문객"])
    assert figure("market.fairs", "sum_enterprises") == int(total["참여기업"])
    assert figure("market.fairs", "sum_consultations") == int(total["상담건수"])


def test_09_contracts_after_the_fairs(figure):
    rows = [r for r in _rows("09_fair_contracts.csv") if r["계약상태"] == "완료"]
    assert figure("market.opportunities", "contracts", channel=["fair"]) == len(rows) == 4
    amount = figure("market.opportunities", "contract_amount", channel=["fair"])
    assert amount == sum(int(r["거래금액"]) for r in rows) * 1000 == 20_805_000
    assert figure("market.opportunities", "distinct_winners", channel=["fair"]) == 3  # C9


def test_10_the_private_market_kpis_are_in_the_exported_report(_demo, db):
    report = report_as_json(
        build_report(Center.objects.get(code="SEOUL"), FiscalYear.objects.get(year=2017))
    )
    program = next(p for p in report["programs"] if p["code"] == "P02")
    found = {i["code"]: i for i in program["indicators"]}
    expected = {
        "I16": 90,
        "I14": 6,
        "I15": 10,
        "I18": 25,
        "I19": 3,
        "I20": 13,
        "I22": 14,
        "I23": 21,
        "I24": 100,
        "I25": 49,
        "I26": 77220,
        "I27": 21,
        "I28": 61560,
        "I29b": 16,
    }
    assert {code: found[code]["actual"] for code in expected} == expected
    assert all(found[code]["metric"].startswith("market.") for code in expected)


def test_11_12_demand_organizations_by_category(figure):
    listed = _rows("12_private_demand_list.csv")
    assert figure("market.demand_organizations", "count") == len(listed) == 214
    for row in _rows("11_private_demand_summary.csv"):
        count = figure("market.demand_organizations", "count", category=[row["구분"]])
        # The records follow the names listed (기업: 149 names against a printed 146).
        assert count == int(row["기재된_명칭수"]), row["구분"]


def test_13_sales_linkages(figure):
    rows = _rows("13_private_sales_linkage.csv")
    assert figure("market.sales_linkages", "count") == len(rows) == 10
    assert figure("market.sales_linkages", "sum_amount") == sum(int(r["계약금액"]) for r in rows)
