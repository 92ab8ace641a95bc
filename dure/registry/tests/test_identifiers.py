import pytest

from dure.registry.identifiers import (
    business_number_check_digit,
    corporate_number_check_digit,
    is_valid_business_number,
    is_valid_corporate_number,
)

# Published numbers of well-known organisations (their own websites' footers).
VALID_BUSINESS_NUMBERS = ["220-81-62517", "124-81-00998", "104-81-53114", "2208162517"]
VALID_CORPORATE_NUMBERS = ["110111-0672538", "1301110006246"]


@pytest.mark.parametrize("number", VALID_BUSINESS_NUMBERS)
def test_known_business_numbers_pass(number):
    assert is_valid_business_number(number)


@pytest.mark.parametrize("number", VALID_BUSINESS_NUMBERS)
def test_every_mistyped_check_digit_is_refused(number):
    digits = number.replace("-", "")
    for wrong in set("0123456789") - {digits[9]}:
        assert not is_valid_business_number(digits[:9] + wrong)


def test_the_ninth_digit_carry_is_counted():
    # d9 = 9 contributes 9*5=45 plus floor(45/10)=4: the carry changes the check digit.
    assert business_number_check_digit("123456789") == 1
    assert is_valid_business_number("1234567891")
    assert not is_valid_business_number("1234567895")


@pytest.mark.parametrize("number", ["", "12345", "12345678901", "abc-de-fghij"])
def test_wrong_lengths_are_refused(number):
    assert not is_valid_business_number(number)


@pytest.mark.parametrize("number", VALID_CORPORATE_NUMBERS)
def test_known_corporate_numbers_pass(number):
    assert is_valid_corporate_number(number)


def test_a_mistyped_corporate_number_is_refused():
    assert corporate_number_check_digit("110111067253") == 8
    assert not is_valid_corporate_number("1101110672539")
    assert not is_valid_corporate_number("110111067253")
