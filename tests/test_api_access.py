"""Every API operation, found from the URL resolver: refused without a token (401), and refused
(403) to a token whose scopes do not include the operation's — a new operation is walked too."""

from __future__ import annotations

import pytest
from django.test import Client

from dure.api import services
from dure.api.models import Scope
from tests.test_structure import api_routes

# The schema is public; the root answers nothing.
OPERATIONS = [
    (name, url) for name, url, _ in api_routes() if not name.endswith(("openapi-json", "api-root"))
]


def _url(route: str) -> str:
    """The route with a year (and the year a listing of records asks for)."""
    return route.replace("/x/", "/2017/").replace("/x", "/2017") + "?year=2017"


def test_the_walk_finds_every_operation():
    names = {name for name, _ in OPERATIONS}
    assert {"api:enterprises", "api:report", "api:indicator_records"} <= names


@pytest.mark.parametrize(("name", "route"), OPERATIONS)
def test_an_operation_needs_a_token(client, db, name, route):
    assert client.get(_url(route)).status_code == 401, name


@pytest.mark.parametrize(("name", "route"), OPERATIONS)
def test_an_operation_opens_to_exactly_one_scope(metro_admin, funder, name, route):
    answers = {}
    for scope in Scope.values:
        _, token = services.issue_token(
            issued_by=metro_admin, user=funder, name=scope, scopes=[scope]
        )
        response = Client().get(_url(route), headers={"Authorization": f"Bearer {token}"})
        answers[scope] = response.status_code
    opened = [scope for scope, status in answers.items() if status != 403]
    assert len(opened) == 1, f"{name}: {answers}"
    assert answers[opened[0]] != 500


def test_the_schema_is_served_without_a_token(client, db):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["info"]["title"] == "두레 API"
    assert schema["components"]["securitySchemes"]
