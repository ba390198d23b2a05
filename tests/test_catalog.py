"""The catalog: loads, refuses mistakes with file and key path, and drives everything — a new
indicator is a YAML edit that reaches the template, validation, totals and summary."""

from __future__ import annotations

import shutil

import pytest

from consolidate.catalog.loader import CatalogError, default_schema_dir, load_catalog

from conftest import ROOT, merge_json, run_cli, set_cells


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
    assert catalog.unit_form.indicators["thu_nhap_bq"].aggregation.params["weight"] == "lao_dong_bq"
    assert {r.code for r in catalog.unit_form.rules} >= {"R01", "R02", "R04", "R05"}


@pytest.mark.parametrize(
    "old,new,message",
    [
        (
            "type: integer, min: 0, max: 500",
            "type: number, min: 0, max: 500",
            "forms/bc_tccs.yaml: sections[1].indicators[3].type (indicator so_chi_bo_truc_thuoc): not allowed; "
            "use one of: integer, money, decimal, text, date, enum",
        ),
        (
            "label: Lao động bình quân, label_en",
            "label: Lao động, bình quân, label_en",
            "forms/bc_tccs.yaml: sections[5].indicators[1].bình quân (indicator lao_dong_bq): unknown key "
            "(a comma in an unquoted label splits it)",
        ),
        (
            "total: dv_cuoi_ky",
            "total: dv_cuoi_ki",
            "forms/bc_tccs.yaml: rules[0] (rule R01): refers to 'dv_cuoi_ki', which is not an input indicator of this form",
        ),
        (
            "weight: lao_dong_bq}",
            "weight: lao_dong}",
            "forms/bc_tccs.yaml: sections[5].indicators[2].aggregate (indicator thu_nhap_bq): refers to 'lao_dong', "
            "which is not a numeric input of this form",
        ),
        (
            "code: R02\n",
            "code: R01\n",
            "forms/bc_tccs.yaml: rules[1].code (rule R01): code R01 is already used at forms/bc_tccs.yaml: "
            "rules[0].code; rule codes are unique in the catalog",
        ),
        (
            "kind: sum\n    total: dv_cuoi_ky",
            "kind: summ\n    total: dv_cuoi_ky",
            "forms/bc_tccs.yaml: rules[0].kind (rule R01): unknown 'summ'; use one of: sum, not_greater, empty_when, "
            "required_when, filled_iff, range",
        ),
        (
            "kind: cumulative",
            "kind: growth",
            "forms/bc_tccs.yaml: period_rules[0].kind (rule K01): not allowed; use one of: cumulative, change",
        ),
        ("limit: 50", "limit: 0", "forms/bc_tccs.yaml: period_rules[1].limit (rule K02): must be greater than 0"),
        (
            "indicators: [dv_cuoi_ky, doanh_thu]",
            "indicators: [dv_cuoi_ky, ty_le_ket_nap]",
            "forms/bc_tccs.yaml: period_rules[1].indicators[1] (rule K02): 'ty_le_ket_nap' is not a numeric input "
            "indicator of this form",
        ),
        ("    title: Cân đối đảng viên không khớp\n", "", "forms/bc_tccs.yaml: rules[0].title (rule R01): is required"),
        ("version: 1\n", "version: một\n", "forms/bc_tccs.yaml: version: expected a whole number"),
        # the author's slips issue 11 lists
        (
            "aggregate: {method: ratio, numerator: ket_nap, denominator: chi_tieu_ket_nap_nam, scale: 100}",
            "aggregate: {method: ratio, numerator: ket_nap, denominator: chi_tieu_ket_nap_nam}",
            "forms/bc_tccs.yaml: sections[1].indicators[20].aggregate (indicator ty_le_ket_nap): a ratio shown in “%” "
            "must state its scale (usually 100)",
        ),
        (
            "min: 0, max: 10000, required: true, nature: flow}",
            "min: 10, max: 1, required: true, nature: flow}",
            "forms/bc_tccs.yaml: sections[1].indicators[5].min (indicator ket_nap): min (10) is greater than max (1)",
        ),
        (
            "trong kỳ được {expected} ({detail})",
            "trong kỳ được {expected} ({chi_tiet})",
            "forms/bc_tccs.yaml: rules[0].message (rule R01): placeholder {chi_tiet} is not provided; "
            "use: {cell}, {detail}, {difference}, {expected}, {label}, {parts_cells}, {total}, {value}",
        ),
        (
            "sheet: Báo cáo",
            "sheet: Báo cáo kết quả công tác xây dựng Đảng quý",
            "forms/bc_tccs.yaml: sheet: sheet name 'Báo cáo kết quả công tác xây dựng Đảng quý' is 42 characters long "
            "(at most 31)",
        ),
        (
            "sheet: Báo cáo",
            "sheet: Báo cáo/Quý",
            "forms/bc_tccs.yaml: sheet: sheet name 'Báo cáo/Quý' has characters Excel refuses: /",
        ),
        ("  - id: B2", "  - id: B", "forms/bc_tccs.yaml: sections[2].id: duplicate section id 'B' (also sections[1])"),
        (
            "field: thu_nhap_bq",
            "field: ma_tccs",
            "forms/bc_tccs.yaml: rules[8] (rule R09): 'ma_tccs' is an identity field; a rule cannot check it",
        ),
    ],
)
def test_mistakes_name_file_key_path_and_subject(schemas, old, new, message):
    _edit(schemas / "forms" / "bc_tccs.yaml", old, new)
    with pytest.raises(CatalogError) as err:
        load_catalog(schemas)
    assert str(err.value) == message


