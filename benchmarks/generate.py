"""Generate N valid submissions and the unit registry they need.

    python benchmarks/generate.py N DIR [--workers W]

Writes DIR/schemas/ (the project's catalog with a registry of N units) and DIR/inbox/ (N filled
unit reports plus the bloc-level report), and prints, as its last line, the command that merges
them (without -o). Unit i copies the figures of sample unit i mod 76 (so every report is valid and
the mix of unit types and sectors is the bloc's), under its own code (DB00001, CB00002 …).
Deterministic: the same N gives the same files.
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import os
import shutil
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from consolidate.catalog.loader import default_schema_dir, load_catalog
from consolidate.core.model import Unit
from consolidate.core.periods import parse_period
from consolidate.issue.template import template_filename, write_template

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "samples"))
from fill import prefill_from_row, read_csv, write_bloc_report

ROOT = Path(__file__).resolve().parent.parent
PERIOD = "9T-2021"
SAVED = dt.datetime(2021, 10, 5, 9, 0, 0)


def unit_rows(n: int) -> list[dict[str, str]]:
    samples = read_csv(ROOT / "samples" / "units_9T2021.csv")
    rows = []
    for i in range(n):
        base = dict(samples[i % len(samples)])
        prefix = "DB" if base["loai_tccs"] == "DBCS" else "CB"
        base["ma_tccs"] = f"{prefix}{i + 1:05d}"
        base["ten_tccs"] = f"{base['ten_tccs']} (số {i + 1})"
        rows.append(base)
    return rows


def write_registry(rows: list[dict[str, str]], schemas: Path) -> None:
    if schemas.exists():
        shutil.rmtree(schemas)
    shutil.copytree(default_schema_dir(), schemas)
    with open(schemas / "units.csv", "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh, lineterminator="\n")
        out.writerow(["code", "type", "sector", "name"])
        out.writerows([r["ma_tccs"], r["loai_tccs"], r["loai_hinh"], r["ten_tccs"]] for r in rows)


def _write_chunk(args: tuple[str, str, list[dict[str, str]]]) -> int:
    schemas, inbox, rows = args
    catalog = load_catalog(schemas)
    period = parse_period(catalog, PERIOD)
    form = catalog.unit_form
    for row in rows:
        unit = Unit(row["ma_tccs"], row["ten_tccs"], row["loai_tccs"], row["loai_hinh"])
        path = Path(inbox) / template_filename(catalog, form, period, unit)
        write_template(catalog, form, path, unit=unit, period=period, prefill=prefill_from_row(form, row), saved=SAVED)
    return len(rows)


def generate(n: int, target: Path, workers: int = 0) -> str:
    target = target.resolve()
    schemas, inbox = target / "schemas", target / "inbox"
    rows = unit_rows(n)
    write_registry(rows, schemas)
    if inbox.exists():
        shutil.rmtree(inbox)
    inbox.mkdir(parents=True)
    workers = workers or min(os.cpu_count() or 1, 4)
    size = max(1, min(500, n // max(workers, 1) + 1))
    chunks = [(str(schemas), str(inbox), rows[i : i + size]) for i in range(0, n, size)]
    if workers > 1 and n > 200:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            list(pool.map(_write_chunk, chunks))
    else:
        for chunk in chunks:
            _write_chunk(chunk)
    catalog = load_catalog(schemas)
    write_bloc_report(
        catalog, parse_period(catalog, PERIOD), read_csv(ROOT / "samples" / "bloc_9T2021.csv"), inbox, saved=SAVED
    )
    return f"consolidate merge {inbox} --schemas {schemas}"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("dir", type=Path)
    parser.add_argument("--workers", type=int, default=0)
    args = parser.parse_args()
    if args.n < 1:
        print("N must be at least 1", file=sys.stderr)
        return 2
    command = generate(args.n, args.dir, args.workers)
    print(f"{args.n} submissions written to {args.dir / 'inbox'}")
    print(command)
    return 0


if __name__ == "__main__":
    sys.exit(main())
