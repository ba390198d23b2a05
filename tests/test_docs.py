"""The documentation cannot drift: the generated references (commands, API, finding codes, the
catalog's JSON Schema) equal what the code generates now, and the README names every command."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from consolidate.cli import cli

ROOT = Path(__file__).resolve().parent.parent


def _generator():
    spec = importlib.util.spec_from_file_location("docs_generate", ROOT / "docs" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generated_references_are_fresh():
    stale = _generator().stale()
    assert not stale, f"run `python docs/generate.py`: stale {[str(p.relative_to(ROOT)) for p in stale]}"


def test_every_command_is_documented_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert re.search(rf"`consolidate {name}\b", readme), f"README does not document `consolidate {name}`"


def test_every_command_and_option_has_help():
    for name, command in cli.commands.items():
        assert command.help, name
        for param in command.params:
            if param.param_type_name == "option":
                assert param.help, f"{name} {param.opts}"


def _vietnamese_guide() -> str:
    """The README's quick guide for the office: from its heading to the next level-2 heading that
    is not part of it (its Windows subsection and the catalog guide belong to it)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    start = readme.index("## Hướng dẫn nhanh cho Văn phòng Đảng ủy Khối")
    end = readme.index("\n## Commands", start)
    return readme[start:end]


def test_the_vietnamese_guide_covers_every_command_and_option():
    guide = _vietnamese_guide()
    for name, command in cli.commands.items():
        assert re.search(rf"consolidate {name}\b", guide), f"the quick guide never shows `consolidate {name}`"
        for param in command.params:
            long = [o for o in param.opts if o.startswith("--")]
            if param.param_type_name == "option" and long and long[0] not in ("--help", "--output"):
                assert long[0] in guide, f"the quick guide does not explain `{name} {long[0]}`"


def test_the_readme_shows_what_merge_really_prints(tmp_path, monkeypatch):
    from conftest import SAMPLES, run_cli

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"```text\n\$ consolidate merge samples/inbox\n(.*?)```", readme, re.S)
    assert shown, "README: the example run of `consolidate merge samples/inbox`"
    monkeypatch.chdir(tmp_path)
    result = run_cli("merge", str(SAMPLES))
    assert result.stdout.replace(str(SAMPLES), "samples/inbox") == shown.group(1)
