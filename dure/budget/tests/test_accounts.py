"""Subsidy accounts (보조금 전용계좌): unique per center and year, mapped to a 관 the interest
agrees with, locked with the settled year, made from the old account names by the migration."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from dure.budget import services
from dure.budget.models import BankAccount, BudgetLine, Fund, Income, IncomeKind
from dure.budget.tests.factories import funded_line, new_line
from dure.core.models import Center, User
from dure.core.services import ensure_fiscal_year

DAY = datetime.date(2017, 12, 31)


@pytest.fixture
def lines(db: None) -> dict[str, BudgetLine]:
    return {
        "proposal": funded_line(initial_won=1_000_000, account_title="용역비"),
        "operating": funded_line(
            initial_won=500_000,
            chapter="운영비",
            section="",
            item="",
            account_title="운영비",
            unit_name="",
            is_operating_cost=True,
        ),
        "facility": funded_line(
            initial_won=300_000,
            fund=Fund.FACILITY,
            chapter="시설운영비",
            account_title="유지보수비",
            unit_name="2017 시설운영비",
        ),
    }


def _account(**fields: Any) -> BankAccount:
    values: dict[str, Any] = {
        "center": Center.objects.get(code="SEOUL"),
        "fiscal_year": ensure_fiscal_year(year=2017),
        "name": "위탁사업비 전용계좌",
        "bank": "우리은행",
        "number": "1005-302-123456",
        "chapter": "제안사업비",
    }
    return services.create_bank_account(**(values | fields))


def _messages(error: pytest.ExceptionInfo[ValidationError]) -> str:
    return " ".join(error.value.messages)


def test_an_account_takes_its_fund_from_its_chapter(lines):
    account = _account(name="시설 계좌", number="", chapter="시설운영비")
    assert (account.fund, account.chapter) == (Fund.FACILITY, "시설운영비")
    assert str(account) == "시설 계좌"


def test_an_account_name_is_unique_in_a_center_and_year(lines):
    _account()
    with pytest.raises(ValidationError) as error:
        _account(number="1005-302-999999")
    assert "같은 이름의 계좌가 있습니다" in _messages(error)


def test_an_account_number_is_unique_however_it_is_hyphenated(lines):
    _account()
    with pytest.raises(ValidationError) as same:
        _account(name="다른 계좌")
    assert "같은 계좌번호가 있습니다" in _messages(same)
    with pytest.raises(ValidationError) as digits:
        _account(name="다른 계좌", number="1005302123456")
    assert "같은 계좌번호가 있습니다" in _messages(digits)
    assert BankAccount.objects.count() == 1


def test_the_same_account_is_recorded_again_in_the_next_year_and_by_another_center(lines):
    _account()
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    new_line(center=gangdong)
    new_line(fiscal_year=ensure_fiscal_year(year=2018))
    _account(center=gangdong)
    _account(fiscal_year=ensure_fiscal_year(year=2018))
    assert BankAccount.objects.count() == 3


def test_an_account_number_is_digits_and_hyphens_only(lines):
    for number in ("1005-302-12345a", "1005--302", "-1005", "1005 302"):
        with pytest.raises(ValidationError) as error:
            _account(number=number)
        assert "숫자와 하이픈(-)만" in _messages(error), number
    assert not BankAccount.objects.exists()


def test_an_account_maps_to_a_chapter_of_the_years_budget(lines):
    with pytest.raises(ValidationError) as error:
        _account(chapter="없는 관")
    assert "2017년 예산에 관 ‘없는 관’이(가) 없습니다." in _messages(error)


def test_the_closing_day_is_not_before_the_opening_day(lines):
    with pytest.raises(ValidationError) as error:
        _account(opened_on=datetime.date(2017, 5, 1), closed_on=datetime.date(2017, 4, 1))
    assert "해지일은 개설일보다 빠를 수 없습니다." in _messages(error)


def test_the_number_is_masked_for_screens_that_show_no_money(lines):
    assert _account().masked_number == "****-***-**3456"


def test_a_settled_year_refuses_new_changed_and_closed_accounts(lines, metro_admin):
    account = _account()
    services.settle_year(
        center=account.center, fiscal_year=account.fiscal_year, settled_by=metro_admin
    )
    with pytest.raises(ValidationError) as new:
        _account(name="새 계좌", number="")
    assert "정산이 마감되어 기록을 바꿀 수 없습니다" in _messages(new)
    with pytest.raises(ValidationError):
        services.update_bank_account(account=account, name="바꾼 이름", chapter="제안사업비")
    with pytest.raises(ValidationError):
        services.close_bank_account(account=account, closed_on=DAY)
    with pytest.raises(ValidationError):
        account.delete()
    account.refresh_from_db()
    assert (account.name, account.closed_on) == ("위탁사업비 전용계좌", None)


def test_interest_takes_its_chapter_and_fund_from_its_account(lines):
    account = _account(name="시설 계좌", number="", chapter="시설운영비")
    income = services.record_income(
        center=account.center,
        fiscal_year=account.fiscal_year,
        kind=IncomeKind.INTEREST,
        account=account,
        amount_won=77,
        received_on=DAY,
    )
    assert (income.fund, income.chapter, income.line) == (Fund.FACILITY, "시설운영비", None)
    assert list(account.incomes.all()) == [income]


def test_interest_on_a_line_of_another_chapter_than_its_account_is_refused(lines):
    account = _account()
    with pytest.raises(ValidationError) as on_line:
        services.record_income(
            center=account.center,
            fiscal_year=account.fiscal_year,
            kind=IncomeKind.INTEREST,
            line=lines["operating"],
            account=account,
            amount_won=10,
            received_on=DAY,
        )
    assert "관 ‘제안사업비’의 계좌라 관 ‘운영비’의 수익과 맞지 않습니다" in _messages(on_line)
    with pytest.raises(ValidationError):
        services.record_income(
            center=account.center,
            fiscal_year=account.fiscal_year,
            kind=IncomeKind.INTEREST,
            fund=Fund.COMMISSIONED,
            chapter="운영비",
            account=account,
            amount_won=10,
            received_on=DAY,
        )
    assert not Income.objects.exists()


def test_an_account_of_another_center_is_refused(lines):
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    new_line(center=gangdong)
    theirs = _account(center=gangdong)
    with pytest.raises(ValidationError) as error:
        services.record_income(
            center=lines["proposal"].center,
            fiscal_year=lines["proposal"].fiscal_year,
            kind=IncomeKind.INTEREST,
            line=lines["proposal"],
            account=theirs,
            amount_won=10,
            received_on=DAY,
        )
    assert "다른 센터나 회계연도의 계좌입니다." in _messages(error)


def test_a_closed_account_earns_nothing_after_its_closing_day(lines):
    account = _account()
    services.record_income(
        center=account.center,
        fiscal_year=account.fiscal_year,
        kind=IncomeKind.INTEREST,
        account=account,
        amount_won=10,
        received_on=datetime.date(2017, 6, 30),
    )
    with pytest.raises(ValidationError) as too_early:
        services.close_bank_account(account=account, closed_on=datetime.date(2017, 6, 1))
    assert "2017.06.30에 이 계좌의 수익이 기록되어 있어" in _messages(too_early)
    services.close_bank_account(account=account, closed_on=datetime.date(2017, 7, 1))
    with pytest.raises(ValidationError) as later:
        services.record_income(
            center=account.center,
            fiscal_year=account.fiscal_year,
            kind=IncomeKind.INTEREST,
            account=account,
            amount_won=10,
            received_on=DAY,
        )
    assert "2017.07.01에 해지했습니다" in _messages(later)


def test_an_accounts_chapter_stays_once_income_is_recorded_on_it(lines):
    account = _account()
    services.record_income(
        center=account.center,
        fiscal_year=account.fiscal_year,
        kind=IncomeKind.INTEREST,
        account=account,
        amount_won=10,
        received_on=DAY,
    )
    with pytest.raises(ValidationError) as error:
        services.update_bank_account(account=account, name=account.name, chapter="운영비")
    assert "관을 바꿀 수 없습니다" in _messages(error)
    services.update_bank_account(
        account=account, name="제안사업비 전용계좌", chapter="제안사업비", bank="국민은행"
    )
    account.refresh_from_db()
    assert (account.name, account.bank, account.number) == ("제안사업비 전용계좌", "국민은행", "")


def test_every_change_of_an_account_is_in_the_audit_log(lines):
    account = _account()
    services.close_bank_account(account=account, closed_on=DAY)
    assert LogEntry.objects.get_for_object(account).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_migration_makes_an_account_per_name_and_chapter_and_goes_back():
    executor = MigrationExecutor(connection)
    before = [("budget", "0002_bank_account")]
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate(before)
        old = executor.loader.project_state(before).apps
        center = old.get_model("core", "Center").objects.get(code="SEOUL")
        year, _ = old.get_model("core", "FiscalYear").objects.get_or_create(
            year=2017, defaults={"starts_on": datetime.date(2017, 1, 1), "ends_on": DAY}
        )
        OldIncome = old.get_model("budget", "Income")
        common = {"center": center, "fiscal_year": year, "received_on": DAY, "kind": "interest"}
        rows = [
            OldIncome.objects.create(
                **common, fund="commissioned", chapter="제안사업비", account_name="A", amount_won=1
            ),
            OldIncome.objects.create(
                **common, fund="commissioned", chapter="제안사업비", account_name="A", amount_won=2
            ),
            OldIncome.objects.create(
                **common, fund="commissioned", chapter="운영비", account_name="A", amount_won=3
            ),
            OldIncome.objects.create(
                **common, fund="commissioned", chapter="운영비", account_name="", amount_won=4
            ),
        ]
        executor = MigrationExecutor(connection)
        executor.migrate(latest)
        new = executor.loader.project_state(latest).apps
        NewIncome = new.get_model("budget", "Income")
        accounts = {
            (account.name, account.chapter)
            for account in new.get_model("budget", "BankAccount").objects.all()
        }
        assert accounts == {("A", "제안사업비"), ("A (운영비)", "운영비")}
        linked = [NewIncome.objects.get(pk=row.pk).account for row in rows]
        assert linked[0] == linked[1] != linked[2]
        assert linked[3] is None
        executor = MigrationExecutor(connection)
        executor.migrate(before)
        back = executor.loader.project_state(before).apps.get_model("budget", "Income")
        assert [back.objects.get(pk=row.pk).account_name for row in rows] == [
            "A",
            "A",
            "A (운영비)",
            "",
        ]
        back.objects.all().delete()
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(executor.loader.graph.leaf_nodes())


def test_the_admin_lists_accounts_read_only_with_the_number_masked(client, lines):
    account = _account()
    root = User.objects.create_superuser("root", "root@example.com", "correct-horse-2017")
    client.force_login(root)
    listing = client.get("/admin/budget/bankaccount/").content.decode()
    assert "****-***-**3456" in listing and "1005-302-123456" not in listing
    assert client.get("/admin/budget/bankaccount/add/").status_code == 403
    detail = client.get(f"/admin/budget/bankaccount/{account.pk}/change/").content.decode()
    assert "1005-302-123456" not in detail
