"""판로지원: the records the center's sales staff keep for public procurement.

Call-center consultations, sales visits to institutions, entries of the SE and public-institution
databases, briefing sessions, procurement fairs, district sales teams with their senior staff,
and opportunities followed from an institution's need to a contract. Every figure of the
판로지원 tables is computed from these rows by `market.metrics`."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.db.models import Q

from dure.core.districts import DISTRICT_CHOICES
from dure.core.models import CenterOwned, FiscalYear
from dure.core.roles import STAFF_ROLES, Role
from dure.programs.models import Program
from dure.programs.records.models import ProgramRecord
from dure.registry.models import Enterprise, Institution, ProductCategory


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
        related_name="market_consultations",
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_consultations",
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
        Institution,
        verbose_name="방문 기관",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_visits",
        help_text="합계만 남은 기록에는 없을 수 있습니다",
    )
    segment = models.CharField("구분", max_length=20, choices=Segment.choices, blank=True)
    staff = models.CharField("방문자", max_length=100, blank=True)
    purpose = models.CharField("목적", max_length=200, blank=True)
    result = models.CharField("결과", max_length=300, blank=True)

    class Meta:
        verbose_name = "방문영업"
        verbose_name_plural = "방문영업"
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["center", "date"])]

    def __str__(self) -> str:
        return f"{self.date} {self.institution.name if self.institution else '기관 미기재'} 방문"


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
        related_name="market_database_entries",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name="기관",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_database_entries",
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
        Institution, verbose_name="개최기관", on_delete=models.PROTECT, related_name="market_fairs"
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
        Institution,
        verbose_name="발주기관",
        on_delete=models.PROTECT,
        related_name="market_opportunities",
    )
    need = models.CharField("수요 내용", max_length=300)
    category = models.CharField(
        "품목",
        max_length=20,
        choices=ProductCategory.choices,
        blank=True,
        help_text="기업 찾기에 씁니다",
    )
    keywords = models.CharField(
        "찾을 말",
        max_length=200,
        blank=True,
        help_text="제품·서비스 이름에서 찾을 말 (쉼표로 구분)",
    )
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
        Enterprise, verbose_name="참여 기업", blank=True, related_name="opportunity_bids"
    )
    winner = models.ForeignKey(
        Enterprise,
        verbose_name="계약 기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_won_opportunities",
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
        ]

    def __str__(self) -> str:
        return f"{self.institution.name}: {self.need}"

    @property
    def is_contracted(self) -> bool:
        return self.stage == Stage.CONTRACTED


# The private market (민간시장 판로지원) -------------------------------------------------------


class DemandCategory(models.TextChoices):
    CHANNEL = "유통채널", "유통채널"
    SUPPORT_BODY = "지원조직", "지원조직"
    WELFARE_MALL = "복지몰", "복지몰"
    COMPANY = "기업", "기업"
    NONPROFIT = "비영리조직", "비영리조직"
    UNION = "노동조합", "노동조합"


class DemandOrganization(ProgramRecord):
    """민간 수요처: an organisation found as a buyer of social-economy products."""

    institution = models.ForeignKey(
        Institution,
        verbose_name="수요처",
        on_delete=models.PROTECT,
        related_name="market_demand_organizations",
    )
    category = models.CharField("구분", max_length=20, choices=DemandCategory.choices)

    class Meta:
        verbose_name = "민간 수요처"
        verbose_name_plural = "민간 수요처"
        ordering = ["category", "pk"]

    def __str__(self) -> str:
        return f"{self.get_category_display()} {self.institution.name}"


class B2BLinkage(ProgramRecord):
    """영업연계: a sale linked between a supplier enterprise and a private buyer."""

    supplier = models.ForeignKey(
        Enterprise,
        verbose_name="공급기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_sales_linkages",
    )
    buyer = models.ForeignKey(
        Institution,
        verbose_name="수요기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_sales_linkages",
    )
    item = models.CharField("계약내용", max_length=300, blank=True)
    amount_won = models.BigIntegerField("계약금액(원)", null=True, blank=True)

    class Meta:
        verbose_name = "영업연계"
        verbose_name_plural = "영업연계"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_won__isnull=True) | Q(amount_won__gte=0),
                name="b2b_amount_not_negative",
                violation_error_message="계약금액은 0원 이상이어야 합니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} 영업연계 {self.item}"


class SupplySurvey(ProgramRecord):
    """상품·공급역량 조사: one enterprise's products and supply capacity surveyed."""

    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_supply_surveys",
    )
    findings = models.TextField("조사 내용", blank=True)

    class Meta:
        verbose_name = "상품·공급역량 조사"
        verbose_name_plural = "상품·공급역량 조사"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} 상품·공급역량 조사"


