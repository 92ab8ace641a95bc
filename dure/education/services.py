"""Every write of the education records: checked, in one transaction, audited. Completion is
never typed: `recompute_completion` applies the course's rule after each change of attendance
or sessions."""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count

from dure.core.models import Center, User
from dure.core.periods import ensure_open
from dure.education.models import (
    Attendance,
    Course,
    CourseMaterial,
    CourseSession,
    Enrolment,
    GraduateOutcome,
    HaenaemTeam,
    Instructor,
    StudyTour,
    StudyTourParticipant,
    SurveyResponse,
    YouthIntroSupport,
    YouthNetworkEvent,
    YouthSession,
    YouthSessionProgramme,
)
from dure.programs.records.services import create_record, save_record
from dure.registry.models import Enterprise


def sessions_needed(*, course: Course, session_count: int) -> int:
    """Sessions a person must attend to complete the course (none when it has no sessions)."""
    if session_count == 0:
        return 0
    return math.ceil(session_count * course.completion_percent / 100)


def ensure_course_open(*, course: Course) -> None:
    """Refuse a change of a course's sessions, people or attendance while its year is settled."""
    center_ids, fiscal_year_id, year = course.period()
    ensure_open(center_ids=center_ids, fiscal_year_id=fiscal_year_id, year=year)


@transaction.atomic
def recompute_completion(*, course: Course) -> int:
    """Apply the course's completion rule to every enrolment; returns how many completed."""
    ensure_course_open(course=course)
    session_count = course.sessions.count()
    needed = sessions_needed(course=course, session_count=session_count)
    enrolments = course.enrolments.annotate(attended=Count("attendances"))
    done = [e.pk for e in enrolments if session_count and e.attended >= needed]
    course.enrolments.filter(pk__in=done).update(completed=True)
    course.enrolments.exclude(pk__in=done).update(completed=False)
    return len(done)


@transaction.atomic
def create_course(*, center: Center, **fields: Any) -> Course:
    """Record a course."""
    return create_record(Course, center=center, **fields)


@transaction.atomic
def create_instructor(*, center: Center, **fields: Any) -> Instructor:
    """Add an instructor to the center's list."""
    return save_record(Instructor(center=center, **fields))


@transaction.atomic
def update_instructor(*, instructor: Instructor, **fields: Any) -> Instructor:
    """Change an instructor; withdrawing the consent takes them off the public catalogue at
    once (the catalogue lists only those who agreed)."""
    for name, value in fields.items():
        setattr(instructor, name, value)
    return save_record(instructor)


@transaction.atomic
def add_session(
    *,
    course: Course,
    date: datetime.date,
    topic: str,
    starts_at: datetime.time | None = None,
    instructor: Instructor | None = None,
) -> CourseSession:
    """Add a session to a course; completion is recomputed (a new session raises the bar)."""
    if instructor is not None and instructor.center_id != course.center_id:
        raise ValidationError({"instructor": "이 센터의 강사가 아닙니다."})
    session = save_record(
        CourseSession(
            course=course, date=date, topic=topic, starts_at=starts_at, instructor=instructor
        )
    )
    recompute_completion(course=course)
    return session


@transaction.atomic
def delete_session(*, session: CourseSession) -> None:
    """Remove a session and its attendance; completion is recomputed."""
    course = session.course
    session.delete()
    recompute_completion(course=course)


@transaction.atomic
def enrol(
    *,
    course: Course,
    person_name: str,
    enrolled_on: datetime.date,
    enterprise: Enterprise | None = None,
    user: User | None = None,
) -> Enrolment:
    """Enrol a person in a course."""
    if user is not None and course.enrolments.filter(user=user).exists():
        raise ValidationError({"user": "이미 신청한 과정입니다."})
    enrolment = save_record(
        Enrolment(
            course=course,
            person_name=person_name.strip(),
            enrolled_on=enrolled_on,
            enterprise=enterprise,
            user=user,
        )
    )
    recompute_completion(course=course)
    return enrolment


@transaction.atomic
def enrol_member(*, course: Course, user: User, enterprise: Enterprise | None) -> Enrolment:
    """An enterprise member enrols in an open course from the portal."""
    if not course.is_public:
        raise ValidationError("공개 모집 중인 과정이 아닙니다.")
    name = user.get_full_name() or user.get_username()
    return enrol(
        course=course,
        person_name=name,
        enrolled_on=datetime.date.today(),
        enterprise=enterprise,
        user=user,
    )


