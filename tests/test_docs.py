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
