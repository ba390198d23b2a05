"""Who sent a report, on which form, for which period: from the hidden metadata and the visible
identity cells, never from the file name.

The visible cells are what the clerk states; the metadata is what the template was issued for.
When both name a unit and they disagree the file is refused (T306): someone filled another unit's
template. Checks that need the registry or the run's period live in :func:`check_identity`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from consolidate.core import layout as L
from consolidate.core.findings import ERROR, WARNING, Finding, FindingContext
from consolidate.core.layout import fold
from consolidate.core.model import Catalog, Form, Unit
from consolidate.core.periods import PeriodError, make_period, parse_period
from consolidate.core.submission import Submission

_TOKENS = re.compile(r"[^0-9A-Za-z]+")


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
    """Registry and period checks, and who sent the file (``sub.sender``): unknown unit (T305), a
    unit sending the bloc's own form (T320), a unit sending a form not due from it (T321), wrong
    period (T304), details that differ from the registry (T311), a file named after another unit
    (T314)."""
    if not sub.readable or sub.form_id is None:
        return []
    form = catalog.forms[sub.form_id]
    out: list[Finding] = []
    base: FindingContext = dict(file=sub.path, sheet=sub.sheet, unit=sub.unit_code)
    code_ind = form.role("unit_code")
    cell = sub.cell_of(code_ind.code) if code_ind else None
    indicator = code_ind.code if code_ind else None
    named = units_named(sub.path, catalog)

    def on_code(code: str, params: dict, unit: str | None = sub.unit_code) -> Finding:
        """An identity error on the unit-code cell."""
        return Finding(
            code,
            ERROR,
            cell=cell,
            indicator=indicator,
            value=sub.unit_code,
            params=params,
            file=sub.path,
            sheet=sub.sheet,
            unit=unit,
        )

    if form.submitted_by == "bloc":
        sender = _bloc_form_sender(sub, form, catalog, named)
        if sender is not None:
            sub.sender = sender
            unit = catalog.unit(sender)
            params = {"unit": sender, "unit_name": unit.name if unit else sender, "committee": catalog.bloc.committee}
            out.append(on_code("T320", params, sender))
        elif sub.unit_code is not None and sub.unit_code != catalog.bloc.code:
            out.append(on_code("T305", {"unit": sub.unit_code}))
    elif sub.unit_code is None:  # T312: the file's name may still say who sent it
        sub.sender = next(iter(named)) if len(named) == 1 else None
    else:
        unit = catalog.unit(sub.unit_code)
        if unit is None:
            out.append(on_code("T305", {"unit": sub.unit_code}))
            sub.sender = next(iter(named)) if len(named) == 1 else None
        else:
            sub.sender = unit.code
            for code, found in (
                ("T321", _not_due(form, unit, catalog)),
                ("T322", _name_of_another(sub, form, unit, catalog)),
            ):
                if found is not None:
                    out.append(on_code(code, found, unit.code))
            others = named - {unit.code}
            if len(others) == 1 and unit.code not in named:
                other = next(iter(others))
                out.append(
                    Finding(
                        "T314",
                        WARNING,
                        params={
                            "file_name": sub.path.rsplit("/", 1)[-1],
                            "named": other,
                            "unit": unit.code,
                            "unit_name": unit.name,
                        },
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
    if unit is not None and form.submitted_by == "unit":
        for role, expected, options in (
            ("unit_type", unit.type, catalog.unit_types),
            ("sector", unit.sector, catalog.sectors),
        ):
            ind = form.role(role)
            found = sub.values.get(ind.code) if ind else None
            if ind is not None and found is not None and found != expected:
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


def _not_due(form: Form, unit: Unit, catalog: Catalog) -> dict | None:
    """T321's params when the form's ``applies_to`` leaves this unit out: its figures would
    otherwise be summed into a form whose coverage never counts it."""
    if form.applies_to is None or form.applies_to.matches(unit.attributes()):
        return None
    return {
        "unit": unit.code,
        "unit_name": unit.name,
        "unit_kind": catalog.kind_of(unit),
        "form_title": form.name or form.title,
        "who": catalog.who(form.applies_to),
    }


def _name_of_another(sub: Submission, form: Form, unit: Unit, catalog: Catalog) -> dict | None:
    """T322's params when the unit name typed is exactly another registered unit's: the code and
    the name point at two units, and counting the file as either could replace the other's report."""
    name_ind = form.role("unit_name")
    typed = sub.values.get(name_ind.code) if name_ind else None
    if not typed or fold(typed) == fold(unit.name):
        return None
    other = next((u for u in catalog.units if u.code != unit.code and fold(u.name) == fold(typed)), None)
    if other is None:
        return None
    return {"unit": unit.code, "unit_name": unit.name, "typed_name": str(typed), "other": other.code}


def units_named(display: str, catalog: Catalog) -> set[str]:
    """Registered unit codes that a file's path names as a word ("bao_cao_CB07.pdf" → {"CB07"})."""
    tokens = {t.upper() for t in _TOKENS.split(display) if t}
    return {code for code in tokens if catalog.unit(code) is not None}


def units_in_text(entry: object, catalog: Catalog) -> set[str]:
    """Registered unit codes written in a small text file (a CSV saved from the data sheet holds
    its unit code); empty for anything else. Reads at most 64 KB."""
    path, member = getattr(entry, "path", None), getattr(entry, "member", None)
    if path is None or member is not None or Path(path).suffix.lower() not in (".csv", ".txt"):
        return set()
    try:
        with open(path, "rb") as fh:
            head = fh.read(65536)
    except OSError:
        return set()
    text = head.decode("utf-8", errors="replace")
    return {code for code in {t.upper() for t in _TOKENS.split(text) if t} if catalog.unit(code) is not None}


def _bloc_form_sender(sub: Submission, form: Form, catalog: Catalog, named: set[str]) -> str | None:
    """The registered unit that filled the bloc's own form, when anything says so: a unit code
    typed in it, its unit name typed in it, or a file named after exactly one unit."""
    if sub.unit_code is not None and catalog.unit(sub.unit_code) is not None:
        return sub.unit_code
    name_ind = form.role("unit_name")
    typed = fold(sub.values.get(name_ind.code)) if name_ind and sub.values.get(name_ind.code) else ""
    if typed and typed != fold(catalog.bloc.committee):
        by_name = [u.code for u in catalog.units if fold(u.name) == typed]
        if len(by_name) == 1:
            return by_name[0]
    return next(iter(named)) if len(named) == 1 else None


def _label(catalog: Catalog, key: str) -> str:
    try:
        return parse_period(catalog, key).label(catalog)
    except PeriodError:
        return key
