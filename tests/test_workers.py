"""Reading workers started the Windows way (``spawn``) read what forked ones read, and no worker
outlives the merge that started it, however that merge dies (the Windows issue)."""

from __future__ import annotations

import json
import multiprocessing
import os
import pickle
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

import consolidate.ingest.parallel as parallel
from consolidate.ingest.inbox import list_inbox

from conftest import ROOT, SAMPLES, SEED_TOTALS

# spawn: Windows and macOS; fork: Linux up to Python 3.13; forkserver: Linux from Python 3.14
METHODS = [m for m in ("fork", "spawn", "forkserver") if m in multiprocessing.get_all_start_methods()]
MARKER = "CONSOLIDATE_TEST_MARKER"


def run_module(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    """``python -m consolidate …`` as the office runs it, in a process of its own."""
    return subprocess.run(
        [sys.executable, "-m", "consolidate", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        cwd=kwargs.pop("cwd", ROOT),
        timeout=kwargs.pop("timeout", 300),
        **kwargs,
    )


def test_the_catalog_pickles(catalog):
    copy = pickle.loads(pickle.dumps(catalog))
    assert copy == catalog
    assert copy.unit("CB07") == catalog.unit("CB07")
    assert dict(copy.unit_form.roles) == dict(catalog.unit_form.roles)


def test_the_start_method_switch(monkeypatch):
    for method in METHODS:
        monkeypatch.setenv(parallel.START_METHOD_ENV, method)
        assert parallel.mp_context().get_start_method() == method
    monkeypatch.setenv(parallel.START_METHOD_ENV, "nonsense")
    assert parallel.mp_context().get_start_method() == multiprocessing.get_start_method()


def test_spawned_workers_read_exactly_what_one_process_reads(catalog, monkeypatch):
    entries = list_inbox(SAMPLES).candidates
    serial = parallel.read_many(entries, catalog, workers=1)
    monkeypatch.setenv(parallel.START_METHOD_ENV, "spawn")
    monkeypatch.setattr(parallel, "CHUNK", 20)
    reading = parallel.start_reading(entries, catalog, workers=2)
    assert reading.parallel
    pooled = reading.result()
    assert [(s.path, s.unit_code, s.values, s.cells, s.findings) for s in serial] == [
        (s.path, s.unit_code, s.values, s.cells, s.findings) for s in pooled
    ]


def test_a_spawned_merge_of_the_samples_gives_the_published_figures(tmp_path):
    """The 77 sample files with 2 workers started by ``spawn``, through the command line."""
    assert len(list(SAMPLES.glob("*.xlsx"))) == 77 >= parallel.PARALLEL_THRESHOLD
    out = tmp_path / "tong_hop.xlsx"
    done = run_module(
        "merge", str(SAMPLES), "-o", str(out), "--json", "--workers", "2", env={parallel.START_METHOD_ENV: "spawn"}
    )
    assert done.returncode == 0, done.stderr.decode()
    data = json.loads(done.stdout)
    assert {code: data["totals"][code] for code in SEED_TOTALS} == SEED_TOTALS
    assert data["units_accepted"] == 76 and data["bloc_submission"]["status"] == "accepted"
    assert out.is_file()


# --- no worker outlives its merge ---------------------------------------------------------------


def _processes_with(marker: str) -> dict[int, int]:
    """Live (non-zombie) processes whose environment holds ``marker``: pid → parent pid."""
    found = {}
    needle = f"{MARKER}={marker}".encode()
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            environ = Path(f"/proc/{entry}/environ").read_bytes()
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        if needle in environ.split(b"\0") and fields[0] != "Z":
            found[int(entry)] = int(fields[1])
    return found


def _big_inbox(folder: Path, copies: int) -> Path:
    """The sample inbox many times over, under other names (hard links where the disk allows)."""
    folder.mkdir()
    for n in range(copies):
        for source in SAMPLES.glob("*.xlsx"):
            target = folder / f"{source.stem}_{n:03d}.xlsx"
            try:
                os.link(source, target)
            except OSError:
                shutil.copyfile(source, target)
    return folder


@pytest.mark.skipif(not Path("/proc/self/environ").exists(), reason="needs /proc to find the workers")
@pytest.mark.parametrize("method", METHODS)
def test_no_worker_outlives_a_killed_merge(tmp_path, method):
    inbox = _big_inbox(tmp_path / "inbox", copies=60)  # 4,620 files: several seconds of reading
    marker = uuid.uuid4().hex
    env = {**os.environ, parallel.START_METHOD_ENV: method, MARKER: marker}
    merge = subprocess.Popen(
        [sys.executable, "-m", "consolidate", "merge", str(inbox), "-o", str(tmp_path / "o.xlsx"), "--workers", "2"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=ROOT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:  # until both reading workers are up (spawn adds a resource tracker)
            children = [pid for pid, ppid in _processes_with(marker).items() if ppid == merge.pid]
            if len(children) >= 2 or merge.poll() is not None or time.monotonic() > deadline:
                break
            time.sleep(0.05)
        time.sleep(1.0)  # well into the reading
        assert merge.poll() is None, "the merge ended before it could be killed: make the inbox bigger"
        assert len(children) >= 2
        merge.send_signal(signal.SIGKILL)
        merge.wait(10)
        deadline = time.monotonic() + 5
        while _processes_with(marker) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert _processes_with(marker) == {}, "worker processes outlived the merge"
    finally:
        if merge.poll() is None:
            merge.kill()
        for pid in _processes_with(marker):  # never leave strays behind, even when the test fails
            os.kill(pid, signal.SIGKILL)
