"""Korean substring search over enterprise names, products and addresses, ranked.

Each enterprise stores its search key, name, address and product names as one upper-cased
`search_text`, one part per line (kept by `Enterprise.save`, and through `refresh_search_texts`
by the product services and the bulk writers). A search is one LIKE on that column; a term with
spaces or legal-form words also matches the name's `search_key` by the term without them. On
PostgreSQL each column has its pg_trgm GIN index (migrations 0005 and 0009); on SQLite it is a
plain LIKE scan. The list page finds a page and the number of results in one scan
(`CountingPaginator`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

from django.core.paginator import Page, Paginator
from django.db.models import Case, Count, IntegerField, Q, QuerySet, Value, When, Window

if TYPE_CHECKING:
    from dure.registry.models import EnterpriseQuerySet

EXACT, PREFIX, NAME, OTHER = 0, 1, 2, 3


def search_enterprises(queryset: EnterpriseQuerySet, text: str) -> EnterpriseQuerySet:
    """The queryset's enterprises matching the text, annotated with `search_rank`."""
    from dure.registry.models import normalise_name, search_key

    term = normalise_name(text)
    if not term:
        return queryset
    key = search_key(term)
    # The search text holds the search key as its first line, so a term that is its own key
    # needs one condition (one index); otherwise the key is matched against names' keys only.
    matching = Q(search_text__contains=term.upper())
    if key and key != term.upper():
        matching |= Q(search_key__icontains=key)
    # A term without cased letters (Korean, digits) is matched as it is: UPPER() on every
    # matching row's name would cost more than the rest of the ranking.
    i = "" if term.upper() == term.lower() else "i"
    exact = Q(**{f"name__{i}exact": term})
    prefix = Q(**{f"name__{i}startswith": term})
    in_name = Q(**{f"name__{i}contains": term})
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
    return queryset.filter(matching).annotate(search_rank=rank)


class CountingPaginator(Paginator):
    """A paginator that finds the requested page's rows and the number of results in one scan of
    the matches (COUNT(*) OVER () over the ids and sort keys only), then reads the page's rows
    by primary key; instead of a count query and a page query that would each scan every match."""

    _read: tuple[int, list[Any]] | None = None

    def validate_number(self, number: Any) -> int:
        if "count" not in self.__dict__:  # asked first by `page` and `get_page`
            self._read_page(number)
        return super().validate_number(number)

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        if self._read is not None and self._read[0] == number:
            bottom = (number - 1) * self.per_page
            top = bottom + self.per_page
            if top + self.orphans >= self.count:  # as Paginator.page: orphans join the last page
                top = self.count
            return Page(self._read[1][: top - bottom], number, self)
        return super().page(number)

    def _read_page(self, number: Any) -> None:
        try:
            wanted = max(1, int(number))
        except (TypeError, ValueError):
            wanted = 1
        bottom = (wanted - 1) * self.per_page
        rows = cast(QuerySet, self.object_list)
        found = list(
            rows.annotate(listing_total=Window(Count("pk"))).values_list("pk", "listing_total")[
                bottom : bottom + self.per_page + self.orphans
            ]
        )
        if not found:  # past the last page, the plain count decides which page to show
            return
        self.__dict__["count"] = found[0][1]
        by_pk = {row.pk: row for row in rows.filter(pk__in=[pk for pk, _ in found])}
        self._read = (wanted, [by_pk[pk] for pk, _ in found])
