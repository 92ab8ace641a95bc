"""Imports of budget lines, transfers, expenditures and income from parsed rows.

Each importer takes the rows of one file as (row number, {Korean header: value}) pairs, checks
every row, and either saves all of them or raises ImportProblems listing every problem as
`N행 [열이름]: 사유` with nothing saved. Re-running the same file saves nothing new."""

from __future__ import annotations

import datetime
import hashlib
import re
from abc import abstractmethod
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

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
from dure.core.imports import ImportColumn, RowCounts, RowFunctionImporter, register_importer
from dure.core.models import Center, FiscalYear, User
from dure.core.roles import Capability
from dure.core.services import ensure_fiscal_year
from dure.programs.models import Program

Row = tuple[int, Mapping[str, Any]]
Progress = Callable[[str], object]

BUDGET_COLUMNS = ("관", "항", "목", "세부계정과목", "사업명", "초기예산액")
TRANSFER_COLUMNS = ("일자", "보내는 과목", "받는 과목", "금액", "사유")
EXPENDITURE_COLUMNS = ("일자", "세부계정과목", "지급처", "내용", "금액", "증빙")
INCOME_COLUMNS = ("일자", "구분", "과목 또는 계좌", "계좌", "금액", "사유")
INCOME_KINDS = ("이자", "기타수익", "불인정", "교부")
OPERATING_CHAPTER = "운영비"


class ImportProblems(Exception):
    """Every problem of a file; nothing was saved."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


@dataclass
class ImportResult:
    created_rows: list[int]
    unchanged: int

    @property
    def created(self) -> int:
        return len(self.created_rows)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _problem(number: int, column: str, reason: str) -> str:
    return f"{number}행 [{column}]: {reason}"


def _check_header(rows: Sequence[Row], columns: Sequence[str], optional: set[str]) -> None:
    if not rows:
        raise ImportProblems(["1행: 가져올 행이 없습니다."])
    present = set(rows[0][1])
    missing = [c for c in columns if c not in present and c not in optional]
    if missing:
        raise ImportProblems([_problem(1, column, "열이 없습니다.") for column in missing])


class RowReader:
    """Reads typed values from one row and collects the problems."""

    def __init__(self, number: int, values: Mapping[str, Any], fiscal_year: FiscalYear) -> None:
        self.number = number
        self.values = values
        self.fiscal_year = fiscal_year
        self.problems: list[str] = []

    def fail(self, column: str, reason: str) -> None:
        self.problems.append(_problem(self.number, column, reason))

    def text(self, column: str, *, required: bool = True) -> str:
        value = _text(self.values.get(column))
        if required and not value:
            self.fail(column, "값이 비어 있습니다.")
        return value

    def amount(self, column: str, *, allow_zero: bool = False) -> int:
        raw = self.text(column)
        if not raw:
            return 0
        cleaned = re.sub(r"[,\s원]", "", raw)
        if not re.fullmatch(r"-?\d+", cleaned):
            self.fail(column, f"금액은 원 단위 정수여야 합니다: '{raw}'")
            return 0
        value = int(cleaned)
        if value < 0 or (value == 0 and not allow_zero):
            condition = "0원 이상이어야" if allow_zero else "0원보다 커야"
            self.fail(column, f"금액은 {condition} 합니다: '{raw}'")
        return value

    def date(self, column: str) -> datetime.date | None:
        value = self.values.get(column)
        if isinstance(value, datetime.datetime):
            day: datetime.date | None = value.date()
        elif isinstance(value, datetime.date):
            day = value
        else:
            day = _parse_date(_text(value))
        if day is None:
            self.fail(column, f"날짜 형식이 아닙니다: '{_text(value)}' (예: 2017-05-23, 2017.5.23)")
            return None
        year = self.fiscal_year
        if not year.starts_on <= day <= year.ends_on:
            self.fail(
                column, f"{day.year}.{day.month}.{day.day}은(는) {year.year} 회계연도 밖입니다."
            )
            return None
        return day


def _parse_date(text: str) -> datetime.date | None:
    match = re.fullmatch(r"(\d{4})[-./ ]\s*(\d{1,2})[-./ ]\s*(\d{1,2})\.?", text) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", text
    )
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class LineIndex:
    """Finds a budget line by '세부계정과목' or 'qualifier/…/세부계정과목' (관, 항, 목, 사업명)."""

    def __init__(self, center: Center, fiscal_year: FiscalYear) -> None:
        self.lines = list(
            BudgetLine.objects.filter(center=center, fiscal_year=fiscal_year).select_related(
                "program"
            )
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


def _keys(kind: str, center: Center, fiscal_year: FiscalYear, rows: Sequence[Row]) -> list[str]:
    """A key per row from its content and its occurrence, so a re-run finds the same rows."""
    seen: Counter[str] = Counter()
    keys = []
    for _, values in rows:
        content = "|".join(f"{k}={_text(v)}" for k, v in sorted(values.items()))
        seen[content] += 1
        raw = f"{kind}|{center.code}|{fiscal_year.year}|{content}|{seen[content]}"
        keys.append(hashlib.sha256(raw.encode()).hexdigest())
    return keys


def _saving(
    rows: Sequence[Row], actions: list[tuple[int, Callable[[], object]]], progress: Progress
) -> list[int]:
    """Run each row's save in its own savepoint; any failure → every problem, nothing saved."""
    problems: list[str] = []
    with transaction.atomic():
        for index, (number, action) in enumerate(actions, start=1):
            try:
                with transaction.atomic():
                    action()
            except ValidationError as error:
                problems.extend(_problem(number, "행", message) for message in error.messages)
            if index % 500 == 0:
                progress(f"{index}/{len(actions)}행 저장")
        if problems:
            transaction.set_rollback(True)
    if problems:
        raise ImportProblems(problems)
    return [number for number, _ in actions]


