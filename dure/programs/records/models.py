"""A dated record of a program's work, the base of every record-keeping app's records."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models

from dure.core.districts import DISTRICT_CHOICES
from dure.core.models import CenterOwned, FiscalYear
from dure.core.periods import PeriodLocked
from dure.core.roles import STAFF_ROLES, Role
from dure.programs.models import Program


class ProgramRecord(PeriodLocked, CenterOwned):
    """A dated record of a program's work; it counts in its program's fiscal year."""

    program = models.ForeignKey(
        Program, verbose_name="사업", on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField("일자")
    district = models.CharField("자치구", max_length=30, blank=True, choices=DISTRICT_CHOICES)
    notes = models.TextField("비고", blank=True)
    reconstructed = models.BooleanField(
        "재구성", default=False, help_text="보고서에 합계만 있어 만든 기록"
    )

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | {Role.FUNDER}

    class Meta:
        abstract = True

    def period(self) -> tuple[list[int | None], int | None, int]:
        if self.program_id is None:
            return [], None, 0
        year = self.program.area.fiscal_year
        return [self.center_id, self.program.center_id], year.pk, year.year

    def clean(self) -> None:
        super().clean()
        if self.program_id is None or self.date is None:
            return
        fiscal_year = self.program.area.fiscal_year
        if not fiscal_year.starts_on <= self.date <= fiscal_year.ends_on:
            raise ValidationError(
                {"date": f"일자가 사업의 회계연도({fiscal_year.year}년) 밖입니다."}
            )
        if self.center_id is not None and not self.program.is_open_to(self.center):
            raise ValidationError({"program": "이 센터가 기록할 수 있는 사업이 아닙니다."})


class DatedInYear(PeriodLocked):
    """Mixin of a center's record with no program that counts in the fiscal year its date falls
    in (a delegation's visit, a publication): refused while that year is settled."""

    period_date_field: ClassVar[str] = "date"
    center_id: int | None

    def period(self) -> tuple[list[int | None], int | None, int]:
        day = getattr(self, self.period_date_field)
        if day is None:
            return [], None, 0
        year = FiscalYear.objects.filter(starts_on__lte=day, ends_on__gte=day).first()
        return [self.center_id], year.pk if year else None, day.year
