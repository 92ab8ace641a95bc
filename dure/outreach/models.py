"""홍보 및 연구: the records of the center's outreach and research.

Newsletter issues and their subscribers (with the consent each gave and the link that ends it),
stories and announcements, media campaigns, public events with their attendance, delegations
that visit the center, the publications archive (발간 자료) and commissioned research. Every
figure of the 홍보 및 연구 tables is computed from these rows by `outreach.metrics`."""

from __future__ import annotations

import secrets
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models

from dure.core.models import CenterOwned
from dure.core.roles import STAFF_ROLES, Role
from dure.programs.models import Program
from dure.programs.records.models import DatedInYear, ProgramRecord
from dure.registry.models import Institution


class IssueStatus(models.TextChoices):
    DRAFT = "draft", "작성 중"
    SENDING = "sending", "발송 중"
    SENT = "sent", "발송 완료"


class NewsletterIssue(ProgramRecord):
    """One issue of the newsletter (세모편지): dated on its publication day."""

    number = models.PositiveIntegerField("호수", null=True, blank=True)
    title = models.CharField("제목", max_length=200)
    body = models.TextField("본문", blank=True, help_text="구독자에게 보내는 글")
    status = models.CharField(
        "상태", max_length=20, choices=IssueStatus.choices, default=IssueStatus.DRAFT
    )
    sent_at = models.DateTimeField("발송 완료", null=True, blank=True)

    class Meta:
        verbose_name = "뉴스레터 발행"
        verbose_name_plural = "뉴스레터 발행"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["center", "date"])]

    def __str__(self) -> str:
        number = f" {self.number}호" if self.number else ""
        return f"{self.date} {self.title}{number}"


def new_token() -> str:
    return secrets.token_urlsafe(24)


class Subscriber(CenterOwned):
    """A newsletter subscriber: the consent they gave (when, how, the wording) and, once they
    leave, when. Mail goes only to those who consented and have not left."""

    email = models.EmailField("이메일")
    name = models.CharField("이름", max_length=100, blank=True)
    organisation = models.CharField("소속", max_length=200, blank=True)
    consented_at = models.DateTimeField("수신 동의 일시")
    consent_method = models.CharField(
        "동의 방법", max_length=100, help_text="신청서, 행사 현장 접수, 누리집 …"
    )
    unsubscribed_at = models.DateTimeField("수신 거부 일시", null=True, blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)

    personal_fields: ClassVar[tuple[str, ...]] = ("email", "name")
    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES

    class Meta:
        verbose_name = "뉴스레터 구독자"
        verbose_name_plural = "뉴스레터 구독자"
        ordering = ["email"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "email"], name="outreach_subscriber_one_per_center"
            )
        ]

    def __str__(self) -> str:
        return self.name or "구독자"

    @property
    def personal_data_label(self) -> str:
        return f"뉴스레터 구독자 {self.pk}"

    @property
    def is_active(self) -> bool:
        return self.unsubscribed_at is None

    def clean(self) -> None:
        super().clean()
        if self.email:
            self.email = self.email.strip().lower()
        if self.unsubscribed_at and self.consented_at and self.unsubscribed_at < self.consented_at:
            raise ValidationError({"unsubscribed_at": "수신 거부 일시가 동의 일시보다 앞섭니다."})


class Delivery(models.Model):
    """One issue sent to one subscriber; a re-run of the sending skips those already sent."""

    issue = models.ForeignKey(NewsletterIssue, on_delete=models.CASCADE, related_name="deliveries")
    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="deliveries")
    sent_at = models.DateTimeField("발송 일시", null=True, blank=True)
    error = models.CharField("오류", max_length=300, blank=True)

    class Meta:
        verbose_name = "뉴스레터 발송"
        verbose_name_plural = "뉴스레터 발송"
        constraints = [
            models.UniqueConstraint(
                fields=["issue", "subscriber"], name="outreach_delivery_once_per_subscriber"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issue} → 구독자 {self.subscriber_id}"


class StoryKind(models.TextChoices):
    ARTICLE = "article", "기사·스토리"
    CARD_NEWS = "card_news", "카드뉴스"
    ANNOUNCEMENT = "announcement", "공지"
    PRESS = "press", "보도자료"
    CONTENT = "content", "홍보 콘텐츠"


class Story(ProgramRecord):
    """A story, announcement or other piece of content the center made and published."""

    kind = models.CharField("구분", max_length=20, choices=StoryKind.choices)
    title = models.CharField("제목", max_length=300, blank=True)
    body = models.TextField("본문", blank=True)
    url = models.URLField("주소", blank=True)
    campaign = models.ForeignKey(
        "Campaign",
        verbose_name="캠페인",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="stories",
    )

    class Meta:
        verbose_name = "홍보 콘텐츠"
        verbose_name_plural = "홍보 콘텐츠"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["center", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.title or self.get_kind_display()}"


class Campaign(ProgramRecord):
    """A campaign run with a media partner (기획 기사 연재 …)."""

    title = models.CharField("캠페인", max_length=300)
    partner = models.ForeignKey(
        Institution,
        verbose_name="협력 매체",
        on_delete=models.PROTECT,
        related_name="outreach_campaigns",
    )

    class Meta:
        verbose_name = "미디어 캠페인"
        verbose_name_plural = "미디어 캠페인"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.partner.name} · {self.title}"


