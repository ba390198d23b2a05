"""Validation: all submissions of a form stacked into one DataFrame, checked by one pandera call.

The schema is built once per form from the catalog: per column, the bounds (checks named C405 /
C406) and required-ness (pandera's ``not_nullable`` → C401); per frame, one check per cross-field
rule, named by the rule's code. ``failure_cases`` (check, column, index) then map straight back to
submission, sheet and cell. This is the only module that imports pandera; it is imported only by
the commands that validate, so ``--help`` and ``template`` stay light.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import cast

import numpy as np
import pandas as pd
import pandera.pandas as pa

from consolidate import rules
from consolidate.core import layout as L
from consolidate.core.findings import ERROR, Finding, FindingContext
from consolidate.core.model import Catalog, Form, Indicator, Rule
from consolidate.core.submission import Submission
from consolidate.rules.base import Row, Violation, bilingual

_SCHEMAS: dict[int, tuple[Form, pa.DataFrameSchema]] = {}


@dataclass
class FormFrame:
    """The stacked values of one form: row i is ``subs[i]``."""

    form: Form
    subs: list[Submission]
    frame: pd.DataFrame


def value_columns(form: Form) -> list[Indicator]:
    """The columns of the frame: every typed-in indicator that is not identity."""
    return [ind for ind in form.inputs if not ind.role]


def build_frame(catalog: Catalog, form: Form, subs: list[Submission]) -> pd.DataFrame:
    """One row per submission; numeric columns float64 (NaN = empty), others object."""
    data: dict[str, object] = {}
    for ind in value_columns(form):
        column = [s.values.get(ind.code) for s in subs]
        if ind.numeric:
            data[ind.code] = np.array([math.nan if v is None else v for v in column], dtype="float64")
        else:
            data[ind.code] = pd.Series(column, dtype="object")
    types, sectors = [], []
    for s in subs:
        unit = catalog.unit(s.unit_code)
        type_ind, sector_ind = form.role("unit_type"), form.role("sector")
        types.append(unit.type if unit else (s.values.get(type_ind.code) if type_ind else None))
        sectors.append(unit.sector if unit else (s.values.get(sector_ind.code) if sector_ind else None))
    data["_type"] = pd.Series(types, dtype="object")
    data["_sector"] = pd.Series(sectors, dtype="object")
    return pd.DataFrame(data, index=pd.RangeIndex(len(subs)))


def schema_for(catalog: Catalog, form: Form) -> pa.DataFrameSchema:
    """The form's schema, built once per loaded form (a reloaded catalog gets a schema of its own)."""
    cached = _SCHEMAS.get(id(form))
    if cached is None or cached[0] is not form:
        cached = (form, _build_schema(form))
        _SCHEMAS[id(form)] = cached
    return cached[1]


class _RuleCheck:
    """A rule kind's vectorised test as a pandera check. An exception inside it is never swallowed:
    it is kept, the check fails every row, and each row gets a C412 finding naming the rule."""

    def __init__(self, rule: Rule):
        self.rule, self.kind = rule, rules.get(rule.kind)
        self.error: str | None = None

    def __call__(self, frame: pd.DataFrame) -> pd.Series:
        self.error = None
        try:
            assert self.kind is not None, f"rule kind {self.rule.kind!r} is not registered"  # reported as C412
            return self.kind.passes(self.rule, frame).astype(bool)
        except Exception as exc:  # reported as a finding on every row, never swallowed
            self.error = f"{type(exc).__name__}: {exc}"[:200]
            return pd.Series(False, index=frame.index)


def _build_schema(form: Form) -> pa.DataFrameSchema:
    columns = {}
    for ind in value_columns(form):
        checks = []
        if ind.numeric and ind.minimum is not None:
            checks.append(pa.Check.ge(ind.minimum, error="C405"))
        if ind.numeric and ind.maximum is not None:
            checks.append(pa.Check.le(ind.maximum, error="C406"))
        columns[ind.code] = pa.Column(None, checks=checks, nullable=not ind.required, required=True)
    frame_checks = [pa.Check(_RuleCheck(rule), name=rule.code, error=rule.code) for rule in form.rules]
    return pa.DataFrameSchema(columns, checks=frame_checks, strict=False, name=form.id)


def prepare(catalog: Catalog) -> None:
    """Build every form's schema and run it once on an empty frame, so pandera's lazily loaded
    backends are ready; the merge calls this while the files are being read."""
    for form in catalog.forms.values():
        empty = build_frame(catalog, form, [])
        with contextlib.suppress(pa.errors.SchemaErrors):
            schema_for(catalog, form).validate(empty, lazy=True)


def validate_forms(catalog: Catalog, subs: Iterable[Submission]) -> dict[str, FormFrame]:
    """Validate every identified submission, adding findings to each; one pandera call per form."""
    groups: dict[str, list[Submission]] = {}
    for s in subs:
        if s.readable and s.form_id in catalog.forms:
            assert s.form_id is not None  # a form of the catalog
            groups.setdefault(s.form_id, []).append(s)
    out = {}
    for form_id, members in groups.items():
        form = catalog.forms[form_id]
        frame = build_frame(catalog, form, members)
        _apply(catalog, form, members, frame)
        out[form_id] = FormFrame(form, members, frame)
    return out


