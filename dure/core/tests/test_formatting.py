import datetime
from decimal import Decimal

import pytest

from dure.core.formatting import MoneyUnit, format_date, format_money, format_percent, ratio_percent


@pytest.mark.parametrize(
    ("won", "unit", "expected"),
    [
        (5_104_884_610, MoneyUnit.WON, "5,104,884,610원"),
        (5_104_884_610, MoneyUnit.THOUSAND, "5,104,885천원"),
        (5_104_884_610, MoneyUnit.MILLION, "5,105백만원"),
        (6_560_000_000, MoneyUnit.HUNDRED_MILLION, "66억원"),
        (-2_763_000, MoneyUnit.WON, "△2,763,000원"),
        (0, MoneyUnit.WON, "0원"),
    ],
)
def test_money_is_shown_in_the_chosen_unit_with_decreases_as_triangle(won, unit, expected):
    assert format_money(won, unit) == expected


def test_money_can_keep_decimals_in_large_units():
    assert format_money(6_560_000_000, MoneyUnit.HUNDRED_MILLION, places=1) == "65.6억원"


def test_missing_money_is_a_dash_not_zero():
    assert format_money(None) == "-"


def test_percent_has_one_decimal_and_rounds_half_up():
    assert format_percent(Decimal("100.55")) == "100.6%"
    assert ratio_percent(654, 650) == Decimal("100.6")
    assert ratio_percent(1, 8) == Decimal("12.5")


def test_ratio_without_a_base_is_none():
    assert ratio_percent(10, 0) is None
    assert ratio_percent(None, 10) is None
    assert format_percent(None) == "-"


def test_dates_print_the_korean_way():
    assert format_date(datetime.date(2017, 5, 23)) == "2017.5.23"
    assert format_date(None) == ""
