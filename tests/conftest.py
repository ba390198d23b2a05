"""Shared fixtures: the catalog, the sample inbox, copies to break, and a cell editor.

Every path is found from this file's location, never from the working directory.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import settings

from consolidate.catalog.loader import load_catalog
from consolidate.cli import cli

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "inbox"
SAMPLES_6T = ROOT / "samples" / "inbox_6T_2021"  # the reporting cycle's other periods
SAMPLES_2020 = ROOT / "samples" / "inbox_9T_2020"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
sys.path.insert(0, str(ROOT / "samples"))  # sample tooling (fill.py) lives beside the samples

# CI explores the same examples every run (a random counterexample must never decide whether a
# change lands); locally, hypothesis explores freshly each time. .ci/run sets HYPOTHESIS_PROFILE=ci.
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))

# The seed's published figures (../shared/domain/000_4a2a9fd3916528dc.txt) under the codes.
SEED_TOTALS = {
    "so_tccs": 76,
    "so_dang_bo_co_so": 31,
    "so_chi_bo_co_so": 45,
    "so_chi_bo_truc_thuoc": 203,
    "dv_cuoi_ky": 3407,
    "ket_nap": 116,
    "chi_tieu_ket_nap_nam": 120,
    "ty_le_ket_nap": 96.67,
    "tcct_ket_luan": 598,
    "kl_dv_tong": 25,
    "kl_dv_khien_trach": 22,
    "kl_dv_canh_cao": 3,
    "kt_bch_ke_hoach": 12,
    "kt_bch_thuc_hien": 9,
    "ubkt_kh_kt_to_chuc_dang": 23,
    "llct_so_lop": 2,
    "llct_hoc_vien": 145,
    "doanh_thu": 4262000,
    "lao_dong_bq": 2931,
    "thu_nhap_bq": 10.0,
}


@pytest.fixture(autouse=True, scope="module")
def _module_history_db(tmp_path_factory):
    """Module-scoped fixtures that merge record into a database of their module, never the user's."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CONSOLIDATE_DB", str(tmp_path_factory.mktemp("db") / "lich_su.sqlite3"))
        yield


@pytest.fixture(autouse=True)
def history_db(tmp_path_factory, monkeypatch) -> Path:
    """Every test's merges record into a fresh history database of its own (CONSOLIDATE_DB), so no
    test writes into the user's default one and none sees another test's periods."""
    path = tmp_path_factory.mktemp("db") / "lich_su.sqlite3"
    monkeypatch.setenv("CONSOLIDATE_DB", str(path))
    return path


@pytest.fixture(scope="session")
def cycle(tmp_path_factory) -> dict:
    """The reporting cycle on the samples, merged into one history database: 9T-2020, 6T-2021 and
    9T-2021 (in that order, no path options). Read-only: copy ``db`` before changing it."""
    base = tmp_path_factory.mktemp("cycle")
    db = base / "lich_su.sqlite3"
    out: dict = {"base": base, "db": db}
    for key, inbox in (("9T-2020", SAMPLES_2020), ("6T-2021", SAMPLES_6T), ("9T-2021", SAMPLES)):
        summary = base / f"tong_hop_{key}.xlsx"
        extra = ["--report", str(base / "bao_cao.docx"), "--date", "06/10/2021"] if key == "9T-2021" else []
        result = run_cli("merge", str(inbox), "-o", str(summary), "--db", str(db), "--json", *extra)
        assert result.exit_code == 0, result.output[-2000:]
        out[key] = {"summary": summary, "json": json.loads(result.stdout)}
    return out


def copy_db(source: Path, target: Path) -> Path:
    """A copy of a history database (closed: its journal is already in the file) to change freely."""
    shutil.copyfile(source, target)
    return target


@pytest.fixture(scope="session")
def catalog():
    return load_catalog()


@pytest.fixture
def inbox(tmp_path) -> Path:
    """A private copy of the sample inbox, free to break."""
    target = tmp_path / "inbox"
    shutil.copytree(SAMPLES, target)
    return target


