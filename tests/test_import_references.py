"""A file names other records (an enterprise by 사업자등록번호, a program, a budget line …): every
import resolves such a reference only among the rows the importing user sees in the reach of the
center the import is for. A row the user may not see is answered exactly like one that does not
exist, and nothing is linked to it or changed in it; a row they see is used.

The table below holds one case per kind and reference column; a new kind, or a new reference
column, must add its cases (the first test checks that every registered kind is here)."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.forms.models import model_to_dict

from dure.budget import services as budget_services
from dure.budget.models import BankAccount, BudgetLine, Expenditure, Fund, Grant, Income, Transfer
from dure.budget.tests.factories import funded_line, program_in
from dure.core.imports import ImportRejected, get_importer, registered_importers, run_import
from dure.core.models import Center, CenterKind, User
from dure.core.roles import Role, has_capability
from dure.core.services import create_center, create_user, ensure_fiscal_year
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
    SalesTeam,
    SupplySurvey,
    Visit,
)
from dure.programs import services as program_services
from dure.programs.models import Activity, Indicator, Program
from dure.programs.plan_import import import_plan
from dure.programs.tests.factories import build_tree
from dure.registry.models import Enterprise, Expert, Institution
from dure.registry.tests.factories import (
    AgencyFactory,
    EnterpriseFactory,
    ExpertFactory,
    InstitutionFactory,
    valid_business_number,
)
from dure.support.models import Engagement
from tests.personas import PASSWORD

IMPORTING_PERSONAS = ("metro_admin", "program_staff", "district_staff", "district_admin")
# Centers whose rows each persona may not see.
HIDDEN_CENTERS = {
    "SEOUL": ("BUSAN",),
    "SEOUL-GANGDONG": ("SEOUL-GWANAK", "SEOUL"),
}
PROGRAM = "공공 시장 확대 지원"
HIDDEN_NUMBER = valid_business_number(4242)
HIDDEN_UNIQUE_NUMBER = valid_business_number(4343)


def _program(center: Center) -> Program:
    found = Program.objects.filter(center=center, name=PROGRAM).first()
    return found or build_tree(center=center, program=PROGRAM).program


def _activity_row(**cells: str) -> dict[str, str]:
    row = {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "활동유형": "방문영업",
        "사업자등록번호": "",
        "기관명": "",
        "자치구": "강동구",
        "인원": "",
        "금액": "",
        "비고": "",
        "세부사업": "",
    }
    return {**row, **cells}


def _engagement_row(**cells: str) -> dict[str, str]:
    row = {
        "기업명": "",
        "사업자등록번호": "",
        "컨설팅구분": "경영멘토링",
        "담당기관": "",
        "담당컨설턴트": "",
        "과제유형": "판로 진단",
        "시작일": "2017-05-23",
        "종료일": "2017-08-31",
        "사업명": PROGRAM,
    }
    return {**row, **cells}


def _engaged(name: str) -> Callable[[Any], bool]:
    return lambda row: Engagement.objects.filter(**{name: row}).exists()


def _budget_line(center: Center, user: User, title: str = "숨은 과목") -> BudgetLine:
    program = program_in(center, ensure_fiscal_year(year=2017), name="숨은 사업")
    if user.role == Role.PROGRAM_STAFF:
        program.staff.add(user)  # so that only visibility can refuse the line
    return funded_line(initial_won=10_000_000, center=center, account_title=title, program=program)


def _receiving_line(center: Center, user: User) -> None:
    funded_line(initial_won=10_000_000, center=center, account_title="영업단")


def _account(center: Center, user: User) -> BankAccount:
    # An account is mapped to a 관 of the center's budget.
    funded_line(initial_won=1_000_000, center=center, account_title="계좌 과목")
    return budget_services.create_bank_account(
        center=center,
        fiscal_year=ensure_fiscal_year(year=2017),
        name="숨은 계좌",
        chapter="제안사업비",
        fund=Fund.COMMISSIONED,
    )


def _plan(center: Center, target: str = "100") -> Indicator:
    row = {
        "구분": "판로 지원",
        "사업명": "공공 시장 확대",
        "지표명": "방문영업",
        "단위": "건",
        "목표": target,
        "집계방식": "수기",
    }
    import_plan([row], center=center, year=2017)
    return Indicator.objects.get(center=center, name="방문영업")


PLAN_ROW = {
    "구분": "판로 지원",
    "사업명": "공공 시장 확대",
    "지표명": "방문영업",
    "단위": "건",
    "목표": "650",
    "집계방식": "수기",
}


def _nothing(center: Center, user: User) -> None:
    return None


# A 판로지원 row of each kind that is whole at the importing center once `_market` has run.
MARKET_ROWS = {
    "market_consultations": {"일자": "2017-05-23", "사업명": PROGRAM, "상담 주제": "입찰 절차"},
    "market_visits": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "방문 기관": "거래구청",
        "구분": "공공기관",
    },
    "market_database_entries": {"일자": "2017-05-23", "사업명": PROGRAM, "DB": "공공기관"},
    "market_briefings": {"일자": "2017-05-23", "사업명": PROGRAM, "내용": "공공구매 설명회"},
    "market_fairs": {"일자": "2017-09-14", "사업명": PROGRAM, "개최기관": "거래구청"},
    "market_sales_teams": {"사업명": PROGRAM, "자치구": "강동구", "이름": "김영업"},
    "market_opportunities": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "발주기관": "거래구청",
        "수요 내용": "청사 청소 용역",
        "지원 방식": "입찰지원",
        "경로": "영업매칭",
    },
    "market_demand_organizations": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "수요처": "거래구청",
        "구분": "지원조직",
    },
    "market_sales_linkages": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "공급기업": "거래상회",
        "수요기업": "거래구청",
    },
    "market_supply_surveys": {"일자": "2017-05-23", "사업명": PROGRAM, "기업": "거래상회"},
    "market_outlets": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "판매처": "거래구청",
        "종류": "거점매장",
    },
    "market_listings": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "판매처 종류": "유통채널",
        "기업": "거래상회",
    },
    "market_marketing_supports": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "구분": "교차마케팅",
        "기업": "거래상회",
    },
    "market_sales_events": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "행사명": "생협 기획전",
        "구분": "생협기획행사-상설",
    },
    "market_event_participations": {
        "행사 일자": "2017-10-20",
        "행사명": "거래 장터",
        "기업": "거래상회",
    },
    "market_purchases": {
        "구매 기관": "거래구청",
        "결의일": "2017-05-23",
        "공급자 사업자등록번호": valid_business_number(4444),
        "금액(원)": "1,000,000",
    },
}


def _market_row(kind: str, **cells: str) -> dict[str, str]:
    return {**MARKET_ROWS[kind], **cells}


def _market(center: Center, user: User) -> None:
    """The program and the institution a 판로지원 row names, at the importing center."""
    _program(center)
    if not Institution.objects.filter(center=center, name="거래구청").exists():
        InstitutionFactory(center=center, name="거래구청")


def _private_market(center: Center, user: User) -> None:
    """The program, the institution and the enterprise a private-market row names."""
    _market(center, user)
    if not Enterprise.objects.filter(center=center, name="거래상회").exists():
        EnterpriseFactory(center=center, name="거래상회")


def _sales_event(center: Center, user: User, name: str = "거래 장터") -> SalesEvent:
    return market_services.record_sales_event(
        center=center,
        program=_program(center),
        date=datetime.date(2017, 10, 20),
        name=name,
        kind="박람회",
    )


def _event_of_the_center(center: Center, user: User) -> None:
    _private_market(center, user)
    _sales_event(center, user)


def _fair(center: Center, user: User) -> Fair:
    """A fair at the center, held at the importing user's own institution."""
    host = Institution.objects.get(center=user.center, name="거래구청")
    return market_services.record_fair(
        center=center, program=_program(center), date=datetime.date(2017, 9, 14), host=host
    )


