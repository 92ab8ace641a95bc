"""The 2017 demo's 홍보 및 연구 (P12, P13) as the outreach app's records: the newsletter issues,
content, media campaigns, events of table 49, the delegations of table 50 (2013–2017), the
publications of table 55 and the commissioned research. The web portal stays a deliverable
(activity 성과물): it is run, not recorded piece by piece."""

from __future__ import annotations

import datetime
import re
from typing import TYPE_CHECKING, Any

from dure.outreach.models import (
    Campaign,
    Delegation,
    Event,
    EventKind,
    GroupUnit,
    IssueStatus,
    NewsletterIssue,
    Origin,
    Publication,
    ResearchProject,
    Story,
    StoryKind,
)
from dure.programs.records import services as record_services

if TYPE_CHECKING:
    from dure.demo.programs_2017 import _Loader

YEAR = 2017
EVENT_KINDS = {
    "정책대화": EventKind.POLICY_DIALOGUE,
    "성과보고회": EventKind.RESULTS,
    "콜로키움": EventKind.COLLOQUIUM,
}
# Each series of table 55 and the program its publications came out of, where one program is
# named by the text (2-1 … are the strategic program's commissioned studies, 5-1 the research).
PUBLICATION_PROGRAMS = {"2-1": "P04", "2-2": "P04", "3-2": "P05", "3-1": "P06", "5-1": "P13"}


def _spread(count: int, start: datetime.date, end: datetime.date) -> list[datetime.date]:
    span = (end - start).days
    return [start + datetime.timedelta(days=i * span // max(count, 1)) for i in range(count)]


def load_outreach(loader: _Loader) -> None:
    from dure.demo.programs_2017 import DECEMBER, JANUARY, _date, _rows

    metropolitan = loader.metropolitan
    programs = loader.programs
    rows: list[Any] = []

    def record(model: type, program: str, **fields: Any) -> Any:
        row = model(center=metropolitan, program=programs[program], **fields)
        rows.append(row)
        return row

    # 세모편지: sent every other Thursday (the report gives the count, 21, not the days).
    thursdays = [datetime.date(YEAR, 1, 5) + datetime.timedelta(weeks=2 * n) for n in range(21)]
    for date in thursdays:
        record(
            NewsletterIssue,
            "P12",
            date=date,
            title="세모편지",
            status=IssueStatus.SENT,
            reconstructed=True,
            notes="발행일은 격주 목요일로 재구성(보고서에는 21회만 있음)",
        )
    for date in _spread(124, JANUARY, DECEMBER):
        record(
            Story,
            "P12",
            date=date,
            kind=StoryKind.CONTENT,
            reconstructed=True,
            notes="보고서에 ‘홍보콘텐츠 124건’만 있어 만든 기록",
        )
    for partner, title in (
        ("한겨레", "사회적기업 10주년 공동기획"),
        ("머니투데이", "우수 기업 사례 게재"),
        ("에스이코노미", "사회적경제 기획 기사"),
    ):
        record(
            Campaign,
            "P12",
            date=datetime.date(YEAR, 12, 31),
            partner=loader.institution(partner),
            title=title,
            notes="일자 미기재",
        )
    for row in _rows(loader.seed_dir, "49_pr_events.csv"):
        people = row["참석자_수"]
        record(
            Event,
            "P12",
            date=_date(row["날짜"]),
            kind=EVENT_KINDS[row["구분"]],
            title=row["행사명"],
            attendance=int(people) if people else None,
            attendance_approximate="여명" in row["참석자"],
        )
    research = record(
        ResearchProject,
        "P13",
        date=datetime.date(YEAR, 4, 1),
        ends_on=datetime.date(YEAR, 10, 31),
        institution=loader.institution("서울연구원"),
        title="서울시 사회적경제 5개년 계획 수립을 위한 기초 연구",
        notes="연구기관 선정 및 연구수행(4~10월), 결과 보고(10월)",
    )
    loader.add("P12", "성과물", "포털운영", notes="sehub.net")
    record_services.bulk_record(rows)

    delegations = []
    for row in _rows(loader.seed_dir, "50_study_visits_2013_2017.csv"):
        year = int(row["연도"])
        for origin, text, groups, unit, people in (
            (
                Origin.ABROAD,
                row["해외"],
                row["해외_기관또는국가수"],
                row["해외_단위"],
                row["해외_인원"],
            ),
            (Origin.DOMESTIC, row["국내"], row["국내_기관수"], "", row["국내_인원"]),
        ):
            delegations.append(
                Delegation(
                    center=metropolitan,
                    date=datetime.date(year, 12, 31),
                    origin=origin,
                    name=re.split(r"\s+등\s+", text)[0],
                    groups=int(groups),
                    group_unit=_unit(unit, text),
                    people=int(people),
                    reconstructed=True,
                    notes=f"{year}년 합계: {text} (방문일은 보고서에 없음)",
                )
            )
    record_services.bulk_record(delegations)

    publications = []
    for row in _rows(loader.seed_dir, "55_publications.csv"):
        code = PUBLICATION_PROGRAMS.get(row["번호"])
        publications.append(
            Publication(
                center=metropolitan,
                series=row["구분"],
                number=row["번호"],
                title=row["자료명"],
                published_on=datetime.date(YEAR, 12, 31),
                program=programs[code] if code else None,
                notes="발간일 미기재(2017 성과보고서 부록 발간 자료)",
            )
        )
    record_services.bulk_record(publications)
    research.report = next(p for p in publications if p.number == "5-1")
    research.save(update_fields=["report"])


def _unit(printed: str, text: str) -> str:
    if printed == "개국":
        return GroupUnit.COUNTRY
    if "도시 및 기관" in text:
        return GroupUnit.CITY_OR_ORGANISATION
    return GroupUnit.ORGANISATION
