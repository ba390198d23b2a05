"""The catalog: loads, refuses mistakes with file and key path, and drives everything — a new
indicator is a YAML edit that reaches the template, validation, totals and summary."""

from __future__ import annotations

import shutil

import pytest
from conftest import merge_json, run_cli, set_cells

from consolidate.catalog.loader import CatalogError, default_schema_dir, load_catalog


@pytest.fixture
def schemas(tmp_path):
    target = tmp_path / "schemas"
    shutil.copytree(default_schema_dir(), target)
    return target


def _edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_catalog_contents(catalog):
    assert len(catalog.units) == 76
    assert sum(u.type == "DBCS" for u in catalog.units) == 31
    assert list(catalog.forms) == ["BC-TCCS", "BC-DUK"]
    assert catalog.unit_form.indicators["thu_nhap_bq"].aggregation.weight == "lao_dong_bq"
    assert {r.code for r in catalog.unit_form.rules} >= {"R01", "R02", "R04", "R05"}


@pytest.mark.parametrize("old,new,where", [
    ("type: integer, min: 0, max: 500", "type: number, min: 0, max: 500",
     "forms/bc_tccs.yaml: sections[1].indicators[3].type: unknown type 'number'"),
    ("label: Lao động bình quân, label_en", "label: Lao động, bình quân, label_en",
     "forms/bc_tccs.yaml: sections[5].indicators[1].bình quân: unknown key"),
    ("total: dv_cuoi_ky", "total: dv_cuoi_ki", "forms/bc_tccs.yaml: rules[0]: refers to 'dv_cuoi_ki'"),
    ("weight: lao_dong_bq}", "weight: lao_dong}", "thu_nhap_bq: aggregation refers to 'lao_dong'"),
    ("code: R02\n", "code: R01\n", "forms/bc_tccs.yaml: rules[1].code: code R01 is already used"),
    ("kind: cumulative", "kind: growth",
     "forms/bc_tccs.yaml: period_rules[0].kind: period rules are of kind cumulative or change"),
    ("limit: 50", "limit: 0", "forms/bc_tccs.yaml: period_rules[1].limit: limit is a percentage above 0"),
    ("indicators: [dv_cuoi_ky, doanh_thu]", "indicators: [dv_cuoi_ky, ty_le_ket_nap]",
     "forms/bc_tccs.yaml: period_rules[1].indicators[1]: 'ty_le_ket_nap' is not a numeric input indicator"),
])
def test_mistakes_name_file_and_key_path(schemas, old, new, where):
    _edit(schemas / "forms" / "bc_tccs.yaml", old, new)
    with pytest.raises(CatalogError) as err:
        load_catalog(schemas)
    assert where in str(err.value)


@pytest.mark.parametrize("old,new,message", [
    ("DB02,DBCS", "DB01,DBCS", "units.csv: line 3: duplicate unit code 'DB01'"),
    ("DB03,DBCS,CQNN", "DB03,DBCS,BO", "units.csv: line 4: unknown sector 'BO'"),
    ("CB01,CBCS", "CB01,CHI_BO", "units.csv: line 33: unknown unit type 'CHI_BO'"),
    ("code,type,sector,name", "ma,loai,linh_vuc,ten", "units.csv: line 1: the header must be: code,type,sector,name"),
])
def test_registry_mistakes_are_named(schemas, old, new, message):
    _edit(schemas / "units.csv", old, new)
    with pytest.raises(CatalogError) as err:
        load_catalog(schemas)
    assert str(err.value) == message


def test_broken_catalog_stops_the_cli_with_exit_2_and_no_traceback(schemas, tmp_path):
    _edit(schemas / "bloc.yaml", "place: Bình An", "place: [Bình An")
    result = run_cli("merge", str(tmp_path), "--schemas", str(schemas))
    assert result.exit_code == 2
    assert result.stderr.startswith("Danh mục biểu mẫu (schemas) có lỗi: bloc.yaml: line")
    assert "Traceback" not in result.output


NEW_INDICATOR = """      - {code: dv_tre, label: "Trong đó: đảng viên dưới 35 tuổi", label_en: "of which: under 35", unit: đồng chí, type: integer, min: 0, max: 100000, nature: stock}
"""


def test_a_new_indicator_is_a_yaml_edit(schemas, tmp_path):
    _edit(schemas / "forms" / "bc_tccs.yaml", "      - {code: chi_tieu_ket_nap_nam",
          NEW_INDICATOR + "      - {code: chi_tieu_ket_nap_nam")
    _edit(schemas / "forms" / "bc_tccs.yaml", "      - [dv_nu, dv_cuoi_ky]", "      - [dv_nu, dv_cuoi_ky]\n      - [dv_tre, dv_cuoi_ky]")
    inbox = tmp_path / "inbox"
    assert run_cli("template", "--period", "9T-2021", "-o", str(inbox), "--schemas", str(schemas),
                   "--unit", "CB01", "--unit", "CB02").exit_code == 0
    first, second = sorted(inbox.glob("CB0*.xlsx"))
    base = {"dv_dau_ky": 10, "ket_nap": 1, "dv_cuoi_ky": 11, "chi_tieu_ket_nap_nam": 1, "kl_dv_tong": 0}
    set_cells(first, {**base, "dv_tre": 4})
    set_cells(second, {**base, "dv_tre": 12})          # more young members than members: R03
    result, data = merge_json(inbox, tmp_path / "out.xlsx", "--schemas", str(schemas))
    assert data["totals"]["dv_tre"] == 4
    bad = [f for f in data["findings"] if f["unit"] == "CB02" and f["code"] == "R03"]
    assert bad and "đảng viên dưới 35 tuổi 12 > cuối kỳ 11" in bad[0]["message"]
