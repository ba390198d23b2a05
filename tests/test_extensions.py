"""The extension points: a new rule kind or aggregation method is one class, registered; it works
end to end in a merge with nothing else edited, and a class missing a part is refused."""

from __future__ import annotations

import json
import shutil
from collections.abc import Mapping
from typing import Any, Literal

import openpyxl
import pytest
from pydantic import Field

from consolidate import aggregations, rules
from consolidate.aggregations import Context, Method, MethodShape, Total
from consolidate.catalog.loader import default_schema_dir, load_catalog
from consolidate.core.shape import Number, Text
from consolidate.ingest.reader import read_submission
from consolidate.rules import Row, RuleKind, RuleShape, Violation
from consolidate.rules.base import condition_mask, numbers

from conftest import SAMPLES, run_cli


class ShareShape(RuleShape):
    kind: Literal["toy_share"]
    part: Text
    whole: Text
    at_least: Number = Field(description="Tỷ lệ tối thiểu của part trên whole.")


class Share(RuleKind):
    """part ≥ at_least × whole."""

    name = "toy_share"
    Shape = ShareShape
    numeric = True
    placeholders = frozenset({"share"})

    def fields(self, params: Mapping[str, Any]) -> tuple[str, ...]:
        return (params["part"], params["whole"])

    def passes(self, rule, frame):
        p = rule.params
        part, whole = numbers(frame, p["part"]), numbers(frame, p["whole"])
        bad = part.notna() & whole.notna() & (part < p["at_least"] * whole)
        return ~(condition_mask(frame, rule.when) & bad)

    def violations(self, rule, row: Row) -> list[Violation]:
        p = rule.params
        part, whole = row.value(p["part"]), row.value(p["whole"])
        if part is None or whole is None or part >= p["at_least"] * whole:
            return []
        return [Violation(p["part"], (p["part"], p["whole"]), {"share": round(part / whole * 100, 1)})]


class LargestShape(MethodShape):
    method: Literal["toy_largest"]


class Largest(Method):
    """The largest figure any unit reports."""

    name = "toy_largest"
    Shape = LargestShape

    def total(self, ind, ctx: Context) -> Total:
        values = [v for p in ctx.carriers(ind.code) for v in p.frame[ind.code].dropna().tolist()]
        units = sum(int(p.frame[ind.code].notna().sum()) for p in ctx.carriers(ind.code) if not p.is_bloc)
        return Total(ind.code, max(values) if values else None, self.name, units, ctx.eligible(ind))

    def column_formula(self, ind, own, ref) -> str:
        return f"=MAX({own})"

    def note(self, ind, total, catalog) -> str:
        return "Số lớn nhất trong các đơn vị"


TOY_RULE = """  - code: X01
    severity: warning
    kind: toy_share
    part: dv_nu
    whole: dv_cuoi_ky
    at_least: 0.45
    title: Ít đảng viên nữ
    title_en: Few women members
    message: "Đảng viên nữ chỉ chiếm {share}% số đảng viên."
    message_en: "Women are only {share}% of the members."
    fix: Kiểm tra lại số đảng viên nữ.
    fix_en: Check the number of women members.
"""


@pytest.fixture
def toys():
    rules.register(Share)
    aggregations.register(Largest)
    yield
    rules.unregister("toy_share")
    aggregations.unregister("toy_largest")


def test_a_toy_kind_and_method_work_end_to_end(toys, tmp_path):
    schemas = tmp_path / "schemas"
    shutil.copytree(default_schema_dir(), schemas)
    form = schemas / "forms" / "bc_tccs.yaml"
    text = form.read_text(encoding="utf-8")
    text = text.replace(
        "{code: the_dv_phat, label: Thẻ đảng viên đã phát, label_en: Party cards issued, unit: thẻ, "
        "type: integer, min: 0, max: 10000, nature: flow}",
        "{code: the_dv_phat, label: Thẻ đảng viên đã phát, label_en: Party cards issued, unit: thẻ, "
        "type: integer, min: 0, max: 10000, nature: flow, aggregate: toy_largest}",
    )
    text = text.replace("rules:\n", "rules:\n" + TOY_RULE, 1)
    form.write_text(text, encoding="utf-8")
    catalog = load_catalog(schemas)

    # what the samples hold, read independently of the merge
    expected_warned, cards = {}, []
    for path in sorted(SAMPLES.glob("BC-TCCS_*.xlsx")):
        sub = read_submission(path, catalog)
        cards.append(sub.values.get("the_dv_phat"))
        if sub.values["dv_nu"] < 0.45 * sub.values["dv_cuoi_ky"]:
            expected_warned[sub.unit_code] = (sub.cells["dv_nu"], sub.cells["dv_cuoi_ky"])
    assert expected_warned, "the samples should hold units below the toy threshold"

    out = tmp_path / "tong_hop.xlsx"
    result = run_cli("merge", str(SAMPLES), "-o", str(out), "--json", "--schemas", str(schemas))
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert data["totals"]["the_dv_phat"] == max(c for c in cards if c is not None)
    warned = {f["unit"]: tuple(f["cells"]) for f in data["findings"] if f["code"] == "X01"}
    assert warned == expected_warned
    assert all("% số đảng viên" in f["message"] for f in data["findings"] if f["code"] == "X01")

    wb = openpyxl.load_workbook(out)
    totals = wb["Tổng hợp"]
    label = catalog.indicator("the_dv_phat").label
    row = next(r for r in totals.iter_rows(values_only=True) if label in r)
    assert "Số lớn nhất trong các đơn vị" in row
    units, col = next(
        (ws, c.column)
        for ws in wb.worksheets
        if ws.title.startswith("Theo đơn vị")
        for c in ws[6]
        if c.value == "the_dv_phat"
    )
    formulas = [units.cell(row=r, column=col).value for r in range(7, units.max_row + 1)]
    assert any(isinstance(f, str) and f.startswith("=MAX(") for f in formulas)


def test_every_registered_kind_and_method_is_complete():
    for kind in rules.kinds():
        rules.check_kind(type(kind))
    for method in aggregations.methods():
        aggregations.check_method(type(method))


def test_a_kind_missing_a_part_is_refused():
    class NoTest(RuleKind):
        name = "no_test"
        Shape = ShareShape

        def fields(self, params):
            return ()

    with pytest.raises(TypeError, match="lacks: passes, violations"):
        rules.register(NoTest)
    assert rules.get("no_test") is None


def test_a_method_missing_a_part_is_refused():
    class NoNote(Method):
        name = "no_note"
        Shape = LargestShape

        def total(self, ind, ctx):
            return None

    with pytest.raises(TypeError, match="lacks: note, column_formula"):
        aggregations.register(NoNote)
    assert aggregations.get("no_note") is None


def test_an_unregistered_kind_is_a_catalog_error(tmp_path):
    schemas = tmp_path / "schemas"
    shutil.copytree(default_schema_dir(), schemas)
    form = schemas / "forms" / "bc_tccs.yaml"
    form.write_text(form.read_text(encoding="utf-8").replace("rules:\n", "rules:\n" + TOY_RULE, 1), encoding="utf-8")
    result = run_cli("codes", "--schemas", str(schemas), "--lang", "en")
    assert result.exit_code == 2
    assert "rules[0].kind (rule X01): unknown 'toy_share'" in result.stderr
