"""Importers of the registry: enterprises (Dure's layout, the KoSEA social-enterprise list and the
data.go.kr API field names), institutions and experts. Registered in RegistryConfig.ready()."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db.models import Q, QuerySet
from django.utils import timezone

from dure.core.districts import DISTRICT_NAMES
from dure.core.imports import (
    ImportColumn,
    Importer,
    ImportResult,
    Outcome,
    Progress,
    Row,
    RowErrors,
    log_bulk_changes,
    parse_choice,
    parse_date,
    parse_int,
    register_importer,
    split_list,
)
from dure.registry import identifiers
from dure.registry.bulk import BATCH, insert_links, insert_rows
from dure.registry.models import (
    DEFAULT_DESIGNATION_KIND,
    Agency,
    Designation,
    DesignationType,
    Enterprise,
    Expert,
    ExpertiseField,
    Institution,
    InstitutionCategory,
    LegalForm,
    MissionType,
    Product,
    ProductCategory,
    ProductKind,
    Tag,
    compose_search_text,
    legal_form_from_name,
    normalise_name,
    refresh_search_texts,
    search_key,
)

CHUNK = 2000
LEGAL_FORMS = LegalForm.choices
MISSION_TYPES = MissionType.choices
_url = URLValidator()


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def district_of(text: str) -> str:
    """The Seoul 자치구 named in a district cell or an address ("" when none)."""
    for token in text.replace(",", " ").split():
        if token in DISTRICT_NAMES:
            return token
        if token + "구" in DISTRICT_NAMES:
            return token + "구"
    return ""


def parse_number(
    row: Row, key: str, errors: RowErrors, *, length: int, label: str, corporate: bool = False
) -> str:
    """A registration number typed with or without hyphens, checked by its check digit."""
    text = row.text(key)
    digits = identifiers.digits_only(text)
    if not text:
        return ""
    if len(digits) != length:
        errors.add(row, row.column(key), f"{label}는 숫자 {length}자리여야 합니다: '{text}'")
        return ""
    valid = (
        identifiers.is_valid_corporate_number(digits)
        if corporate
        else identifiers.is_valid_business_number(digits)
    )
    if not valid:
        errors.add(row, row.column(key), f"{label}의 검증번호가 맞지 않습니다: '{text}'")
        return ""
    return digits


def parse_homepage(row: Row, key: str, errors: RowErrors) -> str:
    text = row.text(key)
    if not text:
        return ""
    url = text if "://" in text else f"http://{text}"
    try:
        _url(url)
    except ValidationError:
        errors.add(row, row.column(key), f"홈페이지 주소 형식이 아닙니다: '{text}'")
        return ""
    return url


@dataclass
class EnterpriseRow:
    row: Row
    fields: dict[str, Any]
    products: list[str] = field(default_factory=list)
    designation: dict[str, Any] | None = None
    tags: list[str] = field(default_factory=list)

    @property
    def match_key(self) -> tuple[str, str]:
        if self.fields.get("business_number"):
            return ("business_number", self.fields["business_number"])
        if self.fields.get("unique_number"):
            return ("unique_number", self.fields["unique_number"])
        return ("name", f"{search_key(self.fields['name'])}|{self.fields.get('district', '')}")


ENTERPRISE_MAX_LENGTHS = {
    field.name: field.max_length
    for field in Enterprise._meta.fields
    if isinstance(field.max_length, int)
}
ENTERPRISE_FIELD_COLUMNS = {
    "name": "name",
    "legal_form": "legal_form",
    "business_number": "business_number",
    "head_office_business_number": "head_office_business_number",
    "unique_number": "unique_number",
    "corporate_number": "corporate_number",
    "representative": "representative",
    "founded_on": "founded_on",
    "district": "district",
    "address": "address",
    "industry": "industry",
    "mission_type": "mission_type",
    "homepage": "homepage",
    "notes": "notes",
}


@register_importer
class EnterpriseImporter(Importer):
    """Enterprises; a row updates the enterprise with the same 사업자등록번호, else 고유번호,
    else the same name (without legal-form words) in the same 자치구. Empty cells keep what
    the registry holds."""

    kind = "enterprises"
    label = "사회적경제기업"
    columns = (
        ImportColumn(
            "name", "기업명", ("기관명", "entNmV", "기업명칭"), True, "행복나눔 사회적협동조합"
        ),
        ImportColumn("legal_form", "법인 형태", ("법인형태", "조직형태"), example="사회적협동조합"),
        ImportColumn(
            "business_number", "사업자등록번호", ("사업자번호", "bizrno"), example="220-81-62517"
        ),
        ImportColumn("head_office_business_number", "본점 사업자등록번호"),
        ImportColumn("unique_number", "고유번호"),
        ImportColumn("corporate_number", "법인등록번호", ("법인번호",)),
        ImportColumn("representative", "대표자", ("대표자명", "ceoNmV"), example="홍길동"),
        ImportColumn("founded_on", "설립일", ("설립일자",), example="2014-03-01", is_date=True),
        ImportColumn("district", "자치구", ("시군구",), example="강동구"),
        ImportColumn(
            "address", "주소", ("소재지", "addr", "사업장주소"), example="서울특별시 강동구 …"
        ),
        ImportColumn("industry", "업종", ("사회서비스분야", "busiAreaNm", "사업분야")),
        ImportColumn(
            "mission_type",
            "사회적 목적 유형",
            ("사회적목적실현유형", "사회적목적유형"),
            example="사회서비스제공형",
        ),
        ImportColumn("homepage", "홈페이지", ("홈페이지주소",)),
        ImportColumn(
            "products",
            "제품·서비스",
            ("사업내용", "busiContV", "주요제품"),
            example="방문돌봄 서비스, 도시락",
        ),
        ImportColumn(
            "designation_type", "인증·지정 유형", ("인증지정유형",), example="인증 사회적기업"
        ),
        ImportColumn("designation_number", "인증·지정 번호", ("인증번호", "certiNumV")),
        ImportColumn(
            "designation_start",
            "인증·지정 시작일",
            ("인증일자", "인증일", "certiIssuD"),
            example="2015-03-01",
            is_date=True,
        ),
        ImportColumn("designation_round", "인증·지정 회차", ("인증회차",)),
        ImportColumn("tags", "태그", example="돌봄, 청년"),
        ImportColumn("notes", "비고"),
    )
    header_markers = (
        frozenset({"기업명"}),
        frozenset({"기관명", "사업자등록번호"}),
        frozenset({"entNmV"}),
    )

    def scope(self) -> QuerySet[Enterprise]:
        """The enterprises a row may update: another center's is never matched (a row naming
        it adds a new enterprise, exactly as for a number the registry does not hold)."""
        return Enterprise.objects.referable(user=self.user, center=self.center)

    def parse(self, row: Row, errors: RowErrors) -> EnterpriseRow | None:
        before = len(errors.items)
        name = normalise_name(row.text("name"))
        if not name:
            errors.add(row, row.column("name"), "기업명이 비어 있습니다.")
        fields: dict[str, Any] = {"name": name}
        fields["business_number"] = parse_number(
            row, "business_number", errors, length=10, label="사업자등록번호"
        )
        fields["head_office_business_number"] = parse_number(
            row, "head_office_business_number", errors, length=10, label="본점 사업자등록번호"
        )
        fields["unique_number"] = parse_number(
            row, "unique_number", errors, length=10, label="고유번호"
        )
        fields["corporate_number"] = parse_number(
            row, "corporate_number", errors, length=13, label="법인등록번호", corporate=True
        )
        fields["legal_form"] = parse_choice(row, "legal_form", errors, LEGAL_FORMS)
        fields["mission_type"] = parse_choice(row, "mission_type", errors, MISSION_TYPES)
        fields["representative"] = row.text("representative")
        fields["founded_on"] = parse_date(row, "founded_on", errors, latest=timezone.localdate())
        fields["address"] = row.text("address")
        district_text = row.text("district")
        district = district_of(district_text) or district_of(fields["address"])
        if district_text and not district_of(district_text):
            errors.add(row, row.column("district"), f"서울의 자치구가 아닙니다: '{district_text}'")
        fields["district"] = district
        fields["industry"] = row.text("industry")
        fields["homepage"] = parse_homepage(row, "homepage", errors)
        fields["notes"] = row.text("notes")
        parsed = EnterpriseRow(row=row, fields=fields)
        parsed.products = split_list(row.text("products"))
        for product in parsed.products:
            if len(product) > 200:
                errors.add(row, row.column("products"), "제품·서비스명은 200자까지입니다.")
        parsed.tags = split_list(row.text("tags"))
        parsed.designation = self.parse_designation(row, errors)
        for name_, value in fields.items():
            limit = ENTERPRISE_MAX_LENGTHS.get(name_)
            if limit is not None and isinstance(value, str) and len(value) > limit:
                column = row.column(ENTERPRISE_FIELD_COLUMNS[name_])
                errors.add(row, column, f"{limit}자까지 입력할 수 있습니다(지금 {len(value)}자).")
        return None if len(errors.items) > before else parsed

    def parse_designation(self, row: Row, errors: RowErrors) -> dict[str, Any] | None:
        number = row.text("designation_number")
        round_ = row.text("designation_round")
        starts_on = parse_date(row, "designation_start", errors)
        designation_type = parse_choice(row, "designation_type", errors, DesignationType.choices)
        if not (designation_type or number or starts_on or round_):
            return None
        if not designation_type:
            if row.has("designation_type"):
                errors.add(row, row.column("designation_type"), "인증·지정 유형이 비어 있습니다.")
                return None
            # The KoSEA list and the data.go.kr API hold certified social enterprises only.
            designation_type = DesignationType.SOCIAL_ENTERPRISE
        if starts_on is None:
            column = row.column("designation_start")
            if row.text("designation_start") == "":
                errors.add(row, column, "인증·지정 시작일이 비어 있습니다.")
            return None
        return {
            "designation_type": designation_type,
            "kind": DEFAULT_DESIGNATION_KIND[designation_type],
            "number": number,
            "round": round_,
            "starts_on": starts_on,
        }

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        total = len(rows)
        parsed: list[EnterpriseRow] = []
        seen: dict[tuple[str, str], int] = {}
        for index, row in enumerate(rows, start=1):
            item = self.parse(row, errors)
            # The parsed values are kept; the raw cells are let go so that a large file's
            # memory is held once, not twice.
            row.cells = {}
            if item is not None:
                first = seen.setdefault(item.match_key, row.number)
                if first != row.number:
                    label = {"business_number": "사업자등록번호", "unique_number": "고유번호"}
                    kind = item.match_key[0]
                    column = row.column(kind) if kind in label else row.column("name")
                    what = label.get(kind, "기업명·자치구")
                    errors.add(row, column, f"같은 {what}가 {first}행에도 있습니다.")
                else:
                    parsed.append(item)
            if index % 1000 == 0:
                progress(index // 2, total)
        if errors:
            return ImportResult()
        existing = self.existing(parsed)
        result = ImportResult()
        new: list[EnterpriseRow] = []
        changed: dict[int, tuple[Enterprise, dict[str, list[str]]]] = {}
        matched: dict[int, int] = {}
        for item in parsed:
            enterprise = existing.get(item.match_key)
            if enterprise is None:
                new.append(item)
                continue
            matched[item.row.number] = enterprise.pk
            change = self.apply(enterprise, item)
            if change:
                changed[item.row.number] = (enterprise, change)
        known = set(matched.values())
        created = self.create(new)
        for item, pk in zip(new, created, strict=True):
            matched[item.row.number] = pk
        if changed:
            rows_changed = [pair[0] for pair in changed.values()]
            names = sorted({name for _, change in changed.values() for name in change})
            if "name" in names:
                names.append("search_key")
            Enterprise.objects.bulk_update(rows_changed, names, batch_size=1000)
            log_bulk_changes(
                rows_changed,
                created=False,
                changes=[pair[1] for pair in changed.values()],
                actor=self.user,
            )
        progress(total * 3 // 4, total)
        extended = self.add_children(parsed, matched, known)
        # New enterprises got their search text with their products; known ones whose name,
        # address or products changed get it recomputed.
        refresh_search_texts(
            {matched[number] for number in extended if matched[number] in known}
            | {pair[0].pk for pair in changed.values()}
        )
        for item in parsed:
            number = item.row.number
            result.labels[number] = item.fields["name"]
            if number in changed or number in extended:
                result.outcomes[number] = Outcome.UPDATED
            else:
                result.outcomes[number] = Outcome.UNCHANGED
        for item in new:
            result.outcomes[item.row.number] = Outcome.CREATED
        progress(total, total)
        return result

    def existing(self, parsed: list[EnterpriseRow]) -> dict[tuple[str, str], Enterprise]:
        """The registry's enterprises that the rows match, by each row's match key."""
        found: dict[tuple[str, str], Enterprise] = {}
        scope = self.scope().select_related("center").order_by()
        by_kind: dict[str, list[str]] = {"business_number": [], "unique_number": [], "name": []}
        for item in parsed:
            kind, value = item.match_key
            by_kind[kind].append(value if kind != "name" else search_key(item.fields["name"]))
        for kind in ("business_number", "unique_number"):
            for chunk in _chunks(by_kind[kind]):
                for enterprise in scope.filter(**{f"{kind}__in": chunk}):
                    found.setdefault((kind, getattr(enterprise, kind)), enterprise)
        for chunk in _chunks(sorted(set(by_kind["name"]))):
            for enterprise in scope.filter(search_key__in=chunk):
                found.setdefault(
                    ("name", f"{enterprise.search_key}|{enterprise.district}"), enterprise
                )
        return found

    def apply(self, enterprise: Enterprise, item: EnterpriseRow) -> dict[str, list[str]]:
        """Set the row's non-empty cells on a matched enterprise; the changes made."""
        change: dict[str, list[str]] = {}
        for name, value in item.fields.items():
            if value in ("", None):
                continue
            current = getattr(enterprise, name)
            if current != value:
                change[name] = [str(current or ""), str(value)]
                setattr(enterprise, name, value)
        if "name" in change:
            enterprise.search_key = search_key(enterprise.name)
        return change

    def create(self, items: list[EnterpriseRow]) -> list[int]:
        """Insert the new enterprises in bulk; their ids in order."""
        rows = []
        for item in items:
            fields = item.fields  # completed in place: a copy per row would double the memory
            for key in [k for k, v in fields.items() if v is None]:
                del fields[key]
            if not fields.get("legal_form"):
                fields["legal_form"] = legal_form_from_name(fields["name"])
            fields["center_id"] = self.center.pk
            fields["search_key"] = search_key(fields["name"])
            fields["search_text"] = compose_search_text(
                fields["name"], fields.get("address", ""), set(item.products)
            )
            rows.append(fields)
        # Creations are not written to the audit log one by one (the import job records who
        # imported which file when); changes to existing enterprises are.
        return insert_rows(Enterprise, rows)

    def add_children(
        self, parsed: list[EnterpriseRow], matched: dict[int, int], known: set[int]
    ) -> set[int]:
        """Products, designations and tags the registry lacks; the rows that added any.
        Only enterprises that existed before the import (`known`) can hold any yet."""
        have_products: set[tuple[int, str]] = set()
        have_designations: dict[tuple[int, str, datetime.date], Designation] = {}
        have_tags: set[tuple[int, int]] = set()
        for chunk in _chunks(sorted(known)):
            # No ordering: a join for it makes the planner's job hard right after a bulk insert.
            have_products.update(
                Product.objects.filter(enterprise_id__in=chunk)
                .order_by()
                .values_list("enterprise_id", "name")
            )
            for designation in Designation.objects.filter(enterprise_id__in=chunk).order_by():
                key = (
                    designation.enterprise_id,
                    designation.designation_type,
                    designation.starts_on,
                )
                have_designations[key] = designation
            have_tags.update(
                Enterprise.tags.through.objects.filter(enterprise_id__in=chunk)
                .order_by()
                .values_list("enterprise_id", "tag_id")
            )
        tag_names = sorted({name for item in parsed for name in item.tags})
        tags = {tag.name: tag for tag in Tag.objects.filter(name__in=tag_names)}
        missing_tags = [Tag(name=name) for name in tag_names if name not in tags]
        if missing_tags:
            Tag.objects.bulk_create(missing_tags)
            tags = {tag.name: tag for tag in Tag.objects.filter(name__in=tag_names)}
        products: list[dict[str, Any]] = []
        designations: list[dict[str, Any]] = []
        links: list[dict[str, Any]] = []
        new_designations: set[tuple[int, str, datetime.date]] = set()
        updated_designations: list[Designation] = []
        extended: set[int] = set()
        for item in parsed:
            # Sent in batches so that a large file's children are never all held at once.
            if len(products) >= BATCH or len(designations) >= BATCH:
                insert_rows(Product, products)
                insert_rows(Designation, designations)
                products, designations = [], []
            pk = matched[item.row.number]
            for name in item.products:
                if (pk, name) not in have_products:
                    have_products.add((pk, name))
                    products.append(
                        {
                            "enterprise_id": pk,
                            "name": name,
                            "kind": ProductKind.PRODUCT,
                            "category": ProductCategory.OTHER,
                        }
                    )
                    extended.add(item.row.number)
            if item.designation is not None:
                key = (pk, item.designation["designation_type"], item.designation["starts_on"])
                current = have_designations.get(key)
                if current is None and key not in new_designations:
                    new_designations.add(key)
                    designations.append({"enterprise_id": pk, **item.designation})
                    extended.add(item.row.number)
                elif current is not None and (current.number, current.round) != (
                    item.designation["number"] or current.number,
                    item.designation["round"] or current.round,
                ):
                    current.number = item.designation["number"] or current.number
                    current.round = item.designation["round"] or current.round
                    updated_designations.append(current)
                    extended.add(item.row.number)
            for name in item.tags:
                link = (pk, tags[name].pk)
                if link not in have_tags:
                    have_tags.add(link)
                    links.append({"enterprise_id": pk, "tag_id": tags[name].pk})
                    extended.add(item.row.number)
        insert_rows(Product, products)
        insert_rows(Designation, designations)
        Designation.objects.bulk_update(updated_designations, ["number", "round"], batch_size=1000)
        insert_links(Enterprise.tags.through, links)
        return extended


