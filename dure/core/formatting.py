"""Korean formatting of money, percentages and dates."""

from __future__ import annotations

import datetime
from decimal import ROUND_HALF_UP, Decimal
from enum import Enum


class MoneyUnit(Enum):
    WON = ("원", 1)
    THOUSAND = ("천원", 1_000)
    MILLION = ("백만원", 1_000_000)
    HUNDRED_MILLION = ("억원", 100_000_000)

    @property
    def label(self) -> str:
        return self.value[0]

    @property
    def divisor(self) -> int:
        return self.value[1]

    @classmethod
    def from_label(cls, label: str) -> MoneyUnit:
        for unit in cls:
            if unit.label == label:
                return unit
        raise ValueError(f"알 수 없는 금액 단위입니다: {label}")


def _group(value: Decimal, places: int) -> str:
    quantum = Decimal(1).scaleb(-places)
    rounded = value.quantize(quantum, rounding=ROUND_HALF_UP)
    return f"{rounded:,.{places}f}"


def format_money(
    won: int | None, unit: MoneyUnit = MoneyUnit.WON, *, places: int = 0, label: bool = True
) -> str:
    """Money in the chosen unit; decreases as △ (정부 회계 표기), unit appended when asked."""
    if won is None:
        return "-"
    amount = Decimal(abs(won)) / Decimal(unit.divisor)
    text = _group(amount, places)
    sign = "△" if won < 0 else ""
    return f"{sign}{text}{unit.label if label else ''}"


def format_percent(numerator: float | int | Decimal | None, *, places: int = 1) -> str:
    """A percentage to one decimal (100.6%); '-' where there is none."""
    if numerator is None:
        return "-"
    return f"{_group(Decimal(str(numerator)), places)}%"


def ratio_percent(
    part: int | float | Decimal | None, whole: int | float | Decimal | None
) -> Decimal | None:
    """part / whole as a percentage rounded half-up to one decimal; None without a base."""
    if part is None or whole is None or whole == 0:
        return None
    value = Decimal(str(part)) * 100 / Decimal(str(whole))
    return value.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def format_date(value: datetime.date | datetime.datetime | None) -> str:
    """The Korean way: 2017.5.23."""
    if value is None:
        return ""
    return f"{value.year}.{value.month}.{value.day}"
