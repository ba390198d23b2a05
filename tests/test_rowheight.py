"""Rows tall enough for their text (issue 13): the shared estimate of wrapped lines and row
heights, and every wrapped cell of the summary, a template and a feedback copy read back against
it."""

from __future__ import annotations

import itertools
import sys
import unicodedata

import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

from consolidate.core.fontwidths import char_width
from consolidate.core.rowheight import (
    CellText,
    SheetRows,
    column_points,
    from_file_width,
    line_height,
    lines_needed,
    row_height,
    span,
    text_height,
    text_width,
    word_width,
    wrap,
)

from conftest import ROOT

sys.path.insert(0, str(ROOT / "docs"))
import render

SENTENCE = "Kiểm tra lại số đảng viên; nếu đúng, ghi lý do vào ô giải trình."


def test_one_line_of_11_pt_text_keeps_excels_default_height():
    assert wrap("Tổng số đảng viên", 48) == ["Tổng số đảng viên"]
    assert row_height([("Tổng số đảng viên", 48)]) == 15.0
    assert line_height(11) == 12.75  # 17 pixels, as Excel lays out Times New Roman 11


def test_long_text_wraps_at_spaces_into_lines_that_fit():
    assert wrap(SENTENCE, 20) == ["Kiểm tra lại số đảng", "viên; nếu đúng, ghi lý", "do vào ô giải trình."]
    assert row_height([(SENTENCE, 20)]) == 3 * 12.75 + 2.25
    assert lines_needed(SENTENCE, 28) == 2


def test_every_newline_starts_a_line():
    assert wrap("Một\nHai\n\nBốn", 40) == ["Một", "Hai", "", "Bốn"]
    assert row_height([("a\nb\nc", 30)]) == 40.5


def test_bold_text_is_wider():
    title = "TỔ CHỨC ĐẢNG VÀ ĐẢNG VIÊN"
    assert lines_needed(title, 33) == 1
    assert wrap(title, 33, bold=True) == ["TỔ CHỨC ĐẢNG VÀ ĐẢNG", "VIÊN"]
    assert row_height([CellText(title, 33, bold=True)]) > row_height([CellText(title, 33)])


def test_a_merged_range_is_as_wide_as_its_columns_and_their_padding():
    assert span(20, 10) == (145 + 75 - 5) / 7  # 20 → 145 px, 10 → 75 px
    assert column_points(span(20, 10)) > column_points(20) + column_points(10)
    assert (lines_needed(SENTENCE, 20), lines_needed(SENTENCE, span(20, 10))) == (3, 2)


def test_a_slash_does_not_break_a_line_and_a_hyphen_does():
    assert wrap("triệu đồng/người/tháng", 13) == ["triệu", "đồng/người/th", "áng"]
    assert wrap("Số liệu cộng dồn-tính từ", 9) == ["Số liệu", "cộng dồn-", "tính từ"]
    assert word_width("triệu đồng/người/tháng") == 15.5
    assert wrap("triệu đồng/người/tháng", 15.5) == ["triệu", "đồng/người/tháng"]


def test_the_line_count_is_the_larger_of_excels_and_libreoffices_breaks():
    text = "Ô “Báo cáo”!E32: số 1O có chữ"
    assert len(wrap(text, 7, 10, breaks=" -")) == 4
    assert wrap(text, 7, 10, breaks=" -!?") == ["Ô “Báo", "cáo”!", "E32: số", "1O có", "chữ"]
    assert lines_needed(text, 7, 10) == 5


def test_vietnamese_letters_have_their_fonts_widths():
    assert char_width("ệ") == char_width("e") == 444  # a diacritic adds no width
    assert char_width("ư") > char_width("u") and char_width("Ư") > char_width("U")  # the horn does
    decomposed = unicodedata.normalize("NFD", "Đảng ủy ệ")
    assert text_width(decomposed) == text_width("Đảng ủy ệ")
    assert text_width("Đảng", bold=True) > text_width("Đảng")
    assert text_width("abc", font="Calibri") < text_width("abc", font="Arial")


