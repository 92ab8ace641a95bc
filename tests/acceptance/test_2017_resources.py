"""The seed's shared resources (공유자원) come out of the resources records: table 36's tenants
and the four figures of the text (대관 316건·7,652명, 장터기자재 103건, 컨테이너 5개 기관 11개동,
공동사무실 6개 기관), each computed by the resources metrics."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from django.conf import settings

from dure.core.models import Center, FiscalYear
from dure.programs.evaluation import FigureRequest, compute
from dure.programs.metric_registry import Scope, get_metric
from dure.registry.models import normalise_name

SEED = Path(settings.BASE_DIR) / "dure" / "demo" / "seed2017"


@pytest.fixture
def _demo(demo_2017):
    """The 2017 demo (tests/acceptance/conftest.py)."""


@pytest.fixture
def figure(_demo, db):
    year = FiscalYear.objects.get(year=2017)
    scope = Scope((Center.objects.get(code="SEOUL").pk,), year.starts_on, year.ends_on)

    def compute_figure(key: str, aggregation: str, **parameters):
        request = FigureRequest("x", get_metric(key), scope, aggregation, parameters)
        return compute([request])["x"]

    return compute_figure


def _narrative(label: str) -> int:
    """A figure the report's text prints (table 56 of the seed), by its label."""
    with (SEED / "56_narrative_figures.csv").open(encoding="utf-8") as handle:
        return int(next(r["값"] for r in csv.DictReader(handle) if r["지표"] == label))


def test_36_the_shared_office_tenants_are_the_named_six(figure, _demo, db):
    from dure.resources.models import Tenancy

    with (SEED / "36_shared_office_tenants.csv").open(encoding="utf-8") as handle:
        listed = [row["기관명"].split("/")[0].strip() for row in csv.DictReader(handle)]
    assert (
        figure("resources.tenancies", "tenants")
        == len(listed)
        == _narrative("shared-office tenants")
    )
    names = set(Tenancy.objects.values_list("institution__name", flat=True))
    assert names == {normalise_name(name) for name in listed}


def test_venue_rentals_and_the_people_who_used_them(figure):
    assert figure("resources.bookings", "count", kind=["venue"]) == _narrative("venue bookings")
    people = figure("resources.bookings", "sum_headcount", kind=["venue"])
    assert people == _narrative("venue users") == 7_652


def test_market_equipment_loans(figure):
    loans = figure("resources.bookings", "count", kind=["equipment"])
    assert loans == _narrative("market-equipment rentals") == 103
    # The report gives no headcount for the loans, so the figure has none (not 0).
    assert figure("resources.bookings", "sum_headcount", kind=["equipment"]) is None


def test_containers_lent_to_five_organisations(figure):
    containers = figure("resources.bookings", "count", kind=["container"])
    assert containers == _narrative("containers rented") == 11
    holders = figure("resources.bookings", "organisations", kind=["container"])
    assert holders == _narrative("container-rental organisations") == 5
