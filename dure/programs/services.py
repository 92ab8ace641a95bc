"""Every change to programs, indicators, targets and activity records goes through here."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q

from dure.core.models import Center, FiscalYear, User
from dure.core.periods import ensure_all_open
from dure.core.services import ensure_fiscal_year
from dure.programs.metric_registry import MetricError, get_metric
from dure.programs.models import (
    Activity,
    ActivityKind,
    Indicator,
    IndicatorBreakdown,
    IndicatorSource,
    IndicatorStatus,
    ManualFigure,
    Program,
    ProgramArea,
    SubProgram,
    TargetChange,
)
from dure.registry import services as registry_services
from dure.registry.models import Enterprise, Institution


def _save(row: Any) -> Any:
    row.full_clean()
    row.save()
    return row


@transaction.atomic
def create_program_area(
    *, center: Center, fiscal_year: FiscalYear, code: str, name: str, order: int = 0
) -> ProgramArea:
    """Add a 구분 to a center's fiscal year."""
    return _save(
        ProgramArea(center=center, fiscal_year=fiscal_year, code=code, name=name, order=order)
    )


@transaction.atomic
def create_program(
    *, area: ProgramArea, code: str, name: str, order: int = 0, staff: Iterable[User] = ()
) -> Program:
    """Add a 사업 to an area, owned by the area's center."""
    program = _save(Program(center=area.center, area=area, code=code, name=name, order=order))
    program.staff.set(list(staff))
    return program


@transaction.atomic
def create_sub_program(*, program: Program, code: str, name: str, order: int = 0) -> SubProgram:
    """Add a 세부사업 to a program."""
    return _save(
        SubProgram(center=program.center, program=program, code=code, name=name, order=order)
    )


@transaction.atomic
def update_program_area(*, area: ProgramArea, **fields: Any) -> ProgramArea:
    """Change a 구분's code, name or order."""
    for name, value in fields.items():
        setattr(area, name, value)
    return _save(area)


@transaction.atomic
def update_program(
    *, program: Program, staff: Iterable[User] | None = None, **fields: Any
) -> Program:
    """Change a 사업's code, name or order, and its staff when given."""
    for name, value in fields.items():
        setattr(program, name, value)
    _save(program)
    if staff is not None:
        program.staff.set(list(staff))
    return program


@transaction.atomic
def update_sub_program(*, sub_program: SubProgram, **fields: Any) -> SubProgram:
    """Change a 세부사업's code, name or order."""
    for name, value in fields.items():
        setattr(sub_program, name, value)
    return _save(sub_program)


def validate_metric(
    *,
    metric_key: str,
    parameters: dict[str, Any],
    aggregation: str,
    unit: str | None = None,
    field: str = "metric_key",
) -> None:
    """The key must be registered, the parameters known, the counting rule supported and the
    unit (when given) registered in the counting rule's unit family."""
    try:
        metric = get_metric(metric_key)
        metric.clean_parameters(parameters)
        metric.measure(aggregation)
    except MetricError as error:
        raise ValidationError({field: str(error)}) from None
    if unit is not None:
        try:
            metric.check_unit(aggregation, unit)
        except MetricError as error:
            raise ValidationError({"unit": str(error)}) from None


def unresolved_indicators(indicators: Iterable[Indicator]) -> list[tuple[Indicator, str]]:
    """Computed indicators whose metric key, parameters (with each breakdown's) or counting rule
    the registry does not know, each with the reason; empty when every one resolves."""
    problems = []
    for indicator in indicators:
        if indicator.source != IndicatorSource.COMPUTED:
            continue
        if not indicator.metric_key:
            if indicator.status == IndicatorStatus.ACTIVE:
                problems.append((indicator, "지표 산식이 없습니다."))
            continue
        parts = [indicator.parameters]
        parts += [{**indicator.parameters, **b.parameters} for b in indicator.breakdowns.all()]
        for parameters in parts:
            try:
                validate_metric(
                    metric_key=indicator.metric_key,
                    parameters=parameters,
                    aggregation=indicator.aggregation,
                    unit=indicator.unit,
                )
            except ValidationError as error:
                problems.append((indicator, " ".join(error.messages)))
                break
    return problems


