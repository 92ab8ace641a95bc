"""A figure query is kept per state of the tables it reads: every way of writing the records
moves that state on, so a kept figure always equals computing it again from the records."""

from __future__ import annotations

import datetime
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from dure.core import figure_cache
from dure.core.models import Center
from dure.programs.evaluation import FigureRequest, compute
from dure.programs.metric_registry import Scope, get_metric
from dure.programs.models import Activity
from dure.programs.services import ensure_activity_kind
from dure.programs.tests.factories import build_tree, record
from dure.registry.tests.factories import EnterpriseFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

AGGREGATIONS = ("count", "sum_headcount", "distinct_enterprises")


@pytest.fixture
def program():
    tree = build_tree()
    enterprise = EnterpriseFactory()
    for headcount in (3, 5):
        record(tree.program, headcount=headcount, enterprises=[enterprise])
    return tree.program


def _requests(program) -> list[FigureRequest]:
    year = program.area.fiscal_year
    scope = Scope(
        center_ids=(program.center_id,),
        starts_on=year.starts_on,
        ends_on=year.ends_on,
        program_id=program.pk,
    )
    metric = get_metric("programs.activities")
    return [FigureRequest(name, metric, scope, name) for name in AGGREGATIONS]


def _figures(program) -> dict:
    return compute(_requests(program))


def _recomputed(program) -> dict:
    with figure_cache.bypassed():
        return _figures(program)


def _figure_queries(run: Callable[[], object]) -> int:
    """How many statements read the activity records (not the table states)."""
    with CaptureQueriesContext(connection) as queries:
        run()
    return sum('"programs_activity"' in q["sql"] for q in queries.captured_queries)


def test_the_second_reading_runs_no_figure_query(program):
    first = _figures(program)
    assert first == {"count": 2, "sum_headcount": 8, "distinct_enterprises": 1}
    assert _figure_queries(lambda: _figures(program)) == 0
    assert _figures(program) == first == _recomputed(program)


def test_the_cache_can_be_turned_off(program, settings):
    _figures(program)
    settings.DURE_FIGURE_CACHE = False
    assert _figure_queries(lambda: _figures(program)) > 0


def _save(program):
    record(program, headcount=10)


def _bulk_create(program):
    kind = ensure_activity_kind(center=program.center, name="방문영업")
    Activity.objects.bulk_create(
        Activity(
            center=program.center,
            program=program,
            kind=kind,
            date=datetime.date(2017, 6, 1),
            headcount=4,
        )
        for _ in range(3)
    )


def _queryset_update(program):
    Activity.objects.filter(program=program).update(headcount=1)


def _delete(program):
    Activity.objects.filter(program=program).earliest("pk").delete()


def _queryset_delete(program):
    Activity.objects.filter(program=program).delete()


def _link_an_enterprise(program):
    enterprise = EnterpriseFactory.create()
    Activity.objects.filter(program=program).earliest("pk").enterprises.add(enterprise)


def _unlink_every_enterprise(program):
    for activity in Activity.objects.filter(program=program):
        activity.enterprises.clear()


def _raw_statement(program):
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE programs_activity SET headcount = 7 WHERE program_id = %s", [program.pk]
        )


def _inside_a_transaction(program):
    with transaction.atomic():
        record(program, headcount=2)
        Activity.objects.filter(program=program, headcount=3).delete()


def _told_after_streaming(program):
    # What the PostgreSQL COPY loaders do after streaming rows past Django.
    with connection.cursor() as cursor:
        cursor.execute("SELECT id FROM programs_activity WHERE program_id = %s", [program.pk])
        ids = [row[0] for row in cursor.fetchall()]
    Activity.objects.filter(pk__in=ids).update(headcount=None)
    figure_cache.tables_changed(connection, ["programs_activity"])


@pytest.mark.parametrize(
    "write",
    [
        _save,
        _bulk_create,
        _queryset_update,
        _delete,
        _queryset_delete,
        _link_an_enterprise,
        _unlink_every_enterprise,
        _raw_statement,
        _inside_a_transaction,
        _told_after_streaming,
    ],
)
def test_every_way_of_writing_records_is_seen(program, write):
    before = _figures(program)
    write(program)
    after = _figures(program)
    assert after == _recomputed(program)
    assert after != before


def test_a_write_to_another_table_keeps_the_figures(program):
    _figures(program)
    Center.objects.filter(code="SEOUL").update(name="서울시사회적경제지원센터")
    assert _figure_queries(lambda: _figures(program)) == 0


def test_uncommitted_writes_are_seen_by_their_own_transaction_only_until_rolled_back(program):
    before = _figures(program)

    class RolledBack(Exception):
        pass

    with pytest.raises(RolledBack), transaction.atomic():
        record(program, headcount=100)
        inside = _figures(program)
        assert inside["count"] == 3
        assert inside["sum_headcount"] == Decimal(108)
        raise RolledBack
    assert _figures(program) == before == _recomputed(program)


def test_a_rolled_back_savepoint_leaves_nothing_waiting(program):
    _figures(program)
    with transaction.atomic():
        try:
            with transaction.atomic():
                record(program, headcount=100)
                raise ValueError
        except ValueError:
            pass
        assert not figure_cache.has_uncommitted_writes(connection)
        assert _figure_queries(lambda: _figures(program)) == 0


def test_a_table_emptied_and_filled_again_gets_a_state_it_never_had(program):
    states = set()
    for _ in range(5):
        figure_cache.move_on(connection, ["programs_activity"])
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT value FROM core_tablegeneration WHERE \"table\" = 'programs_activity'"
            )
            states.add(cursor.fetchone()[0])
    assert len(states) == 5
