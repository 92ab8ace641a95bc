"""Updating institutions, agencies and experts: validated, saved whole or not at all, audited."""

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError

from dure.registry import services
from dure.registry.models import Agency, Expert, ExpertiseField, Institution
from dure.registry.tests.factories import AgencyFactory, ExpertFactory, InstitutionFactory


def updates(row: Institution | Agency | Expert) -> list[dict[str, list[str]]]:
    entries = LogEntry.objects.get_for_object(row).filter(action=LogEntry.Action.UPDATE)
    return [entry.changes_dict for entry in entries]


def test_an_institution_update_is_saved_and_written_to_the_change_history(metropolitan_center):
    institution = InstitutionFactory.create(district="종로구")
    services.update_institution(institution=institution, name="  마포구청 ", district="마포구")
    stored = Institution.objects.get(pk=institution.pk)
    assert (stored.name, stored.district) == ("마포구청", "마포구")
    assert updates(institution)[-1]["district"] == ["종로구", "마포구"]


def test_an_agency_update_sets_its_expertise_fields(metropolitan_center):
    agency = AgencyFactory.create()
    marketing = ExpertiseField.objects.create(name="홍보마케팅")
    services.update_agency(
        agency=agency, address="서울특별시 중구 세종대로 110", expertise=[marketing]
    )
    stored = Agency.objects.get(pk=agency.pk)
    assert stored.address == "서울특별시 중구 세종대로 110"
    assert list(stored.expertise.all()) == [marketing]
    assert any("address" in changes for changes in updates(agency))


def test_an_invalid_expert_update_is_refused_and_nothing_is_saved(metropolitan_center):
    expert = ExpertFactory.create(affiliation="가치경영연구소", email="")
    with pytest.raises(ValidationError) as refused:
        services.update_expert(expert=expert, affiliation="새 소속", email="메일 아님")
    assert "email" in refused.value.message_dict
    stored = Expert.objects.get(pk=expert.pk)
    assert (stored.affiliation, stored.email) == ("가치경영연구소", "")
    assert updates(expert) == []
