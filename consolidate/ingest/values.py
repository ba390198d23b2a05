"""Read a report's values from its data sheet into the submission, each with its cell of origin.

Per input indicator: locate its row (by code; a cleared code is recovered by label or place with
a warning, T316), type the value cell (:mod:`consolidate.ingest.cells`), report formulas without a
value and error values (C408, C409), read a qualified amount's "Mức độ". A required indicator
whose row cannot be found is an error (T315), an optional one a warning (T309); a figure in a row
that belongs to no indicator is reported (T317), never silently dropped. An empty value cell is
an error when a number sits in the same row's "Ghi chú" cell (T330) or when the cell lies inside a
merged range starting on another indicator's value cell: Excel kept only that first cell's figure
(T332; xlsx and xlsm only, calamine does not report merges and .xls/.ods are read without them).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from consolidate.core import layout as L
from consolidate.core.codes import BUILTIN
from consolidate.core.findings import Finding
from consolidate.core.model import Catalog, Form, Indicator, Option
from consolidate.core.submission import Submission
from consolidate.ingest.cells import clean_text, coerce, match_option
from consolidate.ingest.datasheet import Header, cell_value, locate_rows, recover

_INT, _NUM = 1, 2
_NUMBER_TEXT = re.compile(r"[+-]?\d+(?:[.,\s]\d+)*")  # "1", "2.430", "96,5", "1 234": a number alone
_PLANS: dict[int, tuple[Form, list[tuple[str, Indicator, int]]]] = {}


def _plan(form: Form) -> list[tuple[str, Indicator, int]]:
    """(code, indicator, 1 integer / 2 other number / 0 anything else) per input, once per form.
    Qualified amounts are "anything else": their qualifier cell is read on the full path."""
    cached = _PLANS.get(id(form))
    if cached is None or cached[0] is not form:
        plan = [
            (i.code, i, 0 if i.qualified else _INT if i.type == "integer" else _NUM if i.numeric else 0)
            for i in form.inputs
        ]
        cached = (form, plan)
        _PLANS[id(form)] = cached
    return cached[1]


class ValueReader:
    """Fills ``sub.values``, ``sub.cells``, qualifiers and explanations from one data sheet."""

    def __init__(
        self,
        sub: Submission,
        catalog: Catalog,
        form: Form,
        sheet: str,
        grid: list[list[Any]],
        header: Header,
        flags: dict[str, Any],
        merged: Sequence[tuple[int, int, int, int]] = (),
    ):
        self.sub, self.catalog, self.form, self.sheet = sub, catalog, form, sheet
        self.grid, self.header, self.flags = grid, header, flags
        col = header.value_col  # merged ranges down the value column: they may hide value cells
        self.merged = [m for m in merged if m[1] == col and m[2] > m[0]]

    def finding(self, code: str, **kw: Any) -> None:
        self.sub.findings.append(Finding(code, BUILTIN[code].severity, file=self.sub.path, sheet=self.sheet, **kw))

    def run(self) -> None:
        sub, header, grid = self.sub, self.header, self.grid
        rows = locate_rows(grid, header, self.form)
        if self.merged:  # only those starting on an indicator's value cell hide another's figure
            starts = set(rows.indicators.values())
            self.merged = [m for m in self.merged if m[0] in starts]
        for code, lines in rows.repeated.items():
            cells = ", ".join(L.cell_address(r, header.value_col) for r in lines)
            self.finding(
                "T308",
                cell=L.cell_address(lines[0], header.value_col),
                indicator=code,
                params={"cells": cells, "indicator": code},
            )
            sub.bad_cells.add(code)
        addresses = rows.addresses(header.value_col)
        sub.cells = addresses  # shared by every report of this layout: never mutated
        plan = _plan(self.form)
        missing = [ind for code, ind, _ in plan if code not in rows.indicators]
        found = recover(grid, header, self.form, rows, missing) if missing else {}
        if found:
            sub.cells = dict(addresses)
        col = header.value_col
        for code, ind, kind in plan:
            r = rows.indicators.get(code)
            if r is None:
                r = self._recovered(ind, found.get(code))
                if r is None:
                    continue
            if code in sub.bad_cells:
                continue
            line = grid[r]
            raw = line[col] if col < len(line) else ""
            if type(raw) is float and kind:  # the common case, typed inline: a finite number
                if kind == _INT and raw.is_integer():
                    sub.values[code] = int(raw)
                    continue
                if kind == _NUM and raw - raw == 0 and (ind.decimals is None or raw == round(raw, ind.decimals)):
                    sub.values[code] = raw  # else more decimals than the form keeps: coerce says so
                    continue
            address = sub.cells[code]
            if raw == "" and self.flags:
                flag = self.flags.get(address)
                if flag is not None:
                    self.finding(
                        "C408" if flag.kind == "formula" else "C409",
                        cell=address,
                        indicator=code,
                        value=flag.text,
                        params={"formula": flag.text},
                    )
                    sub.bad_cells.add(code)
                    continue
            empty = raw is None or (isinstance(raw, str) and not raw.strip())
            if empty and (self._merged_away(ind, r, address) or self._in_note(ind, r, address)):
                sub.bad_cells.add(code)
                continue
            self._store(ind, raw, address)
            if ind.qualified and header.qualifier_col is not None:
                self._qualifier(
                    code, cell_value(grid, r, header.qualifier_col), L.cell_address(r, header.qualifier_col)
                )
        self._explanations(rows.explanations)
        self._strays(rows.unknown, {r for r, _ in found.values()})

    def _recovered(self, ind: Indicator, where: tuple[int, str] | None) -> int | None:
        """The row of an indicator whose code cell was cleared, or a finding saying it is missing."""
        if where is None:
            code = "T315" if ind.required else "T309"
            self.finding(code, indicator=ind.code, params={"indicator": ind.code, "label": ind.label})
            if ind.required:
                self.sub.bad_cells.add(ind.code)
            return None
        row, how = where
        address = L.cell_address(row, self.header.value_col)
        self.sub.cells[ind.code] = address
        self.finding(
            "T316",
            cell=address,
            indicator=ind.code,
            params={
                "row": row + 1,
                "code_cell": L.cell_address(row, self.header.code_col),
                "how": {
                    "label": {"vi": "theo tên chỉ tiêu", "en": "by its label"},
                    "place": {"vi": "theo vị trí giữa các dòng bên cạnh", "en": "by its place between its neighbours"},
                }[how],
            },
        )
        return row

    def _merged_away(self, ind: Indicator, row: int, address: str) -> bool:
        """An empty value cell inside a merged range that starts on another indicator's value cell:
        Excel kept only the range's first cell, so the figure typed here is gone (T332)."""
        for r1, c1, r2, c2 in self.merged:
            if r1 < row <= r2:
                span = f"{L.cell_address(r1, c1)}:{L.cell_address(r2, c2)}"
                first = L.cell_address(r1, c1)
                self.finding("T332", cell=address, indicator=ind.code, params={"range": span, "first": first})
                return True
        return False

    def _in_note(self, ind: Indicator, row: int, address: str) -> bool:
        """An empty value cell while the row's "Ghi chú" cell holds a number: the unit's figure,
        typed one column too far, is not counted (T330)."""
        col = self.header.note_col
        if col is None or not ind.numeric:
            return False
        note = cell_value(self.grid, row, col)
        if isinstance(note, str):
            if not _NUMBER_TEXT.fullmatch(note.strip()):
                return False
            note = note.strip()
        elif isinstance(note, bool) or not isinstance(note, (int, float)):
            return False
        self.finding(
            "T330",
            cell=L.cell_address(row, col),
            indicator=ind.code,
            value=note,
            params={"value_cell": address, "value": note},
        )
        return True

    def _store(self, ind: Indicator, raw: Any, address: str) -> None:
        res = coerce(ind, raw)
        if res.code is not None:
            params = dict(res.params or {})
            self.finding(res.code, cell=address, indicator=ind.code, value=params.get("value"), params=params)
            if res.bad:
                self.sub.bad_cells.add(ind.code)
        if res.value is not None:
            self.sub.values[ind.code] = res.value

    def _qualifier(self, code: str, raw: Any, address: str) -> None:
        if raw in ("", None):
            return
        options = tuple(Option(q.key, q.label, q.label_en) for q in self.catalog.qualifiers.values())
        res = match_option(options, raw)
        if res.code is not None:
            params = res.params or {}
            self.finding(res.code, cell=address, indicator=code, value=params.get("value"), params=params)
            self.sub.bad_cells.add(code)
        elif res.value:
            self.sub.qualifiers[code] = res.value

    def _explanations(self, explanations: dict[str, int]) -> None:
        col = self.header.value_col
        if explanations:
            self.sub.cells = dict(self.sub.cells)
        for rule_code, r in explanations.items():
            # the cell is recorded even when empty: a warning's fix names it
            self.sub.cells[L.explanation_code(rule_code)] = L.cell_address(r, col)
            text = coerce_text(cell_value(self.grid, r, col))
            if text:
                self.sub.explanations[rule_code] = text

    def _strays(self, unknown: list[int], recovered: set[int]) -> None:
        """A figure in a row that belongs to no indicator of the form: said, never silently dropped."""
        col, label_col = self.header.value_col, self.header.label_col
        for r in unknown:
            if r in recovered:
                continue
            raw = cell_value(self.grid, r, col)
            if raw in ("", None) or (isinstance(raw, str) and not raw.strip()):
                continue
            label = cell_value(self.grid, r, label_col) if label_col is not None else ""
            code = cell_value(self.grid, r, self.header.code_col)
            self.finding(
                "T317",
                cell=L.cell_address(r, col),
                value=raw if isinstance(raw, (int, float)) and not isinstance(raw, bool) else str(raw)[:60],
                params={"row_label": clean_text(str(label or code or "")) or "—"},
            )


def coerce_text(raw: Any) -> str:
    if raw in ("", None):
        return ""
    return clean_text(str(raw), multiline=True)
