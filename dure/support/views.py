"""Screens of the management-support records: list, detail, entry, correction, removal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from dure.core.access import center_of, get_editable_or_404, get_visible_or_404, require
from dure.core.history import history_for
from dure.core.http import AuthenticatedRequest
from dure.core.listing import build_listing, export_rows
from dure.core.roles import Capability
from dure.support import services
from dure.support.charts import radar_chart
from dure.support.diagnosis import QUESTIONS, SCALE, DiagnosisArea
from dure.support.forms import (
    AssignForm,
    DiagnosisForm,
    EngagementFilter,
    EngagementForm,
    SessionForm,
    VisitRecordForm,
    VisitRequestForm,
)
from dure.support.matching import suggest_experts
from dure.support.metrics import ENGAGEMENT_COLUMNS
from dure.support.models import Diagnosis, Engagement, EngagementSession, VisitDiagnosis
from dure.support.outcomes import cohort_outcome, cohort_years


@require(Capability.VIEW_REPORTS)
def engagement_list(request: AuthenticatedRequest) -> HttpResponse:
    visible = Engagement.objects.visible_to(request.user).select_related(
        "center", "program", "enterprise", "agency", "expert"
    )
    listing, rows = build_listing(
        request, visible, EngagementFilter, ENGAGEMENT_COLUMNS, default_sort="-starts_on"
    )
    if request.GET.get("export") in {"xlsx", "csv"}:
        return export_rows(
            rows, ENGAGEMENT_COLUMNS, file_format=request.GET["export"], filename="engagements"
        )
    template = "support/engagement_list.html"
    if request.htmx:
        template += "#results"
    can_record = request.user.can(Capability.RECORD_ACTIVITIES)
    return render(request, template, {"listing": listing, "can_record": can_record})


@require(Capability.VIEW_REPORTS)
def engagement_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    engagement = get_visible_or_404(Engagement, request.user, pk=pk)
    can_edit = (
        request.user.can(Capability.RECORD_ACTIVITIES)
        and Engagement.objects.editable_by(request.user).filter(pk=pk).exists()
    )
    context: dict[str, Any] = {
        "engagement": engagement,
        "can_edit": can_edit,
        "history": history_for(engagement),
        "sessions": engagement.sessions.select_related("logged_by"),
        "session_form": SessionForm() if can_edit else None,
        "session_url": reverse("support:engagement_session_add", args=[pk]),
    }
    if can_edit:
        context["suggestions"], context["excluded"] = suggest_experts(engagement)
    return render(request, "support/engagement_detail.html", context)


def _add_session(request: AuthenticatedRequest, engagement: Engagement, back: str) -> HttpResponse:
    form = SessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.log_session(engagement=engagement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, "회차를 기록했습니다.")
    else:
        for field, problems in form.errors.items():
            label = str(form.fields[field].label) if field in form.fields else ""
            for reason in problems:
                messages.error(request, f"{label}: {reason}" if label else str(reason))
    return redirect(back)


@require(Capability.RECORD_ACTIVITIES)
def engagement_session_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    engagement = get_editable_or_404(Engagement, request.user, pk=pk)
    return _add_session(request, engagement, reverse("support:engagement_detail", args=[pk]))


@require(Capability.RECORD_ACTIVITIES)
def engagement_session_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = get_editable_or_404(EngagementSession, request.user, pk=pk)
    back = reverse("support:engagement_detail", args=[session.engagement_id])
    if request.method == "POST":
        services.remove_session(session=session, by=request.user)
        messages.success(request, "회차 기록을 지웠습니다.")
    return redirect(back)


@require(Capability.RECORD_ACTIVITIES)
def engagement_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    engagement = get_editable_or_404(Engagement, request.user, pk=pk)
    form = AssignForm(request.POST or None, engagement=engagement)
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_expert(engagement=engagement, expert=form.cleaned_data["expert"])
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, f"{form.cleaned_data['expert'].name} 전문가를 배정했습니다.")
    elif request.method == "POST":
        messages.error(request, "배정할 전문가를 고르세요.")
    return redirect("support:engagement_detail", pk=pk)


# The expert's own screens: only the engagements assigned to them (the door's expert rule).


@require(Capability.LOG_SESSIONS)
def my_engagements(request: AuthenticatedRequest) -> HttpResponse:
    rows = (
        Engagement.objects.visible_to(request.user)
        .select_related("program__area__fiscal_year", "enterprise")
        .order_by("-starts_on", "-pk")
    )
    visits = (
        VisitDiagnosis.objects.visible_to(request.user)
        .select_related("enterprise")
        .order_by("visited_on", "planned_on", "pk")
    )
    return render(request, "support/my_engagements.html", {"engagements": rows, "visits": visits})


@require(Capability.LOG_SESSIONS)
def my_engagement_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    engagement = get_visible_or_404(Engagement, request.user, pk=pk)
    context = {
        "engagement": engagement,
        "sessions": engagement.sessions.select_related("logged_by"),
        "session_form": SessionForm(),
        "session_url": reverse("support:my_session_add", args=[pk]),
        "mine": True,
    }
    return render(request, "support/my_engagement_detail.html", context)


@require(Capability.LOG_SESSIONS)
def my_session_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    engagement = get_visible_or_404(Engagement, request.user, pk=pk)
    return _add_session(request, engagement, reverse("support:my_engagement_detail", args=[pk]))


@require(Capability.LOG_SESSIONS)
def my_session_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    session = get_visible_or_404(EngagementSession, request.user, pk=pk)
    back = reverse("support:my_engagement_detail", args=[session.engagement_id])
    if request.method == "POST":
        try:
            services.remove_session(session=session, by=request.user)
        except PermissionDenied:
            messages.error(request, "직접 기록한 회차만 지울 수 있습니다.")
        else:
            messages.success(request, "회차 기록을 지웠습니다.")
    return redirect(back)


def _fields(form: EngagementForm) -> dict[str, Any]:
    fields = {name: form.cleaned_data[name] for name in EngagementForm.Meta.fields}
    fields["enterprise"] = form.cleaned_data.get("enterprise_text")
    return fields


def _saved(form: EngagementForm, save: Any) -> Engagement | None:
    try:
        return save()
    except ValidationError as error:
        if hasattr(error, "error_dict"):
            for field, problems in error.message_dict.items():
                target = field if field in form.fields else None
                for problem in problems:
                    form.add_error(target, problem)
        else:
            form.add_error(None, error)
        return None


@require(Capability.RECORD_ACTIVITIES)
def engagement_create(request: AuthenticatedRequest) -> HttpResponse:
    center = center_of(request.user)
    form = EngagementForm(request.POST or None, center=center)
    if request.method == "POST" and form.is_valid():
        engagement = _saved(
            form, lambda: services.record_engagement(center=center, **_fields(form))
        )
        if engagement is not None:
            messages.success(request, "경영지원 기록을 저장했습니다.")
            return redirect("support:engagement_detail", pk=engagement.pk)
    context = {
        "form": form,
        "heading": "경영지원 기록 입력",
        "cancel_url": reverse("support:engagement_list"),
    }
    return render(request, "support/engagement_form.html", context)


@require(Capability.RECORD_ACTIVITIES)
def engagement_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    engagement = get_editable_or_404(Engagement, request.user, pk=pk)
    form = EngagementForm(request.POST or None, instance=engagement, center=engagement.center)
    url = reverse("support:engagement_detail", args=[pk])
    if request.method == "POST" and form.is_valid():
        saved = _saved(
            form,
            lambda: services.update_engagement(
                engagement=Engagement.objects.get(pk=pk), **_fields(form)
            ),
        )
        if saved is not None:
            messages.success(request, "경영지원 기록을 고쳤습니다.")
            return redirect(url)
    context = {"form": form, "heading": f"경영지원 기록 수정: {engagement}", "cancel_url": url}
    return render(request, "support/engagement_form.html", context)


@require(Capability.RECORD_ACTIVITIES)
def engagement_delete(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    engagement = get_editable_or_404(Engagement, request.user, pk=pk)
    if request.method == "POST":
        services.delete_engagement(engagement=engagement)
        messages.success(request, f"경영지원 기록 ‘{engagement}’을(를) 지웠습니다.")
        return redirect("support:engagement_list")
    return render(request, "support/engagement_delete.html", {"engagement": engagement})


@require(Capability.VIEW_REPORTS)
def cohort_outcomes(request: AuthenticatedRequest) -> HttpResponse:
    """The outcome evaluation of a year's supported enterprises (revenue before and after)."""
    center = center_of(request.user)
    years = cohort_years(center)
    chosen = request.GET.get("year", "")
    year = int(chosen) if chosen.isdigit() and int(chosen) in years else None
    if year is None and years:
        year = years[0]
    context: dict[str, Any] = {"years": years, "year": year, "center": center}
    if year is not None:
        context["outcome"] = cohort_outcome(center, year)
    return render(request, "support/cohort_outcomes.html", context)


