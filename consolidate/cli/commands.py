"""The commands of the period's work: issue templates, merge an inbox, validate files, follow up
who sent what, list the finding codes. Each parses its options, calls the public API
(:mod:`consolidate.api`), renders text or ``--json`` and exits: 0 everything expected was accepted
with no errors; 1 the run finished but something was rejected, invalid or missing; 2 nothing usable
was produced. Heavy libraries load inside the API calls, so ``--help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path

import click

from consolidate import api
from consolidate.cli import options
from consolidate.cli.group import cli
from consolidate.cli.words import t
from consolidate.core import names
from consolidate.core.errors import Stop
from consolidate.core.words import lower_first


@cli.command()
@click.option("--period", "period_text", metavar="KỲ-NĂM", help="Kỳ báo cáo ghi sẵn vào biểu mẫu, ví dụ 9T-2021.")
@click.option(
    "-o",
    "--output",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    metavar="THƯ_MỤC",
    help="Thư mục ghi biểu mẫu.",
)
@click.option("--unit", "units", multiple=True, metavar="MÃ", help="Chỉ ghi biểu mẫu cho đơn vị này (lặp lại được).")
@click.option("--blank", is_flag=True, help="Ghi biểu mẫu trống (không ghi sẵn đơn vị, kỳ báo cáo).")
@click.option(
    "--form",
    "forms",
    multiple=True,
    metavar="MÃ_BIỂU",
    help="Chỉ ghi biểu mẫu này (lặp lại được). Mặc định: mọi biểu mẫu trong danh mục.",
)
@options.schemas_option
@options.lang_option
def template(period_text, output, units, blank, forms, schemas, lang):
    """Ghi biểu mẫu sẵn sàng để điền: mỗi biểu mẫu, mỗi đơn vị phải nộp một tệp, kèm biểu mẫu cấp Khối."""
    catalog = options.load(schemas)
    period = options.period(catalog, period_text)
    for code in units:
        if catalog.unit(code) is None and code != catalog.bloc.code:
            raise Stop("err_unit", value=code)
    for form in forms:
        if form not in catalog.forms:
            raise Stop("err_form", value=form, choices=", ".join(catalog.forms))
    blank = blank or period is None
    undue = [] if blank else not_due(catalog, units, forms, lang)
    paths = api.template(output, catalog, period=period, units=units, blank=blank, forms=forms)
    if undue and not paths:  # nothing written, and this is why
        raise Stop("err_none_due", lines="\n".join(undue))
    for text in undue:
        click.echo(t("catalog_warning", lang, detail=text), err=True)
    click.echo(t("templates_written", lang, n=len(paths), path=output))


def not_due(catalog, units, forms, lang: str) -> list[str]:
    """One sentence for each unit asked for (``--unit``) and each form asked for (``--form``) that the
    unit does not send, saying who does; without ``--form``, one when the unit sends no form at all."""
    chosen = [f for f in catalog.forms.values() if not forms or f.id in forms]
    lines = []
    for code in dict.fromkeys(units):
        unit = catalog.unit(code)  # None: the bloc committee's own code
        missed = [f for f in chosen if not _sends(catalog, unit, f)]
        if forms:
            lines += [_not_due_line(catalog, unit, f, lang) for f in missed]
        elif missed and len(missed) == len(chosen):
            lines.append(t("unit_sends_none", lang, unit=code))
    return lines


def _sends(catalog, unit, form) -> bool:
    if unit is None:
        return form.submitted_by == "bloc"
    return unit in catalog.expected(form)


def _not_due_line(catalog, unit, form, lang: str) -> str:
    en = lang == "en"
    params = {"form": form.id, "form_name": form.title_en if en else (form.name or form.title)}
    bloc = catalog.bloc
    if unit is None:  # the bloc committee's own code: it fills the bloc-level form only
        return t("bloc_not_due", lang, committee=bloc.committee, **params)
    who = {"unit": unit.code, "name": unit.name, **params}
    if form.submitted_by == "bloc":
        return t("unit_not_due_bloc", lang, committee=bloc.committee, bloc=bloc.code, **who)
    kind = ", ".join(
        option.label_en if en and option.label_en != option.label else lower_first(option.label)
        for option in (catalog.unit_types[unit.type], catalog.sectors[unit.sector])
    )
    due = catalog.expected(form)
    return t("unit_not_due", lang, kind=kind, who=_who(catalog, form, lang), n=len(due), **who)


def _who(catalog, form, lang: str) -> str:
    """The units ``form`` is for, in words: "đảng bộ cơ sở" (the catalog's wording; in English too
    unless the registry gives its types and sectors English labels)."""
    tables = {"type": catalog.unit_types}
    terms = [(tables.get(attr, catalog.sectors), sorted(allowed)) for attr, allowed in form.applies_to.terms]
    if lang != "en" or any(table[k].label_en == table[k].label for table, keys in terms for k in keys if k in table):
        return catalog.who(form.applies_to)
    return " that are ".join(" or ".join(table[k].label_en for k in keys if k in table) for table, keys in terms)


@cli.command()
@click.argument("inbox", type=click.Path(path_type=Path), metavar="THƯ_MỤC_NHẬN")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="TỆP",
    help="Tệp tổng hợp (.xlsx). Mặc định: tong_hop_<KỲ>_<NĂM>.xlsx trong thư mục hiện tại.",
)
@options.period_option
@options.json_option
@click.option(
    "--feedback",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Ghi cho mỗi tệp có lỗi hoặc cảnh báo một bản sao đánh dấu ô có vấn đề vào thư mục này.",
)
@click.option(
    "--report", type=click.Path(dir_okay=False, path_type=Path), metavar="TỆP", help="Ghi dự thảo báo cáo (.docx)."
)
@click.option(
    "--report-template",
    "report_template",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    metavar="TỆP",
    help="Mẫu lời văn của báo cáo (mặc định: templates/bao_cao.txt).",
)
@options.compare_option
@options.earlier_option
@click.option(
    "--date",
    "date_text",
    metavar="NGÀY",
    help="Ngày ghi trên bảng tổng hợp và dự thảo báo cáo (ngày/tháng/năm). Mặc định: hạn nộp báo cáo của kỳ "
    "trong schemas/bloc.yaml, không có thì hôm nay.",
)
@options.deadline_option
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=None,
    metavar="SỐ",
    help="Số tiến trình đọc tệp song song (mặc định: số lõi, tối đa 8).",
)
@options.db_option
@options.no_db_option
@options.by_option
@options.schemas_option
@options.lang_option
def merge(
    inbox,
    output,
    period_text,
    as_json,
    feedback,
    report,
    report_template,
    compare_with,
    earlier,
    date_text,
    deadline_text,
    workers,
    db,
    no_db,
    by,
    schemas,
    lang,
):
    """Đọc, kiểm tra và tổng hợp mọi báo cáo trong THƯ_MỤC_NHẬN (thư mục này không bị thay đổi), ghi lần
    tổng hợp vào cơ sở dữ liệu lịch sử; so sánh với cùng kỳ năm trước và kỳ trước trong năm đã ghi ở đó."""
    if not inbox.is_dir():
        raise Stop("err_inbox", path=inbox)
    catalog = options.load(schemas)
    period = options.period(catalog, period_text)
    day = options.date(date_text)
    deadline = options.deadline(deadline_text)
    options.check_outputs(inbox, output, feedback, report)
    progress = options.progress(sys.stderr.isatty() and not as_json, lang)
    result = api.merge(
        inbox,
        catalog,
        period=period,
        compare_with=compare_with,
        earlier=earlier,
        workers=workers,
        progress=progress,
        db=options.database(db, no_db),
        by=by,
    )
    if progress:
        click.echo("", err=True)
    options.long_paths([inbox / r.path for r in result.files], inbox=inbox)
    if output is None:
        output = options.default_output(result.period)
        options.long_paths([output], stop=names.WINDOWS)
    locked: api.Locked = []  # outputs open in Excel or Word: kept under the next free name
    day, source = api.document_date(result, day)
    summary = api.write_summary(result, output, date=day, locked=locked)
    written = [("written", summary, 0)]
    unknown: list[str] = []
    if report is not None:
        path, missing = api.write_report(result, report, date=day, template=report_template, locked=locked)
        written.append(("report_written", path, 0))
        unknown = sorted(missing)
    if feedback is not None:
        copies = api.write_feedback(result, feedback, inbox=inbox, lang=lang, locked=locked, deadline=deadline)
        written.append(("annotated_written" if copies else "annotated_none", feedback, len(copies)))
        options.long_paths(copies)
    from consolidate.cli.terminal import merge_text

    if source != "given":  # said first: the "Đã ghi" lines close the output
        written.insert(0, (f"date_{source}", day.strftime("%d/%m/%Y"), 0))
    extra = {"output": str(summary), "date": day.isoformat(), "date_source": source}
    options.finish(result, lang, as_json, merge_text, written, extra, unknown, locked)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TỆP...")
@options.period_option
@options.json_option
@click.option(
    "--annotate",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Ghi bản sao của mỗi tệp có lỗi hoặc cảnh báo, đánh dấu ô có vấn đề, vào thư mục này.",
)
@options.deadline_option
@options.db_option
@options.no_db_option
@options.schemas_option
@options.lang_option
def validate(files, period_text, as_json, annotate, deadline_text, db, no_db, schemas, lang):
    """Kiểm tra từng tệp báo cáo như khi tổng hợp, nhưng không tổng hợp (cơ sở dữ liệu lịch sử chỉ được đọc)."""
    catalog = options.load(schemas)
    options.long_paths(files)
    result = api.validate(files, catalog, period=options.period(catalog, period_text), db=options.database(db, no_db))
    written = []
    locked: api.Locked = []
    if annotate is not None:
        copies = api.write_feedback(
            result, annotate, lang=lang, locked=locked, deadline=options.deadline(deadline_text)
        )
        written.append(("annotated_written" if copies else "annotated_none", annotate, len(copies)))
        options.long_paths(copies)
    from consolidate.cli.terminal import validate_text

    options.finish(result, lang, as_json, validate_text, written, locked=locked)


@cli.command()
@click.argument("inbox", type=click.Path(path_type=Path), metavar="THƯ_MỤC_NHẬN")
@options.period_option
@options.json_option
@click.option(
    "--reminders",
    type=click.Path(file_okay=False, path_type=Path),
    metavar="THƯ_MỤC",
    help="Ghi vào thư mục này thư nhắc (.docx) cho mỗi đơn vị chưa nộp hoặc bị từ chối, bản góp ý kèm theo "
    "và danh sách đơn vị cần đôn đốc.",
)
@options.deadline_option
@click.option("--date", "date_text", metavar="NGÀY", help="Ngày ghi trên thư nhắc (ngày/tháng/năm). Mặc định: hôm nay.")
@options.compare_option
@options.earlier_option
@options.db_option
@options.no_db_option
@options.schemas_option
@options.lang_option
def status(
    inbox, period_text, as_json, reminders, deadline_text, date_text, compare_with, earlier, db, no_db, schemas, lang
):
    """Đơn vị nào đã nộp, bị từ chối, chưa nộp; kỳ đã chốt chưa; tùy chọn ghi thư nhắc và danh sách cần đôn đốc."""
    if not inbox.is_dir():
        raise Stop("err_inbox", path=inbox)
    catalog = options.load(schemas)
    options.check_outputs(inbox, reminders)
    deadline, day = options.deadline(deadline_text), options.date(date_text)
    result = api.status(
        inbox,
        catalog,
        period=options.period(catalog, period_text),
        compare_with=compare_with,
        earlier=earlier,
        db=options.database(db, no_db),
    )
    options.long_paths([inbox / r.path for r in result.files], inbox=inbox)
    written = []
    locked: api.Locked = []
    if reminders is not None:
        out = api.write_reminders(result, reminders, deadline=deadline, date=day, inbox=inbox, locked=locked)
        written.append(("reminders_written" if out.letters else "reminders_none", reminders, len(out.letters)))
        if out.copies:
            written.append(("annotated_written", reminders, len(out.copies)))
        if out.chase_list is not None:
            written.append(("chase_written", out.chase_list, 0))
        if date_text is None:  # said first: the letters carry today's date
            written.insert(0, ("letters_date_today", dt.date.today().strftime("%d/%m/%Y"), 0))
    from consolidate.cli.terminal import status_text

    options.finish(result, lang, as_json, status_text, written, locked=locked)


@cli.command()
@click.option("--markdown", is_flag=True, help="In dạng Markdown (như docs/ma-loi.md).")
@options.schemas_option
@options.lang_option
def codes(markdown, schemas, lang):
    """Danh mục mã lỗi: mã, mức độ, ý nghĩa, cách khắc phục."""
    click.echo(api.codebook(options.load(schemas), markdown=markdown, lang=lang))
