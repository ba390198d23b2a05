"""click in Vietnamese: the help scaffolding ("Cách dùng:", "Tùy chọn:", "Lệnh:") and the usage
errors click raises itself (an unknown option, a missing argument, a bad value), so a clerk who
mistypes a command reads Vietnamese too. ``--lang en`` (or CONSOLIDATE_LANG=en) keeps click's own
English.

The language is known before click parses anything: :class:`LocalizedGroup` looks for ``--lang``
in the raw arguments, because an unknown option stops parsing before ``--lang`` is processed.
Errors of the library are not handled here; :mod:`consolidate.cli.errors` translates those.
"""

from __future__ import annotations

import os
import re
import sys
from contextlib import contextmanager
from typing import TYPE_CHECKING

import click
from click.exceptions import NoArgsIsHelpError, NoSuchCommand

LANG_ENV = "CONSOLIDATE_LANG"
SECTIONS = {"Options": "Tùy chọn", "Commands": "Lệnh", "Arguments": "Đối số"}
HELP_VI, HELP_EN = "Hiện hướng dẫn này và thoát.", "Show this message and exit."
OPTIONS_METAVAR = "[TÙY_CHỌN]"
COMMAND_METAVAR = "LỆNH [ĐỐI_SỐ]..."


def context_lang(ctx: click.Context | None) -> str:
    """vi | en: ``--lang`` once processed, else as seen in the raw arguments, else the environment."""
    meta = ctx.meta if ctx is not None else {}
    lang = meta.get("lang") or meta.get("lang_hint")
    if lang:
        return lang
    return "en" if os.environ.get(LANG_ENV) == "en" else "vi"


def lang_in(args: list[str]) -> str | None:
    """The value of ``--lang`` in raw command-line arguments, if any."""
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            return args[i + 1] if args[i + 1] in ("vi", "en") else None
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in ("vi", "en") else None
    return None


class VietnameseFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "Cách dùng: " if prefix is None else prefix)

    @contextmanager
    def section(self, name: str):
        with super().section(SECTIONS.get(name, name)):
            yield

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        super().write_dl([(term, _EXTRA.sub(_extra_vi, text)) for term, text in rows], col_max, col_spacing)


_EXTRA = re.compile(r"\[([^\[\]]*)\]$")


def _extra_vi(match: re.Match) -> str:
    """click's "[default: vi; required]" after an option's help, in Vietnamese."""
    parts = [p.strip() for p in match.group(1).split(";")]
    words = {"required": "bắt buộc"}
    out = [words.get(p, "mặc định: " + p[len("default: ") :] if p.startswith("default: ") else p) for p in parts]
    return "[" + "; ".join(out) + "]"


class LocalizedContext(click.Context):
    def make_formatter(self) -> click.HelpFormatter:
        if context_lang(self) == "vi":
            return VietnameseFormatter(width=self.terminal_width, max_width=self.max_content_width)
        return super().make_formatter()


if TYPE_CHECKING:  # to mypy the mixin is a Command, so its super() calls resolve
    _CommandBase = click.Command
else:
    _CommandBase = object


class _Localized(_CommandBase):
    """What commands and groups share: Vietnamese usage pieces, help option and usage errors."""

    context_class = LocalizedContext

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        pieces = super().collect_usage_pieces(ctx)
        if context_lang(ctx) != "vi":
            return pieces
        swap = {"[OPTIONS]": OPTIONS_METAVAR, "COMMAND [ARGS]...": COMMAND_METAVAR}
        return [swap.get(p, p) for p in pieces]

    def get_help_option(self, ctx: click.Context):
        option = super().get_help_option(ctx)
        if option is not None:  # one cached option object serves every language
            option.help = HELP_VI if context_lang(ctx) == "vi" else HELP_EN
        return option

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        try:
            return super().parse_args(ctx, args)
        except click.UsageError as exc:
            raise localized(exc, ctx) from None


class LocalizedCommand(_Localized, click.Command):
    pass


