"""Figures and cells of a report document as HTML: a figure links to the records behind it."""

from __future__ import annotations

import base64

from django import template
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from dure.reports.document import Cell, Chart, Figure, Paragraph, Table

register = template.Library()


@register.simple_tag
def figure_html(figure: Figure) -> SafeString:
    if figure.link:
        template = '<a class="figure" href="{}" title="{}">{}</a>'
        return format_html(template, figure.link, figure.label, figure.text())
    return format_html('<span class="figure" title="{}">{}</span>', figure.label, figure.text())


def _part(part: str | Figure | None) -> SafeString:
    if part is None:
        return mark_safe("")
    if isinstance(part, Figure):
        return figure_html(part)
    lines = part.split("\n")
    return format_html_join(mark_safe("<br>"), "{}", ((line,) for line in lines))


@register.simple_tag
def cell_html(cell: Cell) -> SafeString:
    joiner = str(format_html("{}", cell.joiner))
    # Every piece is escaped by format_html above.
    return mark_safe(joiner.join(str(_part(p)) for p in cell.parts if p is not None))


@register.simple_tag
def paragraph_html(paragraph: Paragraph) -> SafeString:
    return mark_safe("".join(_part(p) for p in paragraph.parts))


@register.simple_tag
def row_kind(table: Table, index: int) -> str:
    return table.kind(index) or "plain"


@register.simple_tag
def chart_svg(chart: Chart) -> SafeString:
    # Drawn by matplotlib on the server, which escapes every label it writes.
    return mark_safe(chart.svg)


@register.simple_tag
def chart_img(chart: Chart) -> SafeString:
    """The chart as an image of its SVG (the PDF draws it as vectors, text kept as text)."""
    data = base64.b64encode(chart.svg.encode()).decode()
    return format_html('<img src="data:image/svg+xml;base64,{}" alt="{}" >', data, chart.title)
