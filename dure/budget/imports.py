"""Importers of budget lines, transfers, expenditures and income (`import_records budget|
transfers|expenditures|income FILE --center CODE --year YEAR`, or the upload screen).

Each checks every row, and either saves all of them or reports every problem as
`N행 [열이름]: 사유` with nothing saved. Re-running the same file saves nothing new."""

from __future__ import annotations

import datetime
import hashlib
import re
from collections import Counter
from collections.abc import Callable
from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.db import transaction

from dure.budget import services
from dure.budget.accounts import AccountIndex
from dure.budget.models import (
    BankAccount,
    BudgetLine,
    Disallowance,
    Expenditure,
    Fund,
    Grant,
    Income,
    IncomeKind,
    InitialBudget,
    Transfer,
)
from dure.core.imports import (
    ImportColumn,
    Importer,
    ImportResult,
    Outcome,
    Progress,
    Row,
    RowErrors,
    parse_amount,
    parse_date,
    parse_text,
    register_importer,
)
from dure.core.models import Center, FiscalYear, User
from dure.core.roles import Capability
from dure.core.services import ensure_fiscal_year
from dure.programs.models import Program

INCOME_KINDS = ("이자", "기타수익", "불인정", "교부")
OPERATING_CHAPTER = "운영비"

Action = Callable[[], object]


def _column(
    name: str, *, required: bool = True, example: str = "", date: bool = False
) -> ImportColumn:
    return ImportColumn(name, name, required=required, example=example, is_date=date)


class LineIndex:
    """Finds a budget line by '세부계정과목' or 'qualifier/…/세부계정과목' (관, 항, 목, 사업명)."""

    def __init__(self, center: Center, fiscal_year: FiscalYear, user: User | None) -> None:
        # The center's own lines, and only those the importing user sees: any other line is
        # answered like one that does not exist.
        lines = BudgetLine.objects.referable(user=user, center=center)
        self.lines = list(
            lines.filter(center=center, fiscal_year=fiscal_year).select_related("program")
        )
        self.chapters = {line.chapter: line.fund for line in self.lines}

    def find(self, reference: str) -> tuple[BudgetLine | None, str]:
        parts = [part.strip() for part in re.split(r"[/›>]", reference) if part.strip()]
        if not parts:
            return None, "예산 과목이 비어 있습니다."
        *qualifiers, account = parts
        matches = [
            line
            for line in self.lines
            if line.account_title == account
            and all(
                qualifier
                in {
                    line.chapter,
                    line.section,
                    line.item,
                    line.unit_name,
                    line.program.name if line.program else "",
                }
                for qualifier in qualifiers
            )
        ]
        if len(matches) == 1:
            return matches[0], ""
        if not matches:
            return None, f"예산 과목 '{reference}'이(가) 없습니다. 먼저 예산을 가져오세요."
        return None, (
            f"'{reference}'에 맞는 예산 과목이 {len(matches)}개입니다. "
            "'사업명/세부계정과목'처럼 앞에 사업명이나 목을 붙여 주세요."
        )


def _cell_text(value: Any) -> str:
    # As the import keys of earlier imports were computed: keep it byte for byte.
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


class _BudgetImporter(Importer):
    """A kind of money record of one fiscal year, in Dure's layout (each column's key is its
    Korean header)."""

    needs_year = True
    # The name that, with the row's content, makes each row's import key.
    key_kind: ClassVar[str] = ""

    def fiscal_year(self) -> FiscalYear:
        assert self.year is not None
        return ensure_fiscal_year(year=self.year)

    def keys(self, rows: list[Row], fiscal_year: FiscalYear) -> list[str]:
        """A key per row from its content and its occurrence, so a re-run finds the same rows."""
        seen: Counter[str] = Counter()
        keys = []
        for row in rows:
            content = "|".join(f"{k}={_cell_text(v)}" for k, v in sorted(row.cells.items()))
            seen[content] += 1
            raw = f"{self.key_kind}|{self.center.code}|{fiscal_year.year}|{content}|{seen[content]}"
            keys.append(hashlib.sha256(raw.encode()).hexdigest())
        return keys

    def imported(
        self,
        models: tuple[type[Transfer | Expenditure | Income | Grant | Disallowance], ...],
        keys: list[str],
    ) -> set[str]:
        """The keys of rows an earlier import saved."""
        done: set[str] = set()
        for model in models:
            done |= set(
                model.objects.filter(center=self.center, import_key__in=keys).values_list(
                    "import_key", flat=True
                )
            )
        return done

    def date(self, row: Row, errors: RowErrors, fiscal_year: FiscalYear) -> datetime.date | None:
        """The row's 일자, inside the fiscal year."""
        day = parse_date(row, "일자", errors, required=True)
        if day is not None and not fiscal_year.starts_on <= day <= fiscal_year.ends_on:
            errors.add(
                row,
                row.column("일자"),
                f"{day.year}.{day.month}.{day.day}은(는) {fiscal_year.year} 회계연도 밖입니다.",
            )
            return None
        return day

    def line(self, row: Row, errors: RowErrors, index: LineIndex, key: str) -> BudgetLine | None:
        reference = parse_text(row, key, errors, required=True)
        if not reference:
            return None
        line, reason = index.find(reference)
        if line is None:
            errors.add(row, row.column(key), reason)
        return line

    def perform(
        self,
        actions: list[tuple[Row, Action]],
        errors: RowErrors,
        progress: Progress,
        result: ImportResult,
    ) -> ImportResult:
        """Run each row's save in its own savepoint; a refused row is a problem of the file."""
        for index, (row, action) in enumerate(actions, start=1):
            try:
                with transaction.atomic():
                    action()
            except ValidationError as error:
                for message in error.messages:
                    errors.add(row, "행", message)
            else:
                result.outcomes[row.number] = Outcome.CREATED
            if index % 500 == 0:
                progress(index, len(actions))
        progress(len(actions), len(actions))
        return result


