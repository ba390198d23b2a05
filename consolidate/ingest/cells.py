"""One raw cell value → a typed value, or a coded reason it cannot be read.

What can be read unambiguously is read (with a warning when the clerk typed a number as text);
what cannot is an error on that cell and the value becomes None. Text is NFC-normalised so
Vietnamese typed in decomposed Unicode compares equal to the catalog's.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from consolidate.core.codes import BUILTIN
from consolidate.core.layout import fold
from consolidate.core.model import Indicator, Option
from consolidate.core.money import magnitude_of
from consolidate.core.numbers import normalise_text, round_half_up, to_decimal
from consolidate.core.words import spelled
from consolidate.ingest.numtext import read_number_text

EXCEL_EPOCH = dt.date(1899, 12, 30)
INF = float("inf")
_FOLDED: dict[int, tuple[tuple[Option, ...], list[tuple[set[str], str]]]] = {}


@dataclass(frozen=True, slots=True)
class CellResult:
    """A typed value (None when empty or unreadable) and, if any, the finding's code and params."""

    value: Any
    code: str | None = None
    params: dict | None = None

    @property
    def bad(self) -> bool:
        """The cell could not be read (an error, not a note about how it was read)."""
        return self.code is not None and BUILTIN[self.code].severity == "error"


EMPTY = CellResult(None)


def clean_text(raw: str, multiline: bool = False) -> str:
    """NFC; spaces folded; line breaks kept for free text."""
    if not multiline:
        return normalise_text(raw)
    lines = [normalise_text(line) for line in unicodedata.normalize("NFC", raw).splitlines()]
    return "\n".join(lines).strip()


def coerce(ind: Indicator, raw: Any) -> CellResult:
    """Type ``raw`` (as calamine returns it: float, str, bool, date, datetime, '') for ``ind``."""
    if type(raw) is float and ind.numeric and raw == raw and abs(raw) != INF:  # the common case, fast
        if ind.type != "integer":
            return CellResult(raw) if ind.decimals is None or raw == round(raw, ind.decimals) else _kept(ind, raw)
        if raw.is_integer():
            return CellResult(int(raw))
    if raw is None or raw == "":
        return EMPTY
    if isinstance(raw, str) and not raw.strip():
        return EMPTY
    if ind.numeric:
        return _number(ind, raw)
    if ind.type == "enum":
        return match_option(ind.options, raw)
    if ind.type == "date":
        return _date(raw)
    return CellResult(_text(raw, multiline=not ind.role))


def _number(ind: Indicator, raw: Any) -> CellResult:
    if isinstance(raw, (bool, dt.date, dt.datetime, dt.time)):
        return CellResult(None, "C402", {"value": _show(raw)})
    if isinstance(raw, (int, float)):
        if raw != raw or raw in (float("inf"), float("-inf")):
            return CellResult(None, "C402", {"value": str(raw)})
        return _typed(ind, raw)
    text = normalise_text(str(raw))
    reading = read_number_text(text, allows_decimals(ind), ind.unit)
    if reading.problem == "ambiguous":
        first, second = reading.readings[:2]
        return CellResult(None, "C411", {"value": text, "first": _spelled(first, ind), "second": _spelled(second, ind)})
    if reading.problem in ("unit", "magnitude"):
        return CellResult(
            None,
            "C416",
            {"value": text, "word": reading.word, "unit": ind.unit or "—", "hint": _magnitude_hint(reading, text, ind)},
        )
    if reading.value is None:
        return CellResult(None, "C402", {"value": text})
    typed = _typed(ind, reading.value)
    if typed.code is not None:
        return typed
    if "zero_word" in reading.notes:
        return CellResult(typed.value, "C413", {"value": text})
    return CellResult(typed.value, "C403", {"value": text, "read": _spelled(reading.value, ind)})


def allows_decimals(ind: Indicator) -> bool:
    """Whether a cell may hold a fraction: not for whole numbers, nor amounts kept with no decimals."""
    return ind.type != "integer" and (ind.decimals is None or ind.decimals > 0)


def _typed(ind: Indicator, value: Decimal | float | int) -> CellResult:
    if ind.type == "integer":
        if value != int(value):
            return CellResult(None, "C404", {"value": value})
        return CellResult(int(value))
    return _kept(ind, value)


