"""지역 및 협동 기반 screens: every record type through the shared record screens, a project's
page with its members, milestones and outputs, a workspace's page with its activities, users
and memberships."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from dure.core.access import get_editable_or_404, require
from dure.core.http import AuthenticatedRequest, show_errors
from dure.core.roles import Capability
from dure.ecosystem import forms, models, services
from dure.programs.records.views import RecordScreens, RecordType


def _project_context(request: AuthenticatedRequest, project: Any) -> dict[str, Any]:
    return {
        "members": project.members.order_by("name"),
        "member_institutions": project.member_institutions.order_by("name"),
        "milestones": project.milestones.all(),
        "outputs": models.Output.objects.visible_to(request.user)
        .filter(project=project)
        .select_related("institution", "enterprise"),
        "member_form": forms.MemberForm(user=request.user, center=project.center),
        "milestone_form": forms.MilestoneForm(),
    }


def _workspace_context(request: AuthenticatedRequest, workspace: Any) -> dict[str, Any]:
    user = request.user
    activities = models.WorkspaceActivity.objects.visible_to(user).filter(workspace=workspace)
    uses = models.WorkspaceUse.objects.visible_to(user).filter(workspace=workspace)
    memberships = models.WorkspaceMembership.objects.visible_to(user).filter(workspace=workspace)
    return {
        "activities": activities.order_by("-date", "-pk"),
        "uses": uses.order_by("date", "pk"),
        "memberships": memberships.select_related("enterprise").order_by("-date", "-pk"),
    }


TYPES = [
    RecordType(
        "project",
        "projects",
        "전략 사업",
        models.Project,
        forms.ProjectForm,
        "ecosystem.projects",
        lambda **f: services.record_project(**f),
        ("track", "round"),
        detail_template="ecosystem/project_detail.html",
        detail_context=_project_context,
    ),
    RecordType(
        "output",
        "outputs",
        "성과물",
        models.Output,
        forms.OutputForm,
        "ecosystem.outputs",
        lambda **f: services.record_output(**f),
        ("kind",),
    ),
    RecordType(
        "special_zone",
        "special-zones",
        "예비특구",
        models.SpecialZone,
        forms.SpecialZoneForm,
        "ecosystem.special_zones",
        lambda **f: services.record_special_zone(**f),
    ),
    RecordType(
        "zone_support",
        "zone-supports",
        "예비특구 지원",
        models.ZoneSupport,
        forms.ZoneSupportForm,
        "ecosystem.zone_supports",
        lambda **f: services.record_zone_support(**f),
        ("kind",),
    ),
    RecordType(
        "meeting",
        "meetings",
        "협력 회의",
        models.Meeting,
        forms.MeetingForm,
        "ecosystem.meetings",
        lambda **f: services.record_meeting(**f),
        ("series", "format"),
    ),
    RecordType(
        "village_support",
        "village-supports",
        "마을기업 지원",
        models.VillageSupport,
        forms.VillageSupportForm,
        "ecosystem.village_supports",
        lambda **f: services.record_village_support(**f),
        ("kind", "daily_kind"),
    ),
    RecordType(
        "levelup_support",
        "levelup-supports",
        "레벨업 지원",
        models.LevelUpSupport,
        forms.LevelUpSupportForm,
        "ecosystem.levelup_supports",
        lambda **f: services.record_levelup_support(**f),
        ("support_type",),
    ),
    RecordType(
        "workspace",
        "workspaces",
        "공동 작업장",
        models.Workspace,
        forms.WorkspaceForm,
        "ecosystem.workspaces",
        lambda **f: services.save_workspace(**f),
        detail_template="ecosystem/workspace_detail.html",
        detail_context=_workspace_context,
        filter=forms.WorkspaceFilter,
        default_sort="name",
    ),
    RecordType(
        "workspace_activity",
        "workspace-activities",
        "공간 활동",
        models.WorkspaceActivity,
        forms.WorkspaceActivityForm,
        "ecosystem.workspace_activities",
        lambda **f: services.record_workspace_activity(**f),
        ("kind",),
    ),
    RecordType(
        "workspace_use",
        "workspace-uses",
        "공간 이용",
        models.WorkspaceUse,
        forms.WorkspaceUseForm,
        "ecosystem.workspace_uses",
        lambda **f: services.record_workspace_use(**f),
    ),
    RecordType(
        "membership",
        "memberships",
        "멤버십",
        models.WorkspaceMembership,
        forms.MembershipForm,
        "ecosystem.memberships",
        lambda **f: services.record_membership(**f),
    ),
    RecordType(
        "grant",
        "grants",
        "협동화 지원",
        models.SectorGrant,
        forms.GrantForm,
        "ecosystem.grants",
        lambda **f: services.record_sector_grant(**f),
        ("sector",),
    ),
]

SCREENS = RecordScreens(namespace="ecosystem", heading="지역 및 협동 기반", types=TYPES)


def _form_errors(request: AuthenticatedRequest, form: Any) -> None:
    for problem in form.non_field_errors():
        messages.error(request, problem)
    for name, problems in form.errors.items():
        if name == "__all__":
            continue
        for problem in problems:
            messages.error(request, f"{form.fields[name].label}: {problem}")


@require(Capability.RECORD_ACTIVITIES)
def project_member_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Add a member enterprise or institution to a project."""
    project = get_editable_or_404(models.Project, request.user, pk=pk)
    form = forms.MemberForm(request.POST or None, user=request.user, center=project.center)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_project_member(project=project, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, "참여 기업·기관을 더했습니다.")
    elif request.method == "POST":
        _form_errors(request, form)
    return redirect("ecosystem:project_detail", pk=pk)


@require(Capability.RECORD_ACTIVITIES)
def project_milestone_add(request: AuthenticatedRequest, pk: int) -> HttpResponse:
    """Add a step to a project's plan."""
    project = get_editable_or_404(models.Project, request.user, pk=pk)
    form = forms.MilestoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_milestone(project=project, **form.cleaned_data)
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, "추진 단계를 더했습니다.")
    elif request.method == "POST":
        _form_errors(request, form)
    return redirect("ecosystem:project_detail", pk=pk)


@require(Capability.RECORD_ACTIVITIES)
@require_POST
def project_milestone_remove(request: AuthenticatedRequest, pk: int, step: int) -> HttpResponse:
    """Take a step entered by mistake off the project's plan."""
    project = get_editable_or_404(models.Project, request.user, pk=pk)
    milestone = get_object_or_404(project.milestones, pk=step)
    try:
        services.remove_milestone(milestone=milestone)
    except ValidationError as error:
        show_errors(request, error)
    else:
        messages.success(request, f"‘{milestone.title}’ 단계를 지웠습니다.")
    return redirect("ecosystem:project_detail", pk=pk)


@require(Capability.RECORD_ACTIVITIES)
def project_milestone_done(request: AuthenticatedRequest, pk: int, step: int) -> HttpResponse:
    """Mark a project's step done today (or on the day given)."""
    project = get_editable_or_404(models.Project, request.user, pk=pk)
    milestone = get_object_or_404(project.milestones, pk=step)
    form = forms.MilestoneDoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.complete_milestone(milestone=milestone, done=form.cleaned_data["done"])
        except ValidationError as error:
            show_errors(request, error)
        else:
            messages.success(request, f"‘{milestone.title}’ 단계를 완료로 적었습니다.")
    elif request.method == "POST":
        _form_errors(request, form)
    return redirect("ecosystem:project_detail", pk=pk)
