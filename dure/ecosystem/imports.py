"""Importing 지역 및 협동 기반 records (`import_records ecosystem_… FILE`, the upload screen):
projects, outputs, special zones and their support, meetings, village-enterprise and level-up
support, workspace activities, uses and memberships, and sector grants.

All-or-nothing like every import: every row is checked before any is saved, and any problem is
`N행 [열이름]: 사유`. A row names its program by 사업명 or 사업코드, its institutions and
enterprises by name or 사업자등록번호 among those the importing user may name, a project by its
과제명, a special zone by its 자치구 and a workspace by its name among the center's; one that is
not there is a row error, never created. Rows are matched to saved records by `identity`, so
importing the same file again changes nothing."""

from __future__ import annotations

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Model

from dure.core.imports import (
    ImportColumn,
    Row,
    RowErrors,
    parse_amount,
    parse_choice,
    parse_date,
    parse_text,
    register_importer,
)
from dure.ecosystem import services
from dure.ecosystem.models import (
    DailySupportKind,
    GrantStage,
    LevelUpSupport,
    LevelUpType,
    Meeting,
    MeetingFormat,
    MeetingSeries,
    Output,
    OutputKind,
    Project,
    Round,
    Sector,
    SectorGrant,
    SpecialZone,
    Track,
    VillageSupport,
    VillageSupportKind,
    Workspace,
    WorkspaceActivity,
    WorkspaceActivityKind,
    WorkspaceKind,
    WorkspaceMembership,
    WorkspaceUse,
    ZoneSupport,
    ZoneSupportKind,
)
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
    required_choice,
    shown,
)


class _References(References):
    """The shared lookups and this app's own records a row may name."""

    def _owned(
        self, row: Row, key: str, errors: RowErrors, model: type[Model], what: str, **lookup: Any
    ) -> Any:
        text = cell_text(row, key)
        if not text:
            return None
        found = list(
            model._default_manager.referable(user=self.user, center=self.center)  # type: ignore[attr-defined]
            .filter(**lookup)
            .order_by("pk")
        )
        found = [r for r in found if r.center_id == self.center.pk] or found
        if len(found) != 1:
            reason = "없습니다" if not found else f"{len(found)}건 있습니다"
            errors.add(
                row, row.column(key), f"‘{shown(text)}’ {what}이(가) 이 센터의 기록에 {reason}."
            )
            return None
        return found[0]

    def project(self, row: Row, key: str, errors: RowErrors) -> Project | None:
        return self._owned(row, key, errors, Project, "전략 사업", title=cell_text(row, key))

    def zone(self, row: Row, key: str, errors: RowErrors, year: int | None) -> SpecialZone | None:
        text = cell_text(row, key)
        district = text if text.endswith("구") else f"{text}구"
        return self._owned(
            row,
            key,
            errors,
            SpecialZone,
            "예비특구",
            district=district,
            program__area__fiscal_year__year=year,
        )

    def workspace(
        self, row: Row, key: str, errors: RowErrors, *, required: bool = True
    ) -> Workspace | None:
        if required and not cell_text(row, key):
            errors.add(row, row.column(key), "공간명을 적어 주세요.")
        return self._owned(row, key, errors, Workspace, "공간", name=cell_text(row, key))


class _Importer(ProgramRecordImporter):
    references_class = _References


def _text(row: Row, key: str, errors: RowErrors, model: type[Model], field: str, **kw: Any) -> str:
    return parse_text(row, key, errors, max_length=max_length(model, field), **kw)