def _hidden_program(center: Center, user: User) -> Program:
    return build_tree(center=center, program="숨은 사업", program_code="P09").program


def _recorded(model: Any, name: str) -> Callable[[Any], bool]:
    return lambda row: model.objects.filter(**{name: row}).exists()


def _education_course(
    center: Center, user: User, title: str = "숨은 과정", *, completed: bool = False
) -> Any:
    """A course at the center with one session on 2017-05-30 and one person enrolled."""
    from dure.education import services as education_services

    course = education_services.create_course(
        center=center,
        program=_program(center),
        date=datetime.date(2017, 5, 23),
        title=title,
        track="audience",
    )
    session = education_services.add_session(
        course=course, date=datetime.date(2017, 5, 30), topic="1강"
    )
    person = education_services.enrol(
        course=course, person_name="김수강", enrolled_on=datetime.date(2017, 5, 1)
    )
    if completed:
        # A graduate's follow-up names a person who attended and completed.
        education_services.set_attendance(course=course, present={session.pk: [person.pk]})
    return course


def _graduated_course(center: Center, user: User) -> Any:
    return _education_course(center, user, completed=True)


def _own_course(center: Center, user: User) -> None:
    _market(center, user)
    _education_course(center, user, title="거래 과정", completed=True)


def _education_tour(center: Center, user: User, title: str = "숨은 연수") -> Any:
    from dure.education import services as education_services

    return education_services.create_study_tour(
        center=center,
        program=_program(center),
        date=datetime.date(2017, 9, 20),
        kind="dispatch",
        title=title,
    )


def _own_tour(center: Center, user: User) -> None:
    _market(center, user)
    _education_tour(center, user, title="거래 연수")


def _education_used(model_name: str, name: str) -> Callable[[Any], bool]:
    def used(row: Any) -> bool:
        from django.apps import apps as registry

        return registry.get_model("education", model_name).objects.filter(**{name: row}).exists()

    return used


EDUCATION_ROWS = {
    "education_courses": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "과정명": "기초 과정",
        "분야": "대상별",
    },
    "education_study_tours": {
        "일자": "2017-09-20",
        "사업명": PROGRAM,
        "구분": "기술연수(파견)",
        "연수 주제": "시장 조사",
    },
    "education_tour_participants": {
        "일자": "2017-09-20",
        "사업명": PROGRAM,
        "연수 구분": "기술연수(파견)",
        "연수 주제": "거래 연수",
        "이름": "홍길동",
    },
    "education_intro_supports": {"일자": "2017-07-01", "사업명": PROGRAM, "운영 기관": "거래구청"},
    "education_youth_sessions": {
        "일자": "2017-09-07",
        "사업명": PROGRAM,
        "회차": "1",
        "참여 학교": "거래구청",
    },
    "education_haenaem_teams": {
        "일자": "2017-10-01",
        "사업명": PROGRAM,
        "팀명": "에코피플",
        "프로젝트명": "보안관",
        "학교": "거래구청",
    },
    "education_network_events": {"일자": "2017-12-27", "사업명": PROGRAM, "행사명": "네트워크"},
    "education_enrolments": {
        "과정명": "거래 과정",
        "과정 시작일": "2017-05-23",
        "이름": "이수강",
        "신청일": "2017-05-01",
    },
    "education_survey_responses": {
        "과정명": "거래 과정",
        "과정 시작일": "2017-05-23",
        "만족도": "5",
        "응답일": "2017-06-30",
    },
    "education_graduate_outcomes": {
        "과정명": "거래 과정",
        "과정 시작일": "2017-05-23",
        "이름": "김수강",
        "구분": "창업",
        "활동 일자": "2017-11-01",
    },
    "education_attendance": {
        "과정명": "거래 과정",
        "과정 시작일": "2017-05-23",
        "이름": "김수강",
        "회차 일자": "2017-05-30",
    },
}


def _education_row(kind: str, **cells: str) -> dict[str, str]:
    return {**EDUCATION_ROWS[kind], **cells}


