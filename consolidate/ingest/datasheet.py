"""Find the report inside a sheet's grid: the header row, the code and value columns, the rows.

The grid is what calamine returns with ``skip_empty_area=False`` (row 0 is Excel row 1). Values
are located by their code in the "Mã số" column, so inserted rows and columns, hidden rows and
moved sections do not change what is read.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from consolidate.core import layout as L
from consolidate.core.layout import fold
from consolidate.core.model import Form

_CODE, _VALUE, _QUALIFIER = fold(L.HEADER_CODE), fold(L.HEADER_VALUE), fold(L.HEADER_QUALIFIER)


@dataclass(frozen=True, slots=True)
class Header:
    row: int
    code_col: int
    value_col: int
    qualifier_col: int | None


@dataclass
class LocatedRows:
    """code → grid row for indicators, rule code → row for explanation cells, and repeats."""

    indicators: dict[str, int] = field(default_factory=dict)
    explanations: dict[str, int] = field(default_factory=dict)
    repeated: dict[str, list[int]] = field(default_factory=dict)
    _addresses: dict[int, dict[str, str]] = field(default_factory=dict)

    def addresses(self, col: int) -> dict[str, str]:
        """code → "E12" for the value column ``col``; one shared, read-only dict per layout."""
        if col not in self._addresses:
            letter = L.column_letter(col)
            self._addresses[col] = {code: f"{letter}{r + 1}" for code, r in self.indicators.items()}
        return self._addresses[col]


def find_header(grid: list[list[Any]]) -> Header | None:
    """The first row holding both "Mã số" and "Số liệu" within the first rows of the sheet."""
    for r, row in enumerate(grid[: L.HEADER_SEARCH_ROWS]):  # the template's exact texts: no folding
        if L.HEADER_CODE in row and L.HEADER_VALUE in row:
            qualifier = row.index(L.HEADER_QUALIFIER) if L.HEADER_QUALIFIER in row else None
            return Header(r, row.index(L.HEADER_CODE), row.index(L.HEADER_VALUE), qualifier)
    for r, row in enumerate(grid[: L.HEADER_SEARCH_ROWS]):
        folded = [fold(v) if isinstance(v, str) else "" for v in row]
        if _CODE in folded and _VALUE in folded:
            qualifier = folded.index(_QUALIFIER) if _QUALIFIER in folded else None
            return Header(r, folded.index(_CODE), folded.index(_VALUE), qualifier)
    return None


_LOOKUPS: dict[int, tuple[Form, dict[str, tuple[str, str]]]] = {}


def _lookup(form: Form) -> dict[str, tuple[str, str]]:
    """Lower-cased code → ("indicator", code) or ("explanation", rule code); built once per form."""
    cached = _LOOKUPS.get(id(form))
    if cached is not None and cached[0] is form:
        return cached[1]
    table: dict[str, tuple[str, str]] = {}
    for ind in form.inputs:
        table[ind.code.lower()] = ("indicator", ind.code)
    for rule in form.explainable_rules:
        table[L.explanation_code(rule.code).lower()] = ("explanation", rule.code)
    _LOOKUPS[id(form)] = (form, table)
    return table


_LAYOUTS: dict[tuple, LocatedRows] = {}


def locate_rows(grid: list[list[Any]], header: Header, form: Form) -> LocatedRows:
    """Where each input indicator and explanation of ``form`` sits in the grid. Reports made from
    one template share their code column, so the answer is remembered per layout."""
    col = header.code_col
    key = (id(form), header.row, col, tuple(row[col] if col < len(row) else "" for row in grid[header.row + 1 :]))
    found = _LAYOUTS.get(key)
    if found is None:
        found = _locate(grid, header, form)
        if len(_LAYOUTS) > 256:
            _LAYOUTS.clear()
        _LAYOUTS[key] = found
    return found


def _locate(grid: list[list[Any]], header: Header, form: Form) -> LocatedRows:
    table = _lookup(form)
    out = LocatedRows()
    col = header.code_col
    for r in range(header.row + 1, len(grid)):
        row = grid[r]
        raw = row[col] if col < len(row) else ""
        if not isinstance(raw, str) or not raw:
            continue
        key = raw.strip().lower()
        hit = table.get(key)
        if hit is None:
            continue
        kind, code = hit
        target = out.indicators if kind == "indicator" else out.explanations
        if code in target:
            out.repeated.setdefault(code, [target[code]]).append(r)
        else:
            target[code] = r
    return out


def codes_in_column(grid: list[list[Any]], header: Header) -> set[str]:
    col = header.code_col
    return {
        row[col].strip().lower()
        for row in grid[header.row + 1 :]
        if col < len(row) and isinstance(row[col], str) and row[col].strip()
    }


def guess_form(grid: list[list[Any]], header: Header, forms: Iterable[Form]) -> Form | None:
    """The form whose input codes best match the code column (at least half of them)."""
    seen = codes_in_column(grid, header)
    best, best_share = None, 0.0
    for form in forms:
        codes = {i.code.lower() for i in form.inputs}
        share = len(codes & seen) / max(len(codes), 1)
        if share > best_share:
            best, best_share = form, share
    return best if best_share >= 0.5 else None


def cell_value(grid: list[list[Any]], row: int, col: int) -> Any:
    line = grid[row] if row < len(grid) else ()
    return line[col] if col < len(line) else ""
