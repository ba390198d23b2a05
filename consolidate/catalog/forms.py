"""One form file (already validated against its shape) → a frozen :class:`Form`, checking what a
shape cannot: references between indicators, rule kinds' own constraints, message placeholders,
sheet names and keys that would be ignored (:mod:`consolidate.catalog.slips`). Every error names
the file, the key path and the indicator or rule concerned, in Vietnamese and English.
"""

from __future__ import annotations

import re
import string
from collections.abc import Callable
from types import MappingProxyType
from typing import Any

from consolidate import aggregations, rules
from consolidate.catalog.slips import ignored_key, sheet_problem
from consolidate.core.errors import CatalogError
from consolidate.core.model import (
    NUMERIC_TYPES,
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
    Texts,
)
from consolidate.rules.base import message_placeholders

CODE_RE = re.compile(r"^[a-z][a-z0-9_]*$")
DEFAULT_DECIMALS = {"integer": 0, "money": 3, "decimal": 2}
# the own placeholders of an outlier's and a period rule's messages (see rules.base.message_placeholders)
OUTLIER_PLACEHOLDERS = frozenset({"ratio", "median", "score", "direction", "denominator_cell"})
PERIOD_PLACEHOLDERS = frozenset({"previous", "period", "change", "limit"})
_FORMATTER = string.Formatter()


def texts_of(shape: Any) -> Texts:
    return Texts(
        shape.title,
        shape.title_en or shape.title,
        shape.message,
        shape.message_en or shape.message,
        shape.fix,
        shape.fix_en or shape.fix,
    )


def placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in _FORMATTER.parse(text) if name}
    except ValueError:
        return {"{"}


