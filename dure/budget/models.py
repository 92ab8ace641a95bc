"""Budget lines (관 → 항 → 목 → 세부계정과목) and the dated money records behind the settlement.

Figures are never stored: the final budget, the executed amount, the balance and the refund are
sums over these records (see statements.py). A settled year's records cannot change; corrections are
SettlementAdjustment records in a later period."""

from __future__ import annotations

from typing import Any, ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from dure.core.models import Center, CenterOwned, CenterOwnedQuerySet, FiscalYear, User
from dure.core.roles import STAFF_ROLES, Role
from dure.core.uploads import validate_upload
from dure.programs.models import Program

MONEY_READERS = STAFF_ROLES | {Role.FUNDER, Role.AUDITOR}


class Fund(models.TextChoices):
    """The two funds of the settlement summary (정산총괄표) columns."""

    COMMISSIONED = "commissioned", "위탁사업비"
    FACILITY = "facility", "시설운영비"


class SettledYear(CenterOwned):
    """정산 마감: once a center's year is settled its budget and money records cannot change."""

    fiscal_year = models.ForeignKey(FiscalYear, verbose_name="회계연도", on_delete=models.PROTECT)
    settled_at = models.DateTimeField("마감일시")
    settled_by = models.ForeignKey(
        User, verbose_name="마감한 사람", null=True, blank=True, on_delete=models.PROTECT
    )

    reader_roles: ClassVar[frozenset[str]] = MONEY_READERS

    class Meta:
        verbose_name = "정산 마감"
        verbose_name_plural = "정산 마감"
        constraints = [
            models.UniqueConstraint(
                fields=["center", "fiscal_year"],
                name="settled_year_unique",
                violation_error_message="이 센터의 이 연도는 이미 정산 마감되었습니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.center} {self.fiscal_year} 정산 마감"


def is_settled(center_id: int, fiscal_year_id: int) -> bool:
    return SettledYear.objects.filter(center_id=center_id, fiscal_year_id=fiscal_year_id).exists()


def settlement_closer(center_id: int, fiscal_year_id: int) -> str | None:
    """For `dure.core.periods`: a settled year is closed to the records of every module."""
    return "정산이 마감되어" if is_settled(center_id, fiscal_year_id) else None


class PeriodRecord(CenterOwned):
    """A record of one center's fiscal year; refuses any change once that year is settled."""

    fiscal_year = models.ForeignKey(FiscalYear, verbose_name="회계연도", on_delete=models.PROTECT)
    import_key = models.CharField("가져오기 키", max_length=64, blank=True, editable=False)

    reader_roles: ClassVar[frozenset[str]] = MONEY_READERS

    class Meta:
        abstract = True

    def ensure_period_open(self) -> None:
        if is_settled(self.center_id, self.fiscal_year_id):
            raise ValidationError(
                f"{self.fiscal_year.year}년은 정산이 마감되어 기록을 바꿀 수 없습니다. "
                "다음 회계연도에 정산 조정으로 기록하세요."
            )

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.ensure_period_open()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        self.ensure_period_open()
        return super().delete(*args, **kwargs)


def _positive(field: str, name: str, label: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(**{f"{field}__gt": 0}),
        name=name,
        violation_error_message=f"{label}은(는) 0원보다 커야 합니다.",
    )


def _unique_import_key(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(
        fields=["center", "import_key"],
        condition=~Q(import_key=""),
        name=name,
    )


class BudgetLineQuerySet(CenterOwnedQuerySet):
    def in_year(self, center: Center, fiscal_year: FiscalYear) -> BudgetLineQuerySet:
        return self.filter(center=center, fiscal_year=fiscal_year)

    def spendable_by(self, user: User) -> BudgetLineQuerySet:
        """Lines the user may record spending on: program staff only on their own programs."""
        lines = self.editable_by(user)
        if user.role == Role.PROGRAM_STAFF:
            return lines.filter(program__staff=user)
        return lines


class BudgetLine(PeriodRecord):
    """A budget line: 관 → 항 → 목 → 세부계정과목, tied to the program it funds (if any)."""

    fund = models.CharField("재원", max_length=20, choices=Fund.choices)
    chapter = models.CharField("관", max_length=100)
    section = models.CharField("항", max_length=100, blank=True)
    item = models.CharField("목", max_length=100, blank=True)
    account_title = models.CharField("세부계정과목", max_length=100)
    unit_name = models.CharField(
        "정산 단위",
        max_length=200,
        blank=True,
        help_text="정산보고서의 행(사업 또는 재원). 비우면 관 공통입니다.",
    )
    program = models.ForeignKey(
        Program,
        verbose_name="사업",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="budget_lines",
    )
    is_operating_cost = models.BooleanField(
        "운영비", default=False, help_text="운영비는 사업비 세부집행내역서에 넣지 않습니다."
    )
    order = models.PositiveIntegerField("순서", default=0)

    objects = BudgetLineQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = "예산 과목"
        verbose_name_plural = "예산 과목"
        ordering = ["fiscal_year", "center", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "center",
                    "fiscal_year",
                    "chapter",
                    "section",
                    "item",
                    "account_title",
                    "unit_name",
                ],
                name="budget_line_unique_path",
                violation_error_message=(
                    "같은 연도·센터에 같은 관·항·목·세부계정과목·정산 단위가 있습니다."
                ),
            ),
            _unique_import_key("budget_line_unique_import_key"),
        ]

    def __str__(self) -> str:
        owner = self.unit_name or self.chapter
        return f"{owner} / {self.account_title}"

    @property
    def path(self) -> str:
        parts = [self.chapter, self.section, self.item, self.account_title]
        return " › ".join(part for part in parts if part)

    def clean(self) -> None:
        program = self.program if self.program_id is not None else None
        if program is None:
            return
        if program.center_id != self.center_id:
            raise ValidationError({"program": "다른 센터의 사업에는 예산 과목을 둘 수 없습니다."})
        if program.area.fiscal_year_id != self.fiscal_year_id:
            raise ValidationError({"program": "다른 회계연도의 사업입니다."})


class LineRecord(PeriodRecord):
    """A money record on one budget line of the same center and year."""

    line = models.ForeignKey(BudgetLine, verbose_name="예산 과목", on_delete=models.PROTECT)

    class Meta:
        abstract = True

    def clean(self) -> None:
        if self.line_id is None:
            return
        if self.line.center_id != self.center_id or self.line.fiscal_year_id != self.fiscal_year_id:
            raise ValidationError({"line": "다른 센터나 회계연도의 예산 과목입니다."})


def _within_year(fiscal_year: FiscalYear, day: Any, field: str, label: str) -> None:
    if day is None or fiscal_year is None:
        return
    if not fiscal_year.starts_on <= day <= fiscal_year.ends_on:
        raise ValidationError(
            {field: f"{label} {day:%Y.%m.%d}은(는) {fiscal_year.year} 회계연도 밖입니다."}
        )


class InitialBudget(LineRecord):
    """초기예산액: the line's budget as first adopted."""

    amount_won = models.BigIntegerField("초기예산액")
    adopted_on = models.DateField("편성일")
    note = models.CharField("비고", max_length=300, blank=True)

    class Meta:
        verbose_name = "초기예산"
        verbose_name_plural = "초기예산"
        ordering = ["line__order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["line"],
                name="initial_budget_one_per_line",
                violation_error_message="이 예산 과목에는 이미 초기예산액이 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(amount_won__gte=0),
                name="initial_budget_not_negative",
                violation_error_message="초기예산액은 0원 이상이어야 합니다.",
            ),
            _unique_import_key("initial_budget_unique_import_key"),
        ]

    def __str__(self) -> str:
        return f"{self.line} 초기예산 {self.amount_won:,}원"


