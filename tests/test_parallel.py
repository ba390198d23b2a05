"""Reading in worker processes gives exactly what reading in one process gives, keeps no workbook
alive, and shares one layout among reports of one template (issue 6, untimed)."""

from __future__ import annotations

import gc

import consolidate.ingest.parallel as parallel
from consolidate.ingest.inbox import list_inbox
from consolidate.pipeline.merge import merge_inbox

from conftest import SAMPLES


def test_workers_read_exactly_what_one_process_reads(catalog, monkeypatch):
    entries = list_inbox(SAMPLES).candidates
    serial = parallel.read_many(entries, catalog, workers=1)
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 2)
    monkeypatch.setattr(parallel, "CHUNK", 7)
    pooled = parallel.read_many(entries, catalog, workers=2)
    assert [(s.path, s.unit_code, s.values, s.cells, s.findings) for s in serial] == [
        (s.path, s.unit_code, s.values, s.cells, s.findings) for s in pooled
    ]
    assert len({id(s.cells) for s in pooled if s.form_id == "BC-TCCS"}) == 1  # one shared layout


def test_a_parallel_merge_equals_a_serial_one(catalog, monkeypatch):
    serial = merge_inbox(SAMPLES, catalog, workers=1).to_json()
    monkeypatch.setattr(parallel, "PARALLEL_THRESHOLD", 2)
    pooled = merge_inbox(SAMPLES, catalog, workers=2).to_json()
    assert pooled == serial


def test_no_workbook_object_outlives_a_read(catalog):
    parallel.read_many(list_inbox(SAMPLES).candidates[:10], catalog, workers=1)
    gc.collect()
    alive = [o for o in gc.get_objects() if type(o).__name__ in ("CalamineWorkbook", "CalamineSheet", "ZipFile")]
    assert alive == []
