"""The settlement statements computed from records: 정산총괄표, 정산보고서, 사업비 세부집행내역서.

Every figure is a sum of money records per budget line, read in a fixed number of queries and
rolled up in Python. Each row carries the scope of the records behind it for drill-down."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, fields
from decimal import Decimal
from typing import TypeVar
from urllib.parse import urlencode

from django.db.models import Q, QuerySet, Sum

from dure.budget.models import (
    BudgetLine,
    Disallowance,
    Expenditure,
    Fund,
    Grant,
    Income,
    IncomeKind,
    InitialBudget,
    SettledYear,
    SettlementAdjustment,
    Transfer,
    TransferStatus,
)
from dure.core.formatting import ratio_percent
from dure.core.models import Center, FiscalYear

COMMON_UNIT_LABEL = "관 공통"
ItemT = TypeVar("ItemT")

# (heading, Figures attribute, record kind behind it) for each statement's money columns.
SUMMARY_ROWS = (
    ("예산액(A)", "final_won", "budget"),
    ("집행액(B)", "executed_won", "expenditure"),
    ("집행잔액(C=A-B)", "unspent_won", "all"),
    ("불인정액(D)", "disallowed_won", "disallowed"),
    ("이자발생액(E)", "interest_won", "interest"),
    ("기타 수익금(F)", "other_income_won", "other"),
    ("정산잔액(G=C+D+E+F)", "refund_won", "all"),
)
REPORT_COLUMNS = (
    ("초기예산액", "initial_won", "initial"),
    ("전용액", "transfer_won", "transfer"),
    ("최종예산액", "final_won", "budget"),
    ("교부액", "granted_won", "grant"),
    ("집행금액", "executed_won", "expenditure"),
    ("집행잔액", "unspent_won", "all"),
    ("예금이자", "interest_won", "interest"),
    ("기타수익금", "other_income_won", "other"),
    ("반환대상액", "refund_won", "all"),
)
DETAIL_COLUMNS = (
    ("교부금액", "granted_won", "grant"),
    ("집행금액", "executed_won", "expenditure"),
)


@dataclass
class Figures:
    """The money columns of one statement row; derived columns are computed, never stored."""

    initial_won: int = 0
    transfer_won: int = 0
    granted_won: int = 0
    executed_won: int = 0
    disallowed_won: int = 0
    interest_won: int = 0
    other_income_won: int = 0

    @property
    def final_won(self) -> int:
        """최종예산액 = 초기예산액 + 전용액."""
        return self.initial_won + self.transfer_won

    @property
    def unspent_won(self) -> int:
        """집행잔액 = 예산액 − 집행액."""
        return self.final_won - self.executed_won

    @property
    def refund_won(self) -> int:
        """정산잔액(반환대상액) = 집행잔액 + 불인정액 + 이자발생액 + 기타 수익금."""
        return self.unspent_won + self.disallowed_won + self.interest_won + self.other_income_won

    @property
    def execution_pct(self) -> Decimal | None:
        """집행률 = 집행액 ÷ 교부액, half-up to 0.1%; None without a grant."""
        return ratio_percent(self.executed_won, self.granted_won)

    def add(self, other: Figures) -> None:
        for column in fields(self):
            setattr(self, column.name, getattr(self, column.name) + getattr(other, column.name))

    @classmethod
    def total(cls, parts: Iterable[Figures]) -> Figures:
        result = cls()
        for part in parts:
            result.add(part)
        return result

    def as_dict(self) -> dict[str, object]:
        pct = self.execution_pct
        return {
            "initial_won": self.initial_won,
            "transfer_won": self.transfer_won,
            "final_won": self.final_won,
            "budget_won": self.final_won,
            "granted_won": self.granted_won,
            "executed_won": self.executed_won,
            "unspent_won": self.unspent_won,
            "disallowed_won": self.disallowed_won,
            "interest_won": self.interest_won,
            "other_income_won": self.other_income_won,
            "refund_won": self.refund_won,
            "execution_pct": float(pct) if pct is not None else None,
        }


@dataclass(frozen=True)
class StatementScope:
    """Which records a figure sums: fund, 관, settlement unit, 항/목, 세부계정과목, program, line.

    `unit=""` means the 관-wide part (lines without a unit and income recorded on the whole 관)."""

    fund: str = ""
    chapter: str = ""
    unit: str | None = None
    section: str | None = None
    item: str | None = None
    account: str = ""
    program: int | None = None
    line: int | None = None
    expense_only: bool = False
    bank_account: int | None = None  # the income earned on one BankAccount, nothing else

    def query(self) -> str:
        params: list[tuple[str, str]] = []
        for key in ("fund", "chapter", "account"):
            if getattr(self, key):
                params.append((key, getattr(self, key)))
        for key in ("unit", "section", "item", "program", "line", "bank_account"):
            value = getattr(self, key)
            if value is not None:
                params.append((key, str(value)))
        if self.expense_only:
            params.append(("expense", "1"))
        return urlencode(params)

    @classmethod
    def from_params(cls, params: dict[str, str]) -> StatementScope:
        def number(key: str) -> int | None:
            value = params.get(key, "")
            return int(value) if value.isdigit() else None

        return cls(
            fund=params.get("fund", ""),
            chapter=params.get("chapter", ""),
            unit=params.get("unit"),
            section=params.get("section"),
            item=params.get("item"),
            account=params.get("account", ""),
            program=number("program"),
            line=number("line"),
            expense_only=params.get("expense") == "1",
            bank_account=number("bank_account"),
        )

    def line_filter(self, prefix: str = "") -> Q:
        """The condition on BudgetLine (through `prefix`, e.g. 'line__')."""
        if self.bank_account is not None:
            return Q(**{f"{prefix}pk__in": []})  # only income is recorded on an account
        condition = Q()
        pairs = {
            "fund": self.fund or None,
            "chapter": self.chapter or None,
            "unit_name": self.unit,
            "section": self.section,
            "item": self.item,
            "account_title": self.account or None,
            "program_id": self.program,
            "pk": self.line,
        }
        for name, value in pairs.items():
            if value is not None:
                condition &= Q(**{f"{prefix}{name}": value})
        if self.expense_only:
            condition &= Q(**{f"{prefix}is_operating_cost": False})
        return condition

    @property
    def includes_chapter_income(self) -> bool:
        """Income recorded on a whole 관 belongs to scopes no finer than the 관-wide part."""
        narrower = (self.section, self.item, self.program, self.line)
        if self.expense_only or self.account or self.unit:
            return False
        return all(value is None for value in narrower)

    def income_filter(self) -> Q:
        if self.bank_account is not None:
            return Q(account_id=self.bank_account)
        on_lines = Q(line__isnull=False) & self.line_filter("line__")
        if not self.includes_chapter_income:
            return on_lines
        chapter_wide = Q(line__isnull=True)
        if self.fund:
            chapter_wide &= Q(fund=self.fund)
        if self.chapter:
            chapter_wide &= Q(chapter=self.chapter)
        return on_lines | chapter_wide


@dataclass
class Row:
    label: str
    level: str
    figures: Figures
    scope: StatementScope
    chapter: str = ""
    section: str = ""
    item: str = ""
    account: str = ""
    program_id: int | None = None


@dataclass
class Settlement:
    center: Center
    fiscal_year: FiscalYear
    settled: SettledYear | None
    lines: list[BudgetLine]
    line_figures: dict[int, Figures]
    funds: list[tuple[str, str, Figures]]
    total: Figures
    report_rows: list[Row]
    detail_rows: list[Row]
    later_adjustments: list[SettlementAdjustment] = field(default_factory=list)
    adjustments_of_earlier_years: list[SettlementAdjustment] = field(default_factory=list)

    @property
    def later_refund_effect_won(self) -> int:
        """How the adjustments recorded in later years change this year's 반환대상액."""
        return sum(adjustment.refund_effect_won for adjustment in self.later_adjustments)

    @property
    def adjusted_refund_won(self) -> int:
        """반환대상액 after the later adjustments (the settled figures themselves never move)."""
        return self.total.refund_won + self.later_refund_effect_won

    def fund_figures(self, fund: str) -> Figures:
        return next(figures for key, _, figures in self.funds if key == fund)

    def summary_table(self) -> list[tuple[str, list[tuple[Figures, str, str, StatementScope]]]]:
        """정산총괄표: one row per SUMMARY_ROWS entry, one cell per fund and the total."""
        columns = [(figures, StatementScope(fund=key)) for key, _, figures in self.funds]
        columns.append((self.total, StatementScope()))
        return [
            (label, [(figures, attribute, kind, scope) for figures, scope in columns])
            for label, attribute, kind in SUMMARY_ROWS
        ]