@register_importer
class ProjectImporter(_Importer):
    """전략 사업: 일자, 사업명 or 사업코드, 분야 구분, 과제명, 분야, 차수, 수행기관, 참여기업."""

    kind = "ecosystem_projects"
    label = "전략 사업"
    model = Project
    identity = ("program", "date", "title")
    field_columns = {
        "track": "분야 구분",
        "title": "과제명",
        "field": "분야",
        "round": "차수",
        "lead_institution": "수행기관",
        "members": "참여기업",
        "result": "추진결과",
    }
    institution_columns = ("수행기관",)
    enterprise_columns = ("참여기업",)
    columns = record_columns(
        ImportColumn("분야 구분", "분야 구분", required=True, example="협동비즈니스"),
        ImportColumn("과제명", "과제명", required=True, example="공동판매 시스템 개발"),
        ImportColumn("분야", "분야", example="공동 소비망 구축"),
        ImportColumn("차수", "차수", example="1차"),
        ImportColumn("수행기관", "수행기관"),
        ImportColumn("참여기업", "참여기업", example="220-81-62517, 트래블러스맵"),
        ImportColumn("추진결과", "추진결과"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        assert isinstance(references, _References)
        return {
            "track": required_choice(row, "분야 구분", errors, Track.choices),
            "title": _text(row, "과제명", errors, Project, "title", required=True),
            "field": _text(row, "분야", errors, Project, "field"),
            "round": parse_choice(row, "차수", errors, Round.choices),
            "lead_institution": references.institution(row, "수행기관", errors),
            "members": references.enterprise_list(row, "참여기업", errors) or [],
            "result": row.text("추진결과"),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{Track(fields['track']).label} · {fields['title']}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_project(center=self.center, **fields)

    def update(self, record: Any, changes: dict[str, Any], fields: dict[str, Any]) -> None:
        members = changes.pop("members", None)
        super().update(record, changes, fields)
        if members is not None:
            record.members.set(members)


@register_importer
class OutputImporter(_Importer):
    """성과물: 일자, 사업명 or 사업코드, 성과물 구분, 성과물, 과제명, 기관, 기업."""

    kind = "ecosystem_outputs"
    label = "성과물"
    model = Output
    identity = ("program", "date", "kind", "title")
    field_columns = {
        "kind": "성과물 구분",
        "title": "성과물",
        "project": "과제명",
        "institution": "기관",
        "enterprise": "기업",
    }
    institution_columns = ("기관",)
    enterprise_columns = ("기업",)
    columns = record_columns(
        ImportColumn("성과물 구분", "성과물 구분", required=True, example="모델"),
        ImportColumn("성과물", "성과물", required=True, example="확산센터(본사) 모델"),
        ImportColumn("과제명", "과제명"),
        ImportColumn("기관", "기관", aliases=("기관명",)),
        ImportColumn("기업", "기업", aliases=("기업명",)),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        assert isinstance(references, _References)
        return {
            "kind": required_choice(row, "성과물 구분", errors, OutputKind.choices),
            "title": _text(row, "성과물", errors, Output, "title", required=True),
            "project": references.project(row, "과제명", errors),
            "institution": references.institution(row, "기관", errors),
            "enterprise": references.enterprise(row, "기업", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{OutputKind(fields['kind']).label} · {fields['title']}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_output(center=self.center, **fields)


@register_importer
class SpecialZoneImporter(_Importer):
    """예비특구: 일자, 사업명 or 사업코드, 자치구 (required), 특구 사업명."""

    kind = "ecosystem_special_zones"
    label = "예비특구"
    model = SpecialZone
    identity = ("program", "district", "title")
    field_columns = {"title": "특구 사업명", "district": "자치구"}
    columns = record_columns(
        ImportColumn("특구 사업명", "특구 사업명", required=True, example="소셜패션 모델 정립"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        if not cell_text(row, "자치구"):
            parse_district(row, errors, required=True)
        return {"title": _text(row, "특구 사업명", errors, SpecialZone, "title", required=True)}

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['district']} {fields['title']}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_special_zone(center=self.center, **fields)


@register_importer
class ZoneSupportImporter(_Importer):
    """예비특구 지원: 일자, 사업명 or 사업코드, 지원 구분, 예비특구 (its 자치구), 참여인원."""

    kind = "ecosystem_zone_supports"
    label = "예비특구 지원"
    model = ZoneSupport
    identity = ("program", "date", "kind", "zone")
    field_columns = {"kind": "지원 구분", "zone": "예비특구", "participants": "참여인원"}
    columns = record_columns(
        ImportColumn("지원 구분", "지원 구분", required=True, example="컨설팅"),
        ImportColumn("예비특구", "예비특구", example="성동구"),
        ImportColumn("참여인원", "참여인원"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        assert isinstance(references, _References)
        # A zone is looked up in the year of the row's date; without a date (refused at 일자)
        # there is no year to look in, and no second complaint is made.
        zone = references.zone(row, "예비특구", errors, day.year) if day is not None else None
        return {
            "kind": required_choice(row, "지원 구분", errors, ZoneSupportKind.choices),
            "zone": zone,
            "participants": parse_count(row, "참여인원", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return ZoneSupportKind(fields["kind"]).label

    def create(self, fields: dict[str, Any]) -> None:
        services.record_zone_support(center=self.center, **fields)


@register_importer
class MeetingImporter(_Importer):
    """협력 회의: 일자, 사업명 or 사업코드, 회의 구분, 형식, 내용, 참여인원."""

    kind = "ecosystem_meetings"
    label = "협력 회의"
    model = Meeting
    identity = ("program", "date", "series", "title")
    field_columns = {
        "series": "회의 구분",
        "format": "형식",
        "title": "내용",
        "participants": "참여인원",
    }
    columns = record_columns(
        ImportColumn("회의 구분", "회의 구분", required=True, example="민관정책협의회 정기회의"),
        ImportColumn("형식", "형식", required=True, example="회의"),
        ImportColumn("내용", "내용"),
        ImportColumn("참여인원", "참여인원"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "series": required_choice(row, "회의 구분", errors, MeetingSeries.choices),
            "format": required_choice(row, "형식", errors, MeetingFormat.choices),
            "title": _text(row, "내용", errors, Meeting, "title"),
            "participants": parse_count(row, "참여인원", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return MeetingSeries(fields["series"]).label

    def create(self, fields: dict[str, Any]) -> None:
        services.record_meeting(center=self.center, **fields)


@register_importer
class VillageSupportImporter(_Importer):
    """마을기업 지원: 일자, 사업명 or 사업코드, 지원 구분, 일상지원 유형, 사업비 단계, 기업,
    기관, 주체명, 횟수, 팀수, 신청팀수, 인원."""

    kind = "ecosystem_village_supports"
    label = "마을기업 지원"
    model = VillageSupport
    identity = (
        "program",
        "date",
        "kind",
        "daily_kind",
        "enterprise",
        "institution",
        "group_name",
    )
    field_columns = {
        "kind": "지원 구분",
        "daily_kind": "일상지원 유형",
        "grant_stage": "사업비 단계",
        "enterprise": "기업",
        "institution": "기관",
        "group_name": "주체명",
        "sessions": "횟수",
        "teams": "팀수",
        "applicant_teams": "신청팀수",
        "participants": "인원",
    }
    institution_columns = ("기관",)
    enterprise_columns = ("기업",)
    columns = record_columns(
        ImportColumn("지원 구분", "지원 구분", required=True, example="일상지원"),
        ImportColumn("일상지원 유형", "일상지원 유형", example="컨설팅"),
        ImportColumn("사업비 단계", "사업비 단계"),
        ImportColumn("기업", "기업", aliases=("기업명",)),
        ImportColumn("기관", "기관", aliases=("기관명",)),
        ImportColumn("주체명", "주체명"),
        ImportColumn("횟수", "횟수"),
        ImportColumn("팀수", "팀수"),
        ImportColumn("신청팀수", "신청팀수"),
        ImportColumn("인원", "인원"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        sessions = parse_count(row, "횟수", errors)
        if sessions == 0:
            errors.add(row, row.column("횟수"), "횟수는 1 이상이어야 합니다.")
        return {
            "kind": required_choice(row, "지원 구분", errors, VillageSupportKind.choices),
            "daily_kind": parse_choice(row, "일상지원 유형", errors, DailySupportKind.choices),
            "grant_stage": parse_choice(row, "사업비 단계", errors, GrantStage.choices),
            "enterprise": references.enterprise(row, "기업", errors),
            "institution": references.institution(row, "기관", errors),
            "group_name": _text(row, "주체명", errors, VillageSupport, "group_name"),
            "sessions": sessions or 1,
            "teams": parse_count(row, "팀수", errors),
            "applicant_teams": parse_count(row, "신청팀수", errors),
            "participants": parse_count(row, "인원", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return VillageSupportKind(fields["kind"]).label

    def create(self, fields: dict[str, Any]) -> None:
        services.record_village_support(center=self.center, **fields)


@register_importer
class LevelUpSupportImporter(_Importer):
    """레벨업 지원: 일자, 사업명 or 사업코드, 마을기업, 지원유형, 지원금액."""

    kind = "ecosystem_levelup_supports"
    label = "레벨업 지원"
    model = LevelUpSupport
    identity = ("program", "date", "enterprise", "support_type")
    field_columns = {"enterprise": "마을기업", "support_type": "지원유형", "amount_won": "지원금액"}
    enterprise_columns = ("마을기업",)
    columns = record_columns(
        ImportColumn("마을기업", "마을기업", aliases=("기업명",), required=True),
        ImportColumn("지원유형", "지원유형", required=True, example="홍보마케팅"),
        ImportColumn("지원금액", "지원금액", example="3,000,000"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "enterprise": references.enterprise(row, "마을기업", errors, required=True),
            "support_type": required_choice(row, "지원유형", errors, LevelUpType.choices),
            "amount_won": parse_amount(row, "지원금액", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['enterprise'].name} {LevelUpType(fields['support_type']).label}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_levelup_support(center=self.center, **fields)


@register_importer
class WorkspaceActivityImporter(_Importer):
    """공간 활동: 일자, 사업명 or 사업코드, 공간, 활동 구분, 내용, 참여인원."""

    kind = "ecosystem_workspace_activities"
    label = "공간 활동"
    model = WorkspaceActivity
    identity = ("program", "date", "workspace", "kind", "title")
    field_columns = {
        "workspace": "공간",
        "kind": "활동 구분",
        "title": "내용",
        "participants": "참여인원",
    }
    columns = record_columns(
        ImportColumn("공간", "공간", required=True, example="소셜디자인 기술혁신랩"),
        ImportColumn("활동 구분", "활동 구분", required=True, example="교육·워크숍"),
        ImportColumn("내용", "내용", required=True, example="장비 기초 교육"),
        ImportColumn("참여인원", "참여인원"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        assert isinstance(references, _References)
        return {
            "workspace": references.workspace(row, "공간", errors),
            "kind": required_choice(row, "활동 구분", errors, WorkspaceActivityKind.choices),
            "title": _text(row, "내용", errors, WorkspaceActivity, "title", required=True),
            "participants": parse_count(row, "참여인원", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['workspace'].name} · {fields['title']}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_workspace_activity(center=self.center, **fields)


@register_importer
class WorkspaceUseImporter(_Importer):
    """공간 이용: 일자 (the month's last day recorded), 사업명 or 사업코드, 공간, 이용자수."""

    kind = "ecosystem_workspace_uses"
    label = "공간 이용"
    model = WorkspaceUse
    identity = ("program", "date", "workspace")
    field_columns = {"workspace": "공간", "users": "이용자수"}
    columns = record_columns(
        ImportColumn("공간", "공간", required=True, example="소셜디자인 기술혁신랩"),
        ImportColumn("이용자수", "이용자수", required=True, example="31"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        assert isinstance(references, _References)
        users = parse_count(row, "이용자수", errors)
        if not cell_text(row, "이용자수"):
            errors.add(row, row.column("이용자수"), "이용자수를 적어 주세요.")
        return {"workspace": references.workspace(row, "공간", errors), "users": users}

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['workspace'].name} {fields['users']}명"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_workspace_use(center=self.center, **fields)


@register_importer
class MembershipImporter(_Importer):
    """멤버십: 일자, 사업명 or 사업코드, 공간, 회원, 기업."""

    kind = "ecosystem_memberships"
    label = "멤버십"
    model = WorkspaceMembership
    identity = ("program", "date", "workspace", "member_name", "enterprise")
    field_columns = {"workspace": "공간", "member_name": "회원", "enterprise": "기업"}
    enterprise_columns = ("기업",)
    columns = record_columns(
        ImportColumn("공간", "공간", required=True, example="소셜디자인 기술혁신랩"),
        ImportColumn("회원", "회원", example="메이커 모임 공방"),
        ImportColumn("기업", "기업", aliases=("기업명",)),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        assert isinstance(references, _References)
        return {
            "workspace": references.workspace(row, "공간", errors),
            "member_name": _text(row, "회원", errors, WorkspaceMembership, "member_name"),
            "enterprise": references.enterprise(row, "기업", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        named = fields["enterprise"].name if fields["enterprise"] else fields["member_name"]
        return f"{fields['workspace'].name} · {named or '회원'}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_membership(center=self.center, **fields)


@register_importer
class GrantImporter(_Importer):
    """협동화 지원: 일자, 사업명 or 사업코드, 지원 기관, 부문, 지원금액, 사업 추진 내용."""

    kind = "ecosystem_grants"
    label = "협동화 지원"
    model = SectorGrant
    identity = ("program", "date", "institution", "sector")
    field_columns = {
        "institution": "지원 기관",
        "sector": "부문",
        "amount_won": "지원금액",
        "purpose": "사업 추진 내용",
    }
    institution_columns = ("지원 기관",)
    columns = record_columns(
        ImportColumn("지원 기관", "지원 기관", aliases=("기관명",), required=True),
        ImportColumn("부문", "부문", required=True, example="마을기업"),
        ImportColumn("지원금액", "지원금액", required=True, example="30,000,000"),
        ImportColumn("사업 추진 내용", "사업 추진 내용"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "institution": references.institution(row, "지원 기관", errors, required=True),
            "sector": required_choice(row, "부문", errors, Sector.choices),
            "amount_won": parse_amount(row, "지원금액", errors, required=True),
            "purpose": row.text("사업 추진 내용"),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['institution'].name} {Sector(fields['sector']).label}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_sector_grant(center=self.center, **fields)


def _area(row: Row, errors: RowErrors) -> Decimal | None:
    text = cell_text(row, "면적").replace(",", "").removesuffix("m²").removesuffix("㎡").strip()
    if not text:
        return None
    try:
        area = Decimal(text)
    except InvalidOperation:
        area = None
    if area is None or not area.is_finite() or area <= 0 or area >= 10**9:
        errors.add(row, row.column("면적"), f"‘{shown(text)}’은(는) 면적(m²)이 아닙니다.")
        return None
    return area.quantize(Decimal("0.1"))


@register_importer
class WorkspaceImporter(RecordImporter):
    """공동 작업장: 공간명, 공간 구분, 소재지, 면적(m²), 조성 목적, 구성, 개소일, 비고. Not a
    dated record: a row names its workspace by 공간명, and a file imported again updates it."""

    kind = "ecosystem_workspaces"
    label = "공동 작업장"
    model = Workspace
    identity = ("name",)
    field_columns = {
        "name": "공간명",
        "kind": "공간 구분",
        "address": "소재지",
        "area_m2": "면적",
        "purpose": "조성 목적",
        "facilities": "구성",
        "opened": "개소일",
        "notes": "비고",
    }
    date_column = "공간명"
    columns = (
        ImportColumn("공간명", "공간명", required=True, example="소셜디자인 기술혁신랩"),
        ImportColumn("공간 구분", "공간 구분", required=True, example="기술혁신랩"),
        ImportColumn("소재지", "소재지", example="종로구 청계천로 163"),
        ImportColumn("면적", "면적", aliases=("면적(m²)",), example="133"),
        ImportColumn("조성 목적", "조성 목적"),
        ImportColumn("구성", "구성"),
        ImportColumn("개소일", "개소일", example="2017-03-02", is_date=True),
        ImportColumn("비고", "비고"),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        name = " ".join(_text(row, "공간명", errors, Workspace, "name", required=True).split())
        kind = required_choice(row, "공간 구분", errors, WorkspaceKind.choices)
        fields = {
            "name": name,
            "kind": kind,
            "address": _text(row, "소재지", errors, Workspace, "address"),
            "area_m2": _area(row, errors),
            "purpose": row.text("조성 목적"),
            "facilities": _text(row, "구성", errors, Workspace, "facilities"),
            "opened": parse_date(row, "개소일", errors),
            "notes": row.text("비고"),
        }
        if len(errors) > before:
            return None
        return Line(row, fields, f"{name} ({WorkspaceKind(kind).label})")

    def create(self, fields: dict[str, Any]) -> None:
        services.save_workspace(center=self.center, **fields)