@register_importer
class InstitutionImporter(Importer):
    """Buyer and partner institutions; matched like enterprises (사업자등록번호, 고유번호,
    name in the same 자치구). A category the tree lacks is refused."""

    kind = "institutions"
    label = "기관"
    columns = (
        ImportColumn("name", "기관명", ("수요처명", "기관 이름"), True, "서울특별시교육청"),
        ImportColumn("category", "기관 분류", ("구분", "분류"), example="교육청"),
        ImportColumn("business_number", "사업자등록번호"),
        ImportColumn("unique_number", "고유번호"),
        ImportColumn("district", "자치구", example="종로구"),
        ImportColumn("address", "주소", ("소재지",)),
        ImportColumn("homepage", "홈페이지"),
        ImportColumn("notes", "비고"),
    )

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        from dure.registry import services

        categories = self.categories()
        scope = Institution.objects.referable(user=self.user, center=self.center)
        result = ImportResult()
        seen: dict[tuple[str, str], int] = {}
        for index, row in enumerate(rows, start=1):
            before = len(errors.items)
            name = normalise_name(row.text("name"))
            if not name:
                errors.add(row, row.column("name"), "기관명이 비어 있습니다.")
            category_text = row.text("category")
            category = categories.get(category_text.replace(" ", "")) if category_text else None
            if category_text and category is None:
                errors.add(
                    row, row.column("category"), f"기관 분류에 없는 이름입니다: '{category_text}'"
                )
            fields: dict[str, Any] = {
                "name": name,
                "business_number": parse_number(
                    row, "business_number", errors, length=10, label="사업자등록번호"
                ),
                "unique_number": parse_number(
                    row, "unique_number", errors, length=10, label="고유번호"
                ),
                "address": row.text("address"),
                "homepage": parse_homepage(row, "homepage", errors),
                "notes": row.text("notes"),
            }
            fields["district"] = district_of(row.text("district")) or district_of(fields["address"])
            if category is not None:
                fields["category"] = category
            if len(errors.items) > before:
                continue
            if fields["business_number"]:
                key = ("business_number", fields["business_number"])
            elif fields["unique_number"]:
                key = ("unique_number", fields["unique_number"])
            else:
                key = ("name", f"{search_key(name)}|{fields['district']}")
            first = seen.setdefault(key, row.number)
            if first != row.number:
                errors.add(row, row.column("name"), f"같은 기관이 {first}행에도 있습니다.")
                continue
            if key[0] == "name":
                current = scope.filter(search_key=search_key(name), district=fields["district"])
            else:
                current = scope.filter(**{key[0]: key[1]})
            institution = current.first()
            provided = {k: v for k, v in fields.items() if v not in ("", None)}
            try:
                if institution is None:
                    institution = services.create_institution(center=self.center, **provided)
                    result.outcomes[row.number] = Outcome.CREATED
                elif any(getattr(institution, k) != v for k, v in provided.items()):
                    services.update_institution(institution=institution, **provided)
                    result.outcomes[row.number] = Outcome.UPDATED
                else:
                    result.outcomes[row.number] = Outcome.UNCHANGED
            except ValidationError as error:
                for field_name, messages in error.message_dict.items():
                    for message in messages:
                        errors.add(row, row.column(field_name), message)
                continue
            result.labels[row.number] = name
            progress(index, len(rows))
        return result

    def categories(self) -> dict[str, InstitutionCategory]:
        """Categories by their own name and by "상위›이름", without spaces."""
        found: dict[str, InstitutionCategory] = {}
        for category in InstitutionCategory.objects.select_related("parent"):
            found.setdefault(category.name.replace(" ", ""), category)
            if category.parent is not None:
                path = f"{category.parent.name}›{category.name}".replace(" ", "")
                found[path] = category
                found[path.replace("›", ">")] = category
        return found


