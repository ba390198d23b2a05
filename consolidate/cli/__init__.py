"""The command line: a thin click layer over the public API (:mod:`consolidate.api`)."""

from consolidate.cli.commands import cli, main

__all__ = ["cli", "main"]
