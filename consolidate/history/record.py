"""Recording a merge: one transaction holding everything the merge saw and counted.

:func:`record_merge` writes, in one ``BEGIN IMMEDIATE`` transaction, the run, each file first seen
(its receipt), each submission with its status and findings, each value of the files counted
(stored once per file), the totals with their coverage, the period's pointer to this run and an
audit event — or nothing at all:

- when the merge is the period's recorded one again (same fingerprint: the same files, statuses,
  findings and totals), nothing new is recorded;
- when the period is closed, nothing is recorded and :class:`Recorded` says what the merge *would*
  change against the closed figures (the CLI then exits 1).

Rows go in with ``executemany`` from generators; the state that decides what to write (closed?
the same fingerprint? which files are known?) is read again inside the transaction, so two merges
started together record one after the other and never twice.
"""

from __future__ import annotations

import datetime as dt
import decimal
import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from consolidate.core.messages import render
from consolidate.core.submission import ACCEPTED
from consolidate.history.closing import Change, would_change
from consolidate.history.database import Database
from consolidate.history.queries import PeriodState, known_files, period_state
from consolidate.pipeline.result import MergeResult


@dataclass
class Recorded:
    """What the history database made of a merge (``MergeResult.history``)."""

    database: str
    run: int | None = None  # the run recorded now, or None
    unchanged: bool = False  # the period's recorded merge already: nothing new recorded
    new_files: int = 0  # files first seen (received) by this merge
    merges: int = 0  # recorded merges of the period, this one included
    closed: PeriodState | None = None  # the period is closed: nothing recorded
    changes: list[Change] = field(default_factory=list)  # what the merge would change in closed figures
    recording: bool = True  # False for `status`, which only reads

    @property
    def recorded(self) -> bool:
        return self.run is not None

    @property
    def refused(self) -> bool:
        """A closed period this merge would change: the run ends with exit code 1."""
        return self.recording and self.closed is not None and bool(self.changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "database": self.database,
            "recorded": self.recorded,
            "run": self.run,
            "unchanged": self.unchanged,
            "new_files": self.new_files,
            "merges": self.merges,
            "closed": self.closed.to_json() if self.closed is not None else None,
            "changes": [c.to_json() for c in self.changes],
        }


def fingerprint(result: MergeResult) -> str:
    """The same files, statuses, findings and totals give the same fingerprint."""
    h = hashlib.sha256()
    h.update((result.period.key if result.period else "").encode())
    for r in result.files:
        codes = [(f.code, f.cell or "", f.indicator or "") for f in r.raw_findings]
        h.update(json.dumps([r.path, r.file.sha256, r.status, r.unit, r.form, sorted(codes)]).encode())
    h.update(json.dumps(sorted((f.code, f.indicator or "") for f in result.merge_findings)).encode())
    h.update(json.dumps(sorted((c, _plain(t.value), t.units) for c, t in result.totals.items())).encode())
    return h.hexdigest()


