"""Rule kinds: the extension point for cross-field rules.

A kind is one class (see :mod:`consolidate.rules.base`); the catalog's ``kind:`` names it.
Register a new one with :func:`register` before loading a catalog that uses it::

    from consolidate.rules import RuleKind, register

    @register
    class Positive(RuleKind):
        name = "positive"
        ...

:func:`check_kind` refuses a class that lacks a part, so a kind can never be half-declared.
"""

from __future__ import annotations

from consolidate.rules.base import Row, RuleKind, RuleShape, Violation
from consolidate.rules.kinds import BUILTIN

__all__ = [
    "Row",
    "RuleKind",
    "RuleShape",
    "Violation",
    "check_kind",
    "get",
    "kinds",
    "register",
    "require",
    "unregister",
]

_KINDS: dict[str, RuleKind] = {}
REQUIRED = ("fields", "passes", "violations")


def check_kind(cls: type[RuleKind]) -> None:
    """Raise TypeError unless ``cls`` declares every part of a rule kind."""
    problems = []
    if not cls.name:
        problems.append("name")
    shape = cls.Shape
    if shape is RuleShape or shape.model_fields["kind"].annotation is str:
        problems.append("Shape (with kind: Literal[name])")
    for method in REQUIRED:
        if getattr(cls, method) is getattr(RuleKind, method):
            problems.append(method)
    if problems:
        raise TypeError(f"rule kind {cls.__name__} lacks: {', '.join(problems)}")


def register(cls: type[RuleKind]) -> type[RuleKind]:
    """Add a rule kind (usable as a class decorator); a kind of the same name is replaced."""
    check_kind(cls)
    _KINDS[cls.name] = cls()
    return cls


def unregister(name: str) -> None:
    """Remove a registered extension (built-ins included; tests use it to clean up)."""
    _KINDS.pop(name, None)


def get(name: str) -> RuleKind | None:
    return _KINDS.get(name)


def require(name: str) -> RuleKind:
    """The kind ``name`` where it must be registered (a loaded catalog names only registered kinds)."""
    kind = _KINDS.get(name)
    assert kind is not None, f"rule kind {name!r} is not registered"
    return kind


def kinds() -> tuple[RuleKind, ...]:
    """Every registered kind, built-ins first."""
    return tuple(_KINDS.values())


for _cls in BUILTIN:
    register(_cls)
