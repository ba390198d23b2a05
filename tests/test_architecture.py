"""The shape of the package: the import-linter contracts hold, libraries have one owner, modules
stay small and documented, and the light commands stay light.

The layering itself lives in pyproject.toml ([tool.importlinter]); this file runs it and checks
what import-linter cannot: which module may import a heavy library, module sizes, docstrings, and
that the README's architecture paragraph names every package.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "consolidate"
MODULES = sorted(PACKAGE.rglob("*.py"))

# Only modules under these prefixes may import these libraries (at any level).
OWNERS = {
    "yaml": ("catalog.",),
    "pandera": ("checks.validate",),
    "python_calamine": ("ingest.book", "catalog.units"),
    "openpyxl": ("outputs.feedback", "pipeline.previous"),
    "xlsxwriter": ("outputs.summary.", "outputs.trends", "issue.template"),
    "docx": ("outputs.report.", "outputs.letters.", "outputs.wordparts"),
    "sqlite3": ("history.",),
}


def _name(path: Path) -> str:
    return ".".join(path.relative_to(PACKAGE).with_suffix("").parts)


def _imports(path: Path, top_level_only: bool) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes = tree.body if top_level_only else list(ast.walk(tree))
    out = set()
    for node in nodes:
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.add(node.module)
    return out


def test_import_contracts_hold():
    lint = Path(sys.executable).parent / "lint-imports"
    out = subprocess.run([str(lint), "--no-cache"], capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout[-3000:]
    assert "0 broken" in out.stdout


def test_libraries_have_one_owner():
    for path in MODULES:
        used = {name.split(".")[0] for name in _imports(path, top_level_only=False)}
        for lib, owners in OWNERS.items():
            if lib in used:
                assert _name(path).startswith(owners), f"{_name(path)} imports {lib}; only {owners} may"


def test_cli_has_no_heavy_imports_at_module_level():
    heavy = {"pandas", "pandera", "openpyxl", "xlsxwriter", "python_calamine", "numpy", "docx"}
    for path in (PACKAGE / "cli").glob("*.py"):
        assert not ({n.split(".")[0] for n in _imports(path, top_level_only=True)} & heavy), path.name


def test_help_does_not_load_pandas():
    code = (
        "import sys; from consolidate.cli import cli\n"
        "try:\n    cli(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in ('pandas', 'pandera', 'openpyxl', 'xlsxwriter') if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}  # about imports: cli() itself, without main()'s stream set-up
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert out.stdout.strip().splitlines()[-1] == "[]"


def test_modules_are_small_and_documented():
    for path in MODULES:
        text = path.read_text(encoding="utf-8")
        assert text.count("\n") <= 400, f"{_name(path)} has {text.count(chr(10))} lines"
        assert ast.get_docstring(ast.parse(text)), f"{_name(path)} has no module docstring"


def test_no_star_imports():
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        assert not any(isinstance(n, ast.ImportFrom) and any(a.name == "*" for a in n.names) for n in ast.walk(tree))


def test_public_api_resolves_lazily():
    code = (
        "import sys, consolidate\nlight = not any(m in sys.modules for m in ('pandas', 'xlsxwriter', 'openpyxl'))\n"
        "missing = [n for n in consolidate.__all__ if getattr(consolidate, n, None) is None]\n"
        "print(light, missing)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True []"


def test_readme_names_every_package():
    """The README's architecture paragraph has one line per package, and no package is unnamed."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    packages = sorted(
        p.parent.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("__init__.py") if p.parent != PACKAGE
    )
    for package in packages:
        assert f"`{package}/`" in readme, f"README does not name consolidate/{package}/"


def test_no_code_knows_todays_forms_or_indicators():
    """A form the office writes later works like today's: no string in the code (docstrings and
    comments aside) names one of the shipped forms, indicators or rules."""
    from consolidate.catalog.loader import load_catalog

    catalog = load_catalog()
    names = {f.id for f in catalog.forms.values()} | set(catalog.rule_index)
    names |= {c for f in catalog.forms.values() for c in f.indicators if len(c) > 3}
    found = []
    for path in MODULES:
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and n.body
            and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                words = set(re.findall(r"[A-Za-z0-9_-]+", node.value))
                found += [f"{_name(path)}:{node.lineno}: {w}" for w in sorted(words & names)]
    assert found == []