def _apply(catalog: Catalog, form: Form, subs: list[Submission], frame: pd.DataFrame) -> None:
    schema = schema_for(catalog, form)
    try:
        schema.validate(frame, lazy=True)
        return
    except pa.errors.SchemaErrors as exc:
        cases = exc.failure_cases
    by_code = {r.code: r for r in form.rules}
    broken = {c.name: c.error for c in schema.checks if isinstance(c._check_fn, _RuleCheck) and c._check_fn.error}
    records = list(cases[["check", "column", "index"]].itertuples(index=False, name=None))
    out_of_bounds: set[tuple[int, str]] = set()
    for check, column, index in records:  # cells first: a rule on a bad cell is noise
        row = _row(index)
        if row is None or check in by_code or column not in form.indicators:
            continue
        sub = subs[row]
        if column in sub.bad_cells:
            continue
        base: FindingContext = dict(file=sub.path, unit=sub.unit_code, sheet=sub.sheet)
        ind, cell = form.indicators[column], sub.cell_of(column)
        if check == "not_nullable" and cell is not None:  # no cell: T309 already says the row is missing
            sub.findings.append(Finding("C401", ERROR, cell=cell, indicator=column, **base))
        elif check in ("C405", "C406"):
            out_of_bounds.add((row, column))
            sub.findings.append(
                Finding(
                    check,
                    ERROR,
                    cell=cell,
                    indicator=column,
                    value=sub.values.get(column),
                    params={"min": ind.minimum, "max": ind.maximum, "unit": ind.unit},
                    **base,
                )
            )
    seen: set[tuple[str, int]] = set()
    for check, _column, index in records:
        row = _row(index)
        if row is None or check not in by_code or (check, row) in seen:
            continue
        seen.add((check, row))
        sub, rule = subs[row], by_code[check]
        if check in broken:
            sub.findings.append(_unevaluated(rule, sub, broken[check]))
            continue
        if set(rule.fields) & sub.bad_cells or any((row, c) in out_of_bounds for c in rule.fields):
            continue
        sub.findings.extend(rule_findings(form, rule, sub, _attributes(frame, row)))


def rule_findings(form: Form, rule: Rule, sub: Submission, attributes: dict[str, str | None]) -> list[Finding]:
    """The findings of a rule that failed on ``sub``: the kind's violations, each located on its
    cells; if the kind finds none (it disagrees with its own test), the rule on all its cells."""

    def name(code: str, lang: str) -> str:
        ind = form.indicators[code]
        text = ind.short if lang == "vi" else ind.label_en
        return text[:1].lower() + text[1:]

    row = Row(
        {c: sub.values.get(c) for c in rule.fields},
        name,
        lambda code, lang: form.indicators[code].label_for(lang),
        lambda code: sub.cells.get(code, ""),
        rule.when.matches(attributes) if rule.when else True,
    )
    violations = rules.require(rule.kind).violations(rule, row) or [_whole_rule(rule, row)]
    explanation = sub.explanations.get(rule.code) if rule.explainable else None
    base: FindingContext = dict(file=sub.path, unit=sub.unit_code, sheet=sub.sheet, explanation=explanation)
    extra = {"explanation_cell": L.explanation_place(sub.cells, rule.code)} if rule.explainable else {}
    return [
        Finding(
            rule.code,
            rule.severity,
            cell=sub.cells.get(v.primary),
            indicator=v.primary,
            value=row.value(v.primary),
            params={**v.params, **extra},
            cells=tuple(sub.cells[c] for c in v.involved if c in sub.cells),
            **base,
        )
        for v in violations
    ]


def _whole_rule(rule: Rule, row: Row) -> Violation:
    def listing(lang: str) -> str:
        empty, cell = ("trống", "ô") if lang == "vi" else ("empty", "cell")
        return "; ".join(
            f"“{row.label(c, lang)}” ({cell} {row.cell(c)}): {empty if row.value(c) is None else row.value(c)}"
            for c in rule.fields
        )

    return Violation(rule.fields[0], rule.fields, {"detail": bilingual(listing)})


def _unevaluated(rule: Rule, sub: Submission, detail: str) -> Finding:
    return Finding(
        "C412",
        ERROR,
        file=sub.path,
        unit=sub.unit_code,
        sheet=sub.sheet,
        cell=sub.cells.get(rule.fields[0]),
        indicator=rule.fields[0],
        params={"rule": rule.code, "detail": detail},
        cells=tuple(sub.cells[c] for c in rule.fields if c in sub.cells),
    )


def _row(index) -> int | None:
    if index is None or (isinstance(index, float) and math.isnan(index)):
        return None
    return int(index)


def _attributes(frame: pd.DataFrame, row: int) -> dict[str, str | None]:
    # build_frame fills _type and _sector with str or None; pandas types a cell as any scalar
    return {"type": cast("str | None", frame.at[row, "_type"]), "sector": cast("str | None", frame.at[row, "_sector"])}
