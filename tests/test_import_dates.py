"""One table of date cells, read the same way by `parse_date` and by every registered kind with a
date column, through a real file. A new kind with a date column must add its sample below."""

from __future__ import annotations

import datetime
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.utils import timezone
from openpyxl import Workbook

from dure.budget.models import Expenditure, Income, Transfer
from dure.budget.tests.factories import program_in
from dure.core.imports import (
    ImportRejected,
    Row,
    RowErrors,
    get_importer,
    parse_date,
    registered_importers,
    run_import,
)
from dure.core.models import Center
from dure.core.services import ensure_fiscal_year
from dure.market import services as market_services
from dure.market.models import (
    B2BLinkage,
    Briefing,
    Consultation,
    DatabaseEntry,
    DemandOrganization,
    EventParticipation,
    Fair,
    Listing,
    MarketingSupport,
    Opportunity,
    Outlet,
    Purchase,
    SalesEvent,
    SupplySurvey,
    Visit,
)
from dure.programs.imports import ACTIVITY_COLUMNS
from dure.programs.models import Activity, Program
from dure.registry import services as registry_services
from dure.registry.models import Designation, Enterprise, Institution
from dure.registry.tests.factories import valid_business_number
from dure.support.models import Engagement

# The engagement columns besides 컨설팅구분, 사업명, 과제유형 and 시작일.
ENGAGEMENT_REST = ["종료일", "기업명", "사업자등록번호", "담당기관", "담당컨설턴트"]

MAY_23 = datetime.date(2017, 5, 23)

# (cell → the date it means, or None when it must be refused). Every date is inside 2017, the
# fiscal year of the kinds that need one.
DATES: list[tuple[Any, datetime.date | None]] = [
    ("2017.5.23", MAY_23),
    ("2017.05.23", MAY_23),
    ("2017. 5. 23.", MAY_23),
    ("2017.5.23.", MAY_23),
    ("2017-05-23", MAY_23),
    ("2017-5-3", datetime.date(2017, 5, 3)),
    ("2017/05/23", MAY_23),
    ("20170523", MAY_23),
    ("2017년 5월 23일", MAY_23),
    ("2017년5월23일", MAY_23),
    (" 2017-05-23 ", MAY_23),
    ("2017-12-31", datetime.date(2017, 12, 31)),
    (datetime.date(2017, 5, 23), MAY_23),
    (datetime.datetime(2017, 5, 23, 0, 0), MAY_23),
    ("2017-05-23 abc", None),
    ("2017-05-23 10:00", None),
    ("2017.5.23 오전", None),
    ("2017-02-30", None),
    ("2017-13-01", None),
    ("2017-00-10", None),
    ("2017.5", None),
    ("17.5.23", None),
    ("5/23/2017", None),
    ("2017-05/23", None),
    ("2017년 5월", None),
    ("201705231", None),
    ("２０１７-０５-２３", None),
    ("작년", None),
    ("-", None),
]
ACCEPTED = [(cell, day) for cell, day in DATES if day is not None]
REFUSED = [cell for cell, day in DATES if day is None]


@pytest.mark.parametrize(("cell", "expected"), DATES, ids=[repr(c) for c, _ in DATES])
def test_parse_date_reads_the_table(cell, expected):
    errors = RowErrors()
    row = Row(number=7, cells={"day": cell}, headers={"day": "일자"})
    assert parse_date(row, "day", errors) == expected
    if expected is None:
        assert [(e.row, e.column) for e in errors.items] == [(7, "일자")]
        assert str(errors.items[0]).startswith("7행 [일자]: ")
    else:
        assert not errors


# Samples: how to write a row of each kind around a date cell, and how to find the saved date of
# the row that carried marker `n`.


def _budget(center: Center) -> None:
    fiscal_year = ensure_fiscal_year(year=2017)
    program_in(center, fiscal_year, "공공 시장 확대 지원")
    budget = (
        "관,항,목,세부계정과목,사업명,초기예산액\n"
        "제안사업비,판로지원,공공시장,영업단,공공 시장 확대 지원,30000000\n"
        "제안사업비,인재양성,아카데미,강사료,아카데미 운영,20000000\n"
    )
    importer = get_importer("budget")(center=center, year=2017)
    run_import(importer, budget.encode(), "budget.csv")


