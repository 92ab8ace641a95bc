"""The read API (`/api/v1/`, its OpenAPI schema at `/api/v1/openapi.json`): the
registry, programs and indicators with their figures, the records behind any figure, and the
annual report. A request carries `Authorization: Bearer <token>`; it reads as the token's user,
through the same access door as the screens, and only the parts its scopes name."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal
from typing import Any

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest
from ninja import NinjaAPI, Query, Router, Schema
from ninja.errors import HttpError
from ninja.security import HttpBearer
from pydantic import Field, field_validator

from dure.api import services
from dure.api.models import ApiToken, Scope
from dure.core.access import get_visible_or_404, visible_center_or_404
from dure.core.models import FiscalYear
from dure.core.roles import Capability
from dure.programs.metric_registry import MetricError, all_metrics, get_metric
from dure.programs.metric_registry import Scope as FigureScope
from dure.programs.models import Indicator, Program
from dure.programs.results import (
    indicator_metric,
    indicator_results,
    parameters_for,
    scope_for,
    with_report_relations,
)
from dure.registry.models import Enterprise, Institution
from dure.reports.report import build_report, report_as_json

PAGE_SIZE = 100


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> ApiToken | None:
        found = services.authenticate(token)
        if found is not None:
            request.user = found.user
        return found


api = NinjaAPI(
    title="두레 API",
    version="1",
    description=(
        "사회적경제지원센터의 명부, 사업·지표와 실적, 실적 뒤의 기록, 성과보고서 (읽기 전용)."
    ),
    auth=TokenAuth(),
    urls_namespace="api",
    # The schema is served as JSON; no browsable page (it would load scripts from elsewhere).
    docs_url=None,
)


def _need(request: HttpRequest, scope: Scope, capability: Capability) -> Any:
    """The request's user, when its token has the scope and the user's role the capability."""
    token: ApiToken = request.auth  # type: ignore[attr-defined]
    if scope.value not in token.scopes:
        raise HttpError(403, f"토큰에 ‘{scope.label}’ 범위가 없습니다.")
    if not token.user.can(capability):
        raise HttpError(403, "이 계정의 역할로는 읽을 수 없습니다.")
    return token.user


def _year(year: int) -> FiscalYear:
    found = FiscalYear.objects.filter(year=year).first()
    if found is None:
        raise HttpError(404, f"{year}년 회계연도가 없습니다.")
    return found


def _json_value(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


class Message(Schema):
    detail: str


class Invalid(Schema):
    detail: list[dict[str, Any]]


def answers(ok: Any) -> dict[int, Any]:
    """An operation's documented answers: its own, and the refusals every operation may give."""
    return {200: ok, 401: Message, 403: Message, 404: Message, 422: Invalid}


class Page(Schema):
    count: int
    page: int
    pages: int


class EnterpriseOut(Schema):
    id: int
    name: str
    business_number: str
    legal_form: str
    district: str
    center: str


class EnterprisePage(Page):
    results: list[EnterpriseOut]


class InstitutionOut(Schema):
    id: int
    name: str
    category: str | None
    district: str
    center: str


class InstitutionPage(Page):
    results: list[InstitutionOut]


CONTROL_CHARACTER = re.compile(r"[\x00-\x1f\x7f-\x9f]")


class Listing(Schema):
    # The schema states the rule too; the validator below names the character in Korean.
    search: str = Field(
        "", max_length=200, json_schema_extra={"pattern": "^[^\\x00-\\x1f\\x7f-\\x9f]*$"}
    )
    page: int = 1

    @field_validator("search")
    @classmethod
    def _readable(cls, value: str) -> str:
        # PostgreSQL refuses NUL in text; every other control character is refused alike.
        found = CONTROL_CHARACTER.search(value)
        if found:
            raise ValueError(f"검색어에 제어 문자(U+{ord(found.group()):04X})가 들어 있습니다.")
        return value


def _page(rows: Any, page: int) -> tuple[Any, dict[str, int]]:
    paginator = Paginator(rows, PAGE_SIZE)
    if page < 1 or (page > paginator.num_pages and paginator.count):
        raise HttpError(404, f"{page}쪽이 없습니다(모두 {paginator.num_pages}쪽).")
    current = paginator.page(min(page, paginator.num_pages))
    return current, {"count": paginator.count, "page": current.number, "pages": paginator.num_pages}


registry = Router(tags=["명부"])


