"""지역 및 협동 기반 records: every change goes through here (one transaction, validated,
audited). The shared `create_record / update_record / delete_record` change any of them."""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from dure.core.models import Center
from dure.core.periods import ensure_all_open
from dure.ecosystem.models import (
    LevelUpSupport,
    Meeting,
    Milestone,
    Output,
    Project,
    SectorGrant,
    SpecialZone,
    VillageSupport,
    Workspace,
    WorkspaceActivity,
    WorkspaceMembership,
    WorkspaceUse,
    ZoneSupport,
)
from dure.programs.models import Program
from dure.programs.records.services import save_record as _save
from dure.registry.models import Enterprise, Institution


def _same_reach(center: Center, owner: Center, what: str, field: str) -> None:
    """A record names only a workspace or project of its own center or its metropolitan one."""
    if owner.pk not in {center.pk, center.parent_id}:
        raise ValidationError({field: f"다른 센터의 {what}입니다."})


@transaction.atomic
def record_project(
    *,
    center: Center,
    program: Program,
    date: datetime.date,
    members: Iterable[Enterprise] = (),
    member_institutions: Iterable[Institution] = (),
    **fields: Any,
) -> Project:
    """Record a pilot project or consortium with its member enterprises and institutions."""
    project = _save(Project(center=center, program=program, date=date, **fields))
    project.members.set(list(members))
    project.member_institutions.set(list(member_institutions))
    return project


@transaction.atomic
def add_project_member(
    *,
    project: Project,
    enterprise: Enterprise | None = None,
    institution: Institution | None = None,
) -> Project:
    """Add a member enterprise or institution to a project (refused while its year is
    settled)."""
    if (enterprise is None) == (institution is None):
        raise ValidationError("참여기업이나 참여기관 하나를 적어 주세요.")
    ensure_all_open([project])
    if enterprise is not None:
        project.members.add(enterprise)
    if institution is not None:
        project.member_institutions.add(institution)
    return project


@transaction.atomic
def add_milestone(
    *, project: Project, title: str, due: datetime.date, done: datetime.date | None = None
) -> Milestone:
    """Add a step to a project's plan."""
    ensure_all_open([project])
    return _save(Milestone(project=project, title=title, due=due, done=done))


@transaction.atomic
def complete_milestone(*, milestone: Milestone, done: datetime.date) -> Milestone:
    """Mark a project's step done on a day."""
    ensure_all_open([milestone.project])
    milestone.done = done
    return _save(milestone)


@transaction.atomic
def remove_milestone(*, milestone: Milestone) -> None:
    """Take a step entered by mistake off a project's plan."""
    ensure_all_open([milestone.project])
    milestone.delete()


@transaction.atomic
def record_output(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> Output:
    """Record an output (a model, report, store or pilot site), of a project or not."""
    output = Output(center=center, program=program, date=date, **fields)
    if output.project is not None:
        _same_reach(center, output.project.center, "전략 사업", "project")
    return _save(output)


@transaction.atomic
def record_special_zone(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> SpecialZone:
    """Record a district's special-zone project."""
    return _save(SpecialZone(center=center, program=program, date=date, **fields))


@transaction.atomic
def record_zone_support(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> ZoneSupport:
    """Record support given to a special zone (or to several at once)."""
    support = ZoneSupport(center=center, program=program, date=date, **fields)
    if support.zone is not None:
        _same_reach(center, support.zone.center, "예비특구", "zone")
        support.district = support.district or support.zone.district
    return _save(support)


@transaction.atomic
def record_meeting(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> Meeting:
    """Record a meeting, workshop or training of the district network or the policy council."""
    return _save(Meeting(center=center, program=program, date=date, **fields))


@transaction.atomic
def record_village_support(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> VillageSupport:
    """Record a village-enterprise support."""
    return _save(VillageSupport(center=center, program=program, date=date, **fields))


@transaction.atomic
def record_levelup_support(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> LevelUpSupport:
    """Record one level-up support of a village enterprise."""
    return _save(LevelUpSupport(center=center, program=program, date=date, **fields))


@transaction.atomic
def save_workspace(
    *, center: Center, workspace: Workspace | None = None, **fields: Any
) -> Workspace:
    """Register a workspace or change one."""
    row = workspace or Workspace(center=center)
    for name, value in fields.items():
        setattr(row, name, value)
    return _save(row)


def _at_workspace(model: Any, center: Center, **fields: Any) -> Any:
    row = model(center=center, **fields)
    if row.workspace_id is not None:
        _same_reach(center, row.workspace.center, "공간", "workspace")
    return _save(row)


@transaction.atomic
def record_workspace_activity(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> WorkspaceActivity:
    """Record work done at a workspace."""
    return _at_workspace(WorkspaceActivity, center, program=program, date=date, **fields)


@transaction.atomic
def record_workspace_use(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> WorkspaceUse:
    """Record a workspace's users over a month."""
    return _at_workspace(WorkspaceUse, center, program=program, date=date, **fields)


@transaction.atomic
def record_membership(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> WorkspaceMembership:
    """Record a membership of a workspace."""
    return _at_workspace(WorkspaceMembership, center, program=program, date=date, **fields)


@transaction.atomic
def record_sector_grant(
    *, center: Center, program: Program, date: datetime.date, **fields: Any
) -> SectorGrant:
    """Record a grant to a sector or industry association."""
    return _save(SectorGrant(center=center, program=program, date=date, **fields))
