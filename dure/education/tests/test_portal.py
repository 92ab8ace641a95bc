"""An enterprise member enrols in an open course from the portal and sees only their own
enrolments."""

from __future__ import annotations

import pytest
from django.test import Client

from dure.education import services
from dure.education.models import Enrolment
from dure.education.tests.factories import DAY, course_with_sessions

pytestmark = pytest.mark.django_db


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_a_member_enrols_in_an_open_course_and_sees_the_enrolment(member):
    course, _, _ = course_with_sessions(people=0, is_public=True, title="열린 과정")
    client = _client(member)
    assert "열린 과정" in client.get("/portal/courses/").content.decode()
    client.post(f"/portal/courses/{course.pk}/enrol/")
    enrolment = Enrolment.objects.get()
    assert enrolment.user == member
    page = client.get("/portal/courses/").content.decode()
    assert "신청함" in page


def test_a_member_cannot_enrol_in_a_course_not_open_to_the_public(member):
    course, _, _ = course_with_sessions(people=0, title="내부 과정")
    response = _client(member).post(f"/portal/courses/{course.pk}/enrol/")
    assert response.status_code == 404
    assert not Enrolment.objects.exists()


def test_a_member_does_not_see_another_members_enrolment(member, other_member):
    course, _, _ = course_with_sessions(people=0, is_public=True, title="열린 과정")
    services.enrol(course=course, person_name="다른회원", enrolled_on=DAY, user=other_member)
    page = _client(member).get("/portal/courses/").content.decode()
    assert "다른회원" not in page and "신청함" not in page


def test_staff_without_the_portal_are_refused_the_member_screen(district_staff):
    assert _client(district_staff).get("/portal/courses/").status_code == 403


@pytest.fixture
def other_member(db):
    from dure.core.models import Center, User
    from dure.core.roles import Role

    return User.objects.create_user(
        username="other_member", center=Center.objects.get(code="SEOUL"), role=Role.MEMBER
    )
