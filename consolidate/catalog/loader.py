"""Load and check the catalog: schemas/bloc.yaml, the unit registry and schemas/forms/*.yaml.

Each file is parsed by :mod:`consolidate.catalog.yamlfile` (a key given twice is an error),
validated against its declared shape (:mod:`consolidate.catalog.shapes`), then cross-checked
(every code a rule, chart or condition names must exist). Every problem is a
:class:`~consolidate.core.errors.CatalogError` naming the file, the key path and the indicator or
rule ("forms/bc_tccs.yaml: sections[1].indicators[4].type (chỉ tiêu dv_cuoi_ky): …"), in
Vietnamese or English, so the office can fix a catalog edit without reading Python. Slips that do
not stop a run (an English label missing) are ``Catalog.warnings``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any

from pydantic import ValidationError

from consolidate import aggregations, rules
from consolidate.catalog.forms import FormBuilder, texts_of
from consolidate.catalog.formset import ordered_forms
from consolidate.catalog.shapes import BlocFile, form_shape
from consolidate.catalog.units import read_units
from consolidate.catalog.wording import from_validation
from consolidate.catalog.yamlfile import read_yaml
from consolidate.core.codes import BUILTIN
from consolidate.core.errors import CatalogError
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
)
from consolidate.core.resources import shipped

RULE_CODE_RE = re.compile(r"^[A-Z][A-Z0-9]*$")

__all__ = ["CatalogError", "default_schema_dir", "load_catalog"]


def default_schema_dir() -> Path:
    """The installed catalog, or the repository's schemas/ when running from a checkout."""
    return shipped("schemas", "bloc.yaml")


def load_catalog(directory: str | Path | None = None) -> Catalog:
    """Load and check the catalog in ``directory`` (default: :func:`default_schema_dir`)."""
    root = Path(directory) if directory is not None else default_schema_dir()
    stamp = (
        tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(root.rglob("*.*")))
        if root.is_dir()
        else ()
    )
    extensions = (tuple(map(type, rules.kinds())), tuple(map(type, aggregations.methods())))
    return _load_cached(str(root.resolve()), stamp, extensions)


@lru_cache(maxsize=8)
def _load_cached(
    root: str,
    stamp: tuple[tuple[str, int, int], ...],
    extensions: tuple[tuple[type[rules.RuleKind], ...], tuple[type[aggregations.Method], ...]],
) -> Catalog:
    return _CatalogBuilder(Path(root)).build()


def _en(vi: str, en: str) -> dict[str, str]:
    return {"vi": vi, "en": en}


def validated(name: str, raw: Any, model: Any, extra: dict[str, tuple[str, str]] | None = None) -> Any:
    try:
        return model.model_validate(raw if raw is not None else {})
    except ValidationError as exc:
        raise from_validation(name, raw, exc, extra or {}) from None


