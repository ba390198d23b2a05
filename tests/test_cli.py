"""The command line through click's CliRunner: exact output, exit codes, languages, and every
command documented in the README."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
import zipfile

import pytest

from consolidate import __version__
from consolidate.cli import cli
from consolidate.cli.group import _exit_status

from conftest import ROOT, SAMPLES, run_cli, set_cells, unit_file


def _tree_digest(folder):
    return {
        p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_merge_prints_what_the_office_needs(tmp_path):
    out = tmp_path / "tong_hop.xlsx"
    result = run_cli("merge", str(SAMPLES), "-o", str(out), "--date", "06/12/2021")
    assert result.exit_code == 0
    assert result.stdout == (
        "Kỳ báo cáo: 9 tháng năm 2021\n"
        "Đã nhận 76/76 đơn vị.\n"
        "Số liệu của Đảng ủy Khối: đã nhận (BC-DUK_9T-2021_DUK_Dang-uy-Khoi.xlsx).\n"
        "Đã ghi lần tổng hợp này vào cơ sở dữ liệu lịch sử (lần thứ 1 của kỳ này; 77 tệp nhận lần đầu).\n"
        f"Đã ghi: {out}\n"
    )
    assert out.is_file()


def test_merge_in_english(tmp_path):
    out = tmp_path / "o.xlsx"
    result = run_cli("merge", str(SAMPLES), "-o", str(out), "--lang", "en")
    assert result.stdout.splitlines()[:3] == [
        "Period: 9 tháng năm 2021",
        "Accepted 76/76 units.",
        "Đảng ủy Khối figures: accepted (BC-DUK_9T-2021_DUK_Dang-uy-Khoi.xlsx).",
    ]


def test_rejections_and_missing_units_are_listed_with_cells(inbox, tmp_path):
    unit_file(inbox, "CB12").unlink()
    cells = set_cells(unit_file(inbox, "DB02"), {"dv_cuoi_ky": 60})
    result = run_cli("merge", str(inbox), "-o", str(tmp_path / "o.xlsx"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert "Bị từ chối (1):" in lines
    assert "  DB02  BC-TCCS_9T-2021_DB02_So-Tai-chinh.xlsx — 1 lỗi, 0 cảnh báo" in lines
    assert any(
        line.startswith(
            f"    Báo cáo!{cells['dv_cuoi_ky']}  R01  Lỗi: Tổng số đảng viên đến ngày chốt số liệu ghi 60, nhưng"
        )
        for line in lines
    )
    assert "Chưa nộp (1): CB12" in lines


def test_the_inbox_is_never_written(inbox, tmp_path):
    before = _tree_digest(inbox)
    run_cli("merge", str(inbox), "-o", str(tmp_path / "o.xlsx"))
    assert _tree_digest(inbox) == before
    refused = run_cli("merge", str(inbox), "-o", str(inbox / "tong_hop.xlsx"))
    assert refused.exit_code == 2
    assert "Không được ghi kết quả vào trong thư mục nhận báo cáo" in refused.stderr
    assert _tree_digest(inbox) == before


def test_bad_arguments_exit_2(tmp_path):
    assert run_cli("merge", str(tmp_path / "nope")).exit_code == 2
    bad_period = run_cli("merge", str(SAMPLES), "--period", "10T-2021", "-o", str(tmp_path / "o.xlsx"))
    assert bad_period.exit_code == 2
    assert bad_period.stderr == (
        "Kỳ báo cáo “10T-2021” không hợp lệ; dùng dạng KỲ-NĂM với KỲ là Q1, 6T, 9T, CN, ví dụ 9T-2021.\n"
    )
    assert run_cli("template", "--period", "9T-2021", "-o", str(tmp_path), "--unit", "XX99").exit_code == 2
    assert run_cli("merge").exit_code == 2


def test_unwritable_output_is_exit_2_with_a_message(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = run_cli("merge", str(SAMPLES), "-o", str(blocker / "sub" / "o.xlsx"))
    assert result.exit_code == 2
    assert result.stderr.startswith("Không ghi được")
    assert "Traceback" not in result.output


def test_validate_single_files(tmp_path):
    path = tmp_path / "DB01.xlsx"
    path.write_bytes(unit_file(SAMPLES, "DB01").read_bytes())
    ok = run_cli("validate", str(path))
    assert ok.exit_code == 0 and ok.stdout == f"{path}: hợp lệ\n"
    set_cells(path, {"ket_nap": "ba"})
    bad = run_cli("validate", str(path))
    assert bad.exit_code == 1
    assert bad.stdout.splitlines()[0] == f"{path}: bị từ chối — 1 lỗi, 0 cảnh báo"
    assert "C402" in bad.stdout and "“ba”" in bad.stdout


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name, command in cli.commands.items():
        assert re.search(rf"consolidate {name}\b", readme), f"README does not show `consolidate {name}`"
        for param in command.params:
            for opt in param.opts:
                if opt.startswith("--") and opt not in ("--help", "--lang", "--schemas"):
                    assert opt in readme, f"README does not document {name} {opt}"


def test_help_is_vietnamese():
    result = run_cli("--help")
    assert "Tổng hợp báo cáo Excel" in result.stdout
    for name in cli.commands:
        assert name in result.stdout
    lines = result.stdout.splitlines()
    assert lines[0] == "Cách dùng: consolidate [TÙY_CHỌN] LỆNH [ĐỐI_SỐ]..."
    assert {"Tùy chọn:", "Lệnh:", "  -h, --help  Hiện hướng dẫn này và thoát."} <= set(lines)
    for name in cli.commands:
        text = run_cli(name, "--help").stdout
        assert text.startswith(f"Cách dùng: consolidate {name} [TÙY_CHỌN]")
        assert "\nTùy chọn:\n" in text and "Hiện hướng dẫn này và thoát." in text
        assert not re.search(r"Usage|Options|Show this|default|required|\b(FILE|DIRECTORY|PATH|INTEGER)\b", text), name
    english = run_cli("merge", "--lang", "en", "--help").stdout
    assert english.startswith("Usage: consolidate merge [OPTIONS] THƯ_MỤC_NHẬN") and "Show this message" in english


@pytest.mark.parametrize(
    "args,error",
    [
        (["merge", "--bogus"], "Không có tùy chọn “--bogus”."),
        (["merge"], "Thiếu đối số “THƯ_MỤC_NHẬN”."),
        (["validate"], "Thiếu đối số “TỆP”."),
        (["merge", "x", "--workers", "abc"], "Giá trị không hợp lệ cho “--workers”: cần một số nguyên từ 1 đến 64."),
        (["merge", "x", "--lang", "fr"], "Giá trị không hợp lệ cho “--lang”: chỉ nhận vi, en."),
        (
            ["merge", "x", "--report-template", "/khong/co"],
            "Giá trị không hợp lệ cho “--report-template”: không có tệp hoặc thư mục “/khong/co”.",
        ),
        (["merge", "x", "--period"], "Tùy chọn “--period” cần có giá trị."),
        (["merge", "a", "b"], "Thừa đối số: b."),
        (["merg"], "Không có lệnh “merg”. Có phải ý bạn là “merge”?"),
    ],
)
def test_usage_errors_are_vietnamese(args, error):
    result = run_cli(*args)
    assert result.exit_code == 2
    command = "consolidate" if args[0] == "merg" else f"consolidate {args[0]}"
    usage = result.stderr.splitlines()[0]
    assert usage.startswith(f"Cách dùng: {command} [TÙY_CHỌN]")
    assert result.stderr.endswith(f"Xem “{command} --help” để biết cách dùng.\n\nLỗi: {error}\n")
    assert result.stdout == ""


def test_usage_errors_stay_english_with_lang_en():
    result = run_cli("merge", "--lang", "en", "--bogus")
    assert result.exit_code == 2
    assert result.stderr.endswith("Try 'consolidate merge --help' for help.\n\nError: No such option '--bogus'.\n")
    assert run_cli("merge", "--bogus", env={"CONSOLIDATE_LANG": "en"}).stderr.endswith(
        "Error: No such option '--bogus'.\n"
    )


def _entry_point(*args: str) -> subprocess.CompletedProcess:
    """The installed command as the office runs it: ``python -m consolidate`` → cli.main()."""
    return subprocess.run([sys.executable, "-m", "consolidate", *args], capture_output=True, text=True)


def test_the_entry_point_exits_with_the_status_after_writing_everything(inbox, tmp_path):
    # main() ends the process without interpreter teardown: output must still arrive whole,
    # the summary must be complete on disk and the exit status must be the command's.
    ok = _entry_point("merge", str(SAMPLES), "-o", str(tmp_path / "ok.xlsx"), "--json")
    assert ok.returncode == 0, ok.stderr
    assert json.loads(ok.stdout)["units_accepted"] == 76
    assert zipfile.ZipFile(tmp_path / "ok.xlsx").testzip() is None
    set_cells(unit_file(inbox, "DB02"), {"dv_cuoi_ky": 60})
    rejected = _entry_point("merge", str(inbox), "-o", str(tmp_path / "bad.xlsx"))
    assert rejected.returncode == 1
    assert rejected.stdout.endswith(f"Đã ghi: {tmp_path / 'bad.xlsx'}\n")
    missing = _entry_point("merge", str(tmp_path / "nope"))
    assert (missing.returncode, missing.stdout) == (2, "")
    assert missing.stderr == f"Không tìm thấy thư mục “{tmp_path / 'nope'}”.\n"
    assert _entry_point("--version").stdout == f"consolidate, phiên bản {__version__}\n"
    assert [_exit_status(c) for c in (None, 0, 2)] == [0, 0, 2]


def test_nothing_escaping_click_reaches_the_user_as_a_traceback(monkeypatch, capsys):
    import consolidate.cli.group as module

    def broken(**_kwargs):
        raise RuntimeError("simulated")

    def exit_now(code):
        raise SystemExit(code)

    monkeypatch.setattr(module, "cli", broken)
    monkeypatch.setattr(module.os, "_exit", exit_now)
    with pytest.raises(SystemExit) as ended:
        module.main()
    assert ended.value.code == 2
    err = capsys.readouterr().err
    assert "RuntimeError: simulated" in err and "Traceback" not in err


def test_counts_add_up_to_the_registry_and_stray_files_are_counted_apart(inbox, tmp_path):
    unit_file(inbox, "CB12").unlink()
    set_cells(unit_file(inbox, "CB40"), {"ket_nap": 9})
    (inbox / "ghi_chu.csv").write_text("x,y\n", encoding="utf-8")
    (inbox / "thu.docx").write_bytes(b"PK\x03\x04junk")
    result = run_cli("merge", str(inbox), "-o", str(tmp_path / "t.xlsx"), "--date", "06/10/2021")
    lines = result.stdout.splitlines()
    assert lines[1] == "Đơn vị (76): đã nhận 74; bị từ chối 1; chưa nộp 1."  # 74 + 1 + 1 = 76
    assert "Bị từ chối (1):" in lines and "Chưa nộp (1): CB12" in lines
    stray = lines.index("Tệp không được tính (2):")
    assert lines[stray + 1 : stray + 3] == [
        "  ghi_chu.csv (bỏ qua): Tệp có đuôi .csv, không phải bảng tính; đã bỏ qua.",
        "  thu.docx (bỏ qua): Tệp có đuôi .docx, không phải bảng tính; đã bỏ qua.",
    ]
    assert lines[-1] == f"Đã ghi: {tmp_path / 't.xlsx'}"
    nothing = run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "u.xlsx"), "--feedback", str(tmp_path / "gop_y"))
    assert "Không tệp nào có lỗi hay cảnh báo: không có bản góp ý nào để ghi." in nothing.stdout.splitlines()
    assert not any("Đã ghi 0" in line for line in nothing.stdout.splitlines())


def test_a_reader_that_stops_early_gets_no_error_message():
    """`consolidate codes | head -1`: when the pipe closes, the command stops quietly."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "consolidate", "codes"], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    proc.stdout.close()  # the reader is gone before the first line is written
    _, err = proc.communicate(timeout=60)
    assert err.decode("utf-8", "replace") == ""
    assert proc.returncode == 1