def unit_file(folder: Path, code: str) -> Path:
    """The workbook of unit ``code`` in ``folder``: issued files are named
    "<form>_<period>_<code>_<short name>.xlsx"."""
    return next(p for p in sorted(folder.glob("*.xlsx")) if code in p.stem.split("_"))


def unit_of(path: Path) -> str:
    """The unit code in an issued file's name ("BC-TCCS_9T-2021_DB02_So-Tai-chinh.xlsx" → "DB02")."""
    return path.stem.split("_")[2]


def set_cells(path: Path, values: dict[str, object], sheet: str = "Báo cáo") -> dict[str, str]:
    """Overwrite the value cells of indicators (found by Mã số) with openpyxl, as a clerk's Excel
    would; returns code → cell address."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    code_col = value_col = None
    addresses = {}
    for row in ws.iter_rows():
        for cell in row:
            if cell.value == "Mã số":
                code_col = cell.column
            if cell.value == "Số liệu":
                value_col = cell.column
        if code_col and value_col:
            break
    for row in ws.iter_rows():
        code = row[code_col - 1].value
        if code in values:
            target = ws.cell(row=row[0].row, column=value_col)
            target.value = values[code]
            addresses[code] = target.coordinate
    wb.save(path)
    missing = set(values) - set(addresses)
    assert not missing, f"codes not found in {path.name}: {missing}"
    return addresses


def docx_text(path: Path) -> str:
    """Every paragraph of a .docx, tables included (cell by cell), one per line."""
    import docx

    document = docx.Document(str(path))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                lines.extend(p.text for p in cell.paragraphs)
    return "\n".join(lines)


def letters(folder: Path) -> dict[str, str]:
    """Unit code → the text of its reminder letter ("nhac_<code>_<short name>.docx")."""
    return {p.stem.split("_")[1]: docx_text(p) for p in folder.glob("nhac_*.docx")}


def run_cli(*args: str, env: dict | None = None):
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False, prog_name="consolidate")


def merge_json(inbox: Path, out: Path, *extra: str):
    result = run_cli("merge", str(inbox), "-o", str(out), "--json", *extra)
    assert result.stdout, result.stderr
    return result, json.loads(result.stdout)


def technical_totals(path: Path) -> dict[str, object]:
    """Mã số → Tổng số in the indicator's own unit, from the summary's hidden "Kỹ thuật" sheet."""
    import openpyxl

    ws = openpyxl.load_workbook(path, data_only=True)["Kỹ thuật"]
    assert ws.sheet_state == "hidden"
    rows = ws.iter_rows(values_only=True)
    header = next(r for r in rows if "Mã số" in r)
    code, total = header.index("Mã số"), header.index("Tổng số")
    out = {}
    for r in rows:
        if r[0] == "Tệp":  # the files table follows the totals
            break
        if r[code]:
            out[r[code]] = r[total]
    return out


def printed_totals(path: Path, catalog) -> dict[str, dict[str, object]]:
    """Indicator code → {column heading: value} from the printed "Tổng hợp" sheet, rows found by
    their label; amounts shown in a larger money unit (tỷ đồng) converted back to the indicator's
    own unit, so they compare with `merge --json`."""
    import openpyxl

    from consolidate.core.money import magnitude_of

    labels: dict[str, str] = {}
    for form in catalog.forms.values():
        for ind in form.indicators.values():
            labels.setdefault(ind.label, ind.code)
    ws = openpyxl.load_workbook(path, data_only=True)["Tổng hợp"]
    rows = ws.iter_rows(values_only=True)
    header = next(r for r in rows if r and r[0] == "STT")
    out = {}
    for r in rows:
        if not isinstance(r[0], int) or r[1] not in labels:
            continue
        code = labels[r[1]]
        own = catalog.indicator(code).unit
        shift = (magnitude_of(r[2] or "") or 0) - (magnitude_of(own) or 0)
        values = dict(zip(header, r, strict=False))
        for name in list(values):
            scaled = name and any(word in name for word in ("Tổng số", "Cùng kỳ", "Tăng", "Quý"))
            if shift and scaled and isinstance(values[name], (int, float)):
                values[name] = values[name] * 10**shift
        out[code] = values
    return out
