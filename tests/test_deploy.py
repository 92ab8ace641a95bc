"""Production settings: `check --deploy` is clean under the documented variables, cookies are
secure by default, and every page carries the Content-Security-Policy."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTED = {
    "DURE_SECRET_KEY": "k" * 20 + "-a-long-random-production-key-" + "z" * 20,
    "DURE_ALLOWED_HOSTS": "dure.example.kr",
    "DURE_CSRF_TRUSTED_ORIGINS": "https://dure.example.kr",
    "DURE_SSL_REDIRECT": "true",
    "DURE_HSTS_SECONDS": "31536000",
    "DURE_HSTS_INCLUDE_SUBDOMAINS": "true",
    "DURE_HSTS_PRELOAD": "true",
}


def _manage(*args: str, extra: dict[str, str], tmp_path: Path) -> subprocess.CompletedProcess:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DURE_")
        and key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(extra, DJANGO_SETTINGS_MODULE="config.settings", DURE_DATA_DIR=str(tmp_path))
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_is_clean_under_the_documented_production_settings(tmp_path):
    result = _manage(
        "check", "--deploy", "--fail-level", "WARNING", extra=DOCUMENTED, tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_cookies_are_secure_unless_debugging(tmp_path):
    script = (
        "from django.conf import settings; "
        "print(settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE)"
    )
    production = _manage("shell", "-v", "0", "-c", script, extra={}, tmp_path=tmp_path)
    assert production.stdout.split() == ["True", "True"], production.stderr
    debugging = _manage(
        "shell", "-v", "0", "-c", script, extra={"DURE_DEBUG": "true"}, tmp_path=tmp_path
    )
    assert debugging.stdout.split() == ["False", "False"], debugging.stderr


@pytest.mark.django_db
def test_every_page_carries_the_content_security_policy(client, metro_admin):
    client.force_login(metro_admin)
    for url in ("/", "/accounts/login/", "/portal/announcements/"):
        policy = client.get(url)["Content-Security-Policy"]
        assert "script-src 'self'" in policy and "frame-ancestors 'none'" in policy, url
        assert "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]


def test_no_template_uses_an_inline_handler():
    offenders = [
        str(path.relative_to(ROOT))
        for folder in ("templates", "dure")
        for path in (ROOT / folder).rglob("*.html")
        if any(
            f" on{event}=" in path.read_text() for event in ("click", "change", "submit", "load")
        )
    ]
    assert offenders == []
