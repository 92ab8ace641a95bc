"""Management support delivered to an enterprise (경영지원): one record per engagement.

An engagement is a consulting project, a mentoring, a visit of the accounting team, a legal
consultation or a linkage to an outside resource. It counts for a program of the fiscal year
on its start date (시작일); the report's management-support figures are counted from these
records through the metric `support.engagements`."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from dure.core.models import Center, CenterOwned, User
from dure.programs.models import Program
from dure.registry.models import Agency, Enterprise, Expert, ExpertiseField


def centers_in_scope(center: Center) -> set[int]:
    """The centers whose registry rows a record of `center` may name: its own, and for the
    metropolitan center its districts' (the access door's rule)."""
    ids = {center.pk}
    if center.is_metropolitan:
        ids |= set(Center.objects.filter(parent=center).values_list("pk", flat=True))
    return ids


class SupportType(models.TextChoices):
    STRATEGY = "경영전략 컨설팅", "경영전략 컨설팅"
    BUSINESS = "사업개발 컨설팅", "사업개발 컨설팅"
    MENTORING = "경영멘토링", "경영멘토링"
    INNOVATION = "혁신형", "혁신형"
    ACCOUNTING = "회계지원", "회계지원"
    LEGAL = "법률지원", "법률지원"
    TAX_INTERN = "세무인턴", "세무인턴"
    CI = "CI 개발", "CI 개발"
    PRO_BONO = "프로보노", "프로보노"


# Spellings the seed and the centers' own lists use for the same types.
SUPPORT_TYPE_ALIASES = {
    "경영전략컨설팅": SupportType.STRATEGY,
    "사업개발컨설팅": SupportType.BUSINESS,
    "멘토링": SupportType.MENTORING,
    "경영멘토": SupportType.MENTORING,
    "회계": SupportType.ACCOUNTING,
    "법률": SupportType.LEGAL,
    "CI": SupportType.CI,
    "CI개발": SupportType.CI,
    "법률프로보노": SupportType.PRO_BONO,
}


def support_type_of(text: str) -> SupportType | None:
    """A support type by its name, its spelling without spaces or a known alias."""
    squeezed = "".join(text.split())
    for choice in SupportType:
        if squeezed == "".join(choice.value.split()):
            return choice
    return SUPPORT_TYPE_ALIASES.get(squeezed)


class Channel(models.TextChoices):
    VISIT = "방문", "방문"
    PHONE = "유선", "유선"
    WRITTEN = "서면", "서면"
    ONLINE = "온라인", "온라인"
    CONSULTING = "컨설팅", "컨설팅"


class Status(models.TextChoices):
    PLANNED = "계획", "계획"
    ONGOING = "진행", "진행"
    DONE = "완료", "완료"
    STOPPED = "중단", "중단"


class Engagement(CenterOwned):
    """One support engagement of an enterprise, in a program of the fiscal year."""

    program = models.ForeignKey(
        Program, verbose_name="사업", on_delete=models.PROTECT, related_name="engagements"
    )
    support_type = models.CharField("지원구분", max_length=20, choices=SupportType.choices)
    channel = models.CharField(
        "방식", max_length=10, choices=Channel.choices, blank=True, default=""
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="기업",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
    )
    agency = models.ForeignKey(
        Agency,
        verbose_name="담당기관",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
    )
    expert = models.ForeignKey(
        Expert,
        verbose_name="담당 전문가",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="engagements",
    )
    field = models.ForeignKey(
        ExpertiseField,
        verbose_name="분야",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text="전문가를 추천할 때 맞춰 보는 자원풀 분야",
    )
    task_type = models.CharField("과제유형", max_length=200, blank=True)
    starts_on = models.DateField("시작일")
    ends_on = models.DateField("종료일", null=True, blank=True)
    status = models.CharField("상태", max_length=10, choices=Status.choices, default=Status.DONE)
    planned_sessions = models.PositiveSmallIntegerField("계획 회차", null=True, blank=True)
    delivered_sessions = models.PositiveSmallIntegerField("진행 회차", null=True, blank=True)
    hours = models.DecimalField(
        "지원 시간",
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    satisfaction = models.PositiveSmallIntegerField(
        "만족도(5점)",
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
    )
    deliverables = models.TextField("결과물", blank=True)
    notes = models.TextField("비고", blank=True)
    reconstructed = models.BooleanField(
        "재구성", default=False, help_text="보고서에 합계만 있어 만들어 넣은 기록"
    )

    class Meta:
        verbose_name = "경영지원 기록"
        verbose_name_plural = "경영지원 기록"
        ordering = ["starts_on", "pk"]
        indexes = [
            models.Index(
                fields=["center", "program", "support_type", "starts_on"],
                name="engagement_report",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="engagement_date_order",
                violation_error_message="종료일은 시작일과 같거나 늦어야 합니다.",
            ),
            models.CheckConstraint(
                condition=Q(satisfaction__isnull=True)
                | Q(satisfaction__gte=1, satisfaction__lte=5),
                name="engagement_satisfaction_range",
                violation_error_message="만족도는 1점부터 5점까지입니다.",
            ),
        ]

    def __str__(self) -> str:
        who = self.enterprise.name if self.enterprise else "기업 미기재"
        return f"{self.starts_on} {self.get_support_type_display()} · {who}"

    @classmethod
    def expert_condition(cls, user: User) -> Q:
        """An expert reads the engagements assigned to them."""
        return Q(expert__user=user)

    @classmethod
    def member_condition(cls, user: User) -> Q:
        """An enterprise member reads their own enterprise's engagements."""
        return Q(enterprise__memberships__user=user)

    def clean(self) -> None:
        year = self.program.area.fiscal_year if self.program_id else None
        if (
            year is not None
            and self.starts_on
            and not (year.starts_on <= self.starts_on <= year.ends_on)
        ):
            raise ValidationError(
                {"starts_on": f"시작일이 {year.year}년 사업의 회계연도 밖입니다."}
            )
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "종료일은 시작일과 같거나 늦어야 합니다."})
        for field, row in (("enterprise", self.enterprise), ("expert", self.expert)):
            if row is not None and row.center_id not in centers_in_scope(self.center):
                raise ValidationError({field: "이 센터에서 볼 수 없는 기록입니다."})


