"""Where every expected unit stands after a merge, and the bloc committee's own report.

A unit is *accepted* (its report counts), *rejected* (it sent a report that has errors, or sent
the bloc's form by mistake), *conflict* (different versions that cannot be ordered), *unreadable*
(it sent something — a PDF, a photo, a CSV, a damaged file — named after it, that cannot be read
as its report) or *missing* (nothing received). A unit that sent something is never "missing".
A file tells whose it is by its content when it can be read, else by a unit code in its name
(or, for a CSV, in its text).
"""

from __future__ import annotations

from collections.abc import Iterable

from consolidate.core.findings import Finding
from consolidate.core.model import Catalog, Form
from consolidate.core.submission import ACCEPTED, CONFLICT, IGNORED, MISSING, REJECTED, UNREADABLE
from consolidate.ingest.identify import units_named
from consolidate.pipeline.result import FileResult, UnitStatus

# Stand-in for "no figures could be read from this file", shown in the unit's line.
UNREADABLE_CODES = frozenset({"I203", "I207"})
# Identity errors: the file's own cells disagree about whose report it is.
IDENTITY_DOUBTS = frozenset({"T306", "T312", "T322"})


def attribute_unreadable(catalog: Catalog, files: Iterable[FileResult]) -> None:
    """Name the sender of files that cannot be read as a report but are named after one unit,
    with an I208 note on the file saying what to resend."""
    for r in files:
        sub = r.sub
        if sub is not None and (sub.sender or (sub.readable and sub.form_id)):
            continue
        if r.status == IGNORED and not any(f.code in UNREADABLE_CODES for f in r.raw_findings):
            continue  # lock files, hidden files, duplicates: nothing was sent
        named = units_named(r.path, catalog) | r.named
        if len(named) != 1:
            continue
        code = next(iter(named))
        unit = catalog.unit(code)
        assert unit is not None  # units_named keeps registered codes only
        r.sender = code
        if sub is not None and any(f.is_error and f.code.startswith("T") for f in sub.findings):
            continue  # a report refused for a stated reason about the form: its letter says that
        r.extra.append(
            Finding("I208", "warning", file=r.path, unit=code, params={"unit": code, "unit_name": unit.name})
        )


def unit_statuses(catalog: Catalog, files: list[FileResult], form: Form) -> list[UnitStatus]:
    """Every unit expected to send ``form``, with the file that decided its status. A file that
    names the unit but is no report of any unit form (the bloc's form sent by mistake, a PDF …)
    speaks for each form the unit sent nothing else for."""
    unit_forms = {f.id for f in catalog.unit_forms}
    by_unit: dict[str, list[FileResult]] = {}
    for r in files:
        for code in _claimants(catalog, r, unit_forms):
            by_unit.setdefault(code, []).append(r)
    out = []
    for unit in catalog.expected(form):
        mine = by_unit.get(unit.code, [])
        readable = [r for r in mine if r.sub is not None and r.sub.readable and r.sub.form_id is not None]
        ours = [r for r in readable if r.sub is not None and r.sub.form_id == form.id]
        wrong_form = [r for r in readable if r.sub is not None and r.sub.form_id not in unit_forms]
        seen = {id(r) for r in readable}
        sent = [r for r in mine if id(r) not in seen and r.status in (REJECTED, IGNORED)]
        # a workbook refused for a stated reason about the form (two differing data sheets, an old
        # template version …) is a rejected report whose letter says that reason; the rest were unreadable
        refused = [r for r in sent if any(f.is_error and f.code.startswith("T") for f in r.findings)]
        unreadable = [r for r in sent if r not in refused]
        chosen, status = None, MISSING
        for candidates, state in (
            ([r for r in ours if r.status == ACCEPTED], ACCEPTED),
            ([r for r in ours if r.status == CONFLICT], CONFLICT),
            ([r for r in ours if r.status == REJECTED], REJECTED),
            ([r for r in wrong_form if r.status == REJECTED], REJECTED),
            (refused, REJECTED),
            (unreadable, UNREADABLE),
        ):
            if candidates:
                chosen, status = candidates[0], state
                break
        out.append(UnitStatus(unit, status, chosen))
    return out


def _claimants(catalog: Catalog, r: FileResult, unit_forms: set[str]) -> set[str]:
    """The units a file speaks for: its sender; and when its identity is in doubt (an identity
    error: the code cell, the template's owner, the unit name or the file's name disagree), every
    registered unit it names, so none of them is listed as having sent nothing. A unit's own
    accepted report still decides its status first."""
    code = r.sender or (r.sub.sender if r.sub is not None else None)
    if code is None and r.sub is not None and r.sub.form_id in unit_forms:
        code = r.sub.unit_code
    codes = {code} if code is not None else set()
    sub = r.sub
    if sub is not None and sub.readable and sub.form_id in unit_forms:
        doubts = [f for f in sub.findings if f.is_error and f.code in IDENTITY_DOUBTS]
        if doubts:
            codes |= units_named(r.path, catalog) | set(r.named)
            for f in doubts:
                codes |= {str(f.params[k]) for k in ("visible", "meta", "unit", "other") if f.params.get(k)}
    return {c for c in codes if catalog.unit(c) is not None}


def bloc_status(catalog: Catalog, files: list[FileResult]) -> tuple[str, FileResult | None, list[FileResult]]:
    """(status, the file that counts or decided, every file in conflict) of the bloc's own report."""
    form = catalog.bloc_form
    if form is None:
        return MISSING, None, []
    mine = [
        r
        for r in files
        if r.sub is not None
        and r.sub.form_id == form.id
        and r.sub.sender is None
        and r.status in (ACCEPTED, REJECTED, CONFLICT)
    ]
    conflict = [r for r in mine if r.status == CONFLICT]
    if conflict:
        return CONFLICT, None, conflict
    accepted = next((r for r in mine if r.status == ACCEPTED), None)
    if accepted is not None:
        return ACCEPTED, accepted, []
    return (REJECTED, mine[0], []) if mine else (MISSING, None, [])
