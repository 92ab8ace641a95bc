"""The annual performance report on the web."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe

from dure.core.access import center_of, get_editable_or_404, get_visible_or_404, require
from dure.core.http import AuthenticatedRequest, show_errors
from dure.core.models import Center, FiscalYear
from dure.core.roles import Capability, Role
from dure.programs.views import chosen_center, chosen_year
from dure.reports import services
from dure.reports.consistency import KINDS
from dure.reports.edition import block_choices
from dure.reports.forms import EditionCreateForm, EditionForm, SectionForm
from dure.reports.livefigures import load_context, token_choices
from dure.reports.models import (
    EditionFile,
    EditionJob,
    EditionSection,
    JobKind,
    OutputFormat,
    ReportEdition,
)
from dure.reports.report import build_report, overview_chart


@require(Capability.VIEW_REPORTS)
def annual_report(request: AuthenticatedRequest) -> HttpResponse:
    center = chosen_center(request)
    fiscal_year = chosen_year(request)
    roll_up = request.GET.get("rollup") == "1" and center.is_metropolitan
    report = build_report(center, fiscal_year, roll_up=roll_up) if fiscal_year else None
    context = {
        "report": report,
        # The chart's SVG comes from matplotlib, which escapes every label it writes.
        "chart": mark_safe(overview_chart(report)) if report else "",
        "years": FiscalYear.objects.all(),
        "fiscal_year": fiscal_year,
        "center": center,
        "district_centers": Center.objects.filter(parent=center)
        if request.user.sees_all_centers and center.is_metropolitan
        else Center.objects.none(),
        "roll_up": roll_up,
    }
    return render(request, "reports/annual_report.html", context)


# Report editions -------------------------------------------------------------------------------


def _editable_edition(request: AuthenticatedRequest, pk: int) -> ReportEdition:
    edition = get_editable_or_404(ReportEdition, request.user, pk=pk)
    if edition.is_frozen:
        messages.error(request, services.FROZEN_MESSAGE)
        raise _Redirect(edition)
    return edition


class _Redirect(Exception):
    def __init__(self, edition: ReportEdition) -> None:
        self.edition = edition


@require(Capability.VIEW_REPORTS)
def edition_list(request: AuthenticatedRequest) -> HttpResponse:
    editions = (
        ReportEdition.objects.visible_to(request.user)
        .select_related("center", "fiscal_year", "created_by", "frozen_by")
        .order_by("-fiscal_year__year", "center__administrative_code", "-created_at")
    )
    can_edit = request.user.role in ReportEdition.editor_roles
    form = None
    if can_edit:
        center = center_of(request.user)
        form = EditionCreateForm(request.POST or None, center=center)
        if request.method == "POST" and form.is_valid():
            edition = services.create_edition(
                center=center,
                fiscal_year=form.cleaned_data["fiscal_year"],
                user=request.user,
                title=form.cleaned_data["title"],
                roll_up=form.cleaned_data.get("roll_up", False),
            )
            messages.success(request, "새 판을 만들었습니다. 펴내는 글과 사업별 내용을 쓰세요.")
            return redirect("reports:edition_detail", pk=edition.pk)
    elif request.method == "POST":
        raise PermissionDenied
    return render(request, "reports/edition_list.html", {"editions": editions, "form": form})


@require(Capability.VIEW_REPORTS)
def edition_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    edition = get_visible_or_404(ReportEdition, request.user, pk=pk)
    # A frozen edition shows what was filed; a draft shows the live figures.
    document = None if edition.is_frozen else services.render(edition)[1]
    can_edit = (
        not edition.is_frozen
        and ReportEdition.objects.editable_by(request.user).filter(pk=edition.pk).exists()
    )
    return render(
        request,
        "reports/edition_detail.html",
        {
            "edition": edition,
            "document": document,
            # Rendered by the edition template at freezing, every value escaped there.
            "filed_html": mark_safe(edition.filed_html) if edition.is_frozen else "",
            "sections": edition.sections.select_related("program").order_by(
                "program__area__order", "program__order", "pk"
            ),
            "findings": [
                {**finding, "kind_label": KINDS.get(finding["kind"], finding["kind"])}
                for finding in edition.findings
            ],
            "blocking": [f for f in edition.findings if f.get("blocking")],
            "files": edition.files.only(
                "pk", "format", "size", "sha256", "frozen", "created_at", "edition"
            ).select_related("edition__center", "edition__fiscal_year"),
            "jobs": edition.jobs.select_related("requested_by")[:6],
            "formats": OutputFormat.choices,
            "can_edit": can_edit,
            "can_freeze": can_edit and request.user.role == Role.CENTER_ADMIN,
            "can_copy": ReportEdition.objects.editable_by(request.user)
            .filter(pk=edition.pk)
            .exists(),
        },
    )


@require(Capability.VIEW_REPORTS)
def edition_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        edition = _editable_edition(request, pk)
    except _Redirect as stop:
        return redirect("reports:edition_detail", pk=stop.edition.pk)
    context = load_context(edition, links=False)
    initial = {
        "title": edition.title,
        "foreword": edition.foreword,
        "roll_up": edition.roll_up,
        "glance": edition.glance,
        "appendix": edition.appendix,
    }
    form = EditionForm(request.POST or None, initial=initial, context=context)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            problems = services.update_edition(
                edition,
                title=data["title"],
                foreword=data["foreword"],
                roll_up=data.get("roll_up", False),
                glance=data["glance"],
                appendix=data["appendix"],
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            for problem in problems:
                messages.warning(request, f"이름이 맞지 않는 수치: {problem}")
            messages.success(request, "저장했습니다.")
            return redirect("reports:edition_detail", pk=edition.pk)
    return render(
        request,
        "reports/edition_edit.html",
        {"edition": edition, "form": form, "choices": token_choices(context)},
    )


@require(Capability.VIEW_REPORTS)
def section_edit(request: AuthenticatedRequest, pk: int, section_pk: int) -> HttpResponse:
    try:
        edition = _editable_edition(request, pk)
    except _Redirect as stop:
        return redirect("reports:edition_detail", pk=stop.edition.pk)
    section = get_object_or_404(
        EditionSection.objects.select_related("program"), edition=edition, pk=section_pk
    )
    context = load_context(edition, links=False)
    program = next((p for p in context.report.programs if p.program.pk == section.program_id), None)
    if program is None:
        raise Http404
    initial = {
        "introduction": section.introduction,
        "narrative": section.narrative,
        "blocks": section.blocks,
    }
    form = SectionForm(request.POST or None, initial=initial, choices=block_choices(program))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            problems = services.update_section(
                section,
                introduction=data["introduction"],
                narrative=data["narrative"],
                blocks=data["blocks"],
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            for problem in problems:
                messages.warning(request, f"이름이 맞지 않는 수치: {problem}")
            messages.success(request, f"{section.program.name} 부분을 저장했습니다.")
            return redirect(
                reverse("reports:edition_detail", args=[edition.pk])
                + f"#program-{section.program_id}"
            )
    return render(
        request,
        "reports/section_edit.html",
        {
            "edition": edition,
            "section": section,
            "form": form,
            "choices": token_choices(context, section.program_id) + token_choices(context),
        },
    )


@require(Capability.VIEW_REPORTS)
def edition_check(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    # Staff run the check (it keeps its result on the edition); readers see the last result.
    edition = get_editable_or_404(ReportEdition, request.user, pk=pk)
    if request.method != "POST":
        return redirect("reports:edition_detail", pk=edition.pk)
    try:
        findings = services.run_check(edition)
    except ValidationError as error:
        show_errors(request, error)
        return redirect("reports:edition_detail", pk=edition.pk)
    if findings:
        messages.warning(request, f"점검에서 {len(findings)}건이 나왔습니다.")
    else:
        messages.success(request, "점검했습니다. 맞지 않는 곳이 없습니다.")
    return redirect(reverse("reports:edition_detail", args=[edition.pk]) + "#check")


@require(Capability.VIEW_REPORTS)
def edition_build(request: AuthenticatedRequest, pk: int, file_format: str) -> HttpResponse:
    edition = get_visible_or_404(ReportEdition, request.user, pk=pk)
    if file_format not in OutputFormat.values:
        raise Http404
    if request.method != "POST":
        return redirect("reports:edition_detail", pk=edition.pk)
    if not ReportEdition.objects.editable_by(request.user).filter(pk=edition.pk).exists():
        raise PermissionDenied
    job = services.request_job(edition, file_format, request.user)
    return redirect("reports:job_detail", pk=job.pk)


@require(Capability.MANAGE_PROGRAMS)
def edition_freeze(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    try:
        edition = _editable_edition(request, pk)
    except _Redirect as stop:
        return redirect("reports:edition_detail", pk=stop.edition.pk)
    if request.method != "POST":
        return redirect("reports:edition_detail", pk=edition.pk)
    job = services.request_job(edition, JobKind.FREEZE, request.user)
    return redirect("reports:job_detail", pk=job.pk)


@require(Capability.VIEW_REPORTS)
def edition_copy(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    edition = get_editable_or_404(ReportEdition, request.user, pk=pk)
    if request.method != "POST":
        return redirect("reports:edition_detail", pk=edition.pk)
    copy = services.create_edition(
        center=edition.center,
        fiscal_year=edition.fiscal_year,
        user=request.user,
        title=f"{edition.title} (새 판)",
        copy_of=edition,
    )
    messages.success(request, "이 판의 글과 선택을 옮긴 새 판을 만들었습니다.")
    return redirect("reports:edition_detail", pk=copy.pk)


@require(Capability.VIEW_REPORTS)
def edition_diff(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    edition = get_visible_or_404(ReportEdition, request.user, pk=pk)
    if not edition.is_frozen:
        raise Http404
    return render(
        request,
        "reports/edition_diff.html",
        {
            "edition": edition,
            "changes": services.diff(edition),
            "taken_at": edition.snapshot.get("taken_at", ""),
            "count": len(edition.snapshot.get("figures", {})),
        },
    )


@require(Capability.VIEW_REPORTS)
def job_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(
        EditionJob.objects.select_related("edition__center", "edition__fiscal_year"),
        pk=pk,
        edition__in=ReportEdition.objects.visible_to(request.user),
    )
    template = "reports/job_detail.html"
    if request.htmx:
        template += "#status"
    return render(request, template, {"job": job, "files": job.files.all()})


@require(Capability.VIEW_REPORTS)
def file_download(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    kept = get_object_or_404(
        EditionFile.objects.select_related("edition__center", "edition__fiscal_year"),
        pk=pk,
        edition__in=ReportEdition.objects.visible_to(request.user),
    )
    response = HttpResponse(bytes(kept.content), content_type=CONTENT_TYPES[kept.format])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(kept.filename)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response


CONTENT_TYPES: dict[str, str] = {
    OutputFormat.PDF: "application/pdf",
    OutputFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    OutputFormat.HWPX: "application/hwp+zip",
    OutputFormat.JSON: "application/json",
}