@dataclass(frozen=True)
class Reference:
    """One reference column of one kind: how to make the row it names at a center, a file row
    naming it, what else the file needs (visible, at the import's center), and whether the
    import used the row (linked it, matched it or changed it)."""

    kind: str
    column: str
    make: Callable[[Center, User], Any]
    row: dict[str, str]
    used: Callable[[Any], bool]
    prepare: Callable[[Center, User], None] = _nothing
    # A district records activities under its metropolitan center's plan (docs/metrics.md):
    # that center's programs and activity kinds are its own to name.
    metropolitan_plan: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _changed(model: Any, name: str, value: Any) -> Callable[[Any], bool]:
    return lambda row: getattr(model.objects.get(pk=row.pk), name) == value


REFERENCES = (
    Reference(
        "market_consultations",
        "사업명",
        make=_hidden_program,
        row=_market_row("market_consultations", 사업명="숨은 사업"),
        used=_recorded(Consultation, "program"),
        metropolitan_plan=True,
    ),
    Reference(
        "market_consultations",
        "기관",
        make=lambda center, user: InstitutionFactory(center=center, name="숨은구청"),
        row=_market_row("market_consultations", 기관="숨은구청"),
        used=_recorded(Consultation, "institution"),
        prepare=_market,
    ),
    Reference(
        "market_consultations",
        "기업",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_market_row("market_consultations", 기업=HIDDEN_NUMBER),
        used=_recorded(Consultation, "enterprise"),
        prepare=_market,
    ),
    Reference(
        "market_visits",
        "사업코드",
        make=_hidden_program,
        row={**_market_row("market_visits", 사업코드="P09"), "사업명": ""},
        used=_recorded(Visit, "program"),
        prepare=_market,
        metropolitan_plan=True,
    ),
    Reference(
        "market_visits",
        "방문 기관",
        make=lambda center, user: InstitutionFactory(center=center, name="숨은구청"),
        row=_market_row("market_visits", **{"방문 기관": "숨은구청"}),
        used=_recorded(Visit, "institution"),
        prepare=_market,
    ),
    Reference(
        "market_database_entries",
        "기관",
        make=lambda center, user: InstitutionFactory(
            center=center, name="숨은구청", business_number=HIDDEN_NUMBER
        ),
        row=_market_row("market_database_entries", 기관=HIDDEN_NUMBER),
        used=_recorded(DatabaseEntry, "institution"),
        prepare=_market,
    ),
    Reference(
        "market_database_entries",
        "기업",
        make=lambda center, user: EnterpriseFactory(
            center=center, name="숨은나눔", business_number=""
        ),
        row=_market_row("market_database_entries", DB="SE기업", 기업="숨은나눔"),
        used=_recorded(DatabaseEntry, "enterprise"),
        prepare=_market,
    ),
    Reference(
        "market_briefings",
        "사업명",
        make=_hidden_program,
        row=_market_row("market_briefings", 사업명="숨은 사업"),
        used=_recorded(Briefing, "program"),
        metropolitan_plan=True,
    ),
    Reference(
        "market_fairs",
        "개최기관",
        make=lambda center, user: InstitutionFactory(center=center, name="숨은구청"),
        row=_market_row("market_fairs", 개최기관="숨은구청"),
        used=_recorded(Fair, "host"),
        prepare=_market,
    ),
    Reference(
        "market_sales_teams",
        "사업명",
        make=_hidden_program,
        row=_market_row("market_sales_teams", 사업명="숨은 사업"),
        used=_recorded(SalesTeam, "program"),
        metropolitan_plan=True,
    ),
    Reference(
        "market_opportunities",
        "발주기관",
        make=lambda center, user: InstitutionFactory(center=center, name="숨은구청"),
        row=_market_row("market_opportunities", 발주기관="숨은구청"),
        used=_recorded(Opportunity, "institution"),
        prepare=_market,
    ),
    Reference(
        "market_opportunities",
        "참여 기업",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_market_row("market_opportunities", **{"참여 기업": HIDDEN_NUMBER}),
        used=_recorded(Opportunity, "bidders"),
        prepare=_market,
    ),
    Reference(
        "market_opportunities",
        "계약 기업",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_market_row(
            "market_opportunities",
            **{
                "단계": "계약",
                "계약 기업": HIDDEN_NUMBER,
                "계약일": "2017-06-30",
                "계약금액(원)": "12,000,000",
            },
        ),
        used=_recorded(Opportunity, "winner"),
        prepare=_market,
    ),
    Reference(
        "market_opportunities",
        "박람회 일자",
        make=_fair,
        row=_market_row(
            "market_opportunities",
            **{"경로": "박람회", "박람회 일자": "2017-09-14", "박람회 개최기관": "거래구청"},
        ),
        used=_recorded(Opportunity, "fair"),
        prepare=_market,
    ),
    Reference(
        "market_demand_organizations",
        "수요처",
        make=lambda center, user: InstitutionFactory(center=center, name="숨은생협"),
        row=_market_row("market_demand_organizations", 수요처="숨은생협"),
        used=_recorded(DemandOrganization, "institution"),
        prepare=_market,
    ),
    Reference(
        "market_sales_linkages",
        "공급기업",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_market_row("market_sales_linkages", 공급기업=HIDDEN_NUMBER),
        used=_recorded(B2BLinkage, "supplier"),
        prepare=_private_market,
    ),
    Reference(
        "market_sales_linkages",
        "수요기업",
        make=lambda center, user: InstitutionFactory(
            center=center, name="숨은마트", unique_number=HIDDEN_UNIQUE_NUMBER
        ),
        row=_market_row("market_sales_linkages", 수요기업=HIDDEN_UNIQUE_NUMBER),
        used=_recorded(B2BLinkage, "buyer"),
        prepare=_private_market,
    ),
    Reference(
        "market_supply_surveys",
        "기업",
        make=lambda center, user: EnterpriseFactory(
            center=center, name="숨은나눔", business_number=""
        ),
        row=_market_row("market_supply_surveys", 기업="숨은나눔"),
        used=_recorded(SupplySurvey, "enterprise"),
        prepare=_private_market,
    ),
    Reference(
        "market_outlets",
        "판매처",
        make=lambda center, user: InstitutionFactory(center=center, name="숨은생협"),
        row=_market_row("market_outlets", 판매처="숨은생협"),
        used=_recorded(Outlet, "institution"),
        prepare=_market,
    ),
    Reference(
        "market_listings",
        "기업",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_market_row("market_listings", 기업=HIDDEN_NUMBER),
        used=_recorded(Listing, "enterprise"),
        prepare=_private_market,
    ),
    Reference(
        "market_marketing_supports",
        "기업",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_market_row("market_marketing_supports", 기업=HIDDEN_NUMBER),
        used=_recorded(MarketingSupport, "enterprise"),
        prepare=_private_market,
    ),
    Reference(
        "market_sales_events",
        "사업명",
        make=_hidden_program,
        row=_market_row("market_sales_events", 사업명="숨은 사업"),
        used=_recorded(SalesEvent, "program"),
        metropolitan_plan=True,
    ),
    Reference(
        "market_event_participations",
        "행사명",
        make=lambda center, user: _sales_event(center, user, name="숨은 장터"),
        row=_market_row("market_event_participations", 행사명="숨은 장터"),
        used=_recorded(EventParticipation, "event"),
        prepare=_private_market,
    ),
    Reference(
        "market_event_participations",
        "기업",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_market_row("market_event_participations", 기업=HIDDEN_NUMBER),
        used=_recorded(EventParticipation, "enterprise"),
        prepare=_event_of_the_center,
    ),
    Reference(
        "market_purchases",
        "구매 기관",
        make=lambda center, user: InstitutionFactory(
            center=center, name="숨은구청", business_number=HIDDEN_NUMBER
        ),
        row=_market_row("market_purchases", **{"구매 기관": HIDDEN_NUMBER}),
        used=_recorded(Purchase, "institution"),
        prepare=_market,
    ),
    Reference(
        "activities",
        "사업명",
        make=lambda center, user: (
            build_tree(center=center, program="숨은 사업", program_code="P09").program
        ),
        row=_activity_row(사업명="숨은 사업"),
        used=lambda program: Activity.objects.filter(program=program).exists(),
        metropolitan_plan=True,
    ),
    Reference(
        "activities",
        "세부사업",
        make=lambda center, user: program_services.create_sub_program(
            program=_program(center), code="S09", name="숨은 세부사업"
        ),
        row=_activity_row(세부사업="숨은 세부사업"),
        used=lambda sub: Activity.objects.filter(sub_program=sub).exists(),
        prepare=lambda center, user: _program(center) and None,
    ),
    Reference(
        "activities",
        "활동유형",
        make=lambda center, user: program_services.ensure_activity_kind(
            center=center, name="숨은 유형"
        ),
        row=_activity_row(활동유형="숨은 유형"),
        used=lambda kind: Activity.objects.filter(kind=kind).exists(),
        prepare=lambda center, user: _program(center) and None,
        metropolitan_plan=True,
    ),
    Reference(
        "activities",
        "사업자등록번호",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_activity_row(사업자등록번호=HIDDEN_NUMBER),
        used=lambda enterprise: Activity.objects.filter(enterprises=enterprise).exists(),
        prepare=lambda center, user: _program(center) and None,
    ),
    Reference(
        "activities",
        "기관명",
        make=lambda center, user: InstitutionFactory(center=center, name="숨은구청"),
        row=_activity_row(기관명="숨은구청"),
        used=lambda institution: Activity.objects.filter(institutions=institution).exists(),
        prepare=lambda center, user: _program(center) and None,
    ),
    Reference(
        "engagements",
        "사업자등록번호",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_engagement_row(사업자등록번호=HIDDEN_NUMBER),
        used=_engaged("enterprise"),
        prepare=lambda center, user: _program(center) and None,
    ),
    Reference(
        "engagements",
        "기업명",
        make=lambda center, user: EnterpriseFactory(
            center=center, name="숨은나눔", business_number=""
        ),
        row=_engagement_row(기업명="숨은나눔"),
        used=_engaged("enterprise"),
        prepare=lambda center, user: _program(center) and None,
    ),
    Reference(
        "engagements",
        "담당기관",
        make=lambda center, user: AgencyFactory(center=center, name="숨은협력기관"),
        row=_engagement_row(담당기관="숨은협력기관"),
        used=_engaged("agency"),
        prepare=lambda center, user: _program(center) and None,
    ),
    Reference(
        "engagements",
        "담당컨설턴트",
        make=lambda center, user: ExpertFactory(center=center, name="김숨은"),
        row=_engagement_row(담당컨설턴트="김숨은"),
        used=_engaged("expert"),
        prepare=lambda center, user: _program(center) and None,
    ),
    Reference(
        "engagements",
        "사업명",
        make=lambda center, user: (
            build_tree(center=center, program="숨은 사업", program_code="P09").program
        ),
        row=_engagement_row(사업명="숨은 사업"),
        used=_engaged("program"),
    ),
    Reference(
        "enterprises",
        "사업자등록번호",
        make=lambda center, user: EnterpriseFactory(
            center=center, name="숨은나눔", business_number=HIDDEN_NUMBER
        ),
        row={"기업명": "새이름나눔", "사업자등록번호": HIDDEN_NUMBER},
        used=_changed(Enterprise, "name", "새이름나눔"),
    ),
    Reference(
        "enterprises",
        "고유번호",
        make=lambda center, user: EnterpriseFactory(
            center=center, name="숨은나눔", business_number="", unique_number=HIDDEN_UNIQUE_NUMBER
        ),
        row={"기업명": "새이름나눔", "고유번호": HIDDEN_UNIQUE_NUMBER},
        used=_changed(Enterprise, "name", "새이름나눔"),
    ),
    Reference(
        "enterprises",
        "기업명",
        make=lambda center, user: EnterpriseFactory(
            center=center, name="숨은나눔", business_number="", district="강동구"
        ),
        row={"기업명": "숨은나눔", "자치구": "강동구", "대표자": "홍길동"},
        used=_changed(Enterprise, "representative", "홍길동"),
    ),
    Reference(
        "institutions",
        "사업자등록번호",
        make=lambda center, user: InstitutionFactory(
            center=center, name="숨은구청", business_number=HIDDEN_NUMBER
        ),
        row={"기관명": "새이름구청", "사업자등록번호": HIDDEN_NUMBER},
        used=lambda institution: (
            type(institution).objects.get(pk=institution.pk).name == "새이름구청"
        ),
    ),
    Reference(
        "institutions",
        "고유번호",
        make=lambda center, user: InstitutionFactory(
            center=center, name="숨은구청", unique_number=HIDDEN_UNIQUE_NUMBER
        ),
        row={"기관명": "새이름구청", "고유번호": HIDDEN_UNIQUE_NUMBER},
        used=lambda institution: (
            type(institution).objects.get(pk=institution.pk).name == "새이름구청"
        ),
    ),
    Reference(
        "institutions",
        "기관명",
        make=lambda center, user: InstitutionFactory(
            center=center, name="숨은구청", district="종로구"
        ),
        row={"기관명": "숨은구청", "자치구": "종로구", "비고": "새 비고"},
        used=lambda institution: (
            type(institution).objects.get(pk=institution.pk).notes == "새 비고"
        ),
    ),
    Reference(
        "experts",
        "성명",
        make=lambda center, user: ExpertFactory(
            center=center, name="김숨은", affiliation="숨은소속"
        ),
        row={
            "성명": "김숨은",
            "역할": "컨설턴트",
            "소속": "숨은소속",
            "자원풀 시작 연도": "2017",
            "비고": "새 비고",
        },
        used=_changed(Expert, "notes", "새 비고"),
    ),
    Reference(
        "experts",
        "소속 협력기관",
        make=lambda center, user: AgencyFactory(center=center, name="숨은협력기관"),
        row={
            "성명": "김전문",
            "역할": "컨설턴트",
            "소속 협력기관": "숨은협력기관",
            "자원풀 시작 연도": "2017",
        },
        used=lambda agency: Expert.objects.filter(agency=agency).exists(),
    ),
    Reference(
        "programs",
        "지표명",
        make=lambda center, user: _plan(center),
        row=PLAN_ROW,
        used=lambda indicator: Indicator.objects.get(pk=indicator.pk).target == 650,
    ),
    Reference(
        "programs",
        "사업명",
        make=lambda center, user: _plan(center).program,
        row=PLAN_ROW,
        used=lambda program: Indicator.objects.filter(program=program, target=650).exists(),
    ),
    Reference(
        "programs",
        "구분",
        make=lambda center, user: (
            build_tree(center=center, area="판로 지원", program="다른 사업").area
        ),
        row=PLAN_ROW,
        used=lambda area: Program.objects.filter(area=area, name="공공 시장 확대").exists(),
    ),
    Reference(
        "budget",
        "사업명",
        make=lambda center, user: program_in(center, ensure_fiscal_year(year=2017), "숨은 사업"),
        row={
            "관": "제안사업비",
            "세부계정과목": "사업관리비",
            "사업명": "숨은 사업",
            "초기예산액": "1,000",
        },
        used=lambda program: BudgetLine.objects.filter(program=program).exists(),
    ),
    Reference(
        "transfers",
        "보내는 과목",
        make=_budget_line,
        row={
            "일자": "2017-06-01",
            "보내는 과목": "숨은 과목",
            "받는 과목": "영업단",
            "금액": "1,000",
            "사유": "박람회 추가 개최",
        },
        used=lambda line: Transfer.objects.filter(from_line=line).exists(),
        prepare=_receiving_line,
    ),
    Reference(
        "transfers",
        "받는 과목",
        make=_budget_line,
        row={
            "일자": "2017-06-01",
            "보내는 과목": "영업단",
            "받는 과목": "숨은 과목",
            "금액": "1,000",
            "사유": "박람회 추가 개최",
        },
        used=lambda line: Transfer.objects.filter(to_line=line).exists(),
        prepare=_receiving_line,
    ),
    Reference(
        "expenditures",
        "세부계정과목",
        make=_budget_line,
        row={
            "일자": "2017-05-10",
            "세부계정과목": "숨은 과목",
            "지급처": "문구점",
            "내용": "사무용품",
            "금액": "900",
        },
        used=lambda line: Expenditure.objects.filter(line=line).exists(),
    ),
    Reference(
        "income",
        "과목 또는 계좌",
        make=_budget_line,
        row={
            "일자": "2017-12-31",
            "구분": "교부",
            "과목 또는 계좌": "숨은 과목",
            "금액": "1,234",
            "사유": "추가 교부",
        },
        used=lambda line: Grant.objects.filter(line=line, amount_won=1234).exists(),
    ),
    Reference(
        "income",
        "계좌",
        make=lambda center, user: _account(center, user),
        row={
            "일자": "2017-12-31",
            "구분": "이자",
            "과목 또는 계좌": "제안사업비",
            "계좌": "숨은 계좌",
            "금액": "1,234",
            "사유": "",
        },
        used=lambda account: Income.objects.filter(account=account).exists(),
        prepare=_receiving_line,
    ),
    Reference(
        "education_courses",
        "운영 기관",
        make=lambda center, user: InstitutionFactory(center=center, name="숨은구청"),
        row=_education_row("education_courses", **{"운영 기관": "숨은구청"}),
        used=_education_used("Course", "host"),
        prepare=_market,
    ),
    Reference(
        "education_study_tours",
        "파견 기업",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_education_row("education_study_tours", **{"파견 기업": HIDDEN_NUMBER}),
        used=_education_used("StudyTour", "enterprises"),
        prepare=_market,
    ),
    Reference(
        "education_tour_participants",
        "연수 주제",
        make=_education_tour,
        row=_education_row("education_tour_participants", **{"연수 주제": "숨은 연수"}),
        used=_education_used("StudyTourParticipant", "tour"),
        prepare=_market,
    ),
    Reference(
        "education_tour_participants",
        "소속 기업",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_education_row("education_tour_participants", **{"소속 기업": HIDDEN_NUMBER}),
        used=_education_used("StudyTourParticipant", "enterprise"),
        prepare=_own_tour,
    ),
    Reference(
        "education_intro_supports",
        "운영 기관",
        make=lambda center, user: InstitutionFactory(center=center, name="숨은구청"),
        row=_education_row("education_intro_supports", **{"운영 기관": "숨은구청"}),
        used=_education_used("YouthIntroSupport", "institution"),
        prepare=_market,
    ),
    Reference(
        "education_youth_sessions",
        "참여 학교",
        make=lambda center, user: InstitutionFactory(center=center, name="숨은구청"),
        row=_education_row("education_youth_sessions", **{"참여 학교": "숨은구청"}),
        used=_education_used("YouthSession", "school"),
        prepare=_market,
    ),
    Reference(
        "education_haenaem_teams",
        "학교",
        make=lambda center, user: InstitutionFactory(center=center, name="숨은구청"),
        row=_education_row("education_haenaem_teams", 학교="숨은구청"),
        used=_education_used("HaenaemTeam", "school"),
        prepare=_market,
    ),
    Reference(
        "education_network_events",
        "사업명",
        make=_hidden_program,
        row=_education_row("education_network_events", 사업명="숨은 사업"),
        used=_education_used("YouthNetworkEvent", "program"),
        metropolitan_plan=True,
    ),
    Reference(
        "education_enrolments",
        "과정명",
        make=_education_course,
        row=_education_row("education_enrolments", 과정명="숨은 과정"),
        used=lambda course: course.enrolments.filter(person_name="이수강").exists(),
        prepare=_market,
    ),
    Reference(
        "education_enrolments",
        "소속 기업",
        make=lambda center, user: EnterpriseFactory(center=center, business_number=HIDDEN_NUMBER),
        row=_education_row("education_enrolments", **{"소속 기업": HIDDEN_NUMBER}),
        used=_education_used("Enrolment", "enterprise"),
        prepare=_own_course,
    ),
    Reference(
        "education_attendance",
        "과정명",
        make=_education_course,
        row=_education_row("education_attendance", 과정명="숨은 과정"),
        used=_education_used("Attendance", "enrolment__course"),
        prepare=_market,
    ),
    Reference(
        "education_survey_responses",
        "과정명",
        make=_education_course,
        row=_education_row("education_survey_responses", 과정명="숨은 과정"),
        used=lambda course: course.survey_responses.exists(),
        prepare=_market,
    ),
    Reference(
        "education_graduate_outcomes",
        "과정명",
        make=_graduated_course,
        row=_education_row("education_graduate_outcomes", 과정명="숨은 과정"),
        used=_education_used("GraduateOutcome", "enrolment__course"),
        prepare=_market,
    ),
)


