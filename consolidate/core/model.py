"""The catalog as frozen values: forms, indicators, rules, units and the bloc's settings.

Nothing here reads files; :mod:`consolidate.catalog.loader` builds these from schemas/*.yaml and checks
them. Everything downstream (template, reader, validation, aggregation, summary, report) takes a
:class:`Catalog` and never looks at YAML.

A catalog pickles, so it can cross to worker processes however they start (``spawn`` on Windows
and macOS pickles it; ``fork`` on Linux only copies memory): the read-only mappings it holds are
:class:`~types.MappingProxyType`, which pickle cannot handle by itself, so a reducer is registered
here that rebuilds them from a plain dict.
"""

from __future__ import annotations

import copyreg
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

NUMERIC_TYPES = frozenset({"integer", "money", "decimal"})


def read_only(items: Mapping[Any, Any]) -> MappingProxyType[Any, Any]:
    """A read-only view of a copy of ``items`` (how unpickling rebuilds a catalog's mappings)."""
    return MappingProxyType(dict(items))


def _reduce_proxy(proxy: MappingProxyType[Any, Any]) -> tuple[Any, tuple[dict[Any, Any]]]:
    return read_only, (dict(proxy),)


copyreg.pickle(MappingProxyType, _reduce_proxy)


@dataclass(frozen=True, slots=True)
class Option:
    """One choice of an enum indicator: stored ``key``, shown ``label``."""

    key: str
    label: str
    label_en: str
    short: str = ""

    @property
    def abbreviation(self) -> str:
        return self.short or self.label


@dataclass(frozen=True, slots=True)
class Chart:
    """A bar chart of the summary: the figures of some indicators per unit, or summed per unit type
    or sector (``group_by``), sorted largest first. ``secondary`` series get a chart of their own
    (another scale), never a line across unrelated units."""

    title: str
    series: tuple[str, ...]
    secondary: tuple[str, ...] = ()
    group_by: str = "unit"


@dataclass(frozen=True, slots=True)
class Condition:
    """``{type: [DBCS]}`` / ``{sector: [DNNN, ...]}``: all listed attributes must match."""

    terms: tuple[tuple[str, frozenset[str]], ...]

    def matches(self, attributes: Mapping[str, str | None]) -> bool:
        return all(attributes.get(name) in allowed for name, allowed in self.terms)


@dataclass(frozen=True, slots=True)
class Aggregation:
    """How an indicator becomes a bloc-wide figure: a method of :mod:`consolidate.aggregations`
    with its parameters. ``derived``: computed, never typed in; ``template``: what the template
    shows (input, text, formula, omitted)."""

    method: str
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))  # read by the method
    derived: bool = False
    template: str = "input"


@dataclass(frozen=True, slots=True)
class Indicator:
    """One line of a form."""

    code: str
    label: str
    label_en: str
    short: str
    unit: str
    type: str
    section: str
    aggregation: Aggregation
    minimum: float | None = None
    maximum: float | None = None
    decimals: int | None = None
    required: bool = False
    applies_to: Condition | None = None
    nature: str | None = None
    role: str | None = None
    options: tuple[Option, ...] = ()
    qualified: bool = False
    note: str = ""

    @property
    def numeric(self) -> bool:
        return self.type in NUMERIC_TYPES

    @property
    def derived(self) -> bool:
        return self.aggregation.derived

    @property
    def input(self) -> bool:
        """True when the unit types the value in (derived figures are computed)."""
        return not self.derived

    def label_for(self, lang: str) -> str:
        return self.label_en if lang == "en" and self.label_en else self.label


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    title_en: str
    codes: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Texts:
    """The Vietnamese and English wording attached to a rule."""

    title: str
    title_en: str
    message: str
    message_en: str
    fix: str
    fix_en: str


