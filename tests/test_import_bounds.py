"""Hostile and careless files meet the import stack's bounds: each is answered with a Korean row
error naming the row and column, exit 1, nothing saved — the same on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from dure.core import imports
from dure.core.imports import ImportRejected, get_importer, run_import
from dure.core.models import Center
from dure.registry.models import Enterprise
from dure.registry.tests.factories import valid_business_number

pytestmark = pytest.mark.django_db
HEADER = "기업명,사업자등록번호,법인 형태,자치구,설립일\n"


def _enterprise_row(name: str = "햇살협동조합", founded: str = "2014-03-01") -> str:
    return f"{name},{valid_business_number(5)},협동조합,마포구,{founded}\n"


def _import(data: bytes, filename: str = "enterprises.csv") -> list[str]:
    importer = get_importer("enterprises")(center=Center.objects.get(code="SEOUL"))
    with pytest.raises(ImportRejected) as refused:
        run_import(importer, data, filename)
    assert not Enterprise.objects.exists()
    return refused.value.lines


def _xlsx(rows: list[list[object]]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    stream = io.BytesIO()
    book.save(stream)
    return stream.getvalue()


def _rewrite(data: bytes, part: str, change) -> bytes:  # type: ignore[no-untyped-def]
    source = zipfile.ZipFile(io.BytesIO(data))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == part:
                content = change(content)
            target.writestr(item, content)
    return stream.getvalue()


def test_a_csv_cell_over_the_csv_modules_limit_is_a_row_error():
    lines = _import((HEADER + _enterprise_row(name="가" * 140_000)).encode())
    assert lines == ["2행 [기업명]: 칸의 내용이 너무 깁니다(10,000자까지, 지금 140,000자)."]


@pytest.mark.parametrize("character", ["\x00", "\x07", "\x1b", "\x7f", "\u202e"])
def test_control_characters_are_refused_on_both_databases(character):
    lines = _import((HEADER + _enterprise_row(name=f"햇살{character}협동조합")).encode())
    code = f"U+{ord(character):04X}"
    assert lines == [
        f"2행 [기업명]: 보이지 않는 제어 문자({code})가 들어 있습니다. 지우고 다시 올려 주세요."
    ]


@pytest.mark.parametrize("number", ["Infinity", "-inf", "NaN", "sNaN", "1e600000", "9" * 30])
def test_a_non_finite_or_huge_number_names_its_own_column(number):
    experts = get_importer("experts")(center=Center.objects.get(code="SEOUL"))
    text = f"성명,역할,자원풀 시작 연도\n김전문,컨설턴트,{number}\n"
    with pytest.raises(ImportRejected) as refused:
        run_import(experts, text.encode(), "experts.csv")
    assert all("[자원풀 시작 연도]" in line for line in refused.value.lines), refused.value.lines


def test_a_duplicated_header_is_refused_instead_of_keeping_the_first():
    text = "기업명,사업자등록번호,기관명\n햇살,1018200037,달빛\n"
    lines = _import(text.encode())
    assert lines == [
        "1행 [기관명]: 같은 항목의 열이 두 번 있습니다(‘기업명’ 열과 같음). 하나만 남겨 주세요."
    ]


@pytest.mark.parametrize(
    ("founded", "reason"),
    [
        ("2017-05-23 <script>", "날짜 형식이 아닙니다"),
        ("2099-01-01", "보다 늦은 날짜입니다"),
        ("1800-01-01", "1900년부터 2100년 사이의 날짜여야 합니다"),
    ],
)
def test_implausible_dates_are_row_errors(founded, reason):
    lines = _import((HEADER + _enterprise_row(founded=founded)).encode())
    assert len(lines) == 1 and lines[0].startswith("2행 [설립일]: ") and reason in lines[0]


def test_a_workbook_claiming_the_largest_dimension_is_read_as_what_it_holds():
    data = _xlsx([["기업명", "사업자등록번호"], ["햇살협동조합", valid_business_number(6)]])
    claimed = _rewrite(
        data,
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048576"', xml),
    )
    assert b"XFD1048576" in zipfile.ZipFile(io.BytesIO(claimed)).read("xl/worksheets/sheet1.xml")
    importer = get_importer("enterprises")(center=Center.objects.get(code="SEOUL"))
    table = importer.read(claimed, "enterprises.xlsx")
    assert [row.text("name") for row in table.rows] == ["햇살협동조합"]


def test_a_workbook_whose_parts_unpack_too_large_is_refused_before_parsing(monkeypatch):
    monkeypatch.setattr(imports, "MAX_XLSX_PART_BYTES", 50_000)
    data = _xlsx([["기업명", "사업자등록번호"], ["햇살", "x" * 1000]])
    padded = _rewrite(
        data, "xl/worksheets/sheet1.xml", lambda xml: xml + b"<!--" + b" " * 200_000 + b"-->"
    )
    assert len(padded) < 20_000  # small on disk, large unpacked
    lines = _import(padded, "enterprises.xlsx")
    assert lines == ["1행 [파일]: XLSX 파일의 내용이 너무 큽니다(압축을 푼 크기 120MB까지)."]


def test_too_many_rows_and_too_large_a_file_are_refused(monkeypatch):
    monkeypatch.setattr(imports, "MAX_ROWS", 3)
    many = HEADER + "".join(_enterprise_row(name=f"기업{i}") for i in range(5))
    assert _import(many.encode()) == [
        "1행 [파일]: 행이 너무 많습니다(3행까지). 파일을 나누어 올려 주세요."
    ]
    monkeypatch.setattr(imports, "MAX_FILE_BYTES", 10)
    assert _import((HEADER + _enterprise_row()).encode())[0].startswith(
        "1행 [파일]: 파일이 너무 큽니다"
    )


def test_the_command_answers_a_nul_byte_with_exit_1(tmp_path):
    path = tmp_path / "enterprises.csv"
    path.write_bytes((HEADER + _enterprise_row(name="햇살\x00")).encode())
    errors = io.StringIO()
    with pytest.raises(SystemExit) as refused:
        call_command("import_records", "enterprises", str(path), "--center", "SEOUL", stderr=errors)
    assert refused.value.code == 1
    assert "2행 [기업명]: 보이지 않는 제어 문자(U+0000)" in errors.getvalue()
    assert not Enterprise.objects.exists()


def test_an_activity_kind_or_institution_too_long_for_its_name_is_a_row_error():
    from dure.budget.tests.factories import program_in
    from dure.core.services import ensure_fiscal_year
    from dure.programs.models import Activity

    center = Center.objects.get(code="SEOUL-GANGDONG")
    program_in(center, ensure_fiscal_year(year=2017), "공공 시장 확대 지원")
    text = (
        "일자,사업명,활동유형,사업자등록번호,기관명,자치구,인원,금액,비고\n"
        f"2017-05-23,공공 시장 확대 지원,{'가' * 51},,,,,,\n"
        f"2017-05-23,공공 시장 확대 지원,방문영업,,{'나' * 201},,,,\n"
    )
    with pytest.raises(ImportRejected) as refused:
        run_import(get_importer("activities")(center=center), text.encode(), "long.csv")
    assert refused.value.lines == [
        "2행 [활동유형]: 50자까지 입력할 수 있습니다(지금 51자).",
        "3행 [기관명]: 200자까지 입력할 수 있습니다(지금 201자).",
    ]
    assert not Activity.objects.exists()
