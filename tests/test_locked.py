"""The summary open in Excel (the Windows issue): Windows refuses to replace a file another
program holds open. The run is never lost: the new file is kept under the next free name, the
user is told in Vietnamese which file is open and what to do, and the exit code is 1.

The refusal is simulated: ``os.replace`` raises PermissionError for the held file, as on Windows.
"""

from __future__ import annotations

import json
import os
import zipfile
from pathlib import Path

import pytest

from consolidate.core.atomic import atomic_output, free_name

from conftest import SAMPLES, run_cli, set_cells, unit_file

HELD = "The process cannot access the file because it is being used by another process"


@pytest.fixture
def hold(monkeypatch):
    """hold(path, …): from now on those files cannot be replaced, as when Excel has them open."""
    held: set[Path] = set()
    real = os.replace

    def replace(src, dst, **kwargs):
        if Path(dst).resolve() in held:
            raise PermissionError(13, HELD, str(src), None, str(dst))
        return real(src, dst, **kwargs)

    monkeypatch.setattr(os, "replace", replace)

    def add(*paths: Path) -> None:
        for p in paths:
            p.parent.mkdir(parents=True, exist_ok=True)
            if not p.exists():
                p.write_bytes(b"the workbook Excel has open")
            held.add(p.resolve())

    return add


def _no_temporary_files(folder: Path) -> bool:
    return not [p for p in folder.rglob("*") if p.name.endswith(".tmp")]


def test_a_summary_open_in_excel_is_kept_under_the_next_free_name(tmp_path, hold, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the default output: tong_hop_9T_2021.xlsx in the current folder
    held = tmp_path / "tong_hop_9T_2021.xlsx"
    hold(held)
    result = run_cli("merge", str(SAMPLES))
    kept = tmp_path / "tong_hop_9T_2021 (2).xlsx"
    assert result.exit_code == 1
    assert held.read_bytes() == b"the workbook Excel has open"  # untouched
    assert zipfile.ZipFile(kept).testzip() is None  # the whole new summary
    assert result.stdout.endswith("Đã ghi: tong_hop_9T_2021 (2).xlsx\n")
    assert result.stderr == (
        "Chú ý: không ghi đè được “tong_hop_9T_2021.xlsx” vì tệp đang mở trong một chương trình khác "
        "(thường là Excel hoặc Word). Kết quả lần này đã được ghi vào “tong_hop_9T_2021 (2).xlsx”, không mất gì. "
        "Hãy đóng tệp “tong_hop_9T_2021.xlsx” rồi chạy lại lệnh nếu muốn ghi vào tên cũ, hoặc dùng tệp mới.\n"
    )
    assert "Traceback" not in result.output and _no_temporary_files(tmp_path)


def test_the_json_names_the_file_actually_written(tmp_path, hold):
    normal = run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "a.xlsx"), "--json")
    held = tmp_path / "out" / "tong_hop.xlsx"
    hold(held)
    (tmp_path / "out" / "tong_hop (2).xlsx").write_bytes(b"an earlier copy")  # taken: the next one
    result = run_cli("merge", str(SAMPLES), "-o", str(held), "--json")
    kept = tmp_path / "out" / "tong_hop (3).xlsx"
    assert result.exit_code == 1
    data, before = json.loads(result.stdout), json.loads(normal.stdout)
    assert data["output"] == str(kept) and kept.is_file()
    assert data["exit_code"] == 1 and data["locked_outputs"] == [{"file": str(held), "written": str(kept)}]
    assert data["history"]["unchanged"] and before["history"]["recorded"]  # the same inbox: recorded once
    assert {k: v for k, v in data.items() if k not in ("output", "exit_code", "locked_outputs", "history")} == {
        k: v for k, v in before.items() if k not in ("output", "exit_code", "history")
    }
    assert "tong_hop (3).xlsx" in result.stderr


