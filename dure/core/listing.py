"""The list pattern every module reuses: filter, sort, paginate, export to XLSX or CSV."""

from __future__ import annotations

import csv
import datetime
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import django_filters
from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

from dure.core.formatting import format_date
from dure.core.spreadsheets import neutralised


@dataclass(frozen=True)
class Column:
    """One column of a list: its header, how to read a row, and the field it sorts by."""

    key: str
    label: str
    value: Callable[[Any], Any]
    sort_field: str | None = None


@dataclass
class Listing:
    filterset: django_filters.FilterSet
    page: Page
    columns: Sequence[Column]
    sort: str
    query_without_sort: str
    query_without_page: str

    @property
    def total(self) -> int:
        return self.page.paginator.count


def _sorted(queryset: QuerySet, columns: Sequence[Column], sort: str, default: str) -> QuerySet:
    allowed = {c.key: c.sort_field for c in columns if c.sort_field}
    key = sort.removeprefix("-")
    if key not in allowed:
        return queryset.order_by(default, "pk")
    field = allowed[key]
    assert field is not None
    return queryset.order_by(f"-{field}" if sort.startswith("-") else field, "pk")


def build_listing(
    request: HttpRequest,
    queryset: QuerySet,
    filterset_class: type[django_filters.FilterSet],
    columns: Sequence[Column],
    *,
    default_sort: str,
    paginator_class: type[Paginator] = Paginator,
) -> tuple[Listing, QuerySet]:
    """Filter and sort a visible queryset by the request; returns the page and the full result."""
    filterset = filterset_class(request.GET or None, queryset=queryset, request=request)
    if not filterset.is_bound:
        rows = queryset
    elif filterset.is_valid():
        rows = filterset.qs
    else:
        # A filter that cannot be read shows its error and no rows, never the unfiltered list.
        rows = queryset.none()
    sort = request.GET.get("sort", "")
    rows = _sorted(rows, columns, sort, default_sort)
    paginator = paginator_class(rows, settings.DURE_LIST_PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    without_page = params.urlencode()
    params.pop("sort", None)
    listing = Listing(
        filterset=filterset,
        page=page,
        columns=columns,
        sort=sort,
        query_without_sort=params.urlencode(),
        query_without_page=without_page,
    )
    return listing, rows


def _cell(value: Any) -> Any:
    """A value for a spreadsheet cell of a list export."""
    return neutralised(_plain(value))


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return format_date(timezone.localtime(value))
    if isinstance(value, datetime.date):
        return format_date(value)
    if value is None:
        return ""
    if isinstance(value, int | float | str):
        return value
    return str(value)


def export_rows(
    rows: QuerySet, columns: Sequence[Column], *, file_format: str, filename: str
) -> HttpResponse:
    """The whole filtered list as an XLSX workbook or a UTF-8 CSV (with BOM, so Excel reads it)."""
    stamp = timezone.localdate().strftime("%Y%m%d")
    if file_format == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([c.label for c in columns])
        for row in rows.iterator(chunk_size=2000):
            writer.writerow([_cell(c.value(row)) for c in columns])
        response = HttpResponse(
            "\ufeff" + buffer.getvalue(), content_type="text/csv; charset=utf-8"
        )
        extension = "csv"
    else:
        workbook = Workbook(write_only=False)
        sheet = workbook.active
        assert sheet is not None
        sheet.append([c.label for c in columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows.iterator(chunk_size=2000):
            sheet.append([_cell(c.value(row)) for c in columns])
        stream = io.BytesIO()
        workbook.save(stream)
        response = HttpResponse(
            stream.getvalue(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        extension = "xlsx"
    from urllib.parse import quote

    response["Content-Disposition"] = (
        f'attachment; filename="{filename}-{stamp}.{extension}"; '
        f"filename*=UTF-8''{quote(filename)}-{stamp}.{extension}"
    )
    return response
