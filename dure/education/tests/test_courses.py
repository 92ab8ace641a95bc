"""Courses: the completion rule applied by the service, the attendance sheet, the survey mean
and the figures the metrics give."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError

from dure.core.models import Center
from dure.education import services
from dure.education.tests.factories import DAY, course_with_sessions
from dure.programs.evaluation import FigureRequest, compute
from dure.programs.metric_registry import Scope, get_metric

pytestmark = pytest.mark.django_db


def _figure(key: str, aggregation: str, **parameters) -> object:
    center = Center.objects.get(code="SEOUL")
    scope = Scope((center.pk,), datetime.date(2017, 1, 1), datetime.date(2017, 12, 31))
    return compute([FigureRequest("x", get_metric(key), scope, aggregation, parameters)])["x"]


def test_attending_four_of_five_sessions_completes_an_eighty_percent_course():
    course, sessions, (person,) = course_with_sessions(sessions=5)
    services.set_attendance(course=course, present={s.pk: [person.pk] for s in sessions[:3]})
    person.refresh_from_db()
    assert not person.completed
    services.set_attendance(course=course, present={sessions[3].pk: [person.pk]})
    person.refresh_from_db()
    assert person.completed


def test_a_new_session_raises_the_bar_and_completion_is_recomputed():
    course, sessions, (person,) = course_with_sessions(sessions=2)
    services.set_attendance(course=course, present={s.pk: [person.pk] for s in sessions})
    person.refresh_from_db()
    assert person.completed
    services.add_session(course=course, date=DAY, topic="추가 회차")
    person.refresh_from_db()
    assert not person.completed  # 2 of 3 is under 80%


def test_unticking_a_session_removes_the_attendance():
    course, sessions, (person,) = course_with_sessions(sessions=1)
    services.set_attendance(course=course, present={sessions[0].pk: [person.pk]})
    services.set_attendance(course=course, present={sessions[0].pk: []})
    person.refresh_from_db()
    assert not person.completed
    assert not sessions[0].attendances.exists()


def test_attendance_of_another_courses_person_is_refused_and_nothing_is_saved():
    course, sessions, (person,) = course_with_sessions(sessions=2)
    _other, _, (stranger,) = course_with_sessions(sessions=1, title="다른 과정")
    with pytest.raises(ValidationError, match="이 과정의 수강생이 아닙니다"):
        services.set_attendance(
            course=course, present={sessions[0].pk: [person.pk], sessions[1].pk: [stranger.pk]}
        )
    assert not sessions[0].attendances.exists()


def test_a_course_without_sessions_completes_nobody():
    course, _, _ = course_with_sessions(sessions=0)
    assert services.recompute_completion(course=course) == 0


def test_the_survey_mean_is_the_mean_of_the_scores():
    course, _, _ = course_with_sessions()
    assert course.survey_mean is None
    for score in (5, 4, 4):
        services.record_survey_response(course=course, score=score, answered_on=DAY)
    assert course.survey_mean == pytest.approx(4.33)


def test_a_score_outside_one_to_five_is_refused():
    course, _, _ = course_with_sessions()
    with pytest.raises(ValidationError):
        services.record_survey_response(course=course, score=6, answered_on=DAY)


def test_only_a_graduate_has_a_follow_up():
    course, sessions, (person,) = course_with_sessions(sessions=1)
    with pytest.raises(ValidationError, match="수료한 사람"):
        services.record_graduate_outcome(enrolment=person, kind="startup", date=DAY)
    services.set_attendance(course=course, present={sessions[0].pk: [person.pk]})
    person.refresh_from_db()
    outcome = services.record_graduate_outcome(enrolment=person, kind="startup", date=DAY)
    assert outcome.get_kind_display() == "창업"


def test_the_enrolment_metric_counts_those_who_completed():
    course, sessions, people = course_with_sessions(sessions=1, people=3)
    assert _figure("education.enrolments", "completed") == 0
    services.set_attendance(course=course, present={sessions[0].pk: [people[0].pk]})
    assert _figure("education.enrolments", "completed") == 1
    assert _figure("education.enrolments", "count") == 3
    assert _figure("education.courses", "sum_runs") == 1
    assert _figure("education.course_sessions", "count") == 1


def test_an_end_before_the_start_is_refused():
    with pytest.raises(ValidationError, match="종료일"):
        course_with_sessions(ends_on=datetime.date(2017, 1, 1))


def test_a_hands_on_session_keeps_its_enterprises_programmes():
    from dure.education.models import YouthSession
    from dure.registry import services as registry_services

    course, _, _ = course_with_sessions()
    center = course.center
    school, _ = registry_services.ensure_institution(name="상암중학교", center=center)
    firm = registry_services.create_enterprise(center=center, name="마을무지개")
    session = services.create_youth_session(
        center=center,
        program=course.program,
        date=DAY,
        number=1,
        school=school,
        attendance=27,
        programmes=[(firm, "먹거리/다문화", "오감으로 배우는 다문화수업")],
    )
    services.add_programme(session=session, enterprise=firm, title="두 번째 체험")
    assert YouthSession.objects.get().programmes.count() == 2
    assert _figure("education.youth_programmes", "count") == 2
    assert _figure("education.youth_sessions", "sum_attendance") == 27
