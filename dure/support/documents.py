"""Documents an applicant attaches (the core upload rules, `dure.core.uploads`), and serving
them only through the door of the application they belong to."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404

from dure.core.access import get_visible_or_404
from dure.core.uploads import attachment_response, upload_problem
from dure.support.models import Application, ApplicationDocument


def check_documents(uploads: list[Any]) -> None:
    problems = [p for p in (upload_problem(u) for u in uploads) if p]
    if problems:
        raise ValidationError({"documents": problems})


def document_for(user: Any, pk: int) -> ApplicationDocument:
    """A document of an application the user may see through the door, else 404."""
    document = get_object_or_404(ApplicationDocument, pk=pk)
    get_visible_or_404(Application, user, pk=document.application_id)
    return document


def serve_document(document: ApplicationDocument) -> HttpResponse:
    """Always a download, never rendered by the browser."""
    return attachment_response(document.file, document.name)
