"""Every change of budget and money records: lines, transfers, grants, spending, income, locks."""

from __future__ import annotations

import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Model, Sum
from django.utils import timezone

from dure.budget.models import (
    AdjustmentKind,
    BankAccount,
    BudgetLine,
    Disallowance,
    Expenditure,
    ExpenditureStatus,
    Fund,
    Grant,
    Income,
    IncomeKind,
    InitialBudget,
    LineRecord,
    MoneyRecordAccess,
    SettledYear,
    SettlementAdjustment,
    Transfer,
    TransferStatus,
)
from dure.core.models import Center, FiscalYear, User
from dure.core.roles import Role
from dure.core.services import ensure_fiscal_year
from dure.programs.models import Program

RecordT = TypeVar("RecordT", bound=Model)
LineRecordT = TypeVar("LineRecordT", bound=LineRecord)


def final_budget_won(line: BudgetLine) -> int:
    """최종예산액 = initial + approved transfers in − approved transfers out."""
    initial = InitialBudget.objects.filter(line=line).aggregate(total=Sum("amount_won"))["total"]
    received = Transfer.objects.filter(to_line=line, status=TransferStatus.APPROVED).aggregate(
        total=Sum("amount_won")
    )["total"]
    sent = Transfer.objects.filter(from_line=line, status=TransferStatus.APPROVED).aggregate(
        total=Sum("amount_won")
    )["total"]
    return (initial or 0) + (received or 0) - (sent or 0)


def executed_won(line: BudgetLine) -> int:
    """집행액: every expenditure of the line that is not cancelled."""
    total = Expenditure.objects.filter(line=line).counted().aggregate(total=Sum("amount_won"))
    return total["total"] or 0


def remaining_budget_won(line: BudgetLine) -> int:
    """What can still be spent: final budget − executed."""
    return final_budget_won(line) - executed_won(line)


def _locked(line: BudgetLine) -> BudgetLine:
    return BudgetLine.objects.select_for_update().get(pk=line.pk)


def _refuse_overspending(line: BudgetLine, amount_won: int, *, action: str) -> None:
    remaining = remaining_budget_won(line)
    if amount_won > remaining:
        raise ValidationError(
            f"‘{line}’ 과목의 남은 예산은 {remaining:,}원이라 {amount_won:,}원을 {action}할 수 "
            f"없습니다. {amount_won - remaining:,}원이 부족합니다. 먼저 전용을 기록하세요."
        )


def _second_person(
    *, center: Center, recorder: User | None, approver: User | None, refusal: str
) -> bool:
    """Public accounting needs two people: whoever recorded or requested a money record does not
    approve it, unless the center's admin has allowed a one-person center to (then the approval
    is marked 단독 승인). True when the approval is such a self-approval."""
    if recorder is None or approver is None or recorder.pk != approver.pk:
        return False
    if center.single_approver_allowed:
        return True
    raise ValidationError(
        f"{refusal} 다른 담당자가 승인해야 합니다(직원이 한 명뿐인 센터는 센터 설정에서 "
        "단독 승인을 허용할 수 있습니다)."
    )


def _saved(row: RecordT) -> RecordT:
    """Validate and save a record (the audit log keeps it through the model's registration)."""
    row.full_clean()
    row.save()
    return row


def _saved_within_budget(
    row: RecordT, *, locked_line: BudgetLine, amount_won: int, action: str
) -> RecordT:
    """Validate a record that takes money from a line and save it only if the line's remaining
    budget covers it; the line must be locked (`_locked`) so that writers of it are serialised."""
    row.full_clean()
    _refuse_overspending(locked_line, amount_won, action=action)
    row.save()
    return row


def _saved_on_line(model: type[LineRecordT], *, line: BudgetLine, **fields: Any) -> LineRecordT:
    """A new money record on the line, in the line's center and fiscal year, validated and saved."""
    return _saved(model(center=line.center, fiscal_year=line.fiscal_year, line=line, **fields))


