"""How tall a spreadsheet row must be for its wrapped text to show whole, in Excel and LibreOffice.

Neither program is asked to size rows: LibreOffice does not grow a row written without a height,
and Excel does not grow a row that holds a merged cell, so a printout whose rows were left alone
draws lines over each other. Every workbook writer (xlsxwriter or openpyxl) therefore sets the
height of each row with wrapped text to :func:`row_height` of its cells.

A cell is its text, its font (family, size, bold) and the width it has — one column's, or a merged
range's (:func:`span`) — in Excel's width units, as ``set_column`` takes them (openpyxl's
``column_dimensions`` hold the file's width, which adds 5 pixels: :func:`from_file_width`). The
text is wrapped the way both programs wrap it: at spaces and after "-" (not after "/"), a word
wider than the line broken between its letters, every "\\n" a line of its own; where Excel's and
LibreOffice's rules differ, the larger count of lines wins. Widths come from the fonts' own
advance widths (:mod:`consolidate.core.fontwidths`), so "Đảng ủy", "ƯỚC TÍNH" and digits each
count as what they are. The estimate leans tall: a row a little too high prints fine, one a
little too low does not. Calibrated against LibreOffice's printouts (tests/test_render.py).

Plain numbers and strings only: usable by every writer without importing any of them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from consolidate.core.fontwidths import char_width

FONT = "Times New Roman"
MAX_HEIGHT = 409.0  # the tallest row Excel allows (points)
DEFAULT_HEIGHT = 15.0  # one line of 11 pt text
DIGIT_PX = 7  # the widest digit of the default font (Times New Roman or Calibri, 11 pt) in pixels
CELL_PADDING_PX = 5  # what Excel adds to every column for its gridline and margins
TEXT_MARGIN_PT = 3.0  # inner margins the programs keep clear of text, both sides together
LINE_FACTOR = 1.15  # a line of text is this many times the font size tall (ascent, descent, leading)
ROW_PADDING_PT = 2.25  # above the first and below the last line (3 pixels, as Excel keeps)
SLACK = 1.04  # text drawn on screen or paper runs a little wider than the sum of its letters
# Where a line may break, as each program sees it: Excel after spaces and hyphens, LibreOffice
# (ICU's rules) after "!" and "?" too; never after "/" ("triệu đồng/người/tháng" is one word).
BREAKS = (" -", " -!?")


@dataclass(frozen=True)
class CellText:
    """One cell of a row: its text, the width it spans (Excel units), and its font."""

    text: str
    width: float
    size: float = 11
    bold: bool = False
    font: str = FONT


def span(*widths: float) -> float:
    """The width of a merged range of columns, as one column's width: the columns' pixels add up,
    each with its own padding."""
    pixels = sum(int(w * DIGIT_PX + 0.5) + CELL_PADDING_PX for w in widths)
    return max(0.0, (pixels - CELL_PADDING_PX) / DIGIT_PX)


def from_file_width(width: float) -> float:
    """A column's width as the file stores it (openpyxl's ``column_dimensions[...].width``, which
    counts the 5 pixels of padding) → the width Excel shows and ``set_column`` takes."""
    return max(0.0, width - CELL_PADDING_PX / DIGIT_PX)


def column_points(width: float) -> float:
    """The width, in points, that text may take in a column (or merged range) of ``width`` Excel
    units: the column's pixels as Excel lays them out, less the cell's inner margins."""
    pixels = int(width * DIGIT_PX + 0.5) + CELL_PADDING_PX if width >= 1 else int(width * 12 + 0.5)
    return max(1.0, pixels * 0.75 - TEXT_MARGIN_PT)


def word_width(text: str, size: float = 11, bold: bool = False, font: str = FONT) -> float:
    """The narrowest column width (Excel units, in halves) in which no word of ``text`` has to be
    broken between its letters — for a column of short texts such as units of measure."""
    words = [piece.rstrip(" ") for line in str(text).split("\n") for piece in _pieces(line, BREAKS[0])]
    points = max((text_width(w, size, bold, font) for w in words), default=0.0) + TEXT_MARGIN_PT
    pixels = points / 0.75
    return math.ceil(max(1.0, (pixels - CELL_PADDING_PX) / DIGIT_PX) * 2) / 2


def text_width(text: str, size: float = 11, bold: bool = False, font: str = FONT) -> float:
    """The width of ``text`` on one line, in points."""
    return sum(char_width(ch, font, bold) for ch in text) * size / 1000 * SLACK


def wrap(
    text: str, width: float, size: float = 11, bold: bool = False, font: str = FONT, breaks: str = BREAKS[0]
) -> list[str]:
    """The lines ``text`` takes in a cell ``width`` Excel units wide, breaking after the characters
    of ``breaks`` (see the module docstring)."""
    room = column_points(width)
    lines: list[str] = []
    for paragraph in str(text).split("\n"):
        lines.extend(_wrap_paragraph(paragraph, room, size, bold, font, breaks))
    return lines


def lines_needed(text: str, width: float, size: float = 11, bold: bool = False, font: str = FONT) -> int:
    """The lines a cell needs in whichever program wraps ``text`` into more."""
    return max(len(wrap(text, width, size, bold, font, breaks)) for breaks in BREAKS) if text else 1


def _pieces(paragraph: str, breaks: str) -> list[str]:
    """The paragraph cut after each break opportunity."""
    pieces, start = [], 0
    for i, ch in enumerate(paragraph):
        if ch in breaks:
            pieces.append(paragraph[start : i + 1])
            start = i + 1
    if start < len(paragraph):
        pieces.append(paragraph[start:])
    return pieces


def _wrap_paragraph(paragraph: str, room: float, size: float, bold: bool, font: str, breaks: str) -> list[str]:
    lines: list[str] = []
    line = ""
    for piece in _pieces(paragraph, breaks):
        candidate = line + piece
        if text_width(candidate.rstrip(" "), size, bold, font) <= room:
            line = candidate
            continue
        if line:
            lines.append(line.rstrip(" "))
        line = ""
        while text_width(piece.rstrip(" "), size, bold, font) > room:  # a word wider than the line
            cut = _fit(piece, room, size, bold, font)
            lines.append(piece[:cut])
            piece = piece[cut:]
        line = piece
    lines.append(line.rstrip(" "))
    return lines


def _fit(word: str, room: float, size: float, bold: bool, font: str) -> int:
    """How many leading characters of ``word`` fit in ``room`` points (at least one)."""
    used = 0.0
    for i, ch in enumerate(word):
        used += char_width(ch, font, bold) * size / 1000 * SLACK
        if used > room:
            return max(1, i)
    return len(word)


def line_height(size: float = 11) -> float:
    """The height of one line of text of ``size`` points, in points: whole pixels at 96 dpi, as
    Excel lays lines out (12,75 pt for 11 pt text; LibreOffice's lines are a little shorter)."""
    return math.ceil(size * 96 / 72 * LINE_FACTOR - 1e-9) * 0.75


@lru_cache(maxsize=65536)
def text_height(text: str, width: float, size: float = 11, bold: bool = False, font: str = FONT) -> float:
    """The height, in points, a cell needs to show ``text`` whole."""
    return lines_needed(text, width, size, bold, font) * line_height(size) + ROW_PADDING_PT


def row_height(cells: Iterable[CellText | tuple[Any, ...]], minimum: float = DEFAULT_HEIGHT) -> float:
    """The height, in points, a row needs so that each of its cells shows all its text: the
    tallest cell's, at least ``minimum``, at most Excel's 409. ``cells`` are :class:`CellText` or
    tuples of its fields in order (text, width, size, bold, font)."""
    height = minimum
    for cell in cells:
        c = cell if isinstance(cell, CellText) else CellText(*cell)
        if c.text:
            height = max(height, text_height(str(c.text), float(c.width), float(c.size), bool(c.bold), c.font))
    return min(math.ceil(height * 4 - 1e-9) / 4, MAX_HEIGHT)


class SheetRows:
    """One sheet's column widths and the way its writer sets a row's height, so a writer sizes a
    row with one call: ``rows.fit(3, [(text, 1, 12), (title, (4, 6), 14, True)])`` — each cell
    its text, its column (or the first and last columns of a merged range), font size and bold."""

    def __init__(self, widths: Sequence[float], set_height: Callable[[int, float], object]):
        self.widths = list(widths)
        self.set_height = set_height

    def width(self, columns: int | tuple[int, int]) -> float:
        first, last = columns if isinstance(columns, tuple) else (columns, columns)
        return span(*self.widths[first : last + 1])

    def fit(self, row: int, cells: Iterable[tuple[Any, ...]], minimum: float = DEFAULT_HEIGHT) -> float:
        """Set the height of ``row`` (0-based) to what its cells need, unless one default line
        does; returns the height."""
        height = row_height(((text, self.width(cols), *rest) for text, cols, *rest in cells), minimum)
        if height > DEFAULT_HEIGHT or minimum != DEFAULT_HEIGHT:
            self.set_height(row, height)
        return height


__all__ = [
    "CellText",
    "SheetRows",
    "column_points",
    "from_file_width",
    "line_height",
    "lines_needed",
    "row_height",
    "span",
    "text_height",
    "text_width",
    "word_width",
    "wrap",
]
