"""Rules across periods (domain rules 7 and 9): each unit against its own figures of an earlier
period of the year (K01, cumulative flows never go down) and of the same period last year (K02,
members or revenue moving by more than ±50 %), from a previous summary or a previous inbox."""

from __future__ import annotations

import json
from decimal import Decimal

import openpyxl
import pytest

from consolidate.catalog.loader import load_catalog
from consolidate.checks.across import history_findings
from consolidate.core.periods import parse_period
from consolidate.core.submission import FileInfo, Submission
from consolidate.pipeline.previous import Previous

from conftest import ROOT, SAMPLES, letters, run_cli, unit_file
from fill import read_csv, write_bloc_report, write_unit_reports

UNITS = ROOT / "samples" / "units_9T2021.csv"
BLOC = ROOT / "samples" / "bloc_9T2021.csv"


def _inbox(base, name: str, period: str, change) -> tuple:
    """A generated inbox of ``period`` from the 9-month 2021 rows, ``change`` editing some of them,
    and the summary merged from it."""
    catalog = load_catalog()
    rows = [change(dict(r)) for r in read_csv(UNITS)]
    inbox = base / name
    write_unit_reports(catalog, parse_period(catalog, period), rows, inbox)
    write_bloc_report(catalog, parse_period(catalog, period), read_csv(BLOC), inbox)
    summary = base / f"tong_hop_{name}.xlsx"
    merged = run_cli("merge", str(inbox), "-o", str(summary), "--json")
    assert merged.exit_code == 0, merged.stdout[-2000:]
    return inbox, summary


def _six_months(row: dict) -> dict:
    """6 tháng 2021 as the units reported it: identical, except DB01 reported more admissions
    then (5) than it now reports for 9 months (3), and DB22 more revenue."""
    row["ngay_chot_so_lieu"] = "30/06/2021"
    if row["ma_tccs"] == "DB01":
        row["ket_nap"], row["dv_cuoi_ky"] = "5", "74"  # 69 + 5 + 1 − 1
    if row["ma_tccs"] == "DB22":
        row["doanh_thu"] = "1200000"  # now 1.182.640
    return row


def _last_year(row: dict) -> dict:
    """9 tháng 2020: DB05 had 40 % fewer members, DB21 2,5 times the revenue."""
    row["ngay_chot_so_lieu"] = "30/09/2020"
    if row["ma_tccs"] == "DB05":
        cut = round(int(row["dv_cuoi_ky"]) * 0.4)
        for code in ("dv_dau_ky", "dv_cuoi_ky"):
            row[code] = str(int(row[code]) - cut)
        row["dv_nu"] = str(min(int(row["dv_nu"]), int(row["dv_cuoi_ky"])))
    if row["ma_tccs"] == "DB21":
        row["doanh_thu"] = str(int(row["doanh_thu"]) * 5 // 2)
    return row


@pytest.fixture(scope="module")
def earlier(tmp_path_factory):
    return _inbox(tmp_path_factory.mktemp("h6"), "6T_2021", "6T-2021", _six_months)


@pytest.fixture(scope="module")
def last_year(tmp_path_factory):
    return _inbox(tmp_path_factory.mktemp("h20"), "9T_2020", "9T-2020", _last_year)


def _cell_of(path, code: str) -> str:
    """The value cell of an indicator in a unit file, found by its Mã số like the reader does."""
    ws = openpyxl.load_workbook(path, read_only=True)["Báo cáo"]
    for row in ws.iter_rows():
        cells = [c for c in row if c.value is not None]
        if any(c.value == code for c in cells):
            return f"E{row[0].row}"
    raise AssertionError(code)


@pytest.mark.parametrize("source", ["summary", "inbox"])
def test_a_cumulative_figure_lower_than_the_earlier_report_rejects_the_unit(earlier, tmp_path, source):
    inbox, summary = earlier
    result = run_cli(
        "merge",
        str(SAMPLES),
        "-o",
        str(tmp_path / "o.xlsx"),
        "--json",
        "--earlier",
        str(summary if source == "summary" else inbox),
    )
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    history = sorted(
        (f["unit"], f["cell"], f["severity"], f["message"]) for f in data["findings"] if f["code"].startswith("K")
    )
    assert history == [
        (
            "DB01",
            _cell_of(unit_file(SAMPLES, "DB01"), "ket_nap"),
            "error",
            "Kết nạp đảng viên mới: 3 tính đến kỳ này, ít hơn 5 đã báo cáo 6 tháng năm 2021; số liệu cộng dồn từ "
            "đầu năm không thể giảm.",
        ),
        (
            "DB22",
            _cell_of(unit_file(SAMPLES, "DB22"), "doanh_thu"),
            "error",
            "Tổng doanh thu: 1.182.640 tính đến kỳ này, ít hơn 1.200.000 đã báo cáo 6 tháng năm 2021; số liệu cộng "
            "dồn từ đầu năm không thể giảm.",
        ),
    ]
    status = {s["unit"]: s["status"] for s in data["submissions"] if s["unit"]}
    assert status["DB01"] == status["DB22"] == "rejected"
    assert data["units_accepted"] == 74
    admitted = {r["ma_tccs"]: int(r["ket_nap"]) for r in read_csv(UNITS)}
    assert data["totals"]["ket_nap"] == 116 - admitted["DB01"] - admitted["DB22"]


def test_the_same_period_is_not_an_earlier_one(earlier, tmp_path):
    inbox, _ = earlier
    same = run_cli("merge", str(inbox), "-o", str(tmp_path / "o.xlsx"), "--earlier", str(inbox))
    assert same.exit_code == 2  # 6T against 6T: the run stops instead of checking nothing
    assert "không phải số liệu của một kỳ trước" in same.stderr
    assert not (tmp_path / "o.xlsx").exists()
    missing = run_cli("merge", str(inbox), "-o", str(tmp_path / "o.xlsx"), "--earlier", str(tmp_path / "none"))
    assert missing.exit_code == 2
    assert (
        missing.stderr == f"Không dùng được số liệu kỳ trước từ “{tmp_path / 'none'}”: không có tệp hoặc thư mục này\n"
    )


@pytest.mark.parametrize(
    "lang,message",
    [
        (
            "vi",
            "Không dùng được số liệu kỳ trước từ “{path}”: đây không phải số liệu của một kỳ trước trong cùng "
            "năm với kỳ đang tổng hợp",
        ),
        (
            "en",
            "Cannot use the earlier period's figures from “{path}”: these are not the figures of an earlier period "
            "of the year being merged",
        ),
    ],
)
def test_an_earlier_source_of_another_year_stops_with_exit_2(last_year, tmp_path, lang, message):
    _, summary = last_year
    result = run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "o.xlsx"), "--earlier", str(summary), "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr == message.format(path=summary) + "\n"
    assert not (tmp_path / "o.xlsx").exists()


