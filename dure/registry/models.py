"""The registry: enterprises with designations, products and financials, contacts,
institutions, partner agencies and the expert pool."""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, ClassVar, Self

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from dure.core.districts import DISTRICT_CHOICES
from dure.core.models import CenterOwned, CenterOwnedQuerySet, User
from dure.registry import identifiers

_LEGAL_FORM_WORDS = re.compile(
    r"\(주\)|㈜|\(사\)|\(재\)|\(유\)|주식회사|유한회사|사회적협동조합|협동조합|사단법인|재단법인|\s+"
)


def normalise_name(name: str) -> str:
    """NFC-normalised name with single spaces."""
    return " ".join(unicodedata.normalize("NFC", name or "").split())


def search_key(name: str) -> str:
    """The name without legal-form words and spaces, upper-cased: used for search and duplicates."""
    return _LEGAL_FORM_WORDS.sub("", normalise_name(name)).upper()


SEARCH_TEXT_SEPARATOR = "\n"


def compose_search_text(name: str, address: str, products: Iterable[str]) -> str:
    """An enterprise's search key, name, address and product names in one upper-cased text, one
    per line, for the single trigram-indexed substring search (see dure/registry/search.py). A
    search term never holds a line break, so it cannot match across two parts."""
    parts = [search_key(name), name or "", address or "", *sorted(products)]
    return SEARCH_TEXT_SEPARATOR.join(parts).upper()


def refresh_search_texts(enterprise_ids: Iterable[int]) -> None:
    """Recompute the stored `search_text` of the enterprises from their rows (after product
    changes, which the registry services and importers make, and bulk writes of names or
    addresses that bypass `Enterprise.save()`)."""
    ids = sorted(set(enterprise_ids))
    for first in range(0, len(ids), 1000):
        chunk = ids[first : first + 1000]
        products: dict[int, list[str]] = {pk: [] for pk in chunk}
        for enterprise_id, name in (
            Product.objects.filter(enterprise_id__in=chunk)
            .order_by()
            .values_list("enterprise_id", "name")
        ):
            products[enterprise_id].append(name)
        changed = []
        for enterprise in Enterprise.objects.filter(pk__in=chunk).only(
            "pk", "name", "address", "search_text"
        ):
            text = compose_search_text(enterprise.name, enterprise.address, products[enterprise.pk])
            if text != enterprise.search_text:
                enterprise.search_text = text
                changed.append(enterprise)
        Enterprise.objects.bulk_update(changed, ["search_text"], batch_size=1000)


def validate_business_number(value: str) -> None:
    if not identifiers.is_valid_business_number(value):
        raise ValidationError(
            "사업자등록번호의 검증번호가 맞지 않습니다(10자리 숫자, 마지막 자리 검증).",
            code="checksum",
        )


def validate_unique_number(value: str) -> None:
    if not identifiers.is_valid_business_number(value):
        raise ValidationError(
            "고유번호의 검증번호가 맞지 않습니다(10자리 숫자, 마지막 자리 검증).",
            code="checksum",
        )


def validate_corporate_number(value: str) -> None:
    if not identifiers.is_valid_corporate_number(value):
        raise ValidationError(
            "법인등록번호의 검증번호가 맞지 않습니다(13자리 숫자, 마지막 자리 검증).",
            code="checksum",
        )


class LegalForm(models.TextChoices):
    STOCK_COMPANY = "stock_company", "주식회사"
    LIMITED_COMPANY = "limited_company", "유한회사"
    COOPERATIVE = "cooperative", "협동조합"
    SOCIAL_COOPERATIVE = "social_cooperative", "사회적협동조합"
    INCORPORATED_ASSOCIATION = "incorporated_association", "사단법인"
    FOUNDATION = "foundation", "재단법인"
    NONPROFIT_GROUP = "nonprofit_group", "비영리민간단체"
    SOLE_PROPRIETOR = "sole_proprietor", "개인사업자"
    OTHER = "other", "기타"


class MissionType(models.TextChoices):
    JOBS = "jobs", "일자리제공형"
    SOCIAL_SERVICE = "social_service", "사회서비스제공형"
    COMMUNITY = "community", "지역사회공헌형"
    MIXED = "mixed", "혼합형"
    OTHER = "other", "기타형"


