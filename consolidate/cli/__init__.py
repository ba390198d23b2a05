"""The command line: a thin click layer over the public API (:mod:`consolidate.api`).

:mod:`~consolidate.cli.group` holds the group and the entry point, :mod:`~consolidate.cli.commands`
the period's commands, :mod:`~consolidate.cli.cycle` those of the reporting cycle (receive, close,
reopen, history), :mod:`~consolidate.cli.options` what they share, :mod:`~consolidate.cli.errors` the
one place errors become messages, :mod:`~consolidate.cli.vietnamese` click's own words in
Vietnamese, :mod:`~consolidate.cli.terminal` the text a run prints.
"""

from consolidate.cli import commands as _commands  # noqa: F401  (registers the commands on the group)
from consolidate.cli import cycle as _cycle  # noqa: F401  (the reporting cycle's commands)
from consolidate.cli.group import cli, main

__all__ = ["cli", "main"]
