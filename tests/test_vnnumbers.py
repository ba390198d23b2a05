"""Vietnamese number text: formatting and the stated rules for reading numbers typed as text."""

from __future__ import annotations

from decimal import Decimal

import pytest

from consolidate.core.numbers import format_number, format_percent, parse_number_text, round_half_up


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


@pytest.mark.parametrize(
    "text,decimal_cell,value,suffix",
    [
        ("1.234", False, "1234", ""),
        ("1,234", False, "1234", ""),
        ("96,5", True, "96.5", ""),
        (" 12 ", False, "12", ""),
        ("12 người", False, "12", "người"),
        ("1.234,5", True, "1234.5", ""),
        ("1,234.5", True, "1234.5", ""),
        ("4.262.000", True, "4262000", ""),
        ("75.5", True, "75.5", ""),
        ("(5)", False, "-5", ""),
        ("−3", False, "-3", ""),
        ("12%", False, "12", "%"),
        ("1 234", False, "1234", ""),
        ("96,500", True, "96.500", ""),
        ("0.500", True, "0.500", ""),
        ("\u00a012\u00a0", False, "12", ""),
        ("5 đồng chí", False, "5", "đồng chí"),
    ],
)
def test_parse_number_text(text, decimal_cell, value, suffix):
    parsed = parse_number_text(text, decimal_cell)
    assert (parsed.value, parsed.suffix, parsed.error) == (Decimal(value), suffix, None)


@pytest.mark.parametrize(
    "text,error",
    [
        ("khoảng 12", "not_a_number"),
        ("abc", "not_a_number"),
        ("1.23.4", "ambiguous"),
        ("12 3", "not_a_number"),
        ("1,2,3", "ambiguous"),
        ("12a3", "not_a_number"),
    ],
)
def test_unreadable_number_text(text, error):
    assert parse_number_text(text, False).error == error
