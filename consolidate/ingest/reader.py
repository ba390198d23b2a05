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
from consolidate.core.findings import ERROR, WARNING, Finding
from consolidate.core.model import Catalog, Form, Option
from consolidate.core.submission import FileInfo, Submission
from consolidate.ingest.book import Book, BookError
from consolidate.ingest.cells import clean_text, coerce, match_option
from consolidate.ingest.datasheet import cell_value, find_header, guess_form, locate_rows
from consolidate.ingest.guard import MAX_FILE_BYTES, ZIP_ERRORS, check_zip, describe, human_size, sniff, unsafe_xml
from consolidate.ingest.identify import resolve_identity
from consolidate.ingest.xmlscan import flagged_cells, saved_stamp

WORKBOOK_KINDS = {"xlsx", "xlsm", "xls", "ods"}
FORMAT_NOTES = {"xls": "F104", "ods": "F105", "xlsm": "F106"}


_INT, _NUM = 1, 2
_PLANS: dict[int, tuple] = {}


def _plan(form: Form) -> list[tuple[str, Any, int]]:
    """(code, indicator, 1 integer / 2 other number / 0 anything else) per input, once per form.
    Qualified amounts are "anything else": their qualifier cell is read on the full path."""
    cached = _PLANS.get(id(form))
    if cached is None or cached[0] is not form:
        plan = [
            (i.code, i, 0 if i.qualified else _INT if i.type == "integer" else _NUM if i.numeric else 0)
            for i in form.inputs
        ]
        cached = (form, plan)
        _PLANS[id(form)] = cached
    return cached[1]


class _Reject(Exception):
    """Stops reading a file: the finding explains why."""

    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params