def _program(center: Center) -> None:
    program_in(center, ensure_fiscal_year(year=2017), "공공 시장 확대 지원")


MARKET_NUMBER = valid_business_number(77)
# The program, the institution and the enterprise every 판로지원 sample names.
MARKET = ["공공 시장 확대 지원", "강동구청"]
# 발주기관, 수요 내용 (the marker), 지원 방식 and 경로 of an opportunity taken up on 1 January.
OPPORTUNITY = ["일자", "사업명", "발주기관", "수요 내용", "지원 방식", "경로"]


def _market(center: Center) -> None:
    _program(center)
    registry_services.create_institution(center=center, name="강동구청", district="강동구")
    registry_services.create_enterprise(
        center=center, name="두레상회", business_number=MARKET_NUMBER
    )


def _market_with_fairs(center: Center) -> None:
    """Fairs on every day the table accepts, so that an opportunity can name each."""
    _market(center)
    program = Program.objects.get(center=center)
    host = Institution.objects.get(center=center, name="강동구청")
    for day in sorted({day for _, day in ACCEPTED if day is not None}):
        market_services.record_fair(center=center, program=program, date=day, host=host)


def _market_with_events(center: Center) -> None:
    """A sales event on every day the table accepts, so that a participation can name each."""
    _market(center)
    program = Program.objects.get(center=center)
    for day in sorted({day for _, day in ACCEPTED if day is not None}):
        market_services.record_sales_event(
            center=center, program=program, date=day, name="한마당 장터", kind="박람회"
        )


def _opportunity(n: int, *cells: Any) -> list[Any]:
    return ["2017-01-01", *MARKET, f"표 {n}", "매칭", *cells]


def _marker(text: str) -> int:
    found = re.search(r"(\d+)$", text)
    assert found is not None
    return int(found.group(1))


@dataclass(frozen=True)
class Sample:
    header: list[str]
    row: Callable[[Any, int], list[Any]]
    saved: Callable[[], dict[int, datetime.date | None]]
    setup: Callable[[Center], None] = lambda center: None


def _course_on(center: Center, day: datetime.date) -> Any:
    from dure.education import services as education_services

    return education_services.create_course(
        center=center,
        program=Program.objects.get(center=center),
        date=day,
        title="기초 과정",
        track="audience",
    )


def _one_course(center: Center) -> None:
    _program(center)
    _course_on(center, MAY_23)


def _courses(center: Center) -> None:
    _program(center)
    for day in sorted({day for _, day in ACCEPTED}):
        _course_on(center, day)


def _people_in(course: Any) -> None:
    from dure.education import services as education_services

    for n in range(len(DATES)):
        education_services.enrol(course=course, person_name=f"표 {n}", enrolled_on=MAY_23)


def _course_with_sessions(center: Center) -> None:
    from dure.education import services as education_services

    _program(center)
    course = _course_on(center, MAY_23)
    for day in sorted({day for _, day in ACCEPTED}):
        education_services.add_session(course=course, date=day, topic=f"{day}")
    _people_in(course)


def _graduates_in(course: Any) -> None:
    from dure.education import services as education_services

    _people_in(course)
    sessions = list(course.sessions.all())
    people = list(course.enrolments.values_list("pk", flat=True))
    education_services.set_attendance(course=course, present={s.pk: people for s in sessions})


def _course_with_graduates(center: Center) -> None:
    from dure.education import services as education_services

    _program(center)
    course = _course_on(center, MAY_23)
    education_services.add_session(course=course, date=MAY_23, topic="1강")
    _graduates_in(course)


def _courses_with_graduates(center: Center) -> None:
    from dure.education import services as education_services

    _program(center)
    for day in sorted({day for _, day in ACCEPTED}):
        course = _course_on(center, day)
        education_services.add_session(course=course, date=datetime.date(2017, 12, 31), topic="1강")
        _graduates_in(course)


def _courses_with_people(center: Center) -> None:
    from dure.education import services as education_services

    _program(center)
    for day in sorted({day for _, day in ACCEPTED}):
        course = _course_on(center, day)
        education_services.add_session(course=course, date=datetime.date(2017, 12, 31), topic="1강")
        _people_in(course)


