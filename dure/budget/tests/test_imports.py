"""A district center built only through the four imports; the error contract; idempotent re-runs."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from openpyxl import Workbook

from dure.budget.models import BudgetLine, Expenditure, Grant, Income, Transfer
from dure.budget.statements import Figures, Settlement, build_settlement
from dure.budget.tests.factories import program_in
from dure.core.models import Center, FiscalYear, User
from dure.core.roles import Role
from dure.core.services import ensure_fiscal_year
from dure.programs.models import Program

CENTER = "SEOUL-GANGDONG"

BUDGET = """관,항,목,세부계정과목,사업명,초기예산액
운영비,,,운영비,,"50,000,000"
제안사업비,판로지원,공공시장 확대지원,영업단,공공 시장 확대 지원,30000000
제안사업비,판로지원,공공시장 확대지원,사업관리비,공공 시장 확대 지원,1000000
제안사업비,인재양성,아카데미 운영,강사료,아카데미 운영,20000000
제안사업비,인재양성,아카데미 운영,사업관리비,아카데미 운영,500000
시설운영비,시설운영비,시설장비 유지비,유지보수비,2017 시설운영비,3000000
"""
TRANSFERS = """일자,보내는 과목,받는 과목,금액,사유
2017.6.1,아카데미 운영/강사료,영업단,"2,000,000",박람회 추가 개최
"""
INCOME = """일자,구분,과목 또는 계좌,금액,사유
2017-01-02,교부,운영비,50000000,
2017-01-02,교부,영업단,32000000,
2017-01-02,교부,공공 시장 확대 지원/사업관리비,1000000,
2017-01-02,교부,강사료,18000000,
2017-01-02,교부,아카데미 운영/사업관리비,500000,
2017-01-02,교부,유지보수비,3000000,
2017-12-31,이자,제안사업비,12345,
2017-12-31,이자,운영비,678,
2017-12-31,기타수익,강사료,5000,교재 판매
2017-12-31,불인정,영업단,100000,증빙 미비
"""


def _expenditures_xlsx(path: Path) -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["일자", "세부계정과목", "지급처", "내용", "금액", "증빙"])
    sheet.append(["2017-03-02", "운영비", "관리사무소", "임차료", 45_000_000, "계산서-1"])
    sheet.append(["2017-05-10", "영업단", "영업 인력", "인건비", 31_500_000, "급여대장"])
    sheet.append(["2017-05-10", "공공 시장 확대 지원/사업관리비", "문구점", "용품", 900_000, ""])
    sheet.append(["2017-07-01", "강사료", "강사", "강의", 17_000_000, "지급명세"])
    sheet.append(["2017-08-01", "유지보수비", "설비", "보수", 2_500_000, "계산서-2"])
    book.save(path)


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    paths = {
        "budget": tmp_path / "budget.csv",
        "transfers": tmp_path / "transfers.csv",
        "expenditures": tmp_path / "expenditures.xlsx",
        "income": tmp_path / "income.csv",
    }
    paths["budget"].write_text(BUDGET, encoding="utf-8")
    paths["transfers"].write_bytes(TRANSFERS.encode("cp949"))
    _expenditures_xlsx(paths["expenditures"])
    paths["income"].write_text(INCOME, encoding="utf-8-sig")
    return paths


def _import(kind: str, path: Path) -> str:
    out = io.StringIO()
    call_command(
        "import_records", kind, str(path), "--center", CENTER, "--year", "2017", stdout=out
    )
    return out.getvalue()


@pytest.fixture
def gangdong_year(db: None) -> tuple[Center, FiscalYear]:
    center = Center.objects.get(code=CENTER)
    fiscal_year = ensure_fiscal_year(year=2017)
    program_in(center, fiscal_year, "공공 시장 확대 지원")
    return center, fiscal_year


def _assert_identities(settlement: Settlement) -> None:
    for row in settlement.report_rows + settlement.detail_rows:
        figures = row.figures
        assert figures.final_won == figures.initial_won + figures.transfer_won
        assert figures.unspent_won == figures.final_won - figures.executed_won
        assert figures.refund_won == (
            figures.unspent_won
            + figures.disallowed_won
            + figures.interest_won
            + figures.other_income_won
        )
    total = Figures.total(settlement.line_figures.values())
    assert total.transfer_won == 0, "transfers net to zero"
    rows = settlement.report_rows
    fund_rows = [row for row in rows if row.level == "fund"]
    assert rows[-1].figures == Figures.total(row.figures for row in fund_rows)
    for fund_row in fund_rows:
        members = [r for r in rows if r.scope.fund == fund_row.scope.fund and r is not fund_row]
        chapters = [r for r in members if r.level == "chapter"]
        units = [r for r in members if r.level in {"unit", "common"}]
        assert fund_row.figures == Figures.total(r.figures for r in chapters or units)
        for chapter in chapters:
            inside = [u for u in units if u.chapter == chapter.chapter]
            if inside:
                assert chapter.figures == Figures.total(u.figures for u in inside)
        assert settlement.fund_figures(fund_row.scope.fund) == fund_row.figures
    detail = settlement.detail_rows
    for index, row in enumerate(detail):
        if row.level == "group":
            accounts = []
            for following in detail[index + 1 :]:
                if following.level != "account":
                    break
                accounts.append(following.figures)
            assert row.figures == Figures.total(accounts)
    chapter_totals = [row.figures for row in detail if row.level == "chapter"]
    assert detail[-1].figures == Figures.total(chapter_totals)


def test_a_center_built_only_through_the_four_imports_satisfies_every_identity(
    gangdong_year, files
):
    center, fiscal_year = gangdong_year
    for kind in ("budget", "transfers", "expenditures", "income"):
        assert "새로 등록" in _import(kind, files[kind])
    settlement = build_settlement(center=center, fiscal_year=fiscal_year)
    _assert_identities(settlement)
    total = settlement.total
    assert total.final_won == 104_500_000
    assert total.executed_won == 96_900_000
    assert total.granted_won == 104_500_000
    assert total.interest_won == 13_023
    assert total.refund_won == 104_500_000 - 96_900_000 + 100_000 + 13_023 + 5_000
    public = next(row for row in settlement.report_rows if row.label == "공공 시장 확대 지원")
    assert public.program_id is not None
    assert public.figures.transfer_won == 2_000_000


def test_running_the_imports_again_saves_nothing_new(gangdong_year, files):
    for kind in ("budget", "transfers", "expenditures", "income"):
        _import(kind, files[kind])
    counts = [model.objects.count() for model in (BudgetLine, Transfer, Expenditure, Income, Grant)]
    for kind in ("budget", "transfers", "expenditures", "income"):
        assert "새로 등록 0건" in _import(kind, files[kind])
    assert counts == [
        model.objects.count() for model in (BudgetLine, Transfer, Expenditure, Income, Grant)
    ]


def test_every_problem_is_listed_by_row_and_column_and_nothing_is_saved(gangdong_year, tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text(
        "관,항,목,세부계정과목,사업명,초기예산액\n"
        "제안사업비,판로,공공,영업단,,1000\n"
        ",판로,공공,사업관리비,,1000\n"
        "제안사업비,판로,공공,홍보,,천만원\n",
        encoding="utf-8",
    )
    errors = io.StringIO()
    with pytest.raises(SystemExit) as refused:
        call_command(
            "import_records",
            "budget",
            str(path),
            "--center",
            CENTER,
            "--year",
            "2017",
            stderr=errors,
        )
    assert refused.value.code == 1
    assert errors.getvalue().splitlines() == [
        "3행 [관]: 값이 비어 있습니다.",
        "4행 [초기예산액]: 금액은 원 단위 정수여야 합니다: '천만원'",
        "문제 2건: 아무것도 저장하지 않았습니다.",
    ]
    assert not BudgetLine.objects.exists()


def test_an_overspending_expenditure_refuses_the_whole_file(gangdong_year, files, tmp_path):
    _import("budget", files["budget"])
    path = tmp_path / "expenditures.csv"
    path.write_text(
        "일자,세부계정과목,지급처,내용,금액,증빙\n"
        "2017-03-02,운영비,관리사무소,임차료,1000,\n"
        "2017-03-03,영업단,영업 인력,인건비,30000001,\n",
        encoding="utf-8",
    )
    errors = io.StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "import_records",
            "expenditures",
            str(path),
            "--center",
            CENTER,
            "--year",
            "2017",
            stderr=errors,
        )
    assert "3행 [행]: ‘공공 시장 확대 지원 / 영업단’ 과목의 남은 예산은 30,000,000원" in (
        errors.getvalue()
    )
    assert "1원이 부족합니다" in errors.getvalue()
    assert not Expenditure.objects.exists()


def test_an_ambiguous_line_reference_asks_for_the_program(gangdong_year, files, tmp_path):
    _import("budget", files["budget"])
    path = tmp_path / "expenditures.csv"
    path.write_text(
        "일자,세부계정과목,지급처,내용,금액,증빙\n2017-03-02,사업관리비,문구점,용품,1000,\n",
        encoding="utf-8",
    )
    errors = io.StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "import_records",
            "expenditures",
            str(path),
            "--center",
            CENTER,
            "--year",
            "2017",
            stderr=errors,
        )
    assert errors.getvalue().splitlines()[0] == (
        "2행 [세부계정과목]: '사업관리비'에 맞는 예산 과목이 2개입니다. "
        "'사업명/세부계정과목'처럼 앞에 사업명이나 목을 붙여 주세요."
    )


def test_program_staff_import_spending_only_on_their_programs_lines(gangdong_year, files, tmp_path):
    center, _ = gangdong_year
    _import("budget", files["budget"])
    staff = User.objects.create_user(
        username="gangdong_program", password="x", center=center, role=Role.PROGRAM_STAFF
    )
    Program.objects.get(center=center, name="공공 시장 확대 지원").staff.add(staff)
    path = tmp_path / "expenditures.csv"
    path.write_text(
        "일자,세부계정과목,지급처,내용,금액,증빙\n"
        "2017-05-10,영업단,영업 인력,인건비,1000,\n"
        "2017-07-01,강사료,강사,강의,1000,\n",
        encoding="utf-8",
    )
    errors = io.StringIO()
    with pytest.raises(SystemExit):
        call_command(
            "import_records",
            "expenditures",
            str(path),
            "--center",
            CENTER,
            "--year",
            "2017",
            "--user",
            staff.username,
            stderr=errors,
        )
    assert errors.getvalue().splitlines()[0] == (
        "3행 [세부계정과목]: ‘아카데미 운영 / 강사료’ 과목에는 집행을 기록할 권한이 없습니다"
        "(담당 사업 아님)."
    )
    assert not Expenditure.objects.exists()
    path.write_text(
        "일자,세부계정과목,지급처,내용,금액,증빙\n2017-05-10,영업단,영업 인력,인건비,1000,\n",
        encoding="utf-8",
    )
    call_command(
        "import_records",
        "expenditures",
        str(path),
        "--center",
        CENTER,
        "--year",
        "2017",
        "--user",
        staff.username,
        stdout=io.StringIO(),
    )
    assert Expenditure.objects.get().recorded_by == staff


def test_only_the_center_admin_imports_grants_income_and_disallowances(
    client, program_staff, metro_admin
):
    client.force_login(program_staff)
    offered = client.get("/imports/").content.decode()
    assert 'value="expenditures"' in offered
    assert 'value="income"' not in offered
    client.force_login(metro_admin)
    assert 'value="income"' in client.get("/imports/").content.decode()
