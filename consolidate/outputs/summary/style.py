"""Shared pieces of the summary sheets: options, cached formats, number formats, row heights,
print setup.

Numbers are shown the Vietnamese way on any computer (3.407; 96,67) by the formats of
:mod:`consolidate.core.numformat`; :class:`Figures` hands them out within Excel's limit on custom
formats. Rows are as tall as their wrapped text (:func:`fit_row`, :mod:`consolidate.core.rowheight`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from consolidate.core.model import Form, Indicator
from consolidate.core.numformat import figure_format, locale_format, whole_format
from consolidate.core.rowheight import DEFAULT_HEIGHT, CellText, row_height, span
from consolidate.outputs.docstyle import FONT, date_line, footer_text, number_line
from consolidate.pipeline.result import MergeResult

LARGE = 2000  # units beyond which the workbook is streamed row by row (constant_memory)
# Per-figure formats one workbook may spend: Excel loads at most 206 custom number formats, and the
# whole-number bands, signed whole figures and locale-tagged fallbacks need at most 20 more.
FIGURE_BUDGET = 180


@dataclass
class SummaryOptions:
    date: dt.date = field(default_factory=dt.date.today)
    previous: Any = None  # compare.Previous, for the "cùng kỳ" columns
    constant_memory: bool | None = None


class Figures:
    """The number format of each figure: whole numbers share a few formats with literal dots;
    a figure with decimals gets a format of its own (see :mod:`consolidate.core.numformat`) while
    the workbook's budget lasts, else the Vietnamese-locale format LibreOffice honours."""

    def __init__(self, budget: int | None = None):
        self.budget = FIGURE_BUDGET if budget is None else budget
        self.spent: set[str] = set()

    def format(self, value: Any, decimals: int | None, signed: bool = False) -> str:
        decimals = decimals or 0
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            return locale_format(decimals) if decimals else whole_format()
        if decimals == 0:  # a few formats in all, whatever the figures
            return whole_format(value) if value >= 0 and not signed else figure_format(value, 0, signed)
        fmt = figure_format(value, decimals, signed)
        return fmt if self.reserve([fmt]) else locale_format(decimals)

    def reserve_column(self, values: list[Any], decimals: int) -> bool:
        """Spend the formats of a whole column at once, or none: a column shows all its figures one
        way. True when they fit the budget."""
        numbers = [v for v in values if isinstance(v, (int, float)) and not isinstance(v, bool)]
        return decimals == 0 or self.reserve({figure_format(v, decimals) for v in numbers})

    def reserve(self, formats) -> bool:
        new = set(formats) - self.spent
        if len(self.spent) + len(new) > self.budget:
            return False
        self.spent |= new
        return True


class Styles:
    """Cached xlsxwriter formats, all in Times New Roman."""

    def __init__(self, wb):
        self.wb = wb
        self._cache: dict[tuple, Any] = {}
        self.status_formats: dict[str, Any] | None = None
        self.figures = Figures()
        self.widths: dict[str, dict[int, float]] = {}  # sheet → column → width, for row heights

    def columns(self, ws, widths: Mapping[int, float] | Sequence[float]) -> None:
        """Set column widths (a list from column 0, or column → width) and remember them."""
        items = widths.items() if isinstance(widths, Mapping) else enumerate(widths)
        known = self.widths.setdefault(ws.name, {})
        for col, width in items:
            ws.set_column(col, col, width)
            known[col] = width

    def width(self, ws, first: int, last: int | None = None) -> float:
        """The width of a column, or of the merged range ``first``–``last``."""
        known = self.widths.get(ws.name, {})
        return span(*(known.get(c, 8.43) for c in range(first, (first if last is None else last) + 1)))

    def get(self, **props: Any):
        key = tuple(props.items())  # call sites pass keywords in a fixed order
        if key not in self._cache:
            self._cache[key] = self.wb.add_format({"font_name": FONT, "font_size": 11, "valign": "vcenter", **props})
        return self._cache[key]

    def cell(self, **props: Any):
        return self.get(border=1, text_wrap=True, **props)

    def head(self, **props: Any):
        return self.cell(bold=True, align="center", bg_color="#D9E1F2", **props)

    def number(self, decimals: int | None, value: Any = None, signed: bool = False, **props: Any):
        """The cell format of ``value`` shown with ``decimals`` places, the Vietnamese way."""
        return self.cell(num_format=self.figures.format(value, decimals, signed), **props)

    def number_in(self, decimals: int | None, value: Any, literal: bool, **props: Any):
        """As :meth:`number`, in a column whose figures were (``literal``) or were not granted
        formats of their own (:meth:`Figures.reserve_column`)."""
        if literal or not decimals or not isinstance(value, (int, float)):
            return self.number(decimals, value, **props)
        return self.cell(num_format=locale_format(decimals), **props)


