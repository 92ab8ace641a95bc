"""Budget screens: the three statements with drill-down, lines, spending, transfers, year lock."""

from __future__ import annotations

import json
from collections.abc import Mapping

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Page, Paginator
from django.db.models import Count, Q, QuerySet, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from dure.budget import exports, metrics, services
from dure.budget.forms import (
    AdjustmentForm,
    BankAccountForm,
    CloseAccountForm,
    CorrectionForm,
    ExpenditureForm,
    ReasonForm,
    TransferForm,
)
from dure.budget.models import (
    BankAccount,
    BudgetLine,
    Expenditure,
    Fund,
    Income,
    MoneyRecordAccess,
    SettledYear,
    Transfer,
    TransferStatus,
)
from dure.budget.statements import (
    DETAIL_COLUMNS,
    REPORT_COLUMNS,
    StatementScope,
    build_settlement,
    settlement_json,
)
from dure.core.access import (
    client_ip,
    get_editable_or_404,
    get_visible_or_404,
    require,
    visible_center_or_404,
)
from dure.core.formatting import MoneyUnit
from dure.core.history import history_for
from dure.core.http import AuthenticatedRequest
from dure.core.models import Center, FiscalYear, User
from dure.core.roles import Capability
from dure.core.uploads import attachment_response

UNITS = (MoneyUnit.WON, MoneyUnit.THOUSAND)
PAGE_SIZE = 100


def _center(user: User, code: str) -> Center:
    """A center whose money the user may read: their own, or a district of their metro center."""
    if user.center is None:
        raise Http404
    return visible_center_or_404(user, code)


def _log_money_access(
    request: AuthenticatedRequest, *, subject: str, center: Center | None, year: int | None
) -> None:
    """An auditor's opening of money records, with the client's address and the page opened."""
    request.money_access_logged = True  # type: ignore[attr-defined]
    services.record_money_access(
        user=request.user,
        ip_address=client_ip(request),
        path=request.get_full_path(),
        subject=subject,
        center=center,
        year=year,
    )


def _unit(request: AuthenticatedRequest) -> MoneyUnit:
    label = request.GET.get("unit", "원")
    return next((unit for unit in UNITS if unit.label == label), MoneyUnit.WON)


def _frame(request: AuthenticatedRequest, year: int, code: str) -> tuple[Center, FiscalYear]:
    return _center(request.user, code), get_object_or_404(FiscalYear, year=year)


def _records_base(year: int, code: str) -> str:
    return reverse("budget:record_list", args=[year, code, "all"]).removesuffix("all/")


@require(Capability.VIEW_MONEY)
def home(request: AuthenticatedRequest) -> HttpResponse:
    years = (
        BudgetLine.objects.visible_to(request.user)
        .values("center__code", "center__name", "fiscal_year__year")
        .annotate(lines=Count("pk"))
        .order_by("-fiscal_year__year", "center__administrative_code")
    )
    _log_money_access(request, subject="예산·정산 목록", center=None, year=None)
    return render(request, "budget/home.html", {"years": years})


def _statement(
    request: AuthenticatedRequest, year: int, code: str, template: str, title: str
) -> HttpResponse:
    center, fiscal_year = _frame(request, year, code)
    settlement = build_settlement(center=center, fiscal_year=fiscal_year)
    _log_money_access(request, subject=title, center=center, year=year)
    context = {
        "settlement": settlement,
        "title": title,
        "unit": _unit(request).label,
        "units": [unit.label for unit in UNITS],
        "records_base": _records_base(year, code),
        "report_columns": REPORT_COLUMNS,
        "detail_columns": DETAIL_COLUMNS,
        "can_settle": request.user.can(Capability.APPROVE_MONEY) and settlement.settled is None,
        "can_adjust": request.user.can(Capability.APPROVE_MONEY) and settlement.settled is not None,
    }
    return render(request, template, context)


@require(Capability.VIEW_MONEY)
def settlement_summary(request: AuthenticatedRequest, year: int, center: str) -> HttpResponse:
    return _statement(request, year, center, "budget/settlement_summary.html", "정산총괄표")


@require(Capability.VIEW_MONEY)
def settlement_report(request: AuthenticatedRequest, year: int, center: str) -> HttpResponse:
    return _statement(request, year, center, "budget/settlement_report.html", "정산보고서")