EXAMPLE = ROOT / "examples" / "forms" / "bc_dang_phi.yaml"


@pytest.mark.parametrize(
    "old,new,vi,en",
    [
        (
            "short: đã thu, unit: nghìn đồng,",
            "short: đã thu, unit: nghìn đồng, unit: người,",
            "forms/bc_dang_phi.yaml: dòng 37: khóa “unit” ghi hai lần trong cùng một bảng khóa (lần đầu ở dòng 37); "
            "giữ lại một",
            "forms/bc_dang_phi.yaml: line 37: key 'unit' is given twice in the same mapping (first on line 37); keep one",
        ),
        (
            "sheet: Đảng phí",
            "sheet: kết quả kiểm tra",
            "forms/bc_dang_phi.yaml: sheet: “kết quả kiểm tra” là tên trang “Kết quả kiểm tra” công cụ tự thêm vào "
            "biểu mẫu hoặc bản phản hồi (Excel không phân biệt chữ hoa, chữ thường); chọn tên khác",
            "forms/bc_dang_phi.yaml: sheet: 'kết quả kiểm tra' is the name of the sheet 'Kết quả kiểm tra' the tool "
            "adds to templates or feedback copies (Excel ignores case); choose another",
        ),
        (  # reported on the new form (after BC-TCCS in the catalog's order), naming where the first one is
            "  - code: DP01\n",
            "  - code: R01\n",
            "forms/bc_dang_phi.yaml: rules[0].code (quy tắc R01): mã R01 đã dùng ở forms/bc_tccs.yaml: rules[0].code; "
            "mã quy tắc là duy nhất trong danh mục",
            "forms/bc_dang_phi.yaml: rules[0].code (rule R01): code R01 is already used at forms/bc_tccs.yaml: "
            "rules[0].code; rule codes are unique in the catalog",
        ),
        (
            "code: dp_nguoi_lap,",
            "code: ket_nap,",
            "forms/bc_dang_phi.yaml: sections[0].indicators[6].code (chỉ tiêu ket_nap): mã chỉ tiêu “ket_nap” đã dùng "
            "ở forms/bc_tccs.yaml: sections[1].indicators[5].code; mã chỉ tiêu là duy nhất trong danh mục",
            "forms/bc_dang_phi.yaml: sections[0].indicators[6].code (indicator ket_nap): indicator code 'ket_nap' is "
            "already used at forms/bc_tccs.yaml: sections[1].indicators[5].code; codes are unique in the catalog",
        ),
        (
            "sheet: Đảng phí\n",
            "sheet: Đảng phí\nreport_template: bao_cao_dang_phi.txt\n",
            "forms/bc_dang_phi.yaml: report_template: không có tệp “bao_cao_dang_phi.txt” (đường dẫn tính từ thư mục "
            "danh mục, nơi có bloc.yaml)",
            "forms/bc_dang_phi.yaml: report_template: no file 'bao_cao_dang_phi.txt' (the path is relative to the "
            "catalog folder, where bloc.yaml is)",
        ),
        (
            "type: integer, min: 0, max: 100000, required: true, nature: stock}",
            "type: integer, decimals: 2, min: 0, max: 100000, required: true, nature: stock}",
            "forms/bc_dang_phi.yaml: sections[1].indicators[0].decimals (chỉ tiêu dp_so_dang_vien): chỉ tiêu kiểu "
            "integer là số nguyên (số đếm), không có chữ số thập phân; bỏ decimals, hoặc dùng type: decimal",
            "forms/bc_dang_phi.yaml: sections[1].indicators[0].decimals (indicator dp_so_dang_vien): an integer "
            "indicator is a whole number (a count) and has no decimals; remove decimals, or use type: decimal",
        ),
        (
            "type: decimal, decimals: 2, aggregate: {method: ratio",
            "type: decimal, decimals: 2, required: true, aggregate: {method: ratio",
            "forms/bc_dang_phi.yaml: sections[1].indicators[4].required (chỉ tiêu dp_ty_le_nop): chỉ tiêu tự tính "
            "(aggregate: ratio) không do đơn vị nhập, nên không thể bắt buộc hay giới hạn min/max; bỏ required",
            "forms/bc_dang_phi.yaml: sections[1].indicators[4].required (indicator dp_ty_le_nop): a computed indicator "
            "(aggregate: ratio) is not typed in, so it cannot be required or bounded by min/max; remove required",
        ),
        (
            "type: decimal, decimals: 2, aggregate: {method: ratio",
            "type: decimal, decimals: 2, max: 100, aggregate: {method: ratio",
            "forms/bc_dang_phi.yaml: sections[1].indicators[4].max (chỉ tiêu dp_ty_le_nop): chỉ tiêu tự tính "
            "(aggregate: ratio) không do đơn vị nhập, nên không thể bắt buộc hay giới hạn min/max; bỏ max",
            "forms/bc_dang_phi.yaml: sections[1].indicators[4].max (indicator dp_ty_le_nop): a computed indicator "
            "(aggregate: ratio) is not typed in, so it cannot be required or bounded by min/max; remove max",
        ),
    ],
)
def test_slips_in_a_new_form_are_named(schemas, old, new, vi, en):
    """Slips a tester made writing a new form from the guide (the example form copied in, one edit)."""
    form = schemas / "forms" / "bc_dang_phi.yaml"
    shutil.copyfile(EXAMPLE, form)
    _edit(form, old, new)
    with pytest.raises(CatalogError) as err:
        load_catalog(schemas)
    assert (err.value.text("vi"), err.value.text("en")) == (vi, en)


