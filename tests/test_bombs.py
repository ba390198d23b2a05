"""A decompression bomb of ≥ 1 GB inflated is refused in under 5 s with peak memory under 300 MB,
measured in a fresh process with the resource module (the bomb is generated here, never committed)."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

from hostile import make_bomb

PROBE = """
import json, resource, sys, time
start = time.perf_counter()
from consolidate.catalog.loader import load_catalog
from consolidate.ingest.reader import read_submission
sub = read_submission(sys.argv[1], load_catalog())
print(json.dumps({"seconds": time.perf_counter() - start,
                  "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "codes": [f.code for f in sub.findings]}))
"""


def test_gigabyte_bomb_is_refused_fast_and_small(tmp_path):
    bomb = tmp_path / "bom.xlsx"
    make_bomb(bomb, 1 << 30)
    inflated = sum(i.file_size for i in zipfile.ZipFile(bomb).infolist())
    assert inflated >= 1 << 30 and bomb.stat().st_size < 8 * 1024 * 1024
    out = subprocess.run([sys.executable, "-c", PROBE, str(bomb)], capture_output=True, text=True, check=True)
    report = json.loads(out.stdout)
    assert report["codes"] == ["F107"]
    assert report["seconds"] < 5
    assert report["peak_mb"] < 300


def test_far_away_cell_does_not_abort_the_process(tmp_path):
    """calamine would allocate ~512 GB for one value at XFD1048576 and abort; the extent guard
    refuses the sheet first."""
    from hostile import _far_cell

    path = tmp_path / "far.xlsx"
    _far_cell(path)
    out = subprocess.run([sys.executable, "-c", PROBE, str(path)], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr[-500:]
    report = json.loads(out.stdout)
    assert report["codes"] == ["F113"] and report["peak_mb"] < 300
