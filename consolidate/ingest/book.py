"""A workbook opened for reading values, with every known way to crash the reader guarded.

python-calamine builds a dense grid for a sheet: one value typed at XFD1048576 makes it allocate
hundreds of gigabytes and abort the whole process (a Rust abort, which Python cannot catch). So:

- xlsx / xlsm: before calamine reads a sheet, its XML (inflated once, size-limited by the zip
  guard) is checked for the sheet's extent; a sheet larger than ``MAX_CELLS`` is refused (F113).
  Two quick searches (a row ≥ 1000, a column ≥ AA) clear ordinary reports; only sheets that trip
  them get the exact scan.
- xls / ods: there is no cheap way to see their extent, so they are read in a separate process
  with a memory cap (``ISOLATED_MEMORY``) and a time limit; if it dies, the file is refused (F114)
  and the merge goes on. These formats are rare, so the ~0.1 s this costs is paid rarely.

Errors are raised as :class:`BookError` (a finding code and its params).
"""

from __future__ import annotations

import io
import multiprocessing
import re
import sys
import zipfile
from dataclasses import dataclass
from typing import Any

import python_calamine as pc

from consolidate.core.layout import cell_address
from consolidate.ingest.guard import ZIP_ERRORS, unsafe_xml
from consolidate.ingest.xmlscan import sheet_parts

MAX_CELLS = 2_000_000
MAX_ROWS = 200_000
ISOLATED_MEMORY = 1536 * 1024 * 1024
ISOLATED_SECONDS = 60

_BIG = re.compile(rb' r="(?:[A-Z]*\d{4}|[A-Z]{2})')  # a row ≥ 1000 or a column ≥ AA
_CELL_REF = re.compile(rb'<c\b[^>]*?\br="([A-Z]{1,3})(\d+)"')
_ROW_REF = re.compile(rb'<row\b[^>]*?\br="(\d+)"')


class BookError(Exception):
    def __init__(self, code: str, **params: Any):
        super().__init__(code)
        self.code, self.params = code, params


@dataclass(frozen=True, slots=True)
class SheetInfo:
    name: str
    visible: bool
    worksheet: bool


