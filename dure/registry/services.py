"""Every change to the registry goes through these functions."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, TypeVar

from django.db import models, transaction

from dure.core.models import Center, User
from dure.registry.models import (
    DEFAULT_DESIGNATION_KIND,
    Agency,
    Contact,
    Designation,
    Enterprise,
    Expert,
    Financial,
    Institution,
    Product,
    Tag,
    compose_search_text,
    normalise_name,
    refresh_search_texts,
    search_key,
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


CenterRecordT = TypeVar("CenterRecordT", Institution, Agency, Expert)


@transaction.atomic
def _update_center_record(*, record: CenterRecordT, fields: dict[str, Any]) -> CenterRecordT:
    """Change an institution, agency or expert: set the fields, validate, save (the audit log
    keeps the before and after through the model's registration), then the many-to-many ones."""
    _save(record, fields)
    return record


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
    """Add a product or service to an enterprise; the enterprise is then found by its name."""
    product = Product(enterprise=enterprise, **fields)
    product.full_clean()
    product.save()
    refresh_search_texts([enterprise.pk])
    return product


@transaction.atomic
def update_product(*, product: Product, **fields: Any) -> Product:
    """Change a product or service; the enterprise's search text follows a new name."""
    previous_enterprise_id = product.enterprise_id
    _save(product, fields)
    refresh_search_texts([previous_enterprise_id, product.enterprise_id])
    return product


@transaction.atomic
def remove_product(*, product: Product) -> None:
    """Delete a product; the audit log keeps what it was, the search text forgets it."""
    enterprise_id = product.enterprise_id
    product.delete()
    refresh_search_texts([enterprise_id])


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
def ensure_institution(
    *,
    name: str,
    center: Center,
    district: str = "",
    needs_review: bool = False,
    notes: str = "",
    centers: Iterable[Center] = (),
) -> tuple[Institution, bool]:
    """The institution of that name at the center (or one of `centers`), registered when missing;
    returns it and whether it was created. Imports register unknown names with needs_review."""
    name = normalise_name(name)
    owners = [center.pk, *(c.pk for c in centers)]
    found = sorted(
        Institution.objects.filter(center_id__in=owners, name=name),
        key=lambda i: (i.center_id != center.pk, i.pk),
    )
    if found:
        return found[0], False
    institution = Institution(center=center)
    _save(
        institution,
        {"name": name, "district": district, "needs_review": needs_review, "notes": notes},
    )
    return institution, True


def update_institution(*, institution: Institution, **fields: Any) -> Institution:
    """Change a buyer or partner institution's fields."""
    return _update_center_record(record=institution, fields=fields)


@transaction.atomic
def create_agency(*, center: Center, **fields: Any) -> Agency:
    """Register a partner agency."""
    agency = Agency(center=center)
    _save(agency, fields)
    return agency


def update_agency(*, agency: Agency, **fields: Any) -> Agency:
    """Change a partner agency's fields."""
    return _update_center_record(record=agency, fields=fields)


@transaction.atomic
def create_expert(*, center: Center, **fields: Any) -> Expert:
    """Add a person to the expert pool."""
    expert = Expert(center=center)
    _save(expert, fields)
    return expert


def update_expert(*, expert: Expert, **fields: Any) -> Expert:
    """Change an expert's fields (the phone and e-mail are kept masked in the audit log)."""
    return _update_center_record(record=expert, fields=fields)


def bulk_create_synthetic_enterprises(
    *, center_ids: Sequence[int], names: Sequence[str], batch_size: int = 5000
) -> int:
    """Insert generated enterprises for benchmarks (`names[i]` at `center_ids[i]`), marked
    synthetic, in batches. The one registry write that skips `full_clean()`: the names are built
    by the generator and a national dataset of 50,000 must load in seconds, not minutes."""
    rows = [
        Enterprise(
            center_id=center_id,
            name=name,
            search_key=search_key(name),
            search_text=compose_search_text(name, "", ()),
            is_synthetic=True,
        )
        for center_id, name in zip(center_ids, names, strict=True)
    ]
    Enterprise.objects.bulk_create(rows, batch_size=batch_size)
    return len(rows)


@transaction.atomic
def merge_enterprises(*, keep: Enterprise, remove: Enterprise, user: User) -> Enterprise:
    """Fold `remove` into `keep`: every reference to it (found through Django's relation
    introspection, so references added by other modules move too) points at `keep`, blank fields
    of `keep` are filled, rows that would duplicate one of `keep`'s are dropped, and the merge is
    written to both records' 변경 이력."""
    from auditlog.models import LogEntry
    from django.db import IntegrityError

    if keep.pk == remove.pk:
        raise ValueError("an enterprise cannot be merged into itself")
    notes: list[str] = []
    for relation in Enterprise._meta.related_objects:
        accessor = relation.get_accessor_name()
        assert accessor is not None
        if relation.many_to_many:
            manager = getattr(remove, accessor)
            getattr(keep, accessor).add(*manager.all())
            manager.clear()
            continue
        related = relation.related_model
        field_name = relation.field.name
        if relation.one_to_one:
            row = related._default_manager.filter(**{field_name: remove}).first()
            if (
                row is not None
                and not related._default_manager.filter(**{field_name: keep}).exists()
            ):
                setattr(row, field_name, keep)
                row.save()
            elif row is not None:
                notes.append(f"{related._meta.verbose_name} 1건은 유지 기업 것으로 대신했습니다.")
                row.delete()
            continue
        for row in related._default_manager.filter(**{field_name: remove}):
            if related is Enterprise and row.pk == keep.pk:
                continue
            setattr(row, field_name, keep)
            try:
                with transaction.atomic():
                    row.save()
            except IntegrityError:
                notes.append(f"{related._meta.verbose_name} '{row}'은(는) 이미 있어 뺐습니다.")
                related._default_manager.filter(pk=row.pk).delete()
    for m2m in Enterprise._meta.many_to_many:
        getattr(keep, m2m.name).add(*getattr(remove, m2m.name).all())
    if keep.parent_id == remove.pk:
        keep.parent_id = remove.parent_id
    for field in Enterprise._meta.concrete_fields:
        if field.name in {"id", "center", "search_key", "created_at", "updated_at", "parent"}:
            continue
        if getattr(keep, field.attname) in ("", None) and getattr(remove, field.attname) not in (
            "",
            None,
        ):
            setattr(keep, field.attname, getattr(remove, field.attname))
    removed = f"{remove.name} (#{remove.pk}, {remove.business_number_display or '번호 없음'})"
    if remove.business_number == keep.business_number:
        remove.business_number = ""
    remove.delete()
    keep.full_clean()
    keep.save()
    LogEntry.objects.log_create(
        keep,
        force_log=True,
        action=LogEntry.Action.UPDATE,
        changes={
            "병합": [removed, keep.name],
            **({"메모": ["", " ".join(notes)]} if notes else {}),
        },
        actor=user,
    )
    return keep
