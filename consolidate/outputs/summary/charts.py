"""The "Biểu đồ" sheet: charts for what people would rather look at than read.

Submission status (accepted / rejected / missing) as a pie, then every chart declared in
bloc.yaml (``charts:``), drawn from the per-unit columns of the "Theo đơn vị" sheets.
"""

from __future__ import annotations

from consolidate.core.messages import status_label
from consolidate.core.numbers import format_number
from consolidate.core.numformat import whole_format
from consolidate.outputs.summary.style import Styles, fit_row, print_setup, title_rows
from consolidate.outputs.summary.units import ColumnRef
from consolidate.pipeline.result import MergeResult

SHEET = "Biểu đồ"
COLORS = {
    "accepted": "#70AD47",
    "rejected": "#C55A11",
    "unreadable": "#C00000",
    "conflict": "#7030A0",
    "missing": "#FFC000",
}
SERIES_COLORS = ("#4472C4", "#ED7D31", "#A5A5A5", "#5B9BD5")
MAX_BARS = 400


def write_charts(wb, styles: Styles, result: MergeResult, refs: dict[str, ColumnRef]) -> None:
    ws = wb.add_worksheet(SHEET)
    styles.columns(ws, [14, 10])
    period = result.period.label(result.catalog).upper() if result.period else ""
    row = title_rows(ws, styles, 0, 0, 14, f"BIỂU ĐỒ SỐ LIỆU {period}", None)
    ws.write_string(row, 0, "Tình trạng", styles.head())
    ws.write_string(row, 1, "Số đơn vị", styles.head())
    states = ("accepted", "rejected", "unreadable", "conflict", "missing")
    for i, state in enumerate(states, start=1):
        ws.write_string(row + i, 0, status_label(state), styles.cell())
        fit_row(ws, row + i, [(status_label(state), 14, 11)])
        ws.write_number(row + i, 1, sum(u.status == state for u in result.units), styles.cell(align="center"))
    pie = wb.add_chart({"type": "pie"})
    pie.add_series(
        {
            "name": "Tình hình nộp báo cáo",
            "categories": [SHEET, row + 1, 0, row + len(states), 0],
            "values": [SHEET, row + 1, 1, row + len(states), 1],
            "data_labels": {"value": True, "percentage": False, "category": False},
            "points": [{"fill": {"color": COLORS[s]}} for s in states],
        }
    )
    pie.set_title(
        {
            "name": f"Tình hình nộp báo cáo ({format_number(result.units_accepted)}/"
            f"{format_number(result.units_expected)} đơn vị)",
            "name_font": {"name": "Times New Roman", "size": 12},
        }
    )
    pie.set_legend({"position": "right", "font": {"name": "Times New Roman"}})
    pie.set_size({"width": 520, "height": 300})
    ws.insert_chart(row, 3, pie)
    anchor = row + 20
    breaks = []
    per_unit = result.units_expected <= MAX_BARS  # thousands of bars help no one
    for spec in result.catalog.charts if per_unit else ():
        chart = _unit_chart(wb, result, refs, spec)
        if chart is None:
            continue
        breaks.append(anchor - 1)  # every chart starts a printed page of its own
        ws.insert_chart(anchor, 0, chart)
        anchor += 26
    if breaks:
        ws.set_h_pagebreaks(breaks)
    print_setup(ws, result, landscape=True, repeat=None)


def _unit_chart(wb, result: MergeResult, refs: dict[str, ColumnRef], spec):
    first = refs.get(spec.series[0])
    if first is None:
        return None
    last = first.last - (1 if first.units and first.units[-1] == result.catalog.bloc.code else 0)
    if last < first.first:
        return None
    chart = wb.add_chart({"type": "column"})
    categories = [first.sheet, first.first, first.code_col, last, first.code_col]
    for i, code in enumerate(spec.series):
        _add(chart, result, refs, code, categories, last, SERIES_COLORS[i % len(SERIES_COLORS)], False)
    if spec.secondary:
        line = wb.add_chart({"type": "line"})
        for i, code in enumerate(spec.secondary):
            _add(line, result, refs, code, categories, last, SERIES_COLORS[(i + 1) % len(SERIES_COLORS)], True)
        chart.combine(line)
        line.set_y2_axis({"num_font": {"name": "Times New Roman", "size": 8}, "num_format": whole_format(), "min": 0})
    font = {"name": "Times New Roman", "size": 8, "rotation": -90}
    chart.set_title(
        {
            "name": spec.title + _coverage_note(result, spec.series[0]),
            "name_font": {"name": "Times New Roman", "size": 12},
        }
    )
    chart.set_x_axis({"num_font": font})
    chart.set_y_axis({"num_font": {"name": "Times New Roman", "size": 8}, "num_format": whole_format(), "min": 0})
    chart.set_legend({"position": "bottom", "font": {"name": "Times New Roman", "size": 9}})
    chart.set_size({"width": 1050, "height": 470})
    return chart


def _coverage_note(result: MergeResult, code: str) -> str:
    """ " (số liệu của 73/76 đơn vị)" when the chart's figures are not from every unit."""
    total = result.totals.get(code)
    if total is None or total.complete or not total.eligible:
        return ""
    return f" (số liệu của {format_number(total.units)}/{format_number(total.eligible)} đơn vị)"


def _add(chart, result, refs, code, categories, last, color, secondary) -> None:
    ref = refs.get(code)
    if ref is None:
        return
    ind = result.catalog.indicator(code)
    assert ind is not None  # charts name indicators of the unit forms (checked on load)
    series = {"name": ind.label, "categories": categories, "values": [ref.sheet, ref.first, ref.col, last, ref.col]}
    if secondary:
        series.update({"y2_axis": True, "line": {"color": color, "width": 2}, "marker": {"type": "circle"}})
    else:
        series["fill"] = {"color": color}
    chart.add_series(series)
