"""Builders of education records for tests: a course with sessions and enrolled people."""

from __future__ import annotations

import datetime
from typing import Any

from dure.core.models import Center
from dure.education import services
from dure.education.models import Course, CourseSession, Enrolment, Track
from dure.programs.models import Program
from dure.programs.tests.factories import build_tree

DAY = datetime.date(2017, 5, 23)


def course_with_sessions(
    *, center: Center | None = None, sessions: int = 3, people: int = 1, **fields: Any
) -> tuple[Course, list[CourseSession], list[Enrolment]]:
    """A 2017 course of the center (the metropolitan's by default) with dated sessions and
    enrolled people."""
    center = center or Center.objects.get(code="SEOUL")
    program = Program.objects.filter(center=center, code="P09").first()
    if program is None:
        tree = build_tree(
            center=center, area="주체발굴 및 인재양성", program="아카데미 운영", program_code="P09"
        )
        program = tree.program
    fields.setdefault("title", "사회적경제 기초 과정")
    fields.setdefault("track", Track.AUDIENCE)
    course = services.create_course(center=center, program=program, date=DAY, **fields)
    added = [
        services.add_session(
            course=course, date=DAY + datetime.timedelta(days=7 * n), topic=f"{n + 1}회차"
        )
        for n in range(sessions)
    ]
    enrolled = [
        services.enrol(course=course, person_name=f"수강생{n + 1}", enrolled_on=DAY)
        for n in range(people)
    ]
    return course, added, enrolled
