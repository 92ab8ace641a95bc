"""Charts of the report, drawn on the server as SVG (matplotlib), so the web page, the PDF and a
saved page show the same picture without any script. Text stays text in the SVG, set in
Noto Sans CJK KR (Debian's fonts-noto-cjk), so Korean labels are sharp and searchable."""

from __future__ import annotations

import functools
import io
import re
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

import matplotlib

matplotlib.use("svg")

from matplotlib import rc_context
from matplotlib.figure import Figure

from dure.core.fonts import ensure_korean_font

FONT_FAMILY = "Noto Sans CJK KR"
ACHIEVED = "#2f6fb3"
SHORT = "#d08a00"
GOAL_LINE = "#333333"
# Bars beyond this rate are drawn to the edge with the true figure written beside them.
AXIS_LIMIT = 200

_STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": [FONT_FAMILY, "Noto Sans CJK JP", "DejaVu Sans"],
    "font.size": 10,
    "svg.fonttype": "none",
    "svg.hashsalt": "dure",
    "text.parse_math": False,
    "axes.unicode_minus": False,
}
ensure_korean_font()
# rc_context changes process-wide settings; one chart at a time.
_LOCK = threading.Lock()


@dataclass(frozen=True)
class Bar:
    label: str
    rate: Decimal
    group: str = ""


def achievement_chart(bars: Sequence[Bar], *, title: str) -> str:
    """A horizontal bar per item: its achievement rate (%), with the 100% goal line; items of one
    group (a program) stand under its name. Returns SVG markup sized by its viewBox (it scales
    to its container); "" without bars."""
    if not bars:
        return ""
    return _inline(_achievement(tuple(bars), title, "svg").decode(), title)


def achievement_png(bars: Sequence[Bar], *, title: str) -> bytes:
    """The same chart as a PNG (for documents that cannot hold SVG); b"" without bars."""
    return _achievement(tuple(bars), title, "png") if bars else b""


# Drawing is the slow part of a report; the same figures give the same picture.
@functools.lru_cache(maxsize=256)
def _achievement(bars: tuple[Bar, ...], title: str, file_format: str) -> bytes:
    rows: list[tuple[str, float | None]] = []
    group = ""
    for bar in bars:
        if bar.group and bar.group != group:
            rows.append((bar.group, None))
            group = bar.group
        rows.append((bar.label, float(bar.rate)))
    rows.reverse()
    height = 0.8 + 0.26 * len(rows)
    with _LOCK, rc_context(cast(Any, _STYLE)):
        figure = Figure(figsize=(9.5, height))
        axes = figure.add_subplot()
        positions = list(range(len(rows)))
        drawn = [
            (y, rate) for y, (_, rate) in zip(positions, rows, strict=True) if rate is not None
        ]
        axes.barh(
            [y for y, _ in drawn],
            [min(rate, AXIS_LIMIT) for _, rate in drawn],
            color=[ACHIEVED if rate >= 100 else SHORT for _, rate in drawn],
            height=0.66,
        )
        axes.set_yticks(positions, [_short(label) for label, _ in rows])
        for tick, (_, rate) in zip(axes.get_yticklabels(), rows, strict=True):
            if rate is None:
                tick.set_fontweight("bold")
        axes.set_ylim(-0.6, len(rows) - 0.4)
        axes.axvline(100, color=GOAL_LINE, linewidth=1.2)
        axes.set_xlim(0, AXIS_LIMIT * 1.12)
        axes.set_xticks([0, 50, 100, 150, 200], ["0%", "50%", "100%", "150%", "200%"])
        for y, rate in drawn:
            axes.text(min(rate, AXIS_LIMIT) + 2, y, f"{rate:,.1f}%", va="center", fontsize=9)
        axes.set_title(title, loc="left", fontsize=11)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.tick_params(axis="y", length=0)
        axes.grid(axis="x", color="#e3e7ee", linewidth=0.8)
        axes.set_axisbelow(True)
        figure.tight_layout()
        return _save(figure, file_format)


def _save(figure: Figure, file_format: str) -> bytes:
    buffer = io.BytesIO()
    if file_format == "png":
        figure.savefig(buffer, format="png", dpi=150, metadata={"Software": None})
    else:
        figure.savefig(buffer, format="svg", metadata={"Date": None, "Creator": None})
    return buffer.getvalue()


@dataclass(frozen=True)
class Part:
    label: str
    value: Decimal


def parts_chart(parts: Sequence[Part], *, title: str, unit: str) -> str:
    """A horizontal bar per part of a figure (by 과제유형, by 매출 구간 …) with its value and unit;
    SVG markup, "" without parts."""
    if not parts:
        return ""
    return _inline(_parts(tuple(parts), title, unit, "svg").decode(), title)


def parts_png(parts: Sequence[Part], *, title: str, unit: str) -> bytes:
    return _parts(tuple(parts), title, unit, "png") if parts else b""


@functools.lru_cache(maxsize=256)
def _parts(parts: tuple[Part, ...], title: str, unit: str, file_format: str) -> bytes:
    rows = list(reversed(parts))
    height = 0.9 + 0.32 * len(rows)
    largest = max((float(p.value) for p in rows), default=0.0) or 1.0
    with _LOCK, rc_context(cast(Any, _STYLE)):
        figure = Figure(figsize=(7.5, height))
        axes = figure.add_subplot()
        positions = list(range(len(rows)))
        axes.barh(positions, [float(p.value) for p in rows], color=ACHIEVED, height=0.6)
        axes.set_yticks(positions, [_short(p.label) for p in rows])
        axes.set_xlim(0, largest * 1.25)
        for y, part in zip(positions, rows, strict=True):
            text = f"{part.value:,.0f}" if part.value == int(part.value) else f"{part.value:,.1f}"
            axes.text(float(part.value) + largest * 0.02, y, f"{text}{unit}", va="center")
        axes.set_title(title, loc="left", fontsize=11)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.tick_params(axis="y", length=0)
        axes.grid(axis="x", color="#e3e7ee", linewidth=0.8)
        axes.set_axisbelow(True)
        figure.tight_layout()
        return _save(figure, file_format)


def _short(label: str, limit: int = 30) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _inline(svg: str, title: str) -> str:
    """The <svg> element alone, scalable, with an accessible name."""
    start = svg.index("<svg")
    svg = svg[start:]
    svg = re.sub(r'\s(width|height)="[^"]*pt"', "", svg, count=2)
    escaped = title.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{escaped.replace(chr(34), "&quot;")}" class="chart" ',
        1,
    )


def clear_cache() -> None:
    """Forget the drawn charts (a benchmark measures a first build)."""
    _achievement.cache_clear()
    _parts.cache_clear()