def value_decimals(ind: Indicator) -> int:
    return 0 if ind.type == "integer" and not ind.derived else (ind.decimals or 0)


def print_setup(
    ws, result: MergeResult, landscape: bool, repeat: tuple[int, int] | None, form: Form | None = None
) -> None:
    """A4, fitted to the page width, the coverage in the footer (``form``'s alone on a sheet of its own)."""
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    if repeat is not None:
        ws.repeat_rows(*repeat)
    ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.7)
    ws.set_footer(footer_text(result, form))


def header_block(
    ws, styles: Styles, result: MergeResult, day: dt.date, left: tuple[int, int], right: tuple[int, int]
) -> int:
    """The document header (rows 0–3); returns the next free row."""
    bloc = result.catalog.bloc
    plain = styles.get(align="center", text_wrap=True)
    ws.merge_range(0, left[0], 0, left[1], bloc.superior_body, plain)
    ws.merge_range(0, right[0], 0, right[1], bloc.party, styles.get(align="center", bold=True, underline=1))
    ws.merge_range(1, left[0], 1, left[1], bloc.issuing_body, styles.get(align="center", bold=True, text_wrap=True))
    ws.merge_range(2, left[0], 2, left[1], "*", plain)
    ws.merge_range(2, right[0], 2, right[1], date_line(bloc, day), styles.get(align="center", italic=True))
    ws.merge_range(3, left[0], 3, left[1], number_line(bloc), plain)
    left_width, right_width = styles.width(ws, *left), styles.width(ws, *right)
    fit_row(ws, 0, [(bloc.superior_body, left_width, 11), (bloc.party, right_width, 11, True)])
    fit_row(ws, 1, [(bloc.issuing_body, left_width, 11, True)])
    fit_row(ws, 2, [(date_line(bloc, day), right_width, 11)])
    fit_row(ws, 3, [(number_line(bloc), left_width, 11)])
    return 5


def title_rows(ws, styles: Styles, row: int, first: int, last: int, title: str, subtitle: str | None) -> int:
    width = styles.width(ws, first, last)
    ws.merge_range(row, first, row, last, title, styles.get(align="center", bold=True, font_size=14, text_wrap=True))
    fit_row(ws, row, [(title, width, 14, True)], minimum=22)
    row += 1
    if subtitle:
        ws.merge_range(row, first, row, last, subtitle, styles.get(align="center", italic=True, text_wrap=True))
        fit_row(ws, row, [(subtitle, width, 11)])
        row += 1
    return row + 1


def signature_block(
    ws, styles: Styles, result: MergeResult, row: int, left: tuple[int, int], right: tuple[int, int]
) -> int:
    """ "NGƯỜI LẬP BIỂU" on the left, the signer on the right; returns the next free row."""
    bloc = result.catalog.bloc
    bold = styles.get(align="center", bold=True)
    row += 1
    ws.merge_range(row, left[0], row, left[1], bloc.preparer_title, bold)
    ws.merge_range(row, right[0], row, right[1], bloc.signer_on_behalf, bold)
    ws.merge_range(row + 1, right[0], row + 1, right[1], bloc.signer_title, bold)
    ws.merge_range(row + 5, left[0], row + 5, left[1], bloc.preparer_name, bold)
    ws.merge_range(row + 5, right[0], row + 5, right[1], bloc.signer_name, bold)
    row += 7
    if bloc.recipients:
        ws.write_string(row, left[0], "Nơi nhận:", styles.get(bold=True, italic=True))
        for i, line in enumerate(bloc.recipients, start=1):
            ws.write_string(row + i, left[0], f"- {line}", styles.get(font_size=10))
        row += len(bloc.recipients) + 1
    return row


def fit_row(ws, row: int, cells: Iterable[CellText | tuple[Any, ...]], minimum: float = DEFAULT_HEIGHT) -> float:
    """Set a row's height so each of its wrapped cells — (text, width, font size[, bold]) or
    :class:`~consolidate.core.rowheight.CellText` — shows all its lines; returns the height. A
    row that one line of 11 pt text fills is left at Excel's default."""
    height = row_height(cells, minimum)
    if height > DEFAULT_HEIGHT or minimum != DEFAULT_HEIGHT:
        ws.set_row(row, height)
    return height
