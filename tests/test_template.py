"""Templates: labels and codes from the catalog, shaded and framed unlocked inputs with input
prompts, protection, data validation, the party-document header, notes by each indicator's
nature, instructions, hidden metadata, file names with the unit's short name; committed blank
templates are up to date."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
from office import needs_office, resave

from consolidate.core.periods import parse_period
from consolidate.issue.batch import write_templates
from consolidate.issue.template import template_filename, write_template

from conftest import ROOT, SAMPLES, run_cli, unit_file


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
    header = [c.value for c in ws[8]]
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
    assert [c.value for c in ws[8]] == ["STT", "Chỉ tiêu", "Mã số", "Đvt", "Số liệu", "Mức độ", "Ghi chú"]
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
    assert (
        len(names) == 77
        and "BC-TCCS_9T-2021_DB01_Van-phong-Uy-ban-nhan-dan-tinh.xlsx" in names
        and "BC-DUK_9T-2021_DUK_Dang-uy-Khoi.xlsx" in names
    )


# --- issue 13: notes by nature, frames that print, input prompts, the header, file names ---------


def test_each_rows_note_matches_its_nature(tmp_path, catalog):
    ws = openpyxl.load_workbook(write_template(catalog, catalog.unit_form, tmp_path / "t.xlsx"))["Báo cáo"]
    notes = {code: row[5].value or "" for code, row in _rows_by_code(ws).items()}
    assert "tại ngày 01/01" in notes["dv_dau_ky"] and "ngày chốt" not in notes["dv_dau_ky"]
    assert notes["dv_cuoi_ky"].endswith("tại ngày chốt số liệu")
    assert "cộng dồn từ 01/01 đến ngày chốt số liệu" in notes["ket_nap"]
    assert "bình quân từ 01/01" in notes["lao_dong_bq"] and "tại ngày chốt" not in notes["lao_dong_bq"]
    assert (
        "kế hoạch, chỉ tiêu của cả năm" in notes["chi_tieu_ket_nap_nam"]
        and "tại ngày" not in notes["chi_tieu_ket_nap_nam"]
    )
    for ind in catalog.unit_form.inputs:  # one time basis per row, the one the catalog declares
        said = [
            n
            for n in ("tại ngày 01/01", "tại ngày chốt số liệu", "cộng dồn", "bình quân", "cả năm")
            if n in notes[ind.code]
        ]
        assert len(said) <= 1, (ind.code, said)


def test_input_cells_are_framed_so_they_survive_a_greyscale_print(tmp_path, catalog):
    ws = openpyxl.load_workbook(write_template(catalog, catalog.unit_form, tmp_path / "t.xlsx"))["Báo cáo"]
    rows = _rows_by_code(ws)
    for ind in catalog.unit_form.inputs:
        cell = rows[ind.code][4]
        assert cell.fill.fgColor.rgb.endswith("FFF2CC"), ind.code
        assert {cell.border.left.style, cell.border.right.style, cell.border.top.style} == {"medium"}, ind.code
    assert rows["ty_le_ket_nap"][4].border.left.style == "thin"  # computed cells are not framed as inputs


def _prompts(ws) -> dict[str, tuple[str, str]]:
    return {str(dv.sqref): (dv.promptTitle, dv.prompt) for dv in ws.data_validations.dataValidation if dv.prompt}


def test_input_cells_prompt_what_to_enter(tmp_path, catalog):
    ws = openpyxl.load_workbook(write_template(catalog, catalog.unit_form, tmp_path / "t.xlsx"))["Báo cáo"]
    rows = _rows_by_code(ws)
    prompts = _prompts(ws)
    for ind in catalog.unit_form.inputs:
        title, text = prompts[rows[ind.code][4].coordinate]
        assert len(title) <= 32 and len(text) <= 255 and text.startswith(ind.label[:20]), ind.code
    assert prompts[rows["dv_dau_ky"][4].coordinate] == (
        "Tổng số đảng viên đầu năm (ngày…",
        "Tổng số đảng viên đầu năm (ngày 01/01). Đơn vị tính: đồng chí. Tại ngày 01/01 (đầu năm). "
        "Ghi số nguyên từ 0 đến 100.000. Bắt buộc.",
    )
    assert "Chọn trong danh sách: Có / Không." in prompts[rows["so_lieu_uoc"][4].coordinate][1]
    assert prompts[rows["gt_R07"][4].coordinate][0] == "Giải trình R07"


@needs_office
def test_input_prompts_survive_a_libreoffice_resave_and_the_file_still_reads(tmp_path, catalog):
    from consolidate.pipeline.merge import validate_files

    source = tmp_path / "DB05.xlsx"
    source.write_bytes(unit_file(SAMPLES, "DB05").read_bytes())
    saved = resave([source], "xlsx", tmp_path / "lo")[0]
    before = _prompts(openpyxl.load_workbook(source)["Báo cáo"])
    after = _prompts(openpyxl.load_workbook(saved)["Báo cáo"])
    assert after == before and len(after) >= 60
    result = validate_files([saved], catalog).files[0]
    assert result.status == "accepted" and result.findings == []


def test_the_data_sheet_carries_the_party_document_header(tmp_path, catalog):
    period = parse_period(catalog, "9T-2021")
    unit = write_template(catalog, catalog.unit_form, tmp_path / "u.xlsx", unit=catalog.unit("DB02"), period=period)
    ws = openpyxl.load_workbook(unit)["Báo cáo"]
    assert [ws["A1"].value, ws["A2"].value, ws["A3"].value] == [
        "ĐẢNG BỘ KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH BÌNH AN",  # the unit's superior party organisation
        "ĐẢNG BỘ SỞ TÀI CHÍNH",
        "*",
    ]
    assert [ws["D1"].value, ws["D2"].value] == ["ĐẢNG CỘNG SẢN VIỆT NAM", "Bình An, ngày …… tháng …… năm ……"]
    assert ws["D1"].font.b and ws["D1"].font.u == "single" and ws["A2"].font.b and ws["D2"].font.i
    assert ws["A4"].value == catalog.unit_form.title
    bloc = write_template(catalog, catalog.bloc_form, tmp_path / "b.xlsx", period=period)
    ws = openpyxl.load_workbook(bloc)["Báo cáo"]
    assert [ws["A1"].value, ws["A2"].value, ws["A3"].value] == [
        catalog.bloc.superior_body,
        catalog.bloc.issuing_body,
        "*",
    ]


def test_issued_files_are_named_after_form_period_unit_and_its_short_name(tmp_path, catalog):
    period = parse_period(catalog, "9T-2021")
    assert template_filename(catalog, catalog.unit_form, period, catalog.unit("DB02")) == (
        "BC-TCCS_9T-2021_DB02_So-Tai-chinh.xlsx"
    )
    assert template_filename(catalog, catalog.unit_form, period, catalog.unit("CB17")) == (
        "BC-TCCS_9T-2021_CB17_Van-phong-Doan-DBQH-va-HDND-tinh.xlsx"
    )
    assert template_filename(catalog, catalog.bloc_form, period) == "BC-DUK_9T-2021_DUK_Dang-uy-Khoi.xlsx"
    assert template_filename(catalog, catalog.unit_form) == "BC-TCCS.xlsx"
    for unit in catalog.units:
        name = template_filename(catalog, catalog.unit_form, period, unit)
        assert name.isascii() and len(name) <= 80 and name.split("_")[2] == unit.code, name


def test_the_reader_goes_by_content_whatever_the_name(tmp_path, inbox):
    """A file issued to DB02 but sent under DB03's name: read as DB02's, with T314 naming both."""
    import json

    source = unit_file(inbox, "DB02")
    source.rename(inbox / "BC-TCCS_9T-2021_DB03_So-Ke-hoach-va-Dau-tu (ban gui lai).xlsx")
    result = run_cli("merge", str(inbox), "-o", str(tmp_path / "t.xlsx"), "--json")
    data = json.loads(result.stdout)
    t314 = [f for f in data["findings"] if f["code"] == "T314"]
    assert [(f["unit"], f["message"].split("mang mã đơn vị ")[1][:4]) for f in t314] == [("DB02", "DB03")]
    assert "DB02" not in data["missing"]


def test_no_placeholder_is_printed_and_each_rule_names_its_cells(tmp_path, catalog):
    """The instructions list every rule with the cells it looks at on this very template; a fix
    written for a finding ("sửa ô {cell}") is never printed with its placeholders."""
    import re

    from consolidate.catalog.loader import load_catalog

    schemas = tmp_path / "schemas"
    shutil.copytree(ROOT / "schemas", schemas)
    shutil.copy(ROOT / "examples" / "forms" / "bc_dang_phi.yaml", schemas / "forms")
    many = load_catalog(schemas)
    paths = write_templates(many, tmp_path / "out", period=parse_period(many, "9T-2021"), units=["DB01"])
    assert len(paths) == 2  # BC-TCCS and the dues form; the bloc's form: the committed blank ones below
    for path in [*paths, *sorted((ROOT / "templates").glob("*.xlsx"))]:
        wb = openpyxl.load_workbook(path)
        texts = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
        assert not [t for t in texts if re.search(r"\{[a-z_]+\}", t)], path.name
    wb = openpyxl.load_workbook(next(p for p in paths if "BC-TCCS" in p.name))
    data = wb["Báo cáo"]
    cells = {row[2].value: f"E{row[2].row}" for row in data.iter_rows() if isinstance(row[2].value, str)}
    guide = [str(c.value) for row in wb["Hướng dẫn"].iter_rows() for c in row if c.value]
    r01 = next(t for t in guide if t.startswith("• R01 (Lỗi)"))
    assert cells["dv_dau_ky"] in r01 and cells["dv_cuoi_ky"] in r01 and "Ô liên quan:" in r01
