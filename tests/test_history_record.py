"""Recording merges in the history database, and receipt order deciding which version counts
(consolidate/history/record.py, queries.py, receive.py; pipeline/versions.py)."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import sqlite3

import openpyxl
import pytest

from consolidate.catalog.loader import load_catalog
from consolidate.core.moments import shown_time
from consolidate.core.periods import parse_period

from conftest import ROOT, SAMPLES, run_cli, unit_file
from fill import read_csv, write_unit_reports

UNITS = ("DB01", "DB02", "CB07")


def _small_inbox(folder):
    folder.mkdir()
    for code in UNITS:
        shutil.copy(unit_file(SAMPLES, code), folder)
    return folder


def _merge(inbox, db, out, *extra):
    result = run_cli("merge", str(inbox), "-o", str(out), "--db", str(db), "--json", *extra)
    assert result.stdout, result.stderr
    return result, json.loads(result.stdout)


def _count(db, table):
    with sqlite3.connect(db) as conn:
        return conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def test_a_merge_records_files_submissions_values_and_totals_once(tmp_path):
    inbox, db = _small_inbox(tmp_path / "inbox"), tmp_path / "db.sqlite3"
    _result, data = _merge(inbox, db, tmp_path / "a.xlsx")
    assert data["history"] == {
        "database": str(db),
        "recorded": True,
        "run": 1,
        "unchanged": False,
        "new_files": 3,
        "merges": 1,
        "closed": None,
        "changes": [],
    }
    counts = {t: _count(db, t) for t in ("runs", "files", "submissions", "vals", "totals", "audit")}
    with sqlite3.connect(db) as conn:
        values = dict(
            conn.execute(
                "SELECT indicator, value FROM accepted_values WHERE unit = 'CB07' AND period = '9T-2021'"
            ).fetchall()
        )
        cell = conn.execute(
            "SELECT sheet, cell FROM accepted_values WHERE unit = 'CB07' AND indicator = 'dv_cuoi_ky'"
        ).fetchone()
        totals = dict(conn.execute("SELECT indicator, units FROM totals WHERE run_id = 1").fetchall())
        mode = conn.execute("PRAGMA journal_mode").fetchone()[0]
    assert values["dv_cuoi_ky"] == 26 and values["ma_tccs"] == "CB07"
    assert cell[0] == "Báo cáo" and cell[1].startswith("E")
    assert totals["dv_cuoi_ky"] == 3 and mode == "wal"
    assert counts["runs"] == counts["audit"] == 1 and counts["files"] == counts["submissions"] == 3
    _again, data = _merge(inbox, db, tmp_path / "b.xlsx")  # the same inbox: nothing new
    assert data["history"]["unchanged"] and not data["history"]["recorded"]
    assert {t: _count(db, t) for t in counts} == counts
    assert (
        "Cơ sở dữ liệu lịch sử: không có gì mới so với lần tổng hợp đã ghi của kỳ này."
        in run_cli("merge", str(inbox), "-o", str(tmp_path / "c.xlsx"), "--db", str(db)).stdout.splitlines()
    )


def _second_version(folder, name: str, saved: dt.datetime):
    """CB07's report with one more member admitted, saved (its own stamp) at ``saved``."""
    catalog = load_catalog()
    row = next(r for r in read_csv(ROOT / "samples" / "units_9T2021.csv") if r["ma_tccs"] == "CB07")
    row["ket_nap"], row["dv_cuoi_ky"] = str(int(row["ket_nap"]) + 1), str(int(row["dv_cuoi_ky"]) + 1)
    folder.mkdir(exist_ok=True)
    path = write_unit_reports(catalog, parse_period(catalog, "9T-2021"), [row], folder, saved=saved)[0]
    target = folder / name
    path.rename(target)
    return target


def _counted(data, unit="CB07"):
    return next(s["file"] for s in data["submissions"] if s["unit"] == unit and s["status"] == "accepted")


