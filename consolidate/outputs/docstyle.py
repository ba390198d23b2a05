"""Conventions of the documents leadership reads (Hướng dẫn 36-HD/VPTW, Nghị định 30/2020/NĐ-CP),
shared by the summary workbook and the draft report.

Header block: superior body, issuing body in bold, "*" on the left; "ĐẢNG CỘNG SẢN VIỆT NAM" bold
and underlined on the right; document number; place and date in italics written in full
("Bình An, ngày 06 tháng 12 năm 2021"). Times New Roman. The words come from bloc.yaml.
"""

from __future__ import annotations

import datetime as dt

from consolidate.core import rowheight
from consolidate.core.model import Bloc, Form
from consolidate.core.numbers import format_number
from consolidate.core.words import upper_first
from consolidate.pipeline.result import MergeResult, UnitStatus

FONT = "Times New Roman"
FOOTER_ROOM = 190  # characters of an Excel footer left for the coverage (255 in all, less the codes)


def date_line(bloc: Bloc, day: dt.date) -> str:
    """ "Bình An, ngày 06 tháng 12 năm 2021"."""
    return f"{bloc.place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def number_line(bloc: Bloc) -> str:
    """The document number, left open for the office to fill in when it is registered."""
    return f"Số        -{bloc.report_symbol}"


OVERVIEW_SHEET = "Tóm tắt"  # the summary's first sheet: who is missing or rejected, and why


def form_label(form: Form) -> str:
    """ "biểu mẫu BC-DANG-PHI (báo cáo thu, nộp đảng phí)": a form named for a reader."""
    return f"biểu mẫu {form.id} ({form.name})" if form.name else f"biểu mẫu {form.id}"


def form_statuses(result: MergeResult, form: Form) -> list[UnitStatus]:
    """The units that owe ``form`` and what became of their reports."""
    return result.form_units.get(form.id, result.units)


def bloc_concerns(result: MergeResult, form: Form) -> bool:
    """The bloc committee's own report carries figures of ``form`` (its absence leaves them short)."""
    return any((t := result.totals.get(code)) is not None and t.bloc_expected for code in form.indicators)


def _units_counted(statuses: list[UnitStatus]) -> str:
    accepted = sum(u.status == "accepted" for u in statuses)
    return f"số liệu của {format_number(accepted)}/{format_number(len(statuses))} đơn vị"


def _absent_parts(statuses: list[UnitStatus], limit: int) -> list[str]:
    """ "chưa nộp (1): Chi bộ Sở Y tế", "bị từ chối (1): …" — by name, ``limit`` per group."""
    parts = []
    for state, what in (
        ("missing", "chưa nộp"),
        ("rejected", "bị từ chối"),
        ("unreadable", "đã gửi nhưng không đọc được"),
        ("conflict", "chưa rõ bản nào được dùng"),
    ):
        names = [u.unit.name for u in statuses if u.status == state]
        if names:
            shown = ", ".join(names[:limit])
            if len(names) > limit:
                shown += f" và {format_number(len(names) - limit)} đơn vị khác"
            parts.append(f"{what} ({format_number(len(names))}): {shown}")
    return parts


def coverage_sentence(result: MergeResult, limit: int = 6, form: Form | None = None) -> str:
    """ "Số liệu của 74/76 đơn vị; chưa nộp (1): Chi bộ Sở Y tế; bị từ chối (1): Đảng bộ Sở Tài chính."
    Units are named (a reader does not know the codes); beyond ``limit`` per group, "và N đơn vị khác".
    Of one ``form`` when given; with several unit forms, one sentence per form, each with its own
    count ("Biểu mẫu BC-TCCS (…): số liệu của 76/76 đơn vị. Biểu mẫu BC-DANG-PHI (…): số liệu của
    72/76 đơn vị; chưa nộp (3): …"), so that no form's count is read as another's."""
    committee = result.catalog.bloc.committee
    forms = (form,) if form is not None else result.catalog.unit_forms
    if len(forms) == 1:
        statuses = form_statuses(result, forms[0])
        parts = [upper_first(_units_counted(statuses)), *_absent_parts(statuses, limit)]
        if not result.bloc_accepted and (form is None or bloc_concerns(result, form)):
            parts.append(f"chưa có số liệu của {committee}")
        return "; ".join(parts) + "."
    sentences = []
    limit = min(limit, 3)  # a sentence per form: fewer names each, the rest in "Tóm tắt"
    for each in forms:
        statuses = form_statuses(result, each)
        parts = [f"{upper_first(form_label(each))}: {_units_counted(statuses)}", *_absent_parts(statuses, limit)]
        sentences.append("; ".join(parts) + ".")
    if not result.bloc_accepted:
        sentences.append(f"Chưa có số liệu của {committee}.")
    return " ".join(sentences)


def coverage_short(result: MergeResult, form: Form | None = None) -> str:
    """ "Số liệu của 73/76 đơn vị (3 đơn vị chưa có: xem trang “Tóm tắt”)" — for page footers; with
    several unit forms, each form's own count ("Số liệu: BC-TCCS 76/76 đơn vị, BC-DANG-PHI 72/76
    đơn vị …"), of ``form`` alone when given."""
    forms = (form,) if form is not None else result.catalog.unit_forms
    counts = [
        (each, sum(u.status == "accepted" for u in statuses), len(statuses))
        for each in forms
        for statuses in [form_statuses(result, each)]
    ]
    if len(counts) == 1:
        _, accepted, expected = counts[0]
        text = f"Số liệu của {format_number(accepted)}/{format_number(expected)} đơn vị"
        absent = expected - accepted
        if absent:
            text += f" ({format_number(absent)} đơn vị chưa có: xem trang “{OVERVIEW_SHEET}”)"
        bloc = form is None or bloc_concerns(result, form)
    else:
        shown = ", ".join(f"{f.id} {format_number(a)}/{format_number(n)} đơn vị" for f, a, n in counts)
        text = f"Số liệu: {shown}"
        short = sum(a < n for _, a, n in counts)
        if short:
            text += f" (xem trang “{OVERVIEW_SHEET}”)"
        if len(text) > FOOTER_ROOM:
            text = (
                f"Số liệu chưa đủ đơn vị ở {format_number(short)}/{format_number(len(counts))} biểu mẫu: "
                f"xem trang “{OVERVIEW_SHEET}”"
                if short
                else f"Số liệu của {format_number(len(counts))} biểu mẫu đã đủ các đơn vị phải nộp"
            )
        bloc = True
    if bloc and not result.bloc_accepted:
        text += f"; chưa có số liệu của {result.catalog.bloc.committee}"
    return text + "."


def footer_text(result: MergeResult, form: Form | None = None) -> str:
    """An Excel page footer (max 255 characters): coverage (of ``form`` when the page is that form's
    alone) on the left, page numbers on the right."""
    coverage = coverage_short(result, form).replace("&", "&&")
    return f'&L&"{FONT}"&9{coverage}&R&"{FONT}"&9Trang &P/&N'


def lines_needed(text: str, width: float, font_size: float = 11) -> int:
    """Lines a wrapped Times New Roman cell ``width`` Excel units wide needs (see
    :mod:`consolidate.core.rowheight`)."""
    return rowheight.lines_needed(str(text), width, font_size)
