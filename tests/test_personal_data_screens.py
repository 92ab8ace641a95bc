"""Every screen that shows a person's phone number or e-mail leaves a personal-data access
entry: the test walks every URL of Dure (and every list's CSV export) with the records of a
contact, an expert and a member sign-up in place, and any page that shows one of their
details without a new entry fails — a new screen cannot escape it. The audit log keeps no
personal value in clear."""

from __future__ import annotations

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import timezone

from dure.core.models import PersonalDataAccess
from dure.education import services as education_services
from dure.outreach import services as outreach_services
from dure.registry import services as registry_services
from dure.registry.tests.factories import ContactFactory, EnterpriseFactory, ExpertFactory
from dure.resources import services as resource_services
from dure.resources.models import Resource
from dure.support import services as support_services
from tests.test_structure import urls_with_ids

pytestmark = pytest.mark.django_db
PHONE = "010-7357-2468"
EMAIL = "hidden.person@example.kr"
SECRETS = (PHONE, EMAIL, PHONE.replace("-", ""))


@pytest.fixture
def people(metropolitan_center):
    enterprise = EnterpriseFactory.create()
    contact = ContactFactory.create(enterprise=enterprise, phone=PHONE, email=EMAIL)
    expert = ExpertFactory.create(phone=PHONE, email=EMAIL)
    signup = support_services.sign_up_member(
        center=metropolitan_center,
        username="ceo",
        password="a-long-pass-phrase-17",
        display_name="김대표",
        email=EMAIL,
        business_number=enterprise.business_number,
        enterprise_name=enterprise.name,
        phone=PHONE,
    )
    subscriber = outreach_services.add_subscriber(
        center=metropolitan_center,
        email=EMAIL,
        name="김독자",
        consented_at=timezone.now(),
        consent_method="행사 현장 신청서",
    )
    room = resource_services.save_resource(
        Resource(center=metropolitan_center), name="교육장", kind="venue"
    )
    booking = resource_services.request_booking(
        center=metropolitan_center,
        resource=room,
        starts_at=timezone.now() + datetime.timedelta(days=3),
        ends_at=timezone.now() + datetime.timedelta(days=3, hours=2),
        organisation_name="마을 모임",
        contact_name="김담당",
        contact_phone=PHONE,
    )
    instructor = education_services.create_instructor(
        center=metropolitan_center, name="김강사", contact=PHONE
    )
    return {
        "instructor": instructor,
        "booking": booking,
        "subscriber": subscriber,
        "contact": contact,
        "expert": expert,
        "signup": signup,
        "enterprise": enterprise,
        "member": signup.user,
    }


def _urls(people) -> list[str]:  # type: ignore[no-untyped-def]
    return urls_with_ids([row.pk for row in people.values()])


def test_every_screen_showing_a_phone_or_email_logs_the_access(client, metro_admin, people):
    client.force_login(metro_admin)
    shown_without_entry = []
    checked = 0
    for url in _urls(people):
        before = PersonalDataAccess.objects.count()
        response = client.get(url)
        if response.status_code != 200 or response.streaming:
            continue
        body = response.content.decode("utf-8", errors="ignore")
        if any(secret in body for secret in SECRETS):
            checked += 1
            if PersonalDataAccess.objects.count() == before:
                shown_without_entry.append(url)
    assert checked >= 4, "the walk reached the screens that show personal data"
    assert shown_without_entry == []


def test_the_audit_log_stores_no_personal_value_nor_the_actors_email(people, metro_admin):
    registry_services.update_expert(expert=people["expert"], phone="010-1111-2222")
    entries = LogEntry.objects.all()
    stored = " ".join(str(e.changes) + str(e.changes_text) + str(e.actor_email) for e in entries)
    for secret in (*SECRETS, "010-1111-2222"):
        assert secret not in stored
    assert "(개인정보: 기록하지 않음)" in stored


def test_history_written_before_masking_is_masked_by_the_migration(people, metro_admin):
    import importlib

    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    migration = importlib.import_module("dure.core.migrations.0007_mask_personal_history")
    contact = people["contact"]
    old = LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(contact),
        object_pk=str(contact.pk),
        object_repr="담당자",
        action=LogEntry.Action.UPDATE,
        changes={"phone": ["010-0000-0000", PHONE], "position": ["과장", "부장"]},
        actor=metro_admin,
    )
    LogEntry.objects.filter(pk=old.pk).update(actor_email=EMAIL)
    migration.mask_history(apps, None)
    old.refresh_from_db()
    assert old.changes["phone"] == ["(개인정보: 기록하지 않음)"] * 2
    assert old.changes["position"] == ["과장", "부장"]
    assert old.actor_email is None
