"""Uploading a file: preview with every row's problems, then confirm."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from dure.core.models import ImportJob, ImportStatus
from dure.registry.models import Enterprise

pytestmark = pytest.mark.django_db

GOOD = (
    "기업명,사업자등록번호,자치구,인증·지정 유형,인증·지정 시작일\n"
    "강동돌봄 사회적협동조합,220-81-62517,강동구,사회적협동조합,2016-05-02\n"
)
BAD = "기업명,사업자등록번호,자치구\n강동돌봄 사회적협동조합,220-81-62518,강동구\n,,마포구\n"


def upload(client, text: str, captured) -> ImportJob:
    file = SimpleUploadedFile("enterprises.csv", text.encode("cp949"), "text/csv")
    with captured(execute=True):
        response = client.post("/imports/", {"kind": "enterprises", "file": file})
    assert response.status_code == 302
    return ImportJob.objects.latest("pk")


def test_a_bad_file_shows_every_problem_and_saves_nothing(
    client, program_staff, django_capture_on_commit_callbacks
):
    client.force_login(program_staff)
    job = upload(client, BAD, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.REJECTED
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "2행 [사업자등록번호]: 사업자등록번호의 검증번호가 맞지 않습니다" in page
    assert "3행 [기업명]: 기업명이 비어 있습니다." in page
    assert "확인하고 저장하기" not in page
    assert not Enterprise.objects.exists()


def test_a_good_file_is_previewed_then_saved_on_confirmation(
    client, program_staff, django_capture_on_commit_callbacks
):
    client.force_login(program_staff)
    job = upload(client, GOOD, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.CHECKED
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "새로 등록 1건" in page and "확인하고 저장하기" in page
    assert not Enterprise.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/imports/{job.pk}/confirm/")
    job.refresh_from_db()
    assert job.status == ImportStatus.DONE
    enterprise = Enterprise.objects.get()
    assert enterprise.center == program_staff.center
    assert enterprise.designations.get().get_designation_type_display() == "사회적협동조합"


def test_every_upload_is_checked_in_a_background_task_not_in_the_request(
    client, program_staff, django_capture_on_commit_callbacks
):
    from django_tasks.signals import task_enqueued

    enqueued = []

    def spy(sender, task_result, **kwargs):
        enqueued.append((task_result.task.name, task_result.args))

    task_enqueued.connect(spy)
    client.force_login(program_staff)
    try:
        job = upload(client, GOOD, django_capture_on_commit_callbacks)
    finally:
        task_enqueued.disconnect(spy)
    assert enqueued == [("check_import", [job.pk])]
    job.refresh_from_db()
    assert job.status == ImportStatus.CHECKED
    polled = client.get(f"/imports/{job.pk}/", headers={"HX-Request": "true"})
    assert 'id="status"' in polled.content.decode()


def test_the_template_downloads_and_another_users_job_is_hidden(
    client, program_staff, district_staff, django_capture_on_commit_callbacks
):
    client.force_login(program_staff)
    response = client.get("/imports/template/enterprises/")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    job = upload(client, GOOD, django_capture_on_commit_callbacks)
    client.force_login(district_staff)
    assert client.get(f"/imports/{job.pk}/").status_code == 404
    assert client.get("/imports/template/unicorns/").status_code == 404


def test_funder_cannot_upload(client, funder):
    client.force_login(funder)
    assert client.get("/imports/").status_code == 403


def test_an_unforeseen_error_fails_the_job_with_a_korean_message_and_saves_nothing(
    client, program_staff, district_staff, django_capture_on_commit_callbacks, monkeypatch
):
    from dure.core.imports import get_importer

    def broken(self, rows, errors, progress):
        Enterprise.objects.create(name="반쯤 저장된 기업", center=self.center)
        raise RuntimeError("unforeseen")

    monkeypatch.setattr(get_importer("enterprises"), "save", broken)
    client.force_login(program_staff)
    job = upload(client, GOOD, django_capture_on_commit_callbacks)
    assert job.status == ImportStatus.FAILED
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert "예상하지 못한 문제가 생겨 아무것도 저장하지 않았습니다" in page
    assert "hx-trigger" not in page  # no longer polled as if still running
    assert not Enterprise.objects.exists()
    client.force_login(district_staff)
    assert client.get(f"/imports/{job.pk}/").status_code == 404
