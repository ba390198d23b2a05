"""The reporting cycle on the samples (issue 12): 9T-2020, 6T-2021 and 9T-2021 merged into one
history database, then compared, checked across periods, reported and closed — with no path options.
"""

from __future__ import annotations

import json
import shutil

import docx
import openpyxl
import pytest

from conftest import SAMPLES, SAMPLES_6T, SEED_TOTALS, copy_db, printed_totals, run_cli, set_cells, unit_file


def _totals_sheet(path):
    from consolidate.catalog.loader import load_catalog

    rows = printed_totals(path, load_catalog())
    return {name: name for name in next(iter(rows.values())) if name}, rows


def test_the_summary_compares_with_last_year_and_shows_the_quarter_without_path_options(cycle):
    then, six, now = (cycle[k]["json"]["totals"] for k in ("9T-2020", "6T-2021", "9T-2021"))
    col, rows = _totals_sheet(cycle["9T-2021"]["summary"])
    assert {"Cùng kỳ 9 tháng năm 2020", "Tăng (+), giảm (−)", "So với cùng kỳ (%)", "Quý III năm 2021"} <= set(col)
    for code in ("dv_cuoi_ky", "ket_nap", "doanh_thu", "kl_dv_tong"):
        assert rows[code]["Tổng số"] == SEED_TOTALS[code]
        assert rows[code]["Cùng kỳ 9 tháng năm 2020"] == then[code]
    for code in ("ket_nap", "doanh_thu", "kl_dv_tong", "hn_quan_triet"):  # flows: 9 months − 6 months
        assert rows[code]["Quý III năm 2021"] == now[code] - six[code], code
    for code in ("dv_cuoi_ky", "dv_dau_ky", "ty_le_ket_nap", "thu_nhap_bq"):  # stocks, rates, averages: none
        assert rows[code]["Quý III năm 2021"] is None, code


def test_the_quarter_per_unit_is_each_units_own_difference(cycle, tmp_path):
    data = json.loads(run_cli("history", "--db", str(cycle["db"]), "--json", "--unit", "DB04").stdout)
    mine = data["units"]["DB04"]
    quarter = cycle["9T-2021"]["json"]["quarter"]
    assert quarter["label"] == "Quý III năm 2021"
    assert quarter["units"]["DB04"]["ket_nap"] == mine["9T-2021"]["ket_nap"] - mine["6T-2021"]["ket_nap"]
    assert quarter["totals"]["ket_nap"] == 116 - cycle["6T-2021"]["json"]["totals"]["ket_nap"]
    wb = openpyxl.load_workbook(cycle["9T-2021"]["summary"], read_only=True)
    assert "Quý III theo đơn vị" in wb.sheetnames
    rows = list(wb["Quý III theo đơn vị"].iter_rows(values_only=True))
    labels = rows[3]
    db04 = next(r for r in rows if r[1] == "DB04")
    assert db04[labels.index("Kết nạp đảng viên mới")] == quarter["units"]["DB04"]["ket_nap"]


def test_the_json_names_the_other_periods_it_used(cycle):
    data = cycle["9T-2021"]["json"]
    assert data["previous"]["period"] == "9T-2020" and data["previous"]["label"] == "9 tháng năm 2020"
    assert data["previous"]["totals"] == cycle["9T-2020"]["json"]["totals"]
    assert data["previous"]["source"] == str(cycle["db"])
    assert data["earlier"]["period"] == "6T-2021"
    assert data["earlier"]["totals"] == cycle["6T-2021"]["json"]["totals"]
    for key in ("9T-2020", "6T-2021"):  # no 9T-2019, 6T-2020 or Q1-2021 recorded
        assert not {"previous", "earlier", "quarter"} & set(cycle[key]["json"]), key


