"""Who sent a report, on which form, for which period: from the hidden metadata and the visible
identity cells, never from the file name.

The visible cells are what the clerk states; the metadata is what the template was issued for.
When both name a unit and they disagree the file is refused (T306): someone filled another unit's
template. Checks that need the registry or the run's period live in :func:`check_identity`.
"""

from __future__ import annotations

from collections.abc import Mapping

from consolidate.core import layout as L
from consolidate.core.findings import ERROR, WARNING, Finding, FindingContext
from consolidate.core.model import Catalog, Form
from consolidate.core.periods import PeriodError, make_period, parse_period
from consolidate.core.submission import Submission


def resolve_identity(sub: Submission, form: Form, meta: Mapping[str, str], catalog: Catalog) -> list[Finding]:
    """Fill ``sub.unit_code`` and ``sub.period_key`` from the visible cells and the metadata."""
    out: list[Finding] = []
    base: FindingContext = dict(file=sub.path, sheet=sub.sheet)
    code_ind = form.role("unit_code")
    visible = sub.values.get(code_ind.code) if code_ind else None
    visible = str(visible).strip().upper() if visible else None
    issued = (meta.get(L.META_UNIT) or "").strip().upper() or None
    if visible and issued and visible != issued:
        assert code_ind is not None  # visible was read from its cell
        out.append(
            Finding(
                "T306",
                ERROR,
                cell=sub.cell_of(code_ind.code),
                indicator=code_ind.code,
                value=visible,
                params={"visible": visible, "meta": issued},
                **base,
            )
        )
    sub.unit_code = visible or issued
    if sub.unit_code is None:
        out.append(
            Finding(
                "T312",
                ERROR,
                cell=sub.cell_of(code_ind.code) if code_ind else None,
                indicator=code_ind.code if code_ind else None,
                **base,
            )
        )
    sub.period_key = _period(sub, form, meta, catalog)
    if sub.period_key is None:
        ind = form.role("period_kind")
        out.append(
            Finding(
                "T313", ERROR, cell=sub.cell_of(ind.code) if ind else None, indicator=ind.code if ind else None, **base
            )
        )
    return out


def _period(sub: Submission, form: Form, meta: Mapping[str, str], catalog: Catalog) -> str | None:
    year_ind, kind_ind = form.role("year"), form.role("period_kind")
    year = sub.values.get(year_ind.code) if year_ind else None
    kind = sub.values.get(kind_ind.code) if kind_ind else None
    if year is not None and kind is not None:
        try:
            return make_period(catalog, kind, int(year)).key
        except (PeriodError, ValueError):
            return None
    issued = (meta.get(L.META_PERIOD) or "").strip()
    return issued or None


def check_identity(sub: Submission, catalog: Catalog, period_key: str | None) -> list[Finding]:
    """Registry and period checks: unknown unit (T305), wrong period (T304), details that differ
    from the registry (T311)."""
    if not sub.readable or sub.form_id is None:
        return []
    form = catalog.forms[sub.form_id]
    out: list[Finding] = []
    base: FindingContext = dict(file=sub.path, sheet=sub.sheet, unit=sub.unit_code)
    code_ind = form.role("unit_code")
    if sub.unit_code is not None:
        known = (
            (sub.unit_code == catalog.bloc.code)
            if form.submitted_by == "bloc"
            else catalog.unit(sub.unit_code) is not None
        )
        if not known:
            assert code_ind is not None  # every form has a unit_code indicator (the catalog requires it)
            out.append(
                Finding(
                    "T305",
                    ERROR,
                    cell=sub.cell_of(code_ind.code),
                    indicator=code_ind.code,
                    value=sub.unit_code,
                    params={"unit": sub.unit_code},
                    **base,
                )
            )
    if period_key and sub.period_key and sub.period_key != period_key:
        ind = form.role("period_kind")
        out.append(
            Finding(
                "T304",
                ERROR,
                cell=sub.cell_of(ind.code) if ind else None,
                indicator=ind.code if ind else None,
                value=sub.period_key,
                params={"found": _label(catalog, sub.period_key), "expected": _label(catalog, period_key)},
                **base,
            )
        )
    unit = catalog.unit(sub.unit_code)
    if unit is not None:
        for role, expected, options in (
            ("unit_type", unit.type, catalog.unit_types),
            ("sector", unit.sector, catalog.sectors),
        ):
            ind = form.role(role)
            found = sub.values.get(ind.code) if ind else None
            if found is not None and found != expected:
                assert ind is not None  # found was read from its cell
                out.append(
                    Finding(
                        "T311",
                        WARNING,
                        cell=sub.cell_of(ind.code),
                        indicator=ind.code,
                        value=found,
                        params={
                            "found": options[found].label if found in options else found,
                            "expected": options[expected].label,
                        },
                        **base,
                    )
                )
    return out


def _label(catalog: Catalog, key: str) -> str:
    try:
        return parse_period(catalog, key).label(catalog)
    except PeriodError:
        return key
