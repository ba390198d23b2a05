"""The list sheets of the summary: "Tình hình nộp" (every expected unit and every file seen),
"Lỗi" (every finding, with what to fix) and "Nội dung nổi bật" (the units' free text, for the
narrative report). All user text is written with ``write_string``: a value starting with "=" stays
text, never becomes a formula.
"""

from __future__ import annotations

from consolidate.core.findings import Finding
from consolidate.core.messages import location, reason_line, render, severity_label, status_label
from consolidate.core.model import Catalog, Form, Indicator
from consolidate.core.moments import shown_time
from consolidate.core.numbers import format_number, value_text
from consolidate.outputs.summary.style import LARGE, Styles, fit_row, print_setup, title_rows
from consolidate.pipeline.result import FileResult, MergeResult

STATUS_SHEET = "Tình hình nộp"
FINDINGS_SHEET = "Lỗi"
TEXT_SHEET = "Nội dung nổi bật"
UNIT_STATES = ("accepted", "rejected", "unreadable", "conflict", "missing")
STATUS_FILLS = {
    "accepted": "#E2EFDA",
    "rejected": "#F8CBAD",
    "missing": "#FFE699",
    "unreadable": "#F8CBAD",
    "conflict": "#F8CBAD",
    "superseded": "#EDEDED",
    "ignored": "#EDEDED",
}
_PLAIN: dict = {k: None for k in ("center", "name", "kind", "plain", "small", *STATUS_FILLS)}


def _table(ws, styles: Styles, row: int, headers: list[str], widths: list[int]) -> int:
    for i, text in enumerate(headers):
        ws.write_string(row, i, text, styles.head())
    fit_row(ws, row, [(text, width, 11, True) for text, width in zip(headers, widths, strict=False)])
    return row + 1


def _period(result: MergeResult) -> str:
    return result.period.label(result.catalog).upper() if result.period else ""


def write_status(wb, styles: Styles, result: MergeResult) -> None:
    ws = wb.add_worksheet(STATUS_SHEET)
    headers = ["STT", "Mã", "Tên đơn vị", "Loại", "Tình trạng", "Tệp", "Số lỗi", "Số cảnh báo", "Ghi chú"]
    widths = [5, 7, 34, 7, 11, 30, 7, 8, 40]
    headers.append("Thời điểm nhận")  # the receipt that orders versions (first seen, or registered)
    widths.append(13)
    styles.columns(ws, widths)
    last = len(headers) - 1
    forms = result.catalog.unit_forms
    by_form = {f.id: result.form_units.get(f.id, result.units) for f in forms}
    subtitle = (
        " ".join((f"{f.id}: " if len(forms) > 1 else "") + _counts_text(by_form[f.id]) for f in forms)
        + f" Tổng số tệp trong thư mục: {format_number(len(result.files))}."
    )
    row = title_rows(ws, styles, 0, 0, last, f"TÌNH HÌNH NỘP BÁO CÁO {_period(result)}", subtitle)
    header = row
    row = _table(ws, styles, row, headers, widths)
    types = result.catalog.unit_types
    plain = result.units_expected > LARGE
    shown: set[int] = set()
    n = 0
    for form in forms:
        if len(forms) > 1:
            text = f"Biểu mẫu {form.id}: {form.title}"
            ws.merge_range(row, 0, row, last, text, styles.cell(bold=True, bg_color="#D9E1F2"))
            fit_row(ws, row, [(text, styles.width(ws, 0, last), 11, True)])
            row += 1
        for state in by_form[form.id]:
            n += 1
            kind = types[state.unit.type].abbreviation if state.unit.type in types else state.unit.type
            row = _status_row(
                ws,
                styles,
                result.catalog,
                row,
                n,
                state.unit.code,
                state.unit.name,
                kind,
                state.status,
                state.file,
                plain,
            )
            if state.file is not None:
                shown.add(id(state.file))
    if result.catalog.bloc_form is not None:
        n += 1
        bloc = result.bloc
        row = _status_row(
            ws,
            styles,
            result.catalog,
            row,
            n,
            result.catalog.bloc.code,
            result.catalog.bloc.committee,
            result.catalog.bloc.committee_short,
            result.bloc_state,
            bloc,
        )
        if bloc is not None:
            shown.add(id(bloc))
    others = [r for r in result.files if id(r) not in shown]
    if others:
        text = "Các tệp khác trong thư mục (trùng, bị thay thế, bỏ qua hoặc không xác định được đơn vị)"
        ws.merge_range(row, 0, row, last, text, styles.cell(bold=True, bg_color="#EDEDED"))
        fit_row(ws, row, [(text, styles.width(ws, 0, last), 11, True)])
        row += 1
        for r in others:
            n += 1
            row = _status_row(ws, styles, result.catalog, row, n, r.unit or "", "", "", r.status, r)
    ws.freeze_panes(header + 1, 3)
    ws.autofilter(header, 0, row - 1, last)
    print_setup(ws, result, landscape=True, repeat=(header, header))


