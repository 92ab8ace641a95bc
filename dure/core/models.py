"""Centers, fiscal years, users, the center-owned base model and the personal-data access log."""

from __future__ import annotations

import datetime
from typing import TYPE_CHECKING, Any, ClassVar, Self, cast

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from dure.core.imports import RowError
from dure.core.roles import CAPABILITIES, STAFF_ROLES, Capability, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser


class CenterKind(models.TextChoices):
    METROPOLITAN = "metropolitan", "광역 센터"
    DISTRICT = "district", "자치구 센터"


class Center(models.Model):
    """A support center: the metropolitan center or one of its district centers."""

    code = models.SlugField("센터 코드", max_length=40, unique=True)
    name = models.CharField("센터명", max_length=100, unique=True)
    kind = models.CharField("구분", max_length=20, choices=CenterKind.choices)
    region = models.CharField("시·도", max_length=30)
    district = models.CharField("자치구", max_length=30, blank=True)
    administrative_code = models.CharField("행정구역코드", max_length=10, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name="상위 센터",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="district_centers",
    )
    is_active = models.BooleanField("운영 중", default=True)
    single_approver_allowed = models.BooleanField(
        "1인 센터 단독 승인 허용",
        default=False,
        help_text="직원이 한 명뿐인 센터만 켭니다. 켜면 집행·전용을 기록한 사람이 직접 승인할 수 "
        "있고, 그런 승인은 ‘단독 승인’으로 표시됩니다.",
    )

    class Meta:
        verbose_name = "센터"
        verbose_name_plural = "센터"
        ordering = ["administrative_code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind="metropolitan", parent__isnull=True)
                | Q(kind="district", parent__isnull=False),
                name="center_district_has_parent",
                violation_error_message="자치구 센터에는 상위 센터가, 광역 센터에는 없어야 합니다.",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_metropolitan(self) -> bool:
        return self.kind == CenterKind.METROPOLITAN


class FiscalYear(models.Model):
    """A fiscal year: the frame of programs, targets and budgets."""

    year = models.PositiveSmallIntegerField("회계연도", unique=True)
    starts_on = models.DateField("시작일")
    ends_on = models.DateField("종료일")

    class Meta:
        verbose_name = "회계연도"
        verbose_name_plural = "회계연도"
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gt=models.F("starts_on")),
                name="fiscal_year_date_order",
                violation_error_message="종료일은 시작일보다 늦어야 합니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.year}년"

    @classmethod
    def calendar(cls, year: int) -> FiscalYear:
        return cls(
            year=year, starts_on=datetime.date(year, 1, 1), ends_on=datetime.date(year, 12, 31)
        )


class User(AbstractUser):
    """A person who logs in; their center and role decide what they see and do."""

    center = models.ForeignKey(
        Center, verbose_name="소속 센터", null=True, blank=True, on_delete=models.PROTECT
    )
    role = models.CharField("역할", max_length=20, choices=Role.choices, default=Role.PROGRAM_STAFF)
    display_name = models.CharField("이름", max_length=50, blank=True)

    personal_fields: ClassVar[tuple[str, ...]] = ("email",)

    class Meta:
        verbose_name = "사용자"
        verbose_name_plural = "사용자"

    def __str__(self) -> str:
        return self.display_name or self.username

    def clean(self) -> None:
        super().clean()
        errors = role_center_errors(self.role, self.center)
        if errors:
            raise ValidationError({"center": errors})

    def can(self, capability: Capability) -> bool:
        return self.is_active and self.role in CAPABILITIES[capability]

    def get_additional_data(self) -> dict[str, Any]:
        return {"center": self.center.code if self.center is not None else None}

    @property
    def sees_all_centers(self) -> bool:
        return self.center is not None and self.center.is_metropolitan


METROPOLITAN_ONLY_ROLES = frozenset({Role.PROGRAM_STAFF, Role.FUNDER, Role.AUDITOR})
DISTRICT_ONLY_ROLES = frozenset({Role.DISTRICT_STAFF})


def role_center_errors(role: str, center: Center | None) -> list[str]:
    """Why a role cannot be held at a center (empty when it can)."""
    if center is None:
        return ["모든 계정에는 소속 센터가 있어야 합니다."]
    if role in METROPOLITAN_ONLY_ROLES and not center.is_metropolitan:
        return [f"‘{Role(role).label}’ 역할은 광역 센터 소속에만 줄 수 있습니다."]
    if role in DISTRICT_ONLY_ROLES and center.is_metropolitan:
        return [f"‘{Role(role).label}’ 역할은 자치구 센터 소속에만 줄 수 있습니다."]
    return []


