"""Program screens: the year's plan, an indicator with its target history, the records behind a
figure, the activity log with its bulk-entry grid, and the plan and activity uploads."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dure.core.access import (
    center_of,
    get_editable_or_404,
    get_visible_or_404,
    require,
    visible_center_or_404,
)
from dure.core.history import history_for
from dure.core.http import AuthenticatedRequest
from dure.core.imports import ImportRejected
from dure.core.listing import build_listing, export_rows
from dure.core.models import Center, FiscalYear
from dure.core.roles import Capability
from dure.core.uploads import attachment_response
from dure.programs import imports, services
from dure.programs.forms import (
    ActivityFilter,
    ActivityForm,
    ActivityGridFormSet,
    CopyYearForm,
    ManualFigureForm,
    ProgramAreaForm,
    ProgramForm,
    StatusForm,
    SubProgramForm,
    TargetChangeForm,
    programs_for_entry,
)
from dure.programs.metrics import ACTIVITY_COLUMNS
from dure.programs.models import (
    Activity,
    Indicator,
    IndicatorBreakdown,
    Program,
    ProgramArea,
    SubProgram,
)
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
    code = request.GET.get("center", "")
    return visible_center_or_404(request.user, code) if code else center_of(request.user)


@require(Capability.VIEW_REPORTS)
def plan(request: AuthenticatedRequest) -> HttpResponse:
    center = chosen_center(request)
    fiscal_year = chosen_year(request)
    areas = (
        ProgramArea.objects.visible_to(request.user)
        .filter(center=center, fiscal_year=fiscal_year)
        .prefetch_related(
            "programs__indicators__breakdowns",
            "programs__sub_programs",
            "programs__staff",
            "programs__center",
        )
    )
    context = {
        "center": center,
        "fiscal_year": fiscal_year,
        "years": FiscalYear.objects.all(),
        "areas": areas,
        "can_manage": request.user.can(Capability.MANAGE_PROGRAMS),
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
        try:
            services.record_manual_figure(
                indicator=indicator, recorded_by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
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
    part_center = None
    if request.GET.get("center"):
        # One center's share of a rolled-up figure: the same metric over that center alone.
        part_center = Center.objects.filter(
            code=request.GET["center"], pk__in=scope.center_ids
        ).first()
        if part_center is None:
            raise Http404
        scope = dataclasses.replace(scope, center_ids=(part_center.pk,))
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
        "part_center": part_center,
        "metric": metric,
        "columns": columns,
        "page": page,
        "rows": [
            (metric.record_url(indicator.aggregation, row), [c.value(row) for c in columns])
            for row in page
        ],
        "list_total": total,
        "list_total_label": {c.key: c.label for c in columns}.get(measure.list_total or ""),
        "query": query.urlencode(),
    }
    return render(request, "programs/indicator_records.html", context)


@require(Capability.MANAGE_PROGRAMS)
def plan_copy(request: AuthenticatedRequest) -> HttpResponse:
    """Copy a year's tree, indicators and targets into another year (the next, by default)."""
    center = center_of(request.user)
    source = chosen_year(request)
    initial = {"from_year": source.year, "to_year": source.year + 1} if source else {}
    form = CopyYearForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        to_year = form.cleaned_data["to_year"]
        try:
            count = services.copy_fiscal_year(
                center=center, from_year=form.cleaned_data["from_year"], to_year=to_year
            )
        except (ValidationError, FiscalYear.DoesNotExist) as error:
            form.add_error(None, _message(error))
        else:
            messages.success(request, f"지표 {count}개를 {to_year}년으로 복사했습니다.")
            return redirect(f"{reverse('programs:plan')}?year={to_year}")
    years = (
        FiscalYear.objects.filter(program_areas__center=center)
        .annotate(
            areas=Count("program_areas", distinct=True),
            programs=Count("program_areas__programs", distinct=True),
            indicators=Count("program_areas__programs__indicators", distinct=True),
        )
        .order_by("-year")
    )
    context = {"form": form, "center": center, "years": years}
    return render(request, "programs/plan_copy.html", context)


