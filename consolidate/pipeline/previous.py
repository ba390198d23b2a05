"""Another period's figures: the same period of the previous year, for the "cùng kỳ" columns of
the summary, and any earlier period per unit, for the rules of history.py.

Two sources: a summary workbook this toolkit wrote before (its totals are read by the "Mã số"
column of the hidden "Kỹ thuật" sheet, in each indicator's own unit — or, in a summary written
before that sheet existed, of "Tổng hợp" — and its "Theo đơn vị" sheets by unit code and
indicator code, so a summary with different indicators still lines up code by code), or that period's inbox, merged afresh. The
summary records its period as a workbook property, so the columns can be labelled "Cùng kỳ 9
tháng năm 2020".
"""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from consolidate.checks.across import is_earlier_same_year, period_of
from consolidate.core.errors import CompareError
from consolidate.core.layout import SUMMARY_PERIOD_PROPERTY as PERIOD_PROPERTY
from consolidate.core.layout import SUMMARY_TECH_SHEET as TECH_SHEET
from consolidate.core.layout import SUMMARY_TOTALS_SHEET as TOTALS_SHEET
from consolidate.core.layout import SUMMARY_UNITS_SHEET as UNITS_SHEET
from consolidate.core.layout import fold
from consolidate.core.model import Catalog
from consolidate.core.periods import Period, PeriodError, parse_period
from consolidate.pipeline.aggregate import totals_map


@dataclass(frozen=True)
class OtherPeriods:
    """The figures of other periods a merge is given: the same period of an earlier year
    (``last_year``) and an earlier period of the same year (``earlier``), with the paths they came from."""

    last_year: Previous | None = None
    earlier: Previous | None = None
    last_year_path: str = ""
    earlier_path: str = ""

    @property
    def sources(self) -> list[Previous]:
        return [p for p in (self.last_year, self.earlier) if p is not None]


def other_periods(catalog: Catalog, compare_with: str | Path | None, earlier: str | Path | None) -> OtherPeriods:
    """Load what ``--compare-with`` and ``--earlier`` name (openpyxl, or a merge of an inbox)."""
    last = load_previous(compare_with, catalog) if compare_with is not None else None
    try:
        before = load_previous(earlier, catalog) if earlier is not None else None
    except CompareError as exc:
        raise CompareError(exc.path, exc.reason, "earlier") from None
    return OtherPeriods(last, before, str(compare_with or ""), str(earlier or ""))


def check_periods(catalog: Catalog, others: OtherPeriods, current: Period | None) -> None:
    """Stop the run when another period is not the one its option promises: ``earlier`` must be an
    earlier period of the merged year, ``compare_with`` the same period of an earlier year."""
    if others.earlier is not None and not is_earlier_same_year(period_of(catalog, others.earlier), current):
        raise CompareError(others.earlier_path, "cmp_not_earlier", "earlier")
    if others.last_year is not None:
        then = period_of(catalog, others.last_year)
        if then is None or current is None or then.kind != current.kind or then.year >= current.year:
            raise CompareError(others.last_year_path, "cmp_not_last_year", "compare_with")


@dataclass(frozen=True)
class Previous:
    label: str  # "9 tháng năm 2020"
    period_key: str | None
    totals: dict[str, float | int | None]
    units: Mapping[str, Mapping[str, float | int]] = field(default_factory=dict)  # unit code → code → value
    source: str = ""  # where the figures come from: a summary, an inbox, the history database


def load_previous(path: str | Path, catalog: Catalog) -> Previous:
    path = Path(path)
    if path.is_dir():
        return _from_inbox(path, catalog)
    if not path.is_file():
        raise CompareError(path, "cmp_not_found")
    return _from_summary(path, catalog)


def _from_inbox(path: Path, catalog: Catalog) -> Previous:
    from consolidate.pipeline.merge import merge_inbox  # the whole pipeline, only for an inbox given

    result = merge_inbox(path, catalog)
    if result.period is None:
        raise CompareError(path, "cmp_no_period")
    units = {u.unit.code: dict(u.submission.values) for u in result.units if u.status == "accepted"}
    return Previous(result.period.label(catalog), result.period.key, totals_map(result.totals), units, str(path))


def _from_summary(path: Path, catalog: Catalog) -> Previous:
    import openpyxl  # ~0.2 s: loaded only when a summary workbook is given

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # any unreadable file is the user's input, not our bug
        raise CompareError(path, "cmp_unreadable") from None
    try:
        sheet = next((name for name in (TECH_SHEET, TOTALS_SHEET) if name in wb.sheetnames), None)
        if sheet is None:
            raise CompareError(path, "cmp_no_sheet")
        totals = _read_totals(wb[sheet], path)
        units = _read_units(wb, catalog)
        key = _period_property(wb)
    finally:
        wb.close()
    label = key
    if key:
        with contextlib.suppress(PeriodError):
            label = parse_period(catalog, key).label(catalog)
    return Previous(label or path.stem, key, totals, units, str(path))


def _read_totals(ws, path: Path) -> dict[str, float | int | None]:
    rows = ws.iter_rows(values_only=True)
    code_col = total_col = None
    for row in rows:
        folded = [fold(v) if isinstance(v, str) else "" for v in row]
        if fold("Mã số") in folded and fold("Tổng số") in folded:
            code_col, total_col = folded.index(fold("Mã số")), folded.index(fold("Tổng số"))
            break
    if code_col is None:
        raise CompareError(path, "cmp_no_columns")
    assert total_col is not None  # found with code_col
    out: dict[str, float | int | None] = {}
    for row in rows:
        if len(row) > max(code_col, total_col) and isinstance(row[code_col], str):
            value = row[total_col]
            out[row[code_col].strip()] = value if isinstance(value, (int, float)) else None
    return out


def _read_units(wb, catalog: Catalog) -> dict[str, dict[str, float | int]]:
    """Unit code → indicator code → number, from every "Theo đơn vị" sheet: the row of indicator
    codes under the header names the columns, the "Mã" column names the rows."""
    known = {code for form in catalog.unit_forms for code in form.indicators}
    out: dict[str, dict[str, float | int]] = {}
    for name in wb.sheetnames:
        if not name.startswith(UNITS_SHEET):
            continue
        code_col: int | None = None
        columns: dict[int, str] = {}
        for row in wb[name].iter_rows(values_only=True):
            if code_col is None:
                code_col = row.index("Mã") if "Mã" in row else None
            elif not columns:
                columns = {i: v for i, v in enumerate(row) if isinstance(v, str) and v in known}
            elif len(row) > code_col and isinstance(row[code_col], str) and row[code_col].strip():
                values = out.setdefault(row[code_col].strip(), {})
                for i, code in columns.items():
                    if i < len(row) and isinstance(row[i], (int, float)) and not isinstance(row[i], bool):
                        values[code] = row[i]
    return out


def _period_property(wb) -> str | None:
    try:
        for prop in wb.custom_doc_props.props:
            if prop.name == PERIOD_PROPERTY:
                return str(prop.value)
    except AttributeError:
        return None
    return None
