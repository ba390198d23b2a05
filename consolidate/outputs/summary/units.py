"""The "Theo đơn vị" sheets: one row per unit, one column per indicator, ending with Excel
formulas whose results equal the computed totals (SUM for sums, SUM/SUM for rates, SUMPRODUCT/SUM
for weighted means, COUNTIF for counts), so a reader can audit every total in Excel.

A form with many indicators is split, at section boundaries, into sheets of at most
``MAX_COLUMNS`` indicators ("Theo đơn vị", "Theo đơn vị (2)", …) so each prints one page wide.
Sections that apply to some units only (enterprises) list those units only.

Beyond ``summary_style.LARGE`` units (a province, not a bloc) the per-unit data is a dataset to
filter, not a page to print: it goes on one wide sheet with an autofilter, which also spares the
identity columns every continuation sheet would repeat (each cell costs ~3 µs to write).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from consolidate import aggregations
from consolidate.core.layout import SUMMARY_UNITS_SHEET, cell_address, column_letter
from consolidate.core.messages import status_label
from consolidate.core.model import Catalog, Form, Indicator, Unit
from consolidate.outputs.summary.style import LARGE, Styles, fit_row, print_setup, value_decimals
from consolidate.pipeline.result import MergeResult, UnitStatus

SHEET = SUMMARY_UNITS_SHEET
MAX_COLUMNS = 13
IDENT = ("STT", "Mã", "Tên đơn vị", "Tình trạng")
IDENT_WIDTHS = (5, 7, 42, 10)
# Continuation sheets repeat only what identifies a row: at 10,000 units every cell costs ~3 µs.
IDENT_NEXT = ("Mã", "Tên đơn vị")
IDENT_NEXT_WIDTHS = (7, 42)
FIRST_DATA = 6


@dataclass(frozen=True)
class ColumnRef:
    """Where an indicator's per-unit values sit, for formulas and charts."""

    sheet: str
    col: int
    first: int
    last: int
    units: tuple[str, ...]
    code_col: int = 1  # the column of unit codes on that sheet (chart categories)

    def range(self) -> str:
        letter = column_letter(self.col)
        return f"'{self.sheet}'!${letter}${self.first + 1}:${letter}${self.last + 1}"


def unit_columns(form: Form, wide: bool = False) -> list[list[Indicator]]:
    """Indicators of a unit form shown per unit, chunked into sheets. A section that applies to
    some units only (enterprises) gets sheets of its own, listing just those units. ``wide``: all
    on one sheet."""
    if wide:
        return [[ind for ind in form.indicators.values() if has_column(ind)]]
    chunks: list[list[Indicator]] = []
    current: list[Indicator] = []
    current_scope = None
    for section in form.sections:
        members = [form.indicators[c] for c in section.codes if has_column(form.indicators[c])]
        scope = _scope(members)
        if members and current and scope != current_scope:
            chunks.append(current)
            current = []
        current_scope = scope
        while members:
            room = MAX_COLUMNS - len(current)
            if len(members) > room and current:
                chunks.append(current)
                current, room = [], MAX_COLUMNS
            current.extend(members[:room])
            members = members[room:]
    if current:
        chunks.append(current)
    return chunks


def has_column(ind: Indicator) -> bool:
    """Whether the indicator has a per-unit column (its aggregation method says so)."""
    method = aggregations.require(ind.aggregation.method)
    return method.makes_total and method.per_unit


def _scope(members: list[Indicator]):
    """The units a whole section applies to (None: all units)."""
    conditions = {m.applies_to for m in members}
    return conditions.pop() if len(conditions) == 1 else None


def _eligible(units: tuple[Unit, ...], chunk: list[Indicator]) -> list[Unit]:
    if chunk and all(ind.applies_to is not None for ind in chunk):
        return [
            u
            for u in units
            if any(ind.applies_to.matches(u.attributes()) for ind in chunk if ind.applies_to is not None)
        ]
    return list(units)


@dataclass
class SheetPlan:
    """One per-unit sheet: its form, name, place in the series, columns and rows."""

    form: Form
    name: str
    index: int
    count: int
    chunk: list[Indicator]
    units: list[Unit]
    status: dict[str, UnitStatus]
    bloc_values: dict[str, Any] | None
    with_bloc: bool