def _tour(center: Center) -> None:
    from dure.education import services as education_services

    _program(center)
    education_services.create_study_tour(
        center=center,
        program=Program.objects.get(center=center),
        date=datetime.date(2017, 1, 1),
        kind="dispatch",
        title="시장 조사",
    )


def _education_saved(model_name: str, text: str, day: str) -> Callable[[], dict[int, Any]]:
    """The saved date `day` of each row of an education model, by the marker in `text`."""

    def saved() -> dict[int, Any]:
        from django.apps import apps as registry

        model = registry.get_model("education", model_name)
        found = {}
        for row in model.objects.all():
            found[_marker(_attribute(row, text))] = _attribute(row, day)
        return found

    return saved


def _attribute(row: Any, path: str) -> Any:
    for name in path.split("."):
        row = getattr(row, name)
    return row


EDUCATION = "공공 시장 확대 지원"
SAMPLES: dict[tuple[str, str], Sample] = {
    ("enterprises", "founded_on"): Sample(
        ["기업명", "자치구", "설립일"],
        lambda cell, n: [f"날짜표기업 {n}", "강동구", cell],
        lambda: {_marker(e.name): e.founded_on for e in Enterprise.objects.all()},
    ),
    ("enterprises", "designation_start"): Sample(
        ["기업명", "자치구", "인증·지정 시작일"],
        lambda cell, n: [f"날짜표기업 {n}", "강동구", cell],
        lambda: {_marker(d.enterprise.name): d.starts_on for d in Designation.objects.all()},
    ),
    ("activities", "일자"): Sample(
        list(ACTIVITY_COLUMNS),
        lambda cell, n: [cell, "공공 시장 확대 지원", "방문영업", "", "", "", "", "", f"표 {n}"],
        lambda: {_marker(a.notes): a.date for a in Activity.objects.all()},
        _program,
    ),
    ("engagements", "시작일"): Sample(
        ["컨설팅구분", "사업명", "과제유형", "시작일", *ENGAGEMENT_REST],
        lambda cell, n: ["회계지원", "공공 시장 확대 지원", f"표 {n}", cell, *[""] * 5],
        lambda: {_marker(e.task_type): e.starts_on for e in Engagement.objects.all()},
        _program,
    ),
    ("engagements", "종료일"): Sample(
        ["컨설팅구분", "사업명", "과제유형", "시작일", "종료일", *ENGAGEMENT_REST[1:]],
        lambda cell, n: [
            "회계지원",
            "공공 시장 확대 지원",
            f"표 {n}",
            "2017-01-01",
            cell,
            *[""] * 4,
        ],
        lambda: {_marker(e.task_type): e.ends_on for e in Engagement.objects.all()},
        _program,
    ),
    ("transfers", "일자"): Sample(
        ["일자", "보내는 과목", "받는 과목", "금액", "사유"],
        lambda cell, n: [cell, "강사료", "영업단", 1000, f"표 {n}"],
        lambda: {_marker(t.reason): t.transferred_on for t in Transfer.objects.all()},
        _budget,
    ),
    ("expenditures", "일자"): Sample(
        ["일자", "세부계정과목", "지급처", "내용", "금액", "증빙"],
        lambda cell, n: [cell, "영업단", "문구점", f"표 {n}", 1000, ""],
        lambda: {_marker(e.description): e.spent_on for e in Expenditure.objects.all()},
        _budget,
    ),
    ("market_consultations", "일자"): Sample(
        ["일자", "사업명", "상담 주제"],
        lambda cell, n: [cell, MARKET[0], f"표 {n}"],
        lambda: {_marker(c.topic): c.date for c in Consultation.objects.all()},
        _market,
    ),
    ("market_visits", "일자"): Sample(
        ["일자", "사업명", "방문 기관", "구분", "비고"],
        lambda cell, n: [cell, *MARKET, "공공기관", f"표 {n}"],
        lambda: {_marker(v.notes): v.date for v in Visit.objects.all()},
        _market,
    ),
    ("market_database_entries", "일자"): Sample(
        ["일자", "사업명", "기관", "비고"],
        lambda cell, n: [cell, *MARKET, f"표 {n}"],
        lambda: {_marker(e.notes): e.date for e in DatabaseEntry.objects.all()},
        _market,
    ),
    ("market_briefings", "일자"): Sample(
        ["일자", "사업명", "내용"],
        lambda cell, n: [cell, MARKET[0], f"표 {n}"],
        lambda: {_marker(b.title): b.date for b in Briefing.objects.all()},
        _market,
    ),
    ("market_fairs", "일자"): Sample(
        ["일자", "사업명", "개최기관", "비고"],
        lambda cell, n: [cell, *MARKET, f"표 {n}"],
        lambda: {_marker(f.notes): f.date for f in Fair.objects.all()},
        _market,
    ),
    ("market_opportunities", "일자"): Sample(
        OPPORTUNITY,
        lambda cell, n: [cell, *_opportunity(n, "영업매칭")[1:]],
        lambda: {_marker(o.need): o.date for o in Opportunity.objects.all()},
        _market,
    ),
    ("market_opportunities", "박람회 일자"): Sample(
        [*OPPORTUNITY, "박람회 일자", "박람회 개최기관"],
        lambda cell, n: _opportunity(n, "박람회", cell, "강동구청"),
        lambda: {
            _marker(o.need): o.fair.date if o.fair else None
            for o in Opportunity.objects.select_related("fair")
        },
        _market_with_fairs,
    ),
    ("market_opportunities", "계약일"): Sample(
        [*OPPORTUNITY, "단계", "계약 기업", "계약일", "계약금액(원)"],
        lambda cell, n: _opportunity(n, "영업매칭", "계약", MARKET_NUMBER, cell, 1000),
        lambda: {_marker(o.need): o.contracted_on for o in Opportunity.objects.all()},
        _market,
    ),
    ("market_demand_organizations", "일자"): Sample(
        ["일자", "사업명", "수요처", "구분", "비고"],
        lambda cell, n: [cell, *MARKET, "지원조직", f"표 {n}"],
        lambda: {_marker(d.notes): d.date for d in DemandOrganization.objects.all()},
        _market,
    ),
    ("market_sales_linkages", "일자"): Sample(
        ["일자", "사업명", "수요기업", "공급기업", "계약내용"],
        lambda cell, n: [cell, *MARKET, MARKET_NUMBER, f"표 {n}"],
        lambda: {_marker(b.item): b.date for b in B2BLinkage.objects.all()},
        _market,
    ),
    ("market_supply_surveys", "일자"): Sample(
        ["일자", "사업명", "기업", "조사 내용"],
        lambda cell, n: [cell, MARKET[0], MARKET_NUMBER, f"표 {n}"],
        lambda: {_marker(s.findings): s.date for s in SupplySurvey.objects.all()},
        _market,
    ),
    ("market_outlets", "일자"): Sample(
        ["일자", "사업명", "판매처", "종류", "비고"],
        lambda cell, n: [cell, *MARKET, "거점매장", f"표 {n}"],
        lambda: {_marker(o.notes): o.date for o in Outlet.objects.all()},
        _market,
    ),
    ("market_listings", "일자"): Sample(
        ["일자", "사업명", "판매처 종류", "기업", "제품"],
        lambda cell, n: [cell, MARKET[0], "유통채널", MARKET_NUMBER, f"표 {n}"],
        lambda: {_marker(item.product): item.date for item in Listing.objects.all()},
        _market,
    ),
    ("market_marketing_supports", "일자"): Sample(
        ["일자", "사업명", "구분", "기업", "지원 내용"],
        lambda cell, n: [cell, MARKET[0], "교차마케팅", MARKET_NUMBER, f"표 {n}"],
        lambda: {_marker(m.content): m.date for m in MarketingSupport.objects.all()},
        _market,
    ),
    ("market_sales_events", "일자"): Sample(
        ["일자", "사업명", "행사명", "구분"],
        lambda cell, n: [cell, MARKET[0], f"표 {n}", "박람회"],
        lambda: {_marker(e.name): e.date for e in SalesEvent.objects.all()},
        _market,
    ),
    ("market_event_participations", "행사 일자"): Sample(
        ["행사 일자", "행사명", "기업", "비고"],
        lambda cell, n: [cell, "한마당 장터", MARKET_NUMBER, f"표 {n}"],
        lambda: {_marker(p.notes): p.event.date for p in EventParticipation.objects.all()},
        _market_with_events,
    ),
    ("market_purchases", "결의일"): Sample(
        ["구매 기관", "결의일", "공급자 사업자등록번호", "품목", "금액(원)"],
        lambda cell, n: [MARKET[1], cell, MARKET_NUMBER, f"표 {n}", 1000],
        lambda: {_marker(p.item): p.resolved_on for p in Purchase.objects.all()},
        _market,
    ),
    ("income", "일자"): Sample(
        ["일자", "구분", "과목 또는 계좌", "금액", "사유"],
        lambda cell, n: [cell, "이자", "제안사업비", 100, f"표 {n}"],
        lambda: {_marker(i.note): i.received_on for i in Income.objects.all()},
        _budget,
    ),
    ("education_courses", "일자"): Sample(
        ["일자", "사업명", "과정명", "분야"],
        lambda cell, n: [cell, EDUCATION, f"표 {n}", "대상별"],
        _education_saved("Course", "title", "date"),
        _program,
    ),
    ("education_courses", "종료일"): Sample(
        ["일자", "사업명", "과정명", "분야", "종료일"],
        lambda cell, n: ["2017-01-01", EDUCATION, f"표 {n}", "대상별", cell],
        _education_saved("Course", "title", "ends_on"),
        _program,
    ),
    ("education_study_tours", "일자"): Sample(
        ["일자", "사업명", "구분", "연수 주제"],
        lambda cell, n: [cell, EDUCATION, "전략기획연수", f"표 {n}"],
        _education_saved("StudyTour", "title", "date"),
        _program,
    ),
    ("education_study_tours", "종료일"): Sample(
        ["일자", "사업명", "구분", "연수 주제", "종료일"],
        lambda cell, n: ["2017-01-01", EDUCATION, "전략기획연수", f"표 {n}", cell],
        _education_saved("StudyTour", "title", "ends_on"),
        _program,
    ),
    ("education_tour_participants", "일자"): Sample(
        ["일자", "사업명", "연수 구분", "연수 주제", "이름"],
        lambda cell, n: [cell, EDUCATION, "기술연수(파견)", "시장 조사", f"표 {n}"],
        _education_saved("StudyTourParticipant", "person_name", "date"),
        _tour,
    ),
    ("education_intro_supports", "일자"): Sample(
        ["일자", "사업명", "운영 기관", "주요 교육내용"],
        lambda cell, n: [cell, EDUCATION, "강동구청", f"표 {n}"],
        _education_saved("YouthIntroSupport", "content", "date"),
        _market,
    ),
    ("education_youth_sessions", "일자"): Sample(
        ["일자", "사업명", "회차", "참여 학교", "비고"],
        lambda cell, n: [cell, EDUCATION, n + 1, "강동구청", f"표 {n}"],
        _education_saved("YouthSession", "notes", "date"),
        _market,
    ),
    ("education_haenaem_teams", "일자"): Sample(
        ["일자", "사업명", "팀명", "프로젝트명", "학교"],
        lambda cell, n: [cell, EDUCATION, f"팀 {n}", "프로젝트", "강동구청"],
        _education_saved("HaenaemTeam", "team_name", "date"),
        _market,
    ),
    ("education_network_events", "일자"): Sample(
        ["일자", "사업명", "행사명"],
        lambda cell, n: [cell, EDUCATION, f"행사 {n}"],
        _education_saved("YouthNetworkEvent", "title", "date"),
        _program,
    ),
    ("education_enrolments", "신청일"): Sample(
        ["과정명", "과정 시작일", "이름", "신청일"],
        lambda cell, n: ["기초 과정", "2017-05-23", f"표 {n}", cell],
        _education_saved("Enrolment", "person_name", "enrolled_on"),
        _one_course,
    ),
    ("education_enrolments", "과정 시작일"): Sample(
        ["과정명", "과정 시작일", "이름", "신청일"],
        lambda cell, n: ["기초 과정", cell, f"표 {n}", "2017-05-01"],
        _education_saved("Enrolment", "person_name", "course.date"),
        _courses,
    ),
    ("education_attendance", "회차 일자"): Sample(
        ["과정명", "과정 시작일", "이름", "회차 일자"],
        lambda cell, n: ["기초 과정", "2017-05-23", f"표 {n}", cell],
        _education_saved("Attendance", "enrolment.person_name", "session.date"),
        _course_with_sessions,
    ),
    ("education_attendance", "과정 시작일"): Sample(
        ["과정명", "과정 시작일", "이름", "회차 일자"],
        lambda cell, n: ["기초 과정", cell, f"표 {n}", "2017-12-31"],
        _education_saved("Attendance", "enrolment.person_name", "enrolment.course.date"),
        _courses_with_people,
    ),
    ("education_survey_responses", "응답일"): Sample(
        ["과정명", "과정 시작일", "만족도", "의견", "응답일"],
        lambda cell, n: ["기초 과정", "2017-05-23", 5, f"표 {n}", cell],
        _education_saved("SurveyResponse", "comment", "answered_on"),
        _one_course,
    ),
    ("education_survey_responses", "과정 시작일"): Sample(
        ["과정명", "과정 시작일", "만족도", "의견", "응답일"],
        lambda cell, n: ["기초 과정", cell, 5, f"표 {n}", "2017-12-31"],
        _education_saved("SurveyResponse", "comment", "course.date"),
        _courses,
    ),
    ("education_graduate_outcomes", "활동 일자"): Sample(
        ["과정명", "과정 시작일", "이름", "구분", "활동 일자"],
        lambda cell, n: ["기초 과정", "2017-05-23", f"표 {n}", "창업", cell],
        _education_saved("GraduateOutcome", "enrolment.person_name", "date"),
        _course_with_graduates,
    ),
    ("education_graduate_outcomes", "과정 시작일"): Sample(
        ["과정명", "과정 시작일", "이름", "구분", "활동 일자"],
        lambda cell, n: ["기초 과정", cell, f"표 {n}", "창업", "2017-12-31"],
        _education_saved("GraduateOutcome", "enrolment.person_name", "enrolment.course.date"),
        _courses_with_graduates,
    ),
}


