"""The three statements: computed from records, every subtotal a sum, every cell drills down."""

from __future__ import annotations

import datetime
import io
import json
import shutil
import subprocess

import pytest
from django.core.management import call_command
from openpyxl import load_workbook

from dure.budget import exports, metrics, services
from dure.budget.models import Expenditure, Fund, IncomeKind, MoneyRecordAccess
from dure.budget.statements import (
    DETAIL_COLUMNS,
    REPORT_COLUMNS,
    Figures,
    Settlement,
    build_settlement,
)
from dure.budget.tests.factories import funded_line
from dure.core.formatting import MoneyUnit
from dure.core.models import Center
from dure.core.services import ensure_fiscal_year

DAY = datetime.date(2017, 7, 1)


@pytest.fixture
def small_settlement(db: None, metro_admin) -> Settlement:
    """Two funds, three 관, a transfer, spending, income on lines and on a 관, a disallowance."""
    fair = funded_line(
        initial_won=1_000_000, item="박람회", account_title="용역비", unit_name="박람회"
    )
    fair_admin = funded_line(
        initial_won=200_000, item="박람회", account_title="사업관리비", unit_name="박람회"
    )
    course = funded_line(
        initial_won=500_000, item="아카데미", account_title="강사료", unit_name="아카데미"
    )
    operating = funded_line(
        initial_won=800_000,
        chapter="운영비",
        section="",
        item="",
        account_title="운영비",
        unit_name="",
        is_operating_cost=True,
    )
    facility = funded_line(
        initial_won=300_000,
        fund=Fund.FACILITY,
        chapter="시설운영비",
        section="시설운영비",
        item="시설장비 유지비",
        account_title="유지보수비",
        unit_name="2017 시설운영비",
    )
    services.record_transfer(
        from_line=course,
        to_line=fair,
        amount_won=100_000,
        transferred_on=DAY,
        reason="박람회 확대",
        approved_by=metro_admin,
    )
    for line, amount in ((fair, 1_050_000), (fair_admin, 150_000), (course, 390_000)):
        services.record_expenditure(
            line=line, spent_on=DAY, payee="행복협동조합", description="집행", amount_won=amount
        )
    services.record_expenditure(
        line=operating, spent_on=DAY, payee="관리", description="운영", amount_won=700_000
    )
    services.record_expenditure(
        line=facility, spent_on=DAY, payee="수리", description="보수", amount_won=250_000
    )
    center, year = fair.center, fair.fiscal_year
    proposal_account = services.create_bank_account(
        center=center, fiscal_year=year, name="제안사업비 계좌", chapter="제안사업비"
    )
    facility_account = services.create_bank_account(
        center=center, fiscal_year=year, name="시설 계좌", chapter="시설운영비"
    )
    services.record_income(
        center=center,
        fiscal_year=year,
        kind=IncomeKind.INTEREST,
        fund=Fund.COMMISSIONED,
        chapter="제안사업비",
        account=proposal_account,
        amount_won=1_234,
        received_on=DAY,
    )
    services.record_income(
        center=center,
        fiscal_year=year,
        kind=IncomeKind.OTHER,
        line=course,
        amount_won=5_000,
        received_on=DAY,
    )
    services.record_income(
        center=center,
        fiscal_year=year,
        kind=IncomeKind.INTEREST,
        line=facility,
        account=facility_account,
        amount_won=77,
        received_on=DAY,
    )
    services.record_disallowance(
        line=fair_admin, amount_won=20_000, decided_on=DAY, reason="증빙 미비"
    )
    return build_settlement(center=center, fiscal_year=year)


def _sum(rows: list[Figures]) -> Figures:
    return Figures.total(rows)


