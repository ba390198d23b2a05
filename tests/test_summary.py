"""The summary workbook: sheets, audit formulas that really evaluate to the totals, text safety."""

from __future__ import annotations

import datetime as dt
import re

import openpyxl
import pytest

from consolidate.outputs.summary.writer import SummaryOptions, write_summary
from consolidate.pipeline.merge import merge_inbox

from conftest import SAMPLES, unit_file

RANGE = r"(?:'([^']+)'!)?\$?([A-Z]+)\$?(\d+):\$?([A-Z]+)\$?(\d+)"


@pytest.fixture(scope="module")
def summary(tmp_path_factory, catalog):
    result = merge_inbox(SAMPLES, catalog)
    path = write_summary(
        result, tmp_path_factory.mktemp("s") / "tong_hop.xlsx", SummaryOptions(date=dt.date(2021, 12, 6))
    )
    return result, openpyxl.load_workbook(path)


def _values(wb, sheet, match):
    name, c1, r1, c2, r2 = match
    ws = wb[name or sheet]
    assert c1 == c2
    return [ws[f"{c1}{r}"].value for r in range(int(r1), int(r2) + 1)]


def evaluate(wb, sheet: str, formula: str):
    """Evaluate the audit formulas the summary writes (SUM, COUNTIF, ratio and weighted mean, the
    last two over the rows holding both of their parts)."""
    ranges = [_values(wb, sheet, m) for m in dict.fromkeys(re.findall(RANGE, formula))]
    nums = [[v for v in r if isinstance(v, (int, float))] for r in ranges]
    if formula.startswith("=SUM("):
        return sum(nums[0])
    if formula.startswith("=COUNTIF("):
        wanted = re.search(r',"([^"]*)"\)$', formula).group(1)
        return sum(v == wanted for v in ranges[0])
    pairs = [
        (a, b)
        for a, b in zip(ranges[0], ranges[1], strict=True)
        if isinstance(a, (int, float)) and isinstance(b, (int, float))
    ]
    ratio = re.search(r"\)\*(\d+),(\d+)\),\"\"\)$", formula)
    if ratio:  # numerator, denominator
        scale, digits = ratio.groups()
        return round(sum(a for a, _ in pairs) / sum(b for _, b in pairs) * int(scale), int(digits))
    digits = re.search(r"\),(\d+)\),\"\"\)$", formula).group(1)  # value, weight
    return round(sum(a * b for a, b in pairs) / sum(b for _, b in pairs), int(digits))


def test_sheets(summary):
    _, wb = summary
    assert wb.sheetnames[:3] == ["Tóm tắt", "Tổng hợp", "Theo đơn vị"]
    for name in ("Tình hình nộp", "Lỗi", "Nội dung nổi bật", "Biểu đồ", "Kỹ thuật"):
        assert name in wb.sheetnames
    visible = [ws.title for ws in wb.worksheets if ws.sheet_state == "visible"]
    assert visible[0] == "Tóm tắt" and "Kỹ thuật" not in visible  # technical figures never print


def test_unit_sheets_end_with_formulas_equal_to_the_totals(summary):
    result, wb = summary
    checked = set()
    for ws in (wb[n] for n in wb.sheetnames if n.startswith("Theo đơn vị")):
        idents = 4 if ws.title == "Theo đơn vị" else 2
        codes = {c.column_letter: c.value for c in ws[6] if isinstance(c.value, str) and c.column > idents}
        total_row = next(r[0].row for r in ws.iter_rows() if "Tổng cộng" in (r[1].value, r[2].value))
        assert ws.freeze_panes == ("E7" if idents == 4 else "C7")
        for letter, code in codes.items():
            formula = ws[f"{letter}{total_row}"].value
            assert isinstance(formula, str) and formula.startswith("="), (ws.title, code)
            assert evaluate(wb, ws.title, formula) == pytest.approx(result.totals[code].value), (
                ws.title,
                code,
                formula,
            )
            checked.add(code)
    assert {
        "dv_cuoi_ky",
        "ket_nap",
        "ty_le_ket_nap",
        "thu_nhap_bq",
        "doanh_thu",
        "kl_dv_tong",
        "so_lieu_uoc",
    } <= checked


def test_status_sheet_lists_every_unit_with_its_file_and_the_hashes_sit_apart(summary):
    result, wb = summary
    ws = wb["Tình hình nộp"]
    rows = [r for r in ws.iter_rows(values_only=True) if isinstance(r[0], int)]
    assert len(rows) == 77
    first = next(r for r in rows if r[1] == "DB01")
    assert first[4] == "Đã nhận" and first[5] == "BC-TCCS_9T-2021_DB01_Van-phong-Uy-ban-nhan-dan-tinh.xlsx"
    printed = {
        str(v) for ws in wb.worksheets if ws.sheet_state == "visible" for r in ws.iter_rows(values_only=True) for v in r
    }
    hashes = {r.file.sha256 for r in result.files}
    assert not hashes & printed  # no SHA-256 on a page leadership prints
    tech = [
        r
        for r in wb["Kỹ thuật"].iter_rows(values_only=True)
        if r[0] == "BC-TCCS_9T-2021_DB01_Van-phong-Uy-ban-nhan-dan-tinh.xlsx"
    ]
    assert len(tech) == 1 and tech[0][5] == next(r.file.sha256 for r in result.files if r.path == tech[0][0])