@transaction.atomic
def create_budget_line(
    *,
    center: Center,
    fiscal_year: FiscalYear,
    fund: Fund | str,
    chapter: str,
    account_title: str,
    section: str = "",
    item: str = "",
    unit_name: str = "",
    program: Program | None = None,
    is_operating_cost: bool = False,
    order: int = 0,
    import_key: str = "",
) -> BudgetLine:
    """A budget line of a center's year; the program's name is its settlement unit by default."""
    line = BudgetLine(
        center=center,
        fiscal_year=fiscal_year,
        fund=fund,
        chapter=chapter,
        section=section,
        item=item,
        account_title=account_title,
        unit_name=unit_name or (program.name if program is not None else ""),
        program=program,
        is_operating_cost=is_operating_cost,
        order=order,
        import_key=import_key,
    )
    return _saved(line)


@transaction.atomic
def set_initial_budget(
    *,
    line: BudgetLine,
    amount_won: int,
    adopted_on: datetime.date,
    note: str = "",
    import_key: str = "",
) -> InitialBudget:
    """Record a line's initial budget (초기예산액); one per line."""
    return _saved_on_line(
        InitialBudget,
        line=line,
        amount_won=amount_won,
        adopted_on=adopted_on,
        note=note,
        import_key=import_key,
    )


@transaction.atomic
def request_transfer(
    *,
    from_line: BudgetLine,
    to_line: BudgetLine,
    amount_won: int,
    transferred_on: datetime.date,
    reason: str,
    requested_by: User | None = None,
    import_key: str = "",
) -> Transfer:
    """Ask to move money between two lines; it counts once the center admin approves it."""
    locked = _locked(from_line)
    transfer = Transfer(
        center=from_line.center,
        fiscal_year=from_line.fiscal_year,
        from_line=from_line,
        to_line=to_line,
        amount_won=amount_won,
        transferred_on=transferred_on,
        reason=reason,
        requested_by=requested_by,
        import_key=import_key,
    )
    return _saved_within_budget(transfer, locked_line=locked, amount_won=amount_won, action="전용")


@transaction.atomic
def approve_transfer(*, transfer: Transfer, approved_by: User | None) -> Transfer:
    """Approve a requested transfer; refused when the sending line no longer has the money."""
    transfer = Transfer.objects.select_for_update().get(pk=transfer.pk)
    if transfer.status != TransferStatus.REQUESTED:
        raise ValidationError("승인 대기 중인 전용만 승인할 수 있습니다.")
    transfer.self_approved = _second_person(
        center=transfer.center,
        recorder=transfer.requested_by,
        approver=approved_by,
        refusal="직접 요청한 전용은 승인할 수 없습니다.",
    )
    lines = sorted([transfer.from_line, transfer.to_line], key=lambda line: line.pk)
    locked = {line.pk: _locked(line) for line in lines}
    transfer.status = TransferStatus.APPROVED
    transfer.approved_by = approved_by
    transfer.approved_at = timezone.now()
    return _saved_within_budget(
        transfer,
        locked_line=locked[transfer.from_line_id],
        amount_won=transfer.amount_won,
        action="전용",
    )


@transaction.atomic
def reject_transfer(*, transfer: Transfer, rejected_by: User) -> Transfer:
    """Turn down a requested transfer; it never counts."""
    if transfer.status != TransferStatus.REQUESTED:
        raise ValidationError("승인 대기 중인 전용만 반려할 수 있습니다.")
    transfer.status = TransferStatus.REJECTED
    transfer.approved_by = rejected_by
    return _saved(transfer)


@transaction.atomic
def record_transfer(
    *,
    from_line: BudgetLine,
    to_line: BudgetLine,
    amount_won: int,
    transferred_on: datetime.date,
    reason: str,
    approved_by: User | None = None,
    import_key: str = "",
) -> Transfer:
    """A transfer approved outside Dure (imports, the demo): requested outside (no requester in
    Dure) and recorded as approved by the person who enters it."""
    transfer = request_transfer(
        from_line=from_line,
        to_line=to_line,
        amount_won=amount_won,
        transferred_on=transferred_on,
        reason=reason,
        requested_by=None,
        import_key=import_key,
    )
    return approve_transfer(transfer=transfer, approved_by=approved_by)


