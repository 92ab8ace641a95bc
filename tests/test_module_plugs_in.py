"""A module app plugs into the metric registry from its own files: its metric, unit (박) and
counting rule (숙박일수) are imported by a plan file, counted in the report and drilled down to
its records, with no edit under dure/programs/ (the app is tests/metric_plugin)."""

from __future__ import annotations

import datetime
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command

from dure.core.models import Center, FiscalYear
from dure.programs.metric_registry import get_metric, get_unit
from dure.programs.models import Indicator
from dure.reports.report import build_report, report_as_json
from tests.metric_plugin.models import Stay

ROOT = Path(__file__).resolve().parents[1]
PLAN = (
    "구분,사업명,지표명,단위,목표,지표 산식,집계방식,조건,세부목표\n"
    "지역 기반,공유 숙소 운영,숙박 지원,박,20,숙박 기록,숙박일수,,온돌방[객실=온돌] 8\n"
    "지역 기반,공유 숙소 운영,온돌방 예약,건,5,숙박 기록,숙박 건수,객실=온돌,\n"
)


@pytest.fixture
def plugged_plan(tmp_path, metropolitan_center):
    path = tmp_path / "plan.csv"
    path.write_text(PLAN, encoding="utf-8")
    call_command("import_records", "programs", str(path), "--center", "SEOUL", "--year", "2017")
    program = Indicator.objects.get(name="숙박 지원").program
    for room, nights, reconstructed in (("온돌", 3, False), ("침대", 4, False), ("온돌", 5, True)):
        Stay.objects.create(
            center=metropolitan_center,
            program=program,
            date=datetime.date(2017, 6, 1),
            room=room,
            nights=nights,
            reconstructed=reconstructed,
        )
    return program


def test_the_module_registered_its_metric_unit_and_counting_rule_itself():
    metric = get_metric("metric_plugin.stays")
    assert metric.measures["sum_nights"].label == "숙박일수"
    assert get_unit("박").family == metric.measures["sum_nights"].family == "nights"
    changed = subprocess.run(
        ["git", "grep", "-l", "metric_plugin", "--", "dure/"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert changed.stdout == ""  # nothing under dure/ knows the module


@pytest.mark.django_db
def test_a_plan_file_counts_the_modules_records_in_the_report(plugged_plan):
    nights = Indicator.objects.get(name="숙박 지원")
    assert (nights.metric_key, nights.aggregation, nights.unit) == (
        "metric_plugin.stays",
        "sum_nights",
        "박",
    )
    report = report_as_json(
        build_report(Center.objects.get(code="SEOUL"), FiscalYear.objects.get(year=2017))
    )
    figures = {i["name"]: i for p in report["programs"] for i in p["indicators"]}
    assert figures["숙박 지원"]["actual"] == 12
    assert figures["숙박 지원"]["achievement_pct"] == 60
    assert figures["숙박 지원"]["reconstructed_share"] == pytest.approx(5 / 12, abs=0.001)
    assert [(b["label"], b["target"], b["actual"]) for b in figures["숙박 지원"]["breakdown"]] == [
        ("온돌방", 8, 8)
    ]
    assert figures["온돌방 예약"]["actual"] == 2


@pytest.mark.django_db
def test_a_unit_of_another_family_is_refused_by_row(tmp_path, metropolitan_center, capsys):
    path = tmp_path / "plan.csv"
    path.write_text(PLAN.replace(",박,20,", ",천원,20,"), encoding="utf-8")
    with pytest.raises(SystemExit) as exit_code:
        call_command("import_records", "programs", str(path), "--center", "SEOUL", "--year", "2017")
    assert exit_code.value.code == 1
    message = "2행 [단위]: ‘숙박일수’은(는) 단위 ‘천원’로 나타낼 수 없습니다(쓸 수 있는 단위: 박)."
    assert message in capsys.readouterr().err
    assert not Indicator.objects.exists()


@pytest.mark.urls("tests.metric_plugin.urls")
@pytest.mark.django_db
def test_the_figure_drills_down_to_the_modules_records(client, plugged_plan, program_staff, member):
    nights = Indicator.objects.get(name="숙박 지원")
    url = f"/programs/indicators/{nights.pk}/records/"
    client.force_login(member)
    assert client.get(url).status_code == 403
    client.force_login(program_staff)
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert html.count('href="/plugin/stays/') == 3
    assert 'id="list-total">12<' in html
    first = Stay.objects.order_by("pk").first()
    assert first is not None
    assert client.get(f"/plugin/stays/{first.pk}/").status_code == 200


def test_a_second_metric_with_a_taken_label_stops_the_start_up_check():
    from django.core.management.base import SystemCheckError

    from dure.programs.metric_registry import metric, unregister

    @metric("metric_plugin.stays_again", label="숙박 기록")
    def stays_again(scope, **parameters):
        return Stay.objects.none()

    try:
        with pytest.raises(SystemCheckError, match="지표 산식 이름 ‘숙박 기록’이\\(가\\)"):
            call_command("check")
    finally:
        unregister("metric_plugin.stays_again")
    call_command("check")
