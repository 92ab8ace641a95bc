"""Core screens: home, audit-log search, personal-data access-log review."""

from __future__ import annotations

from auditlog.models import LogEntry
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from dure.core.access import require
from dure.core.filters import AccessLogFilter, AuditLogFilter
from dure.core.history import describe_changes
from dure.core.http import AuthenticatedRequest
from dure.core.listing import Column, build_listing
from dure.core.models import PersonalDataAccess
from dure.core.roles import Capability

AUDIT_COLUMNS = [
    Column("timestamp", "일시", lambda e: e.timestamp, "timestamp"),
    Column("actor", "변경한 사람", lambda e: e.actor, "actor__username"),
    Column("object", "대상", lambda e: e.object_repr, "object_repr"),
    Column("action", "구분", lambda e: e.get_action_display(), "action"),
]

ACCESS_COLUMNS = [
    Column("accessed_at", "접근일시", lambda a: a.accessed_at, "accessed_at"),
    Column("user", "접근자", lambda a: a.user, "user__username"),
    Column("ip", "IP 주소", lambda a: a.ip_address),
    Column("action", "행위", lambda a: a.get_action_display(), "action"),
    Column("subject", "정보주체", lambda a: a.subject_label, "subject_label"),
    Column("reason", "사유", lambda a: a.reason),
]


@login_required
def home(request: AuthenticatedRequest) -> HttpResponse:
    return render(request, "core/home.html")


@require(Capability.REVIEW_AUDIT_LOG)
def audit_log(request: AuthenticatedRequest) -> HttpResponse:
    entries = LogEntry.objects.select_related("actor", "content_type")
    center = request.user.center
    if center is not None and not center.is_metropolitan:
        entries = entries.filter(additional_data__center=center.code)
    listing, _ = build_listing(
        request, entries, AuditLogFilter, AUDIT_COLUMNS, default_sort="-timestamp"
    )
    rows = [(entry, describe_changes(entry)) for entry in listing.page]
    template = "core/audit_log.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"listing": listing, "rows": rows})


@require(Capability.REVIEW_ACCESS_LOG)
def access_log(request: AuthenticatedRequest) -> HttpResponse:
    entries = PersonalDataAccess.objects.select_related("user")
    center = request.user.center
    if center is not None and not center.is_metropolitan:
        entries = entries.filter(user__center=center)
    listing, _ = build_listing(
        request, entries, AccessLogFilter, ACCESS_COLUMNS, default_sort="-accessed_at"
    )
    template = "core/access_log.html"
    if request.htmx:
        template += "#results"
    return render(request, template, {"listing": listing})
