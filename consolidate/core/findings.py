"""Findings are data: a stable code, a severity and a location, never a printed line.

A :class:`Finding` says what was found where (file, sheet, cell, indicator, value). Its human
message and fix hint are rendered on demand in Vietnamese or English by
:mod:`consolidate.core.messages`, from the code's texts in :mod:`consolidate.core.codes` or, for a
cross-field rule, from the catalog.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any, TypedDict

from consolidate.core.layout import split_address

ERROR, WARNING, INFO = "error", "warning", "info"


@dataclass(frozen=True, slots=True, eq=True)
class Finding:
    """One problem or note about one file (or about the whole merge when ``file`` is None)."""

    code: str
    severity: str
    file: str | None = None
    unit: str | None = None
    sheet: str | None = None
    cell: str | None = None
    indicator: str | None = None
    value: Any = None
    params: Mapping[str, Any] = field(default_factory=dict, compare=False)
    cells: tuple[str, ...] = ()
    explanation: str | None = None

    # params is a mapping; findings are compared, never hashed (mypy issue 4266: the idiom needs the ignore)
    __hash__ = None  # type: ignore[assignment]

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR

    @property
    def is_warning(self) -> bool:
        return self.severity == WARNING

    @property
    def explained(self) -> bool:
        return bool(self.explanation)

    @property
    def all_cells(self) -> tuple[str, ...]:
        """The primary cell first, then every other cell the finding involves."""
        first = (self.cell,) if self.cell else ()
        return first + tuple(c for c in self.cells if c != self.cell)

    def with_context(self, **changes: Any) -> Finding:
        return replace(self, **changes)


class FindingContext(TypedDict, total=False):
    """Keyword arguments the findings of one submission share: ``Finding(code, severity, **context)``."""

    file: str | None
    unit: str | None
    sheet: str | None
    explanation: str | None


def sort_key(f: Finding) -> tuple[str, str, int, int, str, str, str]:
    """A total order independent of the order files were found in."""
    row, col = split_address(f.cell) if f.cell else (-1, -1)
    return (f.file or "", f.sheet or "", row, col, f.code, f.indicator or "", str(f.value))


def sorted_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=sort_key)


def count(findings: Iterable[Finding]) -> tuple[int, int]:
    """(errors, warnings)."""
    errors = warnings = 0
    for f in findings:
        errors += f.severity == ERROR
        warnings += f.severity == WARNING
    return errors, warnings
