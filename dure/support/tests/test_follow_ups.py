"""After an engagement: a linkage to a follow-up program or a post-monitoring task, done when
its result is written; staff of the center keep them, another center's staff cannot."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dure.core.services import ensure_fiscal_year
from dure.registry.tests.factories import EnterpriseFactory
from dure.support import services
from dure.support.models import FollowUp, FollowUpKind, SupportType
from dure.support.tests.factories import program_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def engagement(metropolitan_center):
    program = program_in(metropolitan_center, ensure_fiscal_year(year=2017), "경영 지원")
    return services.record_engagement(
        center=metropolitan_center,
        program=program,
        support_type=SupportType.STRATEGY,
        enterprise=EnterpriseFactory.create(),
        starts_on=datetime.date(2017, 4, 1),
    )


def test_staff_link_a_follow_up_program_and_close_a_monitoring_task(
    client, engagement, program_staff, metropolitan_center
):
    market = program_in(metropolitan_center, engagement.program.area.fiscal_year, "공공 시장")
    client.force_login(program_staff)
    add = reverse("support:follow_up_add", args=[engagement.pk])
    client.post(
        add,
        {
            "kind": FollowUpKind.LINKAGE,
            "program": market.pk,
            "description": "공공구매 상담회 연계",
            "due_on": "2017-09-01",
        },
    )
    client.post(
        add,
        {
            "kind": FollowUpKind.MONITORING,
            "description": "6개월 뒤 매출 확인",
            "due_on": "2017-10-01",
        },
    )
    linkage, monitoring = FollowUp.objects.order_by("due_on")
    assert linkage.program == market
    done = reverse("support:follow_up_done", args=[monitoring.pk])
    client.post(done, {"done_on": "2017-10-02", "result": "매출 12% 증가"})
    monitoring.refresh_from_db()
    assert monitoring.done_on == datetime.date(2017, 10, 2)
    page = client.get(reverse("support:engagement_detail", args=[engagement.pk])).content.decode()
    assert "공공구매 상담회 연계" in page and "매출 12% 증가" in page


def test_a_linkage_needs_a_program_and_a_result_needs_words(engagement):
    with pytest.raises(ValidationError, match="연계할 사업"):
        services.plan_follow_up(
            engagement=engagement,
            kind=FollowUpKind.LINKAGE,
            description="연계",
            due_on=datetime.date(2017, 9, 1),
        )
    task = services.plan_follow_up(
        engagement=engagement,
        kind=FollowUpKind.MONITORING,
        description="점검",
        due_on=datetime.date(2017, 9, 1),
    )
    with pytest.raises(ValidationError, match="결과도 적어야"):
        services.complete_follow_up(follow_up=task, done_on=datetime.date(2017, 9, 2), result=" ")
    assert FollowUp.objects.get().done_on is None


def test_another_centers_staff_cannot_add_or_close(client, engagement, district_staff):
    task = services.plan_follow_up(
        engagement=engagement,
        kind=FollowUpKind.MONITORING,
        description="점검",
        due_on=datetime.date(2017, 9, 1),
    )
    client.force_login(district_staff)
    response = client.post(
        reverse("support:follow_up_add", args=[engagement.pk]),
        {"kind": FollowUpKind.MONITORING, "description": "침입", "due_on": "2017-09-01"},
    )
    assert response.status_code == 404
    done = reverse("support:follow_up_done", args=[task.pk])
    assert client.post(done, {"done_on": "2017-09-02", "result": "x"}).status_code == 404
    assert FollowUp.objects.count() == 1 and FollowUp.objects.get().done_on is None
