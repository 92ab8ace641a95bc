"""Management support delivered to an enterprise (경영지원): one record per engagement.

An engagement is a consulting project, a mentoring, a visit of the accounting team, a legal
consultation or a linkage to an outside resource. It counts for a program of the fiscal year
on its start date (시작일); the report's management-support figures are counted from these
records through the metric `support.engagements`."""

from __future__ import annotations

import datetime
from decimal import Decimal
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q

from dure.core.models import Center, CenterOwned, User
from dure.core.periods import PeriodLocked
from dure.core.roles import STAFF_ROLES, Role
from dure.core.uploads import validate_upload
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


class Engagement(PeriodLocked, CenterOwned):
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

    def period(self) -> tuple[list[int | None], int | None, int]:
        """The engagement counts in its program's year, for its center and the program's."""
        if self.program_id is None:
            return [], None, 0
        year = self.program.area.fiscal_year
        return [self.center_id, self.program.center_id], year.pk, year.year

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


class EngagementSession(PeriodLocked, CenterOwned):
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

    def period(self) -> tuple[list[int | None], int | None, int]:
        """A session counts with its engagement."""
        return self.engagement.period()

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


class FollowUpKind(models.TextChoices):
    LINKAGE = "linkage", "후속 프로그램 연계"
    MONITORING = "monitoring", "사후 모니터링"


class FollowUp(CenterOwned):
    """What comes after an engagement: a linkage to a follow-up program of the center (판로,
    투자, 교육 …) or a post-monitoring task with its due date, done when its result is written."""

    engagement = models.ForeignKey(
        Engagement,
        verbose_name="경영지원 기록",
        on_delete=models.CASCADE,
        related_name="follow_ups",
    )
    kind = models.CharField("구분", max_length=12, choices=FollowUpKind.choices)
    program = models.ForeignKey(
        Program,
        verbose_name="연계 사업",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="follow_ups",
    )
    description = models.CharField("내용", max_length=300)
    due_on = models.DateField("예정일")
    done_on = models.DateField("완료일", null=True, blank=True)
    result = models.TextField("결과", blank=True)

    class Meta:
        verbose_name = "후속 지원"
        verbose_name_plural = "후속 지원"
        ordering = ["due_on", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.description}"

    @classmethod
    def expert_condition(cls, user: User) -> Q:
        return Q(engagement__expert__user=user)

    @property
    def is_overdue(self) -> bool:
        return self.done_on is None and self.due_on < datetime.date.today()

    def clean(self) -> None:
        if self.kind == FollowUpKind.LINKAGE and self.program_id is None:
            raise ValidationError(
                {"program": "후속 프로그램 연계에는 연계할 사업을 골라야 합니다."}
            )
        program = self.program if self.program_id else None
        if program is not None and self.center_id and not program.is_open_to(self.center):
            raise ValidationError({"program": "이 센터나 상위 센터의 사업이 아닙니다."})
        if self.done_on and not self.result.strip():
            raise ValidationError({"result": "완료일을 적으면 결과도 적어야 합니다."})
        if self.done_on and self.engagement_id and self.done_on < self.engagement.starts_on:
            raise ValidationError({"done_on": "완료일이 지원 시작일보다 이릅니다."})


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


# Intake: announcements, the enterprise portal's standard application, applications and review.


