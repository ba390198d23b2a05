"""Benchmarks: whole `consolidate merge` processes against the floor and the naive script.

    python benchmarks/run.py                    # 76 (samples), 1,000 and 10,000 submissions
    python benchmarks/run.py --sizes 76 1000 10000 50000

Each size is generated once under benchmarks/data/N (benchmarks/generate.py) and reused. For every
size it times, with /usr/bin/time -v (wall, CPU, peak memory), in the same run:

- ``merge``: the whole `consolidate merge` process, as the office runs it but with ``--no-db``
  (what recording into the history database adds is measured by benchmarks/history.py, and a
  benchmark must never write into the user's own database);
- ``floor``: benchmarks/floor.py — the same files' values read with python-calamine alone, in one
  process (what any reader must at least do);
- ``naive``: benchmarks/naive.py — pandas.read_excel with openpyxl, file by file (at 1,000 files);
- ``help``: `consolidate --help`;
- ``bound``: benchmarks/bound.py (at 1,000 files) — the merge's critical path with reading and
  validation taken as free (start + pandera + summary): no merge here can be faster than that.

Prints a Markdown table and writes it with the machine's description to
benchmarks/results/latest.json and latest.md. The targets are checked and reported.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DATA = HERE / "data"
RESULTS = HERE / "results"
TIME = "/usr/bin/time"


def timed(command: list[str], repeat: int = 1) -> dict:
    """Median wall, CPU and peak memory of ``command`` under /usr/bin/time -v."""
    runs = []
    for _ in range(repeat):
        proc = subprocess.run([TIME, "-v", *command], capture_output=True, text=True)
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"{' '.join(command)} failed ({proc.returncode}):\n{proc.stderr[-2000:]}")
        runs.append(_parse_time(proc.stderr))
    best = sorted(runs, key=lambda r: r["wall"])[len(runs) // 2]
    best["runs"] = [round(r["wall"], 3) for r in runs]
    return best


def _parse_time(text: str) -> dict:
    def field(name: str) -> str:
        return re.search(rf"{re.escape(name)}: (.+)", text).group(1).strip()

    clock = field("Elapsed (wall clock) time (h:mm:ss or m:ss)").split(":")
    wall = sum(float(part) * 60**i for i, part in enumerate(reversed(clock)))
    return {
        "wall": wall,
        "cpu": float(field("User time (seconds)")) + float(field("System time (seconds)")),
        "peak_mb": int(field("Maximum resident set size (kbytes)")) / 1024,
    }


def dataset(n: int) -> tuple[Path, list[str]]:
    """(inbox, extra merge arguments) for n submissions; 76 is the committed sample inbox."""
    if n == 76:
        return ROOT / "samples" / "inbox", []
    target = DATA / str(n)
    if not (target / "inbox").is_dir() or len(list((target / "inbox").glob("*.xlsx"))) < n:
        subprocess.run([sys.executable, str(HERE / "generate.py"), str(n), str(target)], check=True)
    return target / "inbox", ["--schemas", str(target / "schemas")]


def machine() -> dict:
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory = next(
        (
            int(line.split()[1]) // 1024
            for line in Path("/proc/meminfo").read_text().splitlines()
            if line.startswith("MemTotal")
        ),
        0,
    )
    versions = {
        p: metadata.version(p)
        for p in ("consolidate", "python-calamine", "pandas", "pandera", "openpyxl", "xlsxwriter")
    }
    return {
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_mb": memory,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": versions,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[76, 1000, 10000])
    parser.add_argument("--repeat", type=int, default=3, help="runs per small measurement (median kept)")
    args = parser.parse_args()
    exe = str(Path(sys.executable).with_name("consolidate"))
    rows, out = [], Path(tempfile.mkdtemp(prefix="bench-"))
    help_run = timed([exe, "--help"], repeat=5)
    for n in args.sizes:
        inbox, extra = dataset(n)
        repeat = args.repeat if n <= 10000 else 1
        merge = timed([exe, "merge", str(inbox), "-o", str(out / f"m{n}.xlsx"), "--no-db", *extra], repeat)
        floor = timed([sys.executable, str(HERE / "floor.py"), str(inbox)], repeat)
        row = {"n": n, "merge": merge, "floor": floor, "ratio": merge["wall"] / floor["wall"]}
        if n == 1000:
            row["naive"] = timed([sys.executable, str(HERE / "naive.py"), str(inbox), "1000"], 1)
            row["speedup"] = row["naive"]["wall"] / merge["wall"]
            row["bound"] = json.loads(
                subprocess.run(
                    [sys.executable, str(HERE / "bound.py"), str(inbox), *extra],
                    check=True,
                    capture_output=True,
                    text=True,
                ).stdout
            )
            row["bound"]["speedup"] = row["naive"]["wall"] / row["bound"]["bound"]
        rows.append(row)
        print(f"{n}: merge {merge['wall']:.2f} s, floor {floor['wall']:.2f} s", file=sys.stderr)
    report = {"machine": machine(), "help": help_run, "rows": rows, "targets": targets(rows, help_run)}
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    text = markdown(report)
    (RESULTS / "latest.md").write_text(text, encoding="utf-8")
    print(text)
    return 0 if all(t["met"] for t in report["targets"]) else 1


def targets(rows: list[dict], help_run: dict) -> list[dict]:
    by = {r["n"]: r for r in rows}
    out = [
        {"target": "`consolidate --help` ≤ 0,3 s", "value": f"{help_run['wall']:.2f} s", "met": help_run["wall"] <= 0.3}
    ]
    if 76 in by:
        out.append(
            {
                "target": "76 submissions ≤ 1,5 s",
                "value": f"{by[76]['merge']['wall']:.2f} s",
                "met": by[76]["merge"]["wall"] <= 1.5,
            }
        )
    if 1000 in by and "speedup" in by[1000]:
        r = by[1000]
        possible = f" (at most {r['bound']['speedup']:.1f}× possible here)" if "bound" in r else ""
        out.append(
            {
                "target": "≥ 20× the naive pandas/openpyxl loop at 1.000",
                "value": f"{r['speedup']:.1f}×{possible}",
                "met": r["speedup"] >= 20,
            }
        )
    if 10000 in by:
        r = by[10000]
        out.append(
            {"target": "10.000: ≤ 2,0× the calamine-only read", "value": f"{r['ratio']:.2f}×", "met": r["ratio"] <= 2.0}
        )
        out.append(
            {
                "target": "10.000: peak memory ≤ 1 GB",
                "value": f"{r['merge']['peak_mb']:.0f} MB",
                "met": r["merge"]["peak_mb"] <= 1024,
            }
        )
        if 1000 in by:
            growth = (r["merge"]["wall"] / 10000) / (by[1000]["merge"]["wall"] / 1000)
            out.append(
                {
                    "target": "per-file cost at 10.000 ≤ 1,3× that at 1.000",
                    "value": f"{growth:.2f}×",
                    "met": growth <= 1.3,
                }
            )
    if 50000 in by:
        r = by[50000]
        out.append({"target": "50.000 ≤ 90 s", "value": f"{r['merge']['wall']:.1f} s", "met": r["merge"]["wall"] <= 90})
        out.append(
            {
                "target": "50.000: peak memory ≤ 1,5 GB",
                "value": f"{r['merge']['peak_mb']:.0f} MB",
                "met": r["merge"]["peak_mb"] <= 1536,
            }
        )
    return out


def markdown(report: dict) -> str:
    m = report["machine"]
    lines = [
        f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_mb'] // 1024} GB; Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in m["packages"].items()),
        "",
        "| files | merge wall | merge CPU | merge peak | floor (calamine only) | merge / floor | naive loop |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in report["rows"]:
        naive = f"{r['naive']['wall']:.1f} s ({r['speedup']:.1f}× slower)" if "naive" in r else ""
        lines.append(
            f"| {r['n']:,} | {r['merge']['wall']:.2f} s | {r['merge']['cpu']:.2f} s | "
            f"{r['merge']['peak_mb']:.0f} MB | {r['floor']['wall']:.2f} s | {r['ratio']:.2f}× | {naive} |"
        )
    lines += ["", f"`consolidate --help`: {report['help']['wall']:.2f} s"]
    for r in report["rows"]:
        if "bound" in r:
            b = r["bound"]
            lines += [
                "",
                f"Lower bound at {r['n']:,} files (benchmarks/bound.py): start {b['start']:.2f} s + pandas and "
                f"pandera imported and validating once {b['pandera']:.2f} s + the summary of {b['units']:,} units "
                f"{b['summary']:.2f} s = {b['bound']:.2f} s, with reading and validation counted as free; "
                f"so no merge here can be more than {b['speedup']:.1f}× faster than the naive loop.",
            ]
    lines += ["", "| target | measured | met |", "|---|---:|:-:|"]
    lines += [f"| {t['target']} | {t['value']} | {'yes' if t['met'] else '**no**'} |" for t in report["targets"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    sys.exit(main())
