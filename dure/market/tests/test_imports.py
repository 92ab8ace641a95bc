"""판로지원 files: every record type imports from CSV and XLSX, a bad row is refused by row and
column with nothing saved, and a file imported again changes nothing."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from auditlog.models import LogEntry
from openpyxl import Workbook

from dure.core.imports import ImportRejected, ImportResult, get_importer, run_import
from dure.core.models import Center, User
from dure.market import services
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
    SalesTeamMember,
    SupplySurvey,
    Visit,
)
from dure.programs.tests.factories import build_tree
from dure.registry import services as registry_services
from dure.registry.models import Enterprise, Institution
from dure.registry.tests.factories import valid_business_number

pytestmark = pytest.mark.django_db

PROGRAM = "공공 시장 확대 지원"
DURE = valid_business_number(501)
NANUM = valid_business_number(502)
MARKET_MODELS = (
    Consultation,
    Visit,
    DatabaseEntry,
    Briefing,
    Fair,
    SalesTeam,
    SalesTeamMember,
    Opportunity,
    DemandOrganization,
    B2BLinkage,
    SupplySurvey,
    Outlet,
    Listing,
    MarketingSupport,
    SalesEvent,
    EventParticipation,
    Purchase,
)


@pytest.fixture
def gangdong(gangdong_center: Center) -> Center:
    """A district center with its program, three institutions (one a private buyer), two
    enterprises, a fair and a sales event."""
    tree = build_tree(center=gangdong_center, program=PROGRAM)
    gangdong_office = registry_services.create_institution(
        center=gangdong_center, name="강동구청", district="강동구"
    )
    registry_services.create_institution(center=gangdong_center, name="강동구도시관리공단")
    registry_services.create_institution(center=gangdong_center, name="행복생협")
    registry_services.create_enterprise(
        center=gangdong_center, name="(주)두레상회", business_number=DURE
    )
    registry_services.create_enterprise(
        center=gangdong_center, name="나눔협동조합", business_number=NANUM
    )
    services.record_fair(
        center=gangdong_center,
        program=tree.program,
        date=datetime.date(2017, 9, 14),
        host=gangdong_office,
    )
    services.record_sales_event(
        center=gangdong_center,
        program=tree.program,
        date=datetime.date(2017, 10, 20),
        name="사회적경제 한마당 장터",
        kind="박람회",
    )
    return gangdong_center


def _csv(header: list[str], rows: list[list[Any]]) -> bytes:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(header)
    writer.writerows(rows)
    return stream.getvalue().encode("utf-8")


def _xlsx(header: list[str], rows: list[list[Any]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _import(
    kind: str,
    header: list[str],
    rows: list[list[Any]],
    center: Center,
    *,
    xlsx: bool = False,
    user: User | None = None,
) -> ImportResult:
    importer = get_importer(kind)(center=center, user=user, year=2017)
    if xlsx:
        return run_import(importer, _xlsx(header, rows), f"{kind}.xlsx")
    return run_import(importer, _csv(header, rows), f"{kind}.csv")


def _refused(kind: str, header: list[str], rows: list[list[Any]], center: Center) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        _import(kind, header, rows, center)
    return rejected.value.lines


def _saved_rows() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in MARKET_MODELS}


@dataclass(frozen=True)
class Sample:
    """A valid file of one kind and what its rows become."""

    header: list[str]
    rows: list[list[Any]]
    saved: Callable[[], list[tuple[Any, ...]]]
    expected: list[tuple[Any, ...]]


MAY_23 = datetime.date(2017, 5, 23)

SAMPLES = {
    "market_consultations": Sample(
        ["일자", "사업명", "상담자 구분", "경로", "상담 주제", "결과", "기관", "기업", "자치구"],
        [
            [
                "2017-05-23",
                PROGRAM,
                "공공기관",
                "",
                "우선구매 제도",
                "안내",
                "강동구청",
                "",
                "강동",
            ],
            ["2017. 5. 24.", PROGRAM, "사회적경제기업", "자치구 영업지원단", "", "", "", DURE, ""],
        ],
        lambda: list(
            Consultation.objects.order_by("date").values_list(
                "date", "caller_type", "channel", "topic", "institution__name", "enterprise__name"
            )
        ),
        [
            (MAY_23, "institution", "콜센터", "우선구매 제도", "강동구청", None),
            (
                datetime.date(2017, 5, 24),
                "enterprise",
                "자치구 영업지원단",
                "",
                None,
                "(주)두레상회",
            ),
        ],
    ),
    "market_visits": Sample(
        ["일자", "사업명", "방문 기관", "구분", "방문자", "목적", "결과", "자치구"],
        [
            [
                "2017-05-23",
                PROGRAM,
                "강동구청",
                "공공기관",
                "김영업",
                "소개",
                "견적 요청",
                "강동구",
            ],
            ["2017-06-01", PROGRAM, "강동구 도시관리공단", "기업/네트워크", "", "", "", ""],
        ],
        lambda: list(
            Visit.objects.order_by("date").values_list(
                "date", "institution__name", "segment", "staff", "result", "district"
            )
        ),
        [
            (MAY_23, "강동구청", "공공기관", "김영업", "견적 요청", "강동구"),
            (datetime.date(2017, 6, 1), "강동구도시관리공단", "기업/네트워크", "", "", ""),
        ],
    ),
    "market_database_entries": Sample(
        ["일자", "사업명", "DB", "기업", "기관"],
        [
            ["2017-05-23", PROGRAM, "SE기업", "두레상회", ""],
            ["2017-05-23", PROGRAM, "", NANUM, ""],
            ["2017-05-23", PROGRAM, "공공기관", "", "강동구청"],
        ],
        lambda: list(
            DatabaseEntry.objects.order_by("pk").values_list(
                "kind", "enterprise__name", "institution__name"
            )
        ),
        [
            ("enterprise", "(주)두레상회", None),
            ("enterprise", "나눔협동조합", None),
            ("institution", None, "강동구청"),
        ],
    ),
    "market_briefings": Sample(
        ["일자", "사업명", "내용", "대상", "참여인원"],
        [["2017-05-23", PROGRAM, "공공구매 제도 설명회", "구청 계약 담당자", "35명"]],
        lambda: list(Briefing.objects.values_list("date", "title", "audience", "participants")),
        [(MAY_23, "공공구매 제도 설명회", "구청 계약 담당자", 35)],
    ),
    "market_fairs": Sample(
        ["일자", "사업명", "개최기관", "참여기업", "상담부서", "상담건수", "방문객"],
        [["2017-10-12", PROGRAM, "강동구도시관리공단", "12", "8", "1,040", ""]],
        lambda: list(
            Fair.objects.filter(date__month=10).values_list(
                "host__name",
                "enterprises_count",
                "departments_count",
                "consultations_count",
                "visitors",
            )
        ),
        [("강동구도시관리공단", 12, 8, 1040, None)],
    ),
    "market_sales_teams": Sample(
        ["사업명", "자치구", "이름", "비고"],
        [
            [PROGRAM, "강동구", "김영업", "2017년 3월 구성"],
            [PROGRAM, "강동구", "박영업", ""],
            [PROGRAM, "송파", "이영업", ""],
        ],
        lambda: list(
            SalesTeamMember.objects.order_by("pk").values_list(
                "team__fiscal_year__year", "team__district", "name", "team__notes"
            )
        ),
        [
            (2017, "강동구", "김영업", "2017년 3월 구성"),
            (2017, "강동구", "박영업", "2017년 3월 구성"),
            (2017, "송파구", "이영업", ""),
        ],
    ),
    "market_opportunities": Sample(
        [
            "일자",
            "사업명",
            "발주기관",
            "수요 내용",
            "지원 방식",
            "경로",
            "박람회 일자",
            "박람회 개최기관",
            "단계",
            "참여 기업",
            "계약 기업",
            "계약일",
            "계약금액(원)",
        ],
        [
            [
                "2017-09-14",
                PROGRAM,
                "강동구청",
                "청사 청소 용역",
                "입찰지원",
                "박람회",
                "2017-09-14",
                "강동구청",
                "계약",
                f"나눔협동조합, {DURE}",
                "두레상회",
                "2017-10-30",
                "12,000,000원",
            ],
            [
                "2017-05-23",
                PROGRAM,
                "강동구도시관리공단",
                "급식 식자재",
                "매칭",
                "영업매칭",
                "",
                "",
                "입찰",
                "나눔협동조합",
                "",
                "",
                "",
            ],
        ],
        lambda: [
            (
                o.need,
                o.get_stage_display(),
                o.fair.date if o.fair else None,
                sorted(e.name for e in o.bidders.all()),
                o.winner.name if o.winner else None,
                o.contracted_on,
                o.contract_won,
            )
            for o in Opportunity.objects.order_by("date")
        ],
        [
            ("급식 식자재", "입찰", None, ["나눔협동조합"], None, None, None),
            (
                "청사 청소 용역",
                "계약",
                datetime.date(2017, 9, 14),
                ["(주)두레상회", "나눔협동조합"],
                "(주)두레상회",
                datetime.date(2017, 10, 30),
                12_000_000,
            ),
        ],
    ),
    "market_demand_organizations": Sample(
        ["일자", "사업명", "수요처", "구분"],
        [
            ["2017-05-23", PROGRAM, "행복생협", "유통채널"],
            ["2017-06-01", PROGRAM, "강동구도시관리공단", "비영리조직"],
        ],
        lambda: list(
            DemandOrganization.objects.order_by("date").values_list(
                "date", "institution__name", "category"
            )
        ),
        [
            (MAY_23, "행복생협", "유통채널"),
            (datetime.date(2017, 6, 1), "강동구도시관리공단", "비영리조직"),
        ],
    ),
    "market_sales_linkages": Sample(
        ["일자", "사업명", "공급기업", "수요기업", "계약내용", "계약금액(원)"],
        [
            ["2017-05-23", PROGRAM, DURE, "행복생협", "명절 선물세트", "3,500,000원"],
            ["2017-07-10", PROGRAM, "나눔협동조합", "행복 생협", "", ""],
        ],
        lambda: list(
            B2BLinkage.objects.order_by("date").values_list(
                "date", "supplier__name", "buyer__name", "item", "amount_won"
            )
        ),
        [
            (MAY_23, "(주)두레상회", "행복생협", "명절 선물세트", 3_500_000),
            (datetime.date(2017, 7, 10), "나눔협동조합", "행복생협", "", None),
        ],
    ),
    "market_supply_surveys": Sample(
        ["일자", "사업명", "기업", "조사 내용"],
        [["2017-05-23", PROGRAM, "두레상회", "월 2,000개 생산 가능"]],
        lambda: list(SupplySurvey.objects.values_list("date", "enterprise__name", "findings")),
        [(MAY_23, "(주)두레상회", "월 2,000개 생산 가능")],
    ),
    "market_outlets": Sample(
        ["일자", "사업명", "판매처", "종류", "운영 방식", "SE 유통채널 선정"],
        [
            ["2017-05-23", PROGRAM, "행복생협", "유통채널", "", "예"],
            ["2017-06-01", PROGRAM, "강동구청", "생협 매장", "상설", ""],
        ],
        lambda: list(
            Outlet.objects.order_by("date").values_list(
                "date", "institution__name", "kind", "arrangement", "selected"
            )
        ),
        [
            (MAY_23, "행복생협", "channel", "", True),
            (datetime.date(2017, 6, 1), "강동구청", "coop_store", "상설", False),
        ],
    ),
    "market_listings": Sample(
        ["일자", "사업명", "판매처 종류", "기업", "제품", "매출(원)"],
        [
            ["2017-05-23", PROGRAM, "유통채널", DURE, "유기농 쌀과자", "1,200,000"],
            ["2017-05-23", PROGRAM, "거점매장", "나눔협동조합", "", ""],
        ],
        lambda: list(
            Listing.objects.order_by("pk").values_list(
                "outlet_kind", "enterprise__name", "product", "sales_won"
            )
        ),
        [
            ("channel", "(주)두레상회", "유기농 쌀과자", 1_200_000),
            ("hub_store", "나눔협동조합", "", None),
        ],
    ),
    "market_marketing_supports": Sample(
        ["일자", "사업명", "구분", "기업", "지원 내용"],
        [
            ["2017-05-23", PROGRAM, "교차마케팅", DURE, "공동 기획전"],
            ["2017-06-01", PROGRAM, "개별기업 온라인마케팅", "나눔협동조합", ""],
        ],
        lambda: list(
            MarketingSupport.objects.order_by("date").values_list(
                "date", "kind", "enterprise__name", "content"
            )
        ),
        [
            (MAY_23, "cross", "(주)두레상회", "공동 기획전"),
            (datetime.date(2017, 6, 1), "online", "나눔협동조합", ""),
        ],
    ),
    "market_sales_events": Sample(
        ["일자", "사업명", "행사명", "구분"],
        [["2017-05-23", PROGRAM, "생협 기획전", "생협기획행사-상설"]],
        lambda: list(SalesEvent.objects.filter(date=MAY_23).values_list("date", "name", "kind")),
        [(MAY_23, "생협 기획전", "생협기획행사-상설")],
    ),
    "market_event_participations": Sample(
        ["행사 일자", "행사명", "기업", "매출(원)"],
        [
            ["2017-10-20", "사회적경제 한마당 장터", DURE, "450,000"],
            ["2017. 10. 20.", "사회적경제 한마당 장터", "나눔협동조합", ""],
        ],
        lambda: list(
            EventParticipation.objects.order_by("pk").values_list(
                "date", "event__name", "program__name", "enterprise__name", "sales_won"
            )
        ),
        [
            (
                datetime.date(2017, 10, 20),
                "사회적경제 한마당 장터",
                PROGRAM,
                "(주)두레상회",
                450_000,
            ),
            (datetime.date(2017, 10, 20), "사회적경제 한마당 장터", PROGRAM, "나눔협동조합", None),
        ],
    ),
    "market_purchases": Sample(
        ["구매 기관", "결의일", "공급자 사업자등록번호", "공급자", "품목", "금액(원)"],
        [
            ["강동구청", "2017-05-23", DURE, "(주)두레상회", "사무용품", "1,200,000원"],
            [
                "강동구도시관리공단",
                "2017-12-28",
                f"{NANUM[:3]}-{NANUM[3:5]}-{NANUM[5:]}",
                "",
                "",
                0,
            ],
        ],
        lambda: list(
            Purchase.objects.order_by("resolved_on").values_list(
                "institution__name",
                "resolved_on",
                "supplier_business_number",
                "supplier_name",
                "item",
                "amount_won",
            )
        ),
        [
            ("강동구청", MAY_23, DURE, "(주)두레상회", "사무용품", 1_200_000),
            ("강동구도시관리공단", datetime.date(2017, 12, 28), NANUM, "", "", 0),
        ],
    ),
}


def test_every_market_kind_has_a_sample():
    assert set(SAMPLES) == {
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
    }


@pytest.mark.parametrize("xlsx", [False, True], ids=["csv", "xlsx"])
@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_a_valid_file_imports_its_rows(gangdong, kind, xlsx):
    sample = SAMPLES[kind]
    result = _import(kind, sample.header, sample.rows, gangdong, xlsx=xlsx)
    assert result.created == len(sample.rows)
    assert sample.saved() == sample.expected


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_importing_the_same_file_again_changes_nothing(gangdong, kind):
    sample = SAMPLES[kind]
    _import(kind, sample.header, sample.rows, gangdong)
    before, log_entries = _saved_rows(), LogEntry.objects.count()
    again = _import(kind, sample.header, sample.rows, gangdong)
    assert again.summary() == f"새로 등록 0건, 변경 0건, 변경 없음 {len(sample.rows)}건"
    assert _saved_rows() == before
    assert LogEntry.objects.count() == log_entries
    assert sample.saved() == sample.expected


# (kind, the cells that spoil the sample's first row, the problems the spoilt row is refused
# with); each file's row 2 is the sample's first row as it is, row 3 the spoilt copy.
BAD_ROWS = [
    pytest.param(
        "market_consultations",
        {"기관": "없는구청"},
        "3행 [기관]: ‘없는구청’은(는) 이 센터의 명부에 없는 기관입니다.",
        id="unknown-institution",
    ),
    pytest.param(
        "market_visits",
        {"구분": "우주기관"},
        "3행 [구분]: '우주기관'은(는) 고를 수 있는 값이 아닙니다"
        "(공공기관, 교육청/학교, 기업/네트워크).",
        id="unknown-choice",
    ),
    pytest.param(
        "market_database_entries",
        {"기업": valid_business_number(999)},
        f"3행 [기업]: ‘{valid_business_number(999)}’은(는) 이 센터의 명부에 없는 기업입니다.",
        id="unknown-enterprise",
    ),
    pytest.param(
        "market_briefings",
        {"일자": "2018-01-05"},
        "3행 [일자]: 일자가 ‘공공 시장 확대 지원’ 사업의 회계연도(2017년) 밖입니다.",
        id="date-outside-the-year",
    ),
    pytest.param(
        "market_fairs",
        {"방문객": "-5"},
        "3행 [방문객]: 0 이상이어야 합니다: -5",
        id="negative-count",
    ),
    pytest.param(
        "market_sales_teams",
        {"자치구": "해운대구"},
        "3행 [자치구]: ‘해운대구’은(는) 서울의 자치구가 아닙니다.",
        id="unknown-district",
    ),
    pytest.param(
        "market_opportunities",
        {"계약금액(원)": "-5,000"},
        "3행 [계약금액(원)]: 금액은 0원 이상이어야 합니다: '-5,000'",
        id="negative-amount",
    ),
    pytest.param(
        "market_opportunities",
        {"계약일": ""},
        "3행 [계약일]: 계약 단계에는 계약일이 필요합니다.",
        id="contract-without-its-date",
    ),
    pytest.param(
        "market_opportunities",
        {"계약일": "2101-01-01"},
        "3행 [계약일]: 1900년부터 2100년 사이의 날짜여야 합니다: '2101-01-01'",
        id="date-after-2100",
    ),
    pytest.param(
        "market_opportunities",
        {"단계": "입찰"},
        [
            f"3행 [{column}]: {column}은 단계가 ‘계약’일 때만 적습니다."
            for column in ("계약 기업", "계약일", "계약금액(원)")
        ],
        id="contract-at-another-stage",
    ),
    pytest.param(
        "market_demand_organizations",
        {"구분": "정당"},
        "3행 [구분]: '정당'은(는) 고를 수 있는 값이 아닙니다"
        "(유통채널, 지원조직, 복지몰, 기업, 비영리조직, 노동조합).",
        id="unknown-category",
    ),
    pytest.param(
        "market_sales_linkages",
        {"수요기업": "없는마트"},
        "3행 [수요기업]: ‘없는마트’은(는) 이 센터의 명부에 없는 기관입니다.",
        id="unknown-buyer",
    ),
    pytest.param(
        "market_sales_linkages",
        {"계약금액(원)": "3.5백만"},
        "3행 [계약금액(원)]: 금액은 원 단위 정수여야 합니다: '3.5백만'",
        id="amount-not-in-won",
    ),
    pytest.param(
        "market_supply_surveys",
        {"기업": ""},
        "3행 [기업]: 값이 비어 있습니다.",
        id="no-enterprise",
    ),
    pytest.param(
        "market_outlets",
        {"종류": "생협 매장"},
        "3행 [SE 유통채널 선정]: SE 유통채널 선정은 종류가 유통채널일 때만 ‘예’로 적습니다.",
        id="a-store-chosen-as-a-channel",
    ),
    pytest.param(
        "market_outlets",
        {"SE 유통채널 선정": "글쎄"},
        "3행 [SE 유통채널 선정]: '글쎄'은(는) 고를 수 있는 값이 아닙니다(예, 아니오).",
        id="neither-yes-nor-no",
    ),
    pytest.param(
        "market_listings",
        {"매출(원)": "-1"},
        "3행 [매출(원)]: 금액은 0원 이상이어야 합니다: '-1'",
        id="negative-sales",
    ),
    pytest.param(
        "market_marketing_supports",
        {"기업": valid_business_number(999)},
        f"3행 [기업]: ‘{valid_business_number(999)}’은(는) 이 센터의 명부에 없는 기업입니다.",
        id="unknown-marketing-enterprise",
    ),
    pytest.param(
        "market_sales_events",
        {"사업명": "없는 사업"},
        "3행 [사업명]: 2017년 사업에 ‘없는 사업’이(가) 없습니다.",
        id="unknown-program",
    ),
    pytest.param(
        "market_event_participations",
        {"행사 일자": "2017-10-21"},
        "3행 [행사명]: 2017-10-21 ‘사회적경제 한마당 장터’ 판매 행사가 이 센터의 기록에 없습니다.",
        id="unknown-event",
    ),
    pytest.param(
        "market_purchases",
        {"공급자 사업자등록번호": DURE[:9] + str((int(DURE[9]) + 1) % 10)},
        "3행 [공급자 사업자등록번호]: 사업자등록번호의 검증번호가 맞지 않습니다: "
        f"'{DURE[:9] + str((int(DURE[9]) + 1) % 10)}'",
        id="wrong-check-digit",
    ),
    pytest.param(
        "market_purchases",
        {"공급자 사업자등록번호": "220-81-6251"},
        "3행 [공급자 사업자등록번호]: 사업자등록번호는 숫자 10자리여야 합니다: '220-81-6251'",
        id="nine-digits",
    ),
    pytest.param(
        "market_purchases",
        {"구매 기관": "없는구청", "결의일": "2017-02-30"},
        [
            "3행 [구매 기관]: ‘없는구청’은(는) 이 센터의 명부에 없는 기관입니다.",
            "3행 [결의일]: 없는 날짜입니다: '2017-02-30'",
        ],
        id="unknown-buyer-and-impossible-date",
    ),
]


@pytest.mark.parametrize(("kind", "cells", "problem"), BAD_ROWS)
def test_a_bad_row_is_refused_by_row_and_column_and_nothing_is_saved(
    gangdong, kind, cells, problem
):
    sample = SAMPLES[kind]
    good = sample.rows[0]
    bad = [cells.get(column, value) for column, value in zip(sample.header, good, strict=True)]
    before = _saved_rows()
    lines = _refused(kind, sample.header, [good, bad], gangdong)
    assert lines == ([problem] if isinstance(problem, str) else problem)
    assert _saved_rows() == before


def test_a_corrected_row_updates_its_record(gangdong):
    sample = SAMPLES["market_visits"]
    _import("market_visits", sample.header, sample.rows, gangdong)
    corrected = [[*sample.rows[0][:6], "계약 논의", *sample.rows[0][7:]], sample.rows[1]]
    result = _import("market_visits", sample.header, corrected, gangdong)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Visit.objects.get(date=MAY_23).result == "계약 논의"


def test_an_opportunity_imported_again_moves_on_to_its_contract(gangdong):
    header = SAMPLES["market_opportunities"].header
    row = SAMPLES["market_opportunities"].rows[1]
    _import("market_opportunities", header, [row], gangdong)
    contracted = [*row[:8], "계약", "나눔협동조합", "나눔협동조합", "2017-07-01", 3_500_000]
    result = _import("market_opportunities", header, [contracted], gangdong)
    assert result.updated == 1
    opportunity = Opportunity.objects.get()
    assert opportunity.is_contracted
    assert opportunity.winner == Enterprise.objects.get(business_number=NANUM)
    assert opportunity.contract_won == 3_500_000


def test_the_same_row_twice_is_two_records_and_a_rerun_adds_neither(gangdong):
    sample = SAMPLES["market_briefings"]
    twice = [sample.rows[0], sample.rows[0]]
    assert _import("market_briefings", sample.header, twice, gangdong).created == 2
    again = _import("market_briefings", sample.header, twice, gangdong)
    assert again.unchanged == 2
    three_times = _import("market_briefings", sample.header, [*twice, sample.rows[0]], gangdong)
    assert (three_times.created, three_times.unchanged) == (1, 2)
    assert Briefing.objects.count() == 3


def test_a_districts_rows_are_its_sales_teams_whole_list(gangdong):
    sample = SAMPLES["market_sales_teams"]
    _import("market_sales_teams", sample.header, sample.rows, gangdong)
    result = _import("market_sales_teams", sample.header, sample.rows[:1], gangdong)
    assert result.summary() == "새로 등록 0건, 변경 0건, 변경 없음 1건 (명단에서 빠진 인력 1건)"
    gangdong_team = SalesTeam.objects.get(district="강동구")
    assert list(gangdong_team.members.values_list("name", flat=True)) == ["김영업"]
    assert SalesTeam.objects.get(district="송파구").members.count() == 1


def test_a_sales_team_is_for_the_year_asked_for(gangdong):
    sample = SAMPLES["market_sales_teams"]
    importer = get_importer("market_sales_teams")(center=gangdong, year=2018)
    with pytest.raises(ImportRejected) as rejected:
        run_import(importer, _csv(sample.header, sample.rows[:1]), "teams.csv")
    assert rejected.value.lines == [
        "2행 [사업명]: 2018년 사업에 ‘공공 시장 확대 지원’이(가) 없습니다."
    ]


def test_a_program_is_named_by_its_code(gangdong):
    header = ["일자", "사업코드", "내용"]
    _import("market_briefings", header, [["2017-05-23", "P01", "설명회"]], gangdong)
    assert Briefing.objects.get().program.name == PROGRAM
    lines = _refused("market_briefings", header, [["2017-05-23", "P77", "설명회"]], gangdong)
    assert lines == ["2행 [사업코드]: 2017년 사업에 ‘P77’이(가) 없습니다."]


def test_a_row_without_a_program_is_refused(gangdong):
    lines = _refused("market_briefings", ["일자", "내용"], [["2017-05-23", "설명회"]], gangdong)
    assert lines == ["2행 [사업명]: 사업명이나 사업코드를 적어 주세요."]


def test_a_district_records_under_its_metropolitan_centers_program(gangdong, district_staff):
    build_tree(center=Center.objects.get(code="SEOUL"), program="광역 판로 사업", program_code="M1")
    header = ["일자", "사업명", "내용"]
    _import(
        "market_briefings",
        header,
        [["2017-05-23", "광역 판로 사업", "설명회"]],
        gangdong,
        user=district_staff,
    )
    briefing = Briefing.objects.get()
    assert (briefing.center, briefing.program.center.code) == (gangdong, "SEOUL")


def test_another_districts_institution_is_answered_as_unknown(gangdong, district_staff):
    registry_services.create_institution(
        center=Center.objects.get(code="SEOUL-GWANAK"), name="관악구청"
    )
    sample = SAMPLES["market_visits"]
    row = [cell if cell != "강동구청" else "관악구청" for cell in sample.rows[0]]
    with pytest.raises(ImportRejected) as rejected:
        _import("market_visits", sample.header, [row], gangdong, user=district_staff)
    assert rejected.value.lines == [
        "2행 [방문 기관]: ‘관악구청’은(는) 이 센터의 명부에 없는 기관입니다."
    ]
    assert not Institution.objects.filter(center=gangdong, name="관악구청").exists()


def test_an_enterprise_name_held_twice_asks_for_the_number(gangdong):
    registry_services.create_enterprise(
        center=gangdong, name="두레상회", business_number=valid_business_number(503)
    )
    header = ["일자", "사업명", "기업"]
    lines = _refused(
        "market_database_entries", header, [["2017-05-23", PROGRAM, "두레 상회"]], gangdong
    )
    assert lines == [
        "2행 [기업]: ‘두레 상회’이(가) 명부에 2곳 있습니다: 사업자등록번호로 적어 주세요."
    ]
    _import("market_database_entries", header, [["2017-05-23", PROGRAM, DURE]], gangdong)
    assert DatabaseEntry.objects.get().enterprise == Enterprise.objects.get(business_number=DURE)


def test_a_fair_opportunity_names_a_fair_of_the_center(gangdong):
    sample = SAMPLES["market_opportunities"]
    row = [*sample.rows[0][:6], "2017-09-15", "강동구청", *sample.rows[0][8:]]
    lines = _refused("market_opportunities", sample.header, [row], gangdong)
    assert lines == ["2행 [박람회 일자]: 2017-09-15 ‘강동구청’ 박람회가 이 센터의 기록에 없습니다."]
    no_fair = [*sample.rows[0][:6], "", "", *sample.rows[0][8:]]
    lines = _refused("market_opportunities", sample.header, [no_fair], gangdong)
    assert lines == ["2행 [박람회 일자]: 박람회 경로에는 박람회(일자와 개최기관)가 필요합니다."]


def test_a_participation_imported_at_the_metropolitan_center_belongs_to_its_event(
    gangdong, metro_admin
):
    sample = SAMPLES["market_event_participations"]
    seoul = Center.objects.get(code="SEOUL")
    _import("market_event_participations", sample.header, sample.rows, seoul, user=metro_admin)
    again = _import(
        "market_event_participations", sample.header, sample.rows, seoul, user=metro_admin
    )
    assert (again.created, again.unchanged) == (0, 2)
    assert set(EventParticipation.objects.values_list("center", flat=True)) == {gangdong.pk}


def test_a_corrected_purchase_amount_updates_its_record(gangdong):
    sample = SAMPLES["market_purchases"]
    _import("market_purchases", sample.header, sample.rows, gangdong)
    corrected = [[*sample.rows[0][:5], "1,250,000"], sample.rows[1]]
    result = _import("market_purchases", sample.header, corrected, gangdong)
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    assert Purchase.objects.get(resolved_on=MAY_23).amount_won == 1_250_000
