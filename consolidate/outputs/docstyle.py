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


def coverage_sentence(result: MergeResult, limit: int = 12) -> str:
    """ "Số liệu của 74/76 đơn vị; 2 đơn vị chưa nộp: CB12, CB40; 1 đơn vị bị từ chối: DB03." """
    parts = [f"Số liệu của {format_number(result.units_accepted)}/{format_number(result.units_expected)} đơn vị"]
    for codes, what in (
        (result.missing, "chưa nộp"),
        (result.rejected_units, "bị từ chối"),
        (result.unreadable_units, "đã gửi nhưng không đọc được"),
        (result.conflict_units, "chưa rõ bản nào được dùng"),
    ):
        if codes:
            shown = ", ".join(codes[:limit]) + (f" và {len(codes) - limit} đơn vị khác" if len(codes) > limit else "")
            parts.append(f"{format_number(len(codes))} đơn vị {what}: {shown}")
    if not result.bloc_accepted:
        parts.append(f"chưa có số liệu của {result.catalog.bloc.committee}")
    return "; ".join(parts) + "."


def footer_text(result: MergeResult) -> str:
    """An Excel page footer (max 255 characters): coverage on the left, page numbers on the right."""
    coverage = coverage_sentence(result, limit=6).replace("&", "&&")
    if len(coverage) > 180:
        coverage = coverage[:177] + "…"
    return f'&L&"{FONT}"&9{coverage}&R&"{FONT}"&9Trang &P/&N'


def lines_needed(text: str, width: float, font_size: float = 11) -> int:
    """Lines a wrapped Times New Roman cell ``width`` Excel units wide needs (see
    :mod:`consolidate.core.rowheight`)."""
    return rowheight.lines_needed(str(text), width, font_size)