@pytest.mark.parametrize("sheet", ["Hướng dẫn", "_META"])
def test_a_sheet_the_tool_adds_is_no_data_sheet(schemas, tmp_path, sheet):
    """It used to pass the catalog, then stop `template` with an internal error."""
    _edit(schemas / "forms" / "bc_tccs.yaml", "sheet: Báo cáo", f"sheet: {sheet}")
    result = run_cli("template", "--period", "9T-2021", "-o", str(tmp_path / "out"), "--schemas", str(schemas))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Danh mục biểu mẫu (schemas) có lỗi: forms/bc_tccs.yaml: sheet: “{sheet}” là tên ")
    assert "Traceback" not in result.output


def test_a_report_template_that_exists_loads(schemas):
    (schemas / "mau").mkdir()
    (schemas / "mau" / "bao_cao.txt").write_text("Báo cáo\n", encoding="utf-8")
    _edit(schemas / "forms" / "bc_tccs.yaml", "sheet: Báo cáo\n", "sheet: Báo cáo\nreport_template: mau/bao_cao.txt\n")
    assert load_catalog(schemas).forms["BC-TCCS"].report_template == "mau/bao_cao.txt"


def test_decimals_of_a_rounded_whole_number_figure_are_kept(schemas):
    """An integer indicator may state decimals when its method rounds a quotient to them; 0 says nothing wrong."""
    form = schemas / "forms" / "bc_dang_phi.yaml"
    shutil.copyfile(EXAMPLE, form)
    _edit(
        form,
        'unit: "%", type: decimal, decimals: 2, aggregate: {method: ratio',
        'unit: "%", type: integer, decimals: 1, aggregate: {method: ratio',
    )
    _edit(
        form,
        "type: integer, min: 0, max: 100000, required: true",
        "type: integer, decimals: 0, min: 0, max: 100000, required: true",
    )
    indicators = load_catalog(schemas).forms["BC-DANG-PHI"].indicators
    assert (indicators["dp_ty_le_nop"].decimals, indicators["dp_so_dang_vien"].decimals) == (1, 0)


