"""Statistics of the registry: enterprises by designation type, 자치구, legal form and year.

A designation counts in a year when it is in force on 12.31 of that year. Every figure is a count
of distinct enterprises computed from Designation records, and every cell carries the enterprise
list's query that gives back the same enterprises. The number of queries does not depend on the
number of enterprises: one grouped query per table, with one filtered count per year."""

from __future__ import annotations

import datetime
import io
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode

from django.db.models import Count, Min, Q, QuerySet
from openpyxl import Workbook
from openpyxl.styles import Font

from dure.core.districts import DISTRICT_NAMES
from dure.core.formatting import ratio_percent
from dure.core.spreadsheets import append_row
from dure.registry.filters import NO_DISTRICT
from dure.registry.models import Designation, DesignationType, Enterprise, LegalForm

DEFAULT_YEARS = 10
NO_DISTRICT_LABEL = "자치구 없음"


def year_end(year: int) -> datetime.date:
    return datetime.date(year, 12, 31)


@dataclass(frozen=True)
class Cell:
    """One count and the enterprise-list filters that list the enterprises behind it."""

    count: int
    filters: tuple[tuple[str, str], ...]

    @property
    def query(self) -> str:
        return urlencode(self.filters)

    @property
    def display(self) -> str:
        return f"{self.count:,}"


@dataclass(frozen=True)
class TableRow:
    label: str
    cells: tuple[Cell, ...]


@dataclass(frozen=True)
class CountTable:
    title: str
    row_heading: str
    columns: tuple[str, ...]
    rows: tuple[TableRow, ...]
    total: TableRow | None = None


@dataclass(frozen=True)
class Change:
    """The change of a yearly total against the year before."""

    year: int
    difference: int | None
    percent: Decimal | None


@dataclass(frozen=True)
class EnterpriseStatistics:
    years: tuple[int, ...]
    year: int
    by_type: CountTable
    new_by_type: CountTable
    by_district: CountTable
    by_legal_form: CountTable
    changes: tuple[Change, ...]

    @property
    def tables(self) -> tuple[CountTable, ...]:
        return (self.by_type, self.new_by_type, self.by_district, self.by_legal_form)


def default_years(enterprises: QuerySet[Enterprise], *, today: datetime.date) -> tuple[int, int]:
    """The last ten years up to this one, starting no earlier than the first designation."""
    first = Designation.objects.filter(enterprise__in=enterprises).aggregate(
        first=Min("starts_on")
    )["first"]
    end = today.year
    start = end - DEFAULT_YEARS + 1
    if first is not None:
        start = min(max(start, first.year), end)
    return start, end


def _in_force_counts(years: tuple[int, ...]) -> dict[str, Count]:
    counts = {}
    for year in years:
        day = year_end(year)
        in_force = Q(starts_on__lte=day) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))
        counts[f"y{year}"] = Count("enterprise_id", distinct=True, filter=in_force)
    return counts


def _started_counts(years: tuple[int, ...]) -> dict[str, Count]:
    return {
        f"y{year}": Count("enterprise_id", distinct=True, filter=Q(starts_on__year=year))
        for year in years
    }


def _grouped(
    designations: QuerySet[Designation],
    fields: tuple[str, ...],
    counts: dict[str, Count],
    years: tuple[int, ...],
) -> dict[tuple[str, ...], dict[int, int]]:
    """One query: the yearly counts of each group of the fields' values."""
    rows: Iterable[dict[str, Any]] = designations.values(*fields).annotate(**counts)
    return {
        tuple(row[name] for name in fields): {year: row[f"y{year}"] for year in years}
        for row in rows
    }


def _district_filter(district: str) -> tuple[str, str]:
    return ("district", district or NO_DISTRICT)


