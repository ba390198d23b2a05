"""Messy and hostile inboxes (issue 3): every bad file gets a coded reason, nothing crashes,
nothing is lost or counted twice, and the same inbox gives the same result in any order."""

from __future__ import annotations

import json
import random

import pytest

from consolidate.catalog.loader import load_catalog
from consolidate.ingest.inbox import list_inbox
from consolidate.ingest.parallel import read_many
from consolidate.outputs.codebook import codebook_markdown
from consolidate.pipeline.merge import consolidate, merge_inbox

import crashing
from conftest import ROOT, SAMPLES, SEED_TOTALS, run_cli
from hostile import CASES, build_inbox


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    return build_inbox(tmp_path_factory.mktemp("hostile") / "inbox")


@pytest.fixture(scope="module")
def hostile_run(hostile, tmp_path_factory):
    result = run_cli("merge", str(hostile), "-o", str(tmp_path_factory.mktemp("out") / "o.xlsx"), "--json")
    return result, json.loads(result.stdout)


def test_there_are_enough_hostile_cases():
    assert len(CASES) >= 25


def test_hostile_inbox_still_gives_the_seed(hostile_run):
    result, data = hostile_run
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout
    assert data["units_accepted"] == 76 and data["missing"] == [] and data["rejected"] == []
    assert data["bloc_submission"]["status"] == "accepted"
    for code, expected in SEED_TOTALS.items():
        assert data["totals"][code] == expected, code
    names = {p.name for p in SAMPLES.glob("*.xlsx")}
    samples = [s for s in data["submissions"] if s["file"] in names]
    assert len(samples) == 77 and all(s["status"] == "accepted" for s in samples)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_every_bad_file_is_listed_with_its_reason(hostile_run, case):
    _, data = hostile_run
    entry = next(s for s in data["submissions"] if s["file"] == case.name)
    found = {f["code"] for f in data["findings"] if f["file"] == case.name}
    assert entry["status"] == case.status
    assert case.codes <= found, (case.name, found)
    assert all(f["message"] and f["fix"] for f in data["findings"] if f["file"] == case.name)


def test_no_internal_errors_on_hostile_files(hostile_run):
    _, data = hostile_run
    assert not [f for f in data["findings"] if f["code"] == "F110"]


def test_order_does_not_matter(hostile):
    catalog = load_catalog()
    listing = list_inbox(hostile)
    baseline = None
    for seed in (1, 2, 3):
        entries = list(listing.candidates)
        random.Random(seed).shuffle(entries)
        subs = read_many(entries, catalog, workers=1)
        result = consolidate(catalog, subs, None, listing.ignored)
        outcome = (result.to_json()["totals"], result.to_json()["findings"], [(r.path, r.status) for r in result.files])
        if baseline is None:
            baseline = outcome
        assert outcome == baseline


def test_an_internal_error_names_the_file_and_the_merge_goes_on(inbox, monkeypatch, catalog):
    import consolidate.ingest.values as values

    original = values.ValueReader.run

    def explode(self):
        if "_CB05_" in self.sub.path:
            raise RuntimeError("simulated bug")
        return original(self)

    monkeypatch.setattr(values.ValueReader, "run", explode)
    result = merge_inbox(inbox, catalog, workers=1)  # the patch lives in this process only
    bad = next(r for r in result.files if "_CB05_" in r.path)
    assert bad.status == "rejected"
    assert [(f.code, f.params.get("detail")) for f in bad.findings] == [
        ("F110", "RuntimeError: simulated bug"),
        ("I208", None),
    ]
    assert result.units_accepted == 75
    assert result.unreadable_units == ["CB05"] and result.missing == []  # sent, named after CB05: never "missing"


def test_finding_code_catalog_is_generated_and_complete(catalog, hostile_run):
    committed = (ROOT / "docs" / "ma-loi.md").read_text(encoding="utf-8")
    assert committed == codebook_markdown(catalog) + "\n", "run `consolidate codes --markdown > docs/ma-loi.md`"
    _, data = hostile_run
    used = {f["code"] for f in data["findings"]}
    declared = set(__import__("consolidate.core.codes", fromlist=["BUILTIN"]).BUILTIN) | set(catalog.rule_index)
    assert used <= declared
    for code in declared:
        assert f"| {code} |" in committed, f"{code} is missing from docs/ma-loi.md"


def test_a_worker_killed_by_a_file_does_not_stop_the_merge(inbox, monkeypatch, catalog):
    """A native crash (simulated with os.abort) in a reading worker: that file is reported, the
    other files of its chunk and of the inbox are read."""
    import consolidate.ingest.parallel as parallel

    monkeypatch.setattr(parallel, "read_submission", crashing.abort_on_db07)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 10)
    result = merge_inbox(inbox, catalog, workers=2)
    crashed = next(r for r in result.files if "_DB07_" in r.path)
    assert [f.code for f in crashed.findings] == ["F110", "I208"] and crashed.status == "rejected"
    assert result.units_accepted == 75 and result.unreadable_units == ["DB07"]  # known by its file name only


def test_the_summary_is_replaced_atomically(tmp_path, monkeypatch, catalog):
    import xlsxwriter

    from consolidate.outputs.summary.writer import write_summary

    result = merge_inbox(SAMPLES, catalog)
    out = tmp_path / "tong_hop.xlsx"
    write_summary(result, out)
    before = out.read_bytes()

    def interrupted(self):
        raise KeyboardInterrupt

    monkeypatch.setattr(xlsxwriter.Workbook, "close", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_summary(result, out)
    assert out.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tong_hop.xlsx"]
