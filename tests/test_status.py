"""Chasing the units (issue 4): status of every expected unit, reminders for the missing and the
rejected, explained warnings, and plausibility across the bloc."""

from __future__ import annotations

import json

import openpyxl

from consolidate.pipeline.merge import merge_inbox

from conftest import letters, merge_json, run_cli, set_cells, unit_file

GONE = ["CB20", "DB09", "CB41"]
BROKEN = {"DB14": {"ket_nap": "năm"}, "CB30": {"dv_cuoi_ky": 9}}


def _prepare(inbox):
    for code in GONE:
        unit_file(inbox, code).unlink()
    cells = {code: set_cells(unit_file(inbox, code), values) for code, values in BROKEN.items()}
    return cells


def test_status_lists_exactly_the_missing_and_rejected(inbox, tmp_path):
    _prepare(inbox)
    result = run_cli("status", str(inbox))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "Tình hình nộp báo cáo 9 tháng năm 2021: đã nhận 71, bị từ chối 2, chưa nộp 3 (trên 76 đơn vị)."
    )
    states = {
        line.split()[0]: line.split()[1] for line in lines[1:] if line.startswith("  ") and not line.startswith("    ")
    }
    assert len(states) == 76
    assert {c for c, s in states.items() if s != "Đã"} == set(GONE) | set(BROKEN)
    assert {c for c, s in states.items() if s == "Chưa"} == set(GONE)
    data = json.loads(run_cli("status", str(inbox), "--json").stdout)
    assert sorted(data["missing"]) == sorted(GONE) and sorted(data["rejected"]) == sorted(BROKEN)


def test_reminders_name_each_units_problems(inbox, tmp_path):
    cells = _prepare(inbox)
    out = tmp_path / "nhac"
    result = run_cli("status", str(inbox), "--reminders", str(out), "--deadline", "15/10/2021", "--date", "06/10/2021")
    assert result.stdout.splitlines()[-3:] == [
        f"Đã ghi 5 thư nhắc vào {out}",
        f"Đã ghi 2 bản có đánh dấu lỗi vào {out}",
        f"Đã ghi danh sách đơn vị cần đôn đốc: {out / 'danh_sach_don_doc.docx'}",
    ]
    texts = letters(out)
    assert set(texts) == set(GONE) | set(BROKEN)
    for code in GONE:
        assert "Văn phòng chưa nhận được báo cáo kết quả công tác xây dựng Đảng 9 tháng năm 2021" in texts[code]
        assert "gửi về Văn phòng trước ngày 15/10/2021." in texts[code]
    assert "\n- Ô “Kết nạp đảng viên mới” ghi “năm”, không đọc được thành số." in texts["DB14"]
    assert f"Cách sửa: Ghi lại ô {cells['DB14']['ket_nap']} chỉ bằng chữ số" in texts["DB14"]
    assert "Ô Báo cáo!" not in texts["DB14"]  # a cell is named by its indicator, not a reference
    assert "Tổng số đảng viên đến ngày chốt số liệu ghi 9, nhưng" in texts["CB30"]
    assert "\nKính gửi: Chi bộ Trung tâm Xúc tiến Đầu tư, Thương mại và Du lịch tỉnh\n" in texts["CB30"]


def test_an_explained_warning_is_shown_as_explained_and_keeps_exit_0(inbox, tmp_path):
    path = unit_file(inbox, "CB14")
    set_cells(
        path,
        {
            "dv_dau_ky": 30,
            "dv_cuoi_ky": 31,
            "gt_R08": "Chi bộ có 31 đảng viên do sáp nhập hai chi bộ; đang chờ quyết định nâng cấp.",
        },
    )
    out = tmp_path / "t.xlsx"
    result, data = merge_json(inbox, out)
    assert result.exit_code == 0
    warning = next(f for f in data["findings"] if f["code"] == "R08")
    assert warning["explanation"].startswith("Chi bộ có 31 đảng viên do sáp nhập")
    ws = openpyxl.load_workbook(out)["Lỗi"]
    row = next(r for r in ws.iter_rows(values_only=True) if r[4] == "R08")
    assert row[5] == "Cảnh báo (đã giải trình)" and row[10].startswith("Chi bộ có 31 đảng viên")


def test_an_unusual_unit_is_compared_with_the_others(inbox, catalog):
    set_cells(unit_file(inbox, "DB12"), {"ket_nap": 40, "dv_cuoi_ky": 210, "chi_tieu_ket_nap_nam": 40, "dv_du_bi": 40})
    result = merge_inbox(inbox, catalog)
    unit = next(u for u in result.units if u.unit.code == "DB12")
    assert unit.status == "accepted"
    outlier = [f for f in unit.file.findings if f.code == "P01"]
    assert len(outlier) == 1 and outlier[0].severity == "warning"
    assert outlier[0].params["ratio"] == 23.53 and outlier[0].cells == (
        unit.file.sub.cells["ket_nap"],
        unit.file.sub.cells["dv_dau_ky"],
    )
    from consolidate.core.messages import render

    assert render(outlier[0], catalog)[0] == (
        "Số kết nạp bằng 23,53% số đảng viên đầu năm, cao hơn nhiều so với mức thường gặp ở các đơn vị (khoảng 4,32%)."
    )
    assert not any(
        f.code.startswith("P") for r in result.files if r.sub and r.sub.unit_code != "DB12" for f in r.findings
    )