# Pre-diagnosis (사전진단) and the expert's visit diagnosis (방문진단).


@require(Capability.VIEW_REPORTS)
def diagnosis_list(request: AuthenticatedRequest) -> HttpResponse:
    rows = (
        Diagnosis.objects.visible_to(request.user)
        .select_related("enterprise", "center")
        .order_by("-diagnosed_on", "-pk")
    )
    context = {
        "diagnoses": rows[:200],
        "areas": [area.value for area in DiagnosisArea],
        "can_record": request.user.can(Capability.RECORD_ACTIVITIES),
    }
    return render(request, "support/diagnosis_list.html", context)


@require(Capability.RECORD_ACTIVITIES)
def diagnosis_create(request: AuthenticatedRequest) -> HttpResponse:
    center = center_of(request.user)
    form = DiagnosisForm(request.POST or None, center=center)
    if request.method == "POST" and form.is_valid():
        diagnosis = services.record_diagnosis(
            center=center,
            enterprise=form.cleaned_data["enterprise_text"],
            by=request.user,
            diagnosed_on=form.cleaned_data["diagnosed_on"],
            answers=form.answers(),
            needs=form.cleaned_data["needs"],
        )
        messages.success(request, "사전진단을 저장했습니다.")
        return redirect("support:diagnosis_detail", pk=diagnosis.pk)
    context = {
        "form": form,
        "heading": "사전진단 입력",
        "cancel_url": reverse("support:diagnosis_list"),
    }
    return render(request, "support/engagement_form.html", context)


