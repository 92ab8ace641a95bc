"""The 공유자원 metrics: bookings (대관·대여) with the people and organisations they served, and
the shared office's tenants. Registered from here; `programs` is not edited to add them."""

from __future__ import annotations

from typing import Any

from django.db.models import Case, CharField, Count, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from dure.core.formatting import format_date
from dure.core.listing import Column
from dure.programs.metric_registry import Measure, Scope, counted, metric, summed
from dure.programs.records.metrics import CENTER, INSTITUTION_COLUMNS, choice_parameter
from dure.registry.models import Institution
from dure.resources.models import Booking, BookingStatus, ResourceKind, Tenancy


def _organisations(filter: Q | None = None) -> Any:
    """Distinct borrowers: a registry enterprise, a registry institution or a named group."""
    key = Case(
        When(enterprise__isnull=False, then=Concat(Value("e"), Cast("enterprise_id", CharField()))),
        When(
            institution__isnull=False, then=Concat(Value("i"), Cast("institution_id", CharField()))
        ),
        default=Concat(Value("n"), F("organisation_name")),
        output_field=CharField(),
    )
    return Count(key, distinct=True, filter=filter)


def _local(value: Any) -> str:
    return f"{timezone.localtime(value):%Y.%m.%d %H:%M}"


@metric(
    "resources.bookings",
    label="대관·대여",
    parameters={
        "kind": choice_parameter(ResourceKind, "자원 종류"),
        "status": choice_parameter(BookingStatus, "상태"),
    },
    measures={
        "count": counted("대여 건수"),
        "sum_headcount": summed("이용 인원", "headcount"),
        "organisations": Measure("이용 기관 수", _organisations),
    },
    columns=(
        Column("starts_at", "시작", lambda r: _local(r.starts_at), "starts_at"),
        Column("ends_at", "끝", lambda r: _local(r.ends_at)),
        CENTER,
        Column("resource", "자원", lambda r: r.resource.name, "resource__name"),
        Column("kind", "종류", lambda r: r.resource.get_kind_display(), "resource__kind"),
        Column("organisation", "빌린 곳", lambda r: r.organisation),
        Column("headcount", "이용 인원", lambda r: r.headcount, "headcount"),
        Column("status", "상태", lambda r: r.get_status_display(), "status"),
        Column("reconstructed", "재구성", lambda r: "재구성" if r.reconstructed else ""),
    ),
    for_listing=lambda rows: rows.select_related("center", "resource", "enterprise", "institution"),
    record_page="resources:booking_detail",
    reconstructed_field="reconstructed",
)
def bookings(
    scope: Scope, *, kind: list[str] | None = None, status: list[str] | None = None
) -> QuerySet[Booking]:
    """Bookings of the scope's centers starting within its dates; approved ones unless the
    상태 condition names others (a request not yet decided, refused or cancelled served
    nobody). A booking belongs to the center, not to a program."""
    rows = Booking.objects.filter(
        center_id__in=scope.center_ids,
        starts_at__date__gte=scope.starts_on,
        starts_at__date__lte=scope.ends_on,
        status__in=status or [BookingStatus.APPROVED],
    )
    return rows.filter(resource__kind__in=kind) if kind else rows


def _tenants(records: QuerySet) -> QuerySet:
    return Institution.objects.filter(
        Exists(records.filter(institution=OuterRef("pk")).order_by().values("pk"))
    ).select_related("category")


@metric(
    "resources.tenancies",
    label="공동사무실 입주",
    measures={
        "count": counted("입주 건수"),
        "tenants": Measure(
            "입주 기관 수",
            lambda filter=None: Count("institution", distinct=True, filter=filter),
            rows=_tenants,
            columns=INSTITUTION_COLUMNS,
            record_page="registry:institution_detail",
        ),
    },
    columns=(
        Column("starts_on", "입주일", lambda r: format_date(r.starts_on), "starts_on"),
        Column("ends_on", "퇴거일", lambda r: format_date(r.ends_on) if r.ends_on else ""),
        CENTER,
        Column("institution", "입주 기관", lambda r: r.institution.name, "institution__name"),
        Column("resource", "공간", lambda r: r.resource.name if r.resource else ""),
    ),
    for_listing=lambda rows: rows.select_related("center", "institution", "resource"),
    record_page="resources:tenancy_detail",
    reconstructed_field="reconstructed",
)
def tenancies(scope: Scope) -> QuerySet[Tenancy]:
    """Tenancies of the scope's centers in force at some time within its dates."""
    return Tenancy.objects.filter(
        center_id__in=scope.center_ids, starts_on__lte=scope.ends_on
    ).filter(Q(ends_on__isnull=True) | Q(ends_on__gte=scope.starts_on))
