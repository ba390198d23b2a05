"""Templates: labels and codes from the catalog, shaded unlocked inputs, protection, data
validation, instructions, hidden metadata; committed blank templates are up to date."""

from __future__ import annotations

from pathlib import Path

import openpyxl

from consolidate.core.periods import parse_period
from consolidate.issue.batch import write_templates
from consolidate.issue.template import write_template

from conftest import ROOT, run_cli


def _rows_by_code(ws):
    return {row[2].value: row for row in ws.iter_rows() if isinstance(row[2].value, str)}


def test_issued_template_carries_unit_period_and_catalog(tmp_path, catalog):
    period = parse_period(catalog, "9T-2021")
    path = write_template(catalog, catalog.unit_form, tmp_path / "t.xlsx", unit=catalog.unit("CB33"), period=period)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["Hướng dẫn", "Báo cáo", "_meta"]
    meta = wb["_meta"]
    assert meta.sheet_state == "veryHidden"
    stored = {r[0].value: r[1].value for r in meta.iter_rows()}
    assert {k: stored[k] for k in ("form_id", "form_version", "unit_code", "period", "data_sheet")} == {
        "form_id": "BC-TCCS",
        "form_version": "1",
        "unit_code": "CB33",
        "period": "9T-2021",
        "data_sheet": "Báo cáo",
    }
    ws = wb["Báo cáo"]
    assert ws.protection.sheet is True
    rows = _rows_by_code(ws)
    assert rows["ma_tccs"][4].value == "CB33" and rows["ma_tccs"][4].protection.locked
    assert rows["ky_bao_cao"][4].value == "9 tháng" and rows["nam"][4].value == 2021
    assert rows["loai_hinh"][4].value == "Doanh nghiệp nhà nước"
    for ind in catalog.unit_form.inputs:
        row = rows[ind.code]
        assert row[1].value.strip() == ind.label
        assert row[3].value == ind.unit
        if not ind.role:
            assert row[4].protection.locked is False, ind.code
            assert row[4].fill.fgColor.rgb.endswith("FFF2CC"), ind.code
    header = [c.value for c in ws[6]]
    assert header == ["STT", "Chỉ tiêu", "Mã số", "Đvt", "Số liệu", "Ghi chú"]  # no qualified amounts here
    assert "Chỉ doanh nghiệp điền" in rows["doanh_thu"][5].value
    assert "cộng dồn từ 01/01" in rows["ket_nap"][5].value
    validations = {str(dv.sqref): dv for dv in ws.data_validations.dataValidation}
    ket_nap = validations[rows["ket_nap"][4].coordinate]
    assert (ket_nap.type, ket_nap.formula1, ket_nap.formula2) == ("whole", "0", "10000")
    so_lieu_uoc = validations[rows["so_lieu_uoc"][4].coordinate]
    assert so_lieu_uoc.type == "list" and "Có" in so_lieu_uoc.formula1
    guide = [c.value for c in wb["Hướng dẫn"]["B"] if c.value]
    assert any("R01" in line and "Cân đối đảng viên" in line for line in guide)


def test_ratio_rows_are_computed_not_typed(tmp_path, catalog):
    path = write_template(catalog, catalog.unit_form, tmp_path / "t.xlsx")
    ws = openpyxl.load_workbook(path)["Báo cáo"]
    cell = _rows_by_code(ws)["ty_le_ket_nap"][4]
    assert cell.value.startswith("=IF(") and cell.protection.locked


def test_bloc_template_has_qualifier_column(tmp_path, catalog):
    form = catalog.bloc_form
    path = write_template(catalog, form, tmp_path / "b.xlsx", period=parse_period(catalog, "9T-2021"))
    ws = openpyxl.load_workbook(path)["Báo cáo"]
    rows = _rows_by_code(ws)
    assert [c.value for c in ws[6]] == ["STT", "Chỉ tiêu", "Mã số", "Đvt", "Số liệu", "Mức độ", "Ghi chú"]
    assert rows["ma_don_vi"][4].value == "DUK"
    assert rows["doan_hien_mau"][5].protection.locked is False
    assert rows["llct_so_lop"][5].protection.locked is True


def test_committed_blank_templates_are_up_to_date(tmp_path, catalog):
    fresh = write_templates(catalog, tmp_path, blank=True)
    assert sorted(p.name for p in fresh) == sorted(p.name for p in (ROOT / "templates").glob("*.xlsx"))
    for path in fresh:
        committed = ROOT / "templates" / path.name
        assert path.read_bytes() == committed.read_bytes(), (
            f"{committed} is stale: run `consolidate template --blank -o templates/`"
        )


def test_template_command_writes_one_file_per_unit_and_the_bloc(tmp_path):
    result = run_cli("template", "--period", "9T-2021", "-o", str(tmp_path))
    assert result.exit_code == 0
    assert result.stdout == f"Đã ghi 77 biểu mẫu vào {tmp_path}\n"
    names = sorted(p.name for p in Path(tmp_path).glob("*.xlsx"))
    assert len(names) == 77 and "DB01_BC-TCCS_9T_2021.xlsx" in names and "DUK_BC-DUK_9T_2021.xlsx" in names
