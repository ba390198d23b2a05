"""Reminder letters: one short Vietnamese text per unit that is missing or rejected, naming the
period, the deadline when one is given, and the exact problems to fix (sheet, cell, what to do).

Plain UTF-8 text, ready to paste into an e-mail or a message. The office's signature block comes
from bloc.yaml.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from consolidate.core.atomic import write_text_atomic
from consolidate.core.messages import location, render
from consolidate.core.names import NameSet, safe_name
from consolidate.pipeline.result import MergeResult, UnitStatus


def reminder_text(result: MergeResult, state: UnitStatus, deadline: dt.date | None) -> str:
    cat = result.catalog
    period = result.period.label(cat) if result.period else "kỳ này"
    by = f" trước ngày {deadline.strftime('%d/%m/%Y')}" if deadline else " sớm nhất có thể"
    lines = [
        f"Kính gửi: {state.unit.name} ({state.unit.code})",
        "",
        f"Văn phòng {cat.bloc.committee} đang tổng hợp báo cáo kết quả công tác xây dựng Đảng {period}.",
    ]
    if state.status == "unreadable":
        assert state.file is not None  # the file named after the unit
        lines += [
            f"Văn phòng đã nhận tệp “{state.file.path}” của đơn vị nhưng không đọc được số liệu trong tệp "
            "(tệp không phải bảng tính Excel của biểu mẫu, hoặc bị hỏng).",
            f"Đề nghị đơn vị gửi lại chính tệp Excel (.xlsx) của biểu mẫu {cat.unit_form.id} đã được cấp{by}; "
            "không gửi ảnh chụp, tệp PDF hay CSV.",
        ]
    elif state.status == "missing":
        lines += [
            f"Đến nay Văn phòng chưa nhận được báo cáo {period} của đơn vị.",
            f"Đề nghị đơn vị điền biểu mẫu {cat.unit_form.id} đã được cấp và gửi về Văn phòng{by}.",
        ]
    else:
        assert state.file is not None  # a rejected unit sent a file
        problems = [f for f in state.file.findings if f.is_error]
        lines += [
            f"Báo cáo đơn vị gửi (tệp “{state.file.path}”) chưa được tiếp nhận vì còn {len(problems)} lỗi sau:",
            "",
        ]
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
    lines += ["", "Trân trọng.", f"VĂN PHÒNG {cat.bloc.committee.upper()}"]
    return "\n".join(lines) + "\n"


def write_reminders(result: MergeResult, out_dir: str | Path, deadline: dt.date | None = None) -> list[Path]:
    """nhac_<MÃ>.txt for every expected unit that is missing or rejected (and the bloc's own report);
    names Windows accepts, never two differing only by letter case."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    names = NameSet()
    for state in result.units:
        if state.status in ("missing", "rejected", "unreadable"):
            name = names.claim(safe_name(f"nhac_{state.unit.code}.txt"))
            written.append(write_text_atomic(out_dir / name, reminder_text(result, state, deadline)))
    return written
