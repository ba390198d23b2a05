"""The history database's tables, one migration per schema version (``PRAGMA user_version``).

A database is brought forward step by step, each step once, all steps of one opening in one
transaction: a database is at one version or the next, never between. A step is SQL, or a function
of the connection when SQL alone cannot say it (the back-filled audit of version 2). Never edit a
released step: add the next one (tests/fixtures/history_v1.sqlite3 is a version 1 database the
current code must migrate).

Version 1 — what each merge saw and counted:

- ``runs``: one recorded merge (when, by whom, which inbox and period, its fingerprint: the same
  inbox merged again is the same fingerprint and records nothing new);
- ``files``: each file ever seen, by its sha256, with its size, path, the time and the run that
  first saw it (its receipt: the order of versions) and its own "last saved" stamp;
- ``submissions`` and ``findings``: each file of a run with its status, and each finding;
- ``vals``: each value of an accepted file (indicator, value, cell), stored once per file;
- ``totals``: each run's bloc-wide totals with their coverage;
- ``periods``: the run whose figures are the period's recorded figures.

Version 2 — the reporting cycle: ``runs.kind`` (a merge, or files registered by ``receive``),
a period's closing (``periods.closed_at``, ``closed_by``, ``close_note``), the ``audit`` table
(back-filled with the merges version 1 recorded) and the ``accepted_values`` view (each recorded
value with its unit, form, period, sheet and cell).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable

APPLICATION_ID = 0x436F6E73  # "Cons": marks a history database of this toolkit

V1 = """
CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    inbox TEXT NOT NULL,
    period TEXT NOT NULL,
    fingerprint TEXT NOT NULL,
    units_expected INTEGER NOT NULL,
    units_accepted INTEGER NOT NULL,
    exit_code INTEGER NOT NULL
);
CREATE TABLE files (
    id INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL UNIQUE,
    size INTEGER NOT NULL,
    path TEXT NOT NULL,
    first_seen TEXT NOT NULL,
    run_id INTEGER NOT NULL REFERENCES runs (id),
    saved TEXT NOT NULL DEFAULT ''
);
CREATE TABLE submissions (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    path TEXT NOT NULL,
    file_id INTEGER REFERENCES files (id),
    unit TEXT,
    form TEXT,
    period TEXT,
    sheet TEXT,
    status TEXT NOT NULL,
    errors INTEGER NOT NULL,
    warnings INTEGER NOT NULL,
    PRIMARY KEY (run_id, path)
) WITHOUT ROWID;
CREATE TABLE findings (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    path TEXT,
    unit TEXT,
    code TEXT NOT NULL,
    severity TEXT NOT NULL,
    sheet TEXT,
    cell TEXT,
    indicator TEXT,
    value TEXT,
    message TEXT NOT NULL
);
CREATE INDEX findings_by_run ON findings (run_id);
CREATE TABLE vals (
    file_id INTEGER NOT NULL REFERENCES files (id),
    indicator TEXT NOT NULL,
    value,
    cell TEXT,
    PRIMARY KEY (file_id, indicator)
) WITHOUT ROWID;
CREATE TABLE totals (
    run_id INTEGER NOT NULL REFERENCES runs (id),
    indicator TEXT NOT NULL,
    value,
    units INTEGER NOT NULL,
    eligible INTEGER NOT NULL,
    bloc INTEGER NOT NULL,
    complete INTEGER NOT NULL,
    qualifier TEXT,
    PRIMARY KEY (run_id, indicator)
) WITHOUT ROWID;
CREATE TABLE periods (
    period TEXT PRIMARY KEY,
    run_id INTEGER NOT NULL REFERENCES runs (id)
) WITHOUT ROWID;
"""

V2 = """
ALTER TABLE runs ADD COLUMN kind TEXT NOT NULL DEFAULT 'merge';
ALTER TABLE periods ADD COLUMN closed_at TEXT;
ALTER TABLE periods ADD COLUMN closed_by TEXT;
ALTER TABLE periods ADD COLUMN close_note TEXT;
CREATE TABLE audit (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    by TEXT NOT NULL,
    action TEXT NOT NULL,
    period TEXT,
    run_id INTEGER REFERENCES runs (id),
    detail TEXT NOT NULL,
    files TEXT NOT NULL
);
CREATE VIEW accepted_values AS
    SELECT s.period, s.form, s.unit, v.indicator, v.value, s.sheet, v.cell, f.sha256, s.run_id
    FROM periods p
    JOIN submissions s ON s.run_id = p.run_id AND s.status = 'accepted'
    JOIN files f ON f.id = s.file_id
    JOIN vals v ON v.file_id = s.file_id;
"""


def _audit_v1_merges(conn: sqlite3.Connection) -> None:
    """Version 1 recorded merges without an audit: each becomes a "merge" event, with the files it
    counted."""
    counted: dict[int, list[str]] = {}
    query = (
        "SELECT s.run_id, f.sha256 FROM submissions s JOIN files f ON f.id = s.file_id "
        "WHERE s.status = 'accepted' ORDER BY s.run_id, f.sha256"
    )
    for run_id, sha in conn.execute(query):
        counted.setdefault(run_id, []).append(sha)
    rows = [
        (at, by, "merge", period, run_id, json.dumps({"run": run_id, "inbox": inbox, "migrated": 1}), counted)
        for run_id, at, by, inbox, period in conn.execute("SELECT id, at, by, inbox, period FROM runs ORDER BY id")
    ]
    conn.executemany(
        "INSERT INTO audit (at, by, action, period, run_id, detail, files) VALUES (?, ?, ?, ?, ?, ?, ?)",
        [(*row[:6], json.dumps(row[6].get(row[4], []))) for row in rows],
    )


Step = str | Callable[[sqlite3.Connection], None]

# MIGRATIONS[n] holds the steps from version n to version n + 1.
MIGRATIONS: tuple[tuple[Step, ...], ...] = (
    (V1,),
    (V2, _audit_v1_merges),
)
CURRENT = len(MIGRATIONS)