def _saved(label: str, text: str, day: str) -> Callable[[], dict[int, Any]]:
    """The saved date `day` of each row of a model (`app.Model`), by the marker in `text`."""

    def saved() -> dict[int, Any]:
        from django.apps import apps as registry

        found = {}
        for row in registry.get_model(label).objects.all():
            value = _attribute(row, day)
            if isinstance(value, datetime.datetime):
                value = timezone.localtime(value).date()
            found[_marker(_attribute(row, text))] = value
        return found

    return saved


MODULE = "공공 시장 확대 지원"


def _dated(
    label: str, header: list[str], cells: list[Any], setup: Callable[[Center], None]
) -> Sample:
    """A dated record of a module: 일자 and 사업명, its own cells, the marker in 비고."""
    return Sample(
        ["일자", "사업명", *header, "비고"],
        lambda cell, n: [cell, MODULE, *cells, f"표 {n}"],
        _saved(label, "notes", "date"),
        setup,
    )


def _workspace(center: Center) -> None:
    from dure.ecosystem import services as ecosystem_services

    _program(center)
    ecosystem_services.save_workspace(center=center, name="기술혁신랩", kind="innovation_lab")


def _zone(center: Center) -> None:
    from dure.ecosystem import services as ecosystem_services

    _program(center)
    ecosystem_services.record_special_zone(
        center=center,
        program=Program.objects.get(center=center),
        date=MAY_23,
        district="강동구",
        title="가족패션",
    )


