"""Benchmarks of the history database: what recording costs a merge, and how fast trends answer.

    python benchmarks/history.py                 # 10,000 files; 8 periods × 76 units
    python benchmarks/history.py --files 1000    # a smaller inbox for the recording overhead

Two measurements, each whole `consolidate` processes under /usr/bin/time -v (median of --repeat):

- **recording**: the N-file benchmark inbox (benchmarks/generate.py, reused from benchmarks/data/N)
  merged with ``--no-db`` and merged into a fresh database (a first merge records every file, value
  and total: the worst case), the two interleaved so a drifting machine load hits both alike (medians
  of wall and CPU time); the target is at most +25 % of the merge time;
- **trends**: a database holding 8 periods (Q1, 6T, 9T, CN of 2020 and 2021) of the 76 sample
  units, each a real merge of an inbox generated once under benchmarks/data/history/; then
  ``consolidate history --json`` (all indicators, all units) must answer in under 0.5 s, and
  ``consolidate history -o xu_huong.xlsx`` is timed beside it.

Writes benchmarks/results/history.json and history.md and prints the Markdown.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

from run import DATA, RESULTS, ROOT, dataset, machine, timed

sys.path.insert(0, str(ROOT / "samples"))
from consolidate.catalog.loader import load_catalog
from consolidate.core.periods import parse_period

from fill import read_csv, write_bloc_report, write_unit_reports

PERIODS = [f"{kind}-{year}" for year in (2020, 2021) for kind in ("Q1", "6T", "9T", "CN")]


def period_inbox(key: str) -> Path:
    """The 76 sample units and the bloc committee reporting for ``key`` (generated once)."""
    target = DATA / "history" / key
    if len(list(target.glob("*.xlsx"))) >= 77:
        return target
    catalog = load_catalog()
    period = parse_period(catalog, key)
    cutoff = period.cutoff(catalog).strftime("%d/%m/%Y")
    dates = {c for f in catalog.forms.values() for c, i in f.indicators.items() if i.type == "date"}
    units = [{**r, **{c: cutoff for c in dates if r.get(c)}} for r in read_csv(ROOT / "samples" / "units_9T2021.csv")]
    bloc = [dict(r, value=cutoff) if r["code"] in dates else r for r in read_csv(ROOT / "samples" / "bloc_9T2021.csv")]
    target.mkdir(parents=True, exist_ok=True)
    write_unit_reports(catalog, period, units, target)
    write_bloc_report(catalog, period, bloc, target)
    return target


def _median(runs: list[dict]) -> dict:
    best = dict(sorted(runs, key=lambda r: r["wall"])[len(runs) // 2])
    best["runs"] = [round(r["wall"], 3) for r in runs]
    best["cpu_median"] = sorted(r["cpu"] for r in runs)[len(runs) // 2]
    return best


def recording(exe: str, files: int, repeat: int, out: Path) -> dict:
    """Merges without and with recording, interleaved (the machine's load drifts alike for both)."""
    inbox, extra = dataset(files)
    plain, recorded = [], []
    for n in range(repeat):  # a fresh database each time: the first merge records everything
        plain.append(timed([exe, "merge", str(inbox), "-o", str(out / "plain.xlsx"), "--no-db", *extra]))
        db = out / f"rec{n}.sqlite3"
        recorded.append(timed([exe, "merge", str(inbox), "-o", str(out / "rec.xlsx"), "--db", str(db), *extra]))
    again = timed([exe, "merge", str(inbox), "-o", str(out / "again.xlsx"), "--db", str(out / "rec0.sqlite3"), *extra])
    plain_run, recorded_run = _median(plain), _median(recorded)
    return {
        "files": files,
        "plain": plain_run,
        "recorded": recorded_run,
        "again": again,
        "overhead": recorded_run["wall"] / plain_run["wall"] - 1,
        "cpu_overhead": recorded_run["cpu_median"] / plain_run["cpu_median"] - 1,
        "db_mb": (out / "rec0.sqlite3").stat().st_size / 2**20,
    }


def trends(exe: str, repeat: int, out: Path) -> dict:
    db = out / "trends.sqlite3"
    for key in PERIODS:
        timed([exe, "merge", str(period_inbox(key)), "-o", str(out / f"{key}.xlsx"), "--db", str(db)])
    as_json = timed([exe, "history", "--json", "--db", str(db)], repeat)
    workbook = timed([exe, "history", "-o", str(out / "xu_huong.xlsx"), "--db", str(db)], repeat)
    return {"periods": len(PERIODS), "units": 76, "json": as_json, "workbook": workbook}


def markdown(report: dict) -> str:
    r, t = report["recording"], report["trends"]
    return (
        "\n".join(
            [
                "| history database | measured | target | met |",
                "|---|---:|---:|:-:|",
                f"| merge of {r['files']:,} files, `--no-db` | {r['plain']['wall']:.2f} s "
                f"(CPU {r['plain']['cpu_median']:.2f} s) | | |",
                f"| the same, recorded into a fresh database ({r['db_mb']:.0f} MB) | {r['recorded']['wall']:.2f} s "
                f"({r['overhead'] * 100:+.0f} %; CPU {r['recorded']['cpu_median']:.2f} s, "
                f"{r['cpu_overhead'] * 100:+.0f} %) | ≤ +25 % | {'yes' if r['overhead'] <= 0.25 else '**no**'} |",
                f"| the same inbox again (nothing new recorded) | {r['again']['wall']:.2f} s | | |",
                f"| `consolidate history --json`, {t['periods']} periods × {t['units']} units | {t['json']['wall']:.2f} s "
                f"| < 0,5 s | {'yes' if t['json']['wall'] < 0.5 else '**no**'} |",
                f"| `consolidate history -o xu_huong.xlsx`, the same | {t['workbook']['wall']:.2f} s | | |",
            ]
        )
        + "\n"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("consolidate"))
    out = Path(tempfile.mkdtemp(prefix="bench-history-"))
    report = {
        "machine": machine(),
        "recording": recording(exe, args.files, args.repeat, out),
        "trends": trends(exe, max(args.repeat, 5), out),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "history.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    text = markdown(report)
    (RESULTS / "history.md").write_text(text, encoding="utf-8")
    print(text)
    met = report["recording"]["overhead"] <= 0.25 and report["trends"]["json"]["wall"] < 0.5
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
