"""The report document written as an XLSX workbook and as an HWPX file (no database)."""

from __future__ import annotations

import io
import re
import zipfile
from decimal import Decimal
from typing import NamedTuple
from xml.etree import ElementTree

import pytest
from hwpx import HwpxDocument, validate_editor_open_safety, validate_package
from matplotlib.figure import Figure as Drawing
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from dure.reports.document import (
    Cell,
    Chart,
    Document,
    Figure,
    Heading,
    PageBreak,
    Paragraph,
    Table,
)
from dure.reports.hwpx import HEADER_SHADE, TOTAL_SHADE, document_hwpx
from dure.reports.xlsx import INDEX_SHEET, document_xlsx, sheet_names

TITLE = "공공시장 확대지원 주요실적"


def small_png() -> bytes:
    drawing = Drawing(figsize=(2, 1.2), dpi=50)
    drawing.add_subplot().barh([0, 1], [100.6, 45.0], color=["#2f6fb3", "#d08a00"])
    buffer = io.BytesIO()
    drawing.savefig(buffer, format="png")
    return buffer.getvalue()


def kpi_table(unit_note: str = "") -> Table:
    table = Table(
        key="kpi:PUBLIC",
        title=TITLE,
        columns=["지표", "목표", "실적", "달성률"],
        unit_note=unit_note,
        numeric_columns=(1, 2, 3),
    )
    table.add(
        [
            Cell.of("공공기관 방문영업"),
            Cell.of(Figure("indicator:1:target", Decimal(20), "건")),
            Cell(
                [
                    Figure("indicator:1:actual", Decimal(27), "건"),
                    Figure("indicator:1:amount", Decimal("64.18"), "억원", places=2),
                ]
            ),
            Cell.of(Figure("indicator:1:rate", Decimal("135.04"), "%", places=1)),
        ]
    )
    table.add(
        [
            Cell.of('=HYPERLINK("http://example.com")'),
            Cell.of(Figure("indicator:2:target", None, "건")),
            Cell.of(Figure("indicator:2:actual", Decimal(5), "건")),
            Cell.of(Figure("indicator:2:balance", Decimal(-1200), "원")),
        ],
        kind="sub",
    )
    table.add(
        [
            Cell.of("합계"),
            Cell.of(Figure("total:target", Decimal(20), "건")),
            Cell.of(Figure("total:actual", Decimal(32), "건")),
            Cell.of(Figure("total:rate", Decimal("160.0"), "%", places=1)),
        ],
        kind="total",
    )
    return table


def report(*, png: bytes = b"", unit_note: str = "") -> Document:
    document = Document(title="성과보고서", center_name="강동구사회적경제지원센터", year=2017)
    document.add(Heading(1, "판로지원"))
    document.add(
        Paragraph(
            ["공공구매 상담을 ", Figure("support:consultations", Decimal(1234), "건"), " 했다."]
        )
    )
    document.add(kpi_table(unit_note))
    document.add(PageBreak())
    document.add(
        Chart("chart:rates", "사업별 달성률", svg="<svg/>", png=png, caption="주: 목표 대비")
    )
    return document


def table_sheet(document: Document) -> Worksheet:
    return load_workbook(io.BytesIO(document_xlsx(document)))[TITLE]


def section_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return package.read("Contents/section0.xml").decode("utf-8")


HP = "{http://www.hancom.co.kr/hwpml/2011/paragraph}"
HH = "{http://www.hancom.co.kr/hwpml/2011/head}"
HC = "{http://www.hancom.co.kr/hwpml/2011/core}"


class Shape(NamedTuple):
    alignment: str
    indented: bool
    bold: bool
    fill: str


