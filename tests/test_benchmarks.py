"""The benchmark generator makes valid inboxes and prints the command that merges them; the
light commands never load pandas or pandera (issue 6, untimed)."""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import sys

from conftest import ROOT, run_cli


def test_generate_writes_valid_submissions_and_the_merge_command(tmp_path):
    out = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "generate.py"), "90", str(tmp_path / "g")],
        capture_output=True,
        text=True,
        check=True,
    )
    command = out.stdout.strip().splitlines()[-1]
    assert command.startswith("consolidate merge ") and " -o " not in command
    args = shlex.split(command)[1:]
    result = run_cli(*args, "-o", str(tmp_path / "t.xlsx"), "--json")
    data = json.loads(result.stdout)
    assert result.exit_code in (0, 1)
    assert data["units_expected"] == 90 and data["units_accepted"] == 90 and data["missing"] == []
    assert not [f for f in data["findings"] if f["severity"] == "error"]
    assert len(list((tmp_path / "g" / "inbox").glob("*.xlsx"))) == 91


LOADED = (
    "import sys\nfrom consolidate.cli import cli\ntry:\n    cli({args!r})\nexcept SystemExit:\n    pass\n"
    "print(sorted(m for m in ('pandas', 'pandera') if m in sys.modules))"
)


def test_help_and_template_never_load_pandas(tmp_path):
    for args in (["--help"], ["template", "--period", "9T-2021", "-o", str(tmp_path), "--unit", "DB01"]):
        env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # about imports: cli() without main()'s stream set-up
        out = subprocess.run(
            [sys.executable, "-c", LOADED.format(args=args)], capture_output=True, text=True, check=True, env=env
        )
        assert out.stdout.strip().splitlines()[-1] == "[]", args
