"""Printed pages that read right on any computer (issue 13): every output of the sample merge —
summary, draft report, an issued template, feedback copies, reminder letters when they are
documents — printed to PDF by LibreOffice under a Vietnamese and an English (US) locale, and
read back from the PDFs' text: Vietnamese figures under both, no sheet spilling sideways, no text
printed over text. docs/render.py is the same code; it also draws the README's pictures.

Rendering takes ~20 s (LibreOffice, once per locale, both in parallel), so the tests are marked
``render`` and .ci/run runs them once rather than on every Python. Skipped, saying why, where
LibreOffice or poppler-utils is missing; CI installs both.
"""

from __future__ import annotations

import sys

import openpyxl
import pytest
import xlsxwriter

from consolidate.core.numbers import format_number, round_half_up
from consolidate.core.numformat import INPUT_WHOLE, figure_format

from conftest import ROOT

sys.path.insert(0, str(ROOT / "docs"))
import render  # docs/render.py

pytestmark = [
    pytest.mark.render,
    pytest.mark.xdist_group("render"),  # with `pytest -n 2 --dist loadgroup`: printed once, on one worker
    pytest.mark.skipif(
        bool(render.missing_tools()),
        reason=f"rendering needs LibreOffice and poppler-utils; not installed: {', '.join(render.missing_tools())}",
    ),
]
LOCALES = render.LOCALES
WHOLE = [0, 7, 42, 999, 1000, 3407, 12345, 123456, 1234567, 4262000, 12345678, 123456789, 999999999]
BIG = [1234567890, 4262000000, 9999999999]
DECIMALS = [(96.6667, 2), (91.989, 3), (75.5, 1), (0.032, 3), (27.599, 3), (1234.5, 1), (4262000.125, 3), (100, 2)]
DECIMALS += [(0, 2), (99.995, 2), (96.665, 2), (10.04, 1)]
SIGNED = [(-3.5, 1), (1.25, 2), (-1.25, 2), (-0.123, 3), (-1234.5, 1), (12, 0), (-12, 0), (-3407, 0), (0, 0)]


def expected(value, decimals: int, signed: bool = False) -> str:
    shown = round_half_up(value, decimals)
    sign = "+" if signed and shown > 0 else ("−" if signed else "-") if shown < 0 else ""
    return sign + format_number(abs(shown), decimals)


def figures_workbook(path) -> dict[str, str]:
    """A sheet of figures in the formats the tool writes (tag → what must print), and two controls:
    a row too low for its text, and ``#,##0.00`` (the computer's own separators)."""
    wb = xlsxwriter.Workbook(str(path))
    ws = wb.add_worksheet()
    ws.set_column(0, 0, 8)
    ws.set_column(1, 1, 24)
    cases = [(v, 0, False, figure_format(v, 0)) for v in [*WHOLE, *BIG, *(-v for v in WHOLE[4:] + BIG)]]
    cases += [(v, d, False, figure_format(v, d)) for v, d in DECIMALS]
    cases += [(v, d, True, figure_format(v, d, True)) for v, d in SIGNED]
    cases += [(v, 0, False, INPUT_WHOLE) for v in WHOLE]  # a template's input cell, whatever is typed
    want = {}
    for i, (value, decimals, signed, fmt) in enumerate(cases):
        tag = f"N{i:03d}"
        ws.write_string(i, 0, tag)
        ws.write_number(i, 1, value, wb.add_format({"num_format": fmt, "align": "right"}))
        want[tag] = expected(value, decimals, signed)
    row = len(cases)
    ws.write_string(row, 0, "LOCALE")
    ws.write_number(row, 1, 1234.5, wb.add_format({"num_format": "#,##0.00"}))
    low = "Dòng quá thấp: chữ của ô này xuống nhiều dòng và đè lên dòng kế tiếp khi in ra giấy."
    ws.write_string(row + 1, 1, low, wb.add_format({"text_wrap": True, "valign": "top"}))
    ws.write_string(row + 2, 1, "Dòng kế tiếp bị chữ của dòng trên đè lên.")
    wb.close()
    return want