def _record_form(
    request: AuthenticatedRequest, form: Any, *, heading: str, cancel_url: str
) -> HttpResponse:
    context = {"form": form, "heading": heading, "cancel_url": cancel_url}
    return render(request, "programs/record_form.html", context)


def _save_or_show_errors(form: Any, save: Callable[[], Any]) -> bool:
    """Run the service; a ValidationError goes back onto the form (nothing is saved)."""
    try:
        save()
    except ValidationError as error:
        fields = getattr(error, "error_dict", {})
        for name, errors in fields.items():
            for message in errors:
                form.add_error(name if name in form.fields else None, message)
        if not fields:
            for message in error.messages:
                form.add_error(None, message)
        return False
    return True


def _plan_url(fiscal_year: FiscalYear, anchor: str = "") -> str:
    return f"{reverse('programs:plan')}?year={fiscal_year.year}{anchor}"


@require(Capability.MANAGE_PROGRAMS)
def area_create(request: AuthenticatedRequest) -> HttpResponse:
    fiscal_year = chosen_year(request)
    if fiscal_year is None:
        raise Http404
    form = ProgramAreaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        fields = {**form.cleaned_data, "center": center_of(request.user)}
        if _save_or_show_errors(
            form, lambda: services.create_program_area(fiscal_year=fiscal_year, **fields)
        ):
            messages.success(request, f"구분 ‘{form.cleaned_data['name']}’을(를) 만들었습니다.")
            return redirect(_plan_url(fiscal_year))
    heading = f"{fiscal_year.year}년 구분 추가"
    return _record_form(request, form, heading=heading, cancel_url=_plan_url(fiscal_year))


@require(Capability.MANAGE_PROGRAMS)
def area_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    area = get_editable_or_404(ProgramArea, request.user, pk=pk)
    form = ProgramAreaForm(request.POST or None, instance=area)
    url = _plan_url(area.fiscal_year, f"#area-{area.pk}")
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.Meta.fields}
        if _save_or_show_errors(form, lambda: services.update_program_area(area=area, **fields)):
            messages.success(request, "구분을 고쳤습니다.")
            return redirect(url)
    return _record_form(request, form, heading=f"구분 수정: {area.name}", cancel_url=url)


@require(Capability.MANAGE_PROGRAMS)
def program_create(request: AuthenticatedRequest, area_pk: int) -> HttpResponse:
    area = get_editable_or_404(ProgramArea, request.user, pk=area_pk)
    form = ProgramForm(request.POST or None, center=area.center)
    url = _plan_url(area.fiscal_year, f"#area-{area.pk}")
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if _save_or_show_errors(form, lambda: services.create_program(area=area, **fields)):
            messages.success(request, f"사업 ‘{fields['name']}’을(를) 만들었습니다.")
            return redirect(url)
    return _record_form(request, form, heading=f"{area.name}에 사업 추가", cancel_url=url)


@require(Capability.MANAGE_PROGRAMS)
def program_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    program = get_editable_or_404(Program, request.user, pk=pk)
    form = ProgramForm(request.POST or None, instance=program, center=program.center)
    url = _plan_url(program.fiscal_year, f"#program-{program.pk}")
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if _save_or_show_errors(form, lambda: services.update_program(program=program, **fields)):
            messages.success(request, "사업을 고쳤습니다.")
            return redirect(url)
    return _record_form(request, form, heading=f"사업 수정: {program.name}", cancel_url=url)


@require(Capability.MANAGE_PROGRAMS)
def sub_program_create(request: AuthenticatedRequest, program_pk: int) -> HttpResponse:
    program = get_editable_or_404(Program, request.user, pk=program_pk)
    form = SubProgramForm(request.POST or None)
    url = _plan_url(program.fiscal_year, f"#program-{program.pk}")
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if _save_or_show_errors(
            form, lambda: services.create_sub_program(program=program, **fields)
        ):
            messages.success(request, f"세부사업 ‘{fields['name']}’을(를) 만들었습니다.")
            return redirect(url)
    return _record_form(request, form, heading=f"{program.name}에 세부사업 추가", cancel_url=url)


