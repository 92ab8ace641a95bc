"""The income import names interest's account by name or number (column 계좌) or by its 관;
an unknown or ambiguous account is a row error and nothing is saved."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from dure.budget import services
from dure.budget.models import BankAccount, BudgetLine, Fund, Income
from dure.budget.tests.factories import funded_line
from dure.core.models import Center, FiscalYear
from dure.core.services import ensure_fiscal_year

HEADER = "일자,구분,과목 또는 계좌,계좌,금액,사유\n"


@pytest.fixture
def accounts(db: None) -> dict[str, BankAccount]:
    center, year = Center.objects.get(code="SEOUL"), ensure_fiscal_year(year=2017)
    funded_line(initial_won=1_000_000, account_title="용역비")
    funded_line(
        initial_won=500_000,
        chapter="운영비",
        section="",
        item="",
        account_title="운영비",
        unit_name="",
        is_operating_cost=True,
    )
    for source in ("2017 시설운영비", "2017 마포작업장"):
        funded_line(
            initial_won=300_000,
            fund=Fund.FACILITY,
            chapter="시설운영비",
            account_title="유지보수비",
            unit_name=source,
        )

    def account(name: str, number: str, chapter: str) -> BankAccount:
        return services.create_bank_account(
            center=center,
            fiscal_year=year,
            name=name,
            bank="우리은행",
            number=number,
            chapter=chapter,
        )

    return {
        "proposal": account("제안사업비 전용계좌", "1005-302-111111", "제안사업비"),
        "facility": account("시설운영비 전용계좌", "1005-302-222222", "시설운영비"),
        "mapo": account("마포작업장 계좌", "1005-302-333333", "시설운영비"),
    }


def _run(tmp_path: Path, body: str) -> tuple[int, list[str]]:
    path = tmp_path / "income.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    out, errors = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_records",
            "income",
            str(path),
            "--center",
            "SEOUL",
            "--year",
            "2017",
            stdout=out,
            stderr=errors,
        )
    except SystemExit as exit_:
        return int(exit_.code or 0), errors.getvalue().splitlines()
    return 0, errors.getvalue().splitlines()


def test_interest_names_its_account_by_name_and_takes_the_accounts_chapter(accounts, tmp_path):
    code, _ = _run(tmp_path, "2017-12-31,이자,,제안사업비 전용계좌,1234,\n")
    income = Income.objects.get()
    assert code == 0
    assert (income.account, income.chapter, income.fund, income.line) == (
        accounts["proposal"],
        "제안사업비",
        Fund.COMMISSIONED,
        None,
    )


def test_interest_names_its_account_by_number_with_or_without_hyphens(accounts, tmp_path):
    code, _ = _run(
        tmp_path,
        "2017-12-31,이자,2017 마포작업장/유지보수비,1005-302-333333,105,\n"
        "2017-12-30,이자,,1005302222222,677,\n",
    )
    assert code == 0
    mapo, facility = Income.objects.order_by("-received_on")
    assert (mapo.account, mapo.line) == (
        accounts["mapo"],
        BudgetLine.objects.get(unit_name="2017 마포작업장"),
    )
    assert (facility.account, facility.chapter, facility.line) == (
        accounts["facility"],
        "시설운영비",
        None,
    )


def test_interest_on_a_chapter_goes_to_the_chapters_one_account(accounts, tmp_path):
    code, _ = _run(
        tmp_path,
        "2017-12-31,이자,제안사업비,,12345,\n"
        "2017-12-31,이자,운영비,,678,\n"
        "2017-12-31,기타수익,제안사업비,,50,\n",
    )
    assert code == 0
    proposal, operating, other = Income.objects.order_by("pk")
    assert proposal.account == accounts["proposal"]
    assert operating.account is None, "a 관 without an account records the interest on the 관"
    assert other.account is None, "other income is not earned on an account"


def test_an_unknown_account_is_a_row_error_and_nothing_is_saved(accounts, tmp_path):
    code, errors = _run(
        tmp_path,
        "2017-12-31,이자,제안사업비,,10,\n2017-12-31,이자,,없는 계좌,10,\n",
    )
    assert code == 1
    assert errors[0] == (
        "3행 [계좌]: 계좌 ‘없는 계좌’이(가) 없습니다. "
        "등록한 계좌의 이름이나 계좌번호로 적어 주세요."
    )
    assert not Income.objects.exists()


def test_a_chapter_with_several_accounts_asks_for_the_account(accounts, tmp_path):
    code, errors = _run(tmp_path, "2017-12-31,이자,2017 시설운영비/유지보수비,,1672,\n")
    assert code == 1
    assert errors[0] == (
        "2행 [계좌]: 관 ‘시설운영비’에는 계좌가 2개(마포작업장 계좌, 시설운영비 전용계좌)라 "
        "어느 계좌인지 알 수 없습니다. 계좌 열에 계좌명이나 계좌번호를 적어 주세요."
    )
    assert not Income.objects.exists()


def test_a_reference_matching_two_accounts_is_ambiguous(accounts, tmp_path):
    proposal = accounts["proposal"]
    services.create_bank_account(
        center=proposal.center,
        fiscal_year=proposal.fiscal_year,
        name="1005-302-111111",
        chapter="운영비",
    )
    code, errors = _run(tmp_path, "2017-12-31,이자,,1005-302-111111,10,\n")
    assert code == 1
    assert errors[0].startswith("2행 [계좌]: ‘1005-302-111111’에 맞는 계좌가 2개입니다")
    assert not Income.objects.exists()


def test_an_account_of_another_chapter_than_the_line_is_a_row_error(accounts, tmp_path):
    code, errors = _run(tmp_path, "2017-12-31,이자,운영비,제안사업비 전용계좌,10,\n")
    assert code == 1
    assert errors[0] == (
        "2행 [계좌]: 계좌 ‘제안사업비 전용계좌’은(는) 관 ‘제안사업비’의 계좌라 "
        "관 ‘운영비’과(와) 맞지 않습니다."
    )
    assert not Income.objects.exists()


def test_grants_and_disallowances_name_no_account(accounts, tmp_path):
    code, errors = _run(tmp_path, "2017-01-02,교부,용역비,제안사업비 전용계좌,10,\n")
    assert code == 1
    assert errors[0] == "2행 [계좌]: 계좌는 이자와 기타수익에만 적습니다."


def test_a_row_needs_a_line_a_chapter_or_an_account(accounts, tmp_path):
    code, errors = _run(tmp_path, "2017-12-31,이자,,,10,\n")
    assert code == 1
    assert errors[0] == "2행 [과목 또는 계좌]: 값이 비어 있습니다."


def test_running_the_file_again_saves_nothing_new(accounts, tmp_path):
    body = "2017-12-31,이자,,제안사업비 전용계좌,1234,\n"
    _run(tmp_path, body)
    _run(tmp_path, body)
    assert Income.objects.count() == 1


def test_a_file_without_the_account_column_still_imports(accounts, tmp_path):
    path = tmp_path / "old.csv"
    path.write_text("일자,구분,과목 또는 계좌,금액,사유\n2017-12-31,이자,제안사업비,9,\n", "utf-8")
    call_command(
        "import_records",
        "income",
        str(path),
        "--center",
        "SEOUL",
        "--year",
        "2017",
        stdout=io.StringIO(),
    )
    assert Income.objects.get().account == accounts["proposal"]


def test_district_accounts_are_not_found_from_the_metropolitan_file(accounts, tmp_path):
    gangdong: Center = Center.objects.get(code="SEOUL-GANGDONG")
    year: FiscalYear = ensure_fiscal_year(year=2017)
    funded_line(initial_won=1, center=gangdong)
    services.create_bank_account(
        center=gangdong, fiscal_year=year, name="강동 전용계좌", chapter="제안사업비"
    )
    code, errors = _run(tmp_path, "2017-12-31,이자,,강동 전용계좌,10,\n")
    assert code == 1
    assert "계좌 ‘강동 전용계좌’이(가) 없습니다" in errors[0]
