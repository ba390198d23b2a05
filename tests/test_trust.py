"""No wrong figure gets in silently: the classes of issue 10, each on workbooks built here (some saved
by LibreOffice as a unit's computer would), each asserting the verdict, the finding's code and
cell, and the bloc totals computed independently from the sample tables."""

from __future__ import annotations

import csv
import json
import os
import shutil
import zipfile
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest
from office import SOFFICE, needs_office, resave

from conftest import ROOT, SAMPLES, SEED_TOTALS, merge_json, set_cells, unit_file

with open(ROOT / "samples" / "units_9T2021.csv", encoding="utf-8") as _fh:
    UNITS = {r["ma_tccs"]: r for r in csv.DictReader(_fh)}
with open(ROOT / "samples" / "bloc_9T2021.csv", encoding="utf-8") as _fh:
    BLOC = {r["code"]: r["value"] for r in csv.DictReader(_fh)}


def expected(
    code: str, without: tuple[str, ...] = (), changes: dict[str, float] | None = None, bloc: bool = True
) -> float:
    """A bloc total computed from the sample tables: every unit but ``without``, with ``changes``
    (unit → new value), plus the bloc committee's own figure when it has one."""
    total = 0.0
    for unit, row in UNITS.items():
        if unit in without:
            continue
        value = (changes or {}).get(unit, row.get(code) or 0)
        total += float(value or 0)
    if bloc and BLOC.get(code):
        total += float(BLOC[code])
    return total


def finding(data: dict, code: str, unit: str | None = None) -> dict:
    hits = [f for f in data["findings"] if f["code"] == code and (unit is None or f["unit"] == unit)]
    assert hits, f"no {code} for {unit}: {[(f['code'], f['unit']) for f in data['findings']]}"
    return hits[0]


def status_of(data: dict, unit: str) -> str:
    for key in ("missing", "rejected", "conflicts", "unreadable"):
        if unit in data[key]:
            return key
    return "accepted"


def later(path: Path, seconds: int = 3600) -> None:
    """The file reached the inbox ``seconds`` after the samples."""
    base = max(p.stat().st_mtime for p in path.parent.glob("*.xlsx"))
    os.utime(path, (base + seconds, base + seconds))


# --- 1. numbers typed as text --------------------------------------------------------------------


def test_number_text_with_two_readings_or_a_guess_is_refused(inbox, tmp_path):
    cells = {
        "DB04": set_cells(unit_file(inbox, "DB04"), {"dang_phi_thu": "2.430"}),  # 2430 or 2,43?
        "DB22": set_cells(unit_file(inbox, "DB22"), {"thu_nhap_bq": "88,460"}),  # 88460 or 88,46?
        "DB23": set_cells(unit_file(inbox, "DB23"), {"doanh_thu": "46,72 tỷ"}),  # another magnitude
        "CB03": set_cells(unit_file(inbox, "CB03"), {"ket_nap": "1O"}),  # the letter O
    }
    read = set_cells(unit_file(inbox, "CB04"), {"ket_nap_lai": "-", "dang_phi_nop": "0,5"})
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 1
    for unit, code, indicator in (
        ("DB04", "C411", "dang_phi_thu"),
        ("DB22", "C411", "thu_nhap_bq"),
        ("DB23", "C416", "doanh_thu"),
        ("CB03", "C402", "ket_nap"),
    ):
        f = finding(data, code, unit)
        assert (f["cell"], f["indicator"], f["severity"]) == (cells[unit][indicator], indicator, "error")
        assert status_of(data, unit) == "rejected"
    two = finding(data, "C411", "DB04")["message"]
    assert "2430 (hai nghìn bốn trăm ba mươi) triệu đồng" in two and "2,43 (hai phẩy bốn mươi ba) triệu đồng" in two
    assert "46720 (bốn mươi sáu nghìn bảy trăm hai mươi) triệu đồng" in finding(data, "C416", "DB23")["message"]
    assert finding(data, "C413", "CB04")["cell"] == read["ket_nap_lai"]
    assert "0,5 (không phẩy năm) triệu đồng" in finding(data, "C403", "CB04")["message"]
    gone = ("DB04", "DB22", "DB23", "CB03")
    assert data["totals"]["ket_nap"] == expected("ket_nap", gone)
    assert data["totals"]["doanh_thu"] == expected("doanh_thu", gone)
    assert data["totals"]["dang_phi_nop"] == pytest.approx(expected("dang_phi_nop", gone, {"CB04": 0.5}))


