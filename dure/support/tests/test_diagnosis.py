"""Pre-diagnosis by questionnaire with its radar chart, and the expert's visit diagnosis."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from dure.core.roles import Role
from dure.core.services import create_user
from dure.registry.tests.factories import AgencyFactory, EnterpriseFactory, ExpertFactory
from dure.support import services
from dure.support.charts import radar_chart
from dure.support.diagnosis import QUESTIONS, DiagnosisArea, area_scores
from dure.support.models import Diagnosis, VisitDiagnosis

PASSWORD = "correct-horse-2017"


def _answers(default: int = 3, **overrides: int) -> dict[str, int]:
    answers = {q.key: default for q in QUESTIONS}
    answers.update(overrides)
    return answers


def test_area_scores_run_from_0_to_100():
    scores = area_scores(
        _answers(1, strategy_plan=5, strategy_model=5, strategy_review=5, finance_books=4)
    )
    assert scores["경영전략"] == Decimal("100.0")
    assert scores["재무·회계"] == Decimal("25.0")
    assert scores["법률"] == Decimal("0.0")
    assert set(scores) == {area.value for area in DiagnosisArea}


def test_the_radar_chart_is_an_svg_image_with_a_label():
    svg = radar_chart(area_scores(_answers(4)), area_scores(_answers(2)))
    assert svg.startswith('<svg role="img" aria-label="영역별 진단 점수"')


def _form(enterprise_text: str, **answers: int) -> dict[str, object]:
    data: dict[str, object] = {
        "enterprise_text": enterprise_text,
        "diagnosed_on": "2017-03-02",
        "needs": "회계 정리",
    }
    data.update({q.key: answers.get(q.key, 4) for q in QUESTIONS})
    return data


def test_staff_record_a_diagnosis_and_see_it_beside_the_previous_one(
    client, program_staff, metropolitan_center
):
    enterprise = EnterpriseFactory.create()
    services.record_diagnosis(
        center=metropolitan_center,
        enterprise=enterprise,
        by=None,
        diagnosed_on=datetime.date(2016, 3, 2),
        answers=_answers(2),
    )
    client.force_login(program_staff)
    response = client.post(reverse("support:diagnosis_create"), _form(enterprise.business_number))
    diagnosis = Diagnosis.objects.get(diagnosed_on=datetime.date(2017, 3, 2))
    assert response.status_code == 302
    assert diagnosis.scores["경영전략"] == Decimal("75.0")
    page = client.get(reverse("support:diagnosis_detail", args=[diagnosis.pk])).content.decode()
    assert "회색은 지난 진단(2016.3.2)" in page
    assert "<svg" in page


def test_an_unanswered_question_is_named_and_nothing_is_saved(client, program_staff):
    enterprise = EnterpriseFactory.create()
    data = _form(enterprise.business_number)
    del data["legal_permits"]
    client.force_login(program_staff)
    response = client.post(reverse("support:diagnosis_create"), data)
    assert response.status_code == 200
    assert "legal_permits" in response.context["form"].errors
    assert not Diagnosis.objects.exists()
    with pytest.raises(ValidationError):
        services.record_diagnosis(
            center=enterprise.center,
            enterprise=enterprise,
            by=None,
            diagnosed_on=datetime.date(2017, 3, 2),
            answers=_answers(legal_permits=7),
        )


def test_another_centers_enterprise_is_answered_like_an_unknown_one(
    client, district_staff, gwanak_center
):
    elsewhere = EnterpriseFactory.create(center=gwanak_center)
    client.force_login(district_staff)
    answers = []
    for text in (elsewhere.business_number, "1018100003"):
        response = client.post(reverse("support:diagnosis_create"), _form(text))
        answers.append(response.context["form"].errors["enterprise_text"][0].replace(text, "X"))
    assert answers[0] == answers[1]
    assert not Diagnosis.objects.exists()


@pytest.fixture
def visit(metropolitan_center, expert):
    enterprise = EnterpriseFactory.create()
    mine = ExpertFactory.create(name="김방문", user=expert)
    diagnosis = services.record_diagnosis(
        center=metropolitan_center,
        enterprise=enterprise,
        by=None,
        diagnosed_on=datetime.date(2017, 3, 2),
        answers=_answers(2),
    )
    return diagnosis, services.request_visit(
        center=metropolitan_center, enterprise=enterprise, expert=mine
    )


def test_the_visiting_expert_records_findings_and_a_plan(client, visit, expert):
    diagnosis, request = visit
    client.force_login(expert)
    assert "김방문" not in client.get(reverse("support:my_engagements")).content.decode()
    assert (
        diagnosis.enterprise.name in client.get(reverse("support:my_engagements")).content.decode()
    )
    response = client.post(
        reverse("support:my_visit", args=[request.pk]),
        {
            "visited_on": "2017-03-20",
            "findings": "장부가 없어 매출을 알 수 없음",
            "recommended": ["회계지원", "경영멘토링"],
            "plan": "회계지원단 방문 뒤 멘토링",
        },
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.recommended_labels == ["회계지원", "경영멘토링"]
    assert request.visited_on == datetime.date(2017, 3, 20)


def test_only_the_visiting_expert_and_the_centers_staff_see_a_visit(
    client, visit, metropolitan_center, member, funder, other_district_staff
):
    diagnosis, request = visit
    other = create_user(
        username="other_expert",
        password=PASSWORD,
        center=metropolitan_center,
        role=Role.EXPERT,
        display_name="다른 전문가",
    )
    ExpertFactory.create(name="박다른", user=other)
    client.force_login(other)
    assert client.get(reverse("support:my_visit", args=[request.pk])).status_code == 404
    for refused in (member, funder):
        client.force_login(refused)
        assert client.get(reverse("support:my_visit", args=[request.pk])).status_code == 403
    client.force_login(other_district_staff)
    assert client.get(reverse("support:diagnosis_detail", args=[diagnosis.pk])).status_code == 404
    assert client.get(reverse("support:visit_record", args=[request.pk])).status_code == 404
    client.force_login(funder)
    assert client.get(reverse("support:diagnosis_detail", args=[diagnosis.pk])).status_code == 200
    url = reverse("support:visit_request", args=[diagnosis.pk])
    assert client.post(url, {"expert": request.expert.pk}).status_code == 403
    assert VisitDiagnosis.objects.count() == 1


def test_a_conflicted_expert_is_not_sent(metropolitan_center):
    enterprise = EnterpriseFactory.create()
    own = AgencyFactory.create(name="같은 곳", business_number=enterprise.business_number)
    conflicted = ExpertFactory.create(agency=own)
    with pytest.raises(ValidationError, match="지원 대상 기업입니다"):
        services.request_visit(center=metropolitan_center, enterprise=enterprise, expert=conflicted)
