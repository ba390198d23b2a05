"""Amounts of money in the unit a reader expects: a bloc-wide total of 4.262.000 triệu đồng is
"4.262 tỷ đồng"; 257 triệu đồng stays "257 triệu đồng".

An indicator declares its unit ("triệu đồng", "nghìn đồng", "đồng", "tỷ đồng"); the magnitude words
say its power of ten. :func:`display_money` picks the largest of đồng, nghìn, triệu, tỷ in which
the amount is at least 1, and rounds it half-up to the indicator's own number of decimals. The
summary and the draft report use the same function, so one figure has one unit everywhere.
"""

from __future__ import annotations

from decimal import Decimal

from consolidate.core.numbers import normalise_text, round_half_up, to_decimal

# Magnitude words and the power of ten of one đồng they stand for.
MAGNITUDES = {
    "đồng": 0,
    "đ": 0,
    "dong": 0,
    "vnd": 0,
    "vnđ": 0,
    "nghìn": 3,
    "ngàn": 3,
    "nghin": 3,
    "ngan": 3,
    "k": 3,
    "triệu": 6,
    "trieu": 6,
    "tr": 6,
    "tỷ": 9,
    "tỉ": 9,
    "ty": 9,
    "ti": 9,
}
DISPLAY = ((9, "tỷ đồng"), (6, "triệu đồng"), (3, "nghìn đồng"), (0, "đồng"))


def magnitude_of(words: str) -> int | None:
    """The power of ten a unit text implies ("triệu đồng" → 6, "tỷ đồng" → 9, "triệu đồng/người/tháng"
    → 6), or None when the text is not an amount of money: every word before a "/" must be a money
    word, so "đồng chí" (comrades) is not money."""
    head = normalise_text(words).lower().split("/")[0]
    tokens = head.split()
    if not tokens or any(t not in MAGNITUDES for t in tokens):
        return None
    return max(MAGNITUDES[t] for t in tokens)


def is_money_unit(unit: str) -> bool:
    """A plain amount of money ("triệu đồng"), not a rate of it ("triệu đồng/người/tháng")."""
    return "/" not in unit and magnitude_of(unit) is not None


def display_power(value: float | int | Decimal, unit: str) -> tuple[int, str]:
    """(power of ten to multiply the amount by, unit name) to show ``value`` in the largest unit in
    which it is at least 1: 4.262.000 triệu đồng → (−3, "tỷ đồng"). (0, unit) for a unit that is not
    plain money."""
    own = magnitude_of(unit)
    if own is None or not is_money_unit(unit):
        return 0, unit
    dong = to_decimal(value).scaleb(own)
    power, name = next(((p, n) for p, n in DISPLAY if abs(dong) >= Decimal(10) ** p), DISPLAY[-1])
    return own - power, name


def display_money(value: float | int | Decimal, unit: str, decimals: int | None) -> tuple[Decimal, str]:
    """(amount, unit) to show: the largest unit in which the amount is at least 1, rounded half-up
    to ``decimals`` (trailing zeros dropped). A unit that is not plain money is kept as it is."""
    power, name = display_power(value, unit)
    shown = to_decimal(value).scaleb(power)
    return _tidy(round_half_up(shown, decimals) if decimals is not None else shown), name


def places(amount: Decimal) -> int:
    """Decimal places an amount from :func:`display_money` needs: 4262 → 0, 15,675 → 3."""
    exponent = amount.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def _tidy(dec: Decimal) -> Decimal:
    return dec.normalize() if dec != dec.to_integral_value() else dec.quantize(Decimal(1))