def _csv(row: dict[str, str]) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(row.keys())
    writer.writerow(row.values())
    return stream.getvalue().encode("utf-8")


# The modules built on the shared record import: each dated kind's program, and the registry rows
# and module records its rows name. Rows as the kinds' own bad-row samples write them.
MODULE_ROWS: dict[str, dict[str, str]] = {
    "outreach_newsletter_issues": {"일자": "2017-03-02", "사업명": PROGRAM, "제목": "세모편지"},
    "outreach_stories": {"일자": "2017-03-02", "사업명": PROGRAM, "구분": "카드뉴스"},
    "outreach_campaigns": {
        "일자": "2017-03-02",
        "사업명": PROGRAM,
        "협력 매체": "거래구청",
        "캠페인": "기획 기사",
    },
    "outreach_events": {
        "일자": "2017-05-19",
        "사업명": PROGRAM,
        "구분": "콜로키움",
        "행사명": "1회",
    },
    "outreach_research_projects": {
        "일자": "2017-04-01",
        "사업명": PROGRAM,
        "연구 기관": "거래구청",
        "연구명": "기초 연구",
    },
    "outreach_publications": {
        "구분": "5. 홍보 및 연구사업",
        "번호": "5-1",
        "자료명": "기초 연구",
        "발간일": "2017-12-29",
        "사업명": PROGRAM,
    },
    "ecosystem_projects": {
        "일자": "2017-06-30",
        "사업명": PROGRAM,
        "분야 구분": "협동비즈니스",
        "과제명": "공동판매",
    },
    "ecosystem_outputs": {
        "일자": "2017-07-01",
        "사업명": PROGRAM,
        "성과물 구분": "모델",
        "성과물": "본사 모델",
    },
    "ecosystem_special_zones": {
        "일자": "2017-03-02",
        "사업명": PROGRAM,
        "자치구": "강북구",
        "특구 사업명": "청년 클러스터",
    },
    "ecosystem_zone_supports": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "지원 구분": "컨설팅",
        "예비특구": "강동구",
    },
    "ecosystem_meetings": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "회의 구분": "민관정책협의회 정기회의",
        "형식": "회의",
    },
    "ecosystem_village_supports": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "지원 구분": "일상지원",
        "일상지원 유형": "회계지원",
        "기관": "거래구청",
    },
    "ecosystem_levelup_supports": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "마을기업": "거래상회",
        "지원유형": "홍보마케팅",
    },
    "ecosystem_workspace_activities": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "공간": "기술혁신랩",
        "활동 구분": "교육·워크숍",
        "내용": "장비 교육",
    },
    "ecosystem_workspace_uses": {
        "일자": "2017-05-31",
        "사업명": PROGRAM,
        "공간": "기술혁신랩",
        "이용자수": "31",
    },
    "ecosystem_memberships": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "공간": "기술혁신랩",
        "회원": "공방",
    },
    "ecosystem_grants": {
        "일자": "2017-05-23",
        "사업명": PROGRAM,
        "지원 기관": "거래구청",
        "부문": "자활기업",
        "지원금액": "30000000",
    },
    "resources_tenancies": {"입주 기관": "거래구청", "입주일": "2017-03-02"},
    "resources_bookings": {
        "자원": "교육장",
        "시작일": "2017-05-23",
        "시작 시각": "10:00",
        "종료일": "2017-05-23",
        "종료 시각": "12:00",
        "단체명": "마을 모임",
    },
}
# Kinds whose rows name no other record: nothing to resolve.
NO_REFERENCES = {
    "outreach_delegations",
    "outreach_subscribers",
    "resources_resources",
    "ecosystem_workspaces",
}


