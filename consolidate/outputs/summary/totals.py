"""The "Tổng hợp" sheet: the bloc's totals by section, each with its unit of measure, coverage and
how it was computed; rates shown with numerator and denominator; optional "same period last year"
columns. Totals are real numbers (not formulas), so they print and copy as they are.
"""

from __future__ import annotations

from typing import Iterator

from consolidate.pipeline.aggregate import Total
from consolidate.outputs.docstyle import coverage_sentence
from consolidate.core.model import Catalog, Indicator
from consolidate.pipeline.result import MergeResult
from consolidate.outputs.summary.style import (
    TOTALS_SHEET,
    Styles,
    SummaryOptions,
    fit_row,
    header_block,
    number_format,
    print_setup,
    signature_block,
    title_rows,
    value_decimals,
)
from consolidate.core.numbers import format_number, round_half_up

SHEET = TOTALS_SHEET
METHOD_NOTE = ("Ghi chú: tỷ lệ (%) = tổng tử số / tổng mẫu số của các đơn vị (không lấy bình quân các tỷ lệ); "
               "thu nhập bình quân là bình quân gia quyền theo số lao động; làm tròn nửa lên. "
               "Số liệu cộng dồn tính từ ngày 01/01 đến ngày chốt số liệu.")


def summary_rows(catalog: Catalog) -> Iterator[tuple[str, object]]:
    """("section", (id, title)) and ("indicator", Indicator) in the order of the forms; each code once."""
    shown: set[str] = set()
    for form in catalog.forms.values():
        for section in form.sections:
            members = [form.indicators[c] for c in section.codes
                       if c not in shown and form.indicators[c].aggregation.method not in ("none", "text")]
            if not members:
                continue
            yield "section", (section.id, section.title)
            for ind in members:
                shown.add(ind.code)
                yield "indicator", ind


def coverage_text(total: Total) -> str:
    if total.method == "count_units":
        return "Danh mục"
    if total.units == 0 and total.bloc:
        return "ĐUK"
    text = f"{total.units}/{total.eligible}"
    return text + " + ĐUK" if total.bloc else text


def note_text(result: MergeResult, ind: Indicator, total: Total) -> str:
    catalog, agg = result.catalog, ind.aggregation
    if total.method == "ratio":
        if total.value is None:
            return "Mẫu số bằng 0: không tính tỷ lệ"
        scale = f" × {format_number(agg.scale)}" if agg.scale != 1 else ""
        return (f"= {format_number(total.numerator)} / {format_number(total.denominator)}{scale}; "
                f"làm tròn nửa lên {ind.decimals} chữ số")
    if total.method == "weighted_mean":
        weight = catalog.indicator(agg.weight)
        return (f"Bình quân gia quyền theo {weight.label.lower()}: {format_number(total.numerator, 1)} / "
                f"{format_number(total.denominator)}")
    if total.method == "count":
        option = next((o.label for o in ind.options if o.key == agg.value), agg.value)
        return f"Số đơn vị chọn “{option}”"
    if total.method == "count_units":
        return "Theo danh mục tổ chức cơ sở đảng"
    parts = []
    if total.bloc and total.units and result.bloc is not None and result.bloc.sub is not None:
        own = result.bloc.sub.values.get(ind.code)
        if own is not None and total.value is not None:
            parts.append(f"Các TCCS: {format_number(total.value - own, ind.decimals)}; "
                         f"{catalog.bloc.committee}: {format_number(own, ind.decimals)}")
    if total.qualifier:
        q = catalog.qualifiers[total.qualifier]
        parts.append(f"Ghi “{q.prefix} {format_number(total.value)} {ind.unit}” trong báo cáo")
    return "; ".join(parts)


def change(current, previous) -> tuple[float | None, float | None]:
    """(difference, percent of previous) rounded half-up, or None where undefined."""
    if current is None or previous is None:
        return None, None
    diff = float(round_half_up(current - previous, 3))
    pct = float(round_half_up(current / previous * 100, 2)) if previous else None
    return diff, pct


