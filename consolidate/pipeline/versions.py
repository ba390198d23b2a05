"""Which version of a report counts when a unit sent more than one.

Only files whose identity is certain compete (a file with a template or identity error is simply
rejected). Byte-identical copies count once: the others are *ignored* (I204). Of different files
for one unit and form, the order is, in this order of trust:

1. the order of receipt the history database keeps: a file is received when a merge first sees it
   or when ``consolidate receive`` registers it, and keeps that time however often it is merged
   again (a copy keeps its bytes, so its first receipt); the version received last counts;
2. for versions received together (first seen by the same merge) or without a database, the time
   each reached the inbox folder (its modification time there); a version that arrived at least
   :data:`MIN_GAP` seconds after every other one counts;
3. failing that, the "last saved" stamp the spreadsheet program wrote inside each file, when every
   version has one and they differ (.xls and .ods have none; LibreOffice may label local time as
   UTC, so it only breaks ties);
4. otherwise the versions cannot be ordered: none is counted, the unit is a *conflict* (I206)
   listed for the office, which removes the wrong file. Never a silent pick.

The bloc committee's own report is entered by the office: two different versions of it are always
a conflict (I206), its figures printed as "…", until the office keeps one.

Messages say which order decided and show the times compared; they never claim an order that was
not observed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from consolidate.core.findings import Finding
from consolidate.core.model import Catalog
from consolidate.core.moments import parse_moment, shown_time
from consolidate.core.periods import Period
from consolidate.core.submission import CONFLICT, IGNORED, SUPERSEDED, Submission

MIN_GAP = 1  # seconds between receipt times that order two versions


def pick_versions(catalog: Catalog, subs: list[Submission], period: Period | None) -> dict[int, str]:
    """Statuses (ignored, superseded, conflict) by ``id(sub)`` for the versions that do not count."""
    status: dict[int, str] = {}
    groups: dict[tuple[str, str], list[Submission]] = {}
    for s in sorted(subs, key=lambda s: s.path):
        if identified(s) and (period is None or s.period_key in (None, period.key)):
            groups.setdefault((s.form_id or "", s.unit_code or ""), []).append(s)
    for (form_id, _unit), members in groups.items():
        distinct = _drop_copies(members, status)
        if len(distinct) < 2:
            continue
        if catalog.forms[form_id].submitted_by == "bloc":
            _conflict(
                distinct,
                status,
                {
                    "vi": "hai bản khác nhau của số liệu cấp Khối",
                    "en": "two different versions of the bloc-level figures",
                },
            )
            continue
        winner, rule = _order(distinct)
        if winner is None:
            _conflict(distinct, status, rule)
            continue
        for s in distinct:
            if s is not winner:
                status[id(s)] = SUPERSEDED
                s.findings.append(
                    Finding(
                        "I205",
                        "warning",
                        file=s.path,
                        unit=s.unit_code,
                        params={"unit": s.unit_code, "other": winner.path, "rule": rule},
                    )
                )
    return status


def identified(s: Submission) -> bool:
    """Read, and sure whose report it is: identity errors (T3xx) keep a file out of the contest."""
    return (
        s.readable
        and bool(s.form_id)
        and bool(s.unit_code)
        and not any(f.is_error and f.code.startswith("T") for f in s.findings)
    )


def _drop_copies(members: list[Submission], status: dict[int, str]) -> list[Submission]:
    first_by_hash: dict[str, Submission] = {}
    distinct = []
    for s in members:
        if s.file.sha256 in first_by_hash:
            status[id(s)] = IGNORED
            s.findings.append(
                Finding(
                    "I204", "info", file=s.path, unit=s.unit_code, params={"other": first_by_hash[s.file.sha256].path}
                )
            )
        else:
            first_by_hash[s.file.sha256] = s
            distinct.append(s)
    return distinct


def _order(versions: list[Submission]) -> tuple[Submission | None, dict[str, str]]:
    """The version that counts and the words saying why, or (None, why they cannot be ordered)."""
    if all(s.file.receipt for s in versions):
        ranked_receipts = sorted(versions, key=lambda s: s.file.receipt)
        last_sub, before_sub = ranked_receipts[-1], ranked_receipts[-2]
        if last_sub.file.receipt > before_sub.file.receipt:
            return last_sub, _received_later(
                _parse(last_sub.file.received), _parse(before_sub.file.received), len(versions)
            )
    arrived = [(moment, s) for s in versions if (moment := _parse(s.file.arrived)) is not None]
    if len(arrived) == len(versions):
        ranked = sorted(arrived, key=lambda p: p[0])
        last, before = ranked[-1], ranked[-2]
        if (last[0] - before[0]).total_seconds() >= MIN_GAP:
            return last[1], _received_later(last[0], before[0], len(ranked))
    saved = [(moment, s) for s in versions if (moment := _parse(s.file.modified)) is not None]
    if len(saved) == len(versions):
        ranked = sorted(saved, key=lambda p: p[0])
        if ranked[-1][0] != ranked[-2][0]:
            when = _show(ranked[-1][0])
            return ranked[-1][1], {
                "vi": f"cùng lúc nhận; tệp được dùng có thời điểm lưu ghi trong tệp muộn hơn ({when})",
                "en": f"received together; the one used has the later save time written in it ({when})",
            }
    return None, {
        "vi": "cùng lúc nhận và không có thời điểm lưu để so sánh",
        "en": "received together, with no save times to compare",
    }


def _received_later(last: dt.datetime | None, before: dt.datetime | None, versions: int) -> dict[str, str]:
    """ "nhận sau: 05/10/2021 09:00:00 UTC, tệp này nhận lúc …" (two versions) or "nhận sau cùng …"."""
    shown_last, shown_before = _show(last) if last else "?", _show(before) if before else "?"
    if versions == 2:
        return {
            "vi": f"nhận sau: {shown_last}, tệp này nhận lúc {shown_before}",
            "en": f"received later: {shown_last}, this one at {shown_before}",
        }
    return {"vi": f"nhận sau cùng, lúc {shown_last}", "en": f"received last, at {shown_last}"}


def _conflict(versions: Iterable[Submission], status: dict[int, str], why: dict[str, str]) -> None:
    versions = list(versions)
    for s in versions:
        status[id(s)] = CONFLICT
        others = ", ".join(o.path for o in versions if o is not s)
        s.findings.append(
            Finding(
                "I206",
                "error",
                file=s.path,
                unit=s.unit_code,
                params={"unit": s.unit_code, "others": others, "why": why},
            )
        )


def _parse(text: str) -> dt.datetime | None:
    return parse_moment(text)


def _show(moment: dt.datetime) -> str:
    """ "05/10/2021 16:00:00 (UTC+07:00)"."""
    return shown_time(moment)