def _module_row(kind: str, **cells: str) -> dict[str, str]:
    return {**MODULE_ROWS[kind], **cells}


def _module_used(label: str, name: str) -> Callable[[Any], bool]:
    def used(row: Any) -> bool:
        from django.apps import apps as registry

        return registry.get_model(label).objects.filter(**{name: row}).exists()

    return used


def _module_place(center: Center, user: User) -> None:
    """What a module row names at the importing center: the program, the institution and the
    enterprise of the market rows, a workspace, a special zone, a venue."""
    from dure.ecosystem import services as ecosystem_services
    from dure.ecosystem.models import SpecialZone, Workspace
    from dure.resources import services as resource_services
    from dure.resources.models import Resource

    _market(center, user)
    if not Enterprise.objects.filter(center=center, name="거래상회").exists():
        EnterpriseFactory(center=center, name="거래상회")
    if not Workspace.objects.filter(center=center, name="기술혁신랩").exists():
        ecosystem_services.save_workspace(center=center, name="기술혁신랩", kind="innovation_lab")
    if not SpecialZone.objects.filter(center=center, district="강동구").exists():
        ecosystem_services.record_special_zone(
            center=center,
            program=_program(center),
            date=datetime.date(2017, 3, 2),
            district="강동구",
            title="가족패션",
        )
    if not Resource.objects.filter(center=center, name="교육장").exists():
        resource_services.save_resource(Resource(center=center), name="교육장", kind="venue")


