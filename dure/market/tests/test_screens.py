"""판로지원 screens: a visit logged from a phone, an opportunity taken to a contract, and who may
see and change which records."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from dure.core.models import Center
from dure.market import services
from dure.market.models import Opportunity, Stage, Visit
from dure.programs.tests.factories import build_tree
from dure.registry import services as registry_services
from dure.registry.tests.factories import EnterpriseFactory, ProductFactory

DAY = datetime.date(2017, 5, 23)


@pytest.fixture
def tree(db):
    return build_tree(year=timezone.localdate().year)


@pytest.fixture
def institution(tree):
    found, _ = registry_services.ensure_institution(name="서울시교육청", center=tree.program.center)
    return found


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_log_a_visit_from_the_phone_form(tree, institution, program_staff):
    client = _client(program_staff)
    page = client.get("/market/visits/log/").content.decode()
    assert '<option value="서울시교육청">' in page
    response = client.post(
        "/market/visits/log/",
        {
            "program": tree.program.pk,
            "date": timezone.localdate().isoformat(),
            "institution": "서울시교육청",
            "segment": "교육청/학교",
            "purpose": "공공구매 안내",
            "result": "담당자 연결",
        },
    )
    assert response.status_code == 302
    visit = Visit.objects.get()
    assert visit.institution == institution and visit.staff == "program_staff"


def test_an_unknown_institution_is_named_in_the_error_and_nothing_is_saved(tree, program_staff):
    response = _client(program_staff).post(
        "/market/visits/log/",
        {
            "program": tree.program.pk,
            "date": timezone.localdate().isoformat(),
            "institution": "없는기관",
            "segment": "공공기관",
        },
    )
    assert response.status_code == 200
    assert "‘없는기관’이라는 기관이(가) 명부에 없습니다" in response.content.decode()
    assert not Visit.objects.exists()


def test_an_opportunity_is_matched_and_taken_to_a_contract(tree, institution, program_staff):
    firm = EnterpriseFactory.create(name="푸른환경코리아")
    ProductFactory(enterprise=firm, name="공동주택 청소용역")
    opportunity = services.open_opportunity(
        center=tree.program.center,
        program=tree.program,
        date=timezone.localdate(),
        institution=institution,
        need="청소 용역",
        category="cleaning",
        keywords="청소",
        support_kind="matching",
        channel="matching",
    )
    client = _client(program_staff)
    page = client.get(f"/market/opportunities/{opportunity.pk}/").content.decode()
    assert "푸른환경코리아" in page and "품목 청소·방역·시설관리: 공동주택 청소용역" in page
    client.post(
        f"/market/opportunities/{opportunity.pk}/advance/",
        {
            "stage": Stage.CONTRACTED,
            "bidders": [firm.pk],
            "winner": "푸른환경코리아",
            "contracted_on": timezone.localdate().isoformat(),
            "contract_won": "4000000",
        },
    )
    opportunity.refresh_from_db()
    assert (opportunity.stage, opportunity.winner, opportunity.contract_won) == (
        Stage.CONTRACTED,
        firm,
        4_000_000,
    )


def test_district_staff_see_and_change_only_their_centers_records(
    tree, district_staff, other_district_staff
):
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    record = services.record_consultation(
        center=gangdong, program=tree.program, date=DAY.replace(year=tree.fiscal_year.year)
    )
    own = _client(district_staff)
    assert own.get(f"/market/consultations/{record.pk}/").status_code == 200
    assert own.get(f"/market/consultations/{record.pk}/edit/").status_code == 200
    other = _client(other_district_staff)
    assert other.get(f"/market/consultations/{record.pk}/").status_code == 404
    assert other.post(f"/market/consultations/{record.pk}/delete/").status_code == 404
    assert record.pk not in [
        row.pk for row in other.get("/market/consultations/").context["listing"].page
    ]


def test_the_funder_reads_and_every_write_is_refused(tree, institution, funder):
    record = services.record_visit(
        center=tree.program.center,
        program=tree.program,
        date=DAY.replace(year=tree.fiscal_year.year),
        institution=institution,
        segment="공공기관",
    )
    client = _client(funder)
    assert client.get("/market/visits/").status_code == 200
    assert client.get(f"/market/visits/{record.pk}/").status_code == 200
    assert client.get("/market/visits/new/").status_code == 403
    assert client.post(f"/market/visits/{record.pk}/delete/").status_code == 403
    assert client.post("/market/visits/log/", {}).status_code == 403
    assert Visit.objects.count() == 1


def test_members_experts_and_strangers_are_refused(tree, institution, member, expert):
    record = services.record_visit(
        center=tree.program.center,
        program=tree.program,
        date=DAY.replace(year=tree.fiscal_year.year),
        institution=institution,
        segment="공공기관",
    )
    for user in (member, expert):
        assert _client(user).get(f"/market/visits/{record.pk}/").status_code in {403, 404}
        assert _client(user).get("/market/visits/").status_code == 403
    assert Client().get("/market/visits/").status_code == 302
    assert Opportunity.objects.count() == 0


def test_a_fair_with_its_contracts_is_not_deleted(tree, institution, program_staff):
    day = DAY.replace(year=tree.fiscal_year.year)
    fair = services.record_fair(
        center=tree.program.center, program=tree.program, date=day, host=institution
    )
    services.open_opportunity(
        center=tree.program.center,
        program=tree.program,
        date=day,
        institution=institution,
        need="모래소독",
        support_kind="matching",
        channel="fair",
        fair=fair,
    )
    response = _client(program_staff).post(f"/market/fairs/{fair.pk}/delete/", follow=True)
    assert "이 기록을 가리키는 다른 기록이 있어 지우지 않았습니다" in response.content.decode()
    assert fair.__class__.objects.filter(pk=fair.pk).exists()


def test_a_purchase_with_a_wrong_check_digit_is_refused(tree, institution, program_staff):
    from dure.market.models import Purchase

    response = _client(program_staff).post(
        "/market/purchases/new/",
        {
            "institution": "서울시교육청",
            "resolved_on": "2017-05-23",
            "supplier_business_number": "220-81-62518",
            "amount_won": "1000",
        },
    )
    assert "검증 숫자가 맞지 않습니다" in response.content.decode()
    assert not Purchase.objects.exists()
