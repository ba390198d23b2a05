"""Property test: mutated sample workbooks never crash the reader or the validation.

Each example takes a valid sample and applies one to three mutations — rewritten cell values of
every kind, renamed sheets, inserted rows, dropped zip members, corrupted strings, flipped bytes,
truncation — then reads and validates it. Every outcome must be accepted, accepted with warnings,
or rejected with findings; an internal error (F110) counts as a crash.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from consolidate.catalog.loader import load_catalog
from consolidate.checks.validate import validate_forms
from consolidate.core.messages import render, unfilled
from consolidate.ingest.reader import read_submission

from conftest import SAMPLES
from hostile import members, zip_bytes

CATALOG = load_catalog()
SOURCES = sorted(SAMPLES.glob("*.xlsx"))[::9]
SHEET = "xl/worksheets/sheet2.xml"
CELL = re.compile(rb'<c r="E(\d+)"[^>]*?(?:/>|>.*?</c>)', re.S)

texts = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), max_size=30)
numbers = st.one_of(st.integers(-(10**12), 10**12), st.floats(allow_nan=False, allow_infinity=False, width=32))
typed_text = st.sampled_from(
    [
        "1.234",
        "1,234",
        "96,5",
        " 12 ",
        "12 người",
        "(5)",
        "−3",
        "1.23.4",
        "=SUM(A1)",
        "+84",
        "@x",
        "#REF!",
        "",
        "   ",
        "mười",
        "Có",
        "Đảng bộ cơ sở",
        "9 tháng",
    ]
)


def _xml(text: str) -> bytes:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").encode("utf-8")


def cell_xml(ref: bytes, kind: str, value) -> bytes:
    head = b'<c r="E' + ref + b'"'
    if kind == "number":
        return head + b"><v>" + repr(value).encode() + b"</v></c>"
    if kind == "text":
        return head + b' t="inlineStr"><is><t xml:space="preserve">' + _xml(value) + b"</t></is></c>"
    if kind == "bool":
        return head + b' t="b"><v>' + str(int(value)).encode() + b"</v></c>"
    if kind == "error":
        return head + b' t="e"><v>' + value.encode() + b"</v></c>"
    if kind == "formula":
        return head + b"><f>E1+1</f></c>"
    if kind == "formula_value":
        return head + b"><f>1+1</f><v>2</v></c>"
    return head + b"/>"


cell_ops = st.one_of(
    st.tuples(st.just("number"), numbers),
    st.tuples(st.just("text"), st.one_of(texts, typed_text)),
    st.tuples(st.just("bool"), st.booleans()),
    st.tuples(st.just("error"), st.sampled_from(["#REF!", "#DIV/0!", "#N/A", "#VALUE!"])),
    st.tuples(st.sampled_from(["formula", "formula_value", "empty"]), st.none()),
)
operation = st.one_of(
    st.tuples(st.just("cell"), st.integers(0, 200), cell_ops),
    st.tuples(st.just("cell"), st.integers(0, 200), cell_ops),
    st.tuples(st.just("rename"), st.one_of(texts, st.sampled_from(["Sheet1", "Bao cao", "báo cáo", ""]))),
    st.tuples(st.just("insert_rows"), st.integers(1, 100), st.integers(1, 5)),
    st.tuples(st.just("drop"), st.integers(0, 20)),
    st.tuples(st.sampled_from(["strings", "meta"]), st.integers(0, 10**6), st.binary(max_size=3)),
)
recipes = st.tuples(
    st.integers(0, len(SOURCES) - 1),
    st.lists(operation, min_size=1, max_size=3),
    st.one_of(
        st.just(("keep",)),
        st.just(("keep",)),
        st.just(("keep",)),
        st.just(("keep",)),
        st.tuples(st.just("truncate"), st.floats(0, 1)),
        st.tuples(st.just("flip"), st.lists(st.tuples(st.floats(0, 1), st.integers(1, 255)), min_size=1, max_size=8)),
    ),
)


def apply(recipe) -> bytes:
    source, ops, tail = recipe
    parts = members(SOURCES[source])
    for op in ops:
        if op[0] == "cell":
            cells = CELL.findall(parts.get(SHEET, b""))
            if cells:
                ref = cells[op[1] % len(cells)]
                new = cell_xml(ref, *op[2])
                parts[SHEET] = re.sub(
                    rb'<c r="E' + ref + rb'"[^>]*?(?:/>|>.*?</c>)',
                    lambda _m, new=new: new,
                    parts[SHEET],
                    count=1,
                    flags=re.S,
                )
        elif op[0] == "rename" and "xl/workbook.xml" in parts:
            parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
                'name="Báo cáo"'.encode(), b'name="' + _xml(op[1]).replace(b'"', b"&quot;") + b'"', 1
            )
        elif op[0] == "insert_rows" and SHEET in parts:

            def shift(m, at=op[1], by=op[2]):
                n = int(m.group(2))
                return m.group(1) + str(n + by if n >= at else n).encode()

            parts[SHEET] = re.sub(rb'((?:<row r="|<c r="[A-Z]+))(\d+)', shift, parts[SHEET])
        elif op[0] == "drop" and parts:
            parts.pop(sorted(parts)[op[1] % len(parts)])
        elif op[0] in ("strings", "meta"):
            name = "xl/sharedStrings.xml" if op[0] == "strings" else "xl/worksheets/sheet3.xml"
            if parts.get(name):
                data = bytearray(parts[name])
                at = op[1] % len(data)
                data[at : at + 1] = op[2]
                parts[name] = bytes(data)
    data = zip_bytes(parts)
    if tail[0] == "truncate":
        data = data[: int(tail[1] * (len(data) - 1))]
    elif tail[0] == "flip":
        buf = bytearray(data)
        for where, mask in tail[1]:
            buf[int(where * (len(buf) - 1))] ^= mask
        data = bytes(buf)
    return data


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture, HealthCheck.data_too_large],
)
@given(recipes)
def test_mutated_workbooks_never_crash(tmp_path_factory, recipe):
    path = tmp_path_factory.mktemp("m") / "report.xlsx"
    path.write_bytes(apply(recipe))
    sub = read_submission(path, CATALOG)
    validate_forms(CATALOG, [sub])
    codes = [f.code for f in sub.findings]
    assert "F110" not in codes, [f.params for f in sub.findings if f.code == "F110"]
    for f in sub.findings:
        for lang in ("vi", "en"):
            message, _ = render(f, CATALOG, lang)
            assert message and not unfilled(f, CATALOG, lang), (f.code, message)
    if sub.has_errors:
        assert any(f.is_error for f in sub.findings)
    else:
        assert sub.readable and sub.form_id and sub.unit_code