def _rooms(center: Center) -> None:
    from dure.resources import services as resource_services
    from dure.resources.models import Resource

    for n in range(len(DATES)):
        resource_services.save_resource(Resource(center=center), name=f"교육장 {n}", kind="venue")


def _tenants(center: Center) -> None:
    for n in range(len(DATES)):
        registry_services.create_institution(center=center, name=f"입주 기관 {n}")


MODULE_SAMPLES: dict[tuple[str, str], Sample] = {
    ("ecosystem_projects", "일자"): _dated(
        "ecosystem.Project", ["분야 구분", "과제명"], ["협동비즈니스", "공동판매"], _program
    ),
    ("ecosystem_outputs", "일자"): _dated(
        "ecosystem.Output", ["성과물 구분", "성과물"], ["모델", "본사 모델"], _program
    ),
    ("ecosystem_special_zones", "일자"): _dated(
        "ecosystem.SpecialZone", ["자치구", "특구 사업명"], ["강북구", "청년 클러스터"], _program
    ),
    ("ecosystem_zone_supports", "일자"): _dated(
        "ecosystem.ZoneSupport", ["지원 구분", "예비특구"], ["컨설팅", "강동구"], _zone
    ),
    ("ecosystem_meetings", "일자"): _dated(
        "ecosystem.Meeting", ["회의 구분", "형식"], ["민관정책협의회 정기회의", "회의"], _program
    ),
    ("ecosystem_village_supports", "일자"): _dated(
        "ecosystem.VillageSupport",
        ["지원 구분", "일상지원 유형", "기업"],
        ["일상지원", "회계지원", "두레상회"],
        _market,
    ),
    ("ecosystem_levelup_supports", "일자"): _dated(
        "ecosystem.LevelUpSupport", ["마을기업", "지원유형"], ["두레상회", "홍보마케팅"], _market
    ),
    ("ecosystem_workspace_activities", "일자"): _dated(
        "ecosystem.WorkspaceActivity",
        ["공간", "활동 구분", "내용"],
        ["기술혁신랩", "교육·워크숍", "장비 교육"],
        _workspace,
    ),
    ("ecosystem_workspace_uses", "일자"): _dated(
        "ecosystem.WorkspaceUse", ["공간", "이용자수"], ["기술혁신랩", 31], _workspace
    ),
    ("ecosystem_memberships", "일자"): _dated(
        "ecosystem.WorkspaceMembership", ["공간", "회원"], ["기술혁신랩", "공방"], _workspace
    ),
    ("ecosystem_grants", "일자"): _dated(
        "ecosystem.SectorGrant",
        ["지원 기관", "부문", "지원금액"],
        ["강동구청", "자활기업", 30_000_000],
        _market,
    ),
    ("ecosystem_workspaces", "개소일"): Sample(
        ["공간명", "공간 구분", "개소일"],
        lambda cell, n: [f"공간 {n}", "사회적경제 허브", cell],
        _saved("ecosystem.Workspace", "name", "opened"),
    ),
    ("outreach_newsletter_issues", "일자"): _dated(
        "outreach.NewsletterIssue", ["제목"], ["세모편지"], _program
    ),
    ("outreach_stories", "일자"): _dated(
        "outreach.Story", ["구분", "제목"], ["카드뉴스", "협동조합 이야기"], _program
    ),
    ("outreach_campaigns", "일자"): _dated(
        "outreach.Campaign", ["협력 매체", "캠페인"], ["강동구청", "기획 기사"], _market
    ),
    ("outreach_events", "일자"): _dated(
        "outreach.Event",
        ["구분", "행사명", "참석 인원"],
        ["콜로키움", "콜로키움", "60여명"],
        _program,
    ),
    ("outreach_research_projects", "일자"): _dated(
        "outreach.ResearchProject", ["연구 기관", "연구명"], ["강동구청", "기초 연구"], _market
    ),
    ("outreach_research_projects", "종료일"): Sample(
        ["일자", "사업명", "연구 기관", "연구명", "종료일", "비고"],
        lambda cell, n: ["2017-01-01", MODULE, "강동구청", "기초 연구", cell, f"표 {n}"],
        _saved("outreach.ResearchProject", "notes", "ends_on"),
        _market,
    ),
    ("outreach_delegations", "방문일"): Sample(
        ["방문일", "구분", "방문 기관·단체", "인원"],
        lambda cell, n: [cell, "해외", f"연수단 {n}", 25],
        _saved("outreach.Delegation", "name", "date"),
    ),
    ("outreach_publications", "발간일"): Sample(
        ["구분", "번호", "자료명", "발간일"],
        lambda cell, n: ["5. 홍보 및 연구사업", f"5-{n}", f"자료 {n}", cell],
        _saved("outreach.Publication", "title", "published_on"),
    ),
    ("outreach_subscribers", "동의일"): Sample(
        ["이메일", "이름", "동의일", "동의 방법"],
        lambda cell, n: [f"reader{n}@example.kr", f"독자 {n}", cell, "행사 현장 신청서"],
        _saved("outreach.Subscriber", "name", "consented_at"),
    ),
    ("resources_bookings", "시작일"): Sample(
        ["자원", "시작일", "시작 시각", "종료일", "종료 시각", "단체명"],
        lambda cell, n: [f"교육장 {n}", cell, "00:00", "2017-12-31", "23:00", f"모임 {n}"],
        _saved("resources.Booking", "organisation_name", "starts_at"),
        _rooms,
    ),
    ("resources_bookings", "종료일"): Sample(
        ["자원", "시작일", "시작 시각", "종료일", "종료 시각", "단체명"],
        lambda cell, n: [f"교육장 {n}", "2017-01-01", "00:00", cell, "23:00", f"모임 {n}"],
        _saved("resources.Booking", "organisation_name", "ends_at"),
        _rooms,
    ),
    ("resources_tenancies", "입주일"): Sample(
        ["입주 기관", "입주일"],
        lambda cell, n: [f"입주 기관 {n}", cell],
        _saved("resources.Tenancy", "institution.name", "starts_on"),
        _tenants,
    ),
    ("resources_tenancies", "퇴거일"): Sample(
        ["입주 기관", "입주일", "퇴거일"],
        lambda cell, n: [f"입주 기관 {n}", "2017-01-01", cell],
        _saved("resources.Tenancy", "institution.name", "ends_on"),
        _tenants,
    ),
}
SAMPLES.update(MODULE_SAMPLES)


