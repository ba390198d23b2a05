"""The Vietnamese words of a template: the instructions sheet and each row's note.

Generated from the catalog (who fills what, flows and stocks, the cross-field rules) so the
instructions can never drift from what validation checks.
"""

from __future__ import annotations

from consolidate.core.model import Catalog, Form, Indicator
from consolidate.core.periods import Period


def note_for(catalog: Catalog, ind: Indicator) -> str:
    """The "Ghi chú" of a row: who fills it, over what time, required or not."""
    parts: list[str] = []
    if ind.derived:
        parts.append("Tự tính, không nhập")
    if ind.required:
        parts.append("Bắt buộc")
    if ind.applies_to is not None:
        parts.append("Chỉ " + _who(catalog, ind) + " điền")
    if ind.nature == "flow":
        parts.append("cộng dồn từ 01/01")
    elif ind.nature == "stock":
        parts.append("tại ngày chốt số liệu")
    if ind.type == "enum" and not ind.role:
        parts.append("chọn trong danh sách")
    if ind.qualified:
        parts.append("chọn mức độ nếu là số ước")
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] if text else ""


def _who(catalog: Catalog, ind: Indicator) -> str:
    words = []
    assert ind.applies_to is not None  # called only for an indicator with applies_to
    for attr, allowed in ind.applies_to.terms:
        if attr == "type":
            words += [catalog.unit_types[k].label.lower() for k in sorted(allowed)]
        else:
            group = next((g for g, members in catalog.sector_groups.items() if members == allowed), None)
            words.append(
                "doanh nghiệp"
                if group == "enterprise"
                else ", ".join(catalog.sectors[k].label.lower() for k in sorted(allowed))
            )
    return ", ".join(words)


def instructions(catalog: Catalog, form: Form, period: Period | None) -> list[tuple[str, str]]:
    """(kind, text) lines of the instructions sheet; kind is "head" or "text"."""
    cut = period.cutoff(catalog).strftime("%d/%m/%Y") if period else "ngày chốt số liệu của kỳ"
    lines = [
        ("head", "1. Cách điền"),
        ("text", f"• Mở trang “{form.sheet}”, chỉ điền vào các ô nền vàng ở cột “Số liệu”."),
        ("text", "• Không sửa, không xóa cột “Mã số” và không xóa dòng: công cụ tổng hợp tìm số liệu theo mã số."),
        ("text", "• Có thể chèn thêm dòng để ghi chú; dòng chèn thêm không ảnh hưởng đến số liệu."),
        (
            "text",
            f"• Số liệu cộng dồn (kết nạp, kỷ luật, doanh thu…) tính từ ngày 01/01 đến ngày {cut}; "
            "số liệu thời điểm (số đảng viên, lao động…) lấy tại ngày chốt số liệu.",
        ),
        (
            "text",
            "• Ghi số bằng chữ số, không kèm chữ; dùng dấu phẩy cho phần thập phân (ví dụ 75,5). "
            "Chỉ tiêu không phát sinh thì ghi 0.",
        ),
        ("text", "• Các tỷ lệ (%) do biểu mẫu tự tính, không nhập."),
        ("text", "• Số tiền ghi theo triệu đồng; thu nhập bình quân ghi theo triệu đồng/người/tháng."),
        ("head", "2. Gửi báo cáo"),
        ("text", "• Lưu tệp dạng .xlsx (Sổ làm việc Excel), không đặt mật khẩu, giữ nguyên tên các trang tính."),
        (
            "text",
            "• Gửi đúng tệp biểu mẫu đã cấp cho đơn vị; mỗi kỳ chỉ gửi một tệp, nếu gửi lại thì tệp lưu sau được dùng.",
        ),
        ("head", "3. Giải trình cảnh báo"),
        (
            "text",
            "• Nếu số liệu đúng nhưng bị cảnh báo (ví dụ số đảng viên ít hơn mức thường gặp), "
            "ghi lý do vào ô “Giải trình” tương ứng ở cuối trang số liệu.",
        ),
        ("head", "4. Các quy tắc kiểm tra số liệu"),
    ]
    return lines


def rule_lines(catalog: Catalog, form: Form) -> list[tuple[str, str]]:
    """One line per cross-field rule and plausibility check of the form."""
    out = []
    for rule in form.rules:
        level = "Lỗi" if rule.severity == "error" else "Cảnh báo"
        out.append(("text", f"• {rule.code} ({level}): {rule.texts.title}. {rule.texts.fix}"))
    for check in form.outliers:
        out.append(("text", f"• {check.code} (Cảnh báo): {check.texts.title}. {check.texts.fix}"))
    return out