DBCS_ONLY = """form: BC-KTGS
version: 1
submitted_by: unit
title: BÁO CÁO CÔNG TÁC KIỂM TRA, GIÁM SÁT
title_en: Inspection report
name: báo cáo kiểm tra, giám sát
sheet: KTGS
applies_to: {type: [DBCS]}
sections:
  - id: I
    title: THÔNG TIN
    title_en: Information
    indicators:
      - {code: kg_ma, label: Mã, label_en: Code, type: text, role: unit_code, required: true}
      - {code: kg_nam, label: Năm, label_en: Year, type: integer, role: year, required: true}
      - {code: kg_ky, label: Kỳ, label_en: Period, type: enum, options: periods, role: period_kind, required: true}
      - {code: kg_cuoc, label: Số cuộc kiểm tra, label_en: Inspections, unit: cuộc, type: integer, min: 0, max: 100}
"""


@pytest.fixture(scope="module")
def dbcs_only(tmp_path_factory):
    import shutil

    from consolidate.catalog.loader import default_schema_dir

    schemas = tmp_path_factory.mktemp("k") / "schemas"
    shutil.copytree(default_schema_dir(), schemas)
    (schemas / "forms" / "kiem_tra.yaml").write_text(DBCS_ONLY, encoding="utf-8")
    return schemas


