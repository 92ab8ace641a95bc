"""The execution rate (집행률) of each program for the overview table: executed ÷ granted."""

from __future__ import annotations

from django.db.models import QuerySet, Sum
from django.urls import reverse

from dure.budget.models import BudgetLine, Expenditure, Grant
from dure.budget.statements import StatementScope
from dure.core.formatting import ratio_percent
from dure.programs.execution import ExecutionRate
from dure.programs.models import Program


def _by_program(queryset: QuerySet) -> dict[int, int]:
    rows = queryset.values("line__program").annotate(total=Sum("amount_won")).order_by()
    return {row["line__program"]: row["total"] or 0 for row in rows}


def program_execution_rates(programs: list[Program]) -> dict[int, ExecutionRate]:
    """Rates of the programs that have budget lines, in four queries whatever their number.

    The rate is rounded half-up to 0.1%; a program with lines but no grant has percent None."""
    ids = [program.pk for program in programs]
    if not ids:
        return {}
    funded = set(
        BudgetLine.objects.filter(program__in=ids).values_list("program", flat=True).distinct()
    )
    granted = _by_program(Grant.objects.filter(line__program__in=ids))
    executed = _by_program(Expenditure.objects.counted().filter(line__program__in=ids))
    frames = {
        row["pk"]: (row["area__fiscal_year__year"], row["center__code"])
        for row in Program.objects.filter(pk__in=funded).values(
            "pk", "area__fiscal_year__year", "center__code"
        )
    }
    rates = {}
    for pk in funded:
        year, code = frames[pk]
        url = reverse("budget:record_list", args=[year, code, "expenditure"])
        rates[pk] = ExecutionRate(
            percent=ratio_percent(executed.get(pk, 0), granted.get(pk, 0)),
            executed_won=executed.get(pk, 0),
            base_won=granted.get(pk, 0),
            url=f"{url}?{StatementScope(program=pk).query()}",
        )
    return rates