def roles_assignable_by(manager: User) -> list[Role]:
    """Roles a center admin may give: all at the metropolitan center, district roles otherwise."""
    if not manager.can(Capability.MANAGE_CENTER) or manager.center is None:
        return []
    if manager.center.is_metropolitan:
        return list(Role)
    return [role for role in Role if role not in METROPOLITAN_ONLY_ROLES]


class CenterOwnedQuerySet(models.QuerySet):
    """The access door for rows that belong to a center."""

    def visible_to(self, user: User | AnonymousUser) -> Self:
        """Rows the user may read: their center's (all districts for the metropolitan center)."""
        if not user.is_authenticated:
            return self.none()
        assert isinstance(user, User)
        if not user.is_active:
            return self.none()
        model = cast(type[CenterOwned], self.model)
        if user.role == Role.EXPERT:
            return self.filter(model.expert_condition(user))
        if user.role == Role.MEMBER:
            return self.filter(model.member_condition(user))
        if user.role not in model.reader_roles:
            return self.none()
        return self._in_user_centers(user)

    def editable_by(self, user: User | AnonymousUser) -> Self:
        """Rows the user may change: staff roles only, inside their centers."""
        if not user.is_authenticated:
            return self.none()
        assert isinstance(user, User)
        if not user.is_active:
            return self.none()
        if user.role not in cast(type[CenterOwned], self.model).editor_roles:
            return self.none()
        return self._in_user_centers(user)

    def in_reach_of(self, center: Center) -> Self:
        """Rows a center's staff work with: its own, and for a metropolitan center its
        districts'."""
        if center.is_metropolitan:
            return self.filter(Q(center=center) | Q(center__parent=center))
        return self.filter(center=center)

    def referable(self, *, user: User | None, center: Center) -> Self:
        """Rows an import or a form for the center may name: in the center's reach and, when a
        user acts, visible to them. Anything else is answered as if it did not exist."""
        rows = self.in_reach_of(center)
        if user is None:
            return rows
        return rows.visible_to(user)

    def _in_user_centers(self, user: User) -> Self:
        if user.center is None:
            return self.none()
        return self.in_reach_of(user.center)


class CenterOwned(models.Model):
    """Base of every record that belongs to a center."""

    center = models.ForeignKey(Center, verbose_name="센터", on_delete=models.PROTECT)
    created_at = models.DateTimeField("등록일시", auto_now_add=True)
    updated_at = models.DateTimeField("수정일시", auto_now=True)

    objects = CenterOwnedQuerySet.as_manager()

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | {Role.FUNDER}
    editor_roles: ClassVar[frozenset[str]] = STAFF_ROLES

    class Meta:
        abstract = True

    @classmethod
    def expert_condition(cls, user: User) -> Q:
        """Rows an expert may read; none unless the model assigns rows to experts."""
        return Q(pk__in=[])

    @classmethod
    def member_condition(cls, user: User) -> Q:
        """Rows an enterprise member may read; none unless the model ties rows to a member."""
        return Q(pk__in=[])

    def get_additional_data(self) -> dict[str, Any]:
        """Stored with every audit entry so the history shows which center the row belongs to."""
        return {"center": self.center.code if self.center_id else None}


class AccessAction(models.TextChoices):
    VIEW = "view", "열람"
    EXPORT = "export", "내보내기"


