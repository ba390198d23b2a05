"""What a rule kind is: one class that owns everything about one kind of cross-field rule.

A kind declares

- ``Shape``: its YAML keys (a pydantic model; ``kind: <name>`` selects it in a form's ``rules:``);
- ``placeholders``: what its messages may use besides ``{label}``, ``{value}`` and ``{cell}`` (and
  ``{explanation_cell}`` in an explainable rule: :func:`message_placeholders`) — a message naming
  anything else is a catalog error at load time, and the form author's guide lists exactly these;
- ``fields``: the indicators a rule involves (they must be typed-in indicators of the form, numeric
  when ``numeric`` is set, never identity fields);
- ``passes``: the vectorised test, one boolean per row of the form's stacked frame (pandera runs it
  as a check named by the rule's code);
- ``violations``: for one failing row, where the finding sits, which cells it involves and the
  numbers it shows.

``passes`` and ``violations`` must agree; when a row fails ``passes`` and ``violations`` finds
nothing, :mod:`consolidate.checks.validate` still reports the rule on all its cells, so a
disagreement can never let a unit through silently. The frame has one column per typed-in
indicator (numbers as float64 with NaN for empty) and the unit's attributes in ``_type`` and
``_sector``. pandas is imported only inside the methods that receive a frame.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from consolidate.core.layout import split_address
from consolidate.core.model import Condition, Rule
from consolidate.core.shape import Condition as ConditionShape
from consolidate.core.shape import Flag, Text, TextsShape

if TYPE_CHECKING:
    import pandas as pd

TOLERANCE = 1e-6
COMMON_PLACEHOLDERS = frozenset({"label", "value", "cell"})
EXPLANATION_PLACEHOLDERS = frozenset({"explanation_cell"})  # an explainable rule's "Giải trình" cell


def message_placeholders(own: frozenset[str], explainable: bool) -> frozenset[str]:
    """What a catalog check's ``message`` and ``fix`` may name: the common placeholders, the check's
    ``own`` (a rule kind's ``placeholders``, an outlier's, a period rule's) and, when the unit may
    explain instead of correcting, its explanation cell. The catalog refuses anything else and the
    form author's guide (docs/formguide.py) lists these."""
    return COMMON_PLACEHOLDERS | own | (EXPLANATION_PLACEHOLDERS if explainable else frozenset())


class RuleShape(TextsShape):
    """The keys every rule has; a kind's Shape adds its own and narrows ``kind``."""

    code: Text
    severity: Literal["error", "warning"]
    kind: str
    when: ConditionShape | None = None
    explainable: Flag = False


@dataclass(frozen=True, slots=True)
class Violation:
    """One finding of a rule on one row: the indicator it sits on, every indicator involved, and the
    message parameters (a value may be {"vi": …, "en": …})."""

    primary: str
    involved: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Row:
    """One submission's values as a rule sees them, with the words and cells to describe them."""

    values: Mapping[str, Any]
    name: Callable[[str, str], str]  # (code, lang) → the short name used inside equations
    label: Callable[[str, str], str]  # (code, lang) → the indicator's label
    cell: Callable[[str], str]  # code → "E12" (or "")
    applies: bool  # the rule's ``when`` holds for this unit

    def value(self, code: str) -> Any:
        v = self.values.get(code)
        return None if v is None or (isinstance(v, float) and v != v) else v


class RuleKind:
    """Base class of the rule kinds; see the module docstring for the parts a kind must have."""

    name: ClassVar[str] = ""
    description: ClassVar[str] = ""  # one Vietnamese sentence for the form author's guide
    Shape: ClassVar[type[RuleShape]] = RuleShape
    placeholders: ClassVar[frozenset[str]] = frozenset()
    numeric: ClassVar[bool] = False
    needs_when: ClassVar[bool] = False
    # Vietnamese and English wording of the errors a Shape's validators raise (by error type).
    errors: ClassVar[Mapping[str, tuple[str, str]]] = {}

    def params(self, shape: RuleShape) -> dict[str, Any]:
        """The rule's own parameters from its validated YAML (everything but the common keys)."""
        common = set(RuleShape.model_fields)
        return {k: getattr(shape, k) for k in type(shape).model_fields if k not in common}

    def fields(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        raise NotImplementedError

    def passes(self, rule: Rule, frame: pd.DataFrame) -> pd.Series:
        raise NotImplementedError

    def violations(self, rule: Rule, row: Row) -> list[Violation]:
        raise NotImplementedError


# --- helpers for the vectorised tests ------------------------------------------------------------


def everywhere(frame: pd.DataFrame, value: bool = True) -> pd.Series:
    import pandas as pd

    return pd.Series(value, index=frame.index, dtype=bool)


def numbers(frame: pd.DataFrame, code: str) -> pd.Series:
    import pandas as pd

    return pd.to_numeric(frame[code], errors="coerce")


def filled(frame: pd.DataFrame, code: str) -> pd.Series:
    return frame[code].notna()


def nonzero(frame: pd.DataFrame, code: str) -> pd.Series:
    """Filled with something other than 0 (text counts as filled)."""
    import pandas as pd

    column = frame[code]
    if pd.api.types.is_numeric_dtype(column):
        return column.fillna(0).ne(0)
    return column.notna() & column.ne(0)


def condition_mask(frame: pd.DataFrame, cond: Condition | None) -> pd.Series:
    """Rows matching ``cond`` (all rows when None): every term must hold (type AND sector)."""
    mask = everywhere(frame)
    if cond is not None:
        for attr, allowed in cond.terms:
            mask &= frame[f"_{attr}"].isin(list(allowed))
    return mask


def bilingual(make: Callable[[str], str]) -> dict[str, str]:
    """{"vi": make("vi"), "en": make("en")}: a parameter whose wording differs by language."""
    return {lang: make(lang) for lang in ("vi", "en")}


def cell_list(cells: list[str], lang: str) -> str:
    """ "E20, E21, E22, E30" → "E20 đến E22, E30": runs of cells down one column shortened."""
    runs: list[list[str]] = []
    for cell in (c for c in cells if c):
        if runs:
            (row, col), (last_row, last_col) = split_address(cell), split_address(runs[-1][-1])
            if col == last_col and row == last_row + 1:
                runs[-1].append(cell)
                continue
        runs.append([cell])
    through = " đến " if lang == "vi" else " to "
    return ", ".join(", ".join(run) if len(run) < 3 else run[0] + through + run[-1] for run in runs)
