"""The API fuzzed from its own OpenAPI schema: every operation, random parameters, a real token
and records in place — no answer is a server error, and every answer (refusals included) is one
the schema documents and matches it."""

from __future__ import annotations

import datetime

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.specs.openapi.checks import negative_data_rejection

from config.wsgi import application
from dure.api import services
from dure.programs.tests.factories import activity_indicator, build_tree, record
from dure.registry.tests.factories import EnterpriseFactory, InstitutionFactory

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture(autouse=True)
def _connection_kept_across_requests():
    """The WSGI app closes the database connection after each request, as a server would; inside
    the test's transaction it must stay open (Django's test client does the same)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def token(db, metro_admin, funder):
    tree = build_tree(year=2017)
    activity_indicator(tree.program)
    record(tree.program, date=datetime.date(2017, 5, 23))
    EnterpriseFactory.create_batch(3)
    InstitutionFactory.create_batch(2)
    scopes = ["registry", "programs", "records", "reports"]
    return services.issue_token(issued_by=metro_admin, user=funder, name="퍼징", scopes=scopes)[1]


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_no_operation_answers_with_a_server_error(case, token):
    # Extra query parameters are ignored, not refused: a client's unknown filter is harmless.
    case.call_and_validate(
        headers={"Authorization": f"Bearer {token}"},
        excluded_checks=[negative_data_rejection],
    )
