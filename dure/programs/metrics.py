"""Metrics of the generic activity log: one configurable metric, filtered per indicator."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from dure.core.districts import DISTRICT_NAMES
from dure.core.formatting import format_date
from dure.core.listing import Column
from dure.programs import services
from dure.programs.metric_registry import (
    MONEY_FAMILY,
    Grouping,
    Measure,
    MetricError,
    Parameter,
    Scope,
    average_of,
    counted,
    distinct_count_of,
    metric,
    summed,
)
from dure.programs.models import Activity, ActivityKind
from dure.registry.models import Enterprise, Institution

ACTIVITY_COLUMNS = (
    Column("date", "일자", lambda a: format_date(a.date), "date"),
    Column("center", "센터", lambda a: a.center.name, "center__administrative_code"),
    Column("program", "사업", lambda a: a.program.name),
    Column("kind", "활동유형", lambda a: a.kind.name, "kind__name"),
    Column("category", "분류", lambda a: a.category, "category"),
    Column("counterparties", "상대방", lambda a: a.counterparty_names),
    Column("district", "자치구", lambda a: a.district, "district"),
    Column("headcount", "인원", lambda a: a.headcount, "headcount"),
    Column("amount_won", "금액(원)", lambda a: a.amount_won, "amount_won"),
    Column("notes", "비고", lambda a: a.notes),
    Column("reconstructed", "재구성", lambda a: "재구성" if a.reconstructed else ""),
)

ENTERPRISE_COLUMNS = (
    Column("name", "기업명", lambda e: e.name, "name"),
    Column("legal_form", "법인 형태", lambda e: e.get_legal_form_display(), "legal_form"),
    Column("district", "자치구", lambda e: e.district, "district"),
)

INSTITUTION_COLUMNS = (
    Column("name", "기관명", lambda i: i.name, "name"),
    Column("category", "기관 분류", lambda i: str(i.category or ""), "category__name"),
    Column("district", "자치구", lambda i: i.district, "district"),
)


def _enterprises_of(activities: QuerySet) -> QuerySet:
    return Enterprise.objects.filter(
        Exists(
            Activity.enterprises.through.objects.filter(
                enterprise=OuterRef("pk"), activity__in=activities
            )
        )
    )


def _institutions_of(activities: QuerySet) -> QuerySet:
    return Institution.objects.filter(
        Exists(
            Activity.institutions.through.objects.filter(
                institution=OuterRef("pk"), activity__in=activities
            )
        )
    ).select_related("category")


ACTIVITY_MEASURES: dict[str, Measure] = {
    "count": counted(),
    "sum_headcount": summed("인원", "headcount"),
    "sum_amount": summed("금액", "amount_won", family=MONEY_FAMILY),
    "distinct_enterprises": Measure(
        "기업수",
        distinct_count_of("enterprises"),
        rows=_enterprises_of,
        columns=ENTERPRISE_COLUMNS,
        joins="enterprises",
        record_page="registry:enterprise_detail",
    ),
    "distinct_institutions": Measure(
        "기관수",
        distinct_count_of("institutions"),
        rows=_institutions_of,
        columns=INSTITUTION_COLUMNS,
        joins="institutions",
        record_page="registry:institution_detail",
    ),
    "average_headcount": Measure("회당 평균 인원", average_of("headcount"), list_total="headcount"),
}


def district_name(text: str) -> str:
    """A Seoul 자치구 by its name, with or without 구 (강동 → 강동구)."""
    for name in (text, f"{text}구"):
        if name in DISTRICT_NAMES:
            return name
    raise MetricError(f"‘{text}’은(는) 서울의 자치구가 아닙니다.")


def _prepare_kinds(center: Any, names: list[str]) -> int:
    """The kinds a plan counts join the center's list of 활동유형 (for the entry screens)."""
    known = {k.name for k in services.activity_kinds_for(center)}
    for name in names:
        services.ensure_activity_kind(center=center, name=name)
    return len(set(names) - known)


