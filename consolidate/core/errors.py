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


class CatalogError(Exception):
    """A catalog file is missing, unreadable or inconsistent; ``str()`` names file and key path."""

    def __init__(self, file: str, path: str, message: str):
        super().__init__(f"{file}: {path}: {message}" if path else f"{file}: {message}")
        self.file, self.path, self.message = file, path, message


class PeriodError(ValueError):
    """Text that does not name a period of the catalog; ``choices`` lists the catalog's kinds."""

    def __init__(self, text: str, choices: str = ""):
        super().__init__(text)
        self.text, self.choices = text, choices

class Stop(Exception):
    """A run cannot go on for a reason the CLI words (``key``) name: a bad argument, a missing folder."""

    def __init__(self, key: str, **params: object):
        super().__init__(key)
        self.key, self.params = key, params
