"""Korean substring search with ranking, on SQLite and PostgreSQL alike."""

import pytest
from django.db import connection

from dure.registry import services
from dure.registry.models import Enterprise, Product, compose_search_text, refresh_search_texts
from dure.registry.search import CountingPaginator
from dure.registry.tests.factories import EnterpriseFactory, ProductFactory
from dure.registry.tests.test_imports import kosea_csv, kosea_rows, run

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


def stored_and_recomputed() -> tuple[dict[int, str], dict[int, str]]:
    products: dict[int, list[str]] = {}
    for enterprise_id, name in Product.objects.values_list("enterprise_id", "name"):
        products.setdefault(enterprise_id, []).append(name)
    stored, recomputed = {}, {}
    for enterprise in Enterprise.objects.all():
        stored[enterprise.pk] = enterprise.search_text
        recomputed[enterprise.pk] = compose_search_text(
            enterprise.name, enterprise.address, products.get(enterprise.pk, [])
        )
    return stored, recomputed


def test_the_stored_search_text_follows_names_addresses_and_products(registry):
    lunch = registry["lunch"]
    soup = services.add_product(enterprise=lunch, name="Soup 배달", kind="service")
    services.add_product(enterprise=registry["travel"], name="공정여행 상품", kind="service")
    services.update_enterprise(
        enterprise=registry["bakery"], name="우리밀 빵공방", address="은평로 9"
    )
    services.update_product(product=soup, name="수프 배달")
    services.remove_product(product=Product.objects.get(name="공정여행 상품"))
    stored, recomputed = stored_and_recomputed()
    assert stored == recomputed
    assert "수프 배달" in Enterprise.objects.get(pk=lunch.pk).search_text
    assert names("SOUP") == []
    assert names("수프") == ["노원 행복 도시락"]
    assert names("은평로") == ["우리밀 빵공방"]
    refresh_search_texts(stored)
    assert stored_and_recomputed()[0] == stored


def search_lines(enterprise: Enterprise) -> list[str]:
    return Enterprise.objects.get(pk=enterprise.pk).search_text.splitlines()


def test_adding_renaming_and_deleting_a_product_updates_the_enterprises_search_text(registry):
    lunch = registry["lunch"]
    without_products = compose_search_text(lunch.name, lunch.address, ()).splitlines()
    assert search_lines(lunch) == without_products
    soup = services.add_product(enterprise=lunch, name="수프 배달", kind="service")
    assert search_lines(lunch) == [*without_products, "수프 배달"]
    services.update_product(product=soup, name="죽 배달")
    assert search_lines(lunch) == [*without_products, "죽 배달"]
    services.remove_product(product=soup)
    assert search_lines(lunch) == without_products


def test_saving_a_product_row_leaves_the_enterprise_alone(registry):
    lunch = registry["lunch"]
    before = search_lines(lunch)
    Product.objects.create(enterprise=lunch, name="반찬 배달", kind="service")
    assert search_lines(lunch) == before


def test_imported_enterprises_are_found_by_their_products_and_new_addresses(tmp_path):
    run("enterprises", str(kosea_csv(tmp_path, kosea_rows())))
    rows = kosea_rows()
    rows[1][8] = "서울특별시 마포구 양화로 2"
    rows[1][3] = "공정여행 상품, 생태 체험"
    run("enterprises", str(kosea_csv(tmp_path, rows)))
    stored, recomputed = stored_and_recomputed()
    assert stored == recomputed
    assert names("방문돌봄") == ["강동돌봄사회적협동조합"]
    assert names("생태 체험") == names("양화로") == ["(주)마포공정여행"]
    assert names("월드컵로") == []


def test_a_term_does_not_match_across_the_name_and_the_address():
    EnterpriseFactory.create(name="행복나눔", address="서울특별시 중구 세종대로 1")
    assert names("나눔서울") == []


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_trgm is PostgreSQL's")
def test_postgresql_uses_the_search_text_trigram_index(registry):
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")
        sql, params = Enterprise.objects.search("도시락").values("pk").query.sql_with_params()
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("SET enable_seqscan = on")
    assert "registry_enterprise_search_text_trgm" in plan


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


def test_the_counting_paginator_reads_a_page_and_the_total_in_one_scan(
    registry, django_assert_num_queries
):
    rows = Enterprise.objects.search("구").order_by("search_rank", "name", "pk")
    everyone = list(rows.all())
    with django_assert_num_queries(2):  # the page's ids with the total, then its rows by id
        page = CountingPaginator(rows, 4).get_page(1)
        assert (page.paginator.count, page.paginator.num_pages) == (6, 2)
        assert list(page) == everyone[:4]
    assert list(CountingPaginator(rows, 4).get_page("2")) == everyone[4:]
    assert list(CountingPaginator(rows, 4).get_page("x")) == everyone[:4]
    assert list(CountingPaginator(rows, 4).get_page(9)) == everyone[4:]
    assert list(CountingPaginator(rows, 4, orphans=2).get_page(1)) == everyone
    assert CountingPaginator(rows.none(), 4).get_page(1).paginator.count == 0


def test_latin_letters_match_and_rank_in_either_case(registry):
    EnterpriseFactory.create(name="Green 카페", address="서울특별시 종로구 green로 1")
    EnterpriseFactory.create(name="에코 GREEN", address="")
    assert names("green") == ["Green 카페", "에코 GREEN"]
    assert names("GREEN 카페") == ["Green 카페"]
    rows = Enterprise.objects.search("green 카페")
    assert [row.search_rank for row in rows] == [0]
