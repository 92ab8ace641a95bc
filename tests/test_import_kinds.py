"""Every module's kinds go through the same import command and upload screen."""

import io

from django.core.management import call_command
from django.urls import reverse

from dure.budget.models import BudgetLine
from dure.core.imports import registered_importers
from dure.core.models import ImportJob

BUDGET_CSV = (
    "관,항,목,세부계정과목,사업명,초기예산액\n"
    "제안사업비,판로지원,공공시장,영업지원단 운영,,30000000\n"
    "제안사업비,판로지원,공공시장,사업관리비,,1000000\n"
)


def test_the_shared_command_knows_every_modules_kinds():
    kinds = set(registered_importers())
    assert {"enterprises", "institutions", "experts"} <= kinds
    assert {"budget", "transfers", "expenditures", "income"} <= kinds


def test_a_yearly_kind_needs_the_year_on_the_command_line(db, tmp_path):
    path = tmp_path / "budget.csv"
    path.write_text(BUDGET_CSV, encoding="utf-8")
    try:
        call_command("import_records", "budget", str(path), "--center", "SEOUL")
    except Exception as error:
        assert "--year" in str(error)
    else:
        raise AssertionError("budget import without --year was accepted")
    assert not BudgetLine.objects.exists()


def test_budget_lines_upload_through_the_web_with_a_year(
    client, metro_admin, program_staff, django_capture_on_commit_callbacks
):
    client.force_login(program_staff)
    page = client.get(reverse("core:import_upload")).content.decode()
    assert 'value="budget"' not in page  # program staff may not set up budget lines
    client.force_login(metro_admin)
    upload = io.BytesIO(BUDGET_CSV.encode("cp949"))
    upload.name = "예산.csv"
    missing_year = client.post(reverse("core:import_upload"), {"kind": "budget", "file": upload})
    assert "회계연도가 필요합니다" in missing_year.content.decode()
    upload.seek(0)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("core:import_upload"), {"kind": "budget", "year": 2017, "file": upload}
        )
    job = ImportJob.objects.get()
    assert response["Location"] == reverse("core:import_detail", args=[job.pk])
    job.refresh_from_db()
    assert job.status == "checked", job.errors
    assert not BudgetLine.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("core:import_confirm", args=[job.pk]))
    assert BudgetLine.objects.filter(center=metro_admin.center).count() == 2
