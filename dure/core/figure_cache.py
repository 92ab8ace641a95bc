"""Figure queries read once per state of the tables they read.

A figure query (`programs.evaluation`) is the costly part of every report page, and staff read
the same figures far more often than the records behind them change. So its rows are kept under
the query's SQL and parameters, the database, the day and the *state* of every table the SQL
reads. Each table's state is a value in `TableGeneration` that every committed write to the
table replaces with a fresh random one; a kept row set is only ever read back at exactly the
states it was computed at, so it cannot contradict a recomputation. Nothing is kept in sync.

- Every statement through Django's connections passes `_watch` (an execute wrapper on each
  connection): ORM saves and deletes, bulk inserts, queryset updates, many-to-many changes and
  raw cursors alike. Loaders that stream rows past Django (PostgreSQL COPY) call
  `tables_changed` themselves.
- A write inside a transaction moves its tables on when the transaction commits; until then that
  connection neither reads nor fills the cache, so it always sees its own writes.
- A statement that is neither a read nor a plain row write (DDL, TRUNCATE, a CTE) moves every
  table on (`ALL_TABLES`).
- Old states are never reused (random values), so a table emptied and filled again, or a
  database restored from a backup, cannot bring back a figure computed from other rows.
"""

from __future__ import annotations

import contextvars
import datetime
import decimal
import hashlib
import re
import secrets
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DatabaseError, connections
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import QuerySet
from django.utils import timezone

CACHE_ALIAS = "figures"
REPLICA_ALIAS = "replica"
ALL_TABLES = "*"
GENERATION_TABLE = "core_tablegeneration"
# Written on pages that only read figures (sessions, logins, the access log, queued tasks):
# moving their state on would cost a statement and change no figure.
UNWATCHED_TABLES = frozenset(
    {
        GENERATION_TABLE,
        "django_session",
        "core_personaldataaccess",
        "axes_accessattempt",
        "axes_accesslog",
        "axes_accessfailurelog",
        "django_tasks_database_dbtaskresult",
    }
)

# PostgreSQL's compound queries open with brackets: "(SELECT ...) UNION ALL (SELECT ...)".
_READ = re.compile(
    r"[\s(]*(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK|COMMIT|BEGIN|SET|SHOW|EXPLAIN|PRAGMA)\b",
    re.IGNORECASE,
)
_ROW_WRITE = re.compile(
    r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?(\.)?',
    re.IGNORECASE,
)
_READ_TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"(\w+)"', re.IGNORECASE)
_UPSERT = (
    f'INSERT INTO "{GENERATION_TABLE}" ("table", "value") VALUES (%s, %s) '
    f'ON CONFLICT ("table") DO UPDATE SET "value" = excluded."value"'
)

_bypassed: contextvars.ContextVar[bool] = contextvars.ContextVar("figure_cache_off", default=False)


def written_tables(sql: Any) -> frozenset[str]:
    """The tables a statement writes: none for a read, ALL_TABLES when it cannot be told."""
    if not isinstance(sql, str):
        return frozenset({ALL_TABLES})
    if _READ.match(sql):
        return frozenset()
    write = _ROW_WRITE.match(sql)
    if write is None or write.group(2):  # a schema-qualified name: which table is not told
        return frozenset({ALL_TABLES})
    return frozenset({write.group(1)})


def read_tables(sql: str) -> frozenset[str]:
    return frozenset(_READ_TABLE.findall(sql))


@dataclass
class _Pending:
    """The tables a connection's open transaction has written, and the commit hook that moves
    them on (one object per connection, so the hook is found again by identity)."""

    connection: BaseDatabaseWrapper
    tables: set[str] = field(default_factory=set)
    hook: Callable[[], None] = field(init=False)

    def __post_init__(self) -> None:
        self.hook = self._committed

    def _committed(self) -> None:
        tables, self.tables = self.tables, set()
        move_on(self.connection, tables)

    def registered(self) -> bool:
        """A commit hook is waiting in this transaction (none after a rollback undid its
        writes: Django drops the hooks of rolled-back savepoints)."""
        return any(entry[1] is self.hook for entry in self.connection.run_on_commit)


def _pending(connection: BaseDatabaseWrapper) -> _Pending:
    pending = getattr(connection, "_figure_cache_pending", None)
    if pending is None:
        pending = _Pending(connection)
        connection._figure_cache_pending = pending  # type: ignore[attr-defined]
    return pending


