"""Finding likely duplicates and merging two enterprises with every reference moved."""

import datetime

import pytest
from auditlog.models import LogEntry

from dure.core.models import Center
from dure.registry import services
from dure.registry.duplicates import find_duplicates
from dure.registry.models import Designation, Enterprise, Membership, Product
from dure.registry.tests.factories import (
    ContactFactory,
    DesignationFactory,
    EnterpriseFactory,
    FinancialFactory,
    ProductFactory,
    valid_business_number,
)

pytestmark = pytest.mark.django_db


def test_same_number_and_same_name_in_a_district_are_found():
    number = valid_business_number(5)
    EnterpriseFactory.create(name="행복나눔", business_number=number)
    EnterpriseFactory.create(name="행복 나눔 협동조합", business_number=number)
    EnterpriseFactory.create(name="(주)마포 공정여행", business_number="", district="마포구")
    EnterpriseFactory.create(name="마포공정여행", business_number="", district="마포구")
    EnterpriseFactory.create(name="마포공정여행", business_number="", district="강동구")
    groups = find_duplicates(Enterprise.objects.all())
    assert [len(g.enterprises) for g in groups] == [2, 2]
    assert groups[0].reason.startswith("같은 사업자등록번호")
    assert groups[1].reason == "같은 이름(마포구)"


def test_merging_moves_every_reference_and_is_audited(program_staff, member):
    keep = EnterpriseFactory.create(name="행복나눔협동조합", address="")
    remove = EnterpriseFactory.create(name="행복 나눔 협동조합", address="서울특별시 마포구 1")
    ContactFactory.create(enterprise=remove, name="홍길순")
    DesignationFactory.create(enterprise=keep, starts_on=datetime.date(2015, 3, 1))
    DesignationFactory.create(enterprise=remove, starts_on=datetime.date(2015, 3, 1))
    DesignationFactory.create(
        enterprise=remove,
        designation_type="preliminary_regional",
        starts_on=datetime.date(2013, 1, 1),
        ends_on=datetime.date(2015, 2, 28),
    )
    ProductFactory.create(enterprise=keep, name="세제")
    ProductFactory.create(enterprise=remove, name="세제")
    ProductFactory.create(enterprise=remove, name="비누")
    FinancialFactory.create(enterprise=remove, year=2016)
    unit = EnterpriseFactory.create(name="행복 사업단", parent=remove)
    Membership.objects.create(user=member, enterprise=remove)
    services.merge_enterprises(keep=keep, remove=remove, user=program_staff)
    assert not Enterprise.objects.filter(pk=remove.pk).exists()
    keep.refresh_from_db()
    assert keep.address == "서울특별시 마포구 1"
    assert keep.contacts.get().name == "홍길순"
    assert Designation.objects.filter(enterprise=keep).count() == 2
    assert sorted(Product.objects.filter(enterprise=keep).values_list("name", flat=True)) == [
        "비누",
        "세제",
    ]
    assert keep.financials.get().year == 2016
    unit.refresh_from_db()
    assert unit.parent == keep
    assert Membership.objects.get(user=member).enterprise == keep
    entry = LogEntry.objects.get_for_object(keep).filter(actor=program_staff).first()
    assert entry is not None and "병합" in entry.changes_dict


def test_the_merge_screen_refuses_another_districts_enterprise(client, district_staff):
    own = EnterpriseFactory.create(center=Center.objects.get(code="SEOUL-GANGDONG"))
    other = EnterpriseFactory.create(center=Center.objects.get(code="SEOUL-GWANAK"))
    client.force_login(district_staff)
    response = client.post("/registry/enterprises/merge/", {"keep": own.pk, "remove": other.pk})
    assert response.status_code == 404
    assert Enterprise.objects.filter(pk=other.pk).exists()


def test_the_duplicates_page_lists_a_group_and_merges_it(client, program_staff):
    first = EnterpriseFactory.create(name="노원도시락", business_number="", district="노원구")
    second = EnterpriseFactory.create(name="노원 도시락", business_number="", district="노원구")
    client.force_login(program_staff)
    assert "같은 이름(노원구)" in client.get("/registry/enterprises/duplicates/").content.decode()
    response = client.post("/registry/enterprises/merge/", {"keep": first.pk, "remove": second.pk})
    assert response.status_code == 302
    assert list(Enterprise.objects.all()) == [first]
