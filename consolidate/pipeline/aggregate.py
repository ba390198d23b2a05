"""Bloc-wide totals from the accepted submissions, each by its indicator's aggregation method
(:mod:`consolidate.aggregations`). Pure.

Typed-in indicators are totalled first, computed ones (rates, registry counts) after, each once
(a code the bloc-level form shares with a unit form is one total of both). Every total carries
its coverage: how many units reported it out of how many it applies to.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from consolidate import aggregations
from consolidate.aggregations import Context, Part, Total
from consolidate.core.model import Catalog, Indicator

__all__ = ["Part", "Total", "aggregate", "eligible_units", "totals_map", "unit_value"]


def eligible_units(catalog: Catalog, ind: Indicator) -> int:
    """Registry units expected to report ``ind``: those its unit form applies to and the
    indicator itself applies to (0 for a figure only the bloc committee reports)."""
    forms = [f for f in catalog.forms.values() if f.submitted_by == "unit" and ind.code in f.indicators]
    conditions = [c for c in (ind.applies_to, *(f.applies_to for f in forms[:1])) if c is not None]
    if not forms:
        return 0
    return sum(all(c.matches(u.attributes()) for c in conditions) for u in catalog.units)


def aggregate(catalog: Catalog, parts: Iterable[Part]) -> dict[str, Total]:
    """code → Total for every aggregated indicator of every form, in catalog order."""
    parts = list(parts)
    totals: dict[str, Total] = {}
    ctx = Context(catalog, parts, totals, lambda ind: eligible_units(catalog, ind))
    order: list[Indicator] = []
    for form in catalog.forms.values():
        order += [i for i in form.indicators.values() if not i.derived]
    for form in catalog.forms.values():
        order += [i for i in form.indicators.values() if i.derived]
    for ind in order:
        if ind.code in totals:
            continue
        total = aggregations.require(ind.aggregation.method).total(ind, ctx)
        if total is not None:
            totals[ind.code] = total
    return totals


def unit_value(ind: Indicator, values: Mapping[str, object]) -> object:
    """One unit's own figure of ``ind`` (a rate computed from its own numerator and denominator)."""
    return aggregations.require(ind.aggregation.method).unit_value(ind, values)


def totals_map(totals: Mapping[str, Total]) -> dict[str, int | float | None]:
    return {code: t.value for code, t in totals.items()}
