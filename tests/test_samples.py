"""The committed sample inboxes are exactly what samples/build.py makes from the tables, and the
reporting cycle's other periods (6 tháng 2021, 9 tháng 2020) are consistent with 9 tháng 2021."""

from __future__ import annotations

import importlib.util

import pytest

from consolidate.catalog.loader import load_catalog
from consolidate.pipeline.merge import merge_inbox

from conftest import ROOT, SAMPLES, SAMPLES_6T, SAMPLES_2020


def _build_module():
    spec = importlib.util.spec_from_file_location("samples_build", ROOT / "samples" / "build.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _same(fresh_dir, committed_dir):
    fresh = {p.name: p.read_bytes() for p in fresh_dir.glob("*.xlsx")}
    committed = {p.name: p.read_bytes() for p in committed_dir.glob("*.xlsx")}
    assert fresh.keys() == committed.keys()
    stale = [name for name in fresh if fresh[name] != committed[name]]
    assert not stale, f"run `python samples/build.py`: {stale[:5]}"


def test_committed_samples_match_a_fresh_build(tmp_path):
    paths = _build_module().build(tmp_path)
    assert len(paths) == 77
    _same(tmp_path, SAMPLES)


@pytest.mark.parametrize("key,committed", [("6T-2021", SAMPLES_6T), ("9T-2020", SAMPLES_2020)])
def test_the_cycles_samples_match_a_fresh_build(tmp_path, key, committed):
    paths = _build_module().build_period(key, tmp_path)
    assert len(paths) == 77
    _same(tmp_path, committed)


@pytest.fixture(scope="module")
def periods():
    catalog = load_catalog()
    return catalog, {
        key: merge_inbox(inbox, catalog)
        for key, inbox in (("9T-2021", SAMPLES), ("6T-2021", SAMPLES_6T), ("9T-2020", SAMPLES_2020))
    }


def _values(result):
    units = {u.unit.code: u.submission.values for u in result.units}
    if result.bloc is not None:
        units[result.catalog.bloc.code] = result.bloc.sub.values
    return units


def test_every_period_is_accepted_whole_with_no_warning(periods):
    _, results = periods
    for key, result in results.items():
        assert result.period.key == key
        assert result.exit_code == 0 and result.units_accepted == 76
        assert [f.code for f in result.findings if f.severity != "info"] == [], key


def test_six_months_never_exceed_nine_months_and_2020_is_close_to_2021(periods):
    catalog, results = periods
    now, six, then = (_values(results[k]) for k in ("9T-2021", "6T-2021", "9T-2020"))
    flows = {c for f in catalog.forms.values() for c, i in f.indicators.items() if i.nature == "flow" and i.numeric}
    lower = 0
    for unit, values in now.items():
        for code in flows & set(values):
            if values[code] is not None:
                assert six[unit][code] <= values[code], (unit, code)
                lower += six[unit][code] < values[code]
    assert lower > 500  # the first half of the year really is a part of it
    for code in ("dv_cuoi_ky", "doanh_thu"):  # the figures the K02 rule compares: within ±50 % unit by unit
        for unit, values in now.items():
            if values.get(code):
                assert abs(then[unit][code] - values[code]) <= 0.5 * values[code], (unit, code)
    members = [results[k].totals["dv_cuoi_ky"].value for k in ("9T-2020", "9T-2021")]
    assert abs(members[0] - members[1]) / members[1] < 0.05
