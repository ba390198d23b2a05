"""The command line: a thin click layer over the library.

Each command parses its options, calls one library function, renders text (or ``--json``) and
sets the exit code: 0 everything expected was accepted with no errors; 1 the run finished but
something was rejected, invalid or missing; 2 nothing usable was produced (bad arguments,
unreadable catalog, unwritable output). :class:`_Group` is the one place where errors that stop a
run become messages; no traceback reaches the user. Heavy libraries (pandas, pandera, openpyxl,
xlsxwriter) are imported inside the commands that need them, so ``--help`` stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path

import click

from consolidate import __version__, api
from consolidate.cli.vietnamese import LANG_ENV, LocalizedGroup, context_lang
from consolidate.cli.words import t
from consolidate.core.errors import Stop
from consolidate.core.numbers import format_number




def translate(exc: BaseException, lang: str) -> str:
    """The one place where an error that stops a run becomes a message."""
    from consolidate.core.errors import CatalogError, CompareError, PeriodError
    if isinstance(exc, CompareError):
        key = "err_earlier" if exc.option == "earlier" else "err_compare"
        return t(key, lang, path=exc.path, detail=t(exc.reason, lang))
    if isinstance(exc, Stop):
        return t(exc.key, lang, **exc.params)
    if isinstance(exc, CatalogError):
        return t("err_catalog", lang, detail=str(exc))
    if isinstance(exc, PeriodError):
        return t("err_period", lang, value=exc.text, choices=exc.choices)
    if isinstance(exc, OSError):
        return t("err_write", lang, path=exc.filename or "", detail=exc.strerror or str(exc))
    return t("err_internal", lang, detail=f"{type(exc).__name__}: {exc}")


class _Group(LocalizedGroup):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except Exception as exc:  # translated once, here
            if os.environ.get("CONSOLIDATE_DEBUG"):
                raise
            click.echo(translate(exc, context_lang(ctx)), err=True)
            ctx.exit(2)


def _set_lang(ctx: click.Context, _param, value: str) -> str:
    ctx.meta["lang"] = value
    return value


lang_option = click.option("--lang", type=click.Choice(["vi", "en"]), default="vi", envvar=LANG_ENV,
                           callback=_set_lang, is_eager=True, show_default=True,
                           help="Ngôn ngữ thông báo: vi (tiếng Việt) hoặc en (English).")
schemas_option = click.option("--schemas", type=click.Path(file_okay=False, path_type=Path), default=None,
                              metavar="THƯ_MỤC", help="Thư mục danh mục biểu mẫu (mặc định: danh mục kèm công cụ).")
period_option = click.option("--period", "period_text", metavar="KỲ-NĂM",
                             help="Kỳ báo cáo, ví dụ 9T-2021 (các kỳ khai báo trong schemas/bloc.yaml). Mặc định: kỳ mà đa số tệp ghi.")
json_option = click.option("--json", "as_json", is_flag=True, help="In một đối tượng JSON ra stdout.")
compare_option = click.option(
    "--compare-with", "compare_with", type=click.Path(path_type=Path), metavar="TỆP_HOẶC_THƯ_MỤC",
    help="Tệp tổng hợp (hoặc thư mục báo cáo) cùng kỳ năm trước để so sánh và cảnh báo thay đổi lớn.")
earlier_option = click.option(
    "--earlier", type=click.Path(path_type=Path), metavar="TỆP_HOẶC_THƯ_MỤC",
    help="Tệp tổng hợp (hoặc thư mục báo cáo) của kỳ trước trong cùng năm, ví dụ 6T-2021 khi tổng hợp 9T-2021: "
         "số cộng dồn của mỗi đơn vị không được giảm.")


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="consolidate", message="%(prog)s, phiên bản %(version)s",
                      help="Hiện phiên bản và thoát.")
def cli() -> None:
    """Tổng hợp báo cáo Excel của các tổ chức cơ sở đảng: kiểm tra, cộng dồn, lập bảng tổng hợp.

    \b
    Các bước thường làm:
      consolidate template --period 9T-2021 -o bieu_mau/   # phát biểu mẫu cho các đơn vị
      consolidate merge thu_muc_nhan/ -o tong_hop.xlsx     # tổng hợp báo cáo đã nhận
      consolidate status thu_muc_nhan/ --reminders nhac/   # đơn vị nào chưa nộp, bị từ chối
    """


def _catalog(schemas: Path | None):
    return api.load_catalog(schemas)


def _period(catalog, text: str | None):
    if not text:
        return None
    from consolidate.core.periods import parse_period
    return parse_period(catalog, text)


def _date(text: str | None) -> dt.date:
    if not text:
        return dt.date.today()
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise Stop("err_date", value=text)


def _emit_json(payload: dict) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def _finish(result, lang: str, as_json: bool, text, written=(), extra: dict | None = None,
            unknown: list[str] | None = None) -> None:
    """Print a result as JSON or as the office's text plus what was written; exit with its code."""
    if as_json:
        _emit_json({**result.to_json(lang), **(extra or {})})
    else:
        click.echo(text(result, lang))
        for key, path, n in written:
            click.echo(t(key, lang, path=path, n=n))
    if unknown:
        click.echo(t("report_unknown", lang, names=", ".join(unknown)), err=True)
    click.get_current_context().exit(result.exit_code)


