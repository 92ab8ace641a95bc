"""`python manage.py bench_programs` — on PostgreSQL, after `generate_national`: one center's
annual report, the national roll-up and a drill-down's first page, each beside a hand-written SQL
floor that computes the same figures. Rewrites the programs section of docs/BENCHMARKS.md."""

from __future__ import annotations

import os
import re
import statistics
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings

from dure.core import figure_cache
from dure.core.benchmarks import write_section
from dure.core.models import Center, FiscalYear, User
from dure.core.roles import Role
from dure.programs.models import Activity, Indicator
from dure.programs.national import PREFIX
from dure.programs.results import indicator_results, with_report_relations
from dure.reports.report import build_report

MEASURES = {
    "count": "COUNT(*)",
    "sum_headcount": "COALESCE(SUM(a.headcount), 0)",
    "sum_amount": "COALESCE(SUM(a.amount_won), 0)",
}


def _timed(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """Median wall time in milliseconds, after one warm-up run."""
    result = action()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = action()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def _floor_sql(indicators: list[Indicator], kinds: dict[str, int]) -> tuple[str, str, list]:
    """Hand-written SQL: one scan for counts and sums, one join for distinct enterprises,
    each indicator a FILTER clause, grouped by center."""
    plain, distinct, params_plain, params_distinct = [], [], [], []
    for indicator in indicators:
        kind_ids = [kinds[k] for k in indicator.parameters["kind"]]
        condition = "a.program_id = %s AND a.kind_id = ANY(%s)"
        if indicator.aggregation == "distinct_enterprises":
            distinct.append(f"COUNT(DISTINCT ae.enterprise_id) FILTER (WHERE {condition})")
            params_distinct += [indicator.program_id, kind_ids]
        else:
            measure = (
                MEASURES[indicator.aggregation]
                .replace(
                    "(*)" if indicator.aggregation == "count" else ")",
                    "(*) FILTER (WHERE {})"
                    if indicator.aggregation == "count"
                    else ") FILTER (WHERE {})",
                    1,
                )
                .format(condition)
            )
            plain.append(measure)
            params_plain += [indicator.program_id, kind_ids]
    where = "a.center_id = ANY(%s) AND a.date BETWEEN %s AND %s"
    first = (
        f"SELECT a.center_id, {', '.join(plain)} FROM programs_activity a WHERE {where} "
        "GROUP BY a.center_id"
    )
    second = (
        f"SELECT a.center_id, {', '.join(distinct)} FROM programs_activity a "
        "JOIN programs_activity_enterprises ae ON ae.activity_id = a.id "
        f"WHERE {where} GROUP BY a.center_id"
    )
    return first, second, [params_plain, params_distinct]


class Command(BaseCommand):
    help = "사업·성과 벤치마크(PostgreSQL): 센터 보고서, 전국 합산, 실적 기록 첫 쪽과 SQL 하한."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--year", type=int, default=2024)
        parser.add_argument("--repeat", type=int, default=5)
        parser.add_argument("--output", default="docs/BENCHMARKS.md")

    def handle(self, *args: Any, **options: Any) -> None:
        # Figures are computed each time: the figure cache is what the load benchmark measures.
        with figure_cache.bypassed():
            self._measure(**options)

    def _measure(self, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("PostgreSQL에서만 잽니다(DATABASE_URL을 확인하세요).")
        fiscal_year = FiscalYear.objects.filter(year=options["year"]).first()
        centers = list(Center.objects.filter(code__startswith=f"{PREFIX}-").order_by("pk"))
        if fiscal_year is None or not centers:
            raise CommandError("먼저 generate_national로 합성 데이터를 만드세요.")
        repeat = options["repeat"]
        records = Activity.objects.filter(center__in=centers).count()
        kinds = dict(Activity.objects.values_list("kind__name", "kind_id").distinct())
        biggest = max(centers, key=lambda c: Activity.objects.filter(center=c).count())
        own = Activity.objects.filter(center=biggest).count()
        self.stdout.write(f"기록 {records:,}건, 센터 {len(centers)}곳 (가장 큰 센터 {own:,}건)")
        rows: list[tuple[str, float, float, int]] = []

        self.stdout.write("1/3 한 센터의 연간 보고서")
        report_ms, report = _timed(lambda: build_report(biggest, fiscal_year), repeat)
        center_indicators = list(Indicator.objects.filter(center=biggest).order_by("pk"))
        floor_ms, floor = _timed(
            lambda: self._floor(center_indicators, kinds, [biggest.pk], fiscal_year), repeat
        )
        ours = {r.indicator.pk: r.actual for p in report.programs for r in p.results}
        self._check(ours, floor, biggest.pk, center_indicators)
        rows.append(("한 센터의 연간 보고서 (지표 20개)", report_ms, floor_ms, 1000))

        self.stdout.write("2/3 전국 합산 (모든 센터의 모든 지표)")
        every = list(
            with_report_relations(Indicator.objects.filter(center__in=centers)).order_by("pk")
        )
        national_ms, results = _timed(lambda: indicator_results(every), repeat)
        ids = [c.pk for c in centers]
        national_floor_ms, national_floor = _timed(
            lambda: self._floor(
                [i for i in every if i.center_id == centers[0].pk],
                kinds,
                ids,
                fiscal_year,
                by_program_code=True,
            ),
            repeat,
        )
        mismatches = 0
        for indicator in every:
            expected = national_floor.get((indicator.center_id, indicator.code), Decimal(0))
            actual = results[indicator.pk].actual
            if Decimal(actual or 0) != Decimal(expected):
                mismatches += 1
        if mismatches:
            raise CommandError(f"전국 합산이 SQL 하한과 {mismatches}개 지표에서 다릅니다.")
        rows.append(
            (
                f"전국 합산 (센터 {len(centers)}곳, 지표 {len(every):,}개)",
                national_ms,
                national_floor_ms,
                3000,
            )
        )

        self.stdout.write("3/3 실적 기록 첫 쪽 (가장 큰 지표)")
        indicator = next(i for i in center_indicators if i.code == "I01")
        user = self._user(biggest)
        client = Client()
        client.force_login(user)
        url = f"/programs/indicators/{indicator.pk}/records/"
        with override_settings(ALLOWED_HOSTS=["testserver", "*"]):
            drill_ms, response = _timed(lambda: client.get(url), repeat)
        if response.status_code != 200:
            raise CommandError(f"실적 기록 화면 응답 {response.status_code}")
        count = re.search(r"모두 ([\d,]+)건", response.content.decode())
        drill_floor_ms, _ = _timed(lambda: self._page_floor(indicator, kinds, fiscal_year), repeat)
        rows.append(
            (
                f"실적 기록 첫 쪽 (HTTP, {count.group(1) if count else '?'}건 중 50건)",
                drill_ms,
                drill_floor_ms,
                200,
            )
        )
        self._write(options["output"], rows, records, len(centers), repeat)

    def _floor(
        self,
        indicators: list[Indicator],
        kinds: dict[str, int],
        center_ids: list[int],
        fiscal_year: FiscalYear,
        *,
        by_program_code: bool = False,
    ) -> dict:
        """Figures by (center, indicator code) from the two hand-written queries."""
        if by_program_code:
            # Every center has the same plan: resolve program ids per center by code.
            return self._national_floor(indicators, kinds, center_ids, fiscal_year)
        first, second, params = _floor_sql(indicators, kinds)
        figures: dict = {}
        plain = [i for i in indicators if i.aggregation != "distinct_enterprises"]
        distinct = [i for i in indicators if i.aggregation == "distinct_enterprises"]
        with connection.cursor() as cursor:
            for sql, group, values in ((first, plain, params[0]), (second, distinct, params[1])):
                cursor.execute(
                    sql, [*values, center_ids, fiscal_year.starts_on, fiscal_year.ends_on]
                )
                for row in cursor.fetchall():
                    for indicator, value in zip(group, row[1:], strict=True):
                        figures[(row[0], indicator.code)] = value
        return figures

    def _national_floor(
        self,
        template: list[Indicator],
        kinds: dict[str, int],
        center_ids: list[int],
        fiscal_year: FiscalYear,
    ) -> dict:
        """Counts and sums from one pass over the covering index grouped by center, program
        and kind (added up per indicator here); distinct enterprises from one join grouped by
        center and program, one COUNT(DISTINCT) per set of kinds. (Arrays are cast to
        bigint[]: compared with int2[], as psycopg sends small numbers, the planner gives up
        the parallel scan.)"""
        dates = [fiscal_year.starts_on, fiscal_year.ends_on]
        distinct_rules = [i for i in template if i.aggregation == "distinct_enterprises"]
        kind_sets = list(
            dict.fromkeys(
                tuple(sorted(kinds[k] for k in i.parameters["kind"])) for i in distinct_rules
            )
        )
        filters = ", ".join(
            "COUNT(DISTINCT ae.enterprise_id) FILTER (WHERE a.kind_id = ANY(%s::bigint[]))"
            for _ in kind_sets
        )
        groups: dict[tuple[int, str, int], tuple[int, int, int]] = {}
        distinct_values: dict[tuple[int, str, tuple[int, ...]], int] = {}
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id, code FROM programs_program WHERE center_id = ANY(%s::bigint[])",
                [center_ids],
            )
            code_of = dict(cursor.fetchall())
            cursor.execute(
                "SELECT center_id, program_id, kind_id, COUNT(*), COALESCE(SUM(headcount), 0), "
                "COALESCE(SUM(amount_won), 0) FROM programs_activity "
                "WHERE center_id = ANY(%s::bigint[]) AND date BETWEEN %s AND %s GROUP BY 1, 2, 3",
                [center_ids, *dates],
            )
            for center_id, program_id, kind_id, count, people, money in cursor.fetchall():
                groups[(center_id, code_of[program_id], kind_id)] = (count, people, money)
            cursor.execute(
                f"SELECT a.center_id, a.program_id, {filters} FROM programs_activity a "
                "JOIN programs_activity_enterprises ae ON ae.activity_id = a.id "
                "WHERE a.center_id = ANY(%s::bigint[]) AND a.date BETWEEN %s AND %s "
                "AND a.kind_id = ANY(%s::bigint[]) GROUP BY 1, 2",
                [
                    *[list(k) for k in kind_sets],
                    center_ids,
                    *dates,
                    sorted({k for kind_set in kind_sets for k in kind_set}),
                ],
            )
            for center_id, program_id, *values in cursor.fetchall():
                for kind_set, value in zip(kind_sets, values, strict=True):
                    distinct_values[(center_id, code_of[program_id], kind_set)] = value
        programs = {i.program_id: i.program.code for i in template}
        position = {"count": 0, "sum_headcount": 1, "sum_amount": 2}
        figures: dict[tuple[int, str], Any] = {}
        for indicator in template:
            code = programs[indicator.program_id]
            kind_ids = tuple(sorted(kinds[k] for k in indicator.parameters["kind"]))
            for center_id in center_ids:
                if indicator.aggregation == "distinct_enterprises":
                    value = distinct_values.get((center_id, code, kind_ids), 0)
                else:
                    value = sum(
                        groups.get((center_id, code, k), (0, 0, 0))[position[indicator.aggregation]]
                        for k in kind_ids
                    )
                figures[(center_id, indicator.code)] = (
                    Decimal(value) / 1000 if indicator.unit == "천원" else value
                )
        return figures

    def _check(self, ours: dict, floor: dict, center_id: int, indicators: list[Indicator]) -> None:
        for indicator in indicators:
            expected = Decimal(floor.get((center_id, indicator.code), 0))
            if indicator.unit == "천원":
                expected /= 1000
            if Decimal(ours[indicator.pk] or 0) != expected:
                raise CommandError(
                    f"{indicator.name}: 보고서 {ours[indicator.pk]} ≠ SQL {expected}"
                )

    def _page_floor(
        self, indicator: Indicator, kinds: dict[str, int], fiscal_year: FiscalYear
    ) -> Any:
        kind_ids = [kinds[k] for k in indicator.parameters["kind"]]
        args: list[Any] = [
            indicator.center_id,
            fiscal_year.starts_on,
            fiscal_year.ends_on,
            indicator.program_id,
            kind_ids,
        ]
        where = (
            "a.center_id = %s AND a.date BETWEEN %s AND %s AND a.program_id = %s "
            "AND a.kind_id = ANY(%s)"
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM programs_activity a WHERE {where}", args)
            cursor.execute(
                f"SELECT a.*, c.name, p.name, k.name FROM programs_activity a "
                "JOIN core_center c ON c.id = a.center_id JOIN programs_program p ON "
                f"p.id = a.program_id JOIN programs_activitykind k ON k.id = a.kind_id "
                f"WHERE {where} ORDER BY a.date, a.id LIMIT 50",
                args,
            )
            return cursor.fetchall()

    def _user(self, center: Center) -> User:
        user = User.objects.filter(username="bench-programs").first()
        if user is None:
            user = User(username="bench-programs", center=center, role=Role.CENTER_ADMIN)
            user.set_unusable_password()
            user.save()
        return user

    def _machine(self) -> str:
        """The machine the figures were measured on."""
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            version = cursor.fetchone()[0].split()[0]
            cursor.execute("SHOW work_mem")
            work_mem = cursor.fetchone()[0]
            cursor.execute("SHOW shared_buffers")
            shared_buffers = cursor.fetchone()[0]
            cursor.execute("SHOW random_page_cost")
            random_page_cost = cursor.fetchone()[0]
        memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
        load = os.getloadavg()[0]
        return (
            f"기계: CPU {os.cpu_count()}개, 메모리 {memory:.0f} GB, PostgreSQL {version} "
            f"(같은 기계, 기본 설정: work_mem {work_mem}, shared_buffers {shared_buffers}, "
            f"random_page_cost {random_page_cost}); "
            f"측정을 마친 때의 부하 평균(1분) {load:.1f}."
        )

    def _write(self, output: str, rows: list, records: int, centers: int, repeat: int) -> None:
        lines = [
            "## 사업·성과 (programs)",
            "",
            "```",
            "export DATABASE_URL=$(bash scripts/postgres.sh)",
            ".venv/bin/python manage.py migrate",
            f".venv/bin/python manage.py generate_national --enterprises 50000 "
            f"--centers {centers} --records {records} --seed 1",
            ".venv/bin/python manage.py bench_programs",
            "```",
            "",
            f"PostgreSQL, 활동 기록 {records:,}건, 센터 {centers}곳; 중앙값(ms), {repeat}회 측정 "
            "(1회 예열 뒤). 하한은 같은 수치를 계산하는 손으로 쓴 SQL이며, 벤치는 두 결과가 "
            "같은지도 확인합니다.",
            "",
            self._machine(),
            "",
            "| 측정 | 두레 (ms) | SQL 하한 (ms) | 배수 | 목표 | 판정 |",
            "|---|--:|--:|--:|--:|---|",
        ]
        for label, ours, floor, limit in rows:
            ratio = ours / floor if floor else 0
            within = ours <= limit and (limit == 200 or ratio <= 2)
            goal = f"≤ {limit:,} ms" + ("" if limit == 200 else ", 하한의 2배 이내")
            verdict = "충족" if within else "미달"
            lines.append(
                f"| {label} | {ours:,.1f} | {floor:,.1f} | {ratio:.1f}× | {goal} | {verdict} |"
            )
        lines += [
            "",
            "보고서의 수치는 지표 정의(산식·조건·집계방식)마다 한 번, 센터·사업별로 묶어 "
            "계산합니다: 건수·인원·금액은 덮는 인덱스를 한 번 훑는 쿼리 하나, 기업수(중복 제외)는 "
            "활동–기업 연결과 조인하는 쿼리 하나(`programs.evaluation`). 쿼리 수는 기록 수·지표 "
            "수와 무관합니다(`dure/reports/tests`, `dure/programs/tests/test_evaluation.py`의 "
            "쿼리 수 상한 테스트). 전국 합산 시간의 대부분은 기업수 집계의 조인과 정렬이고, "
            "나머지는 건수·합계 쿼리와 지표 5,000개의 결과를 만드는 Python입니다. 하한도 같은 "
            "방식(센터·사업·활동유형별 GROUP BY, 활동유형 묶음마다 COUNT(DISTINCT))으로 "
            "손으로 쓴 SQL입니다.",
        ]
        self.stdout.write(write_section(Path(output), "programs", lines))