@require(Capability.VIEW_MONEY)
def settlement_detail(request: AuthenticatedRequest, year: int, center: str) -> HttpResponse:
    return _statement(
        request, year, center, "budget/settlement_detail.html", "사업비 세부집행내역서"
    )


@require(Capability.VIEW_MONEY)
def settlement_export(
    request: AuthenticatedRequest, year: int, center: str, file_format: str
) -> HttpResponse:
    owner, fiscal_year = _frame(request, year, center)
    settlement = build_settlement(center=owner, fiscal_year=fiscal_year)
    unit = _unit(request)
    _log_money_access(request, subject=f"정산서 내려받기 ({file_format})", center=owner, year=year)
    filename = f"settlement-{year}-{owner.code}"
    if file_format == "json":
        body = json.dumps(settlement_json(settlement), ensure_ascii=False, indent=2)
        response = HttpResponse(body, content_type="application/json; charset=utf-8")
    elif file_format == "xlsx":
        response = HttpResponse(
            exports.settlement_xlsx(settlement, unit),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    elif file_format == "pdf":
        response = HttpResponse(
            exports.settlement_pdf(settlement, unit), content_type="application/pdf"
        )
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="{filename}.{file_format}"'
    return response


@require(Capability.VIEW_MONEY)
def record_list(request: AuthenticatedRequest, year: int, center: str, kind: str) -> HttpResponse:
    owner, fiscal_year = _frame(request, year, center)
    scope = StatementScope.from_params(request.GET.dict())
    if kind in metrics.COMPOSITE_KINDS:
        title, kinds = metrics.COMPOSITE_KINDS[kind]
    elif kind in metrics.RECORD_KINDS:
        title, kinds = metrics.RECORD_KINDS[kind], (kind,)
    else:
        raise Http404
    _log_money_access(request, subject=f"{title} 기록 {scope.query()}", center=owner, year=year)
    sections = []
    for each in kinds:
        if each == "transfer":
            rows: object = metrics.signed_transfers(
                center=owner, fiscal_year=fiscal_year, scope=scope
            )
            total = metrics.counted_total(each, rows)  # type: ignore[arg-type]
        else:
            queryset = metrics.records(each, center=owner, fiscal_year=fiscal_year, scope=scope)
            total = metrics.counted_total(each, queryset)
            rows = queryset
        page: Page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get(f"page_{each}"))  # type: ignore[arg-type]
        sections.append(
            {"kind": each, "label": metrics.RECORD_KINDS[each], "page": page, "total": total}
        )
    context = {
        "center": owner,
        "fiscal_year": fiscal_year,
        "title": title,
        "scope": scope,
        "bank_account": BankAccount.objects.filter(
            center=owner, fiscal_year=fiscal_year, pk=scope.bank_account
        ).first()
        if scope.bank_account is not None
        else None,
        "interest_by_account": _interest_by_account(
            metrics.records("interest", center=owner, fiscal_year=fiscal_year, scope=scope)
        )
        if kind == "interest"
        else [],
        "sections": sections,
        "grand_total": sum(section["total"] for section in sections),  # type: ignore[misc]
    }
    return render(request, "budget/record_list.html", context)


def _interest_by_account(rows: QuerySet[Income]) -> list[Mapping[str, object]]:
    """Interest records summed per bank account (account None: recorded without one)."""
    return list(
        rows.values("account", "account__name", "account__bank", "account__number")
        .annotate(total=Sum("amount_won"), count=Count("pk"))
        .order_by("account__name")
    )


@require(Capability.VIEW_MONEY)
def line_list(request: AuthenticatedRequest, year: int, center: str) -> HttpResponse:
    owner, fiscal_year = _frame(request, year, center)
    settlement = build_settlement(center=owner, fiscal_year=fiscal_year)
    _log_money_access(request, subject="예산 과목", center=owner, year=year)
    spendable = set(
        BudgetLine.objects.spendable_by(request.user)
        .filter(center=owner, fiscal_year=fiscal_year)
        .values_list("pk", flat=True)
    )
    rows = [
        (line, settlement.line_figures[line.pk], line.pk in spendable, StatementScope(line=line.pk))
        for line in settlement.lines
    ]
    context = {
        "settlement": settlement,
        "rows": rows,
        "records_base": _records_base(year, center),
        "unit": "원",
        "can_spend": bool(spendable) and settlement.settled is None,
    }
    return render(request, "budget/line_list.html", context)