@transaction.atomic
def record_grant(
    *,
    line: BudgetLine,
    amount_won: int,
    granted_on: datetime.date,
    note: str = "",
    import_key: str = "",
) -> Grant:
    """Record subsidy received (교부액) for a line."""
    return _saved_on_line(
        Grant,
        line=line,
        amount_won=amount_won,
        granted_on=granted_on,
        note=note,
        import_key=import_key,
    )


@transaction.atomic
def record_expenditure(
    *,
    line: BudgetLine,
    spent_on: datetime.date,
    payee: str,
    description: str,
    amount_won: int,
    evidence: UploadedFile | None = None,
    evidence_reference: str = "",
    recorded_by: User | None = None,
    corrects: Expenditure | None = None,
    import_key: str = "",
) -> Expenditure:
    """Record a payment; refused, naming the line and the shortfall, beyond the remaining budget.

    The line row is locked first, so two people spending from one line at once are serialised."""
    locked = _locked(line)
    expenditure = Expenditure(
        center=line.center,
        fiscal_year=line.fiscal_year,
        line=locked,
        spent_on=spent_on,
        payee=payee,
        description=description,
        amount_won=amount_won,
        evidence_reference=evidence_reference,
        recorded_by=recorded_by,
        corrects=corrects,
        import_key=import_key,
    )
    if evidence is not None:
        expenditure.evidence = evidence
    return _saved_within_budget(
        expenditure, locked_line=locked, amount_won=amount_won, action="집행"
    )


@transaction.atomic
def approve_expenditure(*, expenditure: Expenditure, approved_by: User) -> Expenditure:
    """Approve a recorded payment; from then on it is corrected only by a new record."""
    expenditure = Expenditure.objects.select_for_update().get(pk=expenditure.pk)
    if expenditure.status != ExpenditureStatus.RECORDED:
        raise ValidationError("기록 상태인 집행만 승인할 수 있습니다.")
    expenditure.self_approved = _second_person(
        center=expenditure.center,
        recorder=expenditure.recorded_by,
        approver=approved_by,
        refusal="직접 기록한 집행은 승인할 수 없습니다.",
    )
    expenditure.status = ExpenditureStatus.APPROVED
    expenditure.approved_by = approved_by
    expenditure.approved_at = timezone.now()
    return _saved(expenditure)


@transaction.atomic
def cancel_expenditure(*, expenditure: Expenditure, reason: str) -> Expenditure:
    """Cancel a payment record (kept, marked cancelled, no longer counted)."""
    if expenditure.status == ExpenditureStatus.CANCELLED:
        raise ValidationError("이미 취소된 집행입니다.")
    _locked(expenditure.line)
    expenditure.status = ExpenditureStatus.CANCELLED
    expenditure.cancel_reason = reason
    return _saved(expenditure)


@transaction.atomic
def correct_expenditure(
    *,
    original: Expenditure,
    spent_on: datetime.date,
    payee: str,
    description: str,
    amount_won: int,
    reason: str,
    recorded_by: User | None,
    evidence: UploadedFile | None = None,
    evidence_reference: str = "",
) -> Expenditure:
    """Replace a payment by a new record pointing at it; the original is cancelled, not edited.
    The line is locked before the original is released, and the new amount is checked against
    what the line holds without the original, under the same lock, exactly like a new record."""
    _locked(original.line)
    original = Expenditure.objects.select_for_update().get(pk=original.pk)
    if original.status == ExpenditureStatus.CANCELLED:
        raise ValidationError("취소된 집행은 정정할 수 없습니다.")
    cancel_expenditure(expenditure=original, reason=f"정정: {reason}")
    corrected = record_expenditure(
        line=original.line,
        spent_on=spent_on,
        payee=payee,
        description=description,
        amount_won=amount_won,
        evidence=evidence,
        evidence_reference=evidence_reference or original.evidence_reference,
        recorded_by=recorded_by,
        corrects=original,
    )
    if evidence is None and original.evidence:
        corrected.evidence.name = original.evidence.name
        corrected.save(update_fields=["evidence"])
    return corrected


