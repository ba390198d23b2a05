"""The "Tổng hợp" sheet: the bloc's totals by section, each with its unit of measure, coverage and
how it was computed; rates shown with numerator and denominator; optional "same period last year"
columns. Totals are real numbers (not formulas), so they print and copy as they are.
"""

from __future__ import annotations

from collections.abc import Iterator

from consolidate import aggregations
from consolidate.core.layout import SUMMARY_TOTALS_SHEET
from consolidate.core.model import Catalog, Indicator
from consolidate.core.money import display_power, is_money_unit, places
from consolidate.core.numbers import format_number, round_half_up, to_decimal
from consolidate.core.rowheight import word_width
from consolidate.outputs.docstyle import coverage_sentence
from consolidate.outputs.summary.style import (
    Styles,
    SummaryOptions,
    fit_row,
    header_block,
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
    units = [item.unit for kind, item in summary_rows(result.catalog) if isinstance(item, Indicator)]
    widths = [5, 48, max([13.0] + [word_width(u) for u in units]), 14]
    if span is not None:
        cols.append(span.label)
        widths.append(14)
    if compare:
        cols += [f"Cùng kỳ {prev.label}", "Tăng (+), giảm (−)", "So với cùng kỳ (%)"]
        widths += [14, 12, 11]
    cols += ["Số đơn vị có số liệu", "Cách tính, ghi chú"]
    widths += [12, 40]
    last = len(cols) - 1
    styles.columns(ws, widths)
    row = header_block(ws, styles, result, options.date, (0, 2), (3, last))
    period = result.period.label(result.catalog).upper() if result.period else ""
    cutoff = result.period.cutoff(result.catalog).strftime("%d/%m/%Y") if result.period else ""
    subtitle = f"({coverage_sentence(result)} Số liệu tính đến ngày {cutoff}.)"
    row = title_rows(ws, styles, row, 0, last, f"BẢNG TỔNG HỢP SỐ LIỆU BÁO CÁO {period}", subtitle)
    header = row
    for i, text in enumerate(cols):
        ws.write_string(row, i, text, styles.head())
    fit_row(ws, row, [(text, widths[i], 11, True) for i, text in enumerate(cols)])
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
            fit_row(ws, row, [(title, styles.width(ws, 1, last), 11, True)])
            row += 1
            continue
        assert isinstance(item, Indicator)  # every other row is an indicator
        ind: Indicator = item
        total = result.totals.get(ind.code)
        if total is None:
            continue
        number += 1
        before = prev.totals.get(ind.code) if compare else None
        alone = span.totals.get(ind.code) if span is not None else None
        shown = Shown(ind, total, before, alone)
        ws.write_number(row, 0, number, styles.cell(align="center"))
        ws.write_string(row, 1, ind.label, styles.cell(bold=ind.derived))
        ws.write_string(row, 2, shown.unit, styles.cell(align="center"))
        figure = shown.value(shown_value(total))
        _number(ws, row, 3, figure, styles.number(shown.decimals, figure, bold=ind.derived, align="right"))
        col = 4
        if span is not None:
            figure = shown.value(alone)
            _number(ws, row, col, figure, styles.number(shown.decimals, figure))
            col += 1
        if compare:
            diff, pct = change(total.value, before)
            then, moved = shown.value(before), shown.value(diff)
            _number(ws, row, col, then, styles.number(shown.decimals, then))
            _number(ws, row, col + 1, moved, styles.number(shown.decimals, moved, signed=True))
            _number(ws, row, col + 2, pct, styles.number(2, pct))
            col += 3
        note = note_text(result, ind, total)
        ws.write_string(
            row,
            col,
            coverage_text(total, result.catalog.bloc.committee_short),
            styles.cell(align="center") if total.complete else styles.cell(align="center", bg_color="#FFE699"),
        )
        ws.write_string(row, col + 1, note, styles.cell(font_size=10))
        fit_row(
            ws, row, [(ind.label, widths[1], 11, ind.derived), (shown.unit, widths[2], 11), (note, widths[col + 1], 10)]
        )
        row += 1
    note = method_note(result.catalog)
    if span is not None:
        note += f" Cột “{span.label}”: số liệu riêng của kỳ đó, bằng số cộng dồn {period.lower()} trừ {span.earlier}."
    ws.merge_range(row + 1, 0, row + 1, last, note, styles.get(italic=True, font_size=10, text_wrap=True))
    fit_row(ws, row + 1, [(note, styles.width(ws, 0, last), 10)])
    signature_block(ws, styles, result, row + 2, (0, 2), (3, last))
    ws.freeze_panes(header + 1, 0)
    print_setup(ws, result, landscape=compare or span is not None, repeat=(header, header))


class Shown:
    """How one row of totals is printed: amounts of money in the unit a reader expects (4.262.000
    triệu đồng → 4.262 tỷ đồng: the unit :func:`~consolidate.core.money.display_money` gives the
    draft report), other figures as they are. The previous period's figure and the change use the
    same unit. Scaling never loses a digit the unit sent (3.921.039 triệu đồng → 3.921,039 tỷ đồng),
    and the row shows as many decimals as its figures need."""

    def __init__(self, ind: Indicator, total: Total, *others):
        self.power, self.unit = (0, ind.unit)
        self.decimals = value_decimals(ind)
        self.digits = (ind.decimals or 0) if ind.decimals is not None else None
        if isinstance(total.value, (int, float)) and is_money_unit(ind.unit):
            self.power, self.unit = display_power(total.value, ind.unit)
            shown = [self.value(v) for v in (total.value, *others) if isinstance(v, (int, float))]
            self.decimals = max(places(to_decimal(v).normalize()) for v in shown)

    def value(self, value):
        if not self.power or not isinstance(value, (int, float)):
            return value
        exact = to_decimal(value).scaleb(self.power)
        digits = None if self.digits is None else self.digits - self.power
        return float(round_half_up(exact, digits) if digits is not None else exact)


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


__all__ = ["SHEET", "coverage_text", "summary_rows", "write_totals"]
