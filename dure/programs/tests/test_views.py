"""Screens: the records behind a figure, target changes on the web, bulk entry, uploads."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dure.core.models import ImportJob
from dure.programs.models import Activity, Indicator
from dure.programs.tests.factories import activity_indicator, build_tree, record


@pytest.fixture
def visits(db):
    tree = build_tree()
    indicator = activity_indicator(tree.program)
    for n in range(60):
        record(tree.program, notes=f"방문 {n}")
    record(tree.program, "상담")
    return indicator


def test_the_drill_down_lists_as_many_records_as_the_figure(client, program_staff, visits):
    client.force_login(program_staff)
    response = client.get(reverse("programs:indicator_records", args=[visits.pk]))
    assert response.status_code == 200
    assert "모두 60건" in response.content.decode()
    assert len(response.context["rows"]) == 50
    url, _ = response.context["rows"][0]
    assert url.startswith("/programs/activities/")
    detail = client.get(reverse("programs:indicator_detail", args=[visits.pk])).content.decode()
    assert re.search(r">60건</a>", detail)


def test_the_drill_down_query_count_does_not_grow(
    client, program_staff, visits, django_assert_max_num_queries
):
    client.force_login(program_staff)
    with django_assert_max_num_queries(16):
        client.get(reverse("programs:indicator_records", args=[visits.pk]))


def test_another_district_cannot_open_the_indicator_or_its_records(
    client, other_district_staff, visits
):
    client.force_login(other_district_staff)
    for name in ("programs:indicator_detail", "programs:indicator_records"):
        assert client.get(reverse(name, args=[visits.pk])).status_code == 404


def test_the_admin_changes_a_target_with_a_reason_and_sees_the_history(client, metro_admin, visits):
    client.force_login(metro_admin)
    url = reverse("programs:indicator_target", args=[visits.pk])
    refused = client.post(url, {"target": "700", "reason": ""}, follow=True)
    assert "사유를 적어 주세요" in refused.content.decode()
    client.post(url, {"target": "700", "reason": "하반기 목표 상향"})
    page = client.get(reverse("programs:indicator_detail", args=[visits.pk])).content.decode()
    assert "하반기 목표 상향" in page
    assert Indicator.objects.get(pk=visits.pk).target == 700


def test_program_staff_cannot_change_targets(client, program_staff, visits):
    client.force_login(program_staff)
    url = reverse("programs:indicator_target", args=[visits.pk])
    assert client.post(url, {"target": "1", "reason": "x"}).status_code == 403


def test_the_grid_saves_many_rows_at_once(client, program_staff, visits):
    client.force_login(program_staff)
    program = visits.program
    grid = reverse("programs:activity_grid") + "?year=2017"
    page = client.get(grid)
    kind = next(
        k for k in page.context["formset"].forms[0].fields["kind"].queryset if k.name == "방문영업"
    )
    data = {
        "form-TOTAL_FORMS": "3",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "200",
    }
    for n in range(2):
        data.update(
            {
                f"form-{n}-date": f"2017-07-0{n + 1}",
                f"form-{n}-program": program.pk,
                f"form-{n}-kind": kind.pk,
                f"form-{n}-institutions": "송파구청",
            }
        )
    response = client.post(grid, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Activity.objects.filter(institutions__name="송파구청").count() == 2


def test_the_grid_adds_a_row_through_htmx(client, program_staff, visits):
    client.force_login(program_staff)
    response = client.get(
        reverse("programs:activity_grid") + "?year=2017&form-TOTAL_FORMS=5", HTTP_HX_REQUEST="true"
    )
    html = response.content.decode()
    assert 'name="form-5-date"' in html
    assert 'value="6"' in html


def test_the_plan_upload_goes_through_the_shared_upload_and_shows_every_problem(
    client, metro_admin, db, django_capture_on_commit_callbacks
):
    client.force_login(metro_admin)
    plan = client.get(reverse("programs:plan")).content.decode()
    assert reverse("core:import_upload") + "?kind=programs" in plan
    form = client.get(reverse("core:import_upload") + "?kind=programs&year=2017")
    assert form.context["form"]["kind"].value() == "programs"
    content = "구분,사업명,세부사업,지표명,단위,목표,집계방식,조건\n판로,공공,,방문,마리,1,건수,\n"
    upload = SimpleUploadedFile("plan.csv", content.encode("utf-8"))
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:import_upload"), {"kind": "programs", "year": "2017", "file": upload}
        )
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("core:import_detail", args=[job.pk])
    detail = client.get(response["Location"]).content.decode()
    assert "단위" in detail and "마리" in detail
    assert not Indicator.objects.exists()


def test_the_activity_list_filters_by_kind(client, program_staff, visits):
    client.force_login(program_staff)
    response = client.get(reverse("programs:activity_list"))
    assert "모두 61건" in response.content.decode()
