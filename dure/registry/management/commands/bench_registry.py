"""Benchmark of the registry on PostgreSQL: Korean search at 50,000 enterprises with 200,000
products (with and without the trigram indexes), and the import of a 50,000-row KoSEA-layout
file. Rewrites the registry section of docs/BENCHMARKS.md and removes its rows afterwards."""

from __future__ import annotations

import csv
import datetime
import io
import os
import platform
import random
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from dure.core.imports import get_importer, run_import
from dure.core.models import Center
from dure.registry import identifiers
from dure.registry.models import (
    Enterprise,
    LegalForm,
    Product,
    ProductCategory,
    ProductKind,
    compose_search_text,
    search_key,
)
from dure.registry.search import CountingPaginator

ENTERPRISES = 50_000
PRODUCTS_PER_ENTERPRISE = 4
IMPORT_ROWS = 50_000
SEARCH_RUNS = 20
UNINDEXED_RUNS = 5
LONG_TERMS = ("도시락", "베이커리", "홈페이지", "사회적협동조합", "원두 커피")
SHORT_TERMS = ("빵", "떡", "꽃", "돌봄", "카페")
SEARCH_INDEXES = ("registry_enterprise_search_text_trgm", "registry_enterprise_key_trgm")
DOC = Path(settings.BASE_DIR) / "docs" / "BENCHMARKS.md"
START, END = "<!-- bench:registry -->", "<!-- /bench:registry -->"
COMMAND = (
    "DATABASE_URL=$(DURE_PG_DATABASE={database} bash scripts/postgres.sh) "
    ".venv/bin/python manage.py bench_registry   # or: make bench"
)

# Names and products are drawn so that a term matches a realistic share of the registry (a
# domain word in a few percent of names, one item among many products), not a fixed handful.
SYLLABLES = (
    "가나다라마바사아자차카타파하고노도로모보소오조초코토포호"
    "구누두루무부수우주가람솔빛샘들꽃별숲봄온새"
)
DOMAIN_WORDS = (
    "돌봄", "도시락", "청소", "방역", "인쇄", "디자인", "카페", "베이커리", "공방", "교육",
    "여행", "농장", "수선", "목공", "에너지", "미디어", "문화", "건축", "세탁", "유통",
)  # fmt: skip
SUFFIXES = ("협동조합", "사회적협동조합", "(주)", "센터", "사업단", "컴퍼니", "마켓", "")
MODIFIERS = (
    "친환경", "수제", "유기농", "국산", "전통", "어린이", "사무용", "재생", "생활", "공공",
    "지역", "맞춤형", "소형", "대용량", "천연", "무농약", "업소용", "가정용", "학교", "행사",
)  # fmt: skip
ITEMS = (
    "세제", "쿠키", "도시락", "방문 돌봄", "현수막", "원두 커피", "비누", "목공 체험", "청소 용역",
    "방역", "에코백", "교육 프로그램", "초콜릿", "꽃다발", "빵", "두부", "김치", "떡", "한지 공예",
    "가구", "반찬", "도배", "영상 제작", "홈페이지 제작", "세탁", "채소", "한방차", "한복",
    "잼", "수세미", "화분", "문구", "컵", "장난감", "식판", "현판", "앞치마", "방석", "양초",
    "향초", "칫솔", "수건", "간식", "주스", "참기름", "된장", "고추장", "쌀", "과자", "인형",
    "책갈피", "달력", "명함", "안내판", "벤치", "텃밭 키트", "공기청정 식물", "마스크", "행주",
    "조명",
)  # fmt: skip
ROADS = ("천호대로", "올림픽로", "성내로", "강동대로", "관악로", "동일로", "마포대로", "을지로")
DISTRICTS = ("강동구", "관악구", "노원구", "마포구", "성북구", "은평구", "종로구", "구로구")
SURNAMES = "김이박최정강조윤장임한오서신권황안송류홍"
GIVEN = "민서지현우준영수진하은도윤예성경미정훈"


def business_number(index: int, kind: int) -> str:
    """A distinct, checksum-valid number for each index."""
    first_nine = f"{100 + index % 900:03d}{kind:02d}{index // 900:04d}"
    return first_nine + str(identifiers.business_number_check_digit(first_nine))


