"""Background jobs: checking and importing large uploaded files."""

from __future__ import annotations

from django_tasks import task


@task()
def check_import(job_id: int) -> None:
    from dure.core import services
    from dure.core.models import ImportJob

    services.check_import(job=ImportJob.objects.get(pk=job_id))


@task()
def perform_import(job_id: int) -> None:
    from dure.core import services
    from dure.core.models import ImportJob

    services.perform_import(job=ImportJob.objects.get(pk=job_id))
