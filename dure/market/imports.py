"""Importing 판로지원 records (`import_records market_… FILE`, the upload screen): consultations,
visits, database entries, briefings, fairs, district sales teams (one row per member),
opportunities; the private market's demand organisations, sales linkages, supply surveys, outlets,
listings, marketing support, sales events and their participants; institutions' purchases.

All-or-nothing like every import: every row is checked before any is saved, and any problem is
`N행 [열이름]: 사유`. A row names its program by 사업명 or 사업코드 among the programs open to the
center in the fiscal year of its 일자 (its own first, then its metropolitan center's; a
participation takes its event's, a purchase has none), and its institutions and enterprises by
name, 사업자등록번호 or 고유번호 among the registry rows the importing user may name
(`referable`); one that is not there is a row error, never created.
A row is matched to a saved record by the fields that say which record it is (`identity`), the
n-th such row of a file to the n-th such record: importing the same file again changes nothing,
and a corrected file updates the records it names."""

from __future__ import annotations

import datetime
from collections import Counter
from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import QuerySet

from dure.core.imports import (
    EMPTY,
    ImportColumn,
    Importer,
    ImportResult,
    Outcome,
    Progress,
    Row,
    RowErrors,
    parse_amount,
    parse_choice,
    parse_date,
    parse_text,
    register_importer,
)
from dure.core.models import FiscalYear
from dure.core.roles import Capability
from dure.market import services
from dure.market.models import (
    B2BLinkage,
    Briefing,
    CallerType,
    Channel,
    Consultation,
    DatabaseEntry,
    DemandCategory,
    DemandOrganization,
    EntryKind,
    EventParticipation,
    Fair,
    Listing,
    MarketingKind,
    MarketingSupport,
    Opportunity,
    Outlet,
    OutletKind,
    Purchase,
    SalesEvent,
    SalesTeam,
    SalesTeamMember,
    Segment,
    Stage,
    SupplySurvey,
    SupportKind,
    Visit,
)
from dure.programs.models import Program
from dure.programs.records.imports import (
    Line,
    ProgramRecordImporter,
    RecordImporter,
    References,
    cell_text,
    max_length,
    parse_count,
    parse_district,
    record_columns,
    report_error,
    required_choice,
    shown,
)
from dure.programs.records.services import update_record
from dure.registry.imports import parse_number


class _References(References):
    """The shared lookups and the market's own records a row may name: fairs and sales events."""

    def fair(self, row: Row, errors: RowErrors) -> Fair | None:
        day = parse_date(row, "박람회 일자", errors)
        host = self.institution(row, "박람회 개최기관", errors)
        if bool(cell_text(row, "박람회 일자")) != bool(cell_text(row, "박람회 개최기관")):
            missing = "박람회 개최기관" if cell_text(row, "박람회 일자") else "박람회 일자"
            errors.add(row, row.column(missing), "박람회는 일자와 개최기관을 함께 적어 주세요.")
            return None
        if day is None or host is None:
            return None
        fairs = list(
            Fair.objects.referable(user=self.user, center=self.center)
            .filter(date=day, host=host)
            .order_by("pk")
        )
        found = [f for f in fairs if f.center_id == self.center.pk] or fairs
        if len(found) != 1:
            reason = "없습니다" if not found else f"{len(found)}건 있습니다"
            errors.add(
                row,
                row.column("박람회 일자"),
                f"{day:%Y-%m-%d} ‘{host.name}’ 박람회가 이 센터의 기록에 {reason}.",
            )
            return None
        return found[0]

    def sales_event(self, row: Row, errors: RowErrors) -> SalesEvent | None:
        """The sales event held on 행사 일자 under 행사명, among those the center may name."""
        day = parse_date(row, "행사 일자", errors, required=True)
        name = parse_text(row, "행사명", errors, required=True)
        if day is None or not name:
            return None
        events = list(
            SalesEvent.objects.referable(user=self.user, center=self.center)
            .filter(date=day, name=" ".join(name.split()))
            .select_related("program__area__fiscal_year")
            .order_by("pk")
        )
        found = [e for e in events if e.center_id == self.center.pk] or events
        if len(found) != 1:
            reason = "없습니다" if not found else f"{len(found)}건 있습니다"
            errors.add(
                row,
                row.column("행사명"),
                f"{day:%Y-%m-%d} ‘{shown(name)}’ 판매 행사가 이 센터의 기록에 {reason}.",
            )
            return None
        return found[0]


