"""The shared cell parsers: every refusal is one Korean row error naming the file's column, never
an exception. Dates have their own table in tests/test_import_dates.py."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from dure.core.imports import (
    ImportRejected,
    Row,
    RowError,
    RowErrors,
    parse_amount,
    parse_decimal,
    parse_int,
    parse_text,
)

NOT_FINITE = ["NaN", "nan", "-NaN", "sNaN", "Infinity", "-Infinity", "inf", "1e600000", "1E5"]
NOT_FINITE_CELLS: list[Any] = [
    *NOT_FINITE,
    float("nan"),
    float("inf"),
    float("-inf"),
    Decimal("NaN"),
    Decimal("sNaN"),
    Decimal("Infinity"),
    1e300,
    10**40,
]


def row(value: Any) -> Row:
    return Row(number=4, cells={"amount": value}, headers={"amount": "금액(원)"})


def refusal(parser: Any, value: Any, **options: Any) -> str:
    errors = RowErrors()
    assert parser(row(value), "amount", errors, **options) is None
    assert len(errors) == 1, errors.items
    problem = str(errors.items[0])
    assert problem.startswith("4행 [금액(원)]: ")
    return problem


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234", 1234),
        ("1,234원", 1234),
        (" 1 234 ", 1234),
        ("0", 0),
        (1234, 1234),
        (1234.0, 1234),
        ("△1,234", -1234),
        ("(1,234)", -1234),
        ("-1,234", -1234),
        ("-1,234원", -1234),
    ],
)
def test_parse_amount_reads_won_with_the_sign_where_negatives_are_allowed(text, expected):
    errors = RowErrors()
    assert parse_amount(row(text), "amount", errors, negative=True) == expected
    assert not errors


@pytest.mark.parametrize("text", ["△1,234", "(1,234)", "-1,234"])
def test_parse_amount_refuses_a_sign_where_negatives_are_not_allowed(text):
    assert refusal(parse_amount, text) == f"4행 [금액(원)]: 금액은 0원 이상이어야 합니다: '{text}'"
    assert "0원보다 커야" in refusal(parse_amount, text, zero=False)


@pytest.mark.parametrize("text", ["1.5", "천만원", "1,234달러", "△-5", "(△5)", "1-2", "true", True])
def test_parse_amount_refuses_what_is_not_a_whole_amount(text):
    assert refusal(parse_amount, text, negative=True).endswith(
        f"금액은 원 단위 정수여야 합니다: '{text}'"
    )


def test_parse_amount_refuses_zero_when_asked():
    assert refusal(parse_amount, "0", zero=False).endswith("금액은 0원보다 커야 합니다: '0'")


@pytest.mark.parametrize("parser", [parse_int, parse_amount, parse_decimal])
@pytest.mark.parametrize("value", NOT_FINITE_CELLS, ids=repr)
def test_every_number_parser_refuses_non_finite_values_with_a_row_error(parser, value):
    options = {"negative": True} if parser is parse_amount else {}
    refusal(parser, value, **options)


def test_a_very_long_cell_is_cut_in_the_message():
    problem = refusal(parse_int, "9" * 5000)
    assert len(problem) < 100 and problem.endswith("…'")


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1,234명", 1234), ("12", 12), ("-3", -3), (7, 7), ("3.0", 3), ("5건", 5)],
)
def test_parse_int_reads_whole_numbers_with_a_unit(text, expected):
    errors = RowErrors()
    assert parse_int(row(text), "amount", errors) == expected
    assert not errors


def test_parse_int_refuses_fractions_and_numbers_below_the_minimum():
    assert refusal(parse_int, "1.5").endswith("정수가 아닙니다: '1.5'")
    assert refusal(parse_int, "-3", minimum=0).endswith("0 이상이어야 합니다: -3")
    own = "‘{text}’은(는) 0 이상의 정수가 아닙니다."
    assert refusal(parse_int, "-3", minimum=0, invalid=own).endswith(
        "‘-3’은(는) 0 이상의 정수가 아닙니다."
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.5", Decimal("1234.5")),
        ("37.5%", Decimal("37.5")),
        ("12", Decimal("12")),
        (0.5, Decimal("0.5")),
    ],
)
def test_parse_decimal_reads_targets_and_ratios(text, expected):
    errors = RowErrors()
    assert parse_decimal(row(text), "amount", errors, places=1) == expected
    assert not errors


def test_parse_decimal_refuses_too_many_places_and_text():
    assert "소수점 아래 1자리까지" in refusal(parse_decimal, "1.25", places=1)
    assert "숫자가 아닙니다" in refusal(parse_decimal, "많이")


def test_an_empty_cell_is_none_unless_required():
    for parser in (parse_int, parse_amount, parse_decimal):
        errors = RowErrors()
        assert parser(row(""), "amount", errors) is None
        assert not errors
        assert refusal(parser, "", required=True).endswith("값이 비어 있습니다.")
    errors = RowErrors()
    assert parse_text(row(" "), "amount", errors, required=True) == ""
    assert [str(e) for e in errors.items] == ["4행 [금액(원)]: 값이 비어 있습니다."]


def test_problems_keep_their_order_within_a_row():
    rejected = ImportRejected(
        [RowError(5, "일자", "b"), RowError(3, "인원", "c"), RowError(3, "일자", "a")]
    )
    assert rejected.lines == ["3행 [인원]: c", "3행 [일자]: a", "5행 [일자]: b"]
