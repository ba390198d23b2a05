"""Aggregation methods: the extension point for how an indicator becomes a bloc-wide figure.

A method is one class (see :mod:`consolidate.aggregations.base`); the catalog's ``aggregate:``
names it. Register a new one with :func:`register` before loading a catalog that uses it.
:func:`check_method` refuses a class that lacks a part, so a method can never be half-declared
(and a column can never silently disappear from the summary).
"""

from __future__ import annotations

from consolidate.aggregations.base import Context, Method, MethodShape, Part, Total
from consolidate.aggregations.methods import BUILTIN

__all__ = [
    "Context",
    "Method",
    "MethodShape",
    "Part",
    "Total",
    "check_method",
    "get",
    "methods",
    "register",
    "require",
    "unregister",
]

_METHODS: dict[str, Method] = {}


def check_method(cls: type[Method]) -> None:
    """Raise TypeError unless ``cls`` declares every part of an aggregation method: a name, a
    Shape with ``method: Literal[name]``, and — for a method that makes a total — the total, its
    per-unit column formula and its note."""
    problems = []
    if not cls.name:
        problems.append("name")
    if cls.Shape is MethodShape or cls.Shape.model_fields["method"].annotation is str:
        problems.append("Shape (with method: Literal[name])")
    if cls.template not in ("input", "text", "formula", "omitted"):
        problems.append("template (input, text, formula or omitted)")
    if cls.total is not Method.total:
        if cls.note is Method.note:
            problems.append("note")
        if cls.per_unit and cls.column_formula is Method.column_formula:
            problems.append("column_formula (or per_unit = False)")
    if cls.template == "formula" and cls.template_formula is Method.template_formula:
        problems.append("template_formula")
    if problems:
        raise TypeError(f"aggregation method {cls.__name__} lacks: {', '.join(problems)}")


def register(cls: type[Method]) -> type[Method]:
    """Add a method (usable as a class decorator); a method of the same name is replaced."""
    check_method(cls)
    _METHODS[cls.name] = cls()
    return cls


def unregister(name: str) -> None:
    """Remove a registered extension (built-ins included; tests use it to clean up)."""
    _METHODS.pop(name, None)


def get(name: str) -> Method | None:
    return _METHODS.get(name)


def require(name: str) -> Method:
    """The method ``name`` where it must be registered (a loaded catalog names only registered methods)."""
    method = _METHODS.get(name)
    assert method is not None, f"aggregation method {name!r} is not registered"
    return method


def methods() -> tuple[Method, ...]:
    return tuple(_METHODS.values())


for _cls in BUILTIN:
    register(_cls)