class Announcement(CenterOwned):
    """A call for applications (공고) to a support program of the fiscal year: always open
    (상시접수) or open within a window, with eligibility rules checked on the applicant's
    registry data and the program's own questions asked on top of the standard application."""

    program = models.ForeignKey(
        Program, verbose_name="사업", on_delete=models.PROTECT, related_name="announcements"
    )
    title = models.CharField("공고명", max_length=200)
    body = models.TextField("공고 내용")
    support_type = models.CharField("지원구분", max_length=20, choices=SupportType.choices)
    always_open = models.BooleanField("상시접수", default=True)
    opens_on = models.DateField("접수 시작일", null=True, blank=True)
    closes_on = models.DateField("접수 마감일", null=True, blank=True)
    questions = models.JSONField(
        "사업별 질문", default=list, blank=True, help_text="표준 신청서에 더해 묻는 질문"
    )
    published = models.BooleanField("게시", default=False)

    class Meta:
        verbose_name = "공고"
        verbose_name_plural = "공고"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(always_open=True)
                | Q(opens_on__isnull=False, closes_on__isnull=False, closes_on__gte=F("opens_on")),
                name="announcement_window",
                violation_error_message="상시접수가 아니면 접수 시작일과 마감일을 적어야 합니다.",
            )
        ]

    def __str__(self) -> str:
        return self.title

    @classmethod
    def member_condition(cls, user: User) -> Q:
        return Q(published=True)

    @classmethod
    def expert_condition(cls, user: User) -> Q:
        return Q(published=True)

    def is_open_on(self, day: datetime.date) -> bool:
        """Published, inside its window (or always open), and never outside its program's fiscal
        year: a selection plans support that counts in that year."""
        if not self.published:
            return False
        year = self.program.area.fiscal_year
        if not year.starts_on <= day <= year.ends_on:
            return False
        if self.always_open:
            return True
        return bool(self.opens_on and self.closes_on and self.opens_on <= day <= self.closes_on)

    @property
    def window_label(self) -> str:
        if self.always_open:
            return f"상시접수 ({self.program.area.fiscal_year.year}년 중)"
        return f"{self.opens_on:%Y.%m.%d} ~ {self.closes_on:%Y.%m.%d}"

    def clean(self) -> None:
        if not self.always_open:
            if not self.opens_on or not self.closes_on:
                raise ValidationError(
                    {"closes_on": "상시접수가 아니면 접수 시작일과 마감일을 적어야 합니다."}
                )
            if self.closes_on < self.opens_on:
                raise ValidationError({"closes_on": "마감일은 시작일과 같거나 늦어야 합니다."})
            year = self.program.area.fiscal_year if self.program_id else None
            if year and not (year.starts_on <= self.opens_on and self.closes_on <= year.ends_on):
                raise ValidationError(
                    {"closes_on": f"접수 기간은 사업의 회계연도({year.year}년) 안이어야 합니다."}
                )
        if not isinstance(self.questions, list) or not all(
            isinstance(q, str) and q.strip() for q in self.questions
        ):
            raise ValidationError({"questions": "질문은 한 줄에 하나씩 적습니다."})
        if self.program_id and self.center_id and not self.program.is_open_to(self.center):
            raise ValidationError({"program": "이 센터에서 볼 수 없는 사업입니다."})


class RuleKind(models.TextChoices):
    FOUNDED_WITHIN = "founded_within", "설립 N년 이내"
    REVENUE_UNDER = "revenue_under", "직전 연도 매출액 N원 미만"
    LEGAL_FORM = "legal_form", "법인 형태"
    DISTRICT = "district", "소재 자치구"
    DESIGNATION = "designation", "인증·지정 유형"


class EligibilityRule(models.Model):
    """One condition an applicant must meet (all of an announcement's rules must hold).
    `value` is a number for the founding and revenue rules and a comma-separated list of
    accepted values for the others; the rule is evaluated by `dure.support.eligibility`."""

    announcement = models.ForeignKey(
        Announcement, verbose_name="공고", on_delete=models.CASCADE, related_name="rules"
    )
    kind = models.CharField("조건", max_length=20, choices=RuleKind.choices)
    value = models.CharField("값", max_length=300)

    class Meta:
        verbose_name = "신청 자격"
        verbose_name_plural = "신청 자격"
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.value}"

    def clean(self) -> None:
        from dure.support.eligibility import value_problem

        problem = value_problem(self.kind, self.value)
        if problem:
            raise ValidationError({"value": problem})


