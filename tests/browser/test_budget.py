"""Record a transfer and an expenditure with evidence, see the statement and the performance
report's 집행률 change, download the statements as XLSX and PDF and open them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from dure.budget.tests.factories import funded_line, program_in
from dure.core.models import Center
from dure.core.roles import Role
from dure.core.services import create_user, ensure_fiscal_year
from tests.personas import PASSWORD


def _download(page: Page, link: str, path: Path) -> Path:
    with page.expect_download() as download:
        page.get_by_role("link", name=link, exact=True).click()
    download.value.save_as(path)
    return path


def _pdf_lines(path: Path) -> list[str]:
    assert shutil.which("pdftotext"), "poppler-utils (make test-browser installs it)"
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True
    ).stdout.decode()
    return [" ".join(line.split()) for line in text.splitlines()]


def test_admin_moves_money_spends_it_and_sees_statement_and_report_change(
    live_server, login, metro_admin, tmp_path: Path
):
    center = Center.objects.get(code="SEOUL")
    year = ensure_fiscal_year(year=2017)
    program = program_in(center, year, "공공 시장 확대 지원")
    fair = funded_line(
        initial_won=1_000_000,
        granted_won=1_500_000,
        program=program,
        unit_name="공공시장 확대지원",
        item="공공시장 확대지원",
        account_title="박람회 용역비",
    )
    academy = funded_line(
        initial_won=2_000_000,
        unit_name="아카데미 운영",
        item="아카데미 운영",
        account_title="강사료",
    )
    page = login(metro_admin, PASSWORD)
    base = f"{live_server.url}/budget/2017/SEOUL"
    report = f"{live_server.url}/reports/annual/?year=2017&center=SEOUL"
    overview_row = page.locator("table.overview tr", has_text="공공 시장 확대 지원")

    page.goto(report)
    expect(overview_row.locator("td").last).to_have_text("0.0%")

    page.goto(f"{base}/report/")
    fair_row = page.get_by_role("row").filter(has_text="공공시장 확대지원").first
    expect(fair_row).to_contain_text("1,000,000")

    page.get_by_role("link", name="전용", exact=True).click()
    page.get_by_role("link", name="전용 요청").click()
    page.get_by_label("보내는 과목").select_option(str(academy.pk))
    page.get_by_label("받는 과목").select_option(str(fair.pk))
    page.get_by_label("금액(원)").fill("500000")
    page.get_by_label("일자").fill("2017-06-01")
    page.get_by_label("사유").fill("박람회 추가 개최")
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_text("전용을 요청했습니다")).to_be_visible()
    page.get_by_role("button", name="승인").click()
    expect(page.locator("ul.messages")).to_contain_text("직접 요청한 전용은 승인할 수 없습니다.")
    # Two people: a second admin of the center approves the transfer and goes on.
    second = create_user(
        username="second_admin", password=PASSWORD, center=center, role=Role.CENTER_ADMIN
    )
    transfers = page.url
    page.get_by_role("button", name="로그아웃").click()
    page = login(second, PASSWORD)
    page.goto(transfers)
    page.get_by_role("button", name="승인").click()
    expect(page.get_by_text("전용을 승인했습니다.")).to_be_visible()

    page.goto(f"{base}/lines/")
    page.get_by_role("link", name="집행 기록").first.click()
    page.get_by_label("예산 과목").select_option(str(fair.pk))
    page.get_by_label("집행일").fill("2017-06-15")
    page.get_by_label("지급처").fill("행복나눔협동조합")
    page.get_by_label("내용").fill("찾아가는 박람회 부스")
    page.get_by_label("금액(원)").fill("1200000")
    receipt = tmp_path / "세금계산서.pdf"
    receipt.write_bytes(b"%PDF-1.4 invoice")
    page.get_by_label("증빙 파일").set_input_files(str(receipt))
    page.get_by_role("button", name="저장").click()
    expect(page.get_by_text("집행 1,200,000원을 기록했습니다.")).to_be_visible()
    evidence = _download(page, "증빙 파일 내려받기", tmp_path / "evidence.pdf")
    assert evidence.read_bytes() == b"%PDF-1.4 invoice"

    page.get_by_role("link", name="정산보고서").click()
    fair_row = page.get_by_role("row").filter(has_text="공공시장 확대지원").first
    expect(fair_row).to_contain_text("500,000")
    expect(fair_row).to_contain_text("1,500,000")
    expect(fair_row).to_contain_text("1,200,000")
    expect(fair_row).to_contain_text("80.0%")
    fair_row.get_by_role("link", name="1,200,000").click()
    expect(page.get_by_role("cell", name="행복나눔협동조합")).to_be_visible()

    page.goto(f"{base}/summary/")
    spent_row = page.get_by_role("row").filter(has_text="집행액(B)")
    expect(spent_row.locator("td").last).to_have_text("1,200,000")
    refund_row = page.get_by_role("row").filter(has_text="정산잔액(G=C+D+E+F)")
    expect(refund_row.locator("td").last).to_have_text("1,800,000")

    page.goto(report)
    rate = overview_row.locator("td").last
    expect(rate).to_have_text("80.0%")
    rate.get_by_role("link").click()
    expect(page.get_by_role("cell", name="행복나눔협동조합")).to_be_visible()

    page.goto(f"{base}/report/")
    sheet = load_workbook(_download(page, "XLSX", tmp_path / "settlement.xlsx"))["정산보고서"]
    fair_cells = next(
        row for row in sheet.iter_rows(values_only=True) if row[0] == "공공시장 확대지원"
    )
    assert fair_cells[1:6] == (1_000_000, 500_000, 1_500_000, 1_500_000, 1_200_000)
    assert "(단위: 원)" in str(sheet["A2"].value)

    page.get_by_role("link", name="천원", exact=True).click()
    expect(page.get_by_role("caption")).to_have_text("(단위: 천원)")
    expect(fair_row).to_contain_text("1,200")
    book = load_workbook(_download(page, "XLSX", tmp_path / "settlement-thousand.xlsx"))
    assert "(단위: 천원)" in str(book["정산총괄표"]["A2"].value)
    summary = {row[0]: row[1:] for row in book["정산총괄표"].iter_rows(values_only=True)}
    assert summary["집행액(B)"][-1] == 1_200

    lines = _pdf_lines(_download(page, "PDF", tmp_path / "settlement.pdf"))
    text = "\n".join(lines)
    for heading in ("정산총괄표", "정산보고서", "사업비 세부집행내역서", "(단위: 천원)"):
        assert heading in text
    page.get_by_role("link", name="원", exact=True).click()
    lines = _pdf_lines(_download(page, "PDF", tmp_path / "settlement-won.pdf"))
    text = "\n".join(lines)
    for heading in ("정산총괄표", "정산보고서", "사업비 세부집행내역서", "(단위: 원)"):
        assert heading in text

    def row(start: str) -> str:
        return next(line for line in lines if line.startswith(start))

    assert row("예산액(A)").endswith("3,000,000 0 3,000,000")
    assert row("집행액(B)").endswith("1,200,000 0 1,200,000")
    assert row("정산잔액(G=C+D+E+F)").endswith("1,800,000 0 1,800,000")
    assert row("총계") == "총계 3,000,000 0 3,000,000 3,500,000 1,200,000 1,800,000 0 0 1,800,000"
    assert row("합계 ") == "합계 3,500,000 1,200,000 34.3%"
