"""Other periods' reports derived from the 9-month 2021 tables, for the reporting cycle's samples.

Deterministic (a seeded ``random.Random`` per period and unit), and consistent by the catalog's own
declarations, so no code here names an indicator:

- ``flow`` indicators (cumulative from 1 January) are scaled: for 6 tháng 2021 to 55–80 % of the
  9-month figure (never more, so the cumulative rule K01 holds), for 9 tháng 2020 to 75–120 %;
- ``average`` indicators move a little; ``stock`` indicators stay, except that the 2020 opening
  membership moves by a few members;
- every ``sum`` rule is recomputed from its parts (the membership balance gives the members at the
  cut-off) and every ``not_greater`` pair clamped, so each report passes its form's rules;
- the bloc-wide rules hold too: a figure both sides of an equality name in the unit forms (transfers
  within the bloc) keeps its 9-month value, and a bloc-level figure compared with the units' sum
  is set from (or capped by) that sum.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from consolidate.core.model import Catalog, Form, Indicator

# period → (range of the flow factor, range of the average factor, opening members moved by up to)
PLANS = {
    "6T-2021": ((0.55, 0.80), (0.98, 1.02), 0.0),
    "9T-2020": ((0.75, 1.20), (0.94, 1.03), 0.05),
}
CUTOFFS = {"6T-2021": "30/06/2021", "9T-2020": "30/09/2020"}


def _round(value: float, ind: Indicator) -> int | float:
    if ind.type == "integer":
        return int(Decimal(str(value)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    places = Decimal(1).scaleb(-(ind.decimals if ind.decimals is not None else 3))
    return float(Decimal(str(value)).quantize(places, rounding=ROUND_HALF_UP))


def _text(value: int | float) -> str:
    return str(value) if isinstance(value, int) else f"{value:.6f}".rstrip("0").rstrip(".")


def kept_codes(catalog: Catalog) -> set[str]:
    """Unit-form figures both sides of a bloc-wide equality name: scaled apart, they would no
    longer cancel."""
    unit_codes = {c for f in catalog.unit_forms for c in f.indicators}
    return {
        code
        for r in catalog.bloc_rules
        if r.op == "eq" and r.left in unit_codes and r.right in unit_codes
        for code in (r.left, r.right)
    }


def derive_units(catalog: Catalog, rows: list[dict[str, str]], period: str) -> list[dict[str, str]]:
    """The unit reports of ``period`` from the 9-month 2021 rows."""
    form = catalog.unit_form
    flows, averages, opening_move = PLANS[period]
    keep = kept_codes(catalog)
    out = []
    for row in rows:
        rng = random.Random(f"{period}/{row[form.role('unit_code').code]}")
        values: dict[str, Any] = {}
        for code, ind in form.indicators.items():
            text = row.get(code, "")
            if not ind.numeric or not ind.input or text == "" or ind.role:
                continue
            value = float(text)
            if ind.nature == "flow" and code not in keep:
                factor = rng.uniform(*flows)
                values[code] = min(_round(value * factor, ind), value) if flows[1] <= 1 else _round(value * factor, ind)
            elif ind.nature == "average":
                values[code] = _round(value * rng.uniform(*averages), ind)
            elif ind.nature == "opening" and opening_move:
                values[code] = _round(value * (1 - rng.uniform(-opening_move / 2, opening_move)), ind)
            else:
                values[code] = _round(value, ind)
        _apply_rules(form, values)
        new = dict(row)
        new.update({code: _text(v) for code, v in values.items()})
        for code, ind in form.indicators.items():
            if ind.type == "date" and row.get(code):
                new[code] = CUTOFFS[period]
        out.append(new)
    return out


def _apply_rules(form: Form, values: dict[str, Any]) -> None:
    """Recompute every ``sum`` total, clamp every ``not_greater`` part, in the form's order."""
    for rule in form.rules:
        p = rule.params
        if rule.kind == "sum" and all(c in values for c in (*p["plus"], *p["minus"])) and p["total"] in values:
            values[p["total"]] = sum(values[c] for c in p["plus"]) - sum(values[c] for c in p["minus"])
        elif rule.kind == "not_greater":
            for part, whole in p["pairs"]:
                if part in values and whole in values:
                    values[part] = min(values[part], values[whole])


def derive_bloc(catalog: Catalog, rows: list[dict[str, str]], units: list[dict[str, str]], period: str) -> list[dict]:
    """The bloc-level report of ``period`` (code, value, qualifier rows) from the 9-month 2021 one,
    consistent with the derived unit reports."""
    form = catalog.bloc_form
    assert form is not None  # the samples have a bloc-level form
    flows, _, _ = PLANS[period]
    rng = random.Random(f"{period}/{catalog.bloc.code}")
    values: dict[str, Any] = {}
    texts = {r["code"]: r for r in rows}
    for code, r in texts.items():
        ind = form.indicators.get(code)
        if ind is None or not ind.numeric or r["value"] == "":
            continue
        value = float(r["value"])
        factor = rng.uniform(*flows) if ind.nature == "flow" else 1.0
        values[code] = min(_round(value * factor, ind), value) if flows[1] <= 1 else _round(value * factor, ind)
    _apply_rules(form, values)
    sums = _unit_sums(catalog, units)
    for rule in catalog.bloc_rules:
        if rule.left in values and rule.right in sums and rule.left not in sums:
            if rule.op == "eq":
                values[rule.left] = sums[rule.right]
            elif rule.op == "le":
                values[rule.left] = min(values[rule.left], sums[rule.right])
    out = []
    for code, r in texts.items():
        ind = form.indicators.get(code)
        value = _text(values[code]) if code in values else r["value"]
        if ind is not None and ind.type == "date" and r["value"]:
            value = CUTOFFS[period]
        out.append({**r, "value": value})
    return out


def _unit_sums(catalog: Catalog, units: list[dict[str, str]]) -> Mapping[str, float]:
    form = catalog.unit_form
    sums: dict[str, float] = {}
    for row in units:
        for code, ind in form.indicators.items():
            if ind.numeric and ind.input and row.get(code):
                sums[code] = sums.get(code, 0) + float(row[code])
    return {c: int(v) if float(v).is_integer() else v for c, v in sums.items()}