DISTRICT = Parameter("자치구", clean=district_name)
ACTIVITY_PARAMETERS = {
    "kind": Parameter("활동유형", prepare=_prepare_kinds),
    "category": Parameter("분류"),
    "district": DISTRICT,
    "program": Parameter("사업"),
    "sub_program": Parameter("세부사업"),
    "institution_category": Parameter("기관분류"),
}
ANY_PROGRAM = "전체"


def _scope_rows(scope: Scope) -> QuerySet[Activity]:
    return Activity.objects.filter(
        center_id__in=scope.center_ids, date__gte=scope.starts_on, date__lte=scope.ends_on
    )


def _condition(
    parameters: Mapping[str, list[str]], kind_ids: Mapping[str, list[int]] | None = None
) -> Q:
    """The parameters' filter; the scope's own program is the cell's (`_cell`). With the kinds'
    ids already looked up (many figures at once) the filter compares ids, which needs no join
    and which PostgreSQL evaluates in parallel workers; otherwise it joins the kind's name."""
    kind = parameters.get("kind")
    category = parameters.get("category")
    district = parameters.get("district")
    program = parameters.get("program")
    sub_program = parameters.get("sub_program")
    institution_category = parameters.get("institution_category")
    condition = Q()
    if program and ANY_PROGRAM not in program:
        condition &= Q(program__name__in=program)
    if sub_program:
        condition &= Q(sub_program__name__in=sub_program)
    if kind and kind_ids is not None and all(name in kind_ids for name in kind):
        condition &= Q(kind_id__in=sorted({pk for name in kind for pk in kind_ids[name]}))
    elif kind:
        condition &= Q(kind__name__in=kind)
    if category:
        condition &= Q(category__in=category)
    if district:
        condition &= Q(district__in=district)
    if institution_category:
        condition &= Q(
            Exists(
                Activity.institutions.through.objects.filter(
                    activity=OuterRef("pk"),
                    institution__category__name__in=institution_category,
                )
            )
        ) | Q(
            Exists(
                Activity.institutions.through.objects.filter(
                    activity=OuterRef("pk"),
                    institution__category__parent__name__in=institution_category,
                )
            )
        )
    return condition


def _conditions(parameter_sets: Sequence[dict[str, list[str]]]) -> list[Q]:
    """The conditions of many parameter sets, the kinds they name looked up in one query."""
    names = {name for parameters in parameter_sets for name in parameters.get("kind", [])}
    kind_ids: dict[str, list[int]] = {}
    if names:
        for pk, name in ActivityKind.objects.filter(name__in=names).values_list("pk", "name"):
            kind_ids.setdefault(name, []).append(pk)
    return [_condition(parameters, kind_ids) for parameters in parameter_sets]


def _cell(
    scope: Scope, *, program: list[str] | None = None, **_: list[str]
) -> dict[str, tuple[int, ...]]:
    """The scope's centers, and its program unless 사업 names the programs."""
    if not program and scope.program_id is not None:
        return {"center_id": scope.center_ids, "program_id": (scope.program_id,)}
    return {"center_id": scope.center_ids}


@metric(
    "programs.activities",
    label="활동 기록",
    parameters=ACTIVITY_PARAMETERS,
    measures=ACTIVITY_MEASURES,
    columns=ACTIVITY_COLUMNS,
    for_listing=lambda rows: rows.select_related("center", "program", "kind").prefetch_related(
        "enterprises", "institutions"
    ),
    grouping=Grouping(rows=_scope_rows, conditions=_conditions, cell=_cell),
    record_page="programs:activity_detail",
    reconstructed_field="reconstructed",
)
def activities(scope: Scope, **parameters: list[str]) -> QuerySet[Activity]:
    """Activity records of the scope's centers and dates; by default only the indicator's
    program (사업=전체 counts every program, 사업=<이름> the named ones)."""
    rows = _scope_rows(scope).filter(_condition(parameters))
    cell = _cell(scope, **parameters)
    if "program_id" in cell:
        rows = rows.filter(program_id__in=cell["program_id"])
    return rows