MODELS = {
    "outreach_newsletter_issues": "outreach.NewsletterIssue",
    "outreach_stories": "outreach.Story",
    "outreach_campaigns": "outreach.Campaign",
    "outreach_events": "outreach.Event",
    "outreach_research_projects": "outreach.ResearchProject",
    "outreach_publications": "outreach.Publication",
    "ecosystem_projects": "ecosystem.Project",
    "ecosystem_outputs": "ecosystem.Output",
    "ecosystem_special_zones": "ecosystem.SpecialZone",
    "ecosystem_zone_supports": "ecosystem.ZoneSupport",
    "ecosystem_meetings": "ecosystem.Meeting",
    "ecosystem_village_supports": "ecosystem.VillageSupport",
    "ecosystem_levelup_supports": "ecosystem.LevelUpSupport",
    "ecosystem_workspace_activities": "ecosystem.WorkspaceActivity",
    "ecosystem_workspace_uses": "ecosystem.WorkspaceUse",
    "ecosystem_memberships": "ecosystem.WorkspaceMembership",
    "ecosystem_grants": "ecosystem.SectorGrant",
}


def _hidden_institution(center: Center, user: User) -> Any:
    return InstitutionFactory(center=center, name="숨은구청")


def _hidden_enterprise(center: Center, user: User) -> Any:
    return EnterpriseFactory(center=center, name="숨은상회", business_number=HIDDEN_NUMBER)


