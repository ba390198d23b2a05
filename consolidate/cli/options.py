"""What the commands share: their options (in Vietnamese), and the small steps around each library
call — loading the catalog, parsing a period or a date, progress on a terminal, refusing outputs
inside the inbox, printing a result and exiting with its code."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from pathlib import Path

import click

from consolidate import api
from consolidate.cli.vietnamese import LANG_ENV, context_lang
from consolidate.cli.words import t
from consolidate.core import names
from consolidate.core.errors import Stop
from consolidate.core.numbers import format_number


def _set_lang(ctx: click.Context, _param, value: str) -> str:
    ctx.meta["lang"] = value
    return value


lang_option = click.option(
    "--lang",
    type=click.Choice(["vi", "en"]),
    default="vi",
    envvar=LANG_ENV,
    callback=_set_lang,
    is_eager=True,
    show_default=True,
    help="Ngôn ngữ thông báo: vi (tiếng Việt) hoặc en (English).",
)
schemas_option = click.option(
    "--schemas",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    metavar="THƯ_MỤC",
    help="Thư mục danh mục biểu mẫu (mặc định: danh mục kèm công cụ).",
)
period_option = click.option(
    "--period",
    "period_text",
    metavar="KỲ-NĂM",
    help="Kỳ báo cáo, ví dụ 9T-2021 (các kỳ khai báo trong schemas/bloc.yaml). Mặc định: kỳ mà đa số tệp ghi.",
)
json_option = click.option("--json", "as_json", is_flag=True, help="In một đối tượng JSON ra stdout.")
compare_option = click.option(
    "--compare-with",
    "compare_with",
    type=click.Path(path_type=Path),
    metavar="TỆP_HOẶC_THƯ_MỤC",
    help="Tệp tổng hợp (hoặc thư mục báo cáo) cùng kỳ năm trước để so sánh và cảnh báo thay đổi lớn. "
    "Mặc định: cùng kỳ năm trước đã ghi trong cơ sở dữ liệu lịch sử, nếu có.",
)
earlier_option = click.option(
    "--earlier",
    type=click.Path(path_type=Path),
    metavar="TỆP_HOẶC_THƯ_MỤC",
    help="Tệp tổng hợp (hoặc thư mục báo cáo) của kỳ trước trong cùng năm, ví dụ 6T-2021 khi tổng hợp 9T-2021: "
    "số cộng dồn của mỗi đơn vị không được giảm. Mặc định: kỳ gần nhất trước đó trong năm đã ghi trong cơ sở "
    "dữ liệu lịch sử, nếu có.",
)

deadline_option = click.option(
    "--deadline",
    "deadline_text",
    metavar="NGÀY",
    help="Hạn gửi báo cáo (hoặc bản sửa) ghi trong bản góp ý và thư nhắc (ngày/tháng/năm). "
    "Mặc định: hạn nộp của kỳ trong bloc.yaml, nếu có.",
)

db_option = click.option(
    "--db",
    type=click.Path(dir_okay=False, path_type=Path),
    envvar="CONSOLIDATE_DB",
    metavar="TỆP",
    help="Cơ sở dữ liệu lịch sử (SQLite; biến môi trường CONSOLIDATE_DB). Mặc định: tệp khai báo ở "
    "history: database trong schemas/bloc.yaml (~/consolidate/lich_su.sqlite3).",
)
no_db_option = click.option(
    "--no-db",
    "no_db",
    is_flag=True,
    help="Không dùng cơ sở dữ liệu lịch sử: không ghi, không đọc (thời điểm nhận lấy theo thư mục).",
)
by_option = click.option(
    "--by", metavar="TÊN", help="Người thực hiện, ghi vào nhật ký. Mặc định: tên người dùng đăng nhập máy tính."
)


def database(db: Path | None, no_db: bool = False) -> Path | bool | None:
    """The API's ``db``: False without a database, else the path given (None: the default one)."""
    return False if no_db else db


def load(schemas: Path | None):
    """The catalog; its load-time warnings (an English text missing …) go to stderr."""
    catalog = api.load_catalog(schemas)
    lang = context_lang(click.get_current_context(silent=True))
    for warning in catalog.warnings:
        click.echo(t("catalog_warning", lang, detail=warning.get(lang) or warning["en"]), err=True)
    return catalog


