"""What one file holds once read: values with their cell of origin. Plain data, no I/O.

A :class:`Submission` is produced by :mod:`consolidate.ingest.reader` (possibly in a worker process, so it
pickles compactly) and consumed by identification, validation and aggregation. Values are already
typed (int/float/str/date) by :mod:`consolidate.ingest.cells`; a cell that could not be read holds None and
carries a finding instead.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from consolidate.core.findings import Finding, count

# File statuses in a merge.
ACCEPTED, REJECTED, SUPERSEDED, IGNORED = "accepted", "rejected", "superseded", "ignored"
CONFLICT = "conflict"  # versions that cannot be ordered: none counts, the office decides
# Unit statuses beside accepted / rejected: nothing received, or only files that cannot be read.
MISSING, UNREADABLE = "missing", "unreadable"


@dataclass(slots=True)
class FileInfo:
    """The facts about a file found before (or without) opening it as a workbook."""

    path: str  # relative to the inbox (or as given on the command line)
    size: int = 0
    sha256: str = ""
    format: str = ""  # xlsx | xlsm | xls | ods | "" when not a workbook
    modified: str = ""  # the workbook's own "last saved" stamp (docProps), ISO text, may be ""
    received: str = ""  # when the file was received (ISO, UTC): first seen, or its time in the folder
    receipt: int = 0  # the order of receipt the history database knows (0: no database)
    arrived: str = ""  # when the file reached the inbox folder (its modification time there)

    def __post_init__(self) -> None:
        if not self.arrived:
            self.arrived = self.received


@dataclass(slots=True)
class Submission:
    """One report: identity, typed values and where each value came from."""

    file: FileInfo
    form_id: str | None = None
    form_version: int | None = None
    unit_code: str | None = None
    period_key: str | None = None
    sheet: str | None = None
    values: dict[str, Any] = field(default_factory=dict)
    cells: dict[str, str] = field(default_factory=dict)
    qualifiers: dict[str, str] = field(default_factory=dict)
    explanations: dict[str, str] = field(default_factory=dict)
    findings: list[Finding] = field(default_factory=list)
    bad_cells: set[str] = field(default_factory=set)  # indicator codes whose cell was unreadable
    readable: bool = True  # False: the file could not be read as a report
    sender: str | None = None  # the registered unit that sent it, when known

    @property
    def path(self) -> str:
        return self.file.path

    def cell_of(self, code: str) -> str | None:
        return self.cells.get(code)

    def counts(self) -> tuple[int, int]:
        return count(self.findings)

    @property
    def has_errors(self) -> bool:
        return any(f.is_error for f in self.findings)