def _sums(queryset: QuerySet, key: str) -> dict[int, int]:
    return {
        row[key]: row["total"] or 0
        for row in queryset.values(key).annotate(total=Sum("amount_won")).order_by()
    }


def line_figures(lines: list[BudgetLine]) -> dict[int, Figures]:
    """Figures of each line from its records: seven aggregate queries whatever the size."""
    ids = [line.pk for line in lines]
    initial = _sums(InitialBudget.objects.filter(line__in=ids), "line")
    approved = Transfer.objects.filter(status=TransferStatus.APPROVED)
    received = _sums(approved.filter(to_line__in=ids), "to_line")
    sent = _sums(approved.filter(from_line__in=ids), "from_line")
    granted = _sums(Grant.objects.filter(line__in=ids), "line")
    executed = _sums(Expenditure.objects.filter(line__in=ids).counted(), "line")
    disallowed = _sums(Disallowance.objects.filter(line__in=ids), "line")
    income: dict[tuple[int, str], int] = {
        (row["line"], row["kind"]): row["total"] or 0
        for row in Income.objects.filter(line__in=ids)
        .values("line", "kind")
        .annotate(total=Sum("amount_won"))
        .order_by()
    }
    return {
        pk: Figures(
            initial_won=initial.get(pk, 0),
            transfer_won=received.get(pk, 0) - sent.get(pk, 0),
            granted_won=granted.get(pk, 0),
            executed_won=executed.get(pk, 0),
            disallowed_won=disallowed.get(pk, 0),
            interest_won=income.get((pk, IncomeKind.INTEREST), 0),
            other_income_won=income.get((pk, IncomeKind.OTHER), 0),
        )
        for pk in ids
    }


