"""Login, lockout after repeated failures, argon2 hashing, password reset by e-mail."""

from django.conf import settings
from django.core import mail
from django.urls import reverse


def test_login_with_the_right_password_opens_home(client, program_staff):
    response = client.post(
        reverse("login"), {"username": "program_staff", "password": "correct-horse-2017"}
    )
    assert response.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_a_wrong_password_is_refused_in_korean(client, program_staff):
    response = client.post(reverse("login"), {"username": "program_staff", "password": "wrong"})
    assert response.status_code == 200
    assert "아이디 또는 비밀번호가 올바르지 않습니다" in response.content.decode()


def test_repeated_failures_lock_the_account_even_with_the_right_password(client, program_staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "program_staff", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "program_staff", "password": "correct-horse-2017"}
    )
    assert response.status_code == 429
    assert "잠시 잠겼습니다" in response.content.decode()


def test_passwords_are_hashed_with_argon2_in_production_settings(settings, program_staff):
    from django.contrib.auth.hashers import identify_hasher

    from config import settings as production

    settings.PASSWORD_HASHERS = production.PASSWORD_HASHERS
    program_staff.set_password("another-passphrase-2017")
    program_staff.save()
    assert identify_hasher(program_staff.password).algorithm == "argon2"
    assert program_staff.check_password("another-passphrase-2017")


def test_password_reset_sends_a_korean_mail(client, program_staff):
    program_staff.email = "staff@example.org"
    program_staff.save()
    client.post(reverse("password_reset"), {"email": "staff@example.org"})
    assert len(mail.outbox) == 1
    assert "비밀번호 재설정" in mail.outbox[0].subject


def test_an_idle_session_ends(client, program_staff, settings):
    import datetime

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    client.force_login(program_staff)
    assert client.get(reverse("core:home")).status_code == 200
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(reverse("core:home"))
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_an_htmx_request_after_the_session_ended_redirects_the_whole_page(client, db):
    response = client.get(reverse("registry:enterprise_list"), HTTP_HX_REQUEST="true")
    assert response.headers["HX-Redirect"].startswith("/accounts/login/")
