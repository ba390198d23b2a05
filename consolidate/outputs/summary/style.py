"""Shared pieces of the summary sheets: options, cached formats, number formats, print setup."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from consolidate.core.model import Indicator
from consolidate.outputs.docstyle import FONT, date_line, footer_text, lines_needed, number_line
from consolidate.pipeline.result import MergeResult

LARGE = 2000  # units beyond which the workbook is streamed row by row (constant_memory)


@dataclass
class SummaryOptions:
    date: dt.date = field(default_factory=dt.date.today)
    previous: Any = None  # compare.Previous, for the "cùng kỳ" columns
    constant_memory: bool | None = None


class Styles:
    """Cached xlsxwriter formats, all in Times New Roman."""

    def __init__(self, wb):
        self.wb = wb
        self._cache: dict[tuple, Any] = {}
        self.status_formats: dict[str, Any] | None = None

    def get(self, **props: Any):
        key = tuple(props.items())  # call sites pass keywords in a fixed order
        if key not in self._cache:
            self._cache[key] = self.wb.add_format({"font_name": FONT, "font_size": 11, "valign": "vcenter", **props})
        return self._cache[key]

    def cell(self, **props: Any):
        return self.get(border=1, text_wrap=True, **props)

    def head(self, **props: Any):
        return self.cell(bold=True, align="center", bg_color="#D9E1F2", **props)

    def number(self, decimals: int | None, **props: Any):
        return self.cell(num_format=number_format(decimals), **props)


def number_format(decimals: int | None) -> str:
    return "#,##0" if not decimals else "#,##0." + "0" * decimals


def value_decimals(ind: Indicator) -> int:
    return 0 if ind.type == "integer" and not ind.derived else (ind.decimals or 0)


def print_setup(ws, result: MergeResult, landscape: bool, repeat: tuple[int, int] | None) -> None:
    ws.set_paper(9)
    if landscape:
        ws.set_landscape()
    else:
        ws.set_portrait()
    ws.fit_to_pages(1, 0)
    if repeat is not None:
        ws.repeat_rows(*repeat)
    ws.set_margins(left=0.6, right=0.4, top=0.6, bottom=0.7)
    ws.set_footer(footer_text(result))


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
    ws.set_row(1, 30)
    return 5


def title_rows(ws, styles: Styles, row: int, first: int, last: int, title: str, subtitle: str | None) -> int:
    ws.merge_range(row, first, row, last, title, styles.get(align="center", bold=True, font_size=14, text_wrap=True))
    ws.set_row(row, 22)
    row += 1
    if subtitle:
        ws.merge_range(row, first, row, last, subtitle, styles.get(align="center", italic=True, text_wrap=True))
        ws.set_row(row, 30)
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


def fit_row(ws, row: int, cells: list[tuple[str, float, float]], minimum: float = 15.0) -> None:
    """Set a row's height so every (text, column width, font size) cell shows all its lines."""
    height = minimum
    for text, width, size in cells:
        if text and (len(text) > width * 1.15 * 11 / size or "\n" in text):  # could need more than one line
            height = max(height, _height(text, width, size))
    if height > minimum:
        ws.set_row(row, min(height, 409))


@lru_cache(maxsize=65536)
def _height(text: str, width: float, font_size: float) -> float:
    return lines_needed(text, width, font_size) * font_size * 1.32
