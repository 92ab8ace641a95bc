from django.db import migrations


def create_seoul_centers(apps, schema_editor):
    from dure.core.districts import (
        SEOUL_CENTER_CODE,
        SEOUL_CENTER_NAME,
        SEOUL_CODE,
        SEOUL_DISTRICTS,
        SEOUL_REGION,
        district_center_name,
    )

    Center = apps.get_model("core", "Center")
    metropolitan, _ = Center.objects.update_or_create(
        code=SEOUL_CENTER_CODE,
        defaults={
            "name": SEOUL_CENTER_NAME,
            "kind": "metropolitan",
            "region": SEOUL_REGION,
            "administrative_code": SEOUL_CODE,
        },
    )
    for district in SEOUL_DISTRICTS:
        Center.objects.update_or_create(
            code=district.center_code,
            defaults={
                "name": district_center_name(district.name),
                "kind": "district",
                "region": SEOUL_REGION,
                "district": district.name,
                "administrative_code": district.administrative_code,
                "parent": metropolitan,
            },
        )


def remove_seoul_centers(apps, schema_editor):
    Center = apps.get_model("core", "Center")
    Center.objects.filter(region="서울특별시", kind="district").delete()
    Center.objects.filter(code="SEOUL").delete()


class Migration(migrations.Migration):
    dependencies = [("core", "0001_initial")]

    operations = [migrations.RunPython(create_seoul_centers, remove_seoul_centers)]
