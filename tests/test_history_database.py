"""The history database file: where it is, its migrations from the first schema version, and what
happens when it is not a database, is busy, or a merge dies half-way (consolidate/history/database.py)."""

from __future__ import annotations

import importlib.util
import json
import shutil
import signal
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from consolidate.catalog.loader import default_schema_dir, load_catalog
from consolidate.core.errors import HistoryError
from consolidate.history.database import Database, locate
from consolidate.history.schema import CURRENT

from conftest import FIXTURES, SAMPLES, SAMPLES_2020, run_cli, unit_file

V1 = FIXTURES / "history_v1.sqlite3"


def _small_inbox(folder: Path, codes=("DB01", "DB02", "CB07")) -> Path:
    folder.mkdir()
    for code in codes:
        shutil.copy(unit_file(SAMPLES, code), folder)
    return folder


def _schema(path: Path) -> dict[str, list[tuple]]:
    """Every table's and view's columns (name, type, not null, default, primary key)."""
    with sqlite3.connect(path) as conn:
        names = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type IN ('table', 'view')")]
        return {n: [tuple(c[1:]) for c in conn.execute(f"PRAGMA table_info({n})")] for n in sorted(names)}


# --- where ------------------------------------------------------------------------------------------


def test_the_default_is_the_catalogs_and_the_environment_or_db_override_it(monkeypatch, tmp_path):
    catalog = load_catalog()
    monkeypatch.delenv("CONSOLIDATE_DB")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    assert catalog.history_db == "~/consolidate/lich_su.sqlite3"
    assert locate(catalog) == tmp_path / "consolidate" / "lich_su.sqlite3"
    monkeypatch.setenv("CONSOLIDATE_DB", str(tmp_path / "env.sqlite3"))
    assert locate(catalog) == tmp_path / "env.sqlite3"
    assert locate(catalog, tmp_path / "option.sqlite3") == tmp_path / "option.sqlite3"
    assert locate(catalog, False) is None


def test_a_relative_path_in_bloc_yaml_is_taken_from_the_catalogs_folder(monkeypatch, tmp_path):
    schemas = tmp_path / "danh_muc"
    shutil.copytree(default_schema_dir(), schemas)
    bloc = schemas / "bloc.yaml"
    bloc.write_text(
        bloc.read_text(encoding="utf-8").replace("~/consolidate/lich_su.sqlite3", "du_lieu/lich_su.sqlite3"),
        encoding="utf-8",
    )
    monkeypatch.delenv("CONSOLIDATE_DB")
    monkeypatch.chdir(tmp_path)
    inbox = _small_inbox(tmp_path / "inbox")
    result = run_cli("merge", str(inbox), "-o", str(tmp_path / "o.xlsx"), "--schemas", str(schemas), "--json")
    assert json.loads(result.stdout)["history"]["database"] == str(schemas / "du_lieu" / "lich_su.sqlite3")
    assert (schemas / "du_lieu" / "lich_su.sqlite3").is_file()


def test_merge_writes_the_default_database_in_the_home_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("CONSOLIDATE_DB")
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.setenv("USERPROFILE", str(tmp_path))
    inbox = _small_inbox(tmp_path / "inbox")
    run_cli("merge", str(inbox), "-o", str(tmp_path / "o.xlsx"))
    assert (tmp_path / "consolidate" / "lich_su.sqlite3").is_file()


# --- migrations ---------------------------------------------------------------------------------------