class EngagementSession(CenterOwned):
    """One session of an engagement (회차), logged by its expert or by the center's staff.
    An engagement with sessions counts its delivered sessions and hours from them."""

    engagement = models.ForeignKey(
        Engagement, verbose_name="경영지원 기록", on_delete=models.CASCADE, related_name="sessions"
    )
    held_on = models.DateField("일자")
    hours = models.DecimalField(
        "시간", max_digits=4, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    summary = models.TextField("내용")
    logged_by = models.ForeignKey(
        User,
        verbose_name="기록한 사람",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "지원 회차"
        verbose_name_plural = "지원 회차"
        ordering = ["held_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=Decimal("0.5")),
                name="engagement_session_hours",
                violation_error_message="시간은 0.5시간 이상입니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.held_on} {self.hours}시간"

    @classmethod
    def expert_condition(cls, user: User) -> Q:
        return Q(engagement__expert__user=user)

    @classmethod
    def member_condition(cls, user: User) -> Q:
        return Q(engagement__enterprise__memberships__user=user)

    def clean(self) -> None:
        engagement = self.engagement
        if self.held_on and self.held_on < engagement.starts_on:
            raise ValidationError({"held_on": "회차 일자가 지원 시작일보다 이릅니다."})
        if self.held_on and engagement.ends_on and self.held_on > engagement.ends_on:
            raise ValidationError({"held_on": "회차 일자가 지원 종료일보다 늦습니다."})


class Diagnosis(CenterOwned):
    """A pre-diagnosis (사전진단) of an enterprise: the capability questionnaire's answers and the
    support it asks for. Area scores are computed from the answers (`dure.support.diagnosis`)."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name="기업", on_delete=models.PROTECT, related_name="diagnoses"
    )
    diagnosed_on = models.DateField("진단일")
    answers = models.JSONField("응답", default=dict)
    needs = models.TextField("지원 요청 사항", blank=True)
    recorded_by = models.ForeignKey(
        User,
        verbose_name="기록한 사람",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "사전진단"
        verbose_name_plural = "사전진단"
        ordering = ["-diagnosed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise.name} 사전진단 {self.diagnosed_on}"

    @classmethod
    def member_condition(cls, user: User) -> Q:
        return Q(enterprise__memberships__user=user)

    @property
    def scores(self) -> dict[str, Decimal]:
        from dure.support.diagnosis import area_scores

        return area_scores(self.answers)

    def clean(self) -> None:
        from dure.support.diagnosis import answer_problems

        problems = answer_problems(self.answers)
        if problems:
            raise ValidationError({"answers": problems})
        if self.enterprise_id and self.enterprise.center_id not in centers_in_scope(self.center):
            raise ValidationError({"enterprise": "이 센터에서 볼 수 없는 기록입니다."})


class VisitDiagnosis(CenterOwned):
    """An expert's visit diagnosis (방문진단): asked by the center, recorded by the expert with
    findings and a recommended support plan."""

    enterprise = models.ForeignKey(
        Enterprise, verbose_name="기업", on_delete=models.PROTECT, related_name="visit_diagnoses"
    )
    expert = models.ForeignKey(
        Expert, verbose_name="방문 전문가", on_delete=models.PROTECT, related_name="visits"
    )
    planned_on = models.DateField("방문 예정일", null=True, blank=True)
    visited_on = models.DateField("방문일", null=True, blank=True)
    findings = models.TextField("진단 내용", blank=True)
    recommended = models.JSONField("권하는 지원", default=list, blank=True)
    plan = models.TextField("지원 계획", blank=True)

    class Meta:
        verbose_name = "방문진단"
        verbose_name_plural = "방문진단"
        ordering = ["-planned_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise.name} 방문진단 ({self.expert.name})"

    @classmethod
    def expert_condition(cls, user: User) -> Q:
        return Q(expert__user=user)

    @classmethod
    def member_condition(cls, user: User) -> Q:
        return Q(enterprise__memberships__user=user)

    @property
    def is_done(self) -> bool:
        return self.visited_on is not None

    @property
    def recommended_labels(self) -> list[str]:
        return [
            SupportType(value).label for value in self.recommended if value in SupportType.values
        ]

    def clean(self) -> None:
        unknown = [v for v in self.recommended if v not in SupportType.values]
        if unknown:
            raise ValidationError(
                {"recommended": f"없는 지원구분입니다: {', '.join(map(str, unknown))}"}
            )
        if self.visited_on and not self.findings.strip():
            raise ValidationError({"findings": "방문일을 적으면 진단 내용도 적어야 합니다."})
        for field, row in (("enterprise", self.enterprise), ("expert", self.expert)):
            if row is not None and row.center_id not in centers_in_scope(self.center):
                raise ValidationError({field: "이 센터에서 볼 수 없는 기록입니다."})
