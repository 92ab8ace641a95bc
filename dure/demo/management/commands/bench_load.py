"""`python manage.py bench_load` — on PostgreSQL, after `generate_national`: gunicorn with the
production settings and `deploy/gunicorn.conf.py` on a loopback port, then locust (headless,
bounded in users and time) against it: the health view as fast as it answers (the baseline),
and 16 logged-in staff sessions browsing the busiest synthetic center's report, the records
behind its figures, the registry search and the lists. Rewrites the load section of
docs/BENCHMARKS.md."""

from __future__ import annotations

import csv
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.urls import reverse

from dure.core.benchmarks import machine_line, write_section
from dure.demo import load

P95_TARGET_MS = 150
# Sessions start four a second; the figures count from when all have started (--reset-stats).
SPAWN_RATE = 4
PG_OPTIONS = "-c random_page_cost=1.1"
ROOT = Path(settings.BASE_DIR)
LOCUSTFILE = Path(__file__).resolve().parents[2] / "locustfile.py"
LABELS = {
    "report": "연간 보고서",
    "drill-down": "수치의 근거 기록 (쪽 1·2)",
    "indicator": "지표 화면",
    "search": "명부 검색",
    "list": "목록 (활동·기업·사업계획)",
    "Aggregated": "전체",
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: Any, **kwargs: Any) -> None:
        return None  # a session sent to the login page must show as a 302, not as its 200


_OPENER = urllib.request.build_opener(_NoRedirect)


def _get(url: str, cookie: str | None = None) -> int:
    """The status of a GET, redirects not followed; errors are answers too."""
    request = urllib.request.Request(url)
    if cookie:
        request.add_header("Cookie", cookie)
    try:
        with _OPENER.open(request, timeout=30) as response:
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


