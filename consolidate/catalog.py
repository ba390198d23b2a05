"""Load and check the catalog: schemas/bloc.yaml, schemas/units.yaml and schemas/forms/*.yaml.

This is the only module that parses YAML. Every problem is reported as a :class:`CatalogError`
naming the file and the key path ("forms/bc_tccs.yaml: sections[1].indicators[4].type: ..."), so
the office can fix a catalog edit without reading Python.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml

from .codes import BUILTIN

from .model import (AGGREGATE_METHODS, INDICATOR_TYPES, NUMERIC_TYPES, ROLES, Aggregation, Bloc,
                    BlocRule, Catalog, Condition, Form, Indicator, Option, Outlier, PeriodKind,
                    Qualifier, Rule, Section, Texts, Unit)

CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
RULE_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*$")
DEFAULT_DECIMALS = {"integer": 0, "money": 3, "decimal": 2}
RULE_KINDS = {"sum", "not_greater", "empty_when", "required_when", "filled_iff", "range"}
INDICATOR_KEYS = {"code", "label", "label_en", "short", "unit", "type", "min", "max", "decimals",
                  "required", "applies_to", "nature", "aggregate", "role", "options", "qualified"}
TEXT_KEYS = {"title", "title_en", "message", "message_en", "fix", "fix_en"}


class CatalogError(Exception):
    """A catalog file is missing, unreadable or inconsistent; ``str()`` names file and key path."""

    def __init__(self, file: str, path: str, message: str):
        super().__init__(f"{file}: {path}: {message}" if path else f"{file}: {message}")
        self.file, self.path, self.message = file, path, message


class _Node:
    """A YAML value with the file and key path it came from, for precise errors."""

    def __init__(self, value: Any, file: str, path: str = ""):
        self.value, self.file, self.path = value, file, path

    def fail(self, message: str) -> CatalogError:
        return CatalogError(self.file, self.path, message)

    def _child(self, key: str | int, value: Any) -> "_Node":
        path = f"{self.path}[{key}]" if isinstance(key, int) else (f"{self.path}.{key}" if self.path else key)
        return _Node(value, self.file, path)

    def mapping(self, allowed: set[str] | None = None) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            raise self.fail("expected a mapping")
        if allowed is not None:
            extra = sorted(set(map(str, self.value)) - allowed)
            if extra:
                raise self._child(extra[0], None).fail(
                    f"unknown key (allowed: {', '.join(sorted(allowed))}); a comma in an unquoted label splits it")
        return self.value

    def get(self, key: str, default: Any = ..., ) -> "_Node":
        data = self.mapping()
        if key not in data or data[key] is None:
            if default is ...:
                raise self._child(key, None).fail("is required")
            return self._child(key, default)
        return self._child(key, data[key])

    def items(self) -> list[tuple[str, "_Node"]]:
        return [(str(k), self._child(str(k), v)) for k, v in self.mapping().items()]

    def list(self) -> list["_Node"]:
        if not isinstance(self.value, list):
            raise self.fail("expected a list")
        return [self._child(i, v) for i, v in enumerate(self.value)]

    def str(self) -> str:
        if isinstance(self.value, bool) or not isinstance(self.value, (str, int, float)):
            raise self.fail("expected text")
        return str(self.value).strip()

    def num(self) -> float | None:
        if self.value is None:
            return None
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            raise self.fail("expected a number")
        return float(self.value)

    def int(self) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.fail("expected a whole number")
        return self.value

    def bool(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.fail("expected true or false")
        return self.value

    def strs(self) -> tuple[str, ...]:
        return tuple(n.str() for n in self.list())


def default_schema_dir() -> Path:
    """The installed catalog, or the repository's schemas/ when running from a checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "_data" / "schemas", here.parent / "schemas"):
        if (candidate / "bloc.yaml").is_file():
            return candidate
    return here.parent / "schemas"


