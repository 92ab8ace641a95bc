"""The 2017 demo edition as the files a center files: PDF, XLSX and HWPX, each opened and read
back, with the headings, the overview and the settlement totals the records give."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile

import openpyxl
import pytest
from django.db import transaction

from dure.budget.statements import build_settlement
from dure.core.models import Center, FiscalYear
from dure.reports import services
from dure.reports.consistency import check
from dure.reports.models import ReportEdition

HEADINGS = ["펴내는 글", "사업 총괄표", "판로 지원", "경영 지원", "공공 시장 확대 지원"]
HEADINGS += ["정산 보고"]


@pytest.fixture(scope="module")
def outputs(demo_2017, django_db_blocker):
    """The demo edition rendered once and written in the three formats."""
    with django_db_blocker.unblock(), transaction.atomic():
        edition = ReportEdition.objects.get(title="2017 성과보고서")
        context, document = services.render(edition, links=False, png=True)
        settlement = build_settlement(
            center=Center.objects.get(code="SEOUL"), fiscal_year=FiscalYear.objects.get(year=2017)
        )
        yield {
            "findings": check(context, document),
            "total": settlement.total,
            "overview": [
                (line.indicator.name, line.result.actual)
                for section in context.report.programs
                for line in section.overview
            ],
            "pdf": services.write(document, context, "pdf"),
            "xlsx": services.write(document, context, "xlsx"),
            "hwpx": services.write(document, context, "hwpx"),
        }
        transaction.set_rollback(True)


def _won(value: int) -> str:
    return f"{value:,}"


def test_the_demo_edition_passes_its_own_check(outputs, db):
    assert [f for f in outputs["findings"] if f.blocking] == []


def test_the_pdf_has_the_headings_the_overview_and_the_settlement_totals(outputs, db, tmp_path):
    path = tmp_path / "edition.pdf"
    path.write_bytes(outputs["pdf"])
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = int(
        re.search(
            r"Pages:\s+(\d+)",
            subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout,
        ).group(1)
    )
    assert pages > 40
    for heading in HEADINGS:
        assert heading in text, heading
    assert "목차" in text
    assert "공공기관 방문영업 654건" in text
    total = outputs["total"]
    for amount in (total.final_won, total.executed_won, total.refund_won):
        assert _won(amount) in text
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    korean = [line for line in fonts.splitlines() if re.search(r"Noto.?Sans.?CJK", line)]
    assert korean and all(" yes " in line for line in korean)  # embedded, subset


def test_the_xlsx_reads_back_as_numbers(outputs, db):
    book = openpyxl.load_workbook(io.BytesIO(outputs["xlsx"]))
    assert book.sheetnames[0] == "목차"
    contents = " ".join(str(c.value) for row in book["목차"].iter_rows() for c in row if c.value)
    assert "사업 총괄표" in contents and "정산총괄표" in contents
    summary = next(book[name] for name in book.sheetnames if "정산총괄표" in name)
    values = [c.value for row in summary.iter_rows() for c in row]
    total = outputs["total"]
    assert total.executed_won in values and total.refund_won in values
    assert any("단위: 원" in str(v) for v in values if v)
    kpi = next(book[name] for name in book.sheetnames if "공공 시장 확대 지원" in name)
    numbers = [c for row in kpi.iter_rows() for c in row if c.value == 654]
    assert numbers and numbers[0].number_format.endswith('"건"')


def test_the_hwpx_unpacks_with_the_same_texts(outputs, db):
    archive = zipfile.ZipFile(io.BytesIO(outputs["hwpx"]))
    assert archive.read("mimetype") == b"application/hwp+zip"
    sections = "".join(
        archive.read(name).decode()
        for name in archive.namelist()
        if re.match(r"Contents/section\d+\.xml", name)
    )
    for heading in HEADINGS:
        assert heading in sections, heading
    assert _won(outputs["total"].executed_won) in sections
    assert "654건" in sections
    assert any(name.startswith("BinData/") for name in archive.namelist())  # the charts
