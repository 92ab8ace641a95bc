"""Reports read from the replica when one is configured: the report pages' and the API's
record reads go there; sessions, users and every write stay on the primary; without a replica
nothing changes."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import RequestFactory, override_settings

from dure.core.models import User
from dure.core.replica import ReplicaRouter, reading_reports, wants_replica
from dure.programs.models import Activity, Indicator

WITH_REPLICA = {**settings.DATABASES, "replica": {**settings.DATABASES["default"]}}
router = ReplicaRouter()


def test_without_a_replica_every_read_goes_to_the_primary():
    with reading_reports():
        assert router.db_for_read(Indicator) is None


@override_settings(DATABASES=WITH_REPLICA)
def test_record_reads_of_a_report_go_to_the_replica_and_the_rest_to_the_primary():
    assert router.db_for_read(Indicator) is None  # outside a report
    with reading_reports():
        assert router.db_for_read(Indicator) == "replica"
        assert router.db_for_read(Activity) == "replica"
        assert router.db_for_read(Session) is None
        assert router.db_for_read(User) is None
        assert router.db_for_write(Activity) is None
    assert router.allow_migrate("replica", "programs") is False
    assert router.allow_migrate("default", "programs") is True


@pytest.mark.parametrize(
    ("method", "path", "expected"),
    [
        ("get", "/reports/annual/", True),
        ("get", "/programs/indicators/7/records/", True),
        ("get", "/api/v1/years/2017/report", True),
        ("post", "/reports/annual/", False),
        ("get", "/reports/editions/", False),
        ("get", "/registry/enterprises/", False),
        ("get", "/no/such/page/", False),
    ],
)
def test_only_the_report_pages_and_figure_operations_read_from_the_replica(method, path, expected):
    request = getattr(RequestFactory(), method)(path)
    assert wants_replica(request) is expected
