"""Likely duplicate enterprises: the same 사업자등록번호, or the same name (without legal-form
words and spaces) in the same 자치구."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, QuerySet

from dure.registry.models import Enterprise


@dataclass(frozen=True)
class DuplicateGroup:
    reason: str
    enterprises: list[Enterprise]


def find_duplicates(enterprises: QuerySet[Enterprise], *, limit: int = 200) -> list[DuplicateGroup]:
    """Groups of two or more enterprises that are probably one organisation."""
    groups: list[DuplicateGroup] = []
    numbers = (
        enterprises.exclude(business_number="")
        .values("business_number")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("business_number", flat=True)[:limit]
    )
    by_number: dict[str, list[Enterprise]] = {}
    for enterprise in enterprises.filter(business_number__in=list(numbers)).order_by("pk"):
        by_number.setdefault(enterprise.business_number, []).append(enterprise)
    for _, rows in sorted(by_number.items()):
        groups.append(
            DuplicateGroup(f"같은 사업자등록번호 {rows[0].business_number_display}", rows)
        )
    keys = (
        enterprises.values("search_key", "district")
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .values_list("search_key", "district")[:limit]
    )
    seen = {e.pk for group in groups for e in group.enterprises}
    for key, district in keys:
        rows = list(enterprises.filter(search_key=key, district=district).order_by("pk"))
        if {e.pk for e in rows} <= seen:
            continue
        groups.append(DuplicateGroup(f"같은 이름({district or '자치구 없음'})", rows))
    return groups[:limit]
