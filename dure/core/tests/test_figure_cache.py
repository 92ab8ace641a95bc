"""Which tables a statement writes and which a query reads, as the figure cache tells them."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from dure.core import figure_cache
from dure.core.models import Center


@pytest.mark.parametrize(
    ("sql", "tables"),
    [
        ('SELECT "a"."id" FROM "a" INNER JOIN "b" ON ("a"."id" = "b"."a_id")', set()),
        ('INSERT INTO "programs_activity" ("id") VALUES (%s)', {"programs_activity"}),
        ('UPDATE "programs_activity" SET "headcount" = 1', {"programs_activity"}),
        ("update programs_activity set headcount = 1", {"programs_activity"}),
        ('DELETE FROM "programs_activity_enterprises" WHERE 1', {"programs_activity_enterprises"}),
        ("SAVEPOINT s1", set()),
        ('TRUNCATE "programs_activity"', {figure_cache.ALL_TABLES}),
        ('ALTER TABLE "programs_activity" ADD COLUMN "x" int', {figure_cache.ALL_TABLES}),
        ('WITH gone AS (DELETE FROM "a" RETURNING 1) SELECT 1', {figure_cache.ALL_TABLES}),
    ],
)
def test_statements_are_told_apart(sql, tables):
    assert figure_cache.written_tables(sql) == tables


def test_a_query_names_the_tables_it_reads():
    sql = (
        'SELECT 1 FROM "programs_activity" INNER JOIN "programs_activity_enterprises" ON (1) '
        'WHERE EXISTS (SELECT 1 FROM "registry_enterprise" U0)'
    )
    assert figure_cache.read_tables(sql) == {
        "programs_activity",
        "programs_activity_enterprises",
        "registry_enterprise",
    }


def test_only_parameters_whose_repr_states_their_value_are_kept():
    assert figure_cache._plain([1, "강동구", Decimal("1.5"), datetime.date(2017, 1, 1), None])
    assert not figure_cache._plain([1, object()])


def test_a_compound_query_as_this_database_writes_it_is_a_read():
    rows = Center.objects.order_by().values("id")
    union = rows.union(rows, all=True)
    sql, _ = union.query.get_compiler(using="default").as_sql()
    assert figure_cache.written_tables(sql) == frozenset()
    assert figure_cache.written_tables('(SELECT 1 FROM "a") UNION ALL (SELECT 2)') == frozenset()


def test_a_schema_qualified_write_moves_every_table_on():
    assert figure_cache.written_tables("UPDATE public.programs_activity SET x = 1") == {
        figure_cache.ALL_TABLES
    }