@register_importer
class BudgetImporter(_BudgetImporter):
    """Budget lines with their initial budget (관, 항, 목, 세부계정과목, 사업명, 초기예산액).

    사업명 names a program of the year when one has that name; otherwise it is the statement row
    (a funding source such as '2017 시설운영비'). A 관 named 운영비 is operating cost; a 관 whose
    name starts with 시설 belongs to the facility fund (or give the optional column 재원)."""

    kind = "budget"
    label = "예산 과목·초기예산"
    capability = Capability.APPROVE_MONEY
    columns = (
        _column("관", example="제안사업비"),
        _column("항", required=False, example="판로지원"),
        _column("목", required=False, example="공공시장 확대지원"),
        _column("세부계정과목", example="사업관리비"),
        _column("사업명", required=False, example="공공 시장 확대 지원"),
        _column("초기예산액", example="1,000,000"),
        _column("재원", required=False, example="위탁사업비"),
    )

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        center, fiscal_year = self.center, self.fiscal_year()
        # 사업명 links the center's own program of the year, never another center's.
        own_programs = Program.objects.referable(user=self.user, center=center)
        programs = {
            program.name: program
            for program in own_programs.filter(center=center, area__fiscal_year=fiscal_year)
        }
        existing = {
            (line.chapter, line.section, line.item, line.account_title, line.unit_name): line
            for line in BudgetLine.objects.filter(center=center, fiscal_year=fiscal_year)
        }
        budgets = {
            budget.line_id: budget.amount_won
            for budget in InitialBudget.objects.filter(center=center, fiscal_year=fiscal_year)
        }
        result = ImportResult(rows_read=len(rows))
        actions: list[tuple[Row, Action]] = []
        seen: set[tuple[str, ...]] = set()
        for order, row in enumerate(rows, start=1):
            before = len(errors)
            chapter = parse_text(row, "관", errors, required=True)
            account = parse_text(row, "세부계정과목", errors, required=True)
            section, item, unit = row.text("항"), row.text("목"), row.text("사업명")
            amount = parse_amount(row, "초기예산액", errors, required=True)
            fund = self.fund(row, errors, chapter)
            path = (chapter, section, item, account, unit)
            if path in seen:
                errors.add(
                    row,
                    row.column("세부계정과목"),
                    "같은 관·항·목·세부계정과목·사업명이 파일에 두 번 있습니다.",
                )
            seen.add(path)
            if len(errors) > before or amount is None:
                continue
            result.labels[row.number] = " / ".join(part for part in (unit, account) if part)
            line = existing.get(path)
            if line is not None and line.pk in budgets:
                if budgets[line.pk] != amount:
                    message = f"이미 {budgets[line.pk]:,}원이 기록되어 있습니다."
                    errors.add(row, row.column("초기예산액"), message)
                else:
                    result.outcomes[row.number] = Outcome.UNCHANGED
                continue
            action = self.budget_action(
                line=line,
                fiscal_year=fiscal_year,
                fund=fund,
                path=path,
                program=programs.get(unit),
                amount=amount,
                order=order,
            )
            actions.append((row, action))
        if errors:
            return result
        return self.perform(actions, errors, progress, result)

    def fund(self, row: Row, errors: RowErrors, chapter: str) -> str:
        text = row.text("재원")
        if text:
            for value, label in Fund.choices:
                if text == label:
                    return value
            errors.add(
                row, row.column("재원"), f"재원은 위탁사업비나 시설운영비여야 합니다: '{text}'"
            )
        return Fund.FACILITY if chapter.startswith("시설") else Fund.COMMISSIONED

    def budget_action(
        self,
        *,
        line: BudgetLine | None,
        fiscal_year: FiscalYear,
        fund: str,
        path: tuple[str, str, str, str, str],
        program: Program | None,
        amount: int,
        order: int,
    ) -> Action:
        chapter, section, item, account, unit = path
        center = self.center

        def save() -> None:
            target = line or services.create_budget_line(
                center=center,
                fiscal_year=fiscal_year,
                fund=fund,
                chapter=chapter,
                section=section,
                item=item,
                account_title=account,
                unit_name=unit,
                program=program,
                is_operating_cost=chapter == OPERATING_CHAPTER,
                order=order,
            )
            services.set_initial_budget(
                line=target, amount_won=amount, adopted_on=fiscal_year.starts_on
            )

        return save


