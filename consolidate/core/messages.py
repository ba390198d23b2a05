"""Turn a :class:`~consolidate.core.findings.Finding` into words, in Vietnamese or English.

The message says what was found and what was expected; the fix says what to do. Numbers in
params are formatted for the language (Vietnamese: 1.234,5). A param may also hold
``{"vi": ..., "en": ...}`` when the wording itself differs (the equation of a balance rule).
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from consolidate.core.codes import BUILTIN
from consolidate.core.findings import Finding
from consolidate.core.model import Catalog
from consolidate.core.numbers import format_number

SEVERITY_LABELS = {
    "vi": {"error": "Lỗi", "warning": "Cảnh báo", "info": "Ghi chú"},
    "en": {"error": "Error", "warning": "Warning", "info": "Note"},
}

STATUS_LABELS = {
    "vi": {
        "accepted": "Đã nhận",
        "rejected": "Bị từ chối",
        "missing": "Chưa nộp",
        "superseded": "Bị thay thế",
        "ignored": "Bỏ qua",
        "conflict": "Chưa rõ bản nào",
        "unreadable": "Đã gửi, không đọc được",
    },
    "en": {
        "accepted": "Accepted",
        "rejected": "Rejected",
        "missing": "Missing",
        "superseded": "Superseded",
        "ignored": "Ignored",
        "conflict": "Versions in conflict",
        "unreadable": "Sent, not readable",
    },
}


class _Lenient(string.Formatter):
    """str.format that leaves an unknown ``{name}`` as it is instead of raising."""

    def get_value(self, key: int | str, args: Sequence[Any], kwargs: Mapping[str, Any]) -> Any:
        if isinstance(key, str) and key not in kwargs:
            return "{" + key + "}"
        return super().get_value(key, args, kwargs)


_FORMATTER = _Lenient()


def format_value(value: Any, lang: str) -> str:
    """A param as text for ``lang``."""
    if isinstance(value, dict) and ("vi" in value or "en" in value):
        return str(value.get(lang) or value.get("vi") or "")
    if isinstance(value, bool) or value is None:
        return "" if value is None else str(value)
    if isinstance(value, (int, float, Decimal)):
        return format_number(value, None, lang)
    if isinstance(value, (list, tuple)):
        return ", ".join(format_value(v, lang) for v in value)
    return str(value)


def texts_for(code: str, catalog: Catalog | None, lang: str) -> tuple[str, str, str]:
    """(title, message template, fix template) of a code in ``lang``."""
    if code in BUILTIN:
        t = BUILTIN[code].texts
    elif catalog is not None and code in catalog.rule_index:
        t = catalog.rule_index[code][1]
    else:
        return (code, code, "")
    return (t.title_en, t.message_en, t.fix_en) if lang == "en" else (t.title, t.message, t.fix)


def _params(finding: Finding, catalog: Catalog | None, lang: str) -> dict[str, str]:
    params = {k: format_value(v, lang) for k, v in finding.params.items()}
    params.setdefault("value", format_value(finding.value, lang))
    params.setdefault("cell", finding.cell or "")
    if catalog is not None:
        params.setdefault("office", f"Văn phòng {catalog.bloc.committee}" if lang != "en" else "the office")
        params.setdefault("committee", catalog.bloc.committee)
    if finding.indicator and "label" not in params:
        params["label"] = _label(finding.indicator, catalog, lang)
    return params


def render(finding: Finding, catalog: Catalog | None, lang: str = "vi") -> tuple[str, str]:
    """(message, fix) of a finding in ``lang``."""
    _, message, fix = texts_for(finding.code, catalog, lang)
    params = _params(finding, catalog, lang)
    return _sentence(_FORMATTER.format(message, **params)), _sentence(_FORMATTER.format(fix, **params))


def _sentence(text: str) -> str:
    """A text that begins with a placeholder ("{detail}; …") still begins with a capital letter."""
    return text[:1].upper() + text[1:]


def unfilled(finding: Finding, catalog: Catalog | None, lang: str = "vi") -> set[str]:
    """Placeholders of the code's texts that the finding gives no value for (should be none)."""
    _, message, fix = texts_for(finding.code, catalog, lang)
    names = {field for text in (message, fix) for _, field, _, _ in _FORMATTER.parse(text) if field}
    return names - set(_params(finding, catalog, lang))


def _label(code: str, catalog: Catalog | None, lang: str) -> str:
    ind = catalog.indicator(code) if catalog is not None else None
    return ind.label_for(lang) if ind is not None else code


def severity_label(severity: str, lang: str) -> str:
    return SEVERITY_LABELS["en" if lang == "en" else "vi"].get(severity, severity)


def location(finding: Finding) -> str:
    """ "Báo cáo!E12" or "" — the place a person opens to fix the problem."""
    if finding.sheet and finding.cell:
        return f"{finding.sheet}!{finding.cell}"
    return finding.sheet or finding.cell or ""


def status_label(status: str, lang: str = "vi") -> str:
    return STATUS_LABELS["en" if lang == "en" else "vi"].get(status, status)


def reason_line(findings: Sequence[Finding], catalog: Catalog | None, lang: str = "vi", limit: int = 2) -> str:
    """One line saying why a report was not counted: its errors by title and cell, e.g.
    "2 lỗi: Cân đối đảng viên không khớp (Báo cáo!E32); Tổng số kỷ luật không khớp (Báo cáo!E40)".
    A report with no error (an unreadable file, versions in conflict) gives its first finding's message."""
    errors = [f for f in findings if f.is_error]
    if not errors:
        first = next(iter(findings), None)
        return render(first, catalog, lang)[0] if first is not None else ""
    shown = []
    for f in errors[:limit]:
        title = texts_for(f.code, catalog, lang)[0]
        where = location(f)
        shown.append(f"{title} ({where})" if where else title)
    more = len(errors) - limit
    if more > 0:
        shown.append(f"… và {format_number(more, None, lang)} lỗi khác" if lang != "en" else f"… and {more} more")
    head = f"{format_number(len(errors), None, lang)} {'lỗi' if lang != 'en' else 'error(s)'}"
    return f"{head}: " + "; ".join(shown)
