"""Registry screens: lists, details, forms, and who may open them."""

import datetime

import pytest

from dure.core.models import AccessAction, Center, PersonalDataAccess
from dure.registry.models import DesignationType, Expert, Financial, Product
from dure.registry.tests.factories import (
    AgencyFactory,
    DesignationFactory,
    EnterpriseFactory,
    ExpertFactory,
    FinancialFactory,
    InstitutionFactory,
    ProductFactory,
    valid_business_number,
)

pytestmark = pytest.mark.django_db


def test_enterprise_detail_shows_designation_history_products_and_financials(client, program_staff):
    enterprise = EnterpriseFactory.create(name="강동돌봄사회적협동조합")
    DesignationFactory.create(
        enterprise=enterprise,
        designation_type=DesignationType.PRELIMINARY_REGIONAL,
        starts_on=datetime.date(2013, 5, 1),
        ends_on=datetime.date(2015, 2, 28),
    )
    DesignationFactory.create(enterprise=enterprise, starts_on=datetime.date(2015, 3, 1))
    ProductFactory.create(enterprise=enterprise, name="방문돌봄 서비스")
    FinancialFactory.create(enterprise=enterprise, year=2017, revenue_won=350_000_000)
    client.force_login(program_staff)
    page = client.get(f"/registry/enterprises/{enterprise.pk}/?on=2014-01-01").content.decode()
    assert "예비사회적기업(지역형)" in page
    assert "2015.3.1" in page
    assert "2014.1.1 기준: <strong>예비사회적기업(지역형)</strong>" in page
    assert "방문돌봄 서비스" in page
    assert "350,000" in page


def test_staff_adds_a_designation_and_a_product(client, program_staff):
    enterprise = EnterpriseFactory.create()
    client.force_login(program_staff)
    response = client.post(
        f"/registry/enterprises/{enterprise.pk}/designations/new/",
        {
            "designation_type": DesignationType.VILLAGE_ENTERPRISE,
            "kind": "designation",
            "round": "2017년 1차",
            "starts_on": "2017-04-01",
        },
    )
    assert response.status_code == 302
    assert enterprise.designations.get().round == "2017년 1차"
    client.post(
        f"/registry/enterprises/{enterprise.pk}/products/new/",
        {"name": "도시락", "kind": "product", "category": "catering"},
    )
    assert Product.objects.get(enterprise=enterprise).name == "도시락"


def test_financial_entry_for_the_same_year_replaces_it(client, program_staff):
    financial = FinancialFactory.create(employees=10, vulnerable_employees=3)
    client.force_login(program_staff)
    response = client.post(
        f"/registry/enterprises/{financial.enterprise_id}/financials/new/",
        {"year": 2017, "revenue_won": 1000, "employees": 11, "vulnerable_employees": 4},
    )
    assert response.status_code == 302
    assert Financial.objects.get(enterprise=financial.enterprise).employees == 11


def test_more_vulnerable_employees_than_employees_is_refused(client, program_staff):
    enterprise = EnterpriseFactory.create()
    client.force_login(program_staff)
    response = client.post(
        f"/registry/enterprises/{enterprise.pk}/financials/new/",
        {"year": 2017, "employees": 3, "vulnerable_employees": 4},
    )
    assert "취약계층 고용 인원은 전체 고용 인원보다 많을 수 없습니다" in response.content.decode()
    assert not Financial.objects.exists()


def test_enterprise_form_links_a_parent_and_tags(client, program_staff):
    parent = EnterpriseFactory.create(
        name="사단법인 나눔", business_number=valid_business_number(77)
    )
    client.force_login(program_staff)
    response = client.post(
        "/registry/enterprises/new/",
        {
            "name": "나눔 돌봄사업단",
            "legal_form": "other",
            "parent_business_number": parent.business_number_display,
            "tag_text": "돌봄, 청년",
        },
    )
    assert response.status_code == 302
    unit = parent.units.get()
    assert sorted(t.name for t in unit.tags.all()) == ["돌봄", "청년"]


def test_district_staff_cannot_edit_another_districts_designation(client, district_staff):
    designation = DesignationFactory.create(
        enterprise=EnterpriseFactory.create(center=Center.objects.get(code="SEOUL-GWANAK"))
    )
    client.force_login(district_staff)
    assert client.get(f"/registry/designations/{designation.pk}/edit/").status_code == 404


