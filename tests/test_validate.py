"""Validation: one pandera call per form over the stacked submissions, checks named by codes, and
rule findings located on every cell involved."""

from __future__ import annotations

import pandera.pandas as pa

from consolidate.checks.validate import validate_forms
from consolidate.core.messages import render
from consolidate.ingest.reader import read_submission
from consolidate.pipeline.merge import merge_inbox

from conftest import SAMPLES, set_cells, unit_file


def test_a_merge_calls_pandera_once_per_form(monkeypatch, catalog):
    calls = []
    original = pa.DataFrameSchema.validate

    def spy(self, frame, *args, **kwargs):
        calls.append((self.name, len(frame)))
        return original(self, frame, *args, **kwargs)

    monkeypatch.setattr(pa.DataFrameSchema, "validate", spy)
    merge_inbox(SAMPLES, catalog)
    data = sorted(c for c in calls if c[1])  # zero-row calls are the warm-up run while files are read
    assert data == [("BC-DUK", 1), ("BC-TCCS", 76)]
    assert len(calls) <= 2 * len(catalog.forms)


def _read(path, catalog):
    sub = read_submission(path, catalog)
    validate_forms(catalog, [sub])
    return sub


def test_rules_name_every_cell_involved(tmp_path, catalog):
    path = tmp_path / "u.xlsx"
    path.write_bytes(unit_file(SAMPLES, "DB10").read_bytes())
    cells = set_cells(path, {"kl_dv_tong": 3, "dv_nu": 500, "so_chi_bo_truc_thuoc": None})
    sub = _read(path, catalog)
    by_code = {f.code: f for f in sub.findings}
    assert set(by_code) == {"R02", "R03", "R06"}
    assert by_code["R02"].cell == cells["kl_dv_tong"] and len(by_code["R02"].all_cells) == 5
    assert render(by_code["R02"], catalog)[0] == (
        "Tổng số đảng viên bị kỷ luật ghi 3, nhưng cộng các hình thức kỷ luật "
        "(khiển trách 1, cảnh cáo 0, cách chức 0, khai trừ 0) được 1; hai số phải bằng nhau."
    )
    first, last = by_code["R02"].all_cells[1], by_code["R02"].all_cells[-1]  # the four forms, one column
    assert render(by_code["R02"], catalog)[1] == (
        f"Sửa tổng số ở ô {cells['kl_dv_tong']}, hoặc số của từng hình thức kỷ luật (ô {first} đến {last}), cho khớp."
    )
    assert render(by_code["R03"], catalog)[0] == (
        "Số “Trong đó: đảng viên nữ” (500) lớn hơn số “Tổng số đảng viên đến ngày chốt số liệu” (100); "
        "số chi tiết (trong đó) không được lớn hơn tổng số."
    )
    assert by_code["R06"].cell == cells["so_chi_bo_truc_thuoc"]


def test_section_e_only_for_enterprises(tmp_path, catalog):
    bank = tmp_path / "bank.xlsx"
    bank.write_bytes(unit_file(SAMPLES, "DB28").read_bytes())
    set_cells(bank, {"doanh_thu": 5000})
    assert [f.code for f in _read(bank, catalog).findings] == ["R05"]
    firm = tmp_path / "firm.xlsx"
    firm.write_bytes(unit_file(SAMPLES, "DB22").read_bytes())
    set_cells(firm, {"lao_dong_bq": None})
    found = _read(firm, catalog).findings
    assert [f.code for f in found] == ["R05"] and "phải điền “Lao động bình quân”" in found[0].params["detail"]["vi"]


def test_a_cbcs_has_no_cells_under_it(tmp_path, catalog):
    path = tmp_path / "cb.xlsx"
    path.write_bytes(unit_file(SAMPLES, "CB01").read_bytes())
    cells = set_cells(path, {"so_chi_bo_truc_thuoc": 2})
    found = _read(path, catalog).findings
    assert [(f.code, f.cell) for f in found] == [("R04", cells["so_chi_bo_truc_thuoc"])]


def test_required_cells_and_bounds(tmp_path, catalog):
    path = tmp_path / "r.xlsx"
    path.write_bytes(unit_file(SAMPLES, "CB03").read_bytes())
    cells = set_cells(path, {"chi_tieu_ket_nap_nam": None, "the_dv_phat": 20000})
    found = sorted((f.code, f.cell) for f in _read(path, catalog).findings)
    assert found == [("C401", cells["chi_tieu_ket_nap_nam"]), ("C406", cells["the_dv_phat"])]


def test_warnings_do_not_reject(tmp_path, catalog):
    path = tmp_path / "w.xlsx"
    path.write_bytes(unit_file(SAMPLES, "CB14").read_bytes())
    set_cells(path, {"dv_dau_ky": 30, "dv_cuoi_ky": 31, "dv_nu": 4})
    sub = _read(path, catalog)
    assert [(f.code, f.severity) for f in sub.findings] == [("R08", "warning")]
    assert not sub.has_errors
