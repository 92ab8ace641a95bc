"""Writes shared by every record-keeping app: one transaction, validated, audited."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.db import transaction

from dure.core.periods import ensure_all_open

RecordT = TypeVar("RecordT")


def save_record(row: RecordT) -> RecordT:
    """Validate and save one row (the caller holds the transaction)."""
    row.full_clean()  # type: ignore[attr-defined]
    row.save()  # type: ignore[attr-defined]
    return row


@transaction.atomic
def create_record(model: Any, **fields: Any) -> Any:
    """Create a record of any type from its fields, checked like every other write."""
    return save_record(model(**fields))


@transaction.atomic
def update_record(record: RecordT, **fields: Any) -> RecordT:
    """Change any record; the audit log keeps the before and after."""
    for name, value in fields.items():
        setattr(record, name, value)
    return save_record(record)


@transaction.atomic
def delete_record(record: Any) -> None:
    """Delete a record (refused while its year is settled)."""
    record.delete()


@transaction.atomic
def bulk_record(rows: Iterable[Any]) -> int:
    """Save many records of any type at once (a migration of old records); each is checked like
    a single one, and the settled-year rule holds."""
    by_model: dict[Any, list[Any]] = {}
    for row in rows:
        by_model.setdefault(type(row), []).append(row)
    saved = 0
    # Model by model in the order first given, so a row may name one saved just before
    # (a participation its event).
    for model, records in by_model.items():
        for row in records:
            row._prepare_related_fields_for_save(operation_name="bulk_record")
            row.full_clean(exclude=["program", "center"], validate_unique=False)
        ensure_all_open(records)
        model._default_manager.bulk_create(records, batch_size=500)
        saved += len(records)
    return saved
