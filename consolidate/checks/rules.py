"""The cross-field rule kinds of the catalog: a vectorised test and a precise description.

For every kind, :func:`passes` answers for all submissions at once (one boolean per row of the
stacked frame; pandera runs it as a check named by the rule's code), and :func:`describe` turns
one failing row into findings that name every cell involved and show the numbers on both sides
("đầu năm 69 + kết nạp 3 + … = 73 ≠ cuối kỳ 72").

Kinds: sum (total = plus − minus), not_greater (part ≤ whole), empty_when, required_when,
filled_iff (filled exactly when a condition holds) and range (min/max, optionally conditional).
"""

from __future__ import annotations

from typing import Any, Mapping

import numpy as np
import pandas as pd

from consolidate.core.findings import Finding
from consolidate.core.model import Catalog, Condition, Form, Rule
from consolidate.core.numbers import format_number

TOLERANCE = 1e-6


def condition_mask(df: pd.DataFrame, cond: Condition | None) -> pd.Series:
    """Rows matching ``cond`` (all rows when None); attributes live in columns _type and _sector."""
    mask = pd.Series(True, index=df.index)
    if cond is not None:
        for attr, allowed in cond.terms:
            mask &= df[f"_{attr}"].isin(list(allowed))
    return mask


def _num(df: pd.DataFrame, code: str) -> pd.Series:
    return pd.to_numeric(df[code], errors="coerce")


def _filled(df: pd.DataFrame, code: str) -> pd.Series:
    return df[code].notna()


def passes(rule: Rule, df: pd.DataFrame) -> pd.Series:
    """True for every row that satisfies ``rule``."""
    p = rule.params
    applies = condition_mask(df, rule.when)
    if rule.kind == "sum":
        total = _num(df, p["total"])
        expected = sum((_num(df, c).fillna(0) for c in p["plus"]), pd.Series(0.0, index=df.index))
        expected = expected - sum((_num(df, c).fillna(0) for c in p["minus"]), pd.Series(0.0, index=df.index))
        ok = total.isna() | ((total - expected).abs() <= TOLERANCE)
    elif rule.kind == "not_greater":
        ok = pd.Series(True, index=df.index)
        for part, whole in p["pairs"]:
            a, b = _num(df, part), _num(df, whole)
            ok &= a.isna() | b.isna() | (a <= b + TOLERANCE)
    elif rule.kind == "empty_when":
        bad = pd.Series(False, index=df.index)
        for code in rule.fields:
            bad |= _num(df, code).fillna(0).ne(0) if code in df and _is_numeric(df[code]) else _filled(df, code)
        ok = ~(applies & bad)
    elif rule.kind == "required_when":
        missing = pd.Series(False, index=df.index)
        for code in rule.fields:
            missing |= ~_filled(df, code)
        ok = ~(applies & missing)
    elif rule.kind == "filled_iff":
        missing = pd.Series(False, index=df.index)
        extra = pd.Series(False, index=df.index)
        for code in rule.fields:
            missing |= ~_filled(df, code)
            extra |= _filled(df, code) & _num(df, code).fillna(1).ne(0)
        ok = ~((applies & missing) | (~applies & extra))
    elif rule.kind == "range":
        value = _num(df, p["field"])
        low = value < p["min"] if p["min"] is not None else pd.Series(False, index=df.index)
        high = value > p["max"] if p["max"] is not None else pd.Series(False, index=df.index)
        ok = ~(applies & value.notna() & (low | high))
    else:  # the catalog loader refuses unknown kinds
        raise ValueError(rule.kind)
    return ok.astype(bool)


def _is_numeric(series: pd.Series) -> bool:
    return pd.api.types.is_numeric_dtype(series)


def describe(rule: Rule, row: Mapping[str, Any], form: Form, catalog: Catalog, cells: Mapping[str, str],
             base: Mapping[str, Any], attributes: Mapping[str, str | None]) -> list[Finding]:
    """Findings for one failing row: located on the cells involved, with the numbers shown."""
    p = rule.params

    def value(code: str) -> float | None:
        v = row.get(code)
        return None if v is None or (isinstance(v, float) and np.isnan(v)) else v

    def finding(primary: str, involved: tuple[str, ...], **params: Any) -> Finding:
        return Finding(rule.code, rule.severity, cell=cells.get(primary), indicator=primary, value=value(primary),
                       params=params, cells=tuple(cells[c] for c in involved if c in cells), **base)

    def name(code: str, lang: str) -> str:
        ind = form.indicators[code]
        text = ind.short if lang == "vi" else ind.label_en
        return text[:1].lower() + text[1:]

    if rule.kind == "sum":
        terms = [(c, "+") for c in p["plus"]] + [(c, "−") for c in p["minus"]]
        expected = sum((value(c) or 0) * (1 if s == "+" else -1) for c, s in terms)
        shown = [(c, s) for i, (c, s) in enumerate(terms) if i == 0 or value(c)]
        detail = {lang: _equation(shown, value, name, lang, expected, p["total"]) for lang in ("vi", "en")}
        return [finding(p["total"], rule.fields, detail=detail, expected=expected)]
    if rule.kind == "not_greater":
        out = []
        for part, whole in p["pairs"]:
            a, b = value(part), value(whole)
            if a is not None and b is not None and a > b + TOLERANCE:
                detail = {lang: f"{name(part, lang)} {format_number(a, None, lang)} > "
                                f"{name(whole, lang)} {format_number(b, None, lang)}" for lang in ("vi", "en")}
                out.append(finding(part, (part, whole), detail=detail))
        return out
    out = []
    for code in rule.fields:
        v = value(code)
        if rule.kind == "range":
            out.append(finding(code, (code,), min=p["min"], max=p["max"]))
            continue
        applies = rule.when.matches(attributes) if rule.when else True
        offending = (
            (rule.kind == "empty_when" and v not in (None, 0, "")) or
            (rule.kind == "required_when" and v is None) or
            (rule.kind == "filled_iff" and ((applies and v is None) or (not applies and v not in (None, 0))))
        )
        if not offending:
            continue
        label = form.indicators[code]
        cell = cells.get(code, "")
        if rule.kind == "filled_iff":
            detail = ({"vi": f"Đơn vị thuộc diện phải điền “{label.label}” nhưng ô {cell} để trống",
                       "en": f"This unit must fill “{label.label_en}” but {cell} is empty"} if applies else
                      {"vi": f"Đơn vị không thuộc diện điền “{label.label}” nhưng ô {cell} ghi {format_number(v)}",
                       "en": f"This unit must not fill “{label.label_en}” but {cell} holds {format_number(v, lang='en')}"})
        else:
            detail = {"vi": f"“{label.label}” ({cell})", "en": f"“{label.label_en}” ({cell})"}
        out.append(finding(code, (code,), detail=detail))
    return out


def _equation(shown, value, name, lang: str, expected: float, total: str) -> str:
    parts = []
    for i, (code, sign) in enumerate(shown):
        text = f"{name(code, lang)} {format_number(value(code) or 0, None, lang)}"
        parts.append(text if i == 0 else f"{sign} {text}")
    left = " ".join(parts)
    return (f"{left} = {format_number(expected, None, lang)} ≠ {name(total, lang)} "
            f"{format_number(value(total) or 0, None, lang)}")
