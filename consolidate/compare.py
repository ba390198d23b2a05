"""The same period of the previous year, for the "cùng kỳ" columns of the summary.

Two sources: a summary workbook this toolkit wrote before (its "Tổng hợp" sheet is read by the
"Mã số" column, so a summary with different indicators still lines up code by code), or the
previous period's inbox, merged afresh. The summary records its period as a workbook property,
so the columns can be labelled "Cùng kỳ 9 tháng năm 2020".
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import openpyxl

from .aggregate import totals_map
from .errors import CompareError
from .layout import fold
from .merge import merge_inbox
from .model import Catalog
from .periods import PeriodError, parse_period
from .summary_style import PERIOD_PROPERTY, TOTALS_SHEET



@dataclass(frozen=True)
class Previous:
    label: str                              # "9 tháng năm 2020"
    period_key: str | None
    totals: dict[str, float | int | None]


def load_previous(path: str | Path, catalog: Catalog) -> Previous:
    path = Path(path)
    if path.is_dir():
        return _from_inbox(path, catalog)
    if not path.is_file():
        raise CompareError(path, "cmp_not_found")
    return _from_summary(path, catalog)


def _from_inbox(path: Path, catalog: Catalog) -> Previous:
    result = merge_inbox(path, catalog)
    if result.period is None:
        raise CompareError(path, "cmp_no_period")
    return Previous(result.period.label(catalog), result.period.key, totals_map(result.totals))


def _from_summary(path: Path, catalog: Catalog) -> Previous:
    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception:  # any unreadable file is the user's input, not our bug
        raise CompareError(path, "cmp_unreadable") from None
    try:
        if TOTALS_SHEET not in wb.sheetnames:
            raise CompareError(path, "cmp_no_sheet")
        totals = _read_totals(wb[TOTALS_SHEET], path)
        key = _period_property(wb)
    finally:
        wb.close()
    label = key
    if key:
        try:
            label = parse_period(catalog, key).label(catalog)
        except PeriodError:
            pass
    return Previous(label or path.stem, key, totals)


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
    out: dict[str, float | int | None] = {}
    for row in rows:
        if len(row) > max(code_col, total_col) and isinstance(row[code_col], str):
            value = row[total_col]
            out[row[code_col].strip()] = value if isinstance(value, (int, float)) else None
    return out


def _period_property(wb) -> str | None:
    try:
        for prop in wb.custom_doc_props.props:
            if prop.name == PERIOD_PROPERTY:
                return str(prop.value)
    except AttributeError:
        return None
    return None
