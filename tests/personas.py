"""Personas of the house style, shared by every app's tests."""

from __future__ import annotations

import os

import pytest

from dure.core.models import Center, User
from dure.core.roles import Role
from dure.core.services import create_user

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "correct-horse-2017"


def _persona(username: str, center_code: str, role: Role) -> User:
    return create_user(
        username=username,
        password=PASSWORD,
        center=Center.objects.get(code=center_code),
        role=role,
        display_name=username,
    )


@pytest.fixture
def metropolitan_center(db: None) -> Center:
    return Center.objects.get(code="SEOUL")


@pytest.fixture
def gangdong_center(db: None) -> Center:
    return Center.objects.get(code="SEOUL-GANGDONG")


@pytest.fixture
def gwanak_center(db: None) -> Center:
    return Center.objects.get(code="SEOUL-GWANAK")


@pytest.fixture
def metro_admin(db: None) -> User:
    return _persona("metro_admin", "SEOUL", Role.CENTER_ADMIN)


@pytest.fixture
def program_staff(db: None) -> User:
    return _persona("program_staff", "SEOUL", Role.PROGRAM_STAFF)


@pytest.fixture
def district_staff(db: None) -> User:
    return _persona("district_staff", "SEOUL-GANGDONG", Role.DISTRICT_STAFF)


@pytest.fixture
def other_district_staff(db: None) -> User:
    return _persona("other_district_staff", "SEOUL-GWANAK", Role.DISTRICT_STAFF)


@pytest.fixture
def expert(db: None) -> User:
    return _persona("expert", "SEOUL", Role.EXPERT)


@pytest.fixture
def member(db: None) -> User:
    return _persona("member", "SEOUL", Role.MEMBER)


@pytest.fixture
def funder(db: None) -> User:
    return _persona("funder", "SEOUL", Role.FUNDER)


@pytest.fixture
def auditor(db: None) -> User:
    return _persona("auditor", "SEOUL", Role.AUDITOR)


@pytest.fixture
def personas(
    metro_admin: User,
    program_staff: User,
    district_staff: User,
    other_district_staff: User,
    expert: User,
    member: User,
    funder: User,
    auditor: User,
) -> dict[str, User]:
    return {
        "metro_admin": metro_admin,
        "program_staff": program_staff,
        "district_staff": district_staff,
        "other_district_staff": other_district_staff,
        "expert": expert,
        "member": member,
        "funder": funder,
        "auditor": auditor,
    }
