"""The pipeline: inbox → read → identify → validate → pick one report per unit → totals.

Reading starts in worker processes before pandas and pandera are imported (the validation module
is imported inside :func:`consolidate`), so their ~0.4 s import overlaps with the reading and the
forked workers stay small.

:func:`merge_inbox` returns a :class:`~consolidate.pipeline.result.MergeResult` value and writes nothing;
the CLI (or any caller) decides what to write. The same inbox gives the same result whatever the
order of its files: files are taken in path order and every tie is broken by a stated rule.

**One report per unit**: :mod:`consolidate.pipeline.versions` decides which version counts
(the one received last; versions that cannot be ordered are a conflict for the office), and
:mod:`consolidate.pipeline.statuses` where every expected unit stands.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from consolidate.catalog.loader import load_catalog
from consolidate.checks.across import history_findings
from consolidate.checks.plausibility import bloc_rule_findings, outlier_findings
from consolidate.checks.unit_cells import unit_cell_findings
from consolidate.core.findings import Finding, sorted_findings
from consolidate.core.model import Catalog
from consolidate.core.periods import Period, PeriodError, parse_period
from consolidate.core.submission import ACCEPTED, IGNORED, REJECTED, FileInfo, Submission
from consolidate.ingest.identify import check_identity, units_in_text
from consolidate.ingest.inbox import Entry, list_inbox, received_time
from consolidate.ingest.parallel import read_many, start_reading
from consolidate.pipeline.aggregate import Part, aggregate, totals_map
from consolidate.pipeline.result import FileResult, MergeResult
from consolidate.pipeline.statuses import attribute_unreadable, bloc_status, unit_statuses
from consolidate.pipeline.versions import pick_versions

Others = Sequence[Any] | Callable[[Period | None], Sequence[Any]]  # other periods' figures, or how to find them
Receipts = Callable[[list[FileInfo]], None]  # sets each file's receipt from what was received when


def merge_inbox(
    inbox: str | Path,
    catalog: Catalog | None = None,
    period: Period | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    history: Others = (),
    receipts: Receipts | None = None,
) -> MergeResult:
    """Read, validate and total every report in ``inbox`` (never modified). ``history``: other
    periods' figures (:class:`~consolidate.pipeline.previous.Previous`) for the catalog's period
    rules, or a function of the merged period giving them. ``receipts``: a function that sets each
    file's receipt (time and order) from a record of what was received when (the history database)."""
    catalog = catalog or load_catalog()
    listing = list_inbox(inbox)
    reading = start_reading(listing.candidates, catalog, workers)
    if reading.parallel:
        import_validation().prepare(catalog)  # pandas, pandera and the schemas load while the workers read
    subs = reading.result(progress)
    return consolidate(catalog, subs, period, ignored=listing.ignored, history=history, receipts=receipts)


def import_validation():
    """The validation module (pandas, pandera), imported when a run first needs it."""
    from consolidate.checks import validate

    return validate


def validate_files(
    paths: Iterable[str | Path], catalog: Catalog | None = None, period: Period | None = None, history: Others = ()
) -> MergeResult:
    """Check single files the way a merge would, without the completeness of an inbox; ``history``
    as for :func:`merge_inbox`."""
    catalog = catalog or load_catalog()
    entries = [Entry(Path(p), str(p), None, received_time(Path(p))) for p in paths]
    subs = read_many(entries, catalog, workers=1)
    return consolidate(catalog, subs, period, ignored=[], complete=False, history=history)


def infer_period(catalog: Catalog, subs: Iterable[Submission]) -> Period | None:
    """The period most reports are for (ties: the latest), or None when no report says."""
    counts = Counter(s.period_key for s in subs if s.readable and s.period_key)
    best = None
    for key, n in counts.items():
        try:
            p = parse_period(catalog, key)
        except PeriodError:
            continue
        if best is None or (n, p) > best:
            best = (n, p)
    return best[1] if best else None


def consolidate(
    catalog: Catalog,
    subs: list[Submission],
    period: Period | None,
    ignored: list[tuple[Entry, Finding]],
    complete: bool = True,
    history: Others = (),
    receipts: Receipts | None = None,
) -> MergeResult:
    """Everything after reading; pure over its inputs (a CSV's text is read to learn its unit)."""
    period = period or infer_period(catalog, subs)
    for s in subs:
        s.findings.extend(check_identity(s, catalog, period.key if period else None))
    unit_cell_findings(catalog, subs, period)
    frames = import_validation().validate_forms(catalog, subs)
    if callable(history):
        history = history(period)
    if receipts is not None:
        receipts([s.file for s in subs if s.file.sha256])
    if history:
        by_path = {s.path: s for s in subs}
        for f in history_findings(catalog, subs, period, history):
            assert f.file is not None  # period findings sit on a file
            by_path[f.file].findings.append(f)
    status = pick_versions(catalog, subs, period) if complete else {}  # validate: each file on its own
    for s in subs:
        status.setdefault(id(s), REJECTED if (not s.readable or s.has_errors or s.form_id is None) else ACCEPTED)
    accepted = {id(s) for s in subs if status[id(s)] == ACCEPTED}
    parts = []
    for ff in frames.values():
        rows = [i for i, s in enumerate(ff.subs) if id(s) in accepted]
        parts.append(
            Part(ff.frame.iloc[rows].reset_index(drop=True), [ff.subs[i] for i in rows], ff.form.submitted_by == "bloc")
        )
    totals = aggregate(catalog, parts)
    for form in catalog.unit_forms:
        accepted_units = [s for s in subs if id(s) in accepted and s.form_id == form.id]
        for f in outlier_findings(form, accepted_units):
            next(s for s in accepted_units if s.path == f.file).findings.append(f)
    files = [FileResult(s.file, s, status[id(s)]) for s in subs]
    files += [
        FileResult(FileInfo(e.display, received=e.received), None, IGNORED, [f], named=units_in_text(e, catalog))
        for e, f in ignored
    ]
    files.sort(key=lambda r: r.path)
    attribute_unreadable(catalog, files)
    form_units = {form.id: unit_statuses(catalog, files, form) for form in catalog.unit_forms}
    units = form_units[catalog.unit_form.id]
    state, bloc, conflict = bloc_status(catalog, files)
    merge_findings: list[Finding] = []
    everyone = all(u.status == ACCEPTED for statuses in form_units.values() for u in statuses)
    if complete and everyone and state == ACCEPTED:
        merge_findings = bloc_rule_findings(catalog.bloc_rules, totals_map(totals))
    return MergeResult(
        catalog,
        period,
        files,
        units,
        bloc,
        totals,
        sorted_findings(merge_findings),
        frames,
        complete,
        parts,
        bloc_state=state,
        bloc_conflict=conflict,
        form_units=form_units,
    )
