"""Reporting periods: "9T-2021" on the command line, "9 tháng năm 2021" for people.

A period is a kind from bloc.yaml (Q1, 6T, 9T, CN) and a year. Flows are cumulative from 1 January
to the cut-off date of the kind, so periods of one year are ordered by that date.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from consolidate.core.errors import PeriodError as PeriodError  # re-exported: parse_period raises it
from consolidate.core.model import Catalog, PeriodKind

_PERIOD_RE = re.compile(r"^\s*([A-Za-z0-9]+)\s*[-_/ ]\s*(\d{4})\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Period:
    year: int
    order: int
    kind: str

    @property
    def key(self) -> str:
        return f"{self.kind}-{self.year}"

    @property
    def file_tag(self) -> str:
        return f"{self.kind}_{self.year}"

    def info(self, catalog: Catalog) -> PeriodKind:
        return catalog.periods[self.kind]

    def label(self, catalog: Catalog) -> str:
        """ "9 tháng năm 2021", "Quý I năm 2021", "Cả năm 2021"."""
        kind = self.info(catalog)
        return f"{kind.label} {self.year}" if kind.phrase == "năm" else f"{kind.label} năm {self.year}"

    def cutoff(self, catalog: Catalog) -> dt.date:
        kind = self.info(catalog)
        return dt.date(self.year, kind.month, kind.day)

    def deadline(self, catalog: Catalog) -> dt.date | None:
        """The day reports of this period are due (bloc.yaml ``deadline``), or None when not stated:
        the first such day after the cut-off (a year's report is due in January of the next year)."""
        due = self.info(catalog).deadline
        if due is None:
            return None
        day, month = due
        cutoff = self.cutoff(catalog)
        year = self.year if (month, day) > (cutoff.month, cutoff.day) else self.year + 1
        return dt.date(year, month, day)


def document_date(catalog: Catalog, period: Period | None, given: dt.date | None) -> tuple[dt.date, str]:
    """The date printed on the documents of a run, and where it came from: the ``--date`` given
    ("given"), else the period's deadline from bloc.yaml ("deadline"), else today ("today") — the
    terminal says which, so a document never silently carries the computer's date."""
    if given is not None:
        return given, "given"
    due = period.deadline(catalog) if period is not None else None
    if due is not None:
        return due, "deadline"
    return dt.date.today(), "today"


def make_period(catalog: Catalog, kind: str, year: int) -> Period:
    if kind not in catalog.periods:
        raise PeriodError(kind, period_choices(catalog))
    return Period(int(year), catalog.periods[kind].order, kind)


def parse_period(catalog: Catalog, text: str) -> Period:
    """ "9T-2021" (also "9t_2021", "CN 2022") → Period; raises :class:`PeriodError`."""
    match = _PERIOD_RE.match(text or "")
    if not match or match.group(1).upper() not in catalog.periods:
        raise PeriodError(text, period_choices(catalog))
    kind = match.group(1).upper()
    return make_period(catalog, kind, int(match.group(2)))


def period_choices(catalog: Catalog) -> str:
    """ "Q1, 6T, 9T, CN" — for messages that list what is accepted."""
    return ", ".join(catalog.periods)