def legal_form_from_name(name: str) -> LegalForm:
    """The legal form a name declares ((주), 사회적협동조합 …), else 기타."""
    if "사회적협동조합" in name:
        return LegalForm.SOCIAL_COOPERATIVE
    if "협동조합" in name:
        return LegalForm.COOPERATIVE
    if "(주)" in name or "㈜" in name or "주식회사" in name:
        return LegalForm.STOCK_COMPANY
    if "(사)" in name or "사단법인" in name:
        return LegalForm.INCORPORATED_ASSOCIATION
    if "(재)" in name or "재단법인" in name:
        return LegalForm.FOUNDATION
    return LegalForm.OTHER


class EnterpriseQuerySet(CenterOwnedQuerySet):
    def search(self, text: str) -> EnterpriseQuerySet:
        """Korean substring search over names, products and addresses, ranked by `search_rank`
        (0 exact name, 1 name prefix, 2 name substring, 3 product or address)."""
        from dure.registry.search import search_enterprises

        return search_enterprises(self, text)

    def designated_on(self, day: datetime.date, designation_type: str | None = None) -> Self:
        """Enterprises holding a designation (of one type, if given) on the day."""
        designations = Designation.objects.on(day)
        if designation_type:
            designations = designations.filter(designation_type=designation_type)
        return self.filter(pk__in=designations.values("enterprise_id"))


