"""Windows names and paths (the Windows issue): every name the toolkit makes is one Windows can
create, two never differ only by letter case, inbox paths with spaces and Vietnamese letters work
(with workers started the Windows way), and paths longer than Windows allows are told in
Vietnamese — and stop the run before any work where Windows would refuse them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

import pytest

from consolidate.catalog.loader import default_schema_dir
from consolidate.core import names
from consolidate.core.names import NameSet, safe_name, too_long

from conftest import ROOT, SAMPLES, SEED_TOTALS, docx_text, run_cli, set_cells, unit_file


@pytest.mark.parametrize(
    "text,expected",
    [
        ("DB01_BC-TCCS_9T_2021.xlsx", "DB01_BC-TCCS_9T_2021.xlsx"),
        ('Đảng bộ <Sở>: "Tài chính" / Kho bạc\\|?*.xlsx', "Đảng bộ Sở Tài chính  Kho bạc.xlsx"),
        ("CON", "_CON"),
        ("con.xlsx", "_con.xlsx"),
        ("Nul.tar.gz", "_Nul.tar.gz"),
        ("COM1.xlsx", "_COM1.xlsx"),
        ("lpt9", "_lpt9"),
        ("COM10.xlsx", "COM10.xlsx"),
        ("CONSOLIDATE.xlsx", "CONSOLIDATE.xlsx"),
        ("nhac_CON.txt", "nhac_CON.txt"),
        ("tên cuối có dấu chấm. . ", "tên cuối có dấu chấm"),
        ("a\tb\x00c.xlsx", "abc.xlsx"),
        ("???", "_"),
    ],
)
def test_names_windows_accepts(text, expected):
    assert safe_name(text) == expected


def test_names_never_differ_only_by_case():
    taken = NameSet()
    got = [taken.claim(n) for n in ("X_gop_y.xlsx", "x_gop_y.xlsx", "X_GOP_Y.xlsx", "sub/A.xlsx", "SUB/a.xlsx", "b:c")]
    assert got == ["X_gop_y.xlsx", "x_gop_y (2).xlsx", "X_GOP_Y (3).xlsx", "sub/A.xlsx", "SUB/a (2).xlsx", "bc"]
    assert len({g.casefold() for g in got}) == len(got)


def test_feedback_copies_of_files_differing_only_by_case(tmp_path, inbox):
    bad = unit_file(inbox, "DB02")
    set_cells(bad, {"dv_cuoi_ky": 60})
    upper = inbox / "X.xlsx"
    lower = inbox / "x.xlsx"
    shutil.move(bad, upper)
    shutil.copy(upper, lower)  # two different files on Linux, one name on Windows
    set_cells(lower, {"dv_cuoi_ky": 61})
    out = tmp_path / "gop_y"
    result = run_cli("merge", str(inbox), "-o", str(tmp_path / "t.xlsx"), "--feedback", str(out))
    assert result.exit_code == 1
    copies = sorted(p.name for p in out.iterdir())
    assert copies == ["X_gop_y.xlsx", "x_gop_y (2).xlsx"]
    assert len({c.casefold() for c in copies}) == 2


def test_reminders_and_templates_of_codes_windows_cannot_name(tmp_path):
    schemas = tmp_path / "schemas"
    shutil.copytree(default_schema_dir(), schemas)
    with open(schemas / "units.csv", "a", encoding="utf-8") as fh:
        fh.write("Q1,CBCS,DNNN,Chi bộ Q1\nq1,CBCS,DNNN,Chi bộ q1\nA/B:1,CBCS,DNNN,Chi bộ A/B\n")
    out = tmp_path / "nhac"
    result = run_cli("status", str(SAMPLES), "--schemas", str(schemas), "--reminders", str(out))
    assert result.exit_code == 1
    assert sorted(p.name for p in out.iterdir()) == [
        "danh_sach_don_doc.docx",
        "nhac_AB1_Chi-bo-A-B.docx",
        "nhac_Q1_Chi-bo-Q1.docx",
        "nhac_q1_Chi-bo-q1 (2).docx",
    ]
    assert "\nKính gửi: Chi bộ A/B\n" in docx_text(out / "nhac_AB1_Chi-bo-A-B.docx")
    issued = tmp_path / "bieu_mau"
    args = ["template", "--period", "9T-2021", "-o", str(issued), "--schemas", str(schemas)]
    result = run_cli(*args, "--unit", "Q1", "--unit", "q1", "--unit", "A/B:1")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in issued.iterdir()) == [
        "BC-TCCS_9T-2021_AB1_Chi-bo-A-B.xlsx",
        "BC-TCCS_9T-2021_Q1_Chi-bo-Q1.xlsx",
        "BC-TCCS_9T-2021_q1_Chi-bo-q1 (2).xlsx",
    ]


def test_an_inbox_with_spaces_and_vietnamese_letters_read_by_spawned_workers(tmp_path):
    inbox = tmp_path / "Văn phòng Đảng ủy" / "Thư mục nhận báo cáo 9 tháng"
    shutil.copytree(SAMPLES, inbox)
    nested = inbox / "Chi bộ cơ sở (gửi qua thư)"
    nested.mkdir()
    for path in sorted(inbox.glob("*_CB1*.xlsx")):
        path.rename(nested / f"Báo cáo {path.stem} — bản cuối.xlsx")
    out = tmp_path / "Kết quả tổng hợp" / "tổng hợp 9 tháng 2021.xlsx"
    report = tmp_path / "Kết quả tổng hợp" / "Dự thảo báo cáo.docx"
    done = subprocess.run(
        [sys.executable, "-m", "consolidate", "merge", str(inbox), "-o", str(out), "--report", str(report), "--json"],
        capture_output=True,
        env={**os.environ, "CONSOLIDATE_START_METHOD": "spawn"},
        cwd=ROOT,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert {code: data["totals"][code] for code in SEED_TOTALS} == SEED_TOTALS
    assert data["output"] == str(out) and out.is_file() and report.is_file()
    assert any(
        s["file"].startswith("Chi bộ cơ sở (gửi qua thư)/Báo cáo BC-TCCS_9T-2021_CB1") for s in data["submissions"]
    )


# --- paths longer than Windows allows ----------------------------------------------------------

LONG_FOLDER = "Thư mục nhận báo cáo kết quả công tác xây dựng Đảng của các tổ chức cơ sở đảng"


@pytest.fixture
def deep(tmp_path):
    """A folder whose files' paths are longer than Windows allows."""
    folder = tmp_path / LONG_FOLDER / LONG_FOLDER / LONG_FOLDER
    folder.mkdir(parents=True)
    assert too_long(folder / "DB01_BC-TCCS_9T_2021.xlsx") and not too_long(tmp_path / "t.xlsx")
    return folder


