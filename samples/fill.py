"""Fill reports from a table: one CSV row of indicator values → a completed report workbook.

Used to build the sample inbox from samples/units_9T2021.csv and the benchmark inboxes; an office
can use it too, to turn a spreadsheet it already keeps into reports that go through the same
validation as everybody else's.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from consolidate.core.model import Catalog, Form, Indicator, Unit
from consolidate.core.periods import Period
from consolidate.issue.template import Prefill, template_filename, write_template


def typed(ind: Indicator, text: str) -> Any:
    """A CSV cell (dot decimals, dd/mm/yyyy dates, enum keys) as the catalog's type; '' → None."""
    text = (text or "").strip()
    if not text:
        return None
    if ind.type == "integer":
        return int(float(text))
    if ind.type in ("money", "decimal"):
        return float(text)
    if ind.type == "date":
        return dt.datetime.strptime(text, "%d/%m/%Y").date()
    return text


def prefill_from_row(
    form: Form,
    row: Mapping[str, str],
    qualifiers: Mapping[str, str] | None = None,
    explanations: Mapping[str, str] | None = None,
) -> Prefill:
    values = {
        code: typed(ind, row[code])
        for code, ind in form.indicators.items()
        if code in row and ind.input and not ind.role
    }
    return Prefill({k: v for k, v in values.items() if v is not None}, dict(qualifiers or {}), dict(explanations or {}))


def read_csv(path: str | Path) -> list[dict[str, str]]:
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def write_unit_reports(
    catalog: Catalog,
    period: Period,
    rows: Iterable[Mapping[str, str]],
    out_dir: str | Path,
    extra: Mapping[str, Mapping[str, str]] | None = None,
    saved: dt.datetime | None = None,
) -> list[Path]:
    """One filled BC report per row (keyed by the unit code column); ``extra`` adds columns per unit."""
    form = catalog.unit_form
    code_col = form.role("unit_code").code
    out = []
    for row in rows:
        unit = catalog.unit(row[code_col]) or Unit(
            row[code_col], row.get("ten_tccs", row[code_col]), row.get("loai_tccs", ""), row.get("loai_hinh", "")
        )
        merged = {**row, **(extra or {}).get(unit.code, {})}
        path = Path(out_dir) / template_filename(catalog, form, period, unit)
        out.append(
            write_template(
                catalog, form, path, unit=unit, period=period, prefill=prefill_from_row(form, merged), saved=saved
            )
        )
    return out


def write_bloc_report(
    catalog: Catalog,
    period: Period,
    rows: Iterable[Mapping[str, str]],
    out_dir: str | Path,
    saved: dt.datetime | None = None,
) -> Path | None:
    """The bloc-level report from (code, value, qualifier) rows."""
    form = catalog.bloc_form
    if form is None:
        return None
    values, qualifiers = {}, {}
    for row in rows:
        values[row["code"]] = row["value"]
        if row.get("qualifier"):
            qualifiers[row["code"]] = row["qualifier"]
    path = Path(out_dir) / template_filename(catalog, form, period)
    return write_template(
        catalog, form, path, period=period, prefill=prefill_from_row(form, values, qualifiers), saved=saved
    )
