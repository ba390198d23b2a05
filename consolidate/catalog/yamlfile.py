"""Read one catalog YAML file: the only place YAML is parsed.

PyYAML keeps the last of two equal keys in a mapping without a word, so ``unit: học viên`` and
``unit: người`` in one indicator would load as ``người``. The loader here refuses that: a key given
twice in one mapping is a :class:`~consolidate.core.errors.CatalogError` naming the file, the line
and the key. It is libyaml's loader (``CSafeLoader``, ~10x faster than the pure-Python one, shipped
in PyYAML wheels) with one more check when a mapping is built; merge keys (``<<``) may still
override what they merge.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from consolidate.catalog.units import decode
from consolidate.core.errors import CatalogError

_BASE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # Any: the C loader has no stubs
_MERGE = "tag:yaml.org,2002:merge"


class DuplicateKey(yaml.YAMLError):
    """A key given twice in one mapping: ``line`` of the second, ``first`` of the first (1-based)."""

    def __init__(self, key: Any, line: int, first: int):
        super().__init__(f"duplicate key {key!r} on line {line} (first on line {first})")
        self.key, self.line, self.first = key, line, first


class StrictLoader(_BASE):  # type: ignore[misc]
    """The safe loader, refusing a key given twice in one mapping."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or key_node.tag == _MERGE:
                continue
            key = self.construct_object(key_node, deep=deep)  # cached: built once
            line = key_node.start_mark.line + 1
            if key in seen:
                raise DuplicateKey(key, line, seen[key])
            seen[key] = line
        mapping: dict[Any, Any] = super().construct_mapping(node, deep)
        return mapping


def _en(vi: str, en: str) -> dict[str, str]:
    return {"vi": vi, "en": en}


def read_yaml(root: Path, name: str) -> Any:
    """The parsed content of ``root/name`` (``name`` as the error messages show it)."""
    path = root / name
    try:
        text = decode(path.read_bytes())
    except FileNotFoundError:
        raise CatalogError(name, "", _en(f"không có tệp này trong {root}", f"file not found in {root}")) from None
    except OSError as exc:
        raise CatalogError(name, "", _en(f"không đọc được: {exc}", f"cannot be read: {exc}")) from None
    try:
        return yaml.load(text, Loader=StrictLoader)
    except DuplicateKey as exc:
        raise CatalogError(
            name,
            _en(f"dòng {exc.line}", f"line {exc.line}"),
            _en(
                f"khóa “{exc.key}” ghi hai lần trong cùng một bảng khóa (lần đầu ở dòng {exc.first}); giữ lại một",
                f"key {exc.key!r} is given twice in the same mapping (first on line {exc.first}); keep one",
            ),
        ) from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = _en(f"dòng {mark.line + 1}", f"line {mark.line + 1}") if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise CatalogError(
            name, where, _en(f"không đúng cú pháp YAML: {problem}", f"not valid YAML: {problem}")
        ) from None
