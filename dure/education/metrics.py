"""The 주체발굴 및 인재양성 metrics: courses and their participants, enrolments with those who
completed (수료인원), sessions, study tours and their participants, and the youth programmes.
Registered from here; `programs` is not edited to add them."""

from __future__ import annotations

from django.db.models import Q, QuerySet
from django.urls import reverse

from dure.core.formatting import format_date
from dure.core.listing import Column
from dure.education.models import (
    Course,
    CourseSession,
    Enrolment,
    HaenaemTeam,
    StudyTour,
    StudyTourParticipant,
    TourKind,
    TourStatus,
    Track,
    YouthIntroSupport,
    YouthNetworkEvent,
    YouthSession,
    YouthSessionProgramme,
)
from dure.programs.metric_registry import (
    MONEY_FAMILY,
    Measure,
    Scope,
    count_rows,
    counted,
    metric,
    summed,
)
from dure.programs.metrics import DISTRICT
from dure.programs.records.metrics import CENTER, NOTES, PROGRAM, RECONSTRUCTED
from dure.programs.records.metrics import choice_parameter as _choice
from dure.programs.records.metrics import distinct_enterprises as _distinct_enterprises
from dure.programs.records.metrics import distinct_institutions as _distinct_institutions
from dure.programs.records.metrics import in_scope as _in_scope
from dure.programs.records.metrics import name_of as _name
from dure.programs.records.metrics import record_date as _date

TRACK = _choice(Track, "분야")
TOUR_KIND = _choice(TourKind, "연수 구분")
TOUR_STATUS = _choice(TourStatus, "진행 여부")


def _courses(
    scope: Scope,
    track: list[str] | None,
    district: list[str] | None,
    program: list[str] | None,
) -> QuerySet[Course]:
    rows = _in_scope(Course.objects.all(), scope, district, program=program)
    if track:
        rows = rows.filter(track__in=track)
    return rows


@metric(
    "education.courses",
    label="교육과정",
    parameters={"track": TRACK, "district": DISTRICT, "program": PROGRAM},
    measures={
        "sum_runs": summed("과정수", "runs"),
        "sum_participants": summed("참여인원", "participants"),
        "count": counted("기록 건수"),
    },
    columns=(
        Column("date", "시작일", _date, "date"),
        CENTER,
        Column("track", "분야", lambda r: r.get_track_display(), "track"),
        Column("title", "과정명", lambda r: str(r), "title"),
        Column("host", "운영 기관", _name("host"), "host__name"),
        Column("runs", "과정 수", lambda r: r.runs, "runs"),
        Column("participants", "참여인원", lambda r: r.participants, "participants"),
        Column("public", "공개 모집", lambda r: "공개" if r.is_public else ""),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "host"),
    record_page="education:course_detail",
    reconstructed_field="reconstructed",
)
def courses(
    scope: Scope,
    *,
    track: list[str] | None = None,
    district: list[str] | None = None,
    program: list[str] | None = None,
) -> QuerySet[Course]:
    """Courses of the scope's centers starting within its dates."""
    return _courses(scope, track, district, program)


@metric(
    "education.enrolments",
    label="수강생",
    parameters={"track": TRACK, "district": DISTRICT, "program": PROGRAM},
    measures={
        "count": counted("수강인원"),
        "completed": Measure(
            "수료인원",
            lambda filter=None: count_rows(Q(completed=True) & (filter or Q())),
            additive=True,
            empty_is_zero=True,
        ),
    },
    columns=(
        Column("course", "교육과정", lambda r: str(r.course), "course__title"),
        Column("person_name", "이름", lambda r: r.person_name, "person_name"),
        Column("enterprise", "소속 기업", _name("enterprise"), "enterprise__name"),
        Column("enrolled_on", "신청일", lambda r: format_date(r.enrolled_on), "enrolled_on"),
        Column("completed", "수료", lambda r: "수료" if r.completed else "", "completed"),
    ),
    for_listing=lambda rows: rows.select_related("course", "enterprise"),
    record_page=lambda row: reverse("education:course_detail", args=[row.course_id]),
)
def enrolments(
    scope: Scope,
    *,
    track: list[str] | None = None,
    district: list[str] | None = None,
    program: list[str] | None = None,
) -> QuerySet[Enrolment]:
    """Enrolments in the courses of the scope starting within its dates."""
    return Enrolment.objects.filter(course__in=_courses(scope, track, district, program))


