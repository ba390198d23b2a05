"""List what an inbox folder holds: the candidate reports, and what is ignored and why.

Sub-folders are searched too (attachments are often saved into one folder per e-mail). Excel lock
files (~$…), hidden and system files and files that are not spreadsheets are reported as ignored,
never opened. Nothing in the inbox is ever written.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from consolidate.core.findings import INFO, Finding

SPREADSHEET_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods", ".xltx", ".xltm"}
SYSTEM_FILES = {"thumbs.db", "desktop.ini", ".ds_store", "icon\r"}
SKIPPED_DIRS = {"__macosx", ".git", ".svn"}


@dataclass(frozen=True, slots=True)
class Entry:
    """A file of the inbox: ``path`` on disk, ``display`` relative to the inbox (with "/")."""

    path: Path
    display: str


@dataclass
class Listing:
    candidates: list[Entry]
    ignored: list[tuple[Entry, Finding]]


def list_inbox(inbox: str | Path) -> Listing:
    """Every file below ``inbox``, sorted by relative path (so results never depend on disk order)."""
    root = Path(inbox)
    candidates: list[Entry] = []
    ignored: list[tuple[Entry, Finding]] = []
    for folder, dirs, files in os.walk(root, followlinks=False):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d.lower() not in SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(folder) / name
            display = path.relative_to(root).as_posix()
            entry = Entry(path, display)
            reason = ignore_reason(name)
            if reason is None:
                candidates.append(entry)
            else:
                code, params = reason
                ignored.append((entry, Finding(code, INFO, file=display, params=params)))
    candidates.sort(key=lambda e: e.display)
    ignored.sort(key=lambda pair: pair[0].display)
    return Listing(candidates, ignored)


def ignore_reason(name: str) -> tuple[str, dict] | None:
    """Why a file name is not a candidate report, as (finding code, params), or None."""
    lowered = name.lower()
    if name.startswith("~$"):
        return "I201", {}
    if name.startswith(".") or lowered in SYSTEM_FILES:
        return "I202", {}
    suffix = Path(lowered).suffix
    if suffix not in SPREADSHEET_EXTENSIONS:
        return "I203", {"extension": suffix or "(không có)"}
    return None


def is_inside(path: str | Path, folder: str | Path) -> bool:
    """True when ``path`` is ``folder`` or lies below it (outputs must never go into the inbox)."""
    try:
        Path(path).resolve().relative_to(Path(folder).resolve())
        return True
    except ValueError:
        return False