def import_budget(
    *,
    rows: Sequence[Row],
    center: Center,
    fiscal_year: FiscalYear,
    progress: Progress = str,
) -> ImportResult:
    """Budget lines with their initial budget (관, 항, 목, 세부계정과목, 사업명, 초기예산액).

    사업명 names a program of the year when one has that name; otherwise it is the statement row
    (a funding source such as '2017 시설운영비'). A 관 named 운영비 is operating cost; a 관 whose
    name starts with 시설 belongs to the facility fund (or give the optional column 재원)."""
    _check_header(rows, BUDGET_COLUMNS, {"항", "목", "사업명"})
    programs = {
        program.name: program
        for program in Program.objects.filter(center=center, area__fiscal_year=fiscal_year)
    }
    existing = {
        (line.chapter, line.section, line.item, line.account_title, line.unit_name): line
        for line in BudgetLine.objects.filter(center=center, fiscal_year=fiscal_year)
    }
    budgets = {
        budget.line_id: budget.amount_won
        for budget in InitialBudget.objects.filter(center=center, fiscal_year=fiscal_year)
    }
    problems: list[str] = []
    actions: list[tuple[int, Callable[[], object]]] = []
    unchanged = 0
    seen: set[tuple[str, ...]] = set()
    for order, (number, values) in enumerate(rows, start=1):
        row = RowReader(number, values, fiscal_year)
        chapter = row.text("관")
        account = row.text("세부계정과목")
        section, item = row.text("항", required=False), row.text("목", required=False)
        unit = row.text("사업명", required=False)
        amount = row.amount("초기예산액", allow_zero=True)
        fund_text = row.text("재원", required=False)
        fund = _fund(fund_text, chapter, row)
        path = (chapter, section, item, account, unit)
        if path in seen:
            row.fail("세부계정과목", "같은 관·항·목·세부계정과목·사업명이 파일에 두 번 있습니다.")
        seen.add(path)
        if row.problems:
            problems.extend(row.problems)
            continue
        line = existing.get(path)
        if line is not None and line.pk in budgets:
            if budgets[line.pk] != amount:
                row.fail("초기예산액", f"이미 {budgets[line.pk]:,}원이 기록되어 있습니다.")
                problems.extend(row.problems)
            else:
                unchanged += 1
            continue
        actions.append(
            (
                number,
                _budget_action(
                    line=line,
                    center=center,
                    fiscal_year=fiscal_year,
                    fund=fund,
                    path=path,
                    program=programs.get(unit),
                    amount=amount,
                    order=order,
                ),
            )
        )
    if problems:
        raise ImportProblems(problems)
    return ImportResult(created_rows=_saving(rows, actions, progress), unchanged=unchanged)