@require(Capability.EDIT_MONEY)
def expenditure_create(request: AuthenticatedRequest, year: int, center: str) -> HttpResponse:
    owner, fiscal_year = _frame(request, year, center)
    lines = BudgetLine.objects.spendable_by(request.user).filter(
        center=owner, fiscal_year=fiscal_year
    )
    initial = {"line": request.GET.get("line")}
    form = ExpenditureForm(
        request.POST or None, request.FILES or None, lines=lines, initial=initial
    )
    if request.method == "POST" and form.is_valid():
        try:
            expenditure = services.record_expenditure(recorded_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, f"집행 {expenditure.amount_won:,}원을 기록했습니다.")
            return redirect("budget:expenditure_detail", pk=expenditure.pk)
    context = {"form": form, "center": owner, "fiscal_year": fiscal_year}
    return render(request, "budget/expenditure_form.html", context)


@require(Capability.VIEW_MONEY)
def expenditure_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    expenditure = get_visible_or_404(Expenditure, request.user, pk=pk)
    _log_money_access(
        request,
        subject=f"집행 {expenditure}",
        center=expenditure.center,
        year=expenditure.fiscal_year.year,
    )
    context = {
        "expenditure": expenditure,
        "corrections": expenditure.corrections.all(),
        "can_approve": request.user.can(Capability.APPROVE_MONEY),
        "can_cancel": BudgetLine.objects.spendable_by(request.user)
        .filter(pk=expenditure.line_id)
        .exists(),
        "reason_form": ReasonForm(),
        "history": history_for(expenditure),
    }
    return render(request, "budget/expenditure_detail.html", context)