class _RecordImporter(RecordImporter):
    """A 판로지원 record that is not a program's dated work (participations, purchases)."""

    references_class = _References


class _ProgramRecordImporter(ProgramRecordImporter):
    """A dated 판로지원 record; rows may name the market's fairs and sales events."""

    references_class = _References


@register_importer
class ConsultationImporter(_ProgramRecordImporter):
    """공공구매 상담: 일자, 사업명 or 사업코드, 상담자 구분, 경로, 상담 주제, 결과, 기관, 기업."""

    kind = "market_consultations"
    label = "공공구매 상담"
    model = Consultation
    identity = ("program", "date", "caller_type", "channel", "topic", "institution", "enterprise")
    field_columns = {
        "caller_type": "상담자 구분",
        "channel": "경로",
        "topic": "상담 주제",
        "outcome": "결과",
        "institution": "기관",
        "enterprise": "기업",
    }
    institution_columns = ("기관",)
    enterprise_columns = ("기업",)
    columns = record_columns(
        ImportColumn("상담자 구분", "상담자 구분", example="사회적경제기업"),
        ImportColumn("경로", "경로", example="콜센터"),
        ImportColumn("상담 주제", "상담 주제", example="공공구매 절차"),
        ImportColumn("결과", "결과"),
        ImportColumn("기관", "기관", aliases=("기관명",)),
        ImportColumn("기업", "기업", aliases=("기업명",), example="220-81-62517"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "caller_type": parse_choice(row, "상담자 구분", errors, CallerType.choices)
            or CallerType.UNKNOWN,
            "channel": parse_text(
                row, "경로", errors, max_length=max_length(Consultation, "channel")
            )
            or "콜센터",
            "topic": parse_text(
                row, "상담 주제", errors, max_length=max_length(Consultation, "topic")
            ),
            "outcome": parse_text(
                row, "결과", errors, max_length=max_length(Consultation, "outcome")
            ),
            "institution": references.institution(row, "기관", errors),
            "enterprise": references.enterprise(row, "기업", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{CallerType(fields['caller_type']).label} 상담"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_consultation(center=self.center, **fields)


@register_importer
class VisitImporter(_ProgramRecordImporter):
    """방문영업: 일자, 사업명 or 사업코드, 방문 기관, 구분, 방문자, 목적, 결과."""

    kind = "market_visits"
    label = "방문영업"
    model = Visit
    identity = ("program", "date", "institution")
    field_columns = {
        "institution": "방문 기관",
        "segment": "구분",
        "staff": "방문자",
        "purpose": "목적",
        "result": "결과",
    }
    institution_columns = ("방문 기관",)
    columns = record_columns(
        ImportColumn(
            "방문 기관", "방문 기관", aliases=("기관명",), required=True, example="강동구청"
        ),
        ImportColumn("구분", "구분", required=True, example="공공기관"),
        ImportColumn("방문자", "방문자"),
        ImportColumn("목적", "목적"),
        ImportColumn("결과", "결과"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        institution = references.institution(row, "방문 기관", errors)
        if not cell_text(row, "방문 기관"):
            errors.add(row, row.column("방문 기관"), EMPTY)
        segment = parse_choice(row, "구분", errors, Segment.choices)
        if not cell_text(row, "구분"):
            errors.add(row, row.column("구분"), EMPTY)
        return {
            "institution": institution,
            "segment": segment,
            "staff": parse_text(row, "방문자", errors, max_length=max_length(Visit, "staff")),
            "purpose": parse_text(row, "목적", errors, max_length=max_length(Visit, "purpose")),
            "result": parse_text(row, "결과", errors, max_length=max_length(Visit, "result")),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['institution'].name} 방문"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_visit(center=self.center, **fields)


@register_importer
class DatabaseEntryImporter(_ProgramRecordImporter):
    """DB 구축: 일자, 사업명 or 사업코드, DB (SE기업 or 공공기관), 기업 or 기관."""

    kind = "market_database_entries"
    label = "DB 구축"
    model = DatabaseEntry
    identity = ("program", "kind", "enterprise", "institution")
    field_columns = {"kind": "DB", "enterprise": "기업", "institution": "기관"}
    institution_columns = ("기관",)
    enterprise_columns = ("기업",)
    columns = record_columns(
        ImportColumn("DB", "DB", example="SE기업"),
        ImportColumn("기업", "기업", aliases=("기업명",), example="220-81-62517"),
        ImportColumn("기관", "기관", aliases=("기관명",)),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        enterprise = references.enterprise(row, "기업", errors)
        institution = references.institution(row, "기관", errors)
        kind = parse_choice(row, "DB", errors, EntryKind.choices)
        has_enterprise, has_institution = bool(cell_text(row, "기업")), bool(cell_text(row, "기관"))
        if not cell_text(row, "DB") and has_enterprise != has_institution:
            kind = EntryKind.ENTERPRISE if has_enterprise else EntryKind.INSTITUTION
        if not cell_text(row, "DB") and not kind:
            errors.add(row, row.column("DB"), "SE기업이나 공공기관을 적어 주세요.")
        wanted, other = ("기업", "기관") if kind == EntryKind.ENTERPRISE else ("기관", "기업")
        if kind and not cell_text(row, wanted):
            errors.add(
                row, row.column(wanted), f"{EntryKind(kind).label} DB에는 {wanted}이 필요합니다."
            )
        if kind and cell_text(row, other):
            errors.add(
                row, row.column(other), f"{EntryKind(kind).label} DB에는 {other}을 적지 않습니다."
            )
        return {"kind": kind, "enterprise": enterprise, "institution": institution}

    def describe(self, fields: dict[str, Any]) -> str:
        named = fields["enterprise"] or fields["institution"]
        return f"{EntryKind(fields['kind']).label} DB · {named.name}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_database_entry(center=self.center, **fields)


@register_importer
class BriefingImporter(_ProgramRecordImporter):
    """교육·설명회: 일자, 사업명 or 사업코드, 내용, 대상, 참여인원."""

    kind = "market_briefings"
    label = "교육·설명회"
    model = Briefing
    identity = ("program", "date", "title")
    field_columns = {"title": "내용", "audience": "대상", "participants": "참여인원"}
    columns = record_columns(
        ImportColumn("내용", "내용", required=True, example="공공구매 제도 설명회"),
        ImportColumn("대상", "대상", example="구청 계약 담당자"),
        ImportColumn("참여인원", "참여인원", example="35"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "title": parse_text(
                row, "내용", errors, required=True, max_length=max_length(Briefing, "title")
            ),
            "audience": parse_text(
                row, "대상", errors, max_length=max_length(Briefing, "audience")
            ),
            "participants": parse_count(row, "참여인원", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["title"])

    def create(self, fields: dict[str, Any]) -> None:
        services.record_briefing(center=self.center, **fields)


@register_importer
class FairImporter(_ProgramRecordImporter):
    """공공구매 박람회: 일자, 사업명 or 사업코드, 개최기관, 참여기업, 상담부서, 상담건수, 방문객."""

    kind = "market_fairs"
    label = "공공구매 박람회"
    model = Fair
    identity = ("program", "date", "host")
    field_columns = {
        "host": "개최기관",
        "enterprises_count": "참여기업",
        "departments_count": "상담부서",
        "consultations_count": "상담건수",
        "visitors": "방문객",
    }
    institution_columns = ("개최기관",)
    columns = record_columns(
        ImportColumn("개최기관", "개최기관", required=True, example="강동구청"),
        ImportColumn("참여기업", "참여기업", example="12"),
        ImportColumn("상담부서", "상담부서", example="8"),
        ImportColumn("상담건수", "상담건수", example="40"),
        ImportColumn("방문객", "방문객", example="150"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        host = references.institution(row, "개최기관", errors)
        if not cell_text(row, "개최기관"):
            errors.add(row, row.column("개최기관"), EMPTY)
        return {
            "host": host,
            **{
                field: parse_count(row, column, errors)
                for field, column in self.field_columns.items()
                if field != "host"
            },
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['host'].name} 박람회"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_fair(center=self.center, **fields)


CONTRACT_COLUMNS = {
    "winner": "계약 기업",
    "contracted_on": "계약일",
    "contract_won": "계약금액(원)",
}


@register_importer
class OpportunityImporter(_ProgramRecordImporter):
    """판로 기회: 일자, 사업명 or 사업코드, 발주기관, 수요 내용, 지원 방식, 경로, 박람회 (일자와
    개최기관), 단계, 참여 기업 (names or numbers), 계약 기업, 계약일, 계약금액(원).

    A 계약 row needs 계약 기업, 계약일 and 계약금액; a row at another stage has none of them."""

    kind = "market_opportunities"
    label = "판로 기회"
    model = Opportunity
    identity = ("program", "date", "institution", "need")
    field_columns = {
        "institution": "발주기관",
        "need": "수요 내용",
        "support_kind": "지원 방식",
        "channel": "경로",
        "fair": "박람회 일자",
        "stage": "단계",
        "bidders": "참여 기업",
        **CONTRACT_COLUMNS,
    }
    institution_columns = ("발주기관", "박람회 개최기관")
    enterprise_columns = ("참여 기업", "계약 기업")
    columns = record_columns(
        ImportColumn("발주기관", "발주기관", required=True, example="강동구청"),
        ImportColumn("수요 내용", "수요 내용", required=True, example="청사 청소 용역"),
        ImportColumn("지원 방식", "지원 방식", required=True, example="입찰지원"),
        ImportColumn("경로", "경로", required=True, example="영업매칭"),
        ImportColumn("박람회 일자", "박람회 일자", is_date=True),
        ImportColumn("박람회 개최기관", "박람회 개최기관"),
        ImportColumn("단계", "단계", example="계약"),
        ImportColumn("참여 기업", "참여 기업", example="220-81-62517"),
        ImportColumn("계약 기업", "계약 기업", example="220-81-62517"),
        ImportColumn("계약일", "계약일", example="2017-06-30", is_date=True),
        ImportColumn("계약금액(원)", "계약금액(원)", aliases=("계약금액",), example="12000000"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        institution = references.institution(row, "발주기관", errors)
        if not cell_text(row, "발주기관"):
            errors.add(row, row.column("발주기관"), EMPTY)
        need = parse_text(
            row, "수요 내용", errors, required=True, max_length=max_length(Opportunity, "need")
        )
        support_kind = required_choice(row, "지원 방식", errors, SupportKind.choices)
        channel = required_choice(row, "경로", errors, Channel.choices)
        assert isinstance(references, _References)
        fair = references.fair(row, errors)
        if (
            channel == Channel.FAIR
            and not cell_text(row, "박람회 일자")
            and not cell_text(row, "박람회 개최기관")
        ):
            errors.add(
                row,
                row.column("박람회 일자"),
                "박람회 경로에는 박람회(일자와 개최기관)가 필요합니다.",
            )
        stage = parse_choice(row, "단계", errors, Stage.choices)
        bidders = references.enterprise_list(row, "참여 기업", errors)
        winner = references.enterprise(row, "계약 기업", errors)
        contracted_on = parse_date(row, "계약일", errors)
        contract_won = parse_amount(row, "계약금액(원)", errors)
        if stage or not cell_text(row, "단계"):
            stage = stage or Stage.NEED
            self._check_contract(row, errors, stage)
        if contracted_on is not None and day is not None and contracted_on < day:
            errors.add(
                row, row.column("계약일"), "계약일은 일자(수요를 받은 날)보다 빠를 수 없습니다."
            )
        if bidders and winner is not None and winner not in bidders:
            bidders.append(winner)  # as the service does: the winner is one of the bidders
        return {
            "institution": institution,
            "need": need,
            "support_kind": support_kind,
            "channel": channel,
            "fair": fair,
            "stage": stage,
            "bidders": bidders or [],
            "winner": winner,
            "contracted_on": contracted_on,
            "contract_won": contract_won,
        }

    @staticmethod
    def _check_contract(row: Row, errors: RowErrors, stage: str) -> None:
        written = [column for column in CONTRACT_COLUMNS.values() if cell_text(row, column)]
        if stage == Stage.CONTRACTED:
            for column in CONTRACT_COLUMNS.values():
                if column not in written:
                    errors.add(row, row.column(column), f"계약 단계에는 {column}이 필요합니다.")
        elif written and not cell_text(row, "단계"):
            errors.add(row, row.column("단계"), "계약을 적은 행은 단계를 ‘계약’으로 적어 주세요.")
        else:
            for column in written:
                errors.add(row, row.column(column), f"{column}은 단계가 ‘계약’일 때만 적습니다.")

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['institution'].name}: {fields['need']}"

    def create(self, fields: dict[str, Any]) -> None:
        services.open_opportunity(center=self.center, **fields)

    def update(self, record: Any, changes: dict[str, Any], fields: dict[str, Any]) -> None:
        progress = {"stage", "bidders", *CONTRACT_COLUMNS}
        rest = {name: value for name, value in changes.items() if name not in progress}
        if rest:
            update_record(record, **rest)
        if progress & set(changes):
            services.advance_opportunity(
                record, **{name: fields[name] for name in sorted(progress)}
            )


@register_importer
class SalesTeamImporter(Importer):
    """자치구 영업지원단: one row per member (사업명 or 사업코드, 자치구, 이름, 비고) for the year
    asked for. A district's rows are its team's whole list: a member left out is taken off."""

    kind = "market_sales_teams"
    label = "자치구 영업지원단"
    capability = Capability.RECORD_ACTIVITIES
    needs_year = True
    columns = (
        ImportColumn("사업명", "사업명", example="공공 시장 확대 지원"),
        ImportColumn("사업코드", "사업코드"),
        ImportColumn("자치구", "자치구", required=True, example="강동구"),
        ImportColumn("이름", "이름", aliases=("성명",), required=True, example="김두레"),
        ImportColumn("비고", "비고"),
    )

    def save(self, rows: list[Row], errors: RowErrors, progress: Progress) -> ImportResult:
        result = ImportResult(rows_read=len(rows))
        rows = [row for row in rows if any(cell_text(row, c.key) for c in self.columns)]
        if self.year is None:
            errors.add(rows[0].number if rows else 1, "회계연도", "회계연도가 필요합니다.")
            return result
        references = _References(center=self.center, user=self.user, rows=rows)
        teams: dict[str, list[tuple[Row, Program, str]]] = {}
        name_length = max_length(SalesTeamMember, "name")
        for row in rows:
            before = len(errors)
            program = references.program(row, errors, year=self.year)
            district = parse_district(row, errors, required=True)
            name = parse_text(row, "이름", errors, required=True, max_length=name_length)
            if len(errors) == before and program is not None:
                teams.setdefault(district, []).append((row, program, name))
        for district, members in teams.items():
            first_row, program, _ = members[0]
            for row, other, _ in members[1:]:
                if other != program:
                    errors.add(
                        row,
                        row.column("사업명" if row.text("사업명") else "사업코드"),
                        f"{district} 영업지원단의 사업이 {first_row.number}행과 다릅니다.",
                    )
        if errors:
            return result
        for index, (district, members) in enumerate(teams.items(), start=1):
            self._save_team(district, members, errors, result)
            progress(index, len(teams))
        return result

    def _save_team(
        self,
        district: str,
        members: list[tuple[Row, Program, str]],
        errors: RowErrors,
        result: ImportResult,
    ) -> None:
        program = members[0][1]
        fiscal_year = program.area.fiscal_year
        notes = "\n".join(
            dict.fromkeys(row.text("비고") for row, _, _ in members if row.text("비고"))
        )
        team = SalesTeam.objects.filter(
            center=self.center, fiscal_year=fiscal_year, district=district
        ).first()
        stored = list(team.members.order_by("pk").values_list("name", flat=True)) if team else []
        before = Counter(stored)
        team_changed = team is None or team.program_id != program.pk or team.notes != notes
        names = [name for _, _, name in members]
        if team_changed or names != stored:
            self._save(fiscal_year, program, district, names, notes, members[0][0], errors)
        kept: Counter[str] = Counter()
        for row, _, name in members:
            kept[name] += 1
            result.labels[row.number] = f"{fiscal_year.year} {district} 영업지원단 · {name}"
            if kept[name] > before[name]:
                result.outcomes[row.number] = Outcome.CREATED
            elif team_changed:
                result.outcomes[row.number] = Outcome.UPDATED
            else:
                result.outcomes[row.number] = Outcome.UNCHANGED
        removed = sum((before - Counter(names)).values())
        if removed:
            result.notes["명단에서 빠진 인력"] += removed

    def _save(
        self,
        fiscal_year: FiscalYear,
        program: Program,
        district: str,
        names: list[str],
        notes: str,
        row: Row,
        errors: RowErrors,
    ) -> None:
        try:
            services.save_sales_team(
                center=self.center,
                fiscal_year=fiscal_year,
                program=program,
                district=district,
                members=names,
                notes=notes,
            )
        except ValidationError as error:
            report_error(row, error, errors, {"program": "사업명", "district": "자치구"})


# The private market (민간시장 판로지원) ------------------------------------------------------


@register_importer
class DemandOrganizationImporter(_ProgramRecordImporter):
    """민간 수요처: 일자, 사업명 or 사업코드, 수요처, 구분."""

    kind = "market_demand_organizations"
    label = "민간 수요처"
    model = DemandOrganization
    identity = ("program", "institution")
    field_columns = {"institution": "수요처", "category": "구분"}
    institution_columns = ("수요처",)
    columns = record_columns(
        ImportColumn("수요처", "수요처", aliases=("기관명",), required=True, example="행복생협"),
        ImportColumn("구분", "구분", required=True, example="유통채널"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "institution": references.institution(row, "수요처", errors, required=True),
            "category": required_choice(row, "구분", errors, DemandCategory.choices),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{DemandCategory(fields['category']).label} {fields['institution'].name}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_demand_organization(center=self.center, **fields)


@register_importer
class SalesLinkageImporter(_ProgramRecordImporter):
    """영업연계: 일자, 사업명 or 사업코드, 공급기업, 수요기업, 계약내용, 계약금액(원)."""

    kind = "market_sales_linkages"
    label = "영업연계"
    model = B2BLinkage
    identity = ("program", "date", "supplier", "buyer", "item")
    field_columns = {
        "supplier": "공급기업",
        "buyer": "수요기업",
        "item": "계약내용",
        "amount_won": "계약금액(원)",
    }
    institution_columns = ("수요기업",)
    enterprise_columns = ("공급기업",)
    columns = record_columns(
        ImportColumn("공급기업", "공급기업", required=True, example="220-81-62517"),
        ImportColumn("수요기업", "수요기업", required=True, example="행복생협"),
        ImportColumn("계약내용", "계약내용", example="명절 선물세트 납품"),
        ImportColumn("계약금액(원)", "계약금액(원)", aliases=("계약금액",), example="3500000"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "supplier": references.enterprise(row, "공급기업", errors, required=True),
            "buyer": references.institution(row, "수요기업", errors, required=True),
            "item": parse_text(row, "계약내용", errors, max_length=max_length(B2BLinkage, "item")),
            "amount_won": parse_amount(row, "계약금액(원)", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['supplier'].name} → {fields['buyer'].name} 영업연계"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_b2b_linkage(center=self.center, **fields)


@register_importer
class SupplySurveyImporter(_ProgramRecordImporter):
    """상품·공급역량 조사: 일자, 사업명 or 사업코드, 기업, 조사 내용."""

    kind = "market_supply_surveys"
    label = "상품·공급역량 조사"
    model = SupplySurvey
    identity = ("program", "date", "enterprise")
    field_columns = {"enterprise": "기업", "findings": "조사 내용"}
    enterprise_columns = ("기업",)
    columns = record_columns(
        ImportColumn("기업", "기업", aliases=("기업명",), required=True, example="220-81-62517"),
        ImportColumn("조사 내용", "조사 내용", example="월 2,000개 생산 가능"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "enterprise": references.enterprise(row, "기업", errors, required=True),
            "findings": parse_text(row, "조사 내용", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['enterprise'].name} 상품·공급역량 조사"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_supply_survey(center=self.center, **fields)


YES_NO = (("yes", "예"), ("no", "아니오"))


@register_importer
class OutletImporter(_ProgramRecordImporter):
    """판매처: 일자, 사업명 or 사업코드, 판매처, 종류, 운영 방식, SE 유통채널 선정 (예/아니오; only
    a 유통채널 is chosen as an SE channel)."""

    kind = "market_outlets"
    label = "판매처"
    model = Outlet
    identity = ("program", "kind", "institution")
    field_columns = {
        "institution": "판매처",
        "kind": "종류",
        "arrangement": "운영 방식",
        "selected": "SE 유통채널 선정",
    }
    institution_columns = ("판매처",)
    columns = record_columns(
        ImportColumn("판매처", "판매처", aliases=("기관명",), required=True, example="행복생협"),
        ImportColumn("종류", "종류", required=True, example="생협 매장"),
        ImportColumn("운영 방식", "운영 방식", example="상설"),
        ImportColumn("SE 유통채널 선정", "SE 유통채널 선정", aliases=("선정",), example="아니오"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        institution = references.institution(row, "판매처", errors, required=True)
        kind = required_choice(row, "종류", errors, OutletKind.choices)
        arrangement = parse_text(
            row, "운영 방식", errors, max_length=max_length(Outlet, "arrangement")
        )
        selected = parse_choice(row, "SE 유통채널 선정", errors, YES_NO) == "yes"
        if selected and kind and kind != OutletKind.CHANNEL:
            errors.add(
                row,
                row.column("SE 유통채널 선정"),
                "SE 유통채널 선정은 종류가 유통채널일 때만 ‘예’로 적습니다.",
            )
        return {
            "institution": institution,
            "kind": kind,
            "arrangement": " ".join(arrangement.split()),
            "selected": selected,
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{OutletKind(fields['kind']).label} {fields['institution'].name}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_outlet(center=self.center, **fields)


@register_importer
class ListingImporter(_ProgramRecordImporter):
    """입점: 일자, 사업명 or 사업코드, 판매처 종류, 기업, 제품, 매출(원)."""

    kind = "market_listings"
    label = "입점"
    model = Listing
    identity = ("program", "date", "outlet_kind", "enterprise", "product")
    field_columns = {
        "outlet_kind": "판매처 종류",
        "enterprise": "기업",
        "product": "제품",
        "sales_won": "매출(원)",
    }
    enterprise_columns = ("기업",)
    columns = record_columns(
        ImportColumn("판매처 종류", "판매처 종류", required=True, example="유통채널"),
        ImportColumn("기업", "기업", aliases=("기업명",), required=True, example="220-81-62517"),
        ImportColumn("제품", "제품", example="유기농 쌀과자"),
        ImportColumn("매출(원)", "매출(원)", aliases=("매출",), example="1200000"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "outlet_kind": required_choice(row, "판매처 종류", errors, OutletKind.choices),
            "enterprise": references.enterprise(row, "기업", errors, required=True),
            "product": parse_text(row, "제품", errors, max_length=max_length(Listing, "product")),
            "sales_won": parse_amount(row, "매출(원)", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        product = f" {fields['product']}" if fields["product"] else ""
        return f"{OutletKind(fields['outlet_kind']).label} · {fields['enterprise'].name}{product}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_listing(center=self.center, **fields)


@register_importer
class MarketingSupportImporter(_ProgramRecordImporter):
    """디지털 마케팅 지원: 일자, 사업명 or 사업코드, 구분, 기업, 지원 내용."""

    kind = "market_marketing_supports"
    label = "디지털 마케팅 지원"
    model = MarketingSupport
    identity = ("program", "date", "kind", "enterprise")
    field_columns = {"kind": "구분", "enterprise": "기업", "content": "지원 내용"}
    enterprise_columns = ("기업",)
    columns = record_columns(
        ImportColumn("구분", "구분", required=True, example="교차마케팅"),
        ImportColumn("기업", "기업", aliases=("기업명",), required=True, example="220-81-62517"),
        ImportColumn("지원 내용", "지원 내용", example="온라인몰 상세페이지 제작"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "kind": required_choice(row, "구분", errors, MarketingKind.choices),
            "enterprise": references.enterprise(row, "기업", errors, required=True),
            "content": parse_text(
                row, "지원 내용", errors, max_length=max_length(MarketingSupport, "content")
            ),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{MarketingKind(fields['kind']).label} · {fields['enterprise'].name}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_marketing_support(center=self.center, **fields)


@register_importer
class SalesEventImporter(_ProgramRecordImporter):
    """판매 행사: 일자, 사업명 or 사업코드, 행사명, 구분."""

    kind = "market_sales_events"
    label = "판매 행사"
    model = SalesEvent
    identity = ("program", "date", "name")
    field_columns = {"name": "행사명", "kind": "구분"}
    columns = record_columns(
        ImportColumn("행사명", "행사명", required=True, example="사회적경제 한마당 장터"),
        ImportColumn("구분", "구분", required=True, example="생협기획행사-상설"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        name = parse_text(
            row, "행사명", errors, required=True, max_length=max_length(SalesEvent, "name")
        )
        kind = parse_text(
            row, "구분", errors, required=True, max_length=max_length(SalesEvent, "kind")
        )
        return {"name": " ".join(name.split()), "kind": " ".join(kind.split())}

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["name"])

    def create(self, fields: dict[str, Any]) -> None:
        services.record_sales_event(center=self.center, **fields)


@register_importer
class EventParticipationImporter(_RecordImporter):
    """행사 참가: 행사 일자 and 행사명 (a sales event the center may name), 기업, 매출(원),
    자치구, 비고. The participation takes its event's center, program and date."""

    kind = "market_event_participations"
    label = "행사 참가"
    model = EventParticipation
    identity = ("event", "enterprise")
    field_columns = {
        "event": "행사명",
        "program": "행사명",
        "enterprise": "기업",
        "sales_won": "매출(원)",
    }
    enterprise_columns = ("기업",)
    date_column = "행사 일자"
    columns = (
        ImportColumn("행사 일자", "행사 일자", required=True, example="2017-10-20", is_date=True),
        ImportColumn("행사명", "행사명", required=True, example="사회적경제 한마당 장터"),
        ImportColumn("기업", "기업", aliases=("기업명",), required=True, example="220-81-62517"),
        ImportColumn("매출(원)", "매출(원)", aliases=("매출",), example="450000"),
        ImportColumn("자치구", "자치구"),
        ImportColumn("비고", "비고"),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        assert isinstance(references, _References)
        event = references.sales_event(row, errors)
        enterprise = references.enterprise(row, "기업", errors, required=True)
        sales_won = parse_amount(row, "매출(원)", errors)
        district = parse_district(row, errors)
        if len(errors) > before or event is None or enterprise is None:
            return None
        fields = {
            "event": event,
            "enterprise": enterprise,
            "sales_won": sales_won,
            "district": district,
            "notes": row.text("비고"),
        }
        return Line(row, fields, f"{event.date:%Y-%m-%d} {event.name} · {enterprise.name}")

    def existing(self, identity: dict[str, Any]) -> QuerySet[Any]:
        # A participation belongs to its event's center, which may be one of the center's
        # districts.
        return EventParticipation.objects.filter(**identity)

    def create(self, fields: dict[str, Any]) -> None:
        services.record_participation(**fields)


@register_importer
class PurchaseImporter(_RecordImporter):
    """구매 실적: an institution's purchase ledger — 구매 기관, 결의일, 공급자 사업자등록번호,
    공급자, 품목, 금액(원). No program: a purchase counts in the year of its 결의일."""

    kind = "market_purchases"
    label = "기관 구매 실적"
    model = Purchase
    identity = ("institution", "resolved_on", "supplier_business_number", "item")
    field_columns = {
        "institution": "구매 기관",
        "resolved_on": "결의일",
        "supplier_business_number": "공급자 사업자등록번호",
        "supplier_name": "공급자",
        "item": "품목",
        "amount_won": "금액(원)",
    }
    institution_columns = ("구매 기관",)
    date_column = "결의일"
    columns = (
        ImportColumn(
            "구매 기관", "구매 기관", aliases=("기관명",), required=True, example="강동구청"
        ),
        ImportColumn("결의일", "결의일", required=True, example="2017-05-23", is_date=True),
        ImportColumn(
            "공급자 사업자등록번호",
            "공급자 사업자등록번호",
            aliases=("사업자등록번호",),
            required=True,
            example="220-81-62517",
        ),
        ImportColumn("공급자", "공급자", aliases=("공급자명",), example="(주)두레상회"),
        ImportColumn("품목", "품목", example="사무용품"),
        ImportColumn("금액(원)", "금액(원)", aliases=("금액",), required=True, example="1200000"),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        institution = references.institution(row, "구매 기관", errors, required=True)
        resolved_on = parse_date(row, "결의일", errors, required=True)
        number = "공급자 사업자등록번호"
        if not row.text(number):
            errors.add(row, row.column(number), EMPTY)
        supplier_business_number = parse_number(
            row, number, errors, length=10, label="사업자등록번호"
        )
        supplier_name = parse_text(
            row, "공급자", errors, max_length=max_length(Purchase, "supplier_name")
        )
        item = parse_text(row, "품목", errors, max_length=max_length(Purchase, "item"))
        amount_won = parse_amount(row, "금액(원)", errors, required=True)
        if len(errors) > before or institution is None or resolved_on is None:
            return None
        fields = {
            "institution": institution,
            "resolved_on": resolved_on,
            "supplier_business_number": supplier_business_number,
            "supplier_name": " ".join(supplier_name.split()),
            "item": " ".join(item.split()),
            "amount_won": amount_won,
        }
        supplier = fields["supplier_name"] or supplier_business_number
        label = f"{resolved_on:%Y-%m-%d} {institution.name} · {supplier} {amount_won:,}원"
        return Line(row, fields, label)

    def create(self, fields: dict[str, Any]) -> None:
        services.record_purchase(center=self.center, **fields)
