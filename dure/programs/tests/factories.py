"""Builders for a fiscal year's program tree, indicators and activity records."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from typing import Any

from dure.core.models import Center, FiscalYear
from dure.core.services import ensure_fiscal_year
from dure.programs import services
from dure.programs.models import Activity, Indicator, Program, ProgramArea


@dataclass
class Tree:
    fiscal_year: FiscalYear
    area: ProgramArea
    program: Program


def build_tree(
    *,
    center: Center | None = None,
    year: int = 2017,
    area: str = "판로 지원",
    program: str = "공공 시장 확대 지원",
    program_code: str = "P01",
) -> Tree:
    """A center's year with one area and one program."""
    center = center or Center.objects.get(code="SEOUL")
    fiscal_year = ensure_fiscal_year(year=year)
    program_area = ProgramArea.objects.filter(center=center, fiscal_year=fiscal_year, name=area)
    area_row = program_area.first() or services.create_program_area(
        center=center,
        fiscal_year=fiscal_year,
        code=f"A{ProgramArea.objects.count() + 1}",
        name=area,
    )
    program_row = services.create_program(area=area_row, code=program_code, name=program)
    return Tree(fiscal_year, area_row, program_row)


def activity_indicator(program: Program, code: str = "I01", **fields: Any) -> Indicator:
    defaults: dict[str, Any] = {
        "name": "공공기관 방문영업",
        "unit": "건",
        "target": 650,
        "metric_key": "programs.activities",
        "parameters": {"kind": ["방문영업"]},
    }
    defaults.update(fields)
    return services.create_indicator(program=program, code=code, **defaults)


def record(
    program: Program,
    kind: str = "방문영업",
    *,
    center: Center | None = None,
    date: datetime.date | None = None,
    **fields: Any,
) -> Activity:
    center = center or program.center
    return services.record_activity(
        center=center,
        program=program,
        kind=services.ensure_activity_kind(center=center, name=kind),
        date=date or datetime.date(program.area.fiscal_year.year, 5, 23),
        **fields,
    )
