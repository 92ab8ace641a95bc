"""Education screens: the course page with its attendance sheet, who may see and change a
course, and the public catalogue that shows no personal data."""

from __future__ import annotations

import pytest
from django.test import Client

from dure.core.models import PersonalDataAccess
from dure.education import services
from dure.education.models import Enrolment
from dure.education.tests.factories import DAY, course_with_sessions

pytestmark = pytest.mark.django_db


def _client(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_staff_tick_the_attendance_sheet_and_completion_follows(program_staff):
    course, sessions, (person,) = course_with_sessions(sessions=3)
    client = _client(program_staff)
    page = client.get(f"/education/courses/{course.pk}/").content.decode()
    assert "출석부" in page and person.person_name in page
    ticks = [f"{s.pk}:{person.pk}" for s in sessions]
    response = client.post(f"/education/courses/{course.pk}/attendance/", {"present": ticks})
    assert response.status_code == 302
    assert Enrolment.objects.get(pk=person.pk).completed


def test_staff_add_a_session_and_enrol_a_person_from_the_course_page(program_staff):
    course, _, _ = course_with_sessions(sessions=0, people=0)
    client = _client(program_staff)
    client.post(
        f"/education/courses/{course.pk}/sessions/add/", {"date": DAY.isoformat(), "topic": "1강"}
    )
    client.post(
        f"/education/courses/{course.pk}/enrolments/add/",
        {"person_name": "김수강", "enrolled_on": DAY.isoformat()},
    )
    assert course.sessions.count() == 1
    assert course.enrolments.get().person_name == "김수강"


def test_an_unknown_enterprise_is_named_and_nobody_is_enrolled(program_staff):
    course, _, _ = course_with_sessions(sessions=0, people=0)
    response = _client(program_staff).post(
        f"/education/courses/{course.pk}/enrolments/add/",
        {"person_name": "김수강", "enrolled_on": DAY.isoformat(), "enterprise": "없는기업"},
        follow=True,
    )
    assert "없는기업" in response.content.decode()
    assert not course.enrolments.exists()


def test_other_district_staff_cannot_see_or_change_the_metropolitan_course(other_district_staff):
    course, sessions, (person,) = course_with_sessions(sessions=1)
    client = _client(other_district_staff)
    assert client.get(f"/education/courses/{course.pk}/").status_code == 404
    response = client.post(
        f"/education/courses/{course.pk}/attendance/",
        {"present": [f"{sessions[0].pk}:{person.pk}"]},
    )
    assert response.status_code == 404
    assert not sessions[0].attendances.exists()


def test_a_funder_reads_the_course_but_cannot_mark_attendance(funder):
    course, sessions, (person,) = course_with_sessions(sessions=1)
    client = _client(funder)
    assert client.get(f"/education/courses/{course.pk}/").status_code == 200
    response = client.post(
        f"/education/courses/{course.pk}/attendance/",
        {"present": [f"{sessions[0].pk}:{person.pk}"]},
    )
    assert response.status_code == 403


def test_a_member_and_anonymous_are_refused_the_staff_screens(member):
    course, _, _ = course_with_sessions()
    assert _client(member).get(f"/education/courses/{course.pk}/").status_code == 403
    assert _client(member).get("/education/courses/").status_code == 403
    anonymous = _client().get(f"/education/courses/{course.pk}/")
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]


def test_the_public_catalogue_lists_open_courses_and_consenting_instructors_only(
    metropolitan_center,
):
    _course, _, (person,) = course_with_sessions(is_public=True, title="열린 과정")
    course_with_sessions(title="내부 과정")
    services.create_instructor(
        center=metropolitan_center, name="박강사", field="협동조합", listed_publicly=True
    )
    services.create_instructor(center=metropolitan_center, name="최비공개", contact="010-1111-2222")
    page = _client().get("/education/catalogue/").content.decode()
    assert "열린 과정" in page and "내부 과정" not in page
    assert "박강사" in page and "협동조합" in page
    assert "최비공개" not in page and "010-1111-2222" not in page
    assert person.person_name not in page


def test_staff_record_a_graduates_follow_up_from_the_course_page(program_staff):
    course, sessions, (person,) = course_with_sessions(sessions=1)
    services.set_attendance(course=course, present={sessions[0].pk: [person.pk]})
    client = _client(program_staff)
    client.post(
        f"/education/courses/{course.pk}/outcomes/add/",
        {"enrolment": person.pk, "kind": "employment", "date": DAY.isoformat()},
    )
    page = client.get(f"/education/courses/{course.pk}/").content.decode()
    assert "취업" in page