def _fund(text: str, chapter: str, row: RowReader) -> str:
    if text:
        for value, label in Fund.choices:
            if text == label:
                return value
        row.fail("재원", f"재원은 위탁사업비나 시설운영비여야 합니다: '{text}'")
    return Fund.FACILITY if chapter.startswith("시설") else Fund.COMMISSIONED


def _budget_action(
    *,
    line: BudgetLine | None,
    center: Center,
    fiscal_year: FiscalYear,
    fund: str,
    path: tuple[str, str, str, str, str],
    program: Program | None,
    amount: int,
    order: int,
) -> Callable[[], object]:
    chapter, section, item, account, unit = path

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


def _new_rows(
    model: type[Transfer | Expenditure | Income | Grant | Disallowance],
    kind: str,
    rows: Sequence[Row],
    center: Center,
    fiscal_year: FiscalYear,
) -> tuple[list[tuple[Row, str]], int]:
    keys = _keys(kind, center, fiscal_year, rows)
    done = set(
        model.objects.filter(center=center, import_key__in=keys).values_list(
            "import_key", flat=True
        )
    )
    fresh = [(row, key) for row, key in zip(rows, keys, strict=True) if key not in done]
    return fresh, len(rows) - len(fresh)


def import_transfers(
    *,
    rows: Sequence[Row],
    center: Center,
    fiscal_year: FiscalYear,
    approved_by: User | None = None,
    progress: Progress = str,
) -> ImportResult:
    """Approved transfers (일자, 보내는 과목, 받는 과목, 금액, 사유)."""
    _check_header(rows, TRANSFER_COLUMNS, set())
    index = LineIndex(center, fiscal_year)
    fresh, unchanged = _new_rows(Transfer, "transfer", rows, center, fiscal_year)
    problems: list[str] = []
    actions: list[tuple[int, Callable[[], object]]] = []
    for (number, values), key in fresh:
        row = RowReader(number, values, fiscal_year)
        day = row.date("일자")
        sender = _line(row, index, "보내는 과목")
        receiver = _line(row, index, "받는 과목")
        amount = row.amount("금액")
        reason = row.text("사유")
        if sender is not None and sender == receiver:
            row.fail("받는 과목", "보내는 과목과 받는 과목이 같습니다.")
        if row.problems:
            problems.extend(row.problems)
            continue
        assert sender is not None and receiver is not None and day is not None
        actions.append(
            (
                number,
                _bind(
                    services.record_transfer,
                    from_line=sender,
                    to_line=receiver,
                    amount_won=amount,
                    transferred_on=day,
                    reason=reason,
                    approved_by=approved_by,
                    import_key=key,
                ),
            )
        )
    if problems:
        raise ImportProblems(problems)
    return ImportResult(created_rows=_saving(rows, actions, progress), unchanged=unchanged)


def _bind(function: Callable[..., object], **kwargs: Any) -> Callable[[], object]:
    return lambda: function(**kwargs)


def _line(row: RowReader, index: LineIndex, column: str) -> BudgetLine | None:
    reference = row.text(column)
    if not reference:
        return None
    line, reason = index.find(reference)
    if line is None:
        row.fail(column, reason)
    return line


