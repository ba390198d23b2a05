"""Numbers as Vietnamese text, both ways.

Writing: Vietnamese puts "." between thousands and "," before decimals (3.407; 96,67%; 75,5).
Excel formats cells by the reader's own locale, so every number the toolkit writes *as text*
(captions, messages, the narrative report) goes through :func:`format_number`.

Rounding is half-up (0,005 → 0,01), done on decimals, never on binary floats.

Reading: clerks type numbers as text ("1.234", "1,234", "96,5", " 12 ", "12 người"). The stated
rules of :func:`parse_number_text`:

1. Spaces (including non-breaking ones) around the number are dropped; "1 234" is 1234.
2. A trailing unit word or "%" ("12 người", "5 đồng chí") is dropped, with a note. Text before the
   number ("khoảng 12") makes the cell unreadable.
3. With both "." and ",", the last one is the decimal separator ("1.234,5" and "1,234.5" are 1234,5).
4. One kind of separator appearing twice or more separates thousands ("1.234.567").
5. A single separator followed by exactly three digits separates thousands ("1.234", "1,234"),
   except that a single "," in a decimal cell is the Vietnamese decimal comma ("96,500").
6. Any other single separator is a decimal separator ("96,5", "75.5"); in an integer cell that is
   a decimal, which the caller reports.
7. A leading "-" or "−", or parentheses "(5)", make the number negative.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

_SPACES = re.compile(r"[\s\u00a0\u2007\u202f]+")
_NUMBER_THEN_SUFFIX = re.compile(r"^(?P<num>[0-9][0-9., ]*)(?P<suffix>.*)$")
_SUFFIX_OK = re.compile(r"^[%\w\s/.]*$")


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


def format_percent(value: float | Decimal | None, decimals: int = 2, lang: str = "vi", trim: bool = True) -> str:
    """96.6666 → "96,67%"; with ``trim`` a whole rate drops its decimals (75.00 → "75%")."""
    if value is None:
        return ""
    dec = round_half_up(value, decimals)
    if trim and dec == dec.to_integral_value():
        return f"{format_number(dec, 0, lang)}%"
    return f"{format_number(dec, decimals, lang)}%"


@dataclass(frozen=True, slots=True)
class ParsedNumber:
    """The result of reading a number typed as text: a value, or the reason it is unreadable."""

    value: Decimal | None
    suffix: str = ""
    error: str | None = None


def normalise_text(text: str) -> str:
    """NFC, non-breaking and repeated spaces folded to one space, trimmed."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text)).strip()


def parse_number_text(text: str, decimal_cell: bool) -> ParsedNumber:
    """Read a number typed as text by the rules in this module's docstring."""
    t = normalise_text(text)
    if not t:
        return ParsedNumber(None)
    negative = False
    if t[0] in "-−":
        negative, t = True, t[1:].lstrip()
    elif t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1].strip()
    elif t[0] == "+":
        t = t[1:].lstrip()
    match = _NUMBER_THEN_SUFFIX.match(t)
    if not match:
        return ParsedNumber(None, error="not_a_number")
    num, suffix = match.group("num").strip(), match.group("suffix").strip()
    if suffix and (not _SUFFIX_OK.match(suffix) or any(ch.isdigit() for ch in suffix)):
        return ParsedNumber(None, error="not_a_number")
    num = _group_spaces(num)
    if num is None:
        return ParsedNumber(None, error="not_a_number")
    canonical = _canonical(num, decimal_cell)
    if canonical is None:
        return ParsedNumber(None, error="ambiguous")
    try:
        value = Decimal(canonical)
    except InvalidOperation:
        return ParsedNumber(None, error="not_a_number")
    return ParsedNumber(-value if negative else value, suffix=suffix)


def _group_spaces(num: str) -> str | None:
    """ "1 234 567" → "1234567"; spaces elsewhere make the text unreadable."""
    if " " not in num:
        return num
    parts = num.split(" ")
    if all(p.isdigit() for p in parts) and all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
        return "".join(parts)
    return None


def _canonical(num: str, decimal_cell: bool) -> str | None:
    """Digits with separators → "1234.5" by rules 3–6, or None when no rule applies."""
    dots, commas = num.count("."), num.count(",")
    if not dots and not commas:
        return num
    if dots and commas:
        point = "." if num.rfind(".") > num.rfind(",") else ","
        sep = "," if point == "." else "."
        whole, _, frac = num.rpartition(point)
        if not _valid_groups(whole.split(sep)) or not frac.isdigit():
            return None
        return whole.replace(sep, "") + "." + frac
    sep, count = (".", dots) if dots else (",", commas)
    parts = num.split(sep)
    if count >= 2:
        return "".join(parts) if _valid_groups(parts) else None
    whole, frac = parts
    if not whole or not frac.isdigit():
        return None
    if len(frac) == 3 and _valid_groups(parts) and not (sep == "," and decimal_cell):
        return whole + frac
    return whole + "." + frac


def _valid_groups(parts: list[str]) -> bool:
    head = parts[0] if parts else ""
    return (
        head.isdigit()
        and 1 <= len(head) <= 3
        and not (head.startswith("0") and len(parts) > 1)
        and all(len(p) == 3 and p.isdigit() for p in parts[1:])
    )