def test_funder_reads_but_cannot_add_a_product(client, funder):
    enterprise = EnterpriseFactory.create()
    client.force_login(funder)
    assert client.get(f"/registry/enterprises/{enterprise.pk}/").status_code == 200
    response = client.post(
        f"/registry/enterprises/{enterprise.pk}/products/new/",
        {"name": "도시락", "kind": "product", "category": "catering"},
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("url", "factory", "name"),
    [
        ("/registry/institutions/", InstitutionFactory, "서울특별시교육청"),
        ("/registry/agencies/", AgencyFactory, "가치혼합경영연구소"),
        ("/registry/experts/", ExpertFactory, "김혜준"),
    ],
)
def test_lists_show_own_rows_and_hide_another_districts(client, district_staff, url, factory, name):
    factory.create(name=f"{name} 강동", center=Center.objects.get(code="SEOUL-GANGDONG"))
    factory.create(name=f"{name} 관악", center=Center.objects.get(code="SEOUL-GWANAK"))
    client.force_login(district_staff)
    page = client.get(url).content.decode()
    assert f"{name} 강동" in page
    assert f"{name} 관악" not in page
    export = client.get(url + "?export=csv").content.decode("utf-8-sig")
    assert f"{name} 강동" in export


def test_expert_pool_filters_by_role_field_and_year(client, program_staff):
    from dure.registry.models import ExpertiseField

    finance = ExpertiseField.objects.get(name="재무전략")
    mentor = ExpertFactory.create(
        name="박멘토", is_consultant=False, is_mentor=True, pool_from_year=2017
    )
    mentor.expertise.set([finance])
    ExpertFactory.create(name="김컨설", pool_from_year=2015, pool_until_year=2016)
    client.force_login(program_staff)
    page = client.get("/registry/experts/?role=is_mentor").content.decode()
    assert "박멘토" in page and "김컨설" not in page
    page = client.get(f"/registry/experts/?expertise={finance.pk}").content.decode()
    assert "박멘토" in page and "김컨설" not in page
    page = client.get("/registry/experts/?pool_year=2016").content.decode()
    assert "김컨설" in page and "박멘토" not in page


def test_expert_without_a_role_is_refused(client, program_staff):
    client.force_login(program_staff)
    response = client.post("/registry/experts/new/", {"name": "홍길동", "pool_from_year": 2017})
    assert (
        "역할(컨설턴트, 경영멘토, 강사, 심사위원)을 하나 이상 고르세요" in response.content.decode()
    )
    assert not Expert.objects.exists()


def test_expert_contact_is_logged_for_staff_and_hidden_from_funder(client, program_staff, funder):
    expert = ExpertFactory.create(name="이강사", phone="02-000-0000")
    client.force_login(funder)
    assert "02-000-0000" not in client.get(f"/registry/experts/{expert.pk}/").content.decode()
    assert not PersonalDataAccess.objects.exists()
    client.force_login(program_staff)
    assert "02-000-0000" in client.get(f"/registry/experts/{expert.pk}/").content.decode()
    assert PersonalDataAccess.objects.get().action == AccessAction.VIEW


def test_an_expert_sees_only_their_own_pool_record(client, expert):
    own = ExpertFactory.create(name="본인", user=expert)
    other = ExpertFactory.create(name="다른 사람")
    client.force_login(expert)
    # experts hold no registry capability: even their own record is behind the staff screens
    assert client.get(f"/registry/experts/{own.pk}/").status_code == 403
    assert list(Expert.objects.visible_to(expert)) == [own]
    assert other not in Expert.objects.visible_to(expert)


def test_institution_is_created_with_its_category(client, program_staff):
    from dure.registry.models import Institution, InstitutionCategory

    school = InstitutionCategory.objects.get(name="학교(초)")
    client.force_login(program_staff)
    response = client.post(
        "/registry/institutions/new/",
        {"name": "서울가동초등학교", "category": school.pk, "district": "송파구"},
    )
    assert response.status_code == 302
    assert Institution.objects.get().category == school
    page = client.get(f"/registry/institutions/?category={school.parent_id}").content.decode()
    assert "서울가동초등학교" in page
