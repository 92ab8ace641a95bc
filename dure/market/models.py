"""판로지원: the records the center's sales staff keep for public procurement.

Call-center consultations, sales visits to institutions, entries of the SE and public-institution
databases, briefing sessions, procurement fairs, district sales teams with their senior staff,
and opportunities followed from an institution's need to a contract. Every figure of the
판로지원 tables is computed from these rows by `market.metrics`."""

from __future__ import annotations

from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from dure.core.districts import DISTRICT_CHOICES
from dure.core.models import CenterOwned, FiscalYear
from dure.core.periods import PeriodLocked
from dure.core.roles import STAFF_ROLES, Role
from dure.programs.models import Program
from dure.registry.models import Enterprise, Institution


class ProgramRecord(PeriodLocked, CenterOwned):
    """A dated record of a program's work; it counts in its program's fiscal year."""

    program = models.ForeignKey(
        Program, verbose_name="사업", on_delete=models.PROTECT, related_name="+"
    )
    date = models.DateField("일자")
    district = models.CharField("자치구", max_length=30, blank=True, choices=DISTRICT_CHOICES)
    notes = models.TextField("비고", blank=True)
    reconstructed = models.BooleanField(
        "재구성", default=False, help_text="보고서에 합계만 있어 만든 기록"
    )

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | {Role.FUNDER}

    class Meta:
        abstract = True

    def period(self) -> tuple[list[int | None], int | None, int]:
        if self.program_id is None:
            return [], None, 0
        year = self.program.area.fiscal_year
        return [self.center_id, self.program.center_id], year.pk, year.year

    def clean(self) -> None:
        super().clean()
        if self.program_id is None or self.date is None:
            return
        fiscal_year = self.program.area.fiscal_year
        if not fiscal_year.starts_on <= self.date <= fiscal_year.ends_on:
            raise ValidationError(
                {"date": f"일자가 사업의 회계연도({fiscal_year.year}년) 밖입니다."}
            )
        if self.center_id is not None and not self.program.is_open_to(self.center):
            raise ValidationError({"program": "이 센터가 기록할 수 있는 사업이 아닙니다."})


class CallerType(models.TextChoices):
    INSTITUTION = "institution", "공공기관"
    ENTERPRISE = "enterprise", "사회적경제기업"
    UNKNOWN = "unknown", "미상"


class Consultation(ProgramRecord):
    """공공구매 상담: one call-center or district-team consultation."""

    caller_type = models.CharField(
        "상담자 구분", max_length=20, choices=CallerType.choices, default=CallerType.UNKNOWN
    )
    channel = models.CharField(
        "경로", max_length=30, default="콜센터", help_text="콜센터, 자치구 영업지원단 …"
    )
    topic = models.CharField("상담 주제", max_length=200, blank=True)
    outcome = models.CharField("결과", max_length=200, blank=True)
    institution = models.ForeignKey(
        Institution,
        verbose_name="기관",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "공공구매 상담"
        verbose_name_plural = "공공구매 상담"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["center", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.get_caller_type_display()} 상담"


class Segment(models.TextChoices):
    """Whom a sales visit was to, as the sales plan groups them."""

    PUBLIC = "공공기관", "공공기관"
    EDUCATION = "교육청/학교", "교육청/학교"
    NETWORK = "기업/네트워크", "기업/네트워크"


class Visit(ProgramRecord):
    """방문영업: one visit to an institution."""

    institution = models.ForeignKey(
        Institution, verbose_name="방문 기관", on_delete=models.PROTECT, related_name="+"
    )
    segment = models.CharField("구분", max_length=20, choices=Segment.choices)
    staff = models.CharField("방문자", max_length=100, blank=True)
    purpose = models.CharField("목적", max_length=200, blank=True)
    result = models.CharField("결과", max_length=300, blank=True)

    class Meta:
        verbose_name = "방문영업"
        verbose_name_plural = "방문영업"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["center", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.institution.name} 방문"


class EntryKind(models.TextChoices):
    ENTERPRISE = "enterprise", "SE기업"
    INSTITUTION = "institution", "공공기관"


class DatabaseEntry(ProgramRecord):
    """DB 구축: one enterprise or institution entered in the procurement databases."""

    kind = models.CharField("DB", max_length=20, choices=EntryKind.choices)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name="기관",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = "DB 구축"
        verbose_name_plural = "DB 구축"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} DB"


class Briefing(ProgramRecord):
    """교육·설명회: a briefing or training session on public procurement."""

    title = models.CharField("내용", max_length=300)
    audience = models.CharField("대상", max_length=200, blank=True)
    participants = models.PositiveIntegerField("참여인원", null=True, blank=True)

    class Meta:
        verbose_name = "교육·설명회"
        verbose_name_plural = "교육·설명회"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.title}"


