"""On PostgreSQL, two live bookings (신청, 승인) of one resource may not overlap, whatever the
application does: an exclusion constraint over the booking's time range. SQLite writes one
transaction at a time, and the service's check with the resource locked holds there."""

from django.db import migrations

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE resources_booking ADD CONSTRAINT resources_booking_no_overlap
EXCLUDE USING gist (resource_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&)
WHERE (status IN ('requested', 'approved'));
"""
DROP = "ALTER TABLE resources_booking DROP CONSTRAINT IF EXISTS resources_booking_no_overlap;"


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("resources", "0001_resources_records")]

    operations = [migrations.RunPython(add_constraint, drop_constraint)]
