"""The one place where an error that stops a run becomes a message: exit code 2, words in the
user's language, never a traceback (``CONSOLIDATE_DEBUG=1`` shows it to a developer)."""

from __future__ import annotations

import os
import sys

import click

from consolidate.cli.vietnamese import LocalizedGroup, context_lang
from consolidate.cli.words import t
from consolidate.core.errors import Stop
from consolidate.core.names import path_length, too_long


def translate(exc: BaseException, lang: str) -> str:
    """The one place where an error that stops a run becomes a message."""
    from consolidate.core.errors import CatalogError, CompareError, HistoryError, PeriodError

    if isinstance(exc, HistoryError):
        detail = t(exc.reason, lang, **exc.params)
        if exc.path and not exc.reason.startswith("cycle_"):  # the file is the problem, not the period
            return t("err_history", lang, path=exc.path, detail=detail)
        return f"{detail[0].upper()}{detail[1:]}."
    if isinstance(exc, CompareError):
        key = "err_earlier" if exc.option == "earlier" else "err_compare"
        return t(key, lang, path=exc.path, detail=t(exc.reason, lang))
    if isinstance(exc, Stop):
        return t(exc.key, lang, **exc.params)
    if isinstance(exc, CatalogError):
        return t("err_catalog", lang, detail=exc.text(lang))
    if isinstance(exc, PeriodError):
        return t("err_period", lang, value=exc.text, choices=exc.choices)
    if isinstance(exc, OSError) and exc.filename and too_long(str(exc.filename)):
        return t("err_long_path", lang, path=exc.filename, n=path_length(str(exc.filename)))
    if isinstance(exc, PermissionError) and exc.filename:
        return t("err_locked", lang, path=exc.filename)
    if isinstance(exc, OSError):
        return t("err_write", lang, path=exc.filename or "", detail=exc.strerror or str(exc))
    return t("err_internal", lang, detail=f"{type(exc).__name__}: {exc}")


class Group(LocalizedGroup):
    """The command group: usage errors in Vietnamese, run-stopping errors translated here."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise
        except BrokenPipeError:  # the reader went away (`… | head`): nothing left to tell anyone
            quiet_stdout()
            ctx.exit(1)
        except Exception as exc:  # translated once, here
            if os.environ.get("CONSOLIDATE_DEBUG"):
                raise
            click.echo(translate(exc, context_lang(ctx)), err=True)
            ctx.exit(2)


def quiet_stdout() -> None:
    """Point stdout at the null device after its reader closed the pipe, so the interpreter's
    final flush does not complain (the recipe of the Python documentation, "Note on SIGPIPE")."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):
        pass
