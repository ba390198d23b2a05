"""The summary's first sheet, "Tóm tắt": on an incomplete inbox it names the units missing or not
counted with a one-line reason, says the totals are not the whole bloc's, and gives the key rates
with both their sums; on a complete inbox it says the figures are the whole bloc's."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest

from consolidate.outputs.summary.writer import SummaryOptions, write_summary
from consolidate.pipeline.merge import merge_inbox

from conftest import SAMPLES, set_cells, unit_file


def _texts(path) -> list[str]:
    ws = openpyxl.load_workbook(path)["Tóm tắt"]
    return [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]


@pytest.fixture(scope="module")
def incomplete(tmp_path_factory, catalog):
    inbox = tmp_path_factory.mktemp("o") / "inbox"
    shutil.copytree(SAMPLES, inbox)
    unit_file(inbox, "CB12").unlink()
    set_cells(unit_file(inbox, "CB40"), {"ket_nap": 9})  # the balance no longer adds up
    (inbox / "ghi_chu.csv").write_text("không phải báo cáo\n", encoding="utf-8")
    result = merge_inbox(inbox, catalog)
    return result, write_summary(result, inbox.parent / "t.xlsx", SummaryOptions(date=dt.date(2021, 10, 6)))


def test_missing_and_rejected_units_by_name_with_a_reason(incomplete):
    ws = openpyxl.load_workbook(incomplete[1])["Tóm tắt"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    table = {r[1]: r for r in rows if isinstance(r[0], int)}
    missing = table["Chi bộ Cơ quan Liên đoàn Lao động tỉnh"]
    assert missing[2:5] == ["CB12", "Chưa nộp", "Chưa nhận được báo cáo."]
    rejected = next(r for name, r in table.items() if r[2] == "CB40")
    assert rejected[3] == "Bị từ chối"
    assert rejected[4] == "1 lỗi: Cân đối đảng viên không khớp (Báo cáo!E34)"  # the template's cell of dv_cuoi_ky
    assert len([r for r in table.values() if r[3] in ("Chưa nộp", "Bị từ chối")]) == 2  # the stray CSV is no unit


def test_it_says_the_totals_are_not_the_whole_blocs(incomplete):
    texts = _texts(incomplete[1])
    assert "Báo cáo kết quả công tác xây dựng Đảng (BC-TCCS): đã nhận 74/76 đơn vị; chưa nộp 1; bị từ chối 1." in texts
    assert "Số liệu của Đảng ủy Khối: đã nhận." in texts
    assert (
        "LƯU Ý: số liệu tổng hợp CHƯA ĐỦ — là của 74/76 đơn vị, thiếu 2 đơn vị nêu dưới đây; "
        "mỗi số liệu ghi rõ số đơn vị có trong đó." in texts
    )


def test_key_rates_with_both_sums_and_coverage(incomplete):
    result, path = incomplete
    ws = openpyxl.load_workbook(path)["Tóm tắt"]
    start = next(
        c.row for row in ws.iter_rows() for c in row if c.value == "3. Các tỷ lệ chính so với kế hoạch, chỉ tiêu"
    )
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=start + 2) if isinstance(row[0].value, int)]
    admissions = next(r for r in rows if str(r[1]).startswith("Tỷ lệ kết nạp"))
    assert "(kết nạp đảng viên mới / chỉ tiêu kết nạp đảng viên đăng ký cả năm)" in admissions[1]
    done, target = result.totals["ket_nap"].value, result.totals["chi_tieu_ket_nap_nam"].value
    assert admissions[2:] == [done, target, round(done / target * 100, 2), "74/76"]
    assert (done, target) != (116, 120)  # the two units left out are not in the rate
    assert not any("bình quân" in str(r[1]).lower() for r in rows)  # a weighted mean is no rate against a target


def test_a_complete_inbox_says_so(tmp_path, catalog):
    path = write_summary(merge_inbox(SAMPLES, catalog), tmp_path / "t.xlsx")
    texts = _texts(path)
    assert "Các số liệu tổng hợp là của toàn Đảng bộ Khối." in texts
    assert "Tất cả các đơn vị đã nộp và báo cáo được tiếp nhận." in texts
