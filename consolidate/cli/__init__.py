"""The command line: a thin click layer over the public API (:mod:`consolidate.api`).

:mod:`~consolidate.cli.group` holds the group and the entry point, :mod:`~consolidate.cli.commands`
the commands, :mod:`~consolidate.cli.options` what they share, :mod:`~consolidate.cli.errors` the
one place errors become messages, :mod:`~consolidate.cli.vietnamese` click's own words in
Vietnamese, :mod:`~consolidate.cli.terminal` the text a run prints.
"""

from consolidate.cli import commands as _commands  # noqa: F401  (registers the commands on the group)
from consolidate.cli.group import cli, main

__all__ = ["cli", "main"]
