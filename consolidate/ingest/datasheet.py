"""Find the report inside a sheet's grid: the header row, the code and value columns, the rows.

The grid is what calamine returns with ``skip_empty_area=False`` (row 0 is Excel row 1). Values
are located by their code in the "Mã số" column, so inserted rows and columns, hidden rows and
moved sections do not change what is read. A row whose code a clerk cleared is found again by
its label, or by its place between its neighbours in the form (:func:`recover`); rows that hold a
figure but belong to no indicator are listed, so no figure is dropped without a word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from consolidate.core import layout as L
from consolidate.core.layout import fold
from consolidate.core.model import Form, Indicator

_CODE, _VALUE, _QUALIFIER, _LABEL, _NOTE = (
    fold(h) for h in (L.HEADER_CODE, L.HEADER_VALUE, L.HEADER_QUALIFIER, L.HEADER_LABEL, L.HEADER_NOTE)
)


@dataclass(frozen=True, slots=True)
class Header:
    row: int
    code_col: int
    value_col: int
    qualifier_col: int | None
    label_col: int | None = None
    note_col: int | None = None
    value_cols: tuple[int, ...] = ()  # every column headed "Số liệu": more than one is checked (T331)


@dataclass
class LocatedRows:
    """code → grid row for indicators, rule code → row for explanation cells, repeats, and the
    rows whose code is missing or unknown (``unknown``: where a stray figure may sit)."""

    indicators: dict[str, int] = field(default_factory=dict)
    explanations: dict[str, int] = field(default_factory=dict)
    repeated: dict[str, list[int]] = field(default_factory=dict)
    unknown: list[int] = field(default_factory=list)
    _addresses: dict[int, dict[str, str]] = field(default_factory=dict)

    def addresses(self, col: int) -> dict[str, str]:
        """code → "E12" for the value column ``col``; one shared, read-only dict per layout."""
        if col not in self._addresses:
            letter = L.column_letter(col)
            self._addresses[col] = {code: f"{letter}{r + 1}" for code, r in self.indicators.items()}
        return self._addresses[col]


def find_header(grid: list[list[Any]]) -> Header | None:
    """The first row holding both "Mã số" and "Số liệu" within the first rows of the sheet. Every
    column headed "Số liệu" is listed in ``value_cols`` (two that differ are refused, T331)."""
    for r, row in enumerate(grid[: L.HEADER_SEARCH_ROWS]):  # the template's exact texts: no folding
        if L.HEADER_CODE in row and L.HEADER_VALUE in row:
            return _header(r, row, _EXACT)
    for r, row in enumerate(grid[: L.HEADER_SEARCH_ROWS]):
        folded = [fold(v) if isinstance(v, str) else "" for v in row]
        if _CODE in folded and _VALUE in folded:
            return _header(r, folded, _FOLDED)
    return None


_EXACT = (L.HEADER_CODE, L.HEADER_VALUE, L.HEADER_QUALIFIER, L.HEADER_LABEL, L.HEADER_NOTE)
_FOLDED = (_CODE, _VALUE, _QUALIFIER, _LABEL, _NOTE)


_HEADERS: dict[tuple, Header] = {}


def _header(r: int, row: list[Any], texts: tuple[str, ...]) -> Header:
    """The header of row ``r``; reports made from one template share it, so it is built once."""
    key = (r, texts is _EXACT, *row)
    found = _HEADERS.get(key)
    if found is None:
        code, value, qualifier, label, note = texts
        found = Header(
            r,
            row.index(code),
            row.index(value),
            row.index(qualifier) if qualifier in row else None,
            row.index(label) if label in row else None,
            row.index(note) if note in row else None,
            tuple(i for i, v in enumerate(row) if isinstance(v, str) and fold(v) == _VALUE),
        )
        if len(_HEADERS) > 256:
            _HEADERS.clear()
        _HEADERS[key] = found
    return found


_LOOKUPS: dict[int, tuple[Form, dict[str, tuple[str, str]]]] = {}


def _lookup(form: Form) -> dict[str, tuple[str, str]]:
    """Lower-cased code → ("indicator" | "computed" | "explanation", code); built once per form."""
    cached = _LOOKUPS.get(id(form))
    if cached is not None and cached[0] is form:
        return cached[1]
    table: dict[str, tuple[str, str]] = {}
    for ind in form.indicators.values():
        table[ind.code.lower()] = ("indicator" if ind.input else "computed", ind.code)
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
        hit = table.get(raw.strip().lower()) if isinstance(raw, str) else None
        if hit is None:
            out.unknown.append(r)
            continue
        kind, code = hit
        if kind == "computed":
            continue
        target = out.indicators if kind == "indicator" else out.explanations
        if code in target:
            out.repeated.setdefault(code, [target[code]]).append(r)
        else:
            target[code] = r
    return out


def recover(
    grid: list[list[Any]], header: Header, form: Form, rows: LocatedRows, missing: Iterable[Indicator]
) -> dict[str, tuple[int, str]]:
    """code → (row, "label" | "place") for indicators whose code cell was cleared: a row with no
    code whose label is the indicator's own, else the one row with no code strictly between the
    rows of the indicator's neighbours in the form, provided it can be an indicator's row: not a
    section heading (a title of the form's sections, or a label in capitals). A deleted row leaves
    no such row, and the indicator is missing (T315 / T309), never matched to a heading."""
    blank = {r for r in rows.unknown if not str(cell_value(grid, r, header.code_col)).strip()}
    order = [i.code for i in form.indicators.values() if i.aggregation.template != "omitted"]
    placed = {**rows.indicators, **_computed_rows(grid, header, form)}
    out: dict[str, tuple[int, str]] = {}
    for ind in missing:
        row = _by_label(grid, header, ind, blank)
        how = "label"
        if row is None:
            row, how = _by_place(ind.code, order, placed, blank), "place"
            label = cell_value(grid, row, header.label_col) if row is not None and header.label_col is not None else ""
            if _heading(label, form):
                row = None
        if row is not None:
            out[ind.code] = (row, how)
            blank.discard(row)
    return out


def _by_label(grid: list[list[Any]], header: Header, ind: Indicator, blank: set[int]) -> int | None:
    if header.label_col is None:
        return None
    wanted = fold(ind.label)
    hits = [r for r in sorted(blank) if fold(cell_value(grid, r, header.label_col)) == wanted]
    return hits[0] if len(hits) == 1 else None


def _by_place(code: str, order: list[str], placed: dict[str, int], blank: set[int]) -> int | None:
    i = order.index(code)
    before = placed.get(order[i - 1]) if i > 0 else None
    after = placed.get(order[i + 1]) if i + 1 < len(order) else None
    if before is not None and after is not None and after - before == 2 and before + 1 in blank:
        return before + 1
    return None


def _heading(label: Any, form: Form) -> bool:
    """A section heading of the data sheet ("B  TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN", "GIẢI TRÌNH …")."""
    if not isinstance(label, str) or not label.strip():
        return False
    text = label.strip()
    if fold(text) in {fold(s.title) for s in form.sections}:
        return True
    return any(ch.isalpha() for ch in text) and text == text.upper()


def _computed_rows(grid: list[list[Any]], header: Header, form: Form) -> dict[str, int]:
    computed = {i.code.lower(): i.code for i in form.indicators.values() if not i.input}
    out = {}
    for r in range(header.row + 1, len(grid)):
        raw = cell_value(grid, r, header.code_col)
        if isinstance(raw, str) and raw.strip().lower() in computed:
            out[computed[raw.strip().lower()]] = r
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
