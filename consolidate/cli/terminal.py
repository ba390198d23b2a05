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
    from consolidate.pipeline.result import FileResult, MergeResult

MAX_PER_FILE = 8


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
    cat = result.catalog
    lines = [
        t("period", lang, period=result.period.label(cat)) if result.period else t("period_unknown", lang),
        t("accepted", lang, accepted=_n(result.units_accepted, lang), expected=_n(result.units_expected, lang)),
    ]
    if cat.bloc_form is not None:
        if result.bloc is None:
            lines.append(t("bloc_missing", lang, committee=cat.bloc.committee))
        else:
            key = "bloc_ok" if result.bloc.status == "accepted" else "bloc_rejected"
            lines.append(t(key, lang, committee=cat.bloc.committee, file=result.bloc.path))
    rejected = [r for r in result.files if r.status == "rejected"]
    if rejected:
        lines.append(t("rejected_head", lang, n=_n(len(rejected), lang)))
        for r in rejected:
            lines.extend(_file_block(r, result, lang, only_errors=True))
    if result.missing:
        lines.append(t("missing_head", lang, n=_n(len(result.missing), lang), units=", ".join(result.missing)))
    others = [r for r in result.files if r.status in ("ignored", "superseded")]
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
    counts = {s: sum(u.status == s for u in result.units) for s in ("accepted", "rejected", "missing")}
    lines = [
        t(
            "status_head",
            lang,
            period=period,
            expected=_n(result.units_expected, lang),
            **{k: _n(v, lang) for k, v in counts.items()},
        )
    ]
    order = {"missing": 0, "rejected": 1, "accepted": 2}
    for state in sorted(result.units, key=lambda u: order[u.status]):
        label = status_label(state.status, lang)
        where = f" — {state.file.path}" if state.file else ""
        lines.append(f"  {state.unit.code}  {label}: {state.unit.name}{where}")
        if state.file is not None and state.status == "rejected":
            lines.extend(_finding_line(f, result, lang) for f in state.file.findings if f.is_error)
    if cat.bloc_form is not None and (result.bloc is None or result.bloc.status != "accepted"):
        label = status_label(result.bloc.status if result.bloc else "missing", lang)
        lines.append(f"  {cat.bloc.code}  {label}: {cat.bloc.committee}")
    return "\n".join(lines)
