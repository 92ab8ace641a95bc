"""The pre-diagnosis radar chart, drawn on the server as SVG with a Korean font (the registry's
chart settings), from the same area scores as the table beside it."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import matplotlib
from matplotlib.figure import Figure

from dure.registry.charts import RC, svg_of
from dure.support.diagnosis import DiagnosisArea


def radar_chart(current: dict[str, Decimal], previous: dict[str, Decimal] | None = None) -> str:
    """Area scores (0–100) on a radar, with the enterprise's previous diagnosis for comparison."""
    areas = [area.value for area in DiagnosisArea]
    angles = [2 * math.pi * index / len(areas) for index in range(len(areas))]
    with matplotlib.rc_context(RC):
        figure = Figure(figsize=(4.6, 4.2))
        axes: Any = figure.add_subplot(projection="polar")  # a PolarAxes
        axes.set_theta_offset(math.pi / 2)
        axes.set_theta_direction(-1)
        axes.set_ylim(0, 100)
        axes.set_yticks([25, 50, 75, 100], ["25", "50", "75", "100"], color="#777", fontsize=7)
        axes.set_xticks(angles, areas)
        series = [("이번 진단", current, "#1f5fa8")]
        if previous:
            series.insert(0, ("지난 진단", previous, "#aaaaaa"))
        for label, scores, color in series:
            values = [float(scores.get(area, 0)) for area in areas]
            axes.plot(
                [*angles, angles[0]], [*values, values[0]], color=color, linewidth=1.6, label=label
            )
            axes.fill([*angles, angles[0]], [*values, values[0]], color=color, alpha=0.15)
        if previous:
            axes.legend(loc="upper right", bbox_to_anchor=(1.25, 1.12), frameon=False)
        return svg_of(figure, "영역별 진단 점수")
