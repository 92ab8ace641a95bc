"""Personal data already in the audit log is replaced by the mark new entries get, and the
actor e-mail copied onto each entry is dropped (dure/core/audit.py)."""

from django.db import migrations

PERSONAL = {
    ("core", "user"): ("email",),
    ("registry", "contact"): ("name", "phone", "email"),
    ("registry", "expert"): ("phone", "email"),
    ("support", "membershiprequest"): ("phone",),
}
MARK = "(개인정보: 기록하지 않음)"


def _labels(apps, app_label, model_name, fields):
    """Entries keep either field names or verbose names as keys; mask both."""
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return set(fields)
    names = set(fields)
    for field in fields:
        names.add(str(model._meta.get_field(field).verbose_name))
    return names


def _masked(value):
    return value if value in (None, "", "None") else MARK


def mask_history(apps, schema_editor):
    LogEntry = apps.get_model("auditlog", "LogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    LogEntry.objects.exclude(actor_email=None).update(actor_email=None)
    for (app_label, model_name), fields in PERSONAL.items():
        content_type = ContentType.objects.filter(app_label=app_label, model=model_name).first()
        if content_type is None:
            continue
        keys = _labels(apps, app_label, model_name, fields)
        for entry in LogEntry.objects.filter(content_type=content_type).iterator():
            changes = entry.changes
            if not isinstance(changes, dict) or not keys & set(changes):
                continue
            for key in keys & set(changes):
                pair = changes[key]
                if isinstance(pair, list):
                    changes[key] = [_masked(value) for value in pair]
                else:
                    changes[key] = _masked(pair)
            entry.changes = changes
            entry.changes_text = ""
            entry.serialized_data = None
            entry.save(update_fields=["changes", "changes_text", "serialized_data"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0006_center_single_approver"),
        ("auditlog", "0017_add_actor_email"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(mask_history, migrations.RunPython.noop)]
