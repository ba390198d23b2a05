"""The summary is print-ready (issue 5): A4, orientation by width, one page wide, repeated header
rows, coverage and page numbers in the footer, Times New Roman — read back from the file."""

from __future__ import annotations

import datetime as dt

import openpyxl
import pytest

from consolidate.outputs.summary.writer import SummaryOptions, write_summary
from consolidate.pipeline.merge import merge_inbox

from conftest import printed_totals, unit_file

PORTRAIT = {"Tóm tắt", "Tổng hợp"}
NO_TITLES = {"Tóm tắt", "Biểu đồ"}  # one page each: nothing to repeat


@pytest.fixture(scope="module")
def summary_path(tmp_path_factory):
    import shutil

    from conftest import SAMPLES

    inbox = tmp_path_factory.mktemp("p") / "inbox"
    shutil.copytree(SAMPLES, inbox)
    unit_file(inbox, "CB12").unlink()
    result = merge_inbox(inbox)
    return write_summary(result, inbox.parent / "t.xlsx", SummaryOptions(date=dt.date(2021, 10, 6)))


@pytest.fixture(scope="module")
def workbook(summary_path):
    return openpyxl.load_workbook(summary_path)


def test_every_sheet_prints_on_a4_one_page_wide(workbook):
    for ws in workbook.worksheets:
        if ws.sheet_state != "visible":  # "Kỹ thuật": never printed
            continue
        setup = ws.page_setup
        assert int(setup.paperSize) == 9, ws.title
        assert setup.orientation == ("portrait" if ws.title in PORTRAIT else "landscape"), ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        width = 1 if setup.fitToWidth is None else setup.fitToWidth  # absent means 1 (the OOXML default)
        assert (width, setup.fitToHeight) == (1, 0), ws.title
        if ws.title not in NO_TITLES:
            assert ws.print_title_rows, ws.title
        footer = ws.oddFooter
        assert footer.left.text == "Số liệu của 75/76 đơn vị (1 đơn vị chưa có: xem trang “Tóm tắt”).", ws.title
        assert footer.right.text == "Trang &P/&N", ws.title
        assert footer.left.font == "Times New Roman"


def test_fonts_are_times_new_roman(workbook):
    fonts = {c.font.name for ws in workbook.worksheets for row in ws.iter_rows() for c in row if c.value is not None}
    assert fonts == {"Times New Roman"}


def test_totals_sheet_header_block_and_signature(workbook):
    ws = workbook["Tổng hợp"]
    values = [c.value for row in ws.iter_rows() for c in row if isinstance(c.value, str)]
    assert values[:2] == ["ĐẢNG BỘ TỈNH BÌNH AN", "ĐẢNG CỘNG SẢN VIỆT NAM"]
    assert "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH" in values and "*" in values
    assert "Bình An, ngày 06 tháng 10 năm 2021" in values
    assert "BẢNG TỔNG HỢP SỐ LIỆU BÁO CÁO 9 THÁNG NĂM 2021" in values
    assert "NGƯỜI LẬP BIỂU" in values and "T/M BAN THƯỜNG VỤ" in values
    assert (ws["A1"].value, ws["A1"].font.bold) == ("ĐẢNG BỘ TỈNH BÌNH AN", False)  # superior body: plain
    assert (ws["A2"].value, ws["A2"].font.bold) == ("ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH", True)
    party = next(c for row in ws.iter_rows() for c in row if c.value == "ĐẢNG CỘNG SẢN VIỆT NAM")
    assert party.font.bold and party.font.underline == "single"
    assert (
        "(Số liệu của 75/76 đơn vị; chưa nộp (1): Chi bộ Cơ quan Liên đoàn Lao động tỉnh. "
        "Số liệu tính đến ngày 30/09/2021.)" in values
    )


def test_rates_show_numerator_and_denominator_and_units_of_measure(summary_path, catalog):
    rows = {code: list(r.values()) for code, r in printed_totals(summary_path, catalog).items()}
    assert rows["ty_le_ket_nap"][2] == "%" and rows["ty_le_ket_nap"][5].startswith("= 115 / 119 × 100")
    assert rows["thu_nhap_bq"][2] == "triệu đồng/người/tháng"
    assert rows["thu_nhap_bq"][5].startswith("Bình quân gia quyền theo lao động bình quân")
    assert rows["doanh_thu"][2] == "tỷ đồng"  # 4.262 tỷ đồng, as the draft report writes it
    assert (
        rows["dv_cuoi_ky"][4] == "75/76" and rows["doanh_thu"][4] == "20/20" and rows["kl_dv_tong"][4] == "75/76 + ĐUK"
    )
