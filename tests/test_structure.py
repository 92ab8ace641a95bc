"""Structural rules: every URL needs login, roles without the capability are refused,
and no model change is missing its migration."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator

import pytest
from django.apps import apps
from django.core.management import call_command
from django.urls import URLPattern, URLResolver, get_resolver

from dure.core.roles import CAPABILITIES, Role

PUBLIC_URL_NAMES = {
    "login",
    "logout",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
    "set_language",
}
LOGIN_ONLY_VIEWS = {"core:home"}
API_NAMESPACE = "api"
DURE_NAMESPACES = {
    config.label for config in apps.get_app_configs() if config.name.startswith("dure.")
}


def _walk(
    patterns: list, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, URLPattern]]:
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = (
                f"{namespace}:{pattern.namespace}"
                if namespace and pattern.namespace
                else (pattern.namespace or namespace)
            )
            yield from _walk(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        else:
            name = f"{namespace}:{pattern.name}" if namespace else (pattern.name or "")
            yield name, prefix + str(pattern.pattern), pattern


def _concrete(route: str) -> str:
    route = re.sub(r"<int:[^>]+>", "1", route)
    route = re.sub(r"<[^>]+>", "x", route)
    route = route.replace("^", "").replace("$", "").replace("\\Z", "")
    return "/" + route


def all_routes() -> list[tuple[str, str, URLPattern]]:
    return [
        (name, _concrete(route), pattern)
        for name, route, pattern in _walk(get_resolver().url_patterns)
        if not route.startswith("admin/") and "(?P" not in route
    ]


def dure_routes() -> list[tuple[str, str, URLPattern]]:
    """Dure's screens (the token-authenticated API is walked by tests/test_api_access.py)."""
    return [r for r in all_routes() if r[0].split(":")[0] in DURE_NAMESPACES and not is_api(r[0])]


def api_routes() -> list[tuple[str, str, URLPattern]]:
    return [r for r in all_routes() if is_api(r[0])]


def is_api(name: str) -> bool:
    return name.split(":")[0] == API_NAMESPACE


def urls_with_ids(
    ids: list[int], *, years: tuple[int, ...] = (), queries: tuple[str, ...] = ("?export=csv",)
) -> list[str]:
    """Every non-public URL of Dure to walk as a logged-in user: each id (and year) in place of
    the route's first number, center codes as SEOUL, and each list also with the queries."""
    urls = []
    for _, route, pattern in dure_routes():
        if getattr(pattern.callback, "public_view", False):
            continue
        route = route.replace("/x/", "/SEOUL/")
        if re.search(r"/1(/|$)", route):
            values = [*sorted(set(ids)), *years]
            urls += [re.sub(r"/1(?=/|$)", f"/{value}", route, count=1) for value in values]
        else:
            urls += [route, *(route + query for query in queries)]
    return urls


def test_the_walk_finds_the_routes():
    names = {name for name, _, _ in dure_routes()}
    assert {"core:home", "registry:enterprise_list", "registry:contact_detail"} <= names


@pytest.mark.parametrize(
    ("name", "url"),
    [
        (n, u)
        for n, u, pattern in all_routes()
        if n not in PUBLIC_URL_NAMES
        and not getattr(pattern.callback, "public_view", False)
        and not is_api(n)
    ],
)
def test_every_url_sends_anonymous_to_login(client, db, name, url):
    response = client.get(url)
    assert response.status_code == 302, f"{name} {url} answered {response.status_code}"
    assert response["Location"].startswith("/accounts/login/"), name


def test_admin_sends_anonymous_to_its_login(client, db):
    response = client.get("/admin/")
    assert response.status_code == 302


@pytest.mark.parametrize(("name", "url", "pattern"), dure_routes())
def test_every_dure_view_requires_a_capability(name, url, pattern):
    capability = getattr(pattern.callback, "required_capability", None)
    public = getattr(pattern.callback, "public_view", False)
    assert capability is not None or public or name in LOGIN_ONLY_VIEWS, f"{name} has no capability"


@pytest.mark.parametrize(
    ("name", "url", "pattern"),
    [r for r in dure_routes() if getattr(r[2].callback, "required_capability", None)],
)
def test_personas_without_the_role_are_refused(client, personas, name, url, pattern):
    capability = pattern.callback.required_capability
    allowed = CAPABILITIES[capability]
    refused = [user for user in personas.values() if user.role not in allowed]
    assert refused, f"every persona may open {name}"
    for user in refused:
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 403, f"{user.username} opened {name}: {response.status_code}"


def test_every_role_has_a_persona(personas):
    assert {user.role for user in personas.values()} == set(Role.values)


def test_no_model_change_is_missing_a_migration(db):
    out = io.StringIO()
    try:
        call_command("makemigrations", "--check", "--dry-run", stdout=out, stderr=out)
    except SystemExit as exit_:
        pytest.fail(f"missing migrations:\n{out.getvalue()} ({exit_})")


def test_access_matrix_document_matches_the_code():
    from pathlib import Path

    from dure.core.roles import CAPABILITY_LABELS

    text = Path(__file__).resolve().parents[1].joinpath("docs", "access.md").read_text()
    for capability, roles in CAPABILITIES.items():
        label = CAPABILITY_LABELS[capability]
        line = next((ln for ln in text.splitlines() if ln.startswith(f"| {label} |")), None)
        assert line is not None, f"docs/access.md lacks a row for {label}"
        cells = [c.strip() for c in line.strip("|").split("|")][1:]
        expected = ["○" if role in roles else "" for role in Role.values]
        assert cells == expected, f"docs/access.md row {label} differs from the code"


def test_the_public_pages_are_the_known_few():
    public = {name for name, _, p in dure_routes() if getattr(p.callback, "public_view", False)}
    assert public == {
        "portal:announcement_list",
        "portal:announcement_detail",
        "portal:signup",
        "outreach:unsubscribe",
        "education:catalogue",
        "core:health",
    }
