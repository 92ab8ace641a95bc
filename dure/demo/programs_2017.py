"""The 2017 demo: the seed report's plan (사업 총괄표 and every 주요실적 table) and the activity
records its actuals come from. Listed items are loaded as they are; where the report gives only a
total, generated records stand in and are marked `reconstructed`. docs/seed-2017.md explains the
readings where the report contradicts itself.

Later modules can move a group of records onto their richer record types by replacing one of the
`_load_*` steps and pointing the indicators at their metrics."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction

from dure.core.models import Center
from dure.core.services import ensure_fiscal_year
from dure.programs import services
from dure.programs.models import (
    Activity,
    ActivityKind,
    CenterScope,
    IndicatorStatus,
    Program,
    ProgramArea,
    SubProgram,
)
from dure.registry import services as registry_services
from dure.registry.models import Enterprise, Institution, normalise_name, search_key

YEAR = 2017
ACTIVITIES = "programs.activities"

AREAS = (
    ("A1", "판로 지원"),
    ("A2", "경영 지원"),
    ("A3", "전략 사업 육성"),
    ("A4", "지역 및 협동 기반 조성"),
    ("A5", "주체발굴 및 인재양성"),
    ("A6", "홍보 및 연구"),
)
PROGRAMS = (
    ("P01", "A1", "공공 시장 확대 지원"),
    ("P02", "A1", "민간 시장 판로 지원"),
    ("P03", "A2", "컨설팅 및 일상 경영 지원"),
    ("P04", "A3", "전략 사업 지원"),
    ("P05", "A4", "자치구 및 생태계 조성 지원"),
    ("P06", "A4", "마을 기업 발굴 및 육성"),
    ("P07", "A4", "공동 작업장 조성 관리"),
    ("P08", "A4", "협력 네트워크 구축"),
    ("P09", "A5", "아카데미 운영"),
    ("P10", "A5", "인재 양성 연수"),
    ("P11", "A5", "청소년 사회적 경제인 육성"),
    ("P12", "A6", "시민 홍보 및 인식 제고"),
    ("P13", "A6", "연구 사업"),
)
SUB_PROGRAMS = {
    "P07": (
        "창신숭인 사회적경제허브",
        "세운상가 지역재생리빙랩",
        "성동성수 지역재생리빙랩",
        "생활기술융합제작소",
        "소셜디자인 기술혁신랩",
    ),
}
DISTRICT_TEAMS = {"강동구": "SEOUL-GANGDONG", "관악구": "SEOUL-GWANAK", "노원구": "SEOUL-NOWON"}
BOTH, OVERVIEW, DETAIL = "both", "overview", "detail"


@dataclass
class Spec:
    """One indicator of the seed's plan."""

    program: str
    code: str
    group: str
    name: str
    unit: str
    target: int | Decimal | None
    where: dict[str, Any] = field(default_factory=dict)
    rule: str = "count"
    table: str = BOTH
    scope: str = CenterScope.OWN
    status: str = IndicatorStatus.ACTIVE
    reason: str = ""
    pair: str = ""
    parts: tuple[tuple[str, dict[str, Any], int | None], ...] = ()
    manual: tuple[int, str] | None = None
    sub_program: str = ""


def _k(kind: str, *categories: str, **more: Any) -> dict[str, Any]:
    where: dict[str, Any] = {"kind": [kind]}
    if categories:
        where["category"] = list(categories)
    where.update(more)
    return where


def _districts(values: Iterable[int]) -> tuple[tuple[str, dict[str, Any], int], ...]:
    return tuple(
        (name, {"district": [name]}, target)
        for name, target in zip(DISTRICT_TEAMS, values, strict=True)
    )


LEVEL_UP = ("레벨업-홍보마케팅", "레벨업-사업개발", "레벨업-제품서비스개선", "레벨업-기타")
ZONE = (
    "현장간담회",
    "예비특구자문",
    "사전간담회",
    "예비특구성과보고회",
    "예비특구컨설팅",
    "밀착방문",
)
COURSES = (
    "대학연계",
    "업종별",
    "청소년",
    "청소년-학교협동조합",
    "자치구종사자",
    "공무원워크숍",
    "공무원특강",
    "대상별운영",
)
CHANGED = IndicatorStatus.CHANGED

