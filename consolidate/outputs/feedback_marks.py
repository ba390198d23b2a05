"""The marks on a feedback copy's cells: one comment per finding, colours a clerk tells apart.

Each finding is explained once, in a comment on its key cell (the cell to fix first: the total
of a balance, the cell that was misread): what was found, what was expected, how to fix it, and
which other cells are involved. Every other cell the finding involves gets the same colour and a
short note pointing to the key cell ("Liên quan đến lỗi R01: xem ô E32."), so a balance that
involves twelve cells carries one explanation, not twelve copies of it.

Colours: errors a clear red, "needs review" (warnings) orange — both far from the template's
pale-yellow input fill, and far from each other and from it in luminance, so a greyscale printout
still tells them apart; the cell's border is redrawn thicker (solid for errors, dashed for
review) for the same reason. The legend on the first sheet names them
(:data:`LEGEND`).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from openpyxl.comments import Comment
from openpyxl.styles import Border, PatternFill, Side

from consolidate.core.findings import Finding
from consolidate.core.messages import render, severity_label
from consolidate.core.model import Catalog
from consolidate.issue.template import INPUT_FILL
from consolidate.outputs.docstyle import lines_needed
from consolidate.rules.base import cell_list

ERROR_FILL = "FF6666"  # clear red: luminance ≈ 0,58
REVIEW_FILL = "F4B183"  # orange: luminance ≈ 0,75 (the template's input yellow FFF2CC is ≈ 0,95)
INPUT = INPUT_FILL.lstrip("#").upper()
FILLS = {"error": ERROR_FILL, "warning": REVIEW_FILL}
BORDERS = {"error": ("medium", "C00000"), "warning": ("mediumDashed", "C55A11")}
COMMENT_WIDTH = 360  # points; about 48 characters a line
LEGEND = {
    "vi": (
        (ERROR_FILL, "Ô có lỗi: phải sửa thì báo cáo mới được tiếp nhận."),
        (REVIEW_FILL, "Ô cần xem lại (cảnh báo): kiểm tra; nếu số liệu đúng, ghi lý do vào ô giải trình."),
        (INPUT, "Ô nhập số liệu của biểu mẫu (không có vấn đề)."),
    ),
    "en": (
        (ERROR_FILL, "Error: must be fixed before the report is accepted."),
        (REVIEW_FILL, "Needs review (warning): check it; if the figure is right, explain it."),
        (INPUT, "An input cell of the template (no problem)."),
    ),
}


def luminance(rgb: str) -> float:
    """Grey level (0 black – 1 white) a printer gives a colour "RRGGBB" (ITU-R BT.601 weights)."""
    r, g, b = (int(rgb[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return 0.299 * r + 0.587 * g + 0.114 * b


@dataclass
class _Marks:
    """What one cell receives: the findings it is key to, and those it only points to."""

    own: list[Finding] = field(default_factory=list)
    pointers: list[tuple[Finding, str]] = field(default_factory=list)  # (finding, its key cell)

    @property
    def worst(self) -> str:
        found = self.own + [f for f, _ in self.pointers]
        return "error" if any(f.is_error for f in found) else "warning"


def mark_cells(wb, findings: Iterable[Finding], catalog: Catalog, lang: str) -> None:
    """Colour and comment the cells of ``findings`` in ``wb`` (findings on other sheets, or with
    no cell, are left to the first sheet's list)."""
    marks: dict[tuple[str, str], _Marks] = defaultdict(_Marks)
    for f in findings:
        if f.sheet not in wb.sheetnames or not f.cell:
            continue
        assert f.sheet is not None  # a sheet of the workbook
        key = _anchor(wb[f.sheet], f.cell)
        marks[(f.sheet, key)].own.append(f)
        for other in f.all_cells[1:]:
            anchor = _anchor(wb[f.sheet], other)
            if anchor != key:
                marks[(f.sheet, anchor)].pointers.append((f, key))
    author = f"Văn phòng {catalog.bloc.committee}" if lang != "en" else "The office"
    for (sheet, address), mark in marks.items():
        cell = wb[sheet][address]
        worst = mark.worst
        cell.fill = PatternFill("solid", fgColor=FILLS[worst])
        style, colour = BORDERS[worst]
        side = Side(style=style, color=colour)
        cell.border = Border(left=side, right=side, top=side, bottom=side)
        text = _cell_text(mark, catalog, lang)
        cell.comment = Comment(text, author, height=_comment_height(text), width=COMMENT_WIDTH)


def _anchor(ws, address: str) -> str:
    """``address``, or the top-left cell of the merged range it lies in (the only cell of a merged
    range that holds a value, a fill or a comment)."""
    for merged in ws.merged_cells.ranges:
        if address in merged:
            return ws.cell(row=merged.min_row, column=merged.min_col).coordinate
    return address


def _cell_text(mark: _Marks, catalog: Catalog, lang: str) -> str:
    parts = [comment_text(f, catalog, lang) for f in mark.own]
    seen: set[tuple[str, str]] = set()
    pointers = []
    for f, key in mark.pointers:
        if (f.code, key) not in seen:
            seen.add((f.code, key))
            pointers.append(pointer_text(f, key, lang))
    return "\n\n".join(parts + pointers)


def comment_text(f: Finding, catalog: Catalog, lang: str) -> str:
    """The full explanation on a finding's key cell."""
    message, fix = render(f, catalog, lang)
    en = lang == "en"
    text = f"[{f.code}] {severity_label(f.severity, lang)}: {message}\n{'How to fix' if en else 'Cách sửa'}: {fix}"
    others = list(f.all_cells[1:])
    if others:
        joined = cell_list(others, "en" if en else "vi")
        text += f"\n{'Cells involved' if en else 'Các ô liên quan (tô cùng màu)'}: {joined}."
    if f.explanation:
        text += f"\n{'Explanation' if en else 'Giải trình của đơn vị'}: {f.explanation}"
    return text


def pointer_text(f: Finding, key: str, lang: str) -> str:
    """The short note on a cell a finding involves: where its explanation is."""
    if lang == "en":
        what = "error" if f.is_error else "warning"
        return f"Involved in {what} {f.code}: see cell {key}."
    what = "lỗi" if f.is_error else "cảnh báo"
    return f"Liên quan đến {what} {f.code}: xem ô {key}."


def _comment_height(text: str) -> int:
    """Points a comment box needs for ``text`` at its width (about 15 points a line)."""
    lines = lines_needed(text, COMMENT_WIDTH / 7.5, 9)
    return min(40 + 14 * lines, 600)
