"""An expert logs the sessions of their own engagements; staff get experts suggested with the
reasons, and an expert with a conflict is never suggested nor assigned."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dure.core.roles import Role
from dure.core.services import create_user, ensure_fiscal_year
from dure.registry.models import ExpertiseField, Membership
from dure.registry.tests.factories import AgencyFactory, EnterpriseFactory, ExpertFactory
from dure.support import services
from dure.support.matching import suggest_experts
from dure.support.models import EngagementSession, Status, SupportType
from dure.support.tests.factories import program_in

PASSWORD = "correct-horse-2017"


@pytest.fixture
def engagement(metropolitan_center, expert):
    program = program_in(metropolitan_center, ensure_fiscal_year(year=2017), "경영 지원")
    mine = ExpertFactory.create(name="김멘토", user=expert, is_mentor=True)
    return services.record_engagement(
        center=metropolitan_center,
        program=program,
        support_type=SupportType.MENTORING,
        enterprise=EnterpriseFactory(),
        expert=mine,
        starts_on=datetime.date(2017, 4, 1),
        status=Status.PLANNED,
        planned_sessions=4,
    )


def test_the_assigned_expert_logs_sessions_that_make_the_engagements_totals(
    client, engagement, expert
):
    client.force_login(expert)
    page = reverse("support:my_engagement_detail", args=[engagement.pk])
    assert (
        engagement.enterprise.name in client.get(reverse("support:my_engagements")).content.decode()
    )
    assert client.get(page).status_code == 200
    add = reverse("support:my_session_add", args=[engagement.pk])
    for day, hours in (("2017-04-03", "2"), ("2017-04-17", "1.5")):
        response = client.post(add, {"held_on": day, "hours": hours, "summary": "사업계획 점검"})
        assert response.status_code == 302
    engagement.refresh_from_db()
    assert engagement.delivered_sessions == 2
    assert engagement.hours == Decimal("3.5")
    assert engagement.status == Status.ONGOING
    assert set(EngagementSession.objects.values_list("logged_by", flat=True)) == {expert.pk}


def test_a_session_before_the_start_is_refused_and_nothing_changes(client, engagement, expert):
    client.force_login(expert)
    add = reverse("support:my_session_add", args=[engagement.pk])
    response = client.post(
        add, {"held_on": "2017-03-01", "hours": "2", "summary": "사전 면담"}, follow=True
    )
    assert "회차 일자가 지원 시작일보다 이릅니다." in response.content.decode()
    assert not EngagementSession.objects.exists()
    engagement.refresh_from_db()
    assert engagement.delivered_sessions is None


def test_only_the_assigned_expert_and_the_centers_staff_log_sessions(
    client, engagement, metropolitan_center, program_staff, other_district_staff, member, funder
):
    other = create_user(
        username="other_expert",
        password=PASSWORD,
        center=metropolitan_center,
        role=Role.EXPERT,
        display_name="다른 전문가",
    )
    ExpertFactory.create(name="박다른", user=other)
    data = {"held_on": "2017-04-03", "hours": "2", "summary": "점검"}
    client.force_login(other)
    assert (
        client.get(reverse("support:my_engagement_detail", args=[engagement.pk])).status_code == 404
    )
    assert (
        client.post(reverse("support:my_session_add", args=[engagement.pk]), data).status_code
        == 404
    )
    assert (
        engagement.enterprise.name
        not in client.get(reverse("support:my_engagements")).content.decode()
    )
    for refused in (program_staff, member, funder):
        client.force_login(refused)
        assert client.get(reverse("support:my_engagements")).status_code == 403
    client.force_login(other_district_staff)
    staff_add = reverse("support:engagement_session_add", args=[engagement.pk])
    assert client.post(staff_add, data).status_code == 404
    client.force_login(funder)
    assert client.post(staff_add, data).status_code == 403
    assert not EngagementSession.objects.exists()
    client.force_login(program_staff)
    assert client.post(staff_add, data).status_code == 302
    assert EngagementSession.objects.get().logged_by == program_staff


def test_an_expert_removes_only_the_sessions_they_logged(client, engagement, expert, program_staff):
    by_staff = services.log_session(
        engagement=engagement,
        by=program_staff,
        held_on=datetime.date(2017, 4, 3),
        hours=Decimal(2),
        summary="착수",
    )
    own = services.log_session(
        engagement=engagement,
        by=expert,
        held_on=datetime.date(2017, 4, 10),
        hours=Decimal(1),
        summary="점검",
    )
    client.force_login(expert)
    response = client.post(reverse("support:my_session_delete", args=[by_staff.pk]), follow=True)
    assert "직접 기록한 회차만 지울 수 있습니다." in response.content.decode()
    client.post(reverse("support:my_session_delete", args=[own.pk]))
    assert list(EngagementSession.objects.all()) == [by_staff]
    engagement.refresh_from_db()
    assert (engagement.delivered_sessions, engagement.hours) == (1, Decimal(2))


def test_staff_corrections_keep_the_totals_of_logged_sessions(engagement, program_staff):
    services.log_session(
        engagement=engagement,
        by=program_staff,
        held_on=datetime.date(2017, 4, 3),
        hours=Decimal(2),
        summary="착수",
    )
    services.update_engagement(engagement=engagement, delivered_sessions=9, hours=Decimal(40))
    engagement.refresh_from_db()
    assert (engagement.delivered_sessions, engagement.hours) == (1, Decimal(2))


@pytest.fixture
def matching(metropolitan_center):
    program = program_in(metropolitan_center, ensure_fiscal_year(year=2017), "경영 지원")
    finance = ExpertiseField.objects.get(name="재무전략")
    enterprise = EnterpriseFactory(name="바른먹거리협동조합")
    engagement = services.record_engagement(
        center=metropolitan_center,
        program=program,
        support_type=SupportType.BUSINESS,
        enterprise=enterprise,
        field=finance,
        starts_on=datetime.date(2017, 5, 1),
        status=Status.PLANNED,
    )
    fits = ExpertFactory.create(name="가재무")
    fits.expertise.add(finance)
    busy = ExpertFactory.create(name="나바쁨")
    busy.expertise.add(finance)
    for n in range(3):
        services.record_engagement(
            center=metropolitan_center,
            program=program,
            support_type=SupportType.BUSINESS,
            expert=busy,
            starts_on=datetime.date(2017, 3, 1 + n),
            status=Status.ONGOING,
        )
    liked = ExpertFactory.create(name="다만족")
    services.record_engagement(
        center=metropolitan_center,
        program=program,
        support_type=SupportType.BUSINESS,
        expert=liked,
        enterprise=enterprise,
        starts_on=datetime.date(2017, 2, 1),
        satisfaction=5,
    )
    own_agency = AgencyFactory(
        name="바른먹거리 협동조합", business_number=enterprise.business_number
    )
    conflicted = ExpertFactory.create(name="라충돌", agency=own_agency)
    conflicted.expertise.add(finance)
    mentor_only = ExpertFactory.create(name="마멘토", is_consultant=False, is_mentor=True)
    mentor_only.expertise.add(finance)
    return engagement, fits, busy, liked, conflicted


def test_experts_are_suggested_by_field_satisfaction_and_workload_with_reasons(matching):
    engagement = matching[0]
    suggestions, excluded = suggest_experts(engagement)
    names = [s.expert.name for s in suggestions]
    assert names == ["가재무", "다만족", "나바쁨"]
    reasons = {s.expert.name: s.reasons for s in suggestions}
    assert "분야 일치: 재무전략" in reasons["가재무"]
    assert "지난 지원 만족도 평균 5.0점(1건)" in reasons["다만족"]
    assert "이 기업을 지원한 적 있음(1건)" in reasons["다만족"]
    assert "진행·계획 중인 지원 3건" in reasons["나바쁨"]
    assert [(x.expert.name, x.reasons) for x in excluded] == [
        ("라충돌", ["소속 기관(바른먹거리 협동조합)이 지원 대상 기업입니다."])
    ]


def test_an_expert_with_a_conflict_cannot_be_assigned(client, matching, program_staff, funder):
    engagement, fits, _, _, conflicted = matching
    with pytest.raises(ValidationError):
        services.assign_expert(engagement=engagement, expert=conflicted)
    member = create_user(
        username="fits_member",
        password=PASSWORD,
        center=engagement.center,
        role=Role.MEMBER,
        display_name="회원",
    )
    fits.user = member
    fits.save()
    Membership.objects.create(user=member, enterprise=engagement.enterprise)
    url = reverse("support:engagement_assign", args=[engagement.pk])
    client.force_login(funder)
    assert client.post(url, {"expert": fits.pk}).status_code == 403
    client.force_login(program_staff)
    response = client.post(url, {"expert": fits.pk}, follow=True)
    assert "전문가의 계정이 지원 대상 기업의 회원입니다." in response.content.decode()
    engagement.refresh_from_db()
    assert engagement.expert is None
    detail = client.get(reverse("support:engagement_detail", args=[engagement.pk]))
    assert "이해충돌로 뺀 전문가 2명" in detail.content.decode()
