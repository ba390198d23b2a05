"""Vietnamese figures on any computer (issue 13): the number formats that print 3.407 and 96,67
whatever the reader's regional settings, how the summary spends them, and the template's input
cells. tests/test_render.py prints them with LibreOffice under a Vietnamese and an English locale."""

from __future__ import annotations

import datetime as dt
import re
import zipfile

import openpyxl
import pytest

from consolidate import api
from consolidate.core.numformat import INPUT_WHOLE, figure_format, locale_format, whole_format
from consolidate.core.periods import parse_period
from consolidate.outputs.summary.style import FIGURE_BUDGET, Figures

from conftest import SAMPLES


@pytest.mark.parametrize(
    ("value", "decimals", "signed", "expected"),
    [
        (96.6667, 2, False, '[<96.665]#,##0.00;[<96.675]"96,67";#,##0.00'),
        (91.989, 3, False, '[<91.9885]#,##0.000;[<91.9895]"91,989";#,##0.000'),
        (75.5, 1, False, '[<75.45]#,##0.0;[<75.55]"75,5";#,##0.0'),
        (1234.5, 1, False, '[<1234.45]#,##0.0;[<1234.55]"1.234,5";#,##0.0'),
        (100, 2, False, '[<99.995]#,##0.00;[<100.005]"100,00";#,##0.00'),
        (0, 2, False, '[>=0.005]#,##0.00;[>=0]"0,00";\\-#,##0.00'),
        (1.25, 2, True, '[<1.245]#,##0.00;[<1.255]"+1,25";+#,##0.00'),
        (-3.5, 1, True, '[>-3.45]#,##0.0;[=-3.5]"−3,5";\\-#,##0.0'),
        (-1.25, 2, False, '[>-1.245]#,##0.00;[=-1.25]"-1,25";\\-#,##0.00'),
        (-0.1234567891234567, 2, True, '+#,##0.00;"−0,12"'),  # no exact condition: every negative
        (3407, 0, False, "[<1000]0;[<1000000]#\\.##0;#\\.###\\.##0"),
        (-3407, 0, False, '#\\.##0;"-"#\\.##0;0'),
        (-4262000, 0, True, '+#\\.###\\.##0;"−"#\\.###\\.##0;0'),
        (12, 0, True, '+0;"−"0;0'),
    ],
)
def test_each_figure_gets_the_format_that_spells_it(value, decimals, signed, expected):
    assert figure_format(value, decimals, signed) == expected


def test_whole_numbers_share_banded_formats_with_literal_dots():
    assert whole_format() == whole_format(999_999_999) == INPUT_WHOLE == "[<1000]0;[<1000000]#\\.##0;#\\.###\\.##0"
    big = "[<1000000000]#\\.###\\.##0;[<1000000000000]#\\.###\\.###\\.##0;#\\.###\\.###\\.###\\.##0"
    assert whole_format(4_262_000_000) == whole_format(999_999_999_999_999) == big
    assert locale_format(3) == "[$-42A]#,##0.000"


def test_figures_spend_formats_of_their_own_within_the_budget():
    figures = Figures(budget=2)
    assert figures.format(96.6667, 2) == figure_format(96.6667, 2)
    assert figures.format(96.6701, 2) == figure_format(96.6667, 2)  # the same figure, the same format
    assert figures.format(75.5, 1) == figure_format(75.5, 1)
    assert figures.format(10.0, 1) == locale_format(1)  # the budget is spent
    assert figures.format(3407, 0) == whole_format() and figures.format(None, 2) == locale_format(2)
    assert figures.spent == {figure_format(96.67, 2), figure_format(75.5, 1)}


