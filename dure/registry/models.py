"""Enterprises of the social economy and their contact persons."""

from __future__ import annotations

import re
import unicodedata
from typing import ClassVar

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


def validate_business_number(value: str) -> None:
    if not identifiers.is_valid_business_number(value):
        raise ValidationError(
            "사업자등록번호의 검증번호가 맞지 않습니다(10자리 숫자, 마지막 자리 검증).",
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


class EnterpriseQuerySet(CenterOwnedQuerySet):
    def search(self, text: str) -> EnterpriseQuerySet:
        """Korean substring search over the name, its search key and the address."""
        term = normalise_name(text)
        if not term:
            return self
        key = search_key(term)
        condition = Q(name__icontains=term) | Q(address__icontains=term)
        if key:
            condition |= Q(search_key__contains=key)
        return self.filter(condition)


class Enterprise(CenterOwned):
    """A social-economy organisation the center supports."""

    name = models.CharField("기업명", max_length=200)
    search_key = models.CharField("검색키", max_length=200, editable=False, db_index=True)
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
    corporate_number = models.CharField(
        "법인등록번호", max_length=13, blank=True, validators=[validate_corporate_number]
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
    notes = models.TextField("비고", blank=True)
    is_synthetic = models.BooleanField(
        "합성 식별번호", default=False, help_text="시연용으로 만든 식별번호입니다."
    )

    objects = EnterpriseQuerySet.as_manager()  # type: ignore[misc]

    class Meta:
        verbose_name = "사회적경제기업"
        verbose_name_plural = "사회적경제기업"
        ordering = ["name"]
        indexes = [models.Index(fields=["center", "district"])]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = normalise_name(self.name)
        self.business_number = identifiers.digits_only(self.business_number)
        self.corporate_number = identifiers.digits_only(self.corporate_number)

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = normalise_name(self.name)
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    @property
    def business_number_display(self) -> str:
        return identifiers.format_business_number(self.business_number)

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
    district = models.CharField("자치구", max_length=30, blank=True, choices=DISTRICT_CHOICES)
    address = models.CharField("주소", max_length=300, blank=True)
    needs_review = models.BooleanField(
        "확인 필요", default=False, help_text="불러오기에서 새로 생겨 분류·중복 확인이 필요한 기관"
    )
    notes = models.TextField("비고", blank=True)

    class Meta:
        verbose_name = "기관"
        verbose_name_plural = "기관"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        self.name = normalise_name(self.name)

    def save(self, *args: object, **kwargs: object) -> None:
        self.name = normalise_name(self.name)
        self.search_key = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]