def _chapter_income(center: Center, fiscal_year: FiscalYear) -> dict[tuple[str, str], Figures]:
    result: dict[tuple[str, str], Figures] = defaultdict(Figures)
    rows = (
        Income.objects.filter(center=center, fiscal_year=fiscal_year, line__isnull=True)
        .values("fund", "chapter", "kind")
        .annotate(total=Sum("amount_won"))
        .order_by()
    )
    for row in rows:
        figures = result[(row["fund"], row["chapter"])]
        if row["kind"] == IncomeKind.INTEREST:
            figures.interest_won += row["total"] or 0
        else:
            figures.other_income_won += row["total"] or 0
    return result


def _ordered_unique(values: Iterable[ItemT]) -> list[ItemT]:
    return list(dict.fromkeys(values))


def _report_rows(
    lines: list[BudgetLine],
    figures: dict[int, Figures],
    chapter_income: dict[tuple[str, str], Figures],
) -> tuple[list[Row], list[tuple[str, str, Figures]], Figures]:
    rows: list[Row] = []
    fund_totals: list[tuple[str, str, Figures]] = []
    for fund, fund_label in Fund.choices:
        fund_lines = [line for line in lines if line.fund == fund]
        chapters = _ordered_unique(
            [line.chapter for line in fund_lines]
            + [chapter for (f, chapter) in chapter_income if f == fund]
        )
        fund_total = Figures()
        fund_rows: list[Row] = []
        for chapter in chapters:
            chapter_lines = [line for line in fund_lines if line.chapter == chapter]
            units: dict[str, Figures] = {}
            programs: dict[str, int | None] = {}
            for line in chapter_lines:
                units.setdefault(line.unit_name, Figures()).add(figures[line.pk])
                programs.setdefault(line.unit_name, line.program_id)
            if (fund, chapter) in chapter_income:
                units.setdefault("", Figures()).add(chapter_income[(fund, chapter)])
            chapter_total = Figures.total(units.values())
            fund_total.add(chapter_total)
            if len(chapters) > 1:
                fund_rows.append(
                    Row(
                        f"{chapter} 소계",
                        "chapter",
                        chapter_total,
                        StatementScope(fund=fund, chapter=chapter),
                        chapter=chapter,
                    )
                )
            if list(units) == [""]:
                continue
            for unit, unit_figures in units.items():
                fund_rows.append(
                    Row(
                        unit or COMMON_UNIT_LABEL,
                        "unit" if unit else "common",
                        unit_figures,
                        StatementScope(fund=fund, chapter=chapter, unit=unit),
                        chapter=chapter,
                        program_id=programs.get(unit),
                    )
                )
        fund_totals.append((fund, fund_label, fund_total))
        rows.append(Row(f"{fund_label} 계", "fund", fund_total, StatementScope(fund=fund)))
        rows.extend(fund_rows)
    grand_total = Figures.total(total for _, _, total in fund_totals)
    rows.append(Row("총계", "total", grand_total, StatementScope()))
    return rows, fund_totals, grand_total