def chapter_fund(*, center: Center, fiscal_year: FiscalYear, chapter: str) -> str:
    """The fund of a 관 of the year's budget; refused when the 관 is missing or in both funds."""
    funds = set(
        BudgetLine.objects.filter(
            center=center, fiscal_year=fiscal_year, chapter=chapter
        ).values_list("fund", flat=True)
    )
    if not funds:
        raise ValidationError(
            {"chapter": f"{fiscal_year.year}년 예산에 관 ‘{chapter}’이(가) 없습니다."}
        )
    if len(funds) > 1:
        raise ValidationError(
            {"fund": f"관 ‘{chapter}’은(는) 두 재원에 있어 재원을 골라야 합니다."}
        )
    return funds.pop()


@transaction.atomic
def create_bank_account(
    *,
    center: Center,
    fiscal_year: FiscalYear,
    name: str,
    chapter: str,
    fund: Fund | str | None = None,
    bank: str = "",
    number: str = "",
    opened_on: datetime.date | None = None,
    closed_on: datetime.date | None = None,
    note: str = "",
) -> BankAccount:
    """Register a subsidy account (보조금 전용계좌) of a center's year, mapped to one 관."""
    chapter = chapter.strip()
    if fund is None and chapter:
        fund = chapter_fund(center=center, fiscal_year=fiscal_year, chapter=chapter)
    account = BankAccount(
        center=center,
        fiscal_year=fiscal_year,
        name=name.strip(),
        bank=bank.strip(),
        number=number.strip(),
        fund=fund or "",
        chapter=chapter,
        opened_on=opened_on,
        closed_on=closed_on,
        note=note,
    )
    return _saved(account)


@transaction.atomic
def update_bank_account(
    *,
    account: BankAccount,
    name: str,
    chapter: str,
    fund: Fund | str | None = None,
    bank: str = "",
    number: str = "",
    opened_on: datetime.date | None = None,
    closed_on: datetime.date | None = None,
    note: str = "",
) -> BankAccount:
    """Change an account's details; its 관 only while no income is recorded on it."""
    chapter = chapter.strip()
    if fund is None and chapter:
        fund = chapter_fund(center=account.center, fiscal_year=account.fiscal_year, chapter=chapter)
    moved = (chapter, fund) != (account.chapter, account.fund)
    if moved and account.incomes.exists():
        raise ValidationError(
            {"chapter": "이 계좌에 기록된 이자·수익이 있어 관을 바꿀 수 없습니다."}
        )
    account.name = name.strip()
    account.bank = bank.strip()
    account.number = number.strip()
    account.fund = fund or ""
    account.chapter = chapter
    account.opened_on = opened_on
    account.closed_on = closed_on
    account.note = note
    return _saved(account)


@transaction.atomic
def close_bank_account(*, account: BankAccount, closed_on: datetime.date) -> BankAccount:
    """Record the account's closing (해지); income after that day is refused."""
    if account.closed_on is not None:
        raise ValidationError(f"이미 {account.closed_on:%Y.%m.%d}에 해지한 계좌입니다.")
    later = account.incomes.filter(received_on__gt=closed_on).order_by("received_on").first()
    if later is not None:
        raise ValidationError(
            {
                "closed_on": f"{later.received_on:%Y.%m.%d}에 이 계좌의 수익이 기록되어 있어 "
                "그보다 앞선 날로 해지할 수 없습니다."
            }
        )
    account.closed_on = closed_on
    return _saved(account)