def sheet_name(catalog: Catalog, form: Form, index: int) -> str:
    """ "Theo đơn vị", "Theo đơn vị (2)" for the primary form; "Theo đơn vị BC-X (2)" for another
    (at most 31 characters, as Excel allows)."""
    base = SHEET if form is catalog.unit_form else f"{SHEET} {form.id}"
    suffix = "" if index == 0 else f" ({index + 1})"
    return base[: 31 - len(suffix)] + suffix


def write_unit_sheets(wb, styles: Styles, result: MergeResult) -> dict[str, ColumnRef]:
    catalog = result.catalog
    bloc_values = (
        result.bloc.sub.values
        if result.bloc is not None and result.bloc.status == "accepted" and result.bloc.sub is not None
        else None
    )
    bloc_form = catalog.bloc_form
    refs: dict[str, ColumnRef] = {}
    wide = len(catalog.units) > LARGE
    for form in catalog.unit_forms:
        status = {u.unit.code: u for u in result.form_units.get(form.id, result.units)}
        chunks = unit_columns(form, wide)
        for index, chunk in enumerate(chunks):
            with_bloc = bloc_form is not None and any(ind.code in bloc_form.indicators for ind in chunk)
            plan = SheetPlan(
                form,
                sheet_name(catalog, form, index),
                index,
                len(chunks),
                chunk,
                _eligible(catalog.expected(form), chunk),
                status,
                bloc_values if with_bloc else None,
                with_bloc,
            )
            _write_sheet(wb, styles, result, plan, refs)
    return refs


def _write_sheet(wb, styles: Styles, result: MergeResult, plan: SheetPlan, refs: dict[str, ColumnRef]) -> None:
    name, index, count, chunk, units = plan.name, plan.index, plan.count, plan.chunk, plan.units
    status, bloc_values, with_bloc = plan.status, plan.bloc_values, plan.with_bloc
    ws = wb.add_worksheet(name)
    catalog = result.catalog
    ident, widths = (IDENT, IDENT_WIDTHS) if index == 0 else (IDENT_NEXT, IDENT_NEXT_WIDTHS)
    first_col = len(ident)
    last_col = first_col + len(chunk) - 1
    for i, w in enumerate(widths):
        ws.set_column(i, i, w)
    ws.set_column(first_col, last_col, 11)
    period = result.period.label(catalog) if result.period else ""
    sections = " ".join(dict.fromkeys(ind.section for ind in chunk))
    which = "" if plan.form is catalog.unit_form else f"{plan.form.id}, "
    title = f"SỐ LIỆU THEO ĐƠN VỊ — {period.upper()} ({which}phần {index + 1}/{count}: mục {sections})"
    ws.merge_range(0, 0, 0, last_col, title, styles.get(bold=True, font_size=13, align="center"))
    # section titles over their columns
    form = plan.form
    titles = {s.id: s.title for s in form.sections}
    start = first_col
    for i in range(len(chunk) + 1):
        if i == len(chunk) or (i > 0 and chunk[i].section != chunk[i - 1].section):
            text = titles[chunk[i - 1].section]
            if i - 1 + first_col > start:
                ws.merge_range(2, start, 2, i - 1 + first_col, text, styles.head())
            else:
                ws.write_string(2, start, text, styles.head())
            start = i + first_col
    for c, text in enumerate(ident):
        ws.write_string(3, c, text, styles.head())
    for j, ind in enumerate(chunk):
        ws.write_string(3, first_col + j, ind.label, styles.head(font_size=9))
        ws.write_string(4, first_col + j, ind.unit, styles.cell(align="center", italic=True, font_size=9))
        ws.write_string(
            5,
            first_col + j,
            ind.code,
            styles.get(border=1, align="center", font_size=7, font_color="#595959", shrink=True),
        )
    for c in range(len(ident)):
        ws.write_blank(4, c, None, styles.cell())
        ws.write_blank(5, c, None, styles.cell())
    ws.set_row(3, 96)
    ws.set_row(5, None, None, {"hidden": True})  # indicator codes: read back by machines, never printed
    row = FIRST_DATA
    codes: list[str] = []
    look = _RowStyles(styles, chunk, full=index == 0, plain=len(units) > LARGE)
    labels = {s: status_label(s) for s in ("accepted", "rejected", "missing", "unreadable", "conflict")}
    for n, unit in enumerate(units, start=1):
        state = status[unit.code]
        values = state.submission.values if state.status == "accepted" else {}
        _unit_row(ws, look, row, n, unit.code, unit.name, labels[state.status], chunk, values)
        codes.append(unit.code)
        row += 1
    if with_bloc:
        bloc_codes = catalog.bloc_form.indicators if catalog.bloc_form is not None else {}
        values = {k: v for k, v in (bloc_values or {}).items() if k in bloc_codes}
        _unit_row(
            ws,
            look,
            row,
            len(units) + 1,
            catalog.bloc.code,
            catalog.bloc.committee,
            labels["accepted" if bloc_values is not None else "missing"],
            chunk,
            values,
        )
        codes.append(catalog.bloc.code)
        row += 1
    last = row - 1
    for j, ind in enumerate(chunk):
        refs[ind.code] = ColumnRef(name, first_col + j, FIRST_DATA, last, tuple(codes), ident.index("Mã"))
    name_col = ident.index("Tên đơn vị")
    ws.write_string(row, name_col, "Tổng cộng", styles.cell(bold=True))
    for c in range(len(ident)):
        if c != name_col:
            ws.write_blank(row, c, None, styles.cell(bold=True))
    for j, ind in enumerate(chunk):
        formula, value = _total_formula(ind, refs, result, FIRST_DATA, last, first_col + j, name)
        fmt = styles.number(value_decimals(ind), bold=True)
        if formula is None:
            ws.write_blank(row, first_col + j, None, fmt)
        else:
            ws.write_formula(row, first_col + j, formula, fmt, "" if value is None else value)
    ws.freeze_panes(FIRST_DATA, len(ident))
    if count == 1 and len(units) > LARGE:
        ws.autofilter(5, 0, last, last_col)
    print_setup(ws, result, landscape=True, repeat=(2, 5))


