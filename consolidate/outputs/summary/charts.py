"""The "Biểu đồ" sheet: the charts declared in bloc.yaml (``charts:``), each answering a question a
leader asks — which kinds of units reached their admissions target, which enterprises earn most.

Every chart is horizontal bars, largest first, with its figures printed in a small table beside it
(the chart reads at a glance, the table gives the exact numbers): per unit, or summed per unit
type or sector (``group_by``). Series on another scale (``secondary``) get a chart of their own
below: never a line drawn across unrelated units, never a pie for three numbers. The title says
whose figures they are when not every unit is in them. Each chart starts a printed page.
"""

from __future__ import annotations

from collections.abc import Sequence

from consolidate.core.model import Catalog, Chart, Indicator
from consolidate.core.numbers import format_number
from consolidate.core.numformat import whole_format
from consolidate.outputs.docstyle import FONT
from consolidate.outputs.summary.style import Styles, fit_row, print_setup, title_rows, value_decimals
from consolidate.pipeline.result import MergeResult

SHEET = "Biểu đồ"
SERIES_COLORS = ("#2F5597", "#BDD7EE", "#A5A5A5", "#5B9BD5")
MAX_BARS = 30  # beyond this a chart is unreadable on A4: the largest are shown (all are in "Theo đơn vị")
LABEL_WIDTH = 40
GROUP_HEADS = {"unit": "Đơn vị", "type": "Loại tổ chức", "sector": "Loại hình"}
ROW_PT = 15  # points per table row (default height)


def write_charts(wb, styles: Styles, result: MergeResult, _refs=None) -> None:
    ws = wb.add_worksheet(SHEET)
    period = result.period.label(result.catalog).upper() if result.period else ""
    row = title_rows(ws, styles, 0, 0, 6, f"BIỂU ĐỒ SỐ LIỆU {period}", None)
    styles.columns(ws, [LABEL_WIDTH, 13, 13, 13])
    breaks = []
    for spec in result.catalog.charts:
        for codes in (spec.series, spec.secondary):
            inds = [i for c in codes if (i := result.catalog.indicator(c)) is not None]
            data = chart_data(result, spec, inds)
            if not data:
                continue
            if row > 3:
                breaks.append(row)
            row = _chart_block(wb, ws, styles, result, spec, inds, data[:MAX_BARS], row, len(data))
    if not result.catalog.charts:
        ws.write_string(row, 0, "Danh mục không khai báo biểu đồ nào (bloc.yaml, charts).", styles.get(italic=True))
    if breaks:
        ws.set_h_pagebreaks(breaks)
    print_setup(ws, result, landscape=True, repeat=None)


def chart_data(result: MergeResult, spec: Chart, inds: Sequence[Indicator]) -> list[tuple[str, list[float]]]:
    """(label, values) per bar, largest first (by the first series): the accepted units' figures,
    or their sums per unit type or sector. Units with none of the figures are left out."""
    catalog = result.catalog
    groups: dict[str, list[float]] = {}
    for form in catalog.unit_forms:
        if not any(ind.code in form.indicators for ind in inds):
            continue
        for state in result.form_units.get(form.id, result.units):
            if state.status != "accepted":
                continue
            values = state.submission.values
            found = [values.get(ind.code) for ind in inds]
            if not any(isinstance(v, (int, float)) for v in found):
                continue
            key = _group(catalog, spec.group_by, state.unit.code, state.unit.name)
            sums = groups.setdefault(key, [0.0] * len(inds))
            for i, v in enumerate(found):
                if isinstance(v, (int, float)) and not isinstance(v, bool):
                    sums[i] += v
    return sorted(groups.items(), key=lambda item: (-item[1][0], item[0]))


def _group(catalog: Catalog, by: str, code: str, name: str) -> str:
    unit = catalog.unit(code)
    if by == "type" and unit is not None and unit.type in catalog.unit_types:
        return catalog.unit_types[unit.type].label
    if by == "sector" and unit is not None and unit.sector in catalog.sectors:
        return catalog.sectors[unit.sector].label
    return name


