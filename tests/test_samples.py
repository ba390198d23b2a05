"""The committed sample inbox is exactly what samples/build.py makes from the tables."""

from __future__ import annotations

import importlib.util

from conftest import ROOT, SAMPLES


def _build_module():
    spec = importlib.util.spec_from_file_location("samples_build", ROOT / "samples" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_committed_samples_match_a_fresh_build(tmp_path):
    paths = _build_module().build(tmp_path)
    assert len(paths) == 77
    fresh = {p.name: p.read_bytes() for p in tmp_path.glob("*.xlsx")}
    committed = {p.name: p.read_bytes() for p in SAMPLES.glob("*.xlsx")}
    assert fresh.keys() == committed.keys()
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"run `python samples/build.py`: {stale[:5]}"
