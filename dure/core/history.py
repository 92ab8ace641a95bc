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


def describe_changes(entry: LogEntry) -> list[FieldChange]:
    """Field-level before/after with verbose field names and choice labels."""
    changes: dict[str, Any] = entry.changes_display_dict or {}
    result = []
    for label, pair in changes.items():
        before, after = ([*list(pair), None, None])[:2]
        if _text(before) == "" and _text(after) == "":
            continue
        result.append(
            FieldChange(
                field=str(label),
                before=_text(before),
                after=_text(after),
            )
        )
    return result


def history_for(row: Model, *, limit: int = 50) -> list[HistoryEntry]:
    """The newest audit entries of one record with field-level before and after."""
    entries = LogEntry.objects.get_for_object(row).select_related("actor")[:limit]
    return [HistoryEntry(entry=e, changes=describe_changes(e)) for e in entries]