def read_submission(path: str | Path, catalog: Catalog, display: str | None = None) -> Submission:
    """Read ``path`` as a report of one of the catalog's forms; problems become findings."""
    path = Path(path)
    sub = Submission(FileInfo(display or path.name))
    try:
        data = _read_bytes(path)
        sub.file.size, sub.file.sha256 = len(data), hashlib.sha256(data).hexdigest()
        _Reading(sub, data, catalog).run()
    except _Reject as stop:
        sub.readable = False
        sub.values.clear()
        sub.findings.append(Finding(stop.code, BUILTIN[stop.code].severity, file=sub.path, params=stop.params))
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
            form, name, grid, header = self._data_sheet(book, meta)
            flags = self._flags(book, name)
        except BookError as exc:
            raise _Reject(exc.code, **exc.params) from None
        self.sub.form_id, self.sub.sheet = form.id, name
        version = meta.get(L.META_VERSION, "")
        self.sub.form_version = int(version) if version.isdigit() else None
        if self.sub.form_version is not None and self.sub.form_version < form.min_version:
            raise _Reject("T303", form=form.id, version=self.sub.form_version, min_version=form.min_version)
        if not meta:
            self.note("T307", sheet=name)
        self._values(form, name, grid, header, flags)
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

    def _data_sheet(self, book: Book, meta: dict[str, str]):
        """(form, sheet name, grid, header) or a rejection (T301, T302)."""
        form = None
        if meta.get(L.META_FORM):
            form = self.catalog.forms.get(meta[L.META_FORM])
            if form is None:
                raise _Reject("T302", form=meta[L.META_FORM], expected=", ".join(self.catalog.forms))
        expected = meta.get(L.META_SHEET_NAME) or (form.sheet if form else None)
        ordered = sorted(
            (s for s in book.sheets if s.name != L.META_SHEET and s.worksheet),
            key=lambda s: (s.name != expected, not s.visible),
        )
        for name in (s.name for s in ordered):
            grid = book.grid(name)
            header = find_header(grid)
            if header is None:
                continue
            found = form or guess_form(grid, header, self.catalog.forms.values())
            if found is None:
                continue
            if expected and name != expected:
                self.note("T310", sheet=name, params={"expected": expected, "found": name})
            return found, name, grid, header
        raise _Reject("T301")

    def _values(self, form: Form, sheet: str, grid, header, flags: dict) -> None:
        sub = self.sub
        rows = locate_rows(grid, header, form)
        for code, lines in rows.repeated.items():
            cells = ", ".join(L.cell_address(r, header.value_col) for r in lines)
            sub.findings.append(
                Finding(
                    "T308",
                    ERROR,
                    file=sub.path,
                    sheet=sheet,
                    cell=L.cell_address(lines[0], header.value_col),
                    indicator=code,
                    params={"cells": cells, "indicator": code},
                )
            )
            sub.bad_cells.add(code)
        addresses = rows.addresses(header.value_col)
        sub.cells = addresses  # shared by every report of this layout: never mutated
        col = header.value_col
        values = sub.values
        for code, ind, kind in _plan(form):
            r = rows.indicators.get(code)
            if r is None:
                sub.findings.append(
                    Finding(
                        "T309",
                        WARNING,
                        file=sub.path,
                        sheet=sheet,
                        indicator=code,
                        params={"indicator": code, "label": ind.label},
                    )
                )
                continue
            if code in sub.bad_cells:
                continue
            line = grid[r]
            raw = line[col] if col < len(line) else ""
            if type(raw) is float and kind:  # the common case, typed inline: a finite number
                if kind == _INT and raw.is_integer():
                    values[code] = int(raw)
                    continue
                if kind == _NUM and raw - raw == 0:
                    values[code] = raw
                    continue
            if raw == "" and flags:
                flag = flags.get(addresses[code])
                if flag is not None:
                    kind_code = "C408" if flag.kind == "formula" else "C409"
                    sub.findings.append(
                        Finding(
                            kind_code,
                            ERROR,
                            file=sub.path,
                            sheet=sheet,
                            cell=addresses[code],
                            indicator=code,
                            value=flag.text,
                            params={"formula": flag.text},
                        )
                    )
                    sub.bad_cells.add(code)
                    continue
            self._store(ind, raw, sheet, addresses[code])
            if ind.qualified and header.qualifier_col is not None:
                self._qualifier(
                    code, cell_value(grid, r, header.qualifier_col), sheet, L.cell_address(r, header.qualifier_col)
                )
        for rule_code, r in rows.explanations.items():
            text = coerce_text(cell_value(grid, r, col))
            if text:
                sub.explanations[rule_code] = text
                if sub.cells is addresses:
                    sub.cells = dict(addresses)
                sub.cells[L.explanation_code(rule_code)] = L.cell_address(r, col)

    def _store(self, ind, raw: Any, sheet: str, address: str) -> None:
        res = coerce(ind, raw)
        if res.code is None:
            if res.value is not None:
                self.sub.values[ind.code] = res.value
            return
        if res.code is not None:
            params = dict(res.params or {})
            self.sub.findings.append(
                Finding(
                    res.code,
                    BUILTIN[res.code].severity,
                    file=self.sub.path,
                    sheet=sheet,
                    cell=address,
                    indicator=ind.code,
                    value=params.get("value"),
                    params=params,
                )
            )
            if res.bad:
                self.sub.bad_cells.add(ind.code)
        if res.value is not None:
            self.sub.values[ind.code] = res.value

    def _qualifier(self, code: str, raw: Any, sheet: str, address: str) -> None:
        if raw in ("", None):
            return
        options = tuple(Option(q.key, q.label, q.label_en) for q in self.catalog.qualifiers.values())
        res = match_option(options, raw)
        if res.code is not None:
            assert res.params is not None  # match_option gives a code with its params
            self.sub.findings.append(
                Finding(
                    res.code,
                    ERROR,
                    file=self.sub.path,
                    sheet=sheet,
                    cell=address,
                    indicator=code,
                    value=res.params["value"],
                    params=res.params,
                )
            )
            self.sub.bad_cells.add(code)
        elif res.value:
            self.sub.qualifiers[code] = res.value

    def _flags(self, book: Book, sheet: str) -> dict:
        """Formula-without-value and error cells of the data sheet (xlsx/xlsm only)."""
        xml = book.sheet_xml(sheet)
        if xml is None:
            return {}
        if unsafe_xml(xml):
            raise BookError("F108", detail="DOCTYPE/ENTITY")
        return flagged_cells(xml)


def coerce_text(raw: Any) -> str:
    if raw in ("", None):
        return ""
    return clean_text(str(raw), multiline=True)
