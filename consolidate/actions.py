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


def load_history(catalog: Catalog, compare_with: Path | None, earlier: Path | None) -> tuple:
    """(the same period last year, an earlier period of this year): each a compare.Previous or None."""
    if compare_with is None and earlier is None:
        return None, None
    from .compare import load_previous     # openpyxl only when asked for
    previous = load_previous(compare_with, catalog) if compare_with else None
    try:
        before = load_previous(earlier, catalog) if earlier else None
    except CompareError as exc:
        raise CompareError(exc.path, exc.reason, "earlier") from None
    return previous, before


def merge_with_history(catalog: Catalog, inbox: Path, period: Period | None, compare_with: Path | None,
                       earlier: Path | None, **reading) -> tuple[MergeResult, object]:
    """The merge, its period rules fed by the other periods; returns (result, last year's figures).
    An ``earlier`` that is not an earlier period of the merged year stops the run."""
    previous, before = load_history(catalog, compare_with, earlier)
    history = [p for p in (previous, before) if p is not None]
    result = merge_inbox(inbox, catalog, period, history=history, **reading)
    if before is not None and not is_earlier_same_year(period_of(catalog, before), result.period):
        raise CompareError(earlier, "cmp_not_earlier", "earlier")
    return result, previous


def run_merge(catalog: Catalog, inbox: Path, request: MergeRequest | None = None) -> Outcome:
    request = request or MergeRequest()
    result, previous = merge_with_history(catalog, inbox, request.period, request.compare_with, request.earlier,
                                          workers=request.workers, progress=request.progress)
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
               deadline: dt.date | None = None, compare_with: Path | None = None,
               earlier: Path | None = None) -> Outcome:
    """Who is accepted, rejected or missing — by the same verdicts a merge with the same other
    periods would reach."""
    outcome = Outcome(merge_with_history(catalog, inbox, period, compare_with, earlier)[0])
    if reminders is not None:
        from .reminders import write_reminders
        paths = write_reminders(outcome.result, reminders, deadline)
        outcome.written.append(("reminders_written", reminders, len(paths)))
    return outcome
