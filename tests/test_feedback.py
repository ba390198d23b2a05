"""Feedback copies (issues 4 and 13): the unit's own workbook back with a first sheet saying whose
report it is, the verdict and the deadline; each finding explained once on its key cell, the
other cells it involves pointing there; colours a clerk (and a greyscale printer) tells apart
from the input yellow; nothing the unit entered changed, its formulas' results kept."""

from __future__ import annotations

import re
import shutil
import subprocess

import openpyxl
import pytest
import python_calamine

from consolidate.catalog.loader import default_schema_dir
from consolidate.core.periods import parse_period
from consolidate.issue.template import INPUT_FILL
from consolidate.outputs.feedback_marks import ERROR_FILL, REVIEW_FILL, luminance
from consolidate.outputs.feedback_sheet import SHEET
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
    result = run_cli("validate", str(source), "--period", "9T-2021", "--annotate", str(out), "--deadline", "15/10/2021")
    assert result.exit_code == 1
    assert source.read_bytes() == original  # the original is never modified
    copy = out / "DB05_gop_y.xlsx"
    return source, copy, cells


def _comments(ws) -> dict[str, str]:
    return {c.coordinate: c.comment.text for row in ws.iter_rows() for c in row if c.comment is not None}


def test_each_finding_is_explained_once_on_its_key_cell_and_the_others_point_there(annotated, catalog):
    source, copy, cells = annotated
    result = validate_files([source], catalog, parse_period(catalog, "9T-2021"))
    findings = [f for r in result.files for f in r.findings]
    assert sorted(f.code for f in findings) == ["C401", "C402", "C405", "R01", "T304"]
    involved = {c for f in findings for c in f.all_cells}
    assert {cells[c] for c in BROKEN} <= involved
    comments = _comments(openpyxl.load_workbook(copy)["Báo cáo"])
    assert set(comments) == involved
    for f in findings:  # one full explanation per finding, on its own cell
        assert sum(text.count(f"[{f.code}]") for text in comments.values()) == 1
        assert comments[f.cell].startswith(f"[{f.code}] Lỗi: ")
    balance = comments[cells["dv_cuoi_ky"]]
    assert balance.startswith(
        "[R01] Lỗi: Tổng số đảng viên đến ngày chốt số liệu ghi 91, nhưng số đầu năm cộng số tăng, trừ số giảm "
        "trong kỳ được 90 (đầu năm 89, kết nạp 2, chuyển đến ngoài Khối 1; trừ chuyển đi ngoài Khối 2)"
    )
    assert "\nCách sửa: Kiểm tra lại số đầu năm" in balance and "\nCác ô liên quan (tô cùng màu): " in balance
    r01 = next(f for f in findings if f.code == "R01")
    for other in r01.all_cells[1:]:  # every term of the balance points to the total
        assert comments[other] == f"Liên quan đến lỗi R01: xem ô {cells['dv_cuoi_ky']}."


def test_a_balance_involving_many_cells_carries_exactly_one_comment(tmp_path, catalog):
    source = tmp_path / "CB09.xlsx"
    shutil.copyfile(unit_file(SAMPLES, "CB09"), source)
    cells = set_cells(source, {"kl_dv_tong": 2})  # every form of discipline is 0: R02 involves 5 cells
    out = tmp_path / "gop_y"
    assert run_cli("validate", str(source), "--annotate", str(out)).exit_code == 1
    comments = _comments(openpyxl.load_workbook(out / "CB09_gop_y.xlsx")["Báo cáo"])
    full = [cell for cell, text in comments.items() if "[R02]" in text]
    assert full == [cells["kl_dv_tong"]] and len(comments) == 5
    assert comments[cells["kl_dv_tong"]].splitlines()[0] == (
        "[R02] Lỗi: Tổng số đảng viên bị kỷ luật ghi 2, nhưng cộng các hình thức kỷ luật "
        "(khiển trách 0, cảnh cáo 0, cách chức 0, khai trừ 0) được 0; hai số phải bằng nhau."
    )
    pointers = [text for cell, text in comments.items() if cell != cells["kl_dv_tong"]]
    assert pointers == [f"Liên quan đến lỗi R02: xem ô {cells['kl_dv_tong']}."] * 4


