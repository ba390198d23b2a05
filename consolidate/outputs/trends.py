"""The trends workbook (``consolidate history --output xu_huong.xlsx``), written atomically.

Sheets, every one print-ready (A4 landscape, one page wide, header rows repeated, page numbers,
Times New Roman, rows as tall as their wrapped text):

- "Xu hướng": each indicator's bloc total per period; a figure from fewer units than expected is
  shaded, and a closed period says so in its heading;
- "Số đơn vị có số liệu": the coverage of each of those figures ("75/76");
- "Từng đơn vị": for each charted indicator, every unit's own figure per period;
- "Biểu đồ": one line chart per charted indicator (its bloc total over the periods).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import xlsxwriter

from consolidate.core.atomic import Locked, atomic_output
from consolidate.core.model import Catalog, Indicator
from consolidate.core.numbers import format_number
from consolidate.core.numformat import locale_format, whole_format
from consolidate.history.trends import Trends
from consolidate.outputs.docstyle import FONT
from consolidate.outputs.summary.style import Styles, fit_row, value_decimals

TOTALS_SHEET = "Xu hướng"
COVERAGE_SHEET = "Số đơn vị có số liệu"
UNITS_SHEET = "Từng đơn vị"
CHARTS_SHEET = "Biểu đồ"
PARTIAL = "#FFE699"
WIDTHS = (5, 46, 12)  # STT, Chỉ tiêu, Đvt
PERIOD_WIDTH = 13
CHART_ROWS = 15  # rows (of 15 pt) a chart takes with its gap: two charts per printed page
CHART_HEIGHT = 280  # pixels (210 pt)


def write_trends(trends: Trends, catalog: Catalog, path: str | Path, locked: list[Locked] | None = None) -> Path:
    """Write ``trends`` to ``path``; returns the file written (see :func:`~consolidate.core.atomic.atomic_output`)."""
    with atomic_output(Path(path), locked) as out:
        wb = xlsxwriter.Workbook(
            str(out.tmp),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "default_format_properties": {"font_name": FONT, "font_size": 11},
            },
        )
        wb.set_properties({"title": "Xu hướng số liệu", "company": catalog.bloc.name})
        styles = Styles(wb)
        rows = _table(wb, styles, trends, catalog, coverage=False)
        _table(wb, styles, trends, catalog, coverage=True)
        _units(wb, styles, trends, catalog)
        _charts(wb, styles, trends, catalog, rows)
        wb.close()
    return out.path


def _indicator(catalog: Catalog, code: str) -> Indicator:
    ind = catalog.indicator(code)
    assert ind is not None  # trends name catalog indicators
    return ind


def _heading(trends: Trends, key: str) -> str:
    closed = trends.closed.get(key)
    return trends.labels[key] + ("\n(đã chốt)" if closed else "")


def _title(ws, styles: Styles, catalog: Catalog, last: int, title: str, trends: Trends) -> int:
    """The issuing body, the title and what the table covers; returns the table's first row."""
    ws.merge_range(0, 0, 0, last, catalog.bloc.issuing_body, styles.get(bold=True, align="center", text_wrap=True))
    ws.merge_range(2, 0, 2, last, title, styles.get(bold=True, align="center", font_size=14, text_wrap=True))
    ws.set_row(2, 22)
    if trends.periods:
        span = f"Từ {trends.labels[trends.periods[0]]} đến {trends.labels[trends.periods[-1]]}"
    else:
        span = "Cơ sở dữ liệu lịch sử chưa ghi kỳ báo cáo nào"
    subtitle = f"({span}; số liệu đã ghi của mỗi kỳ; ô nền vàng: số liệu chưa đủ đơn vị.)"
    ws.merge_range(3, 0, 3, last, subtitle, styles.get(italic=True, align="center", text_wrap=True))
    fit_row(ws, 3, [(subtitle, sum(WIDTHS) + PERIOD_WIDTH * len(trends.periods), 11)], minimum=18)
    return 5