@registry.get("/enterprises", response=answers(EnterprisePage), summary="사회적경제기업 목록")
def enterprises(request: HttpRequest, filters: Query[Listing]) -> dict[str, Any]:
    user = _need(request, Scope.REGISTRY, Capability.VIEW_REGISTRY)
    rows = Enterprise.objects.visible_to(user).select_related("center").order_by("name", "pk")
    if filters.search.strip():
        text = filters.search.strip()
        rows = rows.filter(Q(name__icontains=text) | Q(business_number=text.replace("-", "")))
    page, meta = _page(rows, filters.page)
    return {**meta, "results": [_enterprise(e) for e in page]}


@registry.get(
    "/enterprises/{enterprise_id}", response=answers(EnterpriseOut), summary="사회적경제기업 하나"
)
def enterprise(request: HttpRequest, enterprise_id: int) -> dict[str, Any]:
    user = _need(request, Scope.REGISTRY, Capability.VIEW_REGISTRY)
    return _enterprise(get_visible_or_404(Enterprise, user, pk=enterprise_id))


def _enterprise(row: Enterprise) -> dict[str, Any]:
    return {
        "id": row.pk,
        "name": row.name,
        "business_number": row.business_number,
        "legal_form": row.get_legal_form_display(),
        "district": row.district,
        "center": row.center.code,
    }


@registry.get("/institutions", response=answers(InstitutionPage), summary="기관 목록")
def institutions(request: HttpRequest, filters: Query[Listing]) -> dict[str, Any]:
    user = _need(request, Scope.REGISTRY, Capability.VIEW_REGISTRY)
    rows = (
        Institution.objects.visible_to(user)
        .select_related("center", "category")
        .order_by("name", "pk")
    )
    if filters.search.strip():
        rows = rows.filter(name__icontains=filters.search.strip())
    page, meta = _page(rows, filters.page)
    results = [
        {
            "id": row.pk,
            "name": row.name,
            "category": row.category.name if row.category else None,
            "district": row.district,
            "center": row.center.code,
        }
        for row in page
    ]
    return {**meta, "results": results}


programs = Router(tags=["사업·지표"])


class BreakdownOut(Schema):
    label: str
    target: float | None
    actual: float | None
    achievement_pct: float | None


class IndicatorOut(Schema):
    id: int
    code: str
    group: str
    name: str
    unit: str
    target: float | None
    actual: float | None
    achievement_pct: float | None
    source: str
    metric: str | None
    aggregation: str
    parameters: dict[str, Any]
    breakdown: list[BreakdownOut]


class ProgramOut(Schema):
    id: int
    code: str
    name: str
    area: str
    year: int
    center: str
    indicators: list[IndicatorOut]


class YearQuery(Schema):
    center: str = ""


@programs.get(
    "/years/{year}/programs", response=answers(list[ProgramOut]), summary="한 해의 사업과 지표"
)
def year_programs(request: HttpRequest, year: int, query: Query[YearQuery]) -> list[dict]:
    user = _need(request, Scope.PROGRAMS, Capability.VIEW_REPORTS)
    center = _center(user, query.center)
    fiscal_year = _year(year)
    rows = (
        Program.objects.visible_to(user)
        .filter(center=center, area__fiscal_year=fiscal_year)
        .select_related("area", "center")
        .order_by("area__order", "order", "pk")
    )
    indicators = list(
        with_report_relations(Indicator.objects.filter(program__in=rows)).order_by("order", "pk")
    )
    results = indicator_results(indicators)
    by_program: dict[int, list[dict[str, Any]]] = {}
    for indicator in indicators:
        by_program.setdefault(indicator.program_id, []).append(
            _indicator(indicator, results[indicator.pk])
        )
    return [
        {
            "id": program.pk,
            "code": program.code,
            "name": program.name,
            "area": program.area.name,
            "year": year,
            "center": program.center.code,
            "indicators": by_program.get(program.pk, []),
        }
        for program in rows
    ]


def _center(user: Any, code: str) -> Any:
    try:
        return visible_center_or_404(user, code or user.center.code)
    except Http404:
        raise HttpError(404, f"센터 ‘{code}’을(를) 볼 수 없습니다.") from None


def _indicator(indicator: Indicator, result: Any) -> dict[str, Any]:
    return {
        "id": indicator.pk,
        "code": indicator.code,
        "group": indicator.group,
        "name": indicator.name,
        "unit": indicator.unit,
        "target": _json_value(result.target),
        "actual": _json_value(result.actual),
        "achievement_pct": _json_value(result.achievement),
        "source": "manual" if indicator.is_manual else "computed",
        "metric": indicator.metric_key or None,
        "aggregation": indicator.aggregation,
        "parameters": indicator.parameters,
        "breakdown": [
            {
                "label": part.label,
                "target": _json_value(part.target),
                "actual": _json_value(part.actual),
                "achievement_pct": _json_value(part.achievement),
            }
            for part in result.breakdowns
        ],
    }