# --- 3. rates over the same units ----------------------------------------------------------------


def test_more_decimals_than_the_form_keeps_are_rounded_with_a_warning_everywhere_alike(inbox, tmp_path):
    sent = Decimal(UNITS["CB07"]["dang_phi_thu"])
    typed = float(sent + Decimal("0.0005"))  # a fourth decimal in a 3-decimal cell
    cells = set_cells(unit_file(inbox, "CB07"), {"dang_phi_thu": typed})
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 0 and "CB07" not in data["rejected"]
    warning = finding(data, "C419", "CB07")
    assert (warning["cell"], warning["severity"]) == (cells["dang_phi_thu"], "warning")
    counted = float((sent + Decimal("0.001")).normalize())  # rounded half up
    assert f"số được tính là {str(counted).replace('.', ',')}" in warning["message"]
    assert data["totals"]["dang_phi_thu"] == pytest.approx(
        round(expected("dang_phi_thu", changes={"CB07": counted}), 3)
    )
    per_unit = openpyxl.load_workbook(tmp_path / "o.xlsx")
    shown = [
        ws.cell(row[0].row, column).value
        for ws in per_unit.worksheets
        if ws.title.startswith("Theo đơn vị")
        for column in [c.column for c in ws[6] if c.value == "dang_phi_thu"]
        for row in ws.iter_rows(min_row=7)
        if "CB07" in (row[0].value, row[1].value)
    ]
    assert shown == [counted]  # the per-unit sheet shows the figure counted, as the total does


def test_a_rate_counts_only_units_reporting_both_parts(inbox, tmp_path):
    blanked = ["DB01", "DB02", "DB03", "DB05", "CB01", "CB02", "CB05", "CB06"]
    for unit in blanked:
        set_cells(unit_file(inbox, unit), {"kt_cap_uy_kh": None})
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 0  # warnings only
    both = [u for u in UNITS if u not in blanked]
    done = sum(float(UNITS[u]["kt_cap_uy_th"] or 0) for u in both)
    planned = sum(float(UNITS[u]["kt_cap_uy_kh"] or 0) for u in both)
    assert data["totals"]["ty_le_kt_cap_uy"] == round(done / planned * 100, 2)
    assert data["coverage"]["ty_le_kt_cap_uy"] == {"units": 68, "of": 76, "bloc": False, "complete": False}
    assert {f["unit"] for f in data["findings"] if f["code"] == "C414"} == set(blanked)
    if SOFFICE is not None:  # the audit formula, recalculated by a real client, agrees: same 68 units
        recalculated = openpyxl.load_workbook(resave([tmp_path / "o.xlsx"], "xlsx", tmp_path / "lo")[0], data_only=True)
        ws, column = next(
            (ws, c.column)
            for ws in recalculated.worksheets
            if ws.title.startswith("Theo đơn vị")
            for c in ws[6]
            if c.value == "ty_le_kt_cap_uy"
        )
        total_row = next(r[0].row for r in ws.iter_rows() if "Tổng cộng" in (r[1].value, r[2].value))
        assert ws.cell(total_row, column).value == data["totals"]["ty_le_kt_cap_uy"]


# --- 4. applies_to enforced ----------------------------------------------------------------------


def test_a_figure_in_a_cell_that_does_not_apply_is_an_error_never_summed(inbox, tmp_path):
    assert UNITS["DB01"]["loai_hinh"] == "CQNN"  # a state agency: no revenue
    cells = set_cells(unit_file(inbox, "DB01"), {"doanh_thu": 5000})
    _, data = merge_json(inbox, tmp_path / "o.xlsx")
    f = finding(data, "C415", "DB01")
    assert (f["cell"], f["indicator"]) == (cells["doanh_thu"], "doanh_thu")
    assert "doanh nghiệp" in f["message"] and status_of(data, "DB01") == "rejected"
    assert data["totals"]["doanh_thu"] == SEED_TOTALS["doanh_thu"]
    assert data["totals"]["dv_cuoi_ky"] == expected("dv_cuoi_ky", ("DB01",))


