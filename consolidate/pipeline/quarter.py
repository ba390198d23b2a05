"""The figures of the months since an earlier period alone: "Quý III" = 9 tháng − 6 tháng.

Flows (indicators the catalog marks ``nature: flow``) count from 1 January, so the figure of the
months between two cumulative periods of one year is the later figure minus the earlier one — per
unit (its two reports) and for the bloc (the two totals). Only summed flows have such a figure:
a rate or an average of two spans is not a difference. Pure: nothing here reads or writes.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from consolidate.aggregations import Total
from consolidate.core.model import Catalog, Indicator
from consolidate.core.numbers import round_half_up
from consolidate.core.periods import Period, PeriodError, parse_period

ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


@dataclass(frozen=True)
class Span:
    """The months from the day after ``earlier``'s cut-off to ``period``'s, and their figures."""

    label: str  # "Quý III năm 2021", or "Từ 01/04 đến 30/09/2021"
    earlier: str  # "6 tháng năm 2021"
    totals: dict[str, int | float] = field(default_factory=dict)  # code → bloc figure of the span
    units: dict[str, dict[str, int | float]] = field(default_factory=dict)  # unit → code → figure


def span_flows(catalog: Catalog) -> list[Indicator]:
    """The indicators that have a figure of their own for a span of months: summed flows."""
    seen: dict[str, Indicator] = {}
    for form in catalog.forms.values():
        for ind in form.indicators.values():
            if ind.nature == "flow" and ind.numeric and ind.aggregation.method == "sum":
                seen.setdefault(ind.code, ind)
    return list(seen.values())


def span_label(catalog: Catalog, earlier: Period, period: Period) -> str:
    """ "Quý III năm 2021" when the two cut-offs close consecutive quarters, else the dates."""
    start = earlier.cutoff(catalog) + dt.timedelta(days=1)
    end = period.cutoff(catalog)
    quarter = end.month // 3
    if start.day == 1 and end.month % 3 == 0 and start.month == end.month - 2 and quarter in ROMAN:
        return f"Quý {ROMAN[quarter]} năm {period.year}"
    return f"Từ {start:%d/%m} đến {end:%d/%m/%Y}"


def span(catalog: Catalog, period: Period | None, totals: Mapping[str, Total], units: Any, earlier: Any) -> Span | None:
    """The span's figures, given the merge's ``totals`` and accepted ``units`` (unit code →
    values) and ``earlier`` (a :class:`~consolidate.pipeline.previous.Previous` of an earlier period
    of the same year); None when there is no such earlier period."""
    if period is None or earlier is None or not earlier.period_key:
        return None
    try:
        before = parse_period(catalog, earlier.period_key)
    except PeriodError:
        return None
    if before.year != period.year or before.order >= period.order:
        return None
    flows = span_flows(catalog)
    out = Span(span_label(catalog, before, period), before.label(catalog))
    for ind in flows:
        total = totals.get(ind.code)
        value = _minus(total.value if total is not None else None, earlier.totals.get(ind.code), ind)
        if value is not None:
            out.totals[ind.code] = value
    for unit, values in units.items():
        then = earlier.units.get(unit)
        if not then:
            continue
        mine = {}
        for ind in flows:
            value = _minus(values.get(ind.code), then.get(ind.code), ind)
            if value is not None:
                mine[ind.code] = value
        if mine:
            out.units[unit] = mine
    return out


def _minus(now: Any, then: Any, ind: Indicator) -> int | float | None:
    if not isinstance(now, (int, float)) or not isinstance(then, (int, float)):
        return None
    if isinstance(now, bool) or isinstance(then, bool):
        return None
    if ind.type == "integer":
        return int(now) - int(then)
    return float(round_half_up(float(now) - float(then), ind.decimals if ind.decimals is not None else 3))