@dataclass(frozen=True, slots=True)
class Rule:
    """A cross-field rule of one form. ``kind`` says how ``params`` are read (see rules.py)."""

    code: str
    severity: str
    kind: str
    texts: Texts
    fields: tuple[str, ...]
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))  # read by the kind
    when: Condition | None = None
    explainable: bool = False


@dataclass(frozen=True, slots=True)
class Outlier:
    """A plausibility check: a per-unit ratio compared with the other units (robust z-score)."""

    code: str
    numerator: str
    denominator: str
    scale: float
    unit: str
    threshold: float
    texts: Texts
    explainable: bool = True
    log: bool = False  # compare on a log scale (multiplicative quantities such as revenue per worker)


@dataclass(frozen=True, slots=True)
class PeriodRule:
    """A rule against the same unit's report of another period (see history.py).

    ``cumulative``: against an earlier period of the same year, the value may not be lower (flows
    count from 1 January). ``change``: against the same period of the previous year, the value may
    not move by more than ``limit`` percent."""

    code: str
    severity: str
    kind: str
    indicators: tuple[str, ...]
    texts: Texts
    limit: float | None = None


@dataclass(frozen=True, slots=True)
class Form:
    id: str
    version: int
    min_version: int
    submitted_by: str
    title: str
    title_en: str
    sheet: str
    sections: tuple[Section, ...]
    indicators: Mapping[str, Indicator]
    rules: tuple[Rule, ...]
    outliers: tuple[Outlier, ...]
    source: str
    period_rules: tuple[PeriodRule, ...] = ()
    name: str = ""  # "báo cáo công tác xây dựng Đảng", in sentences
    applies_to: Condition | None = None  # the units that send this form (None: all)
    instructions: tuple[str, ...] = ()  # the form's own lines for the "Hướng dẫn" sheet
    report_template: str | None = None  # the form's draft-report template (a path)
    inputs: tuple[Indicator, ...] = ()  # the typed-in indicators, in form order (set by __post_init__)
    roles: Mapping[str, Indicator] = field(default_factory=dict)  # role → indicator (set by __post_init__)

    def __post_init__(self) -> None:
        object.__setattr__(self, "inputs", tuple(i for i in self.indicators.values() if i.input))
        roles: dict[str, Indicator] = {}
        for ind in self.indicators.values():
            if ind.role:
                roles.setdefault(ind.role, ind)
        object.__setattr__(self, "roles", MappingProxyType(roles))

    def role(self, role: str) -> Indicator | None:
        return self.roles.get(role)

    @property
    def explainable_rules(self) -> tuple[Rule | Outlier, ...]:
        candidates: tuple[Rule | Outlier, ...] = (*self.rules, *self.outliers)
        return tuple(r for r in candidates if r.explainable)


@dataclass(frozen=True, slots=True)
class Unit:
    code: str
    name: str
    type: str
    sector: str
    short_name: str = ""  # "Sở Tài chính": in file names (the name when empty)
    contact: str = ""  # a phone number or a person, for the list of units to chase

    @property
    def short(self) -> str:
        return self.short_name or self.name

    def attributes(self) -> dict[str, str]:
        return {"type": self.type, "sector": self.sector}


@dataclass(frozen=True, slots=True)
class PeriodKind:
    key: str
    label: str
    phrase: str
    report_phrase: str
    month: int
    day: int
    order: int
    deadline: tuple[int, int] | None = None  # (day, month) reports are due


@dataclass(frozen=True, slots=True)
class Qualifier:
    key: str
    label: str
    label_en: str
    prefix: str
    exact: bool = False
    fallback: bool = False


@dataclass(frozen=True, slots=True)
class BlocRule:
    """A rule over two bloc-wide totals (``left op right``)."""

    code: str
    severity: str
    left: str
    op: str
    right: str
    texts: Texts


