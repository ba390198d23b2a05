"""The "Tóm tắt" sheet, first in the summary: what a leader asks before reading a figure.

1. Whose data this is: each unit form's counts against the registry and the bloc committee's own
   report, in one sentence each, and a warning line when the totals are not the whole bloc's.
2. Who is missing or was not counted, by name, with a one-line reason (the errors' titles and
   cells for a rejected report, the file problem for an unreadable one).
3. The key rates against their targets: every total computed as a ratio of two declared
   indicators (a method with ``numerator`` and ``denominator``: admissions against the year's
   target, inspections done against planned …), with both sums and coverage.
"""

from __future__ import annotations

from consolidate.core.messages import reason_line, status_label
from consolidate.core.model import Indicator
from consolidate.core.numbers import format_number
from consolidate.core.words import lower_first, upper_first
from consolidate.outputs.docstyle import OVERVIEW_SHEET, form_label, form_statuses
from consolidate.outputs.summary.style import (
    Styles,
    SummaryOptions,
    fit_row,
    header_block,
    print_setup,
    title_rows,
    value_decimals,
)
from consolidate.outputs.summary.totals import coverage_text, summary_rows
from consolidate.pipeline.result import MergeResult, UnitStatus

SHEET = OVERVIEW_SHEET
WIDTHS = (5, 34, 16, 14, 13, 22)
LAST = len(WIDTHS) - 1
NOT_COUNTED = ("missing", "rejected", "unreadable", "conflict")
FILLS = {"missing": "#FFE699", "rejected": "#F8CBAD", "unreadable": "#F8CBAD", "conflict": "#F8CBAD"}


def write_overview(wb, styles: Styles, result: MergeResult, options: SummaryOptions) -> None:
    ws = wb.add_worksheet(SHEET)
    styles.columns(ws, WIDTHS)
    row = header_block(ws, styles, result, options.date, (0, 1), (2, LAST))
    period = result.period.label(result.catalog).upper() if result.period else ""
    cutoff = result.period.cutoff(result.catalog).strftime("%d/%m/%Y") if result.period else ""
    row = title_rows(
        ws, styles, row, 0, LAST, f"TÓM TẮT KẾT QUẢ TỔNG HỢP BÁO CÁO {period}", f"(Số liệu tính đến ngày {cutoff}.)"
    )
    row = _received(ws, styles, result, row)
    row = _not_counted(ws, styles, result, row + 1)
    _rates(ws, styles, result, row + 1)
    print_setup(ws, result, landscape=False, repeat=None)
    ws.activate()


def _heading(ws, styles: Styles, row: int, text: str) -> int:
    ws.merge_range(row, 0, row, LAST, text, styles.get(bold=True, font_size=12))
    return row + 1


def _line(ws, styles: Styles, row: int, text: str, **look) -> int:
    ws.merge_range(row, 0, row, LAST, text, styles.get(text_wrap=True, valign="top", **look))
    fit_row(ws, row, [(text, styles.width(ws, 0, LAST), 11, bool(look.get("bold")))])
    return row + 1


def _received(ws, styles: Styles, result: MergeResult, row: int) -> int:
    catalog = result.catalog
    row = _heading(ws, styles, row, "1. Số liệu đã nhận")
    for form in catalog.unit_forms:
        statuses = result.form_units.get(form.id, result.units)
        accepted = sum(u.status == "accepted" for u in statuses)
        counts = [
            f"{status_label(s).lower()} {format_number(n)}"
            for s in NOT_COUNTED
            if (n := sum(u.status == s for u in statuses))
        ]
        name = upper_first(form.name or form.title.lower())
        text = f"{name} ({form.id}): đã nhận {format_number(accepted)}/{format_number(len(statuses))} đơn vị"
        row = _line(ws, styles, row, text + ("; " + "; ".join(counts) if counts else "") + ".")
    if catalog.bloc_form is not None:
        state = status_label(result.bloc_state).lower()
        row = _line(ws, styles, row, f"Số liệu của {catalog.bloc.committee}: {state}.")
    if result.all_units_accepted and result.bloc_accepted:
        return _line(ws, styles, row, "Các số liệu tổng hợp là của toàn Đảng bộ Khối.", italic=True)
    if len(catalog.unit_forms) > 1:
        return _short_forms(ws, styles, result, row)
    absent = sum(u.status != "accepted" for u in result.units)
    text = (
        f"LƯU Ý: số liệu tổng hợp CHƯA ĐỦ — là của {format_number(result.units_accepted)}/"
        f"{format_number(result.units_expected)} đơn vị"
        + (f", thiếu {format_number(absent)} đơn vị nêu dưới đây" if absent else "")
        + ("" if result.bloc_accepted else f", chưa có số liệu của {catalog.bloc.committee}")
        + "; mỗi số liệu ghi rõ số đơn vị có trong đó."
    )
    return _line(ws, styles, row, text, bold=True, font_color="#C00000")


