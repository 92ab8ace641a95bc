"""Korean substring search over enterprise names, products and addresses, ranked.

Every branch is an `icontains` (UPPER(col) LIKE UPPER('%term%')): on PostgreSQL each uses its
pg_trgm GIN index on UPPER(col) (migration 0005) and the branches are joined by UNION so that
each keeps its index; on SQLite the same query is a plain LIKE scan."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When

if TYPE_CHECKING:
    from dure.registry.models import EnterpriseQuerySet

EXACT, PREFIX, NAME, OTHER = 0, 1, 2, 3


def search_enterprises(queryset: EnterpriseQuerySet, text: str) -> EnterpriseQuerySet:
    """The queryset's enterprises matching the text, annotated with `search_rank`."""
    from dure.registry.models import Enterprise, Product, normalise_name, search_key

    term = normalise_name(text)
    if not term:
        return queryset
    key = search_key(term)
    everyone = Enterprise.objects.all()
    branches: list[QuerySet] = [
        everyone.filter(name__icontains=term).values("pk").order_by(),
        everyone.filter(address__icontains=term).values("pk").order_by(),
        Product.objects.filter(name__icontains=term).values("enterprise_id").order_by(),
    ]
    if key:
        branches.append(everyone.filter(search_key__icontains=key).values("pk").order_by())
    matching = branches[0].union(*branches[1:])
    exact = Q(name__iexact=term)
    prefix = Q(name__istartswith=term)
    in_name = Q(name__icontains=term)
    if key:
        exact |= Q(search_key=key)
        prefix |= Q(search_key__startswith=key)
        in_name |= Q(search_key__contains=key)
    rank = Case(
        When(exact, then=Value(EXACT)),
        When(prefix, then=Value(PREFIX)),
        When(in_name, then=Value(NAME)),
        default=Value(OTHER),
        output_field=IntegerField(),
    )
    return queryset.filter(pk__in=matching).annotate(search_rank=rank)
