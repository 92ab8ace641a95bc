"""Indicators read their actuals from records; targets, status and manual figures."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from dure.core.models import Center
from dure.programs import services
from dure.programs.models import Indicator, IndicatorStatus, TargetChange
from dure.programs.results import indicator_results, with_report_relations
from dure.programs.tests.factories import activity_indicator, build_tree, record
from dure.registry.tests.factories import EnterpriseFactory


def result_of(indicator: Indicator, **options):
    rows = list(with_report_relations(Indicator.objects.filter(pk=indicator.pk)))
    return indicator_results(rows, **options)[indicator.pk]


@pytest.mark.django_db
def test_the_actual_is_the_count_of_matching_records_and_the_rate_is_half_up():
    tree = build_tree()
    indicator = activity_indicator(tree.program, target=650)
    for _ in range(3):
        record(tree.program, "방문영업")
    record(tree.program, "상담")
    result = result_of(indicator)
    assert result.actual == 3
    assert result.achievement == Decimal("0.5")  # 3/650 = 0.4615… → 0.5


@pytest.mark.django_db
def test_achievement_rounds_half_up_to_one_decimal():
    tree = build_tree()
    indicator = activity_indicator(tree.program, target=8)
    for _ in range(5):
        record(tree.program)
    assert result_of(indicator).achievement == Decimal("62.5")
    services.change_target(indicator=indicator, target=16, reason="확대", changed_by=None)
    assert result_of(indicator).achievement == Decimal("31.3")  # 31.25 → 31.3


@pytest.mark.django_db
def test_sums_distinct_counterparties_and_money_units():
    tree = build_tree()
    first, second = EnterpriseFactory(), EnterpriseFactory()
    record(tree.program, "영업매칭", headcount=10, amount_won=4_000_000_000, enterprises=[first])
    record(tree.program, "영업매칭", headcount=5, amount_won=2_418_000_000, enterprises=[first])
    record(tree.program, "영업매칭", enterprises=[second])
    people = activity_indicator(
        tree.program,
        "I02",
        name="인원",
        unit="명",
        target=None,
        parameters={"kind": "영업매칭"},
        aggregation="sum_headcount",
    )
    money = activity_indicator(
        tree.program,
        "I03",
        name="계약규모",
        unit="억원",
        target=50,
        parameters={"kind": "영업매칭"},
        aggregation="sum_amount",
    )
    firms = activity_indicator(
        tree.program,
        "I04",
        name="기업",
        unit="개",
        target=2,
        parameters={"kind": "영업매칭"},
        aggregation="distinct_enterprises",
    )
    assert result_of(people).actual == 15
    assert result_of(people).achievement is None
    assert result_of(money).actual == Decimal("64.18")
    assert result_of(money).achievement == Decimal("128.4")
    assert result_of(firms).actual == 2


@pytest.mark.django_db
def test_other_years_and_other_centers_are_not_counted_unless_rolled_up(gangdong_center):
    tree = build_tree()
    indicator = activity_indicator(tree.program)
    record(tree.program)
    record(tree.program, center=gangdong_center)
    build_tree(year=2018, program_code="P99")
    assert result_of(indicator).actual == 1
    assert result_of(indicator, roll_up=True).actual == 2


@pytest.mark.django_db
def test_district_breakdown_targets_count_the_district_centers_records(
    gangdong_center, gwanak_center
):
    tree = build_tree()
    indicator = activity_indicator(
        tree.program,
        name="자치구 영업지원단 방문영업",
        target=730,
        center_scope="districts",
        breakdowns=[
            ("강동구", {"district": ["강동구"]}, 150),
            ("관악구", {"district": ["관악구"]}, 280),
        ],
    )
    record(tree.program, center=gangdong_center, district="강동구")
    record(tree.program, center=gwanak_center, district="관악구")
    record(tree.program, center=gwanak_center, district="관악구")
    record(tree.program, district="강동구")  # the metropolitan center's own visit
    result = result_of(indicator)
    assert result.actual == 3
    assert [(b.label, b.target, b.actual) for b in result.breakdowns] == [
        ("강동구", 150, 1),
        ("관악구", 280, 2),
    ]


@pytest.mark.django_db
def test_a_target_change_keeps_the_old_value_who_and_why(metro_admin):
    tree = build_tree()
    indicator = activity_indicator(tree.program, target=650)
    services.change_target(
        indicator=indicator, target=700, reason="추경 반영", changed_by=metro_admin
    )
    change = TargetChange.objects.get(indicator=indicator)
    assert (change.old_target, change.new_target, change.reason) == (650, 700, "추경 반영")
    assert change.changed_by == metro_admin
    indicator.refresh_from_db()
    assert indicator.target == 700
    with pytest.raises(ValidationError):
        services.change_target(indicator=indicator, target=1, reason=" ", changed_by=None)


@pytest.mark.django_db
def test_a_changed_or_cancelled_indicator_needs_a_reason_and_shows_no_rate():
    tree = build_tree()
    indicator = activity_indicator(tree.program)
    record(tree.program)
    with pytest.raises(ValidationError):
        services.set_indicator_status(
            indicator=indicator, status=IndicatorStatus.CHANGED, reason=""
        )
    services.set_indicator_status(
        indicator=indicator, status=IndicatorStatus.CHANGED, reason="혁신형은 사업개발에 포함"
    )
    result = result_of(indicator)
    assert result.achievement is None
    assert result.actual is None


@pytest.mark.django_db
def test_a_manual_figure_needs_evidence_and_is_marked_manual(metro_admin):
    tree = build_tree()
    indicator = activity_indicator(tree.program, name="온라인정보망 누적 콘텐츠", target=None)
    with pytest.raises(ValidationError):
        services.record_manual_figure(
            indicator=indicator, value=2002, evidence="", recorded_by=metro_admin
        )
    services.record_manual_figure(
        indicator=indicator,
        value=2002,
        evidence="누적 등록 건수(2012년부터)",
        recorded_by=metro_admin,
    )
    result = result_of(indicator)
    assert result.is_manual
    assert result.actual == 2002
    assert not result.drillable


@pytest.mark.django_db
def test_an_unknown_metric_or_parameter_is_refused_in_korean():
    tree = build_tree()
    with pytest.raises(ValidationError, match="등록되지 않은 지표 산식"):
        activity_indicator(tree.program, metric_key="nothing.here")
    with pytest.raises(ValidationError, match="쓸 수 없습니다"):
        activity_indicator(tree.program, parameters={"colour": "red"})
    assert not Indicator.objects.exists()


@pytest.mark.django_db
def test_copying_a_year_copies_tree_indicators_targets_breakdowns_and_pairs():
    tree = build_tree()
    count = activity_indicator(tree.program, name="사업매칭", target=20, parameters={})
    amount = activity_indicator(
        tree.program,
        "I02",
        name="계약규모",
        unit="억원",
        target=50,
        aggregation="sum_amount",
        parameters={},
        paired_with=count,
        breakdowns=[("강동구", {"district": "강동구"}, 10)],
    )
    copied = services.copy_fiscal_year(center=tree.program.center, from_year=2017, to_year=2018)
    assert copied == 2
    new_amount = Indicator.objects.get(program__area__fiscal_year__year=2018, code=amount.code)
    assert new_amount.target == 50
    partner = new_amount.paired_with
    assert partner is not None
    assert partner.code == count.code
    assert partner.program.area.fiscal_year.year == 2018
    assert [b.label for b in new_amount.breakdowns.all()] == ["강동구"]
    with pytest.raises(ValidationError):
        services.copy_fiscal_year(center=tree.program.center, from_year=2017, to_year=2018)


@pytest.mark.django_db
def test_a_record_outside_the_programs_year_or_center_is_refused(other_district_staff):
    tree = build_tree()
    with pytest.raises(ValidationError, match="회계연도"):
        record(tree.program, date=datetime.date(2018, 1, 1))
    district = build_tree(center=Center.objects.get(code="SEOUL-GWANAK"), program_code="P02")
    with pytest.raises(ValidationError, match="상위 센터"):
        record(district.program, center=Center.objects.get(code="SEOUL-GANGDONG"))


@pytest.mark.django_db
def test_a_figure_says_how_much_of_it_rests_on_reconstructed_records():
    tree = build_tree()
    record(tree.program, "영업매칭", headcount=30, amount_won=3_000_000)
    record(tree.program, "영업매칭", headcount=10, amount_won=1_000_000, reconstructed=True)
    record(tree.program, "영업매칭", reconstructed=True)
    record(tree.program, "영업매칭")
    record(tree.program, "방문영업")
    count = activity_indicator(tree.program, parameters={"kind": ["영업매칭"]})
    people = activity_indicator(
        tree.program,
        "I02",
        name="인원",
        unit="명",
        parameters={"kind": ["영업매칭"]},
        aggregation="sum_headcount",
    )
    average = activity_indicator(
        tree.program,
        "I03",
        name="회당 인원",
        unit="명",
        parameters={"kind": ["영업매칭"]},
        aggregation="average_headcount",
    )
    visits = activity_indicator(tree.program, "I04", name="방문", parameters={"kind": ["방문영업"]})
    # Additive rules: the part of the figure itself (2 of 4 records; 10 of 40 people).
    assert result_of(count).reconstructed_share == Decimal("0.5")
    assert result_of(people).reconstructed_share == Decimal("0.25")
    assert result_of(people).reconstructed_percent == Decimal("25.0")
    # An average does not add up: the share of its records that are reconstructed.
    assert result_of(average).reconstructed_share == Decimal("0.5")
    # A figure resting on listed records alone carries no mark.
    assert result_of(visits).reconstructed_share is None
    assert result_of(count, reconstructed=False).reconstructed_share is None


@pytest.mark.django_db
def test_an_indicator_unit_must_be_registered_and_fit_its_counting_rule():
    tree = build_tree()
    with pytest.raises(ValidationError) as unknown:
        activity_indicator(tree.program, unit="마리")
    assert "‘마리’은(는) 쓸 수 없는 단위입니다" in str(unknown.value)
    with pytest.raises(ValidationError) as misfit:
        activity_indicator(tree.program, unit="천원")
    assert "‘건수’은(는) 단위 ‘천원’로 나타낼 수 없습니다" in str(misfit.value)
    money = activity_indicator(tree.program, unit="천원", aggregation="sum_amount")
    assert money.unit_scale == 1000
    assert money.counting_rule_label == "금액"
