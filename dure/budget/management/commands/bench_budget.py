"""Measure the settlement statements and the execution rates on a large synthetic year."""

from __future__ import annotations

import datetime
import re
import time
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand
from django.db import connection, transaction

from dure.budget import services
from dure.budget.models import BudgetLine, Expenditure, Fund, Grant, InitialBudget
from dure.budget.statements import build_settlement
from dure.core.models import Center
from dure.core.services import ensure_fiscal_year
from dure.programs.execution import execution_rates
from dure.programs.models import Program, ProgramArea

START, END = "<!-- bench:budget -->", "<!-- /bench:budget -->"


class Command(BaseCommand):
    help = "예산·정산 계산 시간을 재서 docs/BENCHMARKS.md의 budget 절을 고칩니다 (데이터는 되돌림)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--lines", type=int, default=1_000)
        parser.add_argument("--expenditures", type=int, default=100_000)
        parser.add_argument("--output", default="docs/BENCHMARKS.md")

    def handle(self, *args: Any, **options: Any) -> None:
        lines_count, spend_count = options["lines"], options["expenditures"]
        with transaction.atomic():
            figures = self._measure(lines_count, spend_count)
            transaction.set_rollback(True)
        command = (
            "DATABASE_URL=$(bash scripts/postgres.sh) .venv/bin/python manage.py bench_budget "
            f"--lines {lines_count} --expenditures {spend_count}"
        )
        section = "\n".join(
            [
                START,
                "## 예산·정산 (budget)",
                "",
                f"One center-year with {lines_count:,} budget lines in 50 programs and "
                f"{spend_count:,} expenditures, on {connection.vendor}.",
                "",
                "| measurement | time |",
                "|---|--:|",
                *(f"| {name} | {seconds * 1000:,.0f} ms |" for name, seconds in figures),
                "",
                f"`{command}`",
                END,
            ]
        )
        path = Path(options["output"])
        text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
        pattern = re.compile(re.escape(START) + ".*?" + re.escape(END), re.S)
        text = (
            pattern.sub(section, text)
            if pattern.search(text)
            else f"{text.rstrip()}\n\n{section}\n"
        )
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"{path}의 budget 절을 고쳤습니다.")

    def _measure(self, lines_count: int, spend_count: int) -> list[tuple[str, float]]:
        center = Center.objects.get(code="SEOUL")
        year = ensure_fiscal_year(year=2099)
        area = ProgramArea.objects.create(center=center, fiscal_year=year, code="B", name="측정")
        programs = [
            Program.objects.create(center=center, area=area, code=f"B{n}", name=f"측정 사업 {n}")
            for n in range(50)
        ]
        self.stdout.write(f"[1/3] 예산 과목 {lines_count:,}개")
        lines = BudgetLine.objects.bulk_create(
            BudgetLine(
                center=center,
                fiscal_year=year,
                fund=Fund.COMMISSIONED,
                chapter="제안사업비",
                section=f"항 {n % 7}",
                item=f"목 {n % 50}",
                account_title=f"세부 {n}",
                unit_name=programs[n % 50].name,
                program=programs[n % 50],
                order=n,
            )
            for n in range(lines_count)
        )
        day = datetime.date(2099, 6, 1)
        common = {"center": center, "fiscal_year": year}
        InitialBudget.objects.bulk_create(
            InitialBudget(line=line, amount_won=10**9, adopted_on=day, **common) for line in lines
        )
        Grant.objects.bulk_create(
            Grant(line=line, amount_won=10**9, granted_on=day, **common) for line in lines
        )
        self.stdout.write(f"[2/3] 집행 {spend_count:,}건")
        Expenditure.objects.bulk_create(
            (
                Expenditure(
                    line=lines[n % lines_count],
                    spent_on=day,
                    payee="지급처",
                    description="측정",
                    amount_won=1_000 + n % 997,
                    **common,
                )
                for n in range(spend_count)
            ),
            batch_size=5_000,
        )
        self.stdout.write("[3/3] 측정")
        results = []
        started = time.perf_counter()
        build_settlement(center=center, fiscal_year=year)
        results.append(("three statements (build_settlement)", time.perf_counter() - started))
        started = time.perf_counter()
        execution_rates(programs)
        results.append(("execution rates of 50 programs", time.perf_counter() - started))
        started = time.perf_counter()
        for n in range(20):
            services.record_expenditure(
                line=lines[n], spent_on=day, payee="x", description="y", amount_won=1
            )
        results.append(
            (
                "one expenditure with the overspending check (mean of 20)",
                (time.perf_counter() - started) / 20,
            )
        )
        return results
