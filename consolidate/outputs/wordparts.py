"""The pieces every Word document of the toolkit shares (python-docx), in the form of a party
document (Hướng dẫn 36-HD/VPTW; page and margins of Nghị định 30/2020/NĐ-CP): the A4 page in
Times New Roman, one-run paragraphs, the two-column header block (superior body, issuing body,
"*", number and subject on the left; the party line and the place and date on the right) and the
signature block with "Nơi nhận". The draft report and the reminder letters are built from them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from consolidate.core.model import Bloc
from consolidate.outputs.docstyle import FONT, date_line

BODY_PT = 14


def page(document, landscape: bool = False, numbers: bool = False) -> None:
    """A4 with the decree's margins, Times New Roman ``BODY_PT`` as the normal style; ``numbers``:
    the page number centred at the top."""
    section = document.sections[0]
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.left_margin = section.right_margin = Cm(2)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    if numbers:
        header = section.header.paragraphs[0]
        header.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _page_field(header.add_run())


def _page_field(run) -> None:
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._r.append(element)


def line(container, text: str, *, bold=False, italic=False, underline=False, size=BODY_PT, align=None, first=False):
    """One paragraph of one run in ``container`` (a document or a table cell), centred by default."""
    paragraph = container.paragraphs[0] if first else container.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if align is None else align
    paragraph.paragraph_format.space_after = Pt(0)
    run = paragraph.add_run(text)
    run.bold, run.italic, run.underline = bold, italic, underline
    run.font.size = Pt(size)
    return paragraph


def two_columns(document, left: float, right: float):
    """A borderless one-row table of two cells ``left`` and ``right`` cm wide."""
    table = document.add_table(rows=1, cols=2)
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    cells = table.rows[0].cells
    for column, cell, width in zip(table.columns, cells, (left, right), strict=True):
        column.width = cell.width = Cm(width)
    return cells


def header_block(document, bloc: Bloc, day: dt.date, number: str, subject: str | None = None) -> None:
    """The document's header: issuer, "*", ``number`` (and a "V/v" ``subject``) on the left; the
    party line and "Bình An, ngày … tháng … năm …" on the right."""
    left, right = two_columns(document, 7.5, 8.5)
    line(left, bloc.superior_body, size=13, first=True)
    line(left, bloc.issuing_body, bold=True, size=13)
    line(left, "*", size=13)
    line(left, number, size=13)
    if subject:
        line(left, subject, size=12)
    line(right, bloc.party, bold=True, underline=True, first=True)
    line(right, "")
    line(right, date_line(bloc, day), italic=True)
    document.add_paragraph()


def signature(document, bloc: Bloc, recipients: Sequence[str]) -> None:
    """ "Nơi nhận:" and its lines on the left; the signer's authority, title, room to sign and name
    on the right (from bloc.yaml)."""
    document.add_paragraph()
    left, right = two_columns(document, 8, 8)
    line(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    for recipient in recipients:
        line(left, f"- {recipient}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    line(right, bloc.signer_on_behalf, bold=True, first=True)
    line(right, bloc.signer_title, bold=True)
    for _ in range(4):
        line(right, "")
    line(right, bloc.signer_name, bold=True)
