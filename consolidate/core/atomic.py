"""Atomic file output: write to a temporary file beside the target, then rename over it.

An interrupted run leaves either the old file or the new one, never half of one.

Windows refuses to replace a file another program holds open (a summary open in Excel, a report
open in Word): the rename fails with ``PermissionError``. A run's result is never lost to that:
given a ``locked`` list, :func:`atomic_output` keeps the new file under the next free name beside
the target ("tong_hop_9T_2021 (2).xlsx") and records ``(target, kept)`` there for the caller to
tell the user; without one, the error names the target (not the temporary file).
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

MAX_COPIES = 999

Locked = tuple[Path, Path]  # (the file another program holds open, where the new one was kept)


class Output:
    """A file being written: write to ``tmp``; once the block is done, ``path`` is the file written."""

    def __init__(self, target: Path, tmp: Path):
        self.target, self.tmp, self.path = target, tmp, target


@contextlib.contextmanager
def atomic_output(target: str | Path, locked: list[Locked] | None = None) -> Iterator[Output]:
    """Yield an :class:`Output` whose ``tmp`` is in the target's folder; on success it replaces
    ``target`` (or, when ``target`` is held open and ``locked`` is given, the next free name)."""
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=target.suffix + ".tmp", dir=target.parent)
    except OSError as exc:  # a read-only folder, a path too long: name the target, not the temporary file
        raise type(exc)(exc.errno, exc.strerror, str(target)) from exc
    os.close(fd)
    out = Output(target, Path(name))
    try:
        yield out
        os.chmod(out.tmp, 0o666 & ~_umask())
        try:
            os.replace(out.tmp, target)
        except PermissionError as exc:
            if locked is None or not target.exists():
                raise PermissionError(exc.errno, exc.strerror, str(target)) from exc
            out.path = _keep_beside(out.tmp, target)
            locked.append((target, out.path))
    finally:
        if out.tmp.exists():
            out.tmp.unlink()


@contextlib.contextmanager
def atomic_path(target: str | Path) -> Iterator[Path]:
    """Yield a temporary path in the target's folder; on success it replaces ``target``."""
    with atomic_output(target) as out:
        yield out.tmp


def write_text_atomic(target: str | Path, text: str) -> Path:
    with atomic_path(target) as tmp:
        tmp.write_text(text, encoding="utf-8")
    return Path(target)


def free_name(target: Path) -> Path:
    """ "tong_hop.xlsx" → the first of "tong_hop (2).xlsx", "tong_hop (3).xlsx" … that does not exist."""
    for n in range(2, MAX_COPIES + 1):
        candidate = target.with_name(f"{target.stem} ({n}){target.suffix}")
        if not candidate.exists():
            return candidate
    raise FileExistsError(f"{MAX_COPIES} copies of {target} exist already")


def _keep_beside(tmp: Path, target: Path) -> Path:
    """Rename ``tmp`` to the next free name beside ``target``; the first free one that works."""
    for _ in range(MAX_COPIES):
        candidate = free_name(target)
        try:
            os.replace(tmp, candidate)
            return candidate
        except PermissionError:  # taken meanwhile by another program: the next one
            if not candidate.exists():
                raise
    raise FileExistsError(f"no free name beside {target}")


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current