MODULE_REFERENCES = (
    *(
        Reference(
            kind,
            "사업명",
            make=_hidden_program,
            row=_module_row(kind, 사업명="숨은 사업"),
            used=_module_used(label, "program"),
            prepare=_module_place,
            metropolitan_plan=True,
        )
        for kind, label in MODELS.items()
    ),
    Reference(
        "outreach_campaigns",
        "협력 매체",
        make=_hidden_institution,
        row=_module_row("outreach_campaigns", **{"협력 매체": "숨은구청"}),
        used=_module_used("outreach.Campaign", "partner"),
        prepare=_module_place,
    ),
    Reference(
        "outreach_research_projects",
        "연구 기관",
        make=_hidden_institution,
        row=_module_row("outreach_research_projects", **{"연구 기관": "숨은구청"}),
        used=_module_used("outreach.ResearchProject", "institution"),
        prepare=_module_place,
    ),
    Reference(
        "ecosystem_levelup_supports",
        "마을기업",
        make=_hidden_enterprise,
        row=_module_row("ecosystem_levelup_supports", 마을기업=HIDDEN_NUMBER),
        used=_module_used("ecosystem.LevelUpSupport", "enterprise"),
        prepare=_module_place,
    ),
    Reference(
        "ecosystem_grants",
        "지원 기관",
        make=_hidden_institution,
        row=_module_row("ecosystem_grants", **{"지원 기관": "숨은구청"}),
        used=_module_used("ecosystem.SectorGrant", "institution"),
        prepare=_module_place,
    ),
    Reference(
        "resources_tenancies",
        "입주 기관",
        make=_hidden_institution,
        row=_module_row("resources_tenancies", **{"입주 기관": "숨은구청"}),
        used=_module_used("resources.Tenancy", "institution"),
        prepare=_module_place,
    ),
    Reference(
        "resources_bookings",
        "기업",
        make=_hidden_enterprise,
        row=_module_row("resources_bookings", 기업=HIDDEN_NUMBER),
        used=_module_used("resources.Booking", "enterprise"),
        prepare=_module_place,
    ),
)
REFERENCES = REFERENCES + MODULE_REFERENCES


class _Undo(Exception):
    pass


def _rolled_back(step: Callable[[], Any]) -> Any:
    """Run a step and undo everything it wrote, so that the next step starts from the same rows."""
    box: list[Any] = []
    try:
        with transaction.atomic():
            box.append(step())
            raise _Undo
    except _Undo:
        pass
    return box[0]


def _answer(reference: Reference, user: User) -> tuple[Any, ...]:
    """What the import tells the user: every problem line, or the summary and each row's outcome."""
    assert user.center is not None
    importer = get_importer(reference.kind)(center=user.center, user=user, year=2017)
    try:
        result = run_import(importer, _csv(reference.row), "references.csv")
    except ImportRejected as rejected:
        return ("rejected", tuple(rejected.lines))
    return (
        "saved",
        result.summary(),
        sorted(result.outcomes.items()),
        sorted(result.labels.items()),
    )