class Fair(ProgramRecord):
    """찾아가는 공공구매 박람회: one fair held at an institution."""

    host = models.ForeignKey(
        Institution, verbose_name="개최기관", on_delete=models.PROTECT, related_name="+"
    )
    enterprises_count = models.PositiveIntegerField("참여기업", null=True, blank=True)
    departments_count = models.PositiveIntegerField("상담부서", null=True, blank=True)
    consultations_count = models.PositiveIntegerField("상담건수", null=True, blank=True)
    visitors = models.PositiveIntegerField("방문객", null=True, blank=True)

    class Meta:
        verbose_name = "공공구매 박람회"
        verbose_name_plural = "공공구매 박람회"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.host.name} 박람회"


class SalesTeam(CenterOwned):
    """자치구 공공구매 영업지원단: a district center's sales team in a year, with the senior
    sales staff assigned to it."""

    fiscal_year = models.ForeignKey(
        FiscalYear, verbose_name="회계연도", on_delete=models.PROTECT, related_name="+"
    )
    program = models.ForeignKey(
        Program, verbose_name="사업", on_delete=models.PROTECT, related_name="+"
    )
    district = models.CharField("자치구", max_length=30, choices=DISTRICT_CHOICES)
    notes = models.TextField("비고", blank=True)

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | {Role.FUNDER}

    class Meta:
        verbose_name = "자치구 영업지원단"
        verbose_name_plural = "자치구 영업지원단"
        ordering = ["district"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "fiscal_year", "district"], name="sales_team_once_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year.year} {self.district} 영업지원단"


class SalesTeamMember(models.Model):
    """One senior sales person assigned to a district sales team."""

    team = models.ForeignKey(
        SalesTeam, verbose_name="영업지원단", on_delete=models.CASCADE, related_name="members"
    )
    name = models.CharField("이름", max_length=50)
    role = models.CharField("역할", max_length=50, default="시니어 영업인력")

    class Meta:
        verbose_name = "영업지원단 인력"
        verbose_name_plural = "영업지원단 인력"
        ordering = ["team", "pk"]

    def __str__(self) -> str:
        return f"{self.team} {self.name}"


class SupportKind(models.TextChoices):
    DESIGN = "design", "설계지원"
    BID = "bid", "입찰지원"
    MATCHING = "matching", "매칭"
    INFORMATION = "information", "정보제공"
    PROPOSAL = "proposal", "사업제안"


class Channel(models.TextChoices):
    """What produced the opportunity (the contract is attributed to it)."""

    MATCHING = "matching", "영업매칭"
    FAIR = "fair", "박람회"
    VISIT = "visit", "방문영업"
    OTHER = "other", "기타"


class Stage(models.TextChoices):
    NEED = "need", "수요 파악"
    SUPPORT = "support", "지원 중"
    BIDDING = "bidding", "입찰"
    CONTRACTED = "contracted", "계약"
    LOST = "lost", "무산"


class Opportunity(ProgramRecord):
    """판로 기회: an institution's need followed through the center's support to bidders, a
    winner and a contract. `date` is the day the need was taken up."""

    institution = models.ForeignKey(
        Institution, verbose_name="발주기관", on_delete=models.PROTECT, related_name="+"
    )
    need = models.CharField("수요 내용", max_length=300)
    support_kind = models.CharField("지원 방식", max_length=20, choices=SupportKind.choices)
    channel = models.CharField("경로", max_length=20, choices=Channel.choices)
    fair = models.ForeignKey(
        Fair,
        verbose_name="박람회",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    visit = models.ForeignKey(
        Visit,
        verbose_name="방문영업",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
    )
    stage = models.CharField("단계", max_length=20, choices=Stage.choices, default=Stage.NEED)
    bidders = models.ManyToManyField(
        Enterprise, verbose_name="참여 기업", blank=True, related_name="+"
    )
    winner = models.ForeignKey(
        Enterprise,
        verbose_name="계약 기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    contracted_on = models.DateField("계약일", null=True, blank=True)
    contract_won = models.BigIntegerField("계약금액(원)", null=True, blank=True)

    class Meta:
        verbose_name = "판로 기회"
        verbose_name_plural = "판로 기회"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(contract_won__isnull=True) | Q(contract_won__gte=0),
                name="opportunity_contract_not_negative",
                violation_error_message="계약금액은 0원 이상이어야 합니다.",
            ),
            models.CheckConstraint(
                condition=~Q(stage="contracted") | Q(contracted_on__isnull=False),
                name="opportunity_contract_has_date",
                violation_error_message="계약 단계에는 계약일이 필요합니다.",
            ),
            models.CheckConstraint(
                condition=~Q(channel="fair") | Q(fair__isnull=False),
                name="opportunity_fair_named",
                violation_error_message="박람회 경로에는 박람회를 골라야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.institution.name}: {self.need}"

    @property
    def is_contracted(self) -> bool:
        return self.stage == Stage.CONTRACTED
