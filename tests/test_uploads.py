"""Uploaded files: a declared list of types checked by name and content, a size limit, and no
file ever served from /media/ — each comes back through its record's door as a download."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import Resolver404, resolve, reverse

from dure.budget import services as budget_services
from dure.budget.models import Expenditure
from dure.budget.tests.factories import funded_line, program_in
from dure.core.services import ensure_fiscal_year
from dure.programs import services as program_services
from dure.programs.tests.factories import activity_indicator

PDF = b"%PDF-1.4\n1 0 obj\n<<>>\nendobj\n"
HOSTILE = [
    ("setup.exe", b"MZ\x90\x00\x03"),
    ("page.html", b"<html><script>alert(1)</script></html>"),
    ("logo.svg", b"<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>"),
    ("report.pdf", b"<html>not really a pdf</html>"),
]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content"), HOSTILE)
def test_evidence_of_another_type_is_refused_and_nothing_is_saved(name, content, program_staff):
    line = funded_line(initial_won=1_000_000)
    with pytest.raises(ValidationError) as refused:
        budget_services.record_expenditure(
            line=line,
            spent_on=datetime.date(2017, 6, 1),
            payee="행복협동조합",
            description="홍보물",
            amount_won=1000,
            evidence=SimpleUploadedFile(name, content),
            recorded_by=program_staff,
        )
    assert name in " ".join(refused.value.messages)
    assert not Expenditure.objects.exists()


@pytest.mark.django_db
@override_settings(DURE_UPLOAD_MAX_BYTES=2048)
def test_a_file_over_the_limit_is_refused(program_staff):
    line = funded_line(initial_won=1_000_000)
    with pytest.raises(ValidationError, match="2KB보다 큽니다"):
        budget_services.record_expenditure(
            line=line,
            spent_on=datetime.date(2017, 6, 1),
            payee="행복협동조합",
            description="홍보물",
            amount_won=1000,
            evidence=SimpleUploadedFile("big.pdf", PDF + b"0" * 4096),
            recorded_by=program_staff,
        )


def test_no_route_serves_the_media_folder():
    for path in ("/media/evidence/2017/x.html", "/media/budget/evidence/2017/x.pdf"):
        with pytest.raises(Resolver404):
            resolve(path)


@pytest.mark.django_db
def test_the_manual_figures_evidence_is_a_download_behind_the_indicators_door(
    client, metro_admin, program_staff, member, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    program = program_in(metro_admin.center, ensure_fiscal_year(year=2017))
    indicator = activity_indicator(program)
    program_services.record_manual_figure(
        indicator=indicator,
        value=12,
        evidence="협약서 12건",
        recorded_by=metro_admin,
        evidence_file=SimpleUploadedFile("협약서.pdf", PDF),
    )
    client.force_login(program_staff)
    page = client.get(reverse("programs:indicator_detail", args=[indicator.pk])).content.decode()
    url = reverse("programs:indicator_evidence", args=[indicator.pk])
    assert url in page and "/media/" not in page
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response.content.startswith(b"%PDF")
    client.force_login(member)
    assert client.get(url).status_code == 403
