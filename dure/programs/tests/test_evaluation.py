"""Grouped evaluation (one filtered aggregate per indicator definition, grouped by center and
program) gives exactly the figures of computing every request on its own."""

from __future__ import annotations

import itertools
import random

import pytest

from dure.core.models import Center
from dure.programs import evaluation
from dure.programs.evaluation import FigureRequest, compute
from dure.programs.metric_registry import ROWS, Scope, get_metric
from dure.programs.tests.factories import build_tree, record
from dure.registry.tests.factories import EnterpriseFactory, InstitutionFactory

KINDS = ("방문영업", "상담", "행사")
PARAMETER_SETS: tuple[dict[str, list[str]], ...] = (
    {},
    {"kind": ["방문영업"]},
    {"kind": ["방문영업", "상담"]},
    {"kind": ["없는 유형"]},
    {"kind": ["상담"], "district": ["강동구"]},
    {"program": ["전체"]},
    {"program": ["컨설팅"], "kind": ["행사"]},
    {"category": ["공공"]},
)


@pytest.fixture
def records(gangdong_center, gwanak_center):
    """Three centers, two programs each at the metropolitan center, varied records."""
    rng = random.Random(3)
    seoul = Center.objects.get(code="SEOUL")
    first = build_tree().program
    second = build_tree(program="컨설팅", program_code="P02").program
    enterprises = [EnterpriseFactory() for _ in range(4)]
    institutions = [InstitutionFactory() for _ in range(3)]
    for n in range(60):
        center = (seoul, gangdong_center, gwanak_center)[n % 3]
        record(
            (first, second)[rng.randrange(2)],
            KINDS[rng.randrange(len(KINDS))],
            center=center,
            district=("강동구", "관악구", "")[rng.randrange(3)],
            category=("공공", "")[rng.randrange(2)],
            headcount=rng.choice((None, rng.randrange(1, 30))),
            amount_won=rng.choice((None, rng.randrange(1, 9) * 1_000_000)),
            enterprises=rng.sample(enterprises, rng.randrange(3)),
            institutions=rng.sample(institutions, rng.randrange(2)),
            reconstructed=rng.randrange(3) == 0,
        )
    return seoul, gangdong_center, gwanak_center, first, second


def _requests(centers, programs) -> list[FigureRequest]:
    metric = get_metric("programs.activities")
    seoul, gangdong, gwanak = centers
    scopes = [
        (seoul.pk,),
        (gangdong.pk, gwanak.pk),
        (seoul.pk, gangdong.pk, gwanak.pk),
    ]
    requests = []
    for n, (center_ids, program, aggregation, parameters) in enumerate(
        itertools.product(scopes, (*programs, None), (*metric.measures, ROWS), PARAMETER_SETS)
    ):
        scope = Scope(
            center_ids=center_ids,
            starts_on=programs[0].area.fiscal_year.starts_on,
            ends_on=programs[0].area.fiscal_year.ends_on,
            program_id=program.pk if program is not None else None,
        )
        # Every other request counts only the reconstructed records (the report's share).
        requests.append(
            FigureRequest(n, metric, scope, aggregation, parameters, reconstructed_only=n % 2 == 1)
        )
    return requests


@pytest.mark.django_db
def test_grouped_figures_equal_each_request_computed_alone(records):
    *centers, first, second = records
    requests = _requests(centers, (first, second))
    grouped = compute(requests)
    alone = evaluation._compute_separately(requests)
    assert grouped == alone
    # The comparison means something: the figures are neither all empty nor all equal.
    assert len(set(grouped.values())) > 10
    assert sum(1 for r in requests if evaluation._grouped(r) is not None) > len(requests) / 2


@pytest.mark.django_db
def test_more_indicator_definitions_take_no_more_queries(records, django_assert_max_num_queries):
    *centers, first, second = records
    requests = _requests(centers, (first, second))
    # Figures over reconstructed rows alone are filtered aggregates of the same grouped queries.
    with django_assert_max_num_queries(20) as few:
        compute(requests)
    # Requests computed alone go 200 to a UNION ALL query (evaluation.CHUNK); the new
    # definitions here are all grouped ones, so no query may be added.
    more = list(requests)
    for n, (kind, district) in enumerate(itertools.product(KINDS, ("강동구", "관악구", "중구"))):
        for base in requests[:: len(PARAMETER_SETS)]:
            request = FigureRequest(
                ("more", n, base.key),
                base.metric,
                base.scope,
                base.aggregation,
                {"kind": [kind], "district": [district]},
                reconstructed_only=base.reconstructed_only,
            )
            if evaluation._grouped(request) is not None:
                more.append(request)
    assert len(more) > len(requests) + 100
    with django_assert_max_num_queries(len(few)):
        figures = compute(more)
    assert figures == evaluation._compute_separately(more)
