"""Numbers typed as text, read only when they have one reading in their cell.

Clerks type numbers as text ("1.234", "96,5", " 12 ", "12 đồng chí", "-"). A Vietnamese reader
takes "2.430" as 2430 and an English one as 2,43; a wrong guess is the worst bug this toolkit can
have, so :func:`read_number_text` follows stated rules and refuses what it cannot read one way:

1. Spaces (also non-breaking ones) around the number are dropped; "1 234" is 1234. Full-width
   digits ("１２") are read as digits, with a note.
2. "-", "–", "—", "không" and "không có" mean 0 (the form says "không phát sinh thì ghi 0"), with a note.
3. A trailing word is allowed only when it is the cell's own unit ("12 đồng chí" in a cell of
   đồng chí, "12%" in a cell of %), after a space. A different magnitude ("46,72 tỷ" in a cell of
   triệu đồng) is refused naming both; any other word, or letters mixed into the digits ("1O",
   "12a"), make the text unreadable. Text before the number ("khoảng 12") too.
4. With both "." and ",", the last one is the decimal mark ("1.234,5" and "1,234.5" are 1234,5).
5. One kind of separator appearing twice or more separates thousands ("1.234.567").
6. A single separator followed by exactly three digits ("2.430", "88,460") has two readings in a
   cell that allows decimals (2430 or 2,43): refused, showing both. In a whole-number cell the
   thousands reading is the only one (2430) unless the three digits are zeros: "104.000" is
   104000 or 104, both whole, so it is refused too.
7. Any other single separator is the decimal mark ("96,5", "75.5", "0,219").
8. A leading "-" or "−", or parentheses "(5)", make the number negative.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from consolidate.core.money import magnitude_of
from consolidate.core.numbers import normalise_text

ZERO_WORDS = {"-", "–", "—", "−", "không", "không có", "khong", "khong co"}
_NUMBER = re.compile(r"^(?P<num>[0-9][0-9., ]*?)(?P<gap>\s*)(?P<suffix>[^0-9., ].*)?$")
_WORD = re.compile(r"^[^\W\d_]+(?:[\s/][^\W\d_]+)*$|^%$")


@dataclass(frozen=True, slots=True)
class Reading:
    """What a text says as a number: ``value``, or a ``problem`` (ambiguous, not_a_number, unit,
    magnitude) with the ``readings`` in conflict; ``notes`` say what was tolerated (zero_word,
    fullwidth, unit_word)."""

    value: Decimal | None
    problem: str | None = None
    readings: tuple[Decimal, ...] = ()
    notes: tuple[str, ...] = ()
    word: str = ""  # the trailing word typed after the number


def read_number_text(text: str, allows_decimals: bool, unit: str = "") -> Reading:
    """Read ``text`` for a cell of ``unit`` by the rules of this module."""
    t = normalise_text(text)
    notes: list[str] = []
    folded = unicodedata.normalize("NFKC", t)
    if folded != t and any(unicodedata.category(ch) == "Nd" and not ch.isascii() for ch in t):
        notes.append("fullwidth")
    t = normalise_text(folded)
    if not t:
        return Reading(None)
    if t.lower() in ZERO_WORDS:
        return Reading(Decimal(0), notes=(*notes, "zero_word"))
    negative = False
    if t[0] in "-−":
        negative, t = True, t[1:].lstrip()
    elif t.startswith("(") and t.endswith(")"):
        negative, t = True, t[1:-1].strip()
    elif t[0] == "+":
        t = t[1:].lstrip()
    match = _NUMBER.match(t)
    if not match:
        return Reading(None, "not_a_number")
    num, suffix = match.group("num").strip(), (match.group("suffix") or "").strip()
    word = ""
    if suffix:
        if (not match.group("gap") and suffix != "%") or not _WORD.match(suffix):
            return Reading(None, "not_a_number")  # "1O", "12a3", "12 3a"
        problem = _word_problem(suffix, unit)
        if problem:
            return Reading(None, problem, word=suffix)
        word = suffix
        notes.append("unit_word")
    grouped = _group_spaces(num)
    if grouped is None:
        return Reading(None, "not_a_number")
    readings = _readings(grouped, allows_decimals)
    if not readings:
        return Reading(None, "not_a_number")
    sign = -1 if negative else 1
    if len(readings) > 1:
        return Reading(None, "ambiguous", tuple(sign * r for r in readings), tuple(notes), word)
    return Reading(sign * readings[0], None, (), tuple(notes), word)


def _word_problem(word: str, unit: str) -> str | None:
    """None when ``word`` is the cell's unit; "magnitude" when it names another magnitude of money;
    "unit" for any other word."""
    if normalise_text(word).lower() == normalise_text(unit).lower() and unit:
        return None
    typed, own = magnitude_of(word), magnitude_of(unit)
    if typed is not None and own is not None:
        return None if typed == own and _same_words(word, unit) else "magnitude"
    return "unit"


def _same_words(word: str, unit: str) -> bool:
    """ "triệu" for "triệu đồng": the typed word names the unit's magnitude and nothing else."""
    typed = set(normalise_text(word).lower().split())
    return typed <= set(normalise_text(unit).lower().split())


def _group_spaces(num: str) -> str | None:
    """ "1 234 567" → "1234567"; spaces elsewhere make the text unreadable."""
    if " " not in num:
        return num
    parts = num.split(" ")
    if all(p.isdigit() for p in parts) and all(len(p) == 3 for p in parts[1:]) and 1 <= len(parts[0]) <= 3:
        return "".join(parts)
    return None


def _decimal(text: str) -> Decimal | None:
    try:
        return Decimal(text)
    except InvalidOperation:
        return None


def _readings(num: str, allows_decimals: bool) -> list[Decimal]:
    """Every value the digits and separators can mean in this cell (rules 4–7)."""
    dots, commas = num.count("."), num.count(",")
    if not dots and not commas:
        value = _decimal(num)
        return [value] if value is not None else []
    if dots and commas:
        point = "." if num.rfind(".") > num.rfind(",") else ","
        sep = "," if point == "." else "."
        whole, _, frac = num.rpartition(point)
        if not _valid_groups(whole.split(sep)) or not frac.isdigit():
            return []
        value = _decimal(whole.replace(sep, "") + "." + frac)
        return [value] if value is not None else []
    sep, count = (".", dots) if dots else (",", commas)
    parts = num.split(sep)
    if count >= 2:
        value = _decimal("".join(parts)) if _valid_groups(parts) else None
        return [value] if value is not None else []
    whole, frac = parts
    if not whole or not frac.isdigit() or not whole.isdigit():
        return []
    as_decimal = Decimal(whole + "." + frac)
    if len(frac) == 3 and _valid_groups(parts):
        as_thousands = Decimal(whole + frac)
        if allows_decimals or as_decimal == as_decimal.to_integral_value():  # "104.000": 104000 or 104
            return [as_thousands, as_decimal]
        return [as_thousands]
    return [as_decimal]


def _valid_groups(parts: list[str]) -> bool:
    head = parts[0] if parts else ""
    return (
        head.isdigit()
        and 1 <= len(head) <= 3
        and not (head.startswith("0") and len(parts) > 1)
        and all(len(p) == 3 and p.isdigit() for p in parts[1:])
    )
