"""The first sheet of a feedback copy: whose report this is, what became of it, what to do.

It states the unit (name and code), the form, the period, the file, the verdict (accepted,
accepted with warnings to review, rejected …), the deadline when one is known, what to do, the
legend of the colours, then every finding: code, cell (a link to it), indicator, value, what was
found and how to fix it. It prints on one A4 page wide.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from consolidate.core import layout as L
from consolidate.core.findings import Finding
from consolidate.core.messages import location, render, severity_label
from consolidate.core.model import Catalog
from consolidate.core.numbers import value_text
from consolidate.core.rowheight import DEFAULT_HEIGHT, from_file_width, row_height, span
from consolidate.outputs.docstyle import FONT
from consolidate.outputs.feedback_marks import FILLS, LEGEND
from consolidate.pipeline.result import FileResult, MergeResult

SHEET = L.FEEDBACK_SHEET
HEADERS = {
    "vi": ("STT", "Mã lỗi", "Mức độ", "Vị trí", "Chỉ tiêu", "Giá trị", "Nội dung", "Cách sửa"),
    "en": ("No.", "Code", "Severity", "Cell", "Indicator", "Value", "What was found", "How to fix"),
}
WIDTHS = (5, 8, 11, 16, 34, 14, 60, 48)
LABEL_SPAN, LAST = 4, 8  # labels in A:D, values in E:H
WORDS = {
    "vi": {
        "title": "KẾT QUẢ KIỂM TRA BÁO CÁO",
        "unit": "Đơn vị",
        "form": "Biểu mẫu",
        "period": "Kỳ báo cáo",
        "file": "Tệp đã gửi",
        "verdict": "Kết quả",
        "deadline": "Hạn gửi lại",
        "todo": "Việc cần làm",
        "legend": "Chú thích màu",
        "list": "DANH SÁCH LỖI VÀ CẢNH BÁO",
        "unknown": "chưa xác định",
        "explained": " (đã giải trình)",
        "code": "mã",
    },
    "en": {
        "title": "REPORT CHECK RESULT",
        "unit": "Unit",
        "form": "Form",
        "period": "Period",
        "file": "File sent",
        "verdict": "Verdict",
        "deadline": "Deadline",
        "todo": "What to do",
        "legend": "Colours",
        "list": "ERRORS AND WARNINGS",
        "unknown": "not identified",
        "explained": " (explained)",
        "code": "code",
    },
}
VERDICTS = {
    "vi": {
        "rejected": "Bị từ chối: báo cáo chưa được tiếp nhận, cần sửa các lỗi dưới đây và gửi lại.",
        "warned": "Được tiếp nhận, có cảnh báo cần xem lại.",
        "explained": "Được tiếp nhận; các cảnh báo đã được đơn vị giải trình.",
        "superseded": "Không được dùng: đơn vị đã gửi một bản khác thay cho tệp này.",
        "conflict": "Chưa được dùng: đơn vị gửi nhiều bản khác nhau; Văn phòng sẽ giữ lại một bản.",
    },
    "en": {
        "rejected": "Rejected: the report was not accepted; fix the errors below and send it again.",
        "warned": "Accepted, with warnings to review.",
        "explained": "Accepted; the unit explained every warning.",
        "superseded": "Not used: the unit sent another version in place of this file.",
        "conflict": "Not used yet: the unit sent different versions; the office will keep one.",
    },
}
TODO = {
    "vi": {
        "rejected": "Sửa các ô tô đỏ theo ghi chú trên từng ô (di chuột vào ô có dấu tam giác đỏ ở góc), xem lại "
        "các ô tô cam, lưu tệp rồi gửi lại Văn phòng. Có thể sửa ngay trên tệp này.",
        "warned": "Xem lại các ô tô cam theo ghi chú trên từng ô: nếu số liệu sai, sửa lại; nếu đúng, ghi lý do "
        "vào ô giải trình được nêu ở cột “Cách sửa”, lưu tệp rồi gửi lại Văn phòng.",
        "other": "Liên hệ Văn phòng nếu cần.",
    },
    "en": {
        "rejected": "Fix the red cells as their notes say (hover over the red corner), review the orange ones, "
        "save the file and send it back. This file itself may be edited and sent.",
        "warned": "Review the orange cells as their notes say: correct a wrong figure; explain a right one in "
        "the explanation cell named under “How to fix”, save and send the file back.",
        "other": "Contact the office if needed.",
    },
}


@dataclass(frozen=True)
class Context:
    """What the first sheet states besides the findings."""

    result: MergeResult
    deadline: dt.date | None
    lang: str = "vi"


def verdict_key(r: FileResult) -> str:
    """rejected | warned | explained | superseded | conflict — the file's verdict for the clerk."""
    if r.status in ("superseded", "conflict"):
        return r.status
    if r.status != "accepted" or any(f.is_error for f in r.raw_findings):
        return "rejected"
    warnings = [f for f in r.raw_findings if f.is_warning]
    return "explained" if warnings and all(f.explained for f in warnings) else "warned"