def test_the_first_schema_version_is_migrated_with_its_figures_and_an_audit(tmp_path):
    db = tmp_path / "v1.sqlite3"
    shutil.copyfile(V1, db)
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == 1
        before = dict(conn.execute("SELECT indicator, value FROM totals").fetchall())
    trends = json.loads(run_cli("history", "--db", str(db), "--json", "--indicator", "dv_cuoi_ky").stdout)
    assert trends["periods"] == ["9T-2020"]
    assert trends["totals"]["9T-2020"] == {"dv_cuoi_ky": before["dv_cuoi_ky"]}
    assert sorted(trends["units"]) == ["CB07", "DB01", "DB02"]
    with Database(db) as database:
        assert database.version == CURRENT
    assert _schema(db) == _schema(_fresh(tmp_path / "fresh.sqlite3"))  # as if made by the current version
    audit = json.loads(run_cli("history", "--audit", "--json", "--db", str(db)).stdout)["audit"]
    assert [(e["action"], e["period"], e["by"], e["detail"]["migrated"]) for e in audit] == [
        ("merge", "9T-2020", "van_phong", 1)
    ]
    assert len(audit[0]["files"]) == 4
    # the migrated 9T-2020 is the same period last year of a 9T-2021 merge
    data = json.loads(run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "o.xlsx"), "--db", str(db), "--json").stdout)
    assert data["previous"]["period"] == "9T-2020" and data["history"]["recorded"]
    assert data["previous"]["totals"]["dv_cuoi_ky"] == before["dv_cuoi_ky"]


def _fresh(path: Path) -> Path:
    Database(path).close()
    return path


