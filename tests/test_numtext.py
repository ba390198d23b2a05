"""Numbers typed as text are read only when they have one reading in their cell; every other text
is refused with the readings in conflict (consolidate/ingest/numtext.py's stated rules)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from consolidate.ingest.numtext import read_number_text


@pytest.mark.parametrize(
    "text,decimals,unit,value,notes",
    [
        ("1.234", False, "đồng chí", "1234", ()),
        ("1,234", False, "đồng chí", "1234", ()),
        ("2.430", False, "đồng chí", "2430", ()),  # a whole-number cell: one reading
        ("96,5", True, "%", "96.5", ()),
        (" 12 ", False, "", "12", ()),
        ("12 đồng chí", False, "đồng chí", "12", ("unit_word",)),
        ("12 Đồng  chí", False, "đồng chí", "12", ("unit_word",)),
        ("46,72 triệu", True, "triệu đồng", "46.72", ("unit_word",)),
        ("1.234,5", True, "", "1234.5", ()),
        ("1,234.5", True, "", "1234.5", ()),
        ("4.262.000", True, "", "4262000", ()),
        ("75.5", True, "", "75.5", ()),
        ("0,219", True, "", "0.219", ()),
        ("0.500", True, "", "0.500", ()),
        ("(5)", False, "", "-5", ()),
        ("−3", False, "", "-3", ()),
        ("12%", True, "%", "12", ("unit_word",)),
        ("1 234", False, "", "1234", ()),
        ("\u00a012\u00a0", False, "", "12", ()),
        ("-", False, "đồng chí", "0", ("zero_word",)),
        ("–", True, "triệu đồng", "0", ("zero_word",)),
        ("Không", False, "đồng chí", "0", ("zero_word",)),
        ("１２", False, "", "12", ("fullwidth",)),
    ],
)
def test_one_reading(text, decimals, unit, value, notes):
    reading = read_number_text(text, decimals, unit)
    assert (reading.value, reading.problem, reading.notes) == (Decimal(value), None, notes)


@pytest.mark.parametrize("text,first,second", [("104.000", "104000", "104.000"), ("9,000", "9000", "9.000")])
def test_two_whole_readings_in_a_whole_number_cell_are_refused(text, first, second):
    reading = read_number_text(text, False, "người")
    assert (reading.value, reading.problem, reading.readings) == (None, "ambiguous", (Decimal(first), Decimal(second)))


def test_one_whole_reading_in_a_whole_number_cell_is_read():
    assert read_number_text("2.430", False, "người").value == Decimal(2430)


@pytest.mark.parametrize(
    "text,first,second",
    [
        ("2.430", "2430", "2.430"),
        ("88,460", "88460", "88.460"),
        ("1,000", "1000", "1.000"),
        ("-2.430", "-2430", "-2.430"),
    ],
)
def test_two_readings_in_a_cell_that_allows_decimals_are_refused(text, first, second):
    reading = read_number_text(text, True, "triệu đồng")
    assert (reading.value, reading.problem, reading.readings) == (None, "ambiguous", (Decimal(first), Decimal(second)))


@pytest.mark.parametrize(
    "text,unit,problem",
    [
        ("khoảng 12", "", "not_a_number"),
        ("abc", "", "not_a_number"),
        ("1.23.4", "", "not_a_number"),
        ("12 3", "", "not_a_number"),
        ("1,2,3", "", "not_a_number"),
        ("12a3", "", "not_a_number"),
        ("1O", "đồng chí", "not_a_number"),  # the letter O typed for a zero
        ("12người", "người", "not_a_number"),  # a word glued to the digits
        ("46,72 tỷ", "triệu đồng", "magnitude"),
        ("5 nghìn", "triệu đồng", "magnitude"),
        ("5 đồng", "triệu đồng", "magnitude"),
        ("12 người", "đồng chí", "unit"),
        ("12%", "đồng chí", "unit"),
    ],
)
def test_refused(text, unit, problem):
    reading = read_number_text(text, True, unit)
    assert (reading.value, reading.problem) == (None, problem)
