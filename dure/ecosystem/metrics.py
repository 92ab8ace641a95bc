"""The 지역 및 협동 기반 metrics: projects and their outputs, special zones and the support
given to them, the network's meetings, village-enterprise and level-up support, the workspaces
with their activities, users and memberships, and the sector grants. Registered from here;
`programs` is not edited to add them."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from dure.core.formatting import format_date
from dure.core.listing import Column
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
from dure.programs.metric_registry import (
    MONEY_FAMILY,
    Parameter,
    Scope,
    counted,
    metric,
    summed,
)
from dure.programs.metrics import DISTRICT
from dure.programs.records.metrics import CENTER, DATE, NOTES, RECONSTRUCTED
from dure.programs.records.metrics import choice_parameter as _choice
from dure.programs.records.metrics import distinct_enterprises as _distinct_enterprises
from dure.programs.records.metrics import distinct_institutions as _distinct_institutions
from dure.programs.records.metrics import in_scope as _in_scope
from dure.programs.records.metrics import name_of as _name

WORKSPACE = Parameter("공간")
DISTRICT_COLUMN = Column("district", "자치구", lambda r: r.district, "district")


def _workspace_column() -> Column:
    return Column("workspace", "공간", lambda r: r.workspace.name, "workspace__name")


def _of_workspace(rows: QuerySet, workspace: list[str] | None) -> QuerySet:
    return rows.filter(workspace__name__in=workspace) if workspace else rows


def _filtered(rows: QuerySet, **conditions: list[str] | None) -> QuerySet:
    """The rows whose fields hold one of the given values (a condition left empty is none)."""
    wanted = {f"{name}__in": values for name, values in conditions.items() if values}
    return rows.filter(**wanted)


@metric(
    "ecosystem.projects",
    label="전략 사업",
    parameters={
        "track": _choice(Track, "분야 구분"),
        "round": _choice(Round, "차수"),
        "district": DISTRICT,
    },
    measures={
        "count": counted(),
        "distinct_members": _distinct_enterprises("members", "참여기업수"),
    },
    columns=(
        DATE,
        CENTER,
        Column("track", "분야 구분", lambda r: r.get_track_display(), "track"),
        Column("round", "차수", lambda r: r.round, "round"),
        Column("field", "분야", lambda r: r.field, "field"),
        Column("title", "사업명", lambda r: r.title, "title"),
        Column("lead", "수행기관", _name("lead_institution"), "lead_institution__name"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "lead_institution"),
    record_page="ecosystem:project_detail",
    reconstructed_field="reconstructed",
)
def projects(
    scope: Scope,
    *,
    track: list[str] | None = None,
    round: list[str] | None = None,
    district: list[str] | None = None,
) -> QuerySet[Project]:
    """Pilot projects and consortia of the scope's centers chosen within its dates."""
    rows = _in_scope(Project.objects.all(), scope, district)
    return _filtered(rows, track=track, round=round)


@metric(
    "ecosystem.outputs",
    label="성과물",
    parameters={
        "kind": _choice(OutputKind, "성과물 구분"),
        "track": _choice(Track, "분야 구분"),
        "district": DISTRICT,
    },
    measures={"count": counted()},
    columns=(
        DATE,
        CENTER,
        Column("kind", "성과물 구분", lambda r: r.get_kind_display(), "kind"),
        Column("title", "성과물", lambda r: r.title, "title"),
        Column("project", "전략 사업", lambda r: r.project.title if r.project else ""),
        Column("institution", "기관", _name("institution"), "institution__name"),
        Column("enterprise", "기업", _name("enterprise"), "enterprise__name"),
        DISTRICT_COLUMN,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "project", "institution", "enterprise"),
    record_page="ecosystem:output_detail",
    reconstructed_field="reconstructed",
)
def outputs(
    scope: Scope,
    *,
    kind: list[str] | None = None,
    track: list[str] | None = None,
    district: list[str] | None = None,
) -> QuerySet[Output]:
    """Outputs of the scope's centers delivered within its dates."""
    rows = _in_scope(Output.objects.all(), scope, district)
    return _filtered(rows, kind=kind, project__track=track)