def _chart_block(wb, ws, styles: Styles, result: MergeResult, spec: Chart, inds, data, row: int, bars: int) -> int:
    """The figures' table on the left, the bar chart beside it; returns the next free row. Of more
    than ``MAX_BARS`` bars (``bars`` in all) the largest are shown, and the title says so."""
    title = spec.title + _coverage_note(result, inds)
    if bars > len(data):
        title += f" — {format_number(len(data))} {GROUP_HEADS.get(spec.group_by, 'Đơn vị').lower()} lớn nhất trong {format_number(bars)}"
    ws.merge_range(row, 0, row, 6, title, styles.get(bold=True, font_size=12, text_wrap=True))
    fit_row(ws, row, [(title, styles.width(ws, 0, 6), 12, True)], minimum=20)
    head = row + 1
    ws.write_string(head, 0, GROUP_HEADS.get(spec.group_by, "Đơn vị"), styles.head())
    for j, ind in enumerate(inds, start=1):
        ws.write_string(
            head, j, f"{ind.short or ind.label} ({ind.unit})" if ind.unit else ind.label, styles.head(font_size=9)
        )
    heads = [(f"{ind.short or ind.label} ({ind.unit})" if ind.unit else ind.label, 13, 9, True) for ind in inds]
    fit_row(ws, head, heads)
    first = head + 1
    for i, (label, values) in enumerate(data):
        ws.write_string(first + i, 0, label, styles.cell(font_size=9))
        fit_row(ws, first + i, [(label, LABEL_WIDTH, 9)])
        for j, (ind, value) in enumerate(zip(inds, values, strict=True), start=1):
            ws.write_number(first + i, j, value, styles.number(value_decimals(ind), value, font_size=9))
    last = first + len(data) - 1
    if data:
        chart = wb.add_chart({"type": "bar"})
        for j in range(1, len(inds) + 1):
            chart.add_series(
                {
                    "name": [SHEET, head, j],
                    "categories": [SHEET, first, 0, last, 0],
                    "values": [SHEET, first, j, last, j],
                    "fill": {"color": SERIES_COLORS[(j - 1) % len(SERIES_COLORS)]},
                    "border": {"color": "#404040", "width": 0.5},
                    "gap": 60,
                }
            )
        small = {"name": FONT, "size": 8}
        chart.set_x_axis(
            {
                "num_font": small,
                "num_format": whole_format(),
                "min": 0,
                "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}},
            }
        )
        chart.set_y_axis({"num_font": small, "reverse": True})  # largest first, at the top
        chart.set_legend({"position": "bottom", "font": {"name": FONT, "size": 9}} if len(inds) > 1 else {"none": True})
        chart.set_title({"none": True})
        height = max(260, 40 + 20 * len(data))
        chart.set_size({"width": 620, "height": height})
        ws.insert_chart(head, len(inds) + 2, chart, {"x_offset": 10, "y_offset": 0})
        chart_rows = int(height * 0.75 / ROW_PT) + 1
    else:
        chart_rows = 0
    return max(last + 1, head + chart_rows) + 2


def _coverage_note(result: MergeResult, inds: Sequence[Indicator]) -> str:
    """ " (số liệu của 73/76 đơn vị)" when the chart's figures are not from every unit; each series
    with its own count when they differ (series of two forms: " (Đã thu: 72/76 đơn vị; Đảng viên:
    76/76 đơn vị)")."""
    totals = [(ind, t) for ind in inds if (t := result.totals.get(ind.code)) is not None and t.eligible]
    if all(t.complete for _, t in totals):
        return ""
    counts = {(t.units, t.eligible) for _, t in totals}
    if len(counts) == 1:
        units, eligible = counts.pop()
        return f" (số liệu của {format_number(units)}/{format_number(eligible)} đơn vị)"
    shown = "; ".join(
        f"{ind.short or ind.label}: {format_number(t.units)}/{format_number(t.eligible)} đơn vị" for ind, t in totals
    )
    return f" ({shown})"
