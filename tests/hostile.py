"""Builders of messy and hostile inbox files, each with the status and codes it must produce.

Generated from the sample inbox at test time (plus three binary fixtures in tests/fixtures/), so
none of them go stale when the templates change. ``CASES`` lists them; :func:`build_inbox` writes
the samples plus every case into one folder.
"""

from __future__ import annotations

import io
import os
import random
import re
import shutil
import unicodedata
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import openpyxl

from conftest import FIXTURES, SAMPLES, set_cells, unit_file

OLDER = "2021-10-01T08:00:00Z"  # before the samples' own stamp: such files lose to the samples


@dataclass(frozen=True)
class Case:
    name: str  # path inside the inbox
    status: str  # accepted | rejected | superseded | ignored
    codes: frozenset[str]  # codes that must all be among the file's findings
    build: Callable[[Path], None]  # writes the file at the given path


def members(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: zf.read(i.filename) for i in zf.infolist()}


def write_zip(path: Path, parts: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)


def restamp(path: Path, stamp: str = OLDER) -> None:
    """Set the workbook's own "last saved" time (openpyxl always writes "now")."""
    parts = members(path)
    parts["docProps/core.xml"] = re.sub(
        rb"(<dcterms:modified[^>]*>)[^<]+", rb"\g<1>" + stamp.encode(), parts["docProps/core.xml"]
    )
    write_zip(path, parts)


def _sample(code: str) -> Path:
    return unit_file(SAMPLES, code)


def _copy_sample(code: str, values: dict | None = None, stamp: str | None = OLDER):
    def build(path: Path) -> None:
        shutil.copyfile(_sample(code), path)
        if values:
            set_cells(path, values)
        if stamp:
            restamp(path, stamp)

    return build


def _bytes(data: bytes):
    return lambda path: path.write_bytes(data)


def _meta(code: str, **changes: str):
    def build(path: Path) -> None:
        shutil.copyfile(_sample(code), path)
        wb = openpyxl.load_workbook(path)
        for row in wb["_meta"].iter_rows():
            if row[0].value in changes:
                row[1].value = changes[row[0].value]
        wb.save(path)

    return build


def _period(code: str, kind_label: str, period: str):
    def build(path: Path) -> None:
        _meta(code, period=period)(path)
        set_cells(path, {"ky_bao_cao": kind_label})

    return build


def _visible_unit(path: Path) -> None:
    _meta("DB01")(path)
    set_cells(path, {"ma_tccs": "DB02"})


def _unknown_unit(path: Path) -> None:
    _meta("CB20", unit_code="ZZ99")(path)
    set_cells(path, {"ma_tccs": "ZZ99"})


