"""Fast inserts of many new rows for the importers.

On PostgreSQL the ids are reserved from the table's sequence in one query and the rows are sent
with COPY, without building model instances; elsewhere (SQLite) bulk_create does the same job.
Callers validate the values first (as the importers do, row by row, with Korean messages)."""

from __future__ import annotations

from typing import Any

from django.db import connection, models
from django.utils import timezone

from dure.core import figure_cache

BATCH = 5000


def _fields(model: type[models.Model]) -> list[models.Field]:
    return [field for field in model._meta.concrete_fields if not field.primary_key]


_MISSING = object()


def _columns(model: type[models.Model], now: Any) -> list[tuple[str, str, bool, Any]]:
    """Per field: its attname, its name, whether it is a relation, and the value when absent."""
    columns = []
    for field in _fields(model):
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            default = now
        elif field.has_default():
            default = field.get_default()
        else:
            default = None if field.null else ""
        columns.append((field.attname, field.name, field.is_relation, default))
    return columns


def _values(columns: list[tuple[str, str, bool, Any]], row: dict[str, Any]) -> list[Any]:
    values = []
    for attname, name, relation, default in columns:
        value = row.get(attname, _MISSING)
        if value is _MISSING:
            value = row.get(name, default)
            if relation and value is not None and value is not default:
                value = value.pk
        values.append(value)
    return values


def insert_rows(model: type[models.Model], rows: list[dict[str, Any]]) -> list[int]:
    """Insert the rows (field name or attname → value; other fields take their defaults) and
    return their new ids in order."""
    if not rows:
        return []
    columns = _columns(model, timezone.now())
    if connection.vendor != "postgresql":
        attnames = [column[0] for column in columns]
        instances = [
            model(**dict(zip(attnames, _values(columns, row), strict=True))) for row in rows
        ]
        created = model._default_manager.bulk_create(instances, batch_size=1000)
        return [instance.pk for instance in created]
    table = connection.ops.quote_name(model._meta.db_table)
    names = ", ".join(connection.ops.quote_name(str(f.column)) for f in _fields(model))
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
            [model._meta.db_table, len(rows)],
        )
        ids: list[int] = [row[0] for row in cursor.fetchall()]
        with cursor.cursor.copy(f"COPY {table} (id, {names}) FROM STDIN") as copy:
            for pk, row in zip(ids, rows, strict=True):
                copy.write_row([pk, *_values(columns, row)])
    # COPY streams past Django's statement hooks: the figure cache is told here.
    figure_cache.tables_changed(connection, [model._meta.db_table])
    return ids


def insert_links(through: type[models.Model], rows: list[dict[str, Any]]) -> None:
    """Insert rows of a many-to-many table (their ids are not needed)."""
    if rows:
        through._default_manager.bulk_create([through(**row) for row in rows], batch_size=BATCH)
