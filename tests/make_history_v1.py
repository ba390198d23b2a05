"""Build tests/fixtures/history_v1.sqlite3: a history database as version 1 of the schema wrote it.

    python tests/make_history_v1.py

Version 1 recorded merges (runs, files, submissions, findings, values, totals, periods) with no
receipts of their own, no closing and no audit. The fixture holds one such merge: 9 tháng 2020 of
three units (DB01, DB02, CB07) and the bloc committee, merged by today's pipeline from
samples/inbox_9T_2020 and written with version 1's tables and columns only, at fixed times. It is
committed; tests/test_history_database.py checks that the current code migrates it. Rebuild it only
if version 1 itself was wrong — never to follow a later version.
"""

from __future__ import annotations

import datetime as dt
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from consolidate.catalog.loader import load_catalog  # noqa: E402
from consolidate.core.messages import render  # noqa: E402
from consolidate.history.database import statements  # noqa: E402
from consolidate.history.schema import APPLICATION_ID, V1  # noqa: E402
from consolidate.pipeline.merge import merge_inbox  # noqa: E402

TARGET = Path(__file__).resolve().parent / "fixtures" / "history_v1.sqlite3"
UNITS = ("DB01", "DB02", "CB07", "DUK")
AT = "2020-10-06T02:00:00Z"
BY = "van_phong"


def _plain(value):
    if isinstance(value, dt.date):
        return value.isoformat()
    return value if value is None or isinstance(value, (int, float, str)) else str(value)


def build(target: Path = TARGET) -> Path:
    catalog = load_catalog()
    with tempfile.TemporaryDirectory() as tmp:
        inbox = Path(tmp) / "inbox"
        inbox.mkdir()
        for path in sorted((ROOT / "samples" / "inbox_9T_2020").glob("*.xlsx")):
            if path.stem.split("_")[2] in UNITS:  # "<form>_<period>_<unit>_<short name>.xlsx"
                shutil.copy(path, inbox / path.name)
        result = merge_inbox(inbox, catalog)
    target.unlink(missing_ok=True)
    conn = sqlite3.connect(str(target), isolation_level=None)
    conn.execute("PRAGMA page_size = 1024")
    conn.execute("BEGIN")
    for statement in statements(V1):
        conn.execute(statement)
    conn.execute(
        "INSERT INTO runs VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)",
        (
            AT,
            BY,
            "D:/bao_cao_9T_2020/thu_muc_nhan",
            result.period.key,
            "v1-fixture",
            result.units_expected,
            result.units_accepted,
            result.exit_code,
        ),
    )
    ids = {}
    for r in result.files:
        f = r.file
        ids[f.sha256] = len(ids) + 1
        conn.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, 1, ?)", (ids[f.sha256], f.sha256, f.size, f.path, AT, f.modified)
        )
        errors, warnings = r.counts()
        sub = r.sub
        conn.execute(
            "INSERT INTO submissions VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (f.path, ids[f.sha256], r.unit, r.form, sub.period_key, sub.sheet, r.status, errors, warnings),
        )
        if r.status == "accepted":
            for code, value in sub.values.items():
                if value is not None:
                    conn.execute(
                        "INSERT INTO vals VALUES (?, ?, ?, ?)",
                        (ids[f.sha256], code, _plain(value), sub.cells.get(code)),
                    )
    for f in result.findings:
        conn.execute(
            "INSERT INTO findings VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (f.file, f.unit, f.code, f.severity, f.sheet, f.cell, f.indicator, _plain(f.value), render(f, catalog)[0]),
        )
    for code, t in result.totals.items():
        conn.execute(
            "INSERT INTO totals VALUES (1, ?, ?, ?, ?, ?, ?, ?)",
            (code, _plain(t.value), t.units, t.eligible, t.bloc, t.complete, t.qualifier),
        )
    conn.execute("INSERT INTO periods VALUES (?, 1)", (result.period.key,))
    conn.execute("PRAGMA user_version = 1")
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute("COMMIT")
    conn.execute("VACUUM")
    conn.close()
    return target


if __name__ == "__main__":
    print(build())