def _foreign_workbook(path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Danh sách"
    ws.append(["Họ và tên", "Năm sinh", "Ghi chú"])
    ws.append(["Nguyễn Văn Mẫu", 1980, "Ví dụ"])
    wb.save(path)


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Báo cáo 9 tháng năm 2021 (bản Word)")
    document.save(path)


def _png() -> bytes:
    return (
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4"
        b"\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82"
    )


def _truncated(path: Path) -> None:
    data = _sample("DB08").read_bytes()
    path.write_bytes(data[: len(data) * 6 // 10])


def _xlsm(path: Path) -> None:
    parts = members(_sample("CB08"))
    parts["xl/vbaProject.bin"] = b"\xd0\xcf\x11\xe0" + b"\x00" * 508
    write_zip(path, parts)
    restamp(path)


def make_bomb(path: Path, inflated: int) -> None:
    """A report whose data sheet inflates to ``inflated`` bytes of real cells (~3 MB per GB)."""
    parts = members(_sample("CB10"))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name, data in parts.items():
            if name != "xl/worksheets/sheet2.xml":
                zf.writestr(name, data)
        info = zipfile.ZipInfo("xl/worksheets/sheet2.xml", (2021, 10, 5, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            fh.write(
                b'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/'
                b'spreadsheetml/2006/main"><sheetData>'
            )
            chunk = (b'<row r="1">' + b'<c r="A1"><v>1</v></c>' * 64 + b"</row>") * 512
            for _ in range(inflated // len(chunk) + 1):
                fh.write(chunk)
            fh.write(b"</sheetData></worksheet>")


def _entity_bomb(path: Path) -> None:
    parts = members(_sample("CB11"))
    lol = (
        b'<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    )
    head, rest = parts["xl/sharedStrings.xml"].split(b"?>", 1)
    parts["xl/sharedStrings.xml"] = head + b"?>" + lol + rest.replace(b"<t>", b"<t>&lol3;", 1)
    write_zip(path, parts)


def _far_cell(path: Path) -> None:
    parts = members(_sample("CB13"))
    parts["xl/worksheets/sheet2.xml"] = parts["xl/worksheets/sheet2.xml"].replace(
        b"</sheetData>", b'<row r="1048576"><c r="XFD1048576"><v>7</v></c></row></sheetData>'
    )
    write_zip(path, parts)


def _raw_cell(unit: str, code: str, value: object, data_type: str | None = None):
    """A sample copy whose value cell for ``code`` holds ``value`` exactly as openpyxl writes it
    (a formula without a cached result, an error value …), saved before the samples."""

    def build(path: Path) -> None:
        _copy_sample(unit, stamp=None)(path)
        wb = openpyxl.load_workbook(path)
        for row in wb["Báo cáo"].iter_rows():
            if row[2].value == code:
                row[4].value = value
                if data_type:
                    row[4].data_type = data_type
        wb.save(path)
        restamp(path)

    return build


def _renamed_sheet(path: Path) -> None:
    _copy_sample("DB15", stamp=None)(path)
    wb = openpyxl.load_workbook(path)
    wb["Báo cáo"].title = "Sheet1"
    wb.save(path)
    restamp(path)


def _reshaped(path: Path) -> None:
    """Rows inserted and hidden, a value cell merged with its neighbour: still read cleanly."""
    _copy_sample("DB16", stamp=None)(path)
    wb = openpyxl.load_workbook(path)
    ws = wb["Báo cáo"]
    row = next(c.row for c in ws["C"] if c.value == "ket_nap")
    ws.insert_rows(row, 2)
    ws.row_dimensions[row + 4].hidden = True
    ws.merge_cells(start_row=row + 2, start_column=5, end_row=row + 2, end_column=6)
    wb.save(path)
    restamp(path)


def _nfd(path: Path) -> None:
    _copy_sample("DB17", stamp=None)(path)
    set_cells(
        path,
        {
            "loai_hinh": unicodedata.normalize("NFD", "Cơ quan nhà nước"),
            "ten_tccs": unicodedata.normalize("NFD", "Đảng bộ Viện Kiểm sát nhân dân tỉnh"),
        },
    )
    restamp(path)


def _random_bytes() -> bytes:
    rng = random.Random(20211005)
    return bytes(rng.randrange(256) for _ in range(4096))


CASES: list[Case] = [
    Case("rong.xlsx", "rejected", frozenset({"F101"}), _bytes(b"")),
    Case("ngau_nhien.xlsx", "rejected", frozenset({"F102"}), _bytes(_random_bytes())),
    Case("bi_cat_cut.xlsx", "rejected", frozenset({"F109"}), _truncated),
    Case("so_lieu.csv.xlsx", "rejected", frozenset({"F102"}), _bytes(b"ma_tccs;dv_cuoi_ky\nDB01;72\n")),
    Case("bao_cao_word.xlsx", "rejected", frozenset({"F102"}), _docx),
    Case("anh_chup.xlsx", "rejected", frozenset({"F102"}), _bytes(_png())),
    Case("anh_chup.png", "ignored", frozenset({"I203"}), _bytes(_png())),
    Case("cong_van.pdf", "ignored", frozenset({"I203"}), _bytes(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")),
    Case(
        "CB07_excel_97.xls",
        "superseded",
        frozenset({"F104", "I205"}),
        lambda p: shutil.copyfile(FIXTURES / "CB07_excel_97.xls", p),
    ),
    Case("CB08_co_macro.xlsm", "superseded", frozenset({"F106", "I205"}), _xlsm),
    Case(
        "CB09_libreoffice.ods",
        "superseded",
        frozenset({"F105", "I205"}),
        lambda p: shutil.copyfile(FIXTURES / "CB09_libreoffice.ods", p),
    ),
    Case(
        "DB03_mat_khau.xlsx",
        "rejected",
        frozenset({"F103"}),
        lambda p: shutil.copyfile(FIXTURES / "DB03_mat_khau.xlsx", p),
    ),
    Case("bom_giai_nen.xlsx", "rejected", frozenset({"F107"}), lambda p: make_bomb(p, 200 * 1024 * 1024)),
    Case("bom_thuc_the_xml.xlsx", "rejected", frozenset({"F108"}), _entity_bomb),
    Case("o_o_rat_xa.xlsx", "rejected", frozenset({"F113"}), _far_cell),
    Case("bang_tinh_khac.xlsx", "rejected", frozenset({"T301"}), _foreign_workbook),
    Case("bieu_mau_khac.xlsx", "rejected", frozenset({"T302"}), _meta("CB15", form_id="BC-DAN-VAN")),
    Case("phien_ban_cu.xlsx", "rejected", frozenset({"T303"}), _meta("CB16", form_version="0")),
    Case("DB06_6_thang.xlsx", "rejected", frozenset({"T304"}), _period("DB06", "6 tháng", "6T-2021")),
    Case("don_vi_ngoai_danh_muc.xlsx", "rejected", frozenset({"T305"}), _unknown_unit),
    Case("ma_don_vi_mau_thuan.xlsx", "rejected", frozenset({"T306"}), _visible_unit),
    Case(
        "DB10_so_dang_chu.xlsx",
        "superseded",
        frozenset({"C403", "I205"}),
        _copy_sample("DB10", {"dv_cuoi_ky": "100", "ket_nap": " 3 ", "dv_nu": "45 người"}),
    ),
    Case("DB11_so_thap_phan.xlsx", "superseded", frozenset({"C404", "I205"}), _copy_sample("DB11", {"ket_nap": 1.5})),
    Case("DB12_so_am.xlsx", "superseded", frozenset({"C405", "I205"}), _copy_sample("DB12", {"the_dv_phat": -1})),
    Case("DB13_cong_thuc.xlsx", "superseded", frozenset({"C408", "I205"}), _raw_cell("DB13", "ket_nap", "=1+1")),
    Case(
        "DB14_loi_ref.xlsx", "superseded", frozenset({"C409", "I205"}), _raw_cell("DB14", "tcct_de_nghi", "#REF!", "e")
    ),
    Case("DB15_doi_ten_trang.xlsx", "superseded", frozenset({"T310", "I205"}), _renamed_sheet),
    Case("DB16_chen_an_gop.xlsx", "superseded", frozenset({"I205"}), _reshaped),
    Case("DB17_unicode_nfd.xlsx", "superseded", frozenset({"I205"}), _nfd),
    Case("~$DB01_BC-TCCS_9T_2021.xlsx", "ignored", frozenset({"I201"}), _bytes(b"\x0fNguyen Van Mau" + b"\x00" * 150)),
    Case(".~lock.DB02_BC-TCCS_9T_2021.xlsx#", "ignored", frozenset({"I202"}), _bytes(b"Mau,may,01/10/2021;")),
    Case("Thumbs.db", "ignored", frozenset({"I202"}), _bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 60)),
    Case(
        "thu_muc_con/CB01_BC-TCCS_9T_2021 (1).xlsx",
        "ignored",
        frozenset({"I204"}),
        lambda p: shutil.copyfile(_sample("CB01"), p),
    ),
    Case(
        "thu_muc_con/CB02_gui_lai_ban_cu.xlsx",
        "superseded",
        frozenset({"I205"}),
        _copy_sample("CB02", {"hn_quan_triet": 9}),
    ),
]


def build_inbox(target: Path, cases: list[Case] = CASES) -> Path:
    """The sample inbox plus every case, in ``target``. Every case reached the inbox a day before
    the samples: the samples are the versions received last, so they are the ones that count."""
    shutil.copytree(SAMPLES, target)
    earlier = min(p.stat().st_mtime for p in target.rglob("*.xlsx")) - 86400
    for case in cases:
        path = target / case.name
        path.parent.mkdir(parents=True, exist_ok=True)
        case.build(path)
        os.utime(path, (earlier, earlier))
    return target


def zip_bytes(parts: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in parts.items():
            zf.writestr(name, data)
    return buffer.getvalue()