def _bind(function: Callable[..., object], **kwargs: Any) -> Action:
    return lambda: function(**kwargs)


@register_importer
class TransferImporter(_BudgetImporter):
    """Approved transfers (일자, 보내는 과목, 받는 과목, 금액, 사유)."""

    kind = "transfers"
    label = "전용"
    capability = Capability.APPROVE_MONEY
    key_kind = "transfer"
    columns = (
        _column("일자", example="2017-06-01", date=True),
        _column("보내는 과목", example="아카데미 운영/강사료"),
        _column("받는 과목", example="영업단"),
        _column("금액", example="2,000,000"),
        _column("사유", example="박람회 추가 개최"),
    )

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        fiscal_year = self.fiscal_year()
        index = LineIndex(self.center, fiscal_year, self.user)
        keys = self.keys(rows, fiscal_year)
        done = self.imported((Transfer,), keys)
        result = ImportResult(rows_read=len(rows))
        actions: list[tuple[Row, Action]] = []
        for row, key in zip(rows, keys, strict=True):
            if key in done:
                result.outcomes[row.number] = Outcome.UNCHANGED
                continue
            before = len(errors)
            day = self.date(row, errors, fiscal_year)
            sender = self.line(row, errors, index, "보내는 과목")
            receiver = self.line(row, errors, index, "받는 과목")
            amount = parse_amount(row, "금액", errors, zero=False, required=True)
            reason = parse_text(row, "사유", errors, required=True)
            if sender is not None and sender == receiver:
                errors.add(row, row.column("받는 과목"), "보내는 과목과 받는 과목이 같습니다.")
            if len(errors) > before:
                continue
            assert sender is not None and receiver is not None and day is not None
            result.labels[row.number] = f"{sender.account_title} → {receiver.account_title}"
            action = _bind(
                services.record_transfer,
                from_line=sender,
                to_line=receiver,
                amount_won=amount,
                transferred_on=day,
                reason=reason,
                approved_by=self.user,
                import_key=key,
            )
            actions.append((row, action))
        if errors:
            return result
        return self.perform(actions, errors, progress, result)


@register_importer
class ExpenditureImporter(_BudgetImporter):
    """Expenditures (일자, 세부계정과목, 지급처, 내용, 금액, 증빙); overspending refuses all.
    Program staff record spending only on the lines of their programs."""

    kind = "expenditures"
    label = "집행"
    capability = Capability.EDIT_MONEY
    key_kind = "expenditure"
    columns = (
        _column("일자", example="2017-05-10", date=True),
        _column("세부계정과목", example="공공 시장 확대 지원/사업관리비"),
        _column("지급처", example="문구점"),
        _column("내용", example="사무용품"),
        _column("금액", example="900,000"),
        _column("증빙", required=False, example="계산서-1"),
    )

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        fiscal_year = self.fiscal_year()
        index = LineIndex(self.center, fiscal_year, self.user)
        spendable = (
            None
            if self.user is None
            else set(BudgetLine.objects.spendable_by(self.user).values_list("pk", flat=True))
        )
        keys = self.keys(rows, fiscal_year)
        done = self.imported((Expenditure,), keys)
        result = ImportResult(rows_read=len(rows))
        actions: list[tuple[Row, Action]] = []
        for row, key in zip(rows, keys, strict=True):
            if key in done:
                result.outcomes[row.number] = Outcome.UNCHANGED
                continue
            before = len(errors)
            day = self.date(row, errors, fiscal_year)
            line = self.line(row, errors, index, "세부계정과목")
            payee = parse_text(row, "지급처", errors, required=True)
            description = parse_text(row, "내용", errors, required=True)
            amount = parse_amount(row, "금액", errors, zero=False, required=True)
            evidence = row.text("증빙")
            if line is not None and spendable is not None and line.pk not in spendable:
                errors.add(
                    row,
                    row.column("세부계정과목"),
                    f"‘{line}’ 과목에는 집행을 기록할 권한이 없습니다(담당 사업 아님).",
                )
            if len(errors) > before:
                continue
            assert line is not None and day is not None
            result.labels[row.number] = f"{payee} · {description}"
            action = _bind(
                services.record_expenditure,
                line=line,
                spent_on=day,
                payee=payee,
                description=description,
                amount_won=amount,
                evidence_reference=evidence,
                recorded_by=self.user,
                import_key=key,
            )
            actions.append((row, action))
        if errors:
            return result
        return self.perform(actions, errors, progress, result)