@require(Capability.VIEW_REPORTS)
def diagnosis_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    diagnosis = get_visible_or_404(Diagnosis, request.user, pk=pk)
    previous = (
        Diagnosis.objects.visible_to(request.user)
        .filter(enterprise=diagnosis.enterprise, diagnosed_on__lt=diagnosis.diagnosed_on)
        .order_by("-diagnosed_on", "-pk")
        .first()
    )
    scores = diagnosis.scores
    can_edit = (
        request.user.can(Capability.RECORD_ACTIVITIES)
        and Diagnosis.objects.editable_by(request.user).filter(pk=pk).exists()
    )
    answers = [
        (question, dict(SCALE).get(diagnosis.answers.get(question.key), "-"))
        for question in QUESTIONS
    ]
    context: dict[str, Any] = {
        "diagnosis": diagnosis,
        "previous": previous,
        "rows": [
            (
                area.value,
                scores.get(area.value),
                previous.scores.get(area.value) if previous else None,
            )
            for area in DiagnosisArea
        ],
        "answers": answers,
        "chart": radar_chart(scores, previous.scores if previous else None),
        "visits": VisitDiagnosis.objects.visible_to(request.user)
        .filter(enterprise=diagnosis.enterprise)
        .select_related("expert"),
        "can_edit": can_edit,
    }
    if can_edit:
        context["visit_form"] = VisitRequestForm(
            center=diagnosis.center, year=diagnosis.diagnosed_on.year
        )
    return render(request, "support/diagnosis_detail.html", context)


@require(Capability.RECORD_ACTIVITIES)
def visit_request(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    diagnosis = get_editable_or_404(Diagnosis, request.user, pk=pk)
    form = VisitRequestForm(
        request.POST or None, center=diagnosis.center, year=diagnosis.diagnosed_on.year
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.request_visit(
                center=diagnosis.center,
                enterprise=diagnosis.enterprise,
                expert=form.cleaned_data["expert"],
                planned_on=form.cleaned_data["planned_on"],
            )
        except ValidationError as error:
            for problem in error.messages:
                messages.error(request, problem)
        else:
            messages.success(request, "방문진단을 요청했습니다.")
    elif request.method == "POST":
        messages.error(request, "방문할 전문가를 고르세요.")
    return redirect("support:diagnosis_detail", pk=pk)


def _record_visit(
    request: AuthenticatedRequest, visit: VisitDiagnosis, template: str, back: str
) -> HttpResponse:
    form = VisitRecordForm(request.POST or None, instance=visit)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in VisitRecordForm.Meta.fields}
        try:
            services.record_visit(visit=visit, by=request.user, **fields)
        except ValidationError as error:
            for problem in error.messages:
                form.add_error(None, problem)
        else:
            messages.success(request, "방문진단을 기록했습니다.")
            return redirect(back)
    return render(request, template, {"visit": visit, "form": form, "back": back})


@require(Capability.RECORD_ACTIVITIES)
def visit_record(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    visit = get_editable_or_404(VisitDiagnosis, request.user, pk=pk)
    latest = visit.enterprise.diagnoses.filter(
        pk__in=Diagnosis.objects.visible_to(request.user)
    ).first()
    back = (
        reverse("support:diagnosis_detail", args=[latest.pk])
        if latest is not None
        else reverse("support:diagnosis_list")
    )
    return _record_visit(request, visit, "support/visit_form.html", back)


@require(Capability.LOG_SESSIONS)
def my_visit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    visit = get_visible_or_404(VisitDiagnosis, request.user, pk=pk)
    return _record_visit(
        request, visit, "support/visit_form.html", reverse("support:my_engagements")
    )
