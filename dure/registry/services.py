"""Every change to the registry goes through these functions."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from dure.core.models import Center
from dure.registry.models import Contact, Enterprise


@transaction.atomic
def create_enterprise(*, center: Center, **fields: Any) -> Enterprise:
    """Register an enterprise at a center after full validation."""
    enterprise = Enterprise(center=center, **fields)
    enterprise.full_clean()
    enterprise.save()
    return enterprise


@transaction.atomic
def update_enterprise(*, enterprise: Enterprise, **fields: Any) -> Enterprise:
    """Change an enterprise's fields; the audit log keeps the before and after."""
    for name, value in fields.items():
        setattr(enterprise, name, value)
    enterprise.full_clean()
    enterprise.save()
    return enterprise


@transaction.atomic
def add_contact(*, enterprise: Enterprise, **fields: Any) -> Contact:
    """Add a contact person to an enterprise, in the enterprise's center."""
    contact = Contact(enterprise=enterprise, center=enterprise.center, **fields)
    contact.full_clean()
    contact.save()
    return contact
