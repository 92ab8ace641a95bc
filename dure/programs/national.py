"""A deterministic synthetic national dataset for benchmarks: centers, enterprises, each
center's program tree and indicators, and activity records, inserted in bulk (COPY on
PostgreSQL)."""

from __future__ import annotations

import datetime
import io
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.db import connection, transaction
from django.utils import timezone

from dure.core import figure_cache
from dure.core.models import Center, CenterKind
from dure.core.services import create_center, ensure_fiscal_year
from dure.programs import services
from dure.programs.models import Activity, Program
from dure.registry.models import Enterprise
from dure.registry.services import bulk_create_synthetic_enterprises

PREFIX = "SYN"
KINDS = (
    "방문영업",
    "상담",
    "교육·설명회",
    "회의",
    "간담회",
    "자문회의",
    "워크숍",
    "행사",
    "현장지원",
)
PROGRAM_NAMES = ("공공시장 확대지원", "민간시장 판로지원", "컨설팅 지원", "교육 운영", "홍보")
# (program index, indicator name, unit, target, counting rule, kinds)
INDICATORS = (
    (0, "방문영업", "건", 2000, "count", ("방문영업",)),
    (0, "공공구매 상담", "건", 900, "count", ("상담",)),
    (0, "방문 기업수", "개", 300, "distinct_enterprises", ("방문영업",)),
    (0, "박람회 방문객", "명", 5000, "sum_headcount", ("행사",)),
    (1, "판로 상담", "건", 800, "count", ("상담",)),
    (1, "판로 행사", "회", 300, "count", ("행사",)),
    (1, "판로 매출", "천원", 500000, "sum_amount", ("현장지원",)),
    (1, "판로 지원기업", "개", 200, "distinct_enterprises", ("현장지원", "상담")),
    (2, "컨설팅", "건", 700, "count", ("현장지원",)),
    (2, "자문회의", "회", 300, "count", ("자문회의",)),
    (2, "간담회", "회", 300, "count", ("간담회",)),
    (2, "지원기업", "개", 300, "distinct_enterprises", ("현장지원",)),
    (3, "교육 운영", "회", 800, "count", ("교육·설명회",)),
    (3, "교육 참여인원", "명", 20000, "sum_headcount", ("교육·설명회",)),
    (3, "워크숍", "회", 300, "count", ("워크숍",)),
    (3, "교육 참여기업", "개", 300, "distinct_enterprises", ("교육·설명회", "워크숍")),
    (4, "행사", "회", 400, "count", ("행사",)),
    (4, "행사 참여인원", "명", 20000, "sum_headcount", ("행사",)),
    (4, "회의", "회", 400, "count", ("회의",)),
    (4, "홍보 협력기업", "개", 100, "distinct_enterprises", ("행사", "회의")),
)


@dataclass
class NationalResult:
    centers: int
    enterprises: int
    indicators: int
    records: int


def _center_layout(count: int) -> list[tuple[str, str, str | None]]:
    """(code, name, parent code): one metropolitan center per 25 centers, the rest districts."""
    metros = max(1, round(count / 25))
    layout: list[tuple[str, str, str | None]] = []
    for m in range(1, metros + 1):
        layout.append((f"{PREFIX}-{m:02d}", f"합성 광역센터 {m:02d}", None))
    for n in range(count - metros):
        parent = f"{PREFIX}-{n % metros + 1:02d}"
        layout.append(
            (f"{parent}-{n // metros + 1:03d}", f"합성 자치구센터 {parent}-{n + 1}", parent)
        )
    return layout


@transaction.atomic
def create_centers(count: int) -> list[Center]:
    centers: dict[str, Center] = {}
    for index, (code, name, parent) in enumerate(_center_layout(count), start=1):
        centers[code] = create_center(
            code=code,
            name=name,
            kind=CenterKind.DISTRICT if parent else CenterKind.METROPOLITAN,
            region="합성",
            district=name if parent else "",
            administrative_code=f"9{index:05d}",
            parent=centers.get(parent or ""),
        )
    return list(centers.values())


def create_enterprises(count: int, centers: list[Center], rng: random.Random) -> None:
    center_ids = [centers[rng.randrange(len(centers))].pk for _ in range(count)]
    names = [f"합성기업 {n:06d}" for n in range(1, count + 1)]
    bulk_create_synthetic_enterprises(center_ids=center_ids, names=names)


@transaction.atomic
def create_plans(centers: list[Center], year: int) -> dict[int, list[Program]]:
    fiscal_year = ensure_fiscal_year(year=year)
    programs: dict[int, list[Program]] = {}
    for center in centers:
        area = services.create_program_area(
            center=center, fiscal_year=fiscal_year, code="A01", name="지원사업"
        )
        programs[center.pk] = [
            services.create_program(area=area, code=f"P{i + 1:02d}", name=name, order=i)
            for i, name in enumerate(PROGRAM_NAMES)
        ]
        for number, (program, name, unit, target, rule, kinds) in enumerate(INDICATORS, 1):
            services.create_indicator(
                program=programs[center.pk][program],
                code=f"I{number:02d}",
                name=name,
                unit=unit,
                target=target,
                metric_key="programs.activities",
                parameters={"kind": list(kinds)},
                aggregation=rule,
                order=number,
            )
    return programs