@register_importer
class IncomeImporter(_BudgetImporter):
    """Interest, other income, disallowed amounts and grants.

    Columns 일자, 구분, 과목 또는 계좌, 계좌 (optional), 금액, 사유. 구분 is 이자, 기타수익, 불인정
    or 교부. 과목 또는 계좌 names a budget line, or for 이자 and 기타수익 a whole 관; 계좌 names the
    bank account (name or number), whose 관 is then the row's."""

    kind = "income"
    label = "이자·기타수익·불인정·교부"
    capability = Capability.APPROVE_MONEY
    key_kind = "income"
    columns = (
        _column("일자", example="2017-12-31", date=True),
        _column("구분", example="이자"),
        _column("과목 또는 계좌", example="제안사업비"),
        _column("계좌", required=False, example="제안사업비 전용계좌"),
        _column("금액", example="12,345"),
        _column("사유"),
    )

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        fiscal_year = self.fiscal_year()
        index = LineIndex(self.center, fiscal_year, self.user)
        accounts = AccountIndex(self.center, fiscal_year)
        keys = self.keys(rows, fiscal_year)
        done = self.imported((Income, Disallowance, Grant), keys)
        result = ImportResult(rows_read=len(rows))
        actions: list[tuple[Row, Action]] = []
        for row, key in zip(rows, keys, strict=True):
            if key in done:
                result.outcomes[row.number] = Outcome.UNCHANGED
                continue
            before = len(errors)
            day = self.date(row, errors, fiscal_year)
            kind = parse_text(row, "구분", errors, required=True)
            if kind and kind not in INCOME_KINDS:
                errors.add(
                    row,
                    row.column("구분"),
                    f"구분은 {', '.join(INCOME_KINDS)} 중 하나여야 합니다: '{kind}'",
                )
            account_text = parse_text(row, "계좌", errors)
            reference = parse_text(row, "과목 또는 계좌", errors, required=not account_text)
            amount = parse_amount(row, "금액", errors, zero=False, required=True)
            reason = parse_text(row, "사유", errors, required=kind == "불인정")
            line, chapter = None, ""
            if reference:
                line, why = index.find(reference)
                if line is None and kind in {"이자", "기타수익"} and reference in index.chapters:
                    chapter = reference
                elif line is None:
                    errors.add(row, row.column("과목 또는 계좌"), why)
            account, why = accounts.resolve(
                account_text,
                line=line,
                chapter=chapter,
                fund=index.chapters.get(chapter),
                income=kind in {"이자", "기타수익"},
                interest=kind == "이자",
            )
            if why:
                errors.add(row, row.column("계좌") if row.has("계좌") else "계좌", why)
            if len(errors) > before:
                continue
            assert day is not None and amount is not None
            result.labels[row.number] = f"{kind} · {reference or account_text}"
            action = self.income_action(
                kind, line, chapter, account, index, fiscal_year, day, amount, reason, key
            )
            actions.append((row, action))
        if errors:
            return result
        return self.perform(actions, errors, progress, result)

    def income_action(
        self,
        kind: str,
        line: BudgetLine | None,
        chapter: str,
        account: BankAccount | None,
        index: LineIndex,
        fiscal_year: FiscalYear,
        day: datetime.date,
        amount: int,
        reason: str,
        key: str,
    ) -> Action:
        if kind == "불인정":
            assert line is not None
            return _bind(
                services.record_disallowance,
                line=line,
                amount_won=amount,
                decided_on=day,
                reason=reason,
                import_key=key,
            )
        if kind == "교부":
            assert line is not None
            return _bind(
                services.record_grant,
                line=line,
                amount_won=amount,
                granted_on=day,
                note=reason,
                import_key=key,
            )
        return _bind(
            services.record_income,
            center=self.center,
            fiscal_year=fiscal_year,
            kind=IncomeKind.INTEREST if kind == "이자" else IncomeKind.OTHER,
            line=line,
            fund=index.chapters.get(chapter),
            chapter=chapter,
            account=account,
            amount_won=amount,
            received_on=day,
            note=reason,
            import_key=key,
        )
