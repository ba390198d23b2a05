"""Conventions of the documents leadership reads (Hướng dẫn 36-HD/VPTW, Nghị định 30/2020/NĐ-CP),
shared by the summary workbook and the draft report.

Header block: superior body, issuing body in bold, "*" on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" bold
and underlined on the right; document number; place and date in italics written in full
("Bình An, ngày 06 tháng 12 năm 2021"). Times New Roman. The words come from bloc.yaml.
"""

from __future__ import annotations

import datetime as dt

from consolidate.core import rowheight
from consolidate.core.model import Bloc
from consolidate.core.numbers import format_number
from consolidate.pipeline.result import MergeResult

FONT = "Times New Roman"


def date_line(bloc: Bloc, day: dt.date) -> str:
    """ "Bình An, ngày 06 tháng 12 năm 2021"."""
    return f"{bloc.place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def number_line(bloc: Bloc) -> str:
    """The document number, left open for the office to fill in when it is registered."""
    return f"Số        -{bloc.report_symbol}"


OVERVIEW_SHEET = "Tóm tắt"  # the summary's first sheet: who is missing or rejected, and why


def coverage_sentence(result: MergeResult, limit: int = 6) -> str:
    """ "Số liệu của 74/76 đơn vị; chưa nộp (1): Chi bộ Sở Y tế; bị từ chối (1): Đảng bộ Sở Tài chính."
    Units are named (a reader does not know the codes); beyond ``limit`` per group, "và N đơn vị khác"."""
    parts = [f"Số liệu của {format_number(result.units_accepted)}/{format_number(result.units_expected)} đơn vị"]
    names = {u.unit.code: u.unit.name for u in result.units}
    for codes, what in (
        (result.missing, "chưa nộp"),
        (result.rejected_units, "bị từ chối"),
        (result.unreadable_units, "đã gửi nhưng không đọc được"),
        (result.conflict_units, "chưa rõ bản nào được dùng"),
    ):
        if codes:
            shown = ", ".join(names.get(c, c) for c in codes[:limit])
            if len(codes) > limit:
                shown += f" và {format_number(len(codes) - limit)} đơn vị khác"
            parts.append(f"{what} ({format_number(len(codes))}): {shown}")
    if not result.bloc_accepted:
        parts.append(f"chưa có số liệu của {result.catalog.bloc.committee}")
    return "; ".join(parts) + "."


def coverage_short(result: MergeResult) -> str:
    """ "Số liệu của 73/76 đơn vị (3 đơn vị chưa có: xem trang “Tóm tắt”)" — for page footers."""
    text = f"Số liệu của {format_number(result.units_accepted)}/{format_number(result.units_expected)} đơn vị"
    absent = result.units_expected - result.units_accepted
    if absent:
        text += f" ({format_number(absent)} đơn vị chưa có: xem trang “{OVERVIEW_SHEET}”)"
    if not result.bloc_accepted:
        text += f"; chưa có số liệu của {result.catalog.bloc.committee}"
    return text + "."


def footer_text(result: MergeResult) -> str:
    """An Excel page footer (max 255 characters): coverage on the left, page numbers on the right."""
    coverage = coverage_short(result).replace("&", "&&")
    return f'&L&"{FONT}"&9{coverage}&R&"{FONT}"&9Trang &P/&N'


def lines_needed(text: str, width: float, font_size: float = 11) -> int:
    """Lines a wrapped Times New Roman cell ``width`` Excel units wide needs (see
    :mod:`consolidate.core.rowheight`)."""
    return rowheight.lines_needed(str(text), width, font_size)