def test_the_summary_adds_up_by_fund(small_settlement):
    commissioned = small_settlement.fund_figures(Fund.COMMISSIONED)
    facility = small_settlement.fund_figures(Fund.FACILITY)
    assert commissioned.final_won == 2_500_000
    assert commissioned.executed_won == 2_290_000
    assert commissioned.unspent_won == 210_000
    assert commissioned.disallowed_won == 20_000
    assert commissioned.interest_won == 1_234
    assert commissioned.other_income_won == 5_000
    assert commissioned.refund_won == 210_000 + 20_000 + 1_234 + 5_000
    assert facility.refund_won == 300_000 - 250_000 + 77
    assert small_settlement.total.refund_won == commissioned.refund_won + facility.refund_won


def test_every_report_subtotal_is_the_sum_of_its_rows(small_settlement):
    rows = small_settlement.report_rows
    labels = [row.label for row in rows]
    assert labels == [
        "위탁사업비 계",
        "제안사업비 소계",
        "박람회",
        "아카데미",
        "관 공통",
        "운영비 소계",
        "시설운영비 계",
        "2017 시설운영비",
        "총계",
    ]
    by_label = {row.label: row.figures for row in rows}
    assert by_label["제안사업비 소계"] == _sum(
        [by_label["박람회"], by_label["아카데미"], by_label["관 공통"]]
    )
    assert by_label["위탁사업비 계"] == _sum([by_label["제안사업비 소계"], by_label["운영비 소계"]])
    assert by_label["총계"] == _sum([by_label["위탁사업비 계"], by_label["시설운영비 계"]])
    assert by_label["박람회"].transfer_won == 100_000
    assert by_label["아카데미"].transfer_won == -100_000
    assert by_label["관 공통"].interest_won == 1_234


def test_the_detail_statement_leaves_out_operating_cost_and_groups_by_item(small_settlement):
    rows = [(row.level, row.chapter, row.item, row.label) for row in small_settlement.detail_rows]
    assert ("account", "운영비", "", "운영비") not in rows
    assert rows[0] == ("group", "제안사업비", "박람회", "소계")
    group = small_settlement.detail_rows[0].figures
    assert (group.granted_won, group.executed_won) == (1_200_000, 1_200_000)
    assert small_settlement.detail_rows[0].figures.execution_pct == 100
    assert small_settlement.detail_rows[-1].label == "합계"


def test_every_cell_drills_down_to_records_that_sum_to_it(small_settlement):
    center, year = small_settlement.center, small_settlement.fiscal_year
    single = {"initial", "transfer", "grant", "expenditure", "disallowed", "interest", "other"}
    checked = 0
    cells = [(row, column) for row in small_settlement.report_rows for column in REPORT_COLUMNS]
    cells += [(row, column) for row in small_settlement.detail_rows for column in DETAIL_COLUMNS]
    for row, (_, attribute, kind) in cells:
        if True:
            if kind not in single:
                continue
            if kind == "transfer":
                records = metrics.signed_transfers(center=center, fiscal_year=year, scope=row.scope)
                total = metrics.counted_total(kind, records)
            else:
                queryset = metrics.records(kind, center=center, fiscal_year=year, scope=row.scope)
                total = metrics.counted_total(kind, queryset)
            assert total == getattr(row.figures, attribute), (row.label, kind)
            checked += 1
    assert checked > 50


def test_the_xlsx_holds_the_three_statements_in_the_chosen_unit(small_settlement):
    workbook = load_workbook(
        io.BytesIO(exports.settlement_xlsx(small_settlement, MoneyUnit.THOUSAND))
    )
    assert workbook.sheetnames == ["정산총괄표", "정산보고서", "세부집행내역서"]
    summary = workbook["정산총괄표"]
    assert summary["A2"].value.endswith("(단위: 천원)")
    assert summary["A4"].value == "예산액(A)"
    assert summary["D4"].value == pytest.approx(2_800)


def test_every_xlsx_column_is_wide_enough_for_its_amounts(small_settlement):
    workbook = load_workbook(io.BytesIO(exports.settlement_xlsx(small_settlement, MoneyUnit.WON)))
    checked = 0
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(min_row=4):
            for cell in row:
                if isinstance(cell.value, int):
                    width = sheet.column_dimensions[cell.column_letter].width
                    assert width >= len(f"{cell.value:,}") + 2, (sheet.title, cell.coordinate)
                    checked += 1
    assert checked > 50


