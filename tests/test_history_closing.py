"""Closing a period leadership signed, reopening it, and the audit (consolidate/history/closing.py)."""

from __future__ import annotations

import json

import pytest

from conftest import SAMPLES, copy_db, run_cli, set_cells, unit_file


def _history(db, *args):
    return json.loads(run_cli("history", "--db", str(db), "--json", *args).stdout)


def test_a_closed_period_keeps_its_figures_until_reopened(cycle, inbox, tmp_path):
    db = copy_db(cycle["db"], tmp_path / "db.sqlite3")
    closed = run_cli("close", "9T-2021", "--db", str(db), "--by", "Trần Thị Minh Họa", "--note", "Đã trình ký")
    assert closed.exit_code == 0
    assert closed.stdout.startswith("Đã chốt số liệu 9 tháng năm 2021 lúc ")
    assert closed.stdout.endswith(
        ") (Trần Thị Minh Họa: Đã trình ký). Các lần tổng hợp sau không thay đổi số liệu đã chốt.\n"
    )
    set_cells(unit_file(inbox, "CB07"), {"ket_nap": 3, "dv_cuoi_ky": 28})  # CB07 admitted two more
    refused = run_cli("merge", str(inbox), "-o", str(tmp_path / "o.xlsx"), "--db", str(db), "--json")
    assert refused.exit_code == 1 and (tmp_path / "o.xlsx").is_file()  # the outputs are still written
    data = json.loads(refused.stdout)
    assert data["exit_code"] == 1 and data["units_accepted"] == 76
    assert data["history"]["recorded"] is False
    assert data["history"]["closed"]["by"] == "Trần Thị Minh Họa" and data["history"]["closed"]["note"] == "Đã trình ký"
    changes = {(c["unit"], c["indicator"]): (c["closed"], c["now"]) for c in data["history"]["changes"]}
    assert changes[(None, "ket_nap")] == (116, 118)
    assert changes[(None, "dv_cuoi_ky")] == (3407, 3409)
    assert changes[("CB07", "ket_nap")] == (1, 3)
    assert changes[("CB07", None)] == (unit_file(inbox, "CB07").name,) * 2  # same name, other bytes
    text = run_cli("merge", str(inbox), "-o", str(tmp_path / "o2.xlsx"), "--db", str(db)).stdout.splitlines()
    at = next(i for i, line in enumerate(text) if line.startswith("Kỳ 9 tháng năm 2021 đã chốt lúc "))
    assert text[at].endswith(
        "(Trần Thị Minh Họa: Đã trình ký): số liệu đã chốt được giữ nguyên, lần tổng hợp này không được ghi."
    )
    assert text[at + 1] == f"Nếu được ghi, lần tổng hợp này sẽ thay đổi số liệu đã chốt ở {len(changes)} điểm:"
    assert "  Toàn Khối — Kết nạp đảng viên mới: 116 → 118" in text
    assert "  CB07 — Kết nạp đảng viên mới: 1 → 3" in text
    assert 'Muốn ghi số liệu mới: consolidate reopen 9T-2021 --reason "lý do", rồi tổng hợp lại.' in text
    assert _history(db, "--indicator", "ket_nap")["totals"]["9T-2021"] == {"ket_nap": 116}  # still the closed one
    status = run_cli("status", str(inbox), "--db", str(db))
    assert any(line.startswith("Kỳ 9 tháng năm 2021 đã chốt lúc ") for line in status.stdout.splitlines())
    reopened = run_cli("reopen", "9T-2021", "--db", str(db), "--reason", "CB07 gửi bản sửa", "--by", "Văn phòng")
    assert (
        reopened.stdout == "Đã mở lại 9 tháng năm 2021 (lý do: CB07 gửi bản sửa). Lần tổng hợp tiếp theo sẽ được ghi.\n"
    )
    recorded = run_cli("merge", str(inbox), "-o", str(tmp_path / "o3.xlsx"), "--db", str(db), "--json")
    assert recorded.exit_code == 0 and json.loads(recorded.stdout)["history"]["recorded"]
    assert _history(db, "--indicator", "ket_nap")["totals"]["9T-2021"] == {"ket_nap": 118}
    audit = json.loads(run_cli("history", "--audit", "--json", "--db", str(db)).stdout)["audit"]
    events = [e for e in audit if e["period"] == "9T-2021"]
    assert [e["action"] for e in events] == ["merge", "close", "reopen", "merge"]
    assert [e["by"] for e in events[1:3]] == ["Trần Thị Minh Họa", "Văn phòng"]
    assert events[1]["detail"] == {"note": "Đã trình ký"}
    assert events[2]["detail"]["reason"] == "CB07 gửi bản sửa"
    assert events[0]["files"] == events[1]["files"] != events[3]["files"]  # the files' sha256 it froze
    assert len(events[3]["files"]) == 77 and all(len(sha) == 64 for sha in events[3]["files"])


def test_a_merge_identical_to_the_closed_figures_is_not_refused(cycle, tmp_path):
    db = copy_db(cycle["db"], tmp_path / "db.sqlite3")
    run_cli("close", "9T-2021", "--db", str(db))
    result = run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "o.xlsx"), "--db", str(db))
    assert result.exit_code == 0
    assert "Lần tổng hợp này trùng khớp với số liệu đã chốt." in result.stdout.splitlines()


@pytest.mark.parametrize(
    "args,lang,message",
    [
        (
            ["close", "9T-2019"],
            "vi",
            "Chưa có lần tổng hợp nào của 9 tháng năm 2019 được ghi trong cơ sở dữ liệu lịch "
            "sử; hãy tổng hợp trước khi chốt.\n",
        ),
        (["reopen", "6T-2021", "--reason", "x"], "vi", "6 tháng năm 2021 chưa chốt, không cần mở lại.\n"),
        (["reopen", "6T-2021", "--reason", "x"], "en", "6 tháng năm 2021 is not closed.\n"),
        (
            ["close", "13T-2021"],
            "vi",
            "Kỳ báo cáo “13T-2021” không hợp lệ; dùng dạng KỲ-NĂM với KỲ là Q1, 6T, 9T, CN, ví dụ 9T-2021.\n",
        ),
    ],
)
def test_what_cannot_be_closed_or_reopened_stops_with_exit_2(cycle, tmp_path, args, lang, message):
    db = copy_db(cycle["db"], tmp_path / "db.sqlite3")
    result = run_cli(*args, "--db", str(db), "--lang", lang)
    assert result.exit_code == 2
    assert result.stderr == message


def test_closing_twice_says_when_it_was_closed(cycle, tmp_path):
    db = copy_db(cycle["db"], tmp_path / "db.sqlite3")
    first = json.loads(run_cli("close", "6T-2021", "--db", str(db), "--by", "A", "--json").stdout)
    assert first["period"] == "6T-2021" and first["by"] == "A" and first["at"].endswith("Z")
    again = run_cli("close", "6T-2021", "--db", str(db))
    assert again.exit_code == 2
    assert again.stderr.startswith("6 tháng năm 2021 đã chốt lúc ") and again.stderr.endswith(") (A).\n")