# --- 5. the bloc's own report cannot be hijacked ---------------------------------------------------


def _blank_bloc_form(folder: Path, name: str, values: dict) -> Path:
    path = folder / name
    shutil.copyfile(ROOT / "templates" / "BC-DUK.xlsx", path)
    base = {
        "nam": 2021,
        "ky_bao_cao": "9 tháng",
        "tcct_ket_luan": 6,
        "llct_so_lop": 0,
        "llct_hoc_vien": 0,
        "kt_bch_ke_hoach": 0,
        "kt_bch_thuc_hien": 0,
        "kl_dv_tong": 0,
        "ct_bch_nam": 1,
        "ct_bch_den_han": 1,
        "ct_bch_hoan_thanh": 1,
    }
    set_cells(path, {**base, **values})
    later(path)
    return path


def test_a_unit_sending_the_bloc_form_is_rejected_and_the_bloc_report_stands(inbox, tmp_path):
    unit_file(inbox, "CB07").unlink()
    _blank_bloc_form(inbox, "CB07_bao_cao.xlsx", {})  # DUK left prefilled, saved after the office
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 1
    f = finding(data, "T320", "CB07")
    assert "gửi nhầm biểu mẫu" in f["message"] and status_of(data, "CB07") == "rejected"
    assert data["bloc_submission"] == {"file": "BC-DUK_9T-2021_DUK_Dang-uy-Khoi.xlsx", "status": "accepted"}
    assert data["totals"]["tcct_ket_luan"] == 598


def test_two_different_bloc_reports_are_a_conflict_never_a_silent_pick(inbox, tmp_path):
    _blank_bloc_form(inbox, "so_lieu_khoi_moi.xlsx", {})
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 1
    assert data["bloc_submission"] == {
        "file": None,
        "status": "conflict",
        "files": ["BC-DUK_9T-2021_DUK_Dang-uy-Khoi.xlsx", "so_lieu_khoi_moi.xlsx"],
    }
    assert data["totals"]["tcct_ket_luan"] is None and data["totals"]["llct_hoc_vien"] is None
    assert {f["file"] for f in data["findings"] if f["code"] == "I206"} == {
        "BC-DUK_9T-2021_DUK_Dang-uy-Khoi.xlsx",
        "so_lieu_khoi_moi.xlsx",
    }


def test_a_file_named_after_another_unit_gets_a_warning_naming_both(inbox, tmp_path):
    source = unit_file(inbox, "CB08")
    source.rename(inbox / "CB09_bao_cao_gui_lai.xlsx")
    _, data = merge_json(inbox, tmp_path / "o.xlsx")
    f = finding(data, "T314", "CB08")
    assert "CB09" in f["message"] and "CB08" in f["message"]


def test_a_code_mistyped_in_a_units_own_template_lists_it_rejected_never_missing(inbox, tmp_path):
    cells = set_cells(unit_file(inbox, "CB07"), {"ma_tccs": "CB08"})  # CB07's template, CB08 typed
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 1
    assert finding(data, "T306", "CB08")["cell"] == cells["ma_tccs"]
    assert (status_of(data, "CB07"), status_of(data, "CB08")) == ("rejected", "accepted")  # CB08's own report stands
    assert data["totals"]["dv_cuoi_ky"] == expected("dv_cuoi_ky", without=("CB07",))


def test_a_code_and_a_name_of_two_units_never_replace_either_units_report(inbox, tmp_path):
    path = unit_file(inbox, "CB07")
    wb = openpyxl.load_workbook(path)
    del wb["_meta"]  # a copy of the workbook that lost the template's own record of its unit
    wb.save(path)
    cells = set_cells(path, {"ma_tccs": "CB08"})  # the name cell still says Chi bộ Báo tỉnh (CB07)
    later(path)
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 1
    f = finding(data, "T322", "CB08")
    assert f["cell"] == cells["ma_tccs"] and "“Chi bộ Báo tỉnh” là tên của CB07" in f["message"]
    assert (status_of(data, "CB07"), status_of(data, "CB08")) == ("rejected", "accepted")
    assert data["totals"]["dv_cuoi_ky"] == expected("dv_cuoi_ky", without=("CB07",))


