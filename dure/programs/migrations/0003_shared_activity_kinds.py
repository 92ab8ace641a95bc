from django.db import migrations

SHARED_KINDS = (
    "방문영업",
    "상담",
    "교육·설명회",
    "회의",
    "간담회",
    "자문회의",
    "워크숍",
    "행사",
    "현장지원",
)


def create_shared_kinds(apps, schema_editor):
    activity_kind = apps.get_model("programs", "ActivityKind")
    for order, name in enumerate(SHARED_KINDS, start=1):
        activity_kind.objects.get_or_create(center=None, name=name, defaults={"order": order})


class Migration(migrations.Migration):
    dependencies = [("programs", "0002_indicators_and_activities")]

    operations = [migrations.RunPython(create_shared_kinds, migrations.RunPython.noop)]
