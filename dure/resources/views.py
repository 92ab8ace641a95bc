"""공유자원 screens: resources, bookings and tenancies through the shared record screens; a
booking's approval, refusal and cancellation; the week's calendar of every resource; and the
usage statistics of a year."""

from __future__ import annotations

import datetime
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from dure.core.access import center_of, client_ip, get_editable_or_404, require
from dure.core.http import AuthenticatedRequest, show_errors
from dure.core.models import AccessAction, FiscalYear
from dure.core.roles import Capability
from dure.core.services import record_personal_data_access
from dure.programs.evaluation import FigureRequest, compute
from dure.programs.metric_registry import Scope, get_metric
from dure.programs.records.views import RecordScreens, RecordType
from dure.resources import forms, models, services

WEEKDAYS = "월화수목금토일"


def _booking_context(request: AuthenticatedRequest, booking: Any) -> dict[str, Any]:
    """The decision forms, and the member's contact for staff who may see it (logged)."""
    show_contact = bool(booking.contact_name or booking.contact_phone) and request.user.can(
        Capability.VIEW_PERSONAL_DATA
    )
    if show_contact:
        record_personal_data_access(
            user=request.user,
            ip_address=client_ip(request),
            path=request.get_full_path(),
            subject=booking,
            action=AccessAction.VIEW,
        )
    return {"refuse_form": forms.RefuseForm(), "show_contact": show_contact}


SCREENS = RecordScreens(
    namespace="resources",
    heading="공유자원",
    types=(
        RecordType(
            "booking",
            "bookings",
            "대관·대여",
            models.Booking,
            forms.BookingForm,
            "resources.bookings",
            lambda **fields: services.request_booking(approve=True, **fields),
            filter=forms.BookingFilter,
            default_sort="-starts_at",
            detail_template="resources/booking_detail.html",
            detail_context=_booking_context,
            update=services.change_booking,
            links=(("resources:calendar", "주간 달력"),),
        ),
        RecordType(
            "tenancy",
            "tenancies",
            "공동사무실 입주",
            models.Tenancy,
            forms.TenancyForm,
            "resources.tenancies",
            services.record_tenancy,
            filter=forms.TenancyFilter,
            default_sort="-starts_on",
        ),
    ),
    extra_tabs=(
        ("calendar", "resources:calendar", "주간 달력"),
        ("resource", "resources:resource_list", "자원 목록"),
        ("statistics", "resources:statistics", "이용 통계"),
    ),
)


@require(Capability.VIEW_REPORTS)
def calendar(request: AuthenticatedRequest) -> HttpResponse:
    """A week of every resource of the center: who holds it when."""
    try:
        chosen = datetime.date.fromisoformat(request.GET.get("week", ""))
    except ValueError:
        chosen = timezone.localdate()
    monday = chosen - datetime.timedelta(days=chosen.weekday())
    days = [monday + datetime.timedelta(days=n) for n in range(7)]
    zone = timezone.get_current_timezone()
    starts = datetime.datetime.combine(monday, datetime.time(), tzinfo=zone)
    ends = starts + datetime.timedelta(days=7)
    kind = request.GET.get("kind") or models.ResourceKind.VENUE
    if kind not in models.ResourceKind.values:
        kind = models.ResourceKind.VENUE
    resources = sorted(
        models.Resource.objects.visible_to(request.user).filter(is_active=True, kind=kind),
        key=lambda r: (len(r.name), r.name),
    )
    bookings = (
        models.Booking.objects.visible_to(request.user)
        .filter(resource__in=resources, starts_at__lt=ends, ends_at__gt=starts)
        .exclude(status__in=[models.BookingStatus.REFUSED, models.BookingStatus.CANCELLED])
        .select_related("resource", "enterprise", "institution")
        .order_by("starts_at")
    )
    grid: dict[tuple[int, datetime.date], list[tuple[str, Any]]] = {
        (r.pk, day): [] for r in resources for day in days
    }
    for booking in bookings:
        first = max(timezone.localtime(booking.starts_at).date(), monday)
        last = min(
            timezone.localtime(booking.ends_at - datetime.timedelta(seconds=1)).date(), days[-1]
        )
        day = first
        while day <= last:
            grid[(booking.resource_id, day)].append((booking.calendar_label(day), booking))
            day += datetime.timedelta(days=1)
    rows = [(r, [grid[(r.pk, day)] for day in days]) for r in resources]
    context = {
        "screens": SCREENS,
        "tab": "calendar",
        "days": [(day, WEEKDAYS[day.weekday()]) for day in days],
        "rows": rows,
        "previous": monday - datetime.timedelta(days=7),
        "next": monday + datetime.timedelta(days=7),
        "kind": kind,
        "kinds": models.ResourceKind.choices,
        "can_record": request.user.can(Capability.RECORD_ACTIVITIES),
    }
    return render(request, "resources/calendar.html", context)


