"""The records behind each settlement figure: one filtered queryset per kind and scope.

A statement cell links here with its kind and scope; the page lists exactly the records whose
sum is the cell."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import QuerySet, Sum

from dure.budget.models import (
    Disallowance,
    Expenditure,
    ExpenditureStatus,
    Grant,
    Income,
    IncomeKind,
    InitialBudget,
    Transfer,
    TransferStatus,
)
from dure.budget.statements import StatementScope
from dure.core.models import Center, FiscalYear

RECORD_KINDS = {
    "initial": "초기예산",
    "transfer": "전용",
    "grant": "교부",
    "expenditure": "집행",
    "disallowed": "불인정",
    "interest": "이자",
    "other": "기타수익",
}
COMPOSITE_KINDS = {
    "budget": ("예산액(초기예산·전용)", ("initial", "transfer")),
    "all": ("이 수치의 모든 기록", tuple(RECORD_KINDS)),
}


@dataclass
class SignedTransfer:
    transfer: Transfer
    signed_won: int


def records(
    kind: str, *, center: Center, fiscal_year: FiscalYear, scope: StatementScope
) -> QuerySet:
    """Records of one kind inside the scope (transfers: both directions; see signed_transfers)."""
    period = {"center": center, "fiscal_year": fiscal_year}
    on_lines = scope.line_filter("line__")
    if kind == "initial":
        return InitialBudget.objects.filter(**period).filter(on_lines).select_related("line")
    if kind == "grant":
        return Grant.objects.filter(**period).filter(on_lines).select_related("line")
    if kind == "expenditure":
        return (
            Expenditure.objects.filter(**period)
            .filter(on_lines)
            .select_related("line", "recorded_by")
        )
    if kind == "disallowed":
        return Disallowance.objects.filter(**period).filter(on_lines).select_related("line")
    if kind in {"interest", "other"}:
        income_kind = IncomeKind.INTEREST if kind == "interest" else IncomeKind.OTHER
        return (
            Income.objects.filter(**period, kind=income_kind)
            .filter(scope.income_filter())
            .select_related("line", "account")
        )
    if kind == "transfer":
        return (
            Transfer.objects.filter(**period)
            .filter(scope.line_filter("to_line__") | scope.line_filter("from_line__"))
            .select_related("from_line", "to_line", "approved_by")
        )
    raise ValueError(kind)


def signed_transfers(
    *, center: Center, fiscal_year: FiscalYear, scope: StatementScope
) -> list[SignedTransfer]:
    """Transfers touching the scope, + when money came in, − when it went out."""
    period = {"center": center, "fiscal_year": fiscal_year}
    incoming = set(
        Transfer.objects.filter(**period)
        .filter(scope.line_filter("to_line__"))
        .values_list("pk", flat=True)
    )
    outgoing = set(
        Transfer.objects.filter(**period)
        .filter(scope.line_filter("from_line__"))
        .values_list("pk", flat=True)
    )
    rows = records("transfer", center=center, fiscal_year=fiscal_year, scope=scope)
    result = []
    for transfer in rows:
        sign = int(transfer.pk in incoming) - int(transfer.pk in outgoing)
        result.append(SignedTransfer(transfer, transfer.amount_won * sign))
    return result


def counted_total(kind: str, rows: QuerySet | list[SignedTransfer]) -> int:
    """The figure these records make: cancelled spending and unapproved transfers excluded."""
    if kind == "transfer":
        assert isinstance(rows, list)
        return sum(row.signed_won for row in rows if row.transfer.status == TransferStatus.APPROVED)
    assert isinstance(rows, QuerySet)
    if kind == "expenditure":
        rows = rows.exclude(status=ExpenditureStatus.CANCELLED)
    return int(rows.aggregate(total=Sum("amount_won"))["total"] or 0)