def _detail_rows(lines: list[BudgetLine], figures: dict[int, Figures]) -> list[Row]:
    expense_lines = [line for line in lines if not line.is_operating_cost]
    rows: list[Row] = []
    grand_total = Figures()
    for chapter in _ordered_unique(line.chapter for line in expense_lines):
        chapter_lines = [line for line in expense_lines if line.chapter == chapter]
        chapter_total = Figures()
        groups = _ordered_unique((line.section, line.item) for line in chapter_lines)
        for section, item in groups:
            group_lines = [
                line for line in chapter_lines if (line.section, line.item) == (section, item)
            ]
            accounts: dict[str, Figures] = {}
            for line in group_lines:
                accounts.setdefault(line.account_title, Figures()).add(figures[line.pk])
            group_total = Figures.total(accounts.values())
            chapter_total.add(group_total)
            rows.append(
                Row(
                    "소계",
                    "group",
                    group_total,
                    StatementScope(chapter=chapter, section=section, item=item, expense_only=True),
                    chapter=chapter,
                    section=section,
                    item=item,
                )
            )
            for account, account_figures in accounts.items():
                rows.append(
                    Row(
                        account,
                        "account",
                        account_figures,
                        StatementScope(
                            chapter=chapter,
                            section=section,
                            item=item,
                            account=account,
                            expense_only=True,
                        ),
                        chapter=chapter,
                        section=section,
                        item=item,
                        account=account,
                    )
                )
        grand_total.add(chapter_total)
        rows.append(
            Row(
                f"{chapter} 소계",
                "chapter",
                chapter_total,
                StatementScope(chapter=chapter, expense_only=True),
                chapter=chapter,
            )
        )
    rows.append(Row("합계", "total", grand_total, StatementScope(expense_only=True)))
    return rows


def build_settlement(*, center: Center, fiscal_year: FiscalYear) -> Settlement:
    """The three statements of a center's year, computed from its records."""
    lines = list(
        BudgetLine.objects.filter(center=center, fiscal_year=fiscal_year).order_by("order", "pk")
    )
    figures = line_figures(lines)
    chapter_income = _chapter_income(center, fiscal_year)
    report_rows, funds, total = _report_rows(lines, figures, chapter_income)
    adjustments = SettlementAdjustment.objects.filter(center=center).select_related(
        "line", "fiscal_year", "adjusted_year", "recorded_by"
    )
    return Settlement(
        center=center,
        fiscal_year=fiscal_year,
        settled=SettledYear.objects.filter(center=center, fiscal_year=fiscal_year).first(),
        lines=lines,
        line_figures=figures,
        funds=funds,
        total=total,
        report_rows=report_rows,
        detail_rows=_detail_rows(lines, figures),
        later_adjustments=list(adjustments.filter(adjusted_year=fiscal_year)),
        adjustments_of_earlier_years=list(adjustments.filter(fiscal_year=fiscal_year)),
    )


def settlement_json(settlement: Settlement) -> dict[str, object]:
    """The statements as plain data: summary (정산총괄표), programs (정산보고서), lines."""
    programs = [
        {"name": row.label, "chapter": row.chapter, "program_id": row.program_id}
        | row.figures.as_dict()
        for row in settlement.report_rows
        if row.level in {"unit", "common"}
    ]
    lines = [
        {
            "fund": line.fund,
            "chapter": line.chapter,
            "section": line.section,
            "item": line.item,
            "account_title": line.account_title,
            "unit": line.unit_name,
            "program_id": line.program_id,
            "operating_cost": line.is_operating_cost,
        }
        | settlement.line_figures[line.pk].as_dict()
        for line in settlement.lines
    ]
    return {
        "center": settlement.center.code,
        "fiscal_year": settlement.fiscal_year.year,
        "settled": settlement.settled is not None,
        "summary": settlement.total.as_dict(),
        "funds": [
            {"fund": key, "name": label} | figures.as_dict()
            for key, label, figures in settlement.funds
        ],
        "programs": programs,
        "lines": lines,
        "adjustments_recorded_later": [
            _adjustment_json(adjustment) for adjustment in settlement.later_adjustments
        ],
        "refund_after_adjustments_won": settlement.adjusted_refund_won,
        "adjustments_of_earlier_years": [
            _adjustment_json(adjustment) for adjustment in settlement.adjustments_of_earlier_years
        ],
    }


def _adjustment_json(adjustment: SettlementAdjustment) -> dict[str, object]:
    return {
        "adjusted_year": adjustment.adjusted_year.year,
        "recorded_in": adjustment.fiscal_year.year,
        "adjusted_on": adjustment.adjusted_on.isoformat(),
        "kind": adjustment.kind,
        "line_id": adjustment.line_id,
        "amount_won": adjustment.amount_won,
        "refund_effect_won": adjustment.refund_effect_won,
        "reason": adjustment.reason,
    }
