"""Plausibility across the bloc: a unit whose per-member (or per-worker) ratio is far from what
the other units report gets a warning stating the comparison.

Distance is the robust z-score 0,6745·(x − median) / MAD, which a few extreme units cannot drag
along the way a mean and standard deviation would. When more than half the units share one value
(MAD = 0) the mean absolute deviation stands in (× 1,2533). Multiplicative quantities (revenue
per worker) are compared on a log scale (``log: true`` in the catalog). Fewer than ``MIN_UNITS`` comparable
units: no verdict. Bloc rules compare two bloc-wide totals (transfers within the bloc cancel …).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping

from consolidate.core.findings import Finding
from consolidate.core.layout import explanation_place
from consolidate.core.model import BlocRule, Form, Outlier
from consolidate.core.numbers import round_half_up
from consolidate.core.submission import Submission

MIN_UNITS = 10
DIRECTIONS = {
    True: {"vi": "cao hơn nhiều so với", "en": "far above"},
    False: {"vi": "thấp hơn nhiều so với", "en": "far below"},
}


def outlier_findings(form: Form, subs: list[Submission]) -> list[Finding]:
    out: list[Finding] = []
    for check in form.outliers:
        out.extend(_check(check, subs))
    return out


def _check(check: Outlier, subs: list[Submission]) -> list[Finding]:
    points = []
    for s in subs:
        num, den = s.values.get(check.numerator), s.values.get(check.denominator)
        if num is not None and den and (num > 0 or not check.log):
            points.append((s, num / den * check.scale))
    if len(points) < MIN_UNITS:
        return []
    ratios = [math.log(r) if check.log else r for _, r in points]
    median = statistics.median(ratios)
    spread = statistics.median(abs(r - median) for r in ratios) / 0.6745
    if spread == 0:
        spread = statistics.fmean(abs(r - median) for r in ratios) * 1.2533
    if spread == 0:
        return []
    out = []
    shown_median = math.exp(median) if check.log else median
    for (s, r), x in zip(points, ratios, strict=False):
        score = (x - median) / spread
        if abs(score) <= check.threshold:
            continue
        cells = tuple(c for c in (s.cell_of(check.numerator), s.cell_of(check.denominator)) if c)
        out.append(
            Finding(
                check.code,
                "warning",
                file=s.path,
                unit=s.unit_code,
                sheet=s.sheet,
                cell=s.cell_of(check.numerator),
                indicator=check.numerator,
                value=s.values[check.numerator],
                cells=cells,
                explanation=s.explanations.get(check.code) or None,
                params={
                    "ratio": float(round_half_up(r, 2)),
                    "median": float(round_half_up(shown_median, 2)),
                    "score": float(round_half_up(score, 1)),
                    "direction": DIRECTIONS[score > 0],
                    "denominator_cell": s.cell_of(check.denominator) or "",
                    **({"explanation_cell": explanation_place(s.cells, check.code)} if check.explainable else {}),
                },
            )
        )
    return out


def bloc_rule_findings(rules: tuple[BlocRule, ...], totals: Mapping[str, float | int | None]) -> list[Finding]:
    """``left op right`` over bloc-wide totals (code → value); the caller runs them only on a
    complete inbox."""
    out = []
    for rule in rules:
        a, b = totals.get(rule.left), totals.get(rule.right)
        if a is None or b is None:
            continue
        ok = {"eq": a == b, "le": a <= b, "ge": a >= b}[rule.op]
        if not ok:
            out.append(Finding(rule.code, rule.severity, indicator=rule.left, value=a, params={"left": a, "right": b}))
    return out