@require(Capability.VIEW_REPORTS)
def resource_list(request: AuthenticatedRequest) -> HttpResponse:
    resources = models.Resource.objects.visible_to(request.user).select_related("center")
    form = None
    if request.user.can(Capability.RECORD_ACTIVITIES):
        center = center_of(request.user)
        form = forms.ResourceForm(
            request.POST or None,
            instance=models.Resource(center=center),
            user=request.user,
            center=center,
        )
        if request.method == "POST" and form.is_valid():
            try:
                services.save_resource(models.Resource(center=center), **form.cleaned_data)
            except ValidationError as error:
                show_errors(request, error, form)
            else:
                messages.success(request, "자원을 더했습니다.")
                return redirect("resources:resource_list")
    context = {"screens": SCREENS, "tab": "resource", "resources": resources, "form": form}
    return render(request, "resources/resource_list.html", context)


def _decision(request: AuthenticatedRequest, pk: int, decide: Any, done: str) -> HttpResponse:
    booking = get_editable_or_404(models.Booking, request.user, pk=pk)
    try:
        decide(booking)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, done)
    return redirect("resources:booking_detail", pk=pk)


@require(Capability.RECORD_ACTIVITIES)
@require_POST
def booking_approve(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    return _decision(request, pk, services.approve_booking, "예약을 승인했습니다.")


@require(Capability.RECORD_ACTIVITIES)
@require_POST
def booking_refuse(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _decision(
        request, pk, lambda b: services.refuse_booking(b, reason=reason), "예약을 반려했습니다."
    )


@require(Capability.RECORD_ACTIVITIES)
@require_POST
def booking_cancel(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    reason = request.POST.get("reason", "")
    return _decision(
        request, pk, lambda b: services.cancel_booking(b, reason=reason), "예약을 취소했습니다."
    )


@require(Capability.VIEW_REPORTS)
def statistics(request: AuthenticatedRequest) -> HttpResponse:
    """A year's use: bookings, people and organisations by kind of resource; tenants."""
    years = list(FiscalYear.objects.order_by("-year"))
    chosen = request.GET.get("year", "")
    year = next((y for y in years if str(y.year) == chosen), years[0] if years else None)
    rows: list[tuple[str, Any, Any, Any]] = []
    tenants = None
    if year is not None:
        center = center_of(request.user)
        scope = Scope((center.pk,), year.starts_on, year.ends_on)
        bookings = get_metric("resources.bookings")
        requests = []
        for kind in models.ResourceKind.values:
            for measure in ("count", "sum_headcount", "organisations"):
                requests.append(
                    FigureRequest(f"{kind}:{measure}", bookings, scope, measure, {"kind": [kind]})
                )
        requests.append(
            FigureRequest("tenants", get_metric("resources.tenancies"), scope, "tenants", {})
        )
        figures = compute(requests)
        rows = [
            (
                str(label),
                figures[f"{kind}:count"],
                figures[f"{kind}:sum_headcount"],
                figures[f"{kind}:organisations"],
            )
            for kind, label in models.ResourceKind.choices
        ]
        tenants = figures["tenants"]
    context = {
        "screens": SCREENS,
        "tab": "statistics",
        "years": years,
        "year": year,
        "rows": rows,
        "tenants": tenants,
    }
    return render(request, "resources/statistics.html", context)