def cell_shapes(data: bytes) -> list[list[Shape]]:
    """The first table's cells, row by row, with the shapes the header part defines for them."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        head = ElementTree.fromstring(package.read("Contents/header.xml"))
        section = ElementTree.fromstring(package.read("Contents/section0.xml"))
    paragraphs = {shape.get("id"): shape for shape in head.iter(f"{HH}paraPr")}
    runs = {shape.get("id"): shape for shape in head.iter(f"{HH}charPr")}
    fills = {shape.get("id"): shape for shape in head.iter(f"{HH}borderFill")}
    table = section.find(f".//{HP}tbl")
    assert table is not None
    rows = []
    for row in table.iter(f"{HP}tr"):
        shapes = []
        for cell in row.iter(f"{HP}tc"):
            paragraph = cell.find(f"{HP}subList/{HP}p")
            assert paragraph is not None
            run = paragraph.find(f"{HP}run")
            assert run is not None
            paragraph_shape = paragraphs[paragraph.get("paraPrIDRef")]
            align = paragraph_shape.find(f"{HH}align")
            brush = fills[cell.get("borderFillIDRef")].find(f".//{HC}winBrush")
            shapes.append(
                Shape(
                    alignment=align.get("horizontal", "") if align is not None else "",
                    indented=any(
                        left.get("value") != "0" for left in paragraph_shape.iter(f"{HC}left")
                    ),
                    bold=runs[run.get("charPrIDRef")].find(f"{HH}bold") is not None,
                    fill=brush.get("faceColor", "none") if brush is not None else "none",
                )
            )
        rows.append(shapes)
    return rows


def test_the_index_sheet_lists_every_table_with_its_sheet_and_unit():
    book = load_workbook(io.BytesIO(document_xlsx(report())))
    assert book.sheetnames == [INDEX_SHEET, TITLE]
    index = book[INDEX_SHEET]
    assert index["A1"].value == "2017년 성과보고서"
    assert [cell.value for cell in index[3]] == ["시트", "표", "단위"]
    assert [cell.value for cell in index[4]] == [TITLE, TITLE, "(단위: 건, 억원, %, 원)"]
    assert index["A4"].hyperlink.location == f"'{TITLE}'!A1"


def test_a_lone_figure_is_a_number_formatted_with_its_decimals_and_unit():
    sheet = table_sheet(report())
    target, rate, balance = sheet["B4"], sheet["D4"], sheet["D5"]
    assert (target.value, target.number_format) == (20, '#,##0"건"')
    assert rate.value == pytest.approx(135.04) and rate.number_format == '#,##0.0"%"'
    assert balance.value == -1200 and balance.number_format == '#,##0"원";△#,##0"원"'
    assert sheet["B5"].value == "-"


def test_a_compound_cell_is_text_as_the_report_prints_it():
    assert table_sheet(report())["C4"].value == "27건/64.18억원"


def test_the_unit_row_comes_from_the_figures_or_the_tables_note():
    assert table_sheet(report())["A2"].value == "(단위: 건, 억원, %, 원)"
    assert table_sheet(report(unit_note="건, %"))["A2"].value == "(단위: 건, %)"


def test_text_a_spreadsheet_would_run_as_a_formula_is_neutralised():
    cell = table_sheet(report())["A5"]
    assert cell.value == '\'=HYPERLINK("http://example.com")' and cell.data_type == "s"


def test_the_header_is_bold_and_frozen_the_total_bold_and_the_breakdown_indented():
    sheet = table_sheet(report())
    assert [cell.value for cell in sheet[3]] == ["지표", "목표", "실적", "달성률"]
    assert sheet["A1"].font.bold and sheet["B3"].font.bold and sheet.freeze_panes == "A4"
    assert sheet["B6"].font.bold and not sheet["B4"].font.bold
    assert sheet["A5"].alignment.indent > 0 and not sheet["A4"].alignment.indent
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["D"].width


def test_sheet_names_are_short_unique_and_without_forbidden_characters():
    tables = [
        Table("a", "정산: 세입/세출 [총괄] * 사업비? \\ 집행 '내역' 그리고 더 긴 제목", []),
        Table("b", "정산: 세입/세출 [총괄] * 사업비? \\ 집행 '내역' 그리고 더 긴 제목", []),
        Table("c", "목차", []),
        Table("d", "", []),
    ]
    names = sheet_names(tables)
    assert len(set(names)) == 4 and INDEX_SHEET not in names
    assert all(len(name) <= 31 and not re.search(r"[\[\]:*?/\\']", name) for name in names)
    assert names[1].endswith("(2)") and names[3] == "표 4"


def test_the_hwpx_is_a_hangul_package():
    with zipfile.ZipFile(io.BytesIO(document_hwpx(report()))) as package:
        assert package.namelist()[0] == "mimetype"
        assert package.read("mimetype") == b"application/hwp+zip"
        assert "<opf:title>2017년 성과보고서</opf:title>" in package.read(
            "Contents/content.hpf"
        ).decode("utf-8")


def test_the_section_holds_the_heading_the_narrative_figure_and_every_table_cell():
    texts = re.findall(r"<hp:t>([^<]*)</hp:t>", section_xml(document_hwpx(report())))
    assert "판로지원" in texts and "공공구매 상담을 1,234건 했다." in texts
    assert TITLE in texts and "(단위: 건, 억원, %, 원)" in texts
    for cell in ["지표", "달성률", "27건/64.18억원", "135.0%", "-", "△1,200원", "합계", "160.0%"]:
        assert cell in texts


def test_the_table_is_a_real_table_whose_header_row_repeats():
    xml = section_xml(document_hwpx(report()))
    table = re.search(r"<hp:tbl [^>]*>", xml)
    assert table and 'rowCnt="4"' in table[0] and 'colCnt="4"' in table[0]
    assert 'repeatHeader="1"' in table[0]
    assert len(re.findall(r'<hp:tc [^>]*header="1"', xml)) == 4


def test_the_header_is_centred_the_numbers_right_the_breakdown_indented_the_total_bold():
    header, plain, sub, total = cell_shapes(document_hwpx(report()))
    assert header == [Shape("CENTER", False, True, HEADER_SHADE)] * 4
    for row in (plain, sub, total):
        assert [cell.alignment for cell in row[1:]] == ["RIGHT"] * 3
        assert row[0].alignment != "RIGHT"
    assert sub[0].indented and not any(cell.indented for cell in plain + total + sub[1:])
    assert all(cell.bold and cell.fill == TOTAL_SHADE for cell in total)
    assert not any(cell.bold or cell.fill != "none" for cell in plain + sub)


def test_every_row_of_a_long_table_is_in_the_table_in_order():
    document = report()
    table = document.tables[0]
    for number in range(1, 201):
        table.add([Cell.of(f"사업 {number}"), Cell.of(Figure(f"row:{number}", Decimal(number)))])
    data = document_hwpx(document)
    with HwpxDocument.open(data) as reopened:
        grid = reopened.tables.all[0]
        assert grid.row_count == 204 and grid.column_count == 4
        assert grid.cell(4, 0).text == "사업 1" and grid.cell(203, 1).text == "200"
        assert grid.cell(203, 3).text == ""
    addresses = re.findall(r'<hp:cellAddr colAddr="0" rowAddr="(\d+)"/>', section_xml(data))
    assert addresses == [str(row) for row in range(204)]


def test_each_table_holds_its_own_rows_when_one_has_only_a_header():
    document = report()
    document.add(Table(key="empty", title="실적 없음", columns=["구분", "건수"]))
    last = Table(key="last", title="마지막 표", columns=["구분"])
    last.add([Cell.of("마지막 행")])
    document.add(last)
    with HwpxDocument.open(document_hwpx(document)) as reopened:
        first, empty, other = reopened.tables.all
        assert (first.row_count, empty.row_count, other.row_count) == (4, 1, 2)
        assert first.cell(3, 0).text == "합계" and other.cell(1, 0).text == "마지막 행"


def test_a_tab_and_a_line_break_in_a_cell_are_written_as_hangul_writes_them():
    document = report()
    document.tables[0].rows[0][0] = Cell.of("공공기관\n방문영업\t(전화)")
    xml = section_xml(document_hwpx(document))
    assert "<hp:t>공공기관<hp:lineBreak/>방문영업<hp:tab/>(전화)</hp:t>" in xml


def test_headings_are_bold_and_larger_than_the_body():
    with HwpxDocument.open(document_hwpx(report())) as reopened:
        paragraphs = {paragraph.text: paragraph for paragraph in reopened.paragraphs}
        heading = paragraphs["판로지원"].runs[0]
        body = paragraphs["공공구매 상담을 1,234건 했다."].runs[0]
        assert heading.bold and not body.bold
        assert heading.style and body.style
        assert int(heading.style.attributes["height"]) > int(body.style.attributes["height"])


def test_the_chart_png_is_embedded_as_a_picture_with_its_title_as_description():
    png = small_png()
    data = document_hwpx(report(png=png))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        pictures = [name for name in package.namelist() if name.startswith("BinData/")]
        assert len(pictures) == 1 and package.read(pictures[0]) == png
    xml = section_xml(data)
    assert "<hp:pic " in xml and "<hp:shapeComment>사업별 달성률</hp:shapeComment>" in xml
    assert "주: 목표 대비" in xml


def test_a_chart_without_png_leaves_its_title_in_the_text():
    data = document_hwpx(report())
    xml = section_xml(data)
    assert "<hp:pic " not in xml and "<hp:t>사업별 달성률</hp:t>" in xml
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert not [name for name in package.namelist() if name.startswith("BinData/")]


def test_a_page_break_starts_the_next_block_on_a_new_page():
    xml = section_xml(document_hwpx(report(png=small_png())))
    breaking = re.findall(r'<hp:p [^>]*pageBreak="1"[^>]*>.*?</hp:p>', xml)
    assert len(breaking) == 1 and "<hp:pic " in breaking[0]


def test_the_file_reopens_with_python_hwpx_and_validates():
    with HwpxDocument.open(document_hwpx(report(png=small_png()))) as reopened:
        text = reopened.text.plain()
        assert "판로지원" in text and "27건/64.18억원" in text
        assert len(reopened.tables.all) == 1
        assert not reopened.validate().issues


def test_the_whole_file_passes_python_hwpx_package_and_editor_open_checks():
    data = document_hwpx(report(png=small_png()))
    assert validate_package(data).ok
    safety = validate_editor_open_safety(data)
    assert safety.ok, safety.summary
