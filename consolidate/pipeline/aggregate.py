"""Bloc-wide totals from the accepted submissions, by each indicator's declared rule. Pure.

- ``sum``: the sum over every accepted submission that carries the code (units and, for codes the
  bloc-level form shares, the bloc committee's own figure);
- ``weighted_mean``: Σ(value × weight) / Σ weight, never a plain mean of the units' means;
- ``ratio``: the ratio of the two sums × scale, never an average of the units' rates;
- ``count_units``: units of the registry (optionally of one type), whoever reported;
- ``count``: accepted submissions answering a given option.

Derived values are rounded half-up to the indicator's decimals (116/120 → 96,67). Every total
carries its coverage: how many units reported it out of how many it applies to.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Iterable, Mapping

from consolidate.core.model import Catalog, Indicator
from consolidate.core.submission import Submission
from consolidate.core.numbers import plain_number, round_half_up, to_decimal

if TYPE_CHECKING:      # only the frames' type: the module itself never needs pandas
    import pandas as pd


@dataclass(frozen=True, slots=True)
class Total:
    code: str
    value: int | float | None
    method: str
    units: int                 # grassroots submissions with a value
    eligible: int              # registry units the indicator applies to
    bloc: bool = False         # the bloc-level submission contributes
    numerator: int | float | None = None
    denominator: int | float | None = None
    qualifier: str | None = None


@dataclass(frozen=True, slots=True)
class Part:
    """The accepted rows of one form's frame."""

    frame: "pd.DataFrame"
    subs: list[Submission]
    is_bloc: bool


def eligible_units(catalog: Catalog, ind: Indicator) -> int:
    if ind.applies_to is None:
        return len(catalog.units)
    return sum(ind.applies_to.matches(u.attributes()) for u in catalog.units)


def aggregate(catalog: Catalog, parts: Iterable[Part]) -> dict[str, Total]:
    """code → Total for every aggregated indicator of every form, in catalog order."""
    parts = list(parts)
    totals: dict[str, Total] = {}
    derived: list[Indicator] = []
    for form in catalog.forms.values():
        for ind in form.indicators.values():
            if ind.code in totals or ind.aggregation.method in ("none", "text"):
                continue
            if ind.derived:
                derived.append(ind)
                continue
            totals[ind.code] = _input_total(catalog, ind, parts)
    for ind in derived:
        if ind.code not in totals:
            totals[ind.code] = _derived_total(catalog, ind, totals)
    return totals


def _carriers(parts: list[Part], code: str) -> list[Part]:
    return [p for p in parts if code in p.frame.columns and len(p.frame)]


def _input_total(catalog: Catalog, ind: Indicator, parts: list[Part]) -> Total:
    agg = ind.aggregation
    carriers = _carriers(parts, ind.code)
    units = sum(int(p.frame[ind.code].notna().sum()) for p in carriers if not p.is_bloc)
    bloc = any(p.is_bloc and p.frame[ind.code].notna().any() for p in carriers)
    eligible = eligible_units(catalog, ind)
    if agg.method == "sum":
        values = [v for p in carriers for v in p.frame[ind.code].dropna().tolist()]
        value = plain_number(math.fsum(values), ind.decimals) if values else (0 if units or bloc else None)
        qualifier = _qualifier(catalog, ind.code, carriers) if ind.qualified else None
        return Total(ind.code, value, "sum", units, eligible, bloc, qualifier=qualifier)
    if agg.method == "weighted_mean":
        num = den = Decimal(0)
        for p in carriers:
            if agg.weight not in p.frame.columns:
                continue
            pair = p.frame[[ind.code, agg.weight]].dropna()
            for v, w in pair.itertuples(index=False, name=None):
                if w > 0:
                    num += to_decimal(v) * to_decimal(w)
                    den += to_decimal(w)
        value = plain_number(round_half_up(num / den, ind.decimals or 0), ind.decimals) if den else None
        return Total(ind.code, value, "weighted_mean", units, eligible, bloc,
                     numerator=plain_number(num), denominator=plain_number(den))
    if agg.method == "count":
        hits = sum(int((p.frame[ind.code] == agg.value).sum()) for p in carriers)
        return Total(ind.code, hits, "count", units, eligible, bloc)
    raise ValueError(agg.method)


def _derived_total(catalog: Catalog, ind: Indicator, totals: Mapping[str, Total]) -> Total:
    agg = ind.aggregation
    if agg.method == "count_units":
        n = sum(1 for u in catalog.units if agg.where is None or agg.where.matches(u.attributes()))
        return Total(ind.code, n, "count_units", len(catalog.units), len(catalog.units))
    num, den = totals.get(agg.numerator), totals.get(agg.denominator)
    value = ratio(num.value if num else None, den.value if den else None, agg.scale, ind.decimals or 0)
    units = min(num.units, den.units) if num and den else 0
    return Total(ind.code, value, "ratio", units, max(num.eligible if num else 0, den.eligible if den else 0),
                 bool(num and num.bloc), numerator=num.value if num else None,
                 denominator=den.value if den else None)


def ratio(numerator, denominator, scale: float, decimals: int) -> float | None:
    """numerator / denominator × scale, rounded half-up; None when the denominator is 0 or missing."""
    if numerator is None or not denominator:
        return None
    exact = to_decimal(numerator) * to_decimal(scale) / to_decimal(denominator)
    return plain_number(round_half_up(exact, decimals), decimals)


def _qualifier(catalog: Catalog, code: str, carriers: list[Part]) -> str | None:
    """The qualifier of a summed amount: shared by every part, else "khoảng" if any part has one."""
    found = set()
    for p in carriers:
        for i, s in enumerate(p.subs):
            if code in s.values:
                found.add(s.qualifiers.get(code, "chinh_xac"))
    found.discard("")
    if not found or found == {"chinh_xac"}:
        return None
    if len(found) == 1:
        return found.pop()
    return "khoang" if "khoang" in catalog.qualifiers else None


def unit_ratio(values: Mapping[str, object], ind: Indicator) -> float | None:
    """A derived ratio for one unit's own figures (for the per-unit sheets)."""
    agg = ind.aggregation
    if agg.method != "ratio":
        return None
    return ratio(values.get(agg.numerator), values.get(agg.denominator), agg.scale, ind.decimals or 0)


def totals_map(totals: Mapping[str, Total]) -> dict[str, int | float | None]:
    return {code: t.value for code, t in totals.items()}
