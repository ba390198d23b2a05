"""Build the sample inboxes: 76 filled unit reports and the bloc-level report for 9 tháng 2021,
and for the reporting cycle the same for 6 tháng 2021 and 9 tháng 2020.

    python samples/build.py            # writes samples/inbox/, samples/inbox_6T_2021/, samples/inbox_9T_2020/
    python samples/build.py --out DIR  # anywhere else (DIR, DIR_6T_2021, DIR_9T_2020)

Deterministic: the same tables give byte-identical workbooks (tests/test_samples.py checks the
committed inboxes against a fresh build). The tables reproduce the bloc's published 9-month 2021
figures (../shared/domain/000_4a2a9fd3916528dc.txt); the other periods are derived from them by
samples/derive.py (seeded, consistent with every rule of the forms and the bloc); people's names
are fictitious.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path

from derive import derive_bloc, derive_units

from consolidate.catalog.loader import load_catalog
from consolidate.core.periods import parse_period

from fill import read_csv, write_bloc_report, write_unit_reports

HERE = Path(__file__).resolve().parent
PERIOD = "9T-2021"
SAVED = dt.datetime(2021, 10, 5, 9, 0, 0)
# the other periods of the cycle: period → (inbox folder suffix, when the units saved their reports)
CYCLE = {
    "6T-2021": ("_6T_2021", dt.datetime(2021, 7, 5, 9, 0, 0)),
    "9T-2020": ("_9T_2020", dt.datetime(2020, 10, 5, 9, 0, 0)),
}


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


def build_period(key: str, out_dir: Path, schemas: Path | None = None) -> list[Path]:
    """The inbox of another period of the cycle (a key of :data:`CYCLE`), derived from 9 tháng 2021."""
    catalog = load_catalog(schemas)
    period = parse_period(catalog, key)
    out_dir.mkdir(parents=True, exist_ok=True)
    saved = CYCLE[key][1]
    units = derive_units(catalog, read_csv(HERE / "units_9T2021.csv"), key)
    paths = write_unit_reports(catalog, period, units, out_dir, saved=saved)
    rows = derive_bloc(catalog, read_csv(HERE / "bloc_9T2021.csv"), units, key)
    bloc = write_bloc_report(catalog, period, rows, out_dir, saved=saved)
    return paths + ([bloc] if bloc else [])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=HERE / "inbox")
    args = parser.parse_args()
    paths = build(args.out)
    print(f"{len(paths)} workbooks written to {args.out}")
    for key, (suffix, _) in CYCLE.items():
        folder = args.out.with_name(args.out.name + suffix)
        paths = build_period(key, folder)
        print(f"{len(paths)} workbooks written to {folder}")


if __name__ == "__main__":
    main()
