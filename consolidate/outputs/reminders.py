"""Reminder letters: one .docx per unit that owes something — a report not sent, sent with errors,
or sent in a form that cannot be read — and one list of every unit to chase by phone.

Each letter is a party-document letter (:mod:`consolidate.outputs.letters.letter`) from the office to the
unit: it says as of which date the office looked, names each form the unit owes by its ``name``
in the catalog, says in plain words what is missing or wrong (a rejected report's errors by the
indicator's label, not by a cell reference), names the marked-up feedback copy sent with it
(written beside the letters when the inbox is known) and the deadline — the one given, else the
period's deadline in bloc.yaml; a deadline already past asks for the report at once.

The chase list (:mod:`consolidate.outputs.letters.chase`) puts the same units in one printable table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from consolidate.core.atomic import Locked
from consolidate.core.findings import Finding
from consolidate.core.messages import render
from consolidate.core.model import Catalog, Form, Unit
from consolidate.core.names import NameSet, ascii_words, safe_name
from consolidate.issue.template import template_filename
from consolidate.outputs.feedback import feedback_name, write_copy
from consolidate.outputs.feedback_sheet import Context
from consolidate.outputs.letters.chase import CHASE_LIST, ChaseRow, write_chase_list
from consolidate.outputs.letters.letter import Letter, write_letter
from consolidate.pipeline.result import FileResult, MergeResult, UnitStatus

OWING = ("missing", "rejected", "unreadable")


@dataclass
class Written:
    """What :func:`write_reminders` wrote: the letters, the feedback copies sent with them, the list."""

    letters: list[Path] = field(default_factory=list)
    copies: list[Path] = field(default_factory=list)
    chase_list: Path | None = None


@dataclass(frozen=True)
class Owed:
    """One form a unit owes: its status, and the feedback copy sent with the letter (if any)."""

    form: Form
    state: UnitStatus
    copy: str | None = None


def owed(result: MergeResult) -> dict[str, list[tuple[Form, UnitStatus]]]:
    """Unit code → the (form, status) pairs it still owes, in catalog order."""
    out: dict[str, list[tuple[Form, UnitStatus]]] = {}
    for form in result.catalog.unit_forms:
        for state in result.form_units.get(form.id, result.units):
            if state.status in OWING:
                out.setdefault(state.unit.code, []).append((form, state))
    return out


def due_phrase(deadline: dt.date | None, day: dt.date) -> str:
    """How the letter asks: before the deadline, at once when it has passed, or as soon as possible."""
    if deadline is None:
        return "sớm nhất có thể"
    if deadline < day:
        return f"ngay (hạn gửi báo cáo là ngày {deadline.strftime('%d/%m/%Y')}, đã quá hạn)"
    return f"trước ngày {deadline.strftime('%d/%m/%Y')}"


def form_words(form: Form) -> str:
    """ "báo cáo kết quả công tác xây dựng Đảng (biểu mẫu BC-TCCS)"."""
    return f"{form.name or form.title} (biểu mẫu {form.id})"


def problem_lines(catalog: Catalog, form: Form, findings: list[Finding]) -> list[str]:
    """Each finding in plain words, naming its indicator by its label."""
    out = []
    for f in findings:
        message, fix = render(f, catalog, "vi")
        ind = form.indicators.get(f.indicator or "") or (catalog.indicator(f.indicator) if f.indicator else None)
        subject = f"Chỉ tiêu “{ind.label}”: " if ind is not None and ind.label not in message else ""
        out.append(f"{subject}{message} Cách sửa: {fix}")
    return out


def letter_for(result: MergeResult, unit: Unit, items: list[Owed], deadline: dt.date | None, day: dt.date) -> Letter:
    cat = result.catalog
    period = result.period.label(cat) if result.period else "kỳ này"
    office = f"Văn phòng {cat.bloc.committee}"
    by = due_phrase(deadline, day)
    body = [
        (
            "text",
            f"Thực hiện chế độ báo cáo định kỳ, {office} đang tổng hợp số liệu {period}. Tính đến ngày "
            f"{day.strftime('%d/%m/%Y')} (ngày của công văn này), tình hình báo cáo của đơn vị như sau:",
        )
    ]
    for n, item in enumerate(items, start=1):
        body += _item_lines(result, unit, item, n, period, by)
    body.append(("text", f"{office} đề nghị đơn vị quan tâm, thực hiện đúng thời hạn."))
    return Letter(
        cat.bloc,
        day,
        subject=f"V/v đôn đốc gửi báo cáo {period}",
        to=unit.name,
        body=body,
        recipients=("Như trên,", f"Lưu Văn phòng {cat.bloc.committee}."),
        title=f"Đôn đốc báo cáo {period}: {unit.name}",
    )


def _item_lines(result: MergeResult, unit: Unit, item: Owed, n: int, period: str, by: str) -> list[tuple[str, str]]:
    cat, form, state = result.catalog, item.form, item.state
    what = form_words(form)
    head = f"{n}. {what[:1].upper()}{what[1:]}"
    if state.status == "missing":
        issued = template_filename(cat, form, result.period, unit) if result.period else None
        file_note = f" (tệp “{issued}”)" if issued else ""
        return [
            ("item", head),
            ("text", f"Văn phòng chưa nhận được {form.name or form.title} {period} của đơn vị."),
            ("text", f"Đề nghị đơn vị điền biểu mẫu {form.id} đã được cấp{file_note} và gửi về Văn phòng {by}."),
        ]
    assert state.file is not None  # a rejected or unreadable unit sent a file
    sent = state.file.path.rsplit("/", 1)[-1]
    if state.status == "unreadable":
        return [
            ("item", head),
            (
                "text",
                f"Văn phòng đã nhận tệp “{sent}” nhưng không đọc được số liệu trong tệp (tệp không phải bảng tính "
                "Excel của biểu mẫu, hoặc bị hỏng).",
            ),
            (
                "text",
                f"Đề nghị đơn vị gửi lại chính tệp Excel (.xlsx) của biểu mẫu {form.id} đã được cấp {by}; không gửi "
                "ảnh chụp, tệp PDF hay CSV.",
            ),
        ]
    return _rejected_lines(cat, form, state.file, item.copy, head, by)


def _rejected_lines(
    cat: Catalog, form: Form, file: FileResult, copy: str | None, head: str, by: str
) -> list[tuple[str, str]]:
    errors = [f for f in file.findings if f.is_error]
    sent = file.path.rsplit("/", 1)[-1]
    lines: list[tuple[str, str]] = [
        ("item", head),
        ("text", f"Văn phòng đã nhận tệp “{sent}” nhưng chưa tiếp nhận được vì báo cáo còn {len(errors)} lỗi sau:"),
    ]
    lines += [("bullet", text) for text in problem_lines(cat, form, errors)]
    warnings = [f for f in file.findings if f.is_warning and not f.explained]
    if warnings:
        lines.append(
            (
                "text",
                "Ngoài ra, đề nghị đơn vị xem lại các điểm sau (nếu số liệu đúng, ghi lý do vào ô “Giải trình” "
                "cuối biểu mẫu):",
            )
        )
        lines += [("bullet", text) for text in problem_lines(cat, form, warnings)]
    if copy:
        lines.append(
            (
                "text",
                f"Kèm theo công văn này là bản sao báo cáo của đơn vị có đánh dấu các ô cần sửa (tệp “{copy}”); "
                "mỗi ô tô màu có ghi chú nói rõ cần sửa gì.",
            )
        )
    lines.append(("text", f"Đề nghị đơn vị sửa trên tệp đã gửi (hoặc trên bản sao kèm theo), lưu lại và gửi lại {by}."))
    return lines


def letter_name(unit: Unit) -> str:
    """ "nhac_DB05_So-Tai-nguyen-va-Moi-truong.docx"."""
    words = ascii_words(unit.short)
    return safe_name(f"nhac_{unit.code}" + (f"_{words}" if words else "") + ".docx")


def write_reminders(
    result: MergeResult,
    out_dir: str | Path,
    deadline: dt.date | None = None,
    day: dt.date | None = None,
    inbox: str | Path | None = None,
    locked: list[Locked] | None = None,
) -> Written:
    """A letter for every unit that owes a form, the feedback copies of its rejected reports when
    ``inbox`` (where the reports are) is given, and the list of units to chase. ``day``: the
    letters' date (default today); ``deadline``: default the period's deadline in bloc.yaml.
    Names are ones Windows accepts, never two differing only by letter case."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    day = day or dt.date.today()
    if deadline is None and result.period is not None:
        deadline = result.period.deadline(result.catalog)
    names = NameSet()
    names.claim(CHASE_LIST)
    ctx = Context(result, deadline)
    written = Written()
    units = {u.code: u for u in result.catalog.units}
    plan: dict[str, list[Owed]] = {}
    for code, items in owed(result).items():
        plan[code] = []
        for form, state in items:
            copy = None
            if inbox is not None and state.status == "rejected" and state.file is not None:
                target = out_dir / names.claim(feedback_name(Path(state.file.path).name))
                copy = write_copy(ctx, state.file, Path(inbox) / state.file.path, target, locked)
            if copy is not None:
                written.copies.append(copy)
            plan[code].append(Owed(form, state, copy.name if copy else None))
        letter = letter_for(result, units[code], plan[code], deadline, day)
        written.letters.append(write_letter(letter, out_dir / names.claim(letter_name(units[code])), locked))
    rows = [ChaseRow(units[code], [chase_words(item) for item in items]) for code, items in plan.items()]
    written.chase_list = write_chase_list(result, rows, out_dir / CHASE_LIST, deadline, day, locked)
    return written


def chase_words(item: Owed) -> str:
    """What a unit owes, in a few words for the phone list."""
    form, state = item.form, item.state
    if state.status == "missing":
        return f"Chưa nộp {form_words(form)}."
    assert state.file is not None  # a rejected or unreadable unit sent a file
    sent = state.file.path.rsplit("/", 1)[-1]
    if state.status == "unreadable":
        return f"{form.id}: tệp “{sent}” không đọc được; cần gửi lại tệp Excel (.xlsx) của biểu mẫu."
    errors = [f for f in state.file.findings if f.is_error]
    labels: list[str] = []
    for f in errors:
        ind = form.indicators.get(f.indicator or "")
        if ind is not None and ind.label not in labels:
            labels.append(ind.label)
    shown = ", ".join(f"“{label}”" for label in labels[:3]) + (" …" if len(labels) > 3 else "")
    where = f" ở {shown}" if shown else ""
    copy = f"; bản góp ý: {item.copy}" if item.copy else ""
    return f"{form.id}: bị từ chối, còn {len(errors)} lỗi{where}{copy}."
