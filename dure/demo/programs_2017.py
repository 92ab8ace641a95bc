"""The 2017 demo: the seed report's plan (사업 총괄표 and every 주요실적 table) and the activity
records its actuals come from. The plan is a plan file (`data/plan_2017.csv`) loaded through the
plan import, as a center would load its own; its 수기 figures are in
`data/manual_figures_2017.csv`. Listed items are loaded as they are; where the report gives only
a total, generated records stand in and are marked `reconstructed`. docs/seed-2017.md explains
the readings where the report contradicts itself.

Later modules can move a group of records onto their richer record types by replacing one of the
`_load_*` steps and pointing the plan file's rows at their metrics."""

from __future__ import annotations

import csv
import datetime
from collections.abc import Callable, Iterable
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.apps import apps
from django.db import transaction

from dure.core.models import Center
from dure.core.services import ensure_fiscal_year
from dure.demo.ecosystem_2017 import load_ecosystem
from dure.demo.education_2017 import load_education
from dure.demo.outreach_2017 import load_outreach
from dure.demo.resources_2017 import load_resources
from dure.market import models as market
from dure.market import services as market_services
from dure.programs import services
from dure.programs.models import (
    Activity,
    ActivityKind,
    Indicator,
    Program,
    ProgramArea,
    SubProgram,
)
from dure.programs.plan_import import import_plan_file
from dure.programs.records import services as record_services
from dure.registry import services as registry_services
from dure.registry.models import (
    Agency,
    Enterprise,
    Expert,
    Institution,
    normalise_name,
    search_key,
)
from dure.support import services as support_services
from dure.support.models import Channel, Engagement, SupportType, support_type_of

YEAR = 2017
DATA_DIR = Path(__file__).resolve().parent / "data"
PLAN_FILE = DATA_DIR / "plan_2017.csv"
MANUAL_FIGURES_FILE = DATA_DIR / "manual_figures_2017.csv"
DISTRICT_TEAMS = {"강동구": "SEOUL-GANGDONG", "관악구": "SEOUL-GWANAK", "노원구": "SEOUL-NOWON"}


def _rows(seed_dir: Path, filename: str) -> list[dict[str, str]]:
    with (seed_dir / filename).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _date(text: str, default: datetime.date | None = None) -> datetime.date:
    if text:
        return datetime.date.fromisoformat(text)
    return default or datetime.date(YEAR, 12, 31)


