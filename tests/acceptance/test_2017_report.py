"""The 2017 seed report, loaded as records, gives back the report's figures.

Each expected value is the seed's figure as the records reproduce it (see docs/seed-2017.md for
the places where the seed contradicts itself and which reading the records follow). Targets are
the plan's; actuals and rates are computed."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command
from django.test import Client

from dure.core.models import Center, FiscalYear, User
from dure.market.models import Briefing, Consultation, Opportunity, Visit
from dure.programs.models import Activity, Indicator
from dure.reports.report import build_report, report_as_json
from dure.support.models import Engagement

# (program, indicator): (target, actual, achievement %); None = not printed / no rate
EXPECTED = {
    ("P01", "I01"): (650, 654, 100.6),
    ("P01", "I02"): (20, 27, 135),
    ("P01", "I03"): (50, 64.18, 128.4),
    ("P01", "I04"): (300, 330, 110),
    ("P01", "I05"): (15, 38, 253.3),
    ("P01", "I06"): (200, 210, 105),
    ("P01", "I07"): (None, 3, None),
    ("P01", "I08"): (None, 5, None),
    ("P01", "I09"): (240, 476, 198.3),
    ("P01", "I10"): (730, 752, 103),
    ("P01", "I11"): (245, 262, 106.9),
    ("P01", "I12"): (240, 318, 132.5),
    ("P01", "I13"): (10, 10, 100),
    ("P01", "I13b"): (None, 2134, None),
    ("P01", "I13c"): (None, 4, None),
    ("P01", "I13d"): (None, 20805, None),
    ("P02", "I14"): (5, 6, 120),
    ("P02", "I15"): (30, 10, 33.3),
    ("P02", "I16"): (100, 90, 90),
    ("P02", "I17"): (14, None, None),
    ("P02", "I18"): (14, 25, 178.6),
    ("P02", "I19"): (None, 3, None),
    ("P02", "I20"): (12, 13, 108.3),
    ("P02", "I21"): (4, None, None),
    ("P02", "I22"): (15, 14, 93.3),
    ("P02", "I23"): (30, 21, 70),
    ("P02", "I24"): (60, 100, 166.7),
    ("P02", "I25"): (45, 49, 108.9),
    ("P02", "I26"): (None, 77220, None),
    ("P02", "I27"): (20, 21, 105),
    ("P02", "I28"): (50000, 61560, 123.1),
    ("P02", "I29"): (40, 18, 45),
    ("P02", "I29b"): (None, 16, None),
    ("P02", "I30"): (1, 1, 100),
    ("P02", "I31"): (1, 1, 100),
    ("P03", "I32a"): (85, 112, 131.8),
    ("P03", "I32b"): (109, 112, 102.8),
    ("P03", "I33"): (5, 4, 80),
    ("P03", "I34a"): (30, 34, 113.3),
    ("P03", "I34b"): (40, 34, 85),
    ("P03", "I35a"): (40, 74, 185),
    ("P03", "I35b"): (64, 74, 115.6),
    ("P03", "I36"): (10, None, None),
    ("P03", "I37"): (200, 208, 104),
    ("P03", "I38"): (150, 152, 101.3),
    ("P03", "I39"): (50, 56, 112),
    ("P03", "I40"): (35, 36, 102.9),
    ("P04", "I44"): (1, 1, 100),
    ("P04", "I45"): (3, 3, 100),
    ("P04", "I46"): (1, 1, 100),
    ("P04", "I47"): (3, 8, 266.7),
    ("P04", "I48"): (1, 1, 100),
    ("P05", "I49"): (None, 8, None),
    ("P05", "I50"): (None, 1, None),
    ("P05", "I51"): (None, 4, None),
    ("P05", "I52"): (None, 20, None),
    ("P05", "I53"): (None, 2, None),
    ("P05", "I54"): (10, 11, 110),
    ("P05", "I55"): (20, 22, 110),
    ("P05", "I56"): (19, 79, 415.8),
    ("P05", "I57"): (None, 3, None),
    ("P05", "I58"): (None, 1, None),
    ("P05", "I59"): (None, 2, None),
    ("P05", "I60"): (None, 6, None),
    ("P05", "I61"): (None, 7, None),
    ("P05", "I62"): (None, 60, None),
    ("P05", "I63"): (1, 1, 100),
    ("P06", "I64"): (4, 3, 75),
    ("P06", "I64b"): (None, 24, None),
    ("P06", "I65"): (19, 42, 221.1),
    ("P06", "I66"): (20, 27, 135),
    ("P06", "I66b"): (None, 39, None),
    ("P06", "I67"): (1, 1, 100),
    ("P06", "I68"): (2, 0, 0),
    ("P06", "I69d"): (None, 101, None),
    ("P06", "I69e"): (None, 63, None),
    ("P07", "I69"): (2, 2, 100),
    ("P07", "I70"): (2, 4, 200),
    ("P07", "I71"): (13, 13, 100),
    ("P07", "I72"): (2, 2, 100),
    ("P07", "I73"): (1, 1, 100),
    ("P07", "I74"): (2, 2, 100),
    ("P07", "I75"): (1, 1, 100),
    ("P07", "I76"): (1, 1, 100),
    ("P07", "I77"): (1, 1, 100),
    ("P07", "I78"): (200, 278, 139),
    ("P07", "I79"): (30, 45, 150),
    ("P07", "I80"): (6, 44, 733.3),
    ("P08", "I81"): (4, 4, 100),
    ("P08", "I82a"): (15, 12, 80),
    ("P08", "I82b"): (12, 12, 100),
    ("P08", "I83"): (None, 2, None),
    ("P08", "I84"): (None, 2, None),
    ("P08", "I85"): (2, 1, 50),
    ("P09", "I86"): (22, 24, 109.1),
    ("P09", "I86b"): (None, 2743, None),
    ("P09", "I87"): (2, 2, 100),
    ("P09", "I88"): (10, 10, 100),
    ("P09", "I89"): (3, 3, 100),
    ("P09", "I90"): (2, 3, 150),
    ("P09", "I91"): (1, 1, 100),
    ("P09", "I92"): (1, 1, 100),
    ("P09", "I93"): (3, 4, 133.3),
    ("P09", "I94"): (4, 6, 150),
    ("P09", "I95a"): (None, 2002, None),
    ("P09", "I95b"): (None, 1469, None),
    ("P09", "I95c"): (None, 115, None),
    ("P09", "I95d"): (None, 418, None),
    ("P09", "I96"): (1, 1, 100),
    ("P09", "I97"): (1, 1, 100),
    ("P10", "I98"): (25, 15, 60),
    ("P10", "I99"): (12, 11, 91.7),
    ("P10", "I100"): (None, 29, None),
    ("P10", "I101"): (12, 40, 333.3),
    ("P10", "I102"): (37, 55, 148.6),
    ("P11", "I103"): (None, 1, None),
    ("P11", "I104"): (15, 18, 120),
    ("P11", "I105"): (1, 1, 100),
    ("P11", "I106"): (10, 9, 90),
    ("P11", "I107"): (1, 1, 100),
    ("P12", "I108a"): (24, 21, 87.5),
    ("P12", "I108b"): (21, 21, 100),
    ("P12", "I109"): (None, 124, None),
    ("P12", "I110"): (None, 5, None),
    ("P12", "I111"): (None, 400, None),
    ("P12", "I112"): (1, 1, 100),
    ("P12", "I113"): (3, 3, 100),
    ("P13", "I114"): (1, 1, 100),
}

BREAKDOWNS = {
    ("P01", "I01"): [
        ("공공기관", None, 85),
        ("교육청/학교", None, 485),
        ("기업/네트워크", None, 84),
    ],
    ("P01", "I09"): [("강동구", 50, 50), ("관악구", 90, 112), ("노원구", 100, 314)],
    ("P01", "I10"): [("강동구", 150, 144), ("관악구", 280, 300), ("노원구", 300, 308)],
    ("P01", "I11"): [("강동구", 50, 52), ("관악구", 95, 104), ("노원구", 100, 106)],
    ("P01", "I12"): [("강동구", 50, 60), ("관악구", 90, 130), ("노원구", 100, 128)],
    ("P03", "I37"): [("회계", 150, 152), ("법무", 50, 56)],
    ("P03", "I40"): [("세무인턴", 20, 18), ("CI 공모전", 15, 15), ("법률프로보노", None, 3)],
}
MANUAL = {("P02", "I29"), ("P09", "I95a"), ("P09", "I95b"), ("P09", "I95c"), ("P09", "I95d")}
CHANGED = {("P02", "I17"), ("P02", "I21"), ("P03", "I36")}


@pytest.fixture
def _demo_2017(demo_2017):
    """The 2017 demo (tests/acceptance/conftest.py)."""


@pytest.fixture
def report_2017(_demo_2017, db):
    report = build_report(Center.objects.get(code="SEOUL"), FiscalYear.objects.get(year=2017))
    return report_as_json(report)


def test_every_2017_figure_equals_the_seed(report_2017):
    found = {}
    for program in report_2017["programs"]:
        for indicator in program["indicators"]:
            found[(program["code"], indicator["code"])] = indicator
    assert set(found) == set(EXPECTED)
    mismatches = []
    for key, (target, actual, rate) in EXPECTED.items():
        figure = found[key]
        if (figure["target"], figure["actual"], figure["achievement_pct"]) != (
            target,
            actual,
            rate,
        ):
            mismatches.append((key, figure["target"], figure["actual"], figure["achievement_pct"]))
        source = "manual" if key in MANUAL else "computed"
        if figure["source"] != source:
            mismatches.append((key, "source", figure["source"]))
        status = "changed" if key in CHANGED else "active"
        if figure["status"] != status:
            mismatches.append((key, "status", figure["status"]))
    for key, parts in BREAKDOWNS.items():
        got = [(b["label"], b["target"], b["actual"]) for b in found[key]["breakdown"]]
        if got != parts:
            mismatches.append((key, got))
    assert not mismatches


def test_the_overview_rates_wait_for_the_budget_module_and_are_never_zero(report_2017):
    rates = [p["execution_pct"] for p in report_2017["programs"]]
    assert len(rates) == 13
    assert 0 not in rates


def test_listed_items_are_loaded_and_totals_only_figures_are_reconstructed(report_2017):
    center = Center.objects.get(code="SEOUL")
    records = Activity.objects.filter(center=center, program__area__fiscal_year__year=2017)
    # The 112 consulting and mentoring cases are management-support engagements, each with
    # its enterprise, agency and expert; the daily-support totals are reconstructed ones.
    engagements_2017 = Engagement.objects.filter(
        center=center, program__area__fiscal_year__year=2017
    )
    cases = engagements_2017.filter(reconstructed=False)
    assert cases.count() == 112
    assert not cases.filter(enterprise=None).exists()
    assert not cases.filter(expert=None).exists()
    assert engagements_2017.filter(reconstructed=True).count() == 245
    # 판로 지원's public market is kept as the sales staff's own records, not activities.
    assert not records.filter(program__code="P01").exists()
    assert Briefing.objects.filter(center=center, reconstructed=False).count() == 38
    calls = Consultation.objects.filter(center=center, channel="콜센터")
    assert calls.filter(reconstructed=True).count() == 330
    assert not calls.filter(reconstructed=False).exists()
    listed = Visit.objects.filter(center=center, reconstructed=False)
    assert listed.count() == 382 and not listed.filter(institution=None).exists()
    assert Visit.objects.filter(center=center).values("institution").distinct().count() == 477
    matching = Opportunity.objects.filter(center=center, channel="matching")
    assert matching.count() == 27
    assert matching.filter(stage="contracted").count() == 18
    engagements = Engagement.objects.count()
    visits = Visit.objects.count()
    call_command("load_demo", "--quiet-login")
    assert Activity.objects.filter(center=center).count() == records.count()
    assert Engagement.objects.count() == engagements
    assert Visit.objects.count() == visits


def test_in_the_report_every_figure_links_to_that_many_records(report_2017):
    user = User.objects.get(username="funder")
    client = Client()
    client.force_login(user)
    html = client.get("/reports/annual/?year=2017").content.decode()
    links = re.findall(
        r'class="figure" data-indicator="(\d+)" href="([^"]+)">([\d,.]+)(건|회)<', html
    )
    assert len(links) > 60
    for pk, url, figure, _ in links:
        indicator = Indicator.objects.get(pk=pk)
        if indicator.aggregation != "count":
            continue
        listed = client.get(url).content.decode()
        assert f"모두 {figure}건" in listed, (indicator.name, figure)


def test_the_overview_execution_rates_come_from_the_settlement_records(report_2017):
    import csv
    from decimal import Decimal
    from pathlib import Path

    seed = Path(__file__).resolve().parents[2] / "dure" / "demo" / "seed2017" / "01_overview.csv"
    printed: dict[str, Decimal] = {}
    with seed.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            rate = row["집행률"].strip()
            if rate.endswith("%"):
                printed.setdefault(row["사업명"], Decimal(rate.rstrip("%")))
    computed = {p["name"]: p["execution_pct"] for p in report_2017["programs"]}
    assert len(printed) == 13
    assert {name: Decimal(str(computed[name])) for name in printed} == printed


def test_the_2016_consulting_outcome_is_computed_from_engagements_and_financials(report_2017):
    import csv
    from decimal import Decimal
    from pathlib import Path

    from dure.support.outcomes import cohort_outcome

    seed = Path(__file__).resolve().parents[2] / "dure" / "demo" / "seed2017"
    with (seed / "17_consulting_2016_outcomes.csv").open(encoding="utf-8") as handle:
        printed = [
            (row["구분"], Decimal(row["매출액 증가율"]), int(row["매출액 증가액"]))
            for row in csv.DictReader(handle)
        ]
    outcome = cohort_outcome(Center.objects.get(code="SEOUL"), 2016)
    computed = [
        (f"{row.label}({row.responded}개)", row.growth_pct, row.growth_won // 1_000_000)
        for row in outcome.rows
    ]
    assert computed == printed
    # 2016년 사업 참여 100개 기업 대상 조사 실시, 총 33개 기업 응답
    assert (outcome.total.supported, outcome.total.responded) == (100, 33)