def enterprise_statistics(
    enterprises: QuerySet[Enterprise], *, start: int, end: int
) -> EnterpriseStatistics:
    """Counts of the given enterprises for the years start..end (the 자치구 table for `end`)."""
    years = tuple(range(start, end + 1))
    designations = Designation.objects.filter(enterprise__in=enterprises).order_by()
    in_force = _in_force_counts(years)
    type_labels = dict(DesignationType.choices)

    by_type_district = {
        (kind, district): counts
        for (kind, district), counts in _grouped(
            designations, ("designation_type", "enterprise__district"), in_force, years
        ).items()
    }
    by_district = {
        key[0]: counts
        for key, counts in _grouped(
            designations, ("enterprise__district",), in_force, years
        ).items()
    }
    by_legal_form = {
        key[0]: counts
        for key, counts in _grouped(
            designations, ("enterprise__legal_form",), in_force, years
        ).items()
    }
    new_by_type = {
        key[0]: counts
        for key, counts in _grouped(
            designations, ("designation_type",), _started_counts(years), years
        ).items()
    }

    def on(year: int) -> tuple[str, str]:
        return ("on", year_end(year).isoformat())

    # An enterprise lies in one 자치구, so counts per 자치구 add up; it may hold several
    # designation types at once, so totals over types come from their own query.
    by_type: dict[str, dict[int, int]] = {}
    for (kind, _), counts in by_type_district.items():
        for year, count in counts.items():
            by_type.setdefault(kind, {}).setdefault(year, 0)
            by_type[kind][year] += count
    type_rows = tuple(
        TableRow(
            label,
            tuple(
                Cell(by_type.get(value, {}).get(year, 0), (("designation", value), on(year)))
                for year in years
            ),
        )
        for value, label in DesignationType.choices
    )
    totals = tuple(
        Cell(sum(counts.get(year, 0) for counts in by_district.values()), (on(year),))
        for year in years
    )
    year_columns = tuple(f"{year}" for year in years)
    by_type_table = CountTable(
        title="인증·지정 유형별 기업 수 (각 연도 12.31 기준)",
        row_heading="유형",
        columns=year_columns,
        rows=type_rows,
        total=TableRow("전체 (중복 제외)", totals),
    )

    new_rows = tuple(
        TableRow(
            label,
            tuple(
                Cell(
                    new_by_type.get(value, {}).get(year, 0),
                    (("designation", value), ("designation_year", str(year))),
                )
                for year in years
            ),
        )
        for value, label in DesignationType.choices
    )
    new_table = CountTable(
        title="연도별 신규 인증·지정 기업 수",
        row_heading="유형",
        columns=year_columns,
        rows=new_rows,
    )

    districts = list(DISTRICT_NAMES)
    districts += sorted(
        d for d, counts in by_district.items() if d not in districts and any(counts.values())
    )
    district_rows = []
    for district in districts:
        cells = [
            Cell(
                by_type_district.get((value, district), {}).get(end, 0),
                (_district_filter(district), ("designation", value), on(end)),
            )
            for value in DesignationType.values
        ]
        cells.append(
            Cell(by_district.get(district, {}).get(end, 0), (_district_filter(district), on(end)))
        )
        district_rows.append(TableRow(district or NO_DISTRICT_LABEL, tuple(cells)))
    district_total = TableRow(
        "합계",
        (
            *(
                Cell(by_type.get(value, {}).get(end, 0), (("designation", value), on(end)))
                for value in DesignationType.values
            ),
            totals[-1],
        ),
    )
    district_table = CountTable(
        title=f"자치구별 인증·지정 기업 수 ({end}.12.31 기준)",
        row_heading="자치구",
        columns=(*(type_labels[value] for value in DesignationType.values), "전체 (중복 제외)"),
        rows=tuple(district_rows),
        total=district_total,
    )

    legal_rows = tuple(
        TableRow(
            label,
            tuple(
                Cell(
                    by_legal_form.get(value, {}).get(year, 0),
                    (("legal_form", value), on(year)),
                )
                for year in years
            ),
        )
        for value, label in LegalForm.choices
    )
    legal_table = CountTable(
        title="법인 형태별 인증·지정 기업 수 (각 연도 12.31 기준)",
        row_heading="법인 형태",
        columns=year_columns,
        rows=legal_rows,
        total=TableRow("전체", totals),
    )

    changes = tuple(
        Change(
            year,
            None if index == 0 else totals[index].count - totals[index - 1].count,
            None
            if index == 0
            else ratio_percent(
                totals[index].count - totals[index - 1].count, totals[index - 1].count
            ),
        )
        for index, year in enumerate(years)
    )
    return EnterpriseStatistics(
        years=years,
        year=end,
        by_type=by_type_table,
        new_by_type=new_table,
        by_district=district_table,
        by_legal_form=legal_table,
        changes=changes,
    )


def statistics_workbook(statistics: EnterpriseStatistics) -> bytes:
    """Every table of the page as one sheet each of an XLSX workbook."""
    workbook = Workbook()
    assert workbook.active is not None
    workbook.remove(workbook.active)
    sheet_names = ("유형별 추이", "신규 인증·지정", "자치구별", "법인 형태별")
    for name, table in zip(sheet_names, statistics.tables, strict=True):
        sheet = workbook.create_sheet(name)
        append_row(sheet, [table.title])
        sheet["A1"].font = Font(bold=True)
        append_row(sheet, [table.row_heading, *table.columns])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        rows = [*table.rows, *([table.total] if table.total else [])]
        for row in rows:
            append_row(sheet, [row.label, *(cell.count for cell in row.cells)])
        if table is statistics.by_type:
            append_row(
                sheet, ["전년 대비 증감", *(change.difference for change in statistics.changes)]
            )
            append_row(
                sheet,
                [
                    "전년 대비 증감률(%)",
                    *(
                        float(change.percent) if change.percent is not None else None
                        for change in statistics.changes
                    ),
                ],
            )
        sheet.column_dimensions["A"].width = 24
    stream = io.BytesIO()
    workbook.save(stream)
    return stream.getvalue()
