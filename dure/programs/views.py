"""Program screens: the year's plan, an indicator with its target history, the records behind a
figure, the activity log with its bulk-entry grid, and the plan and activity uploads."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dure.core.access import center_of, get_editable_or_404, get_visible_or_404, require
from dure.core.history import history_for
from dure.core.http import AuthenticatedRequest
from dure.core.listing import build_listing, export_rows
from dure.core.models import Center, FiscalYear
from dure.core.roles import Capability
from dure.programs import imports, services
from dure.programs.forms import (
    ActivityFilter,
    ActivityGridFormSet,
    CopyYearForm,
    ManualFigureForm,
    PlanUploadForm,
    StatusForm,
    TargetChangeForm,
    UploadForm,
    programs_for_entry,
)
from dure.programs.metrics import ACTIVITY_COLUMNS
from dure.programs.models import Activity, Indicator, IndicatorBreakdown, ProgramArea
from dure.programs.results import (
    indicator_metric,
    indicator_results,
    parameters_for,
    scope_for,
    with_report_relations,
)


def chosen_year(request: AuthenticatedRequest) -> FiscalYear | None:
    years = FiscalYear.objects.all()
    requested = request.GET.get("year", "")
    if requested.isdigit():
        return years.filter(year=int(requested)).first()
    return years.first()


def chosen_center(request: AuthenticatedRequest) -> Center:
    """The center whose pages are shown: the user's own, or one of its districts."""
    own = center_of(request.user)
    code = request.GET.get("center", "")
    if not code or code == own.code:
        return own
    center = Center.objects.filter(code=code).first()
    if center is None or not request.user.sees_all_centers or center.parent_id != own.pk:
        raise Http404
    return center


@require(Capability.VIEW_REPORTS)
def plan(request: AuthenticatedRequest) -> HttpResponse:
    center = chosen_center(request)
    fiscal_year = chosen_year(request)
    areas = (
        ProgramArea.objects.visible_to(request.user)
        .filter(center=center, fiscal_year=fiscal_year)
        .prefetch_related("programs__indicators__breakdowns", "programs__sub_programs")
    )
    context = {
        "center": center,
        "fiscal_year": fiscal_year,
        "years": FiscalYear.objects.all(),
        "areas": areas,
        "can_manage": request.user.can(Capability.MANAGE_PROGRAMS),
        "copy_form": CopyYearForm(
            initial={
                "from_year": fiscal_year.year if fiscal_year else None,
                "to_year": fiscal_year.year + 1 if fiscal_year else None,
            }
        ),
    }
    return render(request, "programs/plan.html", context)


@require(Capability.VIEW_REPORTS)
def indicator_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    indicator = get_visible_or_404(Indicator, request.user, pk=pk)
    result = indicator_results(list(with_report_relations(Indicator.objects.filter(pk=pk))))[pk]
    can_manage = (
        request.user.can(Capability.MANAGE_PROGRAMS)
        and Indicator.objects.editable_by(request.user).filter(pk=pk).exists()
    )
    context = {
        "indicator": indicator,
        "result": result,
        "can_manage": can_manage,
        "target_form": TargetChangeForm(initial={"target": indicator.target}),
        "status_form": StatusForm(
            initial={"status": indicator.status, "reason": indicator.status_reason}
        ),
        "manual_form": ManualFigureForm(),
        "target_changes": indicator.target_changes.select_related("changed_by", "breakdown"),
        "history": history_for(indicator),
    }
    return render(request, "programs/indicator_detail.html", context)


