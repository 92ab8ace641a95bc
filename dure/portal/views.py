"""The enterprise member's screens and the public pages of the intake: announcements with
their eligibility, sign-up, the standard application, applying, following an application.
Every change goes through `dure.support.services` (a venue booking through
`dure.resources.services`)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from dure.core.access import get_visible_or_404, public, require
from dure.core.http import AuthenticatedRequest, show_errors
from dure.core.roles import Capability, Role
from dure.education import services as education_services
from dure.education.models import Course, Enrolment
from dure.portal.forms import ApplyForm, ProfileForm, SignupForm, StandardApplicationForm
from dure.registry.models import Financial
from dure.resources import services as resource_services
from dure.resources.forms import MemberBookingForm
from dure.resources.models import Booking, Resource
from dure.support import services, standard
from dure.support.documents import document_for, serve_document
from dure.support.models import Announcement, Application, MembershipRequest, StandardApplication


def _published() -> Any:
    return Announcement.objects.filter(published=True).select_related(
        "center", "program__area__fiscal_year"
    )


@public
def announcement_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = [(a, a.is_open_on(today)) for a in _published()]
    return render(request, "portal/announcement_list.html", {"rows": rows})


@public
def announcement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    announcement = get_object_or_404(_published(), pk=pk)
    rules = list(announcement.rules.all())
    context: dict[str, Any] = {
        "announcement": announcement,
        "is_open": announcement.is_open_on(timezone.localdate()),
        "rules": [services.eligibility.describe(rule) for rule in rules],
    }
    user = request.user
    if user.is_authenticated and getattr(user, "role", None) == Role.MEMBER:
        enterprise = services.enterprise_of(user)
        if enterprise is not None:
            checks = services.eligibility_of(announcement, enterprise)
            context["enterprise"] = enterprise
            context["checks"] = checks
            context["eligible"] = all(check.met for check in checks)
            context["applied"] = Application.objects.filter(
                announcement=announcement, enterprise=enterprise
            ).first()
    return render(request, "portal/announcement_detail.html", context)


@public
def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("core:home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        data.pop("password_again")
        try:
            services.sign_up_member(**data)
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
    return render(request, "portal/signup.html", {"form": form})


@require(Capability.USE_PORTAL)
def home(request: AuthenticatedRequest) -> HttpResponse:
    enterprise = services.enterprise_of(request.user)
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
    return render(request, "portal/home.html", context)


@require(Capability.USE_PORTAL)
def standard_edit(request: AuthenticatedRequest) -> HttpResponse:
    enterprise = services.enterprise_of(request.user)
    if enterprise is None:
        messages.error(request, "센터가 기업 회원 가입을 확인한 뒤에 쓸 수 있습니다.")
        return redirect("portal:home")
    current = StandardApplication.objects.filter(enterprise=enterprise).first()
    form = StandardApplicationForm(request.POST or None, answers=current.answers if current else {})
    if request.method == "POST" and form.is_valid():
        try:
            services.save_standard_application(member=request.user, answers=form.answers())
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(
                request, "표준 신청서를 저장했습니다. 이미 제출한 신청은 바뀌지 않습니다."
            )
            return redirect("portal:home")
    return render(
        request,
        "portal/standard_form.html",
        {"form": form, "enterprise": enterprise, "sections": standard.SECTIONS},
    )


@require(Capability.USE_PORTAL)
def apply(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    announcement = get_object_or_404(_published(), pk=pk)
    enterprise = services.enterprise_of(request.user)
    if enterprise is None:
        messages.error(request, "센터가 기업 회원 가입을 확인한 뒤에 신청할 수 있습니다.")
        return redirect("portal:announcement_detail", pk=pk)
    form = ApplyForm(request.POST or None, request.FILES or None, announcement=announcement)
    if request.method == "POST" and form.is_valid():
        try:
            application = services.apply(
                announcement=announcement,
                member=request.user,
                answers=form.answers(),
                documents=form.documents(),
            )
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(
                request, "신청을 접수했습니다. 진행 상황은 이메일과 이 화면으로 알려 드립니다."
            )
            return redirect("portal:application_detail", pk=application.pk)
    current = StandardApplication.objects.filter(enterprise=enterprise).first()
    return render(
        request,
        "portal/apply.html",
        {
            "announcement": announcement,
            "form": form,
            "enterprise": enterprise,
            "checks": services.eligibility_of(announcement, enterprise),
            "standard": standard.readable(current.answers) if current else None,
            "missing": standard.missing(current.answers) if current else None,
        },
    )


@require(Capability.USE_PORTAL)
def application_detail(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    application = get_visible_or_404(Application, request.user, pk=pk)
    return render(
        request,
        "portal/application_detail.html",
        {"application": application, "document_url": "portal:document"},
    )


@require(Capability.USE_PORTAL)
def document(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return serve_document(document_for(request.user, pk))


@require(Capability.USE_PORTAL)
def profile_edit(request: AuthenticatedRequest) -> HttpResponse:
    """The member keeps their enterprise's details and last year's figures; every change is in
    the registry's audit log under the member's name."""
    enterprise = services.enterprise_of(request.user)
    if enterprise is None:
        messages.error(request, "센터가 기업 회원 가입을 확인한 뒤에 쓸 수 있습니다.")
        return redirect("portal:home")
    year = timezone.localdate().year - 1
    figures = Financial.objects.filter(enterprise=enterprise, year=year).first()
    initial = {name: getattr(enterprise, name) for name in services.PROFILE_FIELDS}
    if figures is not None:
        initial.update({name: getattr(figures, name) for name in services.PROFILE_FIGURES})
    form = ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.keep_enterprise_profile(member=request.user, year=year, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, "기업 정보를 저장했습니다.")
            return redirect("portal:home")
    return render(
        request,
        "portal/profile_form.html",
        {"form": form, "enterprise": enterprise, "year": year},
    )


# Venue bookings -------------------------------------------------------------------------------


@require(Capability.USE_PORTAL)
def booking_list(request: AuthenticatedRequest) -> HttpResponse:
    """The member's venue bookings, and a request for a free slot (the center approves it)."""
    enterprise = services.enterprise_of(request.user)
    if enterprise is None:
        messages.error(request, "센터가 기업 회원 가입을 확인한 뒤에 쓸 수 있습니다.")
        return redirect("portal:home")
    venues = Resource.objects.visible_to(request.user)
    form = MemberBookingForm(request.POST or None, venues=venues)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            booking = resource_services.request_booking(
                center=data["resource"].center,
                resource=data["resource"],
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                requested_by=request.user,
                reveal_clash=False,
                enterprise=enterprise,
                headcount=data["headcount"],
                purpose=data["purpose"],
                contact_name=data["contact_name"],
                contact_phone=data["contact_phone"],
            )
        except ValidationError as error:
            show_errors(request, error, form)
        else:
            messages.success(
                request, f"{booking.resource} {booking.period_label} 예약을 신청했습니다."
            )
            return redirect("portal:booking_list")
    bookings = Booking.objects.visible_to(request.user).select_related("resource")
    context = {"form": form, "bookings": bookings.order_by("-starts_at"), "venues": venues}
    return render(request, "portal/booking_list.html", context)


