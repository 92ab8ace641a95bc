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


def _login(client, username: str, password: str, address: str, **extra):
    return client.post(
        reverse("login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
        **extra,
    )


RIGHT = "correct-horse-2017"


def test_failures_lock_the_account_from_every_address(client, program_staff):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "program_staff", "wrong", "10.0.0.1")
    response = _login(client, "program_staff", RIGHT, "10.0.0.2")
    assert response.status_code == 429
    assert "잠시 잠겼습니다" in response.content.decode()


def test_failures_over_many_accounts_lock_the_address(client, program_staff, metro_admin):
    for number in range(settings.AXES_FAILURE_LIMIT):
        _login(client, f"guess-{number}", "wrong", "10.0.0.3")
    assert _login(client, "program_staff", RIGHT, "10.0.0.3").status_code == 429
    # The accounts themselves are not locked: from another address the right password works.
    assert _login(client, "metro_admin", RIGHT, "10.0.0.4").status_code == 302


def test_a_correct_login_before_the_limit_works_and_clears_its_own_failures(client, program_staff):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "program_staff", "wrong", "10.0.0.5")
    assert _login(client, "program_staff", RIGHT, "10.0.0.5").status_code == 302
    client.logout()
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "program_staff", "wrong", "10.0.0.5")
    assert _login(client, "program_staff", RIGHT, "10.0.0.5").status_code == 302


def test_logging_in_to_ones_own_account_does_not_clear_the_failures_against_another(
    client, program_staff, metro_admin
):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        _login(client, "metro_admin", "wrong", "10.0.0.6")
    assert _login(client, "program_staff", RIGHT, "10.0.0.6").status_code == 302
    client.logout()
    _login(client, "metro_admin", "wrong", "10.0.0.7")
    assert _login(client, "metro_admin", RIGHT, "10.0.0.8").status_code == 429


def test_behind_a_trusted_proxy_the_client_address_is_locked_not_the_proxy(
    client, settings, program_staff, metro_admin
):
    settings.DURE_TRUSTED_PROXY_COUNT = 1
    proxy = "10.0.0.254"
    for number in range(settings.AXES_FAILURE_LIMIT):
        # A client cannot escape by sending its own X-Forwarded-For: the proxy appends the
        # address it saw, and only that last hop is believed.
        forwarded = f"198.51.100.{number}, 203.0.113.7"
        _login(client, f"guess-{number}", "wrong", proxy, HTTP_X_FORWARDED_FOR=forwarded)
    locked = _login(client, "program_staff", RIGHT, proxy, HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert locked.status_code == 429
    other = _login(client, "metro_admin", RIGHT, proxy, HTTP_X_FORWARDED_FOR="203.0.113.8")
    assert other.status_code == 302


def test_a_center_admin_unlocks_an_account_and_staff_cannot(
    client, program_staff, metro_admin, district_staff
):
    from django.test import Client

    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "program_staff", "wrong", "10.0.0.9")
    unlock = reverse("core:user_unlock", args=[program_staff.pk])
    refused = Client()
    refused.force_login(district_staff)
    assert refused.post(unlock).status_code == 403
    assert _login(client, "program_staff", RIGHT, "10.0.0.10").status_code == 429
    admin = Client()
    admin.force_login(metro_admin)
    assert admin.post(unlock).status_code == 302
    assert _login(client, "program_staff", RIGHT, "10.0.0.10").status_code == 302


def _reset(client, email: str, address: str):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_password_reset_is_throttled_per_email_address(client, settings, program_staff):
    program_staff.email = "staff@example.org"
    program_staff.save()
    for number in range(settings.DURE_PASSWORD_RESET_LIMIT):
        assert _reset(client, "Staff@example.org", f"10.1.0.{number}").status_code == 302
    refused = _reset(client, "staff@example.org", "10.1.0.99")
    assert refused.status_code == 429
    assert "비밀번호 재설정 요청이 너무 많습니다" in refused.content.decode()
    assert len(mail.outbox) == settings.DURE_PASSWORD_RESET_LIMIT


def test_password_reset_is_throttled_per_address(client, settings, program_staff):
    program_staff.email = "staff@example.org"
    program_staff.save()
    for number in range(settings.DURE_PASSWORD_RESET_LIMIT):
        assert _reset(client, f"nobody-{number}@example.org", "10.2.0.1").status_code == 302
    assert _reset(client, "staff@example.org", "10.2.0.1").status_code == 429
    assert not mail.outbox
    assert _reset(client, "staff@example.org", "10.2.0.2").status_code == 302
    assert len(mail.outbox) == 1


def test_password_reset_answers_alike_whether_the_email_exists(client, settings, program_staff):
    program_staff.email = "staff@example.org"
    program_staff.save()
    answers: dict[str, tuple[object, ...]] = {}
    for email in ("staff@example.org", "nobody@example.org"):
        for number in range(settings.DURE_PASSWORD_RESET_LIMIT):
            _reset(client, email, f"10.3.{len(answers)}.{number}")
        accepted = _reset(client, email.replace("@", "+x@"), f"10.4.{len(answers)}.1")
        refused = _reset(client, email, f"10.5.{len(answers)}.1")
        answers[email] = (
            accepted.status_code,
            accepted["Location"],
            refused.status_code,
            list(refused.context["form"].non_field_errors()),
        )
    assert answers["staff@example.org"] == answers["nobody@example.org"]
    assert answers["nobody@example.org"][2] == 429


def test_old_password_reset_requests_stop_counting(client, settings, program_staff):
    import datetime

    from django.utils import timezone

    from dure.core.models import PasswordResetRequest

    for number in range(settings.DURE_PASSWORD_RESET_LIMIT):
        _reset(client, "staff@example.org", f"10.6.0.{number}")
    PasswordResetRequest.objects.update(
        requested_at=timezone.now() - settings.DURE_PASSWORD_RESET_WINDOW - datetime.timedelta(1)
    )
    assert _reset(client, "staff@example.org", "10.6.1.1").status_code == 302
    assert PasswordResetRequest.objects.count() == 1