@pytest.fixture(scope="session")
def printed(tmp_path_factory):
    """Every output of the two sample merges and the figures sheet, printed under each locale."""
    work = tmp_path_factory.mktemp("render")
    outputs = render.build_outputs(work)
    want = figures_workbook(work / "so_lieu.xlsx")
    documents = {**outputs.documents(), "figures": work / "so_lieu.xlsx"}
    return outputs, want, render.render_outputs(documents, work)


def test_every_output_that_is_a_document_is_printed(printed):
    outputs, _, pdfs = printed
    for locale in LOCALES:
        names = set(pdfs[locale])
        assert {"summary", "summary_incomplete", "report", "template", "feedback_0"} <= names
        reminders = [n for n, p in outputs.files.items() if n.startswith("reminder_")]
        assert len(reminders) >= 2  # CB12 is missing, DB05 rejected
        assert all(outputs.files[n].suffix == ".docx" for n in reminders) and set(reminders) <= names


@pytest.mark.parametrize("locale", LOCALES)
def test_libreoffice_printed_with_the_locales_own_separators(printed, locale):
    text = "\n".join(render.page_texts(printed[2][locale]["figures"]))
    assert ("1.234,50" if locale.startswith("vi") else "1,234.50") in text  # the control: a plain #,##0.00


@pytest.mark.parametrize("locale", LOCALES)
def test_every_number_format_prints_the_vietnamese_figure(printed, locale):
    _, want, pdfs = printed
    shown = {}
    for line in "\n".join(render.page_texts(pdfs[locale]["figures"])).splitlines():
        parts = line.split()
        if len(parts) >= 2 and parts[0] in want:
            shown[parts[0]] = parts[1]
    assert shown == want


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("name", ["summary", "report"])
def test_published_figures_print_the_vietnamese_way(printed, locale, name):
    figures = render.SUMMARY_FIGURES if name == "summary" else render.REPORT_FIGURES
    missing, english = render.figures_shown(render.page_texts(printed[2][locale][name]), figures)
    assert (missing, english) == ([], [])


@pytest.mark.parametrize("locale", LOCALES)
def test_no_sheet_spills_sideways(printed, locale):
    outputs, _, pdfs = printed
    for name in ("summary", "summary_incomplete"):
        assert render.spilled_pages(render.page_texts(pdfs[locale][name])) == [], name
    for name, path in outputs.documents().items():
        if path.suffix == ".xlsx":
            for ws in openpyxl.load_workbook(path).worksheets:
                if ws.sheet_state == "visible":
                    assert ws.sheet_properties.pageSetUpPr.fitToPage, (name, ws.title)
                    assert (ws.page_setup.fitToWidth in (None, 1), ws.page_setup.fitToHeight) == (True, 0)


def test_a_page_of_spilled_columns_is_seen():
    pages = ["STT  Chỉ tiêu  Tổng số\n1  Đảng viên", "Cách tính  Mã số\ndv_cuoi_ky", "STT  Chỉ tiêu\n2  Kết nạp"]
    assert render.spilled_pages(pages) == [2]
    assert render.spilled_pages(["BIỂU ĐỒ SỐ LIỆU\n(biểu đồ)", "(biểu đồ tiếp)"]) == []


@pytest.mark.parametrize("locale", LOCALES)
def test_no_text_prints_over_text(printed, locale):
    found = {name: render.overlaps(render.page_words(pdf)) for name, pdf in printed[2][locale].items()}
    control = found.pop("figures")
    assert control  # the row left too low overlaps the next one: the check sees it
    assert {name: pairs[:3] for name, pairs in found.items() if pairs} == {}


def test_the_readme_pictures_come_from_the_same_prints(printed, tmp_path):
    written = render.write_pictures(printed[2][LOCALES[1]], tmp_path)
    assert [p.name for p in written] == [f"{name}.png" for _, name in render.PICTURES] + ["tom_tat.png", "bao_cao.png"]
    assert all(p.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" for p in written)
