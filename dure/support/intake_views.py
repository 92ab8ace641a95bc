"""Screens of the intake: public announcements and sign-up, the member's portal (standard
application, applying, following an application), the staff's announcements, member
confirmation, applications with review and decision, and the reviewer's own screens."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from dure.core.access import (
    center_of,
    client_ip,
    get_editable_or_404,
    get_visible_or_404,
    public,
    require,
)
from dure.core.http import AuthenticatedRequest
from dure.core.models import User
from dure.core.roles import Capability, Role
from dure.core.services import record_personal_data_access
from dure.registry.models import Expert
from dure.support import intake, standard
from dure.support.intake_forms import (
    AnnouncementForm,
    ApplyForm,
    ConflictForm,
    DecisionForm,
    MembershipDecisionForm,
    ReviewerForm,
    ScoreForm,
    SignupForm,
    StandardApplicationForm,
)
from dure.support.models import (
    Announcement,
    Application,
    ApplicationDocument,
    MembershipRequest,
    RequestStatus,
    Review,
    StandardApplication,
    centers_in_scope,
)
from dure.support.review import RUBRIC, aggregate


def _show_errors(request: HttpRequest, error: ValidationError) -> None:
    for problem in error.messages:
        messages.error(request, problem)


def _published() -> Any:
    return Announcement.objects.filter(published=True).select_related(
        "center", "program__area__fiscal_year"
    )


# Public


@public
def announcement_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = [(a, a.is_open_on(today)) for a in _published()]
    return render(request, "support/intake/announcement_list.html", {"rows": rows})


@public
def announcement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = get_object_or_404(_published(), pk=pk)
    rules = list(announcement.rules.all())
    context: dict[str, Any] = {
        "announcement": announcement,
        "is_open": announcement.is_open_on(timezone.localdate()),
        "rules": [intake.eligibility.describe(rule) for rule in rules],
    }
    user = request.user
    if user.is_authenticated and getattr(user, "role", None) == Role.MEMBER:
        enterprise = intake.enterprise_of(user)
        if enterprise is not None:
            checks = intake.eligibility_of(announcement, enterprise)
            context["enterprise"] = enterprise
            context["checks"] = checks
            context["eligible"] = all(check.met for check in checks)
            context["applied"] = Application.objects.filter(
                announcement=announcement, enterprise=enterprise
            ).first()
    return render(request, "support/intake/announcement_detail.html", context)


@public
def portal_signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("password_again")
        try:
            intake.sign_up_member(**data)
        except ValidationError as error:
            for field, problems in error.message_dict.items():
                for problem in problems:
                    form.add_error(field if field in form.fields else None, problem)
        else:
            messages.success(
                request,
                "가입 신청을 받았습니다. 센터가 기업을 확인하면 이메일로 알려 드립니다. "
                "그동안에도 로그인해 표준 신청서를 볼 수 있습니다.",
            )
            return redirect("login")
    return render(request, "support/intake/signup.html", {"form": form})


# The member's portal


@require(Capability.USE_PORTAL)
def portal_home(request: AuthenticatedRequest) -> HttpResponse:
    enterprise = intake.enterprise_of(request.user)
    pending = MembershipRequest.objects.filter(user=request.user).first()
    context: dict[str, Any] = {"enterprise": enterprise, "signup": pending}
    if enterprise is not None:
        form = StandardApplication.objects.filter(enterprise=enterprise).first()
        context["standard"] = form
        context["missing"] = standard.missing(form.answers) if form else None
        context["applications"] = (
            Application.objects.visible_to(request.user)
            .select_related("announcement")
            .order_by("-submitted_at")
        )
        today = timezone.localdate()
        context["open_announcements"] = [a for a in _published() if a.is_open_on(today)]
    return render(request, "support/intake/portal_home.html", context)


@require(Capability.USE_PORTAL)
def standard_edit(request: AuthenticatedRequest) -> HttpResponse:
    enterprise = intake.enterprise_of(request.user)
    if enterprise is None:
        messages.error(request, "센터가 기업 회원 가입을 확인한 뒤에 쓸 수 있습니다.")
        return redirect("support:portal_home")
    current = StandardApplication.objects.filter(enterprise=enterprise).first()
    form = StandardApplicationForm(request.POST or None, answers=current.answers if current else {})
    if request.method == "POST" and form.is_valid():
        try:
            intake.save_standard_application(member=request.user, answers=form.answers())
        except ValidationError as error:
            _show_errors(request, error)
        else:
            messages.success(
                request, "표준 신청서를 저장했습니다. 이미 제출한 신청은 바뀌지 않습니다."
            )
            return redirect("support:portal_home")
    return render(
        request,
        "support/intake/standard_form.html",
        {"form": form, "enterprise": enterprise, "sections": standard.SECTIONS},
    )


@require(Capability.USE_PORTAL)
def apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    announcement = get_object_or_404(_published(), pk=pk)
    enterprise = intake.enterprise_of(request.user)
    if enterprise is None:
        messages.error(request, "센터가 기업 회원 가입을 확인한 뒤에 신청할 수 있습니다.")
        return redirect("support:announcement_detail", pk=pk)
    form = ApplyForm(request.POST or None, request.FILES or None, announcement=announcement)
    if request.method == "POST" and form.is_valid():
        try:
            application = intake.apply(
                announcement=announcement,
                member=request.user,
                answers=form.answers(),
                documents=form.documents(),
            )
        except ValidationError as error:
            _show_errors(request, error)
        else:
            messages.success(
                request, "신청을 접수했습니다. 진행 상황은 이메일과 이 화면으로 알려 드립니다."
            )
            return redirect("support:my_application", pk=application.pk)
    current = StandardApplication.objects.filter(enterprise=enterprise).first()
    return render(
        request,
        "support/intake/apply.html",
        {
            "announcement": announcement,
            "form": form,
            "enterprise": enterprise,
            "checks": intake.eligibility_of(announcement, enterprise),
            "standard": standard.readable(current.answers) if current else None,
            "missing": standard.missing(current.answers) if current else None,
        },
    )


def _application_context(application: Application) -> dict[str, Any]:
    return {
        "application": application,
        "standard": standard.readable(application.standard),
        "documents": application.documents.all(),
        "events": application.events.all(),
    }


@require(Capability.USE_PORTAL)
def my_application(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(Application, request.user, pk=pk)
    context = _application_context(application)
    context["document_url"] = "support:portal_document"
    return render(request, "support/intake/my_application.html", context)


def _serve(document: ApplicationDocument) -> HttpResponse:
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response  # type: ignore[return-value]


def _document(user: User, pk: int) -> ApplicationDocument:
    document = get_object_or_404(ApplicationDocument, pk=pk)
    get_visible_or_404(Application, user, pk=document.application_id)
    return document


@require(Capability.USE_PORTAL)
def portal_document(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _serve(_document(request.user, pk))


# Staff: announcements


@require(Capability.RECORD_ACTIVITIES)
def announcement_manage(request: AuthenticatedRequest) -> HttpResponse:
    rows = (
        Announcement.objects.visible_to(request.user)
        .select_related("center", "program__area__fiscal_year")
        .annotate(received=Count("applications"))
    )
    return render(request, "support/intake/announcement_manage.html", {"rows": rows})


def _announcement_form(
    request: AuthenticatedRequest, announcement: Announcement, heading: str
) -> HttpResponse:
    center = announcement.center if announcement.pk else center_of(request.user)
    form = AnnouncementForm(
        request.POST or None, instance=announcement, center=center, user=request.user
    )
    if request.method == "POST" and form.is_valid():
        try:
            saved = intake.save_announcement(
                announcement=form.save(commit=False), rules=form.rules()
            )
        except ValidationError as error:
            _show_errors(request, error)
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
        "support/intake/announcement_manage_detail.html",
        {
            "announcement": announcement,
            "rules": [intake.eligibility.describe(r) for r in announcement.rules.all()],
            "applications": applications,
        },
    )


# Staff: member confirmation


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
        "support/intake/membership_requests.html",
        {"rows": rows, "status": status, "statuses": RequestStatus.choices},
    )


@require(Capability.VIEW_PERSONAL_DATA)
def membership_decide(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    row = get_visible_or_404(MembershipRequest, request.user, pk=pk)
    record_personal_data_access(
        user=request.user, ip_address=client_ip(request), path=request.get_full_path(), subject=row
    )
    candidates = intake.enterprise_candidates(row, request.user)
    form = MembershipDecisionForm(request.POST or None, candidates=candidates)
    if request.method == "POST":
        if not MembershipRequest.objects.editable_by(request.user).filter(pk=pk).exists():
            raise PermissionDenied
        if form.is_valid():
            approve = request.POST.get("action") == "approve"
            try:
                intake.decide_membership(
                    request=row,
                    by=request.user,
                    approve=approve,
                    enterprise=form.cleaned_data["enterprise"],
                    reason=form.cleaned_data["reason"],
                )
            except ValidationError as error:
                _show_errors(request, error)
            else:
                messages.success(request, "승인했습니다." if approve else "거절했습니다.")
                return redirect("support:membership_requests")
    return render(
        request,
        "support/intake/membership_decide.html",
        {"row": row, "form": form, "candidates": candidates},
    )


# Staff: applications, review, decision


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
        "support/intake/application_list.html",
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
    context = _application_context(application)
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
    return render(request, "support/intake/application_detail.html", context)


@require(Capability.VIEW_REPORTS)
def application_document(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _serve(_document(request.user, pk))


@require(Capability.RECORD_ACTIVITIES)
def application_assign(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = get_editable_or_404(Application, request.user, pk=pk)
    form = ReviewerForm(request.POST or None, experts=_reviewer_choices(application))
    if request.method == "POST" and form.is_valid():
        try:
            intake.assign_reviewer(
                application=application, expert=form.cleaned_data["reviewer"], by=request.user
            )
        except ValidationError as error:
            _show_errors(request, error)
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
            intake.decide_application(
                application=application,
                by=request.user,
                approve=form.cleaned_data["decision"] == "approve",
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _show_errors(request, error)
        else:
            messages.success(request, "결정을 저장하고 신청 기업에 알렸습니다.")
    elif request.method == "POST":
        for field, problems in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            for problem in problems:
                messages.error(request, f"{label}: {problem}" if label else str(problem))
    return redirect("support:application_detail", pk=pk)


# The reviewer's own screens


@require(Capability.REVIEW_APPLICATIONS)
def my_reviews(request: AuthenticatedRequest) -> HttpResponse:
    rows = Review.objects.filter(reviewer__user=request.user).select_related(
        "application__announcement", "application__enterprise"
    )
    return render(request, "support/intake/my_reviews.html", {"rows": rows})


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
                intake.declare_conflict(
                    review=review,
                    by=request.user,
                    has_conflict=conflict_form.cleaned_data["has_conflict"],
                    note=conflict_form.cleaned_data["note"],
                )
                messages.success(request, "이해충돌 여부를 신고했습니다.")
                return redirect("support:review_detail", pk=pk)
            if score_form is not None and score_form.is_valid():
                intake.submit_review(
                    review=review,
                    by=request.user,
                    scores=score_form.scores(),
                    comment=score_form.cleaned_data["comment"],
                )
                messages.success(request, "심사를 제출했습니다.")
                return redirect("support:my_reviews")
        except ValidationError as error:
            _show_errors(request, error)
    context = _application_context(review.application)
    context.update(
        {
            "review": review,
            "conflict_form": conflict_form,
            "score_form": score_form,
            "document_url": "support:review_document",
        }
    )
    return render(request, "support/intake/review_detail.html", context)


@require(Capability.REVIEW_APPLICATIONS)
def review_document(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _serve(_document(request.user, pk))
