"""The draft narrative report (.docx, python-docx) in the form of a party document.

Header block (superior body, issuing body in bold, "*", the document number; "ĐẢNG CỘNG SẢN VIỆT
NAM" underlined and the place and date in italics), the title, the paragraphs of the template in
templates/bao_cao.txt filled with the totals, then each form's own part (its ``report_template``:
its title, its coverage when short, its paragraphs), then the recipients and the signer. The units' own
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
from consolidate.core.model import Form
from consolidate.core.resources import shipped
from consolidate.core.words import upper_first
from consolidate.outputs.docstyle import bloc_concerns, coverage_sentence, form_statuses, number_line
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
    the Vietnamese code page, any line endings. A form with a template of its own
    (``report_template``) adds its part after the main text, before the signature."""
    main = Path(template or default_template())
    blocks, unknown = render_blocks(result, decode(main.read_bytes()))
    document = docx.Document()
    page(document, numbers=True)
    header_block(document, result.catalog.bloc, day or dt.date.today(), number_line(result.catalog.bloc))
    parts = [
        (form, *split_appendix(render(result, decode(own.read_bytes()), form, unknown)))
        for form, own in form_templates(result, main)
    ]
    # a form whose own part lists its units' free-text answers is not listed again under the main text
    apart = {form.id for form, _, extra in parts if any(b.kind == "highlights" for b in extra)}
    everyone = tuple(f for f in result.catalog.unit_forms if f.id not in apart)
    body, appendix = split_appendix(blocks)
    for block in body:
        _block(document, block, result, everyone)
    for form, part, _ in parts:
        _form_part(document, form, part, result)
    signature(document, result.catalog.bloc, result.catalog.bloc.recipients)
    appendices = [(appendix, everyone)] if appendix else []
    appendices += [(extra, (form,)) for form, _, extra in parts if extra and _has_texts(result, form, extra)]
    for n, (extra, scope) in enumerate(appendices, start=1):
        _appendix(document, extra, result, scope, n if len(appendices) > 1 else None)
    document.core_properties.title = blocks[0].text if blocks else "Báo cáo"
    document.core_properties.author = f"Văn phòng {result.catalog.bloc.committee}"
    with atomic_output(path, locked) as out:
        document.save(str(out.tmp))
    return out.path, unknown


def render(result: MergeResult, text: str, form: Form, unknown: set[str]) -> list[Block]:
    """A form's own template filled with the figures; its unknown placeholders join ``unknown``."""
    blocks, missing = render_blocks(result, text, form)
    unknown |= missing
    return blocks


def _has_texts(result: MergeResult, form: Form, blocks: list[Block]) -> bool:
    """A form's appendix is worth a page: its units wrote free text, or the template wrote more
    than a heading over the list."""
    if any(b.kind not in ("heading", "subheading", "highlights") for b in blocks):
        return True
    return any(_entries(result, form, ind) for ind in form.indicators.values() if ind.aggregation.template == "text")


def form_templates(result: MergeResult, main: Path) -> list[tuple[Form, Path]]:
    """The forms with a report template of their own (``report_template``, relative to the schemas
    folder), in catalog order; one that is the main template itself is not printed twice."""
    root = Path(result.catalog.root)
    found = []
    for form in result.catalog.forms.values():
        if form.report_template:
            own = root / form.report_template
            if own.resolve() != main.resolve():
                found.append((form, own))
    return found


def _form_part(document, form: Form, blocks: list[Block], result: MergeResult) -> None:
    """A form's own part: its title (the template's "# " line, else the form's), whose figures they
    are when not every unit that owes the form is in them, then its paragraphs."""
    title = next((b.text for b in blocks if b.kind == "title"), form.title)
    paragraph = line(document, title, bold=True, size=BODY_PT)
    paragraph.paragraph_format.space_before = Pt(12)
    paragraph.paragraph_format.space_after = Pt(6)
    if form.submitted_by == "bloc":
        if not result.bloc_accepted:
            line(document, f"(Chưa có số liệu của {result.catalog.bloc.committee}.)", italic=True, size=12)
    elif any(u.status != "accepted" for u in form_statuses(result, form)) or (
        not result.bloc_accepted and bloc_concerns(result, form)
    ):
        line(document, f"({coverage_sentence(result, form=form)})", italic=True, size=12)
    for block in blocks:
        if block.kind != "title":
            _block(document, block, result, (form,))


def _block(document, block: Block, result: MergeResult, scope: tuple[Form, ...] = ()) -> None:
    """One block of a template; ``{{noi_bat}}`` lists the free-text answers of the forms ``scope``."""
    if block.kind == "title":
        line(document, "BÁO CÁO", bold=True, size=15)
        paragraph = line(document, block.text, bold=True, size=14)
        paragraph.paragraph_format.space_after = Pt(6)
        if not result.all_units_accepted or not result.bloc_accepted:
            line(document, f"({coverage_sentence(result)})", italic=True, size=12)
        line(document, "-----", size=12).paragraph_format.space_after = Pt(12)
        return
    if block.kind == "highlights":
        _highlights(document, result, scope)
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


def _appendix(
    document, blocks: list[Block], result: MergeResult, scope: tuple[Form, ...], number: int | None = None
) -> None:
    heading = line(document, "PHỤ LỤC" if number is None else f"PHỤ LỤC {number}", bold=True, size=BODY_PT)
    heading.paragraph_format.page_break_before = True  # a new page, never a blank one after a full page
    first, rest = blocks[0], blocks[1:]
    if first.kind in ("heading", "subheading"):
        title = re.sub(r"^\s*phụ lục\s*[:.–-]?\s*", "", first.text, flags=re.IGNORECASE)
        line(document, upper_first(title), italic=True, size=BODY_PT).paragraph_format.space_after = Pt(12)
    else:
        rest = blocks
    for block in rest:
        _block(document, block, result, scope)


def _entries(result: MergeResult, form: Form, ind) -> list:
    """(unit, text) of the accepted units that answered the free-text question ``ind``."""
    return [
        (u.unit, u.submission.values.get(ind.code))
        for u in form_statuses(result, form)
        if u.status == "accepted" and u.submission.values.get(ind.code)
    ]


def _highlights(document, result: MergeResult, scope: tuple[Form, ...]) -> None:
    """The units' free-text answers to the questions of the forms ``scope``, question by question."""
    for form in scope:
        for ind in form.indicators.values():
            if ind.aggregation.template != "text":
                continue
            entries = _entries(result, form, ind)
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