@pytest.mark.parametrize("order", ["original first", "correction first"])
def test_the_version_received_last_counts_whatever_its_own_stamp(tmp_path, order):
    inbox, db = _small_inbox(tmp_path / "inbox"), tmp_path / "db.sqlite3"
    original = unit_file(inbox, "CB07")  # saved 05/10/2021 09:00
    correction = _second_version(tmp_path / "sua", "CB07_ban_sua.xlsx", dt.datetime(2021, 10, 1, 8, 0))
    first, second = (original, correction) if order == "original first" else (correction, original)
    held = tmp_path / "held"
    held.mkdir()
    shutil.move(second, held / second.name)  # the later one has not arrived yet
    if first is correction:
        shutil.move(correction, inbox / correction.name)
    _, data = _merge(inbox, db, tmp_path / "a.xlsx")
    assert _counted(data) == first.name
    admitted = data["totals"]["ket_nap"]
    shutil.move(held / second.name, inbox / second.name)
    older = (inbox / first.name).stat().st_mtime - 86400
    os.utime(inbox / second.name, (older, older))  # its time in the folder says nothing about its receipt
    _, data = _merge(inbox, db, tmp_path / "b.xlsx")
    assert _counted(data) == second.name
    superseded = next(f for f in data["findings"] if f["code"] == "I205")
    assert superseded["file"] == first.name and "nhận sau" in superseded["message"]
    sent = {s["file"]: s for s in data["submissions"] if s["unit"] == "CB07"}
    assert sent[second.name]["received"] >= sent[first.name]["received"]  # the receipts, not the folder times
    assert sent[correction.name]["saved"] == "2021-10-01T08:00:00Z" < sent[original.name]["saved"]
    assert data["totals"]["ket_nap"] == admitted + (1 if second is correction else -1)
    rows = list(
        openpyxl.load_workbook(tmp_path / "b.xlsx", read_only=True)["Tình hình nộp"].iter_rows(values_only=True)
    )
    header = next(r for r in rows if r[0] == "STT")
    when = header.index("Thời điểm nhận")
    shown = {r[5]: r[when] for r in rows if r[1] == "CB07" or (r[5] or "").startswith("CB07")}
    for name in (first.name, second.name):  # each version with its receipt
        assert shown[name] == shown_time(sent[name]["received"])


def test_receive_copies_the_attachment_and_records_its_receipt(tmp_path):
    inbox, db = _small_inbox(tmp_path / "inbox"), tmp_path / "db.sqlite3"
    _merge(inbox, db, tmp_path / "a.xlsx")
    issued = unit_file(SAMPLES, "CB07")
    correction = _second_version(tmp_path / "mail", issued.name, dt.datetime(2021, 9, 30, 8, 0))
    result = run_cli("receive", str(correction), "--inbox", str(inbox), "--db", str(db), "--by", "Văn thư")
    assert result.exit_code == 0
    kept = f"{issued.stem} (2).xlsx"  # a different file of the same name is already there
    assert result.stdout.startswith(f"Đã nhận {correction} → {kept} lúc ")
    assert (inbox / kept).read_bytes() == correction.read_bytes()
    _, data = _merge(inbox, db, tmp_path / "b.xlsx")
    assert _counted(data) == kept  # received after the first merge saw the original
    again = run_cli("receive", str(correction), "--inbox", str(inbox), "--db", str(db), "--json")
    receipt = json.loads(again.stdout)["received"][0]
    assert receipt["first"] is False and receipt["copied"] is False and receipt["target"] == kept
    audit = json.loads(run_cli("history", "--audit", "--json", "--db", str(db)).stdout)["audit"]
    assert [e["action"] for e in audit] == ["merge", "receive", "merge", "receive"]
    assert audit[1]["by"] == "Văn thư" and audit[1]["detail"]["target"] == kept
    missing = run_cli("receive", str(tmp_path / "khong_co.xlsx"), "--inbox", str(inbox), "--db", str(db))
    assert missing.exit_code == 2 and missing.stderr == f"Không tìm thấy tệp “{tmp_path / 'khong_co.xlsx'}”.\n"
