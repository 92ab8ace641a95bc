"""The access door: who may read and change a center's records."""

import pytest
from django.urls import reverse

from dure.registry.models import Enterprise
from dure.registry.tests.factories import EnterpriseFactory


@pytest.fixture
def gangdong_enterprise(gangdong_center):
    return EnterpriseFactory(center=gangdong_center, name="강동돌봄협동조합", district="강동구")


@pytest.fixture
def gwanak_enterprise(gwanak_center):
    return EnterpriseFactory(center=gwanak_center, name="관악나눔협동조합", district="관악구")


def test_district_staff_sees_only_their_district(
    district_staff, gangdong_enterprise, gwanak_enterprise
):
    visible = Enterprise.objects.visible_to(district_staff)
    assert list(visible) == [gangdong_enterprise]


def test_metropolitan_staff_sees_every_district(
    program_staff, gangdong_enterprise, gwanak_enterprise
):
    visible = set(Enterprise.objects.visible_to(program_staff))
    assert visible == {gangdong_enterprise, gwanak_enterprise}


def test_district_staff_cannot_open_other_district_record_by_url(
    client, district_staff, gwanak_enterprise
):
    client.force_login(district_staff)
    response = client.get(reverse("registry:enterprise_detail", args=[gwanak_enterprise.pk]))
    assert response.status_code == 404


def test_district_staff_can_open_own_district_record(client, district_staff, gangdong_enterprise):
    client.force_login(district_staff)
    response = client.get(reverse("registry:enterprise_detail", args=[gangdong_enterprise.pk]))
    assert response.status_code == 200


def test_district_staff_cannot_edit_other_district_record_by_url(
    client, district_staff, gwanak_enterprise
):
    client.force_login(district_staff)
    url = reverse("registry:enterprise_edit", args=[gwanak_enterprise.pk])
    response = client.post(url, {"name": "바꾼 이름", "legal_form": "cooperative"})
    assert response.status_code == 404
    gwanak_enterprise.refresh_from_db()
    assert gwanak_enterprise.name == "관악나눔협동조합"


def test_funder_reads_but_cannot_edit(client, funder, gangdong_enterprise):
    client.force_login(funder)
    detail = reverse("registry:enterprise_detail", args=[gangdong_enterprise.pk])
    assert client.get(detail).status_code == 200
    edit = reverse("registry:enterprise_edit", args=[gangdong_enterprise.pk])
    assert client.get(edit).status_code == 403
    assert not Enterprise.objects.editable_by(funder).exists()


def test_auditor_cannot_see_the_registry(client, auditor, gangdong_enterprise):
    client.force_login(auditor)
    assert client.get(reverse("registry:enterprise_list")).status_code == 403
    assert not Enterprise.objects.visible_to(auditor).exists()


def test_member_sees_only_their_own_enterprise(member, gangdong_enterprise, gwanak_enterprise):
    from dure.registry.models import Membership

    Membership.objects.create(user=member, enterprise=gangdong_enterprise)
    assert list(Enterprise.objects.visible_to(member)) == [gangdong_enterprise]
    assert not Enterprise.objects.editable_by(member).exists()


def test_expert_sees_no_enterprise_without_an_assignment(expert, gangdong_enterprise):
    assert not Enterprise.objects.visible_to(expert).exists()


def test_inactive_user_sees_nothing(program_staff, gangdong_enterprise):
    program_staff.is_active = False
    program_staff.save()
    assert not Enterprise.objects.visible_to(program_staff).exists()
    assert not Enterprise.objects.editable_by(program_staff).exists()


def test_anonymous_sees_nothing(gangdong_enterprise):
    from django.contrib.auth.models import AnonymousUser

    assert not Enterprise.objects.visible_to(AnonymousUser()).exists()
    assert not Enterprise.objects.editable_by(AnonymousUser()).exists()
