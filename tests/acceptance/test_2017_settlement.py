"""The 2017 seed settlement, loaded as records, gives back the report's three statements and the
thirteen execution rates of the overview table. Known misprints are listed, not repeated
(docs/seed-2017-settlement.md)."""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from dure.budget import exports
from dure.budget.models import (
    BudgetLine,
    Disallowance,
    Expenditure,
    Grant,
    Income,
    IncomeKind,
    Transfer,
)
from dure.budget.statements import Settlement, build_settlement
from dure.core.formatting import MoneyUnit
from dure.core.models import Center, FiscalYear
from dure.programs.execution import execution_rates
from dure.programs.models import Program

SEED = Path(__file__).resolve().parents[2] / "dure" / "demo" / "seed2017"

SUMMARY_ATTRIBUTES = {
    "예산액(A)": "final_won",
    "집행액(B)": "executed_won",
    "집행잔액(C=A-B)": "unspent_won",
    "불인정액(D)": "disallowed_won",
    "이자발생액(E)": "interest_won",
    "기타 수익금(F)": "other_income_won",
    "정산잔액(G=C+D+E+F)": "refund_won",
}
REPORT_ATTRIBUTES = {
    "초기예산액": "initial_won",
    "전용액": "transfer_won",
    "최종예산액": "final_won",
    "교부액": "granted_won",
    "집행금액": "executed_won",
    "집행잔액": "unspent_won",
    "예금이자": "interest_won",
    "기타수익금": "other_income_won",
    "반환대상액": "refund_won",
}
# Printed figures that disagree with the report's own records (docs/seed-2017-settlement.md).
REPORT_MISPRINTS = {
    ("총계", "초기예산액"): 5_117_293_710,  # C3: printed without the facility funds
    ("총계", "최종예산액"): 5_117_293_710,  # C3
}
DETAIL_MISPRINTS = {
    ("시설운영비", "시설운영비", "시설장비 유지비", "유지보수비"): 12_409_100,  # C5: printed 0
    ("시설운영비 계", "", "", ""): 12_409_100,  # C5
}


def _rows(name: str) -> list[dict[str, str]]:
    with (SEED / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def settlement(demo_2017, db: None) -> Settlement:
    """The settlement of the 2017 demo (its budget, transfers, grants and expenditures loaded by
    `load_demo` through the same `load_settlement`)."""
    center = Center.objects.get(code="SEOUL")
    return build_settlement(center=center, fiscal_year=FiscalYear.objects.get(year=2017))


def test_the_records_are_those_of_the_settlement_note(settlement):
    assert BudgetLine.objects.count() == 42
    assert Transfer.objects.count() == 3
    assert Grant.objects.count() == 41
    assert Expenditure.objects.count() == 40
    assert Income.objects.filter(kind=IncomeKind.INTEREST).count() == 6
    assert Income.objects.filter(kind=IncomeKind.OTHER).count() == 11
    assert Disallowance.objects.count() == 0
    assert sum(Transfer.objects.values_list("amount_won", flat=True)) == 13_843_000


def test_the_settlement_summary_is_reproduced_to_the_won(settlement):
    funds = {label: figures for _, label, figures in settlement.funds}
    for row in _rows("52_settlement_summary.csv"):
        attribute = SUMMARY_ATTRIBUTES[row["구분"]]
        assert getattr(funds["위탁사업비"], attribute) == int(row["위탁사업비"]), row["구분"]
        assert getattr(funds["시설운영비"], attribute) == int(row["시설운영비"]), row["구분"]
        assert getattr(settlement.total, attribute) == int(row["합계"]), row["구분"]


def test_the_report_by_program_is_reproduced_to_the_won(settlement):
    computed = {
        row.label.replace("시 요청", "시요청"): row.figures for row in settlement.report_rows
    }
    compared = 0
    for row in _rows("53_settlement_by_programme.csv"):
        figures = computed[row["구분"]]
        for column, attribute in REPORT_ATTRIBUTES.items():
            if row[column] == "":
                continue
            expected = REPORT_MISPRINTS.get((row["구분"], column), int(row[column]))
            assert getattr(figures, attribute) == expected, (row["구분"], column)
            compared += 1
    assert compared == 169


def test_the_proposal_interest_is_the_whole_chapters_not_a_programs(settlement):
    common = next(row for row in settlement.report_rows if row.level == "common")
    assert (common.chapter, common.figures.interest_won) == ("제안사업비", 577_351)
    assert common.figures.refund_won == 577_351


def _detail_key(row: dict[str, str]) -> tuple[str, str, str, str]:
    chapter = row["관"].replace("시설 운영비", "시설운영비")
    return (chapter, row["항"], row["목"], row["세부계정과목"])


def test_the_expenditure_detail_is_reproduced_with_its_printed_rates(settlement):
    computed = {}
    for row in settlement.detail_rows:
        if row.level == "chapter":
            label = row.label.replace("시설운영비 소계", "시설운영비 계")
            computed[(label, "", "", "")] = row.figures
        else:
            computed[(row.chapter, row.section, row.item, row.label)] = row.figures
    printed_rates = 0
    for row in _rows("54_expenditure_detail.csv"):
        figures = computed[_detail_key(row)]
        granted = DETAIL_MISPRINTS.get(_detail_key(row), int(row["교부금액"]))
        assert figures.granted_won == granted, _detail_key(row)
        assert figures.executed_won == int(row["집행금액"]), _detail_key(row)
        if row["집행률"]:
            assert figures.execution_pct == Decimal(row["집행률"].rstrip("%")), _detail_key(row)
            printed_rates += 1
    assert printed_rates == 35


def test_the_overview_execution_rates_are_reproduced(settlement):
    printed = {row["사업명"]: row["집행률"] for row in _rows("01_overview.csv") if row["집행률"]}
    programs = list(Program.objects.filter(name__in=printed, area__fiscal_year__year=2017))
    assert len(programs) == 13
    rates = execution_rates(programs)
    for program in programs:
        percent = rates[program.pk].percent
        assert percent is not None
        shown = f"{percent.normalize():f}%" if percent % 1 else f"{int(percent)}%"
        assert shown == printed[program.name], program.name


def _pdf_pages(settlement: Settlement, unit: MoneyUnit) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"],
        input=exports.settlement_pdf(settlement, unit),
        capture_output=True,
        check=True,
    ).stdout.decode()
    return [" ".join(page.split()) for page in text.split("\f") if page.strip()]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils가 없습니다")
def test_the_pdf_holds_the_seed_totals_and_repeats_headers_on_every_page(settlement):
    pages = _pdf_pages(settlement, MoneyUnit.WON)
    text = " ".join(pages)
    summary = "예산액(A) 5,104,884,610 12,409,100 5,117,293,710"
    refund = "정산잔액(G=C+D+E+F) 84,565,998 4,014,850 88,580,848"
    assert summary in text and refund in text
    assert "총계 5,117,293,710 0 5,117,293,710 5,117,293,710 5,029,811,354" in text
    detail = [page for page in pages if "사업비 세부집행내역서" in page]
    assert len(detail) >= 2, "the detail statement runs over several pages"
    for page in detail:
        assert page.startswith("2017년 정산 보고 · 서울특별시 사회적경제지원센터")
        assert "관 항 목 세부계정과목 교부금액 집행금액 집행률" in page
    assert "합계 3,868,287,690 3,836,878,483 99.2%" in detail[-1]