class LocalizedGroup(_Localized, click.Group):
    command_class = LocalizedCommand

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        ctx.meta.setdefault("lang_hint", lang_in(args))
        return super().parse_args(ctx, args)

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except click.UsageError as exc:  # an unknown command, or a sub-command's usage
            raise localized(exc, exc.ctx or ctx) from None


class VietnameseUsageError(click.UsageError):
    """A usage error already worded in Vietnamese, shown with a Vietnamese usage line and hint."""

    def show(self, file=None) -> None:
        file = file or sys.stderr
        color = self.ctx.color if self.ctx is not None else None
        if self.ctx is not None:
            hint = f"Xem “{self.ctx.command_path} --help” để biết cách dùng.\n"
            click.echo(f"{self.ctx.get_usage()}\n{hint}", file=file, color=color)
        click.echo(f"Lỗi: {self.message}", file=file, color=color)


def localized(exc: click.UsageError, ctx: click.Context) -> click.UsageError:
    """``exc`` in the user's language: unchanged in English, reworded in Vietnamese."""
    if isinstance(exc, (VietnameseUsageError, NoArgsIsHelpError)) or context_lang(ctx) != "vi":
        return exc
    return VietnameseUsageError(vietnamese(exc), exc.ctx or ctx)


def vietnamese(exc: click.UsageError) -> str:
    """The Vietnamese wording of a click usage error (its English text when the kind is unknown)."""
    if isinstance(exc, click.NoSuchOption):
        return f"Không có tùy chọn “{exc.option_name}”.{_did_you_mean(exc.possibilities)}"
    if isinstance(exc, NoSuchCommand):
        return f"Không có lệnh “{exc.command_name}”.{_did_you_mean(exc.possibilities)}"
    if isinstance(exc, click.BadOptionUsage):
        if "requires an argument" in exc.message:
            return f"Tùy chọn “{exc.option_name}” cần có giá trị."
        return f"Tùy chọn “{exc.option_name}” dùng không đúng."
    if isinstance(exc, click.MissingParameter):
        kind = "đối số" if exc.param is not None and exc.param.param_type_name == "argument" else "tùy chọn"
        return f"Thiếu {kind} “{_name(exc)}”."
    if isinstance(exc, click.BadParameter):
        return f"Giá trị không hợp lệ cho “{_name(exc)}”: {_expected(exc)}."
    if exc.message.startswith("Got unexpected extra argument"):
        extra = exc.message[exc.message.find("(") + 1 : exc.message.rfind(")")]
        return f"Thừa đối số: {extra}."
    return exc.message


def _did_you_mean(possibilities) -> str:
    if not possibilities:
        return ""
    return " Có phải ý bạn là " + " hoặc ".join(f"“{p}”" for p in possibilities) + "?"


def _name(exc: click.BadParameter) -> str:
    if exc.param_hint:
        hint = exc.param_hint if isinstance(exc.param_hint, str) else " / ".join(exc.param_hint)
    elif exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)
    else:
        hint = ""
    return hint.replace("'", "").removesuffix("...")


def _expected(exc: click.BadParameter) -> str:
    kind = exc.param.type if exc.param is not None else None
    if isinstance(kind, click.Choice):
        return "chỉ nhận " + ", ".join(str(c) for c in kind.choices)
    if isinstance(kind, click.IntRange) and kind.min is not None and kind.max is not None:
        return f"cần một số nguyên từ {kind.min} đến {kind.max}"
    if isinstance(kind, (click.IntRange, click.types.IntParamType)):
        return "cần một số nguyên"
    if isinstance(kind, click.Path):
        if "does not exist" in exc.message:
            quoted = re.search(r"'(.+)'", exc.message)
            return f"không có tệp hoặc thư mục “{quoted.group(1)}”" if quoted else "không có tệp hoặc thư mục này"
        return (
            "cần một tệp"
            if not kind.dir_okay
            else "cần một thư mục"
            if not kind.file_okay
            else "đường dẫn không dùng được"
        )
    return "giá trị không dùng được"
