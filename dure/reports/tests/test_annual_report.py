"""The annual report: overview and 주요실적 tables, links to records, bounded queries, JSON."""

from __future__ import annotations

import json
import re
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from dure.core.models import Center
from dure.programs import execution
from dure.programs.execution import ExecutionRate
from dure.programs.tests.factories import activity_indicator, build_tree, record


@pytest.fixture
def year_2017(db):
    tree = build_tree()
    visits = activity_indicator(tree.program, target=650, group="공공구매지원단 운영")
    matching = activity_indicator(
        tree.program, "I02", name="사업매칭지원", target=20, parameters={"kind": "영업매칭"}
    )
    activity_indicator(
        tree.program,
        "I03",
        name="계약규모",
        unit="억원",
        target=50,
        parameters={"kind": "영업매칭"},
        aggregation="sum_amount",
        paired_with=matching,
    )
    activity_indicator(
        tree.program,
        "I04",
        name="교차마케팅",
        unit="회",
        target=4,
        parameters={},
        status="changed",
        status_reason="사업내용 변경",
    )
    for _ in range(7):
        record(tree.program)
    record(tree.program, "영업매칭", amount_won=6_418_000_000)
    last = build_tree(year=2016)
    activity_indicator(last.program, target=600)
    for _ in range(4):
        record(last.program)
    return visits


def test_the_report_shows_targets_actuals_rates_and_links(client, funder, year_2017):
    client.force_login(funder)
    html = client.get(reverse("reports:annual_report") + "?year=2017").content.decode()
    assert "사업 총괄표" in html
    records_url = reverse("programs:indicator_records", args=[year_2017.pk])
    assert re.search(rf'href="{records_url}">7건</a>', html)
    assert "1.1%" in html  # 7 / 650
    assert "20건/50억원" in html
    assert ">1건</a>/<a" in html and "64.18억원" in html
    assert "사업내용변경" in html
    assert "해당 없음" in html  # no execution-rate provider
    assert ">4건</a>" in html  # 2016 beside 2017


def test_a_figure_links_to_a_list_of_that_many_records(client, program_staff, year_2017):
    client.force_login(program_staff)
    html = client.get(reverse("reports:annual_report") + "?year=2017").content.decode()
    links = re.findall(r'class="figure" data-indicator="\d+" href="([^"]+)">([\d,]+)건', html)
    assert len(links) >= 3
    for url, figure in links:
        listed = client.get(url.replace("&amp;", "&")).content.decode()
        assert f"모두 {figure}건" in listed


def test_report_queries_do_not_grow_with_records_or_indicators(
    client, program_staff, year_2017, django_assert_max_num_queries
):
    client.force_login(program_staff)
    url = reverse("reports:annual_report") + "?year=2017"
    with django_assert_max_num_queries(30) as first:
        client.get(url)
    for n in range(10):
        activity_indicator(year_2017.program, f"X{n}", name=f"추가 지표 {n}")
        record(year_2017.program)
    with django_assert_max_num_queries(len(first)):
        client.get(url)


def test_the_execution_rate_comes_from_the_registered_provider(client, funder, year_2017):
    def provider(programs):
        return {p.pk: ExecutionRate(Decimal("99.2"), 1, 1, "/budget/") for p in programs}

    execution.register_execution_rate_provider(provider)
    try:
        client.force_login(funder)
        html = client.get(reverse("reports:annual_report") + "?year=2017").content.decode()
        assert '<a href="/budget/">99.2%</a>' in html
    finally:
        execution._providers.remove(provider)


def test_the_metropolitan_report_rolls_up_its_districts(client, metro_admin, year_2017):
    record(year_2017.program, center=Center.objects.get(code="SEOUL-GANGDONG"))
    client.force_login(metro_admin)
    html = client.get(reverse("reports:annual_report") + "?year=2017&rollup=1").content.decode()
    assert re.search(r'rollup=1">8건</a>', html)


def test_a_district_sees_only_its_own_report(client, district_staff, year_2017):
    client.force_login(district_staff)
    url = reverse("reports:annual_report") + "?year=2017&center=SEOUL"
    assert client.get(url).status_code == 404


def test_export_report_writes_the_json_shape(tmp_path, year_2017):
    output = tmp_path / "report.json"
    call_command(
        "export_report", "2017", "--center", "SEOUL", "--format", "json", "-o", str(output)
    )
    data = json.loads(output.read_text(encoding="utf-8"))
    assert data["year"] == 2017 and data["center"] == "SEOUL"
    program = data["programs"][0]
    assert program["area"] == "판로 지원"
    assert program["execution_pct"] is None
    visits = program["indicators"][0]
    assert {
        k: visits[k]
        for k in (
            "name",
            "unit",
            "target",
            "actual",
            "achievement_pct",
            "status",
            "source",
            "metric",
            "breakdown",
        )
    } == {
        "name": "공공기관 방문영업",
        "unit": "건",
        "target": 650,
        "actual": 7,
        "achievement_pct": 1.1,
        "status": "active",
        "source": "computed",
        "metric": "programs.activities",
        "breakdown": [],
    }
    amount = program["indicators"][2]
    assert (amount["unit"], amount["target"], amount["actual"]) == ("억원", 50, 64.18)
    assert program["indicators"][3]["status"] == "changed"
    assert program["indicators"][3]["achievement_pct"] is None
