"""Buyer need → enterprises, and institutions' priority purchasing, from the registry's records.

Both answer from what is recorded on the day that matters: a designation counts when it is in
force on the need's date (or the purchase's 결의일); 수의계약 eligibility is a rule over the
enterprise's employment figures at their 기준일, never a stored flag."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum

from dure.core.formatting import format_date, ratio_percent
from dure.market.models import B2BLinkage, Opportunity, Purchase, Stage
from dure.registry.models import Designation, Enterprise, Financial, Institution, Product

# 수의계약 with a social enterprise: at least this share of its workers are vulnerable.
VULNERABLE_SHARE = Decimal(30)


@dataclass(frozen=True)
class Eligibility:
    """수의계약 under the vulnerable-employment rule: yes, no, or unknown, and why."""

    eligible: bool | None
    reason: str


def private_contract_eligibility(enterprise: Enterprise, on: datetime.date) -> Eligibility:
    """The rule on the latest employment figures whose 기준일 (the year's 12.31) is not after
    the day: 취약계층 고용 ÷ 고용 ≥ 30%."""
    last_year = on.year if (on.month, on.day) == (12, 31) else on.year - 1
    figures = (
        Financial.objects.filter(
            enterprise=enterprise,
            year__lte=last_year,
            employees__gt=0,
            vulnerable_employees__isnull=False,
        )
        .order_by("-year")
        .first()
    )
    if figures is None or figures.employees is None or figures.vulnerable_employees is None:
        return Eligibility(None, "수의계약 판단 자료 없음 (기준일이 지난 고용 인원 기록 없음)")
    basis = datetime.date(figures.year, 12, 31)
    share = ratio_percent(figures.vulnerable_employees, figures.employees)
    text = (
        f"취약계층 고용 {figures.vulnerable_employees}/{figures.employees}명 = {share}% "
        f"({format_date(basis)} 기준)"
    )
    if share is not None and share >= VULNERABLE_SHARE:
        return Eligibility(True, f"수의계약 가능: {text}")
    return Eligibility(False, f"수의계약 불가: {text}, 30% 미만")


@dataclass
class Match:
    enterprise: Enterprise
    score: int = 0
    reasons: list[str] = field(default_factory=list)
    eligibility: Eligibility | None = None


def _keywords(text: str) -> list[str]:
    return [word.strip() for word in text.replace("，", ",").split(",") if word.strip()]


def match_enterprises(
    *,
    candidates: QuerySet[Enterprise],
    category: str,
    keywords: str,
    district: str,
    on: datetime.date,
    limit: int = 20,
) -> list[Match]:
    """Enterprises among the candidates that offer what is needed, ranked: the product (품목 3,
    a keyword in a product's name 2), a designation in force on the day (2), 수의계약 possible
    (2), the same district (1), past contracts and sales linkages (1 each, up to 3). Each rank
    carries its reasons."""
    words = _keywords(keywords)
    offers = Q(pk__in=[])
    if category:
        offers |= Q(category=category)
    for word in words:
        offers |= Q(name__icontains=word)
    if not category and not words:
        return []
    products = Product.objects.filter(offers, enterprise__in=candidates).select_related(
        "enterprise"
    )
    matches: dict[int, Match] = {}
    for product in products:
        match = matches.setdefault(product.enterprise_id, Match(product.enterprise))
        first_of_category = not any(r.startswith("품목") for r in match.reasons)
        if category and product.category == category and first_of_category:
            match.score += 3
            match.reasons.append(f"품목 {product.get_category_display()}: {product.name}")
        for word in words:
            if word.lower() in product.name.lower() and not any(
                r.startswith(f"‘{word}’") for r in match.reasons
            ):
                match.score += 2
                match.reasons.append(f"‘{word}’ 제품: {product.name}")
    if not matches:
        return []
    ids = list(matches)
    in_force = defaultdict(list)
    for designation in Designation.objects.on(on).filter(enterprise_id__in=ids):
        in_force[designation.enterprise_id].append(designation)
    history: dict[int, int] = defaultdict(int)
    for winner in Opportunity.objects.filter(
        winner_id__in=ids, stage=Stage.CONTRACTED, contracted_on__lt=on
    ).values_list("winner_id", flat=True):
        history[winner] += 1
    for supplier in B2BLinkage.objects.filter(supplier_id__in=ids, date__lt=on).values_list(
        "supplier_id", flat=True
    ):
        history[supplier] += 1
    for pk, match in matches.items():
        designations = in_force.get(pk, [])
        if designations:
            match.score += 2
            first = designations[0]
            match.reasons.append(
                f"{first.get_designation_type_display()} ({format_date(first.starts_on)}~"
                f"{format_date(first.ends_on) if first.ends_on else ''}) {format_date(on)}에 유효"
            )
        else:
            match.reasons.append(f"{format_date(on)}에 유효한 인증·지정 없음")
        match.eligibility = private_contract_eligibility(match.enterprise, on)
        if match.eligibility.eligible:
            match.score += 2
        match.reasons.append(match.eligibility.reason)
        if district and match.enterprise.district == district:
            match.score += 1
            match.reasons.append(f"같은 자치구 ({district})")
        if history.get(pk):
            match.score += min(history[pk], 3)
            match.reasons.append(f"이전 계약·영업연계 {history[pk]}건")
    ranked = sorted(matches.values(), key=lambda m: (-m.score, m.enterprise.name))
    return ranked[:limit]


# Priority purchasing --------------------------------------------------------------------------


def social_economy_purchases(purchases: QuerySet[Purchase]) -> QuerySet[Purchase]:
    """Purchases from a supplier that, on the 결의일, held a designation in force (matched by
    its 사업자등록번호 or its head office's)."""
    in_force = Designation.objects.filter(
        Q(enterprise__business_number=OuterRef("supplier_business_number"))
        | Q(enterprise__head_office_business_number=OuterRef("supplier_business_number")),
        Q(starts_on__lte=OuterRef("resolved_on")),
        Q(ends_on__isnull=True) | Q(ends_on__gte=OuterRef("resolved_on")),
    )
    return purchases.filter(Exists(in_force))


@dataclass(frozen=True)
class PriorityPurchase:
    """One institution's year: all purchases recorded, those from social-economy enterprises,
    and the share — None ("자료 없음") when no purchase is recorded, never 0%."""

    institution: Institution
    total_won: int | None
    social_economy_won: int | None
    count: int

    @property
    def share(self) -> Decimal | None:
        if not self.total_won:
            return None
        return ratio_percent(self.social_economy_won or 0, self.total_won)


def priority_purchases(
    *, purchases: QuerySet[Purchase], institutions: QuerySet[Institution], year: int
) -> list[PriorityPurchase]:
    """Each institution's purchases of the year against its purchases from social-economy
    enterprises."""
    in_year = purchases.filter(resolved_on__year=year)
    totals = {
        row["institution"]: (row["total"], row["count"])
        for row in in_year.values("institution")
        .annotate(total=Sum("amount_won"), count=Count("pk"))
        .order_by()
    }
    social = {
        row["institution"]: row["total"]
        for row in social_economy_purchases(in_year)
        .values("institution")
        .annotate(total=Sum("amount_won"))
        .order_by()
    }
    rows = []
    for institution in institutions.order_by("name"):
        total, count = totals.get(institution.pk, (None, 0))
        rows.append(
            PriorityPurchase(
                institution,
                total,
                social.get(institution.pk, 0) if total is not None else None,
                count or 0,
            )
        )
    return rows
