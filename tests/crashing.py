"""Readers that crash their worker process, for the tests of reading in workers.

They live in a module of their own (not in a test function) so that workers started with
``spawn`` can import them: what a worker is sent must pickle, and a function pickles by its
module and name.
"""

from __future__ import annotations

import os

from consolidate.ingest.reader import read_submission


def abort_on_db07(path, catalog, display=None, *args):
    """Read normally, except that DB07's file kills its process outright (as a native crash would)."""
    if "_DB07_" in str(display):
        import faulthandler

        faulthandler.disable()  # keep the simulated crash's dump off the log
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)
        os.abort()
    return read_submission(path, catalog, display, *args)