@metric(
    "education.course_sessions",
    label="교육 회차",
    parameters={"track": TRACK, "district": DISTRICT, "program": PROGRAM},
    measures={"count": counted("회차수")},
    columns=(
        Column("date", "일자", lambda r: format_date(r.date), "date"),
        Column("course", "교육과정", lambda r: str(r.course), "course__title"),
        Column("topic", "주제", lambda r: r.topic, "topic"),
        Column("instructor", "강사", _name("instructor"), "instructor__name"),
    ),
    for_listing=lambda rows: rows.select_related("course", "instructor"),
    record_page=lambda row: reverse("education:course_detail", args=[row.course_id]),
)
def course_sessions(
    scope: Scope,
    *,
    track: list[str] | None = None,
    district: list[str] | None = None,
    program: list[str] | None = None,
) -> QuerySet[CourseSession]:
    """Sessions of the scope's courses."""
    return CourseSession.objects.filter(course__in=_courses(scope, track, district, program))


def _held_or(rows: QuerySet, status: list[str] | None, field: str = "status") -> QuerySet:
    """Held tours unless the 진행 여부 parameter names others (취소 keeps the cancelled)."""
    return rows.filter(**{f"{field}__in": status or [TourStatus.HELD]})


@metric(
    "education.study_tours",
    label="연수",
    parameters={"kind": TOUR_KIND, "status": TOUR_STATUS, "program": PROGRAM},
    measures={
        "count": counted("연수건수"),
        "sum_forum_attendance": summed("포럼 참석자", "forum_attendance"),
        "distinct_enterprises": _distinct_enterprises("enterprises", "파견 기업수"),
    },
    columns=(
        Column("date", "시작일", _date, "date"),
        CENTER,
        Column("kind", "구분", lambda r: r.get_kind_display(), "kind"),
        Column("title", "연수 주제", lambda r: r.title, "title"),
        Column("destination", "연수지", lambda r: r.destination, "destination"),
        Column("status", "진행 여부", lambda r: r.get_status_display(), "status"),
        Column("forum", "포럼 참석자", lambda r: r.forum_attendance, "forum_attendance"),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="education:study_tour_detail",
    reconstructed_field="reconstructed",
)
def study_tours(
    scope: Scope,
    *,
    kind: list[str] | None = None,
    status: list[str] | None = None,
    program: list[str] | None = None,
) -> QuerySet[StudyTour]:
    """Study tours of the scope's centers starting within its dates (held ones unless the
    진행 여부 parameter says otherwise)."""
    rows = _held_or(_in_scope(StudyTour.objects.all(), scope, program=program), status)
    if kind:
        rows = rows.filter(kind__in=kind)
    return rows


@metric(
    "education.study_tour_participants",
    label="연수 참가자",
    parameters={"kind": TOUR_KIND, "program": PROGRAM},
    measures={"count": counted("참가인원")},
    columns=(
        Column("date", "일자", _date, "date"),
        CENTER,
        Column("kind", "연수 구분", lambda r: r.get_kind_display(), "kind"),
        Column("tour", "연수", lambda r: r.tour.title if r.tour else "", "tour__title"),
        Column("person_name", "이름", lambda r: r.person_name, "person_name"),
        Column("enterprise", "소속 기업", _name("enterprise"), "enterprise__name"),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "tour", "enterprise"),
    record_page="education:tour_participant_detail",
    reconstructed_field="reconstructed",
)
def study_tour_participants(
    scope: Scope, *, kind: list[str] | None = None, program: list[str] | None = None
) -> QuerySet[StudyTourParticipant]:
    """Participants of the scope's study tours, those of cancelled tours left out."""
    rows = _in_scope(StudyTourParticipant.objects.all(), scope, program=program).exclude(
        tour__status=TourStatus.CANCELLED
    )
    if kind:
        rows = rows.filter(kind__in=kind)
    return rows


@metric(
    "education.youth_intro_supports",
    label="청소년 입문교육 지원",
    parameters={"district": DISTRICT, "program": PROGRAM},
    measures={
        "count": counted("지원기관수"),
        "sum_participants": summed("참여인원", "participants"),
    },
    columns=(
        Column("date", "일자", _date, "date"),
        CENTER,
        Column("institution", "운영 기관", _name("institution"), "institution__name"),
        Column("outcome", "교육성과", lambda r: r.outcome),
        Column("participants", "참여인원", lambda r: r.participants, "participants"),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "institution"),
    record_page="education:intro_support_detail",
    reconstructed_field="reconstructed",
)
def youth_intro_supports(
    scope: Scope, *, district: list[str] | None = None, program: list[str] | None = None
) -> QuerySet[YouthIntroSupport]:
    """Introductory youth education run by supported organisations within the scope."""
    return _in_scope(YouthIntroSupport.objects.all(), scope, district, program=program)


@metric(
    "education.youth_sessions",
    label="청소년 체험교육",
    parameters={"district": DISTRICT, "program": PROGRAM},
    measures={
        "count": counted("회차수"),
        "sum_attendance": summed("참석인원", "attendance"),
        "distinct_schools": _distinct_institutions("school", "학교수"),
    },
    columns=(
        Column("date", "일자", _date, "date"),
        CENTER,
        Column("number", "회차", lambda r: r.number, "number"),
        Column("school", "참여 학교", _name("school"), "school__name"),
        Column("attendance", "참석인원", lambda r: r.attendance, "attendance"),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "school"),
    record_page="education:youth_session_detail",
    reconstructed_field="reconstructed",
)
def youth_sessions(
    scope: Scope, *, district: list[str] | None = None, program: list[str] | None = None
) -> QuerySet[YouthSession]:
    """Hands-on youth sessions of the scope's centers held within its dates."""
    return _in_scope(YouthSession.objects.all(), scope, district, program=program)


@metric(
    "education.youth_programmes",
    label="청소년 체험프로그램",
    parameters={"district": DISTRICT, "program": PROGRAM},
    measures={
        "count": counted("프로그램수"),
        "distinct_enterprises": _distinct_enterprises("enterprise", "참여 기업수"),
    },
    columns=(
        Column("date", "일자", lambda r: format_date(r.session.date), "session__date"),
        Column("school", "참여 학교", lambda r: r.session.school.name),
        Column("field", "분야", lambda r: r.field, "field"),
        Column("enterprise", "기업", _name("enterprise"), "enterprise__name"),
        Column("title", "체험프로그램", lambda r: r.title, "title"),
    ),
    for_listing=lambda rows: rows.select_related("session__school", "enterprise"),
    record_page=lambda row: reverse("education:youth_session_detail", args=[row.session_id]),
)
def youth_programmes(
    scope: Scope, *, district: list[str] | None = None, program: list[str] | None = None
) -> QuerySet[YouthSessionProgramme]:
    """The enterprises' programmes within the scope's hands-on sessions."""
    sessions = _in_scope(YouthSession.objects.all(), scope, district, program=program)
    return YouthSessionProgramme.objects.filter(session__in=sessions)


@metric(
    "education.haenaem_teams",
    label="해냄 프로젝트 팀",
    parameters={"district": DISTRICT, "program": PROGRAM},
    measures={
        "count": counted("팀수"),
        "sum_members": summed("팀원수", "members"),
        "sum_budget_won": summed("지원금", "budget_won", family=MONEY_FAMILY),
        "distinct_schools": _distinct_institutions("school", "학교수"),
    },
    columns=(
        Column("date", "일자", _date, "date"),
        CENTER,
        Column("team_name", "팀명", lambda r: r.team_name, "team_name"),
        Column("project", "프로젝트명", lambda r: r.project, "project"),
        Column("school", "학교", _name("school"), "school__name"),
        Column("members", "팀원수", lambda r: r.members, "members"),
        Column("budget_won", "지원금(원)", lambda r: r.budget_won, "budget_won"),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center", "school"),
    record_page="education:haenaem_team_detail",
    reconstructed_field="reconstructed",
)
def haenaem_teams(
    scope: Scope, *, district: list[str] | None = None, program: list[str] | None = None
) -> QuerySet[HaenaemTeam]:
    """해냄 project teams of the scope's centers supported within its dates."""
    return _in_scope(HaenaemTeam.objects.all(), scope, district, program=program)


@metric(
    "education.youth_network_events",
    label="청소년-청년 네트워크 행사",
    parameters={"district": DISTRICT, "program": PROGRAM},
    measures={
        "count": counted("행사수"),
        "sum_participants": summed("참여인원", "participants"),
    },
    columns=(
        Column("date", "일자", _date, "date"),
        CENTER,
        Column("title", "행사명", lambda r: r.title, "title"),
        Column("participants", "참여인원", lambda r: r.participants, "participants"),
        Column("organisations", "참여 단체수", lambda r: r.organisations, "organisations"),
        NOTES,
        RECONSTRUCTED,
    ),
    for_listing=lambda rows: rows.select_related("center"),
    record_page="education:network_event_detail",
    reconstructed_field="reconstructed",
)
def youth_network_events(
    scope: Scope, *, district: list[str] | None = None, program: list[str] | None = None
) -> QuerySet[YouthNetworkEvent]:
    """Youth–young adult network events of the scope's centers held within its dates."""
    return _in_scope(YouthNetworkEvent.objects.all(), scope, district, program=program)
