"""Rules across periods: each unit's report against the same unit's figures of another period.

The catalog declares them per form (``period_rules``), the caller supplies the other periods
(:class:`~consolidate.pipeline.previous.Previous`, from a summary or an inbox), and each rule picks the one it
is about:

- ``cumulative`` — an earlier period of the same year (6 tháng 2021 for 9 tháng 2021). Flows count
  from 1 January, so a figure lower than the one reported earlier is wrong: most often a clerk typed
  the quarter alone instead of the total to date.
- ``change`` — the same period of the previous year. A figure that moved by more than ``limit``
  percent is flagged for a second look; from zero there is no percentage and no verdict.

A rule whose period was not supplied does not run. A finding sits on the unit's own cell and says
both figures and the other period, so the clerk can check it without the earlier file.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from consolidate.core.findings import Finding
from consolidate.core.model import Catalog, PeriodRule
from consolidate.core.numbers import format_number, round_half_up
from consolidate.core.periods import Period, PeriodError, parse_period
from consolidate.core.submission import Submission


def period_of(catalog: Catalog, source) -> Period | None:
    """The period of a :class:`~consolidate.pipeline.previous.Previous`, or None when it does not say."""
    try:
        return parse_period(catalog, source.period_key) if source.period_key else None
    except PeriodError:
        return None


def is_earlier_same_year(other: Period | None, current: Period | None) -> bool:
    return other is not None and current is not None and other.year == current.year and other.order < current.order


def is_same_period_last_year(other: Period | None, current: Period | None) -> bool:
    return other is not None and current is not None and other.kind == current.kind and other.year == current.year - 1


def history_findings(
    catalog: Catalog, subs: Iterable[Submission], period: Period | None, sources: Sequence
) -> list[Finding]:
    """Findings of every period rule of every form, on the submissions of ``period``."""
    dated = [(period_of(catalog, s), s) for s in sources]
    out: list[Finding] = []
    subs = [
        s
        for s in subs
        if s.readable and s.form_id and s.unit_code and period is not None and s.period_key in (None, period.key)
    ]
    for form in catalog.forms.values():
        mine = [s for s in subs if s.form_id == form.id]
        for rule in form.period_rules:
            match = is_earlier_same_year if rule.kind == "cumulative" else is_same_period_last_year
            # of several earlier periods, the latest one is the strictest comparison
            found = sorted(((p, s) for p, s in dated if p is not None and match(p, period)), key=lambda ps: ps[0])
            if found:
                other, source = found[-1]
                out.extend(_check(rule, mine, source.units, other.label(catalog), other.key))
    return out


def _check(
    rule: PeriodRule, subs: list[Submission], units: Mapping[str, Mapping[str, float]], label: str, key: str
) -> list[Finding]:
    out = []
    for s in subs:
        assert s.unit_code is not None  # history_findings keeps only identified submissions
        before = units.get(s.unit_code)
        if not before:
            continue
        for code in rule.indicators:
            value, then = s.values.get(code), before.get(code)
            if value is None or then is None or code in s.bad_cells:
                continue
            now, then = float(value), float(then)
            params = {"previous": then, "period": {"vi": label, "en": key}}
            if rule.kind == "cumulative":
                if now >= then:
                    continue
            else:
                assert rule.limit is not None  # a change rule has a limit (the catalog requires it)
                if not then or abs(now - then) / abs(then) * 100 <= rule.limit:
                    continue
                change = round_half_up((now - then) / abs(then) * 100, 1)
                params["change"] = {
                    lang: ("+" if change > 0 else "") + format_number(change, 1, lang) for lang in ("vi", "en")
                }
                params["limit"] = int(rule.limit) if float(rule.limit).is_integer() else rule.limit
            out.append(
                Finding(
                    rule.code,
                    rule.severity,
                    file=s.path,
                    unit=s.unit_code,
                    sheet=s.sheet,
                    cell=s.cell_of(code),
                    indicator=code,
                    value=value,
                    params=params,
                )
            )
    return out