@transaction.atomic
def record_income(
    *,
    center: Center,
    fiscal_year: FiscalYear,
    kind: IncomeKind | str,
    amount_won: int,
    received_on: datetime.date,
    line: BudgetLine | None = None,
    account: BankAccount | None = None,
    fund: Fund | str | None = None,
    chapter: str = "",
    note: str = "",
    import_key: str = "",
) -> Income:
    """Record interest (on its account) or other income, on a line or on a whole 관.

    The 관 comes from the line, else from the account, else from `chapter`; given twice, they
    must agree."""
    if line is not None:
        fund, chapter = line.fund, line.chapter
    elif account is not None:
        fund, chapter = fund or account.fund, chapter or account.chapter
    if not chapter or fund is None:
        raise ValidationError("수익은 예산 과목이나 관, 계좌에 기록합니다.")
    income = Income(
        center=center,
        fiscal_year=fiscal_year,
        kind=kind,
        fund=fund,
        chapter=chapter,
        line=line,
        account=account,
        amount_won=amount_won,
        received_on=received_on,
        note=note,
        import_key=import_key,
    )
    return _saved(income)


@transaction.atomic
def record_disallowance(
    *,
    line: BudgetLine,
    amount_won: int,
    decided_on: datetime.date,
    reason: str,
    expenditure: Expenditure | None = None,
    import_key: str = "",
) -> Disallowance:
    """Record spending the auditor did not accept (불인정액) with the reason."""
    return _saved_on_line(
        Disallowance,
        line=line,
        expenditure=expenditure,
        amount_won=amount_won,
        decided_on=decided_on,
        reason=reason,
        import_key=import_key,
    )


@transaction.atomic
def settle_year(*, center: Center, fiscal_year: FiscalYear, settled_by: User | None) -> SettledYear:
    """Lock a center's year: its budget and money records cannot change any more."""
    pending = Transfer.objects.filter(
        center=center, fiscal_year=fiscal_year, status=TransferStatus.REQUESTED
    ).count()
    if pending:
        raise ValidationError(f"승인 대기 중인 전용이 {pending}건 있어 마감할 수 없습니다.")
    settled = SettledYear(
        center=center, fiscal_year=fiscal_year, settled_at=timezone.now(), settled_by=settled_by
    )
    return _saved(settled)


@transaction.atomic
def record_adjustment(
    *,
    center: Center,
    fiscal_year: FiscalYear,
    adjusted_year: FiscalYear,
    kind: AdjustmentKind | str,
    amount_won: int,
    adjusted_on: datetime.date,
    reason: str,
    line: BudgetLine | None = None,
    recorded_by: User | None = None,
) -> SettlementAdjustment:
    """Correct a settled year with a record in a later, open year (shown in both statements)."""
    adjustment = SettlementAdjustment(
        center=center,
        fiscal_year=fiscal_year,
        adjusted_year=adjusted_year,
        kind=kind,
        line=line,
        amount_won=amount_won,
        adjusted_on=adjusted_on,
        reason=reason,
        recorded_by=recorded_by,
    )
    return _saved(adjustment)


@transaction.atomic
def correct_settled_year(
    *,
    center: Center,
    adjusted_year: FiscalYear,
    recorded_in: int,
    kind: AdjustmentKind | str,
    amount_won: int,
    adjusted_on: datetime.date,
    reason: str,
    line: BudgetLine | None = None,
    recorded_by: User | None = None,
) -> SettlementAdjustment:
    """The center admin's correction of a settled year, recorded in the later year `recorded_in`."""
    return record_adjustment(
        center=center,
        fiscal_year=ensure_fiscal_year(year=recorded_in),
        adjusted_year=adjusted_year,
        kind=kind,
        amount_won=amount_won,
        adjusted_on=adjusted_on,
        reason=reason,
        line=line,
        recorded_by=recorded_by,
    )


def record_money_access(
    *,
    user: User,
    ip_address: str | None,
    path: str,
    subject: str,
    center: Center | None,
    year: int | None,
) -> MoneyRecordAccess | None:
    """Log an auditor's opening of money records (who, when, from where, what); others pass."""
    if user.role != Role.AUDITOR:
        return None
    entry = MoneyRecordAccess(
        user=user,
        ip_address=ip_address,
        center=center,
        fiscal_year=year,
        subject=subject[:200],
        path=path[:500],
    )
    entry.full_clean()
    entry.save()
    return entry
