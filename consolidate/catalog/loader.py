"""Load and check the catalog: schemas/bloc.yaml, schemas/units.csv and schemas/forms/*.yaml.

This is the only module that parses YAML. Every problem is reported as a :class:`CatalogError`
naming the file and the key path ("forms/bc_tccs.yaml: sections[1].indicators[4].type: ..."), so
the office can fix a catalog edit without reading Python.
"""

from __future__ import annotations

import csv
import io
import re
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType

import yaml

from consolidate.catalog.forms import TEXT_KEYS, FormBuilder
from consolidate.catalog.node import Node, severity, texts
from consolidate.core.errors import CatalogError
from consolidate.core.resources import shipped
from consolidate.core.codes import BUILTIN
from consolidate.core.model import (
    Bloc,
    BlocRule,
    Catalog,
    Chart,
    Condition,
    Form,
    Option,
    PeriodKind,
    Qualifier,
    Texts,
    Unit,
)

RULE_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*$")
# libyaml's loader (shipped in PyYAML wheels) is ~10x faster: a 50,000-unit registry loads in seconds
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

__all__ = ["CatalogError", "default_schema_dir", "load_catalog"]


def default_schema_dir() -> Path:
    """The installed catalog, or the repository's schemas/ when running from a checkout."""
    return shipped("schemas", "bloc.yaml")


def load_catalog(directory: str | Path | None = None) -> Catalog:
    """Load and check the catalog in ``directory`` (default: :func:`default_schema_dir`)."""
    root = Path(directory) if directory is not None else default_schema_dir()
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in sorted(root.rglob("*.*"))) if root.is_dir() else ()
    return _load_cached(str(root.resolve()), stamp)


@lru_cache(maxsize=8)
def _load_cached(root: str, stamp: tuple) -> Catalog:
    return _CatalogBuilder(Path(root)).build()


