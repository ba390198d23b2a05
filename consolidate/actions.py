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
    unknown_placeholders: list[str] = field(default_factory=list)         # report template names not found


def default_output(period: Period | None) -> Path:
    return Path(f"tong_hop_{period.file_tag}.xlsx" if period else "tong_hop.xlsx")


def run_merge(catalog: Catalog, inbox: Path, output: Path | None = None, period: Period | None = None,
              day: dt.date | None = None, workers: int | None = None,
              progress: Callable[[int, int], None] | None = None, feedback: Path | None = None,
              report: Path | None = None, report_template: Path | None = None,
              compare_with: Path | None = None, lang: str = "vi") -> Outcome:
    previous = None
    if compare_with is not None:
        from .compare import load_previous     # openpyxl only when asked for
        previous = load_previous(compare_with, catalog)
    result = merge_inbox(inbox, catalog, period, workers=workers, progress=progress)
    output = output or default_output(result.period)
    day = day or dt.date.today()
    write_summary(result, output, SummaryOptions(date=day, previous=previous))
    outcome = Outcome(result, output, [("written", output, 0)])
    if report is not None:
        from .report import write_report       # python-docx only when asked for
        path, unknown = write_report(result, report, day, report_template)
        outcome.written.append(("report_written", path, 0))
        outcome.unknown_placeholders = sorted(unknown)
    if feedback is not None:
        from .feedback import write_feedback     # openpyxl only when asked for
        paths = write_feedback(result, feedback, inbox, lang)
        outcome.written.append(("annotated_written", feedback, len(paths)))
    return outcome


def run_validate(catalog: Catalog, files: Iterable[Path], period: Period | None = None,
                 annotate: Path | None = None, lang: str = "vi") -> Outcome:
    outcome = Outcome(validate_files(files, catalog, period))
    if annotate is not None:
        from .feedback import write_feedback
        paths = write_feedback(outcome.result, annotate, None, lang)
        outcome.written.append(("annotated_written", annotate, len(paths)))
    return outcome


def run_status(catalog: Catalog, inbox: Path, period: Period | None = None, reminders: Path | None = None,
               deadline: dt.date | None = None) -> Outcome:
    outcome = Outcome(merge_inbox(inbox, catalog, period))
    if reminders is not None:
        from .reminders import write_reminders
        paths = write_reminders(outcome.result, reminders, deadline)
        outcome.written.append(("reminders_written", reminders, len(paths)))
    return outcome