def import_expenditures(
    *,
    rows: Sequence[Row],
    center: Center,
    fiscal_year: FiscalYear,
    recorded_by: User | None = None,
    progress: Progress = str,
) -> ImportResult:
    """Expenditures (일자, 세부계정과목, 지급처, 내용, 금액, 증빙); overspending refuses all."""
    _check_header(rows, EXPENDITURE_COLUMNS, {"증빙"})
    index = LineIndex(center, fiscal_year)
    spendable = (
        None
        if recorded_by is None
        else set(BudgetLine.objects.spendable_by(recorded_by).values_list("pk", flat=True))
    )
    fresh, unchanged = _new_rows(Expenditure, "expenditure", rows, center, fiscal_year)
    problems: list[str] = []
    actions: list[tuple[int, Callable[[], object]]] = []
    for (number, values), key in fresh:
        row = RowReader(number, values, fiscal_year)
        day = row.date("일자")
        line = _line(row, index, "세부계정과목")
        payee, description = row.text("지급처"), row.text("내용")
        amount = row.amount("금액")
        evidence = row.text("증빙", required=False)
        if line is not None and spendable is not None and line.pk not in spendable:
            row.fail(
                "세부계정과목", f"‘{line}’ 과목에는 집행을 기록할 권한이 없습니다(담당 사업 아님)."
            )
        if row.problems:
            problems.extend(row.problems)
            continue
        assert line is not None and day is not None
        actions.append(
            (
                number,
                _bind(
                    services.record_expenditure,
                    line=line,
                    spent_on=day,
                    payee=payee,
                    description=description,
                    amount_won=amount,
                    evidence_reference=evidence,
                    recorded_by=recorded_by,
                    import_key=key,
                ),
            )
        )
    if problems:
        raise ImportProblems(problems)
    return ImportResult(created_rows=_saving(rows, actions, progress), unchanged=unchanged)


def import_income(
    *,
    rows: Sequence[Row],
    center: Center,
    fiscal_year: FiscalYear,
    progress: Progress = str,
) -> ImportResult:
    """Interest, other income, disallowed amounts and grants.

    Columns 일자, 구분, 과목 또는 계좌, 계좌 (optional), 금액, 사유. 구분 is 이자, 기타수익, 불인정
    or 교부. 과목 또는 계좌 names a budget line, or for 이자 and 기타수익 a whole 관; 계좌 names the
    bank account (name or number), whose 관 is then the row's."""
    _check_header(rows, INCOME_COLUMNS, {"계좌"})
    index = LineIndex(center, fiscal_year)
    accounts = AccountIndex(center, fiscal_year)
    models_by_kind: dict[str, type[Income | Disallowance | Grant]] = {
        "이자": Income,
        "기타수익": Income,
        "불인정": Disallowance,
        "교부": Grant,
    }
    keys = _keys("income", center, fiscal_year, rows)
    done: set[str] = set()
    for model in (Income, Disallowance, Grant):
        done |= set(
            model.objects.filter(center=center, import_key__in=keys).values_list(
                "import_key", flat=True
            )
        )
    problems: list[str] = []
    actions: list[tuple[int, Callable[[], object]]] = []
    unchanged = 0
    for (number, values), key in zip(rows, keys, strict=True):
        if key in done:
            unchanged += 1
            continue
        row = RowReader(number, values, fiscal_year)
        day = row.date("일자")
        kind = row.text("구분")
        if kind and kind not in models_by_kind:
            row.fail("구분", f"구분은 {', '.join(INCOME_KINDS)} 중 하나여야 합니다: '{kind}'")
        reference = row.text("과목 또는 계좌", required=not row.text("계좌", required=False))
        amount = row.amount("금액")
        reason = row.text("사유", required=kind == "불인정")
        line, chapter = None, ""
        if reference:
            line, why = index.find(reference)
            if line is None and kind in {"이자", "기타수익"} and reference in index.chapters:
                chapter = reference
            elif line is None:
                row.fail("과목 또는 계좌", why)
        account, why = accounts.resolve(
            row.text("계좌", required=False),
            line=line,
            chapter=chapter,
            fund=index.chapters.get(chapter),
            income=kind in {"이자", "기타수익"},
            interest=kind == "이자",
        )
        if why:
            row.fail("계좌", why)
        if row.problems:
            problems.extend(row.problems)
            continue
        assert day is not None
        action = _income_action(
            kind, line, chapter, account, index, center, fiscal_year, day, amount, reason, key
        )
        actions.append((number, action))
    if problems:
        raise ImportProblems(problems)
    return ImportResult(created_rows=_saving(rows, actions, progress), unchanged=unchanged)


