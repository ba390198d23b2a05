"""Build the sample inbox: 76 filled unit reports and the bloc-level report for 9 tháng 2021.

    python samples/build.py            # writes samples/inbox/
    python samples/build.py --out DIR  # anywhere else

Deterministic: the same tables give byte-identical workbooks (tests/test_samples.py checks the
committed inbox against a fresh build). The tables reproduce the bloc's published 9-month 2021
figures (../shared/domain/000_4a2a9fd3916528dc.txt); people's names are fictitious.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from consolidate.catalog.loader import load_catalog
from consolidate.core.periods import parse_period

from fill import read_csv, write_bloc_report, write_unit_reports

HERE = Path(__file__).resolve().parent
PERIOD = "9T-2021"
SAVED = dt.datetime(2021, 10, 5, 9, 0, 0)


def build(out_dir: Path, schemas: Path | None = None) -> list[Path]:
    catalog = load_catalog(schemas)
    period = parse_period(catalog, PERIOD)
    out_dir.mkdir(parents=True, exist_ok=True)
    highlights = {row["ma_tccs"]: row for row in read_csv(HERE / "highlights_9T2021.csv")}
    paths = write_unit_reports(
        catalog, period, read_csv(HERE / "units_9T2021.csv"), out_dir, extra=highlights, saved=SAVED
    )
    bloc = write_bloc_report(catalog, period, read_csv(HERE / "bloc_9T2021.csv"), out_dir, saved=SAVED)
    return paths + ([bloc] if bloc else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "inbox")
    args = parser.parse_args()
    paths = build(args.out)
    print(f"{len(paths)} workbooks written to {args.out}")


if __name__ == "__main__":
    main()
