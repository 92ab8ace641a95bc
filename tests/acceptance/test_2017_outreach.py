"""The seed's 홍보 및 연구 tables come out of the outreach records: one test per table, each
figure computed by the outreach metrics (as the report and its JSON export read them) and
compared with the seed's CSV."""

from __future__ import annotations

import csv
import datetime
from pathlib import Path

import pytest
from django.conf import settings

from dure.core.models import Center, FiscalYear
from dure.programs.evaluation import FigureRequest, compute
from dure.programs.metric_registry import Scope, get_metric
from dure.reports.report import build_report, report_as_json

SEED = Path(settings.BASE_DIR) / "dure" / "demo" / "seed2017"


@pytest.fixture
def _demo(demo_2017):
    """The 2017 demo (tests/acceptance/conftest.py)."""


@pytest.fixture
def figure(_demo, db):
    def compute_figure(key: str, aggregation: str, year: int = 2017, **parameters):
        scope = Scope(
            center_ids=(Center.objects.get(code="SEOUL").pk,),
            starts_on=datetime.date(year, 1, 1),
            ends_on=datetime.date(year, 12, 31),
        )
        request = FigureRequest("x", get_metric(key), scope, aggregation, parameters)
        return compute([request])["x"]

    return compute_figure


@pytest.fixture
def report(_demo, db):
    built = build_report(Center.objects.get(code="SEOUL"), FiscalYear.objects.get(year=2017))
    return report_as_json(built)


def _rows(name: str) -> list[dict[str, str]]:
    with (SEED / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _indicators(report, code: str) -> dict[str, dict]:
    program = next(p for p in report["programs"] if p["code"] == code)
    return {i["name"]: i for i in program["indicators"]}


def test_48_pr_kpis_are_counted_from_issues_campaigns_and_the_portal(report):
    indicators = _indicators(report, "P12")
    for row in _rows("48_pr_kpis.csv"):
        name = {
            "온라인포털 운영": "사회적경제 포털과 서브 페이지 운영",
            "뉴스레터 발행": "월 2회 온라인 뉴스레터 발행",
            "홍보캠페인 추진": "미디어 연계 캠페인(한겨레, 머니투데이, 에스이코노미)",
        }[row["구분"]]
        assert indicators[name]["actual"] == int(row["실적_수치"])
    assert indicators["월 2회 온라인 뉴스레터 발행"]["metric"] == "outreach.newsletter_issues"
    assert indicators["미디어 연계 캠페인(한겨레, 머니투데이, 에스이코노미)"]["metric"] == (
        "outreach.campaigns"
    )
    assert indicators["홍보콘텐츠 제작"]["actual"] == 124


def test_49_events_and_their_attendance(figure, report):
    rows = _rows("49_pr_events.csv")
    assert figure("outreach.events", "count") == len(rows) == 7
    assert figure("outreach.events", "count", kind=["콜로키움"]) == 5
    total = sum(int(r["참석자_수"]) for r in rows if r["참석자_수"])
    assert figure("outreach.events", "sum_attendance") == total
    from dure.outreach.models import Event

    approximate = set(
        Event.objects.filter(attendance_approximate=True).values_list("attendance", flat=True)
    )
    assert approximate == {int(r["참석자_수"]) for r in rows if "여명" in r["참석자"]}
    indicators = _indicators(report, "P12")
    assert indicators["신년 정책대화 참석"]["actual"] == 400
    assert _indicators(report, "P08")["정책대화/워크숍"]["actual"] == 1


def test_50_delegations_by_year_and_origin(figure):
    for row in _rows("50_study_visits_2013_2017.csv"):
        year = int(row["연도"])
        abroad = figure("outreach.delegations", "sum_people", year, origin=["abroad"])
        domestic = figure("outreach.delegations", "sum_people", year, origin=["domestic"])
        assert (abroad, domestic) == (int(row["해외_인원"]), int(row["국내_인원"]))
        assert figure("outreach.delegations", "sum_groups", year) == int(row["합계_기관수"])
        assert figure("outreach.delegations", "sum_people", year) == int(row["합계_인원"])


def test_51_research_is_the_commissioned_study(report, _demo, db):
    indicator = _indicators(report, "P13")["사회적경제 정책 및 전략 개발 기획연구"]
    row = _rows("51_research_kpis.csv")[0]
    assert indicator["actual"] == int(row["실적_수치"])
    assert indicator["metric"] == "outreach.research_projects"
    from dure.outreach.models import ResearchProject

    project = ResearchProject.objects.get()
    assert project.institution.name == "서울연구원"
    assert project.report is not None and project.report.number == "5-1"


def test_55_publications_archive(figure, _demo, db):
    rows = _rows("55_publications.csv")
    assert figure("outreach.publications", "count") == len(rows) == 18
    from dure.outreach.models import Publication

    archived = list(Publication.objects.order_by("number").values_list("number", "title"))
    assert archived == sorted((r["번호"], r["자료명"]) for r in rows)
    series = {r["구분"] for r in rows}
    for name in series:
        expected = sum(1 for r in rows if r["구분"] == name)
        assert figure("outreach.publications", "count", series=[name]) == expected
