"""Designations over time: what an enterprise was on any date."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from dure.registry import services
from dure.registry.models import DesignationKind, DesignationType, Enterprise
from dure.registry.tests.factories import DesignationFactory, EnterpriseFactory

pytestmark = pytest.mark.django_db


def test_the_designation_on_a_date_follows_the_dated_records():
    enterprise = EnterpriseFactory.create()
    DesignationFactory.create(
        enterprise=enterprise,
        designation_type=DesignationType.PRELIMINARY_REGIONAL,
        starts_on=datetime.date(2013, 5, 1),
        ends_on=datetime.date(2015, 2, 28),
    )
    DesignationFactory.create(
        enterprise=enterprise,
        designation_type=DesignationType.SOCIAL_ENTERPRISE,
        starts_on=datetime.date(2015, 3, 1),
    )
    assert enterprise.designation_on(datetime.date(2012, 1, 1)) is None
    on_2014 = enterprise.designation_on(datetime.date(2014, 6, 1))
    assert on_2014 is not None
    assert on_2014.designation_type == DesignationType.PRELIMINARY_REGIONAL
    on_2017 = enterprise.designation_on(datetime.date(2017, 6, 1))
    assert on_2017 is not None
    assert on_2017.designation_type == DesignationType.SOCIAL_ENTERPRISE


def test_enterprises_designated_on_a_day_of_a_type():
    certified = DesignationFactory.create(starts_on=datetime.date(2016, 1, 1)).enterprise
    DesignationFactory.create(
        designation_type=DesignationType.VILLAGE_ENTERPRISE,
        starts_on=datetime.date(2016, 1, 1),
    )
    DesignationFactory.create(starts_on=datetime.date(2018, 1, 1))
    day = datetime.date(2017, 12, 31)
    assert list(Enterprise.objects.designated_on(day, DesignationType.SOCIAL_ENTERPRISE)) == [
        certified
    ]
    assert Enterprise.objects.designated_on(day).count() == 2


def test_the_kind_follows_the_type_when_not_given():
    enterprise = EnterpriseFactory.create()
    designation = services.record_designation(
        enterprise=enterprise,
        designation_type=DesignationType.SOCIAL_COOPERATIVE,
        starts_on=datetime.date(2017, 3, 2),
    )
    assert designation.kind == DesignationKind.AUTHORISATION


def test_an_end_before_the_start_is_refused_in_korean():
    enterprise = EnterpriseFactory.create()
    with pytest.raises(ValidationError, match="종료일은 시작일과 같거나 늦어야 합니다"):
        services.record_designation(
            enterprise=enterprise,
            designation_type=DesignationType.COOPERATIVE,
            starts_on=datetime.date(2017, 3, 2),
            ends_on=datetime.date(2016, 3, 2),
        )
    assert enterprise.designations.count() == 0
