"""Errors that stop a run, raised by the library and translated into a message in one place
(``cli.translate``). This module imports nothing heavy, so the CLI can name them cheaply.
"""

from __future__ import annotations


class CompareError(Exception):
    """The previous period's figures (``--compare-with``) cannot be read; ``reason`` is an i18n key."""

    def __init__(self, path: object, reason: str):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason = str(path), reason