def test_a_column_gets_formats_for_all_its_figures_or_none():
    figures = Figures(budget=3)
    assert figures.reserve_column([1.5, 2.5, None, 1.5], 1)
    assert not figures.reserve_column([3.5, 4.5], 1)  # 4 formats would exceed 3: none spent
    assert figures.reserve_column([0.25], 2) and len(figures.spent) == 3
    assert figures.reserve_column([7, 8, 9], 0)  # whole numbers cost nothing


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    result = api.merge(SAMPLES)
    return api.write_summary(result, tmp_path_factory.mktemp("nf") / "tong_hop.xlsx", date=dt.date(2021, 10, 6))


def test_the_summary_stays_within_excels_206_custom_formats(summary):
    with zipfile.ZipFile(summary) as zf:
        styles = zf.read("xl/styles.xml").decode()
    count = len(re.findall(r"<numFmt ", styles))
    assert 20 < count <= FIGURE_BUDGET + 20 < 206


def _total_cells(ws, catalog) -> dict:
    """Indicator code → the "Tổng số" cell of its row in "Tổng hợp" (rows found by label)."""
    labels = {ind.label: ind.code for form in catalog.forms.values() for ind in form.indicators.values()}
    return {labels[row[1].value]: row[3] for row in ws.iter_rows() if row[1].value in labels}


def test_the_summary_figures_are_numbers_with_vietnamese_formats(summary, catalog):
    ws = openpyxl.load_workbook(summary)["Tổng hợp"]
    rows = {code: (None, None, None, cell) for code, cell in _total_cells(ws, catalog).items()}
    members, rate, dues = rows["dv_cuoi_ky"][3], rows["ty_le_ket_nap"][3], rows["dang_phi_thu"][3]
    assert (members.value, members.number_format) == (3407, whole_format())
    assert (rate.value, rate.number_format) == (96.67, '[<96.665]#,##0.00;[<96.675]"96,67";#,##0.00')
    assert dues.data_type == "n" and '"91,989"' in dues.number_format


def test_past_the_budget_a_whole_column_keeps_the_locale_format(tmp_path, monkeypatch, catalog):
    from consolidate.outputs.summary import style

    monkeypatch.setattr(style, "FIGURE_BUDGET", 12)
    path = api.write_summary(api.merge(SAMPLES), tmp_path / "t.xlsx", date=dt.date(2021, 10, 6))
    wb = openpyxl.load_workbook(path)
    totals = _total_cells(wb["Tổng hợp"], catalog)
    assert '"96,67"' in totals["ty_le_ket_nap"].number_format  # the totals come first
    dues = next(ws for ws in wb.worksheets if any(c.value == "dang_phi_thu" for c in ws[6]))
    column = next(c.column for c in dues[6] if c.value == "dang_phi_thu")
    formats = {
        row[column - 1].number_format for row in dues.iter_rows(min_row=7) if row[column - 1].value is not None
    }  # and the total
    assert formats == {locale_format(3)}  # 76 figures do not fit: none of them gets its own


def test_template_input_cells_take_typed_numbers_and_show_vietnamese_dots(tmp_path, catalog):
    period = parse_period(catalog, "9T-2021")
    path = api.template(tmp_path, catalog, period=period, units=["CB07"])[0]
    ws = openpyxl.load_workbook(path)["Báo cáo"]
    cells = {row[2].value: row[4] for row in ws.iter_rows(min_row=7) if row[2].value}
    members = cells["dv_cuoi_ky"]
    assert members.number_format == INPUT_WHOLE and not members.protection.locked
    rule = next(v for v in ws.data_validations.dataValidation if members.coordinate in v.sqref)
    assert rule.type == "whole"  # typed figures are still checked as whole numbers
    filled = openpyxl.load_workbook(next(SAMPLES.glob("*_CB07_*.xlsx")))["Báo cáo"][members.coordinate]
    assert isinstance(filled.value, int) and filled.number_format == INPUT_WHOLE  # a number, not text
    assert cells["ty_le_ket_nap"].number_format == locale_format(2)  # a formula: LibreOffice shows 96,67
    assert cells["dang_phi_thu"].number_format == "#,##0.###"  # typed decimals follow the typist's computer
