"""`check_tables`: the consistency check of a legacy report's tables (CSV and XLSX, no database).

One consistent set of tables, one of each layout, gives no finding; each test below breaks one
cell of it and expects the one rule that reads that cell to say so."""

from __future__ import annotations

from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from openpyxl import Workbook

from dure.reports.legacy import Finding, check_directory

# The directory's INDEX.md lists each table's title, report section and units.
PUBLIC = "판로지원 > 01 공공시장 확대지원"
INDEX_ROWS = [
    ("overview.csv", "사업 총괄표", "사업 개요 > 사업 총괄표", "%"),
    ("overview_figures.csv", "사업 총괄표 - 수치 목록", "사업 개요 > 사업 총괄표", "per row"),
    ("public_kpis.csv", "공공시장 확대지원 주요실적", f"{PUBLIC} > 주요실적", "건"),
    (
        "visits.csv",
        "방문영업 3개 기관, 5회 (구분별)",
        f"{PUBLIC} > 추진내역 > 방문영업",
        "방문기관수: 개; 방문횟수: 회",
    ),
    ("institutions.csv", "방문기관 명단", f"{PUBLIC} > 추진내역 > 방문영업", "names"),
    (
        "matching.csv",
        "영업매칭 컨설팅 3건, 계약 성사 2건(1.5억원)",
        f"{PUBLIC} > 추진내역 > 영업매칭",
        "억",
    ),
    (
        "sessions.csv",
        "교육 상세",
        f"{PUBLIC} > 추진내역 > 교육설명회 2회 [교육 상세]",
        "참여인원: 명",
    ),
    ("fairs.csv", "공공구매 박람회 2회", f"{PUBLIC} > 추진내역 > 박람회", "명"),
    (
        "contracts.csv",
        "박람회 계약 실적 현황",
        f"{PUBLIC} > [박람회 계약 실적 현황]",
        "거래금액: 천원",
    ),
    (
        "demand.csv",
        "수요처 목록 (구분별 총계)",
        "판로지원 > 02 민간시장 판로지원 > 추진내역",
        "총계: count",
    ),
    ("management_kpis.csv", "경영지원 주요실적", "경영지원 > 01 > [자원풀 현황]", "건"),
    ("expert_pool.csv", "전문가 자원풀 현황", "경영지원 > 01 > [자원풀 현황]", "persons"),
    (
        "consulting_cases.csv",
        "컨설팅사업 추진실적 (4건)",
        "경영지원 > 01 > [컨설팅사업 추진실적]",
        "one row per case",
    ),
    (
        "district_kpis.csv",
        "자치구 생태계 조성 지원 주요실적",
        "지역 및 협동기반 조성 > 01 자치구 생태계 조성 지원 > 주요실적",
        "건",
    ),
    (
        "zone_counts.csv",
        "예비특구 지원단 운영 - 지원 횟수",
        "지역 및 협동기반 조성 > 01 > 예비특구 지원단 운영",
        "회",
    ),
    ("narrative.csv", "본문 수치", "whole report", "per row"),
    ("settlement_summary.csv", "정산총괄표", "부록 > 정산 보고 > 정산총괄표", "원 (KRW)"),
    ("settlement_report.csv", "정산보고서 (사업별)", "부록 > 정산 보고 > 정산보고서", "원 (KRW)"),
    (
        "expenditure.csv",
        "사업비 세부집행내역서",
        "부록 > 정산 보고 > 사업비 세부집행내역서",
        "원 (KRW)",
    ),
]
INDEX_HEADER = "| # | file | table (Korean title) | report section | unit | rows |\n"
INDEX = INDEX_HEADER + "|---|---|---|---|---|---|\n"
INDEX += "".join(
    f"| {number} | `{name}` | {title} | {section} | {unit} | 0 |\n"
    for number, (name, title, section, unit) in enumerate(INDEX_ROWS, start=1)
)

