"""Screens of the management-support records: list, detail, entry, correction, removal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from dure.core.access import (
    center_of,
    client_ip,
    get_editable_or_404,
    get_visible_or_404,
    require,
)
from dure.core.history import history_for
from dure.core.http import AuthenticatedRequest, show_errors
from dure.core.listing import build_listing, export_rows
from dure.core.models import User
from dure.core.roles import Capability
from dure.core.services import record_personal_data_access
from dure.registry.models import Expert
from dure.support import services
from dure.support.charts import radar_chart
from dure.support.diagnosis import QUESTIONS, SCALE, DiagnosisArea
from dure.support.documents import document_for, serve_document
from dure.support.eligibility import describe
from dure.support.forms import (
    AnnouncementForm,
    AssignForm,
    ConflictForm,
    DecisionForm,
    DiagnosisForm,
    EngagementFilter,
    EngagementForm,
    FollowUpDoneForm,
    FollowUpForm,
    MembershipDecisionForm,
    ReviewerForm,
    ScoreForm,
    SessionForm,
    VisitRecordForm,
    VisitRequestForm,
)
from dure.support.matching import suggest_experts
from dure.support.metrics import ENGAGEMENT_COLUMNS
from dure.support.models import (
    Announcement,
    Application,
    Diagnosis,
    Engagement,
    EngagementSession,
    FollowUp,
    MembershipRequest,
    RequestStatus,
    Review,
    VisitDiagnosis,
    centers_in_scope,
)
from dure.support.outcomes import cohort_outcome, cohort_years
from dure.support.review import RUBRIC, aggregate


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
        "follow_ups": engagement.follow_ups.select_related("program__area__fiscal_year"),
    }
    if can_edit:
        context["suggestions"], context["excluded"] = suggest_experts(engagement)
        context["follow_up_form"] = FollowUpForm(engagement=engagement)
        context["done_form"] = FollowUpDoneForm()
    return render(request, "support/engagement_detail.html", context)


def _form_errors(request: HttpRequest, form: Any) -> None:
    for field, problems in form.errors.items():
        label = str(form.fields[field].label) if field in form.fields else ""
        for problem in problems:
            messages.error(request, f"{label}: {problem}" if label else str(problem))


@require(Capability.RECORD_ACTIVITIES)
def follow_up_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    engagement = get_editable_or_404(Engagement, request.user, pk=pk)
    form = FollowUpForm(request.POST or None, engagement=engagement)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_follow_up(engagement=engagement, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, "후속 지원을 기록했습니다.")
    elif request.method == "POST":
        _form_errors(request, form)
    return redirect("support:engagement_detail", pk=pk)


@require(Capability.RECORD_ACTIVITIES)
def follow_up_done(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    follow_up = get_editable_or_404(FollowUp, request.user, pk=pk)
    form = FollowUpDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_follow_up(follow_up=follow_up, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, "후속 지원의 결과를 기록했습니다.")
    elif request.method == "POST":
        _form_errors(request, form)
    return redirect("support:engagement_detail", pk=follow_up.engagement_id)


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
        _form_errors(request, form)
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
        try:
            services.remove_session(session=session, by=request.user)
        except ValidationError as error:
            show_errors(request, error)
        else:
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
        except ValidationError as error:
            show_errors(request, error)
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
        try:
            services.delete_engagement(engagement=engagement)
        except ValidationError as error:
            show_errors(request, error)
            return redirect("support:engagement_detail", pk=pk)
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


# The intake: announcements, member confirmation, applications, review and decision.


@require(Capability.RECORD_ACTIVITIES)
def announcement_manage(request: AuthenticatedRequest) -> HttpResponse:
    rows = (
        Announcement.objects.visible_to(request.user)
        .select_related("center", "program__area__fiscal_year")
        .annotate(received=Count("applications"))
    )
    return render(request, "support/announcement_manage.html", {"rows": rows})


def _announcement_form(
    request: AuthenticatedRequest, announcement: Announcement, heading: str
) -> HttpResponse:
    center = announcement.center if announcement.pk else center_of(request.user)
    form = AnnouncementForm(
        request.POST or None, instance=announcement, center=center, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = services.save_announcement(
                announcement=form.save(commit=False), rules=form.rules()
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, "공고를 저장했습니다.")
            return redirect("support:announcement_manage_detail", pk=saved.pk)
    return render(
        request,
        "support/engagement_form.html",
        {"form": form, "heading": heading, "cancel_url": reverse("support:announcement_manage")},
    )


@require(Capability.RECORD_ACTIVITIES)
def announcement_create(request: AuthenticatedRequest) -> HttpResponse:
    return _announcement_form(request, Announcement(), "공고 등록")


@require(Capability.RECORD_ACTIVITIES)
def announcement_edit(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    announcement = get_editable_or_404(Announcement, request.user, pk=pk)
    return _announcement_form(request, announcement, f"공고 수정: {announcement.title}")


@require(Capability.RECORD_ACTIVITIES)
def announcement_manage_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    announcement = get_visible_or_404(Announcement, request.user, pk=pk)
    applications = (
        Application.objects.visible_to(request.user)
        .filter(announcement=announcement)
        .select_related("enterprise")
    )
    return render(
        request,
        "support/announcement_manage_detail.html",
        {
            "announcement": announcement,
            "rules": [describe(r) for r in announcement.rules.all()],
            "applications": applications,
        },
    )


@require(Capability.VIEW_PERSONAL_DATA)
def membership_requests(request: AuthenticatedRequest) -> HttpResponse:
    rows = MembershipRequest.objects.visible_to(request.user).select_related(
        "center", "user", "enterprise"
    )
    status = request.GET.get("status", RequestStatus.PENDING)
    if status in RequestStatus.values:
        rows = rows.filter(status=status)
    return render(
        request,
        "support/membership_requests.html",
        {"rows": rows, "status": status, "statuses": RequestStatus.choices},
    )


@require(Capability.VIEW_PERSONAL_DATA)
def membership_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row = get_visible_or_404(MembershipRequest, request.user, pk=pk)
    record_personal_data_access(
        user=request.user, ip_address=client_ip(request), path=request.get_full_path(), subject=row
    )
    candidates = services.enterprise_candidates(row, request.user)
    form = MembershipDecisionForm(request.POST or None, candidates=candidates)
    if request.method == "POST":
        if not MembershipRequest.objects.editable_by(request.user).filter(pk=pk).exists():
            raise PermissionDenied
        if form.is_valid():
            approve = request.POST.get("action") == "approve"
            try:
                services.decide_membership(
                    request=row,
                    by=request.user,
                    approve=approve,
                    enterprise=form.cleaned_data["enterprise"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                show_errors(request, error)
            else:
                messages.success(request, "승인했습니다." if approve else "거절했습니다.")
                return redirect("support:membership_requests")
    return render(
        request,
        "support/membership_decide.html",
        {"row": row, "form": form, "candidates": candidates},
    )


@require(Capability.VIEW_REPORTS)
def application_list(request: AuthenticatedRequest) -> HttpResponse:
    rows = Application.objects.visible_to(request.user).select_related(
        "center", "announcement", "enterprise"
    )
    status = request.GET.get("status", "")
    if status:
        rows = rows.filter(status=status)
    return render(
        request,
        "support/application_list.html",
        {"rows": rows, "status": status, "statuses": Application._meta.get_field("status").choices},
    )


def _reviewer_choices(application: Application) -> Any:
    return (
        Expert.objects.filter(center_id__in=centers_in_scope(application.center), is_reviewer=True)
        .in_pool(application.announcement.program.area.fiscal_year.year)
        .exclude(user__isnull=True)
        .exclude(reviews__application=application)
        .order_by("name")
    )


@require(Capability.VIEW_REPORTS)
def application_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(Application, request.user, pk=pk)
    can_edit = (
        request.user.can(Capability.RECORD_ACTIVITIES)
        and Application.objects.editable_by(request.user).filter(pk=pk).exists()
    )
    context: dict[str, Any] = {"application": application}
    context.update(
        {
            "document_url": "support:application_document",
            "can_edit": can_edit and not application.is_decided,
            "reviews": [
                (r, [r.scores.get(c.key) if r.submitted_at else None for c in RUBRIC])
                for r in application.reviews.select_related("reviewer")
            ],
            "aggregate": aggregate(application),
            "rubric": RUBRIC,
        }
    )
    if can_edit and not application.is_decided:
        context["reviewer_form"] = ReviewerForm(experts=_reviewer_choices(application))
        context["decision_form"] = DecisionForm()
    return render(request, "support/application_detail.html", context)


@require(Capability.VIEW_REPORTS)
def application_document(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return serve_document(document_for(request.user, pk))


@require(Capability.RECORD_ACTIVITIES)
def application_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = get_editable_or_404(Application, request.user, pk=pk)
    form = ReviewerForm(request.POST or None, experts=_reviewer_choices(application))
    if request.method == "POST" and form.is_valid():
        try:
            services.assign_reviewer(
                application=application, expert=form.cleaned_data["reviewer"], by=request.user
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(
                request, f"{form.cleaned_data['reviewer'].name} 심사위원을 배정했습니다."
            )
    elif request.method == "POST":
        messages.error(request, "배정할 심사위원을 고르세요.")
    return redirect("support:application_detail", pk=pk)


@require(Capability.RECORD_ACTIVITIES)
def application_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = get_editable_or_404(Application, request.user, pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.decide_application(
                application=application,
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, "결정을 저장하고 신청 기업에 알렸습니다.")
    elif request.method == "POST":
        _form_errors(request, form)
    return redirect("support:application_detail", pk=pk)


@require(Capability.REVIEW_APPLICATIONS)
def my_reviews(request: AuthenticatedRequest) -> HttpResponse:
    rows = Review.objects.filter(reviewer__user=request.user).select_related(
        "application__announcement", "application__enterprise"
    )
    return render(request, "support/my_reviews.html", {"rows": rows})


def _own_review_or_404(user: User, pk: int) -> Review:
    review = get_object_or_404(
        Review.objects.select_related("application__announcement", "reviewer"),
        pk=pk,
        reviewer__user=user,
    )
    get_visible_or_404(Application, user, pk=review.application_id)
    return review


@require(Capability.REVIEW_APPLICATIONS)
def review_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    review = _own_review_or_404(request.user, pk)
    conflict_form = (
        ConflictForm(request.POST or None) if review.conflict_declared_at is None else None
    )
    score_form = None
    if review.conflict_declared_at is not None and not review.has_conflict:
        score_form = ScoreForm(request.POST or None)
    if request.method == "POST":
        try:
            if conflict_form is not None and conflict_form.is_valid():
                services.declare_conflict(
                    review=review,
                    by=request.user,
                    has_conflict=conflict_form.cleaned_data["has_conflict"],
                    note=conflict_form.cleaned_data["note"],
                )
                messages.success(request, "이해충돌 여부를 신고했습니다.")
                return redirect("support:review_detail", pk=pk)
            if score_form is not None and score_form.is_valid():
                services.submit_review(
                    review=review,
                    by=request.user,
                    scores=score_form.scores(),
                    comment=score_form.cleaned_data["comment"],
                )
                messages.success(request, "심사를 제출했습니다.")
                return redirect("support:my_reviews")
        except ValidationError as error:
            show_errors(request, error)
    context: dict[str, Any] = {"application": review.application}
    context.update(
        {
            "review": review,
            "conflict_form": conflict_form,
            "score_form": score_form,
            "document_url": "support:review_document",
        }
    )
    return render(request, "support/review_detail.html", context)


@require(Capability.REVIEW_APPLICATIONS)
def review_document(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return serve_document(document_for(request.user, pk))
