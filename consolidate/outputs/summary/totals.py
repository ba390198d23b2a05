"""The "Tổng hợp" sheet: the bloc's totals by section, each with its unit of measure, coverage and
how it was computed; rates shown with numerator and denominator; optional "same period last year"
columns. Totals are real numbers (not formulas), so they print and copy as they are.
"""

from __future__ import annotations

from collections.abc import Iterator

from consolidate import aggregations
from consolidate.core.layout import SUMMARY_TOTALS_SHEET
from consolidate.core.model import Catalog, Indicator
from consolidate.core.numbers import format_number, round_half_up
from consolidate.outputs.docstyle import coverage_sentence
from consolidate.outputs.summary.style import (
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
from consolidate.pipeline.aggregate import Total
from consolidate.pipeline.result import MergeResult

SHEET = SUMMARY_TOTALS_SHEET


def summary_rows(catalog: Catalog) -> Iterator[tuple[str, tuple[str, str] | Indicator]]:
    """("section", (id, title)) and ("indicator", Indicator) in the order of the forms; each code once."""
    shown: set[str] = set()
    for form in catalog.forms.values():
        for section in form.sections:
            members = [
                form.indicators[c]
                for c in section.codes
                if c not in shown and aggregations.require(form.indicators[c].aggregation.method).makes_total
            ]
            if not members:
                continue
            yield "section", (section.id, section.title)
            for ind in members:
                shown.add(ind.code)
                yield "indicator", ind


def coverage_text(total: Total, committee: str = "ĐUK") -> str:
    """ "73/76", "76/76 + ĐUK", "ĐUK", "Danh mục"; "… chưa có ĐUK" when the bloc's part is missing."""
    if total.method == "count_units":
        return "Danh mục"
    if total.eligible == 0:
        return committee if total.bloc else f"Chưa có {committee}"
    text = f"{total.units}/{total.eligible}"
    if total.bloc:
        return f"{text} + {committee}"
    return f"{text}; chưa có {committee}" if total.bloc_expected else text


def shown_value(total: Total) -> int | float | str | None:
    """The figure printed: "…" when the bloc committee's part of it was not received."""
    if total.bloc_expected and not total.bloc:
        return "…"
    return total.value


def note_text(result: MergeResult, ind: Indicator, total: Total) -> str:
    """How the total was computed: the split between the units and the bloc committee's own
    figure, then the aggregation method's own note."""
    catalog = result.catalog
    parts = []
    if total.method == "sum" and total.bloc_expected and not total.bloc and total.eligible:
        parts.append(
            f"Các {catalog.bloc.units_short}: {format_number(total.value, ind.decimals)}; "
            f"chưa có số liệu của {catalog.bloc.committee}"
        )
    if total.method == "sum" and total.bloc and total.units and result.bloc is not None and result.bloc.sub is not None:
        own = result.bloc.sub.values.get(ind.code)
        if own is not None and total.value is not None:
            parts.append(
                f"Các {catalog.bloc.units_short}: {format_number(total.value - own, ind.decimals)}; "
                f"{catalog.bloc.committee}: {format_number(own, ind.decimals)}"
            )
    note = aggregations.require(ind.aggregation.method).note(ind, total, catalog)
    return "; ".join(p for p in (*parts, note) if p)


def method_note(catalog: Catalog) -> str:
    """The sentence under the table: each aggregation method used says how it computes."""
    used: dict[str, list[Indicator]] = {}
    for kind, item in summary_rows(catalog):
        if kind == "indicator":
            assert isinstance(item, Indicator)  # "indicator" rows carry an Indicator
            used.setdefault(item.aggregation.method, []).append(item)
    notes = [aggregations.require(m).footnote(inds, catalog) for m, inds in used.items()]
    notes = [n for n in notes if n]
    flows = any(i.nature == "flow" for inds in used.values() for i in inds)
    text = "Ghi chú: " + "; ".join([*notes, "làm tròn nửa lên"]) + "."
    if flows:
        text += " Số liệu cộng dồn tính từ ngày 01/01 đến ngày chốt số liệu."
    return text


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
    span = result.span  # the figures of the months since an earlier period of the year ("Quý III")
    cols = ["STT", "Chỉ tiêu", "Đvt", "Tổng số"]
    widths = [5, 48, 13, 14]
    if span is not None:
        cols.append(span.label)
        widths.append(14)
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
            assert isinstance(item, tuple)  # "section" rows carry (id, title)
            _sid, title = item
            ws.write_string(row, 0, _roman(section_no), styles.cell(bold=True, align="center", bg_color="#EDEDED"))
            ws.merge_range(row, 1, row, last, title, styles.cell(bold=True, bg_color="#EDEDED"))
            row += 1
            continue
        assert isinstance(item, Indicator)  # every other row is an indicator
        ind: Indicator = item
        total = result.totals.get(ind.code)
        if total is None:
            continue
        number += 1
        decimals = value_decimals(ind)
        ws.write_number(row, 0, number, styles.cell(align="center"))
        ws.write_string(row, 1, ind.label, styles.cell(bold=ind.derived))
        ws.write_string(row, 2, ind.unit, styles.cell(align="center"))
        _number(ws, row, 3, shown_value(total), styles.number(decimals, bold=ind.derived, align="right"))
        col = 4
        if span is not None:
            _number(ws, row, col, span.totals.get(ind.code), styles.number(decimals))
            col += 1
        if compare:
            before = prev.totals.get(ind.code)
            diff, pct = change(total.value, before)
            _number(ws, row, col, before, styles.number(decimals))
            _number(ws, row, col + 1, diff, styles.cell(num_format="+#,##0.###;−#,##0.###;0"))
            _number(ws, row, col + 2, pct, styles.number(2))
            col += 3
        note = note_text(result, ind, total)
        ws.write_string(
            row,
            col,
            coverage_text(total, result.catalog.bloc.committee_short),
            styles.cell(align="center") if total.complete else styles.cell(align="center", bg_color="#FFE699"),
        )
        ws.write_string(row, col + 1, note, styles.cell(font_size=10))
        ws.write_string(row, col + 2, ind.code, styles.get(border=1, font_size=8, font_color="#595959", shrink=True))
        fit_row(ws, row, [(ind.label, widths[1], 11), (ind.unit, widths[2], 11), (note, widths[col + 1], 10)])
        row += 1
    note = method_note(result.catalog)
    if span is not None:
        note += f" Cột “{span.label}”: số liệu riêng của kỳ đó, bằng số cộng dồn {period.lower()} trừ {span.earlier}."
    ws.merge_range(row + 1, 0, row + 1, last, note, styles.get(italic=True, font_size=10, text_wrap=True))
    ws.set_row(row + 1, 30 if span is None else 45)
    signature_block(ws, styles, result, row + 2, (0, 2), (3, last))
    ws.freeze_panes(header + 1, 0)
    print_setup(ws, result, landscape=compare or span is not None, repeat=(header, header))
    ws.activate()


def _number(ws, row: int, col: int, value, fmt) -> None:
    if value is None:
        ws.write_blank(row, col, None, fmt)
    elif isinstance(value, str):
        ws.write_string(row, col, value, fmt)
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


__all__ = ["SHEET", "coverage_text", "number_format", "summary_rows", "write_totals"]