def _validate_indicator(indicator: Indicator) -> None:
    indicator.full_clean()
    if indicator.source == IndicatorSource.COMPUTED and indicator.metric_key:
        validate_metric(
            metric_key=indicator.metric_key,
            parameters=indicator.parameters,
            aggregation=indicator.aggregation,
            unit=indicator.unit,
        )
    if indicator.sub_program is not None and indicator.sub_program.program_id != (
        indicator.program_id
    ):
        raise ValidationError({"sub_program": "세부사업이 지표의 사업에 속하지 않습니다."})
    partner = indicator.paired_with
    if partner is not None and (partner.program_id != indicator.program_id or partner == indicator):
        raise ValidationError(
            {"paired_with": "같은 사업의 다른 지표와만 한 줄로 묶을 수 있습니다."}
        )


@transaction.atomic
def create_indicator(
    *,
    program: Program,
    code: str,
    name: str,
    unit: str,
    target: Decimal | int | None = None,
    metric_key: str = "",
    parameters: dict[str, Any] | None = None,
    aggregation: str = "count",
    breakdowns: Sequence[tuple[str, dict[str, Any], Decimal | int | None]] = (),
    **fields: Any,
) -> Indicator:
    """Add an indicator: a target and the metric its actual is computed from (never a number)."""
    indicator = Indicator(
        center=program.center,
        program=program,
        code=code,
        name=name,
        unit=unit,
        target=target,
        metric_key=metric_key,
        parameters=parameters or {},
        aggregation=aggregation,
        **fields,
    )
    _validate_indicator(indicator)
    indicator.save()
    for order, (label, extra, part_target) in enumerate(breakdowns, start=1):
        add_breakdown(
            indicator=indicator, label=label, parameters=extra, target=part_target, order=order
        )
    return indicator


