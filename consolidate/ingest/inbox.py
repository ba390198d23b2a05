"""List what an inbox folder holds: the candidate reports, and what is ignored and why.

Sub-folders are searched too (attachments are often saved into one folder per e-mail). A .zip
attachment is opened (after the same bomb guards as a workbook) and every spreadsheet inside it is
a candidate of its own ("CB07_bao_cao.zip/CB07.xlsx"); an archive inside an archive is refused with
a reason. Excel lock files (~$…), hidden and system files and files that are not spreadsheets are
reported as ignored, never opened — but a PDF, a photo or a CSV named after a unit still tells who
sent something (:mod:`consolidate.pipeline.merge` lists that unit as sent but unreadable). Each file
carries the time it reached the folder (its modification time), the order in which versions of a
report were received. Nothing in the inbox is ever written.
"""

from __future__ import annotations

import datetime as dt
import os
import zipfile
from dataclasses import dataclass
from pathlib import Path

from consolidate.core.findings import INFO, WARNING, Finding
from consolidate.ingest.guard import MAX_FILE_BYTES, check_zip

SPREADSHEET_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".ods", ".xltx", ".xltm"}
SYSTEM_FILES = {"thumbs.db", "desktop.ini", ".ds_store", "icon\r"}
SKIPPED_DIRS = {"__macosx", ".git", ".svn"}
ARCHIVE_EXTENSIONS = (".zip", ".rar", ".7z", ".tar", ".gz", ".tgz", ".bz2", ".xz")
NESTED = {"vi": "tệp nén nằm trong tệp nén, không được mở", "en": "an archive inside the archive is not opened"}
LOCKED = {"vi": "tệp trong tệp nén có mật khẩu", "en": "the file inside the archive is password-protected"}


@dataclass(frozen=True, slots=True)
class Entry:
    """A file of the inbox: ``path`` on disk, ``display`` relative to the inbox (with "/");
    ``member``: the file inside the .zip at ``path``; ``received``: when it reached the inbox
    (ISO time, from the file's modification time)."""

    path: Path
    display: str
    member: str | None = None
    received: str = ""


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
            entry = Entry(path, path.relative_to(root).as_posix(), None, received_time(path))
            if name.lower().endswith(".zip") and not name.startswith((".", "~$")):
                archive_members(entry, candidates, ignored)
                continue
            reason = ignore_reason(name)
            if reason is None:
                candidates.append(entry)
            else:
                code, params = reason
                ignored.append((entry, Finding(code, INFO, file=entry.display, params=params)))
    candidates.sort(key=lambda e: e.display)
    ignored.sort(key=lambda pair: pair[0].display)
    return Listing(candidates, ignored)


def received_time(path: Path) -> str:
    """When the file reached the inbox: its modification time, UTC, to the second."""
    try:
        stamp = path.stat().st_mtime
    except OSError:
        return ""
    return dt.datetime.fromtimestamp(int(stamp), dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def archive_members(entry: Entry, candidates: list[Entry], ignored: list[tuple[Entry, Finding]]) -> None:
    """The spreadsheets inside a .zip attachment become candidates; everything else is ignored with
    a reason (an archive inside the archive, a damaged or password-protected archive …)."""
    refused = archive_problem(entry.path)
    if refused is not None:
        ignored.append((entry, Finding("I207", WARNING, file=entry.display, params={"reason": refused})))
        return
    with zipfile.ZipFile(entry.path) as zf:
        for info in sorted(zf.infolist(), key=lambda i: i.filename):
            if info.is_dir():
                continue
            name = info.filename.rsplit("/", 1)[-1]
            member = Entry(entry.path, f"{entry.display}/{info.filename}", info.filename, entry.received)
            lowered = name.lower()
            if lowered.endswith(ARCHIVE_EXTENSIONS):
                ignored.append((member, Finding("I207", WARNING, file=member.display, params={"reason": NESTED})))
            elif info.flag_bits & 0x1:
                ignored.append((member, Finding("I207", WARNING, file=member.display, params={"reason": LOCKED})))
            elif (reason := ignore_reason(name)) is None:
                candidates.append(member)
            else:
                ignored.append((member, Finding(reason[0], INFO, file=member.display, params=reason[1])))


def archive_problem(path: Path) -> dict[str, str] | None:
    """Why an attachment archive cannot be opened, or None: too large, a bomb, damaged."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            return {"vi": "tệp nén quá lớn", "en": "the archive is too large"}
        with zipfile.ZipFile(path) as zf:
            verdict = check_zip(zf)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        return {"vi": "tệp nén bị hỏng", "en": "the archive is damaged"}
    if verdict is not None:
        return {"vi": "tệp nén giải nén quá lớn", "en": "the archive inflates too much"}
    return None


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
