"""개인정보 접근기록: viewing or exporting a contact's data is logged; exports need a reason."""

import datetime
import io

import openpyxl
from django.urls import reverse
from django.utils import timezone

from dure.core.models import AccessAction, PersonalDataAccess
from dure.core.services import purge_expired_access_log
from dure.registry.tests.factories import ContactFactory


def test_viewing_a_contact_leaves_an_access_log_entry(client, program_staff):
    contact = ContactFactory(name="김담당")
    client.force_login(program_staff)
    response = client.get(
        reverse("registry:contact_detail", args=[contact.pk]), REMOTE_ADDR="10.1.2.3"
    )
    assert response.status_code == 200
    assert "김담당" in response.content.decode()
    entry = PersonalDataAccess.objects.get()
    assert entry.user == program_staff
    assert entry.action == AccessAction.VIEW
    assert entry.ip_address == "10.1.2.3"
    assert entry.subject_id == str(contact.pk)
    assert "김담당" in entry.subject_label


def test_funder_cannot_see_personal_data_and_leaves_no_entry(client, funder):
    contact = ContactFactory()
    client.force_login(funder)
    response = client.get(reverse("registry:contact_detail", args=[contact.pk]))
    assert response.status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_export_asks_for_a_reason_and_logs_each_person(client, program_staff):
    ContactFactory.create_batch(3, consent_contact=True, consented_on=datetime.date(2017, 3, 2))
    ContactFactory(name="동의안함")
    client.force_login(program_staff)
    url = reverse("registry:contact_export")
    refused = client.post(url, {"reason": "", "format": "xlsx"})
    assert refused.status_code == 200
    assert "사유" in refused.content.decode()
    assert not PersonalDataAccess.objects.exists()
    response = client.post(url, {"reason": "공공구매 박람회 참가 안내", "format": "xlsx"})
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    assert [c.value for c in sheet[1]] == ["기업명", "성명", "직위", "전화번호", "이메일"]
    assert sheet.max_row == 4
    entries = PersonalDataAccess.objects.filter(action=AccessAction.EXPORT)
    assert entries.count() == 3
    assert {e.reason for e in entries} == {"공공구매 박람회 참가 안내"}


def test_district_staff_cannot_export(client, district_staff):
    client.force_login(district_staff)
    assert client.get(reverse("registry:contact_export")).status_code == 403


def test_admin_reviews_the_access_log_and_staff_is_refused(client, metro_admin, program_staff):
    contact = ContactFactory(name="박열람")
    client.force_login(program_staff)
    client.get(reverse("registry:contact_detail", args=[contact.pk]))
    response = client.get(reverse("core:access_log"))
    assert response.status_code == 403
    client.force_login(metro_admin)
    response = client.get(reverse("core:access_log"), {"subject": "박열람"})
    assert response.status_code == 200
    assert response.context["listing"].total == 1


def test_entries_older_than_two_years_are_purged(program_staff):
    contact = ContactFactory()
    now = timezone.now()
    old = PersonalDataAccess.objects.create(
        user=program_staff,
        action="view",
        subject_type="registry.Contact",
        subject_id=str(contact.pk),
        subject_label="x",
        path="/",
    )
    recent = PersonalDataAccess.objects.create(
        user=program_staff,
        action="view",
        subject_type="registry.Contact",
        subject_id=str(contact.pk),
        subject_label="y",
        path="/",
    )
    PersonalDataAccess.objects.filter(pk=old.pk).update(
        accessed_at=now - datetime.timedelta(days=731)
    )
    PersonalDataAccess.objects.filter(pk=recent.pk).update(
        accessed_at=now - datetime.timedelta(days=700)
    )
    assert purge_expired_access_log(now=now) == 1
    assert list(PersonalDataAccess.objects.values_list("pk", flat=True)) == [recent.pk]


def test_the_audit_log_masks_a_contacts_personal_fields(client, metro_admin):
    ContactFactory(name="김비밀", phone="010-1234-5678", email="secret@example.org")
    client.force_login(metro_admin)
    html = client.get(reverse("core:audit_log")).content.decode()
    assert "010-1234-5678" not in html
    assert "secret@example.org" not in html
    assert "김비밀" not in html
    assert "개인정보: 해당 화면에서 열람" in html
    assert not PersonalDataAccess.objects.exists()


def test_district_admin_sees_accesses_to_their_centers_contacts(
    client, metro_admin, gangdong_center
):
    from dure.core.models import User
    from dure.core.roles import Role
    from dure.core.services import create_user
    from dure.registry.tests.factories import EnterpriseFactory

    contact = ContactFactory(enterprise=EnterpriseFactory(center=gangdong_center))
    client.force_login(metro_admin)
    client.get(reverse("registry:contact_detail", args=[contact.pk]))
    gangdong_admin = create_user(
        username="gangdong_admin",
        password="x-long-passphrase",
        role=Role.CENTER_ADMIN,
        center=gangdong_center,
    )
    client.force_login(gangdong_admin)
    assert client.get(reverse("core:access_log")).context["listing"].total == 1
    gwanak_admin = User.objects.create(
        username="gwanak_admin",
        role=Role.CENTER_ADMIN,
        center=gangdong_center.parent.district_centers.get(district="관악구"),
    )
    client.force_login(gwanak_admin)
    assert client.get(reverse("core:access_log")).context["listing"].total == 0


def test_an_admin_without_a_center_sees_no_log(client, db):
    from dure.core.models import User
    from dure.core.roles import Role

    admin = User.objects.create(username="no_center_admin", role=Role.CENTER_ADMIN)
    ContactFactory()
    client.force_login(admin)
    assert client.get(reverse("core:access_log")).context["listing"].total == 0
    assert client.get(reverse("core:audit_log")).context["listing"].total == 0


def test_a_forged_forwarded_for_header_is_not_believed(client, program_staff):
    from auditlog.models import LogEntry

    contact = ContactFactory()
    client.force_login(program_staff)
    client.get(
        reverse("registry:contact_detail", args=[contact.pk]),
        REMOTE_ADDR="10.0.0.7",
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    assert PersonalDataAccess.objects.get().ip_address == "10.0.0.7"
    client.post(
        reverse("registry:enterprise_edit", args=[contact.enterprise.pk]),
        {"name": "새이름", "legal_form": "cooperative"},
        REMOTE_ADDR="10.0.0.7",
        HTTP_X_FORWARDED_FOR="203.0.113.66",
    )
    entry = LogEntry.objects.get_for_object(contact.enterprise).filter(action=1).get()
    assert entry.remote_addr == "10.0.0.7"


def test_behind_one_trusted_proxy_the_forwarded_address_is_used(client, program_staff, settings):
    settings.DURE_TRUSTED_PROXY_COUNT = 1
    contact = ContactFactory()
    client.force_login(program_staff)
    client.get(
        reverse("registry:contact_detail", args=[contact.pk]),
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="198.51.100.9",
    )
    assert PersonalDataAccess.objects.get().ip_address == "198.51.100.9"