ROLE_FLAGS = {
    "컨설턴트": "is_consultant",
    "경영멘토": "is_mentor",
    "멘토": "is_mentor",
    "강사": "is_instructor",
    "심사위원": "is_reviewer",
}


@register_importer
class ExpertImporter(Importer):
    """The expert pool; a row updates the expert of the same name and affiliation."""

    kind = "experts"
    label = "전문가"
    columns = (
        ImportColumn("name", "성명", ("이름", "담당컨설턴트"), True, "김혜준"),
        ImportColumn("roles", "역할", example="컨설턴트, 경영멘토"),
        ImportColumn("expertise", "전문 분야", ("분야",), example="재무전략"),
        ImportColumn("agency", "소속 협력기관", ("담당기관",), example="소셜벤처파트너스서울"),
        ImportColumn("affiliation", "소속"),
        ImportColumn("qualifications", "자격·경력"),
        ImportColumn("pool_from_year", "자원풀 시작 연도", ("시작연도",), True, "2017"),
        ImportColumn("pool_until_year", "자원풀 종료 연도", ("종료연도",)),
        ImportColumn("phone", "전화번호"),
        ImportColumn("email", "이메일"),
        ImportColumn("notes", "비고"),
    )

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        from dure.registry import services

        fields_by_name = {f.name.replace(" ", ""): f for f in ExpertiseField.objects.all()}
        scope = Expert.objects.referable(user=self.user, center=self.center)
        agencies = Agency.objects.referable(user=self.user, center=self.center)
        result = ImportResult()
        seen: dict[tuple[str, str], int] = {}
        for index, row in enumerate(rows, start=1):
            before = len(errors.items)
            name = normalise_name(row.text("name"))
            if not name:
                errors.add(row, row.column("name"), "성명이 비어 있습니다.")
            fields: dict[str, Any] = {"name": name}
            for role in split_list(row.text("roles")):
                flag = ROLE_FLAGS.get(role.replace(" ", ""))
                if flag is None:
                    errors.add(
                        row,
                        row.column("roles"),
                        f"'{role}'은(는) 컨설턴트, 경영멘토, 강사, 심사위원 중 하나가 아닙니다.",
                    )
                else:
                    fields[flag] = True
            expertise = []
            for text in split_list(row.text("expertise")):
                found = fields_by_name.get(text.replace(" ", ""))
                if found is None:
                    errors.add(
                        row, row.column("expertise"), f"전문 분야에 없는 이름입니다: '{text}'"
                    )
                else:
                    expertise.append(found)
            agency_name = normalise_name(row.text("agency"))
            if agency_name:
                agency = agencies.filter(search_key=search_key(agency_name)).first()
                if agency is None:
                    fields["affiliation"] = agency_name
                else:
                    fields["agency"] = agency
            if row.text("affiliation"):
                fields["affiliation"] = row.text("affiliation")
            for key in ("qualifications", "phone", "email", "notes"):
                if row.text(key):
                    fields[key] = row.text(key)
            fields["pool_from_year"] = parse_int(row, "pool_from_year", errors, minimum=1990)
            if fields["pool_from_year"] is None and not row.text("pool_from_year"):
                errors.add(row, row.column("pool_from_year"), "자원풀 시작 연도가 비어 있습니다.")
            until = parse_int(row, "pool_until_year", errors, minimum=1990)
            if until is not None:
                fields["pool_until_year"] = until
            if len(errors.items) > before:
                continue
            affiliation = fields.get("affiliation") or (agency_name if "agency" in fields else "")
            first = seen.setdefault((search_key(name), affiliation), row.number)
            if first != row.number:
                errors.add(row, row.column("name"), f"같은 전문가가 {first}행에도 있습니다.")
                continue
            condition = Q(affiliation=affiliation) | Q(agency__name=affiliation)
            expert = scope.filter(condition, name=name).first()
            try:
                if expert is None:
                    if not any(flag in fields for flag in ROLE_FLAGS.values()):
                        errors.add(row, row.column("roles"), "역할이 비어 있습니다.")
                        continue
                    services.create_expert(center=self.center, expertise=expertise, **fields)
                    result.outcomes[row.number] = Outcome.CREATED
                else:
                    changed = any(getattr(expert, k) != v for k, v in fields.items())
                    changed |= bool(expertise) and set(expertise) != set(expert.expertise.all())
                    if changed:
                        extra = {"expertise": expertise} if expertise else {}
                        services.update_expert(expert=expert, **fields, **extra)
                        result.outcomes[row.number] = Outcome.UPDATED
                    else:
                        result.outcomes[row.number] = Outcome.UNCHANGED
            except ValidationError as error:
                for field_name, messages in error.message_dict.items():
                    for message in messages:
                        errors.add(row, row.column(field_name), message)
                continue
            result.labels[row.number] = name
            progress(index, len(rows))
        return result
