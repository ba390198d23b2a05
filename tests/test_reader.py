"""Reader: generated template → filled by openpyxl (as Excel would) → read back unchanged;
rows and columns inserted by a clerk do not change what is read."""

from __future__ import annotations

import datetime as dt

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consolidate.catalog.loader import load_catalog
from consolidate.core.periods import parse_period
from consolidate.ingest.cells import clean_text
from consolidate.ingest.reader import read_submission
from consolidate.issue.template import write_template

from conftest import SAMPLES, set_cells, unit_file

CATALOG = load_catalog()
FORM = CATALOG.unit_form
INPUTS = [i for i in FORM.inputs if not i.role]


def _strategy(ind):
    lo = int(ind.minimum if ind.minimum is not None else 0)
    hi = int(min(ind.maximum if ind.maximum is not None else 10**6, 10**6))
    if ind.type == "integer":
        return st.integers(lo, hi)
    if ind.type in ("money", "decimal"):
        places = ind.decimals if ind.decimals is not None else 2  # a figure at the form's precision
        return st.integers(lo * 10**places, hi * 10**places).map(lambda n: n / 10**places)
    if ind.type == "enum":
        return st.sampled_from([o.key for o in ind.options])
    if ind.type == "date":
        return st.dates(dt.date(2000, 1, 1), dt.date(2099, 12, 31))
    alphabet = st.characters(codec="utf-8", categories=("L", "N", "Zs", "P"))
    return st.text(alphabet, min_size=1, max_size=40).filter(lambda s: s.strip() and s.strip()[0] not in "=+-@")


def _display(ind, value):
    if ind.type == "enum":
        return next(o.label for o in ind.options if o.key == value)
    return value


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.data())
def test_round_trip_through_openpyxl(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("rt") / "report.xlsx"
    unit = CATALOG.unit("DB04")
    write_template(CATALOG, FORM, path, unit=unit, period=parse_period(CATALOG, "9T-2021"))
    chosen = data.draw(st.lists(st.sampled_from(INPUTS), min_size=1, max_size=25, unique_by=lambda i: i.code))
    values = {ind.code: data.draw(_strategy(ind)) for ind in chosen}
    set_cells(path, {code: _display(FORM.indicators[code], v) for code, v in values.items()})
    sub = read_submission(path, CATALOG)
    assert sub.unit_code == "DB04" and sub.period_key == "9T-2021" and sub.form_id == FORM.id
    for code, expected in values.items():
        got = sub.values.get(code)
        if FORM.indicators[code].type == "text":  # what the reader promises: NFC, spaces folded
            expected = clean_text(expected, multiline=not FORM.indicators[code].role)
        assert got == expected, (code, got, expected)
    assert [f.code for f in sub.findings] == []


def test_inserted_rows_and_columns_do_not_change_what_is_read(tmp_path):
    source = unit_file(SAMPLES, "DB21")
    before = read_submission(source, CATALOG)
    path = tmp_path / source.name
    wb = openpyxl.load_workbook(source)
    ws = wb["Báo cáo"]
    row = next(c.row for c in ws["C"] if c.value == "dv_cuoi_ky")
    ws.insert_rows(row, 3)  # above an input row
    ws.cell(row=row, column=2).value = "Ghi chú thêm của đơn vị"
    ws.insert_rows(3, 1)  # above the header
    ws.insert_cols(1, 1)  # a column before everything
    ws.row_dimensions[row + 5].hidden = True  # and a hidden row
    wb.save(path)
    after = read_submission(path, CATALOG)
    assert after.values == before.values
    assert after.cells["dv_cuoi_ky"] != before.cells["dv_cuoi_ky"]
    assert [f.code for f in after.findings] == []


def test_values_keep_their_cell_of_origin(catalog):
    sub = read_submission(unit_file(SAMPLES, "CB01"), catalog)
    wb = openpyxl.load_workbook(unit_file(SAMPLES, "CB01"))
    ws = wb["Báo cáo"]
    for code in ("dv_cuoi_ky", "ket_nap", "kl_dv_tong"):
        cell = ws[sub.cells[code]]
        assert ws.cell(row=cell.row, column=3).value == code
        assert cell.value == sub.values[code]