class _RowStyles:
    """The formats of one per-unit sheet, looked up once instead of per cell. ``plain``: a dataset
    of thousands of rows, written without cell formats (each one costs ~0.6 µs per cell)."""

    def __init__(self, styles: Styles, chunk: list[Indicator], full: bool, plain: bool = False):
        self.full = full
        self.first = len(IDENT) if full else len(IDENT_NEXT)
        self.center = None if plain else styles.cell(align="center")
        self.name = None if plain else styles.cell(font_size=9)
        self.state = None if plain else styles.cell(align="center", font_size=9)
        self.numbers = [None if plain else styles.number(value_decimals(ind)) for ind in chunk]
        self.methods = [aggregations.require(ind.aggregation.method) for ind in chunk]
        self.labels = [{o.key: o.label for o in ind.options} if ind.type == "enum" else None for ind in chunk]


def _unit_row(ws, look: _RowStyles, row, n, code, name, state, chunk, values) -> None:
    if look.full:
        ws.write_number(row, 0, n, look.center)
        ws.write_string(row, 1, code, look.center)
        ws.write_string(row, 2, name, look.name)
        ws.write_string(row, 3, state, look.state)
    else:
        ws.write_string(row, 0, code, look.center)
        ws.write_string(row, 1, name, look.name)
    if look.name is not None:
        fit_row(ws, row, [(name, IDENT_WIDTHS[2], 9)])
    col = look.first
    for j, ind in enumerate(chunk):
        value = look.methods[j].unit_value(ind, values) if values else None
        if value is None:
            if look.numbers[j] is not None:
                ws.write_blank(row, col + j, None, look.numbers[j])
        elif (labels := look.labels[j]) is not None:
            ws.write_string(row, col + j, labels.get(value, str(value)), look.center)
        else:
            ws.write_number(row, col + j, value, look.numbers[j])


def _total_formula(ind: Indicator, refs, result: MergeResult, first: int, last: int, col: int, sheet: str):
    """The audit formula of one column and its cached value (the computed total)."""
    total = result.totals.get(ind.code)
    value = total.value if total else None
    own = f"{cell_address(first, col)}:{cell_address(last, col)}"

    def ref(code: str) -> str | None:
        r = refs.get(code)
        if r is None or r.units != refs[ind.code].units:
            return None
        return r.range() if r.sheet != sheet else f"{cell_address(r.first, r.col)}:{cell_address(r.last, r.col)}"

    return aggregations.require(ind.aggregation.method).column_formula(ind, own, ref), value
