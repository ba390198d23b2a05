"""Times as people read them: the toolkit keeps moments in ISO UTC ("2021-10-05T09:00:00Z": the
history database, receipt times, files' own save stamps) and shows them in the computer's local
time with its offset ("05/10/2021 16:00:00 (UTC+07:00)"), so a clerk in Hà Nội reads the hour on
the office clock and a reader elsewhere still knows which moment it was. One function, used by
every message, sheet and terminal line that shows a time.
"""

from __future__ import annotations

import datetime as dt
import functools


def parse_moment(text: str | None) -> dt.datetime | None:
    """ISO text → an aware datetime (a text without a zone is taken as UTC); None when it is not one."""
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def shown_time(value: str | dt.datetime | None, missing: str = "?") -> str:
    """ "05/10/2021 16:00:00 (UTC+07:00)": the moment in the computer's local time with its offset;
    ``missing`` for nothing, and a text that is not a moment as it is."""
    if isinstance(value, str):
        return _shown_text(value, missing)
    return _shown(value, missing)


@functools.lru_cache(maxsize=4096)  # a status sheet of 10,000 files shows a few hundred distinct seconds
def _shown_text(value: str, missing: str) -> str:
    return _shown(value, missing)


def _shown(value: str | dt.datetime | None, missing: str) -> str:
    moment = value if isinstance(value, dt.datetime) else parse_moment(value)
    if moment is None:
        return value if isinstance(value, str) and value else missing
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    local = moment.astimezone()
    offset = local.utcoffset() or dt.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "−"
    hours, mins = divmod(abs(minutes), 60)
    return f"{local.strftime('%d/%m/%Y %H:%M:%S')} (UTC{sign}{hours:02d}:{mins:02d})"