def test_long_paths_are_told_in_vietnamese(tmp_path, deep):
    inbox = deep / "inbox"
    shutil.copytree(SAMPLES, inbox)
    out = deep / "tong_hop.xlsx"
    result = run_cli("merge", str(inbox), "-o", str(out), "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["output"] == str(out)  # not Windows: written
    assert (
        f"Chú ý: đường dẫn “{out}” dài {len(str(out))} ký tự, vượt giới hạn 260 ký tự của Windows: trên máy "
        "Windows tệp này không ghi hoặc mở được (kể cả bằng Excel). Hãy chọn thư mục có đường dẫn ngắn hơn.\n"
    ) in result.stderr
    assert (
        "Chú ý: 77 tệp trong thư mục nhận có đường dẫn dài hơn giới hạn 260 ký tự của Windows; trên máy Windows "
        "các tệp này không đọc được: BC-DUK_9T-2021_DUK_Dang-uy-Khoi.xlsx, BC-TCCS_9T-2021_CB01_Van-phong-Tinh-uy.xlsx"
    ) in result.stderr
    english = run_cli("status", str(inbox), "--lang", "en")
    assert "Note: 77 files of the inbox have paths longer than Windows' limit of 260 characters" in english.stderr


def test_where_windows_refuses_a_long_path_the_run_stops_before_any_work(tmp_path, deep, monkeypatch):
    monkeypatch.setattr(names, "WINDOWS", True)
    out = deep / "tong_hop.xlsx"
    result = run_cli("merge", str(SAMPLES), "-o", str(out))
    assert result.exit_code == 2 and result.stdout == "" and not out.exists()
    assert result.stderr == (
        f"Không ghi được “{out}”: đường dẫn dài {len(str(out))} ký tự, vượt giới hạn 260 ký tự của Windows. "
        "Hãy chọn thư mục có đường dẫn ngắn hơn (ví dụ D:\\tong_hop) hoặc bật hỗ trợ đường dẫn dài của Windows.\n"
    )
    assert run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "t.xlsx")).exit_code == 0  # short paths still work


def test_a_refused_long_path_is_named_not_an_internal_error(deep):
    from consolidate.cli.errors import translate

    path = str(deep / "tong_hop.xlsx")
    message = translate(FileNotFoundError(2, "The system cannot find the path specified", path), "vi")
    assert message.startswith(f"Không ghi được “{path}”: đường dẫn dài {len(path)} ký tự")
