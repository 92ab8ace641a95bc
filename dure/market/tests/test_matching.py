"""A buyer's need matched to enterprises with the reason for each rank; institutions' priority
purchasing from the suppliers' designations on the 결의일."""

from __future__ import annotations

import datetime

import pytest

from dure.market.matching import (
    match_enterprises,
    priority_purchases,
    private_contract_eligibility,
)
from dure.market.models import Purchase
from dure.registry.models import Enterprise, Institution, ProductCategory
from dure.registry.tests.factories import (
    DesignationFactory,
    EnterpriseFactory,
    FinancialFactory,
    InstitutionFactory,
    ProductFactory,
)

DAY = datetime.date(2017, 5, 23)


@pytest.fixture
def cleaners(db):
    certified = EnterpriseFactory(name="푸른환경코리아", district="노원구")
    ProductFactory(enterprise=certified, name="공동주택 청소용역")
    DesignationFactory(enterprise=certified, starts_on=datetime.date(2015, 3, 1))
    FinancialFactory(enterprise=certified, year=2016, employees=10, vulnerable_employees=4)
    expired = EnterpriseFactory(name="깨끗한세상", district="마포구")
    ProductFactory(enterprise=expired, name="사무실 방역")
    DesignationFactory(
        enterprise=expired, starts_on=datetime.date(2012, 1, 1), ends_on=datetime.date(2016, 12, 31)
    )
    FinancialFactory(enterprise=expired, year=2016, employees=10, vulnerable_employees=1)
    printer = EnterpriseFactory(name="노란들판", district="노원구")
    ProductFactory(enterprise=printer, name="현수막 인쇄", category=ProductCategory.PRINTING)
    return certified, expired, printer


def test_a_need_is_matched_with_a_reason_for_each_rank(cleaners):
    certified, expired, _ = cleaners
    matches = match_enterprises(
        candidates=Enterprise.objects.all(),
        category=ProductCategory.CLEANING,
        keywords="청소",
        district="노원구",
        on=DAY,
    )
    assert [m.enterprise for m in matches] == [certified, expired]
    first = matches[0]
    assert first.score == 3 + 2 + 2 + 2 + 1
    assert "품목 청소·방역·시설관리: 공동주택 청소용역" in first.reasons
    assert "‘청소’ 제품: 공동주택 청소용역" in first.reasons
    assert "인증 사회적기업 (2015.3.1~) 2017.5.23에 유효" in first.reasons
    assert "수의계약 가능: 취약계층 고용 4/10명 = 40.0% (2016.12.31 기준)" in first.reasons
    assert "같은 자치구 (노원구)" in first.reasons
    second = matches[1]
    assert "2017.5.23에 유효한 인증·지정 없음" in second.reasons
    assert (
        "수의계약 불가: 취약계층 고용 1/10명 = 10.0% (2016.12.31 기준), 30% 미만" in second.reasons
    )


def test_eligibility_reads_only_figures_whose_reference_day_has_passed(db):
    enterprise = EnterpriseFactory.create()
    FinancialFactory(enterprise=enterprise, year=2017, employees=10, vulnerable_employees=5)
    assert private_contract_eligibility(enterprise, DAY).eligible is None
    assert private_contract_eligibility(enterprise, datetime.date(2018, 1, 2)).eligible is True


def test_priority_purchasing_counts_a_supplier_designated_on_the_day_and_shows_no_data(cleaners):
    certified, expired, _ = cleaners
    school, office, silent = InstitutionFactory.create_batch(3)

    def buy(institution: Institution, supplier: Enterprise | None, amount: int) -> None:
        Purchase.objects.create(
            center=institution.center,
            institution=institution,
            resolved_on=DAY,
            supplier_business_number=supplier.business_number if supplier else "1018100007",
            amount_won=amount,
        )

    buy(school, certified, 300)
    buy(school, expired, 200)  # its designation ended before the 결의일
    buy(school, None, 500)
    buy(office, None, 1000)
    rows = {
        row.institution: row
        for row in priority_purchases(
            purchases=Purchase.objects.all(),
            institutions=Institution.objects.filter(pk__in=[school.pk, office.pk, silent.pk]),
            year=2017,
        )
    }
    assert (rows[school].social_economy_won, rows[school].total_won) == (300, 1000)
    assert str(rows[school].share) == "30.0"
    assert rows[office].share == 0
    assert rows[silent].total_won is None and rows[silent].share is None