def test_a_blank_template_named_after_a_unit_lists_it_rejected_never_missing(inbox, tmp_path):
    unit_file(inbox, "CB07").unlink()
    shutil.copyfile(ROOT / "templates" / "BC-TCCS.xlsx", inbox / "CB07_bao_cao.xlsx")
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 1
    assert finding(data, "T312")["file"] == "CB07_bao_cao.xlsx"
    assert status_of(data, "CB07") == "rejected" and "CB07" not in data["missing"]


# --- 6. nothing dropped silently -------------------------------------------------------------------


def _clear_code(path: Path, code: str) -> str:
    wb = openpyxl.load_workbook(path)
    ws = wb["Báo cáo"]
    cell = next(c for c in ws["C"] if c.value == code)
    cell.value = None
    wb.save(path)
    return f"E{cell.row}"


def test_a_cleared_code_cell_is_found_by_its_label_and_read_with_a_warning(inbox, tmp_path):
    where = _clear_code(unit_file(inbox, "DB05"), "dv_cuoi_ky")
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 0
    f = finding(data, "T316", "DB05")
    assert (f["cell"], f["indicator"]) == (where, "dv_cuoi_ky")
    assert data["totals"]["dv_cuoi_ky"] == SEED_TOTALS["dv_cuoi_ky"]  # the 90 members are not dropped


def test_a_required_row_that_cannot_be_found_is_an_error(inbox, tmp_path):
    path = unit_file(inbox, "DB05")
    wb = openpyxl.load_workbook(path)
    ws = wb["Báo cáo"]
    row = next(c.row for c in ws["C"] if c.value == "dv_cuoi_ky")
    ws.delete_rows(row)
    wb.save(path)
    _, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert finding(data, "T315", "DB05")["indicator"] == "dv_cuoi_ky"
    assert status_of(data, "DB05") == "rejected"
    assert data["totals"]["dv_cuoi_ky"] == expected("dv_cuoi_ky", ("DB05",))


def test_a_figure_in_a_row_of_no_indicator_is_reported(inbox, tmp_path):
    path = unit_file(inbox, "DB06")
    wb = openpyxl.load_workbook(path)
    ws = wb["Báo cáo"]
    row = next(c.row for c in ws["C"] if c.value == "tu_tran")
    ws.insert_rows(row)
    ws.cell(row=row, column=2).value = "Đảng viên chuyển sinh hoạt tạm thời"
    ws.cell(row=row, column=5).value = 4
    wb.save(path)
    _, data = merge_json(inbox, tmp_path / "o.xlsx")
    f = finding(data, "T317", "DB06")
    assert f["cell"] == f"E{row}" and "chuyển sinh hoạt tạm thời" in f["message"]


def test_a_filled_copy_beside_the_blank_issued_sheet_is_read_with_a_warning(inbox, tmp_path):
    path = unit_file(inbox, "CB10")
    wb = openpyxl.load_workbook(path)
    copy = wb.copy_worksheet(wb["Báo cáo"])
    copy.title = "Báo cáo (2)"
    issued = wb["Báo cáo"]
    for row in issued.iter_rows(min_row=9):  # the rows below the header row (8)
        if row[2].value and row[2].value not in ("ma_tccs", "ten_tccs", "loai_tccs", "loai_hinh", "nam", "ky_bao_cao"):
            row[4].value = None
    wb.save(path)
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 0
    f = finding(data, "T318", "CB10")
    assert "Báo cáo (2)" in f["message"] and status_of(data, "CB10") == "accepted"
    assert data["totals"]["dv_cuoi_ky"] == SEED_TOTALS["dv_cuoi_ky"]


# --- 7. which version counts -----------------------------------------------------------------------


