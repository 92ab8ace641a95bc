"""Reading the audit log: the 변경 이력 of one record, shown on its page."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from auditlog.models import LogEntry
from django.db.models import Model


@dataclass(frozen=True)
class FieldChange:
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryEntry:
    entry: LogEntry
    changes: list[FieldChange]


_BOOLEANS = {"True": "예", "False": "아니오"}


def _text(value: Any) -> str:
    if value in (None, "None"):
        return ""
    text = str(value)
    return _BOOLEANS.get(text, text)


PERSONAL_MASK = "(개인정보: 해당 화면에서 열람)"


def _personal_labels(entry: LogEntry) -> set[str]:
    model = entry.content_type.model_class()
    names = getattr(model, "personal_fields", ())
    return {str(model._meta.get_field(name).verbose_name) for name in names} if model else set()


def describe_changes(entry: LogEntry, *, reveal_personal: bool = False) -> list[FieldChange]:
    """Field-level before/after with verbose names and choice labels. Personal fields are masked
    unless the caller shows them on a screen whose opening is logged."""
    changes: dict[str, Any] = entry.changes_display_dict or {}
    masked = set() if reveal_personal else _personal_labels(entry)
    result = []
    for label, pair in changes.items():
        before, after = ([*list(pair), None, None])[:2]
        if _text(before) == "" and _text(after) == "":
            continue
        hidden = str(label) in masked
        result.append(
            FieldChange(
                field=str(label),
                before=PERSONAL_MASK if hidden and _text(before) else _text(before),
                after=PERSONAL_MASK if hidden and _text(after) else _text(after),
            )
        )
    return result


def history_for(
    row: Model, *, limit: int = 50, reveal_personal: bool = False
) -> list[HistoryEntry]:
    """The newest audit entries of one record with field-level before and after."""
    entries = LogEntry.objects.get_for_object(row).select_related("actor", "content_type")[:limit]
    return [
        HistoryEntry(entry=e, changes=describe_changes(e, reveal_personal=reveal_personal))
        for e in entries
    ]
