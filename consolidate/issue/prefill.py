"""What an issued template's cells hold before a unit types anything: the identity cells (the
unit's code, name, type and sector, the year and period, locked) and, for the sample builder and an
office that fills reports from its own tables, prefilled values.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from consolidate.core.model import Catalog, Form, Unit
from consolidate.core.periods import Period


@dataclass
class Prefill:
    """Values written into the input cells (the sample builder uses this to fill a report)."""

    values: Mapping[str, Any] = field(default_factory=dict)
    qualifiers: Mapping[str, str] = field(default_factory=dict)
    explanations: Mapping[str, str] = field(default_factory=dict)


def identity_values(catalog: Catalog, form: Form, unit: Unit | None, period: Period | None) -> dict[str, Any]:
    """The identity cells a per-unit template is issued with (code, name, type, sector, period)."""
    out: dict[str, Any] = {}
    for ind in form.indicators.values():
        if ind.role == "unit_code":
            out[ind.code] = unit.code if unit else catalog.bloc.code if form.submitted_by == "bloc" else None
        elif ind.role == "unit_name":
            out[ind.code] = unit.name if unit else catalog.bloc.committee if form.submitted_by == "bloc" else None
        elif ind.role == "unit_type" and unit:
            out[ind.code] = unit.type
        elif ind.role == "sector" and unit:
            out[ind.code] = unit.sector
        elif ind.role == "year" and period:
            out[ind.code] = period.year
        elif ind.role == "period_kind" and period:
            out[ind.code] = period.kind
    return {k: v for k, v in out.items() if v is not None}


__all__ = ["Prefill", "identity_values"]
