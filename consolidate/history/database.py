"""The history database file: where it is, opening it safely, bringing its schema forward.

**Where.** ``--db PATH`` (the API's ``db``), else the ``CONSOLIDATE_DB`` environment variable, else
``history: {database: …}`` in schemas/bloc.yaml — ``~`` is the user's home folder and a relative
path is taken from the catalog's folder, so every command finds the same file whatever folder it
runs in. A catalog without that key has no default database.

**Opening.** The standard library's sqlite3: one file, no server, on every Python the toolkit
supports. WAL journal (readers never wait for a writer), ``synchronous=FULL`` (a commit survives a
crash), and a writer waits up to :data:`BUSY_SECONDS` for another one (two merges started together
both finish, one after the other) before stopping with a message. Every write is one
``BEGIN IMMEDIATE`` transaction: a merge killed half-way leaves the database as it was.

**Errors** become :class:`~consolidate.core.errors.HistoryError` with a reason the CLI words: not a
database, another program's database, made by a newer version, busy, read-only, cannot be opened.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from consolidate.core.errors import HistoryError
from consolidate.core.model import Catalog
from consolidate.history.schema import APPLICATION_ID, CURRENT, MIGRATIONS

ENV = "CONSOLIDATE_DB"
BUSY_SECONDS = 60.0


def locate(catalog: Catalog, db: str | Path | bool | None = None) -> Path | None:
    """The database file to use: ``db`` (False: none), else $CONSOLIDATE_DB, else the catalog's."""
    if db is False:
        return None
    if db not in (None, True, ""):
        return Path(str(db)).expanduser()
    env = os.environ.get(ENV, "").strip()
    if env:
        return Path(env).expanduser()
    if catalog.history_db:
        path = Path(catalog.history_db).expanduser()
        return path if path.is_absolute() else Path(catalog.root) / path
    return None


class Database:
    """An open history database (use as a context manager, or call :meth:`close`)."""

    def __init__(self, path: str | Path):
        self.path = Path(path)
        if self.path.is_dir():
            raise HistoryError(self.path, "db_is_folder")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise HistoryError(self.path, "db_cannot_open", detail=exc.strerror or str(exc)) from None
        try:
            self.conn = sqlite3.connect(str(self.path), timeout=BUSY_SECONDS, isolation_level=None)
        except sqlite3.Error as exc:
            raise HistoryError(self.path, "db_cannot_open", detail=str(exc)) from None
        try:
            with self.errors():
                self._current()  # another program's file, or a newer version's, is left untouched
                self.conn.execute("PRAGMA journal_mode=WAL").fetchone()
                self.conn.execute("PRAGMA synchronous=FULL")
                self._migrate()
        except BaseException:
            self.conn.close()
            raise

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.conn.close()

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    @contextlib.contextmanager
    def errors(self) -> Iterator[None]:
        """sqlite3's errors as :class:`HistoryError` reasons."""
        try:
            yield
        except sqlite3.DatabaseError as exc:
            raise HistoryError(self.path, reason_of(exc), detail=str(exc)) from None

    @contextlib.contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken at once (``BEGIN IMMEDIATE``): committed whole or not at all."""
        with self.errors():
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                yield self.conn
            except BaseException:
                self.conn.execute("ROLLBACK")
                raise
            self.conn.execute("COMMIT")

    def _migrate(self) -> None:
        if self._current():
            return
        with self.transaction() as conn:
            if self._current():  # another process brought it forward meanwhile
                return
            for steps in MIGRATIONS[self.version :]:
                for step in steps:
                    if isinstance(step, str):
                        for statement in statements(step):
                            conn.execute(statement)
                    else:
                        step(conn)
            conn.execute(f"PRAGMA user_version = {CURRENT}")
            conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _current(self) -> bool:
        """True when the schema is the current one; raises when the file is not ours or too new."""
        version = self.version
        app = int(self.conn.execute("PRAGMA application_id").fetchone()[0])
        if version == 0:
            tables = self.conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if tables:
                raise HistoryError(self.path, "db_foreign")
            return False
        if app not in (0, APPLICATION_ID):
            raise HistoryError(self.path, "db_foreign")
        if version > CURRENT:
            raise HistoryError(self.path, "db_newer", found=version, supported=CURRENT)
        return version == CURRENT


def statements(script: str) -> list[str]:
    """The statements of a migration script (no statement of ours holds a ";" inside)."""
    return [s.strip() for s in script.split(";") if s.strip()]


def reason_of(exc: sqlite3.DatabaseError) -> str:
    """The i18n key of an sqlite3 error."""
    text = str(exc).lower()
    if "not a database" in text or "malformed" in text or "encrypted" in text:
        return "db_not_database"
    if "locked" in text or "busy" in text:
        return "db_busy"
    if "readonly" in text or "read-only" in text:
        return "db_readonly"
    if "unable to open" in text or "disk i/o" in text:
        return "db_cannot_open"
    return "db_failed"


def open_database(catalog: Catalog, db: str | Path | bool | None = None) -> Database | None:
    """The catalog's history database opened and current, or None when there is none to use."""
    path = locate(catalog, db)
    return Database(path) if path is not None else None