@dataclass(frozen=True, slots=True)
class Bloc:
    """Who the bloc is and the document conventions the office edits in bloc.yaml."""

    code: str
    name: str
    short_name: str
    committee: str
    superior_body: str
    issuing_body: str
    party: str
    place: str
    report_symbol: str
    preparer_title: str
    preparer_name: str
    signer_on_behalf: str
    signer_title: str
    signer_name: str
    recipients: tuple[str, ...]
    committee_short: str = ""  # "ĐUK": the committee in narrow table cells (default: the code)
    units_short: str = "đơn vị"  # "TCCS": the reporting units, collectively, in narrow cells
    letter_symbol: str = "CV"  # "CV/ĐUK": the symbol of the office's letters (reminders)


@dataclass(frozen=True, slots=True)
class Catalog:
    bloc: Bloc
    periods: Mapping[str, PeriodKind]
    unit_types: Mapping[str, Option]
    sectors: Mapping[str, Option]
    sector_groups: Mapping[str, frozenset[str]]
    qualifiers: Mapping[str, Qualifier]
    units: tuple[Unit, ...]
    forms: Mapping[str, Form]
    bloc_rules: tuple[BlocRule, ...]
    charts: tuple[Chart, ...]
    root: str
    unit_index: Mapping[str, Unit]
    rule_index: Mapping[str, tuple[str, Texts]]
    history_db: str | None = None  # the history database named in bloc.yaml
    history_charts: tuple[str, ...] = ()  # indicators the trends workbook charts by default
    group_labels: Mapping[str, str] = field(default_factory=dict)  # sector group → its name in a sentence
    warnings: tuple[Mapping[str, str], ...] = ()  # load-time notes for the author ({"vi", "en"})

    def unit(self, code: str | None) -> Unit | None:
        return self.unit_index.get(code) if code else None

    @property
    def unit_forms(self) -> tuple[Form, ...]:
        """The forms the units send, in catalog order."""
        return tuple(f for f in self.forms.values() if f.submitted_by == "unit")

    @property
    def unit_form(self) -> Form:
        """The primary unit form: the first in catalog order."""
        return next(f for f in self.forms.values() if f.submitted_by == "unit")

    def expected(self, form: Form) -> tuple[Unit, ...]:
        """The registry units that must send ``form`` (all of them unless it declares applies_to)."""
        if form.submitted_by != "unit":
            return ()
        if form.applies_to is None:
            return self.units
        return tuple(u for u in self.units if form.applies_to.matches(u.attributes()))

    @property
    def bloc_form(self) -> Form | None:
        return next((f for f in self.forms.values() if f.submitted_by == "bloc"), None)

    def kind_of(self, unit: Unit) -> str:
        """What a unit is, in words: "chi bộ cơ sở, cơ quan đảng, mặt trận, đoàn thể"."""
        return f"{self.unit_types[unit.type].label.lower()}, {self.sectors[unit.sector].label.lower()}"

    def who(self, cond: Condition) -> str:
        """The units a condition names, in words: "đảng bộ cơ sở", "doanh nghiệp", or both
        ("đảng bộ cơ sở là doanh nghiệp": every term must hold)."""
        words = []
        for attr, allowed in cond.terms:
            if attr == "type":
                words.append(
                    " hoặc ".join(self.unit_types[k].label.lower() for k in sorted(allowed) if k in self.unit_types)
                )
                continue
            group = next((g for g, members in self.sector_groups.items() if members == allowed), None)
            if group is not None and group in self.group_labels:
                words.append(self.group_labels[group])
            else:
                words.append(", ".join(self.sectors[k].label.lower() for k in sorted(allowed) if k in self.sectors))
        return " là ".join(w for w in words if w)

    @property
    def exact_qualifier(self) -> str | None:
        return next((q.key for q in self.qualifiers.values() if q.exact), None)

    @property
    def fallback_qualifier(self) -> str | None:
        return next((q.key for q in self.qualifiers.values() if q.fallback), None)

    def indicator(self, code: str) -> Indicator | None:
        """The first declaration of ``code`` (unit form first): its label speaks for the total."""
        for form in self.forms.values():
            if code in form.indicators:
                return form.indicators[code]
        return None
