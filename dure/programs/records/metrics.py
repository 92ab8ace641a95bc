"""Helpers a record-keeping app declares its metrics with: a parameter naming one of a field's
choices, the scope's rows of a dated record, the usual columns, and counting rules of the distinct
enterprises or institutions the records name."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet

from dure.core.formatting import format_date
from dure.core.listing import Column
from dure.programs.metric_registry import Measure, MetricError, Parameter, Scope, distinct_count_of
from dure.registry.models import Enterprise, Institution


def choice_parameter(choices: Any, label: str) -> Parameter:
    """A parameter naming one of the choices, by its Korean label or its value."""

    def clean(text: str) -> str:
        for value, shown in choices.choices:
            if text in {value, str(shown)}:
                return str(value)
        known = ", ".join(str(shown) for _, shown in choices.choices)
        raise MetricError(f"‘{text}’은(는) {label}이(가) 아닙니다({known}).")

    return Parameter(label, clean=clean)


ANY_PROGRAM = "전체"
PROGRAM = Parameter("사업")


def in_scope(
    rows: QuerySet,
    scope: Scope,
    district: list[str] | None = None,
    *,
    date_field: str = "date",
    program: list[str] | None = None,
) -> QuerySet:
    """The rows of the scope's centers dated within its dates, of the indicator's program
    unless the `program` parameter (사업) says 전체 (every program) or names others."""
    rows = rows.filter(
        center_id__in=scope.center_ids,
        **{f"{date_field}__gte": scope.starts_on, f"{date_field}__lte": scope.ends_on},
    )
    if program and ANY_PROGRAM not in program:
        rows = rows.filter(program__name__in=program)
    elif not program and scope.program_id is not None:
        rows = rows.filter(program_id=scope.program_id)
    if district:
        rows = rows.filter(district__in=district)
    return rows


def record_date(row: Any) -> str:
    return format_date(row.date)


def name_of(attribute: str) -> Callable[[Any], str]:
    """A column reading the name of the row's related registry row ("" when none)."""

    def read(row: Any) -> str:
        related = getattr(row, attribute)
        return related.name if related is not None else ""

    return read


DATE = Column("date", "일자", record_date, "date")
CENTER = Column("center", "센터", lambda r: r.center.name, "center__administrative_code")
RECONSTRUCTED = Column("reconstructed", "재구성", lambda r: "재구성" if r.reconstructed else "")
NOTES = Column("notes", "비고", lambda r: r.notes)
INSTITUTION_COLUMNS = (
    Column("name", "기관명", lambda i: i.name, "name"),
    Column("category", "분류", lambda i: i.category.name if i.category else "", "category__name"),
    Column("district", "자치구", lambda i: i.district, "district"),
)
ENTERPRISE_COLUMNS = (
    Column("name", "기업명", lambda e: e.name, "name"),
    Column("legal_form", "법인 형태", lambda e: e.get_legal_form_display(), "legal_form"),
    Column("district", "자치구", lambda e: e.district, "district"),
)


def distinct_enterprises(attribute: str, label: str = "기업수") -> Measure:
    """The distinct enterprises the records name in `attribute`, listed as enterprises."""

    def rows(records: QuerySet) -> QuerySet:
        return Enterprise.objects.filter(
            Exists(records.filter(**{attribute: OuterRef("pk")}).order_by().values("pk"))
        )

    return Measure(
        label,
        distinct_count_of(attribute),
        rows=rows,
        columns=ENTERPRISE_COLUMNS,
        record_page="registry:enterprise_detail",
    )


def distinct_institutions(attribute: str, label: str) -> Measure:
    """The distinct institutions the records name in `attribute`, listed as institutions."""

    def rows(records: QuerySet) -> QuerySet:
        return Institution.objects.filter(
            Exists(records.filter(**{attribute: OuterRef("pk")}).order_by().values("pk"))
        ).select_related("category")

    return Measure(
        label,
        distinct_count_of(attribute),
        rows=rows,
        columns=INSTITUTION_COLUMNS,
        record_page="registry:institution_detail",
    )