class RequestStatus(models.TextChoices):
    PENDING = "pending", "확인 대기"
    APPROVED = "approved", "승인"
    REJECTED = "rejected", "거절"


class MembershipRequest(CenterOwned):
    """A member's sign-up, waiting for the center's staff to confirm which enterprise the
    person speaks for; the member sees nothing of the enterprise until it is approved."""

    user = models.OneToOneField(
        User, verbose_name="회원", on_delete=models.CASCADE, related_name="membership_request"
    )
    business_number = models.CharField("사업자등록번호", max_length=12)
    enterprise_name = models.CharField("기업명", max_length=200)
    phone = models.CharField("연락처", max_length=30)
    status = models.CharField(
        "상태", max_length=10, choices=RequestStatus.choices, default=RequestStatus.PENDING
    )
    enterprise = models.ForeignKey(
        Enterprise,
        verbose_name="연결한 기업",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    reason = models.CharField("사유", max_length=300, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name="확인한 사람",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField("확인일시", null=True, blank=True)

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES
    personal_fields: ClassVar[tuple[str, ...]] = ("phone",)

    class Meta:
        verbose_name = "기업 회원 가입 신청"
        verbose_name_plural = "기업 회원 가입 신청"
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.enterprise_name} ({self.user})"

    @classmethod
    def member_condition(cls, user: User) -> Q:
        return Q(user=user)


class StandardApplication(models.Model):
    """The enterprise's one standard application (표준 신청서), written once and reused by every
    application; each application keeps a frozen copy of it as submitted."""

    enterprise = models.OneToOneField(
        Enterprise,
        verbose_name="기업",
        on_delete=models.CASCADE,
        related_name="standard_application",
    )
    answers = models.JSONField("내용", default=dict)
    updated_at = models.DateTimeField("수정일시", auto_now=True)
    updated_by = models.ForeignKey(
        User,
        verbose_name="수정한 사람",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = "표준 신청서"
        verbose_name_plural = "표준 신청서"

    def __str__(self) -> str:
        return f"{self.enterprise.name} 표준 신청서"

    def clean(self) -> None:
        from dure.support.standard import answer_problems

        problems = answer_problems(self.answers)
        if problems:
            raise ValidationError({"answers": problems})


class ApplicationStatus(models.TextChoices):
    SUBMITTED = "submitted", "접수"
    IN_REVIEW = "in_review", "심사 중"
    APPROVED = "approved", "선정"
    REJECTED = "rejected", "미선정"


class Application(PeriodLocked, CenterOwned):
    """An enterprise's application to an announcement: a frozen copy of the standard application
    as submitted, the answers to the program's own questions, documents, reviews, decision."""

    announcement = models.ForeignKey(
        Announcement, verbose_name="공고", on_delete=models.PROTECT, related_name="applications"
    )
    enterprise = models.ForeignKey(
        Enterprise, verbose_name="기업", on_delete=models.PROTECT, related_name="applications"
    )
    applicant = models.ForeignKey(
        User,
        verbose_name="신청한 사람",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    submitted_at = models.DateTimeField("신청일시")
    standard = models.JSONField("제출한 표준 신청서")
    answers = models.JSONField("사업별 질문 답변", default=list, blank=True)
    status = models.CharField(
        "상태",
        max_length=10,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.SUBMITTED,
    )
    decision_reason = models.TextField("신청자에게 알리는 사유", blank=True)
    internal_note = models.TextField("내부 메모", blank=True)
    decided_at = models.DateTimeField("결정일시", null=True, blank=True)
    decided_by = models.ForeignKey(
        User,
        verbose_name="결정한 사람",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    engagement = models.OneToOneField(
        Engagement,
        verbose_name="지원 기록",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="application",
    )

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | {Role.FUNDER}

    class Meta:
        verbose_name = "지원 신청"
        verbose_name_plural = "지원 신청"
        ordering = ["-submitted_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "enterprise"],
                name="application_once_per_announcement",
                violation_error_message="이 공고에 이미 신청했습니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.enterprise.name} · {self.announcement.title}"

    def period(self) -> tuple[list[int | None], int | None, int]:
        """An application counts (metric 지원 신청) in its announcement's program year."""
        program = self.announcement.program
        year = program.area.fiscal_year
        return [self.center_id, program.center_id], year.pk, year.year

    @classmethod
    def member_condition(cls, user: User) -> Q:
        return Q(enterprise__memberships__user=user)

    @classmethod
    def expert_condition(cls, user: User) -> Q:
        """A reviewer reads only the applications assigned to them."""
        return Q(Exists(Review.objects.filter(application=OuterRef("pk"), reviewer__user=user)))

    @property
    def is_decided(self) -> bool:
        return self.status in {ApplicationStatus.APPROVED, ApplicationStatus.REJECTED}

    @property
    def standard_sections(self) -> list[tuple[str, list[tuple[str, object]]]]:
        """The frozen standard application by section, for display."""
        from dure.support.standard import readable

        return readable(self.standard)


class ApplicationEvent(models.Model):
    """One step of an application the applicant sees (and is e-mailed about)."""

    application = models.ForeignKey(
        Application, verbose_name="신청", on_delete=models.CASCADE, related_name="events"
    )
    at = models.DateTimeField("일시")
    status = models.CharField("상태", max_length=10, choices=ApplicationStatus.choices)
    message = models.CharField("알림 내용", max_length=300)

    class Meta:
        verbose_name = "신청 진행"
        verbose_name_plural = "신청 진행"
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.message}"


class DocumentKind(models.TextChoices):
    REGISTRATION = "registration", "사업자등록증"
    FINANCIAL = "financial", "재무제표"
    PLAN = "plan", "사업계획서"
    OTHER = "other", "기타"


class ApplicationDocument(models.Model):
    """A document attached to an application; served only through the application's door."""

    application = models.ForeignKey(
        Application, verbose_name="신청", on_delete=models.CASCADE, related_name="documents"
    )
    kind = models.CharField("서류 종류", max_length=20, choices=DocumentKind.choices)
    file = models.FileField("파일", upload_to="applications/%Y/", validators=[validate_upload])
    name = models.CharField("파일 이름", max_length=200)
    size = models.PositiveIntegerField("크기(바이트)")

    class Meta:
        verbose_name = "신청 서류"
        verbose_name_plural = "신청 서류"
        ordering = ["pk"]

    def __str__(self) -> str:
        return self.name


class Review(models.Model):
    """One reviewer's part in an application's review: the conflict-of-interest declaration
    first, then the rubric scores (`dure.support.review`)."""

    application = models.ForeignKey(
        Application, verbose_name="신청", on_delete=models.CASCADE, related_name="reviews"
    )
    reviewer = models.ForeignKey(
        Expert, verbose_name="심사위원", on_delete=models.PROTECT, related_name="reviews"
    )
    assigned_at = models.DateTimeField("배정일시")
    conflict_declared_at = models.DateTimeField("이해충돌 신고일시", null=True, blank=True)
    has_conflict = models.BooleanField("이해충돌 있음", null=True, blank=True)
    conflict_note = models.CharField("이해충돌 내용", max_length=300, blank=True)
    scores = models.JSONField("점수", default=dict, blank=True)
    comment = models.TextField("심사 의견", blank=True)
    submitted_at = models.DateTimeField("제출일시", null=True, blank=True)

    class Meta:
        verbose_name = "심사"
        verbose_name_plural = "심사"
        ordering = ["assigned_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["application", "reviewer"],
                name="review_once_per_reviewer",
                violation_error_message="이미 배정된 심사위원입니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.reviewer.name} · {self.application}"

    @property
    def total(self) -> int | None:
        if self.submitted_at is None:
            return None
        return sum(int(v) for v in self.scores.values())