def _col_number(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n


def sheet_extent(xml: bytes) -> tuple[int, int]:
    """(rows, columns) a dense grid of this sheet would need."""
    if not _BIG.search(xml):
        return 999, 26
    rows = max((int(r) for r in _ROW_REF.findall(xml)), default=0)
    cols = 0
    for letters, row in _CELL_REF.findall(xml):
        cols = max(cols, _col_number(letters))
        rows = max(rows, int(row))
    return rows, cols


class Book:
    """Sheet names and grids (row 0 = Excel row 1) of one workbook."""

    def __init__(self, data: bytes, kind: str, zf: zipfile.ZipFile | None):
        self.kind, self.zf = kind, zf
        self.xml: dict[str, bytes] = {}
        self.errors: dict[str, dict[str, str]] = {}  # xls / ods: sheet → address → "#DIV/0!"
        if kind in ("xls", "ods"):
            self._grids, self.errors = _read_isolated(data, kind)
            self.sheets = [SheetInfo(n, v, True) for n, (v, _) in self._grids.items()]
            self._wb = None
            return
        self._grids = {}
        self._parts = self._sheet_parts() if zf is not None else {}
        try:
            self._wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
            self.sheets = [
                SheetInfo(m.name, "Visible" in str(m.visible), str(m.typ).endswith("WorkSheet"))
                for m in self._wb.sheets_metadata
            ]
        except pc.CalamineError as exc:
            raise self.failure(exc) from None

    def grid(self, name: str) -> list[list[Any]]:
        if name in self._grids:
            return self._grids[name][1]
        self._check_extent(name)
        assert self._wb is not None  # an xls or ods book has every sheet in _grids
        try:
            return self._wb.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except pc.CalamineError as exc:
            raise self.failure(exc) from None

    def sheet_xml(self, name: str) -> bytes | None:
        """The inflated XML of an xlsx sheet (cached), or None for other formats."""
        if self.zf is None or self.kind not in ("xlsx", "xlsm"):
            return None
        if name not in self.xml:
            part = self._parts.get(name)
            try:
                self.xml[name] = self.zf.read(part) if part else b""
            except ZIP_ERRORS as exc:
                raise BookError("F109", detail=str(exc)[:200]) from None
        return self.xml[name] or None

    def _sheet_parts(self) -> dict[str, str]:
        """Sheet name → XML member, read once; a DTD in the workbook part refuses the file."""
        assert self.zf is not None  # called only for a zip-based workbook
        try:
            workbook = self.zf.read("xl/workbook.xml")
            rels = self.zf.read("xl/_rels/workbook.xml.rels")
        except ZIP_ERRORS:
            return {}
        if unsafe_xml(workbook) or unsafe_xml(rels):
            raise BookError("F108", detail="DOCTYPE/ENTITY")
        return sheet_parts(workbook, rels)

    def _check_extent(self, name: str) -> None:
        xml = self.sheet_xml(name)
        if xml is None:
            return
        if unsafe_xml(xml):
            raise BookError("F108", detail="DOCTYPE/ENTITY")
        rows, cols = sheet_extent(xml)
        if rows > MAX_ROWS or rows * cols > MAX_CELLS:
            raise BookError("F113", sheet=name, cell=cell_address(rows - 1, max(cols, 1) - 1), rows=rows, cols=cols)

    def failure(self, exc: Exception) -> BookError:
        """Name a calamine failure: a password, unsafe XML declarations, or damage."""
        if isinstance(exc, pc.PasswordError):
            return BookError("F103")
        if self.zf is not None and _declares_entities(self.zf):
            return BookError("F108", detail="DOCTYPE/ENTITY")
        return BookError("F109", detail=str(exc)[:200] or type(exc).__name__)


def _declares_entities(zf: zipfile.ZipFile) -> bool:
    for info in zf.infolist():
        if info.filename.endswith((".xml", ".rels")):
            try:
                with zf.open(info) as fh:
                    if unsafe_xml(fh.read(4096)):
                        return True
            except ZIP_ERRORS:
                continue
    return False


# --- isolated reading of xls / ods -------------------------------------------------------------


def _child(data: bytes, kind: str, conn) -> None:
    from consolidate.ingest.legacy import error_cells
    from consolidate.ingest.lifeline import watch_parent

    watch_parent()
    if sys.platform != "win32":  # POSIX only; on Windows the time limit still applies
        import resource

        resource.setrlimit(resource.RLIMIT_AS, (ISOLATED_MEMORY, ISOLATED_MEMORY))
    try:
        wb = pc.CalamineWorkbook.from_filelike(io.BytesIO(data))
        grids = {}
        for m in wb.sheets_metadata:
            if str(m.typ).endswith("WorkSheet"):
                grids[m.name] = (
                    "Visible" in str(m.visible),
                    wb.get_sheet_by_name(m.name).to_python(skip_empty_area=False),
                )
        conn.send(("ok", (grids, error_cells(data, kind))))
    except pc.PasswordError:
        conn.send(("password", None))
    except Exception as exc:  # reported to the parent, which names it
        conn.send(("error", f"{type(exc).__name__}: {exc}"[:200]))
    finally:
        conn.close()


def _read_isolated(data: bytes, kind: str) -> tuple[dict[str, tuple[bool, list[list[Any]]]], dict[str, dict[str, str]]]:
    """(sheet → (visible, grid), sheet → address → error text), read in a memory-capped process."""
    ctx = multiprocessing.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(data, kind, child), daemon=True)
    proc.start()
    child.close()
    try:
        if not parent.poll(ISOLATED_SECONDS):
            raise BookError("F114", seconds=ISOLATED_SECONDS)
        status, payload = parent.recv()
    except EOFError:
        raise BookError("F114", seconds=ISOLATED_SECONDS) from None
    finally:
        proc.join(5)
        if proc.is_alive():
            proc.kill()
        parent.close()
    if status == "password":
        raise BookError("F103")
    if status == "error":
        raise BookError("F109", detail=payload)
    return payload
