"""Registering domain models with the audit log (변경 이력)."""

from __future__ import annotations

from collections.abc import Iterable

from auditlog.registry import auditlog
from django.db.models import Model

ALWAYS_EXCLUDED = ("id", "created_at", "updated_at", "search_key")


def register_for_audit(
    model: type[Model], *, exclude: Iterable[str] = (), mask: Iterable[str] = ()
) -> None:
    """Audit the model's own editable fields (not its reverse relations or bookkeeping fields);
    `mask` fields are stored masked, for personal data whose history need not be readable."""
    skipped = set(ALWAYS_EXCLUDED) | set(exclude)
    fields = [
        field.name
        for field in model._meta.get_fields()
        if field.concrete and not field.auto_created and field.name not in skipped
    ]
    m2m = [field.name for field in model._meta.many_to_many if field.name not in skipped]
    auditlog.register(model, include_fields=fields, m2m_fields=set(m2m), mask_fields=list(mask))
