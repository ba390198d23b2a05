"""Which sheet of a workbook holds the report.

The sheet the template was issued with (named in its hidden metadata) comes first, visible sheets
before hidden ones; a sheet counts when it has the "Mã số" and "Số liệu" header and the codes of a
form of the catalog. A renamed sheet is read with a warning (T310). When the issued sheet is blank
and a copy of it holds the figures ("Báo cáo (2)"), the copy is read with a warning naming both
(T318); two filled sheets that disagree are refused naming both (T319) — which one the unit meant
is for the unit to say. Likewise two columns headed "Số liệu" (one inserted beside the other) are
read when they agree and refused when they differ on any indicator row (T331).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from consolidate.core import layout as L
from consolidate.core.model import Catalog, Form
from consolidate.ingest.book import Book
from consolidate.ingest.datasheet import Header, cell_value, find_header, guess_form, locate_rows


class SheetError(Exception):
    """No usable data sheet: ``code`` (T301, T302, T319, T331), its params and where (sheet, cell)."""

    def __init__(self, code: str, where: dict[str, str] | None = None, **params: Any):
        super().__init__(code)
        self.code, self.params, self.where = code, params, where or {}


@dataclass
class DataSheet:
    form: Form
    name: str
    grid: list[list[Any]]
    header: Header

    def has_figures(self) -> bool:
        """Any filled input cell (stops at the first)."""
        rows = locate_rows(self.grid, self.header, self.form)
        for ind in self.form.inputs:
            r = rows.indicators.get(ind.code)
            if r is not None and not ind.role:
                raw = cell_value(self.grid, r, self.header.value_col)
                if raw not in ("", None) and not (isinstance(raw, str) and not raw.strip()):
                    return True
        return False

    def figures(self) -> dict[str, Any]:
        """code → raw value of every filled input cell (identity fields aside)."""
        rows = locate_rows(self.grid, self.header, self.form)
        out = {}
        for ind in self.form.inputs:
            r = rows.indicators.get(ind.code)
            if r is None or ind.role:
                continue
            raw = cell_value(self.grid, r, self.header.value_col)
            if raw not in ("", None) and not (isinstance(raw, str) and not raw.strip()):
                out[ind.code] = raw
        return out


def choose(book: Book, meta: dict[str, str], catalog: Catalog, note: Callable[..., None]) -> DataSheet:
    form = None
    if meta.get(L.META_FORM):
        form = catalog.forms.get(meta[L.META_FORM])
        if form is None:
            raise SheetError("T302", form=meta[L.META_FORM], expected=", ".join(catalog.forms))
    expected = meta.get(L.META_SHEET_NAME) or (form.sheet if form else None)
    ordered = sorted(
        (s for s in book.sheets if s.name != L.META_SHEET and s.worksheet),
        key=lambda s: (s.name != expected, not s.visible),
    )
    ordinary = {expected, L.INSTRUCTIONS_SHEET, L.META_SHEET}
    extra = any(s.name not in ordinary for s in ordered)
    chosen: DataSheet | None = None
    seen: set[str] = set()
    for s in ordered:
        sheet = _data_sheet(book, s.name, form, catalog)
        if sheet is None:
            continue
        seen.add(s.name)
        if chosen is None:
            chosen = sheet
            if not extra and sheet.has_figures():
                break  # the common case: the issued sheet, filled, alone
            continue
        if sheet.form is not chosen.form:
            continue
        first, other = chosen.figures(), sheet.figures()
        if not first and other:
            note("T318", sheet=sheet.name, params={"found": sheet.name, "expected": chosen.name})
            chosen = sheet
        elif first and other and first != other:
            raise SheetError("T319", first=chosen.name, second=sheet.name)
    if chosen is None:
        raise SheetError("T301")
    _one_value_column(chosen)
    if expected and chosen.name != expected and expected not in seen:
        note("T310", sheet=chosen.name, params={"expected": expected, "found": chosen.name})
    return chosen


def _data_sheet(book: Book, name: str, form: Form | None, catalog: Catalog) -> DataSheet | None:
    grid = book.grid(name)
    header = find_header(grid)
    if header is None:
        return None
    found = form or guess_form(grid, header, catalog.forms.values())
    return DataSheet(found, name, grid, header) if found is not None else None


_EMPTY = {"vi": "(trống)", "en": "(empty)"}


def _one_value_column(sheet: DataSheet) -> None:
    """Two columns headed "Số liệu" that differ on an indicator row: which one the unit means is
    for the unit to say (T331, naming both columns and the first row that differs)."""
    header, grid = sheet.header, sheet.grid
    others = [c for c in header.value_cols if c != header.value_col]
    if not others:
        return
    rows = sorted(locate_rows(grid, header, sheet.form).indicators.values())
    for col in others:
        for r in rows:
            first, second = cell_value(grid, r, header.value_col), cell_value(grid, r, col)
            if (_blank(first) and _blank(second)) or first == second:
                continue
            label = cell_value(grid, r, header.label_col) if header.label_col is not None else ""
            raise SheetError(
                "T331",
                {"sheet": sheet.name, "cell": L.cell_address(r, header.value_col)},
                sheet=sheet.name,
                first=L.column_letter(header.value_col),
                second=L.column_letter(col),
                row=r + 1,
                row_label=str(label or cell_value(grid, r, header.code_col)).strip()[:80],
                first_value=_EMPTY if _blank(first) else first,
                second_value=_EMPTY if _blank(second) else second,
            )


def _blank(raw: Any) -> bool:
    return raw in ("", None) or (isinstance(raw, str) and not raw.strip())
