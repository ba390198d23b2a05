"""Closing a period when leadership signs, reopening it, and the audit of both.

``close`` freezes the period's recorded figures: while it is closed, a merge of the period writes
its outputs but records nothing, and says what it *would* change (:func:`would_change`: bloc totals,
the file counted for a unit, the unit's figures). ``reopen`` lifts it, with a reason. Every close,
reopen, receipt and recorded merge is an audit event: who (the OS user, or ``--by``), when, what,
and the sha256 of the files concerned.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from consolidate.core.errors import HistoryError
from consolidate.core.model import Catalog
from consolidate.core.periods import Period
from consolidate.core.submission import ACCEPTED
from consolidate.history.database import Database
from consolidate.history.queries import (
    PeriodState,
    counted_files,
    file_values,
    period_state,
    run_totals,
    shown_time,
)

if TYPE_CHECKING:
    from consolidate.pipeline.result import MergeResult


@dataclass(frozen=True)
class Change:
    """One difference from the closed figures: a bloc total (``unit`` None), the file counted for a
    unit (``indicator`` None: ``closed`` and ``now`` are paths) or one of the unit's figures."""

    unit: str | None
    indicator: str | None
    closed: Any
    now: Any

    def to_json(self) -> dict[str, Any]:
        return {"unit": self.unit, "indicator": self.indicator, "closed": self.closed, "now": self.now}


@dataclass(frozen=True)
class AuditEvent:
    """One line of the audit: ``action`` is merge, close, reopen or receive."""

    id: int
    at: str
    by: str
    action: str
    period: str | None
    run: int | None
    detail: dict[str, Any]
    files: list[str]

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "at": self.at,
            "by": self.by,
            "action": self.action,
            "period": self.period,
            "run": self.run,
            "detail": self.detail,
            "files": self.files,
        }


def would_change(db: Database, result: MergeResult, state: PeriodState) -> list[Change]:
    """What recording ``result`` would change in the closed figures of its period."""
    changes = []
    closed_totals = run_totals(db, state.run)
    for code, total in result.totals.items():
        before = closed_totals.get(code, (None,))[0]
        if not _same(before, total.value):
            changes.append(Change(None, code, before, total.value))
    closed = counted_files(db, state.run)
    now = {
        (r.form, r.unit): r for r in result.files if r.status == ACCEPTED and r.form and r.unit and r.sub is not None
    }
    values = file_values(db, (file_id for key, (file_id, _, sha) in closed.items() if _differs(now.get(key), sha)))
    for key in sorted(set(closed) | set(now), key=lambda k: (k[1] or "", k[0] or "")):
        was, is_ = closed.get(key), now.get(key)
        if was is not None and is_ is not None and was[2] == is_.file.sha256:
            continue
        unit = key[1]
        changes.append(Change(unit, None, was[1] if was else None, is_.path if is_ else None))
        old = values.get(was[0], {}) if was else {}
        new = dict(is_.sub.values) if is_ is not None and is_.sub is not None else {}
        for code in sorted(set(old) | set(new)):
            numeric = _numeric(old.get(code)) or _numeric(new.get(code))
            if numeric and not _same(old.get(code), new.get(code)):
                changes.append(Change(unit, code, old.get(code), _number(new.get(code))))
    return changes


def close_period(db: Database, catalog: Catalog, period: Period, by: str, note: str, now: str) -> PeriodState:
    """Freeze ``period``'s recorded figures; raises when it has none or is closed already."""
    with db.transaction() as conn:
        state = period_state(db, period.key)
        if state is None:
            raise HistoryError(db.path, "cycle_no_period", period=period.label(catalog))
        if state.closed:
            raise HistoryError(
                db.path,
                "cycle_already_closed",
                period=period.label(catalog),
                at=shown_time(state.closed_at),
                by=state.closed_by,
            )
        conn.execute(
            "UPDATE periods SET closed_at = ?, closed_by = ?, close_note = ? WHERE period = ?",
            (now, by, note, period.key),
        )
        _audit(db, now, by, "close", period.key, state.run, {"note": note})
    return PeriodState(period.key, state.run, now, by, note)


def reopen_period(db: Database, catalog: Catalog, period: Period, by: str, reason: str, now: str) -> PeriodState:
    """Lift the closing of ``period`` (the reason goes into the audit); raises when it is not closed."""
    with db.transaction() as conn:
        state = period_state(db, period.key)
        if state is None or not state.closed:
            raise HistoryError(db.path, "cycle_not_closed", period=period.label(catalog))
        conn.execute(
            "UPDATE periods SET closed_at = NULL, closed_by = NULL, close_note = NULL WHERE period = ?", (period.key,)
        )
        detail = {"reason": reason, "closed_at": state.closed_at, "closed_by": state.closed_by}
        _audit(db, now, by, "reopen", period.key, state.run, detail)
    return PeriodState(period.key, state.run)


def audit_log(db: Database, period: str | None = None) -> list[AuditEvent]:
    """Every audit event (of one period, when given), oldest first."""
    query = "SELECT id, at, by, action, period, run_id, detail, files FROM audit"
    args: tuple[str, ...] = ()
    if period is not None:
        query, args = query + " WHERE period = ?", (period,)
    with db.errors():
        rows = db.conn.execute(query + " ORDER BY id", args).fetchall()
    return [
        AuditEvent(i, at, by, act, per, run, json.loads(d), json.loads(f)) for i, at, by, act, per, run, d, f in rows
    ]


def _audit(db: Database, now: str, by: str, action: str, period: str | None, run: int | None, detail: dict) -> None:
    files = [row[2] for row in counted_files(db, run).values()] if run is not None else []
    db.conn.execute(
        "INSERT INTO audit (at, by, action, period, run_id, detail, files) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (now, by, action, period, run, json.dumps(detail, ensure_ascii=False), json.dumps(sorted(files))),
    )


def _differs(now: Any, sha: str) -> bool:
    return now is None or now.file.sha256 != sha


def _numeric(value: Any) -> bool:
    return isinstance(value, Decimal) or (isinstance(value, (int, float)) and not isinstance(value, bool))


def _number(value: Any) -> Any:
    return float(value) if isinstance(value, Decimal) else value


def _same(a: Any, b: Any) -> bool:
    if _numeric(a) and _numeric(b):
        return abs(float(a) - float(b)) < 1e-9
    return a == b