def test_history_returns_the_three_periods_with_the_published_figures(cycle):
    result = run_cli("history", "--db", str(cycle["db"]), "--json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data["periods"] == ["9T-2020", "6T-2021", "9T-2021"]
    assert {code: data["totals"]["9T-2021"][code] for code in SEED_TOTALS} == SEED_TOTALS
    for key in data["periods"]:
        assert data["totals"][key] == {c: v for c, v in cycle[key]["json"]["totals"].items() if c in data["indicators"]}
    assert data["coverage"]["9T-2021"]["dv_cuoi_ky"] == {"units": 76, "of": 76, "complete": True}
    assert len(data["units"]) == 77  # the 76 units and the bloc committee's own figures
    assert data["units"]["CB07"]["9T-2021"]["dv_cuoi_ky"] == 26


def test_a_flow_lowered_below_six_months_is_caught_without_earlier(cycle, inbox, tmp_path):
    six = json.loads(run_cli("history", "--db", str(cycle["db"]), "--json", "--unit", "DB04").stdout)
    before = six["units"]["DB04"]["6T-2021"]["hn_quan_triet"]
    assert before > 0
    cell = set_cells(unit_file(inbox, "DB04"), {"hn_quan_triet": before - 1})["hn_quan_triet"]
    db = copy_db(cycle["db"], tmp_path / "db.sqlite3")
    result = run_cli("merge", str(inbox), "-o", str(tmp_path / "o.xlsx"), "--db", str(db), "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    k01 = [f for f in data["findings"] if f["code"] == "K01"]
    assert [(f["unit"], f["cell"], f["severity"]) for f in k01] == [("DB04", cell, "error")]
    assert f"ít hơn {before} đã báo cáo 6 tháng năm 2021" in k01[0]["message"]
    assert data["rejected"] == ["DB04"]


def test_the_draft_report_says_how_far_from_last_year(cycle):
    then = cycle["9T-2020"]["json"]["totals"]
    text = "\n".join(p.text for p in docx.Document(cycle["base"] / "bao_cao.docx").paragraphs)
    revenue = (4262000 - then["doanh_thu"]) / then["doanh_thu"] * 100
    admitted = (116 - then["ket_nap"]) / then["ket_nap"] * 100
    shown = f"{abs(revenue):.1f}".replace(".", ",")
    assert f"4.262 tỷ đồng, {'tăng' if revenue > 0 else 'giảm'} {shown}% so với cùng kỳ năm 2020, bảo đảm" in text
    shown = f"{abs(admitted):.1f}".replace(".", ",")
    assert f"116/120 đảng viên, {'tăng' if admitted > 0 else 'giảm'} {shown}% so với cùng kỳ năm 2020, đạt" in text


def test_without_a_database_nothing_is_compared(tmp_path):
    result = run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "o.xlsx"), "--json", "--no-db")
    data = json.loads(result.stdout)
    assert result.exit_code == 0
    assert not {"previous", "earlier", "quarter", "history"} & set(data)


def test_named_periods_override_the_database(cycle, tmp_path):
    db = copy_db(cycle["db"], tmp_path / "db.sqlite3")
    inbox_6t = tmp_path / "sau_thang"
    shutil.copytree(SAMPLES_6T, inbox_6t)
    set_cells(unit_file(inbox_6t, "DB04"), {"hn_quan_triet": 0})  # another 6-month figure than recorded
    result = run_cli(
        "merge", str(SAMPLES), "-o", str(tmp_path / "o.xlsx"), "--db", str(db), "--json", "--earlier", str(inbox_6t)
    )
    data = json.loads(result.stdout)
    assert data["earlier"]["source"] == str(inbox_6t) and data["previous"]["source"] == str(db)
    db04_now = json.loads(run_cli("history", "--db", str(db), "--json", "--unit", "DB04").stdout)
    assert data["quarter"]["units"]["DB04"]["hn_quan_triet"] == db04_now["units"]["DB04"]["9T-2021"]["hn_quan_triet"]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_terminal_says_what_was_compared_and_recorded(cycle, tmp_path, lang):
    db = copy_db(cycle["db"], tmp_path / "db.sqlite3")
    result = run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "o.xlsx"), "--db", str(db), "--lang", lang)
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    expected = {
        "vi": [
            "So sánh với cùng kỳ 9 tháng năm 2020 (số liệu đã ghi trong cơ sở dữ liệu lịch sử); "
            "kỳ trước 6 tháng năm 2021 (số liệu đã ghi trong cơ sở dữ liệu lịch sử).",
            "Số liệu riêng Quý III năm 2021 (= 9 tháng năm 2021 trừ 6 tháng năm 2021) ở cột “Quý III năm 2021” "
            "của trang “Tổng hợp”.",
            "Cơ sở dữ liệu lịch sử: không có gì mới so với lần tổng hợp đã ghi của kỳ này.",
        ],
        "en": [
            "Compared with the same period last year, 9 tháng năm 2020 (recorded in the history database); "
            "the earlier period 6 tháng năm 2021 (recorded in the history database).",
            "Figures of Quý III năm 2021 alone (= 9 tháng năm 2021 minus 6 tháng năm 2021) in the “Quý III năm "
            "2021” column of “Tổng hợp”.",
            "History database: nothing new since this period's recorded merge.",
        ],
    }[lang]
    assert lines[3:6] == expected


def test_validate_reads_the_earlier_period_from_the_database(cycle, inbox, tmp_path):
    six = json.loads(run_cli("history", "--db", str(cycle["db"]), "--json", "--unit", "DB04").stdout)
    before = six["units"]["DB04"]["6T-2021"]["hn_quan_triet"]
    path = unit_file(inbox, "DB04")
    set_cells(path, {"hn_quan_triet": before - 1})
    checked = json.loads(run_cli("validate", str(path), "--db", str(cycle["db"]), "--json").stdout)
    assert [f["code"] for f in checked["findings"] if f["severity"] == "error"] == ["K01"]
    alone = json.loads(run_cli("validate", str(path), "--no-db", "--json").stdout)
    assert not [f for f in alone["findings"] if f["code"] == "K01"]
