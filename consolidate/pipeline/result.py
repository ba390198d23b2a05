"""The value a merge returns: every file seen, every expected unit, the totals, the findings.

Rendering (terminal text, JSON, workbooks, report) reads this value; nothing here prints or
writes. ``exit_code`` follows the CLI contract: 0 when every expected unit and the bloc-level
report were accepted and no file was rejected, 1 otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from consolidate.core.findings import Finding, count, sorted_findings
from consolidate.core.messages import render
from consolidate.core.model import Catalog, Unit
from consolidate.core.periods import Period
from consolidate.core.submission import ACCEPTED, CONFLICT, REJECTED, UNREADABLE, FileInfo, Submission
from consolidate.pipeline.aggregate import Part, Total, aggregate, totals_map


@dataclass
class FileResult:
    """One file of the inbox and what became of it."""

    file: FileInfo
    sub: Submission | None
    status: str
    extra: list[Finding] = field(default_factory=list)  # findings of files never opened
    sender: str | None = None  # the unit a file that cannot be read is named after
    named: set[str] = field(default_factory=set)  # units a CSV's text names

    @property
    def path(self) -> str:
        return self.file.path

    @property
    def findings(self) -> list[Finding]:
        """The file's findings in cell order."""
        return sorted_findings(self.raw_findings)

    @property
    def raw_findings(self) -> list[Finding]:
        return (self.sub.findings if self.sub is not None else []) + self.extra

    @property
    def unit(self) -> str | None:
        return self.sub.unit_code if self.sub is not None else None

    @property
    def form(self) -> str | None:
        return self.sub.form_id if self.sub is not None else None

    def counts(self) -> tuple[int, int]:
        return count(self.raw_findings)


@dataclass
class UnitStatus:
    unit: Unit
    status: str  # accepted | rejected | missing
    file: FileResult | None

    @property
    def submission(self) -> Submission:
        """The report the unit sent, for an accepted or rejected unit (a missing one sent none)."""
        assert self.file is not None and self.file.sub is not None, f"unit {self.unit.code} sent no report"
        return self.file.sub