def _short_forms(ws, styles: Styles, result: MergeResult, row: int) -> int:
    """With several unit forms, the warning names each form that is short, with its own count, and
    the forms that are whole say so: one form's count is never given as another's coverage."""
    catalog = result.catalog
    short, whole = [], []
    for form in catalog.unit_forms:
        statuses = form_statuses(result, form)
        accepted = sum(u.status == "accepted" for u in statuses)
        if accepted == len(statuses):
            whole.append(
                f"{upper_first(form_label(form))}: đã đủ số liệu của {format_number(accepted)}/{format_number(accepted)} đơn vị phải nộp."
            )
            continue
        absent = len(statuses) - accepted
        short.append(
            f"{form_label(form)}: số liệu của {format_number(accepted)}/{format_number(len(statuses))} đơn vị, "
            f"thiếu {format_number(absent)} đơn vị nêu dưới đây"
        )
    if not result.bloc_accepted:
        short.append(f"chưa có số liệu của {catalog.bloc.committee}")
    text = "LƯU Ý: số liệu tổng hợp CHƯA ĐỦ — " + upper_first("; ".join(short))
    row = _line(ws, styles, row, text + "; mỗi số liệu ghi rõ số đơn vị có trong đó.", bold=True, font_color="#C00000")
    for line in whole:
        row = _line(ws, styles, row, line, italic=True)
    return row


def _not_counted(ws, styles: Styles, result: MergeResult, row: int) -> int:
    row = _heading(ws, styles, row, "2. Đơn vị chưa có trong số liệu")
    several = len(result.catalog.unit_forms) > 1
    pending: list[tuple[str, UnitStatus]] = [
        (form.id, u)
        for form in result.catalog.unit_forms
        for u in result.form_units.get(form.id, result.units)
        if u.status in NOT_COUNTED
    ]
    if not pending:
        return _line(ws, styles, row, "Tất cả các đơn vị đã nộp và báo cáo được tiếp nhận.", italic=True)
    headers = ("STT", "Tên đơn vị", "Biểu mẫu" if several else "Mã đơn vị", "Tình trạng")
    for i, text in enumerate(headers):
        ws.write_string(row, i, text, styles.head())
    ws.merge_range(row, 4, row, LAST, "Lý do", styles.head())
    row += 1
    order = {s: i for i, s in enumerate(NOT_COUNTED)}
    for n, (form_id, u) in enumerate(sorted(pending, key=lambda p: (order[p[1].status], p[1].unit.code)), start=1):
        reason = "Chưa nhận được báo cáo." if u.file is None else reason_line(u.file.findings, result.catalog)
        ws.write_number(row, 0, n, styles.cell(align="center", valign="top"))
        ws.write_string(row, 1, u.unit.name, styles.cell(valign="top"))
        ws.write_string(row, 2, form_id if several else u.unit.code, styles.cell(align="center", valign="top"))
        ws.write_string(
            row, 3, status_label(u.status), styles.cell(align="center", valign="top", bg_color=FILLS[u.status])
        )
        ws.merge_range(row, 4, row, LAST, reason, styles.cell(valign="top", font_size=10))
        fit_row(ws, row, [(u.unit.name, WIDTHS[1], 11), (reason, styles.width(ws, 4, LAST), 10)])
        row += 1
    return _line(ws, styles, row, "Chi tiết từng lỗi: trang “Lỗi”; từng tệp: trang “Tình hình nộp”.", italic=True)


def _rates(ws, styles: Styles, result: MergeResult, row: int) -> int:
    rates = [
        (ind, total)
        for kind, ind in summary_rows(result.catalog)
        if kind == "indicator"
        and isinstance(ind, Indicator)
        and (total := result.totals.get(ind.code)) is not None
        and {"numerator", "denominator"} <= set(ind.aggregation.params)
        and total.numerator is not None
        and total.denominator is not None
    ]
    if not rates:
        return row
    row = _heading(ws, styles, row, "3. Các tỷ lệ chính so với kế hoạch, chỉ tiêu")
    heads = ("STT", "Chỉ tiêu", "Thực hiện", "Kế hoạch, chỉ tiêu", "Tỷ lệ", "Số đơn vị có số liệu")
    for i, text in enumerate(heads):
        ws.write_string(row, i, text, styles.head())
    fit_row(ws, row, [(text, WIDTHS[i], 11, True) for i, text in enumerate(heads)])
    row += 1
    committee = result.catalog.bloc.committee_short
    for n, (ind, total) in enumerate(rates, start=1):
        params = ind.aggregation.params
        parts = [result.catalog.indicator(params.get(k, "")) for k in ("numerator", "denominator")]
        label = ind.label
        if all(parts):
            label += f"\n({lower_first(parts[0].label)} / {lower_first(parts[1].label)})"  # type: ignore[union-attr]
        if ind.unit:
            label = label.replace("\n", f" ({ind.unit})\n", 1) if "\n" in label else f"{label} ({ind.unit})"
        ws.write_number(row, 0, n, styles.cell(align="center"))
        ws.write_string(row, 1, label, styles.cell(font_size=10))
        for col, (figure, part) in enumerate(((total.numerator, parts[0]), (total.denominator, parts[1])), start=2):
            places = None if part is None else value_decimals(part)
            ws.write_number(row, col, figure, styles.number(places, figure))
        if total.value is None:
            ws.write_string(row, 4, "—", styles.cell(align="center"))
        else:
            ws.write_number(row, 4, total.value, styles.number(ind.decimals, total.value, bold=True))
        complete = total.complete
        ws.write_string(
            row,
            5,
            coverage_text(total, committee),
            styles.cell(align="center", **({} if complete else {"bg_color": "#FFE699"})),
        )
        fit_row(ws, row, [(label, WIDTHS[1], 10), (coverage_text(total, committee), WIDTHS[5], 11)])
        row += 1
    return row
