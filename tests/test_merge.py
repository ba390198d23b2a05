"""The pipeline end to end on the sample inbox (issue 2's acceptance 1–3)."""

from __future__ import annotations

import openpyxl
import pytest

from conftest import SAMPLES, SEED_TOTALS, merge_json, printed_totals, set_cells, technical_totals, unit_file


def test_samples_reproduce_the_seed(tmp_path, catalog):
    out = tmp_path / "OUT.xlsx"
    result, data = merge_json(SAMPLES, out)
    assert result.exit_code == 0, result.stdout
    for code, expected in SEED_TOTALS.items():
        assert data["totals"][code] == expected, code
    assert isinstance(data["totals"]["dv_cuoi_ky"], int)
    assert data["units_expected"] == 76 and data["units_accepted"] == 76
    assert data["missing"] == [] and data["bloc_submission"]["status"] == "accepted"
    assert data["findings"] == []
    assert all(s["status"] == "accepted" for s in data["submissions"]) and len(data["submissions"]) == 77
    machine, printed = technical_totals(out), printed_totals(out, catalog)
    for code, expected in SEED_TOTALS.items():
        assert machine[code] == pytest.approx(expected), code
        assert printed[code]["Tổng số"] == pytest.approx(expected), code
    assert printed["doanh_thu"]["Đvt"] == "tỷ đồng" and printed["doanh_thu"]["Tổng số"] == 4262 * 1000


def test_a_broken_unit_is_rejected_with_three_located_findings(inbox, tmp_path):
    path = unit_file(inbox, "DB05")
    cells = set_cells(path, {"dv_cuoi_ky": 91, "huy_hieu_30": -2, "tcct_de_nghi": "mười sáu"})
    result, data = merge_json(inbox, tmp_path / "OUT.xlsx")
    assert result.exit_code == 1
    assert data["rejected"] == ["DB05"] and data["units_accepted"] == 75
    found = sorted((f["code"], f["sheet"], f["cell"]) for f in data["findings"] if f["unit"] == "DB05")
    assert found == sorted(
        [
            ("R01", "Báo cáo", cells["dv_cuoi_ky"]),
            ("C405", "Báo cáo", cells["huy_hieu_30"]),
            ("C402", "Báo cáo", cells["tcct_de_nghi"]),
        ]
    )
    balance = next(f for f in data["findings"] if f["code"] == "R01")
    assert balance["message"] == (
        "Tổng số đảng viên đến ngày chốt số liệu ghi 91, nhưng số đầu năm cộng số tăng, trừ số giảm trong kỳ được 90 "
        "(đầu năm 89, kết nạp 2, chuyển đến ngoài Khối 1; trừ chuyển đi ngoài Khối 2); hai số phải bằng nhau."
    )
    # the other 75 units are still merged: totals drop by exactly DB05's figures (90 members)
    assert data["totals"]["dv_cuoi_ky"] == 3407 - 90
    assert data["totals"]["so_tccs"] == 76


def test_removed_units_are_missing_and_leave_the_totals(inbox, tmp_path):
    import csv

    from conftest import ROOT

    with open(ROOT / "samples" / "units_9T2021.csv", encoding="utf-8") as fh:
        rows = {r["ma_tccs"]: r for r in csv.DictReader(fh)}
    gone = ["CB12", "DB21", "CB40"]
    for code in gone:
        unit_file(inbox, code).unlink()
    out = tmp_path / "OUT.xlsx"
    result, data = merge_json(inbox, out)
    assert result.exit_code == 1
    assert sorted(data["missing"]) == sorted(gone)
    _, full = merge_json(SAMPLES, tmp_path / "FULL.xlsx")
    for code in (
        "dv_cuoi_ky",
        "ket_nap",
        "chi_tieu_ket_nap_nam",
        "doanh_thu",
        "lao_dong_bq",
        "tcct_de_nghi",
        "kl_dv_tong",
        "so_chi_bo_truc_thuoc",
    ):
        dropped = sum(float(rows[c][code] or 0) for c in gone)
        assert dropped > 0 or code in ("kl_dv_tong", "so_chi_bo_truc_thuoc")
        assert data["totals"][code] == pytest.approx(full["totals"][code] - dropped), code
    assert data["totals"]["so_tccs"] == 76  # counts of units come from the registry
    assert data["coverage"]["dv_cuoi_ky"] == {"units": 73, "of": 76, "bloc": False, "complete": False}
    ws = openpyxl.load_workbook(out)["Tình hình nộp"]
    status = {r[1]: r[4] for r in ws.iter_rows(values_only=True) if r[1] in gone}
    assert status == {code: "Chưa nộp" for code in gone}


def test_ratio_and_weighted_mean_follow_the_units_that_report(inbox, tmp_path):
    unit_file(inbox, "DB21").unlink()  # the largest enterprise: 585 workers at 13,2
    _, data = merge_json(inbox, tmp_path / "OUT.xlsx")
    workers = 2931 - 585
    income = (10.0 * 2931 - 13.2 * 585) / workers
    assert data["totals"]["lao_dong_bq"] == workers
    assert data["totals"]["thu_nhap_bq"] == round(income, 1)
    assert data["totals"]["ty_le_ket_nap"] == round((116 - 7) / (120 - 7) * 100, 2)
