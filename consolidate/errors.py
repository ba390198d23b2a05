"""Errors that stop a run, raised by the library and translated into a message in one place
(``cli.translate``). This module imports nothing heavy, so the CLI can name them cheaply.
"""

from __future__ import annotations


class CompareError(Exception):
    """Another period's figures cannot be used; ``reason`` is an i18n key and ``option`` the one
    that named them (``compare_with``: the same period last year, ``earlier``: this year's)."""

    def __init__(self, path: object, reason: str, option: str = "compare_with"):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason, self.option = str(path), reason, option