def test_every_date_column_of_every_kind_has_a_sample():
    date_columns = {
        (kind, column.key)
        for kind, importer in registered_importers().items()
        for column in importer.columns
        if column.is_date
    }
    assert date_columns == set(SAMPLES)


DATE_NAME = re.compile(r"일자|날짜|(?<!메)일$|date", re.IGNORECASE)


def test_every_column_named_like_a_date_is_marked_as_one():
    for kind, importer in registered_importers().items():
        for column in importer.columns:
            names = column.names()
            looks_like_a_date = any(DATE_NAME.search(name) for name in names)
            assert column.is_date or not looks_like_a_date, f"{kind}: {column.label}"


def _workbook(sample: Sample, cells: list[Any]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(sample.header)
    for n, cell in enumerate(cells):
        sheet.append(sample.row(cell, n))
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _importer(kind: str, center: Center) -> Any:
    return get_importer(kind)(center=center, year=2017)


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "key"), sorted(SAMPLES))
def test_every_kind_reads_the_table_from_a_real_file(kind, key):
    center = Center.objects.get(code="SEOUL-GANGDONG")
    sample = SAMPLES[kind, key]
    sample.setup(center)
    cells = [cell for cell, _ in ACCEPTED]
    run_import(_importer(kind, center), _workbook(sample, cells), f"{kind}.xlsx")
    assert sample.saved() == {n: day for n, (_, day) in enumerate(ACCEPTED)}


@pytest.mark.django_db
@pytest.mark.parametrize(("kind", "key"), sorted(SAMPLES))
def test_every_kind_refuses_the_tables_bad_dates_by_row_and_column(kind, key):
    center = Center.objects.get(code="SEOUL-GANGDONG")
    sample = SAMPLES[kind, key]
    sample.setup(center)
    column = next(c for c in get_importer(kind).columns if c.key == key)
    header = next(name for name in sample.header if name in column.names())
    with pytest.raises(ImportRejected) as rejected:
        run_import(_importer(kind, center), _workbook(sample, REFUSED), f"{kind}.xlsx")
    problems = {(error.row, error.column) for error in rejected.value.errors}
    # The header is row 1, so the table's n-th refused cell is on row n + 2.
    assert problems == {(n + 2, header) for n in range(len(REFUSED))}
    assert not sample.saved()
