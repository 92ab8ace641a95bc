"""Factories with valid, checksummed identifiers and Korean names from a seeded Faker."""

from __future__ import annotations

import datetime
from typing import Any

import factory
import factory.random
from factory.django import DjangoModelFactory

from dure.core.models import Center
from dure.registry import identifiers, services
from dure.registry.models import (
    Agency,
    AgencyKind,
    Contact,
    Designation,
    DesignationKind,
    DesignationType,
    Enterprise,
    Expert,
    Financial,
    Institution,
    LegalForm,
    Product,
    ProductCategory,
    ProductKind,
)

factory.Faker._DEFAULT_LOCALE = "ko_KR"
factory.random.reseed_random(2017)


def valid_business_number(n: int) -> str:
    first_nine = f"{101 + n % 800:03d}81{n % 10000:04d}"
    return first_nine + str(identifiers.business_number_check_digit(first_nine))


class EnterpriseFactory(DjangoModelFactory[Enterprise]):
    class Meta:
        model = Enterprise

    center = factory.LazyFunction(lambda: Center.objects.get(code="SEOUL"))
    name = factory.Sequence(lambda n: f"행복나눔협동조합 {n}")
    legal_form = LegalForm.COOPERATIVE
    business_number = factory.Sequence(valid_business_number)
    district = "마포구"
    address = factory.Faker("address")


class ContactFactory(DjangoModelFactory[Contact]):
    class Meta:
        model = Contact

    enterprise = factory.SubFactory(EnterpriseFactory)
    center = factory.LazyAttribute(lambda contact: contact.enterprise.center)
    name = factory.Faker("name")
    phone = factory.Faker("phone_number")
    email = factory.Faker("email")


class DesignationFactory(DjangoModelFactory[Designation]):
    class Meta:
        model = Designation

    enterprise = factory.SubFactory(EnterpriseFactory)
    designation_type = DesignationType.SOCIAL_ENTERPRISE
    kind = DesignationKind.CERTIFICATION
    starts_on = datetime.date(2015, 3, 1)


class ProductFactory(DjangoModelFactory[Product]):
    class Meta:
        model = Product

    enterprise = factory.SubFactory(EnterpriseFactory)
    name = factory.Sequence(lambda n: f"친환경 세제 {n}")
    kind = ProductKind.PRODUCT
    category = ProductCategory.CLEANING

    @classmethod
    def _create(cls, model_class: type[Product], *args: Any, **kwargs: Any) -> Product:
        """Through the service, so that the enterprise's search text lists the product."""
        return services.add_product(**kwargs)


class FinancialFactory(DjangoModelFactory[Financial]):
    class Meta:
        model = Financial

    enterprise = factory.SubFactory(EnterpriseFactory)
    year = 2017
    revenue_won = 350_000_000
    employees = 12
    vulnerable_employees = 5


class InstitutionFactory(DjangoModelFactory[Institution]):
    class Meta:
        model = Institution

    center = factory.LazyFunction(lambda: Center.objects.get(code="SEOUL"))
    name = factory.Sequence(lambda n: f"서울특별시교육청 {n}")
    district = "종로구"


class AgencyFactory(DjangoModelFactory[Agency]):
    class Meta:
        model = Agency

    center = factory.LazyFunction(lambda: Center.objects.get(code="SEOUL"))
    name = factory.Sequence(lambda n: f"가치혼합경영연구소 {n}")
    kind = AgencyKind.CONSULTING


class ExpertFactory(DjangoModelFactory[Expert]):
    class Meta:
        model = Expert

    center = factory.LazyFunction(lambda: Center.objects.get(code="SEOUL"))
    name = factory.Faker("name")
    is_consultant = True
    pool_from_year = 2016