def tables_changed(connection: BaseDatabaseWrapper, tables: Iterable[str]) -> None:
    """Tables the connection has just written: moved on now, or when the transaction commits."""
    tables = set(tables) - UNWATCHED_TABLES
    # Nothing is written on the replica; its states arrive with its records.
    if not tables or connection.alias == REPLICA_ALIAS:
        return
    if not connection.in_atomic_block:
        move_on(connection, tables)
        return
    pending = _pending(connection)
    if not pending.registered():
        # Whatever was noted before belonged to a transaction that rolled back.
        pending.tables = set()
        connection.on_commit(pending.hook)
    pending.tables |= tables


def has_uncommitted_writes(connection: BaseDatabaseWrapper) -> bool:
    return connection.in_atomic_block and _pending(connection).registered()


def move_on(connection: BaseDatabaseWrapper, tables: Iterable[str]) -> None:
    """Give each table a new state (outside any transaction: after a commit, or in autocommit)."""
    rows = [(table, secrets.randbits(62)) for table in sorted(set(tables))]
    if not rows:
        return
    try:
        with connection.cursor() as cursor:
            cursor.executemany(_UPSERT, rows)
    except DatabaseError:
        # Before the migration that makes the table (while migrating) nothing is kept yet.
        if GENERATION_TABLE in connection.introspection.table_names():
            raise


def _watch(
    execute: Callable[..., Any], sql: Any, params: Any, many: bool, context: dict[str, Any]
) -> Any:
    try:
        return execute(sql, params, many, context)
    finally:
        # Also when it failed: an executemany may have written rows before the one that failed.
        tables = written_tables(sql)
        if tables:
            tables_changed(context["connection"], tables)


def watch_connection(connection: BaseDatabaseWrapper, **kwargs: Any) -> None:
    """Connected to `connection_created`: every statement of the connection passes `_watch`."""
    if _watch not in connection.execute_wrappers:
        connection.execute_wrappers.insert(0, _watch)


def watch_open_connections() -> None:
    for connection in connections.all(initialized_only=True):
        watch_connection(connection)


@contextmanager
def bypassed() -> Iterator[None]:
    """Within this block figure queries run every time (benchmarks measure the computation)."""
    token = _bypassed.set(True)
    try:
        yield
    finally:
        _bypassed.reset(token)


def _states(connection: BaseDatabaseWrapper, tables: frozenset[str]) -> tuple[tuple[str, int], ...]:
    names = sorted(tables | {ALL_TABLES})
    marks = ", ".join(["%s"] * len(names))
    with connection.cursor() as cursor:
        cursor.execute(
            f'SELECT "table", "value" FROM "{GENERATION_TABLE}" WHERE "table" IN ({marks})', names
        )
        found = dict(cursor.fetchall())
    return tuple((name, found.get(name, 0)) for name in names)


def _key(connection: BaseDatabaseWrapper, sql: str, params: Any, states: Any) -> str:
    database = connection.settings_dict
    identity = (
        connection.vendor,
        database.get("NAME"),
        database.get("HOST"),
        database.get("PORT"),
        timezone.localdate().isoformat(),
        states,
        sql,
        tuple(params),
    )
    return "figures:" + hashlib.sha256(repr(identity).encode()).hexdigest()


def rows(queryset: QuerySet) -> list[Any]:
    """The queryset's rows, computed once per state of the tables its SQL reads."""
    connection = connections[queryset.db]
    if (
        not settings.DURE_FIGURE_CACHE
        or _bypassed.get()
        or has_uncommitted_writes(connection)
        or GENERATION_TABLE not in _known_tables(connection)
    ):
        return list(queryset)
    try:
        sql, params = queryset.query.get_compiler(using=queryset.db).as_sql()
    except (EmptyResultSet, FullResultSet):
        return list(queryset)
    tables = read_tables(sql)
    if not tables or not all(_plain(value) for value in params):
        return list(queryset)
    key = _key(connection, sql, params, _states(connection, tables))
    cache = caches[CACHE_ALIAS]
    kept = cache.get(key)
    if kept is not None:
        return kept
    result = list(queryset)
    cache.set(key, result)
    return result


_PLAIN = (str, int, float, decimal.Decimal, datetime.date, datetime.time, bytes, type(None))


def _plain(value: Any) -> bool:
    """A parameter whose repr states its whole value (anything else is not kept)."""
    if isinstance(value, list | tuple):
        return all(_plain(item) for item in value)
    return isinstance(value, _PLAIN)


def _known_tables(connection: BaseDatabaseWrapper) -> frozenset[str]:
    """Tables known to exist on the connection's database, looked up once per connection (the
    generation table exists from migration core 0008 on)."""
    known = getattr(connection, "_figure_cache_tables", None)
    if known is None or GENERATION_TABLE not in known:
        known = frozenset(connection.introspection.table_names())
        connection._figure_cache_tables = known  # type: ignore[attr-defined]
    return known
