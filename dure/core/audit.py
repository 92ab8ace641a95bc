"""Registering domain models with the audit log (변경 이력).

Personal data never enters the audit log in clear: a model's `personal_fields` are stored as a
fixed mark (`mask_personal`, the AUDITLOG_MASK_CALLABLE), so the history tells that a phone
number changed, not what it was; and the actor's e-mail, which django-auditlog copies onto each
entry, is not kept (the actor is linked)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from auditlog.models import LogEntry
from auditlog.registry import auditlog
from django.db.models import Model
from django.db.models.signals import pre_save
from django.dispatch import receiver

ALWAYS_EXCLUDED = ("id", "created_at", "updated_at", "search_key")
PERSONAL_MARK = "(개인정보: 기록하지 않음)"


def mask_personal(value: str) -> str:
    """What the audit log stores for a personal field's value: nothing of it."""
    return PERSONAL_MARK if value not in ("", "None") else value


@receiver(pre_save, sender=LogEntry)
def _drop_actor_email(sender: type[LogEntry], instance: LogEntry, **kwargs: Any) -> None:
    instance.actor_email = None


def register_for_audit(
    model: type[Model], *, exclude: Iterable[str] = (), mask: Iterable[str] = ()
) -> None:
    """Audit the model's own editable fields (not its reverse relations or bookkeeping fields);
    the model's `personal_fields` and any `mask` fields are stored as a mark, never in clear."""
    skipped = set(ALWAYS_EXCLUDED) | set(exclude)
    fields = [
        field.name
        for field in model._meta.get_fields()
        if field.concrete and not field.auto_created and field.name not in skipped
    ]
    m2m = [field.name for field in model._meta.many_to_many if field.name not in skipped]
    masked = sorted(set(mask) | set(getattr(model, "personal_fields", ())))
    auditlog.register(model, include_fields=fields, m2m_fields=set(m2m), mask_fields=masked)