@pytest.mark.parametrize("source", ["summary", "inbox"])
def test_a_large_change_against_last_year_is_a_warning(last_year, tmp_path, source):
    inbox, summary = last_year
    result = run_cli(
        "merge",
        str(SAMPLES),
        "-o",
        str(tmp_path / "o.xlsx"),
        "--json",
        "--compare-with",
        str(summary if source == "summary" else inbox),
    )
    assert result.exit_code == 0  # warnings reject nothing
    data = json.loads(result.stdout)
    history = sorted(
        (f["unit"], f["code"], f["severity"], f["message"]) for f in data["findings"] if f["code"].startswith("K")
    )
    assert next(r for r in read_csv(UNITS) if r["ma_tccs"] == "DB05")["dv_cuoi_ky"] == "90"  # 2020: 90 − 36
    assert history == [
        (
            "DB05",
            "K02",
            "warning",
            "Tổng số đảng viên đến ngày chốt số liệu: 90, so với 54 cùng kỳ 9 tháng năm 2020 thay đổi +66,7% "
            "(ngưỡng ±50%).",
        ),
        (
            "DB21",
            "K02",
            "warning",
            "Tổng doanh thu: 1.838.050, so với 4.595.125 cùng kỳ 9 tháng năm 2020 thay đổi -60,0% (ngưỡng ±50%).",
        ),
    ]
    assert data["units_accepted"] == 76


def test_without_other_periods_no_period_rule_runs(tmp_path):
    data = json.loads(run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "o.xlsx"), "--json").stdout)
    assert not [f for f in data["findings"] if f["code"].startswith("K")]


def _sub(unit: str, **values) -> Submission:
    sub = Submission(FileInfo(f"{unit}.xlsx"))
    sub.form_id, sub.unit_code, sub.period_key, sub.sheet = "BC-TCCS", unit, "9T-2021", "Báo cáo"
    sub.values.update(values)
    return sub


def test_rules_pick_their_period_and_skip_what_cannot_be_judged(catalog):
    period = parse_period(catalog, "9T-2021")
    six = Previous("6 tháng năm 2021", "6T-2021", {}, {"A": {"ket_nap": 4, "doanh_thu": 0}})
    quarter = Previous("Quý I năm 2021", "Q1-2021", {}, {"A": {"ket_nap": 9}})
    year = Previous("9 tháng năm 2020", "9T-2020", {}, {"A": {"doanh_thu": 0, "dv_cuoi_ky": 10}})
    text = _sub("A", ket_nap=Decimal("3"), doanh_thu=50.0, dv_cuoi_ky=10)  # a number typed as text
    found = history_findings(catalog, [text], period, [quarter, six, year])
    # the latest earlier period is used (6T, not Q1); from zero revenue there is no percentage
    assert [(f.code, f.indicator, f.params["previous"]) for f in found] == [("K01", "ket_nap", 4)]
    assert history_findings(catalog, [text], period, [year]) == []
    other_unit = _sub("B", ket_nap=0)
    assert history_findings(catalog, [other_unit], period, [six]) == []


def test_status_reaches_the_merge_verdicts_and_chases_the_units(earlier, tmp_path):
    _, summary = earlier
    plain = json.loads(run_cli("status", str(SAMPLES), "--json").stdout)
    assert plain["rejected"] == []
    out = tmp_path / "nhac"
    result = run_cli("status", str(SAMPLES), "--earlier", str(summary), "--reminders", str(out))
    assert result.exit_code == 1
    data = json.loads(run_cli("status", str(SAMPLES), "--earlier", str(summary), "--json").stdout)
    assert sorted(data["rejected"]) == ["DB01", "DB22"]
    sent = letters(out)
    assert set(sent) == {"DB01", "DB22"}
    cell = _cell_of(unit_file(SAMPLES, "DB01"), "ket_nap")
    assert "\n- Kết nạp đảng viên mới: 3 tính đến kỳ này, ít hơn 5 đã báo cáo 6 tháng năm 2021" in sent["DB01"]
    assert f"Cách sửa: Ghi lại ô {cell} bằng số cộng dồn" in sent["DB01"]
    assert "ít hơn 5 đã báo cáo 6 tháng năm 2021" in sent["DB01"]
    assert "không ghi riêng số của quý" in sent["DB01"]
