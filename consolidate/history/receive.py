"""``consolidate receive``: copy the attachments a unit sent into the inbox and record their receipt.

A file is received once: its sha256 is recorded with the time and an order of receipt, which
later decides which version of a unit's report counts (the one received last). Files given
together are received one after the other, in the order given. The spreadsheets inside a .zip
attachment are recorded too (a merge reads them one by one), after the same guards as a merge.

The copy keeps the file's name; a different file of that name already in the inbox is kept and the
new one goes beside it ("CB07 (2).xlsx"); the same bytes already there are not copied again. A
file received before keeps its first receipt.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import zipfile
from dataclasses import dataclass
from pathlib import Path

from consolidate.core.atomic import MAX_COPIES
from consolidate.core.errors import Stop
from consolidate.history.database import Database
from consolidate.history.queries import known_files
from consolidate.ingest.guard import MAX_FILE_BYTES
from consolidate.ingest.inbox import archive_problem, ignore_reason, is_inside


@dataclass(frozen=True)
class Receipt:
    """One file received: where it came from, where it is in the inbox, when it was received
    (``first``: now; otherwise it had been received before, at ``received``)."""

    source: str
    target: str  # relative to the inbox
    sha256: str
    received: str
    first: bool
    copied: bool
    members: int = 0  # spreadsheets inside a .zip attachment

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.source,
            "target": self.target,
            "sha256": self.sha256,
            "received": self.received,
            "first": self.first,
            "copied": self.copied,
            "members": self.members,
        }


def receive_files(db: Database, files: list[Path], inbox: Path, by: str, now: str) -> list[Receipt]:
    """Copy ``files`` into ``inbox`` and record each one's receipt (one transaction)."""
    for path in files:
        if not path.is_file():
            raise Stop("err_receive_missing", path=path)
    inbox.mkdir(parents=True, exist_ok=True)
    inbox = inbox.resolve()
    planned = []
    for path in files:
        data = path.read_bytes()
        sha = hashlib.sha256(data).hexdigest()
        target, copied = _place(path, inbox, sha)
        if copied:
            shutil.copyfile(path, target)
        planned.append((path, target, sha, len(data), _members(target), copied))
    receipts = []
    with db.transaction() as conn:
        for path, target, sha, size, members, copied in planned:
            known = known_files(db, [sha, *members])
            relative = target.relative_to(inbox).as_posix()
            run = conn.execute(
                "INSERT INTO runs (at, by, inbox, period, fingerprint, units_expected, units_accepted, exit_code, kind) "
                "VALUES (?, ?, ?, '', '', 0, 0, 0, 'receive')",
                (now, by, str(inbox)),
            ).lastrowid
            rows = [(sha, size, relative)] + [(m, s, f"{relative}/{name}") for m, (name, s) in members.items()]
            conn.executemany(
                "INSERT OR IGNORE INTO files (sha256, size, path, first_seen, run_id) VALUES (?, ?, ?, ?, ?)",
                [(h, s, p, now, run) for h, s, p in rows],
            )
            detail = {"file": str(path), "target": relative, "copied": copied}
            conn.execute(
                "INSERT INTO audit (at, by, action, period, run_id, detail, files) VALUES (?, ?, 'receive', NULL, ?, ?, ?)",
                (now, by, run, json.dumps(detail, ensure_ascii=False), json.dumps(sorted([sha, *members]))),
            )
            first = sha not in known
            when = now if first else known[sha][1]
            receipts.append(Receipt(str(path), relative, sha, when, first, copied, len(members)))
    return receipts


def _place(path: Path, inbox: Path, sha: str) -> tuple[Path, bool]:
    """Where the file goes in the inbox, and whether it must be copied there: its own name, else
    the first free "name (2)", "name (3)" … — unless one of those already holds the same bytes."""
    if is_inside(path, inbox):
        return path.resolve(), False
    first = inbox / path.name
    for n in range(1, MAX_COPIES + 1):
        target = first if n == 1 else first.with_name(f"{first.stem} ({n}){first.suffix}")
        if not target.exists():
            return target, True
        if target.is_file() and hashlib.sha256(target.read_bytes()).hexdigest() == sha:
            return target, False
    raise FileExistsError(f"{MAX_COPIES} copies of {first} exist already")


def _members(path: Path) -> dict[str, tuple[str, int]]:
    """sha256 → (name, size) of the spreadsheets inside a .zip attachment a merge would read."""
    if not path.name.lower().endswith(".zip") or archive_problem(path) is not None:
        return {}
    out = {}
    with zipfile.ZipFile(path) as zf:
        for info in zf.infolist():
            name = info.filename.rsplit("/", 1)[-1]
            if info.is_dir() or info.flag_bits & 0x1 or info.file_size > MAX_FILE_BYTES or ignore_reason(name):
                continue
            data = zf.read(info)
            out[hashlib.sha256(data).hexdigest()] = (info.filename, len(data))
    return out