def test_a_report_and_feedback_copies_open_elsewhere_are_kept_too(tmp_path, inbox, hold):
    set_cells(unit_file(inbox, "DB02"), {"dv_cuoi_ky": 60})
    out = tmp_path / "out"
    report, copy = out / "bao_cao.docx", out / "gop_y" / "BC-TCCS_9T-2021_DB02_So-Tai-chinh_gop_y.xlsx"
    hold(report, copy)
    result = run_cli(
        "merge", str(inbox), "-o", str(out / "t.xlsx"), "--report", str(report), "--feedback", str(out / "gop_y")
    )
    assert result.exit_code == 1  # DB02 is rejected anyway
    assert (out / "bao_cao (2).docx").is_file() and (
        out / "gop_y" / "BC-TCCS_9T-2021_DB02_So-Tai-chinh_gop_y (2).xlsx"
    ).is_file()
    assert report.read_bytes() == copy.read_bytes() == b"the workbook Excel has open"
    assert "Đã ghi dự thảo báo cáo: " + str(out / "bao_cao (2).docx") in result.stdout
    assert result.stderr.count("đang mở trong một chương trình khác") == 2
    assert _no_temporary_files(out)


def test_a_locked_run_that_is_otherwise_clean_exits_1_in_english_too(tmp_path, hold):
    held = tmp_path / "summary.xlsx"
    hold(held)
    result = run_cli("merge", str(SAMPLES), "-o", str(held), "--lang", "en")
    assert result.exit_code == 1
    assert result.stderr.startswith("Note: “") and "summary (2).xlsx" in result.stderr


def test_validate_annotations_open_elsewhere_are_kept(tmp_path, inbox, hold):
    bad = unit_file(inbox, "DB02")
    set_cells(bad, {"dv_cuoi_ky": 60})
    held = tmp_path / "ghi_chu" / f"{bad.stem}_gop_y.xlsx"
    hold(held)
    result = run_cli("validate", str(bad), "--annotate", str(tmp_path / "ghi_chu"))
    assert result.exit_code == 1
    assert (tmp_path / "ghi_chu" / f"{bad.stem}_gop_y (2).xlsx").is_file()
    assert "đang mở trong một chương trình khác" in result.stderr


def test_without_a_fallback_the_error_names_the_file_and_says_what_to_do(tmp_path, hold):
    held = tmp_path / "bieu_mau" / "BC-TCCS_9T-2021_CB07_Bao-tinh.xlsx"
    hold(held)
    with pytest.raises(PermissionError) as err, atomic_output(held) as out:
        out.tmp.write_bytes(b"new")
    assert err.value.filename == str(held)
    result = run_cli("template", "--period", "9T-2021", "--unit", "CB07", "-o", str(tmp_path / "bieu_mau"))
    assert result.exit_code == 2
    assert result.stderr == (
        f"Không ghi được “{held}”: tệp đang mở trong một chương trình khác (thường là Excel hoặc Word) hoặc "
        "thư mục không cho phép ghi. Hãy đóng tệp rồi chạy lại lệnh.\n"
    )
    assert _no_temporary_files(tmp_path)


def test_free_names(tmp_path):
    target = tmp_path / "tong_hop_9T_2021.xlsx"
    assert free_name(target).name == "tong_hop_9T_2021 (2).xlsx"
    (tmp_path / "tong_hop_9T_2021 (2).xlsx").touch()
    assert free_name(target).name == "tong_hop_9T_2021 (3).xlsx"


def test_a_folder_that_refuses_writing_names_the_output_not_a_temporary_file(tmp_path, monkeypatch):
    import tempfile

    def refuse(prefix, suffix, dir):
        raise PermissionError(13, "Permission denied", os.path.join(dir, f"{prefix}abc{suffix}"))

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    out = tmp_path / "tong_hop.xlsx"
    result = run_cli("merge", str(SAMPLES), "-o", str(out))
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Không ghi được “{out}”: tệp đang mở trong một chương trình khác")
