"""The summary workbook leadership reads (xlsxwriter), written atomically.

Sheets: "Tóm tắt" (whose data it is, who is missing or rejected and why, the key rates), "Tổng hợp" (bloc totals by section, rates with numerator and denominator, coverage, the
header and signature blocks), "Theo đơn vị" (one row per unit, ending with SUM formulas that equal
the totals; wide forms continue on "Theo đơn vị (2)" …), "Quý III theo đơn vị" (each unit's
figures of the months since an earlier period of the year, when there is one), "Tình hình nộp" (every expected unit and
every file), "Lỗi" (every finding), "Nội dung nổi bật" (the units' free text), "Biểu đồ" and the hidden "Kỹ thuật" (totals by
indicator code in their own unit, files' SHA-256: read by machines, never printed).
Every sheet prints on A4, one page wide, header rows repeated, coverage and page numbers in the
footer. User text is always written as text, never as a formula or link.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import xlsxwriter

from consolidate.core.atomic import Locked, atomic_output
from consolidate.core.layout import SUMMARY_PERIOD_PROPERTY
from consolidate.outputs.docstyle import FONT
from consolidate.outputs.summary.charts import write_charts
from consolidate.outputs.summary.lists import write_findings, write_status, write_texts
from consolidate.outputs.summary.overview import write_overview
from consolidate.outputs.summary.quarter import write_span_sheets
from consolidate.outputs.summary.style import LARGE, Styles, SummaryOptions
from consolidate.outputs.summary.technical import write_technical
from consolidate.outputs.summary.totals import write_totals
from consolidate.outputs.summary.units import write_unit_sheets
from consolidate.pipeline.result import MergeResult

__all__ = ["SummaryOptions", "write_summary"]


def write_summary(
    result: MergeResult, path: str | Path, options: SummaryOptions | None = None, locked: list[Locked] | None = None
) -> Path:
    """Write the summary of ``result`` to ``path`` (temporary file, then rename); returns the file
    written. ``locked``: see :func:`~consolidate.core.atomic.atomic_output` (a workbook open in Excel)."""
    options = options or SummaryOptions()
    big = options.constant_memory if options.constant_memory is not None else result.units_expected > LARGE
    path = Path(path)
    with atomic_output(path, locked) as out:
        wb = xlsxwriter.Workbook(
            str(out.tmp),
            {
                "strings_to_formulas": False,
                "strings_to_urls": False,
                "strings_to_numbers": False,
                "constant_memory": big,
                "default_format_properties": {"font_name": FONT, "font_size": 11},
            },
        )
        wb.set_properties(
            {
                "title": "Tổng hợp số liệu báo cáo",
                "author": f"Văn phòng {result.catalog.bloc.committee}",
                "company": result.catalog.bloc.name,
                "created": dt.datetime.combine(options.date, dt.time(8, 0)),
            }
        )
        if result.period is not None:
            wb.set_custom_property(SUMMARY_PERIOD_PROPERTY, result.period.key)
        styles = Styles(wb)
        write_overview(wb, styles, result, options)
        write_totals(wb, styles, result, options)
        unit_ranges = write_unit_sheets(wb, styles, result)
        write_span_sheets(wb, styles, result)
        write_status(wb, styles, result)
        write_findings(wb, styles, result)
        write_texts(wb, styles, result)
        write_charts(wb, styles, result, unit_ranges)
        write_technical(wb, styles, result)
        wb.close()
    return out.path
