"""Formula results kept through an openpyxl round trip.

openpyxl reads a cell's formula or its cached result, never both, and writes formulas without a
result. A feedback copy saved by openpyxl would then hold the unit's own formulas (a total typed
as ``=E20+E21``) with no value, and re-validating the unchanged copy would fail where the original
passed (C408: a formula without a computed result). So after the copy is saved, every formula cell
of every sheet the original had gets back the original's cached result: its ``<v>`` and its type
(number, text, boolean or error) copied byte for byte from the original's sheet XML.

Only the parts of sheets present in both files are touched; cells are matched by address, which
openpyxl never changes. The archive is rewritten member by member, other members unchanged.
"""

from __future__ import annotations

import io
import re
import zipfile

from consolidate.ingest.xmlscan import sheet_parts

_CELL = re.compile(rb"<c\b([^>]*?)(?:/>|>(.*?)</c>)", re.S)
_REF = re.compile(rb'\br="([A-Z]+[0-9]+)"')
_TYPE = re.compile(rb'\s\bt="(\w+)"')
_VALUE = re.compile(rb"<v>(.*?)</v>|<v\s*/>", re.S)
_FORMULA = re.compile(rb"<f\b[^>]*?(?:/>|>.*?</f>)", re.S)
# openpyxl writes a formula cell as <c r=".." s=".."><f>…</f><v></v></c> (or <v/>).
_WRITTEN = re.compile(rb"<c\b([^>]*?)>(<f\b[^>]*?(?:/>|>.*?</f>))(?:<v\s*/>|<v></v>)?</c>", re.S)
_KEPT_TYPES = (b"str", b"b", b"e", b"n")


def cached_results(sheet_xml: bytes) -> dict[bytes, tuple[bytes, bytes]]:
    """Address → (type, raw <v> content) of every formula cell with a cached result."""
    out: dict[bytes, tuple[bytes, bytes]] = {}
    end = sheet_xml.find(b"</sheetData>")
    end = len(sheet_xml) if end == -1 else end
    at = sheet_xml.find(b"<f", 0, end)
    while at != -1:
        begin = sheet_xml.rfind(b"<c ", 0, at)
        match = _CELL.match(sheet_xml, begin) if begin != -1 else None
        if match is not None and match.end() > at and match.group(2) and _FORMULA.search(match.group(2)):
            ref, value = _REF.search(match.group(1)), _VALUE.search(match.group(2))
            kind = _TYPE.search(match.group(1))
            kind_text = kind.group(1) if kind else b"n"
            if ref is not None and value is not None and kind_text in _KEPT_TYPES:
                out[ref.group(1)] = (kind_text, value.group(1) or b"")
        after = match.end() if match is not None and match.end() > at else at + 2
        at = sheet_xml.find(b"<f", after, end)
    return out


def restore(sheet_xml: bytes, cached: dict[bytes, tuple[bytes, bytes]]) -> bytes:
    """``sheet_xml`` (as openpyxl wrote it) with each formula cell's cached result put back."""
    if not cached:
        return sheet_xml

    def put(match: re.Match[bytes]) -> bytes:
        attrs, formula = match.group(1), match.group(2)
        ref = _REF.search(attrs)
        if ref is None or ref.group(1) not in cached:
            return match.group(0)
        kind, value = cached[ref.group(1)]
        attrs = _TYPE.sub(b"", attrs)
        if kind != b"n":
            attrs += b' t="' + kind + b'"'
        return b"<c" + attrs + b">" + formula + b"<v>" + value + b"</v></c>"

    return _WRITTEN.sub(put, sheet_xml)


def _parts(zf: zipfile.ZipFile) -> dict[str, str]:
    try:
        return sheet_parts(zf.read("xl/workbook.xml"), zf.read("xl/_rels/workbook.xml.rels"))
    except KeyError:
        return {}


def keep_cached_results(original: bytes, written: bytes) -> bytes:
    """The workbook ``written`` (saved by openpyxl from ``original``) with the formula results of
    ``original`` restored; ``written`` unchanged when the original holds no cached formula."""
    with zipfile.ZipFile(io.BytesIO(original)) as src:
        cached = {}
        for name, part in _parts(src).items():
            try:
                results = cached_results(src.read(part))
            except KeyError:
                continue
            if results:
                cached[name] = results
    if not cached:
        return written
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(written)) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
        patched = {part: cached[name] for name, part in _parts(zin).items() if name in cached}
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename in patched:
                data = restore(data, patched[info.filename])
            zout.writestr(info, data)
    return out.getvalue()
