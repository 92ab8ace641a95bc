"""지역 및 협동 기반 records: the rules their services keep and the figures their metrics give."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dure.core.models import Center
from dure.ecosystem import services
from dure.ecosystem.models import (
    DailySupportKind,
    LevelUpType,
    MeetingFormat,
    MeetingSeries,
    OutputKind,
    Sector,
    Track,
    VillageSupportKind,
    WorkspaceActivityKind,
    ZoneSupportKind,
)
from dure.ecosystem.tests.factories import DAY, ecosystem_tree, workspace
from dure.programs.evaluation import FigureRequest, compute
from dure.programs.metric_registry import Scope, get_metric
from dure.registry import services as registry_services


@pytest.fixture
def tree(db):
    return ecosystem_tree()


@pytest.fixture
def center(tree) -> Center:
    return tree.program.center


def _figure(key: str, aggregation: str, center: Center, **parameters) -> object:
    scope = Scope((center.pk,), datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))
    return compute([FigureRequest("x", get_metric(key), scope, aggregation, parameters)])["x"]


def test_projects_count_by_track_and_their_distinct_members(tree, center):
    firms = [registry_services.create_enterprise(center=center, name=n) for n in ("가온", "나래")]
    for title, members in (("공동판매", firms), ("업사이클", firms[:1])):
        services.record_project(
            center=center,
            program=tree.program,
            date=DAY,
            track=Track.COOPERATIVE_BUSINESS,
            round="1차",
            title=title,
            members=members,
        )
    services.record_project(
        center=center, program=tree.program, date=DAY, track=Track.FRANCHISING, title="본사"
    )
    assert _figure("ecosystem.projects", "count", center, track=["cooperative_business"]) == 2
    assert _figure("ecosystem.projects", "distinct_members", center) == 2
    assert _figure("ecosystem.projects", "count", center) == 3


def test_outputs_count_by_kind_and_by_their_projects_track(tree, center):
    project = services.record_project(
        center=center, program=tree.program, date=DAY, track=Track.FRANCHISING, title="본사"
    )
    for kind in (OutputKind.MODEL, OutputKind.STORE, OutputKind.STORE):
        services.record_output(
            center=center, program=tree.program, date=DAY, project=project, kind=kind, title="x"
        )
    services.record_output(
        center=center, program=tree.program, date=DAY, kind=OutputKind.REPORT, title="보고서"
    )
    assert _figure("ecosystem.outputs", "count", center, kind=["store"]) == 2
    assert _figure("ecosystem.outputs", "count", center, track=["franchising"]) == 3
    assert _figure("ecosystem.outputs", "count", center, kind=["pilot_site"]) == 0


def test_a_special_zone_needs_its_district(tree, center):
    with pytest.raises(ValidationError, match="자치구"):
        services.record_special_zone(center=center, program=tree.program, date=DAY, title="특구")


def test_zone_support_takes_its_zones_district(tree, center):
    zone = services.record_special_zone(
        center=center, program=tree.program, date=DAY, district="성동구", title="소셜패션"
    )
    support = services.record_zone_support(
        center=center, program=tree.program, date=DAY, kind=ZoneSupportKind.VISIT, zone=zone
    )
    assert support.district == "성동구"
    assert _figure("ecosystem.zone_supports", "count", center, district=["성동구"]) == 1
    assert _figure("ecosystem.zone_supports", "count", center, kind=["consulting"]) == 0


def test_meetings_count_by_series_and_format(tree, center):
    for series in (MeetingSeries.POLICY_COUNCIL, MeetingSeries.POLICY_COUNCIL):
        services.record_meeting(
            center=center, program=tree.program, date=DAY, series=series, format="meeting"
        )
    services.record_meeting(
        center=center,
        program=tree.program,
        date=DAY,
        series=MeetingSeries.TASK_FORCE,
        format=MeetingFormat.FORMATION,
        participants=12,
    )
    assert _figure("ecosystem.meetings", "count", center, series=["policy_council"]) == 2
    assert _figure("ecosystem.meetings", "count", center, format=["formation"]) == 1
    assert _figure("ecosystem.meetings", "sum_participants", center) == 12


def test_daily_village_support_needs_its_kind_and_others_refuse_one(tree, center):
    with pytest.raises(ValidationError, match="일상지원의 유형"):
        services.record_village_support(
            center=center, program=tree.program, date=DAY, kind=VillageSupportKind.DAILY
        )
    with pytest.raises(ValidationError, match="일상지원이 아닌"):
        services.record_village_support(
            center=center,
            program=tree.program,
            date=DAY,
            kind=VillageSupportKind.EDUCATION,
            daily_kind=DailySupportKind.LEGAL,
        )


def test_an_inspection_cannot_count_more_teams_than_applied(tree, center):
    with pytest.raises(ValidationError, match="신청팀수"):
        services.record_village_support(
            center=center,
            program=tree.program,
            date=DAY,
            kind=VillageSupportKind.INSPECTION,
            teams=20,
            applicant_teams=19,
        )


def test_village_support_sums_sessions_teams_and_people_and_counts_firms(tree, center):
    firm = registry_services.create_enterprise(center=center, name="마을무지개")
    services.record_village_support(
        center=center,
        program=tree.program,
        date=DAY,
        kind=VillageSupportKind.EDUCATION,
        sessions=2,
        teams=29,
        participants=140,
    )
    for kind in (DailySupportKind.CONSULTING, DailySupportKind.ACCOUNTING):
        services.record_village_support(
            center=center,
            program=tree.program,
            date=DAY,
            kind=VillageSupportKind.DAILY,
            daily_kind=kind,
            enterprise=firm,
        )
    assert _figure("ecosystem.village_supports", "sum_sessions", center, kind=["education"]) == 2
    assert _figure("ecosystem.village_supports", "sum_teams", center) == 29
    assert _figure("ecosystem.village_supports", "sum_participants", center) == 140
    assert _figure("ecosystem.village_supports", "count", center, kind=["daily"]) == 2
    assert _figure("ecosystem.village_supports", "distinct_enterprises", center) == 1


def test_levelup_support_counts_cases_and_firms(tree, center):
    firm = registry_services.create_enterprise(center=center, name="마을무지개")
    for kind in (LevelUpType.MARKETING, LevelUpType.OTHER):
        services.record_levelup_support(
            center=center, program=tree.program, date=DAY, enterprise=firm, support_type=kind
        )
    assert _figure("ecosystem.levelup_supports", "count", center) == 2
    assert _figure("ecosystem.levelup_supports", "distinct_enterprises", center) == 1
    with pytest.raises(ValidationError, match="0원 이상"):
        services.record_levelup_support(
            center=center,
            program=tree.program,
            date=DAY,
            enterprise=firm,
            support_type=LevelUpType.MARKETING,
            amount_won=-1,
        )


def test_workspace_records_count_by_workspace(tree, center):
    lab = workspace(center, area_m2=Decimal("133"))
    hub = workspace(center, "창신숭인 사회적경제허브", kind="hub")
    services.record_workspace_use(
        center=center, program=tree.program, date=DAY, workspace=lab, users=31
    )
    services.record_membership(
        center=center, program=tree.program, date=DAY, workspace=lab, member_name="공방"
    )
    for place in (lab, hub):
        services.record_workspace_activity(
            center=center,
            program=tree.program,
            date=DAY,
            workspace=place,
            kind=WorkspaceActivityKind.PROGRAM,
            title="장비 교육",
        )
    assert _figure("ecosystem.workspace_uses", "sum_users", center) == 31
    assert _figure("ecosystem.memberships", "count", center, workspace=[lab.name]) == 1
    assert _figure("ecosystem.workspace_activities", "count", center, workspace=[hub.name]) == 1
    assert _figure("ecosystem.workspaces", "count", center) == 2


def test_a_workspace_needs_a_positive_area_and_a_unique_name(tree, center):
    with pytest.raises(ValidationError, match="면적"):
        workspace(center, area_m2=Decimal("0"))
    workspace(center)
    with pytest.raises(ValidationError):
        workspace(center)


def test_a_record_cannot_name_another_centers_workspace(tree, center):
    other = Center.objects.get(code="SEOUL-GANGDONG")
    lab = workspace(other)
    gwanak = Center.objects.get(code="SEOUL-GWANAK")
    with pytest.raises(ValidationError, match="다른 센터의 공간"):
        services.record_membership(
            center=gwanak, program=tree.program, date=DAY, workspace=lab, member_name="x"
        )


def test_grants_count_institutions_and_sum_amounts(tree, center):
    body, _ = registry_services.ensure_institution(name="서울자활기업협회", center=center)
    services.record_sector_grant(
        center=center,
        program=tree.program,
        date=DAY,
        institution=body,
        sector=Sector.SELF_SUFFICIENCY,
        amount_won=30_000_000,
    )
    assert _figure("ecosystem.grants", "distinct_institutions", center) == 1
    assert _figure("ecosystem.grants", "sum_amount", center) == 30_000_000


def test_a_record_outside_its_programs_year_is_refused(tree, center):
    with pytest.raises(ValidationError, match="회계연도\\(2017년\\) 밖"):
        services.record_meeting(
            center=center,
            program=tree.program,
            date=datetime.date(2018, 1, 2),
            series=MeetingSeries.GLOBAL_COMMITTEE,
            format=MeetingFormat.MEETING,
        )


def test_a_milestone_is_added_and_completed(tree, center):
    project = services.record_project(
        center=center, program=tree.program, date=DAY, track=Track.INTEGRATED_CARE, title="연구"
    )
    step = services.add_milestone(project=project, title="중간보고", due=datetime.date(2017, 9, 1))
    assert step.done is None
    services.complete_milestone(milestone=step, done=datetime.date(2017, 9, 3))
    assert project.milestones.get().done == datetime.date(2017, 9, 3)
    with pytest.raises(ValidationError, match="완료일"):
        services.add_milestone(
            project=project, title="착수", due=DAY, done=datetime.date(2017, 1, 2)
        )