@needs_office
def test_a_correction_sent_later_as_ods_counts(inbox, tmp_path):
    old = unit_file(inbox, "CB11")
    corrected = tmp_path / "CB11_sua.xlsx"
    shutil.copyfile(old, corrected)
    set_cells(corrected, {"dv_dau_ky": 20, "dv_cuoi_ky": 21})
    ods = resave([corrected], "ods", tmp_path / "lo")[0]
    target = inbox / "CB11_ban_sua.ods"
    shutil.copyfile(ods, target)
    later(target)
    _, data = merge_json(inbox, tmp_path / "o.xlsx")
    change = {"CB11": 21}
    assert data["totals"]["dv_cuoi_ky"] == expected("dv_cuoi_ky", changes=change)
    superseded = finding(data, "I205", "CB11")
    assert superseded["file"] == old.name and "nhận sau" in superseded["message"]
    os.utime(target, (old.stat().st_mtime - 3600,) * 2)  # the other order of receipt
    _, again = merge_json(inbox, tmp_path / "o2.xlsx")
    assert again["totals"]["dv_cuoi_ky"] == SEED_TOTALS["dv_cuoi_ky"]
    os.utime(target, (old.stat().st_mtime,) * 2)  # received together: no stamp to compare
    result, tied = merge_json(inbox, tmp_path / "o3.xlsx")
    assert result.exit_code == 1 and "CB11" in tied["conflicts"]
    assert tied["totals"]["dv_cuoi_ky"] == expected("dv_cuoi_ky", ("CB11",))


# --- 8. rules that cannot be evaluated, reloaded catalogs, the compared period ----------------------


def test_the_schema_cache_follows_a_reloaded_catalog(tmp_path):
    from consolidate.catalog.loader import default_schema_dir, load_catalog
    from consolidate.pipeline.merge import validate_files

    path = tmp_path / "CB12.xlsx"
    shutil.copyfile(unit_file(SAMPLES, "CB12"), path)
    first = validate_files([path], load_catalog())
    assert first.files[0].status == "accepted"
    schemas = tmp_path / "schemas"
    shutil.copytree(default_schema_dir(), schemas)
    form = schemas / "forms" / "bc_tccs.yaml"
    text = form.read_text(encoding="utf-8")
    form.write_text(
        text.replace("unit: thẻ, type: integer, min: 0, max: 10000", "unit: thẻ, type: integer, min: 0, max: 0", 1),
        encoding="utf-8",
    )
    stricter = validate_files([path], load_catalog(schemas))
    value = float(UNITS["CB12"]["the_dv_phat"] or 0)
    assert (stricter.files[0].status == "rejected") == (value > 0)


def test_compare_with_refuses_the_current_period_itself(tmp_path):
    from conftest import run_cli

    out = tmp_path / "o.xlsx"
    merge_json(SAMPLES, out)
    result = run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "again.xlsx"), "--compare-with", str(out))
    assert result.exit_code == 2
    assert "không phải số liệu cùng kỳ của một năm trước" in result.stderr


# --- 9. the same verdict whatever the format -------------------------------------------------------


@needs_office
def test_error_values_are_errors_in_xlsx_xls_and_ods(tmp_path):
    from consolidate.catalog.loader import load_catalog
    from consolidate.pipeline.merge import validate_files

    source = tmp_path / "DB08.xlsx"
    shutil.copyfile(unit_file(SAMPLES, "DB08"), source)
    cell = set_cells(source, {"tcct_de_nghi": "=1/0", "hn_quan_triet": '=IF(1>2,1,"")'})
    files = [resave([source], fmt, tmp_path / fmt)[0] for fmt in ("xlsx", "xls", "ods")]
    result = validate_files(files, load_catalog())
    for r in result.files:
        codes = {(f.code, f.cell) for f in r.findings if f.is_error}
        assert ("C409", cell["tcct_de_nghi"]) in codes, (r.path, codes)
        assert not any(f.code == "C408" for f in r.findings), r.path  # an empty-text result is empty
        assert r.status == "rejected"


