"""인재양성 files: courses, tours, youth records, enrolments and attendance import; a bad row is
refused by row and column with nothing saved; a file imported again changes nothing."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from dure.core.imports import ImportRejected, ImportResult, get_importer, run_import
from dure.core.models import Center
from dure.education import services
from dure.education.models import (
    Attendance,
    Course,
    Enrolment,
    HaenaemTeam,
    StudyTour,
    YouthSession,
)
from dure.education.tests.factories import course_with_sessions
from dure.programs.tests.factories import build_tree
from dure.registry import services as registry_services

pytestmark = pytest.mark.django_db
PROGRAM = "아카데미 운영"


@pytest.fixture
def seoul(metropolitan_center: Center) -> Center:
    build_tree(
        center=metropolitan_center, area="주체발굴 및 인재양성", program=PROGRAM, program_code="P09"
    )
    registry_services.create_institution(center=metropolitan_center, name="상암중학교")
    registry_services.create_enterprise(center=metropolitan_center, name="제리백")
    return metropolitan_center


def _import(kind: str, header: list[str], rows: list[list[Any]], center: Center) -> ImportResult:
    stream = io.StringIO()
    writer = csv.writer(stream)
    writer.writerow(header)
    writer.writerows(rows)
    importer = get_importer(kind)(center=center, user=None, year=2017)
    return run_import(importer, stream.getvalue().encode("utf-8"), f"{kind}.csv")


def _refused(kind: str, header: list[str], rows: list[list[Any]], center: Center) -> list[str]:
    with pytest.raises(ImportRejected) as rejected:
        _import(kind, header, rows, center)
    return rejected.value.lines


COURSE_HEADER = ["일자", "사업명", "과정명", "분야", "기수", "참여인원"]


def test_courses_import_and_a_second_import_changes_nothing(seoul):
    rows = [["2017-05-23", PROGRAM, "기초 과정", "대상별", "1", "30"]]
    _import("education_courses", COURSE_HEADER, rows, seoul)
    _import("education_courses", COURSE_HEADER, rows, seoul)
    course = Course.objects.get()
    assert (course.track, course.participants) == ("audience", 30)


def test_a_bad_course_file_names_row_and_column_and_saves_nothing(seoul):
    rows = [
        ["2017-05-23", PROGRAM, "기초 과정", "대상별", "1", "30"],
        ["2017-05-24", PROGRAM, "", "요리", "1", "-3"],
    ]
    lines = _refused("education_courses", COURSE_HEADER, rows, seoul)
    text = "\n".join(lines)
    assert "3행 [과정명]" in text and "3행 [분야]" in text and "3행 [참여인원]" in text
    assert not Course.objects.exists()


def test_study_tours_import_with_the_enterprises_sent(seoul):
    header = ["일자", "사업명", "구분", "연수 주제", "연수지", "파견 기업"]
    rows = [["2017-09-20", PROGRAM, "기술연수(파견)", "미국시장 조사", "미국", "제리백"]]
    _import("education_study_tours", header, rows, seoul)
    tour = StudyTour.objects.get()
    assert list(tour.enterprises.values_list("name", flat=True)) == ["제리백"]


def test_a_tour_naming_an_unknown_enterprise_is_refused(seoul):
    header = ["일자", "사업명", "구분", "연수 주제", "파견 기업"]
    rows = [["2017-09-20", PROGRAM, "기술연수(파견)", "미국시장 조사", "없는기업"]]
    lines = _refused("education_study_tours", header, rows, seoul)
    assert any("2행 [파견 기업]" in line and "없는기업" in line for line in lines)
    assert not StudyTour.objects.exists()


def test_youth_sessions_and_haenaem_teams_import(seoul):
    _import(
        "education_youth_sessions",
        ["일자", "사업명", "회차", "참여 학교", "참석인원"],
        [["2017-09-07", PROGRAM, "1", "상암중학교", "27"]],
        seoul,
    )
    _import(
        "education_haenaem_teams",
        ["일자", "사업명", "팀명", "프로젝트명", "학교", "팀원수"],
        [["2017-10-01", PROGRAM, "에코피플", "지구를 지키는 보안관", "상암중학교", "5"]],
        seoul,
    )
    assert YouthSession.objects.get().attendance == 27
    assert HaenaemTeam.objects.get().members == 5


def test_enrolments_and_attendance_import_and_completion_follows(seoul):
    course, sessions, _ = course_with_sessions(center=seoul, sessions=1, people=0)
    course_columns = [course.title, course.date.isoformat(), "1"]
    _import(
        "education_enrolments",
        ["과정명", "과정 시작일", "기수", "이름", "소속 기업", "신청일"],
        [[*course_columns, "김수강", "제리백", "2017-05-01"]],
        seoul,
    )
    _import(
        "education_attendance",
        ["과정명", "과정 시작일", "기수", "이름", "회차 일자"],
        [[*course_columns, "김수강", sessions[0].date.isoformat()]],
        seoul,
    )
    enrolment = Enrolment.objects.get()
    assert enrolment.enterprise is not None and enrolment.completed
    assert Attendance.objects.count() == 1


def test_attendance_at_a_session_the_course_does_not_have_is_refused(seoul):
    course, _, (person,) = course_with_sessions(center=seoul, sessions=1)
    lines = _refused(
        "education_attendance",
        ["과정명", "과정 시작일", "기수", "이름", "회차 일자"],
        [[course.title, course.date.isoformat(), "1", person.person_name, "2017-12-01"]],
        seoul,
    )
    assert any("2행 [회차 일자]" in line for line in lines)
    assert not Attendance.objects.exists()


def test_survey_answers_and_a_graduates_follow_up_import(seoul):
    course, sessions, (person,) = course_with_sessions(center=seoul, sessions=1)
    services.set_attendance(course=course, present={sessions[0].pk: [person.pk]})
    course_columns = [course.title, course.date.isoformat(), "1"]
    _import(
        "education_survey_responses",
        ["과정명", "과정 시작일", "기수", "만족도", "의견", "응답일"],
        [
            [*course_columns, "5", "좋았습니다", "2017-06-30"],
            [*course_columns, "4", "", "2017-06-30"],
        ],
        seoul,
    )
    _import(
        "education_graduate_outcomes",
        ["과정명", "과정 시작일", "기수", "이름", "구분", "활동 일자"],
        [[*course_columns, person.person_name, "창업", "2017-11-01"]],
        seoul,
    )
    assert course.survey_mean == 4.5
    assert person.outcomes.get().get_kind_display() == "창업"


def test_a_score_above_five_is_refused_by_row_and_column(seoul):
    course, _, _ = course_with_sessions(center=seoul)
    lines = _refused(
        "education_survey_responses",
        ["과정명", "과정 시작일", "기수", "만족도", "응답일"],
        [[course.title, course.date.isoformat(), "1", "7", "2017-06-30"]],
        seoul,
    )
    assert any(line.startswith("2행 [만족도]") for line in lines)
    assert not course.survey_responses.exists()
