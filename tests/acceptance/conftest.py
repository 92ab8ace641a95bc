"""The 2017 demo, loaded once for every acceptance test of the seed's tables."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from django.db import transaction


@pytest.fixture(scope="package")
def demo_2017(django_db_setup, django_db_blocker):
    """The demo loaded once for the acceptance tests, inside a transaction rolled back after the
    last of them (each test's own transaction is a savepoint within it, so no test sees
    another's changes)."""
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", "--quiet-login", stdout=io.StringIO())
        yield
        transaction.set_rollback(True)
