"""Output that never crashes on an encoding (the Windows issue): with stdout and stderr in a legacy
code page (output redirected to a file on Windows), every command prints the same UTF-8 text, the
same --json and exits with the same status as with UTF-8 streams."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from consolidate.cli.group import speak_vietnamese

from conftest import SAMPLES, set_cells, unit_file

CODE_PAGES = ["cp1258", "cp1252"]


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> dict[str, Path]:
    """A small inbox with a rejected report (findings to print) and a file to validate."""
    base = tmp_path_factory.mktemp("enc")
    inbox = base / "inbox"
    inbox.mkdir()
    for code in ("DB01", "DB02", "CB07"):
        shutil.copy(unit_file(SAMPLES, code), inbox)
    set_cells(unit_file(inbox, "DB02"), {"dv_cuoi_ky": 60})
    return {"base": base, "inbox": inbox, "bad": unit_file(inbox, "DB02")}


COMMANDS = {
    "merge": lambda f: ["merge", str(SAMPLES), "-o", str(f["base"] / "tong_hop.xlsx")],
    # --no-db: receipt times in the JSON are each run's own clock with a database
    "merge-json": lambda f: ["merge", str(SAMPLES), "-o", str(f["base"] / "tong_hop.xlsx"), "--json", "--no-db"],
    "validate": lambda f: ["validate", str(f["bad"])],
    "validate-json": lambda f: ["validate", str(f["bad"]), "--json"],
    "status": lambda f: ["status", str(f["inbox"])],
    "error": lambda f: ["merge", str(f["base"] / "không có")],
}
EXIT = {"merge": 0, "merge-json": 0, "error": 2}


def _start(args: list[str], encoding: str, folder: Path) -> tuple[subprocess.Popen, Path, Path]:
    """``python -m consolidate`` with both streams redirected to files, as ``> out.txt 2> err.txt``;
    each run in a folder of its own with a history database there (named alike in every run's text)."""
    env = {**os.environ, "PYTHONIOENCODING": encoding, "CONSOLIDATE_DB": "lich_su.sqlite3"}
    env.pop("PYTHONUTF8", None)
    out, err = folder / f"out_{encoding}.txt", folder / f"err_{encoding}.txt"
    (folder / encoding).mkdir()
    with open(out, "wb") as stdout, open(err, "wb") as stderr:
        proc = subprocess.Popen(
            [sys.executable, "-m", "consolidate", *args], stdout=stdout, stderr=stderr, env=env, cwd=folder / encoding
        )
    return proc, out, err


@pytest.mark.parametrize("command", list(COMMANDS))
def test_every_command_prints_utf8_under_a_legacy_code_page(folders, command, tmp_path):
    # the same command under UTF-8 and under each code page, side by side (each its own output files)
    runs = {page: _start(COMMANDS[command](folders), page, tmp_path) for page in ("utf-8", *CODE_PAGES)}
    seen = {}
    for page, (proc, out, err) in runs.items():
        seen[page] = (proc.wait(300), out.read_bytes(), err.read_bytes())
    code, out, err = seen["utf-8"]
    assert code == EXIT.get(command, 1)
    text = (out + err).decode("utf-8")
    assert "Traceback" not in text and "UnicodeEncodeError" not in text
    if command != "merge-json":  # the samples' JSON holds no finding: nothing Vietnamese to say
        with pytest.raises(UnicodeEncodeError):
            text.encode("cp1258")  # Vietnamese no code page can hold was printed
    else:
        assert json.loads(out)["units_accepted"] == 76
    for page in CODE_PAGES:
        assert seen[page] == seen["utf-8"], page


def test_streams_that_cannot_say_vietnamese_switch_to_utf8():
    raw = {page: io.BytesIO() for page in (*CODE_PAGES, "utf-8", "ascii")}
    streams = {page: io.TextIOWrapper(buf, encoding=page, errors="strict") for page, buf in raw.items()}
    speak_vietnamese(*streams.values())
    for page, stream in streams.items():
        stream.write("Đã ghi: tổng hợp 9 tháng — Hệ thống\n")
        stream.flush()
        assert raw[page].getvalue().decode("utf-8") == "Đã ghi: tổng hợp 9 tháng — Hệ thống\n"
    assert streams["utf-8"].encoding == "utf-8" and streams["cp1258"].errors == "strict"
