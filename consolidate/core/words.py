"""Numbers spelled out in words, so a message can show a value that no reader can misread.

"2.430" means 2430 to a Vietnamese reader and 2,43 to an English one; "2430 (hai nghìn bốn trăm
ba mươi)" means one thing to both. :func:`spelled` writes a number as plain digits (no grouping
separators) followed by its words: Vietnamese uses "nghìn, triệu, tỷ", "linh" for a zero tens
digit, "mốt", "tư", "lăm" as spoken, and "phẩy" before decimals; English uses "thousand, million,
billion" and "point".
"""

from __future__ import annotations

from decimal import Decimal

_VI = ("không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín")
_EN = (
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
)
_EN_TENS = ("", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety")
_VI_SCALES = ("", "nghìn", "triệu", "tỷ")
_EN_SCALES = ("", "thousand", "million", "billion", "trillion")


def _vi_triple(n: int, full: bool) -> list[str]:
    """0–999 in Vietnamese; ``full``: a group after a higher one ("không trăm linh năm")."""
    hundreds, tens, units = n // 100, n // 10 % 10, n % 10
    out: list[str] = []
    if hundreds or full:
        out += [_VI[hundreds], "trăm"]
    if tens == 0:
        if units and (hundreds or full):
            out.append("linh")
    elif tens == 1:
        out.append("mười")
    else:
        out += [_VI[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            out.append("mốt")
        elif units == 4 and tens >= 2:
            out.append("tư")
        elif units == 5 and tens >= 1:
            out.append("lăm")
        else:
            out.append(_VI[units])
    return out


def _vi_integer(n: int) -> str:
    if n == 0:
        return _VI[0]
    if n >= 1000**3:  # beyond "tỷ" the groups repeat: "nghìn tỷ"
        high, low = divmod(n, 1000**3)
        rest = _vi_integer(low) if low else ""
        words = f"{_vi_integer(high)} tỷ"
        return f"{words} {rest}".strip() if low else words
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    out: list[str] = []
    for i in range(len(groups) - 1, -1, -1):
        group = groups[i]
        if group == 0:
            continue
        out += _vi_triple(group, full=bool(out))
        if _VI_SCALES[i]:
            out.append(_VI_SCALES[i])
    return " ".join(out)


def _en_below_thousand(n: int) -> list[str]:
    out: list[str] = []
    if n >= 100:
        out += [_EN[n // 100], "hundred"]
        n %= 100
    if n >= 20:
        out.append(_EN_TENS[n // 10] + (f"-{_EN[n % 10]}" if n % 10 else ""))
    elif n or not out:
        out.append(_EN[n])
    return out


def _en_integer(n: int) -> str:
    if n == 0:
        return _EN[0]
    groups = []
    while n:
        n, group = divmod(n, 1000)
        groups.append(group)
    out: list[str] = []
    for i in range(len(groups) - 1, -1, -1):
        if groups[i]:
            out += _en_below_thousand(groups[i])
            if i:
                out.append(_EN_SCALES[min(i, len(_EN_SCALES) - 1)])
    return " ".join(out)


def in_words(value: int | float | Decimal, lang: str = "vi") -> str:
    """ "hai nghìn bốn trăm ba mươi" / "two thousand four hundred thirty"; decimals after "phẩy" /
    "point" ("hai phẩy bốn mươi ba" / "two point four three")."""
    dec = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    sign = ("âm " if lang == "vi" else "minus ") if dec < 0 else ""
    digits = format(abs(dec), "f")
    whole, _, frac = digits.partition(".")
    frac = frac.rstrip("0")
    integer = _vi_integer if lang == "vi" else _en_integer
    text = integer(int(whole))
    if frac:
        if lang == "vi":
            zeros = len(frac) - len(frac.lstrip("0"))
            text += " phẩy " + " ".join([_VI[0]] * zeros + ([_vi_integer(int(frac))] if frac.lstrip("0") else []))
        else:
            text += " point " + " ".join(_EN[int(d)] for d in frac)
    return sign + text


def plain(value: int | float | Decimal, lang: str = "vi") -> str:
    """Digits with no grouping separator, the decimal mark of the language: 2430, 2,43 / 2.43."""
    dec = value if isinstance(value, Decimal) else Decimal(repr(value) if isinstance(value, float) else value)
    text = format(dec.normalize() if dec != dec.to_integral_value() else dec.quantize(Decimal(1)), "f")
    return text.replace(".", ",") if lang == "vi" else text


def spelled(value: int | float | Decimal, lang: str = "vi", unit: str = "") -> str:
    """ "2430 (hai nghìn bốn trăm ba mươi) triệu đồng": a reading no one can take two ways."""
    text = f"{plain(value, lang)} ({in_words(value, lang)})"
    return f"{text} {unit}".strip()


def upper_first(text: str) -> str:
    """The first letter in capitals, the rest untouched ("báo cáo … Đảng" → "Báo cáo … Đảng";
    str.capitalize would lower "Đảng")."""
    return text[:1].upper() + text[1:]


def lower_first(text: str) -> str:
    """The first letter in lower case for use inside a sentence, unless the first word is an
    acronym ("ĐUK") or a name written in capitals."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]