def _pdf_pages(pdf: bytes) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    return [page for page in text.split("\f") if page.strip()]


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils가 없습니다")
def test_the_pdf_text_holds_the_korean_headings_and_totals(small_settlement):
    pdf = exports.settlement_pdf(small_settlement, MoneyUnit.WON)
    text = subprocess.run(
        ["pdftotext", "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()
    for heading in ("정산총괄표", "정산보고서", "사업비 세부집행내역서", "(단위: 원)"):
        assert heading in text
    assert f"{small_settlement.total.refund_won:,}" in text


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="poppler-utils가 없습니다")
def test_every_pdf_page_names_the_year_center_statement_and_unit(small_settlement):
    pages = _pdf_pages(exports.settlement_pdf(small_settlement, MoneyUnit.THOUSAND))
    assert len(pages) == 3
    for page, statement in zip(pages[1:], ("정산보고서", "사업비 세부집행내역서"), strict=True):
        header = page.strip().splitlines()[0]
        assert header.startswith("2017년 정산 보고 · 서울특별시 사회적경제지원센터")
        assert statement in header and "(단위: 천원" in header
    assert "천원 단위로 반올림하여" in pages[0]


@pytest.mark.django_db
def test_export_settlement_writes_the_json_shape(small_settlement, tmp_path):
    target = tmp_path / "settlement.json"
    call_command(
        "export_settlement", "2017", "--center", "SEOUL", "--format", "json", "-o", str(target)
    )
    data = json.loads(target.read_text())
    assert set(data["summary"]) >= {
        "budget_won",
        "executed_won",
        "unspent_won",
        "disallowed_won",
        "interest_won",
        "other_income_won",
        "refund_won",
    }
    assert all(
        set(row)
        >= {
            "name",
            "initial_won",
            "transfer_won",
            "final_won",
            "granted_won",
            "executed_won",
            "unspent_won",
            "interest_won",
            "other_income_won",
            "refund_won",
            "execution_pct",
        }
        for row in data["programs"]
    )
    assert data["summary"]["refund_won"] == small_settlement.total.refund_won
    program = next(p for p in data["programs"] if p["name"] == "박람회")
    assert program["final_won"] == 1_300_000
    assert program["execution_pct"] == 100.0
    assert len(data["lines"]) == 5


@pytest.mark.django_db
def test_statement_pages_are_bounded_in_queries(
    client, small_settlement, funder, django_assert_max_num_queries
):
    client.force_login(funder)
    for name in ("summary", "report", "detail"):
        with django_assert_max_num_queries(20):
            response = client.get(f"/budget/2017/SEOUL/{name}/?unit=천원")
        assert response.status_code == 200
    assert "(단위: 천원)" in response.content.decode()


@pytest.mark.django_db
def test_every_auditor_opening_is_logged_and_others_are_not(
    client, small_settlement, auditor, metro_admin
):
    client.force_login(metro_admin)
    client.get("/budget/2017/SEOUL/report/")
    assert MoneyRecordAccess.objects.count() == 0
    client.force_login(auditor)
    client.get("/budget/2017/SEOUL/report/")
    client.get("/budget/2017/SEOUL/records/expenditure/?chapter=제안사업비")
    client.get("/budget/2017/SEOUL/export/xlsx/")
    entries = list(MoneyRecordAccess.objects.order_by("accessed_at", "pk"))
    assert [entry.user for entry in entries] == [auditor] * 3
    assert entries[0].subject == "정산보고서"
    assert entries[1].path.startswith("/budget/2017/SEOUL/records/expenditure/")


@pytest.mark.django_db
def test_every_money_screen_the_auditor_opens_is_logged_once(client, small_settlement, auditor):
    expenditure = Expenditure.objects.first()
    assert expenditure is not None
    base = "/budget/2017/SEOUL"
    screens = [
        "/budget/",
        *(f"{base}/{name}/" for name in ("summary", "report", "detail", "lines", "transfers")),
        *(f"{base}/export/{kind}/" for kind in ("json", "xlsx", "pdf")),
        f"{base}/records/all/?fund=commissioned",
        f"/budget/expenditures/{expenditure.pk}/",
    ]
    client.force_login(auditor)
    for number, url in enumerate(screens, start=1):
        assert client.get(url).status_code == 200, url
        assert MoneyRecordAccess.objects.count() == number, url
    assert MoneyRecordAccess.objects.filter(user=auditor).count() == len(screens)


@pytest.mark.django_db
def test_district_staff_cannot_see_another_centers_statement(
    client, small_settlement, other_district_staff, district_staff
):
    client.force_login(other_district_staff)
    assert client.get("/budget/2017/SEOUL/report/").status_code == 404
    assert client.get("/budget/2017/SEOUL-GANGDONG/report/").status_code == 404
    client.force_login(district_staff)
    assert client.get("/budget/2017/SEOUL-GANGDONG/report/").status_code == 200


@pytest.mark.django_db
def test_the_metropolitan_center_reads_a_district_statement(client, metro_admin):
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    funded_line(initial_won=10_000, center=gangdong, fiscal_year=ensure_fiscal_year(year=2017))
    client.force_login(metro_admin)
    response = client.get("/budget/2017/SEOUL-GANGDONG/summary/")
    assert response.status_code == 200
    assert "10,000" in response.content.decode()


@pytest.mark.django_db
def test_an_adjustment_of_a_settled_year_shows_in_both_years(client, metro_admin):
    line = funded_line(initial_won=10_000)
    services.settle_year(center=line.center, fiscal_year=line.fiscal_year, settled_by=metro_admin)
    next_year = ensure_fiscal_year(year=2018)
    services.record_adjustment(
        center=line.center,
        fiscal_year=next_year,
        adjusted_year=line.fiscal_year,
        kind="interest",
        line=line,
        amount_won=321,
        adjusted_on=datetime.date(2018, 3, 2),
        reason="2017년 12월 이자 누락",
        recorded_by=metro_admin,
    )
    settled = build_settlement(center=line.center, fiscal_year=line.fiscal_year)
    assert settled.total.interest_won == 0, "the settled figures do not move"
    assert [a.reason for a in settled.later_adjustments] == ["2017년 12월 이자 누락"]
    following = build_settlement(center=line.center, fiscal_year=next_year)
    assert [a.amount_won for a in following.adjustments_of_earlier_years] == [321]
    client.force_login(metro_admin)
    assert "2017년 12월 이자 누락" in client.get("/budget/2017/SEOUL/report/").content.decode()
    assert "2017년 12월 이자 누락" in client.get("/budget/2018/SEOUL/summary/").content.decode()
    settled_pdf = "\n".join(_pdf_pages(exports.settlement_pdf(settled, MoneyUnit.WON)))
    assert "정산 후 조정" in settled_pdf and "2017년 12월 이자 누락" in settled_pdf
    following_pdf = "\n".join(_pdf_pages(exports.settlement_pdf(following, MoneyUnit.WON)))
    assert "이전 연도 정산 조정" in following_pdf and "2017년 12월 이자 누락" in following_pdf
    sheet = load_workbook(io.BytesIO(exports.settlement_xlsx(settled, MoneyUnit.WON)))["정산 조정"]
    rows = list(sheet.iter_rows(min_row=4, values_only=True))
    assert rows[0][:2] == (2017, 2018) and rows[0][5:7] == (321, 321)
    assert rows[-1][0] == "조정 후 반환대상액" and rows[-1][6] == settled.adjusted_refund_won
    assert settled.adjusted_refund_won == settled.total.refund_won + 321