def test_heights_stay_within_excels_limits():
    assert row_height([("chữ " * 3000, 5)]) == 409.0
    assert row_height([], 30) == 30.0
    assert row_height([("", 10), (None, 10)]) == 15.0
    assert text_height("", 10) == 15.0


def test_sheet_rows_sets_only_the_rows_that_need_it():
    heights = {}
    rows = SheetRows([5, 20, 10], heights.__setitem__)
    assert rows.fit(0, [("STT", 0, 11, True), ("Chỉ tiêu", 1)]) == 15.0
    assert rows.fit(1, [(SENTENCE, (1, 2), 11)]) == 27.75  # two lines across the merged columns
    assert rows.fit(2, [("x", 0)], minimum=48) == 48.0
    assert heights == {1: 27.75, 2: 48.0}


def test_file_widths_count_five_pixels_of_padding():
    assert from_file_width(60 + 5 / 7) == pytest.approx(60)


words = st.text(alphabet="aăâbcdđeêghiklmnoôơpqrstuưvxyạảấầẩẫậệữựĐƯƠ", min_size=1, max_size=12)


@given(st.lists(words, min_size=1, max_size=40), st.integers(min_value=6, max_value=80))
def test_wrapped_lines_keep_every_letter_fit_and_are_filled(items, width):
    text, room = " ".join(items), column_points(width)
    lines = wrap(text, width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")  # nothing lost, nothing added
    assert all(text_width(line) <= room for line in lines)  # every line fits
    if all(text_width(word) <= room for word in items):  # no word broken: each break was needed
        for line, following in itertools.pairwise(lines):
            assert text_width(f"{line} {following.split(' ')[0]}") > room


# --- the workbooks the tool writes ------------------------------------------------------------


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    return render.build_outputs(tmp_path_factory.mktemp("rows"))


def short_rows(path) -> list[str]:
    """Wrapped cells whose row is lower than the estimate asks, in every visible sheet."""
    wb = openpyxl.load_workbook(path)
    problems = []
    for ws in wb.worksheets:
        if ws.sheet_state != "visible":
            continue
        widths = {}
        for dim in ws.column_dimensions.values():
            for col in range(dim.min or 1, (dim.max or dim.min or 1) + 1):
                widths[col] = from_file_width(dim.width) if dim.width else 8.43
        merged = {(r.min_row, r.min_col): r for r in ws.merged_cells.ranges}
        default = ws.sheet_format.defaultRowHeight or 15.0
        for row in ws.iter_rows():
            for cell in row:
                if cell.data_type != "s" or not cell.value or not cell.alignment.wrap_text:
                    continue
                box = merged.get((cell.row, cell.column))
                cols = range(box.min_col, box.max_col + 1) if box else [cell.column]
                rows = range(box.min_row, box.max_row + 1) if box else [cell.row]
                width = span(*(widths.get(c, 8.43) for c in cols))
                font = cell.font
                need = text_height(cell.value, width, float(font.sz or 11), bool(font.b), font.name or "Calibri")
                have = sum(ws.row_dimensions[r].height or default for r in rows)
                if have + 0.01 < need:
                    problems.append(f"{path.name} {ws.title}!{cell.coordinate}: {have} < {need} for {cell.value!r}")
    return problems


@pytest.mark.parametrize("kind", ["summary", "template", "feedback"])
def test_every_wrapped_cell_has_the_height_it_needs(outputs, kind):
    books = [path for name, path in outputs.files.items() if name.startswith(kind) and path.suffix == ".xlsx"]
    assert books  # the summaries (complete and not), the template, the feedback copies
    assert {path.name: short_rows(path) for path in books} == {path.name: [] for path in books}


def test_the_checks_see_a_row_too_low(tmp_path):
    path = tmp_path / "thap.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.column_dimensions["A"].width = 20
    ws["A1"] = SENTENCE
    ws["A1"].alignment = openpyxl.styles.Alignment(wrap_text=True)
    wb.save(path)
    assert len(short_rows(path)) == 1