class PersonalDataAccess(models.Model):
    """One opening or export of personal data (개인정보 접근기록)."""

    user = models.ForeignKey(User, verbose_name="접근자", on_delete=models.PROTECT)
    center = models.ForeignKey(
        Center,
        verbose_name="정보주체 소속 센터",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    accessed_at = models.DateTimeField("접근일시", auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField("IP 주소", null=True, blank=True)
    action = models.CharField("행위", max_length=10, choices=AccessAction.choices)
    subject_type = models.CharField("정보주체 구분", max_length=50)
    subject_id = models.CharField("정보주체 ID", max_length=50)
    subject_label = models.CharField("정보주체", max_length=200)
    path = models.CharField("화면", max_length=300)
    reason = models.CharField("사유", max_length=300, blank=True)

    class Meta:
        verbose_name = "개인정보 접근기록"
        verbose_name_plural = "개인정보 접근기록"
        ordering = ["-accessed_at"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(action="export") | ~Q(reason=""),
                name="export_requires_reason",
                violation_error_message="개인정보 내보내기에는 사유가 필요합니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.get_action_display()} {self.subject_label}"


class ImportStatus(models.TextChoices):
    CHECKING = "checking", "검사 중"
    REJECTED = "rejected", "문제 있음"
    CHECKED = "checked", "확인 대기"
    IMPORTING = "importing", "저장 중"
    DONE = "done", "완료"
    FAILED = "failed", "실패"


class ImportJob(CenterOwned):
    """One uploaded file going through check → preview → confirm → import, with its progress.
    The file is kept in the database so that any app server or task worker can read it."""

    kind = models.CharField("종류", max_length=40)
    filename = models.CharField("파일명", max_length=200)
    year = models.PositiveSmallIntegerField(
        "회계연도", null=True, blank=True, help_text="계획·예산처럼 연도별로 쌓는 기록만"
    )
    data = models.BinaryField("파일 내용")
    user = models.ForeignKey(User, verbose_name="올린 사람", on_delete=models.PROTECT)
    status = models.CharField(
        "상태", max_length=20, choices=ImportStatus.choices, default=ImportStatus.CHECKING
    )
    total_rows = models.PositiveIntegerField("전체 행", default=0)
    processed_rows = models.PositiveIntegerField("처리한 행", default=0)
    errors = models.JSONField("문제", default=list, blank=True)
    preview = models.JSONField("미리보기", default=list, blank=True)
    created_count = models.PositiveIntegerField("새로 등록", default=0)
    updated_count = models.PositiveIntegerField("변경", default=0)
    unchanged_count = models.PositiveIntegerField("변경 없음", default=0)
    message = models.CharField("안내", max_length=500, blank=True)

    class Meta:
        verbose_name = "불러오기"
        verbose_name_plural = "불러오기"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def is_running(self) -> bool:
        return self.status in {ImportStatus.CHECKING, ImportStatus.IMPORTING}

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 0
        return min(100, self.processed_rows * 100 // self.total_rows)

    @property
    def error_lines(self) -> list[str]:
        return [str(RowError(row, column, message)) for row, column, message in self.errors]


class PasswordResetRequest(models.Model):
    """One accepted password-reset request, counted per address and per e-mail address so that
    the form cannot be used to flood a mailbox or probe many addresses. The e-mail is kept only
    as a digest (it may not be anyone's address), and rows older than the window are deleted."""

    requested_at = models.DateTimeField("요청일시", auto_now_add=True, db_index=True)
    ip_address = models.GenericIPAddressField("IP 주소", null=True, blank=True)
    email_digest = models.CharField("이메일 요약값", max_length=64)

    class Meta:
        verbose_name = "비밀번호 재설정 요청"
        verbose_name_plural = "비밀번호 재설정 요청"
        indexes = [
            models.Index(fields=["ip_address", "requested_at"], name="reset_request_address"),
            models.Index(fields=["email_digest", "requested_at"], name="reset_request_email"),
        ]

    def __str__(self) -> str:
        return f"{self.ip_address} {self.requested_at:%Y-%m-%d %H:%M}"


def centers_managed_by(user: User) -> models.QuerySet[Center]:
    """Centers whose users and settings this user may manage."""
    if not user.can(Capability.MANAGE_CENTER) or user.center is None:
        return Center.objects.none()
    if user.center.is_metropolitan:
        return Center.objects.filter(Q(pk=user.center.pk) | Q(parent=user.center))
    return Center.objects.filter(pk=user.center.pk)


class TableGeneration(models.Model):
    """Which state of a table the figure cache last saw: a fresh random value on every
    committed write to the table (`dure/core/figure_cache.py`). Random, not counted, so that a
    table emptied and written again never comes back to a value a kept figure was read at."""

    table = models.CharField("테이블", max_length=128, primary_key=True)
    value = models.BigIntegerField("상태 값")

    class Meta:
        verbose_name = "테이블 상태"
        verbose_name_plural = "테이블 상태"

    def __str__(self) -> str:
        return f"{self.table} {self.value}"
