"""Catalog errors in words a form author understands, in Vietnamese and English.

pydantic reports a validation error as a location (keys, list indexes and the tags of the unions
it tried) and a type; :func:`from_validation` turns the most precise one into a
:class:`~consolidate.core.errors.CatalogError` naming the file, the key path as written in the YAML
("sections[1].indicators[3].type") and the indicator or rule it belongs to.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import ValidationError

from consolidate.core.errors import CatalogError

# pydantic error type → (Vietnamese, English); {names} come from the error's context.
PYDANTIC: dict[str, tuple[str, str]] = {
    "missing": ("thiếu khóa bắt buộc", "is required"),
    "extra_forbidden": (
        "khóa không có trong mẫu (một dấu phẩy trong nhãn không đặt trong ngoặc kép sẽ tách nhãn)",
        "unknown key (a comma in an unquoted label splits it)",
    ),
    "text_expected": ("cần một đoạn chữ", "expected text"),
    "number_expected": ("cần một số", "expected a number"),
    "whole_expected": ("cần một số nguyên", "expected a whole number"),
    "flag_expected": ("cần true hoặc false", "expected true or false"),
    "literal_error": ("giá trị không hợp lệ; dùng một trong: {expected}", "not allowed; use one of: {expected}"),
    "union_tag_invalid": (
        "“{tag}” không có; dùng một trong: {expected_tags}",
        "unknown {tag!r}; use one of: {expected_tags}",
    ),
    "union_tag_not_found": ("thiếu {discriminator}", "{discriminator} is required"),
    "model_type": ("cần một bảng khóa: giá trị", "expected a mapping"),
    "model_attributes_type": ("cần một bảng khóa: giá trị", "expected a mapping"),
    "dict_type": ("cần một bảng khóa: giá trị", "expected a mapping"),
    "list_type": ("cần một danh sách", "expected a list"),
    "too_short": ("cần ít nhất {min_length} mục", "needs at least {min_length} item(s)"),
    "greater_than": ("phải lớn hơn {gt}", "must be greater than {gt}"),
    "greater_than_equal": ("phải từ {ge} trở lên", "must be at least {ge}"),
    "less_than_equal": ("phải không quá {le}", "must be at most {le}"),
    "min_above_max": ("min lớn hơn max", "min is greater than max"),
    "string_type": ("cần một đoạn chữ", "expected text"),
}


def _walk(raw: Any, loc: Sequence[Any]) -> tuple[list[Any], list[Any]]:
    """The location as written in the YAML (union tags dropped), and the raw values along it."""
    path, values, node = [], [raw], raw
    for n, item in enumerate(loc):
        if (isinstance(node, Mapping) and item in node) or (
            isinstance(node, list) and isinstance(item, int) and 0 <= item < len(node)
        ):
            node = node[item]
        elif n == len(loc) - 1 and isinstance(node, Mapping) and isinstance(item, str):
            path.append(item)  # a missing key: name it
            break
        else:
            continue  # a union's tag ("sum", "str", "function-after[...]")
        path.append(item)
        values.append(node)
    return path, values


def _choices(text: str, lang: str) -> str:
    """ "'a', 'b' or 'c'" → "a, b, c"."""
    return text.replace("'", "").replace(" or ", ", ")


def key_path(path: Sequence[Any]) -> str:
    out = ""
    for item in path:
        out += f"[{item}]" if isinstance(item, int) else (f".{item}" if out else str(item))
    return out


def subject_of(path: Sequence[Any], values: Sequence[Any]) -> tuple[str, str] | None:
    """The innermost indicator or rule the location is inside: ("indicator", code) / ("rule", code)."""
    found = None
    for i, item in enumerate(path):
        node = values[i + 1] if i + 1 < len(values) else None
        parent = path[i - 1] if i else None
        if isinstance(item, int) and isinstance(node, Mapping) and isinstance(node.get("code"), str):
            if parent == "indicators":
                found = ("indicator", node["code"])
            elif parent in ("rules", "outliers", "period_rules", "bloc_rules"):
                found = ("rule", node["code"])
    return found


def _fill(template: str, ctx: Mapping[str, Any]) -> str:
    safe = {k: (", ".join(map(str, v)) if isinstance(v, (list, tuple)) else v) for k, v in ctx.items()}
    safe.setdefault("expected", "")
    try:
        return template.format(**safe)
    except (KeyError, IndexError, ValueError):
        return template


def from_validation(
    file: str, raw: Any, exc: ValidationError, extra: Mapping[str, tuple[str, str]] = {}
) -> CatalogError:
    """The most precise error of ``exc`` (the deepest location) as a CatalogError."""
    best = None
    for error in exc.errors(include_url=False):
        path, values = _walk(raw, error["loc"])
        rank = (len(path), error["type"] not in ("text_expected", "model_type", "list_type", "dict_type"))
        if best is None or rank > best[0]:
            best = (rank, path, values, error)
    assert best is not None
    _, path, values, error = best
    table = {**PYDANTIC, **extra}
    ctx = dict(error.get("ctx") or {})
    if error["type"].startswith("union_tag_") and isinstance(ctx.get("discriminator"), str):
        path = [*path, ctx["discriminator"].strip("'")]  # name the key that selects the kind
    for key in ("expected", "expected_tags"):
        if isinstance(ctx.get(key), str):
            ctx[key] = _choices(ctx[key], "en")
    if error["type"] in table:
        vi, en = table[error["type"]]
        message = {"vi": _fill(vi, ctx), "en": _fill(en, ctx)}
    else:
        message = {"vi": error["msg"], "en": error["msg"]}
    return CatalogError(file, key_path(path), message, subject_of(path, values))