def test_review_and_error_colours_differ_from_the_input_yellow_even_in_grey():
    white, yellow = "FFFFFF", INPUT_FILL.lstrip("#")
    assert len({c.upper() for c in (white, yellow, REVIEW_FILL, ERROR_FILL)}) == 4
    for plain in (white, yellow):  # the yellow itself is near-white in grey: the template frames it instead
        for mark in (REVIEW_FILL, ERROR_FILL):
            assert luminance(plain) - luminance(mark) >= 0.15, (plain, mark)
    assert luminance(REVIEW_FILL) - luminance(ERROR_FILL) >= 0.15


def test_cells_are_coloured_and_framed_by_severity(tmp_path, inbox):
    set_cells(unit_file(inbox, "CB03"), {"ket_nap": "hai"})
    cells = set_cells(unit_file(inbox, "CB14"), {"dv_dau_ky": 30, "dv_cuoi_ky": 31})  # a warning only
    out = tmp_path / "gop_y"
    assert run_cli("merge", str(inbox), "-o", str(tmp_path / "t.xlsx"), "--feedback", str(out)).exit_code == 1
    warned = openpyxl.load_workbook(unit_file(out, "CB14"))["Báo cáo"][cells["dv_cuoi_ky"]]
    assert warned.fill.fgColor.rgb.endswith(REVIEW_FILL) and warned.border.left.style == "mediumDashed"
    assert warned.comment.text.startswith("[R08] Cảnh báo: ")
    rejected = openpyxl.load_workbook(unit_file(out, "CB03"))["Báo cáo"]
    bad = next(c for row in rejected.iter_rows() for c in row if c.comment is not None)
    assert bad.fill.fgColor.rgb.endswith(ERROR_FILL) and bad.border.left.style == "medium"


def _facts(ws) -> dict[str, str]:
    return {
        row[0].value.rstrip(":"): row[4].value
        for row in ws.iter_rows(min_row=2, max_row=12)
        if isinstance(row[0].value, str) and row[0].value.endswith(":") and row[4].value
    }


def test_the_first_sheet_says_whose_report_the_verdict_and_the_deadline(annotated):
    _, copy, _ = annotated
    wb = openpyxl.load_workbook(copy)
    assert wb.sheetnames[0] == SHEET == "Kết quả kiểm tra"
    ws = wb[SHEET]
    assert ws["A1"].value == "KẾT QUẢ KIỂM TRA BÁO CÁO"
    facts = _facts(ws)
    assert facts["Đơn vị"] == "Đảng bộ Sở Tài nguyên và Môi trường (mã DB05)"
    assert facts["Biểu mẫu"] == "Báo cáo kết quả công tác xây dựng Đảng (BC-TCCS)"
    assert facts["Kỳ báo cáo"] == "9 tháng năm 2021"
    assert facts["Kết quả"].startswith("Bị từ chối: báo cáo chưa được tiếp nhận")
    assert facts["Hạn gửi lại"] == "15/10/2021"
    assert facts["Việc cần làm"].startswith("Sửa các ô tô đỏ")
    legend = [(row[0].fill.fgColor.rgb[-6:], row[1].value) for row in ws.iter_rows() if row[0].fill.fill_type]
    assert [colour for colour, _ in legend[:3]] == [ERROR_FILL, REVIEW_FILL, INPUT_FILL.lstrip("#")]
    assert legend[0][1].startswith("Ô có lỗi") and legend[1][1].startswith("Ô cần xem lại")