SPECS: tuple[Spec, ...] = (
    # 판로 지원 — 공공 시장 확대 지원 (01, 02, 03, 07, 08, 09)
    Spec(
        "P01",
        "I01",
        "공공구매지원단 운영",
        "공공기관 방문영업",
        "건",
        650,
        _k("방문영업"),
        parts=(
            ("공공기관", {"category": ["공공기관"]}, None),
            ("교육청/학교", {"category": ["교육청/학교"]}, None),
            ("기업/네트워크", {"category": ["기업/네트워크"]}, None),
        ),
    ),
    Spec("P01", "I02", "공공구매지원단 운영", "사업매칭지원 건수", "건", 20, _k("영업매칭")),
    Spec(
        "P01",
        "I03",
        "공공구매지원단 운영",
        "사업매칭 계약규모",
        "억원",
        50,
        _k("영업매칭"),
        rule="sum_amount",
        pair="I02",
    ),
    Spec(
        "P01",
        "I04",
        "공공구매정보서비스",
        "공공구매지원센터 상담(콜센터)",
        "건",
        300,
        _k("상담", "콜센터"),
    ),
    Spec("P01", "I05", "교육활동", "교육/설명회", "회", 15, _k("교육·설명회")),
    Spec(
        "P01",
        "I06",
        "공공시장DB구축",
        "사회적경제 기업정보 DB구축",
        "건",
        200,
        _k("DB구축", "SE기업"),
    ),
    Spec(
        "P01",
        "I07",
        "자치구 공공구매 지원단 운영지원",
        "시니어 영업인력 배치 지역",
        "개",
        None,
        _k("인력배치"),
        table=OVERVIEW,
    ),
    Spec(
        "P01",
        "I08",
        "자치구 공공구매 지원단 운영지원",
        "시니어 영업인력 배치 인원",
        "명",
        None,
        _k("인력배치"),
        rule="sum_headcount",
        table=OVERVIEW,
    ),
    Spec(
        "P01",
        "I09",
        "자치구 공공구매 영업지원단",
        "상담서비스",
        "건",
        240,
        _k("상담", "자치구상담"),
        table=DETAIL,
        scope=CenterScope.DISTRICTS,
        parts=_districts((50, 90, 100)),
    ),
    Spec(
        "P01",
        "I10",
        "자치구 공공구매 영업지원단",
        "방문영업",
        "회",
        730,
        _k("방문영업"),
        table=DETAIL,
        scope=CenterScope.DISTRICTS,
        parts=_districts((150, 280, 300)),
    ),
    Spec(
        "P01",
        "I11",
        "자치구 공공구매 영업지원단",
        "SE기업 DB구축",
        "건",
        245,
        _k("DB구축", "SE기업"),
        table=DETAIL,
        scope=CenterScope.DISTRICTS,
        parts=_districts((50, 95, 100)),
    ),
    Spec(
        "P01",
        "I12",
        "자치구 공공구매 영업지원단",
        "공공기관 DB구축",
        "건",
        240,
        _k("DB구축", "공공기관"),
        table=DETAIL,
        scope=CenterScope.DISTRICTS,
        parts=_districts((50, 90, 100)),
    ),
    Spec(
        "P01",
        "I13",
        "공공조달박람회",
        "찾아가는 공공구매 박람회",
        "회",
        10,
        _k("행사", "공공구매박람회"),
    ),
    Spec(
        "P01",
        "I13b",
        "공공조달박람회",
        "박람회 방문객",
        "명",
        None,
        _k("행사", "공공구매박람회"),
        rule="sum_headcount",
        table=DETAIL,
    ),
    Spec("P01", "I13c", "공공조달박람회", "박람회 계약", "건", None, _k("계약"), table=DETAIL),
    Spec(
        "P01",
        "I13d",
        "공공조달박람회",
        "박람회 계약 금액",
        "천원",
        None,
        _k("계약"),
        rule="sum_amount",
        table=DETAIL,
        pair="I13c",
    ),
    # 판로 지원 — 민간 시장 판로 지원 (01, 10)
    Spec("P02", "I16", "B2B 영업지원", "상품현황조사", "건", 100, _k("상품현황조사"), table=DETAIL),
    Spec("P02", "I14", "B2B 영업지원", "유통채널 발굴", "건", 5, _k("유통채널발굴")),
    Spec("P02", "I15", "B2B 영업지원", "영업(처) 연계", "건", 30, _k("영업연계")),
    Spec(
        "P02",
        "I17",
        "B2C 입점지원",
        "기업별 진단 및 상담",
        "개",
        14,
        table=DETAIL,
        status=CHANGED,
        reason="사업내용변경(주요실적 표: 실적 ‘-’)",
    ),
    Spec(
        "P02",
        "I18",
        "B2C 입점지원",
        "기업별 입점지원(유통채널 입점 참여기업)",
        "개",
        14,
        _k("입점", "SE유통채널"),
    ),
    Spec(
        "P02",
        "I19",
        "B2C 입점지원",
        "SE유통채널 선정",
        "개",
        None,
        _k("유통채널선정"),
        table=OVERVIEW,
    ),
    Spec(
        "P02",
        "I20",
        "디지털 마케팅지원",
        "개별기업 온라인마케팅 지원",
        "개",
        12,
        _k("현장지원", "디지털마케팅"),
    ),
    Spec(
        "P02",
        "I21",
        "디지털 마케팅지원",
        "교차마케팅 지원",
        "회",
        4,
        table=DETAIL,
        status=CHANGED,
        reason="사업내용변경(주요실적 표: 실적 ‘-’)",
    ),
    Spec(
        "P02",
        "I22",
        "생협매장 입점사업",
        "참여매장 확보",
        "개",
        15,
        _k("매장확보", "상설"),
        rule="distinct_institutions",
    ),
    Spec(
        "P02",
        "I23",
        "생협매장 입점사업",
        "입점 기업",
        "개",
        30,
        _k("입점", "생협"),
        rule="distinct_enterprises",
    ),
    Spec("P02", "I24", "생협매장 입점사업", "입점 제품", "개", 60, _k("입점", "생협"), pair="I23"),
    Spec(
        "P02",
        "I25",
        "생협매장 입점사업",
        "기획행사 진행",
        "회",
        45,
        _k("행사", "생협기획행사-상설"),
    ),
    Spec(
        "P02",
        "I26",
        "생협매장 입점사업",
        "생협 매출성과",
        "천원",
        None,
        _k("입점", "생협"),
        rule="sum_amount",
        table=OVERVIEW,
    ),
    Spec(
        "P02",
        "I27",
        "거점매장 운영지원",
        "국제핸드메이드페어 참가기업",
        "개",
        20,
        _k("행사참가", "핸드메이드페어"),
    ),
    Spec(
        "P02",
        "I28",
        "거점매장 운영지원",
        "국제핸드메이드페어 매출성과",
        "천원",
        50000,
        _k("행사참가", "핸드메이드페어"),
        rule="sum_amount",
    ),
    Spec(
        "P02",
        "I29",
        "거점매장 운영지원",
        "덕수궁 페어샵 참여기업(회당 평균)",
        "개",
        40,
        manual=(
            18,
            "덕수궁 페어샵 16회의 회당 평균 참여기업 수(주요실적 표 10:488). "
            "평균이라 기록 합계로 셀 수 없어 수기로 둡니다.",
        ),
    ),
    Spec(
        "P02",
        "I29b",
        "거점매장 운영지원",
        "덕수궁 페어샵 운영",
        "회",
        None,
        _k("행사", "덕수궁페어샵"),
        table=DETAIL,
    ),
    Spec("P02", "I30", "거점매장 운영지원", "거점매장 개발지원", "개", 1, _k("성과물", "거점매장")),
    Spec(
        "P02",
        "I31",
        "거점매장 운영지원",
        "거점매장 운영주체 발굴지원",
        "건",
        1,
        _k("성과물", "운영주체"),
    ),
    # 경영 지원 — 컨설팅 및 일상 경영 지원 (01, 14, 15)
    Spec("P03", "I32a", "컨설팅", "맞춤형 통합컨설팅지원", "건", 85, _k("컨설팅"), table=OVERVIEW),
    Spec(
        "P03", "I32b", "컨설팅", "통합컨설팅 합계(추진 현황)", "건", 109, _k("컨설팅"), table=DETAIL
    ),
    Spec("P03", "I33", "컨설팅", "경영전략 컨설팅", "건", 5, _k("컨설팅", "경영전략")),
    Spec(
        "P03",
        "I36",
        "컨설팅",
        "혁신형",
        "건",
        10,
        table=OVERVIEW,
        status=CHANGED,
        reason="혁신형 10건은 사업개발(3)·멘토링(7) 실적에 포함(컨설팅 추진 현황 14:592)",
    ),
    Spec("P03", "I34a", "컨설팅", "사업개발", "건", 30, _k("컨설팅", "사업개발"), table=OVERVIEW),
    Spec(
        "P03", "I34b", "컨설팅", "사업개발컨설팅", "건", 40, _k("컨설팅", "사업개발"), table=DETAIL
    ),
    Spec("P03", "I35a", "컨설팅", "경영멘토링", "건", 40, _k("컨설팅", "멘토링"), table=OVERVIEW),
    Spec("P03", "I35b", "컨설팅", "경영멘토링", "건", 64, _k("컨설팅", "멘토링"), table=DETAIL),
    Spec(
        "P03",
        "I37",
        "일상경영",
        "일상회계/법률지원",
        "건",
        200,
        {"kind": ["현장지원", "상담"], "category": ["회계지원", "법률-유선", "법률-서면"]},
        table=OVERVIEW,
        parts=(
            ("회계", {"category": ["회계지원"]}, 150),
            ("법무", {"category": ["법률-유선", "법률-서면"]}, 50),
        ),
    ),
    Spec(
        "P03",
        "I38",
        "일상경영",
        "회계지원사업",
        "건",
        150,
        _k("현장지원", "회계지원"),
        table=DETAIL,
    ),
    Spec(
        "P03",
        "I39",
        "일상경영",
        "법률지원사업",
        "건",
        50,
        _k("상담", "법률-유선", "법률-서면"),
        table=DETAIL,
    ),
    Spec(
        "P03",
        "I40",
        "일상경영",
        "외부자원 연계",
        "건",
        35,
        _k("현장지원", "세무인턴", "CI", "법률프로보노"),
        parts=(
            ("세무인턴", {"category": ["세무인턴"]}, 20),
            ("CI 공모전", {"category": ["CI"]}, 15),
            ("법률프로보노", {"category": ["법률프로보노"]}, None),
        ),
    ),
    # 전략 사업 육성 — 전략 사업 지원 (01, 20)
    Spec(
        "P04",
        "I44",
        "마을기반 프랜차이징 확산 지원사업",
        "확산센터(본사) 모델개발",
        "건",
        1,
        _k("성과물", "프랜차이즈본사모델"),
    ),
    Spec(
        "P04",
        "I45",
        "마을기반 프랜차이징 확산 지원사업",
        "매장 및 시범사업 지원",
        "건",
        3,
        _k("현장지원", "프랜차이즈매장"),
    ),
    Spec(
        "P04",
        "I46",
        "사회적경제 주민참여 모델개발",
        "주민참여 사회적경제 모델 개발",
        "건",
        1,
        _k("성과물", "주민참여모델"),
    ),
    Spec(
        "P04",
        "I47",
        "사회적경제 협동비즈니스 지원사업",
        "규모화 모델 개발/지원",
        "건",
        3,
        _k("현장지원", "협동비즈니스"),
    ),
    Spec(
        "P04",
        "I48",
        "지역기반 통합돌봄 서비스 확산",
        "통합돌봄서비스 확산모델 개발",
        "건",
        1,
        _k("성과물", "통합돌봄모델"),
    ),
    # 지역 및 협동 기반 조성 — 자치구 및 생태계 조성 지원 (01, 23, 24, 25)
    Spec(
        "P05",
        "I49",
        "자치구 협력 강화",
        "자치구 지원기관 대표자 정기회의",
        "회",
        None,
        _k("회의", "대표자정기회의"),
        table=OVERVIEW,
    ),
    Spec(
        "P05",
        "I50",
        "자치구 협력 강화",
        "자치구 공공구매 활성화 워크숍",
        "회",
        None,
        _k("워크숍", "공공구매활성화"),
        table=OVERVIEW,
    ),
    Spec(
        "P05",
        "I51",
        "자치구 협력 강화",
        "교육(벤치마크·실무자)",
        "회",
        None,
        _k("교육·설명회"),
        table=OVERVIEW,
    ),
    Spec(
        "P05",
        "I52",
        "자치구 협력 강화",
        "자치구 센터 연간 성과 및 자문회의",
        "회",
        None,
        _k("자문회의", "연간성과"),
        table=OVERVIEW,
    ),
    Spec(
        "P05",
        "I53",
        "자치구 협력 강화",
        "자치구 클러스터 자문회의",
        "회",
        None,
        _k("자문회의", "클러스터"),
        table=OVERVIEW,
    ),
    Spec(
        "P05",
        "I54",
        "자치구 지원체계지원",
        "회의, 워크숍 횟수",
        "건",
        10,
        {
            "kind": ["회의", "워크숍"],
            "category": ["대표자정기회의", "공공구매활성화", "중간지원조직"],
        },
        table=DETAIL,
    ),
    Spec(
        "P05",
        "I55",
        "자치구 지원체계지원",
        "자치구 방문간담회",
        "건",
        20,
        _k("자문회의", "연간성과", "클러스터"),
        table=DETAIL,
    ),
    Spec(
        "P05",
        "I56",
        "예비특구지원",
        "현장 지원 횟수",
        "건",
        19,
        {"category": list(ZONE)},
        table=DETAIL,
    ),
    Spec(
        "P05",
        "I57",
        "예비특구 지원",
        "현장간담회",
        "회",
        None,
        _k("간담회", "현장간담회"),
        table=OVERVIEW,
    ),
    Spec(
        "P05",
        "I58",
        "예비특구 지원",
        "자문회의",
        "회",
        None,
        _k("자문회의", "예비특구자문"),
        table=OVERVIEW,
    ),
    Spec(
        "P05",
        "I59",
        "예비특구 지원",
        "준비사업 공모 사전간담회",
        "회",
        None,
        _k("간담회", "사전간담회"),
        table=OVERVIEW,
    ),
    Spec(
        "P05",
        "I60",
        "예비특구 지원",
        "연간 성과보고회",
        "회",
        None,
        _k("행사", "예비특구성과보고회"),
        table=OVERVIEW,
    ),
    Spec(
        "P05",
        "I61",
        "예비특구 지원",
        "컨설팅 지원",
        "회",
        None,
        _k("현장지원", "예비특구컨설팅"),
        table=OVERVIEW,
    ),
    Spec(
        "P05",
        "I62",
        "예비특구 지원",
        "밀착지원 현장방문",
        "회",
        None,
        _k("현장지원", "밀착방문"),
        table=OVERVIEW,
    ),
    Spec(
        "P05",
        "I63",
        "예비특구 지원",
        "예비특구사업 기록사업",
        "식",
        1,
        _k("성과물", "예비특구기록"),
        table=OVERVIEW,
    ),
    # 마을 기업 발굴 및 육성 (01, 27, 28, 29, 30, 32)
    Spec(
        "P06",
        "I64",
        "예비마을기업 지역밀착 지원사업",
        "지원자치구 수",
        "개",
        4,
        _k("현장지원", "예비마을기업선정"),
        rule="distinct_institutions",
    ),
    Spec(
        "P06",
        "I64b",
        "예비마을기업 지역밀착 지원사업",
        "발굴 주체",
        "개",
        None,
        _k("현장지원", "발굴주체"),
        table=DETAIL,
    ),
    Spec(
        "P06",
        "I65",
        "지역기반 사회적경제 주체발굴/육성지원",
        "설립전후교육",
        "회",
        19,
        _k("교육·설명회", "설립전후교육"),
        table=OVERVIEW,
    ),
    Spec(
        "P06",
        "I66",
        "레벨업 지원사업",
        "마을기업 레벨업지원",
        "개",
        20,
        _k("현장지원", *LEVEL_UP),
        rule="distinct_enterprises",
    ),
    Spec(
        "P06",
        "I66b",
        "레벨업 지원사업",
        "레벨업 지원 건수",
        "건",
        None,
        _k("현장지원", *LEVEL_UP),
        table=DETAIL,
    ),
    Spec(
        "P06",
        "I67",
        "마을기업 신모델 연구",
        "서울형 신마을기업 모델(연구보고서)",
        "건",
        1,
        _k("성과물", "신마을기업모델"),
    ),
    Spec(
        "P06",
        "I68",
        "마을기업 신모델 연구",
        "신마을기업 시범사업추진",
        "개소",
        2,
        _k("현장지원", "신마을기업시범"),
        table=OVERVIEW,
    ),
    Spec(
        "P06",
        "I69d",
        "마을기업 일상지원",
        "마을기업 일상지원",
        "건",
        None,
        _k("현장지원", "일상지원"),
        table=DETAIL,
    ),
    Spec(
        "P06",
        "I69e",
        "마을기업 일상지원",
        "일상지원 마을기업",
        "개",
        None,
        _k("현장지원", "일상지원"),
        rule="distinct_enterprises",
        table=DETAIL,
    ),
    # 공동 작업장 조성 관리 (01, 33)
    Spec(
        "P07",
        "I69",
        "창신숭인 사회적경제허브 운영사업",
        "사회적경제 (예비)주체발굴 및 육성",
        "건",
        2,
        _k("현장지원", "주체발굴"),
        sub_program="창신숭인 사회적경제허브",
    ),
    Spec(
        "P07",
        "I70",
        "창신숭인 사회적경제허브 운영사업",
        "도시재생&사회적경제 협업활동",
        "건",
        2,
        _k("현장지원", "협업활동"),
        sub_program="창신숭인 사회적경제허브",
    ),
    Spec(
        "P07",
        "I71",
        "창신숭인 사회적경제허브 운영사업",
        "지역사회 사회적경제 인지도 향상",
        "건",
        13,
        _k("현장지원", "인지도"),
        sub_program="창신숭인 사회적경제허브",
    ),
    Spec(
        "P07",
        "I72",
        "세운상가 지역재생리빙랩",
        "사회적경제 (예비)주체발굴 및 육성",
        "건",
        2,
        _k("현장지원", "주체발굴"),
        table=DETAIL,
        sub_program="세운상가 지역재생리빙랩",
    ),
    Spec(
        "P07",
        "I73",
        "세운상가 지역재생리빙랩",
        "도시재생&사회적경제 협업활동",
        "건",
        1,
        _k("현장지원", "협업활동"),
        table=DETAIL,
        sub_program="세운상가 지역재생리빙랩",
    ),
    Spec(
        "P07",
        "I74",
        "성동성수 지역재생리빙랩",
        "사회적경제 (예비)주체발굴 및 육성",
        "건",
        2,
        _k("현장지원", "주체발굴"),
        table=DETAIL,
        sub_program="성동성수 지역재생리빙랩",
    ),
    Spec(
        "P07",
        "I75",
        "성동성수 지역재생리빙랩",
        "도시재생&사회적경제 협업활동",
        "건",
        1,
        _k("현장지원", "협업활동"),
        table=DETAIL,
        sub_program="성동성수 지역재생리빙랩",
    ),
    Spec(
        "P07",
        "I76",
        "생활기술융합 제작소",
        "생활기술융합제작소 이전확대조성",
        "식",
        1,
        _k("성과물", "조성완료"),
        table=DETAIL,
        sub_program="생활기술융합제작소",
    ),
    Spec(
        "P07",
        "I77",
        "생활기술융합 제작소",
        "입주기관 선정 및 운영",
        "식",
        1,
        _k("성과물", "입주선정"),
        table=DETAIL,
        sub_program="생활기술융합제작소",
    ),
    Spec(
        "P07",
        "I78",
        "소셜디자인 기술혁신랩",
        "공간활성화 이용자수",
        "명",
        200,
        _k("공간이용"),
        rule="sum_headcount",
        sub_program="소셜디자인 기술혁신랩",
    ),
    Spec(
        "P07",
        "I79",
        "소셜디자인 기술혁신랩",
        "멤버십 수",
        "건",
        30,
        _k("멤버십"),
        sub_program="소셜디자인 기술혁신랩",
    ),
    Spec(
        "P07",
        "I80",
        "소셜디자인 기술혁신랩",
        "교육 및 프로그램 운영 횟수",
        "회",
        6,
        _k("교육·설명회", "기술혁신랩교육"),
        sub_program="소셜디자인 기술혁신랩",
    ),
    # 협력 네트워크 구축 (01, 35, 37)
    Spec(
        "P08",
        "I81",
        "협동화 지원사업",
        "부문 및 업종 협동화지원",
        "개",
        4,
        _k("현장지원", "협동화지원"),
        rule="distinct_institutions",
    ),
    Spec(
        "P08",
        "I82a",
        "민관정책협의회",
        "민관정책협의회 정기회의",
        "회",
        15,
        _k("회의", "민관정책협의회정기"),
        table=OVERVIEW,
    ),
    Spec(
        "P08",
        "I82b",
        "민관정책협의회",
        "월례회의 건수",
        "건",
        12,
        _k("회의", "민관정책협의회정기"),
        table=DETAIL,
    ),
    Spec(
        "P08",
        "I83",
        "민관정책협의회",
        "글로벌분과",
        "회",
        None,
        _k("회의", "글로벌분과"),
        table=OVERVIEW,
    ),
    Spec(
        "P08",
        "I84",
        "민관정책협의회",
        "TF 구성(부문, 예산)",
        "개",
        None,
        _k("회의", "TF구성"),
        table=OVERVIEW,
    ),
    Spec(
        "P08",
        "I85",
        "협력네트워크 촉진",
        "정책대화/워크숍",
        "회",
        2,
        _k("행사", "정책대화", program=["전체"]),
        table=OVERVIEW,
    ),
    # 주체발굴 및 인재양성 — 아카데미 운영 (01, 38)
    Spec(
        "P09",
        "I86",
        "교육과정 개발 및 운영",
        "교육과정 운영",
        "개",
        22,
        _k("교육과정", *COURSES),
        table=OVERVIEW,
    ),
    Spec(
        "P09",
        "I86b",
        "교육과정 개발 및 운영",
        "교육과정 참여인원",
        "명",
        None,
        _k("교육과정", *COURSES),
        rule="sum_headcount",
        table=OVERVIEW,
    ),
    Spec(
        "P09",
        "I87",
        "교육과정 개발 및 운영",
        "대학연계 교육과정 운영",
        "개",
        2,
        _k("교육과정", "대학연계"),
        table=DETAIL,
    ),
    Spec(
        "P09",
        "I88",
        "교육과정 개발 및 운영",
        "전략분야 업종별 교육과정 운영지원",
        "개",
        10,
        _k("교육과정", "업종별"),
        table=DETAIL,
    ),
    Spec(
        "P09",
        "I89",
        "교육과정 개발 및 운영",
        "사회적경제 청소년교육과정 운영",
        "개",
        3,
        _k("교육과정", "청소년", "청소년-학교협동조합"),
        table=DETAIL,
    ),
    Spec(
        "P09",
        "I90",
        "교육과정 개발 및 운영",
        "자치구 지원조직 종사자교육 운영",
        "개",
        2,
        _k("교육과정", "자치구종사자"),
        table=DETAIL,
    ),
    Spec(
        "P09",
        "I91",
        "교육과정 개발 및 운영",
        "사회적경제 담당 공무원 워크숍",
        "개",
        1,
        _k("교육과정", "공무원워크숍"),
        table=DETAIL,
    ),
    Spec(
        "P09",
        "I92",
        "교육과정 개발 및 운영",
        "사회적경제 담당 공무원 특강",
        "개",
        1,
        _k("교육과정", "공무원특강"),
        table=DETAIL,
    ),
    Spec(
        "P09",
        "I94",
        "교육과정 개발 및 운영",
        "사회적경제 대상별 교육과정 개발",
        "개",
        4,
        _k("성과물", "교육과정개발"),
    ),
    Spec(
        "P09",
        "I93",
        "교육과정 개발 및 운영",
        "사회적경제 대상별 교육과정 운영",
        "개",
        3,
        _k("교육과정", "대상별운영"),
        table=DETAIL,
    ),
    Spec(
        "P09",
        "I95a",
        "인재육성 온라인 정보망 운영",
        "등록 콘텐츠 누적",
        "건",
        None,
        table=OVERVIEW,
        manual=(
            2002,
            "온라인정보망(academy.sehub.net) 개설 이후 누적 등록 "
            "콘텐츠(사업 총괄표 01:266). 여러 해의 누적이라 2017년 "
            "기록으로 셀 수 없습니다.",
        ),
    ),
    Spec(
        "P09",
        "I95b",
        "인재육성 온라인 정보망 운영",
        "교육 누적",
        "건",
        None,
        table=OVERVIEW,
        manual=(1469, "온라인정보망 누적 교육 등록(01:266)."),
    ),
    Spec(
        "P09",
        "I95c",
        "인재육성 온라인 정보망 운영",
        "강사정보 누적",
        "명",
        None,
        table=OVERVIEW,
        manual=(115, "온라인정보망 누적 강사정보(01:266)."),
    ),
    Spec(
        "P09",
        "I95d",
        "인재육성 온라인 정보망 운영",
        "교육자료 누적",
        "건",
        None,
        table=OVERVIEW,
        manual=(418, "온라인정보망 누적 교육자료(01:266)."),
    ),
    Spec(
        "P09",
        "I96",
        "인재육성 온라인 정보망 운영",
        "인재육성 온라인 플랫폼 운영",
        "식",
        1,
        _k("성과물", "온라인플랫폼"),
        table=DETAIL,
    ),
    Spec(
        "P09",
        "I97",
        "교육과정 평가",
        "교육과정 모니터링 및 평가",
        "식",
        1,
        _k("성과물", "교육과정평가"),
    ),
    # 인재 양성 연수 (01, 39, 40, 41, 42)
    Spec(
        "P10",
        "I98",
        "전략기획연수",
        "전략기획연수",
        "명",
        25,
        _k("연수", "전략기획"),
        rule="sum_headcount",
    ),
    Spec(
        "P10",
        "I99",
        "기술연수(파견)",
        "기술연수(파견)",
        "명",
        12,
        _k("연수", "파견"),
        rule="sum_headcount",
        table=DETAIL,
    ),
    Spec(
        "P10",
        "I100",
        "기술연수(초청)",
        "기술연수(초청)",
        "명",
        None,
        _k("연수", "초청참가"),
        rule="sum_headcount",
        table=DETAIL,
    ),
    Spec(
        "P10",
        "I101",
        "기술연수",
        "업종 및 분야별 기술연수",
        "명",
        12,
        _k("연수", "파견", "초청참가"),
        rule="sum_headcount",
        table=OVERVIEW,
    ),
    Spec(
        "P10",
        "I102",
        "총계",
        "연수 총계",
        "명",
        37,
        _k("연수", "전략기획", "파견", "초청참가"),
        rule="sum_headcount",
        table=DETAIL,
    ),
    # 청소년 사회적 경제인 육성 (01, 43, 45, 46, 47)
    Spec(
        "P11",
        "I103",
        "학교협동조합 활성화 지원",
        "학교협동조합 임직원 워크숍",
        "회",
        None,
        _k("교육과정", "청소년-학교협동조합", program=["전체"]),
        table=OVERVIEW,
    ),
    Spec(
        "P11",
        "I106",
        "청소년 사회적경제 체험교육과정 운영",
        "체험교육과정 운영지원",
        "건",
        10,
        _k("교육·설명회", "입문교육지원"),
        table=DETAIL,
    ),
    Spec(
        "P11",
        "I107",
        "청소년 사회적경제 체험교육과정 운영",
        "체험교육과정 운영",
        "건",
        1,
        _k("성과물", "체험교육과정"),
        table=DETAIL,
    ),
    Spec(
        "P11",
        "I104",
        "청소년 사회문제해결 프로젝트 실행지원",
        "해냄 프로젝트 실행팀 지원",
        "팀",
        15,
        _k("현장지원", "해냄팀"),
    ),
    Spec(
        "P11",
        "I105",
        "청소년-청년 네트워크 구축",
        "청소년-청년 네트워크 행사",
        "건",
        1,
        _k("행사", "청소년-청년네트워크"),
    ),
    # 홍보 및 연구 — 시민 홍보 및 인식 제고 (01, 48, 49), 연구 사업 (01, 51)
    Spec(
        "P12",
        "I112",
        "온라인포털 운영",
        "사회적경제 포털과 서브 페이지 운영",
        "식",
        1,
        _k("성과물", "포털운영"),
        table=DETAIL,
    ),
    Spec(
        "P12",
        "I108a",
        "뉴스레터 발행",
        "뉴스레터 월 2회 제작 및 발송",
        "회",
        24,
        _k("발행", "뉴스레터"),
        table=OVERVIEW,
    ),
    Spec(
        "P12",
        "I108b",
        "뉴스레터 발행",
        "월 2회 온라인 뉴스레터 발행",
        "회",
        21,
        _k("발행", "뉴스레터"),
        table=DETAIL,
    ),
    Spec(
        "P12",
        "I109",
        "온라인포털 운영",
        "홍보콘텐츠 제작",
        "건",
        None,
        _k("콘텐츠제작"),
        table=OVERVIEW,
    ),
    Spec(
        "P12",
        "I110",
        "전략캠페인 및 일상홍보",
        "콜로키움",
        "회",
        None,
        _k("행사", "콜로키움"),
        table=OVERVIEW,
    ),
    Spec(
        "P12",
        "I111",
        "전략캠페인 및 일상홍보",
        "신년 정책대화 참석",
        "명",
        None,
        _k("행사", "정책대화"),
        rule="sum_headcount",
        table=OVERVIEW,
    ),
    Spec(
        "P12",
        "I113",
        "홍보캠페인 추진",
        "미디어 연계 캠페인(한겨레, 머니투데이, 에스이코노미)",
        "식",
        3,
        _k("성과물", "미디어캠페인"),
    ),
    Spec(
        "P13",
        "I114",
        "연구사업",
        "사회적경제 정책 및 전략 개발 기획연구",
        "건",
        1,
        _k("성과물", "기획연구"),
    ),
)


