"""An auditor reads money records only, and amounts appear well beyond the budget's screens (the
report's execution rates, activity amounts, their CSV, attachments). Every page or download an
auditor opens is therefore logged as a money-record access; the budget's own views log what
they show with a precise subject, and this middleware logs every other one."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from dure.budget import services
from dure.core.access import client_ip
from dure.core.roles import Role


def _year(request: HttpRequest) -> int | None:
    match = request.resolver_match
    value = (match.kwargs.get("year") if match else None) or request.GET.get("year")
    try:
        return int(value) if value else None
    except (TypeError, ValueError):
        return None


class AuditorAccessMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if (
            getattr(user, "role", None) == Role.AUDITOR
            and request.method in {"GET", "HEAD"}
            and response.status_code == 200
            and not getattr(request, "money_access_logged", False)
        ):
            match = request.resolver_match
            services.record_money_access(
                user=user,  # type: ignore[arg-type]
                ip_address=client_ip(request),
                path=request.get_full_path(),
                subject=f"화면 {match.view_name}" if match else "화면",
                center=getattr(user, "center", None),
                year=_year(request),
            )
        return response
