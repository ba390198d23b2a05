"""Trends: each indicator over the recorded periods — bloc totals with their coverage, and each
unit's own figures — from the recorded merge of every period (a closed period: its closed figures).

One query per table for all periods at once (a few tens of thousands of rows for eight periods of
a bloc), so ``consolidate history`` answers in a fraction of a second.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from consolidate.core.errors import Stop
from consolidate.core.model import Catalog, Indicator
from consolidate.core.periods import Period
from consolidate.history.database import Database
from consolidate.history.queries import recorded_periods
from consolidate.pipeline.aggregate import unit_value

NUMBERS = (int, float)  # exact types: a bool or a text is no figure


@dataclass
class Trends:
    """``periods`` in time order; ``totals[period][code]``, ``coverage[period][code]`` ({units, of,
    complete}), ``units[unit][period][code]``; ``charts``: the indicators to draw."""

    periods: list[str]
    labels: dict[str, str]
    indicators: list[str]
    totals: dict[str, dict[str, Any]] = field(default_factory=dict)
    coverage: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    units: dict[str, dict[str, dict[str, Any]]] = field(default_factory=dict)
    closed: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    charts: list[str] = field(default_factory=list)
    database: str = ""  # the file the figures were read from

    def to_json(self) -> dict[str, Any]:
        return {
            "periods": self.periods,
            "labels": self.labels,
            "indicators": self.indicators,
            "totals": self.totals,
            "coverage": self.coverage,
            "units": self.units,
            "closed": self.closed,
        }


def numeric_indicators(catalog: Catalog) -> list[Indicator]:
    """Every numeric indicator, once, in catalog order (unit forms first)."""
    seen: dict[str, Indicator] = {}
    for form in catalog.forms.values():
        for ind in form.indicators.values():
            if ind.numeric and not ind.role:
                seen.setdefault(ind.code, ind)
    return list(seen.values())


def trends(
    db: Database,
    catalog: Catalog,
    indicators: Iterable[str] = (),
    units: Iterable[str] = (),
    start: Period | None = None,
    end: Period | None = None,
) -> Trends:
    """The recorded figures of the periods from ``start`` to ``end`` (both included), of
    ``indicators`` (default: every numeric one) and ``units`` (default: every unit with figures)."""
    known = {i.code: i for i in numeric_indicators(catalog)}
    chosen = list(dict.fromkeys(indicators))
    for code in chosen:
        if code not in known:
            raise Stop("err_indicator", value=code)
    wanted_units = set(units)
    for code in wanted_units:
        if catalog.unit(code) is None and code != catalog.bloc.code:
            raise Stop("err_unit", value=code)
    inds = [known[c] for c in chosen] if chosen else list(known.values())
    periods = [
        (p, s) for p, s in recorded_periods(db, catalog) if (start is None or p >= start) and (end is None or p <= end)
    ]
    out = Trends(
        [p.key for p, _ in periods],
        {p.key: p.label(catalog) for p, _ in periods},
        [i.code for i in inds],
        charts=chosen or [c for c in catalog.history_charts if c in known] or [i.code for i in inds[:4]],
        closed={p.key: (s.to_json() if s.closed else None) for p, s in periods},
        database=str(db.path),
    )
    if not periods:
        return out
    by_run = {s.run: p.key for p, s in periods}
    marks = ",".join("?" * len(by_run))
    codes = {i.code for i in inds}
    with db.errors():
        totals = db.conn.execute(
            f"SELECT run_id, indicator, value, units, eligible, complete FROM totals WHERE run_id IN ({marks})",
            list(by_run),
        ).fetchall()
        values = db.conn.execute(
            "SELECT s.run_id, s.unit, v.indicator, v.value FROM submissions s JOIN vals v ON v.file_id = s.file_id "
            f"WHERE s.run_id IN ({marks}) AND s.status = 'accepted'",
            list(by_run),
        ).fetchall()
    for run, code, value, n, of, complete in totals:
        if code in codes:
            key = by_run[run]
            out.totals.setdefault(key, {})[code] = value
            out.coverage.setdefault(key, {})[code] = {"units": n, "of": of, "complete": bool(complete)}
    raw: dict[tuple[str, str], dict[str, Any]] = {}
    for run, unit, code, value in values:
        if unit and (not wanted_units or unit in wanted_units):
            raw.setdefault((unit, by_run[run]), {})[code] = value
    order = {u.code: n for n, u in enumerate(catalog.units)}
    typed = [i.code for i in inds if not i.derived]
    derived = [i for i in inds if i.derived]
    for unit, key in sorted(raw, key=lambda k: (order.get(k[0], len(order)), k[0], out.periods.index(k[1]))):
        mine = raw[(unit, key)]
        figures = {c: v for c in typed if type(v := mine.get(c)) in NUMBERS}
        figures.update({i.code: v for i in derived if type(v := unit_value(i, mine)) in NUMBERS})
        if figures:
            out.units.setdefault(unit, {})[key] = {c: figures[c] for c in out.indicators if c in figures}
    return out