def _rows(seed_dir: Path, filename: str) -> list[dict[str, str]]:
    with (seed_dir / filename).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _date(text: str, default: datetime.date | None = None) -> datetime.date:
    if text:
        return datetime.date.fromisoformat(text)
    return default or datetime.date(YEAR, 12, 31)


def _spread(count: int, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    span = (end - start).days
    return [start + datetime.timedelta(days=i * span // max(count, 1)) for i in range(count)]


def _split(total: int, count: int) -> list[int]:
    """total in count near-equal whole parts, larger parts first (584/583)."""
    base, extra = divmod(total, count)
    return [base + (1 if i < extra else 0) for i in range(count)]


JANUARY, DECEMBER = datetime.date(YEAR, 1, 2), datetime.date(YEAR, 12, 29)


class _Loader:
    """Collects activity records and their counterparties, then saves them in bulk."""

    def __init__(self, seed_dir: Path, metropolitan: Center) -> None:
        self.seed_dir = seed_dir
        self.metropolitan = metropolitan
        self.programs: dict[str, Program] = {}
        self.sub_programs: dict[str, SubProgram] = {}
        self.kinds: dict[tuple[int, str], ActivityKind] = {}
        self.records: list[Activity] = []
        self.enterprise_links: list[list[Enterprise]] = []
        self.institution_links: list[list[Institution]] = []
        self.institutions: dict[str, Institution] = {}
        self.enterprises: dict[str, Enterprise] = {}

    def kind(self, center: Center, name: str) -> ActivityKind:
        key = (center.pk, name)
        if key not in self.kinds:
            self.kinds[key] = services.ensure_activity_kind(center=center, name=name)
        return self.kinds[key]

    def institution(self, name: str, *, reconstructed: bool = False) -> Institution:
        name = normalise_name(name)
        if name not in self.institutions:
            self.institutions[name], _ = registry_services.ensure_institution(
                name=name,
                center=self.metropolitan,
                notes="2017 성과보고서에 합계만 있어 만든 기관" if reconstructed else "",
            )
        return self.institutions[name]

    def enterprise(self, name: str, *, reconstructed: bool = False) -> Enterprise:
        """A registry enterprise matched by its search key (legal-form words and spaces aside)."""
        key = search_key(name)
        if key not in self.enterprises:
            found = Enterprise.objects.filter(search_key=key).order_by(
                "pk"
            ).first() or registry_services.create_enterprise(
                center=self.metropolitan,
                name=normalise_name(name),
                notes="2017 성과보고서에 합계만 있어 만든 기업" if reconstructed else "",
            )
            self.enterprises[key] = found
        return self.enterprises[key]

    def add(
        self,
        program: str,
        kind: str,
        category: str = "",
        *,
        date: datetime.date | None = None,
        center: Center | None = None,
        sub_program: str = "",
        district: str = "",
        headcount: int | None = None,
        amount_won: int | None = None,
        notes: str = "",
        reconstructed: bool = False,
        enterprises: Iterable[Enterprise] = (),
        institutions: Iterable[Institution] = (),
    ) -> None:
        center = center or self.metropolitan
        self.records.append(
            Activity(
                center=center,
                program=self.programs[program],
                sub_program=self.sub_programs.get(sub_program),
                kind=self.kind(center, kind),
                category=category,
                date=date or datetime.date(YEAR, 12, 31),
                district=district,
                headcount=headcount,
                amount_won=amount_won,
                notes=notes if date or reconstructed else (notes or "일자 미기재"),
                reconstructed=reconstructed,
            )
        )
        self.enterprise_links.append(list(enterprises))
        self.institution_links.append(list(institutions))

    def generate(
        self,
        program: str,
        kind: str,
        category: str,
        count: int,
        *,
        headcount_total: int | None = None,
        amount_each: int | None = None,
        start: datetime.date = JANUARY,
        end: datetime.date = DECEMBER,
        note: str = "",
        **fields: Any,
    ) -> None:
        """Records standing in for a total the report prints without items (재구성)."""
        headcounts = _split(headcount_total, count) if headcount_total is not None else None
        for index, date in enumerate(_spread(count, start, end)):
            self.add(
                program,
                kind,
                category,
                date=date,
                reconstructed=True,
                headcount=headcounts[index] if headcounts else None,
                amount_won=amount_each,
                notes=note,
                **fields,
            )

    def save(self) -> int:
        saved = services.bulk_record_activities(
            activities=self.records,
            enterprises=self.enterprise_links,
            institutions=self.institution_links,
        )
        return len(saved)


def _build_plan(loader: _Loader, metropolitan: Center) -> int:
    fiscal_year = ensure_fiscal_year(year=YEAR)
    areas = {}
    for order, (code, name) in enumerate(AREAS, start=1):
        areas[code] = services.create_program_area(
            center=metropolitan, fiscal_year=fiscal_year, code=code, name=name, order=order
        )
    for order, (code, area, name) in enumerate(PROGRAMS, start=1):
        program = services.create_program(area=areas[area], code=code, name=name, order=order)
        loader.programs[code] = program
        for number, sub_name in enumerate(SUB_PROGRAMS.get(code, ()), start=1):
            loader.sub_programs[sub_name] = services.create_sub_program(
                program=program, code=f"{code}-S{number}", name=sub_name, order=number
            )
    created: dict[tuple[str, str], Any] = {}
    for order, spec in enumerate(SPECS, start=1):
        where = dict(spec.where)
        if spec.sub_program:
            where["sub_program"] = [spec.sub_program]
        fields: dict[str, Any] = {
            "group": spec.group,
            "order": order,
            "in_overview": spec.table in (BOTH, OVERVIEW),
            "in_detail": spec.table in (BOTH, DETAIL),
            "center_scope": spec.scope,
            "sub_program": loader.sub_programs.get(spec.sub_program),
        }
        if spec.status != IndicatorStatus.ACTIVE:
            fields.update(status=spec.status, status_reason=spec.reason)
        indicator = services.create_indicator(
            program=loader.programs[spec.program],
            code=spec.code,
            name=spec.name,
            unit=spec.unit,
            target=spec.target,
            metric_key=ACTIVITIES if spec.where else "",
            parameters=where if spec.where else {},
            aggregation=spec.rule,
            breakdowns=spec.parts,
            paired_with=created.get((spec.program, spec.pair)),
            source="manual" if spec.manual else "computed",
            **fields,
        )
        if spec.manual:
            services.record_manual_figure(
                indicator=indicator,
                value=spec.manual[0],
                evidence=spec.manual[1],
                recorded_by=None,
            )
        created[(spec.program, spec.code)] = indicator
    return len(created)


def _load_public_market(loader: _Loader) -> None:
    """판로 지원 — 공공 시장 확대 지원: tables 03-09 and the sales-team text."""
    seed = loader.seed_dir
    visited: dict[str, list[Institution]] = {}
    for row in _rows(seed, "04_public_visited_institutions.csv"):
        institution = loader.institution(row["기관명"])
        visited.setdefault(row["구분"], []).append(institution)
        loader.add(
            "P01",
            "방문영업",
            row["구분"],
            institutions=[institution],
            notes=f"방문기관 명단 {row['구분']} {row['순번']}번 (일자 미기재)",
        )
    for row in _rows(seed, "03_public_visits_by_type.csv"):
        kind_of = row["구분"]
        listed = visited.get(kind_of, [])
        distinct = list(dict.fromkeys(listed))
        missing = int(row["방문기관수"]) - len(distinct)
        stand_ins = [
            loader.institution(f"[재구성] 방문기관 {kind_of} {n:03d}", reconstructed=True)
            for n in range(1, missing + 1)
        ]
        pool = distinct + stand_ins
        repeats = int(row["방문횟수"]) - len(listed) - missing
        targets = stand_ins + [pool[i % len(pool)] for i in range(repeats)]
        for index, (institution, date) in enumerate(
            zip(targets, _spread(len(targets), JANUARY, DECEMBER), strict=True)
        ):
            loader.add(
                "P01",
                "방문영업",
                kind_of,
                date=date,
                reconstructed=True,
                institutions=[institution],
                notes="명단에 없는 방문" if index < missing else "재방문",
            )
    for row in _rows(seed, "05_public_sales_matching.csv"):
        amount = row["계약규모_억원"]
        loader.add(
            "P01",
            "영업매칭",
            amount_won=int(Decimal(amount) * 100_000_000) if amount else None,
            institutions=[loader.institution(row["발주기관"])],
            notes=f"{row['내용']} — {row['비고']}",
        )
    loader.generate("P01", "상담", "콜센터", 330, note="발신자 구분 미상")
    for row in _rows(seed, "06_public_education_sessions.csv"):
        loader.add(
            "P01",
            "교육·설명회",
            date=_date(row["날짜"]),
            headcount=int(row["참여인원"]),
            notes=f"{row['대상']}: {row['내용']}",
        )
    loader.generate("P01", "DB구축", "SE기업", 210)
    for district, people in (("강동구", 1), ("관악구", 2), ("노원구", 2)):
        loader.add(
            "P01",
            "인력배치",
            district=district,
            headcount=people,
            notes="시니어 영업인력 배치 (일자 미기재)",
        )
    rows = {
        (r["구분"], r["목표/실적"]): r for r in _rows(seed, "07_district_sales_team_activity.csv")
    }
    teams = (
        ("상담서비스", "상담", "자치구상담"),
        ("방문영업", "방문영업", ""),
        ("SE기업 DB구축", "DB구축", "SE기업"),
        ("공공기관 DB구축", "DB구축", "공공기관"),
    )
    for label, kind, category in teams:
        row = next(
            r
            for (name, side), r in rows.items()
            if side == "실적" and name.replace(" ", "") == label.replace(" ", "")
        )
        for district, short in zip(DISTRICT_TEAMS, ("강동", "관악", "노원"), strict=True):
            center = Center.objects.get(code=DISTRICT_TEAMS[district])
            loader.generate(
                "P01",
                kind,
                category,
                int(row[short]),
                center=center,
                district=district,
                note="자치구 영업지원단",
            )
    for row in _rows(seed, "08_procurement_fairs.csv"):
        if row["날짜"]:
            loader.add(
                "P01",
                "행사",
                "공공구매박람회",
                date=_date(row["날짜"]),
                headcount=int(row["방문객"]),
                institutions=[loader.institution(row["개최기관"])],
                notes=f"참여기업 {row['참여기업']} · 상담부서 {row['상담부서']} · "
                f"상담 {row['상담건수']}건",
            )
    for row in _rows(seed, "09_fair_contracts.csv"):
        if row["계약상태"] == "완료":
            loader.add(
                "P01",
                "계약",
                amount_won=int(row["거래금액"]) * 1000,
                enterprises=[loader.enterprise(row["기업명"])],
                institutions=[loader.institution(row["계약부서"])],
                notes=row["계약내용(품목)"],
            )


def _load_private_market(loader: _Loader) -> None:
    """판로 지원 — 민간 시장 판로 지원: table 13 and totals of table 10 and the text."""
    loader.generate("P02", "유통채널발굴", "", 6)
    for row in _rows(loader.seed_dir, "13_private_sales_linkage.csv"):
        loader.add(
            "P02",
            "영업연계",
            amount_won=int(row["계약금액"]),
            enterprises=[loader.enterprise(row["공급기업"])],
            institutions=[loader.institution(row["수요기업"])],
            notes=row["계약내용"],
        )
    loader.generate("P02", "상품현황조사", "", 90)
    for n in range(1, 26):
        loader.generate(
            "P02",
            "입점",
            "SE유통채널",
            1,
            enterprises=[
                loader.enterprise(f"[재구성] 유통채널 입점기업 {n:02d}", reconstructed=True)
            ],
        )
    for name in ("오마이컴퍼니", "핫팩컴퍼니 핫팩스토어", "함께일하는세상(주) 공감마켓정"):
        loader.add("P02", "유통채널선정", institutions=[loader.institution(name)])
    loader.generate("P02", "현장지원", "디지털마케팅", 13)
    for category, count, label in (("상설", 14, "상설매장"), ("협력", 13, "협력매장")):
        for n in range(1, count + 1):
            loader.generate(
                "P02",
                "매장확보",
                category,
                1,
                institutions=[
                    loader.institution(f"[재구성] 생협 {label} {n:02d}", reconstructed=True)
                ],
            )
    for n in range(1, 22):
        firm = loader.enterprise(f"[재구성] 생협 입점기업 {n:02d}", reconstructed=True)
        loader.generate(
            "P02",
            "입점",
            "생협",
            5 if n <= 16 else 4,
            amount_each=772_200,
            enterprises=[firm],
            note="1건 = 입점 제품 1개",
        )
    loader.generate("P02", "행사", "생협기획행사-상설", 49)
    loader.generate("P02", "행사", "생협기획행사-협력", 44)
    loader.add(
        "P02",
        "행사참가",
        "핸드메이드페어",
        date=datetime.date(YEAR, 5, 1),
        enterprises=[loader.enterprise("리블랭크")],
    )
    loader.generate(
        "P02",
        "행사참가",
        "핸드메이드페어",
        20,
        amount_each=3_078_000,
        start=datetime.date(YEAR, 5, 1),
        end=datetime.date(YEAR, 5, 2),
    )
    loader.generate("P02", "행사", "덕수궁페어샵", 16)
    loader.add("P02", "성과물", "거점매장", notes="창동 하나로마트 중소기업 전시판매장")
    loader.add(
        "P02", "성과물", "운영주체", notes="한국사회적기업중앙협의회-함께일하는세상-농협 컨소시엄"
    )


CONSULTING = {"경영전략컨설팅": "경영전략", "사업개발컨설팅": "사업개발", "멘토링": "멘토링"}


def _load_management(loader: _Loader) -> None:
    """경영 지원: the 112 consulting cases of table 19 and the daily-support totals."""
    for row in _rows(loader.seed_dir, "19_consulting_projects_112.csv"):
        loader.add(
            "P03",
            "컨설팅",
            CONSULTING[row["컨설팅구분"]],
            enterprises=[loader.enterprise(row["기업명"])],
            notes=f"{row['담당기관']} · {row['과제유형']} (일자 미기재)",
        )
    loader.generate("P03", "현장지원", "회계지원", 152)
    loader.generate("P03", "상담", "법률-유선", 23)
    loader.generate("P03", "상담", "법률-서면", 33)
    loader.generate("P03", "상담", "법률컨설팅", 1, note="성장기 기업 법률 컨설팅")
    loader.generate("P03", "현장지원", "세무인턴", 6, end=datetime.date(YEAR, 6, 30))
    loader.generate("P03", "현장지원", "세무인턴", 12, start=datetime.date(YEAR, 7, 1))
    loader.generate("P03", "현장지원", "CI", 15)
    loader.generate("P03", "현장지원", "법률프로보노", 3)


def _load_strategy(loader: _Loader) -> None:
    """전략 사업 육성: deliverables named in the text and the 8 consortia of table 22."""
    loader.add(
        "P04",
        "성과물",
        "프랜차이즈본사모델",
        date=datetime.date(YEAR, 7, 1),
        institutions=[loader.institution("대안노동자협동조합연합회")],
    )
    for date, district, name in (
        (datetime.date(YEAR, 4, 1), "은평구", "좋은이웃협동조합"),
        (datetime.date(YEAR, 8, 1), "동대문구", "동대문엄마손맛반찬협동조합"),
        (None, "금천구", "(주)이그린"),
    ):
        loader.add(
            "P04",
            "현장지원",
            "프랜차이즈매장",
            date=date,
            district=district,
            enterprises=[loader.enterprise(name)],
        )
    loader.add("P04", "성과물", "주민참여모델", notes="석촌동고분군 주민참여 모델(송파)")
    for row in _rows(loader.seed_dir, "22_coop_business_consortia.csv"):
        date = datetime.date(YEAR, 6, 30) if row["차수"] == "1차" else datetime.date(YEAR, 9, 30)
        loader.add(
            "P04",
            "현장지원",
            "협동비즈니스",
            date=date,
            headcount=None,
            notes=f"{row['차수']} {row['분야']}: {row['사업명']} (참여기업 {row['참여기업수']}개)",
        )
    loader.add(
        "P04",
        "성과물",
        "통합돌봄모델",
        date=datetime.date(YEAR, 5, 1),
        institutions=[loader.institution("한림대 산학협력단")],
    )


def _load_local(loader: _Loader) -> None:
    """지역 및 협동 기반 조성: tables 23-36."""
    seed = loader.seed_dir
    for category, kind, count in (
        ("대표자정기회의", "회의", 8),
        ("공공구매활성화", "워크숍", 1),
        ("중간지원조직", "워크숍", 2),
        ("연간성과", "자문회의", 20),
        ("클러스터", "자문회의", 2),
        ("벤치마크", "교육·설명회", 1),
        ("실무자", "교육·설명회", 3),
    ):
        loader.generate("P05", kind, category, count)
    for category, kind, count in (
        ("현장간담회", "간담회", 3),
        ("예비특구자문", "자문회의", 1),
        ("사전간담회", "간담회", 2),
        ("예비특구성과보고회", "행사", 6),
        ("예비특구컨설팅", "현장지원", 7),
    ):
        loader.generate("P05", kind, category, count)
    zones = [r["자치구"] for r in _rows(seed, "26_special_zone_projects.csv")]
    for index, date in enumerate(_spread(60, JANUARY, DECEMBER)):
        district = zones[index % len(zones)] if zones else ""
        loader.add(
            "P05",
            "현장지원",
            "밀착방문",
            date=date,
            reconstructed=True,
            district=district if district.endswith("구") else "",
        )
    loader.add("P05", "성과물", "예비특구기록", notes="예비특구사업 기록사업 보고서(발간자료 3-2)")
    for district in ("강동구", "관악구", "노원구"):
        loader.add(
            "P06",
            "현장지원",
            "예비마을기업선정",
            district=district,
            institutions=[loader.institution(f"{district} 사회적경제지원센터")],
        )
    short = {"강동": "강동구", "관악": "관악구", "노원": "노원구"}
    for row in _rows(seed, "29_village_prelim_enterprises.csv"):
        loader.add(
            "P06",
            "현장지원",
            "발굴주체",
            district=short.get(row["구분"], ""),
            notes=f"발굴 주체: {row['기업명']} (일자 미기재)",
        )
    for people in (70, 70, 24, 24):
        loader.generate(
            "P06",
            "교육·설명회",
            "설립전후교육",
            1,
            headcount_total=people,
            note="사업비 지원 관련 교육(기본·심화)",
        )
    loader.generate("P06", "교육·설명회", "설립전후교육", 38)
    loader.generate("P06", "현장지원", "실사", 26, note="현장실사 18 + 8")
    firms = [
        loader.enterprise(f"[재구성] 레벨업 마을기업 {n:02d}", reconstructed=True)
        for n in range(1, 28)
    ]
    cases = [
        ("레벨업-홍보마케팅", 18),
        ("레벨업-사업개발", 7),
        ("레벨업-제품서비스개선", 7),
        ("레벨업-기타", 7),
    ]
    turn = 0
    for category, count in cases:
        for _ in range(count):
            loader.generate("P06", "현장지원", category, 1, enterprises=[firms[turn % 27]])
            turn += 1
    loader.add(
        "P06", "성과물", "신마을기업모델", institutions=[loader.institution("사회투자지원재단")]
    )
    for row in _rows(seed, "32_village_daily_support_list.csv"):
        name = row["기업명"].replace("마을だし살림", "마을닷살림")
        loader.add(
            "P06",
            "현장지원",
            "일상지원",
            enterprises=[loader.enterprise(name)],
            notes=f"{row['구분']} (일자 미기재)",
        )
    _load_workspaces(loader)
    for index, row in enumerate(_rows(seed, "35_sector_cooperation_support.csv")):
        name = row["기관명"]
        if index == 1 and name == "한국사회적기업 중앙협의회 서울지부":
            name = "서울지역협동조합협의회"
        loader.add(
            "P08",
            "현장지원",
            "협동화지원",
            amount_won=30_000_000,
            institutions=[loader.institution(name)],
            notes="부문별 협동화 지원(3천만원)",
        )
    loader.generate("P08", "회의", "민관정책협의회정기", 12, note="월례회의")
    loader.generate("P08", "회의", "글로벌분과", 2)
    for name in ("부문 TF", "예산 TF"):
        loader.add("P08", "회의", "TF구성", notes=f"민관정책협의회 {name} 구성")


def _load_workspaces(loader: _Loader) -> None:
    hub, sewoon, seongsu, maker, lab = SUB_PROGRAMS["P07"]
    for sub, category, items in (
        (hub, "주체발굴", ("'신인류'", "창신소통공작소 씨앗모임")),
        (hub, "협업활동", ("청년X마을", "청년X봉제 패션위크", "꼬대기 장터", "공유공간 전시회")),
        (sewoon, "주체발굴", ("수리수리협동조합", "옥상공원 운영 조직")),
        (sewoon, "협업활동", ("세운상가 탐방 축제",)),
        (seongsu, "주체발굴", ("컬쳐풀 청년문화협동조합", "뚝도시장 청년상인협동조합")),
        (seongsu, "협업활동", ("청년상인 인큐베이팅",)),
    ):
        for item in items:
            loader.add("P07", "현장지원", category, sub_program=sub, notes=item)
    loader.generate("P07", "현장지원", "인지도", 3, sub_program=hub, note="팝업 쇼케이스")
    loader.generate("P07", "현장지원", "인지도", 10, sub_program=hub, note="SNS·홍보물")
    loader.add(
        "P07",
        "성과물",
        "조성완료",
        date=datetime.date(YEAR, 10, 1),
        sub_program=maker,
        notes="이전확대조성(공사 3~8월, 10월 개장)",
    )
    loader.add("P07", "성과물", "입주선정", sub_program=maker, notes="입주기관 6곳 선정")
    monthly = _split(278, 10)
    for month, people in zip(range(3, 13), monthly, strict=True):
        loader.add(
            "P07",
            "공간이용",
            date=datetime.date(YEAR, month, 28),
            sub_program=lab,
            headcount=people,
            reconstructed=True,
            notes="월간 이용자",
        )
    loader.generate("P07", "멤버십", "", 45, sub_program=lab, start=datetime.date(YEAR, 3, 2))
    loader.generate(
        "P07",
        "교육·설명회",
        "기술혁신랩교육",
        44,
        sub_program=lab,
        start=datetime.date(YEAR, 3, 2),
        note="장비 기초 교육 및 워크숍",
    )


def _load_talent(loader: _Loader) -> None:
    """주체발굴 및 인재양성: tables 38-47."""
    seed = loader.seed_dir
    loader.add("P09", "교육과정", "대학연계", headcount=41, notes="성공회대 AMP 4기")
    loader.add("P09", "교육과정", "대학연계", headcount=137, notes="한신대 문제해결 아카데미")
    loader.generate("P09", "교육과정", "업종별", 10, headcount_total=1005)
    loader.add(
        "P09",
        "교육과정",
        "청소년-학교협동조합",
        headcount=62,
        notes="학교협동조합 연합교육(임직원 워크숍, 1박2일)",
    )
    loader.generate(
        "P09", "교육과정", "청소년", 2, headcount_total=1167, note="찾아가는 임직원 교육"
    )
    loader.generate("P09", "교육과정", "자치구종사자", 3, headcount_total=196)
    loader.add("P09", "교육과정", "공무원워크숍")
    loader.add("P09", "교육과정", "공무원특강")
    loader.generate("P09", "교육과정", "대상별운영", 4, headcount_total=135, note="시범운영")
    for number in ("4-1", "4-2 기초", "4-2 사례연구", "4-3", "4-4", "4-5"):
        loader.add("P09", "성과물", "교육과정개발", notes=f"발간자료 {number}")
    loader.add("P09", "성과물", "온라인플랫폼", notes="academy.sehub.net")
    loader.add("P09", "성과물", "교육과정평가")
    for row in _rows(seed, "39_strategic_planning_training.csv"):
        if "취소" in row["비고"]:
            continue
        start = row["기간"].split("~")[0]
        month, day = (int(x) for x in start.split("."))
        loader.add(
            "P10",
            "연수",
            "전략기획",
            date=datetime.date(YEAR, month, day),
            headcount=5,
            reconstructed=True,
            notes=f"{row['연수 주제']} ({row['연수지']})",
        )
    for people, row in zip(
        (2, 2, 2, 2, 2, 1), _rows(seed, "40_technical_training_dispatch.csv"), strict=False
    ):
        month, day = (int(x) for x in row["기간"].split("~")[0].split("."))
        loader.add(
            "P10",
            "연수",
            "파견",
            date=datetime.date(YEAR, month, day),
            headcount=people,
            reconstructed=True,
            enterprises=[loader.enterprise(row["기업명"])],
        )
    for people, row in zip(
        (10, 10, 9), _rows(seed, "42_technical_training_invited.csv"), strict=True
    ):
        month, day = (int(x) for x in row["기간"].split("~")[0].split("."))
        date = datetime.date(YEAR, month, day)
        loader.add(
            "P10",
            "연수",
            "초청참가",
            date=date,
            headcount=people,
            reconstructed=True,
            notes=row["연수주제"],
        )
        attendance = row["참석자수"]
        loader.add(
            "P10",
            "연수",
            "초청포럼",
            date=date,
            headcount=int(attendance) if attendance else None,
            notes=row["연수주제"],
        )
    for index, row in enumerate(_rows(seed, "45_youth_intro_education_orgs.csv")):
        printed = int(row["참여인원_명"] or 0)
        # "1명" is an extraction garble of 31명: the section total 1,171 needs 31 (C35).
        attending: int | None = 31 if printed == 1 else (printed or None)
        name = row["기관/단체명"] or f"[재구성] 입문교육 선정기관 {index + 1}"
        loader.add(
            "P11",
            "교육·설명회",
            "입문교육지원",
            headcount=attending,
            institutions=[loader.institution(name, reconstructed=not row["기관/단체명"])],
            notes="청소년 사회적경제 입문교육 지원 (일자 미기재)",
        )
    sessions: dict[str, dict[str, str]] = {}
    for row in _rows(seed, "46_youth_experience_sessions.csv"):
        if row["참석인원"] and row["날짜"]:
            sessions[row["회차"]] = row
    for row in sessions.values():
        loader.add(
            "P11",
            "교육·설명회",
            "체험교육",
            date=_date(row["날짜"]),
            headcount=int(row["참석인원"]),
            institutions=[loader.institution(row["참여학교명"])],
        )
    loader.add("P11", "성과물", "체험교육과정", date=datetime.date(YEAR, 9, 7))
    for row in _rows(seed, "47_youth_haenaem_teams.csv"):
        if row["연번"].isdigit():
            loader.add(
                "P11",
                "현장지원",
                "해냄팀",
                headcount=int(row["팀원"]),
                institutions=[loader.institution(row["학교명"])],
                notes=f"{row['팀명']} — {row['프로젝트명']} (일자 미기재)",
            )
    loader.add(
        "P11",
        "행사",
        "청소년-청년네트워크",
        date=datetime.date(YEAR, 12, 27),
        headcount=194,
        notes="7개 단체",
    )


def _load_outreach(loader: _Loader) -> None:
    """홍보 및 연구: table 49 and the text."""
    thursdays = [datetime.date(YEAR, 1, 5) + datetime.timedelta(weeks=2 * n) for n in range(21)]
    for date in thursdays:
        loader.add("P12", "발행", "뉴스레터", date=date, reconstructed=True)
    loader.generate("P12", "콘텐츠제작", "", 124)
    categories = {"정책대화": "정책대화", "성과보고회": "성과공유회", "콜로키움": "콜로키움"}
    for row in _rows(loader.seed_dir, "49_pr_events.csv"):
        people = row["참석자_수"]
        loader.add(
            "P12",
            "행사",
            categories.get(row["구분"], row["구분"]),
            date=_date(row["날짜"]),
            headcount=int(people) if people else None,
            notes=row["행사명"] + (" (약)" if "여명" in row["참석자"] else ""),
        )
    loader.add("P12", "성과물", "포털운영", notes="sehub.net")
    for name in ("한겨레", "머니투데이", "에스이코노미"):
        loader.add("P12", "성과물", "미디어캠페인", institutions=[loader.institution(name)])
    loader.add(
        "P13",
        "성과물",
        "기획연구",
        institutions=[loader.institution("서울연구원")],
        notes="발간자료 5-1",
    )


STEPS: tuple[Callable[[_Loader], None], ...] = (
    _load_public_market,
    _load_private_market,
    _load_management,
    _load_strategy,
    _load_local,
    _load_talent,
    _load_outreach,
)


@transaction.atomic
def build_2017_plan(*, metropolitan: Center) -> int:
    """The seed's 2017 program tree, indicators and targets alone (no records); returns the
    number of indicators. Structural tests check this plan without loading the records."""
    ensure_fiscal_year(year=YEAR)
    return _build_plan(_Loader(Path(), metropolitan), metropolitan)


def load_2017(*, seed_dir: Path, progress: Callable[[str], None] = print) -> int:
    """The 2017 plan and records of the metropolitan center; does nothing when already loaded."""
    metropolitan = Center.objects.get(code="SEOUL")
    fiscal_year = ensure_fiscal_year(year=YEAR)
    if ProgramArea.objects.filter(center=metropolitan, fiscal_year=fiscal_year).exists():
        progress("2017년 사업·지표·활동 기록은 이미 있습니다.")
        return 0
    loader = _Loader(seed_dir, metropolitan)
    indicators = _build_plan(loader, metropolitan)
    progress(f"2017년 사업 {len(PROGRAMS)}개, 지표 {indicators}개")
    for step in STEPS:
        step(loader)
    saved = loader.save()
    reconstructed = sum(1 for r in loader.records if r.reconstructed)
    progress(f"활동 기록 {saved}건 (재구성 {reconstructed}건)")
    return saved
