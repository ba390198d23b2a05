"""Checks of one report's cells that depend on who sent it and for which period.

- **C415** (error): a figure in a cell whose indicator does not apply to the unit (an enterprise-only
  cell filled by a party body). ``applies_to`` conditions hold when every term holds: a unit must
  match the ``type`` list *and* the ``sector`` list when both are given. The figure is never
  summed: the report is rejected with the error on that cell.
- **C414** (warning): one part of a rate filled and the other empty; the unit is then left out of
  that rate (rates count only units reporting both parts), which the clerk should know.
- **C418** (warning): a date outside the report's year (a cut-off date typed with last year's year).
"""

from __future__ import annotations

from collections.abc import Iterable

from consolidate.core.findings import ERROR, WARNING, Finding
from consolidate.core.model import Catalog, Form, Indicator
from consolidate.core.periods import Period
from consolidate.core.submission import Submission


def unit_cell_findings(catalog: Catalog, subs: Iterable[Submission], period: Period | None) -> None:
    """Add C415, C414 and C418 findings to each readable, identified submission."""
    for sub in subs:
        if not sub.readable or sub.form_id is None or sub.form_id not in catalog.forms:
            continue
        form = catalog.forms[sub.form_id]
        sub.findings.extend(_not_applicable(catalog, form, sub))
        sub.findings.extend(_rate_parts(form, sub))
        if period is not None:
            sub.findings.extend(_dates(form, sub, period))


def _not_applicable(catalog: Catalog, form: Form, sub: Submission) -> list[Finding]:
    unit = catalog.unit(sub.unit_code)
    if unit is None:
        return []
    out = []
    for ind in form.inputs:
        if ind.applies_to is None or ind.applies_to.matches(unit.attributes()):
            continue
        value = sub.values.get(ind.code)
        if value in (None, 0, "") or ind.code in sub.bad_cells:
            continue
        sub.bad_cells.add(ind.code)
        out.append(
            Finding(
                "C415",
                ERROR,
                file=sub.path,
                unit=sub.unit_code,
                sheet=sub.sheet,
                cell=sub.cell_of(ind.code),
                indicator=ind.code,
                value=value,
                params={"who": catalog.who(ind.applies_to), "unit_kind": catalog.kind_of(unit)},
            )
        )
    return out


def _rate_parts(form: Form, sub: Submission) -> list[Finding]:
    out = []
    for ind in form.indicators.values():
        if ind.aggregation.method != "ratio":
            continue
        num, den = ind.aggregation.params["numerator"], ind.aggregation.params["denominator"]
        filled = {c: sub.values.get(c) is not None for c in (num, den)}
        if filled[num] == filled[den] or num in sub.bad_cells or den in sub.bad_cells:
            continue
        have, empty = (num, den) if filled[num] else (den, num)
        if form.indicators[empty].required:
            continue  # C401 already says the required part is empty
        out.append(
            Finding(
                "C414",
                WARNING,
                file=sub.path,
                unit=sub.unit_code,
                sheet=sub.sheet,
                cell=sub.cell_of(have),
                indicator=have,
                value=sub.values.get(have),
                cells=tuple(c for c in (sub.cell_of(have), sub.cell_of(empty)) if c),
                params={
                    "other": _label(form.indicators[empty]),
                    "other_cell": sub.cell_of(empty) or "",
                    "rate": _label(ind),
                },
            )
        )
    return out


def _dates(form: Form, sub: Submission, period: Period) -> list[Finding]:
    out = []
    for ind in form.inputs:
        if ind.type != "date":
            continue
        value = sub.values.get(ind.code)
        if value is None or not hasattr(value, "year") or value.year == period.year:
            continue
        out.append(
            Finding(
                "C418",
                WARNING,
                file=sub.path,
                unit=sub.unit_code,
                sheet=sub.sheet,
                cell=sub.cell_of(ind.code),
                indicator=ind.code,
                value=value.strftime("%d/%m/%Y"),
                params={"year": str(period.year)},
            )
        )
    return out


def _label(ind: Indicator) -> dict[str, str]:
    return {"vi": ind.label, "en": ind.label_en}