@dataclass
class MergeResult:
    catalog: Catalog
    period: Period | None
    files: list[FileResult]
    units: list[UnitStatus]
    bloc: FileResult | None
    totals: dict[str, Total]
    merge_findings: list[Finding]
    frames: dict[str, Any]
    complete: bool = True  # False for `validate`: missing units are not a problem
    parts: list[Part] = field(default_factory=list)  # the accepted rows of each form
    previous: Any = None  # pipeline.previous.Previous: the same period of an earlier year, if given
    earlier: Any = None  # pipeline.previous.Previous: an earlier period of the same year, if given
    span: Any = None  # pipeline.quarter.Span: the figures of the months since ``earlier`` alone
    history: Any = None  # what the history database made of this merge (history.record.Recorded)
    bloc_state: str = "missing"  # the bloc's own report: accepted / rejected / missing / conflict
    bloc_conflict: list[FileResult] = field(default_factory=list)  # its versions in conflict
    form_units: dict[str, list[UnitStatus]] = field(default_factory=dict)  # every unit form's statuses

    def scoped_totals(self, scope: str) -> dict[str, Total]:
        """Totals of the units only ("tccs") or of the bloc-level report only ("duk")."""
        return aggregate(self.catalog, [p for p in self.parts if p.is_bloc == (scope == "duk")])

    @property
    def units_expected(self) -> int:
        return len(self.units)

    @property
    def units_accepted(self) -> int:
        return sum(u.status == ACCEPTED for u in self.units)

    @property
    def missing(self) -> list[str]:
        return [u.unit.code for u in self.units if u.status == "missing"]

    @property
    def rejected_units(self) -> list[str]:
        return [u.unit.code for u in self.units if u.status == REJECTED]

    @property
    def conflict_units(self) -> list[str]:
        return [u.unit.code for u in self.units if u.status == CONFLICT]

    @property
    def unreadable_units(self) -> list[str]:
        return [u.unit.code for u in self.units if u.status == UNREADABLE]

    @property
    def bloc_accepted(self) -> bool:
        return self.catalog.bloc_form is None or self.bloc_state == ACCEPTED

    @property
    def findings(self) -> list[Finding]:
        return sorted_findings([f for r in self.files for f in r.raw_findings] + self.merge_findings)

    def form_summary(self, form_id: str) -> dict[str, Any]:
        """{units_expected, units_accepted, missing, rejected, conflicts, unreadable} of one unit form."""
        statuses = self.form_units.get(form_id, [])
        return {
            "units_expected": len(statuses),
            "units_accepted": sum(u.status == ACCEPTED for u in statuses),
            **{
                key: [u.unit.code for u in statuses if u.status == state]
                for key, state in (
                    ("missing", "missing"),
                    ("rejected", REJECTED),
                    ("conflicts", CONFLICT),
                    ("unreadable", UNREADABLE),
                )
            },
        }

    @property
    def all_units_accepted(self) -> bool:
        return all(
            u.status == ACCEPTED for statuses in (self.form_units or {"": self.units}).values() for u in statuses
        )

    @property
    def exit_code(self) -> int:
        if self.history is not None and self.history.refused:  # a closed period the merge would change
            return 1
        if any(r.status in (REJECTED, CONFLICT) for r in self.files):
            return 1
        if any(f.is_error for f in self.merge_findings):
            return 1
        if self.complete:
            if not self.all_units_accepted or not self.bloc_accepted:
                return 1
        elif not self.files:
            return 1
        return 0

    def to_json(self, lang: str = "vi") -> dict[str, Any]:
        """The `merge --json` contract."""
        cat = self.catalog

        def finding(f: Finding) -> dict[str, Any]:
            message, fix = render(f, cat, lang)
            return {
                "file": f.file,
                "unit": f.unit,
                "sheet": f.sheet,
                "cell": f.cell,
                "code": f.code,
                "severity": f.severity,
                "indicator": f.indicator,
                "value": _jsonable(f.value),
                "message": message,
                "fix": fix,
                "cells": list(f.all_cells),
                "explanation": f.explanation,
            }

        def submission(r: FileResult) -> dict[str, Any]:
            errors, warnings = r.counts()
            return {
                "file": r.path,
                "unit": r.unit,
                "form": r.form,
                "status": r.status,
                "errors": errors,
                "warnings": warnings,
                "sha256": r.file.sha256 or None,
                "size": r.file.size,
                "received": r.file.received or None,
                "saved": r.file.modified or None,
            }

        bloc: dict[str, Any] | None = None
        if self.bloc is not None:
            bloc = {"file": self.bloc.path, "status": self.bloc.status}
        elif self.bloc_conflict:
            bloc = {"file": None, "status": CONFLICT, "files": [r.path for r in self.bloc_conflict]}
        return {
            "period": self.period.key if self.period else None,
            "period_label": self.period.label(cat) if self.period else None,
            "units_expected": self.units_expected,
            "units_accepted": self.units_accepted,
            "missing": self.missing,
            "rejected": self.rejected_units,
            "conflicts": self.conflict_units,
            "unreadable": self.unreadable_units,
            "bloc_submission": bloc,
            "forms": {form_id: self.form_summary(form_id) for form_id in self.form_units},
            "submissions": [submission(r) for r in self.files],
            "findings": [finding(f) for f in self.findings],
            "totals": totals_map(self.totals),
            "coverage": {
                c: {"units": t.units, "of": t.eligible, "bloc": t.bloc, "complete": t.complete}
                for c, t in self.totals.items()
            },
            **self._other_periods_json(),
            "exit_code": self.exit_code,
        }

    def _other_periods_json(self) -> dict[str, Any]:
        """``previous`` / ``earlier`` ({period, label, totals, source}), ``quarter`` ({label,
        totals, units}) and ``history`` (what the history database recorded), when there are any."""
        out: dict[str, Any] = {}
        for key, other in (("previous", self.previous), ("earlier", self.earlier)):
            if other is not None:
                out[key] = {
                    "period": other.period_key,
                    "label": other.label,
                    "totals": dict(other.totals),
                    "source": other.source or None,
                }
        if self.span is not None:
            out["quarter"] = {"label": self.span.label, "totals": self.span.totals, "units": self.span.units}
        if self.history is not None:
            out["history"] = self.history.to_json()
        return out


def _jsonable(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    return str(value)