def test_two_unit_forms_may_not_share_an_order(schemas):
    """The first unit form is the primary one: which one it is may not hang on file names."""
    tccs, dues = schemas / "forms" / "bc_tccs.yaml", schemas / "forms" / "bc_dang_phi.yaml"
    shutil.copyfile(EXAMPLE, dues)
    _edit(dues, "order: 2\n", "order: 1\n")
    with pytest.raises(CatalogError) as err:
        load_catalog(schemas)
    assert err.value.text("vi") == (
        "forms/bc_tccs.yaml: order (biểu mẫu BC-TCCS): order 1 trùng với biểu mẫu BC-DANG-PHI "
        "(forms/bc_dang_phi.yaml); biểu mẫu đơn vị có order nhỏ nhất là biểu chính, nên mỗi biểu mẫu đơn vị cần "
        "một order riêng"
    )
    assert err.value.text("en") == (
        "forms/bc_tccs.yaml: order (form BC-TCCS): order 1 is also that of form BC-DANG-PHI "
        "(forms/bc_dang_phi.yaml); the unit form with the lowest order is the primary one, so each unit form needs "
        "an order of its own"
    )
    _edit(dues, "order: 1\n", "order: 100\n")
    _edit(tccs, "order: 1 ", "")
    with pytest.raises(CatalogError) as err:
        load_catalog(schemas)
    assert err.value.text("vi").startswith(
        "forms/bc_dang_phi.yaml: order (biểu mẫu BC-DANG-PHI): order 100 trùng với biểu mẫu BC-TCCS "
        "(forms/bc_tccs.yaml, không ghi order nên mặc định là 100); "
    )
    _edit(dues, "order: 100\n", "")  # neither writes an order: file-name order, as documented
    assert list(load_catalog(schemas).forms) == ["BC-DANG-PHI", "BC-TCCS", "BC-DUK"]


def test_a_bloc_figure_sharing_a_unit_code_keeps_its_type(schemas):
    _edit(
        schemas / "forms" / "bc_duk.yaml",
        "short: khiển trách, unit: đồng chí, type: integer",
        "short: khiển trách, unit: đồng chí, type: decimal",
    )
    with pytest.raises(CatalogError) as err:
        load_catalog(schemas)
    assert err.value.text("vi") == (
        "forms/bc_duk.yaml: sections[3].indicators[4].code (chỉ tiêu kl_dv_khien_trach): cùng mã với chỉ tiêu ở "
        "forms/bc_tccs.yaml: sections[4].indicators[8].code nhưng khác kiểu (decimal / integer)"
    )
    assert err.value.text("en") == (
        "forms/bc_duk.yaml: sections[3].indicators[4].code (indicator kl_dv_khien_trach): shares its code with "
        "forms/bc_tccs.yaml: sections[4].indicators[8].code but not its type (decimal / integer)"
    )


def test_catalog_errors_follow_the_language(schemas):
    _edit(
        schemas / "forms" / "bc_tccs.yaml",
        "min: 0, max: 10000, required: true, nature: flow}",
        "min: 10, max: 1, required: true, nature: flow}",
    )
    with pytest.raises(CatalogError) as err:
        load_catalog(schemas)
    assert err.value.text("vi") == (
        "forms/bc_tccs.yaml: sections[1].indicators[5].min (chỉ tiêu ket_nap): min (10) lớn hơn max (1)"
    )
    result = run_cli("codes", "--schemas", str(schemas))
    assert result.exit_code == 2
    assert result.stderr == (
        "Danh mục biểu mẫu (schemas) có lỗi: forms/bc_tccs.yaml: sections[1].indicators[5].min "
        "(chỉ tiêu ket_nap): min (10) lớn hơn max (1)\n"
    )
    english = run_cli("codes", "--schemas", str(schemas), "--lang", "en")
    assert english.stderr == (
        "The catalog (schemas) is invalid: forms/bc_tccs.yaml: sections[1].indicators[5].min "
        "(indicator ket_nap): min (10) is greater than max (1)\n"
    )


