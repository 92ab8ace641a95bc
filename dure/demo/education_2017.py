"""The 2017 demo's 주체발굴 및 인재양성 (P09–P11, tables 38–47) as the education app's records:
the academy's courses, the study tours of tables 39, 40 and 42 with their participants, and the
youth programmes of tables 45–47. The deliverables (교육과정 개발 발간자료, the online platform,
the course evaluation, the 체험교육과정) stay activities (성과물): they are products, not courses.

Where the report gives a number of people for several items together and not per item, the
items carry none: 전략기획연수 15, 파견 11 and 초청 29 participants are stand-in participants
(`reconstructed`) of no particular tour, and a group of courses the report totals together
(업종별 10개 과정 1,005명) is one course record standing for its runs (`runs`)."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any

from dure.education.models import (
    Course,
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
from dure.programs.records import services as record_services

if TYPE_CHECKING:
    from dure.demo.programs_2017 import _Loader

YEAR = 2017
UNDATED = datetime.date(YEAR, 12, 31)
NO_DATE = "일자 미기재"

# (title, track, runs, participants, notes): 38 and the running text around it (01:266).
COURSES: tuple[tuple[str, str, int, int | None, str], ...] = (
    ("성공회대 AMP과정", Track.UNIVERSITY, 1, 41, "4기, 2학기 과정"),
    ("한신대 동북4구 산관학 연계 문제해결 아카데미", Track.UNIVERSITY, 1, 137, "4개 과정 137명"),
    (
        "업종별 사회적경제 맞춤형 교육과정",
        Track.SECTOR,
        10,
        1005,
        "어르신/아이돌봄, 사회주택, 간병, 햇빛발전, 청소년, 미디어, 환경 등 10개 과정 1,005명",
    ),
    ("학교협동조합 임직원·조합원 연합교육", Track.SCHOOL_COOPERATIVE, 1, 62, "1박 2일 워크숍"),
    ("찾아가는 학교협동조합 임직원 교육", Track.YOUTH, 2, 1167, "2개 과정 1,167명"),
    ("자치구 지원조직 종사자교육", Track.DISTRICT_STAFF, 3, 196, "3개 과정 196명"),
    ("사회적경제 담당 공무원 교육", Track.OFFICIAL_WORKSHOP, 1, None, "참여인원 미기재"),
    ("공무원 사회적경제 특강", Track.OFFICIAL_LECTURE, 1, None, "참여인원 미기재"),
    ("사회적경제 대상별 교육과정 시범운영", Track.AUDIENCE, 4, 135, "4개 과정 시범운영 135명"),
)
# Participants the report counts per kind of tour (41; 01:270 in persons) without the tour.
TOUR_TOTALS = {TourKind.STRATEGIC: 15, TourKind.DISPATCH: 11, TourKind.INVITATION: 29}


def _day(text: str) -> datetime.date:
    """The first day of a period such as `11.17~11.24` or `2017.11`."""
    first = text.split("~")[0].strip()
    parts = [int(x) for x in first.split(".")]
    if parts[0] == YEAR:
        return datetime.date(YEAR, parts[1], 1)
    return datetime.date(YEAR, parts[0], parts[1])


def _last_day(text: str) -> datetime.date | None:
    if "~" not in text:
        return None
    start = _day(text)
    month, day = (int(x) for x in text.split("~")[1].strip().split("."))
    return datetime.date(YEAR, month, day) if (month, day) >= (start.month, start.day) else None


def load_education(loader: _Loader) -> None:
    from dure.demo.programs_2017 import _date, _rows

    seed = loader.seed_dir
    center = loader.metropolitan
    programs = loader.programs
    rows: list[Any] = []

    def record(model: type, program: str, **fields: Any) -> Any:
        row = model(center=center, program=programs[program], **fields)
        rows.append(row)
        return row

    for title, track, runs, participants, notes in COURSES:
        record(
            Course,
            "P09",
            date=UNDATED,
            title=title,
            track=track,
            runs=runs,
            participants=participants,
            notes=f"{notes} ({NO_DATE})",
        )
    for number in ("4-1", "4-2 기초", "4-2 사례연구", "4-3", "4-4", "4-5"):
        loader.add("P09", "성과물", "교육과정개발", notes=f"발간자료 {number}")
    loader.add("P09", "성과물", "온라인플랫폼", notes="academy.sehub.net")
    loader.add("P09", "성과물", "교육과정평가")

    tours: list[tuple[StudyTour, list[Any]]] = []
    for row in _rows(seed, "39_strategic_planning_training.csv"):
        cancelled = "취소" in row["비고"]
        tour = record(
            StudyTour,
            "P10",
            kind=TourKind.STRATEGIC,
            category=row["구분"],
            title=row["연수 주제"],
            date=_day(row["기간"]),
            ends_on=_last_day(row["기간"]),
            destination=row["연수지"],
            purpose=row["비고"],
            status=TourStatus.CANCELLED if cancelled else TourStatus.HELD,
        )
        tours.append((tour, []))
    for row in _rows(seed, "40_technical_training_dispatch.csv"):
        tour = record(
            StudyTour,
            "P10",
            kind=TourKind.DISPATCH,
            title=row["연수주제"],
            date=_day(row["기간"]),
            ends_on=_last_day(row["기간"]),
            destination=row["연수지"],
        )
        tours.append((tour, [loader.enterprise(row["기업명"])]))
    for row in _rows(seed, "42_technical_training_invited.csv"):
        attendance = row["참석자수"]
        tour = record(
            StudyTour,
            "P10",
            kind=TourKind.INVITATION,
            title=row["연수주제"],
            date=_day(row["기간"]),
            ends_on=_last_day(row["기간"]),
            invited_experts=row["초청자"],
            forum_attendance=int(attendance) if attendance else None,
            purpose=row["추진경과"],
        )
        tours.append((tour, []))
    for kind, total in TOUR_TOTALS.items():
        for index in range(total):
            record(
                StudyTourParticipant,
                "P10",
                kind=kind,
                date=UNDATED,
                person_name=f"[재구성] {TourKind(kind).label} 참가자 {index + 1}",
                reconstructed=True,
                notes=f"보고서에 {TourKind(kind).label} 참가자 합계({total}명)만 있어 "
                "연수별로 나눌 수 없음",
            )

    for index, row in enumerate(_rows(seed, "45_youth_intro_education_orgs.csv")):
        printed = int(row["참여인원_명"] or 0)
        # "1명" is an extraction garble of 31명: the section total 1,171 needs 31 (C35).
        attending: int | None = 31 if printed == 1 else (printed or None)
        name = row["기관/단체명"] or f"[재구성] 입문교육 선정기관 {index + 1}"
        record(
            YouthIntroSupport,
            "P11",
            date=UNDATED,
            institution=loader.institution(name, reconstructed=not row["기관/단체명"]),
            content=row["주요 교육내용"],
            outcome=row["교육성과"],
            participants=attending,
            notes=f"7~11월 운영 ({NO_DATE})",
        )
    sessions: dict[str, YouthSession] = {}
    programmes: list[tuple[str, Any, str, str]] = []
    for row in _rows(seed, "46_youth_experience_sessions.csv"):
        if not row["회차"].isdigit():
            continue
        if row["회차"] not in sessions:
            sessions[row["회차"]] = record(
                YouthSession,
                "P11",
                number=int(row["회차"]),
                date=_date(row["날짜"]),
                school=loader.institution(row["참여학교명"]),
                attendance=int(row["참석인원"]) if row["참석인원"] else None,
            )
        if "Exact repeat" in row["note"]:
            continue
        enterprise = loader.enterprise(row["기업명"])
        programmes.append((row["회차"], enterprise, row["분야"], row["체험프로그램"]))
    loader.add("P11", "성과물", "체험교육과정", date=datetime.date(YEAR, 9, 7))
    for row in _rows(seed, "47_youth_haenaem_teams.csv"):
        if row["연번"].isdigit():
            record(
                HaenaemTeam,
                "P11",
                date=UNDATED,
                team_name=row["팀명"],
                project=row["프로젝트명"],
                school=loader.institution(row["학교명"]),
                members=int(row["팀원"]),
                summary=row["주요내용"],
                notes=NO_DATE,
            )
    record(
        YouthNetworkEvent,
        "P11",
        date=datetime.date(YEAR, 12, 27),
        title="청소년-청년 사회적경제 네트워크 행사",
        participants=194,
        organisations=7,
    )

    record_services.bulk_record(rows)
    for tour, enterprises in tours:
        if enterprises:
            tour.enterprises.set(enterprises)
    for number, enterprise, field, title in programmes:
        record_services.save_record(
            YouthSessionProgramme(
                session=sessions[number], enterprise=enterprise, field=field, title=title
            )
        )
