"""Money records: final budget identity, overspending refused, corrections, the period lock."""

from __future__ import annotations

import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, close_old_connections, connection, transaction

from dure.budget import services
from dure.budget.models import (
    AdjustmentKind,
    BudgetLine,
    Expenditure,
    ExpenditureStatus,
    Transfer,
    TransferStatus,
)
from dure.budget.tests.factories import funded_line, new_line, program_in
from dure.core.districts import create_seoul_centers
from dure.core.models import Center
from dure.core.services import ensure_fiscal_year

DAY = datetime.date(2017, 6, 1)


def spend(line: BudgetLine, amount_won: int, **fields: object) -> Expenditure:
    return services.record_expenditure(
        line=line,
        spent_on=DAY,
        payee=str(fields.pop("payee", "행복협동조합")),
        description="홍보물 제작",
        amount_won=amount_won,
        **fields,  # type: ignore[arg-type]
    )


@pytest.mark.django_db
def test_final_budget_is_initial_plus_transfers_in_minus_out(metro_admin):
    sender = funded_line(initial_won=1_000_000)
    receiver = funded_line(initial_won=500_000)
    transfer = services.request_transfer(
        from_line=sender,
        to_line=receiver,
        amount_won=300_000,
        transferred_on=DAY,
        reason="박람회 추가 개최",
    )
    assert services.final_budget_won(receiver) == 500_000, "a requested transfer does not count"
    services.approve_transfer(transfer=transfer, approved_by=metro_admin)
    assert services.final_budget_won(sender) == 700_000
    assert services.final_budget_won(receiver) == 800_000
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.APPROVED
    assert transfer.approved_by == metro_admin


@pytest.mark.django_db
def test_approval_is_refused_when_the_sending_line_has_spent_the_money_since(metro_admin):
    sender = funded_line(initial_won=100_000, account_title="교육운영")
    receiver = funded_line(initial_won=100_000)
    transfer = services.request_transfer(
        from_line=sender,
        to_line=receiver,
        amount_won=60_000,
        transferred_on=DAY,
        reason="강사비 부족",
    )
    spend(sender, 70_000)
    with pytest.raises(ValidationError) as refused:
        services.approve_transfer(transfer=transfer, approved_by=metro_admin)
    message = " ".join(refused.value.messages)
    assert "교육운영" in message
    assert "남은 예산은 30,000원" in message
    transfer.refresh_from_db()
    assert transfer.status == TransferStatus.REQUESTED
    assert services.final_budget_won(receiver) == 100_000


@pytest.mark.django_db
def test_overspending_is_refused_naming_the_line_and_the_shortfall():
    line = funded_line(initial_won=100_000, account_title="홍보캠페인")
    spend(line, 70_000)
    with pytest.raises(ValidationError) as refused:
        spend(line, 50_000, payee="두 번째 지급처")
    message = " ".join(refused.value.messages)
    assert "홍보캠페인" in message
    assert "남은 예산은 30,000원" in message
    assert "20,000원이 부족합니다" in message
    assert not Expenditure.objects.filter(payee="두 번째 지급처").exists()


@pytest.mark.django_db
def test_a_transfer_recorded_first_lets_the_spending_through(metro_admin):
    line = funded_line(initial_won=100_000)
    other = funded_line(initial_won=100_000)
    services.record_transfer(
        from_line=other,
        to_line=line,
        amount_won=40_000,
        transferred_on=DAY,
        reason="부족분 보전",
        approved_by=metro_admin,
    )
    spend(line, 140_000)
    assert services.remaining_budget_won(line) == 0


@pytest.mark.django_db
def test_a_transfer_cannot_move_money_already_spent(metro_admin):
    sender = funded_line(initial_won=100_000, account_title="기획연구")
    receiver = funded_line(initial_won=0)
    spend(sender, 90_000)
    with pytest.raises(ValidationError, match=r"기획연구.*10,000원이 부족합니다"):
        services.record_transfer(
            from_line=sender,
            to_line=receiver,
            amount_won=20_000,
            transferred_on=DAY,
            reason="재배정",
            approved_by=metro_admin,
        )
    assert not Transfer.objects.exists()


@pytest.mark.django_db
def test_a_correction_is_a_new_record_and_the_original_is_cancelled(program_staff):
    line = funded_line(initial_won=100_000)
    original = spend(line, 60_000)
    corrected = services.correct_expenditure(
        original=original,
        spent_on=DAY,
        payee="행복협동조합",
        description="홍보물 제작 (수량 정정)",
        amount_won=80_000,
        reason="견적 재확인",
        recorded_by=program_staff,
    )
    original.refresh_from_db()
    assert original.status == ExpenditureStatus.CANCELLED
    assert original.cancel_reason == "정정: 견적 재확인"
    assert corrected.corrects == original
    assert services.executed_won(line) == 80_000


