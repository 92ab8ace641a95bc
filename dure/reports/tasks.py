"""Background jobs: building an edition's files and freezing it."""

from __future__ import annotations

from django_tasks import task


@task()
def run_edition_job(job_id: int) -> None:
    from dure.reports import services
    from dure.reports.models import EditionJob

    services.run_job(EditionJob.objects.select_related("edition", "requested_by").get(pk=job_id))