CONSISTENT = {
    "INDEX.md": INDEX,
    "overview.csv": """\
구분,사업명,사업목표,사업실적,집행률,src_line
판로 지원,공공 시장 확대 지원,공공기관 방문영업 650건,공공기관 방문영업 654건,100%,10
판로 지원,민간 시장 판로 지원,영업연계 30건,영업연계 10건,71.4%,11
""",
    "overview_figures.csv": """\
사업명,지표,목표_원문,실적_원문,목표_수치,실적_수치,단위,src_line
공공 시장 확대 지원,공공기관 방문영업,방문영업 650건,방문영업 654건,650,654,건,10
공공 시장 확대 지원,사업매칭지원 건수,사업매칭지원 20건/50억,사업매칭지원 27건/64.18억,20,27,건,10
공공 시장 확대 지원,교육/설명회,,교육/설명회 2회,,2,회,10
컨설팅 및 일상 경영 지원,경영멘토링,경영멘토링 2건,경영멘토링 2건,2,2,건,12
""",
    "public_kpis.csv": """\
구분,항목,목표,실적,달성률,목표_수치,실적_수치,단위,달성률_수치,src_line
매칭지원,공공기관 방문영업,650건,654건,101%,650,654,건,101.0,20
매칭지원,영업매칭 지원,20건/50억,27건/64.18억,135%/128%,20,27,건,135.0,21
교육활동,공공구매 교육지원,15회,2회,13%,15,2,회,13.0,22
입점지원,기업별 입점지원,14개,25개,178%,14,25,개,178.0,23
""",
    "visits.csv": """\
구분,방문기관수,방문횟수,src_line
공공기관,2,3,30
학교,1,2,31
""",
    "institutions.csv": """\
구분,순번,기관명,src_line
공공기관,1,서울시청,32
공공기관,2,강동구청,32
학교,1,길음중,33
""",
    "matching.csv": """\
연번,발주기관,계약규모,계약규모_억원,src_line
1,SH공사,1억,1,34
2,서울디자인재단,0.5억,0.5,35
3,성북구청,-,,36
""",
    "sessions.csv": """\
일시,대상,참여인원,src_line
2.15,교육청,290,37
2.22,금천구청,10,38
""",
    "fairs.csv": """\
일시,개최기관,참여기업,방문객,src_line
5.23,교육연수원,78,1200,40
6.12,서초구청,14,55,41
합계,,92,1255,42
""",
    "contracts.csv": """\
기업명,계약상태,거래금액,src_line
가온,완료,700,43
노란들판,완료,90,44
총 2개 기업,총 2건,790,45
""",
    "demand.csv": """\
구분,총계,수요처,기재된_명칭수,src_line
유통채널,2,SK행복나래/이제너두,2,46
""",
    "management_kpis.csv": """\
구분,항목,목표,실적,달성률,목표_수치,실적_수치,단위,달성률_수치,src_line
컨설팅,경영전략컨설팅,2건,2건,100%,2,2,건,100.0,50
컨설팅,경영멘토링,2건,2건,100%,2,2,건,100.0,51
""",
    "expert_pool.csv": """\
구분,컨설턴트,경영멘토,합계,src_line
재무전략,1,0,1,52
회계서비스,0,7,7,53
합계,1,7,8,54
""",
    "consulting_cases.csv": """\
연번,기업명,컨설팅구분,src_line
1,가나협동조합,경영전략컨설팅,55
2,다라협동조합,경영전략컨설팅,56
3,마바협동조합,멘토링,57
4,사아협동조합,멘토링,58
""",
    "district_kpis.csv": """\
구분,항목,목표,실적,달성률,목표_수치,실적_수치,단위,달성률_수치,src_line
예비특구지원,현장 지원 횟수,5건,9건,180%,5,9,건,180.0,60
""",
    "zone_counts.csv": """\
항목,횟수,단위,src_line
현장간담회,3,회,61
컨설팅지원,6,회,61
예비특구 사업기록,1,식,62
""",
    "narrative.csv": """\
섹션,지표,값,단위,원문,src_line
판로지원 > 01 공공시장 확대지원,education sessions (heading),2,회,교육설명회 2회,70
""",
    "settlement_summary.csv": """\
구분,위탁사업비,시설운영비,합계,src_line
예산액(A),1000,200,1200,80
집행액(B),900,150,1050,81
집행잔액(C=A-B),100,50,150,82
이자발생액(E),10,1,11,83
기타 수익금(F),5,0,5,84
정산잔액(G=C+E+F),115,51,166,85
""",
    "settlement_report.csv": """\
구분,수준,초기예산액,전용액,최종예산액,교부액,집행금액,집행잔액,예금이자,기타수익금,반환대상액,src_line
위탁사업비 계,합계,1000,0,1000,1000,900,100,10,5,115,90
제안사업비 소계,소계,1000,0,1000,1000,900,100,10,5,115,91
공공시장 확대지원,세부,600,50,650,650,650,0,,0,,92
민간시장 판로지원,세부,400,-50,350,350,250,100,,5,,93
시설운영비 계,합계,200,0,200,200,150,50,1,0,51,94
2017 시설운영비,세부,200,0,200,200,150,50,1,0,51,95
총계,총계,1200,0,1200,1200,1050,150,11,5,166,96
""",
    "expenditure.csv": """\
관,항,목,세부계정과목,교부금액,집행금액,집행률,src_line
제안사업비,판로지원,공공시장 확대지원,소계,650,650,100.00%,100
제안사업비,판로지원,공공시장 확대지원,공공구매영업단,650,650,100.00%,101
제안사업비,판로지원,민간시장 판로지원,소계,350,250,71.40%,102
제안사업비,판로지원,민간시장 판로지원,유통판로지원,300,200,66.70%,103
제안사업비,판로지원,민간시장 판로지원,사업관리비,50,50,100.00%,104
제안사업비 소계,,,,1000,900,90.00%,105
시설 운영비,시설운영비,시설장비 유지비,유지보수비,200,150,75.00%,106
시설운영비 계,,,,200,150,75.00%,107
""",
}


