"""Times are kept in UTC and shown in the office's local time with its offset."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from consolidate.core.moments import parse_moment, shown_time


@pytest.fixture
def hanoi(monkeypatch):
    if not hasattr(time, "tzset"):
        pytest.skip("time.tzset is POSIX only")
    monkeypatch.setenv("TZ", "Asia/Ho_Chi_Minh")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_a_utc_moment_is_shown_on_the_office_clock(hanoi):
    assert shown_time("2021-10-05T09:00:00Z") == "05/10/2021 16:00:00 (UTC+07:00)"
    assert shown_time(dt.datetime(2021, 12, 31, 20, 30, tzinfo=dt.UTC)) == "01/01/2022 03:30:00 (UTC+07:00)"


def test_texts_that_are_no_moment_are_kept_and_nothing_is_a_question_mark(hanoi):
    assert shown_time(None) == "?" and shown_time("", missing="") == ""
    assert shown_time("hôm qua") == "hôm qua"
    assert parse_moment("2021-10-05T09:00:00") == dt.datetime(2021, 10, 5, 9, tzinfo=dt.UTC)  # no zone: UTC
