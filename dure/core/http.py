"""The request type views receive after the access door (a logged-in user and htmx details), and
how a view shows a service's refusal."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django_htmx.middleware import HtmxDetails

from dure.core.models import User


class AuthenticatedRequest(HttpRequest):
    user: User
    htmx: HtmxDetails


def show_errors(request: HttpRequest, error: ValidationError, form: Any = None) -> None:
    """A service's refusal shown to the user: on the form's fields when there is a form and the
    error names fields, else as messages at the top of the page."""
    if form is not None and hasattr(error, "error_dict"):
        for field, problems in error.message_dict.items():
            target = field if field in form.fields else None
            for problem in problems:
                form.add_error(target, problem)
        return
    for problem in error.messages:
        messages.error(request, problem)
