"""The request type views receive after the access door: a logged-in user and htmx details."""

from __future__ import annotations

from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from dure.core.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails
