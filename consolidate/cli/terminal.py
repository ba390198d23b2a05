"""A merge or validation result as the lines the office reads in its terminal.

Pure: returns text; the CLI prints it. The order is the office's order of work: how many units
were accepted, which were rejected and why (each problem with its sheet and cell), which are
missing, which files were not counted, and what was written.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from consolidate.cli.words import t
from consolidate.core.findings import Finding, count
from consolidate.core.messages import location, render, severity_label, status_label
from consolidate.core.numbers import format_number

if TYPE_CHECKING:
    from consolidate.pipeline.result import FileResult, MergeResult, UnitStatus

MAX_PER_FILE = 8
MAX_NAMED = 12  # missing units listed by name up to this many
UNIT_ORDER = ("accepted", "rejected", "unreadable", "conflict", "missing")


def _n(value: int, lang: str) -> str:
    """A count as text: 3.407 (vi), 3,407 (en)."""
    return format_number(value, 0, lang)


def _finding_line(f: Finding, result: MergeResult, lang: str) -> str:
    message, _ = render(f, result.catalog, lang)
    where = location(f)
    head = f"{where}  {f.code}" if where else f.code
    return f"    {head}  {severity_label(f.severity, lang)}: {message}"


def _file_block(r: FileResult, result: MergeResult, lang: str, only_errors: bool) -> list[str]:
    errors, warnings = r.counts()
    label = f"{r.unit}  " if r.unit else ""
    lines = [f"  {label}{r.path} — {t('errors_warnings', lang, errors=errors, warnings=warnings)}"]
    shown = [f for f in r.findings if f.is_error or not only_errors]
    for f in shown[:MAX_PER_FILE]:
        lines.append(_finding_line(f, result, lang))
    if len(shown) > MAX_PER_FILE:
        lines.append("    " + t("more", lang, n=len(shown) - MAX_PER_FILE))
    return lines


def merge_text(result: MergeResult, lang: str = "vi") -> str:
    """Units first, in counts that add up to the registry (per form when the catalog has several);
    then the bloc's own report; then, per unit, what to do; then the files that were not counted
    (stray, duplicates, older versions)."""
    cat = result.catalog
    lines = [t("period", lang, period=result.period.label(cat)) if result.period else t("period_unknown", lang)]
    forms = _forms(result)
    if len(forms) == 1:
        statuses = next(iter(forms.values()))
        lines.append(_counts_line(statuses, lang))
        if cat.bloc_form is not None:
            lines.append(_bloc_line(result, lang))
        lines.extend(_units_lines(statuses, result, lang))
    else:
        for form_id, statuses in forms.items():
            lines.append(t("form_head", lang, form=form_id, name=cat.forms[form_id].name or cat.forms[form_id].title))
            lines.append("  " + _counts_line(statuses, lang))
            lines.extend("  " + line for line in _units_lines(statuses, result, lang))
        if cat.bloc_form is not None:
            lines.append(_bloc_line(result, lang))
    counted = {id(u.file) for statuses in forms.values() for u in statuses if u.file is not None}
    counted |= {id(result.bloc)} | {id(r) for r in result.bloc_conflict}
    others = [r for r in result.files if id(r) not in counted and r.status != "accepted"]
    if others:
        lines.append(t("other_files_head", lang, n=_n(len(others), lang)))
        for r in others:
            first = next((f for f in r.findings if f.code.startswith("I")), None) or next(iter(r.findings), None)
            why = render(first, cat, lang)[0] if first else ""
            lines.append(f"  {r.path} ({status_label(r.status, lang).lower()}): {why}")
    if result.merge_findings:
        lines.append(t("bloc_findings_head", lang))
        lines.extend(_finding_line(f, result, lang) for f in result.merge_findings)
    warnings = sum(count(r.findings)[1] for r in result.files if r.status == "accepted")
    if warnings:
        lines.append(t("warnings_total", lang, n=_n(warnings, lang)))
    return "\n".join(lines)


def _forms(result: MergeResult) -> dict[str, list[UnitStatus]]:
    """Every unit form's statuses, in catalog order (the primary form's alone when there is one)."""
    return result.form_units or {"": result.units}


def _counts_line(statuses: list[UnitStatus], lang: str) -> str:
    counts = {s: sum(u.status == s for u in statuses) for s in UNIT_ORDER}
    expected = len(statuses)
    if counts["accepted"] == expected:
        return t("accepted", lang, accepted=_n(counts["accepted"], lang), expected=_n(expected, lang))
    parts = "; ".join(f"{status_label(s, lang).lower()} {_n(n, lang)}" for s, n in counts.items() if n)
    return t("units_count", lang, expected=_n(expected, lang), parts=parts)


def _units_lines(statuses: list[UnitStatus], result: MergeResult, lang: str) -> list[str]:
    """The units of one form that need the office: rejected (with why), unreadable, in conflict, missing."""
    lines: list[str] = []
    units = {s: [u for u in statuses if u.status == s] for s in UNIT_ORDER}
    if units["rejected"]:
        lines.append(t("rejected_head", lang, n=_n(len(units["rejected"]), lang)))
        for u in units["rejected"]:
            assert u.file is not None  # a rejected unit has the file that decided it
            lines.extend(_file_block(u.file, result, lang, only_errors=True))
    for state, head in (("unreadable", "unreadable_head"), ("conflict", "conflict_head")):
        if units[state]:
            lines.append(t(head, lang, n=_n(len(units[state]), lang)))
            for u in units[state]:
                files = [r.path for r in result.files if (r.sender or r.unit) == u.unit.code and r.status != "accepted"]
                lines.append(f"  {u.unit.code}  {u.unit.name}: {', '.join(files)}")
    if units["missing"]:
        names = ", ".join(u.unit.code for u in units["missing"])
        lines.append(t("missing_head", lang, n=_n(len(units["missing"]), lang), units=names))
        if len(units["missing"]) <= MAX_NAMED:
            lines.extend(f"  {u.unit.code}  {u.unit.name}" for u in units["missing"])
    return lines


def _bloc_line(result: MergeResult, lang: str) -> str:
    committee = result.catalog.bloc.committee
    if result.bloc_state == "conflict":
        return t("bloc_conflict", lang, committee=committee, files=", ".join(r.path for r in result.bloc_conflict))
    if result.bloc is None:
        return t("bloc_missing", lang, committee=committee)
    key = "bloc_ok" if result.bloc_state == "accepted" else "bloc_rejected"
    return t(key, lang, committee=committee, file=result.bloc.path)


def validate_text(result: MergeResult, lang: str = "vi") -> str:
    lines = []
    for r in result.files:
        errors, warnings = r.counts()
        if not errors and not warnings:
            lines.append(t("file_ok", lang, file=r.path))
            continue
        lines.append(
            t(
                "file_bad",
                lang,
                file=r.path,
                status=status_label(r.status, lang).lower(),
                counts=t("errors_warnings", lang, errors=errors, warnings=warnings),
            )
        )
        for f in r.findings[:50]:
            lines.append(_finding_line(f, result, lang))
    return "\n".join(lines)


def status_text(result: MergeResult, lang: str = "vi") -> str:
    cat = result.catalog
    period = result.period.label(cat) if result.period else "?"
    forms = _forms(result)
    lines = []
    for form_id, statuses in forms.items():
        if len(forms) > 1:
            lines.append(t("form_head", lang, form=form_id, name=cat.forms[form_id].name or cat.forms[form_id].title))
        counts = {s: sum(u.status == s for u in statuses) for s in ("accepted", "rejected", "missing")}
        lines.append(
            t(
                "status_head",
                lang,
                period=period,
                expected=_n(len(statuses), lang),
                **{k: _n(v, lang) for k, v in counts.items()},
            )
        )
        order = {"missing": 0, "rejected": 1, "accepted": 2}
        for state in sorted(statuses, key=lambda u: order.get(u.status, 1)):
            label = status_label(state.status, lang)
            where = f" — {state.file.path}" if state.file else ""
            lines.append(f"  {state.unit.code}  {label}: {state.unit.name}{where}")
            if state.file is not None and state.status == "rejected":
                lines.extend(_finding_line(f, result, lang) for f in state.file.findings if f.is_error)
    if cat.bloc_form is not None and (result.bloc is None or result.bloc.status != "accepted"):
        label = status_label(result.bloc.status if result.bloc else "missing", lang)
        lines.append(f"  {cat.bloc.code}  {label}: {cat.bloc.committee}")
    return "\n".join(lines)