class _CatalogBuilder:
    """Builds a :class:`Catalog`, checking every cross-reference on the way."""

    def __init__(self, root: Path):
        self.root = root
        self.rule_codes: dict[str, str] = {}
        self.warnings: list[dict[str, str]] = []

    def build(self) -> Catalog:
        raw = read_yaml(self.root, "bloc.yaml")
        shape = validated("bloc.yaml", raw, BlocFile)
        b = shape.bloc
        self.bloc = Bloc(
            b.code,
            b.name,
            b.short_name,
            b.committee,
            b.superior_body,
            b.issuing_body,
            b.party,
            b.place,
            b.report_symbol,
            b.preparer_title,
            b.preparer_name,
            b.signer_on_behalf,
            b.signer_title,
            b.signer_name,
            tuple(b.recipients),
            b.committee_short or b.code,
            b.units_short,
            b.letter_symbol or "CV/" + b.report_symbol.rpartition("/")[2],
        )
        self.periods = {k: self._period(k, p) for k, p in shape.periods.items()}
        self.unit_types = {
            k: Option(k, o.label, o.label_en or o.label, o.short or "") for k, o in shape.unit_types.items()
        }
        self.sectors = {k: Option(k, o.label, o.label_en or o.label, o.short or "") for k, o in shape.sectors.items()}
        self.groups = self._groups(shape.sector_groups)
        self.qualifiers = self._qualifiers(shape.qualifiers)
        units = read_units(self.root, self.unit_types.__contains__, self.sectors.__contains__)
        forms = self._forms()
        bloc_rules = tuple(self._bloc_rule(r, f"bloc_rules[{n}]", forms) for n, r in enumerate(shape.bloc_rules))
        charts = self._charts(shape.charts, forms)
        return Catalog(
            self.bloc,
            MappingProxyType(self.periods),
            MappingProxyType(self.unit_types),
            MappingProxyType(self.sectors),
            MappingProxyType(self.groups),
            MappingProxyType(self.qualifiers),
            units,
            MappingProxyType(forms),
            bloc_rules,
            charts,
            str(self.root),
            MappingProxyType({u.code: u for u in units}),
            MappingProxyType(self._rule_index(forms, bloc_rules)),
            history_db=shape.history.database if shape.history else None,
            history_charts=self._history_charts(shape.history.charts if shape.history else [], forms),
            group_labels=MappingProxyType(self.group_labels),
            warnings=tuple(MappingProxyType(w) for w in self.warnings),
        )

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
    def _period(self, key: str, p: Any) -> PeriodKind:
        deadline = None
        if p.deadline:
            match = re.fullmatch(r"(\d{1,2})/(\d{1,2})", p.deadline)
            if not match or not (1 <= int(match.group(1)) <= 31 and 1 <= int(match.group(2)) <= 12):
                raise CatalogError(
                    "bloc.yaml",
                    f"periods.{key}.deadline",
                    _en("hạn nộp ghi dạng ngày/tháng, ví dụ 05/10", "a deadline is day/month, e.g. 05/10"),
                )
            deadline = (int(match.group(1)), int(match.group(2)))
        return PeriodKind(key, p.label, p.phrase, p.report_phrase, p.month, p.day, p.order, deadline)

    def _groups(self, groups: dict[str, Any]) -> dict[str, frozenset[str]]:
        """Named groups of sectors; a group written as a plain list is labelled by its sectors."""
        out = {}
        self.group_labels: dict[str, str] = {}
        for name, group in groups.items():
            members = group if isinstance(group, list) else group.sectors
            key = f"sector_groups.{name}" + ("" if isinstance(group, list) else ".sectors")
            for i, code in enumerate(members):
                if code not in self.sectors:
                    raise CatalogError(
                        "bloc.yaml",
                        f"{key}[{i}]",
                        _en(f"loại hình “{code}” không có trong sectors", f"unknown sector {code!r}"),
                    )
            out[name] = frozenset(members)
            self.group_labels[name] = (
                ", ".join(self.sectors[c].label.lower() for c in members) if isinstance(group, list) else group.label
            )
        return out

    def _qualifiers(self, shapes: dict[str, Any]) -> dict[str, Qualifier]:
        out = {}
        explicit = any(q.exact for q in shapes.values())
        for key, q in shapes.items():
            exact = bool(q.exact) if explicit else not q.prefix
            out[key] = Qualifier(key, q.label, q.label_en or key, q.prefix, exact, q.fallback)
        return out

    def condition(self, raw: dict[str, list[str]], file: str, path: str, subject: tuple[str, str] | None) -> Condition:
        terms = []
        for attr, values in raw.items():
            if attr not in ("type", "sector"):
                raise CatalogError(
                    file,
                    f"{path}.{attr}",
                    _en("điều kiện chỉ gồm “type” và “sector”", "a condition names 'type' or 'sector'"),
                    subject,
                )
            known = set(self.unit_types) if attr == "type" else set(self.sectors) | set(self.groups)
            allowed: set[str] = set()
            for i, key in enumerate(values):
                if key not in known:
                    raise CatalogError(
                        file,
                        f"{path}.{attr}[{i}]",
                        _en(f"“{key}” không có trong {attr} của bloc.yaml", f"unknown {attr} {key!r}"),
                        subject,
                    )
                allowed |= self.groups.get(key, {key}) if attr == "sector" else {key}
            terms.append((attr, frozenset(allowed)))
        return Condition(tuple(terms))

    # --- forms ---------------------------------------------------------------------------------
    def _forms(self) -> dict[str, Form]:
        files = sorted((self.root / "forms").glob("*.yaml"))
        if not files:
            raise CatalogError("forms/", "", _en("không có biểu mẫu nào (*.yaml)", "no form (*.yaml) found"))
        model = form_shape()
        errors = {k: v for kind in rules.kinds() for k, v in type(kind).errors.items()}
        errors.update({k: v for m in aggregations.methods() for k, v in type(m).errors.items()})
        names = [f"forms/{f.name}" for f in files]
        shapes = [(n, validated(n, read_yaml(self.root, n), model, errors)) for n in names]
        # built in catalog order, so a code used twice is reported on the later form (a new one, usually)
        shapes.sort(key=lambda p: (p[1].submitted_by != "unit", p[1].order, p[0]))
        forms: list[tuple[int, bool, Form]] = []
        for name, shape in shapes:

            def condition(
                raw: dict[str, list[str]], path: str, subject: tuple[str, str] | None, name: str = name
            ) -> Condition:  # a def, not a lambda: mypy cannot infer a lambda with a default argument
                return self.condition(raw, name, path, subject)

            builder = FormBuilder(
                name,
                self.unit_types,
                self.sectors,
                self.periods,
                condition,
                self._claim_code,
                self.warnings.append,
            )
            forms.append((shape.order, "order" in shape.model_fields_set, builder.build(shape)))
            if shape.report_template and not (self.root / shape.report_template).is_file():
                raise CatalogError(
                    name,
                    "report_template",
                    _en(
                        f"không có tệp “{shape.report_template}” (đường dẫn tính từ thư mục danh mục, nơi có bloc.yaml)",
                        f"no file {shape.report_template!r} (the path is relative to the catalog folder, where "
                        "bloc.yaml is)",
                    ),
                )
        return ordered_forms(forms)

    def _bloc_rule(self, r: Any, path: str, forms: dict[str, Form]) -> BlocRule:
        code = self._claim_code(r.code, path, "bloc.yaml")
        known = {c for f in forms.values() for c, i in f.indicators.items() if i.numeric}
        for key in ("left", "right"):
            ref = getattr(r, key)
            if ref not in known:
                raise CatalogError(
                    "bloc.yaml",
                    f"{path}.{key}",
                    _en(
                        f"“{ref}” không phải chỉ tiêu số của biểu mẫu nào",
                        f"{ref!r} is not a numeric indicator of any form",
                    ),
                    ("rule", code),
                )
        return BlocRule(code, r.severity, r.left, r.op, r.right, texts_of(r))

    def _charts(self, charts: list[Any], forms: dict[str, Form]) -> tuple[Chart, ...]:
        unit_inputs = {c: i for f in forms.values() if f.submitted_by == "unit" for c, i in f.indicators.items()}
        out = []
        for n, c in enumerate(charts):
            chart = Chart(c.title, tuple(c.series), tuple(c.secondary), c.group_by)
            for code in chart.series + chart.secondary:
                ind = unit_inputs.get(code)
                if ind is None or not ind.numeric or not ind.input:
                    raise CatalogError(
                        "bloc.yaml",
                        f"charts[{n}]",
                        _en(
                            f"“{code}” không phải chỉ tiêu số nhập tay của biểu mẫu đơn vị",
                            f"{code!r} is not a numeric input of a unit form",
                        ),
                    )
            out.append(chart)
        return tuple(out)

    @staticmethod
    def _history_charts(codes: list[str], forms: dict[str, Form]) -> tuple[str, ...]:
        numeric = {c for f in forms.values() for c, i in f.indicators.items() if i.numeric}
        for n, code in enumerate(codes):
            if code not in numeric:
                raise CatalogError(
                    "bloc.yaml",
                    f"history.charts[{n}]",
                    _en(f"“{code}” không phải chỉ tiêu số của biểu mẫu nào", f"{code!r} is not a numeric indicator"),
                )
        return tuple(codes)

    def _claim_code(self, code: str, path: str, file: str) -> str:
        subject = ("rule", code)
        if not RULE_CODE_RE.match(code):
            raise CatalogError(
                file,
                f"{path}.code",
                _en(
                    "mã quy tắc gồm chữ in hoa và số, ví dụ X01",
                    "rule codes are upper-case letters and digits, e.g. X01",
                ),
                subject,
            )
        if code in BUILTIN:
            raise CatalogError(
                file,
                f"{path}.code",
                _en(
                    f"{code} là mã lỗi có sẵn của công cụ; chọn mã khác",
                    f"code {code} is a built-in finding code; choose another",
                ),
                subject,
            )
        if code in self.rule_codes:
            raise CatalogError(
                file,
                f"{path}.code",
                _en(
                    f"mã {code} đã dùng ở {self.rule_codes[code]}; mã quy tắc là duy nhất trong danh mục",
                    f"code {code} is already used at {self.rule_codes[code]}; rule codes are unique in the catalog",
                ),
                subject,
            )
        self.rule_codes[code] = f"{file}: {path}.code"
        return code
