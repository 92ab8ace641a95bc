"""What every `bench_*` command shares: its own section of docs/BENCHMARKS.md, between
`<!-- bench:NAME -->` markers, rewritten whole; and the line naming the machine measured on."""

from __future__ import annotations

import os
import platform
from pathlib import Path

from django.db import connection


def write_section(path: Path, name: str, lines: list[str]) -> str:
    """Replace the section `name` of the file (or add it at the end); returns the section."""
    start, end = f"<!-- bench:{name} -->", f"<!-- /bench:{name} -->"
    section = "\n".join([start, *lines, end])
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n"
    if start in text and end in text:
        text = text[: text.index(start)] + section + text[text.index(end) + len(end) :]
    else:
        text = text.rstrip("\n") + "\n\n" + section + "\n"
    path.write_text(text, encoding="utf-8")
    return section


def machine_line() -> str:
    """The machine, its database and its load when the figures were taken."""
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    database = connection.vendor
    if database == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0].split()[0]}"
    return (
        f"기계: CPU {os.cpu_count()}개, 메모리 {memory:.0f} GB, Python "
        f"{platform.python_version()}, 데이터베이스 {database}; 측정을 마친 때의 "
        f"부하 평균(1분) {os.getloadavg()[0]:.1f}."
    )
