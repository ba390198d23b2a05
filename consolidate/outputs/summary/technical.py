"""The hidden "Kỹ thuật" sheet: what machines and auditors read, kept off the printed pages.

- Every total by indicator code, in the indicator's own unit (the "Tổng hợp" sheet shows money
  in the unit a reader expects, 4.262 tỷ đồng; here it is 4.262.000 triệu đồng as the forms
  declare), with its coverage and method. :mod:`consolidate.pipeline.previous` reads a summary
  back from this table when it serves as another period's figures.
- Every file of the inbox with its unit, form, status, size and SHA-256, to prove which file
  was counted.

The sheet is hidden, so printing the workbook does not print it; Excel and LibreOffice show it
with "Unhide" (Bỏ ẩn).
"""

from __future__ import annotations

from consolidate.core.layout import SUMMARY_TECH_SHEET
from consolidate.core.messages import status_label
from consolidate.outputs.summary.style import Styles
from consolidate.outputs.summary.totals import summary_rows
from consolidate.pipeline.result import MergeResult

SHEET = SUMMARY_TECH_SHEET
TOTALS_HEAD = ("Mã số", "Chỉ tiêu", "Đvt", "Tổng số", "Số đơn vị có số liệu", "Số đơn vị áp dụng", "Cách tổng hợp")
FILES_HEAD = ("Tệp", "Đơn vị", "Biểu mẫu", "Tình trạng", "Kích thước (byte)", "SHA-256")
WIDTHS = (22, 48, 16, 16, 12, 12, 66)


def write_technical(wb, styles: Styles, result: MergeResult) -> None:
    ws = wb.add_worksheet(SHEET)
    for i, width in enumerate(WIDTHS):
        ws.set_column(i, i, width)
    plain = styles.get()
    ws.write_string(0, 0, "SỐ LIỆU KỸ THUẬT (không in): tổng số theo mã chỉ tiêu, theo đơn vị tính của biểu mẫu", plain)
    row = 2
    for i, text in enumerate(TOTALS_HEAD):
        ws.write_string(row, i, text, styles.head())
    row += 1
    for kind, ind in summary_rows(result.catalog):
        total = result.totals.get(ind.code) if kind == "indicator" else None  # type: ignore[union-attr]
        if total is None:
            continue
        ws.write_string(row, 0, total.code, plain)
        ws.write_string(row, 1, ind.label, plain)  # type: ignore[union-attr]
        ws.write_string(row, 2, ind.unit, plain)  # type: ignore[union-attr]
        if isinstance(total.value, (int, float)):
            ws.write_number(row, 3, total.value, plain)
        ws.write_number(row, 4, total.units, plain)
        ws.write_number(row, 5, total.eligible, plain)
        ws.write_string(row, 6, total.method, plain)
        row += 1
    row += 1
    for i, text in enumerate(FILES_HEAD):
        ws.write_string(row, i, text, styles.head())
    row += 1
    for r in result.files:
        ws.write_string(row, 0, r.path, plain)
        ws.write_string(row, 1, r.unit or "", plain)
        ws.write_string(row, 2, r.form or "", plain)
        ws.write_string(row, 3, status_label(r.status), plain)
        ws.write_number(row, 4, r.file.size, plain)
        ws.write_string(row, 5, r.file.sha256, plain)
        row += 1
    ws.hide()
