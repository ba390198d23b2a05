"""The built-in aggregation methods.

- ``sum``: the sum over every accepted submission carrying the code (units and, for a code the
  bloc-level form shares, the bloc committee's own figure);
- ``weighted_mean`` (``weight``): Σ(value × weight) / Σ weight over the units reporting both, never
  a plain mean of the units' means;
- ``ratio`` (``numerator``, ``denominator``, ``scale``): Σ numerator / Σ denominator × scale over the
  units reporting both, never an average of the units' rates; computed, never typed in;
- ``count_units`` (``where``): units of the registry (optionally matching a condition);
- ``count`` (``value``): submissions answering a given option of an enum;
- ``none`` (identity and other fields that are not totalled) and ``text`` (free text, carried per unit).

Derived values are rounded half-up to the indicator's decimals (116/120 → 96,67).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal
from typing import Any, Literal

from pydantic import Field

from consolidate.aggregations.base import Context, Method, MethodShape, Total, rows_with
from consolidate.core.model import Catalog, Indicator
from consolidate.core.numbers import format_number, plain_number, round_half_up, to_decimal
from consolidate.core.shape import Condition, Number, Text


def ratio_value(numerator, denominator, scale: float, decimals: int) -> float | None:
    """numerator / denominator × scale, rounded half-up; None when the denominator is 0 or missing."""
    if numerator is None or not denominator:
        return None
    exact = to_decimal(numerator) * to_decimal(scale) / to_decimal(denominator)
    return plain_number(round_half_up(exact, decimals), decimals)


def _units_and_bloc(ctx: Context, ind: Indicator) -> tuple[int, bool]:
    """(unit reports the total covers, whether the bloc committee's report is in it)."""
    return ctx.reporting(ind), any(p.is_bloc for p in ctx.carriers(ind.code))


class SumShape(MethodShape):
    method: Literal["sum"]


class Sum(Method):
    name = "sum"
    description = (
        "Cộng số của mọi báo cáo được nhận có chỉ tiêu này (kể cả số của Đảng ủy Khối khi biểu cấp Khối dùng cùng mã)."
    )
    Shape = SumShape

    def total(self, ind: Indicator, ctx: Context) -> Total:
        units, bloc = _units_and_bloc(ctx, ind)
        values = [v for p in ctx.carriers(ind.code) for v in p.frame[ind.code].dropna().tolist()]
        value = plain_number(math.fsum(values), ind.decimals) if values else None
        qualifier = qualifier_of(ctx, ind.code) if ind.qualified else None
        return Total(
            ind.code,
            value,
            self.name,
            units,
            ctx.eligible(ind),
            bloc,
            qualifier=qualifier,
            bloc_expected=ctx.bloc_expected(ind.code),
        )

    def column_formula(self, ind: Indicator, own: str, ref: Callable[[str], str | None]) -> str | None:
        return f"=SUM({own})"

    def note(self, ind: Indicator, total: Total, catalog: Catalog) -> str:
        parts = []
        if total.qualifier and total.value is not None:
            q = catalog.qualifiers[total.qualifier]
            parts.append(f"Ghi “{q.prefix} {format_number(total.value)} {ind.unit}” trong báo cáo")
        return "; ".join(parts)


def qualifier_of(ctx: Context, code: str) -> str | None:
    """The qualifier of a summed amount: the one every part carries; with different ones, the
    catalog's fallback ("khoảng"); None when every part is exact."""
    exact = ctx.catalog.exact_qualifier
    found = {s.qualifiers.get(code) or exact for p in ctx.carriers(code) for s in p.subs if code in s.values}
    found.discard("")
    if not found or found == {exact}:
        return None
    if len(found) == 1:
        return found.pop()
    return ctx.catalog.fallback_qualifier


class WeightedMeanShape(MethodShape):
    method: Literal["weighted_mean"]
    weight: Text = Field(description="Mã chỉ tiêu dùng làm quyền số (ví dụ số lao động).")


class WeightedMean(Method):
    name = "weighted_mean"
    description = "Bình quân gia quyền: Σ(giá trị × quyền số) / Σ quyền số, trên các đơn vị báo cáo cả hai."
    Shape = WeightedMeanShape
    rounds = True

    def references(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        return (params["weight"],)

    def total(self, ind: Indicator, ctx: Context) -> Total:
        weight = ind.aggregation.params["weight"]
        num = den = Decimal(0)
        units, bloc = 0, False
        for p in ctx.carriers(ind.code):
            if weight not in p.frame.columns:
                continue
            pairs = rows_with(p, (ind.code, weight))
            pairs = pairs[pairs[weight] > 0]
            if p.is_bloc:
                bloc = bloc or bool(len(pairs))
            else:
                units += len(pairs)
            for v, w in pairs.itertuples(index=False, name=None):
                num += to_decimal(v) * to_decimal(w)
                den += to_decimal(w)
        value = plain_number(round_half_up(num / den, ind.decimals or 0), ind.decimals) if den else None
        return Total(
            ind.code,
            value,
            self.name,
            units,
            ctx.eligible(ind),
            bloc,
            numerator=plain_number(num),
            denominator=plain_number(den),
            bloc_expected=ctx.bloc_expected(ind.code),
        )

    def column_formula(self, ind: Indicator, own: str, ref: Callable[[str], str | None]) -> str | None:
        weight = ref(ind.aggregation.params["weight"])
        if weight is None:
            return None
        both = f"ISNUMBER({own})*ISNUMBER({weight})"  # the units reporting the value and its weight
        return (
            f"=IF(SUMPRODUCT({both},{weight})>0,"
            f'ROUND(SUMPRODUCT({both},{own},{weight})/SUMPRODUCT({both},{weight}),{ind.decimals or 0}),"")'
        )

    def note(self, ind: Indicator, total: Total, catalog: Catalog) -> str:
        weight = catalog.indicator(ind.aggregation.params["weight"])
        label = weight.label.lower() if weight else ind.aggregation.params["weight"]
        return (
            f"Bình quân gia quyền theo {label}: {format_number(total.numerator, 1)} / "
            f"{format_number(total.denominator)}"
        )

    def footnote(self, inds: Sequence[Indicator], catalog: Catalog) -> str:
        names = []
        for ind in inds:
            weight = catalog.indicator(ind.aggregation.params["weight"])
            names.append(
                f"{ind.label.lower()} là bình quân gia quyền theo "
                f"{weight.label.lower() if weight else ind.aggregation.params['weight']}"
            )
        return "; ".join(names)


class RatioShape(MethodShape):
    method: Literal["ratio"]
    numerator: Text = Field(description="Mã chỉ tiêu tử số.")
    denominator: Text = Field(description="Mã chỉ tiêu mẫu số.")
    scale: Number | None = Field(None, description="Hệ số nhân: 100 cho tỷ lệ phần trăm (bắt buộc khi Đvt là %).")


class Ratio(Method):
    name = "ratio"
    description = "Tỷ lệ tính từ tổng: Σ tử số / Σ mẫu số × scale, trên các đơn vị báo cáo cả hai; biểu mẫu tự tính, đơn vị không nhập."
    Shape = RatioShape
    derived = True
    rounds = True
    template = "formula"

    def params(self, shape: MethodShape) -> dict[str, Any]:
        params = super().params(shape)
        params["explicit_scale"] = params["scale"] is not None
        scale = params["scale"] if params["scale"] is not None else 1
        params["scale"] = int(scale) if float(scale).is_integer() else scale
        return params

    def references(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        return (params["numerator"], params["denominator"])

    def problems(self, ind: Indicator, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        if ind.unit.strip() == "%" and not params.get("explicit_scale"):
            return [
                (
                    "tỷ lệ có Đvt “%” phải ghi rõ scale (thường là 100)",
                    "a ratio shown in “%” must state its scale (usually 100)",
                )
            ]
        return []

    def total(self, ind: Indicator, ctx: Context) -> Total:
        p = ind.aggregation.params
        num = den = Decimal(0)
        units, bloc, seen = 0, False, False
        for part in ctx.carriers(p["numerator"]):
            if p["denominator"] not in part.frame.columns:
                continue
            pairs = rows_with(part, (p["numerator"], p["denominator"]))
            if part.is_bloc:
                bloc = bloc or bool(len(pairs))
            else:
                units += len(pairs)
            for a, b in pairs.itertuples(index=False, name=None):
                seen = True
                num += to_decimal(a)
                den += to_decimal(b)
        value = ratio_value(num, den, p["scale"], ind.decimals or 0) if seen else None
        return Total(
            ind.code,
            value,
            self.name,
            units,
            ctx.eligible(ind),
            bloc,
            numerator=plain_number(num) if seen else None,
            denominator=plain_number(den) if seen else None,
            bloc_expected=ctx.bloc_expected(ind.code),
        )

    def unit_value(self, ind: Indicator, values: Mapping[str, Any]) -> Any:
        p = ind.aggregation.params
        return ratio_value(values.get(p["numerator"]), values.get(p["denominator"]), p["scale"], ind.decimals or 0)

    def column_formula(self, ind: Indicator, own: str, ref: Callable[[str], str | None]) -> str | None:
        p = ind.aggregation.params
        num, den = ref(p["numerator"]), ref(p["denominator"])
        if not (num and den):
            return None
        both = f"ISNUMBER({num})*ISNUMBER({den})"  # the units reporting both parts, as the total
        return (
            f"=IF(SUMPRODUCT({both},{den})>0,"
            f'ROUND(SUMPRODUCT({both},{num})/SUMPRODUCT({both},{den})*{p["scale"]},{ind.decimals or 0}),"")'
        )

    def template_formula(self, ind: Indicator, address: Callable[[str], str | None]) -> str | None:
        p = ind.aggregation.params
        n, d = address(p["numerator"]), address(p["denominator"])
        if n is None or d is None:
            return None
        return f'=IF(N({d})>0,ROUND(N({n})/N({d})*{p["scale"]},{ind.decimals or 0}),"")'

    def note(self, ind: Indicator, total: Total, catalog: Catalog) -> str:
        if total.value is None:
            return "Mẫu số bằng 0: không tính tỷ lệ"
        scale = ind.aggregation.params["scale"]
        shown = f" × {format_number(scale)}" if scale != 1 else ""
        return (
            f"= {format_number(total.numerator)} / {format_number(total.denominator)}{shown}; "
            f"làm tròn nửa lên {ind.decimals} chữ số"
        )

    def footnote(self, inds: Sequence[Indicator], catalog: Catalog) -> str:
        return "tỷ lệ = tổng tử số / tổng mẫu số của các đơn vị có đủ cả hai số (không lấy bình quân các tỷ lệ)"


class CountUnitsShape(MethodShape):
    method: Literal["count_units"]
    where: Condition | None = None


class CountUnits(Method):
    name = "count_units"
    description = "Đếm số đơn vị trong danh mục đơn vị (thỏa điều kiện where, nếu có)."
    Shape = CountUnitsShape
    derived = True
    template = "omitted"
    per_unit = False

    def total(self, ind: Indicator, ctx: Context) -> Total:
        where = ind.aggregation.params.get("where")
        n = sum(1 for u in ctx.catalog.units if where is None or where.matches(u.attributes()))
        everyone = len(ctx.catalog.units)
        return Total(ind.code, n, self.name, everyone, everyone)

    def note(self, ind: Indicator, total: Total, catalog: Catalog) -> str:
        return "Theo danh mục đơn vị"


class CountShape(MethodShape):
    method: Literal["count"]
    value: Text = Field(description="Khóa của lựa chọn được đếm.")


class Count(Method):
    name = "count"
    description = "Đếm số báo cáo chọn một lựa chọn (value) của chỉ tiêu enum."
    Shape = CountShape
    numeric = None

    def problems(self, ind: Indicator, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        if ind.type != "enum" or params["value"] not in {o.key for o in ind.options}:
            return [
                (
                    f"“{params['value']}” không phải một lựa chọn của chỉ tiêu này",
                    f"{params['value']!r} is not an option of this indicator",
                )
            ]
        return []

    def total(self, ind: Indicator, ctx: Context) -> Total:
        key = ind.aggregation.params["value"]
        units, bloc = _units_and_bloc(ctx, ind)
        hits = sum(int((p.frame[ind.code] == key).sum()) for p in ctx.carriers(ind.code))
        return Total(
            ind.code, hits, self.name, units, ctx.eligible(ind), bloc, bloc_expected=ctx.bloc_expected(ind.code)
        )

    def column_formula(self, ind: Indicator, own: str, ref: Callable[[str], str | None]) -> str | None:
        key = ind.aggregation.params["value"]
        option = next((o.label for o in ind.options if o.key == key), key)
        return f'=COUNTIF({own},"{option}")'

    def note(self, ind: Indicator, total: Total, catalog: Catalog) -> str:
        key = ind.aggregation.params["value"]
        return f"Số đơn vị chọn “{next((o.label for o in ind.options if o.key == key), key)}”"


class NoneShape(MethodShape):
    method: Literal["none"]


class NoTotal(Method):
    name = "none"
    description = "Không tổng hợp (trường nhận diện và các trường khác)."
    Shape = NoneShape
    numeric = None
    per_unit = False


class TextShape(MethodShape):
    method: Literal["text"]


class FreeText(Method):
    name = "text"
    description = "Chữ tự do: giữ nguyên theo từng đơn vị, không cộng."
    Shape = TextShape
    numeric = False
    template = "text"
    per_unit = False


BUILTIN = (Sum, WeightedMean, Ratio, CountUnits, Count, NoTotal, FreeText)
