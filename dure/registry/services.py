"""Every change to the registry goes through these functions."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models, transaction

from dure.core.models import Center
from dure.registry.models import (
    DEFAULT_DESIGNATION_KIND,
    Agency,
    Contact,
    Designation,
    Enterprise,
    Expert,
    ExpertiseField,
    Financial,
    Institution,
    Product,
    Tag,
)


def _save(row: models.Model, fields: dict[str, Any]) -> None:
    """Set the plain fields, validate, save, then set the many-to-many ones."""
    many = {
        name: fields.pop(name)
        for name in list(fields)
        if isinstance(row._meta.get_field(name), models.ManyToManyField)
    }
    for name, value in fields.items():
        setattr(row, name, value)
    row.full_clean()
    row.save()
    for name, value in many.items():
        getattr(row, name).set(value)


@transaction.atomic
def create_enterprise(*, center: Center, **fields: Any) -> Enterprise:
    """Register an enterprise at a center after full validation."""
    enterprise = Enterprise(center=center)
    _save(enterprise, fields)
    return enterprise


@transaction.atomic
def update_enterprise(*, enterprise: Enterprise, **fields: Any) -> Enterprise:
    """Change an enterprise's fields; the audit log keeps the before and after."""
    _save(enterprise, fields)
    return enterprise


def tags_from_text(text: str) -> list[Tag]:
    """Tags named in a comma-separated text, created when new."""
    names = {part.strip() for part in text.replace("，", ",").split(",") if part.strip()}
    return [Tag.objects.get_or_create(name=name)[0] for name in sorted(names)]


@transaction.atomic
def add_contact(*, enterprise: Enterprise, **fields: Any) -> Contact:
    """Add a contact person to an enterprise, in the enterprise's center."""
    contact = Contact(enterprise=enterprise, center=enterprise.center, **fields)
    contact.full_clean()
    contact.save()
    return contact


@transaction.atomic
def record_designation(*, enterprise: Enterprise, **fields: Any) -> Designation:
    """Add a dated designation; the kind follows the type unless given."""
    fields.setdefault("kind", DEFAULT_DESIGNATION_KIND.get(fields.get("designation_type", "")))
    designation = Designation(enterprise=enterprise, **fields)
    designation.full_clean()
    designation.save()
    return designation


@transaction.atomic
def update_designation(*, designation: Designation, **fields: Any) -> Designation:
    """Change a designation (for example, close it with an end date)."""
    _save(designation, fields)
    return designation


@transaction.atomic
def add_product(*, enterprise: Enterprise, **fields: Any) -> Product:
    """Add a product or service to an enterprise."""
    product = Product(enterprise=enterprise, **fields)
    product.full_clean()
    product.save()
    return product


@transaction.atomic
def update_product(*, product: Product, **fields: Any) -> Product:
    _save(product, fields)
    return product


@transaction.atomic
def remove_product(*, product: Product) -> None:
    """Delete a product; the audit log keeps what it was."""
    product.delete()


@transaction.atomic
def record_financial(*, enterprise: Enterprise, year: int, **fields: Any) -> Financial:
    """Create or replace an enterprise's figures for a year."""
    financial = Financial.objects.filter(enterprise=enterprise, year=year).first()
    if financial is None:
        financial = Financial(enterprise=enterprise, year=year)
    _save(financial, fields)
    return financial


@transaction.atomic
def create_institution(*, center: Center, **fields: Any) -> Institution:
    """Register a buyer or partner institution."""
    institution = Institution(center=center)
    _save(institution, fields)
    return institution


@transaction.atomic
def update_institution(*, institution: Institution, **fields: Any) -> Institution:
    _save(institution, fields)
    return institution


@transaction.atomic
def create_agency(*, center: Center, **fields: Any) -> Agency:
    """Register a partner agency."""
    agency = Agency(center=center)
    _save(agency, fields)
    return agency


@transaction.atomic
def update_agency(*, agency: Agency, **fields: Any) -> Agency:
    _save(agency, fields)
    return agency


@transaction.atomic
def create_expert(*, center: Center, **fields: Any) -> Expert:
    """Add a person to the expert pool."""
    expert = Expert(center=center)
    _save(expert, fields)
    return expert


@transaction.atomic
def update_expert(*, expert: Expert, **fields: Any) -> Expert:
    _save(expert, fields)
    return expert


def expertise_fields_named(names: Iterable[str]) -> list[ExpertiseField]:
    """The pool's fields by name (unknown names are ignored by the caller's validation)."""
    return list(ExpertiseField.objects.filter(name__in=list(names)))