@cli.command()
@click.option("--period", "period_text", metavar="KỲ-NĂM", help="Kỳ báo cáo ghi sẵn vào biểu mẫu, ví dụ 9T-2021.")
@click.option("-o", "--output", type=click.Path(file_okay=False, path_type=Path), required=True, metavar="THƯ_MỤC",
              help="Thư mục ghi biểu mẫu.")
@click.option("--unit", "units", multiple=True, metavar="MÃ", help="Chỉ ghi biểu mẫu cho đơn vị này (lặp lại được).")
@click.option("--blank", is_flag=True, help="Ghi biểu mẫu trống (không ghi sẵn đơn vị, kỳ báo cáo).")
@schemas_option
@lang_option
def template(period_text, output, units, blank, schemas, lang):
    """Ghi biểu mẫu sẵn sàng để điền: mỗi đơn vị một tệp, kèm biểu mẫu của Đảng ủy Khối."""
    catalog = _catalog(schemas)
    period = _period(catalog, period_text)
    for code in units:
        if catalog.unit(code) is None and code != catalog.bloc.code:
            raise Stop("err_unit", value=code)
    paths = api.template(output, catalog, period=period, units=units, blank=blank)
    click.echo(t("templates_written", lang, n=len(paths), path=output))


def _is_inside(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies below it."""
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def _check_outputs(inbox: Path, *paths: Path | None) -> None:
    """Outputs never go into the inbox, which a run must leave unchanged."""
    for p in paths:
        if p is not None and _is_inside(p, inbox):
            raise Stop("err_inside_inbox", inbox=inbox, path=p)


def _progress(enabled: bool, lang: str):
    if not enabled:
        return None
    state = {"done": 0}

    def tick(n: int, total: int) -> None:
        state["done"] += n
        word = "tệp" if lang == "vi" else "files"
        click.echo(f"\r… {format_number(state['done'], 0, lang)}/{format_number(total, 0, lang)} {word}",
                   err=True, nl=False)
    return tick


def default_output(period) -> Path:
    """ "tong_hop_9T_2021.xlsx" in the current folder (one name every step uses)."""
    return Path(f"tong_hop_{period.file_tag}.xlsx" if period else "tong_hop.xlsx")


@cli.command()
@click.argument("inbox", type=click.Path(path_type=Path), metavar="THƯ_MỤC_NHẬN")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), metavar="TỆP",
              help="Tệp tổng hợp (.xlsx). Mặc định: tong_hop_<KỲ>_<NĂM>.xlsx trong thư mục hiện tại.")
@period_option
@json_option
@click.option("--feedback", type=click.Path(file_okay=False, path_type=Path), metavar="THƯ_MỤC",
              help="Ghi cho mỗi tệp có lỗi hoặc cảnh báo một bản sao đánh dấu ô có vấn đề vào thư mục này.")
@click.option("--report", type=click.Path(dir_okay=False, path_type=Path), metavar="TỆP", help="Ghi dự thảo báo cáo (.docx).")
@click.option("--report-template", "report_template", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              metavar="TỆP",
              help="Mẫu lời văn của báo cáo (mặc định: templates/bao_cao.txt).")
@compare_option
@earlier_option
@click.option("--date", "date_text", metavar="NGÀY", help="Ngày ghi trên văn bản (ngày/tháng/năm). Mặc định: hôm nay.")
@click.option("--workers", type=click.IntRange(1, 64), default=None, metavar="SỐ",
              help="Số tiến trình đọc tệp song song (mặc định: số lõi, tối đa 8).")
@schemas_option
@lang_option
def merge(inbox, output, period_text, as_json, feedback, report, report_template, compare_with, earlier, date_text,
          workers, schemas, lang):
    """Đọc, kiểm tra và tổng hợp mọi báo cáo trong THƯ_MỤC_NHẬN (thư mục này không bị thay đổi)."""
    if not inbox.is_dir():
        raise Stop("err_inbox", path=inbox)
    catalog = _catalog(schemas)
    period = _period(catalog, period_text)
    day = _date(date_text)
    _check_outputs(inbox, output, feedback, report)
    progress = _progress(sys.stderr.isatty() and not as_json, lang)
    result = api.merge(inbox, catalog, period=period, compare_with=compare_with, earlier=earlier,
                       workers=workers, progress=progress)
    if progress:
        click.echo("", err=True)
    output = output or default_output(result.period)
    written = [("written", api.write_summary(result, output, date=day), 0)]
    unknown: list[str] = []
    if report is not None:
        path, missing = api.write_report(result, report, date=day, template=report_template)
        written.append(("report_written", path, 0))
        unknown = sorted(missing)
    if feedback is not None:
        copies = api.write_feedback(result, feedback, inbox=inbox, lang=lang)
        written.append(("annotated_written", feedback, len(copies)))
    from consolidate.cli.terminal import merge_text
    _finish(result, lang, as_json, merge_text, written, {"output": str(output)}, unknown)


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TỆP...")
@period_option
@json_option
@click.option("--annotate", type=click.Path(file_okay=False, path_type=Path), metavar="THƯ_MỤC",
              help="Ghi bản sao của mỗi tệp có lỗi hoặc cảnh báo, đánh dấu ô có vấn đề, vào thư mục này.")
@schemas_option
@lang_option
def validate(files, period_text, as_json, annotate, schemas, lang):
    """Kiểm tra từng tệp báo cáo như khi tổng hợp, nhưng không tổng hợp."""
    catalog = _catalog(schemas)
    result = api.validate(files, catalog, period=_period(catalog, period_text))
    written = []
    if annotate is not None:
        copies = api.write_feedback(result, annotate, lang=lang)
        written.append(("annotated_written", annotate, len(copies)))
    from consolidate.cli.terminal import validate_text
    _finish(result, lang, as_json, validate_text, written)


@cli.command()
@click.argument("inbox", type=click.Path(path_type=Path), metavar="THƯ_MỤC_NHẬN")
@period_option
@json_option
@click.option("--reminders", type=click.Path(file_okay=False, path_type=Path), metavar="THƯ_MỤC",
              help="Ghi thư nhắc cho mỗi đơn vị chưa nộp hoặc bị từ chối vào thư mục này.")
@click.option("--deadline", "deadline_text", metavar="NGÀY", help="Hạn nộp ghi trong thư nhắc (ngày/tháng/năm).")
@compare_option
@earlier_option
@schemas_option
@lang_option
def status(inbox, period_text, as_json, reminders, deadline_text, compare_with, earlier, schemas, lang):
    """Đơn vị nào đã nộp, bị từ chối, chưa nộp; tùy chọn ghi thư nhắc."""
    if not inbox.is_dir():
        raise Stop("err_inbox", path=inbox)
    catalog = _catalog(schemas)
    _check_outputs(inbox, reminders)
    deadline = _date(deadline_text) if deadline_text else None
    result = api.status(inbox, catalog, period=_period(catalog, period_text), compare_with=compare_with,
                        earlier=earlier)
    written = []
    if reminders is not None:
        letters = api.write_reminders(result, reminders, deadline=deadline)
        written.append(("reminders_written", reminders, len(letters)))
    from consolidate.cli.terminal import status_text
    _finish(result, lang, as_json, status_text, written)


@cli.command()
@click.option("--markdown", is_flag=True, help="In dạng Markdown (như docs/ma-loi.md).")
@schemas_option
@lang_option
def codes(markdown, schemas, lang):
    """Danh mục mã lỗi: mã, mức độ, ý nghĩa, cách khắc phục."""
    click.echo(api.codebook(_catalog(schemas), markdown=markdown, lang=lang))


def main() -> None:
    """The console entry point. Once the command has returned (its outputs written, closed and
    renamed) and stdout/stderr are flushed, the process ends without tearing the interpreter down:
    freeing pandas, pandera and every record read costs 0.1–0.2 s and changes nothing."""
    try:
        cli(prog_name="consolidate")
        code = 0
    except SystemExit as exc:
        code = _exit_status(exc.code)
    except Exception as exc:  # the last guard: whatever escaped click still reaches the user as words
        if os.environ.get("CONSOLIDATE_DEBUG"):
            raise
        click.echo(translate(exc, context_lang(None)), err=True)
        code = 2
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):      # a closed pipe: let Python report it the usual way
        sys.exit(code)
    os._exit(code)


def _exit_status(code: object) -> int:
    """What ``sys.exit(code)`` would make of ``code``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
