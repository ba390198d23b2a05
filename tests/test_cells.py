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
        ("ket_nap", "12 người", 12, "C403"),
        ("ket_nap", 2.5, None, "C404"),
        ("ket_nap", "2,5", None, "C404"),
        ("ket_nap", "mười", None, "C402"),
        ("ket_nap", True, None, "C402"),
        ("ket_nap", dt.date(2021, 1, 1), None, "C402"),
        ("ket_nap", "1.23.4", None, "C411"),
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
