"""지역 및 협동 기반 screens: a project's page with its members, milestones and outputs, a
workspace's page with its uses and memberships, and who may see and change which records."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from dure.core.models import Center
from dure.ecosystem import services
from dure.ecosystem.models import Meeting, Project, Track
from dure.ecosystem.tests.factories import ecosystem_tree, workspace
from dure.registry import services as registry_services


@pytest.fixture
def tree(db):
    return ecosystem_tree(year=timezone.localdate().year)


@pytest.fixture
def day(tree) -> datetime.date:
    return datetime.date(tree.fiscal_year.year, 5, 23)


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _meeting(center: Center, tree, day: datetime.date) -> Meeting:
    return services.record_meeting(
        center=center, program=tree.program, date=day, series="policy_council", format="meeting"
    )


def test_staff_record_a_project_and_add_members_and_milestones(tree, day, program_staff):
    center = tree.program.center
    registry_services.create_enterprise(center=center, name="트래블러스맵")
    client = _client(program_staff)
    response = client.post(
        "/ecosystem/projects/new/",
        {
            "program": tree.program.pk,
            "date": day.isoformat(),
            "track": Track.COOPERATIVE_BUSINESS,
            "round": "1차",
            "title": "공동판매 시스템 개발",
        },
    )
    assert response.status_code == 302
    project = Project.objects.get()
    client.post(f"/ecosystem/projects/{project.pk}/members/", {"enterprise": "트래블러스맵"})
    client.post(
        f"/ecosystem/projects/{project.pk}/milestones/",
        {"title": "플랫폼 구축", "due": day.replace(month=9).isoformat()},
    )
    page = client.get(f"/ecosystem/projects/{project.pk}/").content.decode()
    assert "트래블러스맵" in page and "플랫폼 구축" in page and "진행 중" in page
    step = project.milestones.get()
    done = day.replace(month=9, day=3)
    client.post(
        f"/ecosystem/projects/{project.pk}/milestones/{step.pk}/done/", {"done": done.isoformat()}
    )
    step.refresh_from_db()
    assert step.done == done


def test_a_step_of_another_centers_project_is_not_found(tree, day, district_staff):
    project = services.record_project(
        center=tree.program.center, program=tree.program, date=day, track="other", title="x"
    )
    step = services.add_milestone(project=project, title="착수", due=day)
    url = f"/ecosystem/projects/{project.pk}/milestones/{step.pk}/done/"
    response = _client(district_staff).post(url, {"done": day.isoformat()})
    assert response.status_code == 404
    step.refresh_from_db()
    assert step.done is None


def test_an_unknown_member_is_named_in_the_error_and_nothing_is_added(tree, day, program_staff):
    project = services.record_project(
        center=tree.program.center, program=tree.program, date=day, track="other", title="x"
    )
    client = _client(program_staff)
    response = client.post(
        f"/ecosystem/projects/{project.pk}/members/", {"enterprise": "없는기업"}, follow=True
    )
    assert "‘없는기업’이라는 기업이(가) 명부에 없습니다" in response.content.decode()
    assert not project.members.exists()


def test_the_workspace_page_lists_its_uses_and_memberships(tree, day, program_staff):
    center = tree.program.center
    lab = workspace(center, address="종로구 청계천로 163")
    services.record_workspace_use(
        center=center, program=tree.program, date=day, workspace=lab, users=31
    )
    services.record_membership(
        center=center, program=tree.program, date=day, workspace=lab, member_name="적정기술공방"
    )
    page = _client(program_staff).get(f"/ecosystem/workspaces/{lab.pk}/").content.decode()
    assert "적정기술공방" in page and "31" in page and "종로구 청계천로 163" in page


def test_district_staff_see_and_change_only_their_centers_records(
    tree, day, district_staff, other_district_staff
):
    record = _meeting(Center.objects.get(code="SEOUL-GANGDONG"), tree, day)
    own = _client(district_staff)
    assert own.get(f"/ecosystem/meetings/{record.pk}/").status_code == 200
    assert own.get(f"/ecosystem/meetings/{record.pk}/edit/").status_code == 200
    other = _client(other_district_staff)
    assert other.get(f"/ecosystem/meetings/{record.pk}/").status_code == 404
    assert other.post(f"/ecosystem/meetings/{record.pk}/delete/").status_code == 404
    listed = other.get("/ecosystem/meetings/").context["listing"].page
    assert record.pk not in [row.pk for row in listed]


def test_the_funder_reads_and_every_write_is_refused(tree, day, funder):
    record = _meeting(tree.program.center, tree, day)
    project = services.record_project(
        center=tree.program.center, program=tree.program, date=day, track="other", title="x"
    )
    client = _client(funder)
    assert client.get("/ecosystem/meetings/").status_code == 200
    assert client.get(f"/ecosystem/meetings/{record.pk}/").status_code == 200
    assert client.get("/ecosystem/meetings/new/").status_code == 403
    assert client.post(f"/ecosystem/meetings/{record.pk}/delete/").status_code == 403
    assert client.post(f"/ecosystem/projects/{project.pk}/members/", {}).status_code == 403
    assert Meeting.objects.count() == 1


def test_members_experts_and_strangers_are_refused(tree, day, member, expert):
    record = _meeting(tree.program.center, tree, day)
    for user in (member, expert):
        assert _client(user).get(f"/ecosystem/meetings/{record.pk}/").status_code in {403, 404}
        assert _client(user).get("/ecosystem/workspaces/").status_code == 403
    assert Client().get("/ecosystem/meetings/").status_code == 302


def test_a_workspace_with_records_is_not_deleted(tree, day, program_staff):
    center = tree.program.center
    lab = workspace(center)
    services.record_membership(
        center=center, program=tree.program, date=day, workspace=lab, member_name="공방"
    )
    response = _client(program_staff).post(f"/ecosystem/workspaces/{lab.pk}/delete/", follow=True)
    assert "다른 기록이 있어 지우지 않았습니다" in response.content.decode()


def test_the_list_and_pages_stay_within_a_bound_of_queries(
    tree, day, program_staff, django_assert_max_num_queries
):
    center = tree.program.center
    lab = workspace(center)
    firm = registry_services.create_enterprise(center=center, name="마을무지개")
    project = services.record_project(
        center=center, program=tree.program, date=day, track="other", title="x", members=[firm]
    )
    for _ in range(30):
        services.record_membership(
            center=center, program=tree.program, date=day, workspace=lab, enterprise=firm
        )
        services.record_output(
            center=center, program=tree.program, date=day, project=project, kind="model", title="y"
        )
    client = _client(program_staff)
    for url in (
        "/ecosystem/memberships/",
        "/ecosystem/outputs/",
        f"/ecosystem/workspaces/{lab.pk}/",
        f"/ecosystem/projects/{project.pk}/",
    ):
        with django_assert_max_num_queries(30):
            assert client.get(url).status_code == 200


def test_staff_take_a_mistaken_step_off_the_plan_and_outsiders_cannot(
    tree, day, program_staff, district_staff, funder
):
    project = services.record_project(
        center=tree.program.center, program=tree.program, date=day, track="other", title="x"
    )
    kept = services.add_milestone(project=project, title="착수", due=day)
    mistaken = services.add_milestone(project=project, title="잘못 넣은 단계", due=day)
    url = f"/ecosystem/projects/{project.pk}/milestones/{mistaken.pk}/remove/"
    assert _client(district_staff).post(url).status_code == 404
    assert _client(funder).post(url).status_code == 403
    assert _client(program_staff).get(url).status_code == 405  # a removal is a POST only
    assert project.milestones.count() == 2
    response = _client(program_staff).post(url, follow=True)
    assert "‘잘못 넣은 단계’ 단계를 지웠습니다" in response.content.decode()
    assert list(project.milestones.all()) == [kept]