def test_the_first_sheet_lists_every_finding_linked_to_its_cell(annotated):
    _, copy, _ = annotated
    wb = openpyxl.load_workbook(copy)
    ws = wb[SHEET]
    header = next(r[0].row for r in ws.iter_rows() if r[0].value == "STT")
    assert [c.value for c in ws[header]] == [
        "STT",
        "Mã lỗi",
        "Mức độ",
        "Vị trí",
        "Chỉ tiêu",
        "Giá trị",
        "Nội dung",
        "Cách sửa",
    ]
    rows = [r for r in ws.iter_rows(min_row=header + 1) if r[0].value is not None]
    assert sorted(r[1].value for r in rows) == ["C401", "C402", "C405", "R01", "T304"]
    for row in rows:
        link = row[3].hyperlink
        sheet, cell = link.location.split("!")
        assert link.target is None  # internal, no external relationship
        assert wb[sheet.strip("'")][cell].coordinate == cell == row[3].value.split("!")[1]


def test_the_deadline_defaults_to_the_periods_in_bloc_yaml(tmp_path):
    source = tmp_path / "CB09.xlsx"
    shutil.copyfile(unit_file(SAMPLES, "CB09"), source)
    set_cells(source, {"kl_dv_tong": 2})
    out = tmp_path / "gop_y"
    run_cli("validate", str(source), "--annotate", str(out))  # bloc.yaml: 9T reports are due on 06/10
    assert _facts(openpyxl.load_workbook(out / "CB09_gop_y.xlsx")[SHEET])["Hạn gửi lại"] == "06/10/2021"
    schemas = tmp_path / "schemas"
    shutil.copytree(default_schema_dir(), schemas)
    text = (schemas / "bloc.yaml").read_text(encoding="utf-8")
    (schemas / "bloc.yaml").write_text(text.replace(", deadline: 06/10}", "}"), encoding="utf-8")
    plain = tmp_path / "plain"
    run_cli("validate", str(source), "--annotate", str(plain), "--schemas", str(schemas))
    assert "Hạn gửi lại" not in _facts(openpyxl.load_workbook(plain / "CB09_gop_y.xlsx")[SHEET])  # none known


def test_a_warning_only_copy_says_accepted_with_warnings(tmp_path):
    source = tmp_path / "CB14.xlsx"
    shutil.copyfile(unit_file(SAMPLES, "CB14"), source)
    set_cells(source, {"dv_dau_ky": 30, "dv_cuoi_ky": 31})
    out = tmp_path / "gop_y"
    assert run_cli("validate", str(source), "--annotate", str(out), "--deadline", "15/10/2021").exit_code == 0
    facts = _facts(openpyxl.load_workbook(out / "CB14_gop_y.xlsx")[SHEET])
    assert facts["Kết quả"] == "Được tiếp nhận, có cảnh báo cần xem lại."
    assert facts["Việc cần làm"].startswith("Xem lại các ô tô cam")


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
    assert wb.sheet_names[0] == SHEET
    for name in wb.sheet_names:
        wb.get_sheet_by_name(name).to_python()
    again = validate_files([copy], catalog)  # and it is still readable as the unit's report
    assert again.files[0].sub.unit_code == "DB05"


def test_an_unchanged_copy_validates_exactly_as_the_original(annotated, catalog):
    source, copy, _ = annotated
    first = validate_files([source], catalog).files[0]
    again = validate_files([copy], catalog).files[0]
    assert again.status == first.status
    assert [(f.code, f.cell) for f in again.findings] == [(f.code, f.cell) for f in first.findings]


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


def test_unreadable_files_get_a_first_sheet_only_workbook(tmp_path, catalog):
    path = tmp_path / "rong.xlsx"
    path.write_bytes(b"")
    out = tmp_path / "gop_y"
    run_cli("validate", str(path), "--annotate", str(out))
    wb = openpyxl.load_workbook(out / "rong_gop_y.xlsx")
    assert wb.sheetnames == [SHEET]
    ws = wb[SHEET]
    assert _facts(ws)["Đơn vị"] == "chưa xác định"
    assert any(row[1].value == "F101" for row in ws.iter_rows())