def period(catalog, text: str | None):
    if not text:
        return None
    from consolidate.core.periods import parse_period

    return parse_period(catalog, text)


def date(text: str | None) -> dt.date | None:
    """The date a user typed (ngày/tháng/năm or ISO), or None when none was given."""
    if not text:
        return None
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise Stop("err_date", value=text)


def deadline(text: str | None) -> dt.date | None:
    """The date ``--deadline`` gives, or None (the period's own deadline, if any, applies)."""
    return date(text) if text else None


def emit_json(payload: dict) -> None:
    click.echo(json.dumps(payload, ensure_ascii=False, indent=2))


def finish(
    result,
    lang: str,
    as_json: bool,
    text,
    written=(),
    extra: dict | None = None,
    unknown: list[str] | None = None,
    locked: Sequence[tuple[Path, Path]] = (),
) -> None:
    """Print a result as JSON or as the office's text plus what was written; exit with its code.

    An output another program held open (kept under another name, see ``api.write_summary``) is
    told on stderr and makes the exit code at least 1: the run is whole, but not where it was asked."""
    code = max(result.exit_code, 1) if locked else result.exit_code
    if as_json:
        payload = {**result.to_json(lang), **(extra or {})}
        if locked:
            payload["exit_code"] = code
            payload["locked_outputs"] = [{"file": str(target), "written": str(kept)} for target, kept in locked]
        emit_json(payload)
    else:
        click.echo(text(result, lang))
        from consolidate.cli.cycle_text import history_lines

        for line in history_lines(result, lang):
            click.echo(line)
        for key, path, n in written:
            click.echo(t(key, lang, path=path, n=n))
    if unknown:
        click.echo(t("report_unknown", lang, names=", ".join(unknown)), err=True)
    for target, kept in locked:
        click.echo(t("output_locked", lang, path=target, kept=kept, name=target.name), err=True)
    click.get_current_context().exit(code)


def is_inside(path: Path, folder: Path) -> bool:
    """True when ``path`` is ``folder`` or lies below it."""
    try:
        path.resolve().relative_to(folder.resolve())
        return True
    except ValueError:
        return False


def check_outputs(inbox: Path, *paths: Path | None) -> None:
    """Outputs never go into the inbox, which a run must leave unchanged; a path Windows refuses
    stops the run there before any work, and is a warning elsewhere (see :func:`long_paths`)."""
    for p in paths:
        if p is not None and is_inside(p, inbox):
            raise Stop("err_inside_inbox", inbox=inbox, path=p)
    long_paths([p for p in paths if p is not None], stop=names.WINDOWS)


def long_paths(paths, stop: bool = False, inbox: Path | None = None) -> None:
    """Tell, on stderr, the paths longer than Windows allows (the office's PC refuses them unless
    long paths were enabled); with ``stop``, the first one stops the run. ``inbox``: the paths are
    files of this inbox, told in one line."""
    lang = context_lang(click.get_current_context(silent=True))
    too_long = [Path(p) for p in paths if names.too_long(p)]
    if inbox is not None and too_long:
        shown = ", ".join(p.relative_to(inbox).as_posix() if is_inside(p, inbox) else str(p) for p in too_long[:5])
        more = f" {t('more', lang, n=len(too_long) - 5)}" if len(too_long) > 5 else ""
        click.echo(t("long_inbox_paths", lang, n=len(too_long), files=shown + more), err=True)
        return
    for p in too_long:
        if stop:
            raise Stop("err_long_path", path=p, n=names.path_length(p))
        click.echo(t("long_path", lang, path=p, n=names.path_length(p)), err=True)


def progress(enabled: bool, lang: str):
    if not enabled:
        return None
    state = {"done": 0}

    def tick(n: int, total: int) -> None:
        state["done"] += n
        word = "tệp" if lang == "vi" else "files"
        click.echo(
            f"\r… {format_number(state['done'], 0, lang)}/{format_number(total, 0, lang)} {word}", err=True, nl=False
        )

    return tick


def default_output(period) -> Path:
    """ "tong_hop_9T_2021.xlsx" in the current folder (one name every step uses)."""
    return Path(f"tong_hop_{period.file_tag}.xlsx" if period else "tong_hop.xlsx")