def write_tables(directory: Path, changes: dict[str, tuple[str, str]] | None = None) -> Path:
    """The consistent tables, with `changes` = {file: (old text, new text)} applied."""
    directory.mkdir(parents=True, exist_ok=True)
    for name, text in CONSISTENT.items():
        if changes and name in changes:
            old, new = changes[name]
            assert old in text, f"{old!r} is not in {name}"
            text = text.replace(old, new)
        (directory / name).write_text(text, encoding="utf-8")
    return directory


def findings_after(tmp_path: Path, name: str, old: str, new: str) -> list[str]:
    findings, _ = check_directory(write_tables(tmp_path / "tables", {name: (old, new)}))
    return [str(finding) for finding in findings]


def only(found: list[str]) -> str:
    assert len(found) == 1, found
    return found[0]


def test_consistent_tables_give_no_finding_and_skip_nothing(tmp_path):
    findings, skipped = check_directory(write_tables(tmp_path / "tables"))
    assert findings == []
    assert skipped == []


# Rates


def test_a_printed_rate_that_is_not_actual_over_target(tmp_path):
    found = findings_after(tmp_path, "public_kpis.csv", "13%,15,2,회,13.0", "18%,15,2,회,18.0")
    assert only(found) == ("public_kpis.csv:3: 달성률 18% ≠ 실적 2 ÷ 목표 15 = 13.3% [원문 22행]")


def test_a_rate_rounded_or_truncated_to_an_integer_or_one_decimal_is_the_same_rate(tmp_path):
    # 25 ÷ 14 = 178.57…%
    for printed in ("178.5", "178.6", "178", "179"):
        found = findings_after(
            tmp_path / printed,
            "public_kpis.csv",
            "178%,14,25,개,178.0",
            f"{printed}%,14,25,개,{printed}",
        )
        assert found == [], printed
    found = findings_after(
        tmp_path / "wrong", "public_kpis.csv", "178%,14,25,개,178.0", "177%,14,25,개,177"
    )
    assert "달성률 177% ≠ 실적 25 ÷ 목표 14 = 178.6%" in only(found)


