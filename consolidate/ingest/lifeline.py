"""Worker processes never outlive the process that started them, however it ends.

A merge killed outright (SIGKILL, a closed terminal, Task Manager's "End task") runs no clean-up:
its reading workers, blocked on a queue nobody reads any more, would otherwise live on for ever.
:func:`watch_parent`, called first thing in every worker, starts a daemon thread that ends the
worker as soon as its parent is gone. Two signals, either suffices:

- the parent's sentinel from :func:`multiprocessing.parent_process` (a process handle on Windows,
  a pipe on POSIX) becomes ready when the parent ends;
- on POSIX, the parent process id changes (an orphan is adopted by init or a subreaper). Under
  ``fork`` a worker started later inherits its elder siblings' ends of their sentinel pipes, so
  the sentinel alone could wait on a sibling; the parent id cannot.

The worker then exits at once (``os._exit``): it holds nothing that needs flushing.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from multiprocessing.connection import wait

POLL_SECONDS = 0.5
ORPHAN_EXIT = 75  # what an orphaned worker exits with (nobody is left to read it)

_started = False


def watch_parent(poll: float = POLL_SECONDS) -> None:
    """End this process within ``poll`` seconds of its parent's end (idempotent)."""
    global _started
    if _started:
        return
    parent = multiprocessing.parent_process()
    ppid = os.getppid() if os.name == "posix" else None
    if parent is None and ppid is None:
        return
    _started = True
    threading.Thread(target=_watch, args=(parent, ppid, poll), name="consolidate-lifeline", daemon=True).start()


def _watch(parent, ppid: int | None, poll: float) -> None:
    sentinel = parent.sentinel if parent is not None else None
    while True:
        if sentinel is not None:
            try:
                gone = bool(wait([sentinel], poll))
            except (OSError, ValueError):  # the sentinel was closed under us: rely on the parent id
                sentinel, gone = None, False
        else:
            gone = False
            time.sleep(poll)
        if gone or (ppid is not None and os.getppid() != ppid):
            os._exit(ORPHAN_EXIT)
