"""Error values in .xls and .ods workbooks, which python-calamine reads as empty cells.

A #DIV/0! or #REF! must give the same verdict whatever format the unit saved in: in .xlsx the
sheet XML says ``t="e"`` (see :mod:`consolidate.ingest.xmlscan`); here

- .ods: the cell of content.xml carries ``calcext:value-type="error"``; rows and cells may be
  repeated (``table:number-rows-repeated``), which is counted, never expanded;
- .xls: xlrd (the BIFF reader) reports the cell type XL_CELL_ERROR, for typed errors and for
  formulas whose cached result is an error.

Both run in the isolated, memory-capped process that reads these formats (:mod:`consolidate.ingest.book`).
"""

from __future__ import annotations

import io
import zipfile

from consolidate.core.layout import cell_address

TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
CALCEXT = "urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"
TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
MAX_REPEAT_SCAN = 2_000_000


def error_cells(data: bytes, kind: str) -> dict[str, dict[str, str]]:
    """Sheet name → cell address → error text ("#DIV/0!") for an .xls or .ods workbook."""
    if kind == "ods":
        return _ods(data)
    if kind == "xls":
        return _xls(data)
    return {}


def _xls(data: bytes) -> dict[str, dict[str, str]]:
    import xlrd

    book = xlrd.open_workbook(file_contents=data, on_demand=True)
    out: dict[str, dict[str, str]] = {}
    try:
        for sheet in book.sheets():
            found = {}
            for r in range(sheet.nrows):
                for c, ctype in enumerate(sheet.row_types(r)):
                    if ctype == xlrd.XL_CELL_ERROR:
                        code = sheet.cell_value(r, c)
                        found[cell_address(r, c)] = xlrd.error_text_from_code.get(code, "#N/A")
            if found:
                out[sheet.name] = found
    finally:
        book.release_resources()
    return out


def _ods(data: bytes) -> dict[str, dict[str, str]]:
    from defusedxml.ElementTree import iterparse

    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        content = zf.read("content.xml")
    out: dict[str, dict[str, str]] = {}
    sheet, row, col = None, -1, 0
    rows_repeat = 1
    error_value = f"{{{CALCEXT}}}value-type"
    for event, el in iterparse(io.BytesIO(content), events=("start", "end")):
        tag = el.tag
        if event == "start":
            if tag == f"{{{TABLE}}}table":
                sheet, row = el.get(f"{{{TABLE}}}name", ""), -1
            elif tag == f"{{{TABLE}}}table-row":
                row += 1
                col = 0
                rows_repeat = int(el.get(f"{{{TABLE}}}number-rows-repeated", "1"))
            continue
        if tag in (f"{{{TABLE}}}table-cell", f"{{{TABLE}}}covered-table-cell"):
            repeat = min(int(el.get(f"{{{TABLE}}}number-columns-repeated", "1")), MAX_REPEAT_SCAN)
            if el.get(error_value) == "error" and sheet is not None:
                text = "".join(el.itertext()).strip() or "#N/A"
                for r in range(row, row + min(rows_repeat, 1000)):
                    for c in range(col, col + min(repeat, 1000)):
                        out.setdefault(sheet, {})[cell_address(r, c)] = text
            col += repeat
            el.clear()
        elif tag == f"{{{TABLE}}}table-row":
            row += rows_repeat - 1
            el.clear()
    return out