def test_merge_feedback_writes_one_copy_per_file_with_findings(inbox, tmp_path):
    set_cells(unit_file(inbox, "CB03"), {"ket_nap": "hai"})
    set_cells(unit_file(inbox, "CB14"), {"dv_dau_ky": 30, "dv_cuoi_ky": 31})  # a warning only
    out = tmp_path / "gop_y"
    result = run_cli("merge", str(inbox), "-o", str(tmp_path / "t.xlsx"), "--feedback", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "BC-TCCS_9T-2021_CB03_Ban-Tuyen-giao-Tinh-uy_gop_y.xlsx",
        "BC-TCCS_9T-2021_CB14_Lien-minh-Hop-tac-xa-tinh_gop_y.xlsx",
    ]
    assert result.stdout.splitlines()[-1] == f"Đã ghi 2 bản có đánh dấu lỗi vào {out}"


# --- every fix names a cell the clerk can edit ---------------------------------------------------

_ADDRESS = re.compile(r"\b([A-Z]{1,2})([0-9]{1,4})\b")


def _named_cells(text: str, ws) -> list[str]:
    """The cell addresses a fix text names (codes such as R07 are not cells of the sheet)."""
    out = []
    for letters, digits in _ADDRESS.findall(text):
        col = openpyxl.utils.column_index_from_string(letters)
        if col <= ws.max_column and int(digits) <= ws.max_row:
            out.append(f"{letters}{digits}")
    return out


def _broken_inbox(inbox, tmp_path):
    """One sample unit per kind of cell finding, each broken the way a clerk would break it."""
    edits = {
        "CB01": {"dv_cuoi_ky": None},  # C401
        "CB02": {"ket_nap": "hai"},  # C402
        "CB03": {"ket_nap_lai": "1.0"},  # C403
        "CB04": {"ket_nap": 1.5},  # C404
        "CB05": {"huy_hieu_30": -2},  # C405
        "CB06": {"the_dv_phat": 20000},  # C406
        "DB22": {"so_lieu_uoc": "Chưa rõ"},  # C407 (an enterprise)
        "CB08": {"ngay_chot_so_lieu": "ba mươi tháng chín"},  # C410
        "CB09": {"dang_phi_thu": "2.430"},  # C411
        "CB10": {"huy_hieu_40": "-"},  # C413
        "CB11": {"kt_cap_uy_kh": None},  # C414
        "DB23": {"doanh_thu": "46,72 tỷ"},  # C416
        "CB13": {"ngay_chot_so_lieu": "09/30/2021"},  # C417
        "CB15": {"ngay_chot_so_lieu": "30/09/2020"},  # C418
        "CB16": {"kl_dv_tong": 2},  # R02
        "CB17": {"dv_nu": 500},  # R03
        "CB18": {"so_chi_bo_truc_thuoc": 3},  # R04
        "DB06": {"doanh_thu": 5000},  # C415 and R05
        "DB08": {"so_chi_bo_truc_thuoc": None},  # R06
        "DB09": {"dv_dau_ky": 20, "dv_cuoi_ky": 21, "dv_du_bi": 0, "dv_nu": 10},  # R07
        "CB19": {"dv_dau_ky": 40, "dv_cuoi_ky": 41},  # R08
        "DB24": {"thu_nhap_bq": 150},  # R09
        "DB12": {"ket_nap": 40, "dv_cuoi_ky": 210, "chi_tieu_ket_nap_nam": 40, "dv_du_bi": 40},  # P01
        "DB11": {"tcct_de_nghi": 200},  # P02
        "DB10": {"dv_cuoi_ky": 1},  # R01
        "CB20": {"ket_nap": "=1+1"},  # C408: a formula saved without its result
        "CB22": {"tcct_de_nghi": "#REF!"},  # C409
    }
    for code, values in edits.items():
        set_cells(unit_file(inbox, code), values)
    path = unit_file(inbox, "CB21")  # T316: a code cell cleared
    wb = openpyxl.load_workbook(path)
    ws = wb["Báo cáo"]
    next(c for c in ws["C"] if c.value == "huy_hieu_50").value = None
    wb.save(path)
    path = unit_file(inbox, "CB22")  # T308: a code typed twice; T317: a figure on a row of no indicator
    wb = openpyxl.load_workbook(path)
    ws = wb["Báo cáo"]
    for row in ws.iter_rows():
        if row[2].value == "huy_hieu_55":
            row[2].value = "huy_hieu_50"
        elif row[2].value == "huy_hieu_60":
            row[1].value, row[2].value = "Ghi chú thêm của đơn vị", "ghi_chu_them"
    wb.save(path)
    return edits


