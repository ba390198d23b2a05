"""The unit registry and the report's text template read as the office's Windows tools save them
(the Windows issue): Excel's CSV with "," or ";", UTF-8 with or without BOM, the Vietnamese code
page cp1258, CRLF, or a units.xlsx; Notepad's UTF-8 (with or without BOM) or UTF-16 ("Unicode")
with CRLF. Mistakes in them are told in Vietnamese."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import unicodedata

import docx
import pytest

from consolidate.catalog.loader import default_schema_dir, load_catalog
from consolidate.core.errors import CatalogError
from consolidate.outputs.report.writer import default_template, write_report
from consolidate.pipeline.merge import merge_inbox

from conftest import SAMPLES, run_cli


@pytest.fixture
def schemas(tmp_path):
    target = tmp_path / "schemas"
    shutil.copytree(default_schema_dir(), target)
    return target


def _rows() -> list[list[str]]:
    with open(default_schema_dir() / "units.csv", encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def _csv(rows: list[list[str]], delimiter: str, newline: str) -> str:
    out = io.StringIO()
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue()


def _cp1258(text: str) -> bytes:
    """How Windows writes Vietnamese in cp1258: the code page's letters (â, ê, ô, ơ, ư, ă, đ …)
    followed by combining tone marks ("ệ" is "ê" + U+0323)."""
    out = []
    for ch in text:
        if _fits(ch):
            out.append(ch)
            continue
        base, *marks = unicodedata.normalize("NFD", ch)
        rest = []
        for mark in marks:
            composed = unicodedata.normalize("NFC", base + mark)
            if len(composed) == 1 and _fits(composed):
                base = composed
            else:
                rest.append(mark)
        out.append(base + "".join(rest))
    return "".join(out).encode("cp1258")


def _fits(ch: str) -> bool:
    try:
        ch.encode("cp1258")
        return True
    except UnicodeEncodeError:
        return False


VARIANTS = {
    "comma-utf8": lambda rows: _csv(rows, ",", "\n").encode("utf-8"),
    "comma-utf8-bom-crlf": lambda rows: _csv(rows, ",", "\r\n").encode("utf-8-sig"),
    "semicolon-utf8": lambda rows: _csv(rows, ";", "\n").encode("utf-8"),
    "semicolon-utf8-bom-crlf": lambda rows: _csv(rows, ";", "\r\n").encode("utf-8-sig"),  # Excel "CSV UTF-8", vi-VN
    "semicolon-cp1258-crlf": lambda rows: _cp1258(_csv(rows, ";", "\r\n")),  # Excel "CSV", vi-VN
    "comma-cp1258-crlf": lambda rows: _cp1258(_csv(rows, ",", "\r\n")),
    "vietnamese-headers": lambda rows: _csv(
        [["Mã", "Loại", "Loại hình", "Tên đơn vị", "Tên viết tắt"], *rows[1:]], ";", "\r\n"
    ).encode("utf-8-sig"),
}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_every_way_excel_saves_the_registry_reads_the_same(schemas, catalog, variant):
    (schemas / "units.csv").write_bytes(VARIANTS[variant](_rows()))
    assert load_catalog(schemas).units == catalog.units


def test_the_registry_as_a_workbook(schemas, catalog):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in _rows():
        ws.append(row)
    wb.save(schemas / "units.xlsx")
    (schemas / "units.csv").unlink()
    assert load_catalog(schemas).units == catalog.units
    result = merge_inbox(SAMPLES, load_catalog(schemas), workers=1)
    assert result.units_accepted == 76


def test_a_workbook_registry_mistake_is_named_in_vietnamese(schemas):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    rows = _rows()
    rows[3][2] = "BO"
    for row in rows:
        ws.append(row)
    wb.save(schemas / "units.xlsx")
    (schemas / "units.csv").unlink()
    with pytest.raises(CatalogError) as err:
        load_catalog(schemas)
    assert err.value.text("vi") == "units.xlsx: dòng 4: loại hình “BO” không có trong bloc.yaml"


@pytest.mark.parametrize(
    "variant,lang,message",
    [
        (
            "semicolon-cp1258-crlf",
            "vi",
            "Danh mục biểu mẫu (schemas) có lỗi: units.csv: dòng 3: mã đơn vị “DB01” bị trùng\n",
        ),
        (
            "semicolon-utf8-bom-crlf",
            "en",
            "The catalog (schemas) is invalid: units.csv: line 3: duplicate unit code 'DB01'\n",
        ),
    ],
)
def test_registry_mistakes_are_told_in_the_users_language(schemas, tmp_path, variant, lang, message):
    rows = _rows()
    rows[2][0] = "DB01"
    (schemas / "units.csv").write_bytes(VARIANTS[variant](rows))
    result = run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "t.xlsx"), "--schemas", str(schemas), "--lang", lang)
    assert (result.exit_code, result.stderr) == (2, message)
    assert "Traceback" not in result.output


def test_a_registry_header_mistake_is_told_in_vietnamese(schemas):
    (schemas / "units.csv").write_bytes("ma;loai;linh vuc;ten\r\nDB01;DBCS;CQNN;Đảng bộ\r\n".encode("utf-8-sig"))
    with pytest.raises(CatalogError) as err:
        load_catalog(schemas)
    assert err.value.text("vi") == (
        "units.csv: dòng 1: dòng tiêu đề phải là: code, type, sector, name (mã, loại, loại hình, tên)"
    )


# --- the report's text template ----------------------------------------------------------------

TEMPLATE_ENCODINGS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8-bom": lambda text: text.encode("utf-8-sig"),
    "utf-16-le": lambda text: text.encode("utf-16"),  # Notepad's "Unicode": little-endian with BOM
    "utf-16-be": lambda text: b"\xfe\xff" + text.encode("utf-16-be"),
    "cp1258": _cp1258,  # Notepad's "ANSI" on a Vietnamese Windows
}


def _paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.fixture(scope="module")
def sample_result(catalog):
    return merge_inbox(SAMPLES, catalog, workers=1)


@pytest.fixture(scope="module")
def reference(sample_result, tmp_path_factory):
    out = tmp_path_factory.mktemp("ref") / "bao_cao.docx"
    write_report(sample_result, out, dt.date(2021, 10, 6))
    return _paragraphs(out)


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
@pytest.mark.parametrize("encoding", list(TEMPLATE_ENCODINGS))
def test_the_text_template_as_notepad_saves_it(sample_result, reference, tmp_path, encoding, newline):
    text = default_template().read_text(encoding="utf-8").replace("\n", newline)
    template = tmp_path / "bao_cao.txt"
    template.write_bytes(TEMPLATE_ENCODINGS[encoding](text))
    path, unknown = write_report(sample_result, tmp_path / "bao_cao.docx", dt.date(2021, 10, 6), template)
    assert unknown == set()
    assert _paragraphs(path) == reference
    assert not any("\ufeff" in p or "\r" in p for p in reference)
    assert any("kết nạp được 116/120 đảng viên" in p for p in reference)
