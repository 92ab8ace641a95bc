"""A fiscal year's program tree (구분 → 사업 → 세부사업), its indicators and targets, and the
generic activity log whose records the indicators count."""

from __future__ import annotations

import datetime
from typing import ClassVar

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q

from dure.core.districts import DISTRICT_CHOICES
from dure.core.formatting import format_date
from dure.core.models import Center, CenterOwned, CenterOwnedQuerySet, FiscalYear, User
from dure.core.periods import PeriodLocked, closed_reason
from dure.core.roles import READ_ONLY_ROLES, STAFF_ROLES
from dure.core.uploads import validate_upload
from dure.programs.metric_registry import MetricError, get_metric, get_unit
from dure.registry.models import Enterprise, Institution


class ProgramArea(CenterOwned):
    """구분: a program area of a center's fiscal year (판로지원, 경영지원 …)."""

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | READ_ONLY_ROLES

    fiscal_year = models.ForeignKey(
        FiscalYear, verbose_name="회계연도", on_delete=models.PROTECT, related_name="program_areas"
    )
    code = models.CharField("코드", max_length=30)
    name = models.CharField("구분", max_length=100)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "사업 구분"
        verbose_name_plural = "사업 구분"
        ordering = ["fiscal_year", "center", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "fiscal_year", "code"],
                name="program_area_unique_code",
                violation_error_message="같은 연도·센터에 같은 구분 코드가 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["center", "fiscal_year", "name"],
                name="program_area_unique_name",
                violation_error_message="같은 연도·센터에 같은 구분 이름이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.fiscal_year.year} {self.name}"


