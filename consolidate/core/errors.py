"""Errors that stop a run, raised by the library and translated into a message in one place
(``cli.translate``). This module imports nothing heavy, so the CLI can name them cheaply.
"""

from __future__ import annotations

from typing import ClassVar


class CompareError(Exception):
    """Another period's figures cannot be used; ``reason`` is an i18n key and ``option`` the one
    that named them (``compare_with``: the same period last year, ``earlier``: this year's)."""

    def __init__(self, path: object, reason: str, option: str = "compare_with"):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason, self.option = str(path), reason, option


class HistoryError(Exception):
    """The history database cannot be used: ``reason`` is an i18n key (not a database, made by a
    newer version, busy …), ``path`` the database file, ``params`` what the message names."""

    def __init__(self, path: object, reason: str, **params: object):
        super().__init__(f"{path}: {reason}")
        self.path, self.reason, self.params = str(path), reason, params


class CatalogError(Exception):
    """A catalog file is missing, unreadable or inconsistent. It names the file, the key path and,
    when there is one, the indicator or rule concerned; :meth:`text` words it in Vietnamese or
    English (``str()`` is the English)."""

    SUBJECT: ClassVar[dict[str, tuple[str, str]]] = {
        "indicator": ("chỉ tiêu", "indicator"),
        "rule": ("quy tắc", "rule"),
        "form": ("biểu mẫu", "form"),
    }

    def __init__(
        self,
        file: str,
        path: str | dict[str, str],
        message: str | dict[str, str],
        subject: tuple[str, str] | None = None,
    ):
        self.paths = path if isinstance(path, dict) else {"vi": path, "en": path}
        self.file, self.path, self.subject = file, self.paths["en"], subject
        self.messages = message if isinstance(message, dict) else {"vi": message, "en": message}
        self.message = self.messages["en"]
        super().__init__(self.text("en"))

    def text(self, lang: str = "vi") -> str:
        where = self.paths.get(lang) or self.path
        if self.subject:
            kind, code = self.subject
            words = self.SUBJECT.get(kind, (kind, kind))
            where = f"{where} ({words[1] if lang == 'en' else words[0]} {code})".strip()
        message = self.messages.get(lang) or self.messages["en"]
        return f"{self.file}: {where}: {message}" if where else f"{self.file}: {message}"


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
