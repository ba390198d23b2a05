"""The reporting cycle as the lines the office reads: what the history database made of a merge
(recorded, nothing new, a closed period and what would change), receipts, closing and reopening,
trends and the audit. Pure: returns text; the commands print it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from consolidate.cli.words import t
from consolidate.core.moments import shown_time
from consolidate.core.numbers import format_number

if TYPE_CHECKING:
    from consolidate.core.model import Catalog
    from consolidate.pipeline.result import MergeResult

MAX_CHANGES = 20  # would-be changes listed before "… and N more"


def when(text: str | None) -> str:
    """ "2021-10-06T09:00:00Z" → "06/10/2021 16:00:00 (UTC+07:00)" (as the version messages show times)."""
    return shown_time(text)


def _number(value: Any, lang: str) -> str:
    if value is None:
        return "…"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value, None, lang)
    return str(value)


def _label(catalog: Catalog, code: str | None, lang: str) -> str:
    ind = catalog.indicator(code) if code else None
    return ind.label_for(lang) if ind is not None else str(code)


def _period_label(catalog: Catalog, key: str) -> str:
    from consolidate.core.periods import PeriodError, parse_period

    try:
        return parse_period(catalog, key).label(catalog)
    except PeriodError:
        return key


def _note(by: str | None, note: str | None) -> str:
    return f"{by or '?'}: {note}" if note else (by or "?")


def history_lines(result: MergeResult, lang: str) -> list[str]:
    """Which other periods a merge compared with, the months alone, and what the database did."""
    cat = result.catalog
    lines = []
    compared = []
    for key, other in (("db_last_year", result.previous), ("db_earlier", result.earlier)):
        if other is not None:
            source = (
                t("db_source_db", lang)
                if other.source == (result.history and result.history.database)
                else other.source
            )
            compared.append(t(key, lang, period=other.label, source=source))
    if compared:
        lines.append(t("db_compared", lang, what="; ".join(compared)))
    if result.span is not None and result.period is not None:
        label = result.span.label
        lines.append(t("db_quarter", lang, label=label, period=result.period.label(cat), earlier=result.span.earlier))
    state = result.history
    if state is None:
        return lines
    closed = state.closed
    period = result.period.label(cat) if result.period else "?"
    if not state.recording:
        if closed is not None:
            lines.append(
                t(
                    "db_closed_status",
                    lang,
                    period=period,
                    at=when(closed.closed_at),
                    by=_note(closed.closed_by, closed.note),
                )
            )
        elif result.period is not None:
            lines.append(t("db_open_status", lang, period=period))
        return lines
    if closed is not None:
        lines.append(
            t("db_closed", lang, period=period, at=when(closed.closed_at), by=_note(closed.closed_by, closed.note))
        )
        lines.extend(_changes(result, lang))
    elif state.run is not None:
        count, new = (format_number(n, 0, lang) for n in (state.merges, state.new_files))
        lines.append(t("db_recorded", lang, count=count, n=new))
    elif state.unchanged:
        lines.append(t("db_unchanged", lang))
    return lines


def _changes(result: MergeResult, lang: str) -> list[str]:
    state = result.history
    if not state.changes:
        return [t("db_same_as_closed", lang)]
    cat = result.catalog
    lines = [t("db_would_change", lang, n=format_number(len(state.changes), 0, lang))]
    for c in state.changes[:MAX_CHANGES]:
        if c.unit is None:
            lines.append(
                t(
                    "db_change_total",
                    lang,
                    label=_label(cat, c.indicator, lang),
                    closed=_number(c.closed, lang),
                    now=_number(c.now, lang),
                )
            )
        elif c.indicator is None:
            none = t("db_none_file", lang)
            lines.append(t("db_change_file", lang, unit=c.unit, closed=c.closed or none, now=c.now or none))
        else:
            label = _label(cat, c.indicator, lang)
            lines.append(
                t(
                    "db_change_value",
                    lang,
                    unit=c.unit,
                    label=label,
                    closed=_number(c.closed, lang),
                    now=_number(c.now, lang),
                )
            )
    if len(state.changes) > MAX_CHANGES:
        lines.append("  " + t("more", lang, n=format_number(len(state.changes) - MAX_CHANGES, 0, lang)))
    if result.period is not None:
        lines.append(t("db_reopen_hint", lang, period_key=result.period.key))
    return lines


def receipts_text(receipts: list, lang: str) -> str:
    lines = []
    for r in receipts:
        key = "received_new" if r.first else "received_before"
        lines.append(t(key, lang, file=r.source, target=r.target, at=when(r.received)))
        if r.members:
            lines.append(t("received_members", lang, n=format_number(r.members, 0, lang)))
    return "\n".join(lines)


def closing_text(state, catalog: Catalog, lang: str, reason: str = "") -> str:
    period = _period_label(catalog, state.period)
    if state.closed:
        return t("closed", lang, period=period, at=when(state.closed_at), by=_note(state.closed_by, state.note))
    return t("reopened", lang, period=period, reason=reason)


def trends_text(trends, catalog: Catalog, lang: str) -> str:
    """The recorded periods, then each charted indicator's bloc totals over them."""
    if not trends.periods:
        return t("trends_none", lang, db=trends.database)
    closed = t("trends_closed", lang)
    labels = [trends.labels[k] + (f" ({closed})" if trends.closed.get(k) else "") for k in trends.periods]
    lines = [t("trends_head", lang, periods=", ".join(labels))]
    for code in trends.charts:
        ind = catalog.indicator(code)
        if ind is None:
            continue
        values = "; ".join(
            f"{trends.labels[k]}: {_number(trends.totals.get(k, {}).get(code), lang)}" for k in trends.periods
        )
        lines.append(t("trends_row", lang, label=ind.label_for(lang), unit=ind.unit, values=values))
    return "\n".join(lines)


def audit_text(events: list, lang: str) -> str:
    lines = [t("audit_head", lang, n=format_number(len(events), 0, lang))]
    for e in events:
        detail = e.detail.get("note") or e.detail.get("reason") or e.detail.get("target") or e.detail.get("inbox") or ""
        lines.append(
            t(
                "audit_row",
                lang,
                at=when(e.at),
                by=e.by,
                action=t(f"action_{e.action}", lang),
                period=e.period or "",
                detail=detail,
            ).rstrip()
        )
    return "\n".join(lines)
