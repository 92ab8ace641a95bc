from django.db import migrations


def create_seoul_centers(apps, schema_editor):
    from dure.core.districts import create_seoul_centers as create

    create(apps.get_model("core", "Center"))


def remove_seoul_centers(apps, schema_editor):
    Center = apps.get_model("core", "Center")
    Center.objects.filter(region="서울특별시", kind="district").delete()
    Center.objects.filter(code="SEOUL").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_seoul_centers, remove_seoul_centers)]