@require(Capability.MANAGE_PROGRAMS)
def indicator_target(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    indicator = get_editable_or_404(Indicator, request.user, pk=pk)
    form = TargetChangeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        breakdown = None
        if form.cleaned_data.get("breakdown"):
            breakdown = IndicatorBreakdown.objects.filter(
                indicator=indicator, pk=form.cleaned_data["breakdown"]
            ).first()
        services.change_target(
            indicator=indicator,
            breakdown=breakdown,
            target=form.cleaned_data["target"],
            reason=form.cleaned_data["reason"],
            changed_by=request.user,
        )
        messages.success(request, "목표를 바꾸고 변경 이력에 남겼습니다.")
        return redirect("programs:indicator_detail", pk=pk)
    _report_form_errors(request, form)
    return redirect("programs:indicator_detail", pk=pk)


@require(Capability.MANAGE_PROGRAMS)
def indicator_status(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    indicator = get_editable_or_404(Indicator, request.user, pk=pk)
    form = StatusForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.set_indicator_status(
            indicator=indicator,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(request, "지표 상태를 바꿨습니다.")
    _report_form_errors(request, form)
    return redirect("programs:indicator_detail", pk=pk)


@require(Capability.MANAGE_PROGRAMS)
def indicator_manual(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    indicator = get_editable_or_404(Indicator, request.user, pk=pk)
    form = ManualFigureForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.record_manual_figure(
            indicator=indicator, recorded_by=request.user, **form.cleaned_data
        )
        messages.success(request, "수기 실적을 근거와 함께 저장했습니다.")
    _report_form_errors(request, form)
    return redirect("programs:indicator_detail", pk=pk)


@require(Capability.VIEW_REPORTS)
def indicator_records(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The records behind a figure: the metric's own queryset, so the count equals the figure."""
    indicator = get_visible_or_404(Indicator, request.user, pk=pk)
    if indicator.is_manual or not indicator.metric_key:
        raise Http404
    breakdown = None
    if request.GET.get("breakdown", "").isdigit():
        breakdown = indicator.breakdowns.filter(pk=int(request.GET["breakdown"])).first()
    roll_up = request.GET.get("rollup") == "1"
    metric = indicator_metric(indicator)
    scope = scope_for(indicator, roll_up=roll_up)
    rows = metric.rows(scope, parameters_for(indicator, breakdown), indicator.aggregation)
    columns = metric.drill_columns(indicator.aggregation)
    ordering = [c.sort_field for c in columns if c.sort_field][:1] or ["pk"]
    rows = rows.order_by(*ordering, "pk")
    if request.GET.get("export") in {"xlsx", "csv"}:
        return export_rows(
            rows, columns, file_format=request.GET["export"], filename="indicator-records"
        )
    measure = metric.measure(indicator.aggregation)
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    total = rows.aggregate(total=Sum(measure.list_total))["total"] if measure.list_total else None
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "indicator": indicator,
        "breakdown": breakdown,
        "roll_up": roll_up,
        "metric": metric,
        "columns": columns,
        "page": page,
        "cells": [[c.value(row) for c in columns] for row in page],
        "list_total": total,
        "list_total_label": {c.key: c.label for c in columns}.get(measure.list_total or ""),
        "query": query.urlencode(),
    }
    return render(request, "programs/indicator_records.html", context)


@require(Capability.MANAGE_PROGRAMS)
def plan_copy(request: AuthenticatedRequest) -> HttpResponse:
    form = CopyYearForm(request.POST or None)
    if request.method != "POST":
        return redirect("programs:plan")
    if form.is_valid():
        try:
            count = services.copy_fiscal_year(
                center=center_of(request.user),
                from_year=form.cleaned_data["from_year"],
                to_year=form.cleaned_data["to_year"],
            )
        except (ValidationError, FiscalYear.DoesNotExist) as error:
            messages.error(request, _message(error))
        else:
            messages.success(
                request, f"지표 {count}개를 {form.cleaned_data['to_year']}년으로 복사했습니다."
            )
            return redirect(f"{reverse('programs:plan')}?year={form.cleaned_data['to_year']}")
    _report_form_errors(request, form)
    return redirect("programs:plan")


def _report_form_errors(request: AuthenticatedRequest, form: Any) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return "가져올 연도의 사업 구성이 없습니다."


@require(Capability.MANAGE_PROGRAMS)
def plan_upload(request: AuthenticatedRequest) -> HttpResponse:
    form = PlanUploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = imports.read_table(upload, upload.name)
            result = imports.import_plan(
                rows,
                center=center_of(request.user),
                year=form.cleaned_data["year"],
                dry_run=form.cleaned_data["dry_run"],
            )
        except imports.ImportRejected as rejected:
            problems = rejected.problems
        else:
            verb = "검사했습니다(저장하지 않음)" if form.cleaned_data["dry_run"] else "불러왔습니다"
            messages.success(request, f"계획을 {verb}: {result.summary()}")
            if not form.cleaned_data["dry_run"]:
                return redirect(f"{reverse('programs:plan')}?year={form.cleaned_data['year']}")
    context = {
        "form": form,
        "problems": problems,
        "columns": imports.PLAN_COLUMNS,
        "title": "사업계획 불러오기",
    }
    return render(request, "programs/upload.html", context)


@require(Capability.RECORD_ACTIVITIES)
def activity_upload(request: AuthenticatedRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    problems: list[str] = []
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            rows = imports.read_table(upload, upload.name)
            result = imports.import_activities(
                rows, center=center_of(request.user), dry_run=form.cleaned_data["dry_run"]
            )
        except imports.ImportRejected as rejected:
            problems = rejected.problems
        else:
            verb = "검사했습니다(저장하지 않음)" if form.cleaned_data["dry_run"] else "불러왔습니다"
            messages.success(request, f"활동 기록을 {verb}: {result.summary()}")
            if not form.cleaned_data["dry_run"]:
                return redirect("programs:activity_list")
    context = {
        "form": form,
        "problems": problems,
        "columns": imports.ACTIVITY_COLUMNS,
        "title": "활동 기록 불러오기",
    }
    return render(request, "programs/upload.html", context)


@require(Capability.VIEW_REPORTS)
def activity_list(request: AuthenticatedRequest) -> HttpResponse:
    visible = (
        Activity.objects.visible_to(request.user)
        .select_related("center", "program", "kind")
        .prefetch_related("enterprises", "institutions")
    )
    listing, rows = build_listing(
        request, visible, ActivityFilter, ACTIVITY_COLUMNS, default_sort="-date"
    )
    if request.GET.get("export") in {"xlsx", "csv"}:
        return export_rows(
            rows, ACTIVITY_COLUMNS, file_format=request.GET["export"], filename="activities"
        )
    template = "programs/activity_list.html"
    if request.htmx:
        template += "#results"
    return render(
        request,
        template,
        {"listing": listing, "can_record": request.user.can(Capability.RECORD_ACTIVITIES)},
    )


@require(Capability.RECORD_ACTIVITIES)
def activity_grid(request: AuthenticatedRequest) -> HttpResponse:
    """Bulk entry: many rows at once, saved all-or-nothing like an import."""
    center = center_of(request.user)
    fiscal_year = chosen_year(request)
    programs = programs_for_entry(center).filter(area__fiscal_year=fiscal_year)
    kinds = services.activity_kinds_for(center)
    options = {"programs": programs, "kinds": kinds}
    if request.htmx and request.GET.get("row", "").isdigit():
        formset = ActivityGridFormSet(form_kwargs=options)
        form = formset.empty_form
        form.prefix = formset.add_prefix(int(request.GET["row"]))
        return render(
            request,
            "programs/activity_grid.html#row",
            {"form": form, "next_row": int(request.GET["row"]) + 1, "oob": True},
        )
    formset = ActivityGridFormSet(request.POST or None, form_kwargs=options)
    problems: list[str] = []
    if request.method == "POST" and formset.is_valid():
        rows = [
            (number, form.as_import_row())
            for number, form in enumerate(formset.forms, start=1)
            if form.has_changed() and form.cleaned_data
        ]
        try:
            result = imports.import_activities(rows, center=center, keyed=False)
        except imports.ImportRejected as rejected:
            problems = rejected.problems
        else:
            messages.success(request, f"활동 기록 {result.created}건을 저장했습니다.")
            return redirect("programs:activity_list")
    context = {
        "formset": formset,
        "problems": problems,
        "year": fiscal_year,
        "next_row": formset.total_form_count(),
    }
    return render(request, "programs/activity_grid.html", context)
