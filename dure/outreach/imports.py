"""Importing 홍보 및 연구 records (`import_records outreach_… FILE`, the upload screen):
newsletter issues, content, campaigns, events, delegations, publications, research and
subscribers — the shared import contract of `dure.programs.records.imports`."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils import timezone

from dure.core.imports import (
    EMPTY,
    ImportColumn,
    Row,
    RowErrors,
    parse_choice,
    parse_date,
    parse_text,
    register_importer,
)
from dure.outreach import services
from dure.outreach.models import (
    Campaign,
    Delegation,
    Event,
    EventKind,
    GroupUnit,
    NewsletterIssue,
    Origin,
    Publication,
    ResearchProject,
    Story,
    StoryKind,
    Subscriber,
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
from dure.programs.records.services import update_record

YES_NO = (("yes", "예"), ("no", "아니오"))


def _url(row: Row, key: str, errors: RowErrors) -> str:
    text = cell_text(row, key)
    if not text:
        return ""
    try:
        URLValidator(schemes=["http", "https"])(text)
    except ValidationError:
        errors.add(row, row.column(key), f"‘{text[:40]}’은(는) 인터넷 주소가 아닙니다.")
        return ""
    return text


@register_importer
class NewsletterIssueImporter(ProgramRecordImporter):
    """뉴스레터 발행: 일자, 사업명 or 사업코드, 제목, 호수 (a past issue, recorded as sent)."""

    kind = "outreach_newsletter_issues"
    label = "뉴스레터 발행"
    model = NewsletterIssue
    identity = ("program", "date", "title")
    field_columns = {"title": "제목", "number": "호수"}
    columns = record_columns(
        ImportColumn("제목", "제목", required=True, example="세모편지"),
        ImportColumn("호수", "호수", example="98"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "title": parse_text(
                row, "제목", errors, required=True, max_length=max_length(NewsletterIssue, "title")
            ),
            "number": parse_count(row, "호수", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["title"])

    def create(self, fields: dict[str, Any]) -> None:
        # An issue sent before Dure kept it: its mail is not sent again.
        services.record_newsletter_issue(center=self.center, status="sent", **fields)


@register_importer
class StoryImporter(ProgramRecordImporter):
    """홍보 콘텐츠: 일자, 사업명 or 사업코드, 구분, 제목, 주소."""

    kind = "outreach_stories"
    label = "홍보 콘텐츠"
    model = Story
    identity = ("program", "date", "kind", "title")
    field_columns = {"kind": "구분", "title": "제목", "url": "주소"}
    columns = record_columns(
        ImportColumn("구분", "구분", required=True, example="카드뉴스"),
        ImportColumn("제목", "제목", example="우리 동네 협동조합"),
        ImportColumn("주소", "주소", example="https://sehub.net/archives/1"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        return {
            "kind": required_choice(row, "구분", errors, StoryKind.choices),
            "title": parse_text(row, "제목", errors, max_length=max_length(Story, "title")),
            "url": _url(row, "주소", errors),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["title"] or StoryKind(fields["kind"]).label)

    def create(self, fields: dict[str, Any]) -> None:
        services.record_story(center=self.center, **fields)


@register_importer
class CampaignImporter(ProgramRecordImporter):
    """미디어 캠페인: 일자, 사업명 or 사업코드, 협력 매체 (a registry institution), 캠페인."""

    kind = "outreach_campaigns"
    label = "미디어 캠페인"
    model = Campaign
    identity = ("program", "partner", "title")
    field_columns = {"partner": "협력 매체", "title": "캠페인"}
    institution_columns = ("협력 매체",)
    columns = record_columns(
        ImportColumn("협력 매체", "협력 매체", required=True, example="한겨레"),
        ImportColumn("캠페인", "캠페인", required=True, example="서울앤 기획 기사"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        partner = references.institution(row, "협력 매체", errors, required=True)
        title = parse_text(
            row, "캠페인", errors, required=True, max_length=max_length(Campaign, "title")
        )
        return {"partner": partner, "title": title} if partner is not None else None

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['partner'].name} · {fields['title']}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_campaign(center=self.center, **fields)


APPROXIMATE = re.compile(r"^\s*([\d,]+)\s*여\s*명?\s*$")


@register_importer
class EventImporter(ProgramRecordImporter):
    """홍보 행사: 일자, 사업명 or 사업코드, 구분, 행사명, 장소, 참석 인원 (‘400여명’ is read as
    about 400)."""

    kind = "outreach_events"
    label = "홍보 행사"
    model = Event
    identity = ("program", "date", "kind", "title")
    field_columns = {"kind": "구분", "title": "행사명", "venue": "장소", "attendance": "참석 인원"}
    columns = record_columns(
        ImportColumn("구분", "구분", required=True, example="콜로키움"),
        ImportColumn("행사명", "행사명", required=True, example="사회적경제 콜로키움 1회"),
        ImportColumn("장소", "장소"),
        ImportColumn("참석 인원", "참석 인원", aliases=("참석자",), example="60여명"),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        text = cell_text(row, "참석 인원")
        approximate = APPROXIMATE.match(text)
        if approximate:
            attendance: int | None = int(approximate.group(1).replace(",", ""))
        elif text.endswith("명"):
            digits = text[:-1].strip().replace(",", "")
            attendance = int(digits) if digits.isdigit() else None
            if attendance is None:
                errors.add(row, row.column("참석 인원"), f"‘{text[:20]}’은(는) 인원이 아닙니다.")
        else:
            attendance = parse_count(row, "참석 인원", errors)
        return {
            "kind": required_choice(row, "구분", errors, EventKind.choices),
            "title": parse_text(
                row, "행사명", errors, required=True, max_length=max_length(Event, "title")
            ),
            "venue": parse_text(row, "장소", errors, max_length=max_length(Event, "venue")),
            "attendance": attendance,
            "attendance_approximate": bool(approximate),
        }

    def describe(self, fields: dict[str, Any]) -> str:
        return str(fields["title"])

    def create(self, fields: dict[str, Any]) -> None:
        services.record_event(center=self.center, **fields)


@register_importer
class ResearchProjectImporter(ProgramRecordImporter):
    """연구 사업: 일자 (시작), 사업명 or 사업코드, 연구 기관, 연구명, 종료일."""

    kind = "outreach_research_projects"
    label = "연구 사업"
    model = ResearchProject
    identity = ("program", "institution", "title")
    field_columns = {"institution": "연구 기관", "title": "연구명", "ends_on": "종료일"}
    institution_columns = ("연구 기관",)
    columns = record_columns(
        ImportColumn("연구 기관", "연구 기관", required=True, example="서울연구원"),
        ImportColumn("연구명", "연구명", required=True, example="사회적경제 5개년 계획 기초 연구"),
        ImportColumn("종료일", "종료일", example="2017-10-31", is_date=True),
    )

    def fields(
        self, row: Row, errors: RowErrors, references: References, day: datetime.date | None
    ) -> dict[str, Any] | None:
        institution = references.institution(row, "연구 기관", errors, required=True)
        title = parse_text(
            row, "연구명", errors, required=True, max_length=max_length(ResearchProject, "title")
        )
        ends_on = parse_date(row, "종료일", errors)
        if institution is None:
            return None
        return {"institution": institution, "title": title, "ends_on": ends_on}

    def describe(self, fields: dict[str, Any]) -> str:
        return f"{fields['institution'].name} · {fields['title']}"

    def create(self, fields: dict[str, Any]) -> None:
        services.record_research_project(center=self.center, **fields)


@register_importer
class DelegationImporter(RecordImporter):
    """방문단: 방문일, 구분 (해외/국내), 방문 기관·단체, 기관 수, 단위, 인원, 목적, 비고."""

    kind = "outreach_delegations"
    label = "방문단"
    model = Delegation
    identity = ("date", "origin", "name")
    field_columns = {
        "date": "방문일",
        "origin": "구분",
        "name": "방문 기관·단체",
        "groups": "기관 수",
        "group_unit": "단위",
        "people": "인원",
        "purpose": "목적",
        "notes": "비고",
    }
    date_column = "방문일"
    columns = (
        ImportColumn("방문일", "방문일", required=True, example="2017-05-23", is_date=True),
        ImportColumn("구분", "구분", required=True, example="해외"),
        ImportColumn(
            "방문 기관·단체",
            "방문 기관·단체",
            aliases=("기관명",),
            required=True,
            example="홍콩대 연수단",
        ),
        ImportColumn("기관 수", "기관 수", example="1"),
        ImportColumn("단위", "단위", example="기관"),
        ImportColumn("인원", "인원", example="25"),
        ImportColumn("목적", "목적"),
        ImportColumn("비고", "비고"),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        day = parse_date(row, "방문일", errors, required=True)
        fields = {
            "date": day,
            "origin": required_choice(row, "구분", errors, Origin.choices),
            "name": parse_text(
                row,
                "방문 기관·단체",
                errors,
                required=True,
                max_length=max_length(Delegation, "name"),
            ),
            "groups": parse_count(row, "기관 수", errors) or 1,
            "group_unit": parse_choice(row, "단위", errors, GroupUnit.choices)
            or GroupUnit.ORGANISATION,
            "people": parse_count(row, "인원", errors),
            "purpose": parse_text(
                row, "목적", errors, max_length=max_length(Delegation, "purpose")
            ),
            "notes": row.text("비고"),
        }
        if len(errors) > before or day is None:
            return None
        return Line(row, fields, f"{day:%Y-%m-%d} {fields['name']}")

    def create(self, fields: dict[str, Any]) -> None:
        services.record_delegation(center=self.center, **fields)


@register_importer
class PublicationImporter(RecordImporter):
    """발간 자료: 구분, 번호, 자료명, 발간일, 사업명 or 사업코드 (when it came out of one), 주소."""

    kind = "outreach_publications"
    label = "발간 자료"
    model = Publication
    identity = ("series", "number", "title")
    field_columns = {
        "series": "구분",
        "number": "번호",
        "title": "자료명",
        "published_on": "발간일",
        "program": "사업명",
        "url": "주소",
    }
    date_column = "발간일"
    columns = (
        ImportColumn("구분", "구분", required=True, example="2. 전략사업"),
        ImportColumn("번호", "번호", example="2-1"),
        ImportColumn("자료명", "자료명", required=True, example="지역기반 통합돌봄 연구"),
        ImportColumn("발간일", "발간일", required=True, example="2017-12-29", is_date=True),
        ImportColumn("사업명", "사업명"),
        ImportColumn("사업코드", "사업코드"),
        ImportColumn("주소", "주소"),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        day = parse_date(row, "발간일", errors, required=True)
        program = None
        if cell_text(row, "사업명") or cell_text(row, "사업코드"):
            program = references.program(row, errors, day=day)
        fields = {
            "series": parse_text(
                row, "구분", errors, required=True, max_length=max_length(Publication, "series")
            ),
            "number": parse_text(row, "번호", errors, max_length=max_length(Publication, "number")),
            "title": parse_text(
                row, "자료명", errors, required=True, max_length=max_length(Publication, "title")
            ),
            "published_on": day,
            "program": program,
            "url": _url(row, "주소", errors),
        }
        if len(errors) > before or day is None:
            return None
        return Line(row, fields, f"{fields['number']} {fields['title']}".strip())

    def create(self, fields: dict[str, Any]) -> None:
        services.record_publication(center=self.center, **fields)


@register_importer
class SubscriberImporter(RecordImporter):
    """뉴스레터 구독자: 이메일, 이름, 소속, 동의일, 동의 방법 — only people who consented; a row
    without its consent is refused."""

    kind = "outreach_subscribers"
    label = "뉴스레터 구독자"
    model = Subscriber
    identity = ("email",)
    field_columns = {
        "email": "이메일",
        "name": "이름",
        "organisation": "소속",
        "consented_at": "동의일",
        "consent_method": "동의 방법",
    }
    date_column = "동의일"
    columns = (
        ImportColumn("이메일", "이메일", required=True, example="reader@example.kr"),
        ImportColumn("이름", "이름"),
        ImportColumn("소속", "소속"),
        ImportColumn("동의일", "동의일", required=True, example="2017-03-02", is_date=True),
        ImportColumn("동의 방법", "동의 방법", required=True, example="행사 현장 신청서"),
    )

    def parse(self, row: Row, errors: RowErrors, references: References) -> Line | None:
        before = len(errors)
        email = cell_text(row, "이메일").lower()
        if not email:
            errors.add(row, row.column("이메일"), EMPTY)
        else:
            try:
                EmailValidator()(email)
            except ValidationError:
                errors.add(row, row.column("이메일"), "이메일 주소의 형식이 아닙니다.")
        day = parse_date(row, "동의일", errors, required=True, latest=timezone.localdate())
        method = parse_text(
            row,
            "동의 방법",
            errors,
            required=True,
            max_length=max_length(Subscriber, "consent_method"),
        )
        fields = {
            "email": email,
            "name": parse_text(row, "이름", errors, max_length=max_length(Subscriber, "name")),
            "organisation": parse_text(
                row, "소속", errors, max_length=max_length(Subscriber, "organisation")
            ),
            "consented_at": (
                timezone.make_aware(datetime.datetime.combine(day, datetime.time()))
                if day is not None
                else None
            ),
            "consent_method": method,
        }
        if len(errors) > before or day is None:
            return None
        return Line(row, fields, f"구독자 {row.number}행")

    def create(self, fields: dict[str, Any]) -> None:
        services.add_subscriber(center=self.center, **fields)

    def update(self, record: Any, changes: dict[str, Any], fields: dict[str, Any]) -> None:
        # A file never ends a subscription nor renews one: only the details change.
        changes.pop("consented_at", None)
        changes.pop("consent_method", None)
        if changes:
            update_record(record, **changes)
