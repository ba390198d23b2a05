"""What a command does, as library calls: merge and write the outputs, validate files, report the
status of an inbox. Returns values (the result and what was written); never prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .merge import merge_inbox, validate_files
from .model import Catalog
from .periods import Period
from .result import MergeResult
from .summary import SummaryOptions, write_summary


@dataclass
class Outcome:
    result: MergeResult
    summary: Path | None = None
    written: list[tuple[str, Path, int]] = field(default_factory=list)   # (i18n key, path, count)


def default_output(period: Period | None) -> Path:
    return Path(f"tong_hop_{period.file_tag}.xlsx" if period else "tong_hop.xlsx")


def run_merge(catalog: Catalog, inbox: Path, output: Path | None = None, period: Period | None = None,
              day: dt.date | None = None, workers: int | None = None,
              progress: Callable[[int], None] | None = None) -> Outcome:
    result = merge_inbox(inbox, catalog, period, workers=workers, progress=progress)
    output = output or default_output(result.period)
    write_summary(result, output, SummaryOptions(date=day or dt.date.today()))
    return Outcome(result, output, [("written", output, 0)])


def run_validate(catalog: Catalog, files: Iterable[Path], period: Period | None = None) -> Outcome:
    return Outcome(validate_files(files, catalog, period))


def run_status(catalog: Catalog, inbox: Path, period: Period | None = None) -> Outcome:
    return Outcome(merge_inbox(inbox, catalog, period))
