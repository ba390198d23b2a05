"""Slips in a single key of a form that its shape cannot express, as (Vietnamese, English) words
the form builder raises with the file and key path:

- a sheet name Excel refuses, or one the tool itself adds to a template or a feedback copy
  (:data:`~consolidate.core.layout.RESERVED_SHEETS`, compared ignoring case as Excel does);
- a key the tool would silently ignore: ``decimals`` of an integer indicator (a whole number has
  none, unless its method rounds a quotient to them), ``required``/``min``/``max`` of a computed
  indicator (it is not typed in, so nothing is required or checked against bounds).
"""

from __future__ import annotations

from typing import Any

from consolidate.aggregations import Method
from consolidate.core.layout import RESERVED_SHEETS

SHEET_FORBIDDEN = set("[]:*?/\\")


def sheet_problem(name: str) -> tuple[str, str] | None:
    """What is wrong with a data sheet's name, or None."""
    bad = sorted(set(name) & SHEET_FORBIDDEN)
    if len(name) > 31 or bad or not name or name.startswith("'") or name.endswith("'"):
        detail = (
            (f"dài {len(name)} ký tự (tối đa 31)", f"is {len(name)} characters long (at most 31)")
            if len(name) > 31
            else (
                f"có ký tự Excel không nhận: {' '.join(bad) or chr(39)}",
                f"has characters Excel refuses: {' '.join(bad) or chr(39)}",
            )
        )
        return f"tên trang tính “{name}” {detail[0]}", f"sheet name {name!r} {detail[1]}"
    taken = next((s for s in RESERVED_SHEETS if s.casefold() == name.casefold()), None)
    if taken is not None:
        return (
            f"“{name}” là tên trang “{taken}” công cụ tự thêm vào biểu mẫu hoặc bản phản hồi (Excel không phân "
            "biệt chữ hoa, chữ thường); chọn tên khác",
            f"{name!r} is the name of the sheet {taken!r} the tool adds to templates or feedback copies (Excel "
            "ignores case); choose another",
        )
    return None


def ignored_key(s: Any, method: Method) -> tuple[str, str, str] | None:
    """(key, vi, en) of a key of indicator shape ``s`` that would be ignored, or None."""
    if s.type == "integer" and s.decimals and not method.rounds:
        return (
            "decimals",
            "chỉ tiêu kiểu integer là số nguyên (số đếm), không có chữ số thập phân; bỏ decimals, hoặc dùng "
            "type: decimal",
            "an integer indicator is a whole number (a count) and has no decimals; remove decimals, or use "
            "type: decimal",
        )
    for key in ("required", "min", "max") if method.derived else ():
        if getattr(s, key) not in (None, False):
            return (
                key,
                f"chỉ tiêu tự tính (aggregate: {method.name}) không do đơn vị nhập, nên không thể bắt buộc hay "
                f"giới hạn min/max; bỏ {key}",
                f"a computed indicator (aggregate: {method.name}) is not typed in, so it cannot be required or "
                f"bounded by min/max; remove {key}",
            )
    return None
