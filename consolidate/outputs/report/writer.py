"""The draft narrative report (.docx, python-docx) in the form of a party document.

Header block (superior body, issuing body in bold, "*", the document number; "ĐẢNG CỘNG SẢN VIỆT
NAM" underlined and the place and date in italics), the title, the paragraphs of the template in
templates/bao_cao.txt filled with the totals, then the recipients and the signer. The units' own
free-text answers (``{{noi_bat}}``, with the heading just before it) come after the signature, on
a page of their own headed "PHỤ LỤC": material for the office to edit, never part of what is signed. Times New Roman on A4 with the margins of Nghị định 30/2020
(top and bottom 2 cm, left 3 cm, right 2 cm), page numbers centred at the top.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from consolidate.catalog.units import decode
from consolidate.core.atomic import Locked, atomic_output
from consolidate.core.resources import shipped
from consolidate.core.words import upper_first
from consolidate.outputs.docstyle import coverage_sentence, number_line
from consolidate.outputs.report.text import Block, render_blocks
from consolidate.outputs.wordparts import BODY_PT, header_block, line, page, signature
from consolidate.pipeline.result import MergeResult


def default_template() -> Path:
    return shipped("templates", "bao_cao.txt") / "bao_cao.txt"


def write_report(
    result: MergeResult,
    path: str | Path,
    day: dt.date | None = None,
    template: str | Path | None = None,
    locked: list[Locked] | None = None,
) -> tuple[Path, set[str]]:
    """Write the draft; returns the file written and the template placeholders that matched nothing.

    The template is read as Notepad saves it: UTF-8 with or without BOM, UTF-16 ("Unicode") or
    the Vietnamese code page, any line endings."""
    text = decode(Path(template or default_template()).read_bytes())
    blocks, unknown = render_blocks(result, text)
    document = docx.Document()
    page(document, numbers=True)
    header_block(document, result.catalog.bloc, day or dt.date.today(), number_line(result.catalog.bloc))
    body, appendix = split_appendix(blocks)
    for block in body:
        _block(document, block, result)
    signature(document, result.catalog.bloc, result.catalog.bloc.recipients)
    if appendix:
        _appendix(document, appendix, result)
    document.core_properties.title = blocks[0].text if blocks else "Báo cáo"
    document.core_properties.author = f"Văn phòng {result.catalog.bloc.committee}"
    with atomic_output(path, locked) as out:
        document.save(str(out.tmp))
    return out.path, unknown


def _block(document, block: Block, result: MergeResult) -> None:
    if block.kind == "title":
        line(document, "BÁO CÁO", bold=True, size=15)
        paragraph = line(document, block.text, bold=True, size=14)
        paragraph.paragraph_format.space_after = Pt(6)
        if not result.all_units_accepted or not result.bloc_accepted:
            line(document, f"({coverage_sentence(result)})", italic=True, size=12)
        line(document, "-----", size=12).paragraph_format.space_after = Pt(12)
        return
    if block.kind == "highlights":
        _highlights(document, result)
        return
    paragraph = document.add_paragraph()
    paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Cm(1)
    fmt.space_after = Pt(6)
    fmt.line_spacing = 1.15
    run = paragraph.add_run(block.text)
    run.bold = block.kind in ("heading", "subheading")
    run.italic = block.kind == "subheading"


def split_appendix(blocks: list[Block]) -> tuple[list[Block], list[Block]]:
    """(body, appendix): the appendix starts at the first ``{{noi_bat}}`` block, or at the heading
    right before it, and runs to the end of the template."""
    at = next((i for i, b in enumerate(blocks) if b.kind == "highlights"), None)
    if at is None:
        return blocks, []
    if at > 0 and blocks[at - 1].kind in ("heading", "subheading"):
        at -= 1
    return blocks[:at], blocks[at:]


def _appendix(document, blocks: list[Block], result: MergeResult) -> None:
    document.add_page_break()
    line(document, "PHỤ LỤC", bold=True, size=BODY_PT)
    first, rest = blocks[0], blocks[1:]
    if first.kind in ("heading", "subheading"):
        title = re.sub(r"^\s*phụ lục\s*[:.–-]?\s*", "", first.text, flags=re.IGNORECASE)
        line(document, upper_first(title), italic=True, size=BODY_PT).paragraph_format.space_after = Pt(12)
    else:
        rest = blocks
    for block in rest:
        _block(document, block, result)


def _highlights(document, result: MergeResult) -> None:
    texts = [
        (form, ind)
        for form in result.catalog.unit_forms
        for ind in form.indicators.values()
        if ind.aggregation.template == "text"
    ]
    for form, ind in texts:
        entries = [
            (u.unit, u.submission.values.get(ind.code))
            for u in result.form_units.get(form.id, result.units)
            if u.status == "accepted" and u.submission.values.get(ind.code)
        ]
        if not entries:
            continue
        heading = document.add_paragraph()
        heading.add_run(ind.label).italic = True
        heading.paragraph_format.space_after = Pt(3)
        for unit, text in entries:
            paragraph = document.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            paragraph.paragraph_format.first_line_indent = Cm(1)
            paragraph.paragraph_format.space_after = Pt(3)
            paragraph.add_run(f"- {unit.name}: ").bold = True
            paragraph.add_run(str(text).replace("\n", " "))
