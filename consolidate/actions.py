"""What a command does, as library calls: merge and write the outputs, validate files, report the
status of an inbox. Returns values (the result and what was written); never prints.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from .errors import CompareError
from .history import is_earlier_same_year, period_of
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


@dataclass
class MergeRequest:
    """What ``consolidate merge`` was asked for, beside the inbox."""

    output: Path | None = None
    period: Period | None = None
    day: dt.date | None = None
    workers: int | None = None
    progress: Callable[[int, int], None] | None = None
    feedback: Path | None = None              # annotated copies of files with findings
    report: Path | None = None                # the .docx draft
    report_template: Path | None = None
    compare_with: Path | None = None          # the same period last year: columns, change rules
    earlier: Path | None = None               # an earlier period of this year: cumulative rules
    lang: str = "vi"


def run_merge(catalog: Catalog, inbox: Path, request: MergeRequest | None = None) -> Outcome:
    request = request or MergeRequest()
    previous = earlier = None
    if request.compare_with is not None or request.earlier is not None:
        from .compare import load_previous     # openpyxl only when asked for
        previous = load_previous(request.compare_with, catalog) if request.compare_with else None
        try:
            earlier = load_previous(request.earlier, catalog) if request.earlier else None
        except CompareError as exc:
            raise CompareError(exc.path, exc.reason, "earlier") from None
    history = [p for p in (previous, earlier) if p is not None]
    result = merge_inbox(inbox, catalog, request.period, workers=request.workers, progress=request.progress,
                         history=history)
    if earlier is not None and not is_earlier_same_year(period_of(catalog, earlier), result.period):
        raise CompareError(request.earlier, "cmp_not_earlier", "earlier")
    output = request.output or default_output(result.period)
    day = request.day or dt.date.today()
    write_summary(result, output, SummaryOptions(date=day, previous=previous))
    outcome = Outcome(result, output, [("written", output, 0)])
    if request.report is not None:
        from .report import write_report       # python-docx only when asked for
        path, unknown = write_report(result, request.report, day, request.report_template)
        outcome.written.append(("report_written", path, 0))
        outcome.unknown_placeholders = sorted(unknown)
    if request.feedback is not None:
        from .feedback import write_feedback     # openpyxl only when asked for
        paths = write_feedback(result, request.feedback, inbox, request.lang)
        outcome.written.append(("annotated_written", request.feedback, len(paths)))
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
