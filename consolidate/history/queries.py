"""What a merge asks the history database: when each file was received, where a period stands
(its recorded merge, closed or not), and another period's recorded figures.

Reads only; each answer comes from the period's recorded merge (``periods.run_id``): its totals,
and the values of the files it counted.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from consolidate.core.model import Catalog
from consolidate.core.moments import shown_time as shown_time  # re-exported for history.closing
from consolidate.core.periods import Period, PeriodError, parse_period
from consolidate.core.submission import FileInfo
from consolidate.history.database import Database
from consolidate.pipeline.previous import Previous

CHUNK = 500  # sha256 values per query (SQLite allows 999 parameters on its oldest builds)


def now_text() -> str:
    """The current time as the database keeps it: ISO, UTC, to the second."""
    return dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def known_files(db: Database, shas: Iterable[str]) -> dict[str, tuple[int, str, int]]:
    """sha256 → (file id, first seen, receipt order) of the files the database has seen."""
    shas = sorted(set(shas))
    out: dict[str, tuple[int, str, int]] = {}
    with db.errors():
        for i in range(0, len(shas), CHUNK):
            part = shas[i : i + CHUNK]
            query = f"SELECT sha256, id, first_seen, run_id FROM files WHERE sha256 IN ({','.join('?' * len(part))})"
            for sha, file_id, seen, run_id in db.conn.execute(query, part):
                out[sha] = (file_id, seen, run_id)
    return out


def set_receipts(db: Database, files: Sequence[FileInfo], now: str) -> None:
    """Each file's receipt: when the database first saw it (and in which order), or — a file it
    has never seen — now, after every receipt it knows."""
    known = known_files(db, (f.sha256 for f in files))
    with db.errors():
        pending = int(db.conn.execute("SELECT coalesce(max(id), 0) FROM runs").fetchone()[0]) + 1
    for f in files:
        if f.sha256 in known:
            _, f.received, f.receipt = known[f.sha256]
        else:
            f.received, f.receipt = now, pending


@dataclass(frozen=True)
class PeriodState:
    """A period's recorded merge, and its closing when it is closed."""

    period: str
    run: int
    closed_at: str | None = None
    closed_by: str | None = None
    note: str | None = None

    @property
    def closed(self) -> bool:
        return self.closed_at is not None

    def to_json(self) -> dict[str, Any]:
        return {"period": self.period, "run": self.run, "at": self.closed_at, "by": self.closed_by, "note": self.note}


def period_state(db: Database, key: str) -> PeriodState | None:
    with db.errors():
        row = db.conn.execute(
            "SELECT period, run_id, closed_at, closed_by, close_note FROM periods WHERE period = ?", (key,)
        ).fetchone()
    return PeriodState(*row) if row else None


def recorded_periods(db: Database, catalog: Catalog) -> list[tuple[Period, PeriodState]]:
    """Every period with a recorded merge, in time order (periods the catalog no longer knows left out)."""
    out = []
    with db.errors():
        rows = db.conn.execute("SELECT period, run_id, closed_at, closed_by, close_note FROM periods").fetchall()
    for row in rows:
        try:
            out.append((parse_period(catalog, row[0]), PeriodState(*row)))
        except PeriodError:
            continue
    return sorted(out, key=lambda pair: pair[0])


def run_totals(db: Database, run: int) -> dict[str, tuple[Any, int, int, bool]]:
    """code → (value, units, eligible, complete) of a recorded merge."""
    with db.errors():
        rows = db.conn.execute(
            "SELECT indicator, value, units, eligible, complete FROM totals WHERE run_id = ?", (run,)
        ).fetchall()
    return {code: (value, units, of, bool(complete)) for code, value, units, of, complete in rows}


def counted_files(db: Database, run: int) -> dict[tuple[str, str], tuple[int, str, str]]:
    """(form, unit) → (file id, path, sha256) of the files a recorded merge counted."""
    with db.errors():
        rows = db.conn.execute(
            "SELECT s.form, s.unit, s.file_id, s.path, f.sha256 FROM submissions s JOIN files f ON f.id = s.file_id "
            "WHERE s.run_id = ? AND s.status = 'accepted'",
            (run,),
        ).fetchall()
    return {(form, unit): (file_id, path, sha) for form, unit, file_id, path, sha in rows}


def file_values(db: Database, file_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """file id → indicator → value."""
    ids = sorted(set(file_ids))
    out: dict[int, dict[str, Any]] = {i: {} for i in ids}
    with db.errors():
        for i in range(0, len(ids), CHUNK):
            part = ids[i : i + CHUNK]
            query = f"SELECT file_id, indicator, value FROM vals WHERE file_id IN ({','.join('?' * len(part))})"
            for file_id, code, value in db.conn.execute(query, part):
                out[file_id][code] = value
    return out


def figures(db: Database, catalog: Catalog, period: Period) -> Previous | None:
    """A period's recorded figures as another period's figures for a merge (totals, and each
    unit's numbers), or None when the period has no recorded merge."""
    state = period_state(db, period.key)
    if state is None:
        return None
    totals = {code: value for code, (value, *_rest) in run_totals(db, state.run).items()}
    unit_forms = {f.id for f in catalog.unit_forms}
    counted = {key: ids for key, ids in counted_files(db, state.run).items() if key[0] in unit_forms}
    values = file_values(db, (file_id for file_id, _, _ in counted.values()))
    units: dict[str, dict[str, float | int]] = {}
    for (_form, unit), (file_id, _, _) in counted.items():
        numbers = {c: v for c, v in values[file_id].items() if isinstance(v, (int, float)) and not isinstance(v, bool)}
        units.setdefault(unit, {}).update(numbers)
    return Previous(period.label(catalog), period.key, totals, units, str(db.path))


def other_periods(db: Database, catalog: Catalog, period: Period | None) -> tuple[Previous | None, Previous | None]:
    """(the same period of the previous year, the latest earlier period of this year), as recorded."""
    if period is None:
        return None, None
    last_year: Previous | None = None
    earlier: Previous | None = None
    for other, _state in recorded_periods(db, catalog):
        if other.kind == period.kind and other.year == period.year - 1:
            last_year = figures(db, catalog, other)
        elif other.year == period.year and other.order < period.order:
            earlier = figures(db, catalog, other)  # periods come in time order: the latest wins
    return last_year, earlier
