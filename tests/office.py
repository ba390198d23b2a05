"""LibreOffice as a real client: re-save workbooks the way a unit's computer would.

``resave`` runs ``soffice --headless --convert-to`` once for a batch of files, with a private user
profile (so parallel runs never share one). Tests that need it are skipped where LibreOffice is not
installed; CI installs it (.ci/run), so there they always run.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")

FILTERS = {
    "xlsx": "xlsx:Calc MS Excel 2007 XML",
    "xls": "xls:MS Excel 97",
    "ods": "ods:calc8",
    "pdf": "pdf",
}


def resave(paths: list[Path], fmt: str, out_dir: Path, recalculate: bool = True) -> list[Path]:
    """Open each file in LibreOffice Calc and save it as ``fmt`` into ``out_dir``; returns the new
    paths in the order given. Formulas are recalculated on load, as when a clerk opens the file."""
    assert SOFFICE is not None
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="lo-profile-") as profile:
        command = [
            SOFFICE,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            FILTERS[fmt],
            "--outdir",
            str(out_dir),
            *map(str, paths),
        ]
        subprocess.run(
            command,
            check=True,
            capture_output=True,
            timeout=300,
            env={"PATH": "/usr/bin:/bin", "HOME": profile, "LANG": "vi_VN.UTF-8", "SAL_USE_VCLPLUGIN": "svp"},
        )
    out = [out_dir / f"{p.stem}.{fmt}" for p in paths]
    missing = [p for p in out if not p.is_file()]
    assert not missing, f"LibreOffice did not write {missing}"
    return out
