"""The annual performance report on the web."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe

from dure.core.access import require
from dure.core.http import AuthenticatedRequest
from dure.core.models import Center, FiscalYear
from dure.core.roles import Capability
from dure.programs.views import chosen_center, chosen_year
from dure.reports.report import build_report, overview_chart


@require(Capability.VIEW_REPORTS)
def annual_report(request: AuthenticatedRequest) -> HttpResponse:
    center = chosen_center(request)
    fiscal_year = chosen_year(request)
    roll_up = request.GET.get("rollup") == "1" and center.is_metropolitan
    report = build_report(center, fiscal_year, roll_up=roll_up) if fiscal_year else None
    context = {
        "report": report,
        # The chart's SVG comes from matplotlib, which escapes every label it writes.
        "chart": mark_safe(overview_chart(report)) if report else "",
        "years": FiscalYear.objects.all(),
        "fiscal_year": fiscal_year,
        "center": center,
        "district_centers": Center.objects.filter(parent=center)
        if request.user.sees_all_centers and center.is_metropolitan
        else Center.objects.none(),
        "roll_up": roll_up,
    }
    return render(request, "reports/annual_report.html", context)
