"""Trigram indexes for Korean substring search (PostgreSQL only; SQLite uses plain LIKE) and
the fields of the consulting expert pool."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

# Django's icontains is UPPER(col::text) LIKE UPPER(%s), so the indexes are on UPPER(col).
TRIGRAM_INDEXES = [
    ("registry_enterprise_name_trgm", "registry_enterprise", "name"),
    ("registry_enterprise_key_trgm", "registry_enterprise", "search_key"),
    ("registry_enterprise_address_trgm", "registry_enterprise", "address"),
    ("registry_product_name_trgm", "registry_product", "name"),
    ("registry_institution_name_trgm", "registry_institution", "name"),
    ("registry_institution_key_trgm", "registry_institution", "search_key"),
    ("registry_agency_name_trgm", "registry_agency", "name"),
    ("registry_expert_name_trgm", "registry_expert", "name"),
]

EXPERTISE_FIELDS = [
    "경영전략 및 비즈니스모델 수립",
    "재무전략",
    "기술개발 R&D",
    "홍보마케팅 전략",
    "인사노무서비스",
    "회계서비스",
    "법률특허서비스",
]


def create_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table, column in TRIGRAM_INDEXES:
        schema_editor.execute(
            f'CREATE INDEX IF NOT EXISTS "{name}" ON "{table}" '
            f'USING gin ((UPPER("{column}"::text)) gin_trgm_ops)'
        )


def drop_trigram_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, _, _ in TRIGRAM_INDEXES:
        schema_editor.execute(f'DROP INDEX IF EXISTS "{name}"')


def create_expertise_fields(apps, schema_editor):
    field_model = apps.get_model("registry", "ExpertiseField")
    for order, name in enumerate(EXPERTISE_FIELDS, start=1):
        field_model.objects.update_or_create(name=name, defaults={"order": order})


def drop_expertise_fields(apps, schema_editor):
    apps.get_model("registry", "ExpertiseField").objects.filter(name__in=EXPERTISE_FIELDS).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("registry", "0004_enterprise_details_designations_experts"),
    ]

    operations = [
        TrigramExtension(),
        migrations.RunPython(create_trigram_indexes, drop_trigram_indexes),
        migrations.RunPython(create_expertise_fields, drop_expertise_fields),
    ]
