"""Korean registration numbers: normalisation and check digits (written here on purpose:
a widely used library accepts wrong 사업자등록번호 check digits)."""

from __future__ import annotations

import re

_NON_DIGITS = re.compile(r"\D")
BUSINESS_NUMBER_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def digits_only(value: str) -> str:
    return _NON_DIGITS.sub("", value or "")


def business_number_check_digit(first_nine: str) -> int:
    """Check digit of a 사업자등록번호 from its first nine digits."""
    digits = [int(d) for d in first_nine]
    total = sum(d * w for d, w in zip(digits, BUSINESS_NUMBER_WEIGHTS, strict=True))
    total += (digits[8] * 5) // 10
    return (10 - total % 10) % 10


def is_valid_business_number(value: str) -> bool:
    """A 10-digit 사업자등록번호 whose last digit matches its checksum."""
    number = digits_only(value)
    if len(number) != 10:
        return False
    return business_number_check_digit(number[:9]) == int(number[9])


def format_business_number(value: str) -> str:
    number = digits_only(value)
    return f"{number[:3]}-{number[3:5]}-{number[5:]}" if len(number) == 10 else value


def corporate_number_check_digit(first_twelve: str) -> int:
    """Check digit of a 법인등록번호 from its first twelve digits (weights 1,2,1,2,…)."""
    total = sum(int(d) * (1 if i % 2 == 0 else 2) for i, d in enumerate(first_twelve))
    return (10 - total % 10) % 10


def is_valid_corporate_number(value: str) -> bool:
    """A 13-digit 법인등록번호 whose last digit matches its checksum."""
    number = digits_only(value)
    if len(number) != 13:
        return False
    return corporate_number_check_digit(number[:12]) == int(number[12])
