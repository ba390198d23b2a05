"""`consolidate history`: each indicator and unit over the recorded periods, as text, JSON and a
print-ready workbook with a line chart per indicator (history/trends.py, outputs/trends.py)."""

from __future__ import annotations

import json
import zipfile

import openpyxl

from conftest import copy_db, run_cli


def _json(db, *args):
    result = run_cli("history", "--db", str(db), "--json", *args)
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def test_the_text_lists_the_periods_and_the_charted_indicators(cycle, tmp_path):
    db = copy_db(cycle["db"], tmp_path / "db.sqlite3")
    run_cli("close", "9T-2021", "--db", str(db))
    result = run_cli("history", "--db", str(db), "--indicator", "ket_nap", "--indicator", "ty_le_ket_nap")
    then, six = (cycle[k]["json"]["totals"] for k in ("9T-2020", "6T-2021"))
    assert result.stdout == (
        "Các kỳ đã ghi: 9 tháng năm 2020, 6 tháng năm 2021, 9 tháng năm 2021 (đã chốt).\n"
        f"  Kết nạp đảng viên mới (đồng chí): 9 tháng năm 2020: {then['ket_nap']}; "
        f"6 tháng năm 2021: {six['ket_nap']}; 9 tháng năm 2021: 116\n"
        f"  Tỷ lệ kết nạp so với chỉ tiêu đăng ký (%): 9 tháng năm 2020: {str(then['ty_le_ket_nap']).replace('.', ',')}; "
        f"6 tháng năm 2021: {str(six['ty_le_ket_nap']).replace('.', ',')}; 9 tháng năm 2021: 96,67\n"
    )


def test_units_indicators_and_periods_can_be_chosen(cycle):
    data = _json(cycle["db"], "--unit", "CB07", "--unit", "DB01", "--indicator", "dv_cuoi_ky", "--from", "6T-2021")
    assert data["periods"] == ["6T-2021", "9T-2021"] and data["indicators"] == ["dv_cuoi_ky"]
    assert sorted(data["units"]) == ["CB07", "DB01"]
    assert data["units"]["CB07"]["9T-2021"] == {"dv_cuoi_ky": 26}
    assert set(data["totals"]) == {"6T-2021", "9T-2021"} and data["totals"]["9T-2021"] == {"dv_cuoi_ky": 3407}
    rates = _json(cycle["db"], "--unit", "DB04", "--indicator", "ty_le_ket_nap", "--to", "9T-2020")
    assert rates["periods"] == ["9T-2020"]
    own = rates["units"]["DB04"]["9T-2020"]["ty_le_ket_nap"]  # a unit's rate from its own two figures
    assert isinstance(own, float) and 0 <= own <= 1000


def test_an_empty_database_and_unknown_codes(tmp_path):
    db = tmp_path / "moi.sqlite3"
    empty = run_cli("history", "--db", str(db))
    assert empty.exit_code == 0
    assert empty.stdout == f"Cơ sở dữ liệu lịch sử {db} chưa ghi kỳ báo cáo nào (hãy chạy consolidate merge).\n"
    assert json.loads(run_cli("history", "--db", str(db), "--json").stdout)["periods"] == []
    bad = run_cli("history", "--db", str(db), "--indicator", "khong_co")
    assert bad.exit_code == 2 and bad.stderr == "Chỉ tiêu “khong_co” không phải chỉ tiêu số trong danh mục.\n"
    unit = run_cli("history", "--db", str(db), "--unit", "XX99", "--lang", "en")
    assert unit.exit_code == 2 and unit.stderr == "Unit code “XX99” is not in the registry.\n"


def test_the_workbook_has_the_tables_and_a_line_chart_per_indicator(cycle, tmp_path):
    db = copy_db(cycle["db"], tmp_path / "db.sqlite3")
    run_cli("close", "9T-2021", "--db", str(db))
    out = tmp_path / "xu_huong.xlsx"
    result = run_cli("history", "--db", str(db), "-o", str(out))
    assert result.exit_code == 0 and result.stdout.endswith(f"Đã ghi bảng xu hướng: {out}\n")
    wb = openpyxl.load_workbook(out)
    assert wb.sheetnames == ["Xu hướng", "Số đơn vị có số liệu", "Từng đơn vị", "Biểu đồ"]
    ws = wb["Xu hướng"]
    rows = list(ws.iter_rows(values_only=True))
    header_at = next(i for i, r in enumerate(rows) if r[0] == "STT")
    header = rows[header_at]
    assert header[3:6] == ("9 tháng năm 2020", "6 tháng năm 2021", "9 tháng năm 2021\n(đã chốt)")
    assert ws.row_dimensions[header_at + 1].height >= 3 * 11  # three lines of the closed period's heading
    by_code = {r[-1]: r for r in rows[header_at + 1 :]}
    assert by_code["dv_cuoi_ky"][3:6] == tuple(cycle[k]["json"]["totals"]["dv_cuoi_ky"] for k in cycle if "-" in k)
    cover = {r[-1]: r for r in wb["Số đơn vị có số liệu"].iter_rows(values_only=True)}
    revenue = cycle["9T-2021"]["json"]["coverage"]["doanh_thu"]
    assert cover["doanh_thu"][3:6] == (f"{revenue['units']}/{revenue['of']}",) * 3 and revenue["units"] == 20
    assert ws.page_setup.orientation == "landscape" and ws.print_title_rows
    charts = [n for n in zipfile.ZipFile(out).namelist() if n.startswith("xl/charts/chart")]
    assert len(charts) == 5  # the catalog's history.charts
    xml = zipfile.ZipFile(out).read(sorted(charts)[0]).decode("utf-8")
    assert "<c:lineChart>" in xml and "Xu hướng" in xml
    units = [r for r in wb["Từng đơn vị"].iter_rows(values_only=True) if r[1] == "CB07"]
    assert units[0][3:6] == (
        *(
            json.loads(run_cli("history", "--db", str(db), "--json", "--unit", "CB07").stdout)["units"]["CB07"][k][
                "dv_cuoi_ky"
            ]
            for k in ("9T-2020", "6T-2021", "9T-2021")
        ),
    )


def test_chosen_indicators_are_the_charts(cycle, tmp_path):
    out = tmp_path / "xu.xlsx"
    run_cli("history", "--db", str(cycle["db"]), "-o", str(out), "--indicator", "ket_nap", "--json")
    assert len([n for n in zipfile.ZipFile(out).namelist() if n.startswith("xl/charts/chart")]) == 1
