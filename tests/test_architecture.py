"""Keep the arrows pointing one way and heavy imports out of the light commands.

Walks the package with ``ast``: which module may import what, module sizes, docstrings; and runs
a fresh interpreter to prove ``consolidate --help`` loads neither pandas nor pandera.
"""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "consolidate"
MODULES = sorted(p for p in PACKAGE.glob("*.py"))

# Only these modules may import these libraries (at any level).
OWNERS = {
    "yaml": {"catalog"},
    "pandera": {"validate"},
    "python_calamine": {"book"},
    "openpyxl": {"feedback", "compare"},
}
# Modules that are the foundation: they never import the pipeline or the outputs.
FOUNDATION = {"vnnumbers", "model", "catalog", "layout", "findings", "codes", "periods", "submission", "cells",
              "guard", "xmlscan", "datasheet", "book"}
UPPER = {"cli", "actions", "merge", "summary", "summary_totals", "summary_units", "summary_lists", "summary_charts",
         "report", "feedback", "terminal", "status"}


def _imports(path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            out |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                out |= {("." + (node.module or "")).split(".")[1] or a.name for a in node.names} \
                    if node.module else {a.name for a in node.names}
            elif node.module:
                out.add(node.module.split(".")[0])
    return out


def test_libraries_have_one_owner():
    for path in MODULES:
        used = _imports(path, top_level_only=False)
        for lib, owners in OWNERS.items():
            if lib in used:
                assert path.stem in owners, f"{path.name} imports {lib}; only {owners} may"


def test_foundation_never_imports_the_pipeline():
    for path in MODULES:
        if path.stem in FOUNDATION:
            bad = _imports(path, top_level_only=False) & UPPER
            assert not bad, f"{path.name} imports {bad}"


def test_cli_has_no_heavy_imports_at_module_level():
    heavy = {"pandas", "pandera", "openpyxl", "xlsxwriter", "python_calamine", "numpy", "docx", "merge", "summary"}
    assert not (_imports(PACKAGE / "cli.py", top_level_only=True) & heavy)


def test_help_does_not_load_pandas():
    code = ("import sys; from consolidate.cli import cli\n"
            "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
            "print(sorted(m for m in ('pandas', 'pandera', 'openpyxl', 'xlsxwriter') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_modules_are_small_and_documented():
    for path in MODULES:
        lines = path.read_text(encoding="utf-8").count("\n")
        assert lines <= 400, f"{path.name} has {lines} lines"
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert ast.get_docstring(tree), f"{path.name} has no module docstring"


def test_no_star_imports():
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not any(isinstance(n, ast.ImportFrom) and any(a.name == "*" for a in n.names) for n in ast.walk(tree))


def test_public_api_resolves_lazily():
    code = ("import sys, consolidate\nlight = not any(m in sys.modules for m in ('pandas', 'xlsxwriter', 'openpyxl'))\n"
            "missing = [n for n in consolidate.__all__ if getattr(consolidate, n, None) is None]\n"
            "print(light, missing)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True []"
