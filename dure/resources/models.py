"""공유자원: the center's shared resources and their use.

Venues (교육장·행사장), market equipment, containers and shared-office rooms; bookings of them
(a venue's hours, an equipment loan, a container allocated for months), each requested,
approved, refused or cancelled; and the tenancies of the shared office. Two live bookings of one
resource never overlap: the service checks with the resource locked, and on PostgreSQL an
exclusion constraint holds it under concurrent requests too."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone

from dure.core.models import CenterOwned, FiscalYear, User
from dure.core.periods import PeriodLocked
from dure.core.roles import STAFF_ROLES, Role
from dure.registry.models import Enterprise, Institution


class ResourceKind(models.TextChoices):
    VENUE = "venue", "교육장·행사장"
    EQUIPMENT = "equipment", "장터 기자재"
    CONTAINER = "container", "컨테이너"
    OFFICE = "office", "공동사무실"


class Resource(CenterOwned):
    """One bookable thing: a room, a set of equipment, a container, an office room."""

    name = models.CharField("이름", max_length=100)
    kind = models.CharField("종류", max_length=20, choices=ResourceKind.choices)
    capacity = models.PositiveIntegerField("수용 인원", null=True, blank=True)
    location = models.CharField("위치", max_length=200, blank=True)
    is_active = models.BooleanField(
        "사용", default=True, help_text="쓰지 않는 자원은 예약을 받지 않습니다"
    )
    notes = models.TextField("비고", blank=True)

    class Meta:
        verbose_name = "공유자원"
        verbose_name_plural = "공유자원"
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["center", "name"], name="resources_one_name_per_center")
        ]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def member_condition(cls, user: User) -> models.Q:
        """A member sees the venues of their center open for booking."""
        return models.Q(kind=ResourceKind.VENUE, is_active=True, center_id=user.center_id)


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", "신청"
    APPROVED = "approved", "승인"
    REFUSED = "refused", "반려"
    CANCELLED = "cancelled", "취소"


LIVE_STATUSES = (BookingStatus.REQUESTED, BookingStatus.APPROVED)


class Booking(PeriodLocked, CenterOwned):
    """A resource held from `starts_at` to `ends_at` (the end not included) by an organisation:
    a venue's hours, an equipment loan, a container's months."""

    resource = models.ForeignKey(
        Resource, verbose_name="자원", on_delete=models.PROTECT, related_name="bookings"
    )
    starts_at = models.DateTimeField("시작")
    ends_at = models.DateTimeField("끝")
    status = models.CharField(
        "상태", max_length=20, choices=BookingStatus.choices, default=BookingStatus.REQUESTED
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources_bookings",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name="기관",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resources_bookings",
    )
    organisation_name = models.CharField(
        "단체명", max_length=200, blank=True, help_text="명부에 없는 단체나 개인 모임"
    )
    contact_name = models.CharField("담당자", max_length=100, blank=True)
    contact_phone = models.CharField("연락처", max_length=30, blank=True)
    requested_by = models.ForeignKey(
        User,
        verbose_name="신청한 회원",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource_bookings",
    )
    headcount = models.PositiveIntegerField("이용 인원", null=True, blank=True)
    purpose = models.CharField("용도", max_length=300, blank=True)
    decided_at = models.DateTimeField("처리 일시", null=True, blank=True)
    reason = models.CharField("반려·취소 사유", max_length=300, blank=True)
    notes = models.TextField("비고", blank=True)
    reconstructed = models.BooleanField(
        "재구성", default=False, help_text="보고서에 합계만 있어 만든 기록"
    )

    personal_fields: ClassVar[tuple[str, ...]] = ("contact_name", "contact_phone")
    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | {Role.FUNDER}

    class Meta:
        verbose_name = "대관·대여"
        verbose_name_plural = "대관·대여"
        ordering = ["-starts_at", "-pk"]
        indexes = [models.Index(fields=["resource", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="resources_booking_ends_after_start",
            )
        ]

    def __str__(self) -> str:
        return f"{self.resource} {self.period_label} {self.organisation}"

    @classmethod
    def member_condition(cls, user: User) -> models.Q:
        return models.Q(requested_by=user)

    @property
    def organisation(self) -> str:
        named = self.enterprise or self.institution
        return named.name if named is not None else self.organisation_name

    @property
    def period_label(self) -> str:
        starts = timezone.localtime(self.starts_at)
        ends = timezone.localtime(self.ends_at)
        if starts.date() == ends.date():
            return f"{starts:%Y.%m.%d} {starts:%H:%M}–{ends:%H:%M}"
        last = ends - datetime.timedelta(microseconds=1) if ends.time() == datetime.time() else ends
        return f"{starts:%Y.%m.%d}–{last:%Y.%m.%d}"

    def calendar_label(self, day: datetime.date) -> str:
        """What the calendar's cell of `day` says of this booking: its hours, or 종일 when it
        holds the resource the whole day."""
        starts = timezone.localtime(self.starts_at)
        ends = timezone.localtime(self.ends_at)
        opens = starts if starts.date() == day else None
        closes = ends if ends.date() == day else None
        if opens and closes:
            return f"{opens:%H:%M}–{closes:%H:%M}"
        if opens:
            return f"{opens:%H:%M}부터"
        if closes and closes.time() != datetime.time():
            return f"{closes:%H:%M}까지"
        return "종일"

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_STATUSES

    def period(self) -> tuple[list[int | None], int | None, int]:
        if self.starts_at is None:
            return [], None, 0
        day = timezone.localtime(self.starts_at).date()
        year = FiscalYear.objects.filter(starts_on__lte=day, ends_on__gte=day).first()
        return [self.center_id], year.pk if year else None, day.year

    def clean(self) -> None:
        super().clean()
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": "끝이 시작보다 뒤여야 합니다."})
        if not (self.enterprise_id or self.institution_id or self.organisation_name.strip()):
            raise ValidationError(
                {"organisation_name": "빌리는 기업·기관이나 단체명을 적어 주세요."}
            )
        if self.resource_id and self.center_id and self.resource.center_id != self.center_id:
            raise ValidationError({"resource": "이 센터의 자원이 아닙니다."})


class Tenancy(PeriodLocked, CenterOwned):
    """An organisation housed in the shared office (공동사무실 입주) from a date, until a date."""

    resource = models.ForeignKey(
        Resource,
        verbose_name="공간",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="tenancies",
    )
    institution = models.ForeignKey(
        Institution,
        verbose_name="입주 기관",
        on_delete=models.PROTECT,
        related_name="resources_tenancies",
    )
    starts_on = models.DateField("입주일")
    ends_on = models.DateField("퇴거일", null=True, blank=True)
    notes = models.TextField("비고", blank=True)
    reconstructed = models.BooleanField(
        "재구성", default=False, help_text="보고서에 합계만 있어 만든 기록"
    )

    class Meta:
        verbose_name = "공동사무실 입주"
        verbose_name_plural = "공동사무실 입주"
        ordering = ["-starts_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.institution.name} 입주"

    def period(self) -> tuple[list[int | None], int | None, int]:
        if self.starts_on is None:
            return [], None, 0
        day = self.starts_on
        year = FiscalYear.objects.filter(starts_on__lte=day, ends_on__gte=day).first()
        return [self.center_id], year.pk if year else None, day.year

    def clean(self) -> None:
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "퇴거일이 입주일보다 앞섭니다."})
