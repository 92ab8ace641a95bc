"""Builders for the support tests: a center's program of a year."""

from __future__ import annotations

from dure.core.models import Center, FiscalYear
from dure.programs.models import Program, ProgramArea


def program_in(center: Center, fiscal_year: FiscalYear, name: str = "경영 지원") -> Program:
    """The center's program of that name in the year (made with its area when missing)."""
    area, _ = ProgramArea.objects.get_or_create(
        center=center, fiscal_year=fiscal_year, name="경영 지원", defaults={"code": "A2"}
    )
    program, _ = Program.objects.get_or_create(
        center=center, area=area, name=name, defaults={"code": f"P{area.programs.count() + 1}"}
    )
    return program
