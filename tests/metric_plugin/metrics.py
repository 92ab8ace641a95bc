"""The module's metric, unit and counting rule, registered from the module's own file."""

from __future__ import annotations

from django.db.models import QuerySet

from dure.core.formatting import format_date
from dure.core.listing import Column
from dure.programs.metric_registry import Scope, counted, metric, register_unit, summed

from .models import Stay

NIGHTS = "nights"
register_unit("박", family=NIGHTS)


@metric(
    "metric_plugin.stays",
    label="숙박 기록",
    parameters={"room": "객실"},
    measures={
        "count": counted("숙박 건수"),
        "sum_nights": summed("숙박일수", "nights", family=NIGHTS),
    },
    columns=(
        Column("date", "입실일", lambda s: format_date(s.date), "date"),
        Column("room", "객실", lambda s: s.room, "room"),
        Column("nights", "숙박일수", lambda s: s.nights, "nights"),
    ),
    record_page="metric_plugin:stay_detail",
    reconstructed_field="reconstructed",
)
def stays(scope: Scope, *, room: list[str] | None = None) -> QuerySet[Stay]:
    """Stays of the scope's centers and dates, in the indicator's program."""
    rows = Stay.objects.filter(
        center_id__in=scope.center_ids, date__gte=scope.starts_on, date__lte=scope.ends_on
    )
    if scope.program_id is not None:
        rows = rows.filter(program_id=scope.program_id)
    return rows.filter(room__in=room) if room else rows
