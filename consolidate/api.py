"""The public API: everything the command line does, as library calls.

Each function does one step and returns a value; none prints. The CLI (:mod:`consolidate.cli`)
parses options, calls these, renders the result and sets the exit code — nothing else. Heavy
libraries are imported inside the functions that need them, so ``import consolidate`` stays light.

A whole period's work on the sample inbox (``SAMPLES``; ``OUT`` is an empty folder)::

    >>> import consolidate
    >>> result = consolidate.merge(SAMPLES)
    >>> result.period.key, result.units_accepted, result.totals["dv_cuoi_ky"].value
    ('9T-2021', 76, 3407)
    >>> consolidate.write_summary(result, OUT / "tong_hop.xlsx").name
    'tong_hop.xlsx'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from consolidate.core.model import Catalog
    from consolidate.core.periods import Period
    from consolidate.history.closing import AuditEvent
    from consolidate.history.queries import PeriodState
    from consolidate.history.receive import Receipt
    from consolidate.history.trends import Trends
    from consolidate.outputs.reminders import Written
    from consolidate.pipeline.result import MergeResult

Progress = Callable[[int, int], None]
DB = str | Path | bool | None  # the history database: a path; None: the default one; False: none
Locked = list[tuple[Path, Path]]  # outputs another program held open: (target, where the new one was kept)


def load_catalog(directory: str | Path | None = None) -> Catalog:
    """The catalog in ``directory`` (default: the one shipped with the toolkit), checked on load.

    >>> cat = load_catalog()
    >>> len(cat.units), list(cat.forms)
    (76, ['BC-TCCS', 'BC-DUK'])
    """
    from consolidate.catalog.loader import load_catalog as load

    return load(directory)


__all__ = [
    "audit",
    "close",
    "codebook",
    "document_date",
    "load_catalog",
    "merge",
    "receive",
    "reopen",
    "status",
    "template",
    "trends",
    "validate",
    "write_feedback",
    "write_reminders",
    "write_report",
    "write_summary",
    "write_trends",
]


def merge(
    inbox: str | Path,
    catalog: Catalog | None = None,
    *,
    period: Period | None = None,
    compare_with: str | Path | None = None,
    earlier: str | Path | None = None,
    workers: int | None = None,
    progress: Progress | None = None,
    db: DB = None,
    by: str | None = None,
) -> MergeResult:
    """Read, identify, validate and total every report in ``inbox`` (never modified), and record
    the merge in the history database ``db`` (None: ``$CONSOLIDATE_DB`` or the catalog's; False:
    none) as done by ``by`` (default: the computer's user); writes no other file.

    ``period`` defaults to the one most files state. ``compare_with`` (a summary this tool wrote,
    or an inbox folder) is the same period of an earlier year: "cùng kỳ" columns and the catalog's
    ``change`` rules. ``earlier`` is an earlier period of the same year: the ``cumulative`` rules
    and the figures of the months since. Without them, the database's recorded periods serve.
    Either raises :class:`~consolidate.core.errors.CompareError` when it is not the period it must
    be; an unusable database raises :class:`~consolidate.core.errors.HistoryError`.

    >>> result = merge(SAMPLES, db=OUT / "lich_su.sqlite3")
    >>> result.exit_code, result.totals["ty_le_ket_nap"].value, result.missing, result.history.recorded
    (0, 96.67, [], True)
    >>> merge(SAMPLES, db=OUT / "lich_su.sqlite3").history.unchanged  # the same inbox again: nothing new
    True
    """
    from consolidate.history import session

    catalog = catalog or load_catalog()
    return session.merge(
        inbox,
        catalog,
        period=period,
        compare_with=compare_with,
        earlier=earlier,
        workers=workers,
        progress=progress,
        db=db,
        by=by,
    )


def validate(
    files: Iterable[str | Path], catalog: Catalog | None = None, *, period: Period | None = None, db: DB = None
) -> MergeResult:
    """Check single files the way a merge would, without an inbox's completeness; the history
    database's other periods (``db`` as for :func:`merge`, only read) feed the period rules.

    >>> result = validate([SAMPLES / "BC-TCCS_9T-2021_CB07_Bao-tinh.xlsx"])
    >>> [(r.unit, r.status) for r in result.files]
    [('CB07', 'accepted')]
    """
    from consolidate.history import session

    return session.validate(files, catalog or load_catalog(), period=period, db=db)


def status(
    inbox: str | Path,
    catalog: Catalog | None = None,
    *,
    period: Period | None = None,
    compare_with: str | Path | None = None,
    earlier: str | Path | None = None,
    db: DB = None,
) -> MergeResult:
    """Who is accepted, rejected or missing: the verdicts of :func:`merge` with the same options,
    and whether the period is closed; the history database is only read.

    >>> [u.status for u in status(SAMPLES).units].count("accepted")
    76
    """
    from consolidate.history import session

    return session.merge(
        inbox, catalog or load_catalog(), period=period, compare_with=compare_with, earlier=earlier, db=db, record=False
    )


def receive(
    files: Iterable[str | Path],
    inbox: str | Path,
    catalog: Catalog | None = None,
    *,
    db: DB = None,
    by: str | None = None,
) -> list[Receipt]:
    """Copy the attachments ``files`` into ``inbox`` and record their receipt, one after the other
    in the order given: the version of a unit's report received last is the one a merge counts.

    >>> sent = SAMPLES / "BC-TCCS_9T-2021_CB07_Bao-tinh.xlsx"
    >>> [r.target for r in receive([sent], OUT / "nhan", db=OUT / "ls.sqlite3")]
    ['BC-TCCS_9T-2021_CB07_Bao-tinh.xlsx']
    """
    from consolidate.history import session

    return session.receive(files, inbox, catalog or load_catalog(), db=db, by=by)


def close(
    period: str | Period, catalog: Catalog | None = None, *, db: DB = None, by: str | None = None, note: str = ""
) -> PeriodState:
    """Close ``period`` ("9T-2021"): its recorded figures are the ones leadership signed, and no
    merge changes them until :func:`reopen`.

    >>> db = OUT / "chot.sqlite3"
    >>> _ = merge(SAMPLES, db=db)
    >>> close("9T-2021", db=db, by="Văn phòng", note="Đã trình ký").closed
    True
    """
    from consolidate.history import session

    return session.close(period, catalog or load_catalog(), db=db, by=by, note=note)


def reopen(
    period: str | Period, catalog: Catalog | None = None, *, db: DB = None, by: str | None = None, reason: str
) -> PeriodState:
    """Lift the closing of ``period``, giving the ``reason`` (kept in the audit).

    >>> db = OUT / "mo.sqlite3"
    >>> _ = merge(SAMPLES, db=db)
    >>> _ = close("9T-2021", db=db)
    >>> reopen("9T-2021", db=db, reason="Đơn vị CB07 gửi bản sửa").closed
    False
    """
    from consolidate.history import session

    return session.reopen(period, catalog or load_catalog(), db=db, by=by, reason=reason)


def audit(catalog: Catalog | None = None, *, db: DB = None, period: str | None = None) -> list[AuditEvent]:
    """Every recorded merge, close, reopen and receipt (of ``period``, when given), oldest first.

    >>> db = OUT / "nhat_ky.sqlite3"
    >>> _ = merge(SAMPLES, db=db, by="Văn phòng")
    >>> [(e.action, e.period, e.by) for e in audit(db=db)]
    [('merge', '9T-2021', 'Văn phòng')]
    """
    from consolidate.history import session

    return session.audit(catalog or load_catalog(), db=db, period=period)


def trends(
    catalog: Catalog | None = None,
    *,
    db: DB = None,
    indicators: Iterable[str] = (),
    units: Iterable[str] = (),
    start: str | Period | None = None,
    end: str | Period | None = None,
) -> Trends:
    """Each indicator over the recorded periods from ``start`` to ``end``: bloc totals with their
    coverage, and each unit's figures (``indicators``, ``units``: only those).

    >>> db = OUT / "xu_huong.sqlite3"
    >>> _ = merge(SAMPLES, db=db)
    >>> figures = trends(db=db, indicators=["dv_cuoi_ky"])
    >>> figures.periods, figures.totals["9T-2021"], figures.units["CB07"]
    (['9T-2021'], {'dv_cuoi_ky': 3407}, {'9T-2021': {'dv_cuoi_ky': 26}})
    """
    from consolidate.history import session

    return session.trends(catalog or load_catalog(), db=db, indicators=indicators, units=units, start=start, end=end)


def write_trends(
    trends: Trends, path: str | Path, catalog: Catalog | None = None, *, locked: Locked | None = None
) -> Path:
    """The trends workbook (print-ready, a line chart per charted indicator), written atomically.

    >>> db = OUT / "bieu_do.sqlite3"
    >>> _ = merge(SAMPLES, db=db)
    >>> write_trends(trends(db=db), OUT / "xu_huong.xlsx").name
    'xu_huong.xlsx'
    """
    from consolidate.outputs.trends import write_trends as write

    return write(trends, catalog or load_catalog(), path, locked)


def template(
    output: str | Path,
    catalog: Catalog | None = None,
    *,
    period: Period | None = None,
    units: Iterable[str] = (),
    blank: bool = False,
    forms: Iterable[str] = (),
) -> list[Path]:
    """Write ready-to-fill templates into ``output``: for each form (``forms`` limits them), one per
    unit the form applies to (``units`` limits them; the bloc's code selects the bloc-level one),
    or the blank templates.

    >>> from consolidate.core.periods import parse_period
    >>> cat = load_catalog()
    >>> [p.name for p in template(OUT, cat, period=parse_period(cat, "9T-2021"), units=["CB07"])]
    ['BC-TCCS_9T-2021_CB07_Bao-tinh.xlsx']
    """
    from consolidate.issue.batch import write_templates

    return write_templates(
        catalog or load_catalog(), output, period=period, units=units, blank=blank or period is None, forms=forms
    )


def write_summary(
    result: MergeResult, path: str | Path, *, date: dt.date | None = None, locked: Locked | None = None
) -> Path:
    """The summary workbook leadership reads, written atomically; "cùng kỳ" columns when the
    merge had the same period last year (recorded, or ``compare_with``), and a column of the months
    since an earlier period of the year ("Quý III") when it had one. Returns the file written: with a ``locked`` list, a workbook
    open in Excel (which Windows will not let anyone replace) is left alone and the new one is kept
    under the next free name ("tong_hop (2).xlsx"), recorded in ``locked`` as (path, kept).

    >>> write_summary(merge(SAMPLES), OUT / "tong_hop_9T_2021.xlsx", date=dt.date(2021, 10, 6)).suffix
    '.xlsx'
    """
    from consolidate.outputs.summary import SummaryOptions
    from consolidate.outputs.summary import write_summary as write

    options = SummaryOptions(date=document_date(result, date)[0], previous=result.previous)
    return write(result, path, options, locked)


def write_report(
    result: MergeResult,
    path: str | Path,
    *,
    date: dt.date | None = None,
    template: str | Path | None = None,
    locked: Locked | None = None,
) -> tuple[Path, set[str]]:
    """The draft narrative report (.docx) from the text template (default: templates/bao_cao.txt);
    returns the file written and the template's placeholders that name nothing in the catalog.
    ``locked``: as for :func:`write_summary` (a report open in Word).

    >>> path, unknown = write_report(merge(SAMPLES), OUT / "bao_cao.docx", date=dt.date(2021, 10, 6))
    >>> path.name, unknown
    ('bao_cao.docx', set())
    """
    from consolidate.outputs.report.writer import write_report as write

    return write(result, path, document_date(result, date)[0], template, locked)


def document_date(result: MergeResult, given: dt.date | None = None) -> tuple[dt.date, str]:
    """The date the summary and the report carry, and its source: ``given`` ("given"), else the
    deadline of the merged period in bloc.yaml ("deadline"), else today ("today").

    >>> document_date(merge(SAMPLES))
    (datetime.date(2021, 10, 6), 'deadline')
    """
    from consolidate.core.periods import document_date as pick

    return pick(result.catalog, result.period, given)


def write_feedback(
    result: MergeResult,
    folder: str | Path,
    *,
    inbox: str | Path | None = None,
    lang: str = "vi",
    locked: Locked | None = None,
    deadline: dt.date | None = None,
) -> list[Path]:
    """One feedback copy per file with errors or warnings: a first sheet with the unit, the
    verdict, the deadline and the list of findings, and the problems marked on the cells.
    ``inbox``: the folder the result's file names are relative to (None: they are paths).
    ``locked``: as for :func:`write_summary` (a copy open in Excel). ``deadline``: the date to
    send corrections back by (default: the period's deadline in bloc.yaml, if declared).

    >>> write_feedback(merge(SAMPLES), OUT / "gop_y", inbox=SAMPLES)
    []
    """
    from consolidate.outputs.feedback import write_feedback as write

    return write(result, folder, inbox, lang, locked, deadline)


def write_reminders(
    result: MergeResult,
    folder: str | Path,
    *,
    deadline: dt.date | None = None,
    date: dt.date | None = None,
    inbox: str | Path | None = None,
    locked: Locked | None = None,
) -> Written:
    """Reminder letters (.docx, one per expected unit that is missing, rejected or unreadable) and
    the list of units to chase (danh_sach_don_doc.docx). ``date``: the letters' date (default
    today); ``deadline``: default the period's deadline in bloc.yaml; ``inbox``: where the reports
    are, so the marked-up copy of each rejected report is written beside its letter.

    >>> written = write_reminders(merge(SAMPLES), OUT / "nhac", date=dt.date(2021, 10, 6))
    >>> written.letters, written.chase_list.name
    ([], 'danh_sach_don_doc.docx')
    """
    from consolidate.outputs.reminders import write_reminders as write

    return write(result, folder, deadline, date, inbox, locked)


def codebook(catalog: Catalog | None = None, *, markdown: bool = False, lang: str = "vi") -> str:
    """The catalog of finding codes as text (or Markdown, as docs/ma-loi.md).

    >>> codebook().splitlines()[0].split()[:2]
    ['F101', 'Lỗi']
    """
    from consolidate.outputs.codebook import codebook_markdown, codebook_text

    catalog = catalog or load_catalog()
    return codebook_markdown(catalog, lang) if markdown else codebook_text(catalog, lang)