def _setup(ws, catalog: Catalog, repeat: tuple[int, int] | None) -> None:
    ws.set_paper(9)
    ws.set_landscape()
    ws.fit_to_pages(1, 0)
    if repeat is not None:
        ws.repeat_rows(*repeat)
    ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.7)
    name = catalog.bloc.name.replace("&", "&&")
    ws.set_footer(f'&L&"{FONT}"&9{name}&R&"{FONT}"&9Trang &P/&N')


def _table(wb, styles: Styles, trends: Trends, catalog: Catalog, coverage: bool) -> dict[str, int]:
    """The totals (or their coverage) per indicator and period; returns code → row (for charts)."""
    ws = wb.add_worksheet(COVERAGE_SHEET if coverage else TOTALS_SHEET)
    last = len(WIDTHS) + len(trends.periods)
    styles.columns(ws, (*WIDTHS, *[PERIOD_WIDTH] * len(trends.periods), 17))
    ws.set_column(last, last, 17, None, {"hidden": True})  # indicator codes: for machines, never printed
    title = "SỐ ĐƠN VỊ CÓ SỐ LIỆU QUA CÁC KỲ BÁO CÁO" if coverage else "SỐ LIỆU TỔNG HỢP QUA CÁC KỲ BÁO CÁO"
    header = _title(ws, styles, catalog, last, title, trends)
    heads = ["STT", "Chỉ tiêu", "Đvt", *(_heading(trends, k) for k in trends.periods), "Mã số"]
    for i, text in enumerate(heads):
        ws.write_string(header, i, text, styles.head())
    fit_row(ws, header, [(h, PERIOD_WIDTH, 11) for h in heads[3:-1]], minimum=20)
    rows = {}
    row = header + 1
    for n, code in enumerate(trends.indicators, start=1):
        ind = _indicator(catalog, code)
        ws.write_number(row, 0, n, styles.cell(align="center"))
        ws.write_string(row, 1, ind.label, styles.cell())
        ws.write_string(row, 2, ind.unit, styles.cell(align="center"))
        for j, key in enumerate(trends.periods):
            col = len(WIDTHS) + j
            cover = trends.coverage.get(key, {}).get(code)
            fill: dict[str, Any] = {} if cover is None or cover["complete"] else {"bg_color": PARTIAL}
            if coverage:
                text = f"{format_number(cover['units'])}/{format_number(cover['of'])}" if cover else ""
                ws.write_string(row, col, text, styles.cell(align="center", **fill))
                continue
            value = trends.totals.get(key, {}).get(code)
            fmt = styles.number(value_decimals(ind), value, **fill)
            if isinstance(value, (int, float)):
                ws.write_number(row, col, value, fmt)
            else:
                ws.write_blank(row, col, None, fmt)
        ws.write_string(row, last, code, styles.get(border=1, font_size=8, font_color="#595959", shrink=True))
        fit_row(ws, row, [(ind.label, WIDTHS[1], 11), (ind.unit, WIDTHS[2], 11)])
        rows[code] = row
        row += 1
    ws.freeze_panes(header + 1, 2)
    _setup(ws, catalog, (header, header))
    if not coverage:
        ws.activate()
    return rows


