"""File names and paths every Windows PC accepts.

The office's PC runs Windows, whatever machine a run happens on: every name the toolkit makes
(templates, feedback copies, reminders) is a name Windows can create, and two of them never
differ only by letter case (Windows sees "X.xlsx" and "x.xlsx" as one file, so the second would
overwrite the first).

- :func:`safe_name` drops the characters Windows forbids (``<>:"/\\|?*`` and control
  characters) and trailing dots and spaces, and steps around the reserved device names (CON,
  PRN, AUX, NUL, COM1…COM9, LPT1…LPT9, with any extension).
- :class:`NameSet` hands out names unique in one folder as Windows compares them.
- :func:`too_long` tells the paths Windows refuses unless long paths were enabled: more than
  259 characters (``MAX_PATH`` is 260 with the terminating NUL).
- :func:`ascii_words` turns a Vietnamese name into a plain-ASCII part of a file name ("Sở Tài
  chính" → "So-Tai-chinh"), which every file system, archive tool and e-mail client keeps intact.
"""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path, PurePosixPath

WINDOWS = os.name == "nt"
MAX_PATH = 260  # Windows' limit, the terminating NUL included: at most 259 characters are usable

_FORBIDDEN = re.compile(r'[<>:"/\\|?*\x00-\x1f]')
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"{kind}{n}" for kind in ("COM", "LPT") for n in (*"123456789", "¹", "²", "³")}
)


def safe_name(text: str, fallback: str = "_") -> str:
    """``text`` as one file or folder name Windows accepts (``fallback`` when nothing is left)."""
    name = _FORBIDDEN.sub("", text).rstrip(" .")
    if not name:
        return fallback
    if name.split(".", 1)[0].rstrip(" ").upper() in RESERVED:
        name = "_" + name
    return name


def safe_relative(path: str) -> str:
    """A relative path ("sub/DB05.xlsx", "/" between parts) with every part made safe."""
    return "/".join(safe_name(part) for part in PurePosixPath(path).parts if part not in ("", ".", ".."))


class NameSet:
    """The names given out in one folder; a name differing from one of them only by letter case
    (or only in the forbidden characters) becomes "name (2).ext", "name (3).ext" …"""

    def __init__(self) -> None:
        self._taken: set[str] = set()

    def claim(self, relative: str) -> str:
        """``relative`` (a name or a relative path with "/") made safe and unique; remembered."""
        wanted = safe_relative(relative)
        folder, _, name = wanted.rpartition("/")
        stem, dot, suffix = name.rpartition(".") if "." in name.lstrip(".") else (name, "", "")
        candidate, n = wanted, 1
        while candidate.casefold() in self._taken:
            n += 1
            candidate = f"{folder}/" * bool(folder) + f"{stem} ({n}){dot}{suffix}"
        self._taken.add(candidate.casefold())
        return candidate


def path_length(path: str | Path) -> int:
    """How many characters Windows counts for ``path`` (made absolute)."""
    return len(str(Path(path).absolute()))


def too_long(path: str | Path) -> bool:
    """True when Windows refuses ``path`` (unless long paths were enabled on the PC)."""
    return path_length(path) >= MAX_PATH


def ascii_words(text: str, limit: int = 40) -> str:
    """ "Sở Tài chính" → "So-Tai-chinh": diacritics dropped (đ → d), words joined by "-", at most
    ``limit`` characters, cut at a word's end."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    plain = "".join(ch for ch in folded if not unicodedata.combining(ch))
    words = re.findall(r"[A-Za-z0-9]+", plain)
    out = ""
    for word in words:
        candidate = f"{out}-{word}" if out else word
        if len(candidate) > limit:
            return out or word[:limit]
        out = candidate
    return out
