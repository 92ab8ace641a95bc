"""Every module's kinds go through the same import command and upload screen."""

import datetime
import io
import re
from collections.abc import Callable

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from dure.budget.models import BudgetLine
from dure.budget.tests.factories import program_in
from dure.core import services
from dure.core.imports import UPLOAD_CAPABILITY, get_importer, registered_importers, run_import
from dure.core.models import Center, ImportJob, ImportStatus
from dure.core.roles import CAPABILITIES
from dure.core.services import ensure_fiscal_year
from dure.ecosystem import services as ecosystem_services
from dure.market import services as market_services
from dure.programs.models import Program
from dure.registry import services as registry_services
from dure.registry.tests.factories import valid_business_number
from dure.resources import services as resource_services
from dure.resources.models import Resource

BUDGET_CSV = (
    "관,항,목,세부계정과목,사업명,초기예산액\n"
    "제안사업비,판로지원,공공시장,영업지원단 운영,,30000000\n"
    "제안사업비,판로지원,공공시장,사업관리비,,1000000\n"
)


def test_the_shared_command_knows_every_modules_kinds():
    kinds = set(registered_importers())
    assert {"enterprises", "institutions", "experts"} <= kinds
    assert {"budget", "transfers", "expenditures", "income"} <= kinds
    assert {
        "market_consultations",
        "market_visits",
        "market_database_entries",
        "market_briefings",
        "market_fairs",
        "market_sales_teams",
        "market_opportunities",
        "market_demand_organizations",
        "market_sales_linkages",
        "market_supply_surveys",
        "market_outlets",
        "market_listings",
        "market_marketing_supports",
        "market_sales_events",
        "market_event_participations",
        "market_purchases",
    } <= kinds
    assert {"resources_resources", "resources_bookings", "resources_tenancies"} <= kinds
    assert {
        "outreach_newsletter_issues",
        "outreach_stories",
        "outreach_campaigns",
        "outreach_events",
        "outreach_research_projects",
        "outreach_delegations",
        "outreach_publications",
        "outreach_subscribers",
    } <= kinds
    assert {
        "ecosystem_projects",
        "ecosystem_outputs",
        "ecosystem_special_zones",
        "ecosystem_zone_supports",
        "ecosystem_meetings",
        "ecosystem_village_supports",
        "ecosystem_levelup_supports",
        "ecosystem_workspace_activities",
        "ecosystem_workspace_uses",
        "ecosystem_memberships",
        "ecosystem_grants",
        "ecosystem_workspaces",
    } <= kinds


