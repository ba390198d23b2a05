"""Feedback copies: each unit gets its own workbook back with the problems marked on the cells.

A first sheet (:mod:`consolidate.outputs.feedback_sheet`) says whose report it is, whether it was
accepted, by when to send it back and what to do, with the legend of the colours and every
finding linked to its cell. On the data sheet each finding is explained once, on its key cell,
and the other cells it involves point there (:mod:`consolidate.outputs.feedback_marks`). The
original is never modified; nothing the unit entered changes, and the unit's own formulas keep
their computed results (:mod:`consolidate.outputs.formulas`), so an unchanged copy validates
exactly as the original did. Files that cannot be opened (encrypted, damaged, legacy formats)
get a workbook holding the first sheet only.

openpyxl does the structural edit (defusedxml, installed with the toolkit, makes it refuse XML
entity declarations).
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections import defaultdict
from pathlib import Path

import openpyxl

from consolidate.core.atomic import Locked, atomic_output
from consolidate.core.findings import sorted_findings
from consolidate.core.names import NameSet
from consolidate.outputs.feedback_marks import mark_cells
from consolidate.outputs.feedback_sheet import SHEET, Context, first_sheet
from consolidate.outputs.formulas import keep_cached_results
from consolidate.pipeline.result import FileResult, MergeResult

LIST_SHEET = SHEET


def feedback_name(path: str) -> str:
    """ "sub/DB05_BC-TCCS_9T_2021.xlsx" → "sub/DB05_BC-TCCS_9T_2021_gop_y.xlsx"; a file inside an
    archive ("CB07.zip/CB07.xlsx") keeps the archive's name as a folder."""
    p = Path(path)
    return (p.parent / f"{p.stem}_gop_y.xlsx").as_posix()


def feedback_names(paths: list[str]) -> dict[str, str]:
    """Source path → copy name: X.xls, X.ods and X.xlsx get X_xls_gop_y.xlsx, X_ods_gop_y.xlsx,
    X_xlsx_gop_y.xlsx rather than one name; names that still clash (differing only by letter
    case) are numbered when claimed (:class:`~consolidate.core.names.NameSet`)."""
    plain = {path: feedback_name(path) for path in paths}
    clashes: dict[str, list[str]] = defaultdict(list)
    for path, name in plain.items():
        clashes[name.lower()].append(path)
    out = {}
    for path, name in plain.items():
        group = clashes[name.lower()]
        if len({Path(p).suffix.lower() for p in group}) > 1:
            p = Path(path)
            name = (p.parent / f"{p.stem}_{p.suffix.lstrip('.').lower() or 'tep'}_gop_y.xlsx").as_posix()
        out[path] = name
    return out


def write_feedback(
    result: MergeResult,
    out_dir: str | Path,
    source_root: str | Path | None,
    lang: str = "vi",
    locked: list[Locked] | None = None,
    deadline: dt.date | None = None,
) -> list[Path]:
    """One annotated copy per file with findings (errors or warnings); returns the paths written.
    A file that cannot be annotated gets a copy holding the first sheet only; one bad file never
    costs the others their copies.

    ``source_root`` is the inbox the relative file names are under (None: names are paths).
    ``locked``: see :func:`~consolidate.core.atomic.atomic_output` (a copy open in Excel).
    ``deadline``: the date stated for sending corrected reports back (default: the period's
    deadline in bloc.yaml, if it declares one). Names are made ones Windows accepts, and two never
    differ only by letter case."""
    out_dir = Path(out_dir)
    chosen = [
        r for r in result.files if r.status != "ignored" and any(f.severity in ("error", "warning") for f in r.findings)
    ]
    names = feedback_names([r.path if source_root is not None else Path(r.path).name for r in chosen])
    if deadline is None and result.period is not None:
        deadline = result.period.deadline(result.catalog)
    ctx = Context(result, deadline, lang)
    written = []
    claimed = NameSet()
    for r in chosen:
        key = r.path if source_root is not None else Path(r.path).name
        source = Path(source_root) / r.path if source_root is not None else Path(r.path)
        copy = write_copy(ctx, r, source, out_dir / claimed.claim(names[key]), locked)
        if copy is not None:
            written.append(copy)
    return written


def write_copy(ctx: Context, r: FileResult, source: Path, target: Path, locked: list[Locked] | None) -> Path | None:
    """The feedback copy of one file; one that cannot be marked gets the first sheet alone, one
    that cannot be written at all none (it never costs the other files their copies)."""
    try:
        return annotate_file(ctx, r, source, target, locked)
    except Exception:  # this file's copy only: a list of its problems, or nothing
        try:
            return annotate_file(ctx, r, source, target, locked, mark=False)
        except Exception:
            return None


def _read(source: Path) -> bytes:
    """The bytes of the workbook at ``source``, or inside the archive a path such as
    "inbox/CB07.zip/CB07.xlsx" names."""
    if source.is_file():
        return source.read_bytes()
    for parent in source.parents:
        if parent.is_file() and zipfile.is_zipfile(parent):
            member = source.relative_to(parent).as_posix()
            with zipfile.ZipFile(parent) as zf:
                return zf.read(member)
    raise FileNotFoundError(source)


def annotate_file(
    ctx: Context,
    r: FileResult,
    source: Path,
    target: Path,
    locked: list[Locked] | None = None,
    mark: bool = True,
) -> Path:
    """Write the feedback copy of ``r`` (read from ``source``) to ``target``; ``mark=False``
    writes the first sheet alone."""
    findings = sorted_findings(f for f in r.findings if f.severity in ("error", "warning"))
    wb, original = None, b""
    if mark and r.sub is not None and r.sub.readable and r.file.format in ("xlsx", "xlsm"):
        try:
            original = _read(source)
            wb = openpyxl.load_workbook(io.BytesIO(original), keep_vba=False, keep_links=False)
        except Exception:  # whatever openpyxl cannot open gets the list-only workbook
            wb = None
    marked = wb is not None
    if wb is None:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
    else:
        mark_cells(wb, findings, ctx.result.catalog, ctx.lang)
    first_sheet(wb, r, findings, ctx, linked=marked)
    target.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    wb.save(buffer)
    data = keep_cached_results(original, buffer.getvalue()) if marked else buffer.getvalue()
    with atomic_output(target, locked) as out:
        out.tmp.write_bytes(data)
    return out.path