def _units(wb, styles: Styles, trends: Trends, catalog: Catalog) -> None:
    """For each charted indicator, every unit's own figure per period."""
    ws = wb.add_worksheet(UNITS_SHEET)
    last = 2 + len(trends.periods)
    styles.columns(ws, (5, 8, 44, *[PERIOD_WIDTH] * len(trends.periods)))
    row = _title(ws, styles, catalog, last, "SỐ LIỆU TỪNG ĐƠN VỊ QUA CÁC KỲ BÁO CÁO", trends)
    names = {u.code: u.name for u in catalog.units} | {catalog.bloc.code: catalog.bloc.committee}
    for code in trends.charts:
        ind = _indicator(catalog, code)
        heading = f"{ind.label} ({ind.unit})" if ind.unit else ind.label
        ws.merge_range(row, 0, row, last, heading, styles.cell(bold=True, bg_color="#EDEDED"))
        fit_row(ws, row, [(heading, 57 + PERIOD_WIDTH * len(trends.periods), 11)])
        row += 1
        heads = [_heading(trends, k) for k in trends.periods]
        for i, text in enumerate(["STT", "Mã", "Tên đơn vị", *heads]):
            ws.write_string(row, i, text, styles.head())
        fit_row(ws, row, [(h, PERIOD_WIDTH, 11) for h in heads], minimum=20)
        row += 1
        n = 0
        for unit, by_period in trends.units.items():
            if not any(code in figures for figures in by_period.values()):
                continue
            n += 1
            ws.write_number(row, 0, n, styles.cell(align="center"))
            ws.write_string(row, 1, unit, styles.cell(align="center"))
            ws.write_string(row, 2, names.get(unit, unit), styles.cell(font_size=10))
            for j, key in enumerate(trends.periods):
                value = by_period.get(key, {}).get(code)
                fmt = styles.number(value_decimals(ind), value)
                if isinstance(value, (int, float)):
                    ws.write_number(row, 3 + j, value, fmt)
                else:
                    ws.write_blank(row, 3 + j, None, fmt)
            fit_row(ws, row, [(names.get(unit, unit), 44, 10)])
            row += 1
        row += 1
    _setup(ws, catalog, None)


def _charts(wb, styles: Styles, trends: Trends, catalog: Catalog, rows: dict[str, int]) -> None:
    """One line chart per charted indicator, its bloc total over the periods."""
    ws = wb.add_worksheet(CHARTS_SHEET)
    ws.merge_range(
        0, 0, 0, 14, "BIỂU ĐỒ XU HƯỚNG QUA CÁC KỲ BÁO CÁO", styles.get(bold=True, align="center", font_size=14)
    )
    ws.set_row(0, 22)
    first, last = len(WIDTHS), len(WIDTHS) + len(trends.periods) - 1
    anchor, breaks = 1, []
    for n, code in enumerate(c for c in trends.charts if c in rows):
        if not trends.periods:
            break
        ind = _indicator(catalog, code)
        chart = wb.add_chart({"type": "line"})
        font = {"name": FONT, "size": 9}
        chart.add_series(
            {
                "name": ind.label,
                "categories": [TOTALS_SHEET, _header_row(rows), first, _header_row(rows), last],
                "values": [TOTALS_SHEET, rows[code], first, rows[code], last],
                "marker": {"type": "circle", "size": 7},
                "data_labels": {
                    "value": True,
                    "position": "above",
                    "num_format": chart_format(value_decimals(ind)),
                    "font": font,
                },
                "line": {"width": 2.25},
            }
        )
        chart.set_title(
            {"name": f"{ind.label} ({ind.unit})" if ind.unit else ind.label, "name_font": {"name": FONT, "size": 12}}
        )
        chart.set_x_axis({"num_font": font})
        chart.set_y_axis({"num_font": font, "num_format": chart_format(value_decimals(ind)), "min": 0})
        chart.set_legend({"none": True})
        chart.set_size({"width": 960, "height": CHART_HEIGHT})
        if n and n % 2 == 0:
            breaks.append(anchor - 1)
        ws.insert_chart(anchor, 0, chart)
        anchor += CHART_ROWS
    if breaks:
        ws.set_h_pagebreaks(breaks)
    _setup(ws, catalog, None)


def _header_row(rows: dict[str, int]) -> int:
    """The "Xu hướng" header row (the period labels): the row above the first indicator."""
    return min(rows.values()) - 1


def chart_format(decimals: int) -> str:
    """A chart's number format: whole numbers with Vietnamese dots; decimals in the Vietnamese locale."""
    return whole_format() if not decimals else locale_format(decimals)
