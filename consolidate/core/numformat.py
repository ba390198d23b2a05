"""Excel number formats that show Vietnamese figures (3.407; 96,67) on any computer.

A format such as ``#,##0.00`` shows the *reader's* separators: 3,407 and 96.67 on a computer set
to English (US), as many Vietnamese office PCs are, where "91.989 triệu đồng" then reads as
ninety-one billion. No number format can choose its separators in Excel: a locale tag such as
``[$-42A]`` changes them in LibreOffice only. A format may, however, print literal characters, and
the cell stays a number whatever its format shows. So:

- **Whole numbers** get the dots as literal characters, in bands chosen by a condition:
  ``[<1000]0;[<1000000]#\\.##0;#\\.###\\.##0`` shows 5, 3.407 and 4.262.000 for any number below a
  billion (a larger figure gets the next bands). The format does not depend on the value, so it
  suits input cells and formulas too.
- **Figures with decimals** get, cell by cell, a format that spells the figure and holds only while
  the cell holds a number that rounds to it: ``[<96.665]#,##0.00;[<96.675]"96,67";#,##0.00``.
  Any other number (a typed-over cell) shows in the computer's own format (``#,##0.00``), so a
  stale figure is never shown.
- **Signs.** Excel and LibreOffice add a minus sign of their own in different conditional
  sections (Excel in every section but those testing ``<``/``<=``/``=`` a negative number;
  LibreOffice in the first section only; both agree on an unconditional format's negative
  section, which shows what is written). So a negative whole number gets an unconditional
  "positive;negative;zero" format laid out for its digits; a negative figure with decimals shows
  its spelling only while the cell holds exactly that number (``[=-3.5]``); a zero with decimals
  holds for [0; 0,005). A typed-over negative number may then show "--3.5" in Excel: never a
  wrong figure, never a lost sign.

Checked by printing with LibreOffice under vi_VN and en_US (tests/test_render.py). Excel was not
at hand: its sign rules above are those of the numfmt library (borgar/numfmt), written and tested
to match Excel.
Excel loads at most 206 custom number formats per workbook (MS-OI29500 §2.1.713), so a writer
spends the per-figure formats sparingly: see ``outputs.summary.style.Figures``.
"""

from __future__ import annotations

from decimal import Decimal

from consolidate.core.numbers import format_number, round_half_up

VIETNAMESE = "[$-42A]"  # the locale tag LibreOffice honours for separators (Excel ignores it there)
MINUS = "−"  # U+2212, as the signed columns print it
_GROUPS = ["0", "#\\.##0", "#\\.###\\.##0", "#\\.###\\.###\\.##0", "#\\.###\\.###\\.###\\.##0"]


def _pattern(digits: int) -> str:
    """The literal-dot pattern of a whole number with ``digits`` digits (1 → "0", 4 → "#\\.##0")."""
    return _GROUPS[min((max(digits, 1) - 1) // 3, len(_GROUPS) - 1)]


def whole_format(value: float | int | Decimal | None = None) -> str:
    """The format of a whole number: bands of literal dots for 0 to 999.999.999 (and, for a value
    of a billion or more, 1.000.000 to 999.999.999.999.999). Negative numbers show their minus
    sign and digits without dots."""
    if value is not None and abs(float(value)) >= 1e9:
        return f"[<1000000000]{_GROUPS[2]};[<1000000000000]{_GROUPS[3]};{_GROUPS[4]}"
    return f"[<1000]{_GROUPS[0]};[<1000000]{_GROUPS[1]};{_GROUPS[2]}"


INPUT_WHOLE = whole_format()  # template input cells and formulas: any value, Vietnamese dots


def _plain(decimals: int) -> str:
    return "#,##0" + ("." + "0" * decimals if decimals > 0 else "")


def locale_format(decimals: int) -> str:
    """``[$-42A]#,##0.00``: Vietnamese separators in LibreOffice, the computer's in Excel."""
    return VIETNAMESE + _plain(decimals)


def figure_format(value: float | int | Decimal, decimals: int, signed: bool = False) -> str:
    """The format that shows ``value`` rounded half-up to ``decimals`` places, the Vietnamese way,
    whatever the reader's computer (see the module docstring); ``signed`` prints "+" before a
    positive figure and "−" before a negative one."""
    shown = round_half_up(value, decimals)
    plus, minus = ("+", MINUS) if signed else ("", "-")
    if decimals <= 0:
        if shown >= 0 and not signed:
            return whole_format(shown)
        pattern = _pattern(len(str(abs(int(shown)))))
        return f'{plus}{pattern};"{minus}"{pattern};0'
    plain, text = _plain(decimals), format_number(abs(shown), decimals)
    half = Decimal(5).scaleb(-decimals - 1)
    if shown > 0:  # while the cell holds a number that rounds to the figure
        return f'[<{shown - half:f}]{plain};[<{shown + half:f}]"{plus}{text}";{plus}{plain}'
    if shown == 0:
        return f'[>={half:f}]{plain};[>=0]"{text}";\\-{plain}'
    exact = _exact(value)
    if exact is None:  # no exact condition possible: the figure for every negative number
        return f'{plus}{plain};"{minus}{text}"'
    return f'[>{shown + half:f}]{plain};[={exact}]"{minus}{text}";\\-{plain}'


def _exact(value: float | int | Decimal) -> str | None:
    """``value`` as a condition both programs read back exactly: at most 15 significant digits."""
    text = repr(float(value))
    return text if "e" not in text and len(text.replace("-", "").replace(".", "").lstrip("0")) <= 15 else None


__all__ = ["INPUT_WHOLE", "MINUS", "VIETNAMESE", "figure_format", "locale_format", "whole_format"]
