"""Annotated copies (issue 4): the unit's own workbook back, problems marked on exactly the cells
involved, a linked list of findings, and nothing the unit entered changed."""

from __future__ import annotations

import shutil
import subprocess

import openpyxl
import pytest
import python_calamine

from consolidate.core.periods import parse_period
from consolidate.pipeline.merge import validate_files

from conftest import SAMPLES, run_cli, set_cells, unit_file

BROKEN = {
    "dv_cuoi_ky": 91,
    "huy_hieu_30": -2,
    "tcct_de_nghi": "mười sáu",
    "ky_bao_cao": "6 tháng",
    "chi_tieu_ket_nap_nam": None,
}


@pytest.fixture
def annotated(tmp_path):
    source = tmp_path / "DB05.xlsx"
    shutil.copyfile(unit_file(SAMPLES, "DB05"), source)
    cells = set_cells(source, BROKEN)
    original = source.read_bytes()
    out = tmp_path / "gop_y"
    result = run_cli("validate", str(source), "--period", "9T-2021", "--annotate", str(out))
    assert result.exit_code == 1
    assert source.read_bytes() == original  # the original is never modified
    copy = out / "DB05_gop_y.xlsx"
    return source, copy, cells


def test_five_problems_are_commented_on_exactly_the_cells_involved(annotated, catalog):
    source, copy, cells = annotated
    result = validate_files([source], catalog, parse_period(catalog, "9T-2021"))
    findings = [f for r in result.files for f in r.findings]
    assert sorted(f.code for f in findings) == ["C401", "C402", "C405", "R01", "T304"]
    involved = {c for f in findings for c in f.all_cells}
    assert {cells[c] for c in BROKEN} <= involved
    ws = openpyxl.load_workbook(copy)["Báo cáo"]
    commented = {c.coordinate for row in ws.iter_rows() for c in row if c.comment is not None}
    assert commented == involved and len(commented) >= 5
    balance = ws[cells["dv_cuoi_ky"]].comment.text
    assert "đầu năm 89 + kết nạp 2" in balance and "≠ cuối kỳ 91" in balance and "Cách sửa:" in balance
    assert ws[cells["dv_cuoi_ky"]].fill.fgColor.rgb.endswith("FFC7CE")
    # a term of the equation is marked too, with the same explanation
    assert "≠ cuối kỳ 91" in ws["E20"].comment.text


def test_the_list_sheet_links_to_every_cell(annotated, catalog):
    _, copy, _ = annotated
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames[0] == "Danh sách lỗi"
    ws = wb["Danh sách lỗi"]
    rows = [r for r in ws.iter_rows(min_row=4) if r[0].value is not None]
    assert len(rows) == 5
    for row in rows:
        link = row[3].hyperlink
        sheet, cell = link.location.split("!")
        assert link.target is None  # internal, no external relationship
        assert wb[sheet.strip("'")][cell].coordinate == cell == row[3].value.split("!")[1]


def test_every_value_entered_is_unchanged(annotated):
    source, copy, _ = annotated
    before = openpyxl.load_workbook(source)
    after = openpyxl.load_workbook(copy)
    for name in before.sheetnames:
        a, b = before[name], after[name]
        assert [[c.value for c in r] for r in a.iter_rows()] == [[c.value for c in r] for r in b.iter_rows()], name
        assert a.sheet_state == b.sheet_state
    assert after["Báo cáo"].protection.sheet


def test_the_copy_reopens_in_openpyxl_and_calamine(annotated, catalog):
    _, copy, _ = annotated
    openpyxl.load_workbook(copy, read_only=True).close()
    wb = python_calamine.CalamineWorkbook.from_path(str(copy))
    assert wb.sheet_names[0] == "Danh sách lỗi"
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()
    again = validate_files([copy], catalog)  # and it is still readable as the unit's report
    assert again.files[0].sub.unit_code == "DB05"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_copy_converts_with_libreoffice(annotated, tmp_path):
    _, copy, _ = annotated
    out = subprocess.run(
        ["soffice", "--headless", "--convert-to", "pdf", "--outdir", str(tmp_path), str(copy)],
        capture_output=True,
        text=True,
        timeout=180,
    )
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "DB05_gop_y.pdf").stat().st_size > 10_000


def test_unreadable_files_get_a_list_only_workbook(tmp_path, catalog):
    path = tmp_path / "rong.xlsx"
    path.write_bytes(b"")
    out = tmp_path / "gop_y"
    run_cli("validate", str(path), "--annotate", str(out))
    wb = openpyxl.load_workbook(out / "rong_gop_y.xlsx")
    assert wb.sheetnames == ["Danh sách lỗi"]
    assert wb["Danh sách lỗi"]["B4"].value == "F101"


def test_merge_feedback_writes_one_copy_per_file_with_findings(inbox, tmp_path):
    set_cells(unit_file(inbox, "CB03"), {"ket_nap": "hai"})
    set_cells(unit_file(inbox, "CB14"), {"dv_dau_ky": 30, "dv_cuoi_ky": 31})  # a warning only
    out = tmp_path / "gop_y"
    result = run_cli("merge", str(inbox), "-o", str(tmp_path / "t.xlsx"), "--feedback", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "CB03_BC-TCCS_9T_2021_gop_y.xlsx",
        "CB14_BC-TCCS_9T_2021_gop_y.xlsx",
    ]
    assert result.stdout.splitlines()[-1] == f"Đã ghi 2 bản có đánh dấu lỗi vào {out}"
    warned = openpyxl.load_workbook(out / "CB14_BC-TCCS_9T_2021_gop_y.xlsx")["Báo cáo"]
    cell = next(c for row in warned.iter_rows() for c in row if c.comment is not None)
    assert cell.fill.fgColor.rgb.endswith("FFEB9C") and "[R08] Cảnh báo" in cell.comment.text
