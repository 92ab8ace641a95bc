"""Korean substring search with ranking, on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection

from dure.registry.models import Enterprise
from dure.registry.tests.factories import EnterpriseFactory, ProductFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry():
    return {
        "care_coop": EnterpriseFactory.create(
            name="강동돌봄사회적협동조합", address="서울특별시 강동구 천호대로 1"
        ),
        "care_exact": EnterpriseFactory.create(name="돌봄", address="서울특별시 중구 세종대로 1"),
        "care_prefix": EnterpriseFactory.create(
            name="돌봄나눔 주식회사", address="서울특별시 마포구 양화로 1"
        ),
        "travel": EnterpriseFactory.create(
            name="(주)마포공정여행", address="서울특별시 마포구 월드컵로 2"
        ),
        "lunch": EnterpriseFactory.create(
            name="노원 행복 도시락", address="서울특별시 노원구 상계로 3"
        ),
        "bakery": EnterpriseFactory.create(
            name="우리밀 빵집", address="서울특별시 은평구 통일로 4"
        ),
    }


def names(text: str) -> list[str]:
    rows = Enterprise.objects.search(text).order_by("search_rank", "name")
    return [row.name for row in rows]


def test_care_finds_names_and_products_ranked_exact_prefix_then_substring(registry):
    ProductFactory.create(enterprise=registry["lunch"], name="어르신 돌봄 도시락")
    assert names("돌봄") == [
        "돌봄",
        "돌봄나눔 주식회사",
        "강동돌봄사회적협동조합",
        "노원 행복 도시락",
    ]


def test_cooperative_matches_names_though_it_is_a_legal_form_word(registry):
    assert names("협동조합") == ["강동돌봄사회적협동조합"]


def test_a_one_syllable_term_matches_every_name_and_address_holding_it(registry):
    assert names("빵") == ["우리밀 빵집"]
    assert set(names("구")) == {e.name for e in registry.values()}


def test_spacing_and_legal_form_words_do_not_hide_a_name(registry):
    assert names("행복도시락") == ["노원 행복 도시락"]
    assert names("마포 공정여행") == ["(주)마포공정여행"]


def test_addresses_are_searched(registry):
    assert names("천호대로") == ["강동돌봄사회적협동조합"]


def test_the_list_page_ranks_search_results(client, program_staff, registry):
    client.force_login(program_staff)
    page = client.get("/registry/enterprises/?q=돌봄").content.decode()
    assert page.index(">돌봄<") < page.index("돌봄나눔 주식회사") < page.index("강동돌봄")


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_postgresql_uses_the_trigram_indexes(registry):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = (
            Enterprise.objects.filter(name__icontains="돌봄사회")
            .values("pk")
            .query.sql_with_params()
        )
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "registry_enterprise_name_trgm" in plan
