"""Faults, on PostgreSQL with real processes: a `kill -9` in the middle of an import or of a
report build leaves the database as it was (and no half-written file), and running it again
gives the same result; the app answers again after the database restarts; a backup restored into
a new database gives a byte-identical report."""

from __future__ import annotations

import hashlib
import io
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection, connections

from dure.registry.models import Enterprise
from dure.registry.tests.factories import valid_business_number

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL processes"),
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
ROOT = Path(settings.BASE_DIR)
CLUSTER = ("15", "main")


def _database_url(name: str | None = None) -> str:
    db = settings.DATABASES["default"]
    return (
        f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:"
        f"{db['PORT'] or 5432}/{name or db['NAME']}"
    )


def _manage(
    *args: str, database: str | None = None, env: dict | None = None, **popen: object
) -> subprocess.Popen:
    env = {
        **os.environ,
        "DATABASE_URL": _database_url(database),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DURE_DATA_DIR": str(ROOT / "var" / "faults"),
        **(env or {}),
    }
    return subprocess.Popen(  # type: ignore[call-overload]
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, **popen
    )


def _open_transactions() -> int:
    """Other sessions of this database inside a transaction (a running import's)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND xact_start IS NOT NULL"
        )
        return int(cursor.fetchone()[0])


def _kill_midway(process: subprocess.Popen, *, seen: callable, limit: float = 120) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline and process.poll() is None:
        if seen():
            process.send_signal(signal.SIGKILL)
            process.wait()
            return
        time.sleep(0.05)
    pytest.fail("the process ended before it could be stopped midway")


def _run_to_end(*command: str) -> bytes:
    finished = _manage(*command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = finished.communicate(timeout=600)
    assert finished.returncode == 0, err.decode()
    return out


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    rows = ["기업명,사업자등록번호,자치구"]
    rows += [f"시험 협동조합 {n},{valid_business_number(n)},강동구" for n in range(1, 8001)]
    path = tmp_path / "enterprises.csv"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def test_an_import_killed_midway_saves_nothing_and_its_rerun_is_idempotent(big_file):
    before = Enterprise.objects.count()
    command = ("import_records", "enterprises", str(big_file), "--center", "SEOUL")
    process = _manage(*command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _kill_midway(process, seen=lambda: _open_transactions() > 0)
    assert Enterprise.objects.count() == before
    for _ in range(2):
        _run_to_end(*command)
        assert Enterprise.objects.count() == before + 8000


def _report_hash(database: str | None = None) -> str:
    command = ("export_report", "2017", "--center", "SEOUL", "--format", "json")
    finished = _manage(*command, database=database, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = finished.communicate(timeout=600)
    assert finished.returncode == 0, err.decode()
    return hashlib.sha256(out).hexdigest()


def _cells(path: Path) -> dict[str, list[tuple]]:
    workbook = openpyxl.load_workbook(path, read_only=True)
    return {sheet.title: list(sheet.iter_rows(values_only=True)) for sheet in workbook}


def _psql(admin: str, statement: str) -> None:
    subprocess.run(["psql", "-q", admin, "-c", statement], check=True)


def test_report_builds_survive_a_kill_and_a_backup_restores_the_same_report(tmp_path):
    call_command("load_demo", "--quiet-login", stdout=io.StringIO())
    output = tmp_path / "report.xlsx"
    command = ("export_report", "2017", "--center", "SEOUL", "--format", "xlsx", "-o", str(output))
    process = _manage(
        *command,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        encoding="utf-8",
        errors="replace",
        bufsize=1,
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stderr), daemon=True)
    reader.start()
    # Stopped once it reports computing the document (`  N% step`), before it writes the file.
    _kill_midway(process, seen=lambda: any(re.match(r"\s*\d+% ", line) for line in lines))
    reader.join(timeout=10)
    assert not reader.is_alive()
    process.stderr.close()
    assert not any("쓰는 중" in line for line in lines), "killed only after it began writing"
    assert not output.exists() and not output.with_name("report.xlsx.part").exists()
    built = []
    for _ in range(2):
        _run_to_end(*command)
        built.append(_cells(output))
    # The same workbook each time (its file differs only in the moment it records).
    assert built[0] == built[1] and len(built[0]) > 10

    original = _report_hash()
    assert _report_hash() == original  # the JSON report is the same run after run
    dump = tmp_path / "dure.dump"
    subprocess.run(["pg_dump", "-Fc", "-f", str(dump), _database_url()], check=True)
    restored = f"{settings.DATABASES['default']['NAME']}_restored"
    admin = _database_url("postgres")
    _psql(admin, f'DROP DATABASE IF EXISTS "{restored}"')
    _psql(admin, f"CREATE DATABASE \"{restored}\" TEMPLATE template0 LOCALE 'C.UTF-8'")
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "-d", _database_url(restored), str(dump)], check=True
        )
        assert _report_hash(restored) == original
    finally:
        _psql(admin, f'DROP DATABASE IF EXISTS "{restored}"')


@pytest.mark.skipif(shutil.which("pg_ctlcluster") is None, reason="a local cluster")
def test_the_app_answers_again_after_the_database_restarts(metro_admin, funder):
    from dure.api import services

    _, token = services.issue_token(
        issued_by=metro_admin, user=funder, name="x", scopes=["registry"]
    )
    port = 8765
    server = _manage(
        "runserver",
        f"127.0.0.1:{port}",
        "--noreload",
        "--insecure",
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        import urllib.request

        def enterprises() -> int:
            request = urllib.request.Request(
                f"http://127.0.0.1:{port}/api/v1/enterprises",
                headers={"Authorization": f"Bearer {token}"},
            )
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status

        deadline = time.monotonic() + 60
        while True:
            try:
                assert enterprises() == 200
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.5)
        connections.close_all()
        subprocess.run(
            ["pg_ctlcluster", "--skip-systemctl-redirect", *CLUSTER, "restart"], check=True
        )
        assert enterprises() == 200
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
        connections.close_all()
