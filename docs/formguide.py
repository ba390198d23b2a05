"""The form author's guide, docs/viet-bieu-mau.md: the hand-written text of
docs/guide/viet-bieu-mau.src.md with its key tables and error examples generated from the code.

Placeholders in the source:

- ``{{keys:MODEL}}``: a table of the keys of a catalog model (FormFile, Section, Indicator from
  :func:`consolidate.catalog.shapes.form_shape`; BlocFile, OutlierShape, PeriodRuleShape from
  :mod:`consolidate.catalog.shapes`) — key, meaning, default, and an example taken from the YAML
  shipped in schemas/ and examples/forms/ (so every example is one that loads);
- ``{{methods}}`` / ``{{kinds}}``: each registered aggregation method / rule kind with its
  description and the keys of its shape (a kind with the placeholders its messages may use);
- ``{{placeholders:common|outliers|period_rules}}``: the placeholders every rule's messages may
  use, and those of outliers and period rules — from the set the loader checks against;
- ``{{slips}}``: real catalog errors, produced by loading a copy of schemas/ with one slip each.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic.fields import FieldInfo

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "docs" / "guide" / "viet-bieu-mau.src.md"
EXAMPLE_MAX = 70

# Slips a form author makes: (what it is, what the author wrote, file under schemas/, old text, new text).
SLIPS = [
    (
        "Tỷ lệ phần trăm thiếu scale",
        "aggregate: {method: ratio, numerator: ket_nap, denominator: chi_tieu_ket_nap_nam}",
        "forms/bc_tccs.yaml",
        "denominator: chi_tieu_ket_nap_nam, scale: 100}",
        "denominator: chi_tieu_ket_nap_nam}",
    ),
    (
        "min lớn hơn max",
        "min: 10, max: 1",
        "forms/bc_tccs.yaml",
        "min: 0, max: 10000, required: true, nature: flow}",
        "min: 10, max: 1, required: true, nature: flow}",
    ),
    (
        "Chỗ trống không có trong loại quy tắc",
        'message: "… ({chi_tiet}) …"',
        "forms/bc_tccs.yaml",
        "trong kỳ được {expected} ({detail})",
        "trong kỳ được {expected} ({chi_tiet})",
    ),
    (
        "Tên trang tính có ký tự Excel không nhận",
        "sheet: Báo cáo/Quý",
        "forms/bc_tccs.yaml",
        "sheet: Báo cáo",
        "sheet: Báo cáo/Quý",
    ),
    ("Hai mục trùng mã", "id: B", "forms/bc_tccs.yaml", "  - id: B2", "  - id: B"),
    (
        "Gõ sai loại quy tắc",
        "kind: summ",
        "forms/bc_tccs.yaml",
        "kind: sum\n    total: dv_cuoi_ky",
        "kind: summ\n    total: dv_cuoi_ky",
    ),
    (
        "Một khóa ghi hai lần",
        "unit: đồng chí, …, unit: người",
        "forms/bc_tccs.yaml",
        "short: kết nạp, unit: đồng chí,",
        "short: kết nạp, unit: đồng chí, unit: người,",
    ),
    (
        "Khóa gõ sai",
        "requird: true",
        "forms/bc_tccs.yaml",
        "role: unit_name, required: true",
        "role: unit_name, requird: true",
    ),
]


def _yaml_files() -> list[Path]:
    return [
        ROOT / "schemas" / "bloc.yaml",
        *sorted((ROOT / "schemas" / "forms").glob("*.yaml")),
        *sorted((ROOT / "examples" / "forms").glob("*.yaml")),
    ]


def _nodes(kind: str) -> Iterator[dict[str, Any]]:
    """Every mapping of the shipped YAML playing the part ``kind`` (FormFile, Section, Indicator,
    BlocFile, OutlierShape, PeriodRuleShape, rule:NAME, method:NAME)."""
    for path in _yaml_files():
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict):
            continue
        if "bloc" in data:
            if kind == "BlocFile":
                yield data
            continue
        if kind == "FormFile":
            yield data
        for section in data.get("sections") or []:
            if kind == "Section":
                yield section
            for ind in section.get("indicators") or []:
                if kind == "Indicator":
                    yield ind
                agg = ind.get("aggregate")
                if isinstance(agg, dict) and kind == f"method:{agg.get('method')}":
                    yield agg
        for rule in data.get("rules") or []:
            if kind == f"rule:{rule.get('kind')}":
                yield rule
        if kind == "OutlierShape":
            yield from data.get("outliers") or []
        if kind == "PeriodRuleShape":
            yield from data.get("period_rules") or []


def _flow(value: Any) -> str:
    text = yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=10**6, sort_keys=False).strip()
    text = text.removesuffix("...").strip()
    return text if len(text) <= EXAMPLE_MAX else text[: EXAMPLE_MAX - 1].rstrip() + "…"


def _example(kind: str, key: str, keys: set[str]) -> str:
    """The key's value in the shipped YAML, from the fullest mapping that has it (so the examples of
    one table come from one place where they can)."""
    nodes = sorted(_nodes(kind), key=lambda n: -len(keys & set(n)))
    for node in nodes:
        if key in node and node[key] not in (None, "", [], {}):
            return f"`{key}: {_flow(node[key])}`".replace("|", "\\|")
    return ""


def _default(info: FieldInfo) -> str:
    if info.is_required():
        return "**bắt buộc**"
    if info.default_factory is not None:
        value = info.default_factory()  # type: ignore[call-arg]
    else:
        value = info.default
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "`true`" if value else "`false`"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return f"`{_flow(value)}`"


def _meaning(name: str, info: FieldInfo) -> str:
    text = info.description or _COMMON.get(name, "")
    return " ".join(text.split()).replace("|", "\\|")


_COMMON = {
    "code": "Mã quy tắc: chữ in hoa và số, duy nhất trong danh mục; in trong danh sách lỗi.",
    "severity": "error: báo cáo bị từ chối; warning: chỉ cảnh báo.",
    "kind": "Loại quy tắc (xem bảng các loại).",
    "when": "Chỉ áp dụng cho đơn vị thỏa điều kiện, ví dụ {type: [DBCS]} hoặc {sector: [enterprise]}.",
    "explainable": "Đơn vị được giải trình (ở cuối biểu mẫu) thay vì sửa số.",
    "method": "Tên phương pháp tổng hợp.",
    "indicators": "Các chỉ tiêu của mục, theo thứ tự in.",
    "applies_to": "Chỉ những đơn vị thỏa điều kiện điền chỉ tiêu này, ví dụ {sector: [enterprise]}; đơn vị khác "
    "điền vào là lỗi.",
    "where": "Chỉ đếm đơn vị thỏa điều kiện, ví dụ {type: [DBCS]}.",
    "bloc": "Thông tin của Đảng bộ Khối và khối đầu văn bản.",
    "periods": "Các kỳ báo cáo: mã kỳ (Q1, 6T, 9T, CN) → tên, ngày chốt, thứ tự, hạn nộp.",
    "unit_types": "Loại tổ chức cơ sở đảng: mã → {label, short}.",
    "sectors": "Loại hình đơn vị: mã → {label}.",
    "bloc_rules": "Quy tắc đối chiếu giữa các tổng toàn Khối (kind: totals_compare).",
    "qualifiers": "Các mức độ của số tiền (hơn, gần, khoảng …) cho chỉ tiêu qualified.",
    "charts": "Biểu đồ của bảng tổng hợp.",
    "history": "Cơ sở dữ liệu lịch sử các kỳ.",
}


def keys_table(model: type, kind: str, skip: tuple[str, ...] = ()) -> str:
    rows = ["| Khóa | Ý nghĩa | Mặc định | Ví dụ |", "|---|---|---|---|"]
    fields = model.model_fields  # type: ignore[attr-defined]
    for name, info in fields.items():
        if name in skip:
            continue
        rows.append(f"| `{name}` | {_meaning(name, info)} | {_default(info)} | {_example(kind, name, set(fields))} |")
    return "\n".join(rows)


def _models() -> dict[str, tuple[type, str]]:
    from consolidate.catalog import shapes

    form = shapes.form_shape()
    section = form.model_fields["sections"].annotation.__args__[0]  # type: ignore[union-attr]
    indicator = section.model_fields["indicators"].annotation.__args__[0]
    return {
        "FormFile": (form, "FormFile"),
        "Section": (section, "Section"),
        "Indicator": (indicator, "Indicator"),
        "BlocFile": (shapes.BlocFile, "BlocFile"),
        "OutlierShape": (shapes.OutlierShape, "OutlierShape"),
        "PeriodRuleShape": (shapes.PeriodRuleShape, "PeriodRuleShape"),
    }


def methods_text() -> str:
    from consolidate import aggregations

    parts = []
    for method in aggregations.methods():
        shape = type(method).Shape
        own = [n for n in shape.model_fields if n != "method"]
        parts.append(f"### `{method.name}`\n\n{type(method).description}")
        if own:
            parts.append(keys_table(shape, f"method:{method.name}", skip=("method",)))
        else:
            parts.append("Không có khóa riêng: ghi `aggregate: " + method.name + "`.")
    return "\n\n".join(parts)


def _names(placeholders: frozenset[str]) -> str:
    return ", ".join(f"`{{{p}}}`" for p in sorted(placeholders))


def placeholders_text(own: frozenset[str], shape: Any, of: str = "") -> str:
    """The placeholders a check's ``message``/``fix`` may use: computed by the function the loader
    checks them with (rules.base.message_placeholders), so the guide says exactly what loads."""
    from consolidate.rules.base import message_placeholders

    plain = message_placeholders(own, False)
    more = message_placeholders(own, True) - plain if "explainable" in shape.model_fields else frozenset()
    text = f"Chỗ trống dùng được trong `message`/`fix`{f' của `{of}`' if of else ''}: {_names(plain)}"
    return text + (f"; với `explainable: true` thêm {_names(more)}." if more else ".")


def _placeholders(name: str) -> str:
    from consolidate.catalog import forms, shapes
    from consolidate.rules.base import message_placeholders

    if name == "common":
        return _names(message_placeholders(frozenset(), False))
    if name == "outliers":
        return placeholders_text(forms.OUTLIER_PLACEHOLDERS, shapes.OutlierShape, "outliers")
    return placeholders_text(forms.PERIOD_PLACEHOLDERS, shapes.PeriodRuleShape, "period_rules")


def kinds_text() -> str:
    from consolidate import rules
    from consolidate.rules.base import RuleShape

    common = set(RuleShape.model_fields)
    parts = []
    for kind in rules.kinds():
        cls = type(kind)
        places = placeholders_text(cls.placeholders, cls.Shape)
        parts.append(f"### `{kind.name}`\n\n{cls.description} {places}")
        parts.append(keys_table(cls.Shape, f"rule:{kind.name}", skip=tuple(common - {"when"})))
        example = next(_nodes(f"rule:{kind.name}"), None)
        if example is not None:
            dumped = yaml.safe_dump([example], allow_unicode=True, sort_keys=False, width=100).rstrip()
            parts.append(f"Ví dụ trong danh mục:\n\n```yaml\nrules:\n{_indent(dumped)}\n```")
    return "\n\n".join(parts)


def _indent(text: str) -> str:
    return "\n".join("  " + line if line else line for line in text.splitlines())


def slips_text() -> str:
    from consolidate.catalog.loader import CatalogError, default_schema_dir, load_catalog

    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for what, shown, file, old, new in SLIPS:
            target = Path(tmp) / what.replace(" ", "_")
            shutil.copytree(default_schema_dir(), target)
            path = target / file
            text = path.read_text(encoding="utf-8")
            if old not in text:
                raise SystemExit(f"docs/formguide.py: the slip {what!r} no longer applies to schemas/{file}")
            path.write_text(text.replace(old, new, 1), encoding="utf-8")
            try:
                load_catalog(target)
            except CatalogError as err:
                lines += [f"- {what} (`{shown}`):", "", "  ```text", f"  {err.text('vi')}", "  ```", ""]
            else:
                raise SystemExit(f"docs/formguide.py: the slip {what!r} loads without an error")
    return "\n".join(lines).rstrip()


def guide_markdown() -> str:
    models = _models()

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name.startswith("keys:"):
            model, kind = models[name.removeprefix("keys:")]
            return keys_table(model, kind)
        if name.startswith("placeholders:"):
            return _placeholders(name.removeprefix("placeholders:"))
        return {"methods": methods_text, "kinds": kinds_text, "slips": slips_text}[name]()

    source = SOURCE.read_text(encoding="utf-8")
    body = re.sub(r"\{\{([\w:]+)\}\}", fill, source)
    note = "<!-- Generated by `python docs/generate.py` from docs/guide/viet-bieu-mau.src.md; edit that file. -->"
    return f"{note}\n\n{body.rstrip()}\n"
