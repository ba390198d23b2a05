"""YAML values with their file and key path, so every catalog error says exactly where it is.

The catalog loader wraps each parsed YAML value in a :class:`Node`; asking a node for a key, a
list, a number or text either returns it or raises :class:`CatalogError` naming the file and the
key path ("forms/bc_tccs.yaml: sections[1].indicators[4].type: unknown type 'number'").
"""

from __future__ import annotations

from typing import Any

from consolidate.core.errors import CatalogError
from consolidate.core.model import Texts




class Node:
    """A YAML value with the file and key path it came from, for precise errors."""

    def __init__(self, value: Any, file: str, path: str = ""):
        self.value, self.file, self.path = value, file, path

    def fail(self, message: str) -> CatalogError:
        return CatalogError(self.file, self.path, message)

    def _child(self, key: str | int, value: Any) -> "Node":
        path = f"{self.path}[{key}]" if isinstance(key, int) else (f"{self.path}.{key}" if self.path else key)
        return Node(value, self.file, path)

    def mapping(self, allowed: set[str] | None = None) -> dict[str, Any]:
        if not isinstance(self.value, dict):
            raise self.fail("expected a mapping")
        if allowed is not None:
            extra = sorted(set(map(str, self.value)) - allowed)
            if extra:
                raise self._child(extra[0], None).fail(
                    f"unknown key (allowed: {', '.join(sorted(allowed))}); a comma in an unquoted label splits it")
        return self.value

    def get(self, key: str, default: Any = ..., ) -> "Node":
        data = self.mapping()
        if key not in data or data[key] is None:
            if default is ...:
                raise self._child(key, None).fail("is required")
            return self._child(key, default)
        return self._child(key, data[key])

    def items(self) -> list[tuple[str, "Node"]]:
        return [(str(k), self._child(str(k), v)) for k, v in self.mapping().items()]

    def list(self) -> list["Node"]:
        if not isinstance(self.value, list):
            raise self.fail("expected a list")
        return [self._child(i, v) for i, v in enumerate(self.value)]

    def str(self) -> str:
        if isinstance(self.value, bool) or not isinstance(self.value, (str, int, float)):
            raise self.fail("expected text")
        return str(self.value).strip()

    def num(self) -> float | None:
        if self.value is None:
            return None
        if isinstance(self.value, bool) or not isinstance(self.value, (int, float)):
            raise self.fail("expected a number")
        return float(self.value)

    def int(self) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            raise self.fail("expected a whole number")
        return self.value

    def bool(self) -> bool:
        if not isinstance(self.value, bool):
            raise self.fail("expected true or false")
        return self.value

    def strs(self) -> tuple[str, ...]:
        return tuple(n.str() for n in self.list())


def texts(node: Node) -> Texts:
    vi = {k: node.get(k).str() for k in ("title", "message", "fix")}
    en = {k: node.get(f"{k}_en", vi[k]).str() for k in ("title", "message", "fix")}
    return Texts(vi["title"], en["title"], vi["message"], en["message"], vi["fix"], en["fix"])


def severity(node: Node) -> str:
    """A rule's ``severity``: error or warning."""
    value = node.get("severity").str()
    if value not in ("error", "warning"):
        raise node.get("severity").fail("severity is 'error' or 'warning'")
    return value
