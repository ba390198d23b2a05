"""What an aggregation method is: one class owning how an indicator becomes a bloc-wide figure.

A method declares

- ``Shape``: its YAML (``aggregate: {method: ratio, numerator: …}``; a bare ``aggregate: sum``
  when it has no required keys) and ``references``: the indicators of the form it reads;
- ``derived``: computed by the toolkit, never typed in; ``template``: what the template shows for
  it (``input`` a cell to fill, ``text`` a wide text cell, ``formula`` a computed cell, ``omitted``);
- ``rounds``: its figure is a quotient rounded to the indicator's ``decimals`` (so an integer
  indicator may state them; otherwise a whole number has none);
- ``total``: the bloc-wide :class:`Total` from the accepted rows, with the coverage it reports;
- ``unit_value`` and ``column_formula``: its per-unit column in "Theo đơn vị" and the Excel formula
  of that column's "Tổng cộng" (an audit: it equals the total), or None for no column;
- ``note``: the "Cách tính" text beside the total, and ``footnote``: a sentence under the table.

Rows come as :class:`Part` values (one per form: the accepted submissions' frame). pandas is
imported only inside the methods that receive frames.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar

from consolidate.core.model import Catalog, Condition, Indicator
from consolidate.core.shape import Shape, Text
from consolidate.core.submission import Submission

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True, slots=True)
class Total:
    code: str
    value: int | float | None
    method: str
    units: int  # units (not the bloc-level report) whose figures the total covers
    eligible: int  # registry units the indicator applies to
    bloc: bool = False  # the bloc-level submission contributes
    numerator: int | float | None = None
    denominator: int | float | None = None
    qualifier: str | None = None
    bloc_expected: bool = False  # the bloc-level form carries this figure too

    @property
    def complete(self) -> bool:
        """Every unit it applies to is in it, and the bloc committee's part when it has one."""
        return self.units >= self.eligible and (self.bloc or not self.bloc_expected)


@dataclass(frozen=True, slots=True)
class Part:
    """The accepted rows of one form's frame."""

    frame: pd.DataFrame
    subs: list[Submission]
    is_bloc: bool


@dataclass(frozen=True)
class Context:
    """What a method may look at to compute a total."""

    catalog: Catalog
    parts: Sequence[Part]
    totals: Mapping[str, Total]  # the totals computed so far (inputs before derived)
    eligible: Callable[[Indicator], int]
    _counts: dict[tuple[int, object], int] = field(default_factory=dict, compare=False)

    def carriers(self, code: str) -> list[Part]:
        return [p for p in self.parts if code in p.frame.columns and len(p.frame)]

    def reporting(self, ind: Indicator) -> int:
        """Accepted unit reports carrying ``ind`` from units it applies to (a blank optional cell
        is a unit reporting nothing, not a unit missing)."""
        total = 0
        for p in self.carriers(ind.code):
            if p.is_bloc:
                continue
            key = (id(p), ind.applies_to)
            if key not in self._counts:
                cond = ind.applies_to
                self._counts[key] = sum(1 for s in p.subs if cond is None or _matches(self.catalog, cond, s))
            total += self._counts[key]
        return total

    def bloc_expected(self, code: str) -> bool:
        form = self.catalog.bloc_form
        return form is not None and code in form.indicators


def _matches(catalog: Catalog, cond: Condition, sub: Submission) -> bool:
    unit = catalog.unit(sub.unit_code)
    return unit is not None and cond.matches(unit.attributes())


class MethodShape(Shape):
    method: Text


class Method:
    """Base class of the aggregation methods; see the module docstring."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""  # one Vietnamese sentence for the form author's guide
    Shape: ClassVar[type[MethodShape]] = MethodShape
    derived: ClassVar[bool] = False
    rounds: ClassVar[bool] = False  # the figure is a quotient, rounded to the indicator's decimals
    numeric: ClassVar[bool | None] = True  # True: numeric indicators only; False: text only; None: any
    template: ClassVar[str] = "input"
    per_unit: ClassVar[bool] = True  # a column in the per-unit sheets of the summary
    errors: ClassVar[Mapping[str, tuple[str, str]]] = {}

    @property
    def makes_total(self) -> bool:
        return type(self).total is not Method.total

    def params(self, shape: MethodShape) -> dict[str, Any]:
        return {k: getattr(shape, k) for k in type(shape).model_fields if k != "method"}

    def references(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        """Numeric typed-in indicators of the same form this method reads."""
        return ()

    def problems(self, ind: Indicator, params: Mapping[str, Any]) -> list[tuple[str, str]]:
        """Catalog slips of this use, as (vi, en) messages (e.g. a count of an unknown option)."""
        return []

    def total(self, ind: Indicator, ctx: Context) -> Total | None:
        """The bloc-wide figure; None when the method makes no total (identity, free text)."""
        return None

    def unit_value(self, ind: Indicator, values: Mapping[str, Any]) -> Any:
        """The unit's own figure in its per-unit column."""
        return values.get(ind.code)

    def column_formula(self, ind: Indicator, own: str, ref: Callable[[str], str | None]) -> str | None:
        """The "Tổng cộng" formula of the per-unit column (None: no per-unit column)."""
        return None

    def template_formula(self, ind: Indicator, address: Callable[[str], str | None]) -> str | None:
        """For ``template = "formula"``: the cell's formula given each indicator's value cell."""
        return None

    def note(self, ind: Indicator, total: Total, catalog: Catalog) -> str:
        return ""

    def footnote(self, inds: Sequence[Indicator], catalog: Catalog) -> str:
        return ""


def rows_with(part: Part, codes: Sequence[str]) -> pd.DataFrame:
    """The rows of ``part`` where every one of ``codes`` is filled."""
    return part.frame[list(codes)].dropna()