class Command(BaseCommand):
    help = "gunicorn에 동시 직원 세션으로 부하를 주어 응답 시간(p95)과 처리량을 잽니다."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--users", type=int, default=16, help="동시 직원 세션 수")
        parser.add_argument("--seconds", type=int, default=60, help="직원 세션 측정 시간")
        parser.add_argument("--hello-seconds", type=int, default=20, help="기준·상한 측정 시간")
        parser.add_argument(
            "--think", type=float, nargs=2, default=(1.0, 5.0), metavar=("MIN", "MAX")
        )
        parser.add_argument("--year", type=int, default=2024)
        parser.add_argument("--output", default=str(ROOT / "docs" / "BENCHMARKS.md"))

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("부하 벤치는 PostgreSQL에서 잽니다 (DATABASE_URL).")
        users = options["users"]
        if not 1 <= users <= 64 or options["seconds"] < 5 or options["hello_seconds"] < 5:
            raise CommandError("세션은 1–64개, 측정 시간은 5초 이상이어야 합니다.")
        self.stdout.write(f"1/6 직원 세션 {users}개와 둘러볼 화면")
        try:
            plan = load.load_plan(options["year"], users)
        except ValueError as error:
            raise CommandError(str(error)) from None
        document = plan.as_json() | {
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "think_min": options["think"][0],
            "think_max": options["think"][1],
            "hello": reverse("core:health"),
        }
        try:
            hello, staff, writing, busy, workers = self._measure(plan, document, options)
        finally:
            load.end_sessions(plan)
        self._write(options, plan, workers, hello, staff, writing, busy)

    def _measure(
        self, plan: load.LoadPlan, document: dict[str, Any], options: dict[str, Any]
    ) -> tuple[dict, dict, tuple[dict, float, int], dict, int]:
        users = options["users"]
        interval = load.write_interval(options["year"])
        with tempfile.TemporaryDirectory(prefix="dure-load-") as work:
            plan_path = Path(work) / "plan.json"
            plan_path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
            # Each phase on freshly started app servers: the floor's many requests must not
            # bring the staff phase's workers to their recycling (max_requests) mid-measurement.
            with self._server(Path(work)) as (base, workers):
                self.stdout.write(f"2/6 기준: 상태 확인 화면, 세션 {users}개, 쉼 없이 ({base})")
                hello = self._locust(
                    "HelloUser", base, users, options["hello_seconds"], plan_path, work
                )
            with self._server(Path(work)) as (base, workers):
                self.stdout.write(f"3/6 예열: 워커마다 화면마다 한 번 ({base})")
                self._warm(base, plan, workers)
                self.stdout.write(
                    f"4/6 직원 세션 {users}개, {options['seconds']}초, 화면 사이 "
                    f"{options['think'][0]}–{options['think'][1]}초 쉼"
                )
                staff = self._locust("StaffUser", base, users, options["seconds"], plan_path, work)
                self.stdout.write(
                    f"5/6 같은 세션, 그동안 모든 센터에서 {interval:.1f}초마다 기록 하나"
                )
                with load.recording(options["year"], interval) as made:
                    writing = self._locust(
                        "StaffUser", base, users, options["seconds"], plan_path, work
                    )
                    recorded = len(made)
                self.stdout.write(f"6/6 상한: 같은 화면을 쉼 없이 {options['hello_seconds']}초")
                busy = self._locust(
                    "BusyStaffUser", base, users, options["hello_seconds"], plan_path, work
                )
        return hello, staff, (writing, interval, recorded), busy, workers

    def _warm(self, base: str, plan: load.LoadPlan, workers: int) -> None:
        """Every page as many times at once as there are workers, so that each worker has
        loaded its code and templates before the clock starts."""
        cookie = f"{settings.SESSION_COOKIE_NAME}={plan.sessions[0]}"
        paths = [path for paths in plan.paths.values() for path in paths]
        with ThreadPoolExecutor(max_workers=workers) as pool:
            for path in paths:
                answers = list(pool.map(lambda p: _get(base + p, cookie), [path] * workers))
                if any(status != 200 for status in answers):
                    raise CommandError(f"예열 중 {path} 응답이 200이 아닙니다: {answers}")

    @contextmanager
    def _server(self, work: Path) -> Iterator[tuple[str, int]]:
        port = _free_port()
        workers = int(os.environ.get("DURE_WORKERS", (os.cpu_count() or 1) * 2))
        environment = os.environ | {
            "DURE_BIND": f"127.0.0.1:{port}",
            "DURE_WORKERS": str(workers),
            "DJANGO_SETTINGS_MODULE": "config.settings",
            # Plain HTTP on loopback: the session cookie must travel without TLS.
            "DURE_SECURE_COOKIES": "false",
            "DURE_DEBUG": "false",
            # As deploy/env.example: a worker keeps its database connection between requests.
            "DURE_DB_CONN_MAX_AGE": os.environ.get("DURE_DB_CONN_MAX_AGE", "60"),
            # The planner setting docs/deployment.md asks of the database (data on SSD).
            "PGOPTIONS": os.environ.get("PGOPTIONS", PG_OPTIONS),
        }
        with (work / "gunicorn.log").open("w") as log:
            server = subprocess.Popen(
                [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "config.wsgi"],
                cwd=ROOT,
                env=environment,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        base = f"http://127.0.0.1:{port}"
        try:
            deadline = time.monotonic() + 60
            while True:
                try:
                    _get(base + reverse("core:health"))
                    break
                except OSError:
                    if server.poll() is not None or time.monotonic() > deadline:
                        raise CommandError(
                            "gunicorn이 시작되지 않았습니다:\n"
                            + (work / "gunicorn.log").read_text()
                        ) from None
                    time.sleep(0.2)
            yield base, workers
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()

    def _locust(
        self, user_class: str, base: str, users: int, seconds: int, plan: Path, work: str
    ) -> dict[str, dict[str, str]]:
        prefix = str(Path(work) / user_class)
        command = [
            sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless",
            "--host", base, "--users", str(users), "--spawn-rate", str(SPAWN_RATE),
            "--reset-stats", "--run-time", f"{seconds + users // SPAWN_RATE}s",
            "--stop-timeout", "10", "--csv", prefix, "--only-summary", "--loglevel", "WARNING",
            user_class,
        ]  # fmt: skip
        done = subprocess.run(
            command,
            env=os.environ | {"DURE_LOAD_PLAN": str(plan)},
            capture_output=True,
            text=True,
            timeout=seconds + 120,
            check=False,
        )
        stats_path = Path(f"{prefix}_stats.csv")
        if not stats_path.exists():
            raise CommandError(f"locust가 결과를 쓰지 못했습니다:\n{done.stderr[-2000:]}")
        with stats_path.open(encoding="utf-8") as stats_file:
            rows = {row["Name"]: row for row in csv.DictReader(stats_file)}
        failures = int(rows["Aggregated"]["Failure Count"])
        if failures:
            failure_path = Path(f"{prefix}_failures.csv")
            detail = failure_path.read_text(encoding="utf-8") if failure_path.exists() else ""
            raise CommandError(f"{user_class}: 실패한 요청 {failures}건\n{detail[-2000:]}")
        return rows

    def _write(
        self,
        options: dict[str, Any],
        plan: load.LoadPlan,
        workers: int,
        hello: dict[str, dict[str, str]],
        staff: dict[str, dict[str, str]],
        writing: tuple[dict[str, dict[str, str]], float, int],
        busy: dict[str, dict[str, str]],
    ) -> None:
        during, interval, recorded = writing
        overall = staff["Aggregated"]
        p95 = float(overall["95%"])
        writing_p95 = float(during["Aggregated"]["95%"])
        floor_rps = float(hello["Aggregated"]["Requests/s"])
        think = options["think"]
        lines = [
            "## 부하 (load)",
            "",
            "```",
            "export DATABASE_URL=$(DURE_PG_DATABASE=dure_bench bash scripts/postgres.sh)",
            ".venv/bin/python manage.py generate_national --enterprises 50000 --centers 250 "
            "--records 2000000 --seed 1",
            f".venv/bin/python manage.py bench_load --users {options['users']} "
            f"--seconds {options['seconds']}   # or: make bench",
            "```",
            "",
            f"gunicorn(`deploy/gunicorn.conf.py`, 동기 워커 {workers}개, 운영 설정, "
            "`deploy/env.example`처럼 연결 유지 60초, 127.0.0.1) 위의 두레에 같은 기계의 "
            "locust(헤드리스)로 부하를 줍니다. 서버의 PostgreSQL 연결은 docs/deployment.md가 "
            f"권하는 플래너 설정을 씁니다(`PGOPTIONS={os.environ.get('PGOPTIONS', PG_OPTIONS)}`). "
            "단계마다 서버를 새로 띄웁니다. 앱 서버, PostgreSQL, locust가 같은 CPU 2개를 "
            "나눠 쓰므로 아래 처리량은 이 셋을 함께 잰 값입니다.",
            "",
            f"직원 세션 {options['users']}개가 각자 로그인한 채 {plan.center}의 {plan.year}년 "
            f"화면을 {options['seconds']}초 동안 둘러봅니다: 화면 사이 {think[0]}–{think[1]}초 "
            f"쉼, 세션은 초당 {SPAWN_RATE}개씩 시작하고 모두 시작한 뒤부터 셉니다. 이 센터의 "
            f"활동 기록 {plan.records:,}건(합성 자치구센터 중 가장 많음). 명부 검색어는 이 센터 "
            "기업의 이름·이름 앞부분·공통어(모두 결과가 있음). 화면 비중: "
            + ", ".join(f"{LABELS[k]} {v}" for k, v in plan.weights.items())
            + ". 시간은 요청부터 응답 끝까지(ms). 측정 전에 워커마다 화면마다 한 번씩 예열하고, "
            "실패(200이 아닌 응답, 로그인으로 돌려보냄 포함)가 하나라도 있으면 벤치는 결과를 "
            "쓰지 않고 실패합니다. 벤치가 만든 세션은 끝나면 지웁니다.",
            "",
            machine_line(),
            "",
            "보고서의 수치는 읽은 테이블이 바뀌지 않는 동안 워커마다 한 번 계산해 두고 다시 "
            "읽습니다(docs/metrics.md, 「Figures kept between readings」). 그래서 두 번 잽니다: "
            "둘러보기만 할 때, 그리고 같은 둘러보기 동안 데이터베이스의 모든 센터가 기록을 "
            "쌓을 때.",
            "",
            "**둘러보기만** (목표를 판정하는 측정)",
            "",
            *_table(staff),
            "",
            f"**그동안 모든 센터에서 기록**: {interval:.1f}초마다 활동 기록 하나(이 연도의 "
            f"기록 전체(모든 센터)를 일하는 시간(250일×8시간)에 고르게 나눈 빈도; 무작위 "
            f"기록의 사본을 화면과 같은 서비스로 저장, 측정 중 {recorded}건, 끝나면 지움). "
            "기록마다 활동 기록 테이블의 상태가 바뀌어, 그 뒤 처음 읽는 워커는 보고서 수치를 "
            "다시 계산합니다.",
            "",
            *_table(during),
        ]
        hello_row = hello["Aggregated"]
        busy_rps = float(busy["Aggregated"]["Requests/s"])
        lines += [
            "",
            f"기준(같은 설정의 서버): 상태 확인 화면(`/healthz/`, 미들웨어를 모두 거치고 행을 "
            f"읽지 않음)을 세션 {options['users']}개가 쉼 없이 {options['hello_seconds']}초 — "
            f"초당 {floor_rps:,.0f}건, p50 {hello_row['50%']} ms, p95 {hello_row['95%']} ms. "
            f"같은 직원 화면을 쉼 없이 {options['hello_seconds']}초 — 초당 {busy_rps:,.1f}건"
            f"(기준의 {busy_rps / floor_rps:.1%}), p50 {busy['Aggregated']['50%']} ms: 이 서버 "
            "한 대가 감당하는 직원 화면의 상한입니다.",
            "",
            f"목표: 직원 세션 전체 p95 ≤ {P95_TARGET_MS} ms — "
            f"{'충족' if p95 <= P95_TARGET_MS else '미달'} (p95 {p95:,.0f} ms; 기록이 "
            f"쌓이는 동안 {writing_p95:,.0f} ms, "
            f"{'목표 안' if writing_p95 <= P95_TARGET_MS else '목표 밖'}). locust의 "
            "백분위는 100 ms 넘는 값을 유효숫자 두 자리로 묶어 셉니다(그래서 p99가 최대보다 "
            "클 수 있습니다).",
        ]
        section = write_section(Path(options["output"]), "load", lines)
        self.stdout.write(section)


def _table(rows: dict[str, dict[str, str]]) -> list[str]:
    lines = [
        "| 화면 | 요청 | p50 (ms) | p95 (ms) | p99 (ms) | 최대 (ms) | 초당 요청 |",
        "|---|--:|--:|--:|--:|--:|--:|",
    ]
    for name in (name for name in LABELS if name in rows):
        row = rows[name]
        lines.append(
            f"| {LABELS[name]} | {int(row['Request Count']):,} | {row['50%']} | "
            f"{row['95%']} | {row['99%']} | {float(row['Max Response Time']):,.0f} | "
            f"{float(row['Requests/s']):.1f} |"
        )
    return lines
