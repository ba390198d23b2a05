"""The pipeline: inbox → read → identify → validate → pick one report per unit → totals.

Reading starts in worker processes before pandas and pandera are imported (the validation module
is imported inside :func:`consolidate`), so their ~0.4 s import overlaps with the reading and the
forked workers stay small.

:func:`merge_inbox` returns a :class:`~consolidate.pipeline.result.MergeResult` value and writes nothing;
the CLI (or any caller) decides what to write. The same inbox gives the same result whatever the
order of its files: files are taken in path order and every tie is broken by a stated rule.

**One report per unit.** Only files whose identity is certain compete (a file with a template or
identity error, such as a contradictory unit code, is simply rejected). Byte-identical copies count
once (the others are *ignored*, I204). Of different files for one unit, the workbook saved last
(its own "last saved" stamp, else the file name sorting last) is used and the others are
*superseded* (I205), whether or not it is valid.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from consolidate.catalog.loader import load_catalog
from consolidate.checks.across import history_findings
from consolidate.checks.plausibility import bloc_rule_findings, outlier_findings
from consolidate.core.findings import Finding, sorted_findings
from consolidate.core.model import Catalog
from consolidate.core.periods import Period, PeriodError, parse_period
from consolidate.core.submission import ACCEPTED, IGNORED, REJECTED, SUPERSEDED, FileInfo, Submission
from consolidate.ingest.identify import check_identity
from consolidate.ingest.inbox import Entry, list_inbox
from consolidate.ingest.parallel import read_many, start_reading
from consolidate.pipeline.aggregate import Part, aggregate, totals_map
from consolidate.pipeline.result import FileResult, MergeResult, UnitStatus

SUPERSEDE_RULE = {"vi": "quy tắc: dùng tệp được lưu sau cùng", "en": "rule: the workbook saved last is used"}


def merge_inbox(
    inbox: str | Path,
    catalog: Catalog | None = None,
    period: Period | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    history: Sequence = (),
) -> MergeResult:
    """Read, validate and total every report in ``inbox`` (never modified). ``history``: other
    periods' figures (:class:`~consolidate.pipeline.previous.Previous`) for the catalog's period rules."""
    catalog = catalog or load_catalog()
    listing = list_inbox(inbox)
    reading = start_reading(listing.candidates, catalog, workers)
    if reading.parallel:
        import_validation().prepare(catalog)  # pandas, pandera and the schemas load while the workers read
    subs = reading.result(progress)
    return consolidate(catalog, subs, period, ignored=listing.ignored, history=history)


def import_validation():
    """The validation module (pandas, pandera), imported when a run first needs it."""
    from consolidate.checks import validate

    return validate


def validate_files(
    paths: Iterable[str | Path], catalog: Catalog | None = None, period: Period | None = None
) -> MergeResult:
    """Check single files the way a merge would, without the completeness of an inbox."""
    catalog = catalog or load_catalog()
    entries = [Entry(Path(p), str(p)) for p in paths]
    subs = read_many(entries, catalog, workers=1)
    return consolidate(catalog, subs, period, ignored=[], complete=False)


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
    history: Sequence = (),
) -> MergeResult:
    """Everything after reading; pure over its inputs."""
    period = period or infer_period(catalog, subs)
    for s in subs:
        s.findings.extend(check_identity(s, catalog, period.key if period else None))
    frames = import_validation().validate_forms(catalog, subs)
    if history:
        by_path = {s.path: s for s in subs}
        for f in history_findings(catalog, subs, period, history):
            assert f.file is not None  # a history finding is on a submission's file
            by_path[f.file].findings.append(f)
    status = _pick_one_per_unit(subs, period)
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
    unit_form = catalog.unit_form
    accepted_units = [s for s in subs if id(s) in accepted and s.form_id == unit_form.id]
    for f in outlier_findings(unit_form, accepted_units):
        next(s for s in accepted_units if s.path == f.file).findings.append(f)
    files = [FileResult(s.file, s, status[id(s)]) for s in subs]
    files += [FileResult(FileInfo(e.display), None, IGNORED, [f]) for e, f in ignored]
    files.sort(key=lambda r: r.path)
    units = _unit_statuses(catalog, files, unit_form.id)
    bloc = _bloc_file(catalog, files)
    merge_findings: list[Finding] = []
    if complete and all(u.status == ACCEPTED for u in units) and bloc is not None and bloc.status == ACCEPTED:
        merge_findings = bloc_rule_findings(catalog.bloc_rules, totals_map(totals))
    return MergeResult(
        catalog, period, files, units, bloc, totals, sorted_findings(merge_findings), frames, complete, parts
    )


def _pick_one_per_unit(subs: list[Submission], period: Period | None) -> dict[int, str]:
    """Statuses for duplicates (ignored / superseded); the kept one is decided later."""
    status: dict[int, str] = {}
    groups: dict[tuple[str, str], list[Submission]] = {}
    for s in sorted(subs, key=lambda s: s.path):
        if _identified(s) and (period is None or s.period_key in (None, period.key)):
            assert s.form_id is not None and s.unit_code is not None  # _identified checks both
            groups.setdefault((s.form_id, s.unit_code), []).append(s)
    for members in groups.values():
        if len(members) < 2:
            continue
        first_by_hash: dict[str, Submission] = {}
        distinct = []
        for s in members:
            if s.file.sha256 in first_by_hash:
                status[id(s)] = IGNORED
                s.findings.append(
                    Finding(
                        "I204",
                        "info",
                        file=s.path,
                        unit=s.unit_code,
                        params={"other": first_by_hash[s.file.sha256].path},
                    )
                )
            else:
                first_by_hash[s.file.sha256] = s
                distinct.append(s)
        if len(distinct) < 2:
            continue
        winner = max(distinct, key=lambda s: (s.file.modified, s.path))
        for s in distinct:
            if s is not winner:
                status[id(s)] = SUPERSEDED
                s.findings.append(
                    Finding(
                        "I205",
                        "warning",
                        file=s.path,
                        unit=s.unit_code,
                        params={"unit": s.unit_code, "other": winner.path, "rule": SUPERSEDE_RULE},
                    )
                )
    return status


def _identified(s: Submission) -> bool:
    """Read, and sure whose report it is: identity errors (T3xx) keep a file out of the contest."""
    return (
        s.readable
        and bool(s.form_id)
        and bool(s.unit_code)
        and not any(f.is_error and f.code.startswith("T") for f in s.findings)
    )


def _unit_statuses(catalog: Catalog, files: list[FileResult], form_id: str) -> list[UnitStatus]:
    """Every registry unit: accepted / rejected / missing, with the file that decided it."""
    by_unit: dict[str, list[FileResult]] = {}
    for r in files:
        if r.sub is not None and r.sub.form_id == form_id and r.sub.unit_code:
            by_unit.setdefault(r.sub.unit_code, []).append(r)
    out = []
    for unit in catalog.units:
        candidates = by_unit.get(unit.code, [])
        chosen = next((r for r in candidates if r.status == ACCEPTED), None) or next(
            (r for r in candidates if r.status == REJECTED), None
        )
        if chosen is None:
            out.append(UnitStatus(unit, "missing", None))
        else:
            out.append(UnitStatus(unit, ACCEPTED if chosen.status == ACCEPTED else REJECTED, chosen))
    return out


def _bloc_file(catalog: Catalog, files: list[FileResult]) -> FileResult | None:
    form = catalog.bloc_form
    if form is None:
        return None
    mine = [r for r in files if r.sub is not None and r.sub.form_id == form.id and r.status in (ACCEPTED, REJECTED)]
    return next((r for r in mine if r.status == ACCEPTED), None) or (mine[0] if mine else None)