def test_one_rate_for_a_compound_cell_must_fit_each_figure(tmp_path):
    found = findings_after(
        tmp_path, "public_kpis.csv", "135%/128%,20,27,건,135.0", "131%,20,27,건,131"
    )
    assert only(found).startswith(
        "public_kpis.csv:2: 달성률 131% 하나가 수치 2개에 찍힘:"
        " 실적 27 ÷ 목표 20 = 135.0%, 실적 64.18 ÷ 목표 50 = 128.4%"
    )


def test_each_rate_of_a_compound_cell_against_its_own_figure(tmp_path):
    found = findings_after(tmp_path, "public_kpis.csv", "135%/128%", "135%/163%")
    assert "달성률 163% ≠ 실적 64.18 ÷ 목표 50 = 128.4%" in only(found)


def test_a_parsed_number_that_is_not_the_printed_one(tmp_path):
    found = findings_after(tmp_path, "public_kpis.csv", "650,654,건,101.0", "650,645,건,101.0")
    assert "실적_수치 645 ≠ 실적 '654건'" in only(found)


def test_an_execution_rate_in_the_overview_against_the_settlement(tmp_path):
    found = findings_after(tmp_path, "overview.csv", ",71.4%,", ",74.1%,")
    assert only(found) == (
        "overview.csv:2: 집행률 74.1% ≠ 집행금액 250 ÷ 교부액 350 = 71.4% [원문 11행]"
        " ↔ settlement_report.csv 4행 (원문 93행)"
    )


# Totals and counts


def test_a_total_row_that_is_not_the_sum_of_its_rows(tmp_path):
    found = findings_after(tmp_path, "fairs.csv", "합계,,92,1255", "합계,,92,1250")
    assert only(found) == "fairs.csv:3: 합계 행 방문객 1,250 ≠ 1–2행의 합 1,255 [원문 42행]"


def test_a_count_of_firms_in_a_total_row_counts_distinct_names(tmp_path):
    found = findings_after(tmp_path, "contracts.csv", "노란들판,완료,90", "가온,완료,90")
    assert only(found) == (
        "contracts.csv:3: '총 2개 기업' ≠ 1–2행에 나온 기업명 1개 (행 2개) [원문 45행]"
    )


def test_a_total_column_that_is_not_the_sum_of_the_columns_before_it(tmp_path):
    found = findings_after(tmp_path, "expert_pool.csv", "재무전략,1,0,1", "재무전략,1,1,1")
    assert any(
        line.startswith("expert_pool.csv:1: 합계 1 ≠ 컨설턴트 + 경영멘토 = 1 + 1 = 2")
        for line in found
    )
    assert "expert_pool.csv:3: 합계 행 경영멘토 7 ≠ 1–2행의 합 8 [원문 54행]" in found


def test_a_printed_count_beside_fewer_names_listed(tmp_path):
    found = findings_after(tmp_path, "demand.csv", "유통채널,2,", "유통채널,3,")
    assert only(found) == "demand.csv:1: 총계 3 ≠ 나열된 이름 2개 [원문 46행]"


def test_a_count_in_the_title_against_the_rows_listed(tmp_path):
    found = findings_after(
        tmp_path, "INDEX.md", "컨설팅사업 추진실적 (4건)", "컨설팅사업 추진실적 (5건)"
    )
    assert only(found) == (
        "consulting_cases.csv:0: 제목 '컨설팅사업 추진실적 (5건)'의 '5건' ≠ 나열된 행 4개"
        " ↔ INDEX.md: consulting_cases.csv의 제목"
    )