@pytest.mark.django_db
def test_an_approved_expenditure_is_never_edited_only_cancelled_and_corrected(metro_admin):
    line = funded_line(initial_won=100_000)
    original = services.approve_expenditure(
        expenditure=spend(line, 60_000), approved_by=metro_admin
    )
    original.amount_won = 50_000
    with pytest.raises(ValidationError) as refused:
        original.save()
    assert "승인된 집행은 고칠 수 없습니다" in " ".join(refused.value.messages)
    original.refresh_from_db()
    assert original.amount_won == 60_000
    corrected = services.correct_expenditure(
        original=original,
        spent_on=DAY,
        payee=original.payee,
        description=original.description,
        amount_won=50_000,
        reason="금액 정정",
        recorded_by=metro_admin,
    )
    original.refresh_from_db()
    assert (original.status, original.amount_won) == (ExpenditureStatus.CANCELLED, 60_000)
    assert services.executed_won(line) == corrected.amount_won == 50_000


@pytest.mark.django_db
def test_database_constraints_hold_without_the_services():
    line = new_line()
    with pytest.raises(IntegrityError), transaction.atomic():
        Transfer.objects.create(
            center=line.center,
            fiscal_year=line.fiscal_year,
            from_line=line,
            to_line=line,
            amount_won=1,
            transferred_on=DAY,
            reason="같은 과목",
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        Expenditure.objects.create(
            center=line.center,
            fiscal_year=line.fiscal_year,
            line=line,
            spent_on=DAY,
            payee="x",
            description="x",
            amount_won=-5,
        )


@pytest.mark.django_db
def test_dates_outside_the_fiscal_year_are_refused():
    line = funded_line(initial_won=10_000)
    with pytest.raises(ValidationError, match="2017 회계연도 밖"):
        services.record_expenditure(
            line=line,
            spent_on=datetime.date(2018, 1, 2),
            payee="x",
            description="x",
            amount_won=1_000,
        )


@pytest.mark.django_db
def test_a_settled_year_cannot_change_and_is_corrected_in_the_next(metro_admin):
    line = funded_line(initial_won=100_000)
    paid = spend(line, 50_000)
    services.settle_year(center=line.center, fiscal_year=line.fiscal_year, settled_by=metro_admin)
    with pytest.raises(ValidationError, match="정산이 마감"):
        spend(line, 1_000)
    with pytest.raises(ValidationError, match="정산이 마감"):
        services.cancel_expenditure(expenditure=paid, reason="중복")
    with pytest.raises(ValidationError, match="정산이 마감"):
        paid.delete()
    paid.refresh_from_db()
    assert paid.status == ExpenditureStatus.RECORDED
    adjustment = services.record_adjustment(
        center=line.center,
        fiscal_year=ensure_fiscal_year(year=2018),
        adjusted_year=line.fiscal_year,
        kind=AdjustmentKind.DISALLOWED,
        line=line,
        amount_won=5_000,
        adjusted_on=datetime.date(2018, 2, 1),
        reason="감사 지적: 증빙 누락",
        recorded_by=metro_admin,
    )
    assert adjustment.line == line


@pytest.mark.django_db
def test_an_open_year_is_not_corrected_by_adjustment(metro_admin):
    line = funded_line(initial_won=100_000)
    with pytest.raises(ValidationError, match="마감되지 않은 연도"):
        services.record_adjustment(
            center=line.center,
            fiscal_year=ensure_fiscal_year(year=2018),
            adjusted_year=line.fiscal_year,
            kind=AdjustmentKind.INTEREST,
            amount_won=100,
            adjusted_on=datetime.date(2018, 2, 1),
            reason="이자 누락",
        )


@pytest.mark.django_db
def test_program_staff_spend_only_on_their_programs_lines(program_staff, district_staff):
    center = Center.objects.get(code="SEOUL")
    program = program_in(center, ensure_fiscal_year(year=2017))
    theirs = new_line(program=program)
    others = new_line()
    assert list(BudgetLine.objects.spendable_by(program_staff)) == []
    program.staff.add(program_staff)
    assert list(BudgetLine.objects.spendable_by(program_staff)) == [theirs]
    assert others not in BudgetLine.objects.spendable_by(district_staff)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_people_spending_at_once_cannot_overspend_a_line():
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite serialises every write transaction (BEGIN IMMEDIATE), so there is no "
            "concurrent writer to race; the row lock is proven on PostgreSQL"
        )
    create_seoul_centers(Center)
    line = funded_line(initial_won=100_000)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def attempt(payee: str) -> None:
        close_old_connections()
        try:
            barrier.wait()
            spend(BudgetLine.objects.get(pk=line.pk), 60_000, payee=payee)
            outcomes.append("saved")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=attempt, args=(f"지급처 {n}",)) for n in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["refused", "saved"]
    assert services.executed_won(line) == 60_000