def test_month_first_dates_are_read_with_a_warning_and_other_years_flagged(inbox, tmp_path):
    cells = set_cells(unit_file(inbox, "CB13"), {"ngay_chot_so_lieu": "09/30/2021"})
    set_cells(unit_file(inbox, "CB14"), {"ngay_chot_so_lieu": "30/09/2020"})
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 0
    f = finding(data, "C417", "CB13")
    assert f["cell"] == cells["ngay_chot_so_lieu"] and "30/09/2021" in f["message"]
    assert "2021" in finding(data, "C418", "CB14")["message"]


# --- 11. a unit that sent something is never "chưa nộp" ----------------------------------------------


def test_reports_inside_zip_attachments_are_read(inbox, tmp_path):
    source = unit_file(inbox, "CB15")
    archive = inbox / "CB15_bao_cao.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.write(source, source.name)
        zf.writestr("kem_theo.zip", b"PK\x05\x06" + b"\x00" * 18)
    source.unlink()
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 0 and status_of(data, "CB15") == "accepted"
    assert data["totals"]["dv_cuoi_ky"] == SEED_TOTALS["dv_cuoi_ky"]
    nested = finding(data, "I207")
    assert nested["file"] == "CB15_bao_cao.zip/kem_theo.zip"


def test_a_unit_whose_only_file_cannot_be_read_is_sent_not_missing(inbox, tmp_path):
    unit_file(inbox, "CB16").unlink()
    unit_file(inbox, "CB17").unlink()
    (inbox / "CB16_bao_cao.pdf").write_bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    (inbox / "so_lieu.csv").write_text("ma_tccs;dv_cuoi_ky\nCB17;12\n", encoding="utf-8")
    result, data = merge_json(inbox, tmp_path / "o.xlsx", "--feedback", str(tmp_path / "gy"))
    assert result.exit_code == 1
    assert data["unreadable"] == ["CB16", "CB17"] and data["missing"] == []
    assert finding(data, "I208", "CB16")["file"] == "CB16_bao_cao.pdf"


