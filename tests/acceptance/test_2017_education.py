"""The seed's 주체발굴 및 인재양성 tables (38–47) come out of the education records: one test per
table, each figure computed by the education metrics (as the report reads them) and compared
with the seed's CSV."""

from __future__ import annotations

import csv
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
    year = FiscalYear.objects.get(year=2017)

    def compute_figure(key: str, aggregation: str, **parameters):
        scope = Scope(
            center_ids=(Center.objects.get(code="SEOUL").pk,),
            starts_on=year.starts_on,
            ends_on=year.ends_on,
        )
        request = FigureRequest("x", get_metric(key), scope, aggregation, parameters)
        return compute([request])["x"]

    return compute_figure


@pytest.fixture
def report_actuals(_demo, db):
    report = report_as_json(
        build_report(Center.objects.get(code="SEOUL"), FiscalYear.objects.get(year=2017))
    )

    def actuals(code: str) -> dict[str, object]:
        program = next(p for p in report["programs"] if p["code"] == code)
        return {i["name"]: i["actual"] for i in program["indicators"]}

    return actuals


def _rows(name: str) -> list[dict[str, str]]:
    with (SEED / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


TRACKS_38 = {
    "대학연계 교육과정 운영": ["university"],
    "전략분야 업종별 교육과정 운영지원": ["sector"],
    "사회적경제 청소년교육과정 운영": ["youth", "school_cooperative"],
    "자치구 지원조직 종사자교육 운영": ["district_staff"],
    "사회적경제 담당 공무원 워크숍": ["official_workshop"],
    "사회적경제 담당 공무원 특강": ["official_lecture"],
    "사회적경제 대상별 교육과정 운영": ["audience"],
}


def test_38_academy_courses_by_track(figure, report_actuals):
    for row in _rows("38_academy_kpis.csv"):
        if row["항목"] in TRACKS_38:
            runs = figure("education.courses", "sum_runs", track=TRACKS_38[row["항목"]])
            assert runs == int(row["실적_수치"]), row["항목"]
    assert figure("education.courses", "sum_runs") == 24
    # The participants the running text gives course by course: 41 + 137 + 1,005 + 62 + 1,167
    # + 196 + 135.
    assert figure("education.courses", "sum_participants") == 2743
    actuals = report_actuals("P09")
    assert actuals["사회적경제 대상별 교육과정 개발"] == 6  # deliverables stay activities
    assert actuals["교육과정 운영"] == 24


def test_39_strategic_planning_tours_with_the_cancelled_one_kept(figure, _demo):
    from dure.education.models import StudyTour, TourStatus

    rows = _rows("39_strategic_planning_training.csv")
    tours = StudyTour.objects.filter(kind="strategic", center__code="SEOUL")
    assert tours.count() == len(rows) == 4
    cancelled = tours.filter(status=TourStatus.CANCELLED)
    assert list(cancelled.values_list("title", flat=True)) == [
        r["연수 주제"] for r in rows if "취소" in r["비고"]
    ]
    assert figure("education.study_tours", "count", kind=["strategic"]) == 3
    assert figure("education.study_tours", "count", kind=["strategic"], status=["cancelled"]) == 1


def test_40_dispatch_tours_with_the_enterprises_sent(figure, _demo):
    from dure.education.models import StudyTour

    rows = _rows("40_technical_training_dispatch.csv")
    assert figure("education.study_tours", "count", kind=["dispatch"]) == len(rows)
    assert figure("education.study_tours", "distinct_enterprises", kind=["dispatch"]) == 6
    sent = StudyTour.objects.filter(kind="dispatch").values_list("enterprises__name", flat=True)
    assert len(set(sent)) == len({r["기업명"] for r in rows})


def test_41_tour_participants_by_kind(figure, report_actuals):
    expected = {r["구분"]: int(r["실적_수치"]) for r in _rows("41_training_kpis.csv")}
    count = "count"
    key = "education.study_tour_participants"
    assert figure(key, count, kind=["strategic"]) == expected["전략기획연수"] == 15
    assert figure(key, count, kind=["dispatch"]) == expected["기술연수(파견)"] == 11
    assert figure(key, count, kind=["invitation"]) == expected["기술연수(초청)"] == 29
    assert figure(key, count) == expected["총계"] == 55
    actuals = report_actuals("P10")
    assert actuals["업종 및 분야별 기술연수"] == 40
    # No tour carries an invented headcount: the totals are stand-ins of no particular tour.
    from dure.education.models import StudyTourParticipant

    assert not StudyTourParticipant.objects.filter(tour__isnull=False).exists()
    assert StudyTourParticipant.objects.filter(reconstructed=False).count() == 0


def test_42_invited_experts_and_their_forums(figure, _demo):
    from dure.education.models import StudyTour

    rows = _rows("42_technical_training_invited.csv")
    assert figure("education.study_tours", "count", kind=["invitation"]) == len(rows) == 3
    forum = figure("education.study_tours", "sum_forum_attendance", kind=["invitation"])
    assert forum == sum(int(r["참석자수"]) for r in rows) == 332
    experts = StudyTour.objects.filter(kind="invitation").values_list("invited_experts", flat=True)
    assert set(experts) == {r["초청자"] for r in rows}


def test_43_youth_kpis(figure, report_actuals):
    actuals = report_actuals("P11")
    rows = {r["항목"]: int(r["실적_수치"]) for r in _rows("43_youth_kpis.csv")}
    assert figure("education.youth_intro_supports", "count") == 9
    assert actuals["체험교육과정 운영지원"] == rows["청소년 사회적경제 체험교육과정 운영지원"]
    assert actuals["체험교육과정 운영"] == rows["청소년 사회적경제 체험교육과정 운영"]
    assert figure("education.haenaem_teams", "count") == 18
    assert actuals["해냄 프로젝트 실행팀 지원"] == rows["청소년 사회적경제 '해냄'프로젝트 실행지원"]
    assert figure("education.youth_network_events", "count") == 1
    assert actuals["청소년-청년 네트워크 행사"] == rows["청소년-청년 네트워크 행사 추진"]


def test_44_programme_structure_has_records_at_every_stage(figure):
    stages = {r["단계"] for r in _rows("44_youth_programme_structure.csv")}
    assert stages == {"입문", "심화", "교류"}
    # 입문: the introductory education supported and the hands-on sessions with enterprises.
    assert figure("education.youth_intro_supports", "count") > 0
    assert figure("education.youth_sessions", "count") > 0
    # 심화: the 해냄 project teams.
    assert figure("education.haenaem_teams", "count") > 0
    # 교류: the youth–young adult network event.
    assert figure("education.youth_network_events", "count") > 0


def test_45_intro_education_organisations_and_participants(figure):
    rows = _rows("45_youth_intro_education_orgs.csv")
    assert figure("education.youth_intro_supports", "count") == len(rows) == 9
    # C35: the printed "1명" is 31명; with it the section total is the text's 1,171.
    assert figure("education.youth_intro_supports", "sum_participants") == 1171


def test_46_experience_sessions_schools_and_programmes(figure):
    rows = _rows("46_youth_experience_sessions.csv")
    total = next(r for r in rows if r["회차"] == "계")
    sessions = [r for r in rows if r["회차"].isdigit() and r["참석인원"]]
    assert figure("education.youth_sessions", "count") == len(sessions) == 9
    assert figure("education.youth_sessions", "distinct_schools") == 9
    assert figure("education.youth_sessions", "sum_attendance") == int(total["참석인원"]) == 228
    # 27 programme rows are printed, one an exact repeat; the printed 25 is not derivable.
    assert figure("education.youth_programmes", "count") == 26


def test_47_haenaem_teams_members_and_schools(figure):
    rows = [r for r in _rows("47_youth_haenaem_teams.csv") if r["연번"].isdigit()]
    total = next(r for r in _rows("47_youth_haenaem_teams.csv") if r["연번"] == "계")
    assert figure("education.haenaem_teams", "count") == len(rows) == 18
    assert figure("education.haenaem_teams", "sum_members") == int(total["팀원"]) == 131
    assert figure("education.haenaem_teams", "distinct_schools") == 10