@require(Capability.MANAGE_PROGRAMS)
def sub_program_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    sub_program = get_editable_or_404(SubProgram, request.user, pk=pk)
    form = SubProgramForm(request.POST or None, instance=sub_program)
    url = _plan_url(sub_program.program.fiscal_year, f"#program-{sub_program.program_id}")
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if _save_or_show_errors(
            form, lambda: services.update_sub_program(sub_program=sub_program, **fields)
        ):
            messages.success(request, "세부사업을 고쳤습니다.")
            return redirect(url)
    heading = f"세부사업 수정: {sub_program.name}"
    return _record_form(request, form, heading=heading, cancel_url=url)


def _report_form_errors(request: AuthenticatedRequest, form: Any) -> None:
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))


def _message(error: Exception) -> str:
    if isinstance(error, ValidationError):
        return " ".join(error.messages)
    return "가져올 연도의 사업 구성이 없습니다."


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
    # The next row's number: the formset's TOTAL_FORMS, sent along by the 줄 추가 button.
    row = request.GET.get("form-TOTAL_FORMS", "")
    if request.htmx and row.isdigit():
        formset = ActivityGridFormSet(form_kwargs=options)
        form = formset.empty_form
        form.prefix = formset.add_prefix(int(row))
        return render(
            request,
            "programs/activity_grid.html#row",
            {"form": form, "next_row": int(row) + 1, "oob": True},
        )
    formset = ActivityGridFormSet(request.POST or None, request.FILES or None, form_kwargs=options)
    problems: list[str] = []
    if request.method == "POST" and formset.is_valid():
        filled = [
            (number, form)
            for number, form in enumerate(formset.forms, start=1)
            if form.has_changed() and form.cleaned_data
        ]
        rows = [(number, form.as_import_row()) for number, form in filled]
        attachments = {
            number: form.cleaned_data["attachment"]
            for number, form in filled
            if form.cleaned_data.get("attachment")
        }
        try:
            result = imports.import_activities(
                rows, center=center, user=request.user, keyed=False, attachments=attachments
            )
        except ImportRejected as rejected:
            problems = rejected.lines
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


@require(Capability.VIEW_REPORTS)
def activity_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = get_visible_or_404(Activity, request.user, pk=pk)
    can_edit = (
        request.user.can(Capability.RECORD_ACTIVITIES)
        and Activity.objects.editable_by(request.user).filter(pk=pk).exists()
    )
    context = {"activity": activity, "can_edit": can_edit, "history": history_for(activity)}
    return render(request, "programs/activity_detail.html", context)


@require(Capability.RECORD_ACTIVITIES)
def activity_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = get_editable_or_404(Activity, request.user, pk=pk)
    form = ActivityForm(
        request.POST or None,
        request.FILES or None,
        center=activity.center,
        user=request.user,
        activity=activity,
    )
    url = reverse("programs:activity_detail", args=[pk])
    if request.method == "POST" and form.is_valid():
        fields = form.service_fields()
        if _save_or_show_errors(
            form, lambda: services.update_activity(activity=activity, **fields)
        ):
            messages.success(request, "활동 기록을 고쳤습니다.")
            return redirect(url)
    context = {"form": form, "heading": f"활동 기록 수정: {activity}", "cancel_url": url}
    return render(request, "programs/record_form.html", context)


@require(Capability.RECORD_ACTIVITIES)
def activity_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = get_editable_or_404(Activity, request.user, pk=pk)
    if request.method == "POST":
        try:
            services.delete_activity(activity=activity)
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
            return redirect("programs:activity_detail", pk=pk)
        messages.success(request, f"활동 기록 ‘{activity}’을(를) 지웠습니다.")
        return redirect("programs:activity_list")
    return render(request, "programs/activity_delete.html", {"activity": activity})


@require(Capability.VIEW_REPORTS)
def activity_attachment(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    activity = get_visible_or_404(Activity, request.user, pk=pk)
    if not activity.attachment:
        raise Http404
    return attachment_response(activity.attachment)


@require(Capability.VIEW_REPORTS)
def indicator_evidence(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """The manual figure's evidence file, through the indicator's door, as a download."""
    indicator = get_visible_or_404(Indicator, request.user, pk=pk)
    figure = getattr(indicator, "manual_figure", None)
    if figure is None or not figure.evidence_file:
        raise Http404
    return attachment_response(figure.evidence_file)
