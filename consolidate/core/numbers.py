"""Numbers as Vietnamese text, both ways.

Writing: Vietnamese puts "." between thousands and "," before decimals (3.407; 96,67%; 75,5).
Excel formats cells by the reader's own locale, so every number the toolkit writes *as text*
(captions, messages, the narrative report) goes through :func:`format_number`.

Rounding is half-up (0,005 → 0,01), done on decimals, never on binary floats.

Reading numbers typed as text is :mod:`consolidate.ingest.numtext`.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")


def to_decimal(value: float | int | Decimal) -> Decimal:
    """Exact decimal of a number as a person would read it (0.1 → Decimal('0.1'))."""
    if isinstance(value, Decimal):
        return value
    if isinstance(value, int):
        return Decimal(value)
    return Decimal(repr(float(value)))


def round_half_up(value: float | int | Decimal, decimals: int = 0) -> Decimal:
    """Round half away from zero at ``decimals`` places: 96.665 → 96.67, 2.5 → 3."""
    quantum = Decimal(1).scaleb(-decimals)
    return to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)


def plain_number(value: float | int | Decimal, decimals: int | None = None) -> int | float:
    """A JSON-friendly number: an int when integral and no decimals are asked, else a float."""
    dec = round_half_up(value, decimals) if decimals is not None else to_decimal(value)
    if decimals in (None, 0) and dec == dec.to_integral_value():
        return int(dec)
    return float(dec)


def format_number(
    value: float | int | Decimal | None, decimals: int | None = None, lang: str = "vi", pad: int = 0
) -> str:
    """Format with grouping: 4262000 → "4.262.000" (vi) or "4,262,000" (en).

    ``decimals=None`` shows only the decimals the value needs (75.5 → "75,5"); ``pad`` zero-pads
    the integer part the way official documents write small counts ("09").
    """
    if value is None:
        return ""
    dec = round_half_up(value, decimals) if decimals is not None else to_decimal(value)
    if decimals is None:
        dec = dec.normalize() if dec != dec.to_integral_value() else dec.quantize(Decimal(1))
    sign = "-" if dec < 0 else ""
    digits = format(abs(dec), "f")
    whole, _, frac = digits.partition(".")
    whole = whole.zfill(pad)
    thousands, point = (".", ",") if lang == "vi" else (",", ".")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    text = thousands.join(groups)
    return f"{sign}{text}{point}{frac}" if frac else f"{sign}{text}"


def value_text(value: object, lang: str = "vi") -> str:
    """A finding's value as a reader of ``lang`` writes it: numbers with that language's
    separators and only the decimals they have (64.92 → "64,92", 300.0 → "300"), text as typed."""
    if value is None:
        return ""
    if isinstance(value, (int, float, Decimal)) and not isinstance(value, bool):
        if isinstance(value, float) and value != value:
            return str(value)
        try:
            return format_number(value, lang=lang)
        except (ArithmeticError, ValueError):  # inf: shown as typed
            return str(value)
    return str(value)


def format_percent(value: float | Decimal | None, decimals: int = 2, lang: str = "vi", trim: bool = True) -> str:
    """96.6666 → "96,67%"; with ``trim`` a whole rate drops its decimals (75.00 → "75%")."""
    if value is None:
        return ""
    dec = round_half_up(value, decimals)
    if trim and dec == dec.to_integral_value():
        return f"{format_number(dec, 0, lang)}%"
    return f"{format_number(dec, decimals, lang)}%"


def normalise_text(text: str) -> str:
    """NFC, non-breaking and repeated spaces folded to one space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()
