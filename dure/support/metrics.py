"""The management-support metric: engagements counted by type, channel and status, with the
enterprises they reached and the hours delivered. Registered from here; `programs` is not
edited to add it."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from dure.core.formatting import format_date
from dure.core.listing import Column
from dure.programs.metric_registry import (
    Measure,
    MetricError,
    Parameter,
    Scope,
    counted,
    distinct_count_of,
    metric,
    register_unit,
    summed,
)
from dure.registry.models import Enterprise, Financial
from dure.support.models import (
    Application,
    ApplicationStatus,
    Channel,
    Engagement,
    Status,
    support_type_of,
)

HOURS = "hours"
register_unit("시간", family=HOURS)

ENGAGEMENT_COLUMNS = (
    Column("starts_on", "시작일", lambda e: format_date(e.starts_on), "starts_on"),
    Column("ends_on", "종료일", lambda e: format_date(e.ends_on) if e.ends_on else "", "ends_on"),
    Column("center", "센터", lambda e: e.center.name, "center__administrative_code"),
    Column("program", "사업", lambda e: e.program.name),
    Column("support_type", "지원구분", lambda e: e.get_support_type_display(), "support_type"),
    Column("channel", "방식", lambda e: e.channel, "channel"),
    Column(
        "enterprise",
        "기업",
        lambda e: e.enterprise.name if e.enterprise else "",
        "enterprise__name",
    ),
    Column("agency", "담당기관", lambda e: e.agency.name if e.agency else "", "agency__name"),
    Column("expert", "담당 전문가", lambda e: e.expert.name if e.expert else "", "expert__name"),
    Column("task_type", "과제유형", lambda e: e.task_type, "task_type"),
    Column("status", "상태", lambda e: e.get_status_display(), "status"),
    Column("delivered_sessions", "진행 회차", lambda e: e.delivered_sessions, "delivered_sessions"),
    Column("hours", "지원 시간", lambda e: e.hours, "hours"),
    Column("reconstructed", "재구성", lambda e: "재구성" if e.reconstructed else ""),
)

ENTERPRISE_COLUMNS = (
    Column("name", "기업명", lambda e: e.name, "name"),
    Column("legal_form", "법인 형태", lambda e: e.get_legal_form_display(), "legal_form"),
    Column("district", "자치구", lambda e: e.district, "district"),
)


def _enterprises_of(engagements: QuerySet) -> QuerySet:
    return Enterprise.objects.filter(
        Exists(engagements.filter(enterprise=OuterRef("pk")).order_by().values("pk"))
    )


def _support_type(text: str) -> str:
    found = support_type_of(text)
    if found is None:
        raise MetricError(f"‘{text}’은(는) 지원구분이 아닙니다.")
    return found.value


# Revenue bands of the supported enterprise (the seed's 기업 매출액별 법률지원 현황): the
# enterprise's revenue in the year before the scope's year, from the registry's 재무 현황.
REVENUE_BANDS: dict[str, tuple[int | None, int | None]] = {
    "1억 미만": (None, 100_000_000),
    "1억~3억": (100_000_000, 300_000_000),
    "3억 이상": (300_000_000, None),
    "매출 정보 없음": (None, None),
}


def _revenue_band(text: str) -> str:
    if text not in REVENUE_BANDS:
        raise MetricError(f"‘{text}’은(는) 매출 구간이 아닙니다({', '.join(REVENUE_BANDS)}).")
    return text


def _in_revenue_bands(rows: Any, bands: list[str], year: int) -> Any:
    condition: Any = Q(pk__in=[])
    for band in bands:
        low, high = REVENUE_BANDS[band]
        figures = Financial.objects.filter(
            enterprise=OuterRef("enterprise"), year=year, revenue_won__isnull=False
        )
        if low is None and high is None:
            condition |= ~Exists(figures)
            continue
        if low is not None:
            figures = figures.filter(revenue_won__gte=low)
        if high is not None:
            figures = figures.filter(revenue_won__lt=high)
        condition |= Exists(figures)
    return rows.filter(condition)


def _application_status(text: str) -> str:
    by_label = {str(label): value for value, label in ApplicationStatus.choices}
    found = by_label.get(text) or (text if text in ApplicationStatus.values else None)
    if found is None:
        known = ", ".join(by_label)
        raise MetricError(f"‘{text}’은(는) 신청 상태가 아닙니다({known}).")
    return found


def _choice(choices: type[Channel] | type[Status], label: str) -> Parameter:
    def clean(text: str) -> str:
        if text not in choices.values:
            known = ", ".join(choices.values)
            raise MetricError(f"‘{text}’은(는) {label}이(가) 아닙니다({known}).")
        return text

    return Parameter(label, clean=clean)


@metric(
    "support.engagements",
    label="경영지원 기록",
    parameters={
        "support_type": Parameter("지원구분", clean=_support_type),
        "channel": _choice(Channel, "방식"),
        "status": _choice(Status, "상태"),
        "task_type": Parameter("과제유형"),
        "revenue_band": Parameter("매출 구간", clean=_revenue_band),
    },
    measures={
        "count": counted(),
        "distinct_enterprises": Measure(
            "기업수",
            distinct_count_of("enterprise"),
            rows=_enterprises_of,
            columns=ENTERPRISE_COLUMNS,
            record_page="registry:enterprise_detail",
        ),
        "sum_sessions": summed("진행 회차", "delivered_sessions"),
        "sum_hours": summed("지원 시간", "hours", family=HOURS),
    },
    columns=ENGAGEMENT_COLUMNS,
    for_listing=lambda rows: rows.select_related(
        "center", "program", "enterprise", "agency", "expert"
    ),
    record_page="support:engagement_detail",
    reconstructed_field="reconstructed",
)
def engagements(
    scope: Scope,
    *,
    support_type: list[str] | None = None,
    channel: list[str] | None = None,
    status: list[str] | None = None,
    task_type: list[str] | None = None,
    revenue_band: list[str] | None = None,
) -> QuerySet[Engagement]:
    """Engagements of the scope's centers starting within its dates, in the indicator's program."""
    rows = Engagement.objects.filter(
        center_id__in=scope.center_ids,
        starts_on__gte=scope.starts_on,
        starts_on__lte=scope.ends_on,
    )
    if scope.program_id is not None:
        rows = rows.filter(program_id=scope.program_id)
    if support_type:
        rows = rows.filter(support_type__in=support_type)
    if channel:
        rows = rows.filter(channel__in=channel)
    if status:
        rows = rows.filter(status__in=status)
    if task_type:
        rows = rows.filter(task_type__in=task_type)
    if revenue_band:
        rows = _in_revenue_bands(rows, revenue_band, scope.starts_on.year - 1)
    return rows


APPLICATION_COLUMNS = (
    Column(
        "submitted_at", "신청일시", lambda a: format_date(a.submitted_at.date()), "submitted_at"
    ),
    Column("center", "센터", lambda a: a.center.name, "center__administrative_code"),
    Column("announcement", "공고", lambda a: a.announcement.title, "announcement__title"),
    Column("enterprise", "기업", lambda a: a.enterprise.name, "enterprise__name"),
    Column("status", "상태", lambda a: a.get_status_display(), "status"),
)


@metric(
    "support.applications",
    label="지원 신청",
    parameters={
        "status": Parameter("상태", clean=_application_status),
        "support_type": Parameter("지원구분", clean=_support_type),
    },
    measures={
        "count": counted(),
        "distinct_enterprises": Measure(
            "기업수",
            distinct_count_of("enterprise"),
            rows=_enterprises_of,
            columns=ENTERPRISE_COLUMNS,
            record_page="registry:enterprise_detail",
        ),
    },
    columns=APPLICATION_COLUMNS,
    for_listing=lambda rows: rows.select_related("center", "announcement", "enterprise"),
    record_page="support:application_detail",
)
def applications(
    scope: Scope,
    *,
    status: list[str] | None = None,
    support_type: list[str] | None = None,
) -> QuerySet[Application]:
    """Applications received by the scope's centers within its dates (the day submitted), to
    announcements of the indicator's program; by status: received, selected, turned down."""
    rows = Application.objects.filter(
        center_id__in=scope.center_ids,
        submitted_at__date__gte=scope.starts_on,
        submitted_at__date__lte=scope.ends_on,
    )
    if scope.program_id is not None:
        rows = rows.filter(announcement__program_id=scope.program_id)
    if status:
        rows = rows.filter(status__in=status)
    if support_type:
        rows = rows.filter(announcement__support_type__in=support_type)
    return rows
