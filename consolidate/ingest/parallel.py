"""Read many files, in worker processes when there are enough of them to pay for the workers.

Workers receive the catalog once (pool initializer, pickled: workers may be *spawned*, as they
always are on Windows and macOS) and return compact Submission records in chunks, so
inter-process traffic stays small. ``CONSOLIDATE_START_METHOD`` (spawn, fork, forkserver) picks
how workers start; by default, the platform's way. Every worker ends itself when the process that
started it is gone (:mod:`~consolidate.ingest.lifeline`), so a merge killed outright leaves no
worker behind.

``concurrent.futures`` is used rather than ``multiprocessing.Pool`` because a worker killed by the
system (memory, a native abort) then raises ``BrokenProcessPool`` instead of hanging forever. The
files of every chunk that did not come back are then re-read one at a time, each in a process of
its own: the file that kills its process is reported (F110) and every other file is read normally.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool

from consolidate.core.findings import ERROR, Finding
from consolidate.core.model import Catalog
from consolidate.core.submission import FileInfo, Submission
from consolidate.ingest.inbox import Entry
from consolidate.ingest.lifeline import watch_parent
from consolidate.ingest.reader import read_submission

CRASHED = {
    "vi": "tiến trình đọc tệp bị dừng đột ngột khi đọc tệp này",
    "en": "the reader process stopped abruptly on this file",
}

PARALLEL_THRESHOLD = 48  # below this, starting workers costs more than it saves
CHUNK = 64
START_METHOD_ENV = "CONSOLIDATE_START_METHOD"

_catalog: Catalog | None = None
_read: Callable[..., Submission] = read_submission


def _init(catalog: Catalog, read: Callable[..., Submission] = read_submission) -> None:
    """A worker's first step: end with the parent, keep the catalog and the reader it is sent."""
    global _catalog, _read
    watch_parent()
    _catalog, _read = catalog, read


Item = tuple[str, str, str | None, str]  # (path, display, zip member, received)


def _read_chunk(chunk: list[Item]) -> list[Submission]:
    assert _catalog is not None  # set by _init in every worker
    return [_read(path, _catalog, display, member, received) for path, display, member, received in chunk]


def mp_context() -> multiprocessing.context.BaseContext:
    """How workers start: ``CONSOLIDATE_START_METHOD`` when it names a method this platform has,
    else the platform's default (spawn on Windows and macOS, fork on Linux before Python 3.14)."""
    method = os.environ.get(START_METHOD_ENV, "").strip().lower()
    if method in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context(method)
    return multiprocessing.get_context()


def _pool(workers: int, catalog: Catalog) -> ProcessPoolExecutor:
    # the reader is looked up when the pool starts, so a test can replace it in spawned workers too
    return ProcessPoolExecutor(
        max_workers=workers, mp_context=mp_context(), initializer=_init, initargs=(catalog, read_submission)
    )


def default_workers() -> int:
    return max(1, min(os.cpu_count() or 1, 8))


class Reading:
    """Files being read: started by :func:`start_reading`, collected by :meth:`result`.

    Starting returns at once, so the caller can do other work (the merge imports pandas and
    pandera) while the workers read."""

    def __init__(self, entries: Sequence[Entry], catalog: Catalog, workers: int):
        self.catalog = catalog
        self.entries = list(entries)
        self.chunks = [
            [(str(e.path), e.display, e.member, e.received) for e in self.entries[i : i + CHUNK]]
            for i in range(0, len(self.entries), CHUNK)
        ]
        self.pool = None
        self.futures = []
        self.parallel = False
        if workers > 1 and len(self.entries) >= PARALLEL_THRESHOLD:
            self.pool = _pool(workers, catalog)
            try:
                self.futures = [self.pool.submit(_read_chunk, chunk) for chunk in self.chunks]
                self.parallel = True
            except BrokenProcessPool:
                self.futures = []

    def result(self, progress: Callable[[int, int], None] | None = None) -> list[Submission]:
        """Submissions in the order of the entries."""
        if self.pool is None:
            out: list[Submission] = []
            for e in self.entries:
                out.append(read_submission(e.path, self.catalog, e.display, e.member, e.received))
                if progress:
                    progress(1, len(self.entries))
            return _share_layouts(out)
        results: list[list[Submission] | None] = [None] * len(self.chunks)
        try:
            for i, future in enumerate(self.futures):
                try:
                    results[i] = future.result()
                except BrokenProcessPool:
                    continue
                if progress:
                    progress(len(self.chunks[i]), len(self.entries))
        finally:
            self.pool.shutdown(wait=True, cancel_futures=True)
        out = []
        for i, chunk in enumerate(self.chunks):
            subs = results[i]
            if subs is None:  # the pool broke: each file of this chunk in a process of its own
                subs = [read_isolated(item, self.catalog) for item in chunk]
                if progress:
                    progress(len(chunk), len(self.entries))
            out.extend(subs)
        return _share_layouts(out)


def start_reading(entries: Sequence[Entry], catalog: Catalog, workers: int | None = None) -> Reading:
    return Reading(entries, catalog, default_workers() if workers is None else workers)


def read_many(
    entries: Sequence[Entry],
    catalog: Catalog,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Submission]:
    """Submissions in the order of ``entries``."""
    return start_reading(entries, catalog, workers).result(progress)


def _share_layouts(subs: list[Submission]) -> list[Submission]:
    """Reports made from one template have identical code → cell maps: keep one copy of each, so
    50,000 reports hold 50,000 value dicts but only a handful of layouts."""
    layouts: dict[tuple, dict[str, str]] = {}
    for sub in subs:
        key = tuple(sub.cells.items())
        sub.cells = layouts.setdefault(key, sub.cells)
    return subs


def read_isolated(item: Item, catalog: Catalog) -> Submission:
    """Read one file (path, display, member, received) in a fresh process; a process that dies
    becomes a finding on the file."""
    try:
        with _pool(1, catalog) as pool:
            return pool.submit(_read_chunk, [item]).result()[0]
    except BrokenProcessPool:
        display = item[1]
        sub = Submission(FileInfo(display, received=item[3]), readable=False)
        sub.findings.append(Finding("F110", ERROR, file=display, params={"detail": CRASHED}))
        return sub