def _counts_text(statuses: list) -> str:
    """ "76 đơn vị: đã nhận 73; bị từ chối 1; chưa nộp 2." """
    counts = {s: sum(u.status == s for u in statuses) for s in UNIT_STATES}
    parts = [
        f"{status_label(s).lower()} {format_number(n)}" for s, n in counts.items() if n or s in ("accepted", "missing")
    ]
    return f"{format_number(len(statuses))} đơn vị: " + "; ".join(parts) + "."


def _status_row(
    ws,
    styles: Styles,
    catalog: Catalog,
    row: int,
    n: int,
    code: str,
    name: str,
    kind: str,
    status: str,
    file: FileResult | None,
    plain: bool = False,
) -> int:
    look = _status_formats(styles, plain)
    ws.write_number(row, 0, n, look["center"])
    ws.write_string(row, 1, code, look["center"])
    ws.write_string(row, 2, name, look["name"])
    ws.write_string(row, 3, kind, look["kind"])
    ws.write_string(row, 4, status_label(status), look[status])
    if file is None:
        if not plain:
            fit_row(ws, row, [(name, 34, 10), (status_label(status), 11, 11)])
            for c in range(5, 10):
                ws.write_blank(row, c, None, look["plain"])
        return row + 1
    findings = file.findings
    errors = sum(f.is_error for f in findings)
    warnings = sum(f.is_warning for f in findings)
    ws.write_string(row, 5, file.path, look["small"])
    ws.write_number(row, 6, errors, look["center"])
    ws.write_number(row, 7, warnings, look["center"])
    note = reason_line(findings, catalog) if status != "accepted" else ""
    ws.write_string(row, 8, note, look["small"])
    received = receipt_text(file.file.received)
    ws.write_string(row, 9, received, look["small"])
    if not plain:
        cells = [(name, 34, 10), (file.path, 30, 9), (note, 40, 9), (status_label(status), 11, 11), (received, 13, 9)]
        fit_row(ws, row, cells)
    return row + 1


def receipt_text(received: str) -> str:
    """ "2021-10-05T09:00:00Z" → "05/10/2021 16:00:00 (UTC+07:00)" (as the version messages show times)."""
    return shown_time(received, missing="")


def _status_formats(styles: Styles, plain: bool = False) -> dict:
    """The status sheet's formats, made once per workbook; ``plain`` (thousands of units): none."""
    if plain:
        return _PLAIN
    if styles.status_formats is None:
        look = {
            "center": styles.cell(align="center"),
            "name": styles.cell(font_size=10),
            "kind": styles.cell(align="center", font_size=9),
            "plain": styles.cell(),
            "small": styles.cell(font_size=9),
        }
        look.update({s: styles.cell(align="center", bg_color=fill) for s, fill in STATUS_FILLS.items()})
        styles.status_formats = look
    return styles.status_formats


def write_findings(wb, styles: Styles, result: MergeResult) -> None:
    ws = wb.add_worksheet(FINDINGS_SHEET)
    headers = [
        "STT",
        "Tệp",
        "Đơn vị",
        "Vị trí",
        "Mã lỗi",
        "Mức độ",
        "Chỉ tiêu",
        "Giá trị",
        "Nội dung",
        "Cách khắc phục",
        "Giải trình của đơn vị",
    ]
    widths = [5, 22, 7, 13, 7, 9, 16, 10, 46, 34, 26]
    styles.columns(ws, widths)
    last = len(headers) - 1
    findings = result.findings
    errors = sum(f.is_error for f in findings)
    warnings = sum(f.is_warning for f in findings)
    row = title_rows(
        ws,
        styles,
        0,
        0,
        last,
        f"DANH SÁCH LỖI VÀ CẢNH BÁO {_period(result)}",
        f"{format_number(errors)} lỗi, {format_number(warnings)} cảnh báo; lỗi làm báo cáo bị từ chối, "
        "cảnh báo chỉ để đơn vị kiểm tra lại.",
    )
    header = row
    row = _table(ws, styles, row, headers, widths)
    for n, f in enumerate(findings, start=1):
        row = _finding_row(ws, styles, row, n, f, result, widths)
    if not findings:
        ws.merge_range(row, 0, row, last, "Không có lỗi hay cảnh báo nào.", styles.cell(italic=True))
        row += 1
    ws.freeze_panes(header + 1, 0)
    ws.autofilter(header, 0, max(row - 1, header), last)
    print_setup(ws, result, landscape=True, repeat=(header, header))


