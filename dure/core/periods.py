"""Closed periods: once a center's fiscal year is closed (정산 마감), the records its report is
computed from no longer change, so the filed figures cannot move.

The app that closes periods (budget's settlement) registers how to tell; record-keeping apps
below it (activities, engagements …) ask here before they save or delete, without importing it."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.core.exceptions import ValidationError

# (center id, fiscal year id) → the reason the period is closed, or None when it is open.
Closer = Callable[[int, int], str | None]
_CLOSERS: list[Closer] = []


def register_closer(closer: Closer) -> None:
    if closer not in _CLOSERS:
        _CLOSERS.append(closer)


def closed_reason(center_id: int, fiscal_year_id: int) -> str | None:
    for closer in _CLOSERS:
        reason = closer(center_id, fiscal_year_id)
        if reason:
            return reason
    return None


def ensure_open(*, center_ids: Iterable[int | None], fiscal_year_id: int | None, year: int) -> None:
    """Refuse a change to a record of a closed period, saying how to correct it instead."""
    if fiscal_year_id is None:
        return
    for center_id in {c for c in center_ids if c is not None}:
        reason = closed_reason(center_id, fiscal_year_id)
        if reason:
            raise ValidationError(
                f"{year}년은 {reason} 이 기록을 등록·수정·삭제할 수 없습니다. 바로잡을 내용은 "
                "열려 있는 회계연도에 기록하고 비고에 정정 사유를 적으세요."
            )


class PeriodLocked:
    """Model mixin: a record that counts in a fiscal year's report refuses to be saved or
    deleted while that year (before or after the change) is closed. The model says which year
    and centers it counts for in `period()`."""

    pk: Any

    def period(self) -> tuple[Iterable[int | None], int | None, int]:
        """(center ids, fiscal year id, year) the record counts for."""
        raise NotImplementedError

    def _ensure_periods_open(self) -> None:
        center_ids, fiscal_year_id, year = self.period()
        ensure_open(center_ids=center_ids, fiscal_year_id=fiscal_year_id, year=year)
        if self.pk is not None:
            stored = type(self)._default_manager.filter(pk=self.pk).first()  # type: ignore[attr-defined]
            if stored is not None:
                before_ids, before_year_id, before_year = stored.period()
                ensure_open(center_ids=before_ids, fiscal_year_id=before_year_id, year=before_year)

    def save(self, *args: Any, **kwargs: Any) -> None:
        self._ensure_periods_open()
        super().save(*args, **kwargs)  # type: ignore[misc]

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self._ensure_periods_open()
        return super().delete(*args, **kwargs)  # type: ignore[misc]


def ensure_all_open(records: Iterable[PeriodLocked]) -> None:
    """The same refusal for records saved in bulk (which bypasses `save`)."""
    checked: set[tuple[int | None, int | None]] = set()
    for record in records:
        center_ids, fiscal_year_id, year = record.period()
        for center_id in center_ids:
            if (center_id, fiscal_year_id) not in checked:
                checked.add((center_id, fiscal_year_id))
                ensure_open(center_ids=[center_id], fiscal_year_id=fiscal_year_id, year=year)
