"""The Vietnamese words of a template: the instructions sheet and each row's note.

Generated from the catalog — who fills what, over which time (an indicator's ``nature``), the
units of measure, the cross-field rules — plus the form's own ``instructions`` lines, so the
instructions never drift from what validation checks and no form's wording lives in the code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from consolidate.core.model import Catalog, Form, Indicator
from consolidate.core.periods import Period

NATURE_NOTES = {
    "flow": "cộng dồn từ 01/01 đến ngày chốt số liệu",
    "stock": "tại ngày chốt số liệu",
    "opening": "tại ngày 01/01 (đầu năm)",
    "average": "bình quân từ 01/01 đến ngày chốt số liệu",
    "plan": "kế hoạch, chỉ tiêu của cả năm",
}


def note_for(catalog: Catalog, ind: Indicator) -> str:
    """The "Ghi chú" of a row: who fills it, over what time, required or not, the form's own note."""
    parts: list[str] = []
    if ind.derived:
        parts.append("Tự tính, không nhập")
    if ind.required:
        parts.append("Bắt buộc")
    if ind.applies_to is not None:
        parts.append("Chỉ " + catalog.who(ind.applies_to) + " điền")
    if ind.nature in NATURE_NOTES and not ind.derived:
        parts.append(NATURE_NOTES[ind.nature])
    if ind.type == "enum" and not ind.role:
        parts.append("chọn trong danh sách")
    if ind.qualified:
        parts.append("chọn mức độ nếu là số ước")
    if ind.note:
        parts.append(ind.note)
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] if text else ""


def instructions(catalog: Catalog, form: Form, period: Period | None) -> list[tuple[str, str]]:
    """(kind, text) lines of the instructions sheet; kind is "head" or "text"."""
    cut = period.cutoff(catalog).strftime("%d/%m/%Y") if period else "ngày chốt số liệu của kỳ"
    inds = list(form.indicators.values())
    natures = {i.nature for i in inds if i.input}
    lines = [
        ("head", "1. Cách điền"),
        ("text", f"• Mở trang “{form.sheet}”, chỉ điền vào các ô nền vàng, viền đậm ở cột “Số liệu”."),
        ("text", "• Chọn một ô, biểu mẫu hiện lời nhắc: chỉ tiêu, đơn vị tính, giới hạn, cách tính theo thời gian."),
        ("text", "• Không sửa, không xóa cột “Mã số” và không xóa dòng: công cụ tổng hợp tìm số liệu theo mã số."),
        ("text", "• Có thể chèn thêm dòng để ghi chú; dòng chèn thêm không ảnh hưởng đến số liệu."),
    ]
    if "flow" in natures:
        lines.append(("text", f"• Chỉ tiêu ghi “cộng dồn từ 01/01” tính từ ngày 01/01 đến ngày {cut}."))
    if "stock" in natures:
        lines.append(("text", f"• Chỉ tiêu ghi “tại ngày chốt số liệu” lấy số tại ngày {cut}."))
    if "opening" in natures:
        lines.append(("text", "• Chỉ tiêu ghi “tại ngày 01/01” lấy số đầu năm."))
    if "average" in natures:
        lines.append(("text", f"• Chỉ tiêu ghi “bình quân” tính bình quân từ ngày 01/01 đến ngày {cut}."))
    if "plan" in natures:
        lines.append(("text", "• Chỉ tiêu ghi “kế hoạch, chỉ tiêu của cả năm” ghi số đã đăng ký cho cả năm."))
    lines.append(
        (
            "text",
            "• Ghi số bằng chữ số, không kèm chữ; dùng dấu phẩy cho phần thập phân (ví dụ 75,5). "
            "Chỉ tiêu không phát sinh thì ghi 0.",
        )
    )
    if any(i.derived and i.aggregation.template == "formula" for i in inds):
        lines.append(("text", "• Các ô nền xám (tỷ lệ …) do biểu mẫu tự tính, không nhập."))
    units = sorted({i.unit for i in inds if i.type == "money" and i.unit})
    if units:
        lines.append(("text", "• Số tiền ghi theo đơn vị tính ở cột “Đvt” (" + ", ".join(units) + ")."))
    lines += [("text", line if line.startswith("•") else f"• {line}") for line in form.instructions]
    lines += [
        ("head", "2. Gửi báo cáo"),
        ("text", "• Lưu tệp dạng .xlsx (Sổ làm việc Excel), không đặt mật khẩu, giữ nguyên tên các trang tính."),
        (
            "text",
            "• Gửi đúng tệp biểu mẫu đã cấp cho đơn vị; nếu gửi lại bản sửa, bản Văn phòng nhận sau cùng được dùng.",
        ),
    ]
    number = 3
    if form.explainable_rules:
        lines += [
            ("head", f"{number}. Giải trình cảnh báo"),
            (
                "text",
                "• Nếu số liệu đúng nhưng bị cảnh báo, ghi lý do vào ô “Giải trình” tương ứng ở cuối trang số liệu.",
            ),
        ]
        number += 1
    if form.rules or form.outliers:
        lines.append(("head", f"{number}. Các quy tắc kiểm tra số liệu"))
    return lines


def rule_lines(
    catalog: Catalog, form: Form, address: Callable[[str], str | None] | None = None
) -> list[tuple[str, str]]:
    """One line per cross-field rule and plausibility check of the form: its title, the cells it
    looks at on this template (``address``: indicator code → "E32"), and its fix when the fix reads
    whole without a finding's figures (a fix naming ``{cell}`` … is for a finding, not for here)."""
    where = address or (lambda code: None)

    def line(code: str, level: str, title: str, fix: str, fields: Iterable[str]) -> tuple[str, str]:
        cells = list(dict.fromkeys(c for c in (where(f) for f in fields) if c))
        text = f"• {code} ({level}): {title}."
        if cells:
            text += f" Ô liên quan: {', '.join(cells)}."
        if fix and "{" not in fix:
            text += f" {fix}"
        return ("text", text)

    out = []
    for rule in form.rules:
        level = "Lỗi" if rule.severity == "error" else "Cảnh báo"
        out.append(line(rule.code, level, rule.texts.title, rule.texts.fix, rule.fields))
    for check in form.outliers:
        out.append(
            line(check.code, "Cảnh báo", check.texts.title, check.texts.fix, (check.numerator, check.denominator))
        )
    return out
