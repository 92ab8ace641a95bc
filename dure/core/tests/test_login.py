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


def test_passwords_are_hashed_with_argon2_in_production_settings():
    from config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")


def test_password_reset_sends_a_korean_mail(client, program_staff):
    program_staff.email = "staff@example.org"
    program_staff.save()
    client.post(reverse("password_reset"), {"email": "staff@example.org"})
    assert len(mail.outbox) == 1
    assert "비밀번호 재설정" in mail.outbox[0].subject


def test_sessions_expire(settings):
    from config import settings as production

    assert production.SESSION_SAVE_EVERY_REQUEST is True
    assert 0 < production.SESSION_COOKIE_AGE <= 8 * 3600
