"""Reading reports from a replica: with `DURE_REPLICA_DATABASE_URL` set, the report pages and
the API's figures read the records from the replica (`replica`), everything else — and every
write — the primary. Sessions, users, logins and queued tasks are always read from the primary,
where they were just written."""

from __future__ import annotations

import contextvars
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve

REPLICA = "replica"
# Pages and API operations that only read to compute figures.
REPORT_VIEWS = frozenset(
    {
        "reports:annual_report",
        "programs:indicator_records",
        "api:year_programs",
        "api:indicator",
        "api:indicator_records",
        "api:metric_records",
        "api:report",
    }
)
# Read where they were written: a replica a moment behind would log the user out.
PRIMARY_ONLY_APPS = frozenset({"sessions", "auth", "axes", "django_tasks_database", "auditlog"})
PRIMARY_ONLY_MODELS = frozenset({"core.user", "core.personaldataaccess", "api.apitoken"})

_reading_reports: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "reading_reports", default=False
)


@contextmanager
def reading_reports() -> Iterator[None]:
    """Within this block, reads of records go to the replica when one is configured."""
    token = _reading_reports.set(True)
    try:
        yield
    finally:
        _reading_reports.reset(token)


class ReplicaRouter:
    """Reads of records inside `reading_reports()` go to the replica; nothing is written or
    migrated there (it is a copy the database server keeps)."""

    def db_for_read(self, model: Any, **hints: Any) -> str | None:
        if not _reading_reports.get() or REPLICA not in settings.DATABASES:
            return None
        if model._meta.app_label in PRIMARY_ONLY_APPS:
            return None
        if model._meta.label_lower in PRIMARY_ONLY_MODELS:
            return None
        return REPLICA

    def db_for_write(self, model: Any, **hints: Any) -> str | None:
        return None

    def allow_relation(self, first: Any, second: Any, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db != REPLICA


def wants_replica(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    try:
        return resolve(request.path_info).view_name in REPORT_VIEWS
    except Resolver404:
        return False


class ReportReplicaMiddleware:
    """Runs the report pages and the API's figure operations inside `reading_reports()`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if REPLICA not in settings.DATABASES or not wants_replica(request):
            return self.get_response(request)
        with reading_reports():
            return self.get_response(request)
