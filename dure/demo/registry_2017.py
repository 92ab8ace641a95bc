"""The 2017 demo's registry: every enterprise, institution, partner agency and expert the seed
report names, with synthetic identifiers that pass the checksums (marked as synthetic) and no
personal contact data. Safe to run again: rows are matched by name and refreshed."""

from __future__ import annotations

import csv
import datetime
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from django.db import transaction
from django.db.models import Q

from dure.core.models import Center
from dure.registry import identifiers
from dure.registry.imports import district_of
from dure.registry.models import (
    DEFAULT_DESIGNATION_KIND,
    Agency,
    AgencyKind,
    Designation,
    DesignationType,
    Enterprise,
    Expert,
    ExpertiseField,
    Institution,
    InstitutionCategory,
    compose_search_text,
    legal_form_from_name,
    normalise_name,
    search_key,
)

Progress = Callable[[str], None]

# Table 29 places the 예비마을기업 bodies in three districts; their district centers own them.
SEED_DISTRICTS = {
    "강동": ("강동구", "SEOUL-GANGDONG"),
    "관악": ("관악구", "SEOUL-GWANAK"),
    "노원": ("노원구", "SEOUL-NOWON"),
}
# Designation dates the seed does not print: the report lists the enterprise as holding the
# designation during 2017, so it is recorded from the start of that year and marked as such.
VILLAGE_SINCE = datetime.date(2017, 1, 1)
VILLAGE_NOTE = "지정일 미상: 2017년 마을기업 일상지원 대상(성과보고서 표 32), 시연용 재구성"
RECONSTRUCTED_NOTE = "재구성: 성과보고서 표 16은 분야별 인원만 실어 시연용으로 만든 자원풀 기록"
POOL_YEAR = 2017

# Business-number middle digits by kind of body (법인 81, 비영리법인 82, 국가기관·지자체 83).
CORPORATE, NONPROFIT, PUBLIC = 81, 82, 83


