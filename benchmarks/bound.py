"""The fastest a whole merge could possibly be on this machine: its critical path with free reading.

    python benchmarks/bound.py INBOX [--schemas DIR]

A merge cannot finish before three things have happened one after the other, whatever the code:

1. ``start`` — the interpreter starts and loads the command line (``import consolidate.cli``);
2. ``pandera`` — pandas and pandera are imported and pandera validates a frame once. Measured with
   a one-column schema on a 1,000-row frame, not ours: the least any pandera validation costs;
3. ``summary`` — the summary workbook of this inbox's result is written with xlsxwriter. It needs
   the validation's verdicts (which units are accepted, the totals), so it cannot start earlier.

Reading is left out: it is taken to run entirely on the other core while pandera loads, and our
reader's own work (sniffing, bomb checks, the formula scan, coercion), validating our rules and
totalling are counted as free. The sum is therefore a lower bound of the whole merge's wall time
on this machine, not an estimate. Prints one JSON object (seconds, medians of several runs).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PANDERA_ONCE = """
import time
t = time.perf_counter()
import pandas as pd
import pandera.pandas as pa
pa.DataFrameSchema({"a": pa.Column(int, pa.Check.ge(0))}).validate(pd.DataFrame({"a": range(1000)}), lazy=True)
print(time.perf_counter() - t)
"""


def process_wall(args: list[str], repeat: int) -> float:
    """Median wall time of a whole process."""
    runs = []
    for _ in range(repeat):
        t = time.perf_counter()
        subprocess.run(args, check=True, capture_output=True)
        runs.append(time.perf_counter() - t)
    return statistics.median(runs)


def pandera_once(repeat: int) -> float:
    """Median in-process time of importing pandas + pandera and validating once."""
    runs = [
        float(subprocess.run([sys.executable, "-c", PANDERA_ONCE], check=True, capture_output=True, text=True).stdout)
        for _ in range(repeat)
    ]
    return statistics.median(runs)


def summary_time(inbox: Path, schemas: Path | None, repeat: int) -> tuple[float, int]:
    """Median time to write the summary of ``inbox``'s merge result, and the number of units."""
    from consolidate.catalog.loader import load_catalog
    from consolidate.outputs.summary.writer import SummaryOptions, write_summary
    from consolidate.pipeline.merge import merge_inbox

    catalog = load_catalog(schemas)
    result = merge_inbox(inbox, catalog)
    runs = []
    with tempfile.TemporaryDirectory() as tmp:
        for i in range(repeat):
            t = time.perf_counter()
            write_summary(result, Path(tmp) / f"s{i}.xlsx", SummaryOptions(date=dt.date(2021, 10, 1)))
            runs.append(time.perf_counter() - t)
    return statistics.median(runs), len(catalog.units)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inbox", type=Path)
    parser.add_argument("--schemas", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    start = process_wall([sys.executable, "-c", "import consolidate.cli"], args.repeat + 2)
    pandera = pandera_once(args.repeat)
    summary, units = summary_time(args.inbox, args.schemas, args.repeat)
    print(
        json.dumps(
            {
                "start": round(start, 3),
                "pandera": round(pandera, 3),
                "summary": round(summary, 3),
                "units": units,
                "bound": round(start + pandera + summary, 3),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
