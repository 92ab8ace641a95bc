"""The report cover index carries the activity id. On PostgreSQL the new index is built
concurrently beside the old one and swapped in, so activities stay readable and writable
while a large table is indexed; elsewhere the index is simply replaced."""

from django.db import migrations, models

NAME = "activity_report_cover"
OLD = models.Index(
    fields=["center", "program", "kind", "date"],
    include=["headcount", "amount_won", "reconstructed"],
    name=NAME,
)
NEW = models.Index(
    fields=["center", "program", "kind", "date"],
    include=["headcount", "amount_won", "reconstructed", "id"],
    name=NAME,
)


def _swap(apps, schema_editor, old: models.Index, new: models.Index) -> None:
    activity = apps.get_model("programs", "Activity")
    if schema_editor.connection.vendor != "postgresql":
        schema_editor.remove_index(activity, old)
        schema_editor.add_index(activity, new)
        return
    building = models.Index(fields=new.fields, include=new.include, name=f"{NAME}_new")
    schema_editor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{building.name}"')
    schema_editor.execute(building.create_sql(activity, schema_editor, concurrently=True))
    schema_editor.execute(f'DROP INDEX CONCURRENTLY IF EXISTS "{NAME}"')
    schema_editor.execute(f'ALTER INDEX "{building.name}" RENAME TO "{NAME}"')


def forwards(apps, schema_editor) -> None:
    _swap(apps, schema_editor, OLD, NEW)


def backwards(apps, schema_editor) -> None:
    _swap(apps, schema_editor, NEW, OLD)


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("core", "0007_mask_personal_history"),
        ("programs", "0009_activity_corrections"),
        ("registry", "0010_import_jobs_moved_to_core"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveIndex(model_name="activity", name=NAME),
                migrations.AddIndex(model_name="activity", index=NEW),
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        ),
    ]
