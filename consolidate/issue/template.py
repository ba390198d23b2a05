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
from pathlib import Path
from typing import Any

from consolidate import __version__, aggregations
from consolidate.core import layout as L
from consolidate.core.atomic import atomic_path
from consolidate.core.model import Catalog, Form, Indicator, Unit
from consolidate.core.names import ascii_words, safe_name
from consolidate.core.numformat import INPUT_WHOLE, locale_format
from consolidate.core.periods import Period
from consolidate.core.rowheight import DEFAULT_HEIGHT, SheetRows, word_width
from consolidate.issue.prefill import Prefill, identity_values
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
DATA_NOTE = (
    "Chỉ điền vào các ô nền vàng, viền đậm ở cột “Số liệu”; không sửa cột “Mã số”. "
    "Số liệu cộng dồn tính từ ngày 01/01 đến ngày chốt số liệu."
)


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
        units = [word_width(ind.unit, 12) for ind in form.indicators.values()]  # "Đvt" fits its longest word
        self.widths = [max([float(w), *units]) if h == L.HEADER_UNIT else float(w) for h, w in self.columns]

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
            "int": entry(num_format=INPUT_WHOLE),
            "money": entry(num_format="#,##0.###"),
            "decimal": entry(num_format="#,##0.0#"),
            "text": entry(align="left"),
            "date": entry(num_format="dd/mm/yyyy", align="center"),
            "enum": entry(align="center"),
            "fixed": f(bg_color=DERIVED_FILL, align="center"),
            "fixed_date": f(bg_color=DERIVED_FILL, num_format="dd/mm/yyyy", align="center"),
            "derived": f(bg_color=DERIVED_FILL, num_format=locale_format(2)),
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
        for col, width in enumerate(self.widths):
            ws.set_column(col, col, width)
        fit = self.fit = SheetRows(self.widths, ws.set_row).fit
        row = self._header(ws)
        ws.merge_range(row, 0, row, last, form.title, fmt["title"])
        fit(row, [(form.title, (0, last), 14, True)])
        period = f"Kỳ báo cáo: {self.period.label(self.catalog)}" if self.period else "Kỳ báo cáo: ……………"
        subtitle = f"{period} — Biểu mẫu {form.id}, phiên bản {form.version}"
        ws.merge_range(row + 1, 0, row + 1, last, subtitle, fmt["sub"])
        ws.merge_range(row + 2, 0, row + 2, last, DATA_NOTE, fmt["sub"])
        fit(row + 1, [(subtitle, (0, last), 12)])
        fit(row + 2, [(DATA_NOTE, (0, last), 12)])
        header = L.FIRST_ROW - 1
        for col, (text, _) in enumerate(self.columns):
            ws.write_string(header, col, text, fmt["head"])
        fit(header, [(text, col, 12, True) for col, (text, _) in enumerate(self.columns)])
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
        left = (superior, issuer, "*")
        right = (bloc.party, f"{bloc.place}, ngày …… tháng …… năm ……", "")
        styles = (("superior", "party"), ("unit", "date_line"), ("unit", "plain"))
        for row, (a, b, (sa, sb)) in enumerate(zip(left, right, styles, strict=True)):
            ws.merge_range(row, 0, row, split, a, fmt[sa])
            if b:
                ws.merge_range(row, split + 1, row, last, b, fmt[sb])
            self.fit(row, [(a, (0, split), 12, sa == "unit"), (b, (split + 1, last), 12, sb == "party")])
        return HEADER_ROWS

    def _section(self, ws, row: int, sid: str, title: str) -> int:
        ws.write_string(row, 0, sid, self.fmt["section"])
        ws.write_string(row, 1, title, self.fmt["section"])
        for col in range(2, self.last_col + 1):
            ws.write_blank(row, col, None, self.fmt["section"])
        self.fit(row, [(sid, 0, 12, True), (title, 1, 12, True)])
        return row + 1

    def _indicator(self, ws, row: int, number: int, ind: Indicator) -> None:
        fmt = self.fmt
        self.rows[ind.code] = row
        label = ("   " if ind.label.startswith("Trong đó") else "") + ind.label
        note = note_for(self.catalog, ind)
        ws.write_number(row, 0, number, fmt["center"])
        ws.write_string(row, 1, label, fmt["cell"])
        ws.write_string(row, 2, ind.code, fmt["code"])
        ws.write_string(row, 3, ind.unit, fmt["center"])
        ws.write_string(row, self.note_col, note, fmt["note"])
        text = ind.aggregation.template == "text"  # a text answer spans the value and note columns
        value = _display(ind, self.identity.get(ind.code, self.prefill.values.get(ind.code)))
        shown = (value if isinstance(value, str) else "", (L.VALUE_COL, self.last_col) if text else L.VALUE_COL, 12)
        cells = [(label, 1, 12), (ind.code, 2, 10), (ind.unit, 3, 12), (note, self.note_col, 10), shown]
        self.fit(row, cells, 64 if text else DEFAULT_HEIGHT)
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
            label = f"Giải trình {rule.code}: {rule.texts.title}"
            ws.write_number(row, 0, number, self.fmt["center"])
            ws.write_string(row, 1, label, self.fmt["cell"])
            ws.write_string(row, 2, code, self.fmt["code"])
            ws.write_blank(row, 3, None, self.fmt["cell"])
            ws.merge_range(row, L.VALUE_COL, row, self.last_col, "", self.fmt["text"])
            text = self.prefill.explanations.get(rule.code)
            if text:
                ws.write_string(row, L.VALUE_COL, text, self.fmt["text"])
            ws.data_validation(row, L.VALUE_COL, row, L.VALUE_COL, explanation_prompt(rule.code, rule.texts.title))
            self.fit(row, [(label, 1, 12), (text or "", (L.VALUE_COL, self.last_col), 12)], 48)
            row += 1
        return row

    # --- the other sheets --------------------------------------------------------------------
    def _instructions(self, ws) -> None:
        ws.set_column(0, 0, 4)
        ws.set_column(1, 1, 110)
        fit = SheetRows([4, 110], ws.set_row).fit
        head = [("title", f"HƯỚNG DẪN ĐIỀN BIỂU MẪU {self.form.id}"), ("", "")]
        for row, (kind, text) in enumerate(
            head
            + instructions(self.catalog, self.form, self.period)
            + rule_lines(
                self.catalog,
                self.form,
                lambda code: L.cell_address(self.rows[code], L.VALUE_COL) if code in self.rows else None,
            )
        ):
            if text:
                ws.write_string(row, 1, text, self.fmt[{"title": "title", "head": "bold"}.get(kind, "plain")])
                fit(row, [(text, 1, 14 if kind == "title" else 12, kind != "text")])
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