def test_no_indicator_code_on_a_printed_page(summary):
    """Internal codes (dv_dau_ky …) are for machines: the per-unit sheets keep them in a hidden row."""
    result, wb = summary
    codes = {code for form in result.catalog.forms.values() for code in form.indicators}
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        for row in ws.iter_rows():
            if ws.row_dimensions[row[0].row].hidden:
                continue
            assert not {c.value for c in row} & codes, (ws.title, row[0].row)


def test_user_text_is_never_a_formula(inbox, tmp_path, catalog):
    path = unit_file(inbox, "CB05")
    wb = openpyxl.load_workbook(path)
    ws = wb["Báo cáo"]
    for row in ws.iter_rows():
        if row[2].value == "ket_qua_noi_bat":
            row[4].value = '=HYPERLINK("http://x","bấm")'
            row[4].data_type = "s"
    wb.save(path)
    result = merge_inbox(inbox, catalog)
    out = write_summary(result, tmp_path / "s.xlsx")
    texts = openpyxl.load_workbook(out)["Nội dung nổi bật"]
    cell = next(r[3] for r in texts.iter_rows() if r[1].value == "CB05")
    assert cell.value == '=HYPERLINK("http://x","bấm")' and cell.data_type == "s"


def test_province_scale_layout(monkeypatch, tmp_path, catalog):
    """Beyond LARGE units the per-unit data is one wide, filterable, unformatted sheet (streamed
    with constant_memory); its audit formulas still equal the totals."""
    import consolidate.outputs.summary.lists as lists
    import consolidate.outputs.summary.units as units
    import consolidate.outputs.summary.writer as summary

    for module in (summary, lists, units):
        monkeypatch.setattr(module, "LARGE", 50)
    result = merge_inbox(SAMPLES, catalog)
    wb = openpyxl.load_workbook(write_summary(result, tmp_path / "big.xlsx"))
    per_unit = [n for n in wb.sheetnames if n.startswith("Theo đơn vị")]
    assert per_unit == ["Theo đơn vị"]
    ws = wb["Theo đơn vị"]
    assert ws.auto_filter.ref and ws.freeze_panes == "E7"
    assert ws["E7"].has_style is False and ws["E7"].value is not None
    codes = {c.column_letter: c.value for c in ws[6] if isinstance(c.value, str) and c.column > 4}
    assert len(codes) > 50
    total_row = next(r[0].row for r in ws.iter_rows() if r[2].value == "Tổng cộng")
    for letter, code in codes.items():
        assert evaluate(wb, ws.title, ws[f"{letter}{total_row}"].value) == pytest.approx(result.totals[code].value), (
            code
        )
    status = wb["Tình hình nộp"]
    first = next(r for r in status.iter_rows() if r[1].value == "DB01")
    assert first[4].value == "Đã nhận" and not first[4].has_style


def test_charts_are_sorted_bars_with_their_figures_no_pie_no_line(summary, tmp_path):
    import zipfile

    from consolidate.outputs.summary.charts import chart_data

    result, wb = summary
    spec = next(c for c in result.catalog.charts if c.group_by == "sector")
    inds = [result.catalog.indicator(c) for c in spec.series]
    data = chart_data(result, spec, inds)
    sectors = {s.label for s in result.catalog.sectors.values()}
    assert {label for label, _ in data} <= sectors
    assert [v[0] for _, v in data] == sorted((v[0] for _, v in data), reverse=True)
    assert sum(v[0] for _, v in data) == result.totals[spec.series[0]].value  # every admitted member, once
    assert sum(v[1] for _, v in data) == result.totals[spec.series[1]].value
    ws = wb["Biểu đồ"]
    table = [r for r in ws.iter_rows(values_only=True) if r[0] in sectors]
    assert [(r[0], r[1], r[2]) for r in table] == [(label, v[0], v[1]) for label, v in data]
    path = write_summary(result, tmp_path / "c.xlsx")
    with zipfile.ZipFile(path) as z:
        charts = [z.read(n).decode() for n in z.namelist() if n.startswith("xl/charts/chart")]
    assert charts and all("<c:barChart>" in c and 'barDir val="bar"' in c for c in charts)
    assert not any("<c:pieChart>" in c or "<c:lineChart>" in c for c in charts)