def word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.choice((2, 2, 3))))


def enterprise_name(rng: random.Random, index: int) -> str:
    middle = rng.choice(DOMAIN_WORDS) if rng.random() < 0.3 else word(rng)
    return f"{word(rng)}{middle}{rng.choice(SUFFIXES)}"


def product_names(rng: random.Random, count: int) -> list[str]:
    return list(dict.fromkeys(f"{rng.choice(MODIFIERS)} {rng.choice(ITEMS)}" for _ in range(count)))


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "명부의 검색·불러오기 성능을 PostgreSQL에서 재고 docs/BENCHMARKS.md에 씁니다."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--enterprises", type=int, default=ENTERPRISES)
        parser.add_argument("--import-rows", type=int, default=IMPORT_ROWS)
        parser.add_argument(
            "--no-write", action="store_true", help="docs/BENCHMARKS.md를 고치지 않습니다."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if connection.vendor != "postgresql":
            raise CommandError("PostgreSQL에서 실행하세요(DATABASE_URL=postgres://…).")
        center = Center.objects.get(code="SEOUL")
        figures: dict[str, Any] = {"load_before": os.getloadavg()[0]}
        floor = Enterprise.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
        try:
            self.bench_import(center, options["import_rows"], figures)
            self.remove_rows_above(floor)
            self.build(center, options["enterprises"], figures)
            self.bench_search(figures)
        finally:
            self.remove_rows_above(floor)
        figures["load_after"] = os.getloadavg()[0]
        if not options["no_write"]:
            self.write(figures)

    def say(self, text: str) -> None:
        self.stdout.write(text)
        self.stdout.flush()

    # Import of a KoSEA-layout file

    def kosea_file(self, rows: int) -> bytes:
        """The KoSEA social-enterprise list layout with title rows above the header, in CP949."""
        rng = random.Random(2018)
        buffer = io.BytesIO()
        text = io.TextIOWrapper(buffer, encoding="cp949", newline="")
        writer = csv.writer(text)
        writer.writerow(["사회적기업 인증 현황"])
        writer.writerow(["(2017.12.31. 기준, 단위: 개소)"])
        writer.writerow([])
        writer.writerow(
            ["지역", "인증번호", "기관명", "사업내용", "사회적목적실현유형", "사회서비스분야",
             "사업자등록번호", "대표자", "소재지", "홈페이지", "인증일자", "인증회차"]
        )  # fmt: skip
        for index in range(rows):
            district = DISTRICTS[index % len(DISTRICTS)]
            year = 2010 + index % 8
            number = business_number(index, 86)
            writer.writerow(
                [
                    "서울",
                    f"{year}-{index:05d}",
                    enterprise_name(rng, index),
                    ", ".join(product_names(rng, 2)),
                    rng.choice(("일자리제공형", "사회서비스제공형", "지역사회공헌형", "혼합형")),
                    rng.choice(("청소", "교육", "문화", "환경", "간병·가사")),
                    f"{number[:3]}-{number[3:5]}-{number[5:]}",
                    rng.choice(SURNAMES) + rng.choice(GIVEN) + rng.choice(GIVEN),
                    f"서울특별시 {district} {rng.choice(ROADS)} {rng.randint(1, 999)}",
                    f"www.se{index}.kr" if index % 5 == 0 else "",
                    f"{year}-{1 + index % 12:02d}-{1 + index % 28:02d}",
                    f"{year}년 {1 + index % 4}차",
                ]
            )
        text.flush()
        return buffer.getvalue()

    def bench_import(self, center: Center, rows: int, figures: dict[str, Any]) -> None:
        self.say(f"[1/3] 불러오기: KoSEA 형식 {rows:,}행 파일을 만듭니다 (CP949).")
        data = self.kosea_file(rows)
        importer = get_importer("enterprises")(center=center)
        started = time.perf_counter()
        result = run_import(importer, data, "kosea.csv", progress=self.progress("검사·저장"))
        elapsed = time.perf_counter() - started
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        if result.created != rows:
            raise CommandError(f"새로 등록된 기업이 {result.created}곳입니다({rows}곳이어야 함).")
        started = time.perf_counter()
        again = run_import(importer, data, "kosea.csv")
        again_elapsed = time.perf_counter() - started
        if again.unchanged != rows:
            raise CommandError("같은 파일을 다시 불러왔더니 바뀐 행이 있습니다.")
        figures.update(
            import_rows=rows,
            import_bytes=len(data),
            import_seconds=elapsed,
            import_rate=rows / elapsed,
            import_peak_mb=peak_mb,
            reimport_rate=rows / again_elapsed,
        )
        self.say(
            f"  {rows / elapsed:,.0f}행/초 ({elapsed:.1f}초), 최대 메모리 {peak_mb:,.0f} MB; "
            f"다시 불러오기(변경 없음) {rows / again_elapsed:,.0f}행/초"
        )

    def progress(self, label: str) -> Callable[[int, int], None]:
        last = [-1]

        def report(done: int, total: int) -> None:
            step = done * 4 // max(total, 1)
            if step != last[0]:
                last[0] = step
                self.say(f"  {label} {done:,}/{total:,}")

        return report

    # Search at 50,000 enterprises and 200,000 products

    def build(self, center: Center, count: int, figures: dict[str, Any]) -> None:
        total = count * PRODUCTS_PER_ENTERPRISE
        self.say(f"[2/3] 검색용 자료: 기업 {count:,}곳, 제품·서비스 {total:,}건")
        rng = random.Random(2017)
        started = time.perf_counter()
        created_products = 0
        for first in range(0, count, 5000):
            enterprises = []
            for index in range(first, min(count, first + 5000)):
                name = enterprise_name(rng, index)
                district = DISTRICTS[index % len(DISTRICTS)]
                enterprises.append(
                    Enterprise(
                        center=center,
                        name=name,
                        search_key=search_key(name),
                        legal_form=LegalForm.COOPERATIVE,
                        business_number=business_number(index, 81),
                        district=district,
                        address=f"서울특별시 {district} {rng.choice(ROADS)} {rng.randint(1, 999)}",
                    )
                )
            names_of_products = [product_names(rng, PRODUCTS_PER_ENTERPRISE) for _ in enterprises]
            for enterprise, names in zip(enterprises, names_of_products, strict=True):
                enterprise.search_text = compose_search_text(
                    enterprise.name, enterprise.address, names
                )
            Enterprise.objects.bulk_create(enterprises)
            products = [
                Product(
                    enterprise=enterprise,
                    name=product,
                    kind=ProductKind.PRODUCT,
                    category=ProductCategory.OTHER,
                )
                for enterprise, names in zip(enterprises, names_of_products, strict=True)
                for product in names
            ]
            Product.objects.bulk_create(products, batch_size=5000)
            created_products += len(products)
            self.say(f"  {min(count, first + 5000):,}/{count:,}")
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE registry_enterprise")
            cursor.execute("ANALYZE registry_product")
        figures.update(
            enterprises=count,
            products=created_products,
            build_seconds=time.perf_counter() - started,
        )

    def search_times(self, terms: tuple[str, ...], runs: int) -> tuple[list[float], dict[str, int]]:
        """Milliseconds of the list page's search: its first page of 50 and the number of
        results, read as the page reads them (one query, `CountingPaginator`)."""
        times: list[float] = []
        found: dict[str, int] = {}
        for term in terms:
            for run in range(runs + 1):
                started = time.perf_counter()
                rows = Enterprise.objects.search(term).order_by("search_rank", "search_key", "pk")
                page = CountingPaginator(rows, settings.DURE_LIST_PAGE_SIZE).get_page(1)
                list(page)
                total = page.paginator.count
                if run:  # the first run warms the cache
                    times.append((time.perf_counter() - started) * 1000)
                found[term] = total
        return times, found

    def bench_search(self, figures: dict[str, Any]) -> None:
        self.say("[3/3] 검색")
        for label, terms in (("long", LONG_TERMS), ("short", SHORT_TERMS)):
            times, found = self.search_times(terms, SEARCH_RUNS)
            with transaction.atomic():
                with connection.cursor() as cursor:
                    for index in SEARCH_INDEXES:
                        cursor.execute(f'DROP INDEX "{index}"')
                plain, _ = self.search_times(terms, UNINDEXED_RUNS)
                transaction.set_rollback(True)
            figures[label] = {
                "terms": terms,
                "found": found,
                "p50": percentile(times, 0.5),
                "p95": percentile(times, 0.95),
                "plain_p50": percentile(plain, 0.5),
                "plain_p95": percentile(plain, 0.95),
            }
            self.say(
                f"  {'3음절 이상' if label == 'long' else '1–2음절'}: p50 "
                f"{figures[label]['p50']:.1f} ms, p95 {figures[label]['p95']:.1f} ms; "
                f"트라이그램 색인 없이 p50 {figures[label]['plain_p50']:.1f} ms, "
                f"p95 {figures[label]['plain_p95']:.1f} ms"
            )

    def remove_rows_above(self, floor: int) -> None:
        """Delete the benchmark's enterprises (and their rows) in bulk, past the audit signals."""
        with transaction.atomic(), connection.cursor() as cursor:
            for table in (
                "registry_product",
                "registry_designation",
                "registry_enterprise_tags",
                "registry_financial",
            ):
                cursor.execute(f"DELETE FROM {table} WHERE enterprise_id > %s", [floor])
            cursor.execute("DELETE FROM registry_enterprise WHERE id > %s", [floor])

    # Report

    def write(self, figures: dict[str, Any]) -> None:
        memory_gb = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 1024**3
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            server = cursor.fetchone()[0]
        long, short = figures["long"], figures["short"]

        def line(label: str, target: str, row: dict[str, Any]) -> str:
            ratio = f"{row['plain_p95'] / row['p95']:.1f}×" if row["p95"] else "-"
            return (
                f"| {label} ({', '.join(row['terms'])}) | {row['p50']:.1f} ms "
                f"| {row['p95']:.1f} ms | {target} "
                f"| {row['plain_p50']:.1f} / {row['plain_p95']:.1f} ms | {ratio} |"
            )

        section = f"""{START}
## 명부 (registry)

Measured {datetime.date.today():%Y-%m-%d} on {os.cpu_count()} CPUs (nproc), {memory_gb:.0f} GB
memory, {platform.python_implementation()} {platform.python_version()}, PostgreSQL {server}; load
average {figures["load_before"]:.1f} at the start and {figures["load_after"]:.1f} at the end (other
work shared the machine).
Command: `{COMMAND.format(database=connection.settings_dict["NAME"])}`

**Search** over {figures["enterprises"]:,} enterprises with {figures["products"]:,} products
(names, products and addresses, ranked; each figure is the list page's first page of 50 with the
number of results, as the page reads them: one scan of the trigram-indexed search text for the ids
and COUNT(*) OVER (), then the 50 rows by id; {SEARCH_RUNS} runs per term after one warm-up;
without the indexes
{UNINDEXED_RUNS} runs, the trigram indexes dropped inside a rolled-back transaction):

| terms | p50 | p95 | target p95 | without trigram indexes p50 / p95 | p95 ratio |
|---|---|---|---|---|---|
{line("3+ syllables", "≤ 20 ms", long)}
{line("1–2 syllables", "≤ 60 ms", short)}

Matches per term: {", ".join(f"{t} {n:,}" for t, n in {**long["found"], **short["found"]}.items())}.

**Import** of a {figures["import_rows"]:,}-row KoSEA-layout CSV (CP949, title rows above the
header, {figures["import_bytes"] / 1024**2:.1f} MB; each row one enterprise, two products and an
인증 사회적기업 designation), before the search rows are built:
{figures["import_rate"]:,.0f} rows/s validated and saved ({figures["import_seconds"]:.1f} s;
target ≥ 5,000 rows/s), peak memory of the process {figures["import_peak_mb"]:,.0f} MB
(ru_maxrss; target ≤ 300 MB). Importing the same file again (every row unchanged):
{figures["reimport_rate"]:,.0f} rows/s.
{END}"""
        text = DOC.read_text(encoding="utf-8") if DOC.exists() else "# Benchmarks\n"
        if START in text and END in text:
            before, rest = text.split(START, 1)
            after = rest.split(END, 1)[1]
            text = before + section + after
        else:
            text = text.rstrip("\n") + "\n\n" + section + "\n"
        DOC.write_text(text, encoding="utf-8")
        self.say(f"{DOC.relative_to(settings.BASE_DIR)}에 썼습니다.")
