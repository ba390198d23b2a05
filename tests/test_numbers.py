"""Vietnamese number text: formatting with "." thousands and "," decimals, half-up rounding."""

from __future__ import annotations

from decimal import Decimal

import pytest

from consolidate.core.numbers import format_number, format_percent, round_half_up


@pytest.mark.parametrize(
    "value,decimals,expected",
    [
        (3407, None, "3.407"),
        (4262000, None, "4.262.000"),
        (75.5, None, "75,5"),
        (10.000000000000002, 1, "10,0"),
        (0, None, "0"),
        (-1234.5, None, "-1.234,5"),
        (91.989, 3, "91,989"),
        (999, 0, "999"),
    ],
)
def test_format_number(value, decimals, expected):
    assert format_number(value, decimals) == expected


def test_format_english_and_padding():
    assert format_number(3407, lang="en") == "3,407"
    assert format_number(9, pad=2) == "09"
    assert format_percent(116 / 120 * 100) == "96,67%"
    assert format_percent(75.0) == "75%"
    assert format_percent(75.0, trim=False) == "75,00%"


@pytest.mark.parametrize(
    "value,decimals,expected",
    [
        (96.665, 2, "96.67"),
        (2.5, 0, "3"),
        (0.125, 2, "0.13"),
        (1.005, 2, "1.01"),
        (-2.5, 0, "-3"),
    ],
)
def test_round_half_up_on_decimals_not_binary_floats(value, decimals, expected):
    assert round_half_up(value, decimals) == Decimal(expected)
