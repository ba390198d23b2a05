"""The "Quý III theo đơn vị" sheets: each unit's figures of the months since an earlier period of
the year alone (9 tháng − 6 tháng = quý III), for every summed flow of the unit forms.

Written only when the merge had an earlier period of the same year (from the history database or
``--earlier``); the figures come from :mod:`consolidate.pipeline.quarter`. A unit missing from
either period has blank cells. One row per unit, the "Tổng cộng" row a SUM formula (cached with
its value), at most ``MAX_COLUMNS`` indicators per sheet so each prints one page wide.
"""

from __future__ import annotations

from consolidate.core.layout import cell_address
from consolidate.core.model import Indicator
from consolidate.outputs.summary.style import Styles, fit_row, print_setup, value_decimals
from consolidate.outputs.summary.units import MAX_COLUMNS
from consolidate.pipeline.quarter import Span, span_flows
from consolidate.pipeline.result import MergeResult

IDENT = ("STT", "Mã", "Tên đơn vị")
IDENT_WIDTHS = (5, 7, 40)
FIRST_DATA = 5


def sheet_base(span: Span) -> str:
    """ "Quý III theo đơn vị", or "Riêng kỳ theo đơn vị" when the months are not one quarter."""
    head = span.label.split(" năm ")[0]
    return f"{head} theo đơn vị" if head.startswith("Quý") else "Riêng kỳ theo đơn vị"


def write_span_sheets(wb, styles: Styles, result: MergeResult) -> None:
    span = result.span
    if span is None:
        return
    flows = {ind.code for ind in span_flows(result.catalog)}
    chunks: list[list[Indicator]] = []
    for form in result.catalog.unit_forms:
        mine = [ind for ind in form.inputs if ind.code in flows]
        chunks += [mine[i : i + MAX_COLUMNS] for i in range(0, len(mine), MAX_COLUMNS)]
    for index, chunk in enumerate(chunks):
        suffix = "" if index == 0 else f" ({index + 1})"
        _sheet(wb, styles, result, span, sheet_base(span)[: 31 - len(suffix)] + suffix, chunk)


def _sheet(wb, styles: Styles, result: MergeResult, span: Span, name: str, chunk: list[Indicator]) -> None:
    ws = wb.add_worksheet(name)
    catalog = result.catalog
    first_col, last_col = len(IDENT), len(IDENT) + len(chunk) - 1
    for i, w in enumerate(IDENT_WIDTHS):
        ws.set_column(i, i, w)
    ws.set_column(first_col, last_col, 11)
    period = result.period.label(catalog) if result.period else ""
    title = f"SỐ LIỆU RIÊNG {span.label.upper()} THEO ĐƠN VỊ"
    note = (
        f"(Số liệu cộng dồn {period} của đơn vị trừ số liệu {span.earlier} của chính đơn vị; "
        "ô trống: đơn vị chưa có số liệu của một trong hai kỳ.)"
    )
    ws.merge_range(0, 0, 0, last_col, title, styles.get(bold=True, font_size=13, align="center", text_wrap=True))
    ws.merge_range(1, 0, 1, last_col, note, styles.get(italic=True, align="center", text_wrap=True))
    fit_row(ws, 1, [(note, sum(IDENT_WIDTHS) + 11 * len(chunk), 11)], minimum=18)
    for c, text in enumerate(IDENT):
        ws.write_string(3, c, text, styles.head())
        ws.write_blank(4, c, None, styles.cell())
    for j, ind in enumerate(chunk):
        ws.write_string(3, first_col + j, ind.label, styles.head(font_size=9))
        ws.write_string(4, first_col + j, ind.unit, styles.cell(align="center", italic=True, font_size=9))
    ws.set_row(3, 96)
    formats = [styles.number(value_decimals(ind)) for ind in chunk]
    row = FIRST_DATA
    units = [
        u
        for form in catalog.unit_forms
        if any(i.code in form.indicators for i in chunk)
        for u in catalog.expected(form)
    ]
    sums = [0.0] * len(chunk)
    for n, unit in enumerate(dict.fromkeys(units), start=1):
        ws.write_number(row, 0, n, styles.cell(align="center"))
        ws.write_string(row, 1, unit.code, styles.cell(align="center"))
        ws.write_string(row, 2, unit.name, styles.cell(font_size=9))
        fit_row(ws, row, [(unit.name, IDENT_WIDTHS[2], 9)])
        figures = span.units.get(unit.code, {})
        for j, ind in enumerate(chunk):
            value = figures.get(ind.code)
            if value is None:
                ws.write_blank(row, first_col + j, None, formats[j])
            else:
                ws.write_number(row, first_col + j, value, formats[j])
                sums[j] += value
        row += 1
    ws.write_string(row, 2, "Tổng cộng", styles.cell(bold=True))
    for c in (0, 1):
        ws.write_blank(row, c, None, styles.cell(bold=True))
    for j, ind in enumerate(chunk):
        col = first_col + j
        formula = f"=SUM({cell_address(FIRST_DATA, col)}:{cell_address(row - 1, col)})"
        total = int(sums[j]) if ind.type == "integer" else round(sums[j], ind.decimals or 3)
        ws.write_formula(row, col, formula, styles.number(value_decimals(ind), bold=True), total)
    ws.freeze_panes(FIRST_DATA, len(IDENT))
    print_setup(ws, result, landscape=True, repeat=(3, 4))