class OutletKind(models.TextChoices):
    CHANNEL = "channel", "유통채널"
    COOP_STORE = "coop_store", "생협 매장"
    HUB_STORE = "hub_store", "거점매장"


class Outlet(ProgramRecord):
    """판매처: a distribution channel or store taken on (발굴) — and, for a channel, chosen as an
    SE channel (선정). `date` is the day it was taken on."""

    institution = models.ForeignKey(
        Institution,
        verbose_name="판매처",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_outlets",
    )
    kind = models.CharField("종류", max_length=20, choices=OutletKind.choices)
    arrangement = models.CharField(
        "운영 방식", max_length=20, blank=True, help_text="생협 매장: 상설, 협력"
    )
    selected = models.BooleanField("SE 유통채널 선정", default=False)

    class Meta:
        verbose_name = "판매처"
        verbose_name_plural = "판매처"
        ordering = ["kind", "pk"]

    def __str__(self) -> str:
        name = self.institution.name if self.institution else "이름 미기재"
        return f"{self.get_kind_display()} {name}"


class Listing(ProgramRecord):
    """입점: one enterprise's product placed in a channel or store, with its sales."""

    outlet_kind = models.CharField("판매처 종류", max_length=20, choices=OutletKind.choices)
    outlet = models.ForeignKey(
        Outlet,
        verbose_name="판매처",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="listings",
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="기업", on_delete=models.PROTECT, related_name="market_listings"
    )
    product = models.CharField("제품", max_length=200, blank=True)
    sales_won = models.BigIntegerField("매출(원)", null=True, blank=True)

    class Meta:
        verbose_name = "입점"
        verbose_name_plural = "입점"
        ordering = ["-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(sales_won__isnull=True) | Q(sales_won__gte=0),
                name="listing_sales_not_negative",
                violation_error_message="매출은 0원 이상이어야 합니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} {self.product} 입점"


class MarketingKind(models.TextChoices):
    ONLINE = "online", "개별기업 온라인마케팅"
    CROSS = "cross", "교차마케팅"


class MarketingSupport(ProgramRecord):
    """디지털 마케팅 지원: one enterprise helped with online or cross marketing."""

    kind = models.CharField("구분", max_length=20, choices=MarketingKind.choices)
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_marketing_supports",
    )
    content = models.CharField("지원 내용", max_length=300, blank=True)

    class Meta:
        verbose_name = "디지털 마케팅 지원"
        verbose_name_plural = "디지털 마케팅 지원"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()}"


class SalesEvent(ProgramRecord):
    """판매 행사: a promotion in a store, a fair shop day, a trade fair (with its participants)."""

    name = models.CharField("행사명", max_length=200)
    kind = models.CharField(
        "구분", max_length=50, help_text="생협기획행사-상설, 생협기획행사-협력, 덕수궁페어샵 …"
    )
    outlet = models.ForeignKey(
        Outlet,
        verbose_name="판매처",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="events",
    )

    class Meta:
        verbose_name = "판매 행사"
        verbose_name_plural = "판매 행사"
        ordering = ["-date", "-pk"]

    def __str__(self) -> str:
        return f"{self.date} {self.name}"


class EventParticipation(ProgramRecord):
    """An enterprise's part in a sales event, with what it sold there."""

    event = models.ForeignKey(
        SalesEvent, verbose_name="행사", on_delete=models.CASCADE, related_name="participations"
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="market_event_participations",
    )
    sales_won = models.BigIntegerField("매출(원)", null=True, blank=True)

    class Meta:
        verbose_name = "행사 참가"
        verbose_name_plural = "행사 참가"
        ordering = ["event", "pk"]

    def __str__(self) -> str:
        return f"{self.event} 참가"


class Purchase(CenterOwned):
    """구매 실적: one purchase of an institution from its ledger (결의일, 공급자의 사업자등록번호,
    금액). Whether it was bought from a social-economy enterprise is decided when a figure is
    computed, by the supplier's designations in force on the 결의일 — never stored."""

    institution = models.ForeignKey(
        Institution,
        verbose_name="구매 기관",
        on_delete=models.PROTECT,
        related_name="market_purchases",
    )
    resolved_on = models.DateField("결의일")
    supplier_business_number = models.CharField("공급자 사업자등록번호", max_length=10)
    supplier_name = models.CharField("공급자", max_length=200, blank=True)
    item = models.CharField("품목", max_length=300, blank=True)
    amount_won = models.BigIntegerField("금액(원)")

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | {Role.FUNDER}

    class Meta:
        verbose_name = "구매 실적"
        verbose_name_plural = "구매 실적"
        ordering = ["-resolved_on", "-pk"]
        indexes = [models.Index(fields=["institution", "resolved_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(amount_won__gte=0),
                name="purchase_amount_not_negative",
                violation_error_message="금액은 0원 이상이어야 합니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resolved_on} {self.institution.name} {self.amount_won:,}원"
