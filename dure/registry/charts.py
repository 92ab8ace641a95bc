"""Charts of the registry statistics, drawn on the server as SVG with a Korean font.

Text is written as glyph outlines (svg.fonttype "path"), so a browser without Korean fonts shows
the same picture. The figures come from the same EnterpriseStatistics as the tables."""

from __future__ import annotations

import io
from typing import Any

import matplotlib
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from dure.core.fonts import ensure_korean_font
from dure.registry.statistics import EnterpriseStatistics

# Debian's fonts-noto-cjk (scripts/system-packages.sh); the KR face of the collection.
KOREAN_FONT = "Noto Sans CJK KR"
RC: Any = {
    "font.family": [KOREAN_FONT, "DejaVu Sans"],
    "svg.fonttype": "path",
    "svg.hashsalt": "dure",
    "axes.spines.top": False,
    "axes.spines.right": False,
    "font.size": 9,
    "axes.axisbelow": True,
}


ensure_korean_font()


def svg_of(figure: Figure, label: str) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    text = buffer.getvalue()
    svg = text[text.index("<svg") :]
    return svg.replace("<svg ", f'<svg role="img" aria-label="{label}" ', 1)


def growth_chart(statistics: EnterpriseStatistics) -> str:
    """Lines of enterprises holding each designation type on 12.31 of each year, with the total."""
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(8, 3.6))
        axes = figure.add_subplot()
        years = list(statistics.years)
        total = statistics.by_type.total
        assert total is not None
        axes.plot(
            years, [c.count for c in total.cells], color="#222", linewidth=2.4, label=total.label
        )
        for row in statistics.by_type.rows:
            counts = [c.count for c in row.cells]
            if any(counts):
                axes.plot(years, counts, marker="o", markersize=3, linewidth=1.2, label=row.label)
        axes.set_xticks(years, [str(year) for year in years])
        axes.set_ylabel("기업 수(곳)")
        axes.set_ylim(bottom=0)
        axes.yaxis.set_major_locator(MaxNLocator(integer=True))
        axes.grid(axis="y", color="#ddd")
        axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        axes.set_title("인증·지정 유형별 기업 수 추이 (12.31 기준)")
        return svg_of(figure, "인증·지정 유형별 기업 수 추이")


def district_chart(statistics: EnterpriseStatistics) -> str:
    """Stacked bars per 자치구 of the designations in force on 12.31 of the statistics' year."""
    with matplotlib.rc_context(RC):
        table = statistics.by_district
        figure = Figure(figsize=(8, 6.4))
        axes = figure.add_subplot()
        labels = [row.label for row in table.rows][::-1]
        left = [0] * len(labels)
        type_columns = table.columns[:-1]
        for index, column in enumerate(type_columns):
            counts = [row.cells[index].count for row in table.rows][::-1]
            if not any(counts):
                continue
            axes.barh(labels, counts, left=left, label=column, height=0.7)
            left = [a + b for a, b in zip(left, counts, strict=True)]
        axes.set_xlabel("인증·지정 건수(기업·유형별)")
        axes.xaxis.set_major_locator(MaxNLocator(integer=True))
        axes.grid(axis="x", color="#ddd")
        if any(left):
            axes.legend(loc="upper left", bbox_to_anchor=(1.01, 1), frameon=False)
        axes.set_title(f"자치구별 인증·지정 ({statistics.year}.12.31 기준)")
        return svg_of(figure, f"자치구별 인증·지정 {statistics.year}년")
