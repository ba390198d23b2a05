"""The forms of a catalog taken together: their order, and what must be unique across them.

- Unit forms come first, by their ``order`` key (default 100) and then file name; the bloc-level
  form last. The first unit form is the *primary* one: the top-level counts of ``merge --json``
  keep their meaning for it. So two unit forms may not share an ``order`` one of them writes
  (which comes first would hang on file names); forms that write none keep the file-name order.
- Any number of unit forms; at most one bloc-level form (``submitted_by: bloc``).
- A form id is unique, and so is an indicator code across the unit forms: totals are keyed by
  code. Identity fields with the same role (unit code, year, period …) may share a code. The
  bloc-level form may repeat a unit form's code on purpose, to add the bloc committee's own
  figure to that total; the two must then have the same type.
"""

from __future__ import annotations

from itertools import pairwise

from consolidate.core.errors import CatalogError
from consolidate.core.model import Form


def _en(vi: str, en: str) -> dict[str, str]:
    return {"vi": vi, "en": en}


def ordered_forms(forms: list[tuple[int, bool, Form]]) -> dict[str, Form]:
    """(order, whether the file writes it, form) → form id → form, in catalog order, checked."""
    forms.sort(key=lambda p: (p[2].submitted_by != "unit", p[0], p[2].source))
    _distinct_orders([p for p in forms if p[2].submitted_by == "unit"])
    by_id: dict[str, Form] = {}
    for _, _, form in forms:
        if form.id in by_id:
            raise CatalogError(
                form.source,
                "form",
                _en(
                    f"mã biểu mẫu “{form.id}” trùng với {by_id[form.id].source}",
                    f"duplicate form id {form.id!r} (also {by_id[form.id].source})",
                ),
                ("form", form.id),
            )
        by_id[form.id] = form
    kinds = [f.submitted_by for f in by_id.values()]
    if kinds.count("unit") < 1 or kinds.count("bloc") > 1:
        raise CatalogError(
            "forms/",
            "",
            _en(
                "cần ít nhất một biểu mẫu submitted_by: unit và nhiều nhất một submitted_by: bloc",
                "at least one form with submitted_by: unit and at most one with submitted_by: bloc",
            ),
        )
    _unique_codes(list(by_id.values()))
    return by_id


def _distinct_orders(units: list[tuple[int, bool, Form]]) -> None:
    """Two unit forms with the same order, one of them writing it: an error on the one that does."""
    for (order, written, form), (next_order, next_written, next_form) in pairwise(units):
        if order != next_order or not (written or next_written):
            continue
        here, other, other_written = (next_form, form, written) if next_written else (form, next_form, next_written)
        vi, en = (
            ("", "")
            if other_written
            else (f", không ghi order nên mặc định là {order}", f", which writes none: the default {order}")
        )
        raise CatalogError(
            here.source,
            "order",
            _en(
                f"order {order} trùng với biểu mẫu {other.id} ({other.source}{vi}); biểu mẫu đơn vị có order nhỏ "
                "nhất là biểu chính, nên mỗi biểu mẫu đơn vị cần một order riêng",
                f"order {order} is also that of form {other.id} ({other.source}{en}); the unit form with the "
                "lowest order is the primary one, so each unit form needs an order of its own",
            ),
            ("form", here.id),
        )


def _unique_codes(forms: list[Form]) -> None:
    owner: dict[str, Form] = {}
    for form in forms:
        for code, ind in form.indicators.items():
            first = owner.get(code)
            if first is None:
                owner[code] = form
                continue
            if ind.role and ind.role == first.indicators[code].role:
                continue  # identity fields (unit code, year …) may share their code
            shared = form.submitted_by == "bloc" and first.submitted_by == "unit"
            if shared and (ind.type == first.indicators[code].type or ind.role or first.indicators[code].role):
                continue
            there = f"{first.source}: {_key_path(first, code)}"
            why = (
                _en(
                    f"cùng mã với chỉ tiêu ở {there} nhưng khác kiểu ({ind.type} / {first.indicators[code].type})",
                    f"shares its code with {there} but not its type ({ind.type} / {first.indicators[code].type})",
                )
                if shared
                else _en(
                    f"mã chỉ tiêu “{code}” đã dùng ở {there}; mã chỉ tiêu là duy nhất trong danh mục",
                    f"indicator code {code!r} is already used at {there}; codes are unique in the catalog",
                )
            )
            raise CatalogError(form.source, _key_path(form, code), why, ("indicator", code))


def _key_path(form: Form, code: str) -> str:
    """Where an indicator's code is written in its form file: sections[i].indicators[j].code."""
    for s, section in enumerate(form.sections):
        if code in section.codes:
            return f"sections[{s}].indicators[{section.codes.index(code)}].code"
    return "sections"
