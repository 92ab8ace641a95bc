"""The outcome evaluation of a year's cohort (컨설팅 지원사업 성과): the revenue of the enterprises
supported in a year, at the end of that year and of the next, beside the enterprises that were
not supported.

The cohort is every enterprise with a consulting-type or 혁신형 engagement starting in the year,
in the centers the evaluating center may see. An enterprise with a 혁신형 engagement is counted in
the 혁신형 row, the others in the consulting row. An enterprise has answered when the registry
holds its revenue (매출액) for both years; rates and amounts are over those who answered. The
comparison row is the registry's other enterprises of the same centers with both years' revenue.
Every figure is computed here from engagements and registry financials; nothing is stored."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from dure.core.models import Center
from dure.registry.models import Enterprise, Financial
from dure.support.models import Engagement, SupportType, centers_in_scope

CONSULTING_TYPES = (SupportType.STRATEGY, SupportType.BUSINESS, SupportType.MENTORING)
INNOVATION_TYPES = (SupportType.INNOVATION,)


@dataclass
class OutcomeRow:
    label: str
    supported_ids: list[int] = field(default_factory=list)
    # enterprise id → (revenue of the year, revenue of the next year)
    revenues: dict[int, tuple[int, int]] = field(default_factory=dict)

    @property
    def supported(self) -> int:
        return len(self.supported_ids)

    @property
    def responded(self) -> int:
        return len(self.revenues)

    @property
    def response_pct(self) -> Decimal | None:
        if not self.supported_ids:
            return None
        return _pct(Decimal(self.responded), Decimal(self.supported))

    @property
    def before_won(self) -> int:
        return sum(before for before, _ in self.revenues.values())

    @property
    def after_won(self) -> int:
        return sum(after for _, after in self.revenues.values())

    @property
    def growth_won(self) -> int:
        return self.after_won - self.before_won

    @property
    def growth_pct(self) -> Decimal | None:
        if self.before_won <= 0:
            return None
        return _pct(Decimal(self.growth_won), Decimal(self.before_won))


@dataclass
class CohortOutcome:
    year: int
    rows: list[OutcomeRow]
    total: OutcomeRow
    comparison: OutcomeRow
    enterprises: dict[int, Enterprise]

    @property
    def responded(self) -> list[tuple[Enterprise, str, int, int]]:
        """Each answering supported enterprise with its row and its two revenues, by name."""
        found = [
            (self.enterprises[pk], row.label, before, after)
            for row in self.rows
            for pk, (before, after) in row.revenues.items()
        ]
        return sorted(found, key=lambda item: (item[1], item[0].name))


def _pct(part: Decimal, whole: Decimal) -> Decimal:
    return (part * 100 / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def cohort_outcome(center: Center, year: int) -> CohortOutcome:
    """The outcome of the enterprises supported in `year` (revenue of `year` and `year + 1`)."""
    scope = centers_in_scope(center)
    cohort = (
        Engagement.objects.filter(
            center_id__in=scope,
            starts_on__year=year,
            support_type__in=[*CONSULTING_TYPES, *INNOVATION_TYPES],
            enterprise__isnull=False,
        )
        .order_by()
        .values_list("enterprise_id", "support_type")
    )
    innovation: set[int] = set()
    supported: set[int] = set()
    for enterprise_id, support_type in cohort:
        supported.add(enterprise_id)
        if support_type in INNOVATION_TYPES:
            innovation.add(enterprise_id)
    revenues = _revenues(scope, year)
    consulting_row = OutcomeRow("컨설팅 지원기업")
    innovation_row = OutcomeRow("혁신형 기업 중 컨설팅 연계 지원기업")
    total = OutcomeRow("지원기업 전체")
    comparison = OutcomeRow("지원받지 않은 기업")
    for enterprise_id in sorted(supported):
        row = innovation_row if enterprise_id in innovation else consulting_row
        for target in (row, total):
            target.supported_ids.append(enterprise_id)
            if enterprise_id in revenues:
                target.revenues[enterprise_id] = revenues[enterprise_id]
    for enterprise_id, pair in revenues.items():
        if enterprise_id not in supported:
            comparison.revenues[enterprise_id] = pair
    enterprises = Enterprise.objects.in_bulk(sorted(total.revenues))
    return CohortOutcome(year, [consulting_row, innovation_row], total, comparison, enterprises)


def _revenues(scope: set[int], year: int) -> dict[int, tuple[int, int]]:
    """Enterprises of the centers with revenue for both years: (the year's, the next year's)."""
    by_enterprise: dict[int, dict[int, int]] = {}
    for enterprise_id, fiscal_year, revenue in Financial.objects.filter(
        enterprise__center_id__in=scope,
        year__in=(year, year + 1),
        revenue_won__isnull=False,
    ).values_list("enterprise_id", "year", "revenue_won"):
        if revenue is not None:
            by_enterprise.setdefault(enterprise_id, {})[fiscal_year] = revenue
    return {
        enterprise_id: (years[year], years[year + 1])
        for enterprise_id, years in by_enterprise.items()
        if year in years and year + 1 in years
    }


def cohort_years(center: Center) -> list[int]:
    """The years with consulting-type or 혁신형 engagements, latest first."""
    dates = Engagement.objects.filter(
        center_id__in=centers_in_scope(center),
        support_type__in=[*CONSULTING_TYPES, *INNOVATION_TYPES],
    ).dates("starts_on", "year", order="DESC")
    return [d.year for d in dates]