@transaction.atomic
def set_attendance(*, course: Course, present: Mapping[int, Iterable[int]]) -> int:
    """Save the course's attendance sheet: for each session (by pk) the enrolments (by pk)
    present. Sessions not named keep their attendance. Returns how many completed."""
    ensure_course_open(course=course)
    sessions = {s.pk: s for s in course.sessions.all()}
    enrolments = {e.pk: e for e in course.enrolments.all()}
    for session_pk, enrolment_pks in present.items():
        if session_pk not in sessions:
            raise ValidationError(f"이 과정의 회차가 아닙니다: {session_pk}")
        wanted = set(enrolment_pks)
        unknown = wanted - set(enrolments)
        if unknown:
            raise ValidationError(f"이 과정의 수강생이 아닙니다: {sorted(unknown)}")
        session = sessions[session_pk]
        session.attendances.exclude(enrolment_id__in=wanted).delete()
        have = set(session.attendances.values_list("enrolment_id", flat=True))
        for enrolment_pk in sorted(wanted - have):
            save_record(Attendance(session=session, enrolment=enrolments[enrolment_pk]))
    return recompute_completion(course=course)


@transaction.atomic
def record_survey_response(
    *, course: Course, score: int, answered_on: datetime.date, comment: str = ""
) -> SurveyResponse:
    """Record one answer to the course's evaluation survey."""
    return save_record(
        SurveyResponse(course=course, score=score, comment=comment, answered_on=answered_on)
    )


@transaction.atomic
def record_graduate_outcome(
    *, enrolment: Enrolment, kind: str, date: datetime.date, description: str = ""
) -> GraduateOutcome:
    """Record what a graduate went on to."""
    return save_record(
        GraduateOutcome(enrolment=enrolment, kind=kind, date=date, description=description)
    )


@transaction.atomic
def create_study_tour(
    *, center: Center, enterprises: Iterable[Enterprise] = (), **fields: Any
) -> StudyTour:
    """Record a study tour and the enterprises it sent."""
    tour = create_record(StudyTour, center=center, **fields)
    tour.enterprises.set(list(enterprises))
    return tour


@transaction.atomic
def create_tour_participant(*, center: Center, **fields: Any) -> StudyTourParticipant:
    """Record a participant of a study tour."""
    return create_record(StudyTourParticipant, center=center, **fields)


@transaction.atomic
def create_intro_support(*, center: Center, **fields: Any) -> YouthIntroSupport:
    """Record an organisation supported to run introductory youth education."""
    return create_record(YouthIntroSupport, center=center, **fields)


@transaction.atomic
def create_youth_session(
    *,
    center: Center,
    programmes: Iterable[tuple[Enterprise, str, str]] = (),
    **fields: Any,
) -> YouthSession:
    """Record a hands-on session with its programmes (enterprise, 분야, 체험프로그램)."""
    session = create_record(YouthSession, center=center, **fields)
    for enterprise, field, title in programmes:
        save_record(
            YouthSessionProgramme(session=session, enterprise=enterprise, field=field, title=title)
        )
    return session


@transaction.atomic
def create_haenaem_team(*, center: Center, **fields: Any) -> HaenaemTeam:
    """Record a 해냄 project team."""
    return create_record(HaenaemTeam, center=center, **fields)


@transaction.atomic
def create_network_event(*, center: Center, **fields: Any) -> YouthNetworkEvent:
    """Record a youth–young adult network event."""
    return create_record(YouthNetworkEvent, center=center, **fields)


@transaction.atomic
def update_study_tour(
    *, tour: StudyTour, enterprises: Iterable[Enterprise] | None = None, **changes: Any
) -> StudyTour:
    """Change a study tour and, when given, the enterprises it sent."""
    for name, value in changes.items():
        setattr(tour, name, value)
    save_record(tour)
    if enterprises is not None:
        tour.enterprises.set(list(enterprises))
    return tour


@transaction.atomic
def update_enrolment(*, enrolment: Enrolment, **changes: Any) -> Enrolment:
    """Change an enrolment's name, enterprise or date (never its completion)."""
    changes.pop("completed", None)
    for name, value in changes.items():
        setattr(enrolment, name, value)
    return save_record(enrolment)


@transaction.atomic
def mark_present(*, session: CourseSession, enrolment: Enrolment) -> Attendance:
    """Record one person's presence at one session; completion is recomputed."""
    attendance = save_record(Attendance(session=session, enrolment=enrolment))
    recompute_completion(course=session.course)
    return attendance


@transaction.atomic
def add_material(*, center: Center, **fields: Any) -> CourseMaterial:
    """Add a textbook, lesson plan or other material (a link) to the library."""
    course = fields.get("course")
    if course is not None and course.center_id != center.pk:
        raise ValidationError({"course": "이 센터의 과정이 아닙니다."})
    return save_record(CourseMaterial(center=center, **fields))


@transaction.atomic
def add_programme(
    *, session: YouthSession, enterprise: Enterprise, title: str, field: str = ""
) -> YouthSessionProgramme:
    """Add an enterprise's programme to a hands-on session."""
    return save_record(
        YouthSessionProgramme(session=session, enterprise=enterprise, field=field, title=title)
    )