def test_a_count_in_the_heading_above_the_table_against_the_rows_listed(tmp_path):
    found = findings_after(tmp_path, "INDEX.md", "교육설명회 2회 [", "교육설명회 3회 [")
    assert "sessions.csv:0: 절 제목 '교육설명회 3회'의 '3회' ≠ 나열된 행 2개" in only(found)


def test_counts_in_a_title_against_the_columns_they_add_up(tmp_path):
    found = findings_after(tmp_path, "INDEX.md", "방문영업 3개 기관, 5회", "방문영업 3개 기관, 6회")
    assert "visits.csv:0: 제목 '방문영업 3개 기관, 6회 (구분별)'의 '6회'" in only(found)


def test_an_amount_in_the_title_against_the_amounts_listed(tmp_path):
    found = findings_after(tmp_path, "matching.csv", "0.5억,0.5,", "0.4억,0.4,")
    assert only(found) == (
        "matching.csv:0: 제목 '영업매칭 컨설팅 3건, 계약 성사 2건(1.5억원)'의 '1.5억원'"
        " ≠ 계약규모_억원 합 1.4억원 ↔ INDEX.md: matching.csv의 제목"
    )


def test_a_summary_count_per_category_against_the_list_of_names(tmp_path):
    found = findings_after(
        tmp_path,
        "institutions.csv",
        "공공기관,2,강동구청,32\n",
        "공공기관,2,강동구청,32\n공공기관,3,종로구청,32\n",
    )
    assert only(found) == (
        "visits.csv:1: 방문기관수 2 ≠ 나열된 행 3개 (구분 '공공기관') [원문 30행]"
        " ↔ institutions.csv 1–3행"
    )


def test_a_figure_named_as_a_category_against_its_rows_in_the_list(tmp_path):
    found = findings_after(
        tmp_path, "consulting_cases.csv", "다라협동조합,경영전략컨설팅", "다라협동조합,멘토링"
    )
    assert only(found) == (
        "management_kpis.csv:1: 실적 2건 ≠ consulting_cases.csv에서 컨설팅구분 '경영전략컨설팅'인"
        " 행 1개 [원문 50행] ↔ consulting_cases.csv 1행"
    )


def test_a_figure_named_as_a_table_against_the_counts_it_itemises(tmp_path):
    found = findings_after(tmp_path, "zone_counts.csv", "컨설팅지원,6,회", "컨설팅지원,7,회")
    assert only(found) == (
        "district_kpis.csv:1: 실적 9건 ≠ zone_counts.csv의 횟수 합 10회 (다른 단위인 3행 제외)"
        " [원문 60행] ↔ zone_counts.csv 1, 2행"
    )


# One figure, two values


def test_the_same_figure_with_two_actuals_in_the_overview_and_its_kpi_table(tmp_path):
    found = findings_after(
        tmp_path, "public_kpis.csv", "27건/64.18억,135%/128%,20,27", "26건/64.18억,130%/128%,20,26"
    )
    assert only(found) == (
        "public_kpis.csv:2: 실적 26건 ≠ 27건"
        " (같은 지표 '매칭지원 영업매칭 지원' / '사업매칭지원 건수'; 목표는 둘 다 20건)"
        " [원문 21행] ↔ overview_figures.csv 2행 (원문 10행)"
    )


def test_the_same_figure_with_two_targets_in_two_kpi_tables(tmp_path):
    found = findings_after(
        tmp_path, "overview_figures.csv", "경영멘토링 2건,2,2", "경영멘토링 2건,3,2"
    )
    assert only(found) == (
        "management_kpis.csv:2: 목표 2건 ≠ 3건 (같은 지표 '컨설팅 경영멘토링' / '경영멘토링';"
        " 실적은 둘 다 2건) [원문 51행] ↔ overview_figures.csv 4행 (원문 12행)"
    )


