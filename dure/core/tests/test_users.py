"""The center admin manages the logins of their centers; nobody else does."""

from django.urls import reverse

from dure.core.models import Center, User
from dure.core.roles import Role
from dure.core.services import create_user


def test_metro_admin_creates_a_district_user(client, metro_admin):
    client.force_login(metro_admin)
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    response = client.post(
        reverse("core:user_create"),
        {
            "username": "new_staff",
            "display_name": "새 담당자",
            "email": "",
            "center": gangdong.pk,
            "role": Role.DISTRICT_STAFF,
            "password": "a-long-passphrase-2017",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="new_staff")
    assert created.center == gangdong
    assert created.check_password("a-long-passphrase-2017")


def test_a_weak_password_is_refused_in_korean(client, metro_admin):
    client.force_login(metro_admin)
    response = client.post(
        reverse("core:user_create"),
        {
            "username": "weak",
            "center": metro_admin.center.pk,
            "role": Role.PROGRAM_STAFF,
            "password": "12345678",
        },
    )
    assert response.status_code == 200
    assert not User.objects.filter(username="weak").exists()
    assert "비밀번호" in response.content.decode()


def test_district_admin_cannot_manage_another_districts_users(client, other_district_staff):
    gangdong_admin = create_user(
        username="gangdong_admin",
        password="x-long-passphrase",
        role=Role.CENTER_ADMIN,
        center=Center.objects.get(code="SEOUL-GANGDONG"),
    )
    client.force_login(gangdong_admin)
    url = reverse("core:user_edit", args=[other_district_staff.pk])
    assert client.get(url).status_code == 404
    listed = client.get(reverse("core:user_list")).context["listing"].page.object_list
    assert other_district_staff not in listed


def test_deactivating_a_user_is_audited(client, metro_admin, program_staff):
    from auditlog.models import LogEntry

    client.force_login(metro_admin)
    client.post(
        reverse("core:user_edit", args=[program_staff.pk]),
        {
            "display_name": "담당자",
            "email": "",
            "center": program_staff.center.pk,
            "role": Role.PROGRAM_STAFF,
        },
    )
    program_staff.refresh_from_db()
    assert program_staff.is_active is False
    entry = LogEntry.objects.get_for_object(program_staff).filter(action=1).latest()
    assert entry.changes_dict["is_active"] == ["True", "False"]