def write_totals(wb, styles: Styles, result: MergeResult, options: SummaryOptions) -> None:
    ws = wb.add_worksheet(SHEET)
    prev = options.previous
    compare = prev is not None
    cols = ["STT", "Chỉ tiêu", "Đvt", "Tổng số"]
    widths = [5, 48, 13, 14]
    if compare:
        cols += [f"Cùng kỳ {prev.label}", "Tăng (+), giảm (−)", "So với cùng kỳ (%)"]
        widths += [14, 12, 11]
    cols += ["Số đơn vị có số liệu", "Cách tính, ghi chú", "Mã số"]
    widths += [12, 36, 17]
    last = len(cols) - 1
    for i, w in enumerate(widths):
        ws.set_column(i, i, w)
    row = header_block(ws, styles, result, options.date, (0, 2), (3, last))
    period = result.period.label(result.catalog).upper() if result.period else ""
    cutoff = result.period.cutoff(result.catalog).strftime("%d/%m/%Y") if result.period else ""
    subtitle = f"({coverage_sentence(result)} Số liệu tính đến ngày {cutoff}.)"
    row = title_rows(ws, styles, row, 0, last, f"BẢNG TỔNG HỢP SỐ LIỆU BÁO CÁO {period}", subtitle)
    header = row
    for i, text in enumerate(cols):
        ws.write_string(row, i, text, styles.head())
    ws.set_row(row, 32)
    row += 1
    section_no = 0
    number = 0
    for kind, item in summary_rows(result.catalog):
        if kind == "section":
            section_no += 1
            number = 0
            sid, title = item
            ws.write_string(row, 0, _roman(section_no), styles.cell(bold=True, align="center", bg_color="#EDEDED"))
            ws.merge_range(row, 1, row, last, title, styles.cell(bold=True, bg_color="#EDEDED"))
            row += 1
            continue
        ind: Indicator = item
        total = result.totals.get(ind.code)
        if total is None:
            continue
        number += 1
        decimals = value_decimals(ind)
        ws.write_number(row, 0, number, styles.cell(align="center"))
        ws.write_string(row, 1, ind.label, styles.cell(bold=ind.derived))
        ws.write_string(row, 2, ind.unit, styles.cell(align="center"))
        _number(ws, row, 3, total.value, styles.number(decimals, bold=ind.derived))
        col = 4
        if compare:
            before = prev.totals.get(ind.code)
            diff, pct = change(total.value, before)
            _number(ws, row, col, before, styles.number(decimals))
            _number(ws, row, col + 1, diff, styles.cell(num_format="+#,##0.###;−#,##0.###;0"))
            _number(ws, row, col + 2, pct, styles.number(2))
            col += 3
        note = note_text(result, ind, total)
        ws.write_string(row, col, coverage_text(total), styles.cell(align="center"))
        ws.write_string(row, col + 1, note, styles.cell(font_size=10))
        ws.write_string(row, col + 2, ind.code, styles.get(border=1, font_size=8, font_color="#595959", shrink=True))
        fit_row(ws, row, [(ind.label, widths[1], 11), (ind.unit, widths[2], 11), (note, widths[col + 1], 10)])
        row += 1
    ws.merge_range(row + 1, 0, row + 1, last, METHOD_NOTE, styles.get(italic=True, font_size=10, text_wrap=True))
    ws.set_row(row + 1, 30)
    signature_block(ws, styles, result, row + 2, (0, 2), (3, last))
    ws.freeze_panes(header + 1, 0)
    print_setup(ws, result, landscape=compare, repeat=(header, header))
    ws.activate()


def _number(ws, row: int, col: int, value, fmt) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    else:
        ws.write_number(row, col, value, fmt)


def _roman(n: int) -> str:
    numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
    out = ""
    for value, letters in numerals:
        while n >= value:
            out += letters
            n -= value
    return out


__all__ = ["SHEET", "summary_rows", "write_totals", "coverage_text", "number_format"]
