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


def _gangdong_admin():
    return create_user(
        username="gangdong_admin",
        password="x-long-passphrase",
        role=Role.CENTER_ADMIN,
        center=Center.objects.get(code="SEOUL-GANGDONG"),
    )


def test_district_admin_cannot_create_funder_auditor_or_metropolitan_users(client, db):
    client.force_login(_gangdong_admin())
    seoul = Center.objects.get(code="SEOUL")
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    attempts = [
        {"center": gangdong.pk, "role": Role.FUNDER},
        {"center": gangdong.pk, "role": Role.AUDITOR},
        {"center": gangdong.pk, "role": Role.PROGRAM_STAFF},
        {"center": seoul.pk, "role": Role.DISTRICT_STAFF},
    ]
    for number, attempt in enumerate(attempts):
        response = client.post(
            reverse("core:user_create"),
            {"username": f"escalate{number}", "password": "a-long-passphrase-2017", **attempt},
        )
        assert response.status_code == 200
    assert not User.objects.filter(username__startswith="escalate").exists()


def test_district_staff_role_is_refused_at_the_metropolitan_center(client, metro_admin):
    client.force_login(metro_admin)
    response = client.post(
        reverse("core:user_create"),
        {
            "username": "wrong_place",
            "password": "a-long-passphrase-2017",
            "center": metro_admin.center.pk,
            "role": Role.DISTRICT_STAFF,
        },
    )
    assert "자치구 센터 소속에만" in response.content.decode()
    assert not User.objects.filter(username="wrong_place").exists()


def test_an_admin_cannot_demote_or_deactivate_themselves(client, metro_admin):
    client.force_login(metro_admin)
    response = client.post(
        reverse("core:user_edit", args=[metro_admin.pk]),
        {
            "display_name": "관리자",
            "email": "",
            "center": metro_admin.center.pk,
            "role": Role.PROGRAM_STAFF,
            "is_active": "on",
        },
    )
    assert "자기 계정의 역할" in response.content.decode()
    metro_admin.refresh_from_db()
    assert metro_admin.role == Role.CENTER_ADMIN


def test_admin_unlocks_a_locked_account_and_staff_cannot(client, metro_admin, program_staff):
    from django.conf import settings

    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "program_staff", "password": "wrong"})
    locked = client.post(
        reverse("login"), {"username": "program_staff", "password": "correct-horse-2017"}
    )
    assert locked.status_code == 429
    client.force_login(program_staff)
    assert client.post(reverse("core:user_unlock", args=[program_staff.pk])).status_code == 403
    client.force_login(metro_admin)
    client.post(reverse("core:user_unlock", args=[program_staff.pk]))
    client.logout()
    unlocked = client.post(
        reverse("login"), {"username": "program_staff", "password": "correct-horse-2017"}
    )
    assert unlocked.status_code == 302