def test_materials_are_listed_to_their_center_and_not_to_another_district(
    program_staff, other_district_staff
):
    client = _client(program_staff)
    client.post(
        "/education/materials/",
        {"title": "협동조합 교안", "kind": "교안", "link": "https://example.kr/a.pdf"},
    )
    assert "협동조합 교안" in client.get("/education/materials/").content.decode()
    other = _client(other_district_staff).get("/education/materials/").content.decode()
    assert "협동조합 교안" not in other


def test_the_course_list_and_page_take_a_bounded_number_of_queries(
    program_staff, django_assert_max_num_queries
):
    for number in range(5):
        course_with_sessions(sessions=3, people=4, title=f"과정 {number}")
    course, _, _ = course_with_sessions(sessions=6, people=10, title="큰 과정")
    client = _client(program_staff)
    with django_assert_max_num_queries(30):
        assert client.get("/education/courses/").status_code == 200
    with django_assert_max_num_queries(40):
        assert client.get(f"/education/courses/{course.pk}/").status_code == 200


def test_staff_withdraw_an_instructors_consent_and_the_catalogue_drops_them_at_once(
    program_staff, metropolitan_center
):
    instructor = services.create_instructor(
        center=metropolitan_center, name="박강사", contact="010-3333-4444", listed_publicly=True
    )
    assert "박강사" in _client().get("/education/catalogue/").content.decode()
    client = _client(program_staff)
    assert (
        f"/education/instructors/{instructor.pk}/edit/"
        in client.get("/education/instructors/").content.decode()
    )
    before = PersonalDataAccess.objects.count()
    page = client.get(f"/education/instructors/{instructor.pk}/edit/").content.decode()
    assert "010-3333-4444" in page
    assert PersonalDataAccess.objects.count() == before + 1  # the contact was shown
    response = client.post(
        f"/education/instructors/{instructor.pk}/edit/",
        {"name": "박강사", "field": "협동조합", "contact": "010-3333-4444"},
    )
    assert response.status_code == 302
    instructor.refresh_from_db()
    assert not instructor.listed_publicly and instructor.field == "협동조합"
    assert "박강사" not in _client().get("/education/catalogue/").content.decode()


def test_only_staff_of_the_instructors_center_may_open_or_change_them(
    metropolitan_center, district_staff, other_district_staff, member, funder
):
    gangdong = district_staff.center
    instructor = services.create_instructor(center=gangdong, name="강동 강사")
    url = f"/education/instructors/{instructor.pk}/edit/"
    assert _client(district_staff).get(url).status_code == 200
    assert _client(other_district_staff).get(url).status_code == 404
    refused = _client(other_district_staff).post(url, {"name": "바꾼 이름"})
    assert refused.status_code == 404
    assert _client(member).get(url).status_code == 403
    assert _client(funder).get(url).status_code == 403
    anonymous = _client().get(url)
    assert anonymous.status_code == 302 and "login" in anonymous["Location"]
    instructor.refresh_from_db()
    assert instructor.name == "강동 강사"


def test_a_blank_name_is_refused_in_korean_and_nothing_changes(program_staff, metropolitan_center):
    instructor = services.create_instructor(center=metropolitan_center, name="박강사")
    page = _client(program_staff).post(
        f"/education/instructors/{instructor.pk}/edit/", {"name": "", "field": "회계"}
    )
    assert page.status_code == 200 and "필수 항목" in page.content.decode()
    instructor.refresh_from_db()
    assert instructor.name == "박강사" and instructor.field == ""


def test_staff_remove_a_mistaken_session_and_completion_is_recomputed(
    program_staff, district_staff, member
):
    course, sessions, (person,) = course_with_sessions(sessions=3)
    services.set_attendance(course=course, present={sessions[0].pk: [person.pk]})
    assert not Enrolment.objects.get(pk=person.pk).completed
    url = f"/education/courses/{course.pk}/sessions/{sessions[2].pk}/delete/"
    assert _client(district_staff).post(url).status_code == 404
    assert _client(member).post(url).status_code == 403
    assert _client(program_staff).get(url).status_code == 405
    assert course.sessions.count() == 3
    _client(program_staff).post(url)
    _client(program_staff).post(f"/education/courses/{course.pk}/sessions/{sessions[1].pk}/delete/")
    assert list(course.sessions.all()) == [sessions[0]]
    # One session left, attended: the course's completion rule now counts the person complete.
    assert Enrolment.objects.get(pk=person.pk).completed
