"""The built-in rule kinds of the catalog.

- ``sum``: ``total`` = Σ ``plus`` − Σ ``minus`` (the membership balance, a total of its parts);
- ``not_greater``: in each ``[part, whole]`` pair, part ≤ whole;
- ``empty_when``: the ``fields`` stay empty (or 0) for units matching ``when``;
- ``required_when``: the ``fields`` are filled for units matching ``when``;
- ``filled_iff``: the ``fields`` are filled exactly for the units matching ``when``;
- ``range``: ``field`` lies within ``min``/``max`` (for the units matching ``when``, if given).

Each finding names every cell involved and gives its message the numbers in words the form's
wording can use: a sum's total as written, what its parts add up to and the parts themselves
("đầu năm 69, kết nạp 3; trừ chuyển đi 1"), a pair's two labels and figures ("số “Trong đó: nữ”
(12) lớn hơn số “Tổng số” (11)").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from pydantic import Field, model_validator
from pydantic_core import PydanticCustomError

from consolidate.core.model import Rule
from consolidate.core.numbers import format_number
from consolidate.core.shape import Codes, Number, Text
from consolidate.rules.base import (
    TOLERANCE,
    Row,
    RuleKind,
    RuleShape,
    Violation,
    bilingual,
    cell_list,
    condition_mask,
    everywhere,
    filled,
    nonzero,
    numbers,
)

if TYPE_CHECKING:
    import pandas as pd

SHOW_ALL_TERMS = 4  # a sum of at most this many terms names each of them in its message


class SumShape(RuleShape):
    kind: Literal["sum"]
    total: Text = Field(description="Mã chỉ tiêu tổng.")
    plus: Codes = Field(description="Các mã chỉ tiêu cộng vào.")
    minus: Codes = Field(default_factory=list, description="Các mã chỉ tiêu trừ đi.")


class Sum(RuleKind):
    name = "sum"
    description = "Tổng bằng tổng các phần: total = Σ plus − Σ minus (ví dụ số cuối kỳ = đầu kỳ + tăng − giảm)."
    Shape = SumShape
    numeric = True
    placeholders = frozenset({"detail", "expected", "total", "difference", "parts_cells"})

    def fields(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        return (params["total"], *params["plus"], *params["minus"])

    def passes(self, rule: Rule, frame: pd.DataFrame) -> pd.Series:
        p = rule.params
        expected = everywhere(frame, False).astype(float)
        for code in p["plus"]:
            expected = expected + numbers(frame, code).fillna(0)
        for code in p["minus"]:
            expected = expected - numbers(frame, code).fillna(0)
        total = numbers(frame, p["total"])
        return total.isna() | ((total - expected).abs() <= TOLERANCE)

    def violations(self, rule: Rule, row: Row) -> list[Violation]:
        p = rule.params
        terms = [*p["plus"], *p["minus"]]
        expected = sum(row.value(c) or 0 for c in p["plus"]) - sum(row.value(c) or 0 for c in p["minus"])
        total = row.value(p["total"]) or 0
        # a few terms are all shown; of many, the first and those not zero
        shown = set(terms) if len(terms) <= SHOW_ALL_TERMS else {terms[0]} | {c for c in terms if row.value(c)}

        def listing(lang: str) -> str:
            def words(codes: list[str]) -> str:
                return ", ".join(
                    f"{row.name(c, lang)} {format_number(row.value(c) or 0, None, lang)}" for c in codes if c in shown
                )

            plus, minus = words(p["plus"]), words(p["minus"])
            joiner = "; trừ " if lang == "vi" else "; minus "
            return plus + (joiner + minus if minus else "")

        params = {
            "detail": bilingual(listing),
            "expected": expected,
            "total": total,
            "difference": abs(total - expected),
            "parts_cells": bilingual(lambda lang: cell_list([row.cell(c) for c in terms], lang)),
        }
        return [Violation(p["total"], self.fields(p), params)]


class NotGreaterShape(RuleShape):
    kind: Literal["not_greater"]
    pairs: list[list[Text]] = Field(description="Các cặp [chỉ tiêu chi tiết, chỉ tiêu tổng]: chi tiết ≤ tổng.")

    @model_validator(mode="after")
    def _pairs(self) -> NotGreaterShape:
        if any(len(p) != 2 for p in self.pairs):
            raise PydanticCustomError("pair_shape", "each pair is [part, whole]")
        return self


class NotGreater(RuleKind):
    name = "not_greater"
    description = "Trong mỗi cặp [chi tiết, tổng], số chi tiết không lớn hơn số tổng."
    Shape = NotGreaterShape
    numeric = True
    placeholders = frozenset({"detail", "whole_cell"})
    errors: ClassVar[Mapping[str, tuple[str, str]]] = {
        "pair_shape": ("mỗi cặp gồm [chỉ tiêu chi tiết, chỉ tiêu tổng]", "each pair is [part, whole]")
    }

    def params(self, shape: RuleShape) -> dict[str, Any]:
        assert isinstance(shape, NotGreaterShape)  # the catalog selects this kind by its own Shape
        return {"pairs": tuple(tuple(p) for p in shape.pairs)}

    def fields(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(c for pair in params["pairs"] for c in pair)

    def passes(self, rule: Rule, frame: pd.DataFrame) -> pd.Series:
        ok = everywhere(frame)
        for part, whole in rule.params["pairs"]:
            a, b = numbers(frame, part), numbers(frame, whole)
            ok &= a.isna() | b.isna() | (a <= b + TOLERANCE)
        return ok

    def violations(self, rule: Rule, row: Row) -> list[Violation]:
        out = []
        for part, whole in rule.params["pairs"]:
            a, b = row.value(part), row.value(whole)
            if a is not None and b is not None and a > b + TOLERANCE:

                def words(lang: str, a: Any = a, b: Any = b, part: str = part, whole: str = whole) -> str:
                    more = "lớn hơn" if lang == "vi" else "is greater than"
                    number = "số" if lang == "vi" else ""
                    return " ".join(
                        w
                        for w in (
                            number,
                            f"“{row.label(part, lang)}” ({format_number(a, None, lang)})",
                            more,
                            number,
                            f"“{row.label(whole, lang)}” ({format_number(b, None, lang)})",
                        )
                        if w
                    )

                detail = bilingual(words)  # a def, not a lambda: mypy cannot infer a lambda with defaults
                out.append(Violation(part, (part, whole), {"detail": detail, "whole_cell": row.cell(whole)}))
        return out


class FieldsShape(RuleShape):
    fields: Codes = Field(description="Các mã chỉ tiêu của quy tắc.")
    when: dict[Text, list[Text]] = Field(description="Điều kiện theo đơn vị (xem applies_to).")


class EmptyWhenShape(FieldsShape):
    kind: Literal["empty_when"]


class RequiredWhenShape(FieldsShape):
    kind: Literal["required_when"]


class FilledIffShape(FieldsShape):
    kind: Literal["filled_iff"]


class _Fields(RuleKind):
    """Kinds over a list of ``fields`` and a ``when`` condition."""

    needs_when = True
    placeholders = frozenset({"detail"})

    def fields(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        return tuple(params["fields"])

    def offending(self, value: Any, applies: bool) -> bool:
        raise NotImplementedError

    def detail(self, row: Row, code: str, value: Any) -> dict[str, str]:
        return bilingual(lambda lang: f"“{row.label(code, lang)}” ({row.cell(code)})")

    def violations(self, rule: Rule, row: Row) -> list[Violation]:
        out = []
        for code in self.fields(rule.params):
            value = row.value(code)
            if self.offending(value, row.applies):
                out.append(Violation(code, (code,), {"detail": self.detail(row, code, value)}))
        return out


class EmptyWhen(_Fields):
    name = "empty_when"
    description = "Các chỉ tiêu fields để trống (hoặc 0) với những đơn vị thỏa điều kiện when."
    Shape = EmptyWhenShape

    def passes(self, rule: Rule, frame: pd.DataFrame) -> pd.Series:
        bad = everywhere(frame, False)
        for code in self.fields(rule.params):
            bad |= nonzero(frame, code)
        return ~(condition_mask(frame, rule.when) & bad)

    def offending(self, value: Any, applies: bool) -> bool:
        return applies and value not in (None, 0, "")


class RequiredWhen(_Fields):
    name = "required_when"
    description = "Các chỉ tiêu fields phải điền với những đơn vị thỏa điều kiện when."
    Shape = RequiredWhenShape

    def passes(self, rule: Rule, frame: pd.DataFrame) -> pd.Series:
        missing = everywhere(frame, False)
        for code in self.fields(rule.params):
            missing |= ~filled(frame, code)
        return ~(condition_mask(frame, rule.when) & missing)

    def offending(self, value: Any, applies: bool) -> bool:
        return applies and value is None


class FilledIff(_Fields):
    name = "filled_iff"
    description = "Các chỉ tiêu fields được điền khi và chỉ khi đơn vị thỏa điều kiện when."
    Shape = FilledIffShape

    def passes(self, rule: Rule, frame: pd.DataFrame) -> pd.Series:
        missing, extra = everywhere(frame, False), everywhere(frame, False)
        for code in self.fields(rule.params):
            missing |= ~filled(frame, code)
            extra |= nonzero(frame, code)
        applies = condition_mask(frame, rule.when)
        return ~((applies & missing) | (~applies & extra))

    def offending(self, value: Any, applies: bool) -> bool:
        return (applies and value is None) or (not applies and value not in (None, 0, ""))

    def detail(self, row: Row, code: str, value: Any) -> dict[str, str]:
        cell = row.cell(code)
        if row.applies:
            return {
                "vi": f"Đơn vị thuộc diện phải điền “{row.label(code, 'vi')}” nhưng ô {cell} để trống",
                "en": f"This unit must fill “{row.label(code, 'en')}” but {cell} is empty",
            }
        shown = {
            lang: format_number(value, None, lang) if isinstance(value, (int, float)) else str(value)
            for lang in ("vi", "en")
        }
        return {
            "vi": f"Đơn vị không thuộc diện điền “{row.label(code, 'vi')}” nhưng ô {cell} ghi {shown['vi']}",
            "en": f"This unit must not fill “{row.label(code, 'en')}” but {cell} holds {shown['en']}",
        }


class RangeShape(RuleShape):
    kind: Literal["range"]
    field: Text = Field(description="Mã chỉ tiêu cần kiểm tra.")
    min: Number | None = Field(None, description="Giá trị thường gặp nhỏ nhất.")
    max: Number | None = Field(None, description="Giá trị thường gặp lớn nhất.")

    @model_validator(mode="after")
    def _bounds(self) -> RangeShape:
        if self.min is None and self.max is None:
            raise PydanticCustomError("range_needs_bound", "a range rule needs min or max")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise PydanticCustomError("min_above_max", "min is greater than max")
        return self


class Range(RuleKind):
    name = "range"
    description = "Chỉ tiêu field nằm trong khoảng min–max (với những đơn vị thỏa when, nếu có)."
    Shape = RangeShape
    numeric = True
    placeholders = frozenset({"min", "max"})
    errors: ClassVar[Mapping[str, tuple[str, str]]] = {
        "range_needs_bound": ("quy tắc range cần min hoặc max", "a range rule needs min or max")
    }

    def fields(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        return (params["field"],)

    def passes(self, rule: Rule, frame: pd.DataFrame) -> pd.Series:
        p = rule.params
        value = numbers(frame, p["field"])
        low = value < p["min"] if p["min"] is not None else everywhere(frame, False)
        high = value > p["max"] if p["max"] is not None else everywhere(frame, False)
        return ~(condition_mask(frame, rule.when) & value.notna() & (low | high))

    def violations(self, rule: Rule, row: Row) -> list[Violation]:
        p = rule.params
        value = row.value(p["field"])
        if value is None or not row.applies:
            return []
        if (p["min"] is not None and value < p["min"]) or (p["max"] is not None and value > p["max"]):
            return [Violation(p["field"], (p["field"],), {"min": p["min"], "max": p["max"]})]
        return []


BUILTIN = (Sum, NotGreater, EmptyWhen, RequiredWhen, FilledIff, Range)
