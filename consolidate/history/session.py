"""A merge, a status or a validation with the history database beside it, and the cycle's own
commands (receive, close, reopen, audit, trends) on it.

The database is opened before any work (a file that is not a database stops the run at once),
then the merge asks it, as it goes, when each file was received (the order of versions) and —
unless ``--compare-with`` / ``--earlier`` name other figures, which win — the same period of the
previous year and the latest earlier period of this year. Afterwards a merge is recorded
(:mod:`consolidate.history.record`); ``status`` and ``validate`` only read.
"""

from __future__ import annotations

import getpass
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from consolidate.core.errors import HistoryError
from consolidate.core.model import Catalog
from consolidate.core.periods import Period, parse_period
from consolidate.core.submission import ACCEPTED, FileInfo
from consolidate.history.closing import AuditEvent, audit_log, close_period, reopen_period
from consolidate.history.database import Database, locate, open_database
from consolidate.history.queries import PeriodState, now_text, other_periods, period_state, set_receipts
from consolidate.history.receive import Receipt, receive_files
from consolidate.history.record import Recorded, record_merge
from consolidate.history.trends import Trends
from consolidate.history.trends import trends as recorded_trends
from consolidate.pipeline.previous import OtherPeriods, Previous, check_periods
from consolidate.pipeline.previous import other_periods as named_periods
from consolidate.pipeline.quarter import span
from consolidate.pipeline.result import MergeResult

DB = str | Path | bool | None  # a database path; None: the default one; False: none


def who(by: str | None = None) -> str:
    """Who acts: ``by``, else the user logged in to the computer."""
    if by and by.strip():
        return by.strip()
    try:
        return getpass.getuser()
    except Exception:  # no user name on this system: still a record, never a crash
        return "?"


class Sources:
    """Other periods' figures for a merge, called with the merged period once it is known: what the
    options name, else what the database recorded."""

    def __init__(self, catalog: Catalog, named: OtherPeriods, db: Database | None):
        self.catalog, self.named, self.db = catalog, named, db
        self.last_year: Previous | None = named.last_year
        self.earlier: Previous | None = named.earlier

    def __call__(self, period: Period | None) -> list[Previous]:
        if self.db is not None and (self.named.last_year is None or self.named.earlier is None):
            last_year, earlier = other_periods(self.db, self.catalog, period)
            self.last_year = self.named.last_year or last_year
            self.earlier = self.named.earlier or earlier
        return [p for p in (self.last_year, self.earlier) if p is not None]


def merge(
    inbox: str | Path,
    catalog: Catalog,
    *,
    period: Period | None = None,
    compare_with: str | Path | None = None,
    earlier: str | Path | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    db: DB = None,
    by: str | None = None,
    record: bool = True,
) -> MergeResult:
    """Merge ``inbox`` with the history database ``db``; record the merge unless ``record`` is False."""
    from consolidate.pipeline.merge import merge_inbox  # the pipeline: not for the cycle's light commands

    named = named_periods(catalog, compare_with, earlier)
    database = open_database(catalog, db)
    try:
        sources = Sources(catalog, named, database)
        now = now_text()
        receipts = _receipts(database, now)
        result = merge_inbox(
            inbox, catalog, period, workers=workers, progress=progress, history=sources, receipts=receipts
        )
        check_periods(catalog, named, result.period)
        _other_figures(result, sources)
        if database is not None:
            if record:
                result.history = record_merge(database, result, str(Path(inbox).resolve()), who(by), now)
            else:
                state = period_state(database, result.period.key) if result.period else None
                closed = state if state is not None and state.closed else None
                result.history = Recorded(str(database.path), closed=closed, recording=False)
    finally:
        if database is not None:
            database.close()
    return result


def validate(
    files: Iterable[str | Path], catalog: Catalog, *, period: Period | None = None, db: DB = None
) -> MergeResult:
    """Check single files as a merge would, with the database's other periods for the period rules."""
    from consolidate.pipeline.merge import validate_files

    database = open_database(catalog, db)
    try:
        sources = Sources(catalog, OtherPeriods(), database)
        return validate_files(files, catalog, period, history=sources)
    finally:
        if database is not None:
            database.close()


def required(catalog: Catalog, db: DB) -> Database:
    """The history database opened, for the commands that cannot work without one."""
    path = locate(catalog, db)
    if path is None:
        raise HistoryError("", "db_none")
    return Database(path)


def receive(
    files: Iterable[str | Path], inbox: str | Path, catalog: Catalog, *, db: DB, by: str | None
) -> list[Receipt]:
    with required(catalog, db) as database:
        return receive_files(database, [Path(f) for f in files], Path(inbox), who(by), now_text())


def close(period: str | Period, catalog: Catalog, *, db: DB, by: str | None, note: str) -> PeriodState:
    with required(catalog, db) as database:
        return close_period(database, catalog, _period(catalog, period), who(by), note, now_text())


def reopen(period: str | Period, catalog: Catalog, *, db: DB, by: str | None, reason: str) -> PeriodState:
    with required(catalog, db) as database:
        return reopen_period(database, catalog, _period(catalog, period), who(by), reason, now_text())


def audit(catalog: Catalog, *, db: DB, period: str | None = None) -> list[AuditEvent]:
    with required(catalog, db) as database:
        return audit_log(database, period)


def trends(
    catalog: Catalog,
    *,
    db: DB,
    indicators: Iterable[str] = (),
    units: Iterable[str] = (),
    start: str | Period | None = None,
    end: str | Period | None = None,
) -> Trends:
    first = _period(catalog, start) if start is not None else None
    last = _period(catalog, end) if end is not None else None
    with required(catalog, db) as database:
        return recorded_trends(database, catalog, indicators, units, first, last)


def _period(catalog: Catalog, period: str | Period) -> Period:
    return parse_period(catalog, period) if isinstance(period, str) else period


def _receipts(database: Database | None, now: str) -> Callable[[list[FileInfo]], None] | None:
    if database is None:
        return None

    def receipts(files: list[FileInfo]) -> None:
        set_receipts(database, files, now)

    return receipts


def _other_figures(result: MergeResult, sources: Sources) -> None:
    """The other periods a merge used, and the figures of the months since the earlier one."""
    result.previous, result.earlier = sources.last_year, sources.earlier
    accepted: dict[str, dict[str, Any]] = {}
    for statuses in (result.form_units or {"": result.units}).values():
        for u in statuses:
            if u.status == ACCEPTED:
                accepted.setdefault(u.unit.code, {}).update(u.submission.values)
    result.span = span(result.catalog, result.period, result.totals, accepted, result.earlier)


__all__: Sequence[str] = ["DB", "audit", "close", "merge", "receive", "reopen", "trends", "validate", "who"]
