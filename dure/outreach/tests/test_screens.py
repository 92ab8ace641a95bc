"""홍보 및 연구 screens: records through the shared screens, subscribers' e-mail only on their
logged page, and who may see what."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client

from dure.core.models import Center, PersonalDataAccess
from dure.outreach import services
from dure.outreach.models import Delegation, Event, Publication
from dure.outreach.tests import factories
from dure.programs.tests.factories import build_tree


@pytest.fixture
def tree(db):
    return build_tree(year=2017, area="홍보 및 연구", program="시민 홍보", program_code="P12")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_staff_record_an_event_with_about_how_many_attended(tree, program_staff):
    response = _client(program_staff).post(
        "/outreach/events/new/",
        {
            "program": tree.program.pk,
            "date": "2017-01-23",
            "kind": "정책대화",
            "title": "사회적경제 정책대화",
            "attendance": "400",
            "attendance_approximate": "on",
        },
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.attendance_shown == "400여명"
    page = _client(program_staff).get(f"/outreach/events/{event.pk}/").content.decode()
    assert "사회적경제 정책대화" in page


def test_an_event_outside_its_programs_year_is_refused_with_the_reason(tree, program_staff):
    response = _client(program_staff).post(
        "/outreach/events/new/",
        {"program": tree.program.pk, "date": "2018-01-23", "kind": "콜로키움", "title": "콜로키움"},
    )
    assert "회계연도(2017년) 밖" in response.content.decode()
    assert not Event.objects.exists()


def test_a_delegation_and_a_publication_need_no_program(tree, program_staff):
    client = _client(program_staff)
    response = client.post(
        "/outreach/delegations/new/",
        {
            "date": "2017-06-01",
            "origin": "abroad",
            "name": "홍콩대 연수단",
            "groups": "1",
            "group_unit": "기관",
            "people": "25",
        },
    )
    assert response.status_code == 302 and Delegation.objects.get().people == 25
    response = client.post(
        "/outreach/publications/new/",
        {
            "series": "5. 홍보 및 연구사업",
            "number": "5-2",
            "title": "2016 센터 성과보고서",
            "published_on": "2017-03-31",
            "is_public": "on",
        },
    )
    assert response.status_code == 302 and Publication.objects.get().program is None
    assert "2016 센터 성과보고서" in client.get("/outreach/publications/").content.decode()


def test_a_subscribers_email_shows_only_on_their_page_and_is_logged(tree, program_staff):
    reader = factories.subscriber(tree.program.center, "hidden.reader@example.kr", name="김독자")
    client = _client(program_staff)
    listing = client.get("/outreach/subscribers/").content.decode()
    assert "김독자" in listing and "hidden.reader@example.kr" not in listing
    before = PersonalDataAccess.objects.count()
    page = client.get(f"/outreach/subscribers/{reader.pk}/").content.decode()
    assert "hidden.reader@example.kr" in page
    assert PersonalDataAccess.objects.count() == before + 1


def test_another_centers_staff_and_the_funder_cannot_see_subscribers(
    tree, district_staff, funder, member
):
    reader = factories.subscriber(tree.program.center, "reader@example.kr")
    assert _client(district_staff).get(f"/outreach/subscribers/{reader.pk}/").status_code == 404
    assert _client(funder).get(f"/outreach/subscribers/{reader.pk}/").status_code == 403
    assert _client(member).get("/outreach/subscribers/").status_code == 403


def test_district_staff_see_their_own_records_and_not_the_metropolitan_centers(
    tree, district_staff, other_district_staff
):
    gangdong = Center.objects.get(code="SEOUL-GANGDONG")
    own = services.record_delegation(
        center=gangdong, date=datetime.date(2017, 4, 1), origin="domestic", name="구청 견학"
    )
    metro = services.record_delegation(
        center=tree.program.center, date=datetime.date(2017, 4, 1), origin="abroad", name="연수단"
    )
    client = _client(district_staff)
    assert client.get(f"/outreach/delegations/{own.pk}/").status_code == 200
    assert client.get(f"/outreach/delegations/{metro.pk}/").status_code == 404
    assert _client(other_district_staff).get(f"/outreach/delegations/{own.pk}/").status_code == 404


def test_the_newsletter_is_sent_from_its_page_by_staff_only(
    tree, program_staff, funder, django_capture_on_commit_callbacks
):
    factories.subscriber(tree.program.center, "reader@example.kr")
    issue = factories.issue(tree.program)
    assert _client(funder).post(f"/outreach/newsletters/{issue.pk}/send/").status_code == 403
    client = _client(program_staff)
    assert "1명에게 보냅니다" in client.get(f"/outreach/newsletters/{issue.pk}/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/outreach/newsletters/{issue.pk}/send/", follow=True)
    assert "구독자 1명에게 보내기 시작했습니다" in response.content.decode()
    assert "발송 완료" in client.get(f"/outreach/newsletters/{issue.pk}/").content.decode()
