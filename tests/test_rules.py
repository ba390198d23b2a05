"""Rule kinds never fail silently: for every rule of the catalog (every built-in kind is used),
every row its vectorised test fails yields at least one finding, and every finding sits on the
rule's own cells; a rule whose test raises becomes a C412 finding, never an accepted unit."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consolidate import rules
from consolidate.catalog.loader import load_catalog
from consolidate.checks.validate import rule_findings, validate_forms
from consolidate.core.layout import cell_address
from consolidate.core.submission import FileInfo, Submission

CATALOG = load_catalog()
RULES = [(form, rule) for form in CATALOG.forms.values() for rule in form.rules]
UNITS = list(CATALOG.units)


def test_every_builtin_kind_is_exercised():
    assert {r.kind for _, r in RULES} == {k.name for k in rules.kinds()}


values = st.one_of(st.none(), st.integers(0, 60), st.sampled_from([0, 1, 2, 29, 30, 100, 1.5]))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_every_violating_row_yields_a_finding_on_the_rules_cells(data):
    form, rule = data.draw(st.sampled_from(RULES))
    kind = rules.get(rule.kind)
    n = data.draw(st.integers(1, 6))
    rows = [{code: data.draw(values) for code in rule.fields} for _ in range(n)]
    units = [data.draw(st.sampled_from(UNITS)) for _ in range(n)]
    frame = pd.DataFrame(
        {
            code: np.array([math.nan if r[code] is None else r[code] for r in rows], dtype="float64")
            for code in rule.fields
        }
    )
    frame["_type"] = pd.Series([u.type for u in units], dtype="object")
    frame["_sector"] = pd.Series([u.sector for u in units], dtype="object")
    ok = kind.passes(rule, frame)
    cells = {code: cell_address(10 + i, 4) for i, code in enumerate(form.indicators)}
    for i in range(n):
        if ok.iloc[i]:
            continue
        sub = Submission(
            FileInfo("x.xlsx"),
            form_id=form.id,
            unit_code=units[i].code,
            values={k: v for k, v in rows[i].items() if v is not None},
            cells=cells,
        )
        found = rule_findings(form, rule, sub, {"type": units[i].type, "sector": units[i].sector})
        assert found, (rule.code, rows[i])
        own = {cells[c] for c in rule.fields}
        for f in found:
            assert f.code == rule.code and f.cell in own and set(f.all_cells) <= own


def test_a_rule_that_raises_is_a_finding_not_an_accepted_unit(monkeypatch):
    from consolidate.ingest.reader import read_submission

    from conftest import SAMPLES

    kind = rules.get("sum")

    def broken(rule, frame):
        raise ZeroDivisionError("boom")

    monkeypatch.setattr(kind, "passes", broken)
    sub = read_submission(next(SAMPLES.glob("*_CB01_*.xlsx")), CATALOG)
    validate_forms(CATALOG, [sub])
    found = [(f.code, f.params.get("rule")) for f in sub.findings]
    assert ("C412", "R01") in found and ("C412", "R02") in found
    assert sub.has_errors