@require(Capability.VIEW_MONEY)
def expenditure_evidence(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    expenditure = get_visible_or_404(Expenditure, request.user, pk=pk)
    if not expenditure.evidence:
        raise Http404
    _log_money_access(
        request,
        subject=f"증빙 {expenditure}",
        center=expenditure.center,
        year=expenditure.fiscal_year.year,
    )
    return attachment_response(expenditure.evidence)


@require(Capability.APPROVE_MONEY)
@require_POST
def expenditure_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    expenditure = get_visible_or_404(Expenditure, request.user, pk=pk)
    try:
        services.approve_expenditure(expenditure=expenditure, approved_by=request.user)
        messages.success(request, "집행을 승인했습니다.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("budget:expenditure_detail", pk=pk)


@require(Capability.EDIT_MONEY)
@require_POST
def expenditure_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    expenditure = get_visible_or_404(Expenditure, request.user, pk=pk)
    if not BudgetLine.objects.spendable_by(request.user).filter(pk=expenditure.line_id).exists():
        raise Http404
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, "취소 사유를 적어 주세요.")
        return redirect("budget:expenditure_detail", pk=pk)
    try:
        services.cancel_expenditure(expenditure=expenditure, reason=form.cleaned_data["reason"])
        messages.success(request, "집행을 취소했습니다.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("budget:expenditure_detail", pk=pk)


@require(Capability.EDIT_MONEY)
def expenditure_correct(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    original = get_visible_or_404(Expenditure, request.user, pk=pk)
    if not BudgetLine.objects.spendable_by(request.user).filter(pk=original.line_id).exists():
        raise Http404
    initial = {
        "spent_on": original.spent_on,
        "payee": original.payee,
        "description": original.description,
        "amount_won": original.amount_won,
    }
    form = CorrectionForm(request.POST or None, request.FILES or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            corrected = services.correct_expenditure(
                original=original, recorded_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "정정 기록을 새로 남기고 원래 기록을 취소했습니다.")
            return redirect("budget:expenditure_detail", pk=corrected.pk)
    return render(request, "budget/expenditure_correct.html", {"form": form, "original": original})


@require(Capability.VIEW_MONEY)
def transfer_list(request: AuthenticatedRequest, year: int, center: str) -> HttpResponse:
    owner, fiscal_year = _frame(request, year, center)
    _log_money_access(request, subject="전용 목록", center=owner, year=year)
    transfers = Transfer.objects.filter(center=owner, fiscal_year=fiscal_year).select_related(
        "from_line", "to_line", "requested_by", "approved_by"
    )
    context = {
        "center": owner,
        "fiscal_year": fiscal_year,
        "transfers": transfers,
        "can_approve": request.user.can(Capability.APPROVE_MONEY),
        "can_request": request.user.can(Capability.EDIT_MONEY),
        "requested": TransferStatus.REQUESTED,
    }
    return render(request, "budget/transfer_list.html", context)


@require(Capability.EDIT_MONEY)
def transfer_create(request: AuthenticatedRequest, year: int, center: str) -> HttpResponse:
    owner, fiscal_year = _frame(request, year, center)
    lines = BudgetLine.objects.editable_by(request.user).filter(
        center=owner, fiscal_year=fiscal_year
    )
    form = TransferForm(request.POST or None, lines=lines)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_transfer(requested_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, "전용을 요청했습니다. 센터 관리자가 승인하면 반영됩니다.")
            return redirect("budget:transfer_list", year=year, center=center)
    context = {"form": form, "center": owner, "fiscal_year": fiscal_year}
    return render(request, "budget/transfer_form.html", context)


@require(Capability.APPROVE_MONEY)
@require_POST
def transfer_decide(request: AuthenticatedRequest, pk: int, decision: str) -> HttpResponse:
    transfer = get_visible_or_404(Transfer, request.user, pk=pk)
    try:
        if decision == "approve":
            services.approve_transfer(transfer=transfer, approved_by=request.user)
            messages.success(request, "전용을 승인했습니다.")
        else:
            services.reject_transfer(transfer=transfer, rejected_by=request.user)
            messages.success(request, "전용을 반려했습니다.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(
        "budget:transfer_list", year=transfer.fiscal_year.year, center=transfer.center.code
    )


@require(Capability.APPROVE_MONEY)
@require_POST
def year_settle(request: AuthenticatedRequest, year: int, center: str) -> HttpResponse:
    owner, fiscal_year = _frame(request, year, center)
    try:
        services.settle_year(center=owner, fiscal_year=fiscal_year, settled_by=request.user)
        messages.success(request, f"{year}년 정산을 마감했습니다. 이후 기록은 바꿀 수 없습니다.")
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("budget:settlement_summary", year=year, center=center)


def _later_years(settled_year: int, center: Center) -> list[int]:
    """Open years after a settled one where its corrections may be recorded (the next at least)."""
    existing = FiscalYear.objects.filter(year__gt=settled_year).values_list("year", flat=True)
    closed = set(
        SettledYear.objects.filter(center=center).values_list("fiscal_year__year", flat=True)
    )
    return sorted(year for year in {settled_year + 1, *existing} if year not in closed)


def _add_errors(form: forms.Form, error: ValidationError) -> None:
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for name, texts in error.message_dict.items():
        form.add_error(name if name in form.fields else None, texts)


@require(Capability.APPROVE_MONEY)
def adjustment_create(request: AuthenticatedRequest, year: int, center: str) -> HttpResponse:
    owner, fiscal_year = _frame(request, year, center)
    if not SettledYear.objects.filter(center=owner, fiscal_year=fiscal_year).exists():
        messages.error(request, f"{year}년은 정산 마감 전이어서 그 연도에 직접 기록합니다.")
        return redirect("budget:settlement_summary", year=year, center=center)
    settled = get_editable_or_404(SettledYear, request.user, center=owner, fiscal_year=fiscal_year)
    years = _later_years(year, owner)
    form = AdjustmentForm(
        request.POST or None,
        lines=BudgetLine.objects.filter(center=owner, fiscal_year=fiscal_year),
        years=years,
        initial={"recorded_in": years[0]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            adjustment = services.correct_settled_year(
                center=owner,
                adjusted_year=fiscal_year,
                recorded_by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(
                request,
                f"{year}년 정산 조정 {adjustment.amount_won:,}원을 "
                f"{adjustment.fiscal_year.year}년에 기록했습니다.",
            )
            return redirect("budget:settlement_summary", year=year, center=center)
    context = {"form": form, "center": owner, "fiscal_year": fiscal_year, "settled": settled}
    return render(request, "budget/adjustment_form.html", context)


def _account_lines(center: Center, fiscal_year: FiscalYear) -> QuerySet[BudgetLine]:
    """The lines whose 관 an account of the year may be mapped to."""
    return BudgetLine.objects.filter(center=center, fiscal_year=fiscal_year).order_by("order", "pk")


def _in_budget_order(
    accounts: QuerySet[BankAccount], lines: QuerySet[BudgetLine]
) -> list[BankAccount]:
    """Accounts by fund, then by their 관's place in the budget, then by name."""
    funds = [fund for fund, _ in Fund.choices]
    chapters = list(dict.fromkeys(lines.values_list("chapter", flat=True)))

    def position(account: BankAccount) -> tuple[int, int, str]:
        fund = funds.index(account.fund) if account.fund in funds else len(funds)
        chapter = chapters.index(account.chapter) if account.chapter in chapters else len(chapters)
        return fund, chapter, account.name

    return sorted(accounts, key=position)


@require(Capability.VIEW_MONEY)
def account_list(request: AuthenticatedRequest, year: int, center: str) -> HttpResponse:
    owner, fiscal_year = _frame(request, year, center)
    _log_money_access(request, subject="보조금 전용계좌", center=owner, year=year)
    accounts = (
        BankAccount.objects.visible_to(request.user)
        .filter(center=owner, fiscal_year=fiscal_year)
        .annotate(interest_won=Sum("incomes__amount_won", filter=Q(incomes__kind="interest")))
    )
    settled = SettledYear.objects.filter(center=owner, fiscal_year=fiscal_year).exists()
    context = {
        "center": owner,
        "fiscal_year": fiscal_year,
        "accounts": _in_budget_order(accounts, _account_lines(owner, fiscal_year)),
        "settled": settled,
        "can_manage": request.user.can(Capability.APPROVE_MONEY) and not settled,
    }
    return render(request, "budget/account_list.html", context)


@require(Capability.APPROVE_MONEY)
def account_create(request: AuthenticatedRequest, year: int, center: str) -> HttpResponse:
    owner, fiscal_year = _frame(request, year, center)
    form = BankAccountForm(request.POST or None, lines=_account_lines(owner, fiscal_year))
    if request.method == "POST" and form.is_valid():
        try:
            account = services.create_bank_account(
                center=owner, fiscal_year=fiscal_year, **form.cleaned_data
            )
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"계좌 ‘{account}’을(를) 등록했습니다.")
            return redirect("budget:account_list", year=year, center=center)
    context = {"form": form, "center": owner, "fiscal_year": fiscal_year, "account": None}
    return render(request, "budget/account_form.html", context)


@require(Capability.APPROVE_MONEY)
def account_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = get_editable_or_404(BankAccount, request.user, pk=pk)
    initial = {
        "name": account.name,
        "bank": account.bank,
        "number": account.number,
        "chapter": f"{account.fund}:{account.chapter}",
        "opened_on": account.opened_on,
        "closed_on": account.closed_on,
        "note": account.note,
    }
    form = BankAccountForm(
        request.POST or None,
        lines=_account_lines(account.center, account.fiscal_year),
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_bank_account(account=account, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"계좌 ‘{account}’을(를) 고쳤습니다.")
            return redirect(
                "budget:account_list", year=account.fiscal_year.year, center=account.center.code
            )
    context = {
        "form": form,
        "center": account.center,
        "fiscal_year": account.fiscal_year,
        "account": account,
    }
    return render(request, "budget/account_form.html", context)


@require(Capability.APPROVE_MONEY)
def account_close(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    account = get_editable_or_404(BankAccount, request.user, pk=pk)
    form = CloseAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.close_bank_account(account=account, **form.cleaned_data)
        except ValidationError as error:
            _add_errors(form, error)
        else:
            messages.success(request, f"계좌 ‘{account}’을(를) 해지로 기록했습니다.")
            return redirect(
                "budget:account_list", year=account.fiscal_year.year, center=account.center.code
            )
    return render(request, "budget/account_close.html", {"form": form, "account": account})


@require(Capability.REVIEW_MONEY_ACCESS_LOG)
def access_log(request: AuthenticatedRequest) -> HttpResponse:
    entries = MoneyRecordAccess.objects.select_related("user", "center")
    center = request.user.center
    if center is not None and not center.is_metropolitan:
        entries = entries.filter(center=center)
    page = Paginator(entries, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "budget/access_log.html", {"page": page})