@programs.get(
    "/indicators/{indicator_id}", response=answers(IndicatorOut), summary="지표 하나와 실적"
)
def indicator(request: HttpRequest, indicator_id: int) -> dict[str, Any]:
    user = _need(request, Scope.PROGRAMS, Capability.VIEW_REPORTS)
    found = get_visible_or_404(Indicator, user, pk=indicator_id)
    rows = list(with_report_relations(Indicator.objects.filter(pk=found.pk)))
    return _indicator(rows[0], indicator_results(rows)[found.pk])


class MeasureOut(Schema):
    key: str
    label: str


class MetricOut(Schema):
    key: str
    label: str
    description: str
    parameters: list[MeasureOut]
    measures: list[MeasureOut]


@programs.get(
    "/metrics", response=answers(list[MetricOut]), summary="지표 산식 (기록의 종류와 집계방식)"
)
def metrics(request: HttpRequest) -> list[dict[str, Any]]:
    _need(request, Scope.PROGRAMS, Capability.VIEW_REPORTS)
    return [
        {
            "key": metric.key,
            "label": metric.label,
            "description": metric.description,
            "parameters": [{"key": k, "label": p.label} for k, p in metric.parameters.items()],
            "measures": [{"key": k, "label": m.label} for k, m in metric.measures.items()],
        }
        for metric in sorted(all_metrics(), key=lambda m: m.key)
    ]


records = Router(tags=["기록"])


class RecordPage(Page):
    columns: list[MeasureOut]
    results: list[dict[str, Any]]


class RecordQuery(Schema):
    page: int = 1


@records.get(
    "/indicators/{indicator_id}/records",
    response=answers(RecordPage),
    summary="실적 뒤의 기록 (드릴다운)",
)
def indicator_records(
    request: HttpRequest, indicator_id: int, query: Query[RecordQuery]
) -> dict[str, Any]:
    """The records a figure counts: the metric's own rows, so their number is the figure."""
    user = _need(request, Scope.RECORDS, Capability.VIEW_REPORTS)
    found = get_visible_or_404(Indicator, user, pk=indicator_id)
    if found.is_manual or not found.metric_key:
        raise HttpError(404, "수기 실적 지표에는 기록이 없습니다.")
    metric = indicator_metric(found)
    rows = metric.rows(scope_for(found), parameters_for(found, None), found.aggregation)
    return _records(rows, metric.drill_columns(found.aggregation), query.page)


class MetricQuery(Schema):
    year: int
    center: str = ""
    page: int = 1


@records.get("/metrics/{metric_key}/records", response=answers(RecordPage), summary="한 해의 기록")
def metric_records(request: HttpRequest, metric_key: str, query: Query[MetricQuery]) -> dict:
    """Every record of one kind (a metric) of a center's year, whatever its program."""
    user = _need(request, Scope.RECORDS, Capability.VIEW_REPORTS)
    try:
        metric = get_metric(metric_key)
    except MetricError:
        raise HttpError(404, f"지표 산식 ‘{metric_key}’이(가) 없습니다.") from None
    center = _center(user, query.center)
    year = _year(query.year)
    scope = FigureScope((center.pk,), year.starts_on, year.ends_on)
    rows = metric.rows(scope, {}, metric.default_measure)
    return _records(rows, metric.drill_columns(metric.default_measure), query.page)


def _records(rows: Any, columns: Any, page_number: int) -> dict[str, Any]:
    ordering = [c.sort_field for c in columns if c.sort_field][:1] or ["pk"]
    page, meta = _page(rows.order_by(*ordering, "pk"), page_number)
    return {
        **meta,
        "columns": [{"key": c.key, "label": c.label} for c in columns],
        "results": [
            {"id": row.pk, **{c.key: _json_value(c.value(row)) for c in columns}} for row in page
        ],
    }


reports = Router(tags=["성과보고서"])


class ReportQuery(Schema):
    center: str = ""
    roll_up: bool = False


@reports.get(
    "/years/{year}/report",
    response=answers(dict[str, Any]),
    summary="성과보고서 (사업별 지표·실적·집행률)",
)
def report(request: HttpRequest, year: int, query: Query[ReportQuery]) -> dict[str, Any]:
    """The annual report as `export_report --format json` writes it."""
    user = _need(request, Scope.REPORTS, Capability.VIEW_REPORTS)
    center = _center(user, query.center)
    return report_as_json(build_report(center, _year(year), roll_up=query.roll_up))


api.add_router("/", registry)
api.add_router("/", programs)
api.add_router("/", records)
api.add_router("/", reports)
