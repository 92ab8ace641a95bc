"""Uploaded files: a declared list of types, each checked by its name and by its first bytes,
under a size limit (setting `DURE_UPLOAD_MAX_BYTES`, 10 MB); and one way to hand a file back —
through a view that has checked the user may see its record, always as a download.

Nothing under MEDIA_ROOT is served directly (config/urls.py has no media route)."""

from __future__ import annotations

from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpResponse

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


def max_upload_bytes() -> int:
    return int(getattr(settings, "DURE_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def upload_problem(upload: Any) -> str:
    """Why the file cannot be kept (empty when it can)."""
    name = PurePath(getattr(upload, "name", "") or "").name
    suffix = PurePath(name).suffix.lower()
    if suffix not in SIGNATURES:
        return f"‘{name}’: 올릴 수 있는 파일은 {ALLOWED_LABEL}입니다."
    size = getattr(upload, "size", 0) or 0
    limit = max_upload_bytes()
    if size > limit:
        shown = f"{limit // (1024 * 1024)}MB" if limit >= 1024 * 1024 else f"{limit // 1024}KB"
        return f"‘{name}’: 파일이 {shown}보다 큽니다."
    if not size:
        return f"‘{name}’: 빈 파일입니다."
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(signature) for signature in SIGNATURES[suffix]):
        return f"‘{name}’: 파일 내용이 {suffix[1:].upper()} 형식이 아닙니다."
    return ""


def validate_upload(upload: Any) -> None:
    """Model and form field validator. A file already stored (not a new upload) passes."""
    if getattr(upload, "_committed", False):
        return
    problem = upload_problem(upload)
    if problem:
        raise ValidationError(problem)


def attachment_response(field_file: Any, name: str = "") -> HttpResponse:
    """The stored file as a download that the browser never renders."""
    with field_file.open("rb") as handle:
        response = HttpResponse(handle.read(), content_type="application/octet-stream")
    shown = name or PurePath(field_file.name or "file").name
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(shown)}"
    response["X-Content-Type-Options"] = "nosniff"
    return response
