"""Factories with valid, checksummed identifiers and Korean names from a seeded Faker."""

from __future__ import annotations

import factory
import factory.random
from factory.django import DjangoModelFactory

from dure.core.models import Center
from dure.registry import identifiers
from dure.registry.models import Contact, Enterprise, LegalForm

factory.Faker._DEFAULT_LOCALE = "ko_KR"
factory.random.reseed_random(2017)


def valid_business_number(n: int) -> str:
    first_nine = f"{101 + n % 800:03d}81{n % 10000:04d}"
    return first_nine + str(identifiers.business_number_check_digit(first_nine))


class EnterpriseFactory(DjangoModelFactory):
    class Meta:
        model = Enterprise

    center = factory.LazyFunction(lambda: Center.objects.get(code="SEOUL"))
    name = factory.Sequence(lambda n: f"행복나눔협동조합 {n}")
    legal_form = LegalForm.COOPERATIVE
    business_number = factory.Sequence(valid_business_number)
    district = "마포구"
    address = factory.Faker("address")


class ContactFactory(DjangoModelFactory):
    class Meta:
        model = Contact

    enterprise = factory.SubFactory(EnterpriseFactory)
    center = factory.LazyAttribute(lambda contact: contact.enterprise.center)
    name = factory.Faker("name")
    phone = factory.Faker("phone_number")
    email = factory.Faker("email")