def _finding_row(ws, styles: Styles, row: int, n: int, f: Finding, result: MergeResult, widths: list[int]) -> int:
    message, fix = render(f, result.catalog, "vi")
    level = severity_label(f.severity, "vi")
    if f.explained:
        level += " (đã giải trình)"
    fill = {"error": "#F8CBAD", "warning": "#FFE699"}.get(f.severity, "#FFFFFF")
    ind = result.catalog.indicator(f.indicator) if f.indicator else None
    value = value_text(f.value, "vi")
    cells = []
    for col, text, size, fmt in (
        (1, f.file or "(toàn Khối)", 9, styles.cell(font_size=9)),
        (2, f.unit or "", 11, styles.cell(align="center")),
        (3, location(f), 9, styles.cell(font_size=9)),
        (4, f.code, 11, styles.cell(align="center")),
        (5, level, 9, styles.cell(align="center", bg_color=fill, font_size=9)),
        (6, ind.label if ind else (f.indicator or ""), 9, styles.cell(font_size=9)),
        (7, value, 9, styles.cell(font_size=9)),
        (8, message, 10, styles.cell(font_size=10)),
        (9, fix, 9, styles.cell(font_size=9)),
        (10, f.explanation or "", 9, styles.cell(font_size=9, italic=True)),
    ):
        ws.write_string(row, col, text, fmt)
        cells.append((text, widths[col], size))
    ws.write_number(row, 0, n, styles.cell(align="center"))
    fit_row(ws, row, cells)
    return row + 1


def write_texts(wb, styles: Styles, result: MergeResult) -> None:
    """The free-text indicators of every accepted unit, one sheet per unit form that has them."""
    for form in result.catalog.unit_forms:
        texts = [ind for ind in form.indicators.values() if ind.aggregation.template == "text"]
        if texts:
            name = TEXT_SHEET if form is result.catalog.unit_form else f"{TEXT_SHEET} {form.id}"[:31]
            _text_sheet(wb, styles, result, form, texts, name)


def _text_sheet(wb, styles: Styles, result: MergeResult, form: Form, texts: list[Indicator], name: str) -> None:
    ws = wb.add_worksheet(name)
    headers = ["STT", "Mã", "Tên đơn vị"] + [ind.label for ind in texts]
    widths = [5, 7, 26] + [40] * len(texts)
    styles.columns(ws, widths)
    last = len(headers) - 1
    sections = {s.id: s.title for s in form.sections}
    heading = ", ".join(dict.fromkeys(sections[ind.section] for ind in texts))
    row = title_rows(
        ws,
        styles,
        0,
        0,
        last,
        f"{heading} — {_period(result)}",
        "Trích nguyên văn từ báo cáo của các đơn vị đã được tiếp nhận.",
    )
    header = row
    row = _table(ws, styles, row, headers, widths)
    n = 0
    for state in result.form_units.get(form.id, result.units):
        if state.status != "accepted":
            continue
        values = state.submission.values
        if not any(values.get(ind.code) for ind in texts):
            continue
        n += 1
        ws.write_number(row, 0, n, styles.cell(align="center", valign="top"))
        ws.write_string(row, 1, state.unit.code, styles.cell(align="center", valign="top"))
        ws.write_string(row, 2, state.unit.name, styles.cell(valign="top", font_size=10))
        cells = [(state.unit.name, widths[2], 10)]
        for j, ind in enumerate(texts):
            text = str(values.get(ind.code) or "")
            ws.write_string(row, 3 + j, text, styles.cell(valign="top", font_size=10))
            cells.append((text, widths[3 + j], 10))
        fit_row(ws, row, cells)
        row += 1
    ws.freeze_panes(header + 1, 3)
    print_setup(ws, result, landscape=True, repeat=(header, header), form=form)
