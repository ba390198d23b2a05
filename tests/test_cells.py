"""Typing one cell: what is read (with a warning when typed as text) and what is an error."""

from __future__ import annotations

import datetime as dt
import unicodedata

import pytest

from consolidate.ingest.cells import coerce


@pytest.fixture(scope="module")
def ind(catalog):
    return catalog.unit_form.indicators


@pytest.mark.parametrize(
    "code,raw,value,finding",
    [
        ("ket_nap", 3.0, 3, None),
        ("ket_nap", "", None, None),
        ("ket_nap", "   ", None, None),
        ("ket_nap", "1.234", 1234, "C403"),
        ("ket_nap", " 12 ", 12, "C403"),
        ("ket_nap", "12 đồng chí", 12, "C403"),
        ("ket_nap", "12 người", None, "C416"),
        ("ket_nap", "1O", None, "C402"),
        ("ket_nap", "-", 0, "C413"),
        ("ket_nap", "không", 0, "C413"),
        ("ket_nap", "2.430", 2430, "C403"),
        ("dang_phi_thu", "2.430", None, "C411"),
        ("dang_phi_thu", "2,43", 2.43, "C403"),
        ("thu_nhap_bq", "88,460", None, "C411"),
        ("doanh_thu", "46,72 tỷ", None, "C416"),
        ("doanh_thu", "2.430", 2430.0, "C403"),
        ("ngay_chot_so_lieu", "09/30/2021", dt.date(2021, 9, 30), "C417"),
        ("ket_nap", 2.5, None, "C404"),
        ("ket_nap", "2,5", None, "C404"),
        ("ket_nap", "mười", None, "C402"),
        ("ket_nap", True, None, "C402"),
        ("ket_nap", dt.date(2021, 1, 1), None, "C402"),
        ("ket_nap", "1.23.4", None, "C402"),
        ("ket_nap", -2.0, -2, None),
        ("thu_nhap_bq", "10,5", 10.5, "C403"),
        ("thu_nhap_bq", 13.2, 13.2, None),
        ("doanh_thu", "4.262.000", 4262000.0, "C403"),
        ("loai_hinh", "doanh nghiệp  NHÀ NƯỚC", "DNNN", None),
        ("loai_hinh", "DNNN", "DNNN", None),
        ("loai_hinh", "Công ty", None, "C407"),
        ("ky_bao_cao", "9 tháng", "9T", None),
        ("ngay_chot_so_lieu", dt.datetime(2021, 9, 30), dt.date(2021, 9, 30), None),
        ("ngay_chot_so_lieu", "30/09/2021", dt.date(2021, 9, 30), None),
        ("ngay_chot_so_lieu", 44469.0, dt.date(2021, 9, 30), None),
        ("ngay_chot_so_lieu", "31/02/2021", None, "C410"),
        ("dien_thoai", 912345678.0, "912345678", None),
        ("dang_phi_thu", 7.0745, 7.075, "C419"),  # more decimals than the form keeps: rounded, said
        ("dang_phi_thu", "7,0745", 7.075, "C419"),
        ("dang_phi_thu", 7.075, 7.075, None),
        ("thu_nhap_bq", 10.25, 10.3, "C419"),
        ("thu_nhap_bq", 0.1 + 0.2, 0.1 + 0.2, None),  # a formula's binary noise is not a decimal typed
        ("doanh_thu", 4262000.5, None, "C404"),  # kept in whole triệu đồng: a fraction is an error
        ("doanh_thu", 1838.05, None, "C404"),  # "1.838,05" stored by an English-locale Excel
        ("doanh_thu", "9.000", None, "C411"),  # 9000 or 9: two whole readings
        ("ket_nap", "104.000", None, "C411"),
        ("ket_nap", "104,000", None, "C411"),
        ("thu_nhap_bq", 13.25, 13.3, "C419"),
    ],
)
def test_coerce(ind, code, raw, value, finding):
    result = coerce(ind[code], raw)
    assert (result.value, result.code) == (value, finding)


def test_decomposed_vietnamese_is_normalised(ind):
    nfd = unicodedata.normalize("NFD", "Doanh nghiệp cổ phần")
    assert nfd != "Doanh nghiệp cổ phần"
    assert coerce(ind["loai_hinh"], nfd).value == "DNCP"
    text = coerce(ind["ket_qua_noi_bat"], unicodedata.normalize("NFD", "Hoàn thành  tốt\nnhiệm vụ ")).value
    assert text == "Hoàn thành tốt\nnhiệm vụ" and unicodedata.is_normalized("NFC", text)


def test_warnings_show_the_value_read_unambiguously(ind):
    read = coerce(ind["dang_phi_thu"], "2,43").params["read"]
    assert read == {"vi": "2,43 (hai phẩy bốn mươi ba) triệu đồng", "en": "2.43 (two point four three) triệu đồng"}
    ambiguous = coerce(ind["dang_phi_thu"], "2.430").params
    assert (ambiguous["first"]["vi"], ambiguous["second"]["vi"]) == (
        "2430 (hai nghìn bốn trăm ba mươi) triệu đồng",
        "2,43 (hai phẩy bốn mươi ba) triệu đồng",
    )
    hint = coerce(ind["doanh_thu"], "46,72 tỷ").params["hint"]["vi"]
    assert hint == " Nếu đúng là 46,72 tỷ, ghi 46720 (bốn mươi sáu nghìn bảy trăm hai mươi) triệu đồng."


def test_a_figure_rounded_to_the_forms_decimals_says_what_was_typed_and_what_counts(ind):
    params = coerce(ind["dang_phi_thu"], 7.0745).params
    assert (params["read"]["vi"], params["counted"]["vi"], params["decimals"]) == (
        "7,0745 (bảy phẩy không bảy trăm bốn mươi lăm) triệu đồng",
        "7,075 (bảy phẩy không bảy mươi lăm) triệu đồng",
        3,
    )
