"""Request middleware: language, audit actor, htmx login redirects."""

from __future__ import annotations

from collections.abc import Callable

from auditlog.middleware import AuditlogMiddleware
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils import translation
from django_htmx.http import HttpResponseClientRedirect

from dure.core.access import client_ip


class ChosenLanguageMiddleware:
    """Korean unless the user chose another language with the switch; the browser's own
    preference is not followed, since the center's screens and reports are Korean first."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.supported = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class AuditActorMiddleware(AuditlogMiddleware):
    """The audit log's actor and address, with the address taken as the access log takes it."""

    @staticmethod
    def _get_remote_addr(request: HttpRequest) -> str | None:
        return client_ip(request)


class HtmxLoginRedirectMiddleware:
    """When a session has ended, an htmx request gets a full-page redirect to the login page
    instead of the login form swapped into part of the page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        login_url = resolve_url(settings.LOGIN_URL)
        location = response.headers.get("Location", "")
        if (
            getattr(request, "htmx", False)
            and response.status_code == 302
            and location.startswith(login_url)
        ):
            return HttpResponseClientRedirect(location)
        return response