def _read_yaml(root: Path, name: str) -> Node:
    path = root / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(name, "", f"file not found in {root}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(name, "", f"cannot be read: {exc}") from None
    try:
        return Node(yaml.load(text, Loader=_LOADER), name)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        raise CatalogError(name, where, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None


class _CatalogBuilder:
    """Builds a :class:`Catalog`, checking every cross-reference on the way."""

    def __init__(self, root: Path):
        self.root = root
        self.rule_codes: dict[str, str] = {}

    def build(self) -> Catalog:
        bloc_node = _read_yaml(self.root, "bloc.yaml")
        bloc_node.mapping({"bloc", "periods", "unit_types", "sectors", "sector_groups", "bloc_rules", "qualifiers",
                           "charts"})
        self.bloc = self._bloc(bloc_node.get("bloc"))
        self.periods = self._periods(bloc_node.get("periods"))
        self.unit_types = self._options(bloc_node.get("unit_types"))
        self.sectors = self._options(bloc_node.get("sectors"))
        self.groups = self._groups(bloc_node.get("sector_groups", {}))
        self.qualifiers = self._qualifiers(bloc_node.get("qualifiers", {}))
        units = self._units()
        forms = self._forms()
        bloc_rules = tuple(self._bloc_rule(n, forms) for n in bloc_node.get("bloc_rules", []).list())
        charts = self._charts(bloc_node.get("charts", []), forms)
        return Catalog(self.bloc, MappingProxyType(self.periods), MappingProxyType(self.unit_types),
                       MappingProxyType(self.sectors), MappingProxyType(self.groups),
                       MappingProxyType(self.qualifiers), units, MappingProxyType(forms), bloc_rules, charts,
                       str(self.root), MappingProxyType({u.code: u for u in units}),
                       MappingProxyType(self._rule_index(forms, bloc_rules)))

    @staticmethod
    def _rule_index(forms: dict[str, Form], bloc_rules: tuple[BlocRule, ...]) -> dict[str, tuple[str, Texts]]:
        """Every catalog rule code → (severity, texts), for messages and the code catalog."""
        out: dict[str, tuple[str, Texts]] = {}
        for form in forms.values():
            out.update({r.code: (r.severity, r.texts) for r in form.rules})
            out.update({o.code: ("warning", o.texts) for o in form.outliers})
            out.update({r.code: (r.severity, r.texts) for r in form.period_rules})
        out.update({r.code: (r.severity, r.texts) for r in bloc_rules})
        return out

    # --- bloc.yaml -------------------------------------------------------------------------
    def _bloc(self, node: Node) -> Bloc:
        simple = ["code", "name", "short_name", "committee", "superior_body", "issuing_body", "party",
                  "place", "report_symbol", "preparer_title", "preparer_name", "signer_on_behalf",
                  "signer_title", "signer_name"]
        node.mapping(set(simple) | {"recipients"})
        return Bloc(*(node.get(k).str() for k in simple), recipients=node.get("recipients", []).strs())

    def _periods(self, node: Node) -> dict[str, PeriodKind]:
        out = {}
        for key, item in node.items():
            item.mapping({"label", "phrase", "report_phrase", "month", "day", "order"})
            out[key] = PeriodKind(key, item.get("label").str(), item.get("phrase").str(),
                                  item.get("report_phrase").str(), item.get("month").int(),
                                  item.get("day").int(), item.get("order").int())
        if not out:
            raise node.fail("at least one period is required")
        return out

    def _options(self, node: Node) -> dict[str, Option]:
        out = {}
        for key, item in node.items():
            item.mapping({"label", "label_en", "short"})
            label = item.get("label").str()
            out[key] = Option(key, label, item.get("label_en", label).str(), item.get("short", "").str())
        return out

    def _charts(self, node: Node, forms: dict[str, Form]) -> tuple[Chart, ...]:
        unit_form = next(f for f in forms.values() if f.submitted_by == "unit")
        out = []
        for item in node.list():
            item.mapping({"title", "series", "secondary"})
            chart = Chart(item.get("title").str(), item.get("series").strs(), item.get("secondary", []).strs())
            for code in chart.series + chart.secondary:
                ind = unit_form.indicators.get(code)
                if ind is None or not ind.numeric or not ind.input:
                    raise item.fail(f"{code!r} is not a numeric input of the unit form")
            out.append(chart)
        return tuple(out)

    def _groups(self, node: Node) -> dict[str, frozenset[str]]:
        out = {}
        for name, item in node.items():
            members = item.strs()
            for i, code in enumerate(members):
                if code not in self.sectors:
                    raise item.list()[i].fail(f"unknown sector {code!r}")
            out[name] = frozenset(members)
        return out

    def _qualifiers(self, node: Node) -> dict[str, Qualifier]:
        out = {}
        for key, item in node.items():
            item.mapping({"label", "label_en", "prefix"})
            out[key] = Qualifier(key, item.get("label").str(), item.get("label_en", key).str(),
                                 item.get("prefix", "").str())
        return out

    def _units(self) -> tuple[Unit, ...]:
        """units.csv: one row per unit (code, type, sector, name), as the office keeps it in a spreadsheet."""
        name = "units.csv"
        try:
            text = (self.root / name).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise CatalogError(name, "", f"file not found in {self.root}") from None
        except (OSError, UnicodeDecodeError) as exc:
            raise CatalogError(name, "", f"cannot be read: {exc}") from None
        rows = csv.reader(io.StringIO(text))
        header = [h.strip() for h in next(rows, [])]
        if sorted(header) != ["code", "name", "sector", "type"]:
            raise CatalogError(name, "line 1", "the header must be: code,type,sector,name")
        at = {h: i for i, h in enumerate(header)}
        units, seen = [], set()
        for line, row in enumerate(rows, start=2):
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != 4:
                raise CatalogError(name, f"line {line}", f"expected 4 columns, found {len(row)}")
            code, utype, sector, uname = (row[at[k]].strip() for k in ("code", "type", "sector", "name"))
            if not code or not uname:
                raise CatalogError(name, f"line {line}", "code and name are required")
            if code in seen:
                raise CatalogError(name, f"line {line}", f"duplicate unit code {code!r}")
            if utype not in self.unit_types:
                raise CatalogError(name, f"line {line}", f"unknown unit type {utype!r}")
            if sector not in self.sectors:
                raise CatalogError(name, f"line {line}", f"unknown sector {sector!r}")
            seen.add(code)
            units.append(Unit(code, uname, utype, sector))
        return tuple(units)

    def _condition(self, node: Node) -> Condition:
        terms = []
        for attr, values in node.items():
            if attr == "type":
                known = set(self.unit_types)
            elif attr == "sector":
                known = set(self.sectors) | set(self.groups)
            else:
                raise values.fail("a condition names 'type' or 'sector'")
            allowed: set[str] = set()
            for v in values.list():
                key = v.str()
                if key not in known:
                    raise v.fail(f"unknown {attr} {key!r}")
                allowed |= self.groups.get(key, {key}) if attr == "sector" else {key}
            terms.append((attr, frozenset(allowed)))
        return Condition(tuple(terms))

    # --- forms ---------------------------------------------------------------------------------
    def _forms(self) -> dict[str, Form]:
        files = sorted((self.root / "forms").glob("*.yaml"))
        if not files:
            raise CatalogError("forms/", "", "no form (*.yaml) found")
        builder = FormBuilder(self.unit_types, self.sectors, self.periods, self._condition, self._claim_code)
        forms = [builder.build(_read_yaml(self.root, f"forms/{f.name}")) for f in files]
        forms.sort(key=lambda f: (f.submitted_by != "unit", f.id))
        by_id: dict[str, Form] = {}
        for form in forms:
            if form.id in by_id:
                raise CatalogError(form.source, "form", f"duplicate form id {form.id!r}")
            by_id[form.id] = form
        kinds = [f.submitted_by for f in forms]
        if kinds.count("unit") != 1 or kinds.count("bloc") > 1:
            raise CatalogError("forms/", "", "exactly one form with submitted_by: unit and at most one with submitted_by: bloc")
        return by_id

    def _bloc_rule(self, node: Node, forms: dict[str, Form]) -> BlocRule:
        node.mapping(TEXT_KEYS | {"code", "severity", "kind", "left", "op", "right"})
        code = self._claim_code(node)
        if node.get("kind").str() != "totals_compare":
            raise node.get("kind").fail("bloc rules are of kind totals_compare")
        op = node.get("op").str()
        if op not in ("eq", "le", "ge"):
            raise node.get("op").fail("op is eq, le or ge")
        known = {c for f in forms.values() for c, i in f.indicators.items() if i.numeric}
        for key in ("left", "right"):
            if node.get(key).str() not in known:
                raise node.get(key).fail(f"{node.get(key).str()!r} is not a numeric indicator of any form")
        level = severity(node)
        return BlocRule(code, level, node.get("left").str(), op, node.get("right").str(), texts(node))

    def _claim_code(self, node: Node) -> str:
        code = node.get("code").str()
        if not RULE_CODE_RE.match(code):
            raise node.get("code").fail("rule codes are upper-case letters and digits, e.g. R01")
        if code in BUILTIN:
            raise node.get("code").fail(f"code {code} is a built-in finding code; choose another")
        where = f"{node.file}:{node.path}"
        if code in self.rule_codes:
            raise node.get("code").fail(f"code {code} is already used at {self.rule_codes[code]}")
        self.rule_codes[code] = where
        return code