def synthetic_business_number(name: str, kind: int = CORPORATE) -> str:
    """A stable, checksum-valid 10-digit number derived from the name (시연용)."""
    digest = int(hashlib.sha256(name.encode("utf-8")).hexdigest(), 16)
    office = 100 + digest % 900
    if kind == CORPORATE and "협동조합" in name:
        kind = NONPROFIT
    serial = (digest // 1000) % 10000
    first_nine = f"{office:03d}{kind:02d}{serial:04d}"
    return first_nine + str(identifiers.business_number_check_digit(first_nine))


def _rows(seed_dir: Path, prefix: str) -> list[dict[str, str]]:
    path = next(seed_dir.glob(f"{prefix}_*.csv"))
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _names(text: str) -> list[str]:
    return [normalise_name(part) for part in re.split(r"[,/]", text) if normalise_name(part)]


# Enterprises


@dataclass
class SeedEnterprise:
    name: str
    district: str = ""
    center_code: str = "SEOUL"
    village: bool = False
    sources: set[str] = field(default_factory=set)


# A cell of table 22 that runs two member names together (the row says 6 members).
SPLIT_NAMES = {
    "더블베어스 한국사회적기업중앙협의회 서울지부": [
        "더블베어스",
        "한국사회적기업중앙협의회 서울지부",
    ]
}


def seed_enterprises(seed_dir: Path) -> dict[str, SeedEnterprise]:
    """Every enterprise the seed's tables name, by name, with what the tables say of it."""
    found: dict[str, SeedEnterprise] = {}

    def add(name: str, source: str) -> SeedEnterprise:
        name = normalise_name(name)
        entry = found.setdefault(name, SeedEnterprise(name))
        entry.sources.add(source)
        return entry

    for row in _rows(seed_dir, "19"):
        add(row["기업명"], "19")
    for row in _rows(seed_dir, "29"):
        entry = add(row["기업명"], "29")
        entry.district, entry.center_code = SEED_DISTRICTS[row["구분"]]
    for row in _rows(seed_dir, "32"):
        add(row["기업명"], "32").village = True
    for row in _rows(seed_dir, "09"):
        if not row["기업명"].startswith("총"):
            add(row["기업명"], "09")
    for row in _rows(seed_dir, "13"):
        add(row["공급기업"], "13")
    for row in _rows(seed_dir, "21"):
        if "협동조합" in row["사업수행기관"]:
            add(row["사업수행기관"], "21").district = district_of(row["시범사업 시행지역"])
    for row in _rows(seed_dir, "22"):
        for name in _names(row["참여기업"]):
            for part in SPLIT_NAMES.get(name, [name]):
                add(part, "22")
    for row in _rows(seed_dir, "40"):
        add(row["기업명"], "40")
    for row in _rows(seed_dir, "45"):
        add(row["기관/단체명"], "45")
    return {name: entry for name, entry in found.items() if name}


def _note(entry: SeedEnterprise) -> str:
    tables = ", ".join(sorted(entry.sources))
    return f"2017년 성과보고서 표 {tables}에 실린 기업(시연 데이터)"


def load_enterprises(*, seed_dir: Path, progress: Progress = print) -> int:
    """Create or refresh the seed's enterprises and the 마을기업 designations it gives."""
    entries = seed_enterprises(seed_dir)
    centers = {center.code: center for center in Center.objects.all()}
    existing = {
        e.name: e for e in Enterprise.objects.filter(is_synthetic=True, name__in=list(entries))
    }
    new, changed = [], []
    for entry in entries.values():
        values = {
            "center": centers[entry.center_code],
            "district": entry.district,
            "legal_form": legal_form_from_name(entry.name),
            "business_number": synthetic_business_number(entry.name),
            "notes": _note(entry),
        }
        enterprise = existing.get(entry.name)
        if enterprise is None:
            enterprise = Enterprise(name=entry.name, is_synthetic=True, **values)
            enterprise.search_key = search_key(entry.name)
            enterprise.search_text = compose_search_text(entry.name, "", ())
            new.append(enterprise)
        elif any(getattr(enterprise, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(enterprise, key, value)
            changed.append(enterprise)
    Enterprise.objects.bulk_create(new)
    Enterprise.objects.bulk_update(
        changed, ["center", "district", "legal_form", "business_number", "notes"]
    )
    by_name = {
        e.name: e for e in Enterprise.objects.filter(is_synthetic=True, name__in=list(entries))
    }
    villages = [by_name[entry.name] for entry in entries.values() if entry.village]
    have = set(
        Designation.objects.filter(
            enterprise__in=villages,
            designation_type=DesignationType.VILLAGE_ENTERPRISE,
            starts_on=VILLAGE_SINCE,
        ).values_list("enterprise_id", flat=True)
    )
    Designation.objects.bulk_create(
        Designation(
            enterprise=enterprise,
            designation_type=DesignationType.VILLAGE_ENTERPRISE,
            kind=DEFAULT_DESIGNATION_KIND[DesignationType.VILLAGE_ENTERPRISE],
            starts_on=VILLAGE_SINCE,
            notes=VILLAGE_NOTE,
        )
        for enterprise in villages
        if enterprise.pk not in have
    )
    in_districts = sum(1 for entry in entries.values() if entry.center_code != "SEOUL")
    progress(
        f"  기업 {len(entries)}곳 (새로 {len(new)}, 변경 {len(changed)}; 자치구 센터 소속 "
        f"{in_districts}곳, 마을기업 지정 {len(villages)}건)"
    )
    return len(entries)


# Institutions

PUBLIC_ROOT, EDUCATION_ROOT = "공공기관", "교육청·학교"
TABLE_ROOTS = {
    "공공기관": PUBLIC_ROOT,
    "교육청/학교": EDUCATION_ROOT,
    "기업/네트워크": "기업",
    "비영리조직": "비영리",
}
SCHOOLS = {"학교(초)", "학교(중)", "학교(고)"}
# Extraction slips and typos the seed's notes point out (table 04).
SEED_CORRECTIONS = {"길산초14": "길산초", "등작구": "동작구"}
GENERIC_TARGETS = {"공공기관 일반", "사회적경제 기업 일반", "교육청", "서울시"}
SUPPORT_WORDS = ("지원센터", "협의회", "연합회", "네트워크", "협회", "허브", "자활센터")


def institution_category(name: str, root: str | None = None) -> tuple[str, str | None]:
    """The category (root, child) a name belongs to; the table's own 구분 wins for the root."""
    bare = name.replace(" ", "")
    if "교육지원청" in bare:
        return EDUCATION_ROOT, "교육지원청"
    if "교육청" in bare:
        return EDUCATION_ROOT, "교육청"
    if re.search(r"(초|초등학교)$", bare):
        return EDUCATION_ROOT, "학교(초)"
    if re.search(r"(중|중학교)$", bare):
        return EDUCATION_ROOT, "학교(중)"
    if re.search(r"(고|고등학교)$", bare):
        return EDUCATION_ROOT, "학교(고)"
    if root == EDUCATION_ROOT:
        return EDUCATION_ROOT, None
    if root in (None, PUBLIC_ROOT):
        if re.search(r"(구|구청)$", bare):
            return PUBLIC_ROOT, "구청"
        if "주민센터" in bare:
            return PUBLIC_ROOT, "동주민센터"
        if "보건소" in bare:
            return PUBLIC_ROOT, "보건소"
        if "공사" in bare or "공단" in bare:
            return PUBLIC_ROOT, "공사·공단"
        if bare.startswith("서울시") and not any(w in bare for w in SUPPORT_WORDS):
            return PUBLIC_ROOT, "서울시 부서"
        if "재단" in bare and root == PUBLIC_ROOT:
            return PUBLIC_ROOT, "재단"
        if root == PUBLIC_ROOT:
            return PUBLIC_ROOT, "기타 공공기관"
    if root not in (None, "기업"):
        return root, None
    if any(word in bare for word in SUPPORT_WORDS):
        return "지원조직", None
    return root or "기업", None


@dataclass
class SeedInstitution:
    name: str
    category: tuple[str, str | None]
    district: str = ""


def seed_institutions(seed_dir: Path) -> dict[str, SeedInstitution]:
    """Every buyer, partner and support body the seed's tables name."""
    found: dict[str, SeedInstitution] = {}

    def add(name: str, root: str | None = None, district: str = "") -> None:
        name = normalise_name(name).lstrip("'")
        name = SEED_CORRECTIONS.get(name, name)
        if name and name not in found:
            category = institution_category(name, root)
            if category[1] == "구청" and not district:
                district = district_of(name) or district_of(name.removesuffix("청"))
            found[name] = SeedInstitution(name, category, district)

    for row in _rows(seed_dir, "04"):
        add(row["기관명"], TABLE_ROOTS[row["구분"]])
    for row in _rows(seed_dir, "12"):
        add(row["수요처명"], TABLE_ROOTS.get(row["구분"], row["구분"]))
    for row in _rows(seed_dir, "05"):
        add(row["발주기관"])
    for row in _rows(seed_dir, "06"):
        if row["대상"] not in GENERIC_TARGETS:
            add(row["대상"])
    for row in _rows(seed_dir, "08"):
        add(row["개최기관"])
    for row in _rows(seed_dir, "09"):
        if row["계약부서"] not in ("", "-"):
            add(row["계약부서"].split("/")[0])
    for row in _rows(seed_dir, "13"):
        add(row["수요기업"])
    for row in _rows(seed_dir, "21"):
        if "협동조합" not in row["사업수행기관"]:
            add(row["사업수행기관"], "지원조직", district_of(row["시범사업 시행지역"]))
    for prefix in ("35", "36"):
        for row in _rows(seed_dir, prefix):
            for name in row["기관명"].split("/"):
                add(name, "지원조직")
    for row in _rows(seed_dir, "47"):
        # Only cells that name a school (the total row and one shifted cell do not).
        if institution_category(row["학교명"])[1] in SCHOOLS:
            add(row["학교명"], EDUCATION_ROOT)
    return found


def load_institutions(*, seed_dir: Path, center: Center, progress: Progress = print) -> int:
    """Create or refresh the seed's institutions at the metropolitan center."""
    entries = seed_institutions(seed_dir)
    categories: dict[tuple[str, str | None], InstitutionCategory] = {}
    for category in InstitutionCategory.objects.select_related("parent"):
        if category.parent is None:
            categories[(category.name, None)] = category
        else:
            categories[(category.parent.name, category.name)] = category
    existing = {
        i.name: i
        for i in Institution.objects.filter(
            center=center, is_synthetic=True, name__in=list(entries)
        )
    }
    new, changed = [], []
    for entry in entries.values():
        public = entry.category[0] in (PUBLIC_ROOT, EDUCATION_ROOT)
        number = synthetic_business_number(entry.name, PUBLIC if public else CORPORATE)
        values = {
            "category": categories[entry.category],
            "district": entry.district,
            "business_number": "" if public else number,
            "unique_number": number if public else "",
            "notes": "2017년 성과보고서에 실린 기관(시연 데이터)",
        }
        institution = existing.get(entry.name)
        if institution is None:
            institution = Institution(center=center, name=entry.name, is_synthetic=True, **values)
            institution.search_key = search_key(entry.name)
            new.append(institution)
        elif any(getattr(institution, key) != value for key, value in values.items()):
            for key, value in values.items():
                setattr(institution, key, value)
            changed.append(institution)
    Institution.objects.bulk_create(new)
    Institution.objects.bulk_update(changed, list(values))
    progress(f"  기관 {len(entries)}곳 (새로 {len(new)}, 변경 {len(changed)})")
    return len(entries)


# Partner agencies and the expert pool

DEFAULT_FIELD = "경영전략 및 비즈니스모델 수립"
LABOUR_FIELD = "인사노무서비스"


@dataclass
class SeedExpert:
    name: str
    agency: str
    is_consultant: bool = False
    is_mentor: bool = False

    @property
    def field(self) -> str:
        return LABOUR_FIELD if self.agency.startswith("노무법인") else DEFAULT_FIELD


def seed_experts(seed_dir: Path) -> dict[tuple[str, str], SeedExpert]:
    """The consultants and mentors of the 112 cases (table 19), with their agencies."""
    found: dict[tuple[str, str], SeedExpert] = {}
    for row in _rows(seed_dir, "19"):
        name, agency = normalise_name(row["담당컨설턴트"]), normalise_name(row["담당기관"])
        if not name:
            continue
        expert = found.setdefault((name, agency), SeedExpert(name, agency))
        if row["컨설팅구분"] == "멘토링":
            expert.is_mentor = True
        else:
            expert.is_consultant = True
    return found


def pool_targets(seed_dir: Path, progress: Progress) -> dict[str, tuple[int, int]]:
    """Consultants and mentors per field (table 16). Where a row does not add up, its printed
    total and the column totals decide (the seed's 인사노무서비스 row: 10 + 1 ≠ 10)."""
    targets: dict[str, tuple[int, int]] = {}
    for row in _rows(seed_dir, "16"):
        if row["구분"] == "합계":
            continue
        consultants, mentors, total = (int(row[k] or 0) for k in ("컨설턴트", "경영멘토", "합계"))
        if consultants + mentors != total:
            progress(
                f"  표 16 '{row['구분']}' 행이 맞지 않습니다({consultants}+{mentors}≠{total}): "
                f"경영멘토를 {total - consultants}명으로 셉니다."
            )
            mentors = total - consultants
        targets[normalise_name(row["구분"])] = (consultants, mentors)
    return targets


def load_agencies_and_experts(*, seed_dir: Path, center: Center, progress: Progress = print) -> int:
    """The agencies and experts of the consulting cases, then the rest of the 2017 pool
    (table 16 gives only counts per field) as reconstructed records."""
    experts = seed_experts(seed_dir)
    agency_names = sorted({e.agency for e in experts.values() if e.agency})
    existing_agencies = {
        a.name: a for a in Agency.objects.filter(center=center, name__in=agency_names)
    }
    new_agencies = []
    for name in agency_names:
        if name not in existing_agencies:
            agency = Agency(
                center=center,
                name=name,
                kind=AgencyKind.LEGAL if name.startswith("노무법인") else AgencyKind.CONSULTING,
                business_number=synthetic_business_number(name),
                is_synthetic=True,
                notes="2017년 컨설팅사업 추진실적(표 19)의 담당기관(시연 데이터)",
            )
            agency.search_key = search_key(name)
            new_agencies.append(agency)
    Agency.objects.bulk_create(new_agencies)
    agencies = {a.name: a for a in Agency.objects.filter(center=center, name__in=agency_names)}

    fields = {f.name: f for f in ExpertiseField.objects.all()}
    wanted: list[tuple[Expert, str]] = []
    for seed in experts.values():
        wanted.append(
            (
                Expert(
                    center=center,
                    name=seed.name,
                    agency=agencies.get(seed.agency),
                    is_consultant=seed.is_consultant,
                    is_mentor=seed.is_mentor,
                    pool_from_year=POOL_YEAR,
                ),
                seed.field,
            )
        )
    for field_name, (consultants, mentors) in pool_targets(seed_dir, progress).items():
        named_consultants = sum(
            1 for e in experts.values() if e.field == field_name and e.is_consultant
        )
        named_mentors = sum(1 for e in experts.values() if e.field == field_name and e.is_mentor)
        for flag, role, target, named in (
            ("is_consultant", "컨설턴트", consultants, named_consultants),
            ("is_mentor", "경영멘토", mentors, named_mentors),
        ):
            for number in range(1, max(0, target - named) + 1):
                expert = Expert(
                    center=center,
                    name=f"{field_name} {role} {number:02d}",
                    pool_from_year=POOL_YEAR,
                    notes=RECONSTRUCTED_NOTE,
                )
                setattr(expert, flag, True)
                wanted.append((expert, field_name))
    have = {
        (e.name, e.agency_id)
        for e in Expert.objects.filter(center=center, pool_from_year=POOL_YEAR).filter(
            Q(name__in=[e.name for e, _ in wanted])
        )
    }
    new_experts = [(e, f) for e, f in wanted if (e.name, e.agency_id) not in have]
    Expert.objects.bulk_create([e for e, _ in new_experts])
    links = [
        Expert.expertise.through(expert_id=e.pk, expertisefield_id=fields[f].pk)
        for e, f in new_experts
    ]
    Expert.expertise.through.objects.bulk_create(links)
    reconstructed = sum(1 for e, _ in wanted if e.notes == RECONSTRUCTED_NOTE)
    progress(
        f"  협력기관 {len(agency_names)}곳, 전문가 {len(wanted)}명 (표 19의 {len(experts)}명, "
        f"표 16 분야별 인원에 맞춘 재구성 {reconstructed}명; 새로 {len(new_experts)}명)"
    )
    return len(wanted)


@transaction.atomic
def load_registry(*, seed_dir: Path, progress: Progress = print) -> None:
    """Everything of the registry the 2017 seed names."""
    metropolitan = Center.objects.get(code="SEOUL")
    load_enterprises(seed_dir=seed_dir, progress=progress)
    load_institutions(seed_dir=seed_dir, center=metropolitan, progress=progress)
    load_agencies_and_experts(seed_dir=seed_dir, center=metropolitan, progress=progress)
