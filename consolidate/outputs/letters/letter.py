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
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from consolidate.core.atomic import Locked, atomic_output
from consolidate.core.model import Bloc
from consolidate.outputs.wordparts import header_block, page, signature

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
    header_block(document, letter.bloc, letter.day, number_line(letter.bloc), letter.subject)
    _to(document, letter.to)
    for kind, text in letter.body:
        _body(document, kind, text)
    signature(document, letter.bloc, letter.recipients)
    document.core_properties.title = letter.title or letter.subject
    document.core_properties.author = f"Văn phòng {letter.bloc.committee}"
    return document


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
