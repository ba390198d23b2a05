"""The draft report's words: a plain-text template the office edits, filled with the totals.

Template syntax (templates/bao_cao.txt):

- ``# Title`` (printed in capitals), ``## Heading``, ``### Sub-heading``; a blank line ends a paragraph.
- ``{code}``: a total in Vietnamese format ("3.407", "75,5"); a qualified amount keeps its qualifier
  ("hơn 30"). ``{code@tccs}`` counts the grassroots units only, ``{code@duk}`` the bloc committee only.
- ``{code:02}`` pads to two digits ("09", "03"); ``{code:%}`` a rate ("96,67%", "75%");
  ``{code:money}`` an amount in triệu đồng written as the seed does ("4.262 tỷ đồng", "257 triệu đồng",
  "hơn 1 tỷ đồng"); ``{code:?ước đạt|đạt}`` the first text when the total is above zero, else the second.
- ``{ky}`` "9 tháng đầu năm", ``{nam}`` 2021, ``{ngay_chot}`` 30/09/2021, ``{thoi_gian_con_lai}``
  "3 tháng cuối năm", ``{bao_phu}`` the coverage sentence (in a form's own template: that form's).
- A line ``{{noi_bat}}`` lists every unit's free-text answers (highlights, shortcomings …).

A figure that is missing (a unit or the bloc-level report not received) prints as "…", so the draft
shows the office what to complete by hand.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

from consolidate.aggregations import Total
from consolidate.core.model import Form
from consolidate.core.money import display_money
from consolidate.core.numbers import format_number, format_percent, round_half_up
from consolidate.outputs.docstyle import coverage_sentence
from consolidate.pipeline.result import MergeResult

PLACEHOLDER = re.compile(r"\{([a-z_0-9]+)(?:@(tccs|duk))?(?::([^{}]*))?\}")
MISSING = "…"
HIGHLIGHTS = "{{noi_bat}}"


@dataclass(frozen=True)
class Block:
    kind: str  # title | heading | subheading | para | highlights
    text: str


def parse_template(text: str) -> list[tuple[str, str]]:
    """(kind, raw text) blocks of a template."""
    blocks: list[tuple[str, str]] = []
    para: list[str] = []

    def flush() -> None:
        if para:
            blocks.append(("para", " ".join(para)))
            para.clear()

    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith(("//", "@")):
            flush()
            continue
        for prefix, kind in (("### ", "subheading"), ("## ", "heading"), ("# ", "title")):
            if stripped.startswith(prefix):
                flush()
                blocks.append((kind, stripped[len(prefix) :]))
                break
        else:
            if stripped == HIGHLIGHTS:
                flush()
                blocks.append(("highlights", ""))
            else:
                para.append(stripped)
    flush()
    return blocks


def wording(template: str) -> dict[str, str]:
    """The "@key: text" lines of a template: its own wording of the coverage notes."""
    out = {}
    for line in template.splitlines():
        stripped = line.strip()
        if stripped.startswith("@") and ":" in stripped:
            key, _, value = stripped[1:].partition(":")
            out[key.strip()] = value.strip()
    return out


def money(value, unit: str = "triệu đồng", decimals: int | None = None, qualifier: str = "") -> str:
    """An amount in the unit a reader expects, rounded to the indicator's decimals: 4.262.000
    triệu đồng → "4.262 tỷ đồng", 257 → "257 triệu đồng", with its qualifier ("hơn 1 tỷ đồng")."""
    amount, shown = display_money(value, unit, decimals)
    return f"{qualifier} {format_number(amount)} {shown}".strip()


# The wording of coverage notes; the report template may set its own ("@key: text" lines).
WORDING = {
    "phu_mot_phan": "(số liệu của {units}/{of} đơn vị)",
    "phu_tung_so": "riêng {name}: {units}/{of} đơn vị",
    "theo_danh_muc": "số tổ chức theo danh mục",
}
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-ZĐÀ-Ỹ0-9“(])")


class Filler:
    """Fills placeholders from a merge result, sentence by sentence; remembers which names it
    could not resolve. A figure that is missing prints as "…"; a sentence holding a figure from
    fewer units than expected ends with a note saying whose data it is ("(số liệu của 73/76 đơn
    vị)"), and names the registry counts it holds beside it ("số tổ chức cơ sở đảng theo danh mục")."""

    def __init__(self, result: MergeResult, wording: dict[str, str] | None = None, form: Form | None = None):
        self.result = result
        self.catalog = result.catalog
        self.wording = {**WORDING, **(wording or {})}
        self.scoped = {"tccs": result.scoped_totals("tccs"), "duk": result.scoped_totals("duk")}
        self.unknown: set[str] = set()
        self.partial: dict[str, tuple[int, int]] = {}
        self.registry: list[str] = []
        self.specials: dict[str, Callable[[], str]] = {
            "ky": self._ky,
            "nam": lambda: str(result.period.year) if result.period else MISSING,
            "ngay_chot": lambda: result.period.cutoff(self.catalog).strftime("%d/%m/%Y") if result.period else MISSING,
            "thoi_gian_con_lai": self._remaining,
            "bao_phu": lambda: coverage_sentence(result, form=form).rstrip("."),
        }

    def _ky(self) -> str:
        return self.result.period.info(self.catalog).report_phrase if self.result.period else MISSING

    def _remaining(self) -> str:
        period = self.result.period
        if period is None:
            return MISSING
        months = 12 - period.info(self.catalog).month
        return f"{months} tháng cuối năm {period.year}" if months else f"năm {period.year + 1}"

    def fill(self, text: str) -> str:
        return " ".join(self._sentence(s) for s in _SENTENCE.split(text) if s)

    def _sentence(self, text: str) -> str:
        self.partial, self.registry = {}, []
        filled = PLACEHOLDER.sub(self._replace, text)
        note = self._note()
        if not note:
            return filled
        end = len(filled.rstrip())
        while end and filled[end - 1] in ".!?:;":
            end -= 1
        return f"{filled[:end]} {note}{filled[end:]}"

    def _note(self) -> str:
        """One note per sentence: the coverage most of its partial figures share, then the figures
        with another coverage by name, then the registry counts beside them."""
        if not self.partial:
            return ""
        by_coverage: dict[tuple[int, int], list[str]] = {}
        for name, coverage in self.partial.items():
            by_coverage.setdefault(coverage, []).append(name)
        main = max(by_coverage, key=lambda c: (len(by_coverage[c]), c))
        parts = [self.wording["phu_mot_phan"].format(units=main[0], of=main[1]).strip("()")]
        for (units, of), names in by_coverage.items():
            if (units, of) != main:
                parts.append(self.wording["phu_tung_so"].format(name=", ".join(names), units=units, of=of))
        if self.registry:
            parts.append(self.wording["theo_danh_muc"])
        return "(" + "; ".join(parts) + ")"

    def _replace(self, match: re.Match) -> str:
        name, scope, spec = match.group(1), match.group(2), match.group(3) or ""
        if name in self.specials and scope is None:
            return self.specials[name]()
        totals = self.scoped[scope] if scope else self.result.totals
        total = totals.get(name)
        ind = self.catalog.indicator(name)
        if total is None and ind is None:
            self.unknown.add(name)
            return MISSING
        value = total.value if total is not None else None
        if total is not None and self._bloc_missing(total, scope):
            value = None  # the bloc committee's part of it was not received
        if spec.startswith("?"):
            yes, _, no = spec[1:].partition("|")
            return yes if value else no
        if spec == "cung_ky":
            return self._same_period_last_year(name, value if scope is None else None)
        if value is None:
            return MISSING
        assert total is not None  # value came from it
        self._coverage(total, scope, ind.short if ind is not None else name)
        prefix = self.catalog.qualifiers[total.qualifier].prefix if total.qualifier else ""
        if spec == "%":
            return format_percent(value)
        if spec == "money":
            return money(value, ind.unit if ind is not None else "triệu đồng", ind.decimals if ind else None, prefix)
        if spec.isdigit():
            text = format_number(value, None, pad=int(spec))
        else:
            text = format_number(Decimal(str(value)).normalize() if isinstance(value, float) else value)
        return f"{prefix} {text}".strip()

    def _same_period_last_year(self, name: str, value) -> str:
        """ ", tăng 5,2% so với cùng kỳ năm 2020" (or "giảm", "bằng"); nothing without both figures."""
        previous = self.result.previous
        then = previous.totals.get(name) if previous is not None else None
        if value is None or not isinstance(then, (int, float)) or not then:
            return ""
        year = (previous.period_key or "").rpartition("-")[2] or previous.label
        if value == then:
            return f", bằng cùng kỳ năm {year}"
        change = abs(value - then) / abs(then) * 100
        word = "tăng" if value > then else "giảm"
        return f", {word} {format_number(round_half_up(change, 1), 1)}% so với cùng kỳ năm {year}"

    def _bloc_missing(self, total: Total, scope: str | None) -> bool:
        return scope != "tccs" and total.bloc_expected and not total.bloc

    def _coverage(self, total: Total, scope: str | None, name: str) -> None:
        if total.method == "count_units":
            self.registry.append(name.lower())
        elif scope != "duk" and total.eligible and total.units < total.eligible:
            self.partial[name.lower()] = (total.units, total.eligible)


def render_blocks(result: MergeResult, template: str, form: Form | None = None) -> tuple[list[Block], set[str]]:
    """Filled blocks, and the placeholder names the template used that are not in the catalog.
    ``form``: the template is that form's own (``report_template``); ``{bao_phu}`` is its coverage."""
    filler = Filler(result, wording(template), form)
    blocks = []
    for kind, raw in parse_template(template):
        text = filler.fill(raw)
        blocks.append(Block(kind, text.upper() if kind == "title" else text))
    return blocks, filler.unknown
