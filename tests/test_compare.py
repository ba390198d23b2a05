"""Comparison with the same period of the previous year (issue 5), on a generated 9T-2020 inbox."""

from __future__ import annotations

import json

import pytest

from consolidate.catalog.loader import load_catalog
from consolidate.core.periods import parse_period

from conftest import ROOT, SAMPLES, printed_totals, run_cli
from fill import read_csv, write_bloc_report, write_unit_reports


def _last_year(row: dict, i: int) -> dict:
    """A plausible 9-month 2020 report from the 2021 one: fewer admissions, less revenue."""
    row = dict(row)
    if i % 3 == 0 and int(row["ket_nap"]) > 0:
        row["ket_nap"] = str(int(row["ket_nap"]) - 1)
        row["dv_cuoi_ky"] = str(int(row["dv_cuoi_ky"]) - 1)
        row["dv_du_bi"] = row["ket_nap"]
    if row["doanh_thu"]:
        row["doanh_thu"] = str(round(float(row["doanh_thu"]) * 0.92))
        row["thu_nhap_bq"] = f"{float(row['thu_nhap_bq']) - 0.4:.1f}"
    return row


@pytest.fixture(scope="module")
def years(tmp_path_factory):
    base = tmp_path_factory.mktemp("cmp")
    catalog = load_catalog()
    inbox = base / "inbox_2020"
    rows = [_last_year(r, i) for i, r in enumerate(read_csv(ROOT / "samples" / "units_9T2021.csv"))]
    write_unit_reports(catalog, parse_period(catalog, "9T-2020"), rows, inbox)
    bloc = [
        dict(r, value="540") if r["code"] == "tcct_ket_luan" else r
        for r in read_csv(ROOT / "samples" / "bloc_9T2021.csv")
    ]
    write_bloc_report(catalog, parse_period(catalog, "9T-2020"), bloc, inbox)
    old = run_cli("merge", str(inbox), "-o", str(base / "tong_hop_9T_2020.xlsx"), "--json")
    assert old.exit_code == 0, old.stdout[-2000:]
    return base, inbox, json.loads(old.stdout)["totals"]


def _compare_columns(path, catalog):
    rows = printed_totals(path, catalog)
    header = list(next(iter(rows.values())))
    return header, rows


@pytest.mark.parametrize("source", ["summary", "inbox"])
def test_both_years_and_the_change_for_every_numeric_indicator(years, tmp_path, source, catalog):
    base, inbox, before = years
    previous = base / "tong_hop_9T_2020.xlsx" if source == "summary" else inbox
    out = tmp_path / "tong_hop_9T_2021.xlsx"
    result = run_cli("merge", str(SAMPLES), "-o", str(out), "--compare-with", str(previous), "--json")
    assert result.exit_code == 0
    now = json.loads(result.stdout)["totals"]
    header, rows = _compare_columns(out, catalog)
    assert "Cùng kỳ 9 tháng năm 2020" in header
    numeric = [code for code, value in now.items() if isinstance(value, (int, float))]
    assert len(numeric) > 80
    for code in numeric:
        row = rows[code]
        assert row["Tổng số"] == pytest.approx(now[code])
        assert row["Cùng kỳ 9 tháng năm 2020"] == pytest.approx(before[code]), code
        assert row["Tăng (+), giảm (−)"] == pytest.approx(now[code] - before[code], abs=1e-6), code
        if before[code]:
            assert row["So với cùng kỳ (%)"] == pytest.approx(round(now[code] / before[code] * 100, 2)), code
    fewer = sum(
        1 for i, r in enumerate(read_csv(ROOT / "samples" / "units_9T2021.csv")) if i % 3 == 0 and int(r["ket_nap"]) > 0
    )
    assert rows["ket_nap"]["Cùng kỳ 9 tháng năm 2020"] == 116 - fewer
    assert rows["tcct_ket_luan"]["Tăng (+), giảm (−)"] == 58


def test_an_unreadable_previous_summary_stops_with_exit_2(tmp_path):
    bad = tmp_path / "cu.xlsx"
    bad.write_bytes(b"not a workbook")
    result = run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "o.xlsx"), "--compare-with", str(bad))
    assert result.exit_code == 2
    assert result.stderr == f"Không đọc được số liệu cùng kỳ từ “{bad}”: không mở được tệp\n"