class FormBuilder:
    """Builds one :class:`Form`; named option lists and conditions come from bloc.yaml."""

    def __init__(
        self,
        file: str,
        unit_types: dict[str, Option],
        sectors: dict[str, Option],
        periods: dict[str, PeriodKind],
        condition: Callable[[dict[str, list[str]], str, tuple[str, str] | None], Condition],
        claim_code: Callable[[str, str, str], str],
        warn: Callable[[dict[str, str]], None],
    ):
        self.file = file
        self.unit_types, self.sectors, self.periods = unit_types, sectors, periods
        self._condition, self._claim_code, self._warn = condition, claim_code, warn

    def fail(self, path: str, vi: str, en: str, subject: tuple[str, str] | None = None) -> CatalogError:
        return CatalogError(self.file, path, {"vi": vi, "en": en}, subject)

    def build(self, shape: Any) -> Form:
        sheet = sheet_problem(shape.sheet)
        if sheet is not None:
            raise self.fail("sheet", *sheet)
        sections, indicators, seen_sections = [], {}, dict[str, int]()
        for s, sec in enumerate(shape.sections):
            if sec.id in seen_sections:
                raise self.fail(
                    f"sections[{s}].id",
                    f"mã mục “{sec.id}” trùng với sections[{seen_sections[sec.id]}]",
                    f"duplicate section id {sec.id!r} (also sections[{seen_sections[sec.id]}])",
                )
            seen_sections[sec.id] = s
            codes = []
            for i, ind_shape in enumerate(sec.indicators):
                path = f"sections[{s}].indicators[{i}]"
                ind = self._indicator(ind_shape, sec.id, path)
                if ind.code in indicators:
                    raise self.fail(
                        f"{path}.code",
                        f"mã chỉ tiêu “{ind.code}” bị lặp",
                        f"duplicate indicator code {ind.code!r}",
                        ("indicator", ind.code),
                    )
                indicators[ind.code] = (ind, path)
                codes.append(ind.code)
            if not sec.title_en:
                self._warn(
                    {
                        "vi": f"{self.file}: sections[{s}]: mục {sec.id} chưa có title_en (tên tiếng Anh)",
                        "en": f"{self.file}: sections[{s}]: section {sec.id} has no title_en",
                    }
                )
            sections.append(Section(sec.id, sec.title, sec.title_en or sec.title, tuple(codes)))
        for role in ("unit_code", "year", "period_kind"):
            if not any(i.role == role for i, _ in indicators.values()):
                raise self.fail("sections", f"không chỉ tiêu nào có role “{role}”", f"no indicator has role {role!r}")
        self._references(indicators)
        inds = {c: i for c, (i, _) in indicators.items()}
        form_rules = tuple(self._rule(r, f"rules[{n}]", inds) for n, r in enumerate(shape.rules))
        outliers = tuple(self._outlier(o, f"outliers[{n}]", inds) for n, o in enumerate(shape.outliers))
        period_rules = tuple(self._period_rule(r, f"period_rules[{n}]", inds) for n, r in enumerate(shape.period_rules))
        if not shape.title_en:
            self._warn(
                {
                    "vi": f"{self.file}: biểu mẫu {shape.form} chưa có title_en",
                    "en": f"{self.file}: form {shape.form} has no title_en",
                }
            )
        applies = self._condition(shape.applies_to, "applies_to", None) if shape.applies_to else None
        return Form(
            shape.form,
            shape.version,
            shape.min_version or shape.version,
            shape.submitted_by,
            shape.title,
            shape.title_en or shape.title,
            shape.sheet,
            tuple(sections),
            MappingProxyType(inds),
            form_rules,
            outliers,
            self.file,
            period_rules,
            name=shape.name or _sentence(shape.title),
            applies_to=applies,
            instructions=tuple(shape.instructions),
            report_template=shape.report_template,
        )

    def _indicator(self, s: Any, section: str, path: str) -> Indicator:
        subject = ("indicator", s.code)
        if not CODE_RE.match(s.code) or s.code.startswith("gt_"):
            raise self.fail(
                f"{path}.code",
                "mã chỉ tiêu viết thường, chỉ gồm chữ, số, “_” và không bắt đầu bằng “gt_”",
                "codes are lower_snake_case and never start with 'gt_'",
                subject,
            )
        options = self._options(s, path, subject) if s.type == "enum" else ()
        if s.min is not None and s.max is not None and s.min > s.max:
            raise self.fail(
                f"{path}.min",
                f"min ({s.min:g}) lớn hơn max ({s.max:g})",
                f"min ({s.min:g}) is greater than max ({s.max:g})",
                subject,
            )
        if s.required and s.applies_to is not None:
            raise self.fail(
                f"{path}.required",
                "chỉ tiêu bắt buộc không được có applies_to; dùng quy tắc required_when",
                "a required indicator cannot have applies_to; use a required_when rule",
                subject,
            )
        aggregation = self._aggregation(s, path, subject)
        ignored = ignored_key(s, aggregations.require(aggregation.method))
        if ignored is not None:
            raise self.fail(f"{path}.{ignored[0]}", ignored[1], ignored[2], subject)
        if not s.label_en:
            self._warn(
                {
                    "vi": f"{self.file}: {path} (chỉ tiêu {s.code}): chưa có label_en (tên tiếng Anh)",
                    "en": f"{self.file}: {path} (indicator {s.code}): no label_en",
                }
            )
        applies = self._condition(s.applies_to, f"{path}.applies_to", subject) if s.applies_to else None
        ind = Indicator(
            code=s.code,
            label=s.label,
            label_en=s.label_en or s.label,
            short=s.short or s.label,
            unit=s.unit,
            type=s.type,
            section=section,
            aggregation=aggregation,
            minimum=s.min,
            maximum=s.max,
            decimals=s.decimals if s.decimals is not None else DEFAULT_DECIMALS.get(s.type),
            required=s.required,
            applies_to=applies,
            nature=s.nature,
            role=s.role,
            options=options,
            qualified=s.qualified,
            note=s.note or "",
        )
        for vi, en in aggregations.require(aggregation.method).problems(ind, aggregation.params):
            raise self.fail(f"{path}.aggregate", vi, en, subject)
        return ind

    def _options(self, s: Any, path: str, subject: tuple[str, str]) -> tuple[Option, ...]:
        if s.options is None:
            raise self.fail(f"{path}.options", "enum cần options", "an enum needs options", subject)
        if isinstance(s.options, str):
            named = {
                "unit_types": self.unit_types,
                "sectors": self.sectors,
                "periods": {k: Option(k, p.label, p.label) for k, p in self.periods.items()},
            }
            if s.options not in named:
                raise self.fail(
                    f"{path}.options",
                    "danh sách có tên là unit_types, sectors hoặc periods",
                    "a named option list is unit_types, sectors or periods",
                    subject,
                )
            return tuple(named[s.options].values())
        if not s.options:
            raise self.fail(
                f"{path}.options", "enum cần ít nhất một lựa chọn", "an enum needs at least one option", subject
            )
        return tuple(Option(o.key, o.label, o.label_en or o.label, o.short or "") for o in s.options)

    def _aggregation(self, s: Any, path: str, subject: tuple[str, str]) -> Aggregation:
        if s.aggregate is None:
            name = (
                "sum"
                if s.type in NUMERIC_TYPES and s.role is None
                else ("text" if s.type == "text" and s.role is None else "none")
            )
            method = aggregations.require(name)
            params = method.params(type(method).Shape(method=name))
        else:
            method = aggregations.require(s.aggregate.method)
            params = method.params(s.aggregate)
        numeric = s.type in NUMERIC_TYPES
        if method.numeric is True and not numeric:
            raise self.fail(
                f"{path}.aggregate",
                f"{method.name} cần chỉ tiêu kiểu số",
                f"{method.name} needs a numeric indicator",
                subject,
            )
        if method.numeric is False and s.type != "text":
            raise self.fail(
                f"{path}.aggregate",
                f"{method.name} dành cho chỉ tiêu kiểu chữ",
                f"{method.name} is for text indicators",
                subject,
            )
        if "where" in params and params["where"] is not None:
            params["where"] = self._condition(params["where"], f"{path}.aggregate.where", subject)
        return Aggregation(method.name, MappingProxyType(params), method.derived, method.template)

    def _references(self, indicators: dict[str, tuple[Indicator, str]]) -> None:
        for ind, path in indicators.values():
            for ref in aggregations.require(ind.aggregation.method).references(ind.aggregation.params):
                target = indicators.get(ref)
                if target is None or not target[0].numeric or not target[0].input:
                    raise self.fail(
                        f"{path}.aggregate",
                        f"tham chiếu “{ref}”, không phải chỉ tiêu số nhập tay của biểu mẫu này",
                        f"refers to {ref!r}, which is not a numeric input of this form",
                        ("indicator", ind.code),
                    )

    def _messages(self, shape: Any, path: str, own: frozenset[str], subject: tuple[str, str]) -> None:
        allowed = message_placeholders(own, getattr(shape, "explainable", False))
        for key in ("message", "message_en", "fix", "fix_en"):
            text = getattr(shape, key, None)
            unknown = sorted(placeholders(text) - allowed) if text else []
            if unknown:
                use = ", ".join(f"{{{a}}}" for a in sorted(allowed))
                vi, en = f"chỗ trống {{{unknown[0]}}} không có", f"placeholder {{{unknown[0]}}} is not provided"
                raise self.fail(f"{path}.{key}", f"{vi}; dùng: {use}", f"{en}; use: {use}", subject)
        if not shape.title_en or not shape.message_en or not shape.fix_en:
            self._warn(
                {
                    "vi": f"{self.file}: {path} (quy tắc {shape.code}): thiếu lời tiếng Anh (title_en, message_en, fix_en)",
                    "en": f"{self.file}: {path} (rule {shape.code}): English wording missing (title_en, message_en, fix_en)",
                }
            )

    def _rule(self, shape: Any, path: str, indicators: dict[str, Indicator]) -> Rule:
        code = self._claim_code(shape.code, path, self.file)
        subject = ("rule", code)
        kind = rules.require(shape.kind)
        self._messages(shape, path, kind.placeholders, subject)
        params = kind.params(shape)
        fields = kind.fields(params)
        for f in fields:
            ind = indicators.get(f)
            if ind is None or not ind.input:
                raise self.fail(
                    path,
                    f"tham chiếu “{f}”, không phải chỉ tiêu nhập tay của biểu mẫu này",
                    f"refers to {f!r}, which is not an input indicator of this form",
                    subject,
                )
            if ind.role:
                raise self.fail(
                    path,
                    f"“{f}” là trường nhận diện đơn vị, quy tắc không kiểm tra được",
                    f"{f!r} is an identity field; a rule cannot check it",
                    subject,
                )
            if kind.numeric and not ind.numeric:
                raise self.fail(
                    path,
                    f"{kind.name} cần chỉ tiêu kiểu số; “{f}” là {ind.type}",
                    f"{kind.name} needs numeric indicators; {f!r} is {ind.type}",
                    subject,
                )
        if kind.needs_when and shape.when is None:
            raise self.fail(path, f"quy tắc {kind.name} cần “when”", f"a {kind.name} rule needs 'when'", subject)
        when = self._condition(shape.when, f"{path}.when", subject) if shape.when else None
        return Rule(
            code,
            shape.severity,
            kind.name,
            texts_of(shape),
            tuple(fields),
            MappingProxyType(params),
            when,
            shape.explainable,
        )

    def _numeric_ref(
        self, ref: str, path: str, indicators: dict[str, Indicator], subject: tuple[str, str], inputs: bool
    ) -> None:
        ind = indicators.get(ref)
        if ind is None or not ind.numeric or (inputs and not ind.input) or ind.role:
            what = (
                ("chỉ tiêu số nhập tay", "numeric input indicator") if inputs else ("chỉ tiêu số", "numeric indicator")
            )
            raise self.fail(
                path,
                f"“{ref}” không phải {what[0]} của biểu mẫu này",
                f"{ref!r} is not a {what[1]} of this form",
                subject,
            )

    def _outlier(self, shape: Any, path: str, indicators: dict[str, Indicator]) -> Outlier:
        code = self._claim_code(shape.code, path, self.file)
        subject = ("rule", code)
        self._messages(shape, path, OUTLIER_PLACEHOLDERS, subject)
        self._numeric_ref(shape.numerator, f"{path}.numerator", indicators, subject, False)
        self._numeric_ref(shape.denominator, f"{path}.denominator", indicators, subject, False)
        return Outlier(
            code,
            shape.numerator,
            shape.denominator,
            shape.scale,
            shape.unit,
            shape.threshold,
            texts_of(shape),
            shape.explainable,
            shape.log,
        )

    def _period_rule(self, shape: Any, path: str, indicators: dict[str, Indicator]) -> PeriodRule:
        code = self._claim_code(shape.code, path, self.file)
        subject = ("rule", code)
        self._messages(shape, path, PERIOD_PLACEHOLDERS, subject)
        if shape.indicators is None:
            if shape.kind != "cumulative":
                raise self.fail(f"{path}.indicators", "thiếu khóa bắt buộc", "is required", subject)
            codes = [c for c, i in indicators.items() if i.nature == "flow" and i.numeric and i.input]
        else:
            codes = []
            for n, ref in enumerate(shape.indicators):
                self._numeric_ref(ref, f"{path}.indicators[{n}]", indicators, subject, True)
                codes.append(ref)
        if shape.kind == "change" and shape.limit is None:
            raise self.fail(f"{path}.limit", "thiếu khóa bắt buộc", "is required", subject)
        return PeriodRule(code, shape.severity, shape.kind, tuple(codes), texts_of(shape), shape.limit)


def _sentence(title: str) -> str:
    """ "BÁO CÁO KẾT QUẢ …" → "báo cáo kết quả …" (a form's name inside a sentence)."""
    return title[:1].lower() + title[1:].lower() if title.isupper() else title
