from django.db import migrations

CATEGORY_TREE = [
    (
        "공공기관",
        ["서울시 부서", "구청", "동주민센터", "보건소", "공사·공단", "재단", "기타 공공기관"],
    ),
    ("교육청·학교", ["교육청", "교육지원청", "학교(초)", "학교(중)", "학교(고)", "학교(특수)"]),
    ("기업", []),
    ("복지몰", []),
    ("유통채널", []),
    ("지원조직", []),
    ("비영리", []),
    ("노동조합", []),
]


def create_categories(apps, schema_editor):
    Category = apps.get_model("registry", "InstitutionCategory")
    for order, (name, children) in enumerate(CATEGORY_TREE, start=1):
        root, _ = Category.objects.get_or_create(
            parent=None, name=name, defaults={"order": order * 10}
        )
        for child_order, child in enumerate(children, start=1):
            Category.objects.get_or_create(
                parent=root, name=child, defaults={"order": order * 10 + child_order}
            )


def remove_categories(apps, schema_editor):
    Category = apps.get_model("registry", "InstitutionCategory")
    Category.objects.exclude(parent=None).delete()
    Category.objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("registry", "0002_institutions")]

    operations = [migrations.RunPython(create_categories, remove_categories)]