def load_catalog(directory: str | Path | None = None) -> Catalog:
    """Load and check the catalog in ``directory`` (default: :func:`default_schema_dir`)."""
    root = Path(directory) if directory is not None else default_schema_dir()
    stamp = tuple((str(p), p.stat().st_mtime_ns) for p in sorted(root.rglob("*.yaml"))) if root.is_dir() else ()
    return _load_cached(str(root.resolve()), stamp)


@lru_cache(maxsize=8)
def _load_cached(root: str, stamp: tuple) -> Catalog:
    return _CatalogBuilder(Path(root)).build()


def _read_yaml(root: Path, name: str) -> _Node:
    path = root / name
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CatalogError(name, "", f"file not found in {root}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CatalogError(name, "", f"cannot be read: {exc}") from None
    try:
        return _Node(yaml.safe_load(text), name)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else ""
        raise CatalogError(name, where, f"not valid YAML: {getattr(exc, 'problem', exc)}") from None


def _texts(node: _Node) -> Texts:
    vi = {k: node.get(k).str() for k in ("title", "message", "fix")}
    en = {k: node.get(f"{k}_en", vi[k]).str() for k in ("title", "message", "fix")}
    return Texts(vi["title"], en["title"], vi["message"], en["message"], vi["fix"], en["fix"])


class _CatalogBuilder:
    """Builds a :class:`Catalog`, checking every cross-reference on the way."""

    def __init__(self, root: Path):
        self.root = root
        self.rule_codes: dict[str, str] = {}

    def build(self) -> Catalog:
        bloc_node = _read_yaml(self.root, "bloc.yaml")
        bloc_node.mapping({"bloc", "periods", "unit_types", "sectors", "sector_groups", "bloc_rules", "qualifiers"})
        self.bloc = self._bloc(bloc_node.get("bloc"))
        self.periods = self._periods(bloc_node.get("periods"))
        self.unit_types = self._options(bloc_node.get("unit_types"))
        self.sectors = self._options(bloc_node.get("sectors"))
        self.groups = self._groups(bloc_node.get("sector_groups", {}))
        self.qualifiers = self._qualifiers(bloc_node.get("qualifiers", {}))
        units = self._units(_read_yaml(self.root, "units.yaml"))
        forms = self._forms()
        bloc_rules = tuple(self._bloc_rule(n, forms) for n in bloc_node.get("bloc_rules", []).list())
        return Catalog(self.bloc, MappingProxyType(self.periods), MappingProxyType(self.unit_types),
                       MappingProxyType(self.sectors), MappingProxyType(self.groups),
                       MappingProxyType(self.qualifiers), units, MappingProxyType(forms), bloc_rules,
                       str(self.root), MappingProxyType({u.code: u for u in units}),
                       MappingProxyType(self._rule_index(forms, bloc_rules)))

    @staticmethod
    def _rule_index(forms: dict[str, Form], bloc_rules: tuple[BlocRule, ...]) -> dict[str, tuple[str, Texts]]:
        """Every catalog rule code → (severity, texts), for messages and the code catalog."""
        out: dict[str, tuple[str, Texts]] = {}
        for form in forms.values():
            out.update({r.code: (r.severity, r.texts) for r in form.rules})
            out.update({o.code: ("warning", o.texts) for o in form.outliers})
        out.update({r.code: (r.severity, r.texts) for r in bloc_rules})
        return out

    # --- bloc.yaml -------------------------------------------------------------------------
    def _bloc(self, node: _Node) -> Bloc:
        simple = ["code", "name", "short_name", "committee", "superior_body", "issuing_body", "party",
                  "place", "report_symbol", "preparer_title", "preparer_name", "signer_on_behalf",
                  "signer_title", "signer_name"]
        node.mapping(set(simple) | {"recipients"})
        return Bloc(*(node.get(k).str() for k in simple), recipients=node.get("recipients", []).strs())

    def _periods(self, node: _Node) -> dict[str, PeriodKind]:
        out = {}
        for key, item in node.items():
            item.mapping({"label", "phrase", "report_phrase", "month", "day", "order"})
            out[key] = PeriodKind(key, item.get("label").str(), item.get("phrase").str(),
                                  item.get("report_phrase").str(), item.get("month").int(),
                                  item.get("day").int(), item.get("order").int())
        if not out:
            raise node.fail("at least one period is required")
        return out

    def _options(self, node: _Node) -> dict[str, Option]:
        out = {}
        for key, item in node.items():
            item.mapping({"label", "label_en", "short"})
            label = item.get("label").str()
            out[key] = Option(key, label, item.get("label_en", label).str())
        return out

    def _groups(self, node: _Node) -> dict[str, frozenset[str]]:
        out = {}
        for name, item in node.items():
            members = item.strs()
            for i, code in enumerate(members):
                if code not in self.sectors:
                    raise item.list()[i].fail(f"unknown sector {code!r}")
            out[name] = frozenset(members)
        return out

    def _qualifiers(self, node: _Node) -> dict[str, Qualifier]:
        out = {}
        for key, item in node.items():
            item.mapping({"label", "label_en", "prefix"})
            out[key] = Qualifier(key, item.get("label").str(), item.get("label_en", key).str(),
                                 item.get("prefix", "").str())
        return out

    def _units(self, node: _Node) -> tuple[Unit, ...]:
        node.mapping({"units"})
        units, seen = [], set()
        for item in node.get("units").list():
            item.mapping({"code", "name", "type", "sector"})
            unit = Unit(item.get("code").str(), item.get("name").str(), item.get("type").str(), item.get("sector").str())
            if unit.code in seen:
                raise item.get("code").fail(f"duplicate unit code {unit.code!r}")
            if unit.type not in self.unit_types:
                raise item.get("type").fail(f"unknown unit type {unit.type!r}")
            if unit.sector not in self.sectors:
                raise item.get("sector").fail(f"unknown sector {unit.sector!r}")
            seen.add(unit.code)
            units.append(unit)
        return tuple(units)

    def _condition(self, node: _Node) -> Condition:
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
        forms = [self._form(_read_yaml(self.root, f"forms/{f.name}")) for f in files]
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

    def _form(self, node: _Node) -> Form:
        node.mapping({"form", "version", "min_version", "submitted_by", "title", "title_en", "sheet",
                      "sections", "rules", "outliers"})
        sections, indicators = [], {}
        for s_node in node.get("sections").list():
            s_node.mapping({"id", "title", "title_en", "indicators"})
            sid = s_node.get("id").str()
            codes = []
            for i_node in s_node.get("indicators").list():
                ind = self._indicator(i_node, sid)
                if ind.code in indicators:
                    raise i_node.get("code").fail(f"duplicate indicator code {ind.code!r}")
                indicators[ind.code] = ind
                codes.append(ind.code)
            title = s_node.get("title").str()
            sections.append(Section(sid, title, s_node.get("title_en", title).str(), tuple(codes)))
        self._check_references(node, indicators)
        submitted_by = node.get("submitted_by").str()
        if submitted_by not in ("unit", "bloc"):
            raise node.get("submitted_by").fail("must be 'unit' or 'bloc'")
        for role in ("unit_code", "year", "period_kind"):
            if not any(i.role == role for i in indicators.values()):
                raise node.get("sections").fail(f"no indicator has role {role!r}")
        rules = tuple(self._rule(n, indicators) for n in node.get("rules", []).list())
        outliers = tuple(self._outlier(n, indicators) for n in node.get("outliers", []).list())
        title = node.get("title").str()
        version = node.get("version").int()
        return Form(node.get("form").str(), version, node.get("min_version", version).int(), submitted_by,
                    title, node.get("title_en", title).str(), node.get("sheet", "Báo cáo").str(),
                    tuple(sections), MappingProxyType(indicators), rules, outliers, node.file)

    def _indicator(self, node: _Node, section: str) -> Indicator:
        node.mapping(INDICATOR_KEYS)
        code = node.get("code").str()
        if not CODE_RE.match(code) or code.startswith("gt_"):
            raise node.get("code").fail("codes are lower_snake_case and never start with 'gt_'")
        itype = node.get("type").str()
        if itype not in INDICATOR_TYPES:
            raise node.get("type").fail(f"unknown type {itype!r} (one of {', '.join(sorted(INDICATOR_TYPES))})")
        role = node.get("role", None).value
        if role is not None and role not in ROLES:
            raise node.get("role").fail(f"unknown role {role!r}")
        options = self._indicator_options(node) if itype == "enum" else ()
        minimum, maximum = node.get("min", None).num(), node.get("max", None).num()
        if minimum is not None and maximum is not None and minimum > maximum:
            raise node.get("min").fail("min is greater than max")
        default_agg = "sum" if itype in NUMERIC_TYPES and role is None else ("text" if itype == "text" and role is None else "none")
        aggregation = self._aggregation(node.get("aggregate", default_agg), itype, options)
        applies = node.get("applies_to", None)
        label = node.get("label").str()
        required = node.get("required", False).bool()
        if required and applies.value is not None:
            raise node.get("required").fail("a required indicator cannot have applies_to; use a required_when rule")
        nature = node.get("nature", None).value
        if nature not in (None, "flow", "stock"):
            raise node.get("nature").fail("nature is 'flow' or 'stock'")
        return Indicator(
            code=code, label=label, label_en=node.get("label_en", label).str(),
            short=node.get("short", label).str(), unit=node.get("unit", "").str(), type=itype,
            section=section, aggregation=aggregation, minimum=minimum, maximum=maximum,
            decimals=node.get("decimals", DEFAULT_DECIMALS.get(itype)).value, required=required,
            applies_to=self._condition(applies) if applies.value is not None else None,
            nature=nature, role=role, options=options, qualified=node.get("qualified", False).bool())

    def _indicator_options(self, node: _Node) -> tuple[Option, ...]:
        ref = node.get("options")
        if isinstance(ref.value, str):
            named = {"unit_types": self.unit_types, "sectors": self.sectors,
                     "periods": {k: Option(k, p.label, p.label) for k, p in self.periods.items()}}
            if ref.value not in named:
                raise ref.fail("a named option list is unit_types, sectors or periods")
            return tuple(named[ref.value].values())
        out = []
        for item in ref.list():
            item.mapping({"key", "label", "label_en"})
            label = item.get("label").str()
            out.append(Option(item.get("key").str(), label, item.get("label_en", label).str()))
        if not out:
            raise ref.fail("an enum needs at least one option")
        return tuple(out)

    def _aggregation(self, node: _Node, itype: str, options: tuple[Option, ...]) -> Aggregation:
        if isinstance(node.value, str):
            spec, method = _Node({"method": node.value}, node.file, node.path), node.value
        else:
            spec = node
            node.mapping({"method", "weight", "numerator", "denominator", "scale", "where", "value"})
            method = node.get("method").str()
        if method not in AGGREGATE_METHODS:
            raise node.fail(f"unknown aggregation {method!r} (one of {', '.join(sorted(AGGREGATE_METHODS))})")
        if method in ("sum", "weighted_mean", "ratio") and itype not in NUMERIC_TYPES:
            raise node.fail(f"{method} needs a numeric indicator")
        if method == "text" and itype != "text":
            raise node.fail("text aggregation is for text indicators")
        if method == "count":
            value = spec.get("value").str()
            if value not in {o.key for o in options}:
                raise spec.get("value").fail(f"{value!r} is not an option of this indicator")
            return Aggregation("count", value=value)
        where = spec.get("where", None)
        return Aggregation(
            method, weight=spec.get("weight", None).value, numerator=spec.get("numerator", None).value,
            denominator=spec.get("denominator", None).value, scale=spec.get("scale", 1).int(),
            where=self._condition(where) if where.value is not None else None)

    def _check_references(self, node: _Node, indicators: dict[str, Indicator]) -> None:
        def numeric_input(code: str | None) -> bool:
            return code in indicators and indicators[code].numeric and indicators[code].input
        for ind in indicators.values():
            agg = ind.aggregation
            needed = {"weighted_mean": [agg.weight], "ratio": [agg.numerator, agg.denominator]}.get(agg.method, [])
            for ref in needed:
                if not numeric_input(ref):
                    raise node.get("sections").fail(
                        f"{ind.code}: aggregation refers to {ref!r}, which is not a numeric input of this form")

    def _rule(self, node: _Node, indicators: dict[str, Indicator]) -> Rule:
        node.mapping(TEXT_KEYS | {"code", "severity", "kind", "total", "plus", "minus", "pairs", "fields",
                                  "field", "min", "max", "when", "explainable"})
        code = self._claim_code(node)
        severity = node.get("severity").str()
        if severity not in ("error", "warning"):
            raise node.get("severity").fail("severity is 'error' or 'warning'")
        kind = node.get("kind").str()
        if kind not in RULE_KINDS:
            raise node.get("kind").fail(f"unknown rule kind {kind!r} (one of {', '.join(sorted(RULE_KINDS))})")
        params: dict[str, object] = {}
        if kind == "sum":
            params = {"total": node.get("total").str(), "plus": node.get("plus").strs(),
                      "minus": node.get("minus", []).strs()}
            fields = (params["total"], *params["plus"], *params["minus"])
        elif kind == "not_greater":
            pairs = tuple(tuple(p.strs()) for p in node.get("pairs").list())
            if any(len(p) != 2 for p in pairs):
                raise node.get("pairs").fail("each pair is [part, whole]")
            params = {"pairs": pairs}
            fields = tuple(c for p in pairs for c in p)
        elif kind == "range":
            params = {"field": node.get("field").str(), "min": node.get("min", None).num(),
                      "max": node.get("max", None).num()}
            if params["min"] is None and params["max"] is None:
                raise node.fail("a range rule needs min or max")
            fields = (params["field"],)
        else:
            fields = node.get("fields").strs()
        when = node.get("when", None)
        if kind in ("empty_when", "required_when", "filled_iff") and when.value is None:
            raise node.fail(f"a {kind} rule needs 'when'")
        for f in fields:
            if f not in indicators or not indicators[f].input:
                raise node.fail(f"refers to {f!r}, which is not an input indicator of this form")
            if kind in ("sum", "not_greater", "range") and not indicators[f].numeric:
                raise node.fail(f"{kind} needs numeric indicators; {f!r} is {indicators[f].type}")
        return Rule(code, severity, kind, _texts(node), tuple(fields), MappingProxyType(params),
                    self._condition(when) if when.value is not None else None,
                    node.get("explainable", False).bool())

    def _outlier(self, node: _Node, indicators: dict[str, Indicator]) -> Outlier:
        node.mapping(TEXT_KEYS | {"code", "numerator", "denominator", "scale", "unit", "threshold", "explainable",
                                  "log"})
        code = self._claim_code(node)
        num, den = node.get("numerator").str(), node.get("denominator").str()
        for ref, key in ((num, "numerator"), (den, "denominator")):
            if ref not in indicators or not indicators[ref].numeric:
                raise node.get(key).fail(f"{ref!r} is not a numeric indicator of this form")
        return Outlier(code, num, den, node.get("scale", 1).num(), node.get("unit", "").str(),
                       node.get("threshold", 5).num(), _texts(node), node.get("explainable", True).bool(),
                       node.get("log", False).bool())

    def _bloc_rule(self, node: _Node, forms: dict[str, Form]) -> BlocRule:
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
        severity = node.get("severity").str()
        if severity not in ("error", "warning"):
            raise node.get("severity").fail("severity is 'error' or 'warning'")
        return BlocRule(code, severity, node.get("left").str(), op, node.get("right").str(), _texts(node))

    def _claim_code(self, node: _Node) -> str:
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
