"""The 2017 demo's subsidy accounts: the ones its printed interest implies, each interest record
linked to its account, the figures unchanged."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.db.models import Sum

from dure.budget.models import BankAccount, Fund, Income, IncomeKind
from dure.budget.statements import build_settlement
from dure.core.models import Center
from dure.core.services import ensure_fiscal_year
from dure.demo import budget_2017 as demo

SEED = Path(demo.__file__).resolve().parent / "seed2017"


@pytest.fixture
def loaded(db: None) -> None:
    center = Center.objects.get(code="SEOUL")
    fiscal_year = ensure_fiscal_year(year=2017)
    demo.load_settlement(seed_dir=SEED, center=center, fiscal_year=fiscal_year, progress=str)


def test_the_interest_implies_one_account_per_chapter_and_per_facility_source(loaded):
    interest = {
        (account.name, account.chapter, account.fund): account.incomes.aggregate(
            total=Sum("amount_won")
        )["total"]
        for account in BankAccount.objects.all()
    }
    assert interest == {
        ("운영비 전용계좌", "운영비", Fund.COMMISSIONED): 140_496,
        ("제안사업비 전용계좌", "제안사업비", Fund.COMMISSIONED): 577_351,
        ("시 요청 사업비 전용계좌", "시 요청 사업비", Fund.COMMISSIONED): 5_392,
        ("2017 시설운영비 전용계좌", "시설운영비", Fund.FACILITY): 1_672,
        ("2016 시설운영비 전용계좌", "시설운영비", Fund.FACILITY): 677,
        ("2017 마포작업장 전용계좌", "시설운영비", Fund.FACILITY): 105,
    }


def test_every_interest_record_has_its_account_and_other_income_none(loaded):
    assert not Income.objects.filter(kind=IncomeKind.INTEREST, account__isnull=True).exists()
    assert not Income.objects.filter(kind=IncomeKind.OTHER, account__isnull=False).exists()
    linked = Income.objects.filter(line__isnull=False, account__isnull=False)
    for line_chapter, account_chapter in linked.values_list("line__chapter", "account__chapter"):
        assert line_chapter == account_chapter


def test_the_settlement_figures_do_not_move(loaded):
    settlement = build_settlement(
        center=Center.objects.get(code="SEOUL"), fiscal_year=ensure_fiscal_year(year=2017)
    )
    commissioned = settlement.fund_figures(Fund.COMMISSIONED)
    assert (commissioned.interest_won, commissioned.other_income_won) == (723_239, 358_903)
    assert commissioned.refund_won == 84_565_998
    assert settlement.total.interest_won == 725_693