def test_status_reminders_say_what_was_received(inbox, tmp_path):
    from conftest import letters, run_cli

    unit_file(inbox, "CB16").unlink()
    (inbox / "CB16_anh_chup.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 32)
    out = tmp_path / "nhac"
    result = run_cli("status", str(inbox), "--reminders", str(out), "--json")
    assert json.loads(result.stdout)["unreadable"] == ["CB16"]
    letter = letters(out)["CB16"]
    assert "Văn phòng đã nhận tệp “CB16_anh_chup.jpg” nhưng không đọc được số liệu trong tệp" in letter
    assert "Đề nghị đơn vị gửi lại chính tệp Excel (.xlsx) của biểu mẫu BC-TCCS" in letter


def test_a_report_refused_for_a_stated_reason_is_rejected_and_its_letter_says_why(inbox, tmp_path):
    from conftest import letters, run_cli

    path = unit_file(inbox, "CB07")
    wb = openpyxl.load_workbook(path)
    copy = wb.copy_worksheet(wb["Báo cáo"])
    copy.title = "Báo cáo (2)"
    row = next(c.row for c in copy["C"] if c.value == "ket_nap")
    copy[f"E{row}"] = 99  # the two data sheets now disagree
    wb.save(path)
    out = tmp_path / "nhac"
    result = run_cli("status", str(inbox), "--reminders", str(out), "--json", "--no-db")
    data = json.loads(result.stdout)
    assert "CB07" in data["rejected"] and "CB07" not in data["unreadable"]
    assert not [f for f in data["findings"] if f["code"] == "I208" and f["unit"] == "CB07"]
    letter = letters(out)["CB07"]
    assert "hai trang số liệu khác nhau: “Báo cáo” và “Báo cáo (2)”" in letter
    assert "không gửi ảnh chụp" not in letter


# --- 12. feedback never crashes and never overwrites -----------------------------------------------


@needs_office
def test_feedback_with_merged_cells_and_one_name_in_three_formats(tmp_path):
    from consolidate.catalog.loader import load_catalog
    from consolidate.outputs.feedback import write_feedback
    from consolidate.pipeline.merge import validate_files

    base = tmp_path / "X.xlsx"
    shutil.copyfile(unit_file(SAMPLES, "DB09"), base)
    set_cells(base, {"ket_nap": "ba"})
    wb = openpyxl.load_workbook(base)
    ws = wb["Báo cáo"]
    row = next(c.row for c in ws["C"] if c.value == "ket_nap")
    ws.merge_cells(start_row=row, start_column=5, end_row=row, end_column=6)
    wb.save(base)
    xls = resave([base], "xls", tmp_path / "xls")[0]
    ods = resave([base], "ods", tmp_path / "ods")[0]
    folder = tmp_path / "src"
    folder.mkdir()
    for p in (base, xls, ods):
        shutil.copyfile(p, folder / p.name)
    result = validate_files(sorted(folder.iterdir()), load_catalog())
    copies = write_feedback(result, tmp_path / "gop_y", None)
    assert len(copies) == 3 == len({c.name.lower() for c in copies})
    assert all(c.is_file() for c in copies)


# --- 13. the layout of the data sheet: notes, value columns, deleted rows, merged cells -------------


def _row_of(ws, code: str) -> int:
    return next(c.row for c in ws["C"] if c.value == code)


def _edit(path: Path, change) -> None:
    """Apply ``change`` to the data sheet with openpyxl, as a clerk's Excel would, and save."""
    wb = openpyxl.load_workbook(path)
    change(wb["Báo cáo"])
    wb.save(path)


def test_a_number_in_the_note_column_of_an_empty_value_cell_is_an_error(inbox, tmp_path):
    where: dict[str, int] = {}

    def into_note(value):
        def change(ws):
            row = where.setdefault("row", _row_of(ws, "huy_hieu_30"))
            ws.cell(row, 5).value, ws.cell(row, 6).value = None, value

        return change

    _edit(unit_file(inbox, "CB07"), into_note(1))  # typed one column too far
    _edit(unit_file(inbox, "CB08"), into_note(" 2 "))  # a number as text
    _edit(unit_file(inbox, "CB09"), into_note("chưa có số liệu"))  # an ordinary note: fine
    _edit(unit_file(inbox, "CB10"), lambda ws: setattr(ws.cell(_row_of(ws, "huy_hieu_30"), 6), "value", 7))
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 1
    row = where["row"]
    for unit, shown in (("CB07", "ghi 1;"), ("CB08", "ghi 2;")):
        f = finding(data, "T330", unit)
        assert (f["cell"], f["indicator"], f["severity"]) == (f"F{row}", "huy_hieu_30", "error")
        assert shown in f["message"] and f"ô E{row}" in f["fix"]
        assert status_of(data, unit) == "rejected"
    assert {f["unit"] for f in data["findings"] if f["code"] == "T330"} == {"CB07", "CB08"}
    assert status_of(data, "CB09") == status_of(data, "CB10") == "accepted"  # a filled cell's note is a note
    assert data["totals"]["huy_hieu_30"] == expected("huy_hieu_30", ("CB07", "CB08"), {"CB09": 0})
    assert data["totals"]["dv_cuoi_ky"] == expected("dv_cuoi_ky", ("CB07", "CB08"))
    assert data["coverage"]["huy_hieu_30"]["complete"] is False


def _second_value_column(ws) -> None:
    """A column inserted left of "Số liệu", headed and filled the same (an earlier period's copy)."""
    ws.insert_cols(5)
    for row in range(1, ws.max_row + 1):
        ws.cell(row, 5).value = ws.cell(row, 6).value


def test_two_value_columns_are_read_when_they_agree_and_refused_when_they_differ(inbox, tmp_path):
    _edit(unit_file(inbox, "CB11"), _second_value_column)
    row: dict[str, int] = {}

    def differ(ws):
        _second_value_column(ws)
        row["at"] = _row_of(ws, "hn_quan_triet_luot")
        ws.cell(row["at"], 5).value = 60  # the left copy differs on one row

    refused = unit_file(inbox, "CB07")
    _edit(refused, differ)
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 1
    f = finding(data, "T331")  # refused before its unit is read, as T319; the file's name says whose it is
    assert f["file"] == refused.name
    assert (f["cell"], f["severity"]) == (f"E{row['at']}", "error")
    assert "(E và F)" in f["message"] and f"dòng {row['at']}" in f["message"]
    assert status_of(data, "CB07") == "rejected"  # refused for a stated reason, as two differing sheets are (T319)
    assert status_of(data, "CB11") == "accepted"
    assert not [g for g in data["findings"] if g["unit"] == "CB11"]
    assert data["totals"]["hn_quan_triet_luot"] == expected("hn_quan_triet_luot", ("CB07",))
    assert data["totals"]["dv_cuoi_ky"] == expected("dv_cuoi_ky", ("CB07",))


def test_a_deleted_row_is_missing_never_matched_to_a_section_heading(inbox, tmp_path):
    _edit(unit_file(inbox, "DB01"), lambda ws: ws.delete_rows(_row_of(ws, "so_chi_bo_truc_thuoc")))  # first of B
    _edit(unit_file(inbox, "CB07"), lambda ws: ws.delete_rows(_row_of(ws, "huy_hieu_90")))  # last of B2
    cleared: dict[str, int] = {}

    def clear_code_and_label(ws):  # no label to go by: found by its place, between its neighbours
        cleared["row"] = _row_of(ws, "ket_nap_lai")
        ws.cell(cleared["row"], 2).value = ws.cell(cleared["row"], 3).value = None

    _edit(unit_file(inbox, "CB09"), clear_code_and_label)
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 1
    for unit, code in (("DB01", "so_chi_bo_truc_thuoc"), ("CB07", "huy_hieu_90")):
        f = finding(data, "T309", unit)
        assert (f["indicator"], f["cell"], f["severity"]) == (code, None, "warning")
    assert not [f for f in data["findings"] if f["code"] == "T316" and f["unit"] in ("DB01", "CB07")]
    assert not [f for f in data["findings"] if f["unit"] == "DB01" and f["cell"] == "E20"]  # the heading "B"
    assert status_of(data, "DB01") == "rejected"  # R06: a party committee must state its cells
    assert status_of(data, "CB07") == status_of(data, "CB09") == "accepted"
    recovered = finding(data, "T316", "CB09")
    assert (recovered["cell"], recovered["indicator"]) == (f"E{cleared['row']}", "ket_nap_lai")
    assert data["totals"]["so_chi_bo_truc_thuoc"] == expected("so_chi_bo_truc_thuoc", ("DB01",))
    assert data["totals"]["huy_hieu_90"] == expected("huy_hieu_90", ("DB01",), {"CB07": 0})
    assert data["totals"]["ket_nap_lai"] == expected("ket_nap_lai", ("DB01",))


def test_a_value_cell_merged_into_the_one_above_is_an_error_naming_the_range(inbox, tmp_path):
    rows: dict[str, int] = {}

    def merge_down(ws):
        rows["first"], rows["second"] = _row_of(ws, "dv_du_bi"), _row_of(ws, "dv_nu")
        assert rows["second"] == rows["first"] + 1
        ws.merge_cells(f"E{rows['first']}:E{rows['second']}")  # Excel keeps the first cell only

    _edit(unit_file(inbox, "CB07"), merge_down)
    _edit(unit_file(inbox, "CB08"), lambda ws: ws.merge_cells(f"E{_row_of(ws, 'dv_nu')}:F{_row_of(ws, 'dv_nu')}"))
    result, data = merge_json(inbox, tmp_path / "o.xlsx")
    assert result.exit_code == 1
    f = finding(data, "T332", "CB07")
    assert (f["cell"], f["indicator"], f["severity"]) == (f"E{rows['second']}", "dv_nu", "error")
    assert f"E{rows['first']}:E{rows['second']}" in f["message"]
    assert status_of(data, "CB07") == "rejected"
    assert status_of(data, "CB08") == "accepted"  # its own value cell first in the range: nothing lost
    assert data["totals"]["dv_nu"] == expected("dv_nu", ("CB07",))
    assert data["totals"]["dv_du_bi"] == expected("dv_du_bi", ("CB07",))
