"""The accounts screens: the center admin lists, adds, edits and closes a year's accounts; funder
and auditor read them (the auditor's opening logged); everyone else is refused."""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from django.test import Client

from dure.budget import services
from dure.budget.models import BankAccount, Fund, IncomeKind, MoneyRecordAccess
from dure.budget.tests.factories import funded_line
from dure.core.models import Center, User
from dure.core.roles import Role
from dure.core.services import create_user, ensure_fiscal_year

URL = "/budget/2017/SEOUL/accounts"
DAY = datetime.date(2017, 12, 31)


@pytest.fixture
def account(db: None) -> BankAccount:
    funded_line(initial_won=1_000_000, account_title="용역비")
    funded_line(
        initial_won=300_000,
        fund=Fund.FACILITY,
        chapter="시설운영비",
        account_title="유지보수비",
        unit_name="2017 시설운영비",
    )
    return services.create_bank_account(
        center=Center.objects.get(code="SEOUL"),
        fiscal_year=ensure_fiscal_year(year=2017),
        name="위탁사업비 전용계좌",
        bank="우리은행",
        number="1005-302-123456",
        chapter="제안사업비",
    )


@pytest.fixture
def district_admin(db: None) -> User:
    return create_user(
        username="gangdong_admin",
        password="correct-horse-2017",
        center=Center.objects.get(code="SEOUL-GANGDONG"),
        role=Role.CENTER_ADMIN,
        display_name="강동 관리자",
    )


def _form(**fields: Any) -> dict[str, Any]:
    return {
        "name": "시설운영비 전용계좌",
        "bank": "신한은행",
        "number": "140-012-345678",
        "chapter": "facility:시설운영비",
        "opened_on": "2017-01-02",
        "closed_on": "",
        "note": "",
    } | fields


def test_the_center_admin_adds_edits_and_closes_an_account(client: Client, account, metro_admin):
    client.force_login(metro_admin)
    listing = client.get(f"{URL}/").content.decode()
    assert "위탁사업비 전용계좌" in listing and "1005-302-123456" in listing
    assert f"{URL}/new/" in listing
    form = client.get(f"{URL}/new/").content.decode()
    assert "시설운영비 (시설운영비)" in form and "제안사업비 (위탁사업비)" in form
    response = client.post(f"{URL}/new/", _form())
    assert response.status_code == 302
    added = BankAccount.objects.get(name="시설운영비 전용계좌")
    assert (added.fund, added.chapter, added.bank, added.number) == (
        Fund.FACILITY,
        "시설운영비",
        "신한은행",
        "140-012-345678",
    )
    edit = client.post(f"/budget/accounts/{added.pk}/edit/", _form(note="2017년 개설"))
    assert edit.status_code == 302
    close = client.post(f"/budget/accounts/{added.pk}/close/", {"closed_on": "2017-12-31"})
    assert close.status_code == 302
    added.refresh_from_db()
    assert (added.note, added.closed_on) == ("2017년 개설", DAY)


def test_the_form_explains_each_problem_in_korean_and_saves_nothing(
    client: Client, account, metro_admin
):
    client.force_login(metro_admin)
    page = client.post(f"{URL}/new/", _form(number="140-01x")).content.decode()
    assert "계좌번호: 계좌번호는 숫자와 하이픈(-)만 씁니다" in page
    duplicate = client.post(f"{URL}/new/", _form(name="위탁사업비 전용계좌")).content.decode()
    assert "같은 이름의 계좌가 있습니다" in duplicate
    same_number = client.post(f"{URL}/new/", _form(number="1005302123456")).content.decode()
    assert "계좌번호: 이 센터의 이 연도에 같은 계좌번호가 있습니다." in same_number
    order = client.post(
        f"{URL}/new/", _form(opened_on="2017-05-01", closed_on="2017-04-01")
    ).content.decode()
    assert "해지일: 해지일은 개설일보다 빠를 수 없습니다." in order
    assert BankAccount.objects.count() == 1


def test_a_settled_year_offers_no_changes_and_refuses_them(client: Client, account, metro_admin):
    services.settle_year(
        center=account.center, fiscal_year=account.fiscal_year, settled_by=metro_admin
    )
    client.force_login(metro_admin)
    listing = client.get(f"{URL}/").content.decode()
    assert "정산이 마감되어 계좌를 등록하거나 고칠 수 없습니다" in listing
    assert f"{URL}/new/" not in listing
    page = client.post(f"{URL}/new/", _form()).content.decode()
    assert "정산이 마감되어 기록을 바꿀 수 없습니다" in page
    close = client.post(f"/budget/accounts/{account.pk}/close/", {"closed_on": "2017-12-31"})
    assert "정산이 마감되어 기록을 바꿀 수 없습니다" in close.content.decode()
    account.refresh_from_db()
    assert account.closed_on is None
    assert BankAccount.objects.count() == 1