def first_sheet(wb, r: FileResult, findings: list[Finding], ctx: Context, linked: bool) -> None:
    """Insert the sheet before every other sheet (replacing one left by an earlier feedback copy)."""
    if SHEET in wb.sheetnames:
        wb.remove(wb[SHEET])
    ws = wb.create_sheet(SHEET, 0)
    wb.active = 0
    for sheet in wb.worksheets[1:]:
        sheet.sheet_view.tabSelected = False
    lang = "en" if ctx.lang == "en" else "vi"
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(65 + i)].width = width
    row = _heading(ws, r, ctx, lang)
    header = _table(ws, row + 1, findings, ctx.result.catalog, lang, linked)
    if findings:
        ws.print_title_rows = f"{header}:{header}"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def _heading(ws, r: FileResult, ctx: Context, lang: str) -> int:
    words, cat = WORDS[lang], ctx.result.catalog
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=LAST)
    ws["A1"] = words["title"]
    ws["A1"].font = Font(name=FONT, bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    key = verdict_key(r)
    facts = [
        (words["unit"], _unit(cat, r, words)),
        (words["form"], _form(cat, r, words)),
        (words["period"], _period(ctx.result, r, words)),
        (words["file"], r.path),
        (words["verdict"], VERDICTS[lang][key]),
    ]
    if ctx.deadline is not None and key in ("rejected", "warned"):
        facts.append((words["deadline"], ctx.deadline.strftime("%d/%m/%Y")))
    facts.append((words["todo"], TODO[lang].get(key, TODO[lang]["other"])))
    row = 3
    for label, value in facts:
        _fact(ws, row, label, value, bold=label == words["verdict"])
        if label == words["verdict"]:
            colour = FILLS["error"] if key == "rejected" else FILLS["warning"] if key == "warned" else None
            if colour:
                ws.cell(row=row, column=LABEL_SPAN + 1).fill = PatternFill("solid", fgColor=colour)
        row += 1
    row += 1
    ws.cell(row=row, column=1, value=words["legend"] + ":").font = Font(name=FONT, bold=True)
    row += 1
    for colour, text in LEGEND[lang]:
        ws.cell(row=row, column=1).fill = PatternFill("solid", fgColor=colour)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=LAST)
        cell = ws.cell(row=row, column=2, value=text)
        cell.font = Font(name=FONT)
        row += 1
    return row


def _fact(ws, row: int, label: str, value: str, bold: bool) -> None:
    ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=LABEL_SPAN)
    ws.merge_cells(start_row=row, start_column=LABEL_SPAN + 1, end_row=row, end_column=LAST)
    head = ws.cell(row=row, column=1, value=label + ":")
    head.font = Font(name=FONT, bold=True)
    head.alignment = Alignment(vertical="top")
    cell = ws.cell(row=row, column=LABEL_SPAN + 1, value=value)
    cell.data_type = "s"
    cell.font = Font(name=FONT, bold=bold)
    cell.alignment = Alignment(vertical="top", wrap_text=True)
    _fit(ws, row, [(value, WIDTHS[LABEL_SPAN:])])


def _unit(cat: Catalog, r: FileResult, words: dict[str, str]) -> str:
    code = r.unit or r.sender
    unit = cat.unit(code)
    if unit is not None:
        return f"{unit.name} ({words['code']} {unit.code})"
    if code and code == cat.bloc.code:
        return f"{cat.bloc.committee} ({words['code']} {code})"
    return f"{code} ({words['unknown']})" if code else words["unknown"]


def _form(cat: Catalog, r: FileResult, words: dict[str, str]) -> str:
    form = cat.forms.get(r.form or "")
    if form is None:
        return words["unknown"]
    name = form.name or form.title
    return f"{name[:1].upper()}{name[1:]} ({form.id})"


def _period(result: MergeResult, r: FileResult, words: dict[str, str]) -> str:
    if result.period is not None:
        return result.period.label(result.catalog)
    return (r.sub.period_key if r.sub is not None else None) or words["unknown"]


def _table(ws, row: int, findings: list[Finding], cat: Catalog, lang: str, linked: bool) -> int:
    """The list of findings from ``row``; returns the row of its column headers."""
    title = ws.cell(row=row, column=1, value=f"{WORDS[lang]['list']} ({len(findings)})")
    title.font = Font(name=FONT, bold=True, size=12)
    row += 1
    for col, text in enumerate(HEADERS[lang], start=1):
        head = ws.cell(row=row, column=col, value=text)
        head.font = Font(name=FONT, bold=True)
        head.fill = PatternFill("solid", fgColor="D9E1F2")
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    header_row = row
    for n, f in enumerate(findings, start=1):
        row += 1
        message, fix = render(f, cat, lang)
        ind = cat.indicator(f.indicator) if f.indicator else None
        where = location(f)
        values = (
            n,
            f.code,
            severity_label(f.severity, lang) + (WORDS[lang]["explained"] if f.explained else ""),
            where,
            ind.label_for(lang) if ind else (f.indicator or ""),
            value_text(f.value, lang),
            message,
            fix,
        )
        for col, value in enumerate(values, start=1):
            cell = ws.cell(row=row, column=col, value=value)
            cell.font = Font(name=FONT)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(value, str):
                cell.data_type = "s"  # text that starts with "=" stays text
        ws.cell(row=row, column=3).fill = PatternFill("solid", fgColor=FILLS.get(f.severity, "FFFFFF"))
        _fit(ws, row, [(str(v), (w,)) for v, w in zip(values, WIDTHS, strict=True)])
        if linked and f.sheet and f.cell and f.sheet in ws.parent.sheetnames:
            link = ws.cell(row=row, column=4)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{f.sheet}'!{f.cell}", display=where)
            link.font = Font(name=FONT, color="0563C1", underline="single")
    return header_row


def _fit(ws, row: int, cells: list[tuple[str, tuple[float, ...]]], font_size: float = 11) -> None:
    """The row made tall enough for its wrapped texts: (text, the widths openpyxl stores of the
    columns it spans)."""
    height = row_height((text, span(*map(from_file_width, widths)), font_size) for text, widths in cells)
    if height > DEFAULT_HEIGHT:
        ws.row_dimensions[row].height = height