@metric(
    "ecosystem.special_zones",
    label="예비특구",
    parameters={"district": DISTRICT},
    measures={"count": counted("개소")},
    columns=(
        DATE,
        CENTER,
        DISTRICT_COLUMN,
        Column("title", "사업명", lambda r: r.title, "title"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="ecosystem:special_zone_detail",
    reconstructed_field="reconstructed",
)
def special_zones(scope: Scope, *, district: list[str] | None = None) -> QuerySet[SpecialZone]:
    """Special zones of the scope's centers chosen within its dates."""
    return _in_scope(SpecialZone.objects.all(), scope, district)


@metric(
    "ecosystem.zone_supports",
    label="예비특구 지원",
    parameters={"kind": _choice(ZoneSupportKind, "지원 구분"), "district": DISTRICT},
    measures={"count": counted(), "sum_participants": summed("참여인원", "participants")},
    columns=(
        DATE,
        CENTER,
        Column("kind", "지원 구분", lambda r: r.get_kind_display(), "kind"),
        Column("zone", "예비특구", lambda r: str(r.zone) if r.zone else ""),
        DISTRICT_COLUMN,
        Column("participants", "참여인원", lambda r: r.participants, "participants"),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "zone"),
    record_page="ecosystem:zone_support_detail",
    reconstructed_field="reconstructed",
)
def zone_supports(
    scope: Scope, *, kind: list[str] | None = None, district: list[str] | None = None
) -> QuerySet[ZoneSupport]:
    """Support given to the special zones by the scope's centers within its dates."""
    return _filtered(_in_scope(ZoneSupport.objects.all(), scope, district), kind=kind)


@metric(
    "ecosystem.meetings",
    label="협력 회의",
    parameters={
        "series": _choice(MeetingSeries, "회의 구분"),
        "format": _choice(MeetingFormat, "형식"),
        "district": DISTRICT,
    },
    measures={"count": counted(), "sum_participants": summed("참여인원", "participants")},
    columns=(
        DATE,
        CENTER,
        Column("series", "회의 구분", lambda r: r.get_series_display(), "series"),
        Column("format", "형식", lambda r: r.get_format_display(), "format"),
        Column("title", "내용", lambda r: r.title),
        Column("participants", "참여인원", lambda r: r.participants, "participants"),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="ecosystem:meeting_detail",
    reconstructed_field="reconstructed",
)
def meetings(
    scope: Scope,
    *,
    series: list[str] | None = None,
    format: list[str] | None = None,
    district: list[str] | None = None,
) -> QuerySet[Meeting]:
    """Meetings, workshops and trainings of the scope's centers held within its dates."""
    rows = _in_scope(Meeting.objects.all(), scope, district)
    return _filtered(rows, series=series, format=format)


def _supported_name(row: VillageSupport) -> str:
    named = row.enterprise or row.institution
    return named.name if named is not None else row.group_name


@metric(
    "ecosystem.village_supports",
    label="마을기업 지원",
    parameters={
        "kind": _choice(VillageSupportKind, "지원 구분"),
        "daily_kind": _choice(DailySupportKind, "일상지원 유형"),
        "grant_stage": _choice(GrantStage, "사업비 단계"),
        "district": DISTRICT,
    },
    measures={
        "count": counted(),
        "sum_sessions": summed("횟수", "sessions"),
        "sum_teams": summed("팀수", "teams"),
        "sum_applicant_teams": summed("신청팀수", "applicant_teams"),
        "sum_participants": summed("인원", "participants"),
        "distinct_enterprises": _distinct_enterprises("enterprise"),
        "distinct_institutions": _distinct_institutions("institution", "기관수"),
    },
    columns=(
        DATE,
        CENTER,
        Column("kind", "지원 구분", lambda r: r.get_kind_display(), "kind"),
        Column("daily_kind", "일상지원 유형", lambda r: r.get_daily_kind_display(), "daily_kind"),
        Column("grant_stage", "사업비 단계", lambda r: r.get_grant_stage_display()),
        Column("name", "기업·기관·주체", _supported_name),
        DISTRICT_COLUMN,
        Column("sessions", "횟수", lambda r: r.sessions, "sessions"),
        Column("teams", "팀수", lambda r: r.teams, "teams"),
        Column("participants", "인원", lambda r: r.participants, "participants"),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "enterprise", "institution"),
    record_page="ecosystem:village_support_detail",
    reconstructed_field="reconstructed",
)
def village_supports(
    scope: Scope,
    *,
    kind: list[str] | None = None,
    daily_kind: list[str] | None = None,
    grant_stage: list[str] | None = None,
    district: list[str] | None = None,
) -> QuerySet[VillageSupport]:
    """Village-enterprise support of the scope's centers given within its dates."""
    rows = _in_scope(VillageSupport.objects.all(), scope, district)
    return _filtered(rows, kind=kind, daily_kind=daily_kind, grant_stage=grant_stage)


@metric(
    "ecosystem.levelup_supports",
    label="레벨업 지원",
    parameters={"support_type": _choice(LevelUpType, "지원유형"), "district": DISTRICT},
    measures={
        "count": counted(),
        "distinct_enterprises": _distinct_enterprises("enterprise"),
        "sum_amount": summed("지원금액", "amount_won", family=MONEY_FAMILY),
    },
    columns=(
        DATE,
        CENTER,
        Column("enterprise", "마을기업", _name("enterprise"), "enterprise__name"),
        Column("support_type", "지원유형", lambda r: r.get_support_type_display(), "support_type"),
        Column("amount_won", "지원금액(원)", lambda r: r.amount_won, "amount_won"),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "enterprise"),
    record_page="ecosystem:levelup_support_detail",
    reconstructed_field="reconstructed",
)
def levelup_supports(
    scope: Scope, *, support_type: list[str] | None = None, district: list[str] | None = None
) -> QuerySet[LevelUpSupport]:
    """Level-up support of the scope's centers given within its dates."""
    rows = _in_scope(LevelUpSupport.objects.all(), scope, district)
    return _filtered(rows, support_type=support_type)


def _opened(row: Any) -> str:
    return format_date(row.opened) if row.opened else ""


@metric(
    "ecosystem.workspaces",
    label="공동 작업장",
    parameters={"kind": _choice(WorkspaceKind, "공간 구분")},
    measures={"count": counted("개소")},
    columns=(
        Column("name", "공간명", lambda r: r.name, "name"),
        CENTER,
        Column("kind", "공간 구분", lambda r: r.get_kind_display(), "kind"),
        Column("address", "소재지", lambda r: r.address),
        Column("area_m2", "면적(m²)", lambda r: r.area_m2, "area_m2"),
        Column("opened", "개소일", _opened, "opened"),
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="ecosystem:workspace_detail",
)
def workspaces(scope: Scope, *, kind: list[str] | None = None) -> QuerySet[Workspace]:
    """Workspaces of the scope's centers open by the end of its dates (or of no known day)."""
    rows = Workspace.objects.filter(center_id__in=scope.center_ids).filter(
        Q(opened__lte=scope.ends_on) | Q(opened=None)
    )
    return _filtered(rows, kind=kind)


@metric(
    "ecosystem.workspace_activities",
    label="공간 활동",
    parameters={
        "workspace": WORKSPACE,
        "kind": _choice(WorkspaceActivityKind, "활동 구분"),
    },
    measures={"count": counted(), "sum_participants": summed("참여인원", "participants")},
    columns=(
        DATE,
        CENTER,
        _workspace_column(),
        Column("kind", "활동 구분", lambda r: r.get_kind_display(), "kind"),
        Column("title", "내용", lambda r: r.title),
        Column("participants", "참여인원", lambda r: r.participants, "participants"),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "workspace"),
    record_page="ecosystem:workspace_activity_detail",
    reconstructed_field="reconstructed",
)
def workspace_activities(
    scope: Scope, *, workspace: list[str] | None = None, kind: list[str] | None = None
) -> QuerySet[WorkspaceActivity]:
    """Work done at the scope's centers' workspaces within its dates."""
    rows = _in_scope(WorkspaceActivity.objects.all(), scope)
    return _filtered(_of_workspace(rows, workspace), kind=kind)


@metric(
    "ecosystem.workspace_uses",
    label="공간 이용",
    parameters={"workspace": WORKSPACE},
    measures={"sum_users": summed("이용자수", "users"), "count": counted()},
    columns=(
        DATE,
        CENTER,
        _workspace_column(),
        Column("users", "이용자수", lambda r: r.users, "users"),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "workspace"),
    record_page="ecosystem:workspace_use_detail",
    reconstructed_field="reconstructed",
)
def workspace_uses(scope: Scope, *, workspace: list[str] | None = None) -> QuerySet[WorkspaceUse]:
    """The users of the scope's centers' workspaces recorded within its dates."""
    return _of_workspace(_in_scope(WorkspaceUse.objects.all(), scope), workspace)


@metric(
    "ecosystem.memberships",
    label="멤버십",
    parameters={"workspace": WORKSPACE},
    measures={"count": counted()},
    columns=(
        DATE,
        CENTER,
        _workspace_column(),
        Column(
            "member",
            "회원",
            lambda r: r.enterprise.name if r.enterprise else r.member_name,
            "member_name",
        ),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "workspace", "enterprise"),
    record_page="ecosystem:membership_detail",
    reconstructed_field="reconstructed",
)
def memberships(
    scope: Scope, *, workspace: list[str] | None = None
) -> QuerySet[WorkspaceMembership]:
    """Memberships of the scope's centers' workspaces begun within its dates."""
    return _of_workspace(_in_scope(WorkspaceMembership.objects.all(), scope), workspace)


@metric(
    "ecosystem.grants",
    label="협동화 지원",
    parameters={"sector": _choice(Sector, "부문")},
    measures={
        "count": counted(),
        "distinct_institutions": _distinct_institutions("institution", "기관수"),
        "sum_amount": summed("지원금액", "amount_won", family=MONEY_FAMILY),
    },
    columns=(
        DATE,
        CENTER,
        Column("institution", "지원 기관", _name("institution"), "institution__name"),
        Column("sector", "부문", lambda r: r.get_sector_display(), "sector"),
        Column("amount_won", "지원금액(원)", lambda r: r.amount_won, "amount_won"),
        Column("purpose", "사업 추진 내용", lambda r: r.purpose),
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "institution"),
    record_page="ecosystem:grant_detail",
    reconstructed_field="reconstructed",
)
def grants(scope: Scope, *, sector: list[str] | None = None) -> QuerySet[SectorGrant]:
    """Grants of the scope's centers to sector associations given within its dates."""
    return _filtered(_in_scope(SectorGrant.objects.all(), scope), sector=sector)