def record_merge(db: Database, result: MergeResult, inbox: str, by: str, now: str) -> Recorded:
    """Record ``result`` (a merge of ``inbox`` by ``by`` at ``now``) unless nothing is new or the
    period is closed; see the module docstring."""
    out = Recorded(str(db.path))
    if result.period is None:
        return out  # a merge no file states the period of: nothing to file it under
    key, print_ = result.period.key, fingerprint(result)
    with db.transaction() as conn:
        state = period_state(db, key)
        if state is not None and state.closed:
            out.closed, out.changes = state, would_change(db, result, state)
            return out
        if state is not None:
            current = conn.execute("SELECT fingerprint FROM runs WHERE id = ?", (state.run,)).fetchone()
            if current and current[0] == print_:
                out.unchanged = True
                return out
        run = conn.execute(
            "INSERT INTO runs (at, by, inbox, period, fingerprint, units_expected, units_accepted, exit_code, kind) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'merge')",
            (now, by, inbox, key, print_, result.units_expected, result.units_accepted, result.exit_code),
        ).lastrowid
        assert run is not None  # an INSERT into a rowid table
        infos = {r.file.sha256: r.file for r in result.files if r.file.sha256}
        known = known_files(db, infos)
        fresh = [f for sha, f in infos.items() if sha not in known]
        conn.executemany(
            "INSERT OR IGNORE INTO files (sha256, size, path, first_seen, run_id, saved) VALUES (?, ?, ?, ?, ?, ?)",
            ((f.sha256, f.size, f.path, now, run, f.modified or "") for f in fresh),
        )
        ids = {sha: row[0] for sha, row in {**known, **known_files(db, (f.sha256 for f in fresh))}.items()}
        conn.executemany(
            "INSERT INTO submissions (run_id, path, file_id, unit, form, period, sheet, status, errors, warnings) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _submissions(result, run, ids),
        )
        conn.executemany(
            "INSERT INTO findings (run_id, path, unit, code, severity, sheet, cell, indicator, value, message) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _findings(result, run),
        )
        _values(db, result, ids, {ids[f.sha256] for f in fresh})
        conn.executemany(
            "INSERT INTO totals (run_id, indicator, value, units, eligible, bloc, complete, qualifier) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                (run, c, _plain(t.value), t.units, t.eligible, t.bloc, t.complete, t.qualifier)
                for c, t in result.totals.items()
            ),
        )
        conn.execute(
            "INSERT INTO periods (period, run_id) VALUES (?, ?) ON CONFLICT (period) DO UPDATE SET run_id = excluded.run_id",
            (key, run),
        )
        counted = sorted(r.file.sha256 for r in result.files if r.status == ACCEPTED and r.file.sha256)
        detail = {
            "run": run,
            "inbox": inbox,
            "units_expected": result.units_expected,
            "units_accepted": result.units_accepted,
            "new_files": len(fresh),
            "exit_code": result.exit_code,
        }
        conn.execute(
            "INSERT INTO audit (at, by, action, period, run_id, detail, files) VALUES (?, ?, 'merge', ?, ?, ?, ?)",
            (now, by, key, run, json.dumps(detail, ensure_ascii=False), json.dumps(counted)),
        )
        merges = conn.execute("SELECT count(*) FROM runs WHERE period = ? AND kind = 'merge'", (key,)).fetchone()[0]
    out.run, out.new_files, out.merges = run, len(fresh), merges
    return out


def _submissions(result: MergeResult, run: int, ids: dict[str, int]) -> Iterator[tuple[Any, ...]]:
    for r in result.files:
        errors, warnings = r.counts()
        sub = r.sub
        yield (
            run,
            r.path,
            ids.get(r.file.sha256),
            r.unit or r.sender,
            r.form,
            sub.period_key if sub is not None else None,
            sub.sheet if sub is not None else None,
            r.status,
            errors,
            warnings,
        )


def _findings(result: MergeResult, run: int) -> Iterator[tuple[Any, ...]]:
    for f in result.findings:
        message = render(f, result.catalog, "vi")[0]
        value = None if f.value is None else str(f.value)
        yield (run, f.file, f.unit, f.code, f.severity, f.sheet, f.cell, f.indicator, value, message)


def _values(db: Database, result: MergeResult, ids: dict[str, int], fresh: set[int]) -> None:
    """The values of every file counted, once per file: a file already counted by an earlier run
    has them already."""
    counted = {ids[r.file.sha256]: r for r in result.files if r.status == ACCEPTED and r.sub is not None}
    old = [i for i in counted if i not in fresh]
    stored: set[int] = set()
    for i in range(0, len(old), 500):
        part = old[i : i + 500]
        query = f"SELECT DISTINCT file_id FROM vals WHERE file_id IN ({','.join('?' * len(part))})"
        stored |= {row[0] for row in db.conn.execute(query, part)}

    def rows() -> Iterator[tuple[Any, ...]]:
        plain = (int, float, str)
        for file_id, r in counted.items():
            if file_id in stored:
                continue
            assert r.sub is not None  # counted files were read
            cells = r.sub.cells
            for code, value in r.sub.values.items():
                if value is not None:
                    yield (file_id, code, value if type(value) in plain else _plain(value), cells.get(code))

    db.conn.executemany("INSERT OR IGNORE INTO vals (file_id, indicator, value, cell) VALUES (?, ?, ?, ?)", rows())


def _plain(value: Any) -> Any:
    """A value sqlite3 stores as it is: numbers, text; dates as ISO text, Decimals as numbers."""
    if value is None or isinstance(value, (int, float, str)):
        return value
    if isinstance(value, decimal.Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)