class Program(CenterOwned):
    """사업: a program of an area, with its owner center and staff."""

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | READ_ONLY_ROLES

    area = models.ForeignKey(
        ProgramArea, verbose_name="구분", on_delete=models.PROTECT, related_name="programs"
    )
    code = models.CharField("코드", max_length=30)
    name = models.CharField("사업명", max_length=200)
    order = models.PositiveSmallIntegerField("순서", default=0)
    staff = models.ManyToManyField(User, verbose_name="담당자", blank=True, related_name="programs")

    class Meta:
        verbose_name = "사업"
        verbose_name_plural = "사업"
        ordering = ["area__order", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["area", "code"],
                name="program_unique_code",
                violation_error_message="같은 구분에 같은 사업 코드가 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["area", "name"],
                name="program_unique_name",
                violation_error_message="같은 구분에 같은 사업명이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def is_open_to(self, center: Center) -> bool:
        """A center records work under its own programs and its metropolitan center's."""
        return self.center_id in (center.pk, center.parent_id)

    @property
    def fiscal_year(self) -> FiscalYear:
        return self.area.fiscal_year


class SubProgram(CenterOwned):
    """세부사업: an optional part of a program."""

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | READ_ONLY_ROLES

    program = models.ForeignKey(
        Program, verbose_name="사업", on_delete=models.PROTECT, related_name="sub_programs"
    )
    code = models.CharField("코드", max_length=30)
    name = models.CharField("세부사업명", max_length=200)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "세부사업"
        verbose_name_plural = "세부사업"
        ordering = ["program", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "code"],
                name="sub_program_unique_code",
                violation_error_message="같은 사업에 같은 세부사업 코드가 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program.name} › {self.name}"


class IndicatorStatus(models.TextChoices):
    ACTIVE = "active", "추진"
    CHANGED = "changed", "사업내용변경"
    CANCELLED = "cancelled", "취소"


class IndicatorSource(models.TextChoices):
    COMPUTED = "computed", "기록 집계"
    MANUAL = "manual", "수기"


class CenterScope(models.TextChoices):
    """Whose records an indicator counts: the center's own, its district centers', or both."""

    OWN = "own", "본 센터"
    DISTRICTS = "districts", "소속 자치구 센터"
    ALL = "all", "본 센터와 자치구 센터"


class IndicatorQuerySet(CenterOwnedQuerySet):
    def in_year(self, fiscal_year: FiscalYear) -> IndicatorQuerySet:
        return self.filter(program__area__fiscal_year=fiscal_year)


class Indicator(CenterOwned):
    """성과지표: a target and the metric (key and parameters) its actual is computed from."""

    program = models.ForeignKey(
        Program, verbose_name="사업", on_delete=models.PROTECT, related_name="indicators"
    )
    sub_program = models.ForeignKey(
        SubProgram,
        verbose_name="세부사업",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="indicators",
    )
    code = models.CharField("코드", max_length=30)
    group = models.CharField("구분(표)", max_length=200, blank=True)
    name = models.CharField("지표명", max_length=200)
    unit = models.CharField("단위", max_length=10, help_text="등록된 단위(건, 명, 천원 …)")
    target = models.DecimalField("목표", max_digits=18, decimal_places=2, null=True, blank=True)
    source = models.CharField(
        "산출 방식",
        max_length=10,
        choices=IndicatorSource.choices,
        default=IndicatorSource.COMPUTED,
    )
    metric_key = models.CharField("지표 산식", max_length=100, blank=True)
    parameters = models.JSONField("조건", default=dict, blank=True)
    aggregation = models.CharField("집계방식", max_length=30, default="count")
    center_scope = models.CharField(
        "집계 대상 센터", max_length=10, choices=CenterScope.choices, default=CenterScope.OWN
    )
    status = models.CharField(
        "상태", max_length=10, choices=IndicatorStatus.choices, default=IndicatorStatus.ACTIVE
    )
    status_reason = models.TextField("상태 사유", blank=True)
    paired_with = models.ForeignKey(
        "self",
        verbose_name="한 줄로 함께 표시",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="pair_partners",
        help_text="‘20건/50억’처럼 앞 지표와 한 줄로 보입니다.",
    )
    in_overview = models.BooleanField("사업 총괄표에 표시", default=True)
    in_detail = models.BooleanField("주요실적 표에 표시", default=True)
    order = models.PositiveSmallIntegerField("순서", default=0)
    notes = models.TextField("비고", blank=True)

    objects = IndicatorQuerySet.as_manager()  # type: ignore[misc]

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | READ_ONLY_ROLES

    class Meta:
        verbose_name = "성과지표"
        verbose_name_plural = "성과지표"
        ordering = ["program", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["program", "code"],
                name="indicator_unique_code",
                violation_error_message="같은 사업에 같은 지표 코드가 이미 있습니다.",
            ),
            models.CheckConstraint(
                condition=Q(status="active") | ~Q(status_reason=""),
                name="indicator_status_has_reason",
                violation_error_message="사업내용변경·취소에는 사유가 필요합니다.",
            ),
            models.CheckConstraint(
                condition=Q(source="manual") | ~Q(metric_key="") | ~Q(status="active"),
                name="indicator_computed_has_metric",
                violation_error_message="기록으로 집계하는 지표에는 지표 산식이 필요합니다.",
            ),
            models.CheckConstraint(
                condition=Q(target__isnull=True) | Q(target__gte=0),
                name="indicator_target_not_negative",
                violation_error_message="목표는 0 이상이어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.program.name} · {self.name}"

    @property
    def is_manual(self) -> bool:
        return self.source == IndicatorSource.MANUAL

    @property
    def unit_scale(self) -> int:
        """Base units (원, 건 …) per one of the indicator's unit (억원 → 100,000,000)."""
        try:
            return get_unit(self.unit).scale
        except MetricError:
            return 1

    @property
    def counting_rule_label(self) -> str:
        """The counting rule's Korean label (건수, 인원 …) as its metric declares it."""
        if self.is_manual:
            return "수기"
        try:
            return get_metric(self.metric_key).measure(self.aggregation).label
        except MetricError:
            return self.aggregation

    @property
    def metric_label(self) -> str:
        """The metric's Korean label (활동 기록 …), or its key when it is not registered."""
        try:
            return get_metric(self.metric_key).label
        except MetricError:
            return self.metric_key

    @property
    def condition_labels(self) -> list[tuple[str, str]]:
        """The conditions as the plan writes them: (조건 label, values)."""
        try:
            parameters = get_metric(self.metric_key).parameters
        except MetricError:
            parameters = {}
        return [
            (parameters[name].label if name in parameters else name, ", ".join(values))
            for name, values in self.parameters.items()
        ]

    def clean(self) -> None:
        try:
            get_unit(self.unit)
        except MetricError as error:
            raise ValidationError({"unit": str(error)}) from None


class IndicatorBreakdown(models.Model):
    """A part of an indicator with its own target (per district or category): 강동구 150건."""

    indicator = models.ForeignKey(
        Indicator, verbose_name="지표", on_delete=models.CASCADE, related_name="breakdowns"
    )
    label = models.CharField("항목", max_length=100)
    parameters = models.JSONField("추가 조건", default=dict)
    target = models.DecimalField("목표", max_digits=18, decimal_places=2, null=True, blank=True)
    order = models.PositiveSmallIntegerField("순서", default=0)

    class Meta:
        verbose_name = "세부 목표"
        verbose_name_plural = "세부 목표"
        ordering = ["indicator", "order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["indicator", "label"],
                name="indicator_breakdown_unique_label",
                violation_error_message="같은 지표에 같은 세부 항목이 이미 있습니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name} › {self.label}"


class TargetChange(models.Model):
    """One change of a target: the old and new value, who, when and why."""

    indicator = models.ForeignKey(
        Indicator, verbose_name="지표", on_delete=models.CASCADE, related_name="target_changes"
    )
    breakdown = models.ForeignKey(
        IndicatorBreakdown,
        verbose_name="세부 목표",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="target_changes",
    )
    old_target = models.DecimalField(
        "이전 목표", max_digits=18, decimal_places=2, null=True, blank=True
    )
    new_target = models.DecimalField(
        "새 목표", max_digits=18, decimal_places=2, null=True, blank=True
    )
    reason = models.TextField("변경 사유")
    changed_by = models.ForeignKey(
        User, verbose_name="변경한 사람", null=True, blank=True, on_delete=models.PROTECT
    )
    changed_at = models.DateTimeField("변경 일시", auto_now_add=True)

    class Meta:
        verbose_name = "목표 변경 이력"
        verbose_name_plural = "목표 변경 이력"
        ordering = ["-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(reason=""),
                name="target_change_has_reason",
                violation_error_message="목표를 바꾸는 사유를 적어 주세요.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}: {self.old_target} → {self.new_target}"


class ManualFigure(PeriodLocked, models.Model):
    """수기 실적: a figure no record can give, with its evidence."""

    indicator = models.OneToOneField(
        Indicator, verbose_name="지표", on_delete=models.CASCADE, related_name="manual_figure"
    )
    value = models.DecimalField("실적(수기)", max_digits=18, decimal_places=2)
    evidence = models.TextField("근거")
    evidence_file = models.FileField(
        "근거 파일", upload_to="evidence/%Y/", blank=True, validators=[validate_upload]
    )
    recorded_by = models.ForeignKey(
        User, verbose_name="입력한 사람", null=True, blank=True, on_delete=models.PROTECT
    )
    recorded_at = models.DateTimeField("입력 일시", auto_now=True)

    class Meta:
        verbose_name = "수기 실적"
        verbose_name_plural = "수기 실적"
        constraints = [
            models.CheckConstraint(
                condition=~Q(evidence=""),
                name="manual_figure_has_evidence",
                violation_error_message="수기 실적에는 근거가 필요합니다.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.name}: {self.value} (수기)"

    def period(self) -> tuple[list[int | None], int | None, int]:
        """A manual figure is a figure of its indicator's year, for the indicator's center."""
        if self.indicator_id is None:
            return [], None, 0
        indicator = self.indicator
        year = indicator.program.area.fiscal_year
        return [indicator.center_id, indicator.program.center_id], year.pk, year.year


class ActivityKind(models.Model):
    """활동유형: the shared base list (center empty) and each center's own additions."""

    center = models.ForeignKey(
        Center,
        verbose_name="센터",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activity_kinds",
    )
    name = models.CharField("활동유형", max_length=50)
    order = models.PositiveSmallIntegerField("순서", default=100)

    class Meta:
        verbose_name = "활동유형"
        verbose_name_plural = "활동유형"
        ordering = ["order", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "name"],
                name="activity_kind_unique_name",
                violation_error_message="이 센터에 같은 활동유형이 이미 있습니다.",
            ),
            models.UniqueConstraint(
                fields=["name"],
                condition=Q(center__isnull=True),
                name="activity_kind_unique_shared_name",
                violation_error_message="같은 이름의 공통 활동유형이 이미 있습니다.",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class ActivityQuerySet(CenterOwnedQuerySet):
    def between(self, starts_on: datetime.date, ends_on: datetime.date) -> ActivityQuerySet:
        return self.filter(date__gte=starts_on, date__lte=ends_on)


class Activity(PeriodLocked, CenterOwned):
    """활동 기록: one piece of work of the long tail (방문영업, 상담, 교육·설명회, 회의 …)."""

    date = models.DateField("일자")
    program = models.ForeignKey(
        Program, verbose_name="사업", on_delete=models.PROTECT, related_name="activities"
    )
    sub_program = models.ForeignKey(
        SubProgram,
        verbose_name="세부사업",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="activities",
    )
    kind = models.ForeignKey(
        ActivityKind, verbose_name="활동유형", on_delete=models.PROTECT, related_name="activities"
    )
    category = models.CharField("분류", max_length=50, blank=True)
    enterprises = models.ManyToManyField(
        Enterprise, verbose_name="상대 기업", blank=True, related_name="activities"
    )
    institutions = models.ManyToManyField(
        Institution, verbose_name="상대 기관", blank=True, related_name="activities"
    )
    district = models.CharField("자치구", max_length=30, blank=True, choices=DISTRICT_CHOICES)
    headcount = models.PositiveIntegerField("인원", null=True, blank=True)
    amount_won = models.BigIntegerField("금액(원)", null=True, blank=True)
    notes = models.TextField("비고", blank=True)
    corrects = models.ForeignKey(
        "self",
        verbose_name="정정 대상",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        help_text="정산이 마감된 연도의 기록을 열린 연도에서 바로잡을 때 그 기록",
    )
    attachment = models.FileField(
        "첨부", upload_to="activities/%Y/", blank=True, validators=[validate_upload]
    )
    reconstructed = models.BooleanField(
        "재구성", default=False, help_text="보고서에 합계만 있어 만들어 넣은 기록입니다."
    )
    import_key = models.CharField("불러오기 키", max_length=80, blank=True, editable=False)

    objects = ActivityQuerySet.as_manager()  # type: ignore[misc]

    reader_roles: ClassVar[frozenset[str]] = STAFF_ROLES | READ_ONLY_ROLES

    class Meta:
        verbose_name = "활동 기록"
        verbose_name_plural = "활동 기록"
        ordering = ["-date", "-pk"]
        indexes = [
            models.Index(fields=["center", "date"], name="activity_center_date"),
            # Covers the report's figures: an index-only scan per indicator; with the id, the
            # distinct-enterprise figures join the enterprise links without reading the rows.
            models.Index(
                fields=["center", "program", "kind", "date"],
                include=["headcount", "amount_won", "reconstructed", "id"],
                name="activity_report_cover",
            ),
            models.Index(fields=["program", "kind"], name="activity_program_kind"),
            # Which centers' figures may rest on reconstructed rows (few): the report's shares.
            models.Index(
                fields=["center", "date"],
                condition=Q(reconstructed=True),
                name="activity_reconstructed",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["center", "import_key"],
                condition=~Q(import_key=""),
                name="activity_unique_import_key",
                violation_error_message="이미 불러온 기록입니다.",
            ),
            models.CheckConstraint(
                condition=Q(amount_won__isnull=True) | Q(amount_won__gte=0),
                name="activity_amount_not_negative",
                violation_error_message="금액은 0 이상이어야 합니다.",
            ),
        ]

    def __str__(self) -> str:
        return f"{format_date(self.date)} {self.kind.name} ({self.program.name})"

    def period(self) -> tuple[list[int | None], int | None, int]:
        """The activity counts in its program's year, for its own center and the program's."""
        if self.program_id is None:
            return [], None, 0
        year = self.program.area.fiscal_year
        return [self.center_id, self.program.center_id], year.pk, year.year

    @property
    def attachment_name(self) -> str:
        return (self.attachment.name or "").rsplit("/", 1)[-1]

    @property
    def counterparty_names(self) -> str:
        """Enterprises then institutions (prefetch both when listing many)."""
        names = [e.name for e in self.enterprises.all()]
        names += [i.name for i in self.institutions.all()]
        return ", ".join(names)

    def clean(self) -> None:
        if self.program_id is None or self.date is None:
            return
        fiscal_year = self.program.area.fiscal_year
        if not fiscal_year.starts_on <= self.date <= fiscal_year.ends_on:
            raise ValidationError(
                {"date": f"일자가 사업의 회계연도({fiscal_year.year}년) 밖입니다."}
            )
        if self.center_id is not None and not self.program.is_open_to(self.center):
            raise ValidationError({"program": "이 센터나 상위 센터의 사업이 아닙니다."})
        if self.sub_program is not None and self.sub_program.program_id != self.program_id:
            raise ValidationError({"sub_program": "세부사업이 선택한 사업에 속하지 않습니다."})
        if self.corrects_id is not None:
            self._check_correction(fiscal_year.year)

    def _check_correction(self, year: int) -> None:
        """A correction stands in a later, open year and names a record of a closed one."""
        target = self.corrects
        assert target is not None
        target_ids, target_year_id, target_year = target.period()
        closed = any(closed_reason(c, target_year_id) for c in target_ids if c and target_year_id)
        if not closed:
            raise ValidationError(
                {
                    "corrects": "정정 대상은 정산이 마감된 연도의 기록이어야 합니다. 열린 연도의 "
                    "기록은 그 기록을 직접 고치세요."
                }
            )
        if year <= target_year:
            raise ValidationError(
                {"corrects": f"정정 기록은 {target_year}년보다 뒤의 연도에 적어야 합니다."}
            )
        if target.center_id not in (self.center_id, self.center.parent_id):
            raise ValidationError({"corrects": "이 센터의 기록만 정정할 수 있습니다."})