def _kept(ind: Indicator, value: Decimal | float | int) -> CellResult:
    """A fraction at the form's precision: with more decimal places than the indicator declares,
    rounded half up, with a warning showing both the figure typed and the one counted, so every
    sheet, total and rule sees the same figure. An amount kept with no decimals takes whole
    numbers only, like a count: 1838,05 in a cell of whole triệu đồng is an error, not 1838."""
    if ind.decimals is None:
        return CellResult(float(value))
    exact = to_decimal(value)
    if ind.decimals == 0 and exact != exact.to_integral_value():  # an amount kept in whole units
        return CellResult(None, "C404", {"value": value})
    counted = round_half_up(exact, ind.decimals)
    if abs(exact - counted) <= Decimal("1e-9") * max(Decimal(1), abs(exact)):  # binary noise, as in 0.1 + 0.2
        return CellResult(float(value))
    return CellResult(
        float(counted),
        "C419",
        {
            "value": float(exact),
            "read": _spelled(exact, ind),
            "decimals": ind.decimals,
            "counted": _spelled(counted, ind),
        },
    )


def _spelled(value: Decimal, ind: Indicator) -> dict[str, str]:
    """The value as digits and words, with the cell's unit: a reading no one can take two ways."""
    return {lang: spelled(value, lang, ind.unit if ind.unit != "%" else "%") for lang in ("vi", "en")}


def _magnitude_hint(reading, text: str, ind: Indicator) -> dict[str, str]:
    """For "46,72 tỷ" in a cell of triệu đồng: what to write instead, if that magnitude was meant."""
    typed, own = magnitude_of(reading.word), magnitude_of(ind.unit)
    number = read_number_text(text.replace(reading.word, "").strip(), True, "")
    if typed is None or own is None or number.value is None:
        return {"vi": "", "en": ""}
    converted = number.value.scaleb(typed - own)
    return {
        "vi": f" Nếu đúng là {text}, ghi {spelled(converted, 'vi', ind.unit)}.",
        "en": f" If {text} is meant, enter {spelled(converted, 'en', ind.unit)}.",
    }


def match_option(options: tuple[Option, ...], raw: Any) -> CellResult:
    """An option by its label or key, compared case- and space-insensitively after NFC."""
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    wanted = fold(raw)
    for names, key in _folded(options):
        if wanted in names:
            return CellResult(key)
    return CellResult(None, "C407", {"value": _show(raw), "options": " / ".join(o.label for o in options)})


def _folded(options: tuple[Option, ...]) -> list[tuple[set[str], str]]:
    """Each option's comparable names, folded once per option list."""
    cached = _FOLDED.get(id(options))
    if cached is None or cached[0] is not options:
        cached = (options, [({fold(o.label), fold(o.key), fold(o.label_en)}, o.key) for o in options])
        _FOLDED[id(options)] = cached
    return cached[1]


def _date(raw: Any) -> CellResult:
    """A date: a date cell, an Excel serial, or text day/month/year ("30/09/2021", "30-09-2021",
    "2021-09-30"). Text with a month above 12 that reads as month/day ("09/30/2021") is read so,
    with a warning; any other text is an error."""
    if isinstance(raw, dt.datetime):
        return CellResult(raw.date())
    if isinstance(raw, dt.date):
        return CellResult(raw)
    if isinstance(raw, (int, float)) and not isinstance(raw, bool) and 0 < raw < 2958466:
        return CellResult(EXCEL_EPOCH + dt.timedelta(days=int(raw)))
    text = normalise_text(str(raw))
    for fmt in ("%d/%m/%Y", "%d-%m-%Y", "%d.%m.%Y", "%Y-%m-%d"):
        try:
            return CellResult(dt.datetime.strptime(text, fmt).date())
        except ValueError:
            continue
    for fmt in ("%m/%d/%Y", "%m-%d-%Y", "%m.%d.%Y"):
        try:
            day = dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
        return CellResult(day, "C417", {"value": text, "month": day.day, "read": day.strftime("%d/%m/%Y")})
    return CellResult(None, "C410", {"value": text})


def _text(raw: Any, multiline: bool) -> str:
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.strftime("%d/%m/%Y")
    return clean_text(str(raw), multiline)


def _show(raw: Any) -> str:
    if isinstance(raw, bool):
        return "TRUE" if raw else "FALSE"
    if isinstance(raw, (dt.date, dt.datetime)):
        return raw.strftime("%d/%m/%Y")
    return normalise_text(str(raw))