def _income_action(
    kind: str,
    line: BudgetLine | None,
    chapter: str,
    account: BankAccount | None,
    index: LineIndex,
    center: Center,
    fiscal_year: FiscalYear,
    day: datetime.date,
    amount: int,
    reason: str,
    key: str,
) -> Callable[[], object]:
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
        center=center,
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


class _BudgetFileImporter(RowFunctionImporter):
    """`import_records budget|transfers|expenditures|income FILE --center CODE --year YEAR`."""

    needs_year = True
    problem_exception = ImportProblems

    def fiscal_year(self) -> FiscalYear:
        assert self.year is not None
        return ensure_fiscal_year(year=self.year)

    @abstractmethod
    def run(self, pairs: list[Row], progress: Progress) -> ImportResult:
        """Call the kind's import function."""

    def call(
        self, pairs: list[tuple[int, dict[str, Any]]], progress: Callable[[int, int], None]
    ) -> RowCounts:
        total = len(pairs)

        def report(message: str) -> None:
            done = int(message.split("/", 1)[0]) if "/" in message else 0
            progress(done, total)

        result = self.run(list(pairs), report)
        return RowCounts(
            created=result.created,
            unchanged=result.unchanged,
            created_rows=frozenset(result.created_rows),
        )


def _columns(names: Sequence[str], optional: set[str]) -> tuple[ImportColumn, ...]:
    return tuple(ImportColumn(name, name, required=name not in optional) for name in names)


@register_importer
class BudgetImporter(_BudgetFileImporter):
    kind = "budget"
    label = "예산 과목·초기예산"
    capability = Capability.APPROVE_MONEY
    columns = _columns((*BUDGET_COLUMNS, "재원"), {"항", "목", "사업명", "재원"})

    def run(self, pairs: list[Row], progress: Progress) -> ImportResult:
        return import_budget(
            rows=pairs, center=self.center, fiscal_year=self.fiscal_year(), progress=progress
        )


@register_importer
class TransferImporter(_BudgetFileImporter):
    kind = "transfers"
    label = "전용"
    capability = Capability.APPROVE_MONEY
    columns = _columns(TRANSFER_COLUMNS, set())

    def run(self, pairs: list[Row], progress: Progress) -> ImportResult:
        return import_transfers(
            rows=pairs,
            center=self.center,
            fiscal_year=self.fiscal_year(),
            approved_by=self.user,
            progress=progress,
        )


@register_importer
class ExpenditureImporter(_BudgetFileImporter):
    kind = "expenditures"
    label = "집행"
    capability = Capability.EDIT_MONEY
    columns = _columns(EXPENDITURE_COLUMNS, {"증빙"})

    def run(self, pairs: list[Row], progress: Progress) -> ImportResult:
        return import_expenditures(
            rows=pairs,
            center=self.center,
            fiscal_year=self.fiscal_year(),
            recorded_by=self.user,
            progress=progress,
        )


@register_importer
class IncomeImporter(_BudgetFileImporter):
    kind = "income"
    label = "이자·기타수익·불인정·교부"
    capability = Capability.APPROVE_MONEY
    columns = _columns(INCOME_COLUMNS, {"계좌"})

    def run(self, pairs: list[Row], progress: Progress) -> ImportResult:
        return import_income(
            rows=pairs, center=self.center, fiscal_year=self.fiscal_year(), progress=progress
        )