def test_a_yearly_kind_needs_the_year_on_the_command_line(db, tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text(BUDGET_CSV, encoding="utf-8")
    try:
        call_command("import_records", "budget", str(path), "--center", "SEOUL")
    except Exception as error:
        assert "--year" in str(error)
    else:
        raise AssertionError("budget import without --year was accepted")
    assert not BudgetLine.objects.exists()


def test_budget_lines_upload_through_the_web_with_a_year(
    client, metro_admin, program_staff, django_capture_on_commit_callbacks
):
    client.force_login(program_staff)
    page = client.get(reverse("core:import_upload")).content.decode()
    assert 'value="budget"' not in page  # program staff may not set up budget lines
    client.force_login(metro_admin)
    upload = io.BytesIO(BUDGET_CSV.encode("cp949"))
    upload.name = "예산.csv"
    missing_year = client.post(reverse("core:import_upload"), {"kind": "budget", "file": upload})
    assert "회계연도가 필요합니다" in missing_year.content.decode()
    upload.seek(0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:import_upload"), {"kind": "budget", "year": 2017, "file": upload}
        )
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("core:import_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "checked", job.errors
    assert not BudgetLine.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:import_confirm", args=[job.pk]))
    assert BudgetLine.objects.filter(center=metro_admin.center).count() == 2


def test_every_kind_is_offered_behind_the_upload_screens_door():
    door = CAPABILITIES[UPLOAD_CAPABILITY]
    for kind, importer in registered_importers().items():
        assert CAPABILITIES[importer.capability] <= door, kind


def _budget_lines(center: Center) -> None:
    fiscal_year = ensure_fiscal_year(year=2017)
    program_in(center, fiscal_year, "공공 시장 확대 지원")
    budget = (
        "관,세부계정과목,사업명,초기예산액\n"
        "제안사업비,영업단,공공 시장 확대 지원,30000000\n"
        "제안사업비,강사료,아카데미 운영,20000000\n"
    )
    run_import(get_importer("budget")(center=center, year=2017), budget.encode(), "budget.csv")


def _program(center: Center) -> None:
    program_in(center, ensure_fiscal_year(year=2017), "공공 시장 확대 지원")


MARKET_NUMBER = valid_business_number(77)


def _market(center: Center) -> None:
    _program(center)
    registry_services.create_institution(center=center, name="강동구청", district="강동구")
    registry_services.create_enterprise(
        center=center, name="두레상회", business_number=MARKET_NUMBER
    )


def _sales_event(center: Center) -> None:
    _market(center)
    market_services.record_sales_event(
        center=center,
        program=Program.objects.get(center=center),
        date=datetime.date(2017, 10, 20),
        name="한마당 장터",
        kind="박람회",
    )


def _venue(center: Center) -> None:
    resource_services.save_resource(Resource(center=center), name="교육장", kind="venue")


def _ecosystem(center: Center) -> None:
    _market(center)
    program = Program.objects.get(center=center)
    day = datetime.date(2017, 5, 23)
    ecosystem_services.save_workspace(center=center, name="기술혁신랩", kind="innovation_lab")
    ecosystem_services.record_project(
        center=center, program=program, date=day, track="franchising", title="본사 체계"
    )
    ecosystem_services.record_special_zone(
        center=center, program=program, date=day, district="강동구", title="가족패션"
    )


ECOSYSTEM = "2017-05-23,공공 시장 확대 지원"


def _course(center: Center) -> None:
    from dure.education import services as education_services

    _market(center)
    course = education_services.create_course(
        center=center,
        program=Program.objects.get(center=center),
        date=datetime.date(2017, 5, 23),
        title="기초 과정",
        track="audience",
    )
    education_services.add_session(course=course, date=datetime.date(2017, 5, 30), topic="1강")
    person = education_services.enrol(
        course=course, person_name="김수강", enrolled_on=datetime.date(2017, 5, 1)
    )
    education_services.set_attendance(
        course=course, present={course.sessions.get().pk: [person.pk]}
    )


def _tour(center: Center) -> None:
    from dure.education import services as education_services

    _program(center)
    education_services.create_study_tour(
        center=center,
        program=Program.objects.get(center=center),
        date=datetime.date(2017, 9, 20),
        kind="dispatch",
        title="시장 조사",
    )


# Each kind: a file whose row 2 is good and row 3 is bad, the column row 3 is refused at, and what
# must exist before. Every registered kind must be here.
BAD_ROWS: dict[str, tuple[str, str, Callable[[Center], None] | None]] = {
    "enterprises": (
        "기업명,사업자등록번호,자치구\n"
        "가나 협동조합,220-81-62517,강동구\n"
        "다라 협동조합,220-81-62518,강동구\n",
        "사업자등록번호",
        None,
    ),
    "institutions": (
        "기관명,기관 분류\n강동구청,구청\n어느 기관,우주정거장\n",
        "기관 분류",
        None,
    ),
    "experts": (
        "성명,역할,자원풀 시작 연도\n김혜준,컨설턴트,2017\n박설인,우주인,2017\n",
        "역할",
        None,
    ),
    "programs": (
        "구분,사업명,세부사업,지표명,단위,목표,집계방식,조건\n"
        "판로 지원,공공시장,,방문,건,10,수기,\n"
        "판로 지원,공공시장,,교육,마리,10,수기,\n",
        "단위",
        None,
    ),
    "activities": (
        "일자,사업명,활동유형,사업자등록번호,기관명,자치구,인원,금액,비고\n"
        "2017-05-23,공공 시장 확대 지원,방문영업,,,,,,\n"
        "2017-05-23,공공 시장 확대 지원,방문영업,,,,NaN,,\n",
        "인원",
        _program,
    ),
    "engagements": (
        "기업명,사업자등록번호,컨설팅구분,담당기관,담당컨설턴트,과제유형,시작일,종료일,사업명\n"
        ",,회계지원,,,,2017-05-23,,공공 시장 확대 지원\n"
        ",,우주여행,,,,2017-05-23,,공공 시장 확대 지원\n",
        "컨설팅구분",
        _program,
    ),
    "budget": (
        "관,세부계정과목,사업명,초기예산액\n"
        "제안사업비,영업단,공공 시장 확대 지원,1000\n"
        "제안사업비,강사료,아카데미 운영,Infinity\n",
        "초기예산액",
        _program,
    ),
    "transfers": (
        "일자,보내는 과목,받는 과목,금액,사유\n"
        "2017-06-01,강사료,영업단,1000,박람회\n"
        "2017-06-01,영업단,없는 과목,1000,없는 과목\n",
        "받는 과목",
        _budget_lines,
    ),
    "expenditures": (
        "일자,세부계정과목,지급처,내용,금액,증빙\n"
        "2017-05-10,영업단,문구점,용품,1000,\n"
        "2017-05-10,영업단,문구점,용품,1e600000,\n",
        "금액",
        _budget_lines,
    ),
    "income": (
        "일자,구분,과목 또는 계좌,금액,사유\n"
        "2017-12-31,이자,제안사업비,100,\n"
        "2017-02-30,이자,제안사업비,100,\n",
        "일자",
        _budget_lines,
    ),
    "market_consultations": (
        "일자,사업명,상담자 구분,상담 주제\n"
        "2017-05-23,공공 시장 확대 지원,공공기관,입찰 절차\n"
        "2017-05-23,공공 시장 확대 지원,외계인,입찰 절차\n",
        "상담자 구분",
        _market,
    ),
    "market_visits": (
        "일자,사업명,방문 기관,구분\n"
        "2017-05-23,공공 시장 확대 지원,강동구청,공공기관\n"
        "2017-05-23,공공 시장 확대 지원,없는구청,공공기관\n",
        "방문 기관",
        _market,
    ),
    "market_database_entries": (
        "일자,사업명,DB,기업,기관\n"
        f"2017-05-23,공공 시장 확대 지원,SE기업,{MARKET_NUMBER},\n"
        "2017-05-23,공공 시장 확대 지원,우주,,강동구청\n",
        "DB",
        _market,
    ),
    "market_briefings": (
        "일자,사업명,내용,참여인원\n"
        "2017-05-23,공공 시장 확대 지원,공공구매 설명회,30\n"
        "2017-05-23,공공 시장 확대 지원,공공구매 설명회,-3\n",
        "참여인원",
        _market,
    ),
    "market_fairs": (
        "일자,사업명,개최기관,방문객\n"
        "2017-09-14,공공 시장 확대 지원,강동구청,150\n"
        "2018-03-02,공공 시장 확대 지원,강동구청,150\n",
        "일자",
        _market,
    ),
    "market_sales_teams": (
        "사업명,자치구,이름\n"
        "공공 시장 확대 지원,강동구,김영업\n"
        "공공 시장 확대 지원,해운대구,박영업\n",
        "자치구",
        _market,
    ),
    "market_opportunities": (
        "일자,사업명,발주기관,수요 내용,지원 방식,경로,단계,계약 기업,계약일,계약금액(원)\n"
        "2017-05-23,공공 시장 확대 지원,강동구청,청소 용역,입찰지원,영업매칭,입찰,,,\n"
        f"2017-05-23,공공 시장 확대 지원,강동구청,급식 납품,매칭,영업매칭,계약,{MARKET_NUMBER},,"
        "5000000\n",
        "계약일",
        _market,
    ),
    "market_demand_organizations": (
        "일자,사업명,수요처,구분\n"
        "2017-05-23,공공 시장 확대 지원,강동구청,지원조직\n"
        "2017-05-23,공공 시장 확대 지원,없는생협,유통채널\n",
        "수요처",
        _market,
    ),
    "market_sales_linkages": (
        "일자,사업명,공급기업,수요기업,계약금액\n"
        f"2017-05-23,공공 시장 확대 지원,{MARKET_NUMBER},강동구청,1000000\n"
        f"2017-05-23,공공 시장 확대 지원,{MARKET_NUMBER},강동구청,1e600000\n",
        "계약금액",
        _market,
    ),
    "market_supply_surveys": (
        "일자,사업명,기업,조사 내용\n"
        "2017-05-23,공공 시장 확대 지원,두레상회,생산 능력\n"
        "2017-05-23,공공 시장 확대 지원,없는상회,생산 능력\n",
        "기업",
        _market,
    ),
    "market_outlets": (
        "일자,사업명,판매처,종류\n"
        "2017-05-23,공공 시장 확대 지원,강동구청,거점매장\n"
        "2017-05-23,공공 시장 확대 지원,강동구청,백화점\n",
        "종류",
        _market,
    ),
    "market_listings": (
        "일자,사업명,판매처 종류,기업,매출\n"
        "2017-05-23,공공 시장 확대 지원,유통채널,두레상회,1000\n"
        "2017-05-23,공공 시장 확대 지원,유통채널,두레상회,-1000\n",
        "매출",
        _market,
    ),
    "market_marketing_supports": (
        "일자,사업명,구분,기업\n"
        "2017-05-23,공공 시장 확대 지원,교차마케팅,두레상회\n"
        "2017-05-23,공공 시장 확대 지원,방송광고,두레상회\n",
        "구분",
        _market,
    ),
    "market_sales_events": (
        "일자,사업명,행사명,구분\n"
        "2017-05-23,공공 시장 확대 지원,생협 기획전,생협기획행사-상설\n"
        "2017-05-23,공공 시장 확대 지원,생협 기획전,\n",
        "구분",
        _market,
    ),
    "market_event_participations": (
        "행사 일자,행사명,기업,매출(원)\n"
        "2017-10-20,한마당 장터,두레상회,450000\n"
        "2017-10-20,없는 장터,두레상회,450000\n",
        "행사명",
        _sales_event,
    ),
    "market_purchases": (
        "구매 기관,결의일,공급자 사업자등록번호,금액(원)\n"
        f"강동구청,2017-05-23,{MARKET_NUMBER},1000000\n"
        "강동구청,2017-05-23,1234567890,1000000\n",
        "공급자 사업자등록번호",
        _market,
    ),
    "resources_resources": (
        "이름,종류,수용 인원\n교육장,교육장·행사장,40\n강당,우주선,40\n",
        "종류",
        None,
    ),
    "resources_bookings": (
        "자원,시작일,시작 시각,종료일,종료 시각,단체명\n"
        "교육장,2017-05-23,10:00,2017-05-23,12:00,마을 모임\n"
        "교육장,2017-05-23,11:00,2017-05-23,13:00,청년회\n",
        "시작일",
        _venue,
    ),
    "resources_tenancies": (
        "입주 기관,입주일\n강동구청,2017-03-02\n없는 기관,2017-03-02\n",
        "입주 기관",
        _market,
    ),
    "outreach_newsletter_issues": (
        "일자,사업명,제목,호수\n"
        "2017-03-02,공공 시장 확대 지원,세모편지,98\n"
        "2017-03-16,공공 시장 확대 지원,세모편지,아흔아홉\n",
        "호수",
        _program,
    ),
    "outreach_stories": (
        "일자,사업명,구분,제목\n"
        "2017-03-02,공공 시장 확대 지원,카드뉴스,협동조합 이야기\n"
        "2017-03-02,공공 시장 확대 지원,만화,협동조합 이야기\n",
        "구분",
        _program,
    ),
    "ecosystem_projects": (
        f"일자,사업명,분야 구분,과제명\n{ECOSYSTEM},협동비즈니스,공동판매\n"
        f"{ECOSYSTEM},우주개발,공동구매\n",
        "분야 구분",
        _program,
    ),
    "ecosystem_outputs": (
        f"일자,사업명,성과물 구분,성과물,과제명\n{ECOSYSTEM},모델,본사 모델,본사 체계\n"
        f"{ECOSYSTEM},매장,1호점,없는 과제\n",
        "과제명",
        _ecosystem,
    ),
    "ecosystem_special_zones": (
        f"일자,사업명,자치구,특구 사업명\n{ECOSYSTEM},강북구,청년 클러스터\n"
        f"{ECOSYSTEM},화성구,우주 클러스터\n",
        "자치구",
        _program,
    ),
    "ecosystem_zone_supports": (
        f"일자,사업명,지원 구분,예비특구\n{ECOSYSTEM},컨설팅,강동구\n{ECOSYSTEM},컨설팅,도봉구\n",
        "예비특구",
        _ecosystem,
    ),
    "ecosystem_meetings": (
        f"일자,사업명,회의 구분,형식\n{ECOSYSTEM},민관정책협의회 정기회의,회의\n"
        f"{ECOSYSTEM},반상회,회의\n",
        "회의 구분",
        _program,
    ),
    "ecosystem_village_supports": (
        f"일자,사업명,지원 구분,일상지원 유형,기업\n{ECOSYSTEM},일상지원,회계지원,두레상회\n"
        f"{ECOSYSTEM},일상지원,회계지원,없는기업\n",
        "기업",
        _market,
    ),
    "ecosystem_levelup_supports": (
        f"일자,사업명,마을기업,지원유형\n{ECOSYSTEM},두레상회,홍보마케팅\n"
        f"{ECOSYSTEM},두레상회,우주홍보\n",
        "지원유형",
        _market,
    ),
    "ecosystem_workspace_activities": (
        f"일자,사업명,공간,활동 구분,내용\n{ECOSYSTEM},기술혁신랩,교육·워크숍,장비 교육\n"
        f"{ECOSYSTEM},없는 공간,교육·워크숍,장비 교육\n",
        "공간",
        _ecosystem,
    ),
    "ecosystem_workspace_uses": (
        f"일자,사업명,공간,이용자수\n{ECOSYSTEM},기술혁신랩,31\n{ECOSYSTEM},기술혁신랩,많음\n",
        "이용자수",
        _ecosystem,
    ),
    "ecosystem_memberships": (
        f"일자,사업명,공간,회원\n{ECOSYSTEM},기술혁신랩,공방\n"
        "2017-13-01,공공 시장 확대 지원,기술혁신랩,공방\n",
        "일자",
        _ecosystem,
    ),
    "ecosystem_grants": (
        f"일자,사업명,지원 기관,부문,지원금액\n{ECOSYSTEM},강동구청,자활기업,30000000\n"
        f"{ECOSYSTEM},강동구청,자활기업,삼천만원\n",
        "지원금액",
        _market,
    ),
    "ecosystem_workspaces": (
        "공간명,공간 구분,면적\n창신숭인 허브,사회적경제 허브,26\n성수 랩,지역재생리빙랩,넓음\n",
        "면적",
        None,
    ),
    "outreach_campaigns": (
        "일자,사업명,협력 매체,캠페인\n"
        "2017-03-02,공공 시장 확대 지원,강동구청,기획 기사\n"
        "2017-03-02,공공 시장 확대 지원,없는 신문,기획 기사\n",
        "협력 매체",
        _market,
    ),
    "outreach_events": (
        "일자,사업명,구분,행사명,참석 인원\n"
        "2017-01-23,공공 시장 확대 지원,정책대화,정책대화,400여명\n"
        "2017-05-19,공공 시장 확대 지원,콜로키움,콜로키움,많음\n",
        "참석 인원",
        _program,
    ),
    "outreach_research_projects": (
        "일자,사업명,연구 기관,연구명,종료일\n"
        "2017-04-01,공공 시장 확대 지원,강동구청,기초 연구,2017-10-31\n"
        "2017-04-01,공공 시장 확대 지원,강동구청,기초 연구 2,2017-13-31\n",
        "종료일",
        _market,
    ),
    "outreach_delegations": (
        "방문일,구분,방문 기관·단체,인원\n"
        "2017-06-01,해외,홍콩대 연수단,25\n"
        "2017-06-01,우주,화성 연수단,25\n",
        "구분",
        None,
    ),
    "outreach_publications": (
        "구분,번호,자료명,발간일\n"
        "5. 홍보 및 연구사업,5-2,2016 센터 성과보고서,2017-03-31\n"
        "5. 홍보 및 연구사업,5-3,리더를 위한 사회적경제 강의,언젠가\n",
        "발간일",
        None,
    ),
    "outreach_subscribers": (
        "이메일,이름,동의일,동의 방법\n"
        "reader@example.kr,김독자,2017-03-02,행사 현장 신청서\n"
        "reader2@example.kr,이독자,,행사 현장 신청서\n",
        "동의일",
        None,
    ),
    "education_courses": (
        "일자,사업명,과정명,분야\n"
        "2017-05-23,공공 시장 확대 지원,기초 과정,대상별\n"
        "2017-05-23,공공 시장 확대 지원,심화 과정,요리\n",
        "분야",
        _program,
    ),
    "education_study_tours": (
        "일자,사업명,구분,연수 주제,파견 기업\n"
        "2017-09-20,공공 시장 확대 지원,기술연수(파견),시장 조사,두레상회\n"
        "2017-09-20,공공 시장 확대 지원,기술연수(파견),시장 조사 2,없는기업\n",
        "파견 기업",
        _market,
    ),
    "education_tour_participants": (
        "일자,사업명,연수 구분,연수 주제,이름\n"
        "2017-09-20,공공 시장 확대 지원,기술연수(파견),시장 조사,홍길동\n"
        "2017-09-20,공공 시장 확대 지원,기술연수(파견),없는 연수,홍길동\n",
        "연수 주제",
        _tour,
    ),
    "education_intro_supports": (
        "일자,사업명,운영 기관,참여인원\n"
        "2017-07-01,공공 시장 확대 지원,강동구청,120\n"
        "2017-07-01,공공 시장 확대 지원,강동구청,많음\n",
        "참여인원",
        _market,
    ),
    "education_youth_sessions": (
        "일자,사업명,회차,참여 학교,참석인원\n"
        "2017-09-07,공공 시장 확대 지원,1,강동구청,27\n"
        "2017-09-07,공공 시장 확대 지원,2,없는학교,27\n",
        "참여 학교",
        _market,
    ),
    "education_haenaem_teams": (
        "일자,사업명,팀명,프로젝트명,학교,팀원수\n"
        "2017-10-01,공공 시장 확대 지원,에코피플,보안관,강동구청,5\n"
        "2017-10-01,공공 시장 확대 지원,,보안관,강동구청,5\n",
        "팀명",
        _market,
    ),
    "education_network_events": (
        "일자,사업명,행사명,참여인원\n"
        "2017-12-27,공공 시장 확대 지원,네트워크 행사,194\n"
        "2017-12-27,공공 시장 확대 지원,네트워크 행사 2,-1\n",
        "참여인원",
        _program,
    ),
    "education_enrolments": (
        "과정명,과정 시작일,이름,신청일\n"
        "기초 과정,2017-05-23,이수강,2017-05-01\n"
        "기초 과정,2017-05-23,박수강,언젠가\n",
        "신청일",
        _course,
    ),
    "education_attendance": (
        "과정명,과정 시작일,이름,회차 일자\n"
        "기초 과정,2017-05-23,김수강,2017-05-30\n"
        "기초 과정,2017-05-23,김수강,2017-06-30\n",
        "회차 일자",
        _course,
    ),
    "education_survey_responses": (
        "과정명,과정 시작일,만족도,응답일\n"
        "기초 과정,2017-05-23,5,2017-06-30\n"
        "기초 과정,2017-05-23,9,2017-06-30\n",
        "만족도",
        _course,
    ),
    "education_graduate_outcomes": (
        "과정명,과정 시작일,이름,구분,활동 일자\n"
        "기초 과정,2017-05-23,김수강,창업,2017-11-01\n"
        "기초 과정,2017-05-23,김수강,우주여행,2017-11-01\n",
        "구분",
        _course,
    ),
}


def test_every_registered_kind_has_a_bad_row_sample():
    assert set(BAD_ROWS) == set(registered_importers())


def _row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label
        in {
            "core",
            "registry",
            "programs",
            "budget",
            "support",
            "market",
            "resources",
            "outreach",
            "ecosystem",
            "education",
            "auditlog",
        }
    }


@pytest.mark.django_db
@pytest.mark.parametrize("kind", sorted(BAD_ROWS))
def test_every_kind_answers_a_bad_row_by_row_and_column_exit_1_and_saves_nothing(kind, tmp_path):
    text, column, setup = BAD_ROWS[kind]
    center = Center.objects.get(code="SEOUL-GANGDONG")
    if setup is not None:
        setup(center)
    path = tmp_path / f"{kind}.csv"
    path.write_bytes(text.encode("cp949"))
    before = _row_counts()
    errors = io.StringIO()
    with pytest.raises(SystemExit) as refused:
        call_command(
            "import_records",
            kind,
            str(path),
            "--center",
            center.code,
            "--year",
            "2017",
            stdout=io.StringIO(),
            stderr=errors,
        )
    assert refused.value.code == 1
    lines = errors.getvalue().splitlines()
    row = text.count("\n")  # the last line of the file is the bad row
    assert len(lines) == 2, lines
    assert re.fullmatch(rf"{row}행 \[{column}\]: \S.*", lines[0]), lines
    assert lines[-1].startswith("문제 ") and lines[-1].endswith("아무것도 저장하지 않았습니다.")
    assert _row_counts() == before


def test_a_job_of_a_kind_the_user_may_not_import_is_refused(client, program_staff):
    with pytest.raises(ValidationError):
        services.start_import(
            user=program_staff,
            center=program_staff.center,
            kind="budget",
            filename="예산.csv",
            data=BUDGET_CSV.encode(),
            year=2017,
        )
    # A job left from before the user lost the kind's capability is neither shown nor confirmed.
    job = ImportJob.objects.create(
        center=program_staff.center,
        user=program_staff,
        kind="budget",
        filename="예산.csv",
        data=BUDGET_CSV.encode(),
        year=2017,
        status=ImportStatus.CHECKED,
    )
    client.force_login(program_staff)
    assert client.get(reverse("core:import_detail", args=[job.pk])).status_code == 403
    assert client.post(reverse("core:import_confirm", args=[job.pk])).status_code == 403
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED


@pytest.mark.parametrize("kind", sorted(BAD_ROWS))
def test_every_kinds_template_downloads_and_reads_back(client, metro_admin, kind):
    client.force_login(metro_admin)
    response = client.get(reverse("core:import_template", args=[kind]))
    assert response.status_code == 200
    importer = get_importer(kind)(center=metro_admin.center, year=2017)
    table = importer.read(response.content, f"{kind}.xlsx")
    assert set(table.headers) == {column.key for column in importer.columns}
