"""Suggesting experts of the pool for an engagement, each with the reasons it is suggested.

Candidates are the pool's experts in the engagement's year that the engagement's center may
see, in the role the support needs (멘토링: 경영멘토; the consultings: 컨설턴트; other help: any).
They are ranked by, in this order of weight: the engagement's field among the expert's fields,
the satisfaction of their past engagements, and their current workload (engagements planned or
under way). An expert with a conflict is never suggested but listed with the reason: their
agency is the enterprise itself (same 사업자등록번호 or name), or their login is a member of the
enterprise. Having supported the same enterprise before is told, not counted against them."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Q

from dure.registry.models import Enterprise, Expert, Membership, search_key
from dure.support.models import Engagement, Status, SupportType, centers_in_scope

FIELD_WEIGHT = Decimal(3)
SATISFACTION_WEIGHT = Decimal(1)
WORKLOAD_WEIGHT = Decimal("0.5")
NEUTRAL_SATISFACTION = Decimal(3)
OPEN_STATUSES = (Status.PLANNED, Status.ONGOING)


@dataclass
class Suggestion:
    expert: Expert
    score: Decimal
    reasons: list[str] = field(default_factory=list)


@dataclass
class Excluded:
    expert: Expert
    reasons: list[str]


def conflicts_of(expert: Expert, engagement: Engagement) -> list[str]:
    """Why the expert may not take the engagement (empty when nothing stands in the way)."""
    if engagement.enterprise is None:
        return []
    return conflicts_with(expert, engagement.enterprise)


def conflicts_with(expert: Expert, enterprise: Enterprise) -> list[str]:
    """Why the expert may not work for the enterprise (empty when nothing stands in the way)."""
    found = []
    agency = expert.agency
    if agency is not None and (
        (agency.business_number and agency.business_number == enterprise.business_number)
        or search_key(agency.name) == search_key(enterprise.name)
    ):
        found.append(f"소속 기관({agency.name})이 지원 대상 기업입니다.")
    if (
        expert.user_id is not None
        and Membership.objects.filter(user_id=expert.user_id, enterprise=enterprise).exists()
    ):
        found.append("전문가의 계정이 지원 대상 기업의 회원입니다.")
    return found


def _role_filter(support_type: str) -> Q:
    if support_type == SupportType.MENTORING:
        return Q(is_mentor=True)
    if support_type in (SupportType.STRATEGY, SupportType.BUSINESS, SupportType.INNOVATION):
        return Q(is_consultant=True)
    return Q()


def suggest_experts(
    engagement: Engagement, *, limit: int = 5
) -> tuple[list[Suggestion], list[Excluded]]:
    """The best `limit` experts for the engagement, best first, and the conflicted ones."""
    year = engagement.program.area.fiscal_year.year
    candidates = (
        Expert.objects.filter(center_id__in=centers_in_scope(engagement.center))
        .in_pool(year)
        .filter(_role_filter(engagement.support_type))
        .select_related("agency")
        .prefetch_related("expertise")
        .annotate(
            satisfaction=Avg("engagements__satisfaction"),
            rated=Count("engagements", filter=Q(engagements__satisfaction__isnull=False)),
            open_count=Count(
                "engagements",
                filter=Q(engagements__status__in=OPEN_STATUSES) & ~Q(engagements__pk=engagement.pk),
            ),
            same_enterprise=Count(
                "engagements",
                filter=Q(engagements__enterprise_id=engagement.enterprise_id)
                & ~Q(engagements__pk=engagement.pk),
            )
            if engagement.enterprise_id
            else Count("pk", filter=Q(pk__in=[])),
        )
    )
    suggestions: list[Suggestion] = []
    excluded: list[Excluded] = []
    for expert in candidates:
        conflicts = conflicts_of(expert, engagement)
        if conflicts:
            excluded.append(Excluded(expert, conflicts))
            continue
        suggestions.append(_scored(expert, engagement))
    suggestions.sort(key=lambda s: (-s.score, s.expert.name, s.expert.pk))
    return suggestions[:limit], excluded


def _scored(expert: Expert, engagement: Engagement) -> Suggestion:
    score = Decimal(0)
    reasons = []
    fields = list(expert.expertise.all())
    if engagement.field_id is not None:
        if any(f.pk == engagement.field_id for f in fields):
            score += FIELD_WEIGHT
            reasons.append(f"분야 일치: {engagement.field}")
        else:
            names = ", ".join(f.name for f in fields) or "분야 미등록"
            reasons.append(f"분야 다름({names})")
    satisfaction = getattr(expert, "satisfaction", None)
    rated = getattr(expert, "rated", 0)
    if satisfaction is not None:
        average = Decimal(str(satisfaction)).quantize(Decimal("0.1"))
        score += (average - NEUTRAL_SATISFACTION) * SATISFACTION_WEIGHT
        reasons.append(f"지난 지원 만족도 평균 {average}점({rated}건)")
    else:
        reasons.append("만족도 기록 없음")
    open_count = getattr(expert, "open_count", 0)
    score -= WORKLOAD_WEIGHT * open_count
    reasons.append(f"진행·계획 중인 지원 {open_count}건" if open_count else "진행 중인 지원 없음")
    same = getattr(expert, "same_enterprise", 0)
    if same:
        reasons.append(f"이 기업을 지원한 적 있음({same}건)")
    return Suggestion(expert, score, reasons)
