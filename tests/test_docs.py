"""The documentation cannot drift: the generated references (commands, API, finding codes, the
catalog's JSON Schema) equal what the code generates now, and the README names every command."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest

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


PLACES = re.compile(
    r"Chỗ trống dùng được trong `message`/`fix`(?: của `(\w+)`)?: (.*?)(?:; với `explainable: true` thêm (.*?))?\.$"
)


def _guide_placeholders() -> dict[str, tuple[set[str], set[str]]]:
    """Rule kind, outliers or period_rules → (the placeholders the guide lists, those it adds with
    explainable: true)."""
    listed, heading = {}, ""
    for line in (ROOT / "docs" / "viet-bieu-mau.md").read_text(encoding="utf-8").splitlines():
        if line.startswith("### `"):
            heading = line.split("`")[1]
        found = PLACES.search(line)
        if found:
            names = [set(re.findall(r"\{(\w+)\}", group or "")) for group in found.group(2, 3)]
            listed[found.group(1) or heading] = (names[0], names[1])
    return listed


def test_the_guide_lists_exactly_the_placeholders_the_catalog_accepts(tmp_path):
    """For each rule kind, outliers and period rules (explainable or not, when they can be): a
    message naming every placeholder the guide lists loads, and one naming anything else is refused
    with exactly the guide's list as what may be used."""
    import shutil

    import yaml

    from consolidate import rules
    from consolidate.catalog import shapes
    from consolidate.catalog.loader import CatalogError, default_schema_dir, load_catalog

    listed = _guide_placeholders()
    models = {k.name: type(k).Shape for k in rules.kinds()}
    models |= {"outliers": shapes.OutlierShape, "period_rules": shapes.PeriodRuleShape}
    assert set(listed) == set(models)
    source = yaml.safe_load((default_schema_dir() / "forms" / "bc_tccs.yaml").read_text(encoding="utf-8"))
    where = {r["kind"]: ("rules", n) for n, r in reversed(list(enumerate(source["rules"])))}
    where |= {"outliers": ("outliers", 0), "period_rules": ("period_rules", 0)}
    assert set(where) == set(models), "schemas/forms/bc_tccs.yaml has a rule of each kind"
    for name, (plain, more) in sorted(listed.items()):
        key, index = where[name]
        for explainable in (False, True) if "explainable" in models[name].model_fields else (None,):
            names = plain | more if explainable else plain
            for extra in ((), ("khong_co",)):
                form = yaml.safe_load(yaml.safe_dump(source, allow_unicode=True))
                check = form[key][index]
                if explainable is not None:
                    check["explainable"] = explainable
                check["message"] = " ".join(f"{{{p}}}" for p in [*sorted(names), *extra])
                check["fix"] = "Sửa ô {cell}."
                for lang in ("message_en", "fix_en"):
                    check.pop(lang, None)
                schemas = tmp_path / f"{name}-{explainable}-{len(extra)}"
                shutil.copytree(default_schema_dir(), schemas)
                (schemas / "forms" / "bc_tccs.yaml").write_text(
                    yaml.safe_dump(form, allow_unicode=True), encoding="utf-8"
                )
                if not extra:
                    load_catalog(schemas)  # every placeholder listed is accepted
                    continue
                with pytest.raises(CatalogError) as err:
                    load_catalog(schemas)
                use = err.value.text("en").partition("; use: ")[2]
                assert set(re.findall(r"\{(\w+)\}", use)) == names, (name, explainable)  # and nothing else
