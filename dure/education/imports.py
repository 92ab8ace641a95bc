"""Importing 인재양성 records (`import_records education_… FILE`, the upload screen): courses,
study tours, tour participants, the youth programmes' supported organisations, hands-on
sessions, 해냄 teams and network events, and a course's enrolments, attendance, evaluation
answers and graduates' follow-up.

All-or-nothing like every import: every row is checked before any is saved, and any problem is
`N행 [열이름]: 사유`. A row names its program by 사업명 or 사업코드, its institutions and
enterprises by name or 사업자등록번호 among those the importing user may name; an enrolment or
attendance row names its course by 과정명 and 과정 시작일 (and 기수 when it runs again). A row is
matched to a saved record by the fields that say which record it is: importing the same file
again changes nothing."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import QuerySet

from dure.core.imports import (
    EMPTY,
    ImportColumn,
    Row,
    RowErrors,
    parse_choice,
    parse_date,
    parse_int,
    parse_text,
    register_importer,
)
from dure.education import services
from dure.education.models import (
    Attendance,
    Course,
    Enrolment,
    GraduateOutcome,
    HaenaemTeam,
    OutcomeKind,
    StudyTour,
    StudyTourParticipant,
    SurveyResponse,
    TourKind,
    TourStatus,
    Track,
    YouthIntroSupport,
    YouthNetworkEvent,
    YouthSession,
)
from dure.programs.records.imports import (
    Line,
    ProgramRecordImporter,
    RecordImporter,
    References,
    cell_text,
    max_length,
    parse_count,
    record_columns,
    required_choice,
)

YES = {"예", "y", "yes", "o", "공개", "true", "1"}


def _flag(row: Row, key: str) -> bool:
    return cell_text(row, key).lower() in YES


def _text(row: Row, key: str, errors: RowErrors, model: Any, field: str, **options: Any) -> str:
    return parse_text(row, key, errors, max_length=max_length(model, field), **options)


@register_importer
class CourseImporter(ProgramRecordImporter):
    """교육과정: 일자(시작일), 사업명 or 사업코드, 과정명, 분야, 기수, 종료일, 과정 수, 참여인원."""

    kind = "education_courses"
    label = "교육과정"
    model = Course
    identity = ("program", "date", "title", "cohort")
    institution_columns = ("운영 기관",)
    field_columns = {
        "title": "과정명",
        "track": "분야",
        "cohort": "기수",
        "ends_on": "종료일",
        "host": "운영 기관",
        "runs": "과정 수",
        "participants": "참여인원",
    }
    columns = record_columns(
        ImportColumn("과정명", "과정명", required=True, example="사회적경제 기초 과정"),
        ImportColumn("분야", "분야", required=True, example="대상별"),
        ImportColumn("기수", "기수", example="1"),
        ImportColumn("종료일", "종료일", example="2017-06-30", is_date=True),
        ImportColumn("운영 기관", "운영 기관"),
        ImportColumn("공개 모집", "공개 모집", example="예"),
        ImportColumn("과정 수", "과정 수", example="1"),
        ImportColumn("참여인원", "참여인원", example="30"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "title": _text(row, "과정명", errors, Course, "title", required=True),
            "track": required_choice(row, "분야", errors, Track.choices),
            "cohort": parse_int(row, "기수", errors, minimum=1) or 1,
            "ends_on": parse_date(row, "종료일", errors),
            "host": references.institution(row, "운영 기관", errors),
            "is_public": _flag(row, "공개 모집"),
            "runs": parse_int(row, "과정 수", errors, minimum=1) or 1,
            "participants": parse_count(row, "참여인원", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["title"])

    def create(self, fields: dict[str, Any]) -> None:
        services.create_course(center=self.center, **fields)


@register_importer
class StudyTourImporter(ProgramRecordImporter):
    """연수: 일자(시작일), 사업명 or 사업코드, 구분, 연수 주제, 종료일, 연수지, 진행 여부,
    파견 기업, 초청자, 포럼 참석자수."""

    kind = "education_study_tours"
    label = "연수"
    model = StudyTour
    identity = ("program", "date", "kind", "title")
    enterprise_columns = ("파견 기업",)
    field_columns = {
        "kind": "구분",
        "title": "연수 주제",
        "ends_on": "종료일",
        "destination": "연수지",
        "status": "진행 여부",
        "enterprises": "파견 기업",
        "forum_attendance": "포럼 참석자수",
    }
    columns = record_columns(
        ImportColumn("구분", "구분", required=True, example="기술연수(파견)"),
        ImportColumn("연수 주제", "연수 주제", required=True, example="공정무역 신제품 개발"),
        ImportColumn("종료일", "종료일", example="2017-09-29", is_date=True),
        ImportColumn("연수지", "연수지", example="베트남"),
        ImportColumn("진행 여부", "진행 여부", example="진행"),
        ImportColumn("파견 기업", "파견 기업"),
        ImportColumn("초청자", "초청자"),
        ImportColumn("포럼 참석자수", "포럼 참석자수", example="150"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        enterprises = references.enterprise_list(row, "파견 기업", errors)
        return {
            "kind": required_choice(row, "구분", errors, TourKind.choices),
            "title": _text(row, "연수 주제", errors, StudyTour, "title", required=True),
            "ends_on": parse_date(row, "종료일", errors),
            "destination": _text(row, "연수지", errors, StudyTour, "destination"),
            "status": parse_choice(row, "진행 여부", errors, TourStatus.choices) or TourStatus.HELD,
            "enterprises": enterprises or [],
            "invited_experts": row.text("초청자"),
            "forum_attendance": parse_count(row, "포럼 참석자수", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["title"])

    def create(self, fields: dict[str, Any]) -> None:
        services.create_study_tour(center=self.center, **fields)

    def update(self, record: Any, changes: dict[str, Any], fields: dict[str, Any]) -> None:
        enterprises = changes.pop("enterprises", None)
        services.update_study_tour(tour=record, enterprises=enterprises, **changes)


@register_importer
class TourParticipantImporter(ProgramRecordImporter):
    """연수 참가자: 일자, 사업명 or 사업코드, 연수 구분, 연수 주제, 이름, 소속 기업."""

    kind = "education_tour_participants"
    label = "연수 참가자"
    model = StudyTourParticipant
    identity = ("program", "tour", "person_name")
    enterprise_columns = ("소속 기업",)
    field_columns = {
        "kind": "연수 구분",
        "tour": "연수 주제",
        "person_name": "이름",
        "enterprise": "소속 기업",
    }
    columns = record_columns(
        ImportColumn("연수 구분", "연수 구분", required=True, example="기술연수(파견)"),
        ImportColumn("연수 주제", "연수 주제", required=True, example="공정무역 신제품 개발"),
        ImportColumn("이름", "이름", required=True, example="홍길동"),
        ImportColumn("소속 기업", "소속 기업"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        kind = required_choice(row, "연수 구분", errors, TourKind.choices)
        title = cell_text(row, "연수 주제")
        tour = None
        if not title:
            errors.add(row, row.column("연수 주제"), EMPTY)
        elif kind:
            tours = StudyTour.objects.in_reach_of(self.center).filter(kind=kind, title=title)
            found = list(tours[:2])
            if len(found) != 1:
                reason = "없습니다" if not found else "여럿입니다"
                errors.add(row, row.column("연수 주제"), f"‘{title}’ 연수가 {reason}.")
            else:
                tour = found[0]
        return {
            "kind": kind,
            "tour": tour,
            "person_name": _text(
                row, "이름", errors, StudyTourParticipant, "person_name", required=True
            ),
            "enterprise": references.enterprise(row, "소속 기업", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["person_name"])

    def create(self, fields: dict[str, Any]) -> None:
        services.create_tour_participant(center=self.center, **fields)


@register_importer
class IntroSupportImporter(ProgramRecordImporter):
    """청소년 입문교육 지원: 일자, 사업명 or 사업코드, 운영 기관, 주요 교육내용, 교육성과,
    참여인원."""

    kind = "education_intro_supports"
    label = "청소년 입문교육 지원"
    model = YouthIntroSupport
    identity = ("program", "institution")
    institution_columns = ("운영 기관",)
    field_columns = {"institution": "운영 기관", "participants": "참여인원"}
    columns = record_columns(
        ImportColumn("운영 기관", "운영 기관", required=True),
        ImportColumn("주요 교육내용", "주요 교육내용"),
        ImportColumn("교육성과", "교육성과"),
        ImportColumn("참여인원", "참여인원", example="120"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "institution": references.institution(row, "운영 기관", errors, required=True),
            "content": row.text("주요 교육내용"),
            "outcome": row.text("교육성과"),
            "participants": parse_count(row, "참여인원", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        institution = fields["institution"]
        return institution.name if institution else ""

    def create(self, fields: dict[str, Any]) -> None:
        services.create_intro_support(center=self.center, **fields)


@register_importer
class YouthSessionImporter(ProgramRecordImporter):
    """청소년 체험교육: 일자, 사업명 or 사업코드, 회차, 참여 학교, 참석인원."""

    kind = "education_youth_sessions"
    label = "청소년 체험교육"
    model = YouthSession
    identity = ("program", "date", "school")
    institution_columns = ("참여 학교",)
    field_columns = {"number": "회차", "school": "참여 학교", "attendance": "참석인원"}
    columns = record_columns(
        ImportColumn("회차", "회차", required=True, example="1"),
        ImportColumn("참여 학교", "참여 학교", required=True),
        ImportColumn("참석인원", "참석인원", example="27"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        number = parse_int(row, "회차", errors, minimum=1)
        if number is None and not cell_text(row, "회차"):
            errors.add(row, row.column("회차"), EMPTY)
        return {
            "number": number,
            "school": references.institution(row, "참여 학교", errors, required=True),
            "attendance": parse_count(row, "참석인원", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['number']}회차"

    def create(self, fields: dict[str, Any]) -> None:
        services.create_youth_session(center=self.center, **fields)


@register_importer
class HaenaemTeamImporter(ProgramRecordImporter):
    """해냄 프로젝트 팀: 일자, 사업명 or 사업코드, 팀명, 프로젝트명, 학교, 팀원수, 멘토, 지원금."""

    kind = "education_haenaem_teams"
    label = "해냄 프로젝트 팀"
    model = HaenaemTeam
    identity = ("program", "team_name", "school")
    institution_columns = ("학교",)
    field_columns = {
        "team_name": "팀명",
        "project": "프로젝트명",
        "school": "학교",
        "members": "팀원수",
        "budget_won": "지원금",
    }
    columns = record_columns(
        ImportColumn("팀명", "팀명", required=True, example="에코피플"),
        ImportColumn("프로젝트명", "프로젝트명", required=True, example="지구를 지키는 보안관"),
        ImportColumn("학교", "학교", required=True),
        ImportColumn("팀원수", "팀원수", example="5"),
        ImportColumn("멘토", "멘토"),
        ImportColumn("지원금", "지원금", example="500000"),
        ImportColumn("주요내용", "주요내용"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "team_name": _text(row, "팀명", errors, HaenaemTeam, "team_name", required=True),
            "project": _text(row, "프로젝트명", errors, HaenaemTeam, "project", required=True),
            "school": references.institution(row, "학교", errors, required=True),
            "members": parse_count(row, "팀원수", errors),
            "mentors": _text(row, "멘토", errors, HaenaemTeam, "mentors"),
            "budget_won": parse_int(row, "지원금", errors, minimum=0),
            "summary": row.text("주요내용"),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["team_name"])

    def create(self, fields: dict[str, Any]) -> None:
        services.create_haenaem_team(center=self.center, **fields)


@register_importer
class NetworkEventImporter(ProgramRecordImporter):
    """청소년-청년 네트워크 행사: 일자, 사업명 or 사업코드, 행사명, 참여인원, 참여 단체수."""

    kind = "education_network_events"
    label = "청소년-청년 네트워크 행사"
    model = YouthNetworkEvent
    identity = ("program", "date", "title")
    field_columns = {"title": "행사명", "participants": "참여인원", "organisations": "참여 단체수"}
    columns = record_columns(
        ImportColumn("행사명", "행사명", required=True, example="청소년-청년 네트워크 파티"),
        ImportColumn("참여인원", "참여인원", example="194"),
        ImportColumn("참여 단체수", "참여 단체수", example="7"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "title": _text(row, "행사명", errors, YouthNetworkEvent, "title", required=True),
            "participants": parse_count(row, "참여인원", errors),
            "organisations": parse_count(row, "참여 단체수", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["title"])

    def create(self, fields: dict[str, Any]) -> None:
        services.create_network_event(center=self.center, **fields)


COURSE_COLUMNS = (
    ImportColumn("과정명", "과정명", required=True, example="사회적경제 기초 과정"),
    ImportColumn("과정 시작일", "과정 시작일", required=True, example="2017-05-23", is_date=True),
    ImportColumn("기수", "기수", example="1"),
)


def _course(row: Row, errors: RowErrors, center: Any, user: Any) -> Course | None:
    """The course a row names by 과정명, 과정 시작일 and 기수, among those the user may change."""
    title = cell_text(row, "과정명")
    day = parse_date(row, "과정 시작일", errors, required=True)
    cohort = parse_int(row, "기수", errors, minimum=1) or 1
    if not title:
        errors.add(row, row.column("과정명"), EMPTY)
        return None
    if day is None:
        return None
    courses = Course.objects.editable_by(user) if user is not None else Course.objects.all()
    found = list(
        courses.in_reach_of(center).filter(title=title, date=day, cohort=cohort).order_by("pk")[:2]
    )
    if len(found) != 1:
        reason = "없습니다" if not found else "여럿입니다"
        errors.add(row, row.column("과정명"), f"{day:%Y-%m-%d}에 시작한 ‘{title}’ 과정이 {reason}.")
        return None
    return found[0]


@register_importer
class EnrolmentImporter(RecordImporter):
    """수강생: 과정명, 과정 시작일, 기수, 이름, 소속 기업, 신청일."""

    kind = "education_enrolments"
    label = "수강생"
    model = Enrolment
    identity = ("course", "person_name")
    enterprise_columns = ("소속 기업",)
    field_columns = {"person_name": "이름", "enterprise": "소속 기업", "enrolled_on": "신청일"}
    date_column = "신청일"
    columns = (
        *COURSE_COLUMNS,
        ImportColumn("이름", "이름", required=True, example="홍길동"),
        ImportColumn("소속 기업", "소속 기업"),
        ImportColumn("신청일", "신청일", required=True, example="2017-05-01", is_date=True),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        course = _course(row, errors, self.center, self.user)
        name = _text(row, "이름", errors, Enrolment, "person_name", required=True)
        enterprise = references.enterprise(row, "소속 기업", errors)
        enrolled_on = parse_date(row, "신청일", errors, required=True)
        if len(errors) > before or course is None:
            return None
        fields = {
            "course": course,
            "person_name": name,
            "enterprise": enterprise,
            "enrolled_on": enrolled_on,
        }
        return Line(row, fields, f"{course} · {name}")

    def existing(self, identity: dict[str, Any]) -> QuerySet[Any]:
        return Enrolment.objects.filter(**identity)

    def create(self, fields: dict[str, Any]) -> None:
        services.enrol(**fields)

    def update(self, record: Any, changes: dict[str, Any], fields: dict[str, Any]) -> None:
        services.update_enrolment(enrolment=record, **changes)


@register_importer
class AttendanceImporter(RecordImporter):
    """출석: 과정명, 과정 시작일, 기수, 이름, 회차 일자 (한 행이 한 사람의 한 회차 출석)."""

    kind = "education_attendance"
    label = "출석"
    model = Attendance
    identity = ("session", "enrolment")
    date_column = "회차 일자"
    columns = (
        *COURSE_COLUMNS,
        ImportColumn("이름", "이름", required=True, example="홍길동"),
        ImportColumn("회차 일자", "회차 일자", required=True, example="2017-05-30", is_date=True),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        course = _course(row, errors, self.center, self.user)
        name = cell_text(row, "이름")
        day = parse_date(row, "회차 일자", errors, required=True)
        if not name:
            errors.add(row, row.column("이름"), EMPTY)
        if len(errors) > before or course is None or day is None:
            return None
        enrolments = list(course.enrolments.filter(person_name=name)[:2])
        sessions = list(course.sessions.filter(date=day)[:2])
        if len(enrolments) != 1:
            reason = "없습니다" if not enrolments else "여럿입니다"
            errors.add(row, row.column("이름"), f"‘{name}’ 수강생이 이 과정에 {reason}.")
        if len(sessions) != 1:
            reason = "없습니다" if not sessions else "여럿입니다"
            errors.add(row, row.column("회차 일자"), f"{day:%Y-%m-%d} 회차가 이 과정에 {reason}.")
        if len(errors) > before:
            return None
        fields = {"session": sessions[0], "enrolment": enrolments[0]}
        return Line(row, fields, f"{course} · {name} · {day:%Y-%m-%d}")

    def existing(self, identity: dict[str, Any]) -> QuerySet[Any]:
        return Attendance.objects.filter(**identity)

    def create(self, fields: dict[str, Any]) -> None:
        services.mark_present(**fields)


@register_importer
class SurveyResponseImporter(RecordImporter):
    """과정 평가 응답: 과정명, 과정 시작일, 기수, 만족도(1–5), 의견, 응답일."""

    kind = "education_survey_responses"
    label = "과정 평가 응답"
    model = SurveyResponse
    identity = ("course", "answered_on", "score", "comment")
    field_columns = {"score": "만족도", "comment": "의견", "answered_on": "응답일"}
    date_column = "응답일"
    columns = (
        *COURSE_COLUMNS,
        ImportColumn("만족도", "만족도", required=True, example="5"),
        ImportColumn("의견", "의견"),
        ImportColumn("응답일", "응답일", required=True, example="2017-06-30", is_date=True),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        course = _course(row, errors, self.center, self.user)
        score = parse_int(row, "만족도", errors, minimum=1)
        if score is None and not cell_text(row, "만족도"):
            errors.add(row, row.column("만족도"), EMPTY)
        elif score is not None and score > 5:
            errors.add(row, row.column("만족도"), f"1에서 5 사이여야 합니다: {score}")
        answered_on = parse_date(row, "응답일", errors, required=True)
        if len(errors) > before or course is None:
            return None
        fields = {
            "course": course,
            "score": score,
            "comment": row.text("의견"),
            "answered_on": answered_on,
        }
        return Line(row, fields, f"{course} · {score}점")

    def existing(self, identity: dict[str, Any]) -> QuerySet[Any]:
        return SurveyResponse.objects.filter(**identity)

    def create(self, fields: dict[str, Any]) -> None:
        services.record_survey_response(**fields)


@register_importer
class GraduateOutcomeImporter(RecordImporter):
    """수료 후 활동: 과정명, 과정 시작일, 기수, 이름, 구분, 활동 일자, 내용."""

    kind = "education_graduate_outcomes"
    label = "수료 후 활동"
    model = GraduateOutcome
    identity = ("enrolment", "kind", "date")
    field_columns = {
        "enrolment": "이름",
        "kind": "구분",
        "date": "활동 일자",
        "description": "내용",
    }
    date_column = "활동 일자"
    columns = (
        *COURSE_COLUMNS,
        ImportColumn("이름", "이름", required=True, example="홍길동"),
        ImportColumn("구분", "구분", required=True, example="창업"),
        ImportColumn("활동 일자", "활동 일자", required=True, example="2017-11-01", is_date=True),
        ImportColumn("내용", "내용"),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        course = _course(row, errors, self.center, self.user)
        name = cell_text(row, "이름")
        if not name:
            errors.add(row, row.column("이름"), EMPTY)
        kind = required_choice(row, "구분", errors, OutcomeKind.choices)
        day = parse_date(row, "활동 일자", errors, required=True)
        description = _text(row, "내용", errors, GraduateOutcome, "description")
        if len(errors) > before or course is None:
            return None
        enrolments = list(course.enrolments.filter(person_name=name)[:2])
        if len(enrolments) != 1:
            reason = "없습니다" if not enrolments else "여럿입니다"
            errors.add(row, row.column("이름"), f"‘{name}’ 수강생이 이 과정에 {reason}.")
            return None
        fields = {"enrolment": enrolments[0], "kind": kind, "date": day, "description": description}
        return Line(row, fields, f"{course} · {name}")

    def existing(self, identity: dict[str, Any]) -> QuerySet[Any]:
        return GraduateOutcome.objects.filter(**identity)

    def create(self, fields: dict[str, Any]) -> None:
        services.record_graduate_outcome(**fields)