def test_every_fix_names_a_cell_the_clerk_can_edit(inbox, tmp_path, catalog):
    from consolidate.core.messages import render
    from consolidate.pipeline.merge import merge_inbox

    _broken_inbox(inbox, tmp_path)
    result = merge_inbox(inbox, catalog, workers=1)
    located = [f for r in result.files for f in r.findings if f.cell and f.sheet]
    codes = {f.code for f in located}
    assert {"C401", "C402", "C404", "C405", "C406", "C407", "C408", "C410", "C411", "C414", "C415", "C416"} <= codes
    assert {"C409", "T308", "T316", "T317"} <= codes
    assert {"R01", "R02", "R03", "R06", "R08", "R09", "P01", "P02"} <= codes
    checked = set()
    for f in located:
        sent = openpyxl.load_workbook(inbox / f.file)[f.sheet]  # the unit's own file, protected as issued
        assert sent.protection.sheet
        fix = render(f, catalog)[1]
        named = _named_cells(fix, sent)
        assert named, (f.code, fix)
        for address in named:
            assert sent[address].protection.locked is False, (f.code, address, fix)
        checked.add(f.code)
    assert len(checked) >= 28, sorted(checked)


def test_explainable_warnings_name_their_explanation_cell(inbox, catalog):
    from consolidate.core.messages import render
    from consolidate.pipeline.merge import merge_inbox

    cells = set_cells(unit_file(inbox, "CB19"), {"dv_dau_ky": 40, "dv_cuoi_ky": 41})
    result = merge_inbox(inbox, catalog, workers=1)
    unit = next(r for r in result.files if r.unit == "CB19")
    warning = next(f for f in unit.findings if f.code == "R08")
    where = unit.sub.cells["gt_R08"]  # the "Giải trình R08" cell, recorded even while empty
    assert render(warning, catalog)[1] == (
        f"Kiểm tra lại số đảng viên ở ô {cells['dv_cuoi_ky']}; nếu đúng, ghi lý do vào ô {where}."
    )
    issued = openpyxl.load_workbook(unit_file(SAMPLES, "CB19"))["Báo cáo"]
    assert issued[where].protection.locked is False and issued.cell(issued[where].row, 3).value == "gt_R08"


def test_the_copy_speaks_english_with_lang_en(tmp_path):
    source = tmp_path / "CB09.xlsx"
    shutil.copyfile(unit_file(SAMPLES, "CB09"), source)
    cells = set_cells(source, {"kl_dv_tong": 2})
    out = tmp_path / "gop_y"
    run_cli("validate", str(source), "--annotate", str(out), "--lang", "en")
    wb = openpyxl.load_workbook(out / "CB09_gop_y.xlsx")
    ws = wb[SHEET]
    assert ws["A1"].value == "REPORT CHECK RESULT"
    assert _facts(ws)["Verdict"].startswith("Rejected: the report was not accepted")
    comment = wb["Báo cáo"][cells["kl_dv_tong"]].comment.text
    assert (
        comment.startswith("[R02] Error: Members disciplined in total are given as 2") and "\nHow to fix: " in comment
    )
