"""The read API: a token reads as its user through the same door as the screens, only within
its scopes; figures and the records behind them agree with the report."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from dure.api import services
from dure.api.models import ApiToken, token_digest
from dure.core.models import Center
from dure.core.roles import Role
from dure.core.services import create_user
from dure.programs.tests.factories import activity_indicator, build_tree, record
from dure.registry.tests.factories import EnterpriseFactory

ALL = ["registry", "programs", "records", "reports"]


@pytest.fixture
def tree(db):
    return build_tree(year=2017)


@pytest.fixture
def figures(tree):
    indicator = activity_indicator(tree.program)
    for day in (3, 4, 5):
        record(tree.program, date=datetime.date(2017, 5, day))
    return indicator


def _token(admin, user, scopes=ALL, **fields) -> str:
    return services.issue_token(
        issued_by=admin, user=user, name="서울시 성과관리", scopes=scopes, **fields
    )[1]


def _get(token: str, path: str):
    return Client().get(path, headers={"Authorization": f"Bearer {token}"})


def test_only_the_digest_of_a_token_is_kept(metro_admin, funder):
    token = _token(metro_admin, funder)
    stored = ApiToken.objects.get()
    assert token.startswith("dure_") and token not in (stored.digest, stored.prefix)
    assert stored.digest == token_digest(token)


def test_a_request_without_a_usable_token_is_refused(metro_admin, funder, tree):
    assert Client().get("/api/v1/enterprises").status_code == 401
    assert _get("dure_not-a-token", "/api/v1/enterprises").status_code == 401
    token = _token(metro_admin, funder)
    assert _get(token, "/api/v1/enterprises").status_code == 200
    services.revoke_token(ApiToken.objects.get())
    assert _get(token, "/api/v1/enterprises").status_code == 401
    expired = _token(metro_admin, funder)
    ApiToken.objects.filter(revoked_at=None).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    assert _get(expired, "/api/v1/enterprises").status_code == 401


def test_a_token_reads_only_within_its_scopes(metro_admin, funder, figures):
    token = _token(metro_admin, funder, scopes=["registry"])
    assert _get(token, "/api/v1/enterprises").status_code == 200
    refused = _get(token, "/api/v1/years/2017/report")
    assert refused.status_code == 403 and "성과보고서" in refused.json()["detail"]


def test_a_district_token_sees_its_own_center_and_not_the_others(metro_admin, district_staff, tree):
    own = EnterpriseFactory.create(
        center=Center.objects.get(code="SEOUL-GANGDONG"), name="강동 협동조합"
    )
    other = EnterpriseFactory.create(
        center=Center.objects.get(code="SEOUL-GWANAK"), name="관악 협동조합"
    )
    token = _token(metro_admin, district_staff)
    names = {row["name"] for row in _get(token, "/api/v1/enterprises").json()["results"]}
    assert "강동 협동조합" in names and "관악 협동조합" not in names
    assert _get(token, f"/api/v1/enterprises/{own.pk}").status_code == 200
    assert _get(token, f"/api/v1/enterprises/{other.pk}").status_code == 404
    assert _get(token, "/api/v1/years/2017/report?center=SEOUL").status_code == 404


def test_figures_and_the_records_behind_them_agree(metro_admin, funder, figures):
    token = _token(metro_admin, funder)
    programs = _get(token, "/api/v1/years/2017/programs").json()
    indicator = programs[0]["indicators"][0]
    assert (indicator["code"], indicator["actual"], indicator["target"]) == ("I01", 3, 650)
    records = _get(token, f"/api/v1/indicators/{figures.pk}/records").json()
    assert records["count"] == 3 and len(records["results"]) == 3
    report = _get(token, "/api/v1/years/2017/report").json()
    assert report["programs"][0]["indicators"][0]["actual"] == 3
    by_kind = _get(token, "/api/v1/metrics/programs.activities/records?year=2017").json()
    assert by_kind["count"] == 3
    assert _get(token, "/api/v1/metrics/no.such/records?year=2017").status_code == 404
    assert _get(token, "/api/v1/years/1999/programs").status_code == 404


def test_only_a_center_admin_issues_tokens_and_never_for_a_member(
    metro_admin, program_staff, member, funder, other_district_staff
):
    with pytest.raises(ValidationError):
        _token(program_staff, funder)
    with pytest.raises(ValidationError, match="센터 직원"):
        _token(metro_admin, member)
    district_admin = create_user(
        username="gangdong_admin",
        password="a-long-pass-17",
        center=Center.objects.get(code="SEOUL-GANGDONG"),
        role=Role.CENTER_ADMIN,
        display_name="강동 관리자",
    )
    with pytest.raises(ValidationError, match="이 센터의 계정"):
        _token(district_admin, other_district_staff)


def test_the_token_page_shows_a_new_token_once_and_is_the_admins_alone(
    metro_admin, funder, program_staff
):
    client = Client()
    client.force_login(metro_admin)
    response = client.post(
        "/api-tokens/", {"user": funder.pk, "name": "서울시 성과관리", "scopes": ["reports"]}
    )
    page = response.content.decode()
    token = ApiToken.objects.get()
    assert token.prefix in page and "다시 보여 주지 않습니다" in page
    assert token.prefix + "…" in client.get("/api-tokens/").content.decode()
    staff = Client()
    staff.force_login(program_staff)
    assert staff.get("/api-tokens/").status_code == 403
    assert staff.post(f"/api-tokens/{token.pk}/revoke/").status_code == 403
    client.post(f"/api-tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None


@pytest.mark.parametrize("path", ["/api/v1/enterprises", "/api/v1/institutions"])
def test_a_search_with_a_control_character_is_refused_with_the_character_named(
    metro_admin, funder, tree, path
):
    token = _token(metro_admin, funder)
    response = _get(token, f"{path}?search=%C3%9B%00k")
    assert response.status_code == 422
    assert "U+0000" in response.content.decode()
    assert _get(token, f"{path}?search={'가' * 201}").status_code == 422
    assert _get(token, f"{path}?search=%EA%B0%80").status_code == 200
