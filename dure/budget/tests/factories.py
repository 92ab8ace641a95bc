"""Budget lines with an initial budget and a grant, built through the services."""

from __future__ import annotations

import datetime
from typing import Any, cast

import factory
from factory.django import DjangoModelFactory

from dure.budget import services
from dure.budget.models import BudgetLine, Fund
from dure.core.models import Center, FiscalYear
from dure.core.services import ensure_fiscal_year
from dure.programs.models import Program, ProgramArea

JAN_1 = datetime.date(2017, 1, 1)


class BudgetLineFactory(DjangoModelFactory):
    class Meta:
        model = BudgetLine

    center = factory.LazyFunction(lambda: Center.objects.get(code="SEOUL"))
    fiscal_year = factory.LazyFunction(lambda: ensure_fiscal_year(year=2017))
    fund = Fund.COMMISSIONED
    chapter = "제안사업비"
    section = "사회적경제 판로지원"
    item = "공공시장 확대지원"
    account_title = factory.Sequence(lambda n: f"세부과목 {n}")
    unit_name = "공공시장 확대지원"
    order = factory.Sequence(lambda n: n)


def program_in(
    center: Center, fiscal_year: FiscalYear, name: str = "공공 시장 확대 지원"
) -> Program:
    area, _ = ProgramArea.objects.get_or_create(
        center=center, fiscal_year=fiscal_year, name="판로 지원", defaults={"code": "01"}
    )
    program, _ = Program.objects.get_or_create(
        center=center, area=area, name=name, defaults={"code": f"01-{area.programs.count() + 1}"}
    )
    return program


def new_line(**fields: Any) -> BudgetLine:
    return cast(BudgetLine, BudgetLineFactory(**fields))


def funded_line(*, initial_won: int, granted_won: int | None = None, **fields: Any) -> BudgetLine:
    """A line with its initial budget and (by default) a grant of the same amount."""
    line = new_line(**fields)
    services.set_initial_budget(line=line, amount_won=initial_won, adopted_on=JAN_1)
    grant = initial_won if granted_won is None else granted_won
    if grant:
        services.record_grant(line=line, amount_won=grant, granted_on=JAN_1)
    return line
