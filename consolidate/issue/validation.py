"""The data validation of a template's input cells: what Excel refuses, and what it tells.

Each input cell gets the catalog's type, bounds and options as an Excel data validation (a stop
box names the allowed values), and an input prompt shown whenever the cell is selected: the
indicator's label, unit of measure, bounds, time basis (its ``nature``) and whether it is
required. Text cells and explanation cells get the prompt alone (validation type "any").

Excel limits a prompt's title to 32 characters and its text to 255; LibreOffice keeps both when
it saves the file again.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from consolidate.core.model import Catalog, Indicator
from consolidate.core.numbers import format_number
from consolidate.issue.text import NATURE_NOTES

MAX_NUMBER = 1e12
TITLE_LIMIT, MESSAGE_LIMIT = 32, 255


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bounds_text(ind: Indicator) -> str:
    low, high = ind.minimum, ind.maximum
    if low is None and high is None:
        return ""
    kind = "số nguyên" if ind.type == "integer" else "số"
    if low is not None and high is not None:
        return f"Ghi {kind} từ {format_number(low)} đến {format_number(high)}."
    if low is not None:
        return f"Ghi {kind} không nhỏ hơn {format_number(low)}."
    return f"Ghi {kind} không lớn hơn {format_number(high)}."


def prompt(catalog: Catalog, ind: Indicator) -> dict[str, str]:
    """The input prompt of an indicator's cell: ``input_title`` and ``input_message``."""
    parts = []
    if ind.unit:
        parts.append(f"Đơn vị tính: {ind.unit}.")
    if ind.nature in NATURE_NOTES:
        note = NATURE_NOTES[ind.nature]
        parts.append(note[:1].upper() + note[1:] + ".")
    if ind.numeric:
        parts.append(_bounds_text(ind))
        if ind.type != "integer":
            parts.append("Dùng dấu phẩy cho phần thập phân.")
    elif ind.type == "enum":
        parts.append("Chọn trong danh sách: " + " / ".join(o.label for o in ind.options) + ".")
    elif ind.type == "date":
        parts.append("Ghi ngày dạng ngày/tháng/năm, ví dụ 30/09/2021.")
    if ind.applies_to is not None:
        parts.append("Chỉ " + catalog.who(ind.applies_to) + " điền.")
    parts.append("Bắt buộc." if ind.required else "Không phát sinh thì ghi 0." if ind.numeric else "")
    message = " ".join(p for p in parts if p)
    return {
        "input_title": _shorten(ind.label, TITLE_LIMIT),
        "input_message": _shorten(f"{ind.label}. {message}".strip(), MESSAGE_LIMIT),
    }


def explanation_prompt(code: str, title: str) -> dict[str, Any]:
    """The prompt-only validation of the explanation cell of rule ``code``."""
    return {
        "validate": "any",
        "input_title": _shorten(f"Giải trình {code}", TITLE_LIMIT),
        "input_message": _shorten(
            f"Chỉ ghi khi báo cáo có cảnh báo {code} ({title}) mà số liệu là đúng: nêu lý do. "
            "Không có cảnh báo thì để trống.",
            MESSAGE_LIMIT,
        ),
    }


def validation(catalog: Catalog, ind: Indicator) -> dict[str, Any]:
    """Excel data validation of an input cell from the catalog's type, bounds and options, with its
    input prompt."""
    lo = ind.minimum if ind.minimum is not None else -MAX_NUMBER
    hi = ind.maximum if ind.maximum is not None else MAX_NUMBER
    common = {"error_title": "Số liệu không hợp lệ", "ignore_blank": True, **prompt(catalog, ind)}
    if ind.type == "integer":
        return {
            **common,
            "validate": "integer",
            "criteria": "between",
            "minimum": int(lo),
            "maximum": int(hi),
            "error_message": f"Nhập số nguyên từ {int(lo)} đến {int(hi)}.",
        }
    if ind.type in ("money", "decimal"):
        return {
            **common,
            "validate": "decimal",
            "criteria": "between",
            "minimum": lo,
            "maximum": hi,
            "error_message": f"Nhập số từ {lo:g} đến {hi:g} ({ind.unit}).",
        }
    if ind.type == "enum":
        return {
            **common,
            "validate": "list",
            "source": [o.label for o in ind.options],
            "error_message": "Chọn một giá trị trong danh sách.",
        }
    if ind.type == "date":
        return {
            **common,
            "validate": "date",
            "criteria": "between",
            "minimum": dt.date(2000, 1, 1),
            "maximum": dt.date(2100, 12, 31),
            "error_message": "Nhập ngày dạng ngày/tháng/năm.",
        }
    return {"validate": "any", **prompt(catalog, ind)}
