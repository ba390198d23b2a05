"""Build the forms of the catalog (schemas/forms/*.yaml): sections, indicators, aggregation,
cross-field rules and plausibility checks, checking every reference within the form.
"""

from __future__ import annotations

import re
from types import MappingProxyType
from typing import Callable

from consolidate.catalog.node import Node, severity, texts
from consolidate.core.model import (
    AGGREGATE_METHODS,
    INDICATOR_TYPES,
    NUMERIC_TYPES,
    ROLES,
    Aggregation,
    Condition,
    Form,
    Indicator,
    Option,
    Outlier,
    PeriodKind,
    PeriodRule,
    Rule,
    Section,
)

CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
DEFAULT_DECIMALS = {"integer": 0, "money": 3, "decimal": 2}
RULE_KINDS = {"sum", "not_greater", "empty_when", "required_when", "filled_iff", "range"}
INDICATOR_KEYS = {"code", "label", "label_en", "short", "unit", "type", "min", "max", "decimals",
                  "required", "applies_to", "nature", "aggregate", "role", "options", "qualified"}
TEXT_KEYS = {"title", "title_en", "message", "message_en", "fix", "fix_en"}


class FormBuilder:
    """Builds one :class:`Form` from its YAML; named option lists and conditions come from bloc.yaml."""

    def __init__(self, unit_types: dict[str, Option], sectors: dict[str, Option], periods: dict[str, PeriodKind],
                 condition: Callable[[Node], Condition], claim_code: Callable[[Node], str]):
        self.unit_types, self.sectors, self.periods = unit_types, sectors, periods
        self._condition, self._claim_code = condition, claim_code

    def build(self, node: Node) -> Form:
        node.mapping({"form", "version", "min_version", "submitted_by", "title", "title_en", "sheet",
                      "sections", "rules", "outliers", "period_rules"})
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
        period_rules = tuple(self._period_rule(n, indicators) for n in node.get("period_rules", []).list())
        title = node.get("title").str()
        version = node.get("version").int()
        return Form(node.get("form").str(), version, node.get("min_version", version).int(), submitted_by,
                    title, node.get("title_en", title).str(), node.get("sheet", "Báo cáo").str(),
                    tuple(sections), MappingProxyType(indicators), rules, outliers, node.file, period_rules)

    def _indicator(self, node: Node, section: str) -> Indicator:
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

    def _indicator_options(self, node: Node) -> tuple[Option, ...]:
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

    def _aggregation(self, node: Node, itype: str, options: tuple[Option, ...]) -> Aggregation:
        if isinstance(node.value, str):
            spec, method = Node({"method": node.value}, node.file, node.path), node.value
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

    def _check_references(self, node: Node, indicators: dict[str, Indicator]) -> None:
        def numeric_input(code: str | None) -> bool:
            return code in indicators and indicators[code].numeric and indicators[code].input
        for ind in indicators.values():
            agg = ind.aggregation
            needed = {"weighted_mean": [agg.weight], "ratio": [agg.numerator, agg.denominator]}.get(agg.method, [])
            for ref in needed:
                if not numeric_input(ref):
                    raise node.get("sections").fail(
                        f"{ind.code}: aggregation refers to {ref!r}, which is not a numeric input of this form")

    def _rule(self, node: Node, indicators: dict[str, Indicator]) -> Rule:
        node.mapping(TEXT_KEYS | {"code", "severity", "kind", "total", "plus", "minus", "pairs", "fields",
                                  "field", "min", "max", "when", "explainable"})
        code = self._claim_code(node)
        level = severity(node)
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
        return Rule(code, level, kind, texts(node), tuple(fields), MappingProxyType(params),
                    self._condition(when) if when.value is not None else None,
                    node.get("explainable", False).bool())

    def _outlier(self, node: Node, indicators: dict[str, Indicator]) -> Outlier:
        node.mapping(TEXT_KEYS | {"code", "numerator", "denominator", "scale", "unit", "threshold", "explainable",
                                  "log"})
        code = self._claim_code(node)
        num, den = node.get("numerator").str(), node.get("denominator").str()
        for ref, key in ((num, "numerator"), (den, "denominator")):
            if ref not in indicators or not indicators[ref].numeric:
                raise node.get(key).fail(f"{ref!r} is not a numeric indicator of this form")
        return Outlier(code, num, den, node.get("scale", 1).num(), node.get("unit", "").str(),
                       node.get("threshold", 5).num(), texts(node), node.get("explainable", True).bool(),
                       node.get("log", False).bool())

    def _period_rule(self, node: Node, indicators: dict[str, Indicator]) -> PeriodRule:
        node.mapping(TEXT_KEYS | {"code", "severity", "kind", "indicators", "limit"})
        code = self._claim_code(node)
        kind = node.get("kind").str()
        if kind not in ("cumulative", "change"):
            raise node.get("kind").fail("period rules are of kind cumulative or change")
        level = severity(node)
        listed = node.get("indicators", None if kind == "cumulative" else ...)
        if listed.value is None:     # cumulative: every typed-in flow of the form
            codes = [c for c, i in indicators.items() if i.nature == "flow" and i.numeric and i.input]
        else:
            codes = []
            for item in listed.list():
                ref = item.str()
                if ref not in indicators or not indicators[ref].numeric or not indicators[ref].input:
                    raise item.fail(f"{ref!r} is not a numeric input indicator of this form")
                codes.append(ref)
        limit = None
        if kind == "change":
            limit = node.get("limit").num()
            if limit <= 0:
                raise node.get("limit").fail("limit is a percentage above 0")
        return PeriodRule(code, level, kind, tuple(codes), texts(node), limit)
