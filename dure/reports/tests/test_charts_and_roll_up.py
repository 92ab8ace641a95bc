"""The report's achievement chart (server-side SVG) and the roll-up split by center."""

from __future__ import annotations

import re
from decimal import Decimal

from django.urls import reverse

from dure.core.models import Center, FiscalYear
from dure.programs.tests.factories import activity_indicator, build_tree, record
from dure.reports.charts import FONT_FAMILY, Bar, achievement_chart
from dure.reports.report import build_report, overview_bars


def test_the_chart_is_an_svg_with_korean_text_in_the_korean_font():
    svg = achievement_chart(
        [Bar("공공 시장 · 방문영업", Decimal("100.6")), Bar("교육 <특강>", Decimal("45"))],
        title="사업별 달성률",
    )
    assert svg.startswith("<svg ") and 'role="img"' in svg and 'aria-label="사업별 달성률"' in svg
    assert FONT_FAMILY in svg
    assert "공공 시장 · 방문영업" in svg and "100.6%" in svg and "45.0%" in svg
    assert "교육 &lt;특강&gt;" in svg
    assert not re.search(r'<svg[^>]* width="', svg)


def test_no_bars_no_chart():
    assert achievement_chart([], title="x") == ""


def test_the_chart_draws_every_overview_rate_and_skips_cancelled_or_targetless(db):
    tree = build_tree()
    activity_indicator(tree.program, target=4)
    activity_indicator(tree.program, "I02", name="목표 없음", target=None)
    activity_indicator(
        tree.program, "I03", name="취소된 지표", status="cancelled", status_reason="예산 삭감"
    )
    for _ in range(5):
        record(tree.program)
    report = build_report(tree.area.center, FiscalYear.objects.get(year=2017))
    assert [(b.label, b.rate) for b in overview_bars(report)] == [
        ("공공기관 방문영업", Decimal("125.0"))
    ]


def test_the_report_page_shows_the_chart(client, funder):
    tree = build_tree()
    activity_indicator(tree.program, target=4)
    record(tree.program)
    client.force_login(funder)
    html = client.get(reverse("reports:annual_report") + "?year=2017").content.decode()
    assert '<figure class="chart"><svg ' in html and "25.0%" in html


def test_the_roll_up_shows_each_centers_share_linked_to_its_records(client, metro_admin):
    tree = build_tree()
    indicator = activity_indicator(tree.program)
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    gwanak = Center.objects.get(code="SEOUL-GWANAK")
    for _ in range(3):
        record(tree.program)
    for _ in range(2):
        record(tree.program, center=gangdong)
    record(tree.program, center=gwanak)
    record(tree.program, "상담", center=gwanak)
    report = build_report(tree.area.center, FiscalYear.objects.get(year=2017), roll_up=True)
    line = report.programs[0].detail[0]
    assert line.result.actual == 6
    shares = {part.center.code: part.actual for part in line.by_center}
    assert shares == {"SEOUL": 3, "SEOUL-GANGDONG": 2, "SEOUL-GWANAK": 1}
    client.force_login(metro_admin)
    html = client.get(reverse("reports:annual_report") + "?year=2017&rollup=1").content.decode()
    records = reverse("programs:indicator_records", args=[indicator.pk])
    assert f'href="{records}?rollup=1&amp;center=SEOUL-GANGDONG">2건</a>' in html
    listed = client.get(f"{records}?rollup=1&center=SEOUL-GANGDONG").content.decode()
    assert "모두 2건" in listed and gangdong.name in listed


def test_without_roll_up_there_is_no_split_and_no_other_centers_records(client, metro_admin):
    tree = build_tree()
    indicator = activity_indicator(tree.program)
    record(tree.program, center=Center.objects.get(code="SEOUL-GANGDONG"))
    report = build_report(tree.area.center, FiscalYear.objects.get(year=2017))
    assert report.programs[0].detail[0].by_center == []
    client.force_login(metro_admin)
    url = reverse("programs:indicator_records", args=[indicator.pk])
    assert client.get(f"{url}?center=SEOUL-GANGDONG").status_code == 404


def test_a_district_cannot_list_another_districts_share(client, district_staff):
    tree = build_tree()
    indicator = activity_indicator(tree.program)
    client.force_login(district_staff)
    url = reverse("programs:indicator_records", args=[indicator.pk])
    assert client.get(f"{url}?rollup=1&center=SEOUL-GWANAK").status_code == 404
