"""Formula results kept through a feedback copy (issue 13): a unit's own formulas, saved with their
results by Excel or LibreOffice, keep them in the copy, so the unchanged copy validates exactly as
the original did (openpyxl alone would drop them: C408 on every such formula)."""

from __future__ import annotations

import io
import re
import shutil
import zipfile

import openpyxl
from office import needs_office, resave

from consolidate.outputs.formulas import cached_results, restore
from consolidate.pipeline.merge import validate_files

from conftest import SAMPLES, run_cli, set_cells, unit_file

SHEET = (
    b'<worksheet><sheetData><row r="1">'
    b'<c r="A1" t="n"><v>2</v></c>'
    b'<c r="B1" s="3"><f>A1*2</f><v>4</v></c>'
    b'<c r="C1" t="str"><f>IF(A1&gt;9,"x","")</f><v></v></c>'
    b'<c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c>'
    b'<c r="E1" t="b"><f>A1&gt;1</f><v>1</v></c>'
    b'<c r="F1"><f>A1+1</f></c>'
    b"</row></sheetData>"
    b'<dataValidations><dataValidation sqref="A1"><formula1>0</formula1></dataValidation></dataValidations>'
    b"</worksheet>"
)


def test_the_cached_result_of_every_formula_is_found():
    assert cached_results(SHEET) == {
        b"B1": (b"n", b"4"),
        b"C1": (b"str", b""),
        b"D1": (b"e", b"#DIV/0!"),
        b"E1": (b"b", b"1"),
    }


def test_results_are_put_back_into_the_cells_openpyxl_wrote():
    written = (
        b'<sheetData><row r="1"><c r="B1" s="7"><f>A1*2</f><v></v></c><c r="C1" s="7"><f>IF(A1&gt;9,"x","")</f><v/></c>'
        b'<c r="D1"><f>1/0</f><v></v></c><c r="E1"><f>A1&gt;1</f><v></v></c><c r="F1"><f>A1+1</f><v></v></c>'
        b"</row></sheetData>"
    )
    assert restore(written, cached_results(SHEET)) == (
        b'<sheetData><row r="1"><c r="B1" s="7"><f>A1*2</f><v>4</v></c>'
        b'<c r="C1" s="7" t="str"><f>IF(A1&gt;9,"x","")</f><v></v></c>'
        b'<c r="D1" t="e"><f>1/0</f><v>#DIV/0!</v></c><c r="E1" t="b"><f>A1&gt;1</f><v>1</v></c>'
        b'<c r="F1"><f>A1+1</f><v></v></c>'  # no result in the original: none invented
        b"</row></sheetData>"
    )


def _with_cached_formula(path, cell: str, formula: str, value: str) -> None:
    """Put ``formula`` with the cached ``value`` into ``cell`` of the data sheet, the way Excel
    saves a formula a clerk typed."""
    pattern = re.compile(rf'<c r="{cell}"([^>]*?)(?:/>|>.*?</c>)'.encode(), re.S)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(path.read_bytes())) as zin, zipfile.ZipFile(out, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info)
            if info.filename == "xl/worksheets/sheet2.xml":  # "Báo cáo", after "Hướng dẫn"
                attrs = re.sub(rb'\st="\w+"', b"", pattern.search(data).group(1))
                new = b'<c r="%s"%s><f>%s</f><v>%s</v></c>' % (cell.encode(), attrs, formula.encode(), value.encode())
                match = pattern.search(data)
                data = data[: match.start()] + new + data[match.end() :]
            zout.writestr(info, data)
    path.write_bytes(out.getvalue())


def test_a_copy_of_a_report_with_formulas_validates_like_the_original(tmp_path, catalog):
    source = tmp_path / "DB05.xlsx"
    shutil.copyfile(unit_file(SAMPLES, "DB05"), source)
    cells = set_cells(source, {"kl_dv_tong": 2})  # an error, so that a copy is written
    wb = openpyxl.load_workbook(source)
    total = next(r[4].coordinate for r in wb["Báo cáo"].iter_rows() if r[2].value == "dv_cuoi_ky")
    _with_cached_formula(source, total, "E22+E23+E25-E32", "90")
    original = validate_files([source], catalog).files[0]
    assert [f.code for f in original.findings] == ["R02"]  # the formula's result is read: no C408
    out = tmp_path / "gop_y"
    run_cli("validate", str(source), "--annotate", str(out))
    copy = out / "DB05_gop_y.xlsx"
    assert openpyxl.load_workbook(copy)["Báo cáo"][total].value == "=E22+E23+E25-E32"  # the formula stays
    again = validate_files([copy], catalog).files[0]
    assert again.status == original.status == "rejected"
    assert [(f.code, f.cell) for f in again.findings] == [("R02", cells["kl_dv_tong"])]
    assert again.sub.values == original.sub.values


@needs_office
def test_a_report_resaved_by_libreoffice_round_trips_through_its_copy(tmp_path, catalog):
    source = tmp_path / "DB05.xlsx"
    shutil.copyfile(unit_file(SAMPLES, "DB05"), source)
    cells = set_cells(source, {"kl_dv_tong": 2, "dv_cuoi_ky": "=E22+E23+E25-E32"})
    saved = resave([source], "xlsx", tmp_path / "lo")[0]  # Calc computes and stores every result
    original = validate_files([saved], catalog).files[0]
    out = tmp_path / "gop_y"
    run_cli("validate", str(saved), "--annotate", str(out))
    again = validate_files([out / "DB05_gop_y.xlsx"], catalog).files[0]
    assert [(f.code, f.cell) for f in again.findings] == [(f.code, f.cell) for f in original.findings]
    assert [f.code for f in again.findings] == ["R02"] and again.findings[0].cell == cells["kl_dv_tong"]
    assert again.sub.values == original.sub.values