def _spread(count: int, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    span = (end - start).days
    return [start + datetime.timedelta(days=i * span // max(count, 1)) for i in range(count)]


def _split(total: int, count: int) -> list[int]:
    """total in count near-equal whole parts, larger parts first (584/583)."""
    base, extra = divmod(total, count)
    return [base + (1 if i < extra else 0) for i in range(count)]


JANUARY, DECEMBER = datetime.date(YEAR, 1, 2), datetime.date(YEAR, 12, 29)


class _Loader:
    """Collects activity records and their counterparties, then saves them in bulk."""

    def __init__(self, seed_dir: Path, metropolitan: Center) -> None:
        self.seed_dir = seed_dir
        self.metropolitan = metropolitan
        self.programs: dict[str, Program] = {}
        self.sub_programs: dict[str, SubProgram] = {}
        self.kinds: dict[tuple[int, str], ActivityKind] = {}
        self.records: list[Activity] = []
        self.enterprise_links: list[list[Enterprise]] = []
        self.institution_links: list[list[Institution]] = []
        self.institutions: dict[str, Institution] = {}
        self.enterprises: dict[str, Enterprise] = {}
        self.engagements: list[Engagement] = []

    def kind(self, center: Center, name: str) -> ActivityKind:
        key = (center.pk, name)
        if key not in self.kinds:
            self.kinds[key] = services.ensure_activity_kind(center=center, name=name)
        return self.kinds[key]

    def institution(self, name: str, *, reconstructed: bool = False) -> Institution:
        name = normalise_name(name)
        if name not in self.institutions:
            self.institutions[name], _ = registry_services.ensure_institution(
                name=name,
                center=self.metropolitan,
                notes="2017 성과보고서에 합계만 있어 만든 기관" if reconstructed else "",
            )
        return self.institutions[name]

    def enterprise(self, name: str, *, reconstructed: bool = False) -> Enterprise:
        """A registry enterprise matched by its search key (legal-form words and spaces aside)."""
        key = search_key(name)
        if key not in self.enterprises:
            found = Enterprise.objects.filter(search_key=key).order_by(
                "pk"
            ).first() or registry_services.create_enterprise(
                center=self.metropolitan,
                name=normalise_name(name),
                notes="2017 성과보고서에 합계만 있어 만든 기업" if reconstructed else "",
            )
            self.enterprises[key] = found
        return self.enterprises[key]

    def add(
        self,
        program: str,
        kind: str,
        category: str = "",
        *,
        date: datetime.date | None = None,
        center: Center | None = None,
        sub_program: str = "",
        district: str = "",
        headcount: int | None = None,
        amount_won: int | None = None,
        notes: str = "",
        reconstructed: bool = False,
        enterprises: Iterable[Enterprise] = (),
        institutions: Iterable[Institution] = (),
    ) -> None:
        center = center or self.metropolitan
        self.records.append(
            Activity(
                center=center,
                program=self.programs[program],
                sub_program=self.sub_programs.get(sub_program),
                kind=self.kind(center, kind),
                category=category,
                date=date or datetime.date(YEAR, 12, 31),
                district=district,
                headcount=headcount,
                amount_won=amount_won,
                notes=notes if date or reconstructed else (notes or "일자 미기재"),
                reconstructed=reconstructed,
            )
        )
        self.enterprise_links.append(list(enterprises))
        self.institution_links.append(list(institutions))

    def generate(
        self,
        program: str,
        kind: str,
        category: str,
        count: int,
        *,
        headcount_total: int | None = None,
        amount_each: int | None = None,
        start: datetime.date = JANUARY,
        end: datetime.date = DECEMBER,
        note: str = "",
        **fields: Any,
    ) -> None:
        """Records standing in for a total the report prints without items (재구성)."""
        headcounts = _split(headcount_total, count) if headcount_total is not None else None
        for index, date in enumerate(_spread(count, start, end)):
            self.add(
                program,
                kind,
                category,
                date=date,
                reconstructed=True,
                headcount=headcounts[index] if headcounts else None,
                amount_won=amount_each,
                notes=note,
                **fields,
            )

    def save(self) -> int:
        saved = services.bulk_record_activities(
            activities=self.records,
            enterprises=self.enterprise_links,
            institutions=self.institution_links,
        )
        return len(saved)


def _build_plan(loader: _Loader, metropolitan: Center) -> int:
    """The plan file through the plan import, then its 수기 figures with their evidence."""
    import_plan_file(
        PLAN_FILE.read_bytes(), center=metropolitan, year=YEAR, filename=PLAN_FILE.name
    )
    programs = Program.objects.filter(center=metropolitan, area__fiscal_year__year=YEAR)
    loader.programs = {program.code: program for program in programs}
    loader.sub_programs = {
        sub.name: sub for sub in SubProgram.objects.filter(program__in=programs).order_by("order")
    }
    with MANUAL_FIGURES_FILE.open(encoding="utf-8") as stream:
        for row in csv.DictReader(stream):
            indicator = Indicator.objects.get(
                program=loader.programs[row["사업코드"]], code=row["지표코드"]
            )
            services.record_manual_figure(
                indicator=indicator,
                value=Decimal(row["실적"]),
                evidence=row["근거"],
                recorded_by=None,
            )
    return Indicator.objects.filter(program__in=programs).count()


SUPPORT_KINDS = (
    ("입찰", market.SupportKind.BID),
    ("설계", market.SupportKind.DESIGN),
    ("제안", market.SupportKind.PROPOSAL),
    ("정보", market.SupportKind.INFORMATION),
)


def _support_kind(note: str) -> str:
    return next((kind for word, kind in SUPPORT_KINDS if word in note), market.SupportKind.MATCHING)


def _load_public_market(loader: _Loader) -> None:
    """판로 지원 — 공공 시장 확대 지원: tables 03-09 and the sales-team text, as the sales staff's
    own records (`dure.market`): visits, consultations, database entries, briefings, fairs,
    district sales teams and opportunities."""
    seed = loader.seed_dir
    program = loader.programs["P01"]
    metropolitan = loader.metropolitan
    undated = datetime.date(YEAR, 12, 31)
    rows: list[Any] = []

    def record(model: type, *, center: Center = metropolitan, **fields: Any) -> Any:
        row = model(center=center, program=program, **fields)
        rows.append(row)
        return row

    visited: dict[str, list[Institution]] = {}
    for row in _rows(seed, "04_public_visited_institutions.csv"):
        institution = loader.institution(row["기관명"])
        visited.setdefault(row["구분"], []).append(institution)
        record(
            market.Visit,
            date=undated,
            institution=institution,
            segment=row["구분"],
            notes=f"방문기관 명단 {row['구분']} {row['순번']}번 (일자 미기재)",
        )
    for row in _rows(seed, "03_public_visits_by_type.csv"):
        segment = row["구분"]
        listed = visited.get(segment, [])
        distinct = list(dict.fromkeys(listed))
        missing = int(row["방문기관수"]) - len(distinct)
        stand_ins = [
            loader.institution(f"[재구성] 방문기관 {segment} {n:03d}", reconstructed=True)
            for n in range(1, missing + 1)
        ]
        pool = distinct + stand_ins
        repeats = int(row["방문횟수"]) - len(listed) - missing
        targets = stand_ins + [pool[i % len(pool)] for i in range(repeats)]
        for index, (institution, date) in enumerate(
            zip(targets, _spread(len(targets), JANUARY, DECEMBER), strict=True)
        ):
            record(
                market.Visit,
                date=date,
                institution=institution,
                segment=segment,
                reconstructed=True,
                notes="명단에 없는 방문" if index < missing else "재방문",
            )
    for row in _rows(seed, "05_public_sales_matching.csv"):
        amount = row["계약규모_억원"]
        contract = int(Decimal(amount) * 100_000_000) if amount else None
        note = row["비고"]
        stage = market.Stage.SUPPORT
        if contract is not None or "선정" in note:
            stage = market.Stage.CONTRACTED
        elif "일반기업 낙찰" in note:
            stage = market.Stage.LOST
        record(
            market.Opportunity,
            date=undated,
            institution=loader.institution(row["발주기관"]),
            need=row["내용"],
            support_kind=_support_kind(row["비고"]),
            channel=market.Channel.MATCHING,
            stage=stage,
            contracted_on=undated if stage == market.Stage.CONTRACTED else None,
            contract_won=contract,
            notes=f"{row['비고']} (일자 미기재)",
        )
    for date in _spread(330, JANUARY, DECEMBER):
        record(
            market.Consultation,
            date=date,
            channel="콜센터",
            reconstructed=True,
            notes="발신자 구분 미상",
        )
    for row in _rows(seed, "06_public_education_sessions.csv"):
        record(
            market.Briefing,
            date=_date(row["날짜"]),
            audience=row["대상"],
            title=row["내용"],
            participants=int(row["참여인원"]),
        )
    for date in _spread(210, JANUARY, DECEMBER):
        record(
            market.DatabaseEntry, date=date, kind=market.EntryKind.ENTERPRISE, reconstructed=True
        )
    fiscal_year = program.area.fiscal_year
    for district, people in (("강동구", 1), ("관악구", 2), ("노원구", 2)):
        market_services.save_sales_team(
            center=Center.objects.get(code=DISTRICT_TEAMS[district]),
            fiscal_year=fiscal_year,
            program=program,
            district=district,
            members=[f"시니어 영업인력 {n} (이름 미기재)" for n in range(1, people + 1)],
            notes="시니어 영업인력 배치 (보고서에 인원만 있음)",
        )
    team_rows = {
        (r["구분"], r["목표/실적"]): r for r in _rows(seed, "07_district_sales_team_activity.csv")
    }
    teams: tuple[tuple[str, type, dict[str, Any]], ...] = (
        ("상담서비스", market.Consultation, {"channel": "자치구 영업지원단"}),
        ("방문영업", market.Visit, {}),
        ("SE기업 DB구축", market.DatabaseEntry, {"kind": market.EntryKind.ENTERPRISE}),
        ("공공기관 DB구축", market.DatabaseEntry, {"kind": market.EntryKind.INSTITUTION}),
    )
    for label, model, fields in teams:
        row = next(
            r
            for (name, side), r in team_rows.items()
            if side == "실적" and name.replace(" ", "") == label.replace(" ", "")
        )
        for district, short in zip(DISTRICT_TEAMS, ("강동", "관악", "노원"), strict=True):
            center = Center.objects.get(code=DISTRICT_TEAMS[district])
            for date in _spread(int(row[short]), JANUARY, DECEMBER):
                record(
                    model,
                    center=center,
                    date=date,
                    district=district,
                    reconstructed=True,
                    notes="자치구 영업지원단",
                    **fields,
                )
    for row in _rows(seed, "08_procurement_fairs.csv"):
        if row["날짜"]:
            record(
                market.Fair,
                date=_date(row["날짜"]),
                host=loader.institution(row["개최기관"]),
                enterprises_count=int(row["참여기업"]),
                departments_count=int(row["상담부서"]),
                consultations_count=int(row["상담건수"]),
                visitors=int(row["방문객"]),
            )
    for row in _rows(seed, "09_fair_contracts.csv"):
        if row["계약상태"] == "완료":
            record(
                market.Opportunity,
                date=undated,
                institution=loader.institution(row["계약부서"]),
                need=row["계약내용(품목)"],
                support_kind=market.SupportKind.MATCHING,
                channel=market.Channel.FAIR,
                stage=market.Stage.CONTRACTED,
                winner=loader.enterprise(row["기업명"]),
                contracted_on=undated,
                contract_won=int(row["거래금액"]) * 1000,
                notes="박람회 계약 (어느 박람회의 계약인지와 계약일은 보고서에 없음)",
            )
    record_services.bulk_record(rows)


def _load_private_market(loader: _Loader) -> None:
    """판로 지원 — 민간 시장 판로 지원: tables 11-13 and the totals of table 10 and the text, as
    the sales staff's own records (`dure.market`); the two deliverables stay activities."""
    seed = loader.seed_dir
    program = loader.programs["P02"]
    metropolitan = loader.metropolitan
    undated = datetime.date(YEAR, 12, 31)
    rows: list[Any] = []

    def record(model: type, **fields: Any) -> Any:
        row = model(center=metropolitan, program=program, **fields)
        rows.append(row)
        return row

    for row in _rows(seed, "12_private_demand_list.csv"):
        record(
            market.DemandOrganization,
            date=undated,
            institution=loader.institution(row["수요처명"]),
            category=row["구분"],
            notes=f"민간기업 수요처 목록 {row['구분']} {row['순번']}번 (일자 미기재)",
        )
    for row in _rows(seed, "13_private_sales_linkage.csv"):
        record(
            market.B2BLinkage,
            date=undated,
            supplier=loader.enterprise(row["공급기업"]),
            buyer=loader.institution(row["수요기업"]),
            item=row["계약내용"],
            amount_won=int(row["계약금액"]),
            notes="일자 미기재",
        )
    for date in _spread(90, JANUARY, DECEMBER):
        record(market.SupplySurvey, date=date, reconstructed=True)
    selected = ("오마이컴퍼니", "핫팩컴퍼니 핫팩스토어", "함께일하는세상(주) 공감마켓정")
    for name in selected:
        record(
            market.Outlet,
            date=undated,
            kind=market.OutletKind.CHANNEL,
            institution=loader.institution(name),
            selected=True,
            notes="SE유통채널 선정 (일자 미기재)",
        )
    for date in _spread(6 - len(selected), JANUARY, DECEMBER):
        record(market.Outlet, date=date, kind=market.OutletKind.CHANNEL, reconstructed=True)
    for n, date in enumerate(_spread(25, JANUARY, DECEMBER), start=1):
        record(
            market.Listing,
            date=date,
            outlet_kind=market.OutletKind.CHANNEL,
            enterprise=loader.enterprise(f"[재구성] 유통채널 입점기업 {n:02d}", reconstructed=True),
            reconstructed=True,
        )
    for date in _spread(13, JANUARY, DECEMBER):
        record(
            market.MarketingSupport, date=date, kind=market.MarketingKind.ONLINE, reconstructed=True
        )
    stores: dict[str, list[Any]] = {}
    for arrangement, count, label in (("상설", 14, "상설매장"), ("협력", 13, "협력매장")):
        for n, date in enumerate(_spread(count, JANUARY, DECEMBER), start=1):
            name = f"[재구성] 생협 {label} {n:02d}"
            stores.setdefault(arrangement, []).append(
                record(
                    market.Outlet,
                    date=date,
                    kind=market.OutletKind.COOP_STORE,
                    institution=loader.institution(name, reconstructed=True),
                    arrangement=arrangement,
                    reconstructed=True,
                )
            )
    for n in range(1, 22):
        firm = loader.enterprise(f"[재구성] 생협 입점기업 {n:02d}", reconstructed=True)
        for date in _spread(5 if n <= 16 else 4, JANUARY, DECEMBER):
            record(
                market.Listing,
                date=date,
                outlet_kind=market.OutletKind.COOP_STORE,
                enterprise=firm,
                sales_won=772_200,
                reconstructed=True,
                notes="제품 1개",
            )
    for kind, count in (("생협기획행사-상설", 49), ("생협기획행사-협력", 44), ("덕수궁페어샵", 16)):
        for date in _spread(count, JANUARY, DECEMBER):
            record(market.SalesEvent, date=date, name=kind, kind=kind, reconstructed=True)
    fair = record(
        market.SalesEvent,
        date=datetime.date(YEAR, 5, 1),
        name="국제핸드메이드페어",
        kind="국제핸드메이드페어",
    )
    record(
        market.EventParticipation,
        date=fair.date,
        event=fair,
        enterprise=loader.enterprise("리블랭크"),
        notes="참가기업 (매출 미기재)",
    )
    for _ in range(20):
        record(
            market.EventParticipation,
            date=fair.date,
            event=fair,
            sales_won=3_078_000,
            reconstructed=True,
        )
    record_services.bulk_record(rows)
    loader.add("P02", "성과물", "거점매장", notes="창동 하나로마트 중소기업 전시판매장")
    loader.add(
        "P02", "성과물", "운영주체", notes="한국사회적기업중앙협의회-함께일하는세상-농협 컨소시엄"
    )


def _load_management(loader: _Loader) -> None:
    """경영 지원, as management-support engagements: the 112 consulting and mentoring cases of
    table 19 with their agencies and experts, and the daily-support totals (accounting visits,
    legal consultations by channel, outside resources) as reconstructed engagements."""
    agencies = {a.name: a for a in Agency.objects.filter(center=loader.metropolitan)}
    experts = {
        (e.name, e.agency_id): e
        for e in Expert.objects.filter(center=loader.metropolitan, pool_from_year=YEAR)
    }
    program = loader.programs["P03"]
    for row in _rows(loader.seed_dir, "19_consulting_projects_112.csv"):
        agency = agencies.get(normalise_name(row["담당기관"]))
        support_type = support_type_of(row["컨설팅구분"])
        assert support_type is not None, row["컨설팅구분"]
        loader.engagements.append(
            Engagement(
                center=loader.metropolitan,
                program=program,
                support_type=support_type.value,
                enterprise=loader.enterprise(row["기업명"]),
                agency=agency,
                expert=experts.get(
                    (normalise_name(row["담당컨설턴트"]), agency.pk if agency else None)
                ),
                task_type=row["과제유형"],
                starts_on=_date(""),
                notes="시작일 미기재(2017년 컨설팅사업 추진실적, 표 19)",
            )
        )
    for support_type, channel, count, start, end, note in (
        (SupportType.ACCOUNTING, Channel.VISIT, 152, JANUARY, DECEMBER, "회계지원단 방문"),
        (SupportType.LEGAL, Channel.PHONE, 23, JANUARY, DECEMBER, "유선 상담"),
        (SupportType.LEGAL, Channel.WRITTEN, 33, JANUARY, DECEMBER, "서면 상담"),
        (SupportType.LEGAL, Channel.CONSULTING, 1, JANUARY, DECEMBER, "성장기 기업 법률 컨설팅"),
        (SupportType.TAX_INTERN, "", 6, JANUARY, datetime.date(YEAR, 6, 30), ""),
        (SupportType.TAX_INTERN, "", 12, datetime.date(YEAR, 7, 1), DECEMBER, ""),
        (SupportType.CI, "", 15, JANUARY, DECEMBER, "CI 공모전"),
        (SupportType.PRO_BONO, "", 3, JANUARY, DECEMBER, "법률 프로보노"),
    ):
        for date in _spread(count, start, end):
            loader.engagements.append(
                Engagement(
                    center=loader.metropolitan,
                    program=program,
                    support_type=support_type.value,
                    channel=channel,
                    starts_on=date,
                    notes=note,
                    reconstructed=True,
                )
            )


STEPS: tuple[Callable[[_Loader], None], ...] = (
    _load_public_market,
    _load_private_market,
    _load_management,
    load_ecosystem,
    load_education,
    load_outreach,
    load_resources,
)


@transaction.atomic
def build_2017_plan(*, metropolitan: Center) -> int:
    """The seed's 2017 program tree, indicators and targets alone (no records); returns the
    number of indicators. Structural tests check this plan without loading the records."""
    ensure_fiscal_year(year=YEAR)
    return _build_plan(_Loader(Path(), metropolitan), metropolitan)


def load_2017(*, seed_dir: Path, progress: Callable[[str], None] = print) -> int:
    """The 2017 plan and records of the metropolitan center; does nothing when already loaded."""
    metropolitan = Center.objects.get(code="SEOUL")
    fiscal_year = ensure_fiscal_year(year=YEAR)
    if ProgramArea.objects.filter(center=metropolitan, fiscal_year=fiscal_year).exists():
        progress("2017년 사업·지표·활동 기록은 이미 있습니다.")
        return 0
    loader = _Loader(seed_dir, metropolitan)
    indicators = _build_plan(loader, metropolitan)
    progress(f"2017년 사업 {len(loader.programs)}개, 지표 {indicators}개")
    for step in STEPS:
        step(loader)
    saved = loader.save()
    reconstructed = sum(1 for r in loader.records if r.reconstructed)
    progress(f"활동 기록 {saved}건 (재구성 {reconstructed}건)")
    engagements = support_services.bulk_record_engagements(engagements=loader.engagements)
    reconstructed = sum(1 for e in engagements if e.reconstructed)
    progress(f"경영지원 기록 {len(engagements)}건 (재구성 {reconstructed}건)")
    progress(
        "모듈별 행 수(기록과 그 부속: 참가자·출석 등, 강사·자원 같은 기준 정보 포함): "
        + ", ".join(f"{label} {count:,}" for label, count in module_record_counts().items())
    )
    return saved


MODULE_APPS = ("market", "education", "resources", "ecosystem", "outreach")


def module_record_counts() -> dict[str, int]:
    """How many rows each record-keeping module holds (its records and their parts: a fair's
    participants, a course's attendance …), by the module's name."""
    return {
        str(apps.get_app_config(app_label).verbose_name): sum(
            model._default_manager.count() for model in apps.get_app_config(app_label).get_models()
        )
        for app_label in MODULE_APPS
    }
