"""A letter of the office (công văn) as .docx, in the form of a party document (Hướng dẫn
36-HD/VPTW, Nghị định 30/2020/NĐ-CP).

Header block: the superior body, the issuing body in bold, "*", the number left blank for the
office to fill in when the letter is registered ("Số:        -CV/ĐUK") and the subject line
("V/v …"); on the right "ĐẢNG CỘNG SẢN VIỆT NAM" bold and underlined, then the place and date in
italics. Then "Kính gửi: …", the body, and the recipients ("Nơi nhận") beside the signature block.
Times New Roman 14 on A4, margins top and bottom 2 cm, left 3 cm, right 2 cm. The words come from
bloc.yaml; what the letter says comes from the caller.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from consolidate.core.atomic import Locked, atomic_output
from consolidate.core.model import Bloc
from consolidate.outputs.docstyle import FONT, date_line

BODY_PT = 14
NUMBER_GAP = " " * 10  # where the office writes the number by hand


@dataclass
class Letter:
    """What one letter says; ``body`` is a list of (kind, text): "text" a paragraph, "item" a
    numbered point (bold), "bullet" an indented "- " line."""

    bloc: Bloc
    day: dt.date
    subject: str
    to: str
    body: list[tuple[str, str]] = field(default_factory=list)
    recipients: tuple[str, ...] = ()
    title: str = ""


def number_line(bloc: Bloc) -> str:
    """ "Số:          -CV/ĐUK": the number left blank for the office."""
    return f"Số:{NUMBER_GAP}-{bloc.letter_symbol}"


def write_letter(letter: Letter, path: str | Path, locked: list[Locked] | None = None) -> Path:
    """Write ``letter`` to ``path`` atomically; returns the file written."""
    document = letter_document(letter)
    with atomic_output(path, locked) as out:
        document.save(str(out.tmp))
    return out.path


def letter_document(letter: Letter):
    document = docx.Document()
    page(document)
    _header(document, letter)
    _to(document, letter.to)
    for kind, text in letter.body:
        _body(document, kind, text)
    _signature(document, letter)
    document.core_properties.title = letter.title or letter.subject
    document.core_properties.author = f"Văn phòng {letter.bloc.committee}"
    return document


def page(document, landscape: bool = False) -> None:
    """A4 with the decree's margins, Times New Roman ``BODY_PT`` as the normal style."""
    section = document.sections[0]
    if landscape:
        from docx.enum.section import WD_ORIENT

        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Cm(29.7), Cm(21)
        section.left_margin = section.right_margin = Cm(2)
    else:
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin, section.right_margin = Cm(3), Cm(2)
    section.top_margin = section.bottom_margin = Cm(2)
    style = document.styles["Normal"]
    style.font.name = FONT
    style.font.size = Pt(BODY_PT)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)


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


def _header(document, letter: Letter) -> None:
    bloc = letter.bloc
    left, right = two_columns(document, 7.5, 8.5)
    line(left, bloc.superior_body, size=13, first=True)
    line(left, bloc.issuing_body, bold=True, size=13)
    line(left, "*", size=13)
    line(left, number_line(bloc), size=13)
    line(left, letter.subject, size=12)
    line(right, bloc.party, bold=True, underline=True, first=True)
    line(right, "")
    line(right, date_line(bloc, letter.day), italic=True)
    document.add_paragraph()


def _to(document, to: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.space_after = Pt(12)
    paragraph.add_run("Kính gửi: ")
    paragraph.add_run(to).bold = True


def _body(document, kind: str, text: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = paragraph.paragraph_format
    fmt.space_after = Pt(6 if kind != "bullet" else 3)
    fmt.line_spacing = 1.15
    if kind == "bullet":
        fmt.left_indent = Cm(1)
        text = f"- {text}"
    else:
        fmt.first_line_indent = Cm(1)
    paragraph.add_run(text).bold = kind == "item"


def _signature(document, letter: Letter) -> None:
    bloc = letter.bloc
    document.add_paragraph()
    left, right = two_columns(document, 8, 8)
    line(left, "Nơi nhận:", bold=True, italic=True, size=12, align=WD_ALIGN_PARAGRAPH.LEFT, first=True)
    for recipient in letter.recipients:
        line(left, f"- {recipient}", size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    line(right, bloc.signer_on_behalf, bold=True, first=True)
    line(right, bloc.signer_title, bold=True)
    for _ in range(4):
        line(right, "")
    line(right, bloc.signer_name, bold=True)