class TransferStatus(models.TextChoices):
    REQUESTED = "requested", "승인 대기"
    APPROVED = "approved", "승인"
    REJECTED = "rejected", "반려"


class Transfer(PeriodRecord):
    """전용: money moved from one line to another; approved transfers change both final budgets."""

    from_line = models.ForeignKey(
        BudgetLine,
        verbose_name="보내는 과목",
        on_delete=models.PROTECT,
        related_name="transfers_out",
    )
    to_line = models.ForeignKey(
        BudgetLine, verbose_name="받는 과목", on_delete=models.PROTECT, related_name="transfers_in"
    )
    amount_won = models.BigIntegerField("금액")
    transferred_on = models.DateField("일자")
    reason = models.CharField("사유", max_length=300)
    status = models.CharField(
        "상태", max_length=20, choices=TransferStatus.choices, default=TransferStatus.REQUESTED
    )
    requested_by = models.ForeignKey(
        User,
        verbose_name="요청한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        User,
        verbose_name="승인한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("승인일시", null=True, blank=True)
    self_approved = models.BooleanField(
        "단독 승인", default=False, help_text="1인 센터 설정으로 기록한 사람이 직접 승인함"
    )

    class Meta:
        verbose_name = "전용"
        verbose_name_plural = "전용"
        ordering = ["transferred_on", "pk"]
        constraints = [
            _positive("amount_won", "transfer_amount_positive", "전용 금액"),
            models.CheckConstraint(
                condition=~Q(from_line=models.F("to_line")),
                name="transfer_between_two_lines",
                violation_error_message="보내는 과목과 받는 과목이 같습니다.",
            ),
            models.CheckConstraint(
                condition=~Q(status="approved") | Q(approved_at__isnull=False),
                name="transfer_approved_has_time",
                violation_error_message="승인된 전용에는 승인일시가 있어야 합니다.",
            ),
            _unique_import_key("transfer_unique_import_key"),
        ]

    def __str__(self) -> str:
        return f"전용 {self.from_line} → {self.to_line} {self.amount_won:,}원"

    def clean(self) -> None:
        for field in ("from_line", "to_line"):
            line = getattr(self, field) if getattr(self, f"{field}_id") else None
            if line is not None and (
                line.center_id != self.center_id or line.fiscal_year_id != self.fiscal_year_id
            ):
                raise ValidationError({field: "다른 센터나 회계연도의 예산 과목입니다."})
        if self.fiscal_year_id:
            _within_year(self.fiscal_year, self.transferred_on, "transferred_on", "일자")


class Grant(LineRecord):
    """교부액: subsidy received for a line."""

    amount_won = models.BigIntegerField("교부액")
    granted_on = models.DateField("교부일")
    note = models.CharField("비고", max_length=300, blank=True)

    class Meta:
        verbose_name = "교부"
        verbose_name_plural = "교부"
        ordering = ["granted_on", "pk"]
        constraints = [
            _positive("amount_won", "grant_amount_positive", "교부액"),
            _unique_import_key("grant_unique_import_key"),
        ]

    def __str__(self) -> str:
        return f"{self.line} 교부 {self.amount_won:,}원"

    def clean(self) -> None:
        super().clean()
        if self.fiscal_year_id:
            _within_year(self.fiscal_year, self.granted_on, "granted_on", "교부일")


class ExpenditureStatus(models.TextChoices):
    RECORDED = "recorded", "기록"
    APPROVED = "approved", "승인"
    CANCELLED = "cancelled", "취소"


class ExpenditureQuerySet(CenterOwnedQuerySet):
    def counted(self) -> ExpenditureQuerySet:
        """Expenditures that spend the line's budget: every one not cancelled."""
        return self.exclude(status=ExpenditureStatus.CANCELLED)


class Expenditure(LineRecord):
    """집행: one payment from a line with its evidence; a correction is a new record."""

    spent_on = models.DateField("집행일")
    payee = models.CharField("지급처", max_length=200)
    description = models.CharField("내용", max_length=300)
    amount_won = models.BigIntegerField("금액")
    evidence = models.FileField(
        "증빙 파일", upload_to="budget/evidence/%Y/", blank=True, validators=[validate_upload]
    )
    evidence_reference = models.CharField("증빙", max_length=200, blank=True)
    status = models.CharField(
        "상태",
        max_length=20,
        choices=ExpenditureStatus.choices,
        default=ExpenditureStatus.RECORDED,
    )
    recorded_by = models.ForeignKey(
        User,
        verbose_name="기록한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        User,
        verbose_name="승인한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    approved_at = models.DateTimeField("승인일시", null=True, blank=True)
    self_approved = models.BooleanField(
        "단독 승인", default=False, help_text="1인 센터 설정으로 기록한 사람이 직접 승인함"
    )
    corrects = models.ForeignKey(
        "self",
        verbose_name="정정 대상",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
    )
    cancel_reason = models.CharField("취소 사유", max_length=300, blank=True)

    objects = ExpenditureQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = "집행"
        verbose_name_plural = "집행"
        ordering = ["spent_on", "pk"]
        constraints = [
            _positive("amount_won", "expenditure_amount_positive", "집행 금액"),
            models.CheckConstraint(
                condition=~Q(status="cancelled") | ~Q(cancel_reason=""),
                name="expenditure_cancel_has_reason",
                violation_error_message="취소한 집행에는 취소 사유가 있어야 합니다.",
            ),
            _unique_import_key("expenditure_unique_import_key"),
        ]

    def __str__(self) -> str:
        return f"{self.spent_on:%Y.%m.%d} {self.payee} {self.amount_won:,}원"

    def clean(self) -> None:
        super().clean()
        if self.fiscal_year_id:
            _within_year(self.fiscal_year, self.spent_on, "spent_on", "집행일")

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.ensure_approved_unchanged()
        super().save(*args, **kwargs)

    def ensure_approved_unchanged(self) -> None:
        """An approved payment is never edited: it is cancelled and corrected by a new record."""
        if self.pk is None:
            return
        stored = (
            Expenditure.objects.filter(pk=self.pk, status=ExpenditureStatus.APPROVED)
            .values(*APPROVED_EXPENDITURE_FIELDS)
            .first()
        )
        if stored is None:
            return
        current = {name: getattr(self, name) for name in APPROVED_EXPENDITURE_FIELDS}
        current["evidence"] = self.evidence.name or ""
        stored["evidence"] = stored["evidence"] or ""
        if current != stored:
            raise ValidationError(
                "승인된 집행은 고칠 수 없습니다. ‘정정 (새 기록)’으로 새 기록을 남기세요."
            )


APPROVED_EXPENDITURE_FIELDS = (
    "line_id",
    "spent_on",
    "payee",
    "description",
    "amount_won",
    "evidence",
    "evidence_reference",
    "recorded_by_id",
    "corrects_id",
)


ACCOUNT_NUMBER_VALIDATOR = RegexValidator(
    r"^[0-9]+(-[0-9]+)*$",
    "계좌번호는 숫자와 하이픈(-)만 씁니다(예: 1005-302-123456).",
)


def account_digits(number: str) -> str:
    """The digits of an account number: 1005-302-123456 and 1005302123456 are one account."""
    return "".join(character for character in number if character.isdigit())


class BankAccount(PeriodRecord):
    """보조금 전용계좌: the center's account holding a 관's subsidy, where its interest is earned.

    One record per center and fiscal year (an account used for several years has a record in each).
    The number is the center's, not personal data; it is shown in full on money screens only."""

    name = models.CharField("계좌명", max_length=100, help_text="예: 위탁사업비 전용계좌")
    bank = models.CharField("은행", max_length=50, blank=True)
    number = models.CharField(
        "계좌번호",
        max_length=40,
        blank=True,
        validators=[ACCOUNT_NUMBER_VALIDATOR],
        help_text="숫자와 하이픈(-)만 씁니다.",
    )
    fund = models.CharField("재원", max_length=20, choices=Fund.choices)
    chapter = models.CharField("관", max_length=100)
    opened_on = models.DateField("개설일", null=True, blank=True)
    closed_on = models.DateField("해지일", null=True, blank=True)
    note = models.CharField("비고", max_length=300, blank=True)

    class Meta:
        verbose_name = "보조금 전용계좌"
        verbose_name_plural = "보조금 전용계좌"
        ordering = ["fiscal_year", "center", "fund", "chapter", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "fiscal_year", "name"],
                name="bank_account_unique_name",
                violation_error_message="이 센터의 이 연도에 같은 이름의 계좌가 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["center", "fiscal_year", "number"],
                condition=~Q(number=""),
                name="bank_account_unique_number",
                violation_error_message="이 센터의 이 연도에 같은 계좌번호가 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(opened_on__isnull=True)
                | Q(closed_on__isnull=True)
                | Q(closed_on__gte=models.F("opened_on")),
                name="bank_account_date_order",
                violation_error_message="해지일은 개설일보다 빠를 수 없습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def masked_number(self) -> str:
        """The number with every digit but the last four hidden, for screens that show no money."""
        digits = account_digits(self.number)
        keep = len(digits) - 4
        seen = 0
        masked = []
        for character in self.number:
            if character.isdigit():
                masked.append(character if seen >= keep else "*")
                seen += 1
            else:
                masked.append(character)
        return "".join(masked)

    @property
    def is_closed(self) -> bool:
        return self.closed_on is not None

    def clean(self) -> None:
        if not self.fiscal_year_id:
            return
        year = self.fiscal_year
        if self.opened_on is not None and self.opened_on > year.ends_on:
            raise ValidationError(
                {"opened_on": f"{year.year} 회계연도가 끝난 뒤에 개설한 계좌입니다."}
            )
        if self.closed_on is not None and self.closed_on < year.starts_on:
            raise ValidationError(
                {"closed_on": f"{year.year} 회계연도가 시작하기 전에 해지한 계좌입니다."}
            )
        if not self.center_id:
            return
        lines = BudgetLine.objects.filter(
            center_id=self.center_id, fiscal_year_id=self.fiscal_year_id, chapter=self.chapter
        )
        if self.chapter and not lines.filter(fund=self.fund).exists():
            raise ValidationError(
                {"chapter": f"{year.year}년 예산에 이 재원의 관 ‘{self.chapter}’이(가) 없습니다."}
            )
        if self.number and self._number_taken():
            raise ValidationError({"number": "이 센터의 이 연도에 같은 계좌번호가 있습니다."})

    def _number_taken(self) -> bool:
        """Another account of the year with the same digits written differently (the exact same
        text is the unique constraint's)."""
        others = (
            BankAccount.objects.filter(center_id=self.center_id, fiscal_year_id=self.fiscal_year_id)
            .exclude(pk=self.pk)
            .exclude(number=self.number)
            .values_list("number", flat=True)
        )
        digits = account_digits(self.number)
        return any(account_digits(other) == digits for other in others)


class IncomeKind(models.TextChoices):
    INTEREST = "interest", "이자"
    OTHER = "other", "기타수익"


class Income(PeriodRecord):
    """이자발생액 and 기타 수익금: on a line, or on a 관 as a whole (line empty).

    Interest refers to the bank account it was earned on; the account's 관 is the income's 관."""

    kind = models.CharField("구분", max_length=20, choices=IncomeKind.choices)
    fund = models.CharField("재원", max_length=20, choices=Fund.choices)
    chapter = models.CharField("관", max_length=100)
    line = models.ForeignKey(
        BudgetLine, verbose_name="예산 과목", null=True, blank=True, on_delete=models.PROTECT
    )
    account = models.ForeignKey(
        BankAccount,
        verbose_name="계좌",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="incomes",
    )
    amount_won = models.BigIntegerField("금액")
    received_on = models.DateField("발생일")
    note = models.CharField("사유", max_length=300, blank=True)

    class Meta:
        verbose_name = "이자·기타수익"
        verbose_name_plural = "이자·기타수익"
        ordering = ["received_on", "pk"]
        constraints = [
            _positive("amount_won", "income_amount_positive", "수익 금액"),
            _unique_import_key("income_unique_import_key"),
        ]

    def __str__(self) -> str:
        where = self.line or self.account or self.chapter
        return f"{self.get_kind_display()} {where} {self.amount_won:,}원"

    def clean(self) -> None:
        line = self.line if self.line_id is not None else None
        if line is not None:
            if line.center_id != self.center_id or line.fiscal_year_id != self.fiscal_year_id:
                raise ValidationError({"line": "다른 센터나 회계연도의 예산 과목입니다."})
            if line.chapter != self.chapter or line.fund != self.fund:
                raise ValidationError({"chapter": "예산 과목의 관·재원과 맞지 않습니다."})
        account = self.account if self.account_id is not None else None
        if account is not None:
            if account.center_id != self.center_id or account.fiscal_year_id != self.fiscal_year_id:
                raise ValidationError({"account": "다른 센터나 회계연도의 계좌입니다."})
            if account.chapter != self.chapter or account.fund != self.fund:
                raise ValidationError(
                    {
                        "account": f"계좌 ‘{account}’은(는) 관 ‘{account.chapter}’의 계좌라 "
                        f"관 ‘{self.chapter}’의 수익과 맞지 않습니다."
                    }
                )
            closed = account.closed_on
            if closed is not None and self.received_on is not None and self.received_on > closed:
                raise ValidationError(
                    {"account": f"계좌 ‘{account}’은(는) {closed:%Y.%m.%d}에 해지했습니다."}
                )
        if self.fiscal_year_id:
            _within_year(self.fiscal_year, self.received_on, "received_on", "발생일")


class Disallowance(LineRecord):
    """불인정액: spending the auditor did not accept; it is returned with the balance."""

    expenditure = models.ForeignKey(
        Expenditure, verbose_name="집행", null=True, blank=True, on_delete=models.PROTECT
    )
    amount_won = models.BigIntegerField("불인정액")
    decided_on = models.DateField("결정일")
    reason = models.CharField("사유", max_length=300)

    class Meta:
        verbose_name = "불인정"
        verbose_name_plural = "불인정"
        ordering = ["decided_on", "pk"]
        constraints = [
            _positive("amount_won", "disallowance_amount_positive", "불인정액"),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="disallowance_has_reason",
                violation_error_message="불인정 사유를 적어야 합니다.",
            ),
            _unique_import_key("disallowance_unique_import_key"),
        ]

    def __str__(self) -> str:
        return f"{self.line} 불인정 {self.amount_won:,}원"


class AdjustmentKind(models.TextChoices):
    EXPENDITURE = "expenditure", "집행 정정"
    DISALLOWED = "disallowed", "불인정"
    INTEREST = "interest", "이자"
    OTHER = "other", "기타수익"


class SettlementAdjustment(PeriodRecord):
    """정산 조정: a correction of a settled year, recorded in a later, open period."""

    adjusted_year = models.ForeignKey(
        FiscalYear, verbose_name="조정 대상 연도", on_delete=models.PROTECT, related_name="+"
    )
    kind = models.CharField("구분", max_length=20, choices=AdjustmentKind.choices)
    line = models.ForeignKey(
        BudgetLine,
        verbose_name="대상 예산 과목",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="adjustments",
    )
    amount_won = models.BigIntegerField("조정액", help_text="늘면 +, 줄면 −")
    adjusted_on = models.DateField("조정일")
    reason = models.CharField("사유", max_length=300)
    recorded_by = models.ForeignKey(
        User,
        verbose_name="기록한 사람",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        verbose_name = "정산 조정"
        verbose_name_plural = "정산 조정"
        ordering = ["adjusted_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(amount_won=0),
                name="adjustment_not_zero",
                violation_error_message="조정액은 0원이 아니어야 합니다.",
            ),
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="adjustment_has_reason",
                violation_error_message="조정 사유를 적어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.adjusted_year} 정산 조정 {self.get_kind_display()} {self.amount_won:,}원"

    @property
    def refund_effect_won(self) -> int:
        """The change of the settled 반환대상액: more spending returns less, the rest more."""
        if self.kind == AdjustmentKind.EXPENDITURE:
            return -self.amount_won
        return self.amount_won

    def clean(self) -> None:
        if not (self.fiscal_year_id and self.adjusted_year_id):
            return
        if self.adjusted_year.year >= self.fiscal_year.year:
            raise ValidationError({"adjusted_year": "조정은 이후 회계연도에 기록합니다."})
        if not is_settled(self.center_id, self.adjusted_year_id):
            raise ValidationError(
                {"adjusted_year": "정산이 마감되지 않은 연도는 그 연도에 직접 기록합니다."}
            )
        line = self.line if self.line_id is not None else None
        if line is not None and (
            line.fiscal_year_id != self.adjusted_year_id or line.center_id != self.center_id
        ):
            raise ValidationError({"line": "조정 대상 연도·센터의 예산 과목이 아닙니다."})
        _within_year(self.fiscal_year, self.adjusted_on, "adjusted_on", "조정일")


class MoneyRecordAccess(models.Model):
    """One opening of money records by an auditor (회계감사인 열람기록)."""

    user = models.ForeignKey(User, verbose_name="열람자", on_delete=models.PROTECT)
    accessed_at = models.DateTimeField("열람일시", auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField("IP 주소", null=True, blank=True)
    center = models.ForeignKey(
        Center, verbose_name="센터", null=True, blank=True, on_delete=models.PROTECT
    )
    fiscal_year = models.PositiveSmallIntegerField("회계연도", null=True, blank=True)
    subject = models.CharField("열람 대상", max_length=200)
    path = models.CharField("화면", max_length=500)

    class Meta:
        verbose_name = "감사인 열람기록"
        verbose_name_plural = "감사인 열람기록"
        ordering = ["-accessed_at"]

    def __str__(self) -> str:
        return f"{self.user} {self.subject}"