def test_a_figure_in_the_running_text_against_the_table(tmp_path):
    found = findings_after(
        tmp_path, "narrative.csv", ",2,회,교육설명회 2회", ",3,회,교육설명회 3회"
    )
    assert only(found) == (
        "narrative.csv:1: 본문 '교육설명회 3회'의 3회 ≠ 실적 2회 ('교육/설명회') [원문 70행]"
        " ↔ overview_figures.csv 3행 (원문 10행)"
    )


# The settlement


def test_a_summary_row_that_breaks_its_printed_formula(tmp_path):
    found = findings_after(
        tmp_path, "settlement_summary.csv", "집행잔액(C=A-B),100", "집행잔액(C=A-B),110"
    )
    assert "settlement_summary.csv:3: 위탁사업비 110 ≠ A-B = 1,000 - 900 = 100 [원문 82행]" in found


def test_the_summary_against_the_settlement_report(tmp_path):
    found = findings_after(
        tmp_path, "settlement_report.csv", "총계,총계,1200,0,1200", "총계,총계,1000,0,1000"
    )
    assert (
        "settlement_summary.csv:1: 예산액(A) 합계 1,200 ≠ 정산보고서 총계 최종예산액 1,000"
        " [원문 80행] ↔ settlement_report.csv 7행 (원문 96행)"
    ) in found


def test_budget_execution_and_remainder_identities_of_the_settlement_report(tmp_path):
    found = findings_after(
        tmp_path, "settlement_report.csv", "350,350,250,100,,5", "350,350,250,110,,5"
    )
    assert (
        "settlement_report.csv:4: 집행잔액 110 ≠ 교부액 350 - 집행금액 250 = 100 [원문 93행]"
        in found
    )


def test_a_settlement_total_that_is_not_the_sum_of_the_rows_below_it(tmp_path):
    found = findings_after(
        tmp_path,
        "settlement_report.csv",
        "공공시장 확대지원,세부,600,50",
        "공공시장 확대지원,세부,500,50",
    )
    assert any(
        line.startswith(
            "settlement_report.csv:2: 제안사업비 소계 초기예산액 1,000"
            " ≠ 아래 2개 행(공공시장 확대지원, 민간시장 판로지원)의 합 900"
        )
        for line in found
    )


def test_the_amount_to_return_is_remainder_plus_interest_plus_other_income(tmp_path):
    found = findings_after(
        tmp_path, "settlement_report.csv", "200,150,50,1,0,51,95", "200,150,50,1,0,52,95"
    )
    assert (
        "settlement_report.csv:6: 반환대상액 52"
        " ≠ 집행잔액 50 + 예금이자 1 + 기타수익금 0 = 51 [원문 95행]" in found
    )


def test_expenditure_subtotals_rates_and_spending_beyond_the_grant(tmp_path):
    found = findings_after(
        tmp_path, "expenditure.csv", "유통판로지원,300,200,66.70%", "유통판로지원,300,200,67.70%"
    )
    assert (
        "expenditure.csv:4: 집행률 67.7% ≠ 집행금액 200 ÷ 교부금액 300 = 66.7% [원문 103행]"
        in only(found)
    )
    found = findings_after(
        tmp_path / "subtotal", "expenditure.csv", "사업관리비,50,50", "사업관리비,50,40"
    )
    assert any(
        line.startswith("expenditure.csv:3: 집행금액 250 ≠ 세부계정 2개의 합 240") for line in found
    )
    found = findings_after(
        tmp_path / "beyond", "expenditure.csv", "유지보수비,200,150,75.00%", "유지보수비,0,150,"
    )
    assert any("집행금액 150 > 교부금액 0 (교부된 것보다 많이 집행)" in line for line in found)


def test_the_expenditure_detail_against_the_settlement_report(tmp_path):
    found = findings_after(
        tmp_path, "expenditure.csv", "시설운영비 계,,,,200,150", "시설운영비 계,,,,0,150"
    )
    assert (
        "expenditure.csv:8: 교부금액 0 ≠ 정산보고서 시설운영비 계 교부액 200 [원문 107행]"
        " ↔ settlement_report.csv 5행 (원문 94행)"
    ) in found