def test_the_fixture_is_what_version_1_wrote(tmp_path):
    """tests/make_history_v1.py still writes version 1's schema and the same merge (the figures
    themselves may follow later catalogs; the committed file keeps the ones it was built with)."""
    script = Path(__file__).resolve().parent / "make_history_v1.py"
    spec = importlib.util.spec_from_file_location("make_history_v1", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    rebuilt = module.build(tmp_path / "v1.sqlite3")
    assert _schema(rebuilt) == _schema(V1)
    query = "SELECT r.period, r.units_accepted, s.unit, s.status FROM runs r JOIN submissions s ON s.run_id = r.id"
    with sqlite3.connect(rebuilt) as a, sqlite3.connect(V1) as b:
        assert sorted(a.execute(query).fetchall()) == sorted(b.execute(query).fetchall())
        assert a.execute("PRAGMA user_version").fetchone() == b.execute("PRAGMA user_version").fetchone() == (1,)


# --- files that are not ours ------------------------------------------------------------------------


@pytest.mark.parametrize(
    "content,lang,message",
    [
        (
            b"not a database, just text " * 40,
            "vi",
            "Không dùng được cơ sở dữ liệu lịch sử “{path}”: tệp này không phải cơ sở dữ liệu (SQLite) hoặc đã bị "
            "hỏng. Hãy chỉ đúng tệp bằng --db, hoặc chép lại bản sao lưu\n",
        ),
        (
            b"not a database, just text " * 40,
            "en",
            "Cannot use the history database “{path}”: the file is not an (SQLite) database or is damaged. Point "
            "--db at the right file, or restore a backup\n",
        ),
        (
            "foreign",
            "vi",
            "Không dùng được cơ sở dữ liệu lịch sử “{path}”: đây là cơ sở dữ liệu của một chương trình khác, không "
            "phải của công cụ này\n",
        ),
        (
            "newer",
            "vi",
            "Không dùng được cơ sở dữ liệu lịch sử “{path}”: cơ sở dữ liệu do phiên bản mới hơn của công cụ tạo ra "
            f"(phiên bản cấu trúc 99, phiên bản này hiểu đến {CURRENT}); hãy cài phiên bản mới\n",
        ),
    ],
)
def test_a_file_that_is_not_our_database_stops_with_exit_2(tmp_path, content, lang, message):
    db = tmp_path / "lich_su.sqlite3"
    if content == "foreign":
        with sqlite3.connect(db) as conn:
            conn.execute("CREATE TABLE contacts (name TEXT)")
    elif content == "newer":
        _fresh(db)
        with sqlite3.connect(db) as conn:
            conn.execute("PRAGMA user_version = 99")
    else:
        db.write_bytes(content)
    before = db.read_bytes()
    for args in (["merge", str(SAMPLES), "-o", str(tmp_path / "o.xlsx")], ["history"], ["close", "9T-2021"]):
        result = run_cli(*args, "--db", str(db), "--lang", lang)
        assert result.exit_code == 2, args
        assert result.stderr == message.format(path=db), args
    assert db.read_bytes() == before and not (tmp_path / "o.xlsx").exists()


def test_a_folder_given_as_the_database_stops_with_exit_2(tmp_path):
    result = run_cli("history", "--db", str(tmp_path))
    assert result.exit_code == 2
    assert result.stderr.endswith("Lỗi: Giá trị không hợp lệ cho “--db”: cần một tệp.\n")
    with pytest.raises(HistoryError) as caught:
        Database(tmp_path)
    assert caught.value.reason == "db_is_folder"


# --- a merge killed, two merges at once -----------------------------------------------------------------

DYING = textwrap.dedent(
    """
    import os, signal, sys
    from consolidate.history import record

    rows = record._submissions

    def dying(result, run, ids):
        for n, row in enumerate(rows(result, run, ids)):
            if n == 2:  # half-way through the transaction: runs and files written, not committed
                os.kill(os.getpid(), signal.SIGKILL)
            yield row

    record._submissions = dying
    from consolidate.cli import main

    sys.argv = ["consolidate", *sys.argv[1:]]
    main()
    """
)


def _counts(db: Path) -> dict[str, int]:
    with sqlite3.connect(db) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {t: conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="SIGKILL is POSIX")
def test_a_merge_killed_in_its_transaction_leaves_the_database_as_it_was(tmp_path):
    db = tmp_path / "db.sqlite3"
    assert run_cli("merge", str(SAMPLES_2020), "-o", str(tmp_path / "a.xlsx"), "--db", str(db)).exit_code == 0
    before, history = _counts(db), run_cli("history", "--db", str(db), "--json").stdout
    inbox = _small_inbox(tmp_path / "inbox")
    script = tmp_path / "dying.py"
    script.write_text(DYING, encoding="utf-8")
    args = ["merge", str(inbox), "-o", str(tmp_path / "b.xlsx"), "--db", str(db)]
    killed = subprocess.run([sys.executable, str(script), *args], capture_output=True, text=True, timeout=300)
    assert killed.returncode == -signal.SIGKILL
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert _counts(db) == before
    assert run_cli("history", "--db", str(db), "--json").stdout == history
    again = json.loads(run_cli(*args, "--json").stdout)  # the database still works
    assert again["history"]["recorded"] and again["history"]["new_files"] == 3


def test_two_merges_started_together_both_end_cleanly(tmp_path):
    db = tmp_path / "db.sqlite3"
    inbox = _small_inbox(tmp_path / "inbox")
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "consolidate", "merge", str(inbox), "-o", str(tmp_path / f"o{n}.xlsx"), "--json"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env={**__import__("os").environ, "CONSOLIDATE_DB": str(db)},
        )
        for n in range(3)
    ]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [1, 1, 1], [err for _, err in outs]  # 73 units missing: exit 1
    assert all(err == "" for _, err in outs)
    states = sorted(
        (json.loads(out)["history"]["recorded"], json.loads(out)["history"]["unchanged"]) for out, _ in outs
    )
    assert states == [(False, True), (False, True), (True, False)]  # recorded once, never twice
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("SELECT count(*) FROM runs").fetchone()[0] == 1
        assert conn.execute("SELECT count(*) FROM files").fetchone()[0] == 3


def test_a_database_another_command_keeps_busy_stops_the_merge_with_a_message(tmp_path, monkeypatch):
    inbox, db = _small_inbox(tmp_path / "inbox"), tmp_path / "db.sqlite3"
    run_cli("merge", str(inbox), "-o", str(tmp_path / "a.xlsx"), "--db", str(db))
    shutil.copy(unit_file(SAMPLES, "CB08"), inbox)  # something new to record
    monkeypatch.setattr("consolidate.history.database.BUSY_SECONDS", 0.2)
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # another writer, taking its time
    try:
        result = run_cli("merge", str(inbox), "-o", str(tmp_path / "b.xlsx"), "--db", str(db))
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert result.exit_code == 2
    assert result.stderr == (
        f"Không dùng được cơ sở dữ liệu lịch sử “{db}”: cơ sở dữ liệu đang được một lệnh khác ghi (ví dụ một lần "
        "tổng hợp khác) quá lâu; hãy đợi lệnh đó xong rồi chạy lại\n"
    )
    again = run_cli("merge", str(inbox), "-o", str(tmp_path / "b.xlsx"), "--db", str(db), "--json")
    assert json.loads(again.stdout)["history"]["new_files"] == 1  # once free, the same merge records