@require(Capability.USE_PORTAL)
def booking_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    booking = get_visible_or_404(Booking, request.user, pk=pk)
    if request.method == "POST":
        try:
            resource_services.cancel_booking(booking, reason="신청한 회원이 취소")
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, "예약을 취소했습니다.")
    return redirect("portal:booking_list")


def _open_courses() -> Any:
    today = timezone.localdate()
    return (
        Course.objects.filter(is_public=True)
        .filter(Q(ends_on__isnull=True) | Q(ends_on__gte=today))
        .order_by("date", "pk")
    )


@require(Capability.USE_PORTAL)
def course_list(request: AuthenticatedRequest) -> HttpResponse:
    """Open courses of the academy and the member's own enrolments."""
    mine = Enrolment.objects.filter(user=request.user).select_related("course")
    enrolled = {e.course_id for e in mine}
    context = {"courses": _open_courses(), "enrolments": mine, "enrolled": enrolled}
    return render(request, "portal/courses.html", context)


@require(Capability.USE_PORTAL)
def course_enrol(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(_open_courses(), pk=pk)
    if request.method == "POST":
        enterprise = services.enterprise_of(request.user)
        try:
            education_services.enrol_member(course=course, user=request.user, enterprise=enterprise)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, f"‘{course}’ 과정에 신청했습니다.")
    return redirect("portal:course_list")