@pytest.fixture
def district_admin(db: None) -> User:
    return create_user(
        username="district_admin",
        password=PASSWORD,
        center=Center.objects.get(code="SEOUL-GANGDONG"),
        role=Role.CENTER_ADMIN,
        display_name="district_admin",
    )


@pytest.fixture
def busan_center(db: None) -> Center:
    return create_center(
        code="BUSAN",
        name="부산광역시 사회적경제지원센터",
        kind=CenterKind.METROPOLITAN,
        region="부산광역시",
        administrative_code="2600000000",
    )


def _cases() -> list[Any]:
    role_of = {
        "metro_admin": (Role.CENTER_ADMIN, "SEOUL"),
        "program_staff": (Role.PROGRAM_STAFF, "SEOUL"),
        "district_staff": (Role.DISTRICT_STAFF, "SEOUL-GANGDONG"),
        "district_admin": (Role.CENTER_ADMIN, "SEOUL-GANGDONG"),
    }
    cases = []
    for reference in REFERENCES:
        capability = get_importer(reference.kind).capability
        for persona in IMPORTING_PERSONAS:
            role, center = role_of[persona]
            if not has_capability(_Someone(role), capability):
                continue
            for hidden in HIDDEN_CENTERS[center]:
                if reference.metropolitan_plan and hidden == "SEOUL":
                    continue
                case_id = f"{reference.kind}-{reference.column}-{persona}-{hidden}"
                cases.append(pytest.param(reference, persona, hidden, id=case_id))
    return cases


@dataclass
class _Someone:
    role: str
    is_authenticated: bool = True
    is_active: bool = True


def test_every_kind_and_reference_column_is_in_the_table():
    covered = {reference.kind for reference in REFERENCES}
    assert covered | NO_REFERENCES == set(registered_importers())
    assert not covered & NO_REFERENCES
    for reference in REFERENCES:
        names = {name for column in get_importer(reference.kind).columns for name in column.names()}
        assert reference.column in names
        assert set(reference.row) <= names


@pytest.mark.django_db
@pytest.mark.parametrize(("reference", "persona", "hidden_code"), _cases())
def test_a_reference_the_user_cannot_see_is_answered_as_if_it_did_not_exist(
    request, busan_center, reference, persona, hidden_code
):
    user = request.getfixturevalue(persona)
    hidden = Center.objects.get(code=hidden_code)
    own = user.center

    def hidden_row() -> tuple[Any, ...]:
        reference.prepare(own, user)
        target = reference.make(hidden, user)
        before = model_to_dict(target)
        answer = _answer(reference, user)
        assert not reference.used(target), "the import used a row the user cannot see"
        target.refresh_from_db()
        assert model_to_dict(target) == before
        return answer

    def missing_row() -> tuple[Any, ...]:
        reference.prepare(own, user)
        return _answer(reference, user)

    def visible_row() -> tuple[Any, ...]:
        reference.prepare(own, user)
        target = reference.make(own, user)
        answer = _answer(reference, user)
        assert reference.used(target), f"the import did not use a row the user sees: {answer}"
        return answer

    assert _rolled_back(hidden_row) == _rolled_back(missing_row)
    _rolled_back(visible_row)


@pytest.mark.django_db
def test_a_district_records_under_its_metropolitan_centers_program_not_a_siblings(
    district_staff,
):
    program = build_tree(center=Center.objects.get(code="SEOUL"), program="광역 사업").program
    build_tree(center=Center.objects.get(code="SEOUL-GWANAK"), program="관악 사업")
    assert district_staff.center is not None
    importer = get_importer("activities")(center=district_staff.center, user=district_staff)
    run_import(importer, _csv(_activity_row(사업명="광역 사업")), "activities.csv")
    assert Activity.objects.get().program == program
    with pytest.raises(ImportRejected) as rejected:
        run_import(importer, _csv(_activity_row(사업명="관악 사업")), "activities.csv")
    assert rejected.value.lines == ["2행 [사업명]: 2017년 사업에 ‘관악 사업’이(가) 없습니다."]


@pytest.mark.django_db
def test_the_command_resolves_within_the_named_centers_reach(tmp_path, capsys):
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    _program(gangdong)
    EnterpriseFactory(center=Center.objects.get(code="SEOUL-GWANAK"), business_number=HIDDEN_NUMBER)
    path = tmp_path / "activities.csv"
    path.write_bytes(_csv(_activity_row(사업자등록번호=HIDDEN_NUMBER)))
    with pytest.raises(SystemExit):
        call_command("import_records", "activities", str(path), "--center", "SEOUL-GANGDONG")
    assert f"2행 [사업자등록번호]: {HIDDEN_NUMBER}은(는) 명부에 없는 사업자등록번호입니다." in (
        capsys.readouterr().err
    )
    assert not Activity.objects.exists()
    # From the metropolitan center the same file names a district's enterprise it sees.
    seoul_path = tmp_path / "seoul.csv"
    _program(Center.objects.get(code="SEOUL"))
    seoul_path.write_bytes(_csv(_activity_row(사업자등록번호=HIDDEN_NUMBER)))
    call_command("import_records", "activities", str(seoul_path), "--center", "SEOUL")
    assert Activity.objects.get().enterprises.get().business_number == HIDDEN_NUMBER


@pytest.mark.django_db
def test_the_command_refuses_a_user_of_another_center(tmp_path, other_district_staff):
    from django.core.management.base import CommandError

    path = tmp_path / "activities.csv"
    path.write_bytes(_csv(_activity_row()))
    with pytest.raises(CommandError, match="기록을 불러올 수 없습니다"):
        call_command(
            "import_records",
            "activities",
            str(path),
            "--center",
            "SEOUL-GANGDONG",
            "--user",
            other_district_staff.username,
        )
    assert not Activity.objects.exists()
