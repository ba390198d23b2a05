"""The public API: every example in consolidate.api's docstrings runs (doctest), and every command
of the CLI has its library call there."""

from __future__ import annotations

import doctest

import consolidate
from consolidate import api
from consolidate.cli import cli

from conftest import SAMPLES


def test_api_examples_run(tmp_path):
    globs = {"SAMPLES": SAMPLES, "OUT": tmp_path, "dt": __import__("datetime")}
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    tests = [t for t in finder.find(api, extraglobs=globs) if t.examples]
    assert len(tests) >= 9
    for test in tests:
        runner.run(test)
    result = runner.summarize(verbose=False)
    assert result.failed == 0, f"{result.failed} doctest example(s) failed"


def test_every_command_has_a_library_call():
    calls = {
        "template": api.template,
        "merge": api.merge,
        "validate": api.validate,
        "status": api.status,
        "codes": api.codebook,
        "receive": api.receive,
        "close": api.close,
        "reopen": api.reopen,
        "history": api.trends,
    }
    assert set(cli.commands) <= set(calls)
    for _name, fn in calls.items():
        assert fn.__doc__ and ">>>" in fn.__doc__, f"api.{fn.__name__} has no runnable example"


def test_package_exports_the_api():
    for name in api.__all__:
        assert getattr(consolidate, name) is getattr(api, name)
