"""Stays at a shared lodging (공유 숙소): one record per booking, counted in nights."""

from __future__ import annotations

from typing import ClassVar

from django.db import models

from dure.core.models import CenterOwned
from dure.core.roles import READ_ONLY_ROLES, STAFF_ROLES
from dure.programs.models import Program


class Stay(CenterOwned):
    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | READ_ONLY_ROLES

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="+")
    date = models.DateField("입실일")
    room = models.CharField("객실", max_length=20)
    nights = models.PositiveIntegerField("숙박일수")
    reconstructed = models.BooleanField("재구성", default=False)

    class Meta:
        ordering = ["date", "pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.room} {self.nights}박"