class EventKind(models.TextChoices):
    POLICY_DIALOGUE = "정책대화", "정책대화"
    RESULTS = "성과공유회", "성과공유회"
    COLLOQUIUM = "콜로키움", "콜로키움"
    FORUM = "포럼", "포럼·토론회"
    OTHER = "기타", "기타"


class Event(ProgramRecord):
    """A public event the center held, with how many attended (about, when only that is known)."""

    kind = models.CharField("구분", max_length=20, choices=EventKind.choices)
    title = models.CharField("행사명", max_length=300)
    venue = models.CharField("장소", max_length=200, blank=True)
    attendance = models.PositiveIntegerField("참석 인원", null=True, blank=True)
    attendance_approximate = models.BooleanField(
        "어림수", default=False, help_text="‘400여명’처럼 어림으로만 알려진 인원"
    )

    class Meta:
        verbose_name = "홍보 행사"
        verbose_name_plural = "홍보 행사"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.title[:40]}"

    @property
    def attendance_shown(self) -> str:
        if self.attendance is None:
            return ""
        return f"{self.attendance:,}{'여' if self.attendance_approximate else ''}명"


class Origin(models.TextChoices):
    ABROAD = "abroad", "해외"
    DOMESTIC = "domestic", "국내"


class GroupUnit(models.TextChoices):
    ORGANISATION = "기관", "기관"
    COUNTRY = "국가", "국가"
    CITY_OR_ORGANISATION = "도시 및 기관", "도시 및 기관"


class Delegation(DatedInYear, CenterOwned):
    """A delegation that visited the center (국내외 기관 방문). A visit is usually one
    organisation; a row of an old year's totals counts all that year's visitors of one origin."""

    date = models.DateField("방문일")
    origin = models.CharField("구분", max_length=20, choices=Origin.choices)
    name = models.CharField("방문 기관·단체", max_length=500)
    groups = models.PositiveIntegerField("기관 수", default=1)
    group_unit = models.CharField(
        "기관 수 단위", max_length=20, choices=GroupUnit.choices, default=GroupUnit.ORGANISATION
    )
    people = models.PositiveIntegerField("인원", null=True, blank=True)
    purpose = models.CharField("목적", max_length=300, blank=True)
    notes = models.TextField("비고", blank=True)
    reconstructed = models.BooleanField(
        "재구성", default=False, help_text="보고서에 합계만 있어 만든 기록"
    )

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | {Role.FUNDER}

    class Meta:
        verbose_name = "방문단"
        verbose_name_plural = "방문단"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_origin_display()} {self.name[:40]}"


class Publication(DatedInYear, CenterOwned):
    """A publication in the archive (발간 자료): numbered within its series, with its program
    when it came out of one, and the file or address where it is read."""

    series = models.CharField("구분", max_length=200)
    number = models.CharField("번호", max_length=20, blank=True)
    title = models.CharField("자료명", max_length=300)
    published_on = models.DateField("발간일")
    program = models.ForeignKey(
        Program,
        verbose_name="사업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="outreach_publications",
    )
    url = models.URLField("주소", blank=True)
    is_public = models.BooleanField("공개", default=True)
    notes = models.TextField("비고", blank=True)

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | {Role.FUNDER}
    period_date_field = "published_on"

    class Meta:
        verbose_name = "발간 자료"
        verbose_name_plural = "발간 자료"
        ordering = ["-published_on", "series", "number", "pk"]

    def __str__(self) -> str:
        return f"{self.number} {self.title}".strip()


class ResearchProject(ProgramRecord):
    """Research the center commissioned: who carried it out, when, and the report it produced."""

    title = models.CharField("연구명", max_length=300)
    institution = models.ForeignKey(
        Institution,
        verbose_name="연구 기관",
        on_delete=models.PROTECT,
        related_name="outreach_research_projects",
    )
    ends_on = models.DateField("종료일", null=True, blank=True)
    report = models.ForeignKey(
        Publication,
        verbose_name="연구 보고서",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="research_projects",
    )

    class Meta:
        verbose_name = "연구 사업"
        verbose_name_plural = "연구 사업"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.institution.name} · {self.title[:40]}"

    def clean(self) -> None:
        super().clean()
        if self.ends_on and self.date and self.ends_on < self.date:
            raise ValidationError({"ends_on": "종료일이 시작일보다 앞섭니다."})
