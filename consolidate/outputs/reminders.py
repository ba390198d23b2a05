"""Reminder letters: one per unit that owes something — a report not sent, sent with errors, or
sent in a form that cannot be read — naming each form by its name, the period, the deadline when
one is given, and the exact problems to fix (sheet, cell, what to do).

Plain UTF-8 text, ready to paste into an e-mail or a message. The office's signature block comes
from bloc.yaml; each form's name from its own ``name``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from consolidate.core.atomic import write_text_atomic
from consolidate.core.messages import location, render
from consolidate.core.model import Form, Unit
from consolidate.core.names import NameSet, safe_name
from consolidate.pipeline.result import MergeResult, UnitStatus

OWING = ("missing", "rejected", "unreadable")


def owed(result: MergeResult) -> dict[str, list[tuple[Form, UnitStatus]]]:
    """Unit code → the (form, status) pairs it still owes, in catalog order."""
    out: dict[str, list[tuple[Form, UnitStatus]]] = {}
    for form in result.catalog.unit_forms:
        for state in result.form_units.get(form.id, result.units):
            if state.status in OWING:
                out.setdefault(state.unit.code, []).append((form, state))
    return out


def reminder_text(
    result: MergeResult, unit: Unit, items: list[tuple[Form, UnitStatus]], deadline: dt.date | None
) -> str:
    cat = result.catalog
    period = result.period.label(cat) if result.period else "kỳ này"
    by = f" trước ngày {deadline.strftime('%d/%m/%Y')}" if deadline else " sớm nhất có thể"
    lines = [
        f"Kính gửi: {unit.name} ({unit.code})",
        "",
        f"Văn phòng {cat.bloc.committee} đang tổng hợp số liệu {period}.",
    ]
    for form, state in items:
        lines += ["", *_form_lines(result, form, state, period, by)]
    lines += ["", "Trân trọng.", f"VĂN PHÒNG {cat.bloc.committee.upper()}"]
    return "\n".join(lines) + "\n"


def _form_lines(result: MergeResult, form: Form, state: UnitStatus, period: str, by: str) -> list[str]:
    cat, what = result.catalog, f"{form.name} (biểu mẫu {form.id})"
    if state.status == "missing":
        return [
            f"Đến nay Văn phòng chưa nhận được {what} {period} của đơn vị.",
            f"Đề nghị đơn vị điền biểu mẫu {form.id} đã được cấp và gửi về Văn phòng{by}.",
        ]
    assert state.file is not None  # a rejected or unreadable unit sent a file
    if state.status == "unreadable":
        return [
            f"Về {what}: Văn phòng đã nhận tệp “{state.file.path}” nhưng không đọc được số liệu trong tệp "
            "(tệp không phải bảng tính Excel của biểu mẫu, hoặc bị hỏng).",
            f"Đề nghị đơn vị gửi lại chính tệp Excel (.xlsx) của biểu mẫu {form.id} đã được cấp{by}; "
            "không gửi ảnh chụp, tệp PDF hay CSV.",
        ]
    problems = [f for f in state.file.findings if f.is_error]
    lines = [f"Về {what}: tệp “{state.file.path}” chưa được tiếp nhận vì còn {len(problems)} lỗi sau:", ""]
    for n, f in enumerate(problems, start=1):
        message, fix = render(f, cat, "vi")
        where = location(f)
        lines.append(f"  {n}. {'Ô ' + where + ': ' if where else ''}{message}")
        lines.append(f"     Cách sửa: {fix}")
    warnings = [f for f in state.file.findings if f.is_warning and not f.explained]
    if warnings:
        lines += [
            "",
            "Ngoài ra, đề nghị đơn vị kiểm tra lại các điểm sau (nếu số liệu đúng, ghi lý do vào ô "
            "“Giải trình” cuối biểu mẫu):",
        ]
        for f in warnings:
            where = location(f)
            lines.append(f"  - {'Ô ' + where + ': ' if where else ''}{render(f, cat, 'vi')[0]}")
    lines += ["", f"Đề nghị đơn vị sửa trên chính tệp đã gửi, lưu lại và gửi lại Văn phòng{by}."]
    return lines


def write_reminders(result: MergeResult, out_dir: str | Path, deadline: dt.date | None = None) -> list[Path]:
    """nhac_<MÃ>.txt for every unit that owes a form; names Windows accepts, never two differing
    only by letter case."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    names = NameSet()
    units = {u.code: u for u in result.catalog.units}
    for code, items in owed(result).items():
        name = names.claim(safe_name(f"nhac_{code}.txt"))
        written.append(write_text_atomic(out_dir / name, reminder_text(result, units[code], items, deadline)))
    return written
