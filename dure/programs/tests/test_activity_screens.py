"""One activity on its own page: read, edit, delete, and its attachment behind the access door."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from dure.programs.models import Activity
from dure.programs.tests.factories import activity_indicator, build_tree, record
from dure.registry.models import Institution
from dure.registry.tests.factories import EnterpriseFactory

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


def _form(activity: Activity, **changes: object) -> dict[str, object]:
    data: dict[str, object] = {
        "date": activity.date.isoformat(),
        "program": activity.program_id,
        "kind": activity.kind_id,
        "headcount": "",
        "amount_won": "",
        "notes": activity.notes,
    }
    data.update(changes)
    return data


def test_staff_edit_an_activity_with_counterparties_and_an_attachment(client, program_staff):
    tree = build_tree()
    activity = record(tree.program, notes="첫 방문")
    enterprise = EnterpriseFactory()
    client.force_login(program_staff)
    url = reverse("programs:activity_edit", args=[activity.pk])
    assert client.get(url).status_code == 200
    attachment = SimpleUploadedFile("결과보고.pdf", PDF)
    response = client.post(
        url,
        _form(
            activity,
            headcount="12",
            business_numbers=enterprise.business_number,
            institutions="송파구청",
            attachment=attachment,
        ),
    )
    assert response.status_code == 302, response.content.decode()[:1500]
    activity.refresh_from_db()
    assert activity.headcount == 12
    assert list(activity.enterprises.all()) == [enterprise]
    assert Institution.objects.get(name="송파구청").needs_review
    detail = client.get(reverse("programs:activity_detail", args=[activity.pk])).content.decode()
    assert "결과보고" in detail and "변경 이력" in detail
    download = client.get(reverse("programs:activity_attachment", args=[activity.pk]))
    assert b"".join(download) == PDF


def test_an_unknown_business_number_is_refused_naming_the_field(client, program_staff):
    tree = build_tree()
    activity = record(tree.program)
    client.force_login(program_staff)
    response = client.post(
        reverse("programs:activity_edit", args=[activity.pk]),
        _form(activity, business_numbers="1234567890"),
    )
    assert response.status_code == 200
    assert "명부에 없는 사업자등록번호입니다: 1234567890" in response.content.decode()


def test_a_date_outside_the_programs_year_is_refused(client, program_staff):
    tree = build_tree()
    activity = record(tree.program)
    client.force_login(program_staff)
    response = client.post(
        reverse("programs:activity_edit", args=[activity.pk]), _form(activity, date="2019-01-02")
    )
    assert "회계연도(2017년) 밖입니다" in response.content.decode()
    activity.refresh_from_db()
    assert activity.date.year == 2017


def test_deleting_an_activity_lowers_the_figure(client, program_staff):
    tree = build_tree()
    indicator = activity_indicator(tree.program)
    activity = record(tree.program)
    record(tree.program)
    client.force_login(program_staff)
    url = reverse("programs:activity_delete", args=[activity.pk])
    assert "지웁니다" in client.get(url).content.decode()
    assert client.post(url).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()
    detail = client.get(reverse("programs:indicator_detail", args=[indicator.pk])).content.decode()
    assert ">1건</a>" in detail


def test_another_district_cannot_see_edit_or_download(client, other_district_staff):
    tree = build_tree()
    activity = record(tree.program, attachment=SimpleUploadedFile("a.pdf", PDF))
    client.force_login(other_district_staff)
    for name in ("activity_detail", "activity_attachment"):
        assert client.get(reverse(f"programs:{name}", args=[activity.pk])).status_code == 404
    for name in ("activity_edit", "activity_delete"):
        assert client.post(reverse(f"programs:{name}", args=[activity.pk])).status_code in (
            403,
            404,
        )
    assert Activity.objects.filter(pk=activity.pk).exists()


def test_the_funder_reads_but_cannot_delete(client, funder):
    tree = build_tree()
    activity = record(tree.program)
    client.force_login(funder)
    page = client.get(reverse("programs:activity_detail", args=[activity.pk])).content.decode()
    assert reverse("programs:activity_edit", args=[activity.pk]) not in page
    assert client.post(reverse("programs:activity_delete", args=[activity.pk])).status_code == 403


def test_the_grid_saves_each_rows_attachment(client, program_staff):
    tree = build_tree()
    activity_indicator(tree.program)
    kind = record(tree.program).kind
    client.force_login(program_staff)
    data: dict[str, object] = {
        "form-TOTAL_FORMS": "2",
        "form-INITIAL_FORMS": "0",
        "form-MIN_NUM_FORMS": "0",
        "form-MAX_NUM_FORMS": "200",
    }
    for n in range(2):
        data.update(
            {
                f"form-{n}-date": f"2017-08-0{n + 1}",
                f"form-{n}-program": tree.program.pk,
                f"form-{n}-kind": kind.pk,
                f"form-{n}-notes": f"행 {n + 1}",
            }
        )
    data["form-1-attachment"] = SimpleUploadedFile("사진.jpg", JPEG)
    response = client.post(reverse("programs:activity_grid") + "?year=2017", data)
    assert response.status_code == 302, response.content.decode()[:1500]
    with_file = Activity.objects.get(notes="행 2")
    assert with_file.attachment_name.startswith("사진")
    assert not Activity.objects.get(notes="행 1").attachment
