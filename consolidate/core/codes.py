"""The registry of built-in finding codes, with their Vietnamese and English texts.

Codes are stable: a clerk may quote "lỗi C402" on the phone years later. Families:

- F1xx the file itself (empty, not a workbook, encrypted, too large, corrupt …)
- I2xx the inbox (ignored files, duplicates, superseded submissions)
- T3xx template and identity (not our template, other form or version, period, unit)
- C4xx one cell (missing, not a number, out of bounds, formula without value …)

The tables live in :mod:`consolidate.core.codes_files` and :mod:`consolidate.core.codes_reports`.
Cross-field rules (R…), plausibility checks (P…), rules across periods (K…) and bloc rules (B…)
are declared in the catalog with their own texts. Messages use ``{placeholders}`` filled from a
finding's params.
"""

from __future__ import annotations

from consolidate.core import codes_files, codes_reports
from consolidate.core.code_text import RESEND, RESEND_EN, CodeText

__all__ = ["BUILTIN", "RESEND", "RESEND_EN", "CodeText"]

BUILTIN: dict[str, CodeText] = {c.code: c for c in (*codes_files.CODES, *codes_reports.CODES)}
