"""Documents an applicant attaches: a declared list of types, each checked by its name and by
its first bytes, under a size limit (setting `DURE_APPLICATION_DOCUMENT_MAX_BYTES`)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.http import FileResponse, HttpResponse
from django.shortcuts import get_object_or_404

from dure.core.access import get_visible_or_404
from dure.support.models import Application, ApplicationDocument

ZIP = b"PK\x03\x04"
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".hwp": (OLE,),
    ".hwpx": (ZIP,),
    ".docx": (ZIP,),
    ".xlsx": (ZIP,),
}
ALLOWED_LABEL = "PDF, HWP, HWPX, DOCX, XLSX, PNG, JPG"


def max_bytes() -> int:
    return int(getattr(settings, "DURE_APPLICATION_DOCUMENT_MAX_BYTES", 10 * 1024 * 1024))


def document_problem(upload: UploadedFile) -> str:
    """Why the file cannot be attached (empty when it can)."""
    name = upload.name or ""
    suffix = PurePath(name).suffix.lower()
    if suffix not in SIGNATURES:
        return f"‘{name}’: 올릴 수 있는 파일은 {ALLOWED_LABEL}입니다."
    limit = max_bytes()
    if (upload.size or 0) > limit:
        return f"‘{name}’: 파일이 {limit // (1024 * 1024)}MB보다 큽니다."
    if not upload.size:
        return f"‘{name}’: 빈 파일입니다."
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[suffix]):
        return f"‘{name}’: 파일 내용이 {suffix[1:].upper()} 형식이 아닙니다."
    return ""


def check_documents(uploads: list[UploadedFile]) -> None:
    problems = [p for p in (document_problem(u) for u in uploads) if p]
    if problems:
        raise ValidationError({"documents": problems})


def document_for(user: Any, pk: int) -> ApplicationDocument:
    """A document of an application the user may see through the door, else 404."""
    document = get_object_or_404(ApplicationDocument, pk=pk)
    get_visible_or_404(Application, user, pk=document.application_id)
    return document


def serve_document(document: ApplicationDocument) -> HttpResponse:
    """Always a download, never rendered by the browser."""
    response = FileResponse(document.file.open("rb"), as_attachment=True, filename=document.name)
    response["X-Content-Type-Options"] = "nosniff"
    return response  # type: ignore[return-value]