@transaction.atomic
def update_indicator(*, indicator: Indicator, **fields: Any) -> Indicator:
    """Change an indicator's definition; the target changes only through change_target."""
    if "target" in fields:
        raise ValueError("use change_target to change a target")
    for name, value in fields.items():
        setattr(indicator, name, value)
    _validate_indicator(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def add_breakdown(
    *,
    indicator: Indicator,
    label: str,
    parameters: dict[str, Any],
    target: Decimal | int | None,
    order: int = 0,
) -> IndicatorBreakdown:
    """A part of the indicator (per district or category) with its own target."""
    if indicator.source == IndicatorSource.COMPUTED and indicator.metric_key:
        validate_metric(
            metric_key=indicator.metric_key,
            parameters={**indicator.parameters, **parameters},
            aggregation=indicator.aggregation,
            field="parameters",
        )
    return _save(
        IndicatorBreakdown(
            indicator=indicator, label=label, parameters=parameters, target=target, order=order
        )
    )


@transaction.atomic
def change_target(
    *,
    indicator: Indicator,
    target: Decimal | int | None,
    reason: str,
    changed_by: User | None,
    breakdown: IndicatorBreakdown | None = None,
) -> TargetChange:
    """Set a new target; the old value, who, when and why stay in the target history."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "목표를 바꾸는 사유를 적어 주세요."})
    row: Indicator | IndicatorBreakdown = breakdown if breakdown is not None else indicator
    if breakdown is not None and breakdown.indicator_id != indicator.pk:
        raise ValidationError({"breakdown": "이 지표의 세부 목표가 아닙니다."})
    new_target = Decimal(target) if target is not None else None
    if new_target is not None and new_target < 0:
        raise ValidationError({"target": "목표는 0 이상이어야 합니다."})
    change = TargetChange(
        indicator=indicator,
        breakdown=breakdown,
        old_target=row.target,
        new_target=new_target,
        reason=reason.strip(),
        changed_by=changed_by,
    )
    row.target = new_target
    _save(row)
    return _save(change)


@transaction.atomic
def set_indicator_status(*, indicator: Indicator, status: str, reason: str) -> Indicator:
    """Mark an indicator 추진 / 사업내용변경 / 취소; a change or cancellation needs a reason."""
    indicator.status = status
    indicator.status_reason = "" if status == IndicatorStatus.ACTIVE else (reason or "").strip()
    _validate_indicator(indicator)
    indicator.save()
    return indicator


@transaction.atomic
def record_manual_figure(
    *,
    indicator: Indicator,
    value: Decimal | int,
    evidence: str,
    recorded_by: User | None,
    evidence_file: UploadedFile | None = None,
) -> ManualFigure:
    """Enter a 수기 figure where no record can exist; the indicator becomes manual."""
    figure = ManualFigure.objects.filter(indicator=indicator).first() or ManualFigure(
        indicator=indicator
    )
    figure.value = Decimal(value)
    figure.evidence = (evidence or "").strip()
    figure.recorded_by = recorded_by
    if evidence_file is not None:
        figure.evidence_file = evidence_file
    _save(figure)
    indicator.source = IndicatorSource.MANUAL
    _validate_indicator(indicator)
    indicator.save()
    return figure


@transaction.atomic
def copy_fiscal_year(*, center: Center, from_year: int, to_year: int) -> int:
    """Copy a center's program tree, indicators, targets and breakdowns into another year.

    Returns the number of indicators copied; refuses when the target year already has a tree."""
    source = FiscalYear.objects.get(year=from_year)
    target_year = ensure_fiscal_year(year=to_year)
    if ProgramArea.objects.filter(center=center, fiscal_year=target_year).exists():
        raise ValidationError(f"{to_year}년에는 이미 사업 구성이 있습니다.")
    copied = 0
    areas = ProgramArea.objects.filter(center=center, fiscal_year=source).prefetch_related(
        "programs__sub_programs", "programs__indicators__breakdowns", "programs__staff"
    )
    for area in areas:
        new_area = create_program_area(
            center=center,
            fiscal_year=target_year,
            code=area.code,
            name=area.name,
            order=area.order,
        )
        for program in area.programs.all():
            new_program = create_program(
                area=new_area,
                code=program.code,
                name=program.name,
                order=program.order,
                staff=program.staff.all(),
            )
            sub_programs = {
                sub.pk: create_sub_program(
                    program=new_program, code=sub.code, name=sub.name, order=sub.order
                )
                for sub in program.sub_programs.all()
            }
            copies: dict[int, Indicator] = {}
            indicators = list(program.indicators.all())
            for indicator in indicators:
                copies[indicator.pk] = create_indicator(
                    program=new_program,
                    sub_program=sub_programs.get(indicator.sub_program_id or 0),
                    code=indicator.code,
                    group=indicator.group,
                    name=indicator.name,
                    unit=indicator.unit,
                    target=indicator.target,
                    source=indicator.source,
                    metric_key=indicator.metric_key,
                    parameters=indicator.parameters,
                    aggregation=indicator.aggregation,
                    center_scope=indicator.center_scope,
                    in_overview=indicator.in_overview,
                    in_detail=indicator.in_detail,
                    order=indicator.order,
                    notes=indicator.notes,
                    breakdowns=[
                        (b.label, b.parameters, b.target) for b in indicator.breakdowns.all()
                    ],
                )
                copied += 1
            for indicator in indicators:
                if indicator.paired_with_id in copies:
                    update_indicator(
                        indicator=copies[indicator.pk],
                        paired_with=copies[indicator.paired_with_id],
                    )
    return copied


def activity_kinds_for(center: Center) -> list[ActivityKind]:
    """The shared kinds and the center's own (and its metropolitan center's) additions."""
    centers = [center.pk] + ([center.parent_id] if center.parent_id else [])
    return list(ActivityKind.objects.filter(Q(center__isnull=True) | Q(center_id__in=centers)))


@transaction.atomic
def ensure_activity_kind(*, center: Center, name: str) -> ActivityKind:
    """The kind of that name in the center's list, added to the center's own list if missing."""
    name = " ".join((name or "").split())
    if not name:
        raise ValidationError({"name": "활동유형을 적어 주세요."})
    for kind in activity_kinds_for(center):
        if kind.name == name:
            return kind
    return _save(ActivityKind(center=center, name=name))


@transaction.atomic
def ensure_shared_activity_kind(*, name: str) -> ActivityKind:
    """The kind of that name in the shared base list every center sees, added when missing."""
    name = " ".join((name or "").split())
    found = ActivityKind.objects.filter(center__isnull=True, name=name).first()
    return found or _save(ActivityKind(center=None, name=name))


def institutions_named(*, center: Center, names: Iterable[str]) -> list[Institution]:
    """The registry institutions of those names at the center; a name not registered there is
    added at the center, flagged for review (another center's institution is never linked: a
    district's staff could not see it)."""
    found: dict[str, Institution] = {}
    for name in names:
        if name.strip() and name not in found:
            found[name], _ = registry_services.ensure_institution(
                name=name, center=center, needs_review=True
            )
    return list(found.values())


@transaction.atomic
def record_activity(
    *,
    center: Center,
    program: Program,
    kind: ActivityKind,
    date: datetime.date,
    enterprises: Iterable[Enterprise] = (),
    institutions: Iterable[Institution] = (),
    institution_names: Iterable[str] = (),
    **fields: Any,
) -> Activity:
    """Record one piece of work with its counterparties (institutions given as rows or names)."""
    activity = _save(Activity(center=center, program=program, kind=kind, date=date, **fields))
    named = institutions_named(center=center, names=institution_names)
    activity.enterprises.set(list(enterprises))
    activity.institutions.set([*institutions, *named])
    return activity


@transaction.atomic
def update_activity(
    *,
    activity: Activity,
    enterprises: Iterable[Enterprise] | None = None,
    institutions: Iterable[Institution] | None = None,
    institution_names: Iterable[str] | None = None,
    **fields: Any,
) -> Activity:
    """Change an activity record; the audit log keeps the before and after."""
    for name, value in fields.items():
        setattr(activity, name, value)
    _save(activity)
    if enterprises is not None:
        activity.enterprises.set(list(enterprises))
    if institution_names is not None:
        institutions = [
            *(institutions or ()),
            *institutions_named(center=activity.center, names=institution_names),
        ]
    if institutions is not None:
        activity.institutions.set(list(institutions))
    return activity


@transaction.atomic
def delete_activity(*, activity: Activity) -> None:
    """Remove an activity record (the audit log keeps what it was)."""
    activity.delete()


@transaction.atomic
def bulk_record_activities(
    *,
    activities: Sequence[Activity],
    enterprises: Sequence[Sequence[Enterprise]] = (),
    institutions: Sequence[Sequence[Institution]] = (),
    batch_size: int = 5000,
) -> list[Activity]:
    """Save many prepared records and their counterparties in bulk (demo, generated data).

    The records are built by trusted loaders; `enterprises[i]` / `institutions[i]` belong to
    `activities[i]`."""
    ensure_all_open(activities)
    saved = Activity.objects.bulk_create(activities, batch_size=batch_size)
    enterprise_links = [
        Activity.enterprises.through(activity_id=activity.pk, enterprise_id=enterprise.pk)
        for activity, linked in zip(saved, enterprises, strict=False)
        for enterprise in linked
    ]
    institution_links = [
        Activity.institutions.through(activity_id=activity.pk, institution_id=institution.pk)
        for activity, linked in zip(saved, institutions, strict=False)
        for institution in linked
    ]
    Activity.enterprises.through.objects.bulk_create(enterprise_links, batch_size=batch_size)
    Activity.institutions.through.objects.bulk_create(institution_links, batch_size=batch_size)
    return saved