def test_a_missing_english_text_is_a_warning_not_a_silent_fallback(schemas):
    _edit(schemas / "forms" / "bc_tccs.yaml", "label: Năm báo cáo, label_en: Year,", "label: Năm báo cáo,")
    catalog = load_catalog(schemas)
    assert [w["en"] for w in catalog.warnings] == [
        "forms/bc_tccs.yaml: sections[0].indicators[4] (indicator nam): no label_en"
    ]
    result = run_cli("codes", "--schemas", str(schemas))
    assert result.exit_code == 0
    assert "Chú ý: forms/bc_tccs.yaml: sections[0].indicators[4] (chỉ tiêu nam): chưa có label_en" in result.stderr


@pytest.mark.parametrize(
    "old,new,message",
    [
        ("DB02,DBCS", "DB01,DBCS", "units.csv: line 3: duplicate unit code 'DB01'"),
        ("DB03,DBCS,CQNN", "DB03,DBCS,BO", "units.csv: line 4: unknown sector 'BO'"),
        ("CB01,CBCS", "CB01,CHI_BO", "units.csv: line 33: unknown unit type 'CHI_BO'"),
        (
            "code,type,sector,name",
            "ma,loai,linh_vuc,ten",
            "units.csv: line 1: the header must be: code,type,sector,name",
        ),
    ],
)
def test_registry_mistakes_are_named(schemas, old, new, message):
    _edit(schemas / "units.csv", old, new)
    with pytest.raises(CatalogError) as err:
        load_catalog(schemas)
    assert str(err.value) == message


def test_broken_catalog_stops_the_cli_with_exit_2_and_no_traceback(schemas, tmp_path):
    _edit(schemas / "bloc.yaml", "place: Bình An", "place: [Bình An")
    result = run_cli("merge", str(tmp_path), "--schemas", str(schemas))
    assert result.exit_code == 2
    assert result.stderr.startswith("Danh mục biểu mẫu (schemas) có lỗi: bloc.yaml: dòng")
    assert "Traceback" not in result.output


NEW_INDICATOR = """      - {code: dv_tre, label: "Trong đó: đảng viên dưới 35 tuổi", label_en: "of which: under 35", unit: đồng chí, type: integer, min: 0, max: 100000, nature: stock}
"""


def test_a_new_indicator_is_a_yaml_edit(schemas, tmp_path):
    _edit(
        schemas / "forms" / "bc_tccs.yaml",
        "      - {code: chi_tieu_ket_nap_nam",
        NEW_INDICATOR + "      - {code: chi_tieu_ket_nap_nam",
    )
    _edit(
        schemas / "forms" / "bc_tccs.yaml",
        "      - [dv_nu, dv_cuoi_ky]",
        "      - [dv_nu, dv_cuoi_ky]\n      - [dv_tre, dv_cuoi_ky]",
    )
    inbox = tmp_path / "inbox"
    assert (
        run_cli(
            "template",
            "--period",
            "9T-2021",
            "-o",
            str(inbox),
            "--schemas",
            str(schemas),
            "--unit",
            "CB01",
            "--unit",
            "CB02",
        ).exit_code
        == 0
    )
    first, second = sorted(inbox.glob("*_CB0*.xlsx"))
    base = {"dv_dau_ky": 10, "ket_nap": 1, "dv_cuoi_ky": 11, "chi_tieu_ket_nap_nam": 1, "kl_dv_tong": 0}
    set_cells(first, {**base, "dv_tre": 4})
    set_cells(second, {**base, "dv_tre": 12})  # more young members than members: R03
    _result, data = merge_json(inbox, tmp_path / "out.xlsx", "--schemas", str(schemas))
    assert data["totals"]["dv_tre"] == 4
    bad = [f for f in data["findings"] if f["unit"] == "CB02" and f["code"] == "R03"]
    assert bad and "“Trong đó: đảng viên dưới 35 tuổi” (12) lớn hơn số “Tổng số đảng viên" in bad[0]["message"]
