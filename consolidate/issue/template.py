"""Catalog + layout → a ready-to-fill workbook (xlsxwriter).

One data sheet, under the party-document header (the superior party organisation, the issuing
body, "*"; "ĐẢNG CỘNG SẢN VIỆT NAM", place and date), lists every indicator of the form with its
label, its "Mã số", its unit and an input cell: pale yellow with a thick border (so it still shows
on a greyscale printout), validated from the catalog's bounds and options, with an input prompt
(:mod:`consolidate.issue.validation`); everything else is protected. A "Hướng dẫn" sheet explains
how to fill it, and a very hidden "_meta" sheet records form, version, unit and period so the
reader can identify the file whatever its name. Issued files are named after the form, the period,
the unit's code and its short name in plain ASCII (``BC-TCCS_9T-2021_DB02_So-Tai-chinh.xlsx``).

Output is deterministic (fixed document dates), so committed blank templates can be checked for
being up to date byte for byte.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from consolidate import __version__, aggregations
from consolidate.core import layout as L
from consolidate.core.atomic import atomic_path
from consolidate.core.model import Catalog, Form, Indicator, Unit
from consolidate.core.names import ascii_words, safe_name
from consolidate.core.periods import Period
from consolidate.issue.text import instructions, note_for, rule_lines
from consolidate.issue.validation import explanation_prompt, validation

FONT = "Times New Roman"
INPUT_FILL = "#FFF2CC"
INPUT_BORDER = 2  # medium: an input cell stays visible when the yellow prints as near-white
INPUT_BORDER_COLOR = "#404040"
SECTION_FILL = "#D9E1F2"
DERIVED_FILL = "#EDEDED"
FIXED_DATE = dt.datetime(2000, 1, 1)
HEADER_ROWS = 3  # superior body / issuing body / "*" beside the party line and the date line


@dataclass
class Prefill:
    """Values written into the input cells (the sample builder uses this to fill a report)."""

    values: Mapping[str, Any] = field(default_factory=dict)
    qualifiers: Mapping[str, str] = field(default_factory=dict)
    explanations: Mapping[str, str] = field(default_factory=dict)


def identity_values(catalog: Catalog, form: Form, unit: Unit | None, period: Period | None) -> dict[str, Any]:
    """The identity cells a per-unit template is issued with (code, name, type, sector, period)."""
    out: dict[str, Any] = {}
    for ind in form.indicators.values():
        if ind.role == "unit_code":
            out[ind.code] = unit.code if unit else catalog.bloc.code if form.submitted_by == "bloc" else None
        elif ind.role == "unit_name":
            out[ind.code] = unit.name if unit else catalog.bloc.committee if form.submitted_by == "bloc" else None
        elif ind.role == "unit_type" and unit:
            out[ind.code] = unit.type
        elif ind.role == "sector" and unit:
            out[ind.code] = unit.sector
        elif ind.role == "year" and period:
            out[ind.code] = period.year
        elif ind.role == "period_kind" and period:
            out[ind.code] = period.kind
    return {k: v for k, v in out.items() if v is not None}


def write_template(
    catalog: Catalog,
    form: Form,
    path: str | Path,
    *,
    unit: Unit | None = None,
    period: Period | None = None,
    prefill: Prefill | None = None,
    saved: dt.datetime | None = None,
) -> Path:
    """Write the template of ``form`` to ``path`` (atomically); issued to ``unit`` for ``period``
    when given, blank otherwise."""
    import xlsxwriter

    path = Path(path)
    identity = identity_values(catalog, form, unit, period)
    prefill = prefill or Prefill()
    with atomic_path(path) as tmp:
        wb = xlsxwriter.Workbook(
            str(tmp), {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
        )
        stamp = saved or FIXED_DATE
        wb.set_properties(
            {
                "title": form.title,
                "author": f"Văn phòng {catalog.bloc.committee}",
                "company": catalog.bloc.name,
                "created": stamp,
                "comments": f"consolidate {__version__}; {form.id} v{form.version}",
            }
        )
        _Writer(wb, catalog, form, unit, period, identity, prefill).write()
        wb.close()
    return path


class _Writer:
    def __init__(
        self,
        wb,
        catalog: Catalog,
        form: Form,
        unit: Unit | None,
        period: Period | None,
        identity: dict[str, Any],
        prefill: Prefill,
    ):
        self.wb, self.catalog, self.form, self.unit, self.period = wb, catalog, form, unit, period
        self.identity, self.prefill = identity, prefill
        self.fmt = self._formats()
        self.rows: dict[str, int] = {}
        self.columns = L.columns(any(i.qualified for i in form.indicators.values()))
        heads = [h for h, _ in self.columns]
        self.qual_col = heads.index(L.HEADER_QUALIFIER) if L.HEADER_QUALIFIER in heads else None
        self.note_col = heads.index(L.HEADER_NOTE)
        self.last_col = len(heads) - 1

    def _formats(self) -> dict[str, Any]:
        base = {"font_name": FONT, "font_size": 12, "valign": "vcenter", "text_wrap": True}
        border = dict(base, border=1)

        def f(**kw):
            return self.wb.add_format({**border, **kw})

        def entry(**kw):
            """An input cell: unlocked, yellow, framed by a thick border."""
            return f(locked=False, bg_color=INPUT_FILL, border=INPUT_BORDER, border_color=INPUT_BORDER_COLOR, **kw)

        return {
            "title": self.wb.add_format({**base, "bold": True, "font_size": 14, "align": "center"}),
            "party": self.wb.add_format({**base, "bold": True, "underline": 1, "align": "center"}),
            "unit": self.wb.add_format({**base, "bold": True, "align": "center"}),
            "superior": self.wb.add_format({**base, "align": "center"}),
            "date_line": self.wb.add_format({**base, "italic": True, "align": "center"}),
            "sub": self.wb.add_format({**base, "italic": True, "align": "center"}),
            "head": f(bold=True, align="center", bg_color=SECTION_FILL),
            "section": f(bold=True, bg_color=SECTION_FILL),
            "cell": f(),
            "center": f(align="center"),
            "code": f(align="center", font_size=10, font_color="#595959"),
            "note": f(italic=True, font_size=10),
            "int": entry(num_format="#,##0"),
            "money": entry(num_format="#,##0.###"),
            "decimal": entry(num_format="#,##0.0#"),
            "text": entry(align="left"),
            "date": entry(num_format="dd/mm/yyyy", align="center"),
            "enum": entry(align="center"),
            "fixed": f(bg_color=DERIVED_FILL, align="center"),
            "fixed_date": f(bg_color=DERIVED_FILL, num_format="dd/mm/yyyy", align="center"),
            "derived": f(bg_color=DERIVED_FILL, num_format="0.00"),
            "meta": self.wb.add_format({"font_name": FONT}),
            "plain": self.wb.add_format({**base}),
            "bold": self.wb.add_format({**base, "bold": True}),
        }

    def write(self) -> None:
        guide = self.wb.add_worksheet(L.INSTRUCTIONS_SHEET)
        data = self.wb.add_worksheet(self.form.sheet)
        meta = self.wb.add_worksheet(L.META_SHEET)
        self._data(data)
        self._instructions(guide)
        self._meta(meta)
        data.activate()

    # --- the data sheet ----------------------------------------------------------------------
    def _data(self, ws) -> None:
        fmt, form, last = self.fmt, self.form, self.last_col
        for col, (_, width) in enumerate(self.columns):
            ws.set_column(col, col, width)
        row = self._header(ws)
        ws.merge_range(row, 0, row, last, form.title, fmt["title"])
        period = f"Kỳ báo cáo: {self.period.label(self.catalog)}" if self.period else "Kỳ báo cáo: ……………"
        ws.merge_range(
            row + 1, 0, row + 1, last, f"{period} — Biểu mẫu {form.id}, phiên bản {form.version}", fmt["sub"]
        )
        ws.merge_range(
            row + 2,
            0,
            row + 2,
            last,
            "Chỉ điền vào các ô nền vàng, viền đậm ở cột “Số liệu”; không sửa cột “Mã số”. "
            "Số liệu cộng dồn tính từ ngày 01/01 đến ngày chốt số liệu.",
            fmt["sub"],
        )
        ws.set_row(row + 2, 32)
        header = L.FIRST_ROW - 1
        for col, (text, _) in enumerate(self.columns):
            ws.write_string(header, col, text, fmt["head"])
        row = L.FIRST_ROW
        for section in form.sections:
            row = self._section(ws, row, section.id, section.title)
            number = 0
            for code in section.codes:
                ind = form.indicators[code]
                if ind.aggregation.template == "omitted":
                    continue
                number += 1
                self._indicator(ws, row, number, ind)
                row += 1
        row = self._explanations(ws, row)
        ws.freeze_panes(L.FIRST_ROW, 0)
        ws.protect("", {"insert_rows": True, "format_rows": True, "format_columns": True})
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)
        ws.repeat_rows(header)
        ws.set_margins(left=0.5, right=0.4, top=0.6, bottom=0.6)
        ws.set_footer('&C&"Times New Roman"&10Trang &P/&N')

    def _header(self, ws) -> int:
        """The party-document header (Hướng dẫn 36-HD/VPTW) in the first rows; returns the next row.

        A unit's report names the bloc's party organisation above the unit; the bloc committee's
        own report names its superior body above the committee."""
        fmt, bloc, last = self.fmt, self.catalog.bloc, self.last_col
        split = L.VALUE_COL - 2  # the left block spans the label columns, the right one the rest
        if self.form.submitted_by == "bloc":
            superior, issuer = bloc.superior_body, bloc.issuing_body
        else:
            superior = bloc.name.upper()
            issuer = self.unit.name.upper() if self.unit else "TÊN ĐƠN VỊ: ……………"
        date = f"{bloc.place}, ngày …… tháng …… năm ……"
        left = (superior, issuer, "*")
        right = (bloc.party, date, "")
        styles = (("superior", "party"), ("unit", "date_line"), ("unit", "plain"))
        for row, (a, b, (sa, sb)) in enumerate(zip(left, right, styles, strict=True)):
            ws.merge_range(row, 0, row, split, a, fmt[sa])
            if b:
                ws.merge_range(row, split + 1, row, last, b, fmt[sb])
            height = _row_height(a, sum(w for _, w in self.columns[: split + 1]), 12)
            if height:
                ws.set_row(row, height)
        return HEADER_ROWS

    def _section(self, ws, row: int, sid: str, title: str) -> int:
        ws.write_string(row, 0, sid, self.fmt["section"])
        ws.write_string(row, 1, title, self.fmt["section"])
        for col in range(2, self.last_col + 1):
            ws.write_blank(row, col, None, self.fmt["section"])
        return row + 1

    def _indicator(self, ws, row: int, number: int, ind: Indicator) -> None:
        fmt = self.fmt
        self.rows[ind.code] = row
        ws.write_number(row, 0, number, fmt["center"])
        ws.write_string(row, 1, ("   " if ind.label.startswith("Trong đó") else "") + ind.label, fmt["cell"])
        ws.write_string(row, 2, ind.code, fmt["code"])
        ws.write_string(row, 3, ind.unit, fmt["center"])
        ws.write_string(row, self.note_col, note_for(self.catalog, ind), fmt["note"])
        if ind.derived:
            self._derived(ws, row, ind)
        elif ind.code in self.identity:
            self._fixed(ws, row, ind, self.identity[ind.code])
        else:
            self._input(ws, row, ind, self.prefill.values.get(ind.code))
        if ind.qualified:
            options = [q.label for q in self.catalog.qualifiers.values()]
            q = self.catalog.qualifiers.get(self.prefill.qualifiers.get(ind.code, ""))
            ws.write_string(row, self.qual_col, q.label if q else "", fmt["enum"])
            ws.data_validation(row, self.qual_col, row, self.qual_col, {"validate": "list", "source": options})
        elif self.qual_col is not None:
            ws.write_blank(row, self.qual_col, None, fmt["cell"])
        if ind.aggregation.template == "text":
            ws.set_row(row, 64)

    def _fixed(self, ws, row: int, ind: Indicator, value: Any) -> None:
        """An identity cell of an issued template: shown, locked."""
        ws.write(row, L.VALUE_COL, _display(ind, value), self.fmt["fixed"])

    def _derived(self, ws, row: int, ind: Indicator) -> None:
        """A computed cell: the method's formula over this sheet's cells, its value cached."""
        method = aggregations.require(ind.aggregation.method)

        def address(code: str) -> str | None:
            return L.cell_address(self.rows[code], L.VALUE_COL) if code in self.rows else None

        formula = method.template_formula(ind, address)
        if formula is None:
            ws.write_string(row, L.VALUE_COL, "Tự tính", self.fmt["derived"])
            return
        value = method.unit_value(ind, self.prefill.values) if self.prefill.values else None
        ws.write_formula(row, L.VALUE_COL, formula, self.fmt["derived"], "" if value is None else value)

    def _input(self, ws, row: int, ind: Indicator, value: Any) -> None:
        fmt = self.fmt
        style = {"integer": "int"}.get(ind.type, ind.type)
        if ind.aggregation.template == "text":
            ws.merge_range(row, L.VALUE_COL, row, self.last_col, "", fmt["text"])
        if value is None or value == "":
            ws.write_blank(row, L.VALUE_COL, None, fmt[style])
        elif ind.type == "enum":
            ws.write_string(row, L.VALUE_COL, _display(ind, value), fmt[style])
        elif ind.type == "date" and isinstance(value, dt.date):
            ws.write_datetime(row, L.VALUE_COL, dt.datetime.combine(value, dt.time()), fmt[style])
        elif ind.numeric and isinstance(value, (int, float)):
            ws.write_number(row, L.VALUE_COL, value, fmt[style])
        else:
            ws.write_string(row, L.VALUE_COL, str(value), fmt[style])
        ws.data_validation(row, L.VALUE_COL, row, L.VALUE_COL, validation(self.catalog, ind))

    def _explanations(self, ws, row: int) -> int:
        rules = self.form.explainable_rules
        if not rules:
            return row
        row = self._section(ws, row, "GT", "GIẢI TRÌNH CẢNH BÁO (nếu có; để trống nếu không có cảnh báo)")
        for number, rule in enumerate(rules, start=1):
            code = L.explanation_code(rule.code)
            ws.write_number(row, 0, number, self.fmt["center"])
            ws.write_string(row, 1, f"Giải trình {rule.code}: {rule.texts.title}", self.fmt["cell"])
            ws.write_string(row, 2, code, self.fmt["code"])
            ws.write_blank(row, 3, None, self.fmt["cell"])
            ws.merge_range(row, L.VALUE_COL, row, self.last_col, "", self.fmt["text"])
            text = self.prefill.explanations.get(rule.code)
            if text:
                ws.write_string(row, L.VALUE_COL, text, self.fmt["text"])
            ws.data_validation(row, L.VALUE_COL, row, L.VALUE_COL, explanation_prompt(rule.code, rule.texts.title))
            ws.set_row(row, 48)
            row += 1
        return row

    # --- the other sheets --------------------------------------------------------------------
    def _instructions(self, ws) -> None:
        ws.set_column(0, 0, 4)
        ws.set_column(1, 1, 110)
        ws.write_string(0, 1, f"HƯỚNG DẪN ĐIỀN BIỂU MẪU {self.form.id}", self.fmt["title"])
        row = 2
        for kind, text in instructions(self.catalog, self.form, self.period) + rule_lines(self.catalog, self.form):
            ws.write_string(row, 1, text, self.fmt["bold" if kind == "head" else "plain"])
            row += 1
        ws.protect()
        ws.set_paper(9)
        ws.fit_to_pages(1, 0)

    def _meta(self, ws) -> None:
        values = {
            L.META_FORM: self.form.id,
            L.META_VERSION: str(self.form.version),
            L.META_UNIT: self.identity.get(self._role_code("unit_code"), ""),
            L.META_UNIT_NAME: self.identity.get(self._role_code("unit_name"), ""),
            L.META_PERIOD: self.period.key if self.period else "",
            L.META_SHEET_NAME: self.form.sheet,
            L.META_GENERATOR: f"consolidate {__version__}",
        }
        for row, key in enumerate(L.META_KEYS):
            ws.write_string(row, 0, key, self.fmt["meta"])
            ws.write_string(row, 1, str(values[key]), self.fmt["meta"])
        ws.protect()
        ws.very_hidden()

    def _role_code(self, role: str) -> str:
        ind = self.form.role(role)
        return ind.code if ind else ""


def _display(ind: Indicator, value: Any) -> Any:
    """An enum key shown as its label; anything else as it is."""
    if ind.type == "enum":
        for opt in ind.options:
            if opt.key == value:
                return opt.label
    return value


def template_filename(catalog: Catalog, form: Form, period: Period | None = None, unit: Unit | None = None) -> str:
    """ "BC-TCCS_9T-2021_DB02_So-Tai-chinh.xlsx" for a template issued to a unit (the bloc's own
    form carries the bloc's code and committee), "BC-TCCS.xlsx" for a blank one. The short name is
    folded to plain ASCII: the reader identifies a file by its content, never by its name."""
    if period is None and unit is None:
        return safe_name(f"{form.id}.xlsx")
    code, short = (catalog.bloc.code, catalog.bloc.committee) if form.submitted_by == "bloc" else ("", "")
    if unit is not None and form.submitted_by != "bloc":
        code, short = unit.code, unit.short
    parts = [form.id, period.key if period else "", code, ascii_words(short) if short else ""]
    return safe_name("_".join(p for p in parts if p) + ".xlsx")


def _row_height(text: str, width: float, font_size: float) -> float | None:
    """Points a merged header row needs for ``text`` wrapped in ``width`` character units, or None
    when one line is enough (a rough count of Times New Roman characters per unit of width; the
    shared row-height function will replace it)."""
    per_line = max(1, int(width * 1.1 * 11 / font_size))
    lines = -(-len(text) // per_line)
    return None if lines <= 1 else lines * font_size * 1.35 + 4