def test_funder_and_auditor_read_the_accounts_but_change_nothing(
    client: Client, account, funder, auditor
):
    for reader in (funder, auditor):
        client.force_login(reader)
        listing = client.get(f"{URL}/")
        assert listing.status_code == 200
        assert "1005-302-123456" in listing.content.decode()
        assert f"{URL}/new/" not in listing.content.decode()
        assert client.get(f"{URL}/new/").status_code == 403
        assert client.post(f"{URL}/new/", _form()).status_code == 403
        assert client.post(f"/budget/accounts/{account.pk}/edit/", _form()).status_code == 403
        close = client.post(f"/budget/accounts/{account.pk}/close/", {"closed_on": "2017-12-31"})
        assert close.status_code == 403
    assert BankAccount.objects.count() == 1


def test_staff_without_approval_and_outsiders_are_refused(
    client: Client, account, program_staff, district_staff, other_district_staff, expert, member
):
    for refused in (program_staff, district_staff, other_district_staff, expert, member):
        client.force_login(refused)
        assert client.get(f"{URL}/new/").status_code == 403, refused.username
        assert client.post(f"{URL}/new/", _form()).status_code == 403, refused.username
        assert client.get(f"/budget/accounts/{account.pk}/edit/").status_code == 403
        assert client.get(f"/budget/accounts/{account.pk}/close/").status_code == 403
    for outsider in (expert, member):
        client.force_login(outsider)
        assert client.get(f"{URL}/").status_code == 403
    client.force_login(district_staff)
    assert client.get(f"{URL}/").status_code == 404, "a district does not see the metro center"
    assert BankAccount.objects.count() == 1


def test_a_district_admin_cannot_reach_the_metropolitan_centers_accounts(
    client: Client, account, district_admin
):
    client.force_login(district_admin)
    assert client.get(f"{URL}/").status_code == 404
    assert client.post(f"{URL}/new/", _form()).status_code == 404
    assert client.post(f"/budget/accounts/{account.pk}/edit/", _form()).status_code == 404
    close = client.post(f"/budget/accounts/{account.pk}/close/", {"closed_on": "2017-12-31"})
    assert close.status_code == 404
    assert BankAccount.objects.count() == 1
    account.refresh_from_db()
    assert account.closed_on is None


def test_the_auditors_opening_of_the_accounts_is_logged(client: Client, account, auditor, funder):
    client.force_login(funder)
    client.get(f"{URL}/")
    assert not MoneyRecordAccess.objects.exists()
    client.force_login(auditor)
    client.get(f"{URL}/")
    entry = MoneyRecordAccess.objects.get()
    assert (entry.user, entry.subject, entry.fiscal_year) == (auditor, "보조금 전용계좌", 2017)
    assert entry.path == f"{URL}/"


def test_the_interest_drill_down_shows_each_rows_account_and_the_total_per_account(
    client: Client, account, metro_admin
):
    services.record_income(
        center=account.center,
        fiscal_year=account.fiscal_year,
        kind=IncomeKind.INTEREST,
        account=account,
        amount_won=1_234,
        received_on=DAY,
    )
    other = services.create_bank_account(
        center=account.center,
        fiscal_year=account.fiscal_year,
        name="시설 계좌",
        chapter="시설운영비",
    )
    services.record_income(
        center=account.center,
        fiscal_year=account.fiscal_year,
        kind=IncomeKind.INTEREST,
        account=other,
        amount_won=77,
        received_on=DAY,
    )
    client.force_login(metro_admin)
    page = client.get("/budget/2017/SEOUL/records/interest/").content.decode()
    assert "계좌별 이자" in page
    assert "계좌 위탁사업비 전용계좌 (우리은행 1005-302-123456)" in page
    assert "1,311원" in page
    one = client.get(f"/budget/2017/SEOUL/records/interest/?bank_account={account.pk}")
    text = one.content.decode()
    assert "1,234원" in text and "시설 계좌" not in text
    listing = client.get(f"{URL}/").content.decode()
    assert f"?bank_account={account.pk}" in listing and "1,234원" in listing


def test_a_district_admin_manages_their_own_centers_accounts(
    client: Client, account, district_admin, metro_admin
):
    funded_line(initial_won=1_000, center=Center.objects.get(code="SEOUL-GANGDONG"))
    client.force_login(district_admin)
    district = "/budget/2017/SEOUL-GANGDONG/accounts"
    response = client.post(
        f"{district}/new/", _form(name="강동 전용계좌", chapter="commissioned:제안사업비")
    )
    assert response.status_code == 302
    added = BankAccount.objects.get(name="강동 전용계좌")
    assert added.center.code == "SEOUL-GANGDONG"
    client.force_login(metro_admin)
    assert "강동 전용계좌" in client.get(f"{district}/").content.decode()
    assert "강동 전용계좌" not in client.get(f"{URL}/").content.decode()


def test_the_list_follows_the_budget_in_a_fixed_number_of_queries(
    client: Client, account, auditor, django_assert_max_num_queries
):
    for name, chapter in (("가 시설 계좌", "시설운영비"), ("나 시설 계좌", "시설운영비")):
        services.create_bank_account(
            center=account.center, fiscal_year=account.fiscal_year, name=name, chapter=chapter
        )
    client.force_login(auditor)
    with django_assert_max_num_queries(15):
        page = client.get(f"{URL}/").content.decode()
    order = [page.index(name) for name in ("위탁사업비 전용계좌", "가 시설 계좌", "나 시설 계좌")]
    assert order == sorted(order)
