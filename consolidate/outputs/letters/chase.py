"""The list of units to chase (danh sách đơn vị cần đôn đốc): one printable table for the phone
follow-up — unit, code, what is missing or wrong, the contact the registry gives, the deadline,
and an empty column for the outcome of the call.

A .docx on landscape A4 (Word and LibreOffice size each row to its text, so nothing is clipped
however long a unit's name), its header row repeated on every page, under the office's header
and a title that states as of which date the list was made.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from consolidate.core.atomic import Locked, atomic_output
from consolidate.core.model import Unit
from consolidate.outputs.wordparts import line, page
from consolidate.pipeline.result import MergeResult

CHASE_LIST = "danh_sach_don_doc.docx"
TABLE_PT = 12


@dataclass(frozen=True)
class ChaseRow:
    unit: Unit
    owed: list[str]  # what the unit owes, one sentence per form


def write_chase_list(
    result: MergeResult,
    rows: list[ChaseRow],
    path: str | Path,
    deadline: dt.date | None,
    day: dt.date,
    locked: list[Locked] | None = None,
) -> Path:
    """Write the list (also when nobody is to be chased: it then says so)."""
    cat = result.catalog
    period = result.period.label(cat) if result.period else ""
    document = docx.Document()
    page(document, landscape=True)
    line(document, cat.bloc.issuing_body, bold=True, size=13)
    line(document, f"VĂN PHÒNG {cat.bloc.committee.upper()}", bold=True, size=13)
    document.add_paragraph()
    line(document, f"DANH SÁCH ĐƠN VỊ CẦN ĐÔN ĐỐC BÁO CÁO {period.upper()}".strip(), bold=True)
    due = f"; hạn gửi báo cáo: {deadline.strftime('%d/%m/%Y')}" if deadline else ""
    line(document, f"(Tính đến ngày {day.strftime('%d/%m/%Y')}{due})", italic=True, size=13)
    document.add_paragraph()
    if not rows:
        line(document, "Không có đơn vị nào cần đôn đốc.")
    else:
        _table(document, rows, deadline)
    document.core_properties.title = f"Danh sách đơn vị cần đôn đốc {period}".strip()
    document.core_properties.author = f"Văn phòng {cat.bloc.committee}"
    with atomic_output(path, locked) as out:
        document.save(str(out.tmp))
    return out.path


def _table(document, rows: list[ChaseRow], deadline: dt.date | None) -> None:
    contact = any(r.unit.contact for r in rows)
    heads = ["STT", "Mã", "Đơn vị", "Việc còn thiếu, sai", *(["Liên hệ"] if contact else []), "Hạn", "Kết quả liên hệ"]
    widths = [1.2, 1.6, 6.0, 9.4 if contact else 12.4, *([3.0] if contact else []), 2.4, 3.1]
    table = document.add_table(rows=1, cols=len(heads))
    table.style = "Table Grid"
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid LibreOffice lays out by; each cell repeats it for Word
    for cell, text, width in zip(table.rows[0].cells, heads, widths, strict=True):
        _cell(cell, text, width, bold=True, center=True)
    _repeat_header(table.rows[0])
    due = deadline.strftime("%d/%m/%Y") if deadline else "—"
    for n, row in enumerate(rows, start=1):
        values = [
            str(n),
            row.unit.code,
            row.unit.name,
            "\n".join(row.owed),
            *([row.unit.contact] if contact else []),
            due,
            "",
        ]
        cells = table.add_row().cells
        for i, (cell, text, width) in enumerate(zip(cells, values, widths, strict=True)):
            _cell(cell, text, width, center=i in (0, 1) or heads[i] == "Hạn")


def _cell(cell, text: str, width: float, bold: bool = False, center: bool = False) -> None:
    cell.width = Cm(width)
    for i, part in enumerate(text.split("\n")):
        paragraph = cell.paragraphs[0] if i == 0 else cell.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if center else WD_ALIGN_PARAGRAPH.LEFT
        paragraph.paragraph_format.space_after = Pt(2)
        run = paragraph.add_run(part)
        run.bold = bold
        run.font.size = Pt(TABLE_PT)


def _repeat_header(row) -> None:
    """Repeat the header row at the top of every printed page."""
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)
