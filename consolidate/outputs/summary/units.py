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
from consolidate.core.rowheight import word_width
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
NUMBER_WIDTH = 11


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
    # a figure column is wide enough for the longest word of its label and unit ("đồng/người/tháng")
    numbers = [max(NUMBER_WIDTH, word_width(ind.unit, 9), word_width(ind.label, 9, True)) for ind in chunk]
    styles.columns(ws, [*widths, *numbers])
    period = result.period.label(catalog) if result.period else ""
    sections = " ".join(dict.fromkeys(ind.section for ind in chunk))
    which = "" if plan.form is catalog.unit_form else f"{plan.form.id}, "
    title = f"SỐ LIỆU THEO ĐƠN VỊ — {period.upper()} ({which}phần {index + 1}/{count}: mục {sections})"
    ws.merge_range(0, 0, 0, last_col, title, styles.get(bold=True, font_size=13, align="center", text_wrap=True))
    fit_row(ws, 0, [(title, styles.width(ws, 0, last_col), 13, True)])
    # section titles over their columns
    form = plan.form
    titles = {s.id: s.title for s in form.sections}
    start = first_col
    heads = []
    for i in range(len(chunk) + 1):
        if i == len(chunk) or (i > 0 and chunk[i].section != chunk[i - 1].section):
            text = titles[chunk[i - 1].section]
            if i - 1 + first_col > start:
                ws.merge_range(2, start, 2, i - 1 + first_col, text, styles.head())
            else:
                ws.write_string(2, start, text, styles.head())
            heads.append((text, styles.width(ws, start, i - 1 + first_col), 11, True))
            start = i + first_col
    fit_row(ws, 2, heads)
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
    idents = [(t, w, 11, True) for t, w in zip(ident, widths, strict=True)]
    fit_row(ws, 3, idents + [(ind.label, w, 9, True) for ind, w in zip(chunk, numbers, strict=True)])
    fit_row(ws, 4, [(ind.unit, w, 9) for ind, w in zip(chunk, numbers, strict=True)])
    ws.set_row(5, None, None, {"hidden": True})  # indicator codes: read back by machines, never printed
    look = _RowStyles(styles, chunk, full=index == 0, plain=len(units) > LARGE)
    labels = {s: status_label(s) for s in ("accepted", "rejected", "missing", "unreadable", "conflict")}
    lines = []
    for n, unit in enumerate(units, start=1):
        state = status[unit.code]
        values = state.submission.values if state.status == "accepted" else {}
        lines.append((n, unit.code, unit.name, labels[state.status], look.values(chunk, values)))
    if with_bloc:
        bloc_codes = catalog.bloc_form.indicators if catalog.bloc_form is not None else {}
        values = {k: v for k, v in (bloc_values or {}).items() if k in bloc_codes}
        state_label = labels["accepted" if bloc_values is not None else "missing"]
        lines.append(
            (len(units) + 1, catalog.bloc.code, catalog.bloc.committee, state_label, look.values(chunk, values))
        )
    look.reserve([line[-1] for line in lines])
    row = FIRST_DATA
    codes: list[str] = []
    for line in lines:
        _unit_row(ws, look, row, *line)
        codes.append(line[1])
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
        fmt = styles.number_in(look.decimals[j], value, look.literal[j], bold=True)  # as its column
        if formula is None:
            ws.write_blank(row, first_col + j, None, fmt)
        else:
            ws.write_formula(row, first_col + j, formula, fmt, "" if value is None else value)
    ws.freeze_panes(FIRST_DATA, len(ident))
    if count == 1 and len(units) > LARGE:
        ws.autofilter(5, 0, last, last_col)
    print_setup(ws, result, landscape=True, repeat=(2, 5), form=form)


class _RowStyles:
    """The formats of one per-unit sheet, looked up once per column or figure instead of per cell.
    ``plain``: a dataset of thousands of rows, written without cell formats (each one costs ~0.6 µs
    per cell)."""

    def __init__(self, styles: Styles, chunk: list[Indicator], full: bool, plain: bool = False):
        self.styles, self.full, self.plain = styles, full, plain
        self.first = len(IDENT) if full else len(IDENT_NEXT)
        self.center = None if plain else styles.cell(align="center")
        self.name = None if plain else styles.cell(font_size=9)
        self.state = None if plain else styles.cell(align="center", font_size=9)
        self.decimals = [value_decimals(ind) for ind in chunk]
        self.blank = [None if plain else styles.number(d) for d in self.decimals]
        self.whole = None if plain else styles.number(0, 0)  # every whole number below a billion
        self.literal = [True for _ in chunk]
        self.methods = [aggregations.require(ind.aggregation.method) for ind in chunk]
        self.labels = [{o.key: o.label for o in ind.options} if ind.type == "enum" else None for ind in chunk]
        self._formats: dict[tuple[int, Any], Any] = {}

    def values(self, chunk: list[Indicator], values: dict[str, Any]) -> list[Any]:
        """One unit's value in each column (None where it has none)."""
        if not values:
            return [None] * len(chunk)
        return [self.methods[j].unit_value(ind, values) for j, ind in enumerate(chunk)]

    def reserve(self, rows: list[list[Any]]) -> None:
        """Give each column with decimals formats of its own for its figures, if the workbook can
        afford them all (see ``Figures.reserve_column``)."""
        if self.plain:
            return
        for j, decimals in enumerate(self.decimals):
            if decimals and self.labels[j] is None:
                self.literal[j] = self.styles.figures.reserve_column([r[j] for r in rows], decimals)

    def number(self, j: int, value: Any):
        """The format of ``value`` in column ``j``."""
        if self.plain:
            return None
        if not self.decimals[j] and 0 <= value < 1e9:
            return self.whole
        key = (j, value)
        if key not in self._formats:
            self._formats[key] = self.styles.number_in(self.decimals[j], value, self.literal[j])
        return self._formats[key]


def _unit_row(ws, look: _RowStyles, row, n, code, name, state, values) -> None:
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
    for j, value in enumerate(values):
        if value is None:
            if look.blank[j] is not None:
                ws.write_blank(row, col + j, None, look.blank[j])
        elif (labels := look.labels[j]) is not None:
            ws.write_string(row, col + j, labels.get(value, str(value)), look.center)
        else:
            ws.write_number(row, col + j, value, look.number(j, value))


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
