"""What calamine cannot tell: which cells hold formulas without a computed value, or error values,
and which cells are merged.

calamine returns ``''`` both for an empty cell and for a formula whose cached value is missing
(a file written by a tool that does not calculate) or an error cell (#REF!). This module reads
the data sheet's XML part directly, once, to tell them apart. It also finds the sheet's part from
xl/workbook.xml and its relationships, and the workbook's "last saved" stamp. calamine does not
report merged ranges either; :func:`merged_ranges` reads the sheet's ``<mergeCells>`` (xlsx and
xlsm only: .xls and .ods books are read without it).

Only small, well-known parts are inflated, after :func:`consolidate.ingest.guard.check_zip` has accepted
the archive; a part that declares a DTD is refused by the caller.
"""

from __future__ import annotations

import html
import re
import zipfile
from dataclasses import dataclass

from consolidate.ingest.guard import ZIP_ERRORS

_SHEET = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\bname="([^"]*)"[^>]*?\br:id="([^"]+)"', re.S)
_SHEET_ALT = re.compile(rb'<(?:\w+:)?sheet\b[^>]*?\br:id="([^"]+)"[^>]*?\bname="([^"]*)"', re.S)
_REL = re.compile(rb'<Relationship\b[^>]*?\bId="([^"]+)"[^>]*?\bTarget="([^"]+)"', re.S)
_REL_ALT = re.compile(rb'<Relationship\b[^>]*?\bTarget="([^"]+)"[^>]*?\bId="([^"]+)"', re.S)
_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_TYPE = re.compile(rb'\bt="(\w+)"')
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>(.*?)</f>)", re.S)
_VALUE = re.compile(rb"<v>(.*?)</v>", re.S)
_SUSPECTS = (b"<f", b't="e"')
_MERGE = re.compile(rb'\bref="\$?([A-Z]{1,3})\$?(\d+):\$?([A-Z]{1,3})\$?(\d+)"')
_MODIFIED = re.compile(rb"<dcterms:modified[^>]*>([^<]+)</dcterms:modified>")


@dataclass(frozen=True, slots=True)
class CellFlag:
    """A cell calamine read as empty but which holds a formula without value, or an error."""

    kind: str  # "formula" | "error"
    text: str  # the formula, or the error value such as "#REF!"


def sheet_parts(workbook: bytes, rels: bytes) -> dict[str, str]:
    """Sheet name → zip member ("xl/worksheets/sheet2.xml") from xl/workbook.xml and its rels."""
    pairs = [(n, r) for n, r in _SHEET.findall(workbook)] or [(n, r) for r, n in _SHEET_ALT.findall(workbook)]
    targets = dict(_REL.findall(rels)) or {i: t for t, i in _REL_ALT.findall(rels)}
    out = {}
    for name, rid in pairs:
        target = targets.get(rid)
        if target is None:
            continue
        text = target.decode("utf-8", "replace")
        out[html.unescape(name.decode("utf-8", "replace"))] = text.lstrip("/") if text.startswith("/") else f"xl/{text}"
    return out


def flagged_cells(xml: bytes) -> dict[str, CellFlag]:
    """Address → flag for every formula cell without a value and every error cell.

    Only the cells around each ``<f`` and ``t="e"`` are parsed, so a sheet with a handful of
    formulas costs a few string searches, not a pass over every cell."""
    starts: set[int] = set()
    end = xml.find(b"</sheetData>")
    end = len(xml) if end == -1 else end
    for needle in _SUSPECTS:  # bytes.find is a fast scan; a regex alternation is ~10x slower
        at = xml.find(needle, 0, end)
        while at != -1:
            follows = xml[at + len(needle) : at + len(needle) + 1]
            if needle != b"<f" or follows in (b">", b" ", b"/"):
                begin = xml.rfind(b"<c ", 0, at)
                if begin != -1:
                    starts.add(begin)
            at = xml.find(needle, at + 1, end)
    out: dict[str, CellFlag] = {}
    for begin in sorted(starts):
        match = _CELL.match(xml, begin)
        if match is not None:
            _flag(match.group(1), match.group(2) or b"", out)
    return out


def merged_ranges(xml: bytes) -> tuple[tuple[int, int, int, int], ...]:
    """(first row, first column, last row, last column), 0-based, of every merged range of a sheet.

    Only the ``<mergeCells>`` element is read (one search finds it: cell text cannot hold a raw
    ``<``), and reports made from one template share it, so it is parsed once per template."""
    at = xml.find(b"mergeCells")
    if at == -1:
        return ()
    end = xml.find(b"mergeCells>", at + 10)  # the closing tag; none when the element is empty
    block = xml[at : end if end != -1 else xml.find(b">", at) + 1]
    found = _MERGES.get(block)
    if found is None:
        out = []
        for c1, r1, c2, r2 in _MERGE.findall(block):
            rows, cols = sorted((int(r1) - 1, int(r2) - 1)), sorted((_column(c1), _column(c2)))
            out.append((rows[0], cols[0], rows[1], cols[1]))
        if len(_MERGES) > 256:
            _MERGES.clear()
        found = _MERGES[block] = tuple(out)
    return found


_MERGES: dict[bytes, tuple[tuple[int, int, int, int], ...]] = {}


def _column(letters: bytes) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ch - 64
    return n - 1


def _flag(attrs: bytes, body: bytes, out: dict[str, CellFlag]) -> None:
    kind = _TYPE.search(attrs)
    is_error = kind is not None and kind.group(1) == b"e"
    formula = _FORMULA.search(body)
    ref = _REF.search(attrs)
    if ref is None or (not is_error and formula is None):
        return
    address = ref.group(1).decode()
    value = _VALUE.search(body)
    if is_error:
        out[address] = CellFlag(
            "error", html.unescape((value.group(1) if value else b"#N/A").decode("utf-8", "replace"))
        )
    elif kind is not None and kind.group(1) == b"str" and (value is not None or b"<v/>" in body):
        return  # a formula whose computed result is empty text (=IF(…;"")): an empty cell, as Calc saves it
    elif value is None or not value.group(1).strip():
        assert formula is not None  # a cell that is not an error was kept only for its formula
        text = html.unescape((formula.group(1) or b"").decode("utf-8", "replace"))
        out[address] = CellFlag("formula", "=" + text if text else "=…")


def saved_stamp(zf: zipfile.ZipFile) -> str:
    """The workbook's own "last modified" time (docProps/core.xml), or "" when absent."""
    try:
        core = zf.read("docProps/core.xml")
    except ZIP_ERRORS:
        return ""
    match = _MODIFIED.search(core[:65536])
    return match.group(1).decode("ascii", "replace").strip() if match else ""