def _activity_rows(
    count: int,
    centers: list[Center],
    programs: dict[int, list[Program]],
    kinds: dict[str, int],
    enterprise_ids: tuple[int, int],
    year: int,
    rng: random.Random,
    first_id: int,
) -> Iterator[tuple[tuple, int | None]]:
    start = datetime.date(year, 1, 1)
    kind_ids = [kinds[name] for name in KINDS]
    weights = [max(1, len(centers) - i) for i in range(len(centers))]
    chosen = rng.choices(range(len(centers)), weights=weights, k=count)
    now = timezone.now()
    for offset, center_index in enumerate(chosen):
        center = centers[center_index]
        program = programs[center.pk][rng.randrange(len(PROGRAM_NAMES))]
        kind = kind_ids[rng.randrange(len(kind_ids))]
        headcount = rng.randrange(1, 60) if rng.random() < 0.6 else None
        amount = rng.randrange(1, 500) * 10_000 if rng.random() < 0.2 else None
        enterprise = (
            rng.randrange(enterprise_ids[0], enterprise_ids[1] + 1) if rng.random() < 0.5 else None
        )
        date = start + datetime.timedelta(days=rng.randrange(365))
        row = (first_id + offset, center.pk, now, now, date, program.pk, kind, headcount, amount)
        yield row, enterprise


COLUMNS = (
    "id, center_id, created_at, updated_at, date, program_id, kind_id, headcount, amount_won, "
    "category, district, notes, attachment, reconstructed, import_key"
)


def insert_activities(
    rows: Iterator[tuple[tuple, int | None]], progress: Callable[[str], None], total: int
) -> int:
    """COPY on PostgreSQL, bulk_create elsewhere; returns the number of records."""
    links: list[tuple[int, int]] = []
    inserted = 0
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY programs_activity ({COLUMNS}) FROM STDIN") as copy,
        ):
            for row, enterprise in rows:
                copy.write_row((*row, "", "", "", "", False, ""))
                if enterprise is not None:
                    links.append((row[0], enterprise))
                inserted += 1
                if inserted % 200_000 == 0:
                    progress(f"  활동 기록 {inserted:,} / {total:,}")
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(
                "COPY programs_activity_enterprises (activity_id, enterprise_id) FROM STDIN"
            ) as copy,
        ):
            for link in links:
                copy.write_row(link)
        # COPY streams past Django's statement hooks: the figure cache is told here.
        figure_cache.tables_changed(
            connection, ["programs_activity", "programs_activity_enterprises"]
        )
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT setval(pg_get_serial_sequence('programs_activity', 'id'), "
                "(SELECT MAX(id) FROM programs_activity))"
            )
        return inserted
    batch: list[Activity] = []
    for row, enterprise in rows:
        pk, center_id, _, _, date, program_id, kind_id, headcount, amount = row
        batch.append(
            Activity(
                pk=pk,
                center_id=center_id,
                date=date,
                program_id=program_id,
                kind_id=kind_id,
                headcount=headcount,
                amount_won=amount,
            )
        )
        if enterprise is not None:
            links.append((pk, enterprise))
        if len(batch) == 5000:
            Activity.objects.bulk_create(batch)
            inserted += len(batch)
            batch = []
    Activity.objects.bulk_create(batch)
    inserted += len(batch)
    Activity.enterprises.through.objects.bulk_create(
        [Activity.enterprises.through(activity_id=a, enterprise_id=e) for a, e in links],
        batch_size=5000,
    )
    return inserted


def generate_national(
    *,
    enterprises: int,
    centers: int,
    records: int,
    seed: int,
    year: int,
    progress: Callable[[str], None] = print,
) -> NationalResult:
    """Build the dataset; refuses when synthetic centers already exist."""
    if Center.objects.filter(code__startswith=f"{PREFIX}-").exists():
        raise ValueError("합성 전국 데이터가 이미 있습니다(센터 코드 SYN-…).")
    rng = random.Random(seed)
    progress(f"센터 {centers}곳")
    center_rows = create_centers(centers)
    progress(f"기업 {enterprises:,}곳")
    create_enterprises(enterprises, center_rows, rng)
    bounds = Enterprise.objects.filter(name__startswith="합성기업 ").values_list("pk", flat=True)
    enterprise_ids = (min(bounds), max(bounds))
    progress("센터별 사업·지표")
    programs = create_plans(center_rows, year)
    kinds = {name: services.ensure_shared_activity_kind(name=name).pk for name in KINDS}
    first_id = (Activity.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    progress(f"활동 기록 {records:,}건")
    with transaction.atomic():
        inserted = insert_activities(
            _activity_rows(
                records, center_rows, programs, kinds, enterprise_ids, year, rng, first_id
            ),
            progress,
            records,
        )
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        progress("VACUUM ANALYZE")
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE programs_activity")
            cursor.execute("VACUUM ANALYZE programs_activity_enterprises")
    return NationalResult(
        len(center_rows), enterprises, len(INDICATORS) * len(center_rows), inserted
    )


def checksum() -> str:
    """A digest of the generated records, to show that the same seed gives the same data."""
    import hashlib

    digest = hashlib.sha256()
    buffer = io.StringIO()
    rows = Activity.objects.filter(center__code__startswith=f"{PREFIX}-").order_by("pk")
    for row in rows.values_list(
        "center__code", "date", "program__code", "kind__name", "headcount", "amount_won"
    ).iterator(chunk_size=20000):
        buffer.write(repr(row))
        if buffer.tell() > 1_000_000:
            digest.update(buffer.getvalue().encode())
            buffer = io.StringIO()
    digest.update(buffer.getvalue().encode())
    return digest.hexdigest()[:16]
