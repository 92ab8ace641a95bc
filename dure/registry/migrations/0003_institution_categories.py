from django.db import migrations


def create_categories(apps, schema_editor):
    from dure.registry.categories import create_institution_categories

    create_institution_categories(apps.get_model("registry", "InstitutionCategory"))


def remove_categories(apps, schema_editor):
    Category = apps.get_model("registry", "InstitutionCategory")
    Category.objects.exclude(parent=None).delete()
    Category.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_institutions")]

    operations = [migrations.RunPython(create_categories, remove_categories)]
