"""One file → one :class:`~consolidate.core.submission.Submission`. The only module that opens reports.

The file is read from disk once: its bytes are hashed, sniffed, checked against bombs, and handed
to python-calamine for the values (about 25× faster than openpyxl here); the data sheet's XML is
scanned once for formulas without values and error cells, which calamine reports as empty.

:func:`read_submission` is a pure function of its path and the catalog, safe to run in worker
processes, and never raises: whatever goes wrong becomes a finding on that file.
"""

from __future__ import annotations

import hashlib
import io
import zipfile
from pathlib import Path
from typing import Any

from consolidate.core import layout as L
from consolidate.core.codes import BUILTIN
from consolidate.core.findings import ERROR, Finding
from consolidate.core.model import Catalog
from consolidate.core.submission import FileInfo, Submission
from consolidate.ingest import sheets
from consolidate.ingest.book import Book, BookError
from consolidate.ingest.guard import MAX_FILE_BYTES, ZIP_ERRORS, check_zip, describe, human_size, sniff, unsafe_xml
from consolidate.ingest.identify import resolve_identity
from consolidate.ingest.values import ValueReader
from consolidate.ingest.xmlscan import CellFlag, flagged_cells, merged_ranges, saved_stamp

WORKBOOK_KINDS = {"xlsx", "xlsm", "xls", "ods"}
FORMAT_NOTES = {"xls": "F104", "ods": "F105", "xlsm": "F106"}


class _Reject(Exception):
    """Stops reading a file: the finding explains why."""

    def __init__(self, code: str, where: dict[str, str] | None = None, **params: Any):
        super().__init__(code)
        self.code, self.params, self.where = code, params, where or {}


def read_submission(
    path: str | Path, catalog: Catalog, display: str | None = None, member: str | None = None, received: str = ""
) -> Submission:
    """Read ``path`` (or the file ``member`` of the .zip at ``path``) as a report of one of the
    catalog's forms; problems become findings."""
    path = Path(path)
    sub = Submission(FileInfo(display or path.name, received=received))
    try:
        data = _read_bytes(path) if member is None else _read_member(path, member)
        sub.file.size, sub.file.sha256 = len(data), hashlib.sha256(data).hexdigest()
        _Reading(sub, data, catalog).run()
    except _Reject as stop:
        sub.readable = False
        sub.values.clear()
        finding = Finding(stop.code, BUILTIN[stop.code].severity, file=sub.path, params=stop.params)
        sub.findings.append(finding.with_context(**stop.where) if stop.where else finding)
    except Exception as exc:  # one bad file never stops a merge
        sub.readable = False
        sub.values.clear()
        detail = f"{type(exc).__name__}: {exc}"[:300]
        sub.findings.append(Finding("F110", ERROR, file=sub.path, params={"detail": detail}))
    if sub.unit_code:
        sub.findings = [f if f.unit else f.with_context(unit=sub.unit_code) for f in sub.findings]
    return sub


def _read_bytes(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise _Reject("F111", size=human_size(size), limit=human_size(MAX_FILE_BYTES))
        return path.read_bytes()
    except OSError as exc:
        raise _Reject("F112", detail=exc.strerror or type(exc).__name__) from None


def _read_member(path: Path, member: str) -> bytes:
    """A file inside a .zip attachment, within the same limits as a file on disk."""
    try:
        with zipfile.ZipFile(path) as zf:
            info = zf.getinfo(member)
            if info.file_size > MAX_FILE_BYTES:
                raise _Reject("F111", size=human_size(info.file_size), limit=human_size(MAX_FILE_BYTES))
            verdict = check_zip(zf)
            if verdict is not None:
                raise _Reject(verdict.code, **verdict.params)
            return zf.read(info)
    except (OSError, KeyError, *ZIP_ERRORS) as exc:
        raise _Reject("F109", detail=str(exc)[:200] or type(exc).__name__) from None


class _Reading:
    """The steps of reading one file, sharing the bytes, the zip and the findings list."""

    def __init__(self, sub: Submission, data: bytes, catalog: Catalog):
        self.sub, self.data, self.catalog = sub, data, catalog
        self.zf: zipfile.ZipFile | None = None

    def note(self, code: str, **kw: Any) -> None:
        self.sub.findings.append(Finding(code, BUILTIN[code].severity, file=self.sub.path, **kw))

    def run(self) -> None:
        kind = self._kind()
        try:
            book = Book(self.data, kind, self.zf)
            meta = self._meta(book)
            sheet = sheets.choose(book, meta, self.catalog, self.note)
            form, name, grid, header = sheet.form, sheet.name, sheet.grid, sheet.header
            flags, merged = self._flags(book, name)
        except BookError as exc:
            raise _Reject(exc.code, **exc.params) from None
        except sheets.SheetError as exc:
            raise _Reject(exc.code, exc.where, **exc.params) from None
        self.sub.form_id, self.sub.sheet = form.id, name
        version = meta.get(L.META_VERSION, "")
        self.sub.form_version = int(version) if version.isdigit() else None
        if self.sub.form_version is not None and self.sub.form_version < form.min_version:
            raise _Reject("T303", form=form.id, version=self.sub.form_version, min_version=form.min_version)
        if not meta:
            self.note("T307", sheet=name)
        ValueReader(self.sub, self.catalog, form, name, grid, header, flags, merged).run()
        self.sub.findings.extend(resolve_identity(self.sub, form, meta, self.catalog))

    def _kind(self) -> str:
        if self.data[:2] == b"PK":
            try:
                self.zf = zipfile.ZipFile(io.BytesIO(self.data))
            except ZIP_ERRORS:
                self.zf = None
        kind = sniff(self.data, self.zf)
        if kind == "empty":
            raise _Reject("F101")
        if kind == "zip-broken":
            raise _Reject("F109", detail={"vi": "tệp nén bị cắt cụt hoặc hỏng", "en": "truncated or damaged archive"})
        if kind == "encrypted":
            raise _Reject("F103")
        if kind not in WORKBOOK_KINDS:
            raise _Reject("F102", detected=describe(kind))
        self.sub.file.format = kind
        if self.zf is not None:
            verdict = check_zip(self.zf)
            if verdict is not None:
                raise _Reject(verdict.code, **verdict.params)
            self.sub.file.modified = saved_stamp(self.zf)
        if kind in FORMAT_NOTES:
            self.note(FORMAT_NOTES[kind])
        return kind

    def _meta(self, book: Book) -> dict[str, str]:
        if not any(s.name == L.META_SHEET for s in book.sheets):
            return {}
        grid = book.grid(L.META_SHEET)
        meta = {}
        for row in grid:
            if len(row) >= 2 and isinstance(row[0], str) and row[0].strip() in L.META_KEYS:
                value = row[1]
                meta[row[0].strip()] = (
                    str(int(value)) if isinstance(value, float) and value.is_integer() else str(value).strip()
                )
        return meta

    def _flags(self, book: Book, sheet: str) -> tuple[dict, tuple[tuple[int, int, int, int], ...]]:
        """Formula-without-value and error cells of the data sheet, in every format: calamine
        reads both as empty; and its merged ranges, in xlsx and xlsm only (calamine does not
        report merges; .xls and .ods are read without this check)."""
        if book.errors:
            return {address: CellFlag("error", text) for address, text in book.errors.get(sheet, {}).items()}, ()
        xml = book.sheet_xml(sheet)
        if xml is None:
            return {}, ()
        if unsafe_xml(xml):
            raise BookError("F108", detail="DOCTYPE/ENTITY")
        return flagged_cells(xml), merged_ranges(xml)