class Enterprise(CenterOwned):
    """A social-economy organisation the center supports."""

    name = models.CharField("기업명", max_length=200)
    search_key = models.CharField("검색키", max_length=200, editable=False, db_index=True)
    search_text = models.TextField("검색용 글", editable=False, blank=True, default="")
    legal_form = models.CharField(
        "법인 형태", max_length=30, choices=LegalForm.choices, default=LegalForm.OTHER
    )
    business_number = models.CharField(
        "사업자등록번호",
        max_length=10,
        blank=True,
        validators=[validate_business_number],
        help_text="숫자 10자리(하이픈 없이 입력해도 됩니다)",
    )
    head_office_business_number = models.CharField(
        "본점 사업자등록번호",
        max_length=10,
        blank=True,
        validators=[validate_business_number],
        help_text="지점으로 등록된 기업일 때 본점의 사업자등록번호",
    )
    unique_number = models.CharField(
        "고유번호",
        max_length=10,
        blank=True,
        validators=[validate_unique_number],
        help_text="사업자등록번호가 없는 비영리 단체의 고유번호(숫자 10자리)",
    )
    corporate_number = models.CharField(
        "법인등록번호", max_length=13, blank=True, validators=[validate_corporate_number]
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="모법인",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="units",
        help_text="사업단 형태의 기업이 속한 법인",
    )
    representative = models.CharField("대표자", max_length=50, blank=True)
    founded_on = models.DateField("설립일", null=True, blank=True)
    district = models.CharField("자치구", max_length=30, blank=True, choices=DISTRICT_CHOICES)
    address = models.CharField("주소", max_length=300, blank=True)
    industry = models.CharField("업종", max_length=100, blank=True)
    mission_type = models.CharField(
        "사회적 목적 유형", max_length=20, choices=MissionType.choices, blank=True
    )
    homepage = models.URLField("홈페이지", blank=True)
    tags: models.ManyToManyField[Tag, Any] = models.ManyToManyField(
        "Tag", verbose_name="태그", blank=True, related_name="enterprises"
    )
    notes = models.TextField("비고", blank=True)
    is_synthetic = models.BooleanField(
        "합성 식별번호", default=False, help_text="시연용으로 만든 식별번호입니다."
    )

    objects = EnterpriseQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = "사회적경제기업"
        verbose_name_plural = "사회적경제기업"
        ordering = ["name"]
        indexes = [
            models.Index(fields=["center", "district"]),
            models.Index(fields=["business_number"], name="enterprise_business_number"),
            models.Index(fields=["unique_number"], name="enterprise_unique_number"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(parent=models.F("pk")),
                name="enterprise_not_own_parent",
                violation_error_message="기업을 자기 자신의 모법인으로 지정할 수 없습니다.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = normalise_name(self.name)
        self.business_number = identifiers.digits_only(self.business_number)
        self.head_office_business_number = identifiers.digits_only(self.head_office_business_number)
        self.unique_number = identifiers.digits_only(self.unique_number)
        self.corporate_number = identifiers.digits_only(self.corporate_number)
        if self.parent_id is not None and self.parent_id == self.pk:
            raise ValidationError({"parent": "기업을 자기 자신의 모법인으로 지정할 수 없습니다."})

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = normalise_name(self.name)
        self.search_key = search_key(self.name)
        products = (
            list(Product.objects.filter(enterprise_id=self.pk).values_list("name", flat=True))
            if self.pk
            else []
        )
        self.search_text = compose_search_text(self.name, self.address, products)
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = {*update_fields, "search_key", "search_text"}  # type: ignore[misc]
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def business_number_display(self) -> str:
        return identifiers.format_business_number(self.business_number)

    @property
    def unique_number_display(self) -> str:
        return identifiers.format_business_number(self.unique_number)

    def designation_on(self, day: datetime.date) -> Designation | None:
        """The designation in force on the day (the latest started, if several overlap)."""
        return self.designations.on(day).order_by("-starts_on", "-pk").first()

    @property
    def current_designation(self) -> Designation | None:
        return self.designation_on(datetime.date.today())

    @classmethod
    def member_condition(cls, user: User) -> Q:
        return Q(memberships__user=user)


class Contact(CenterOwned):
    """A person at an enterprise; their name, phone and e-mail are personal data."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name="기업", on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField("성명", max_length=50)
    position = models.CharField("직위", max_length=50, blank=True)
    phone = models.CharField("전화번호", max_length=30, blank=True)
    email = models.EmailField("이메일", blank=True)
    consent_contact = models.BooleanField("연락 목적 동의", default=False)
    consent_marketing = models.BooleanField("홍보·안내 수신 동의", default=False)
    consented_on = models.DateField("동의일", null=True, blank=True)

    class Meta:
        verbose_name = "담당자"
        verbose_name_plural = "담당자"
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(consent_contact=False, consent_marketing=False)
                | Q(consented_on__isnull=False),
                name="contact_consent_has_date",
                violation_error_message="동의 항목을 선택했다면 동의일을 입력해 주세요.",
            )
        ]

    personal_fields: ClassVar[tuple[str, ...]] = ("name", "phone", "email")

    def __str__(self) -> str:
        return f"담당자 #{self.pk} ({self.enterprise.name})"

    @property
    def personal_data_label(self) -> str:
        """Whose data, for the access log (the log itself is personal data, for admins only)."""
        return f"{self.name} ({self.enterprise.name})"

    def clean(self) -> None:
        if self.enterprise_id and self.center_id and self.center_id != self.enterprise.center_id:
            raise ValidationError({"center": "담당자는 소속 기업과 같은 센터에 속해야 합니다."})

    @classmethod
    def member_condition(cls, user: User) -> Q:
        return Q(enterprise__memberships__user=user)


class Membership(models.Model):
    """An enterprise member's login tied to the enterprise they may see."""

    user = models.OneToOneField(
        User, verbose_name="회원", on_delete=models.CASCADE, related_name="membership"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="기업", on_delete=models.CASCADE, related_name="memberships"
    )

    class Meta:
        verbose_name = "기업 회원"
        verbose_name_plural = "기업 회원"

    def __str__(self) -> str:
        return f"{self.user} → {self.enterprise}"


class InstitutionCategory(models.Model):
    """A node of the buyer/partner category tree (공공기관 › 구청, 교육청 › 학교(초) …)."""

    name = models.CharField("분류명", max_length=50)
    parent = models.ForeignKey(
        "self",
        verbose_name="상위 분류",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "기관 분류"
        verbose_name_plural = "기관 분류"
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "name"],
                name="institution_category_unique_name",
                violation_error_message="같은 상위 분류 아래에 같은 이름이 이미 있습니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.parent.name} › {self.name}" if self.parent is not None else self.name

    @property
    def root(self) -> InstitutionCategory:
        node = self
        while node.parent is not None:
            node = node.parent
        return node


class Institution(CenterOwned):
    """A buyer or partner institution of the market programs (구청, 학교, 기업, 복지몰 …)."""

    name = models.CharField("기관명", max_length=200)
    search_key = models.CharField("검색키", max_length=200, editable=False, db_index=True)
    category = models.ForeignKey(
        InstitutionCategory,
        verbose_name="기관 분류",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="institutions",
    )
    business_number = models.CharField(
        "사업자등록번호", max_length=10, blank=True, validators=[validate_business_number]
    )
    unique_number = models.CharField(
        "고유번호", max_length=10, blank=True, validators=[validate_unique_number]
    )
    district = models.CharField("자치구", max_length=30, blank=True, choices=DISTRICT_CHOICES)
    address = models.CharField("주소", max_length=300, blank=True)
    homepage = models.URLField("홈페이지", blank=True)
    needs_review = models.BooleanField(
        "확인 필요", default=False, help_text="불러오기에서 새로 생겨 분류·중복 확인이 필요한 기관"
    )
    notes = models.TextField("비고", blank=True)
    is_synthetic = models.BooleanField(
        "합성 식별번호", default=False, help_text="시연용으로 만든 식별번호입니다."
    )

    class Meta:
        verbose_name = "기관"
        verbose_name_plural = "기관"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = normalise_name(self.name)
        self.business_number = identifiers.digits_only(self.business_number)
        self.unique_number = identifiers.digits_only(self.unique_number)

    @property
    def business_number_display(self) -> str:
        return identifiers.format_business_number(self.business_number)

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = normalise_name(self.name)
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class Tag(models.Model):
    """A free label staff put on enterprises (청년, 돌봄, 공공구매 우수 …)."""

    name = models.CharField("태그", max_length=50, unique=True)

    class Meta:
        verbose_name = "태그"
        verbose_name_plural = "태그"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class ProductKind(models.TextChoices):
    PRODUCT = "product", "제품"
    SERVICE = "service", "서비스"


class ProductCategory(models.TextChoices):
    FOOD = "food", "식품·음료"
    CATERING = "catering", "케이터링·도시락"
    CLEANING = "cleaning", "청소·방역·시설관리"
    PRINTING = "printing", "인쇄·출판·디자인"
    EDUCATION = "education", "교육·체험"
    CARE = "care", "돌봄·복지서비스"
    CULTURE = "culture", "문화·예술·공연"
    ENVIRONMENT = "environment", "환경·재활용"
    CONSTRUCTION = "construction", "건설·인테리어"
    CLOTHING = "clothing", "의류·잡화"
    FURNITURE = "furniture", "가구·목공"
    IT = "it", "IT·소프트웨어"
    TRAVEL = "travel", "관광·여행"
    MANUFACTURING = "manufacturing", "제조"
    CONSULTING = "consulting", "컨설팅·연구"
    OTHER = "other", "기타"


class Product(models.Model):
    """A product or service an enterprise sells; procurement matching searches these."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name="기업", on_delete=models.CASCADE, related_name="products"
    )
    name = models.CharField("제품·서비스명", max_length=200)
    kind = models.CharField("구분", max_length=10, choices=ProductKind.choices)
    category = models.CharField(
        "분류", max_length=20, choices=ProductCategory.choices, default=ProductCategory.OTHER
    )
    description = models.CharField("설명", max_length=500, blank=True)

    class Meta:
        verbose_name = "제품·서비스"
        verbose_name_plural = "제품·서비스"
        ordering = ["enterprise", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "name"],
                name="product_unique_name",
                violation_error_message="이 기업에 같은 이름의 제품·서비스가 이미 있습니다.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = normalise_name(self.name)


class DesignationKind(models.TextChoices):
    CERTIFICATION = "certification", "인증"
    DESIGNATION = "designation", "지정"
    REGISTRATION = "registration", "등록"
    AUTHORISATION = "authorisation", "인가"


class DesignationType(models.TextChoices):
    SOCIAL_ENTERPRISE = "social_enterprise", "인증 사회적기업"
    PRELIMINARY_REGIONAL = "preliminary_regional", "예비사회적기업(지역형)"
    PRELIMINARY_MINISTRY = "preliminary_ministry", "예비사회적기업(부처형)"
    COOPERATIVE = "cooperative", "협동조합"
    SOCIAL_COOPERATIVE = "social_cooperative", "사회적협동조합"
    VILLAGE_ENTERPRISE = "village_enterprise", "마을기업"
    PRELIMINARY_VILLAGE = "preliminary_village", "예비마을기업"
    SELF_SUFFICIENCY = "self_sufficiency", "자활기업"
    SCHOOL_COOPERATIVE = "school_cooperative", "학교협동조합"


DEFAULT_DESIGNATION_KIND: dict[str, str] = {
    DesignationType.SOCIAL_ENTERPRISE: DesignationKind.CERTIFICATION,
    DesignationType.PRELIMINARY_REGIONAL: DesignationKind.DESIGNATION,
    DesignationType.PRELIMINARY_MINISTRY: DesignationKind.DESIGNATION,
    DesignationType.COOPERATIVE: DesignationKind.REGISTRATION,
    DesignationType.SOCIAL_COOPERATIVE: DesignationKind.AUTHORISATION,
    DesignationType.VILLAGE_ENTERPRISE: DesignationKind.DESIGNATION,
    DesignationType.PRELIMINARY_VILLAGE: DesignationKind.DESIGNATION,
    DesignationType.SELF_SUFFICIENCY: DesignationKind.DESIGNATION,
    DesignationType.SCHOOL_COOPERATIVE: DesignationKind.REGISTRATION,
}


class DesignationQuerySet(models.QuerySet):
    def on(self, day: datetime.date) -> Self:
        """Designations in force on the day: started on or before it, not yet ended."""
        return self.filter(Q(starts_on__lte=day), Q(ends_on__isnull=True) | Q(ends_on__gte=day))


class Designation(models.Model):
    """One dated designation of an enterprise (인증 사회적기업 from 2015.3.1 …)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name="기업", on_delete=models.CASCADE, related_name="designations"
    )
    kind = models.CharField("구분", max_length=20, choices=DesignationKind.choices)
    designation_type = models.CharField("유형", max_length=30, choices=DesignationType.choices)
    number = models.CharField("인증·지정 번호", max_length=50, blank=True)
    round = models.CharField("차수·회차", max_length=30, blank=True, help_text="예: 2017년 2차")
    starts_on = models.DateField("시작일")
    ends_on = models.DateField("종료일", null=True, blank=True, help_text="비워 두면 유지 중")
    notes = models.CharField("비고", max_length=300, blank=True)

    objects = DesignationQuerySet.as_manager()

    class Meta:
        verbose_name = "인증·지정"
        verbose_name_plural = "인증·지정"
        ordering = ["enterprise", "starts_on", "pk"]
        indexes = [models.Index(fields=["designation_type", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="designation_date_order",
                violation_error_message="종료일은 시작일과 같거나 늦어야 합니다.",
            ),
            models.UniqueConstraint(
                fields=["enterprise", "designation_type", "starts_on"],
                name="designation_unique_start",
                violation_error_message="같은 날 시작하는 같은 유형의 인증·지정이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_designation_type_display()} ({self.starts_on:%Y.%m.%d}~)"

    def is_in_force_on(self, day: datetime.date) -> bool:
        return self.starts_on <= day and (self.ends_on is None or self.ends_on >= day)


class Financial(models.Model):
    """An enterprise's figures for one year; vulnerable employees are a count, never names."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name="기업", on_delete=models.CASCADE, related_name="financials"
    )
    year = models.PositiveSmallIntegerField("연도")
    revenue_won = models.BigIntegerField("매출액(원)", null=True, blank=True)
    operating_profit_won = models.BigIntegerField("영업이익(원)", null=True, blank=True)
    employees = models.PositiveIntegerField("고용 인원(명)", null=True, blank=True)
    vulnerable_employees = models.PositiveIntegerField("취약계층 고용(명)", null=True, blank=True)
    government_support_won = models.BigIntegerField("정부지원금(원)", null=True, blank=True)

    class Meta:
        verbose_name = "연도별 재무·고용"
        verbose_name_plural = "연도별 재무·고용"
        ordering = ["enterprise", "-year"]
        constraints = [
            models.UniqueConstraint(
                fields=["enterprise", "year"],
                name="financial_unique_year",
                violation_error_message="이 기업의 같은 연도 자료가 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(vulnerable_employees__isnull=True)
                | Q(employees__isnull=True)
                | Q(vulnerable_employees__lte=models.F("employees")),
                name="financial_vulnerable_within_employees",
                violation_error_message="취약계층 고용 인원은 전체 고용 인원보다 많을 수 없습니다.",
            ),
            models.CheckConstraint(
                condition=Q(revenue_won__isnull=True) | Q(revenue_won__gte=0),
                name="financial_revenue_not_negative",
                violation_error_message="매출액은 0원 이상이어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enterprise} {self.year}년"


class ExpertiseField(models.Model):
    """A field of the consulting pool (경영전략 및 비즈니스모델 수립, 재무전략 …)."""

    name = models.CharField("분야", max_length=50, unique=True)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "전문 분야"
        verbose_name_plural = "전문 분야"
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class AgencyKind(models.TextChoices):
    CONSULTING = "consulting", "컨설팅 기관"
    SUPPORT = "support", "중간지원조직"
    LEGAL = "legal", "법률·노무"
    ACCOUNTING = "accounting", "회계·세무"
    MARKETING = "marketing", "홍보·디자인"
    ACADEMIC = "academic", "대학·연구기관"
    OTHER = "other", "기타"


class Agency(CenterOwned):
    """A partner agency that delivers consulting, mentoring or other support."""

    name = models.CharField("기관명", max_length=200)
    search_key = models.CharField("검색키", max_length=200, editable=False, db_index=True)
    kind = models.CharField(
        "구분", max_length=20, choices=AgencyKind.choices, default=AgencyKind.CONSULTING
    )
    business_number = models.CharField(
        "사업자등록번호", max_length=10, blank=True, validators=[validate_business_number]
    )
    expertise = models.ManyToManyField(
        ExpertiseField, verbose_name="전문 분야", blank=True, related_name="agencies"
    )
    district = models.CharField("자치구", max_length=30, blank=True, choices=DISTRICT_CHOICES)
    address = models.CharField("주소", max_length=300, blank=True)
    homepage = models.URLField("홈페이지", blank=True)
    notes = models.TextField("비고", blank=True)
    is_synthetic = models.BooleanField(
        "합성 식별번호", default=False, help_text="시연용으로 만든 식별번호입니다."
    )

    class Meta:
        verbose_name = "협력기관"
        verbose_name_plural = "협력기관"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = normalise_name(self.name)
        self.business_number = identifiers.digits_only(self.business_number)

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = normalise_name(self.name)
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


EXPERT_ROLE_LABELS = {
    "is_consultant": "컨설턴트",
    "is_mentor": "경영멘토",
    "is_instructor": "강사",
    "is_reviewer": "심사위원",
}


class ExpertQuerySet(CenterOwnedQuerySet):
    def in_pool(self, year: int) -> Self:
        """Experts in the pool during the year."""
        return self.filter(
            Q(pool_from_year__lte=year),
            Q(pool_until_year__isnull=True) | Q(pool_until_year__gte=year),
        )


class Expert(CenterOwned):
    """A person of the expert pool: consultant, management mentor, instructor or reviewer."""

    name = models.CharField("성명", max_length=50)
    user = models.OneToOneField(
        User,
        verbose_name="로그인 계정",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="expert_profile",
    )
    is_consultant = models.BooleanField("컨설턴트", default=False)
    is_mentor = models.BooleanField("경영멘토", default=False)
    is_instructor = models.BooleanField("강사", default=False)
    is_reviewer = models.BooleanField("심사위원", default=False)
    expertise = models.ManyToManyField(
        ExpertiseField, verbose_name="전문 분야", blank=True, related_name="experts"
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="소속 협력기관",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="experts",
    )
    affiliation = models.CharField("소속", max_length=200, blank=True)
    qualifications = models.TextField("자격·경력", blank=True)
    pool_from_year = models.PositiveSmallIntegerField("자원풀 시작 연도")
    pool_until_year = models.PositiveSmallIntegerField(
        "자원풀 종료 연도", null=True, blank=True, help_text="비워 두면 현재까지"
    )
    phone = models.CharField("전화번호", max_length=30, blank=True)
    email = models.EmailField("이메일", blank=True)
    notes = models.TextField("비고", blank=True)

    objects = ExpertQuerySet.as_manager()  # type: ignore[misc]

    personal_fields: ClassVar[tuple[str, ...]] = ("phone", "email")

    class Meta:
        verbose_name = "전문가"
        verbose_name_plural = "전문가"
        ordering = ["name", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(pool_until_year__isnull=True)
                | Q(pool_until_year__gte=models.F("pool_from_year")),
                name="expert_pool_year_order",
                violation_error_message="자원풀 종료 연도는 시작 연도와 같거나 늦어야 합니다.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = normalise_name(self.name)

    @property
    def role_labels(self) -> list[str]:
        return [label for flag, label in EXPERT_ROLE_LABELS.items() if getattr(self, flag)]

    @property
    def pool_years_display(self) -> str:
        until = self.pool_until_year or ""
        return f"{self.pool_from_year}~{until}"

    @classmethod
    def expert_condition(cls, user: User) -> Q:
        return Q(user=user)