# Malformed numbers, skipped files, XLSX


def test_a_malformed_number_anywhere_in_a_table(tmp_path):
    with_note = CONSISTENT["settlement_report.csv"].replace(
        "반환대상액,src_line", "반환대상액,src_line,note"
    )
    stray = with_note.replace("10,5,115,91\n", '10,5,115,91,"반환대상액 printed 1,1515"\n')
    listed = with_note.replace("10,5,115,91\n", '10,5,115,91,"rows 2,3 and 1,469원"\n')
    for name, text in (("stray", stray), ("listed", listed)):
        directory = write_tables(tmp_path / name)
        (directory / "settlement_report.csv").write_text(text, encoding="utf-8")
        findings, _ = check_directory(directory)
        found = [str(finding) for finding in findings]
        if name == "listed":
            assert found == []
        else:
            assert found == [
                "settlement_report.csv:2: 형식이 잘못된 수 '1,1515'"
                " (note 열; 표의 반환대상액 값은 115) [원문 91행]"
            ]


def test_files_that_are_not_tables_or_not_in_a_known_layout_are_skipped(tmp_path):
    directory = write_tables(tmp_path / "tables")
    (directory / "notes.txt").write_text("메모", encoding="utf-8")
    (directory / "stages.csv").write_text("단계,내용\n입문,교육\n", encoding="utf-8")
    (directory / "empty.csv").write_text("", encoding="utf-8")
    findings, skipped = check_directory(directory)
    assert findings == []
    assert skipped == [
        "empty.csv: 빈 표",
        "notes.txt: 표 파일(CSV, XLSX)이 아님",
        "stages.csv: 알아볼 수 있는 형식이 아님 (열: 단계, 내용)",
    ]


def write_book(path: Path, sheets: dict[str, list[list[Any]]]) -> None:
    book = Workbook()
    book.remove(book.active)
    for title, rows in sheets.items():
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.save(path)


def test_an_xlsx_workbook_is_checked_sheet_by_sheet(tmp_path):
    header: list[Any] = ["구분", "항목", "목표", "실적", "달성률"]
    fairs: list[list[Any]] = [
        ["일시", "개최기관", "참여기업"],
        ["5.23", "교육연수원", 78],
        ["6.12", "서초구청", 14.0],
    ]
    write_book(
        tmp_path / "report.xlsx",
        {
            "주요실적": [header, ["매칭", "방문영업", "650건", "654건", "101%"]],
            "박람회": [*fairs, ["합계", None, 92]],
        },
    )
    findings, skipped = check_directory(tmp_path)
    assert findings == [] and skipped == []

    write_book(
        tmp_path / "report.xlsx",
        {
            "주요실적": [header, ["매칭", "영업매칭", "20건/50억", "26건/65.6억", "131%"]],
            "박람회": [*fairs, ["합계", None, 93.0]],
        },
    )
    findings, _ = check_directory(tmp_path)
    assert [str(finding) for finding in findings] == [
        "report.xlsx[박람회]:3: 합계 행 참여기업 93 ≠ 1–2행의 합 92",
        "report.xlsx[주요실적]:1: 달성률 131% 하나가 수치 2개에 찍힘:"
        " 실적 26 ÷ 목표 20 = 130.0%, 실적 65.6 ÷ 목표 50 = 131.2%",
    ]


def test_a_finding_prints_both_places():
    finding = Finding("a.csv", 3, "b.csv 2행 (원문 7행)", "실적 26건 ≠ 27건", "304")
    assert str(finding) == "a.csv:3: 실적 26건 ≠ 27건 [원문 304행] ↔ b.csv 2행 (원문 7행)"


# The command