NOT_DUE_VI = (
    "Đơn vị CB07 (Chi bộ Báo tỉnh) không nộp biểu mẫu BC-KTGS (báo cáo kiểm tra, giám sát): biểu mẫu này chỉ "
    "dành cho đảng bộ cơ sở (31 đơn vị); đơn vị là chi bộ cơ sở, cơ quan Đảng, Mặt trận, đoàn thể."
)


def test_a_template_for_a_unit_the_form_leaves_out_says_why(dbcs_only, tmp_path):
    out = tmp_path / "bm"
    common = ("template", "--period", "9T-2021", "-o", str(out), "--schemas", str(dbcs_only), "--form", "BC-KTGS")
    alone = run_cli(*common, "--unit", "CB07")
    assert (alone.exit_code, alone.stdout) == (2, "")
    assert alone.stderr == f"{NOT_DUE_VI}\nKhông có biểu mẫu nào để ghi.\n"
    assert not out.exists() or not list(out.iterdir())
    english = run_cli(*common, "--unit", "CB07", "--lang", "en")
    assert (english.exit_code, english.stdout) == (2, "")
    assert english.stderr == (
        "Unit CB07 (Chi bộ Báo tỉnh) does not send form BC-KTGS (Inspection report): that form is for đảng bộ "
        "cơ sở only (31 units); the unit is chi bộ cơ sở, cơ quan Đảng, Mặt trận, đoàn thể.\nNo template to write.\n"
    )
    # with a unit that does send it: that one is written, the other is named, and the run succeeds
    both = run_cli(*common, "--unit", "CB07", "--unit", "DB01")
    assert (both.exit_code, both.stdout) == (0, f"Đã ghi 1 biểu mẫu vào {out}\n")
    assert both.stderr == f"Chú ý: {NOT_DUE_VI}\n"
    assert [p.name.split("_")[2] for p in out.iterdir()] == ["DB01"]
    # the bloc committee's code asks for its own form only
    bloc = run_cli("template", "--period", "9T-2021", "-o", str(out), "--form", "BC-TCCS", "--unit", "DUK")
    assert (bloc.exit_code, bloc.stderr) == (
        2,
        "Đảng ủy Khối không nộp biểu mẫu BC-TCCS (báo cáo kết quả công tác xây dựng Đảng): biểu mẫu này do "
        "các đơn vị nộp.\nKhông có biểu mẫu nào để ghi.\n",
    )