def test_the_command_exits_with_status_one_and_lists_the_findings(tmp_path):
    directory = write_tables(tmp_path / "tables", {"fairs.csv": ("1255,42", "1250,42")})
    out = StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("check_tables", str(directory), stdout=out)
    assert exit_status.value.code == 1
    lines = out.getvalue().splitlines()
    assert lines[0] == "fairs.csv:3: 합계 행 방문객 1,250 ≠ 1–2행의 합 1,255 [원문 42행]"
    assert lines[-1].startswith("발견 1건 (표 1개에서), 건너뜀 0개")


def test_the_command_exits_quietly_when_the_tables_agree(tmp_path):
    out = StringIO()
    call_command("check_tables", str(write_tables(tmp_path / "tables")), stdout=out)
    assert out.getvalue().startswith("발견 0건")


def test_the_command_refuses_a_missing_directory(tmp_path):
    with pytest.raises(CommandError, match="폴더가 없습니다"):
        call_command("check_tables", str(tmp_path / "없음"))


SEED = Path(settings.BASE_DIR) / "dure" / "demo" / "seed2017"


def test_the_2017_seed_tables_contradict_themselves_where_the_report_does():
    out = StringIO()
    with pytest.raises(SystemExit) as exit_status:
        call_command("check_tables", str(SEED), stdout=out)
    assert exit_status.value.code == 1
    printed = out.getvalue()
    for known in (
        # C2: one rate for "20건/50억"
        "02_public_market_kpis.csv:3: 달성률 131% 하나가 수치 2개에 찍힘",
        # C1: 26 cases in the KPI table, 27 in the overview
        "02_public_market_kpis.csv:3: 실적 26건 ≠ 27건",
        # C3: 65.6억 printed, the listed contracts add up to 64.18억
        "'65.6억원' ≠ 계약규모_억원 합 64.18억원",
        # C5: 교육설명회 33회 over a list of 38
        "06_public_education_sessions.csv:0: 절 제목 '교육설명회 33회'의 '33회' ≠ 나열된 행 38개",
        # C9: 총 4개 기업 with three firms listed
        "09_fair_contracts.csv:5: '총 4개 기업' ≠ 1–4행에 나온 기업명 3개",
        # C11: 163% for 100/60
        "10_private_market_kpis.csv:9: 달성률 163% ≠ 실적 100 ÷ 목표 60 = 166.7%",
        # C10: 61,566 vs 61,560천원
        "10_private_market_kpis.csv:12: 실적 61,566천원 ≠ 61,560천원",
        # C18, C20, C25, C31, C32
        "20_strategic_kpis.csv:4: 달성률 260% ≠ 실적 8 ÷ 목표 3 = 266.7%",
        "24_district_ecosystem_kpis.csv:2: 달성률 100% ≠ 실적 22 ÷ 목표 20 = 110.0%",
        "33_shared_workspace_kpis.csv:10: 달성률 239% ≠ 실적 278 ÷ 목표 200 = 139.0%",
        "38_academy_kpis.csv:8: 달성률 100% ≠ 실적 4 ÷ 목표 3 = 133.3%",
        "41_training_kpis.csv:2: 달성률 333% ≠ 실적 11 ÷ 목표 12 = 91.7%",
        # C21: 72 against the itemised 79
        "24_district_ecosystem_kpis.csv:3: 실적 72건"
        " ≠ 25_special_zone_support_counts.csv의 횟수 합 79회",
        # C29: 민관정책협의회 12 in the text, 15 in the overview
        "56_narrative_figures.csv:116: 본문 '민관정책협의회 12회 추진'의 12회 ≠ 실적 15회",
        # C40: the stray digit
        "53_settlement_by_programme.csv:3: 형식이 잘못된 수 '28,345,9615'",
        # the 총계 budget that leaves out the facility funds
        "52_settlement_summary.csv:1: 예산액(A) 합계 5,117,293,710"
        " ≠ 정산보고서 총계 최종예산액 5,104,884,610",
    ):
        assert known in printed, known
    assert "발견 42건" in printed
