"""The unit registry: one row per unit (code, type, sector, name, and optionally a short name
and a contact), kept by the office in a spreadsheet and read as it comes back from Excel or
Notepad.

``schemas/units.csv`` may be separated by "," or ";" (Excel on Vietnamese regional settings saves
";"), encoded in UTF-8 with or without a BOM or in the Vietnamese Windows code page (cp1258), with
any line endings. ``schemas/units.xlsx`` (first sheet, the same columns) is read when there is no
CSV. Headers may be in English (code, type, sector, name; short_name, contact) or Vietnamese (mã,
loại, loại hình, tên; tên viết tắt, liên hệ). The short name goes into file names ("Sở Tài chính"
→ …_So-Tai-chinh.xlsx); the contact (a phone number, a person) into the list of units to chase.
"""

from __future__ import annotations

import csv
import io
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from consolidate.core.errors import CatalogError
from consolidate.core.model import Unit

COLUMNS = ("code", "type", "sector", "name")
OPTIONAL = ("short_name", "contact")
ALIASES = {
    "short_name": "short_name",
    "short name": "short_name",
    "ten viet tat": "short_name",
    "tên viết tắt": "short_name",
    "ten ngan": "short_name",
    "tên ngắn": "short_name",
    "contact": "contact",
    "phone": "contact",
    "lien he": "contact",
    "liên hệ": "contact",
    "dien thoai": "contact",
    "điện thoại": "contact",
    "code": "code",
    "ma": "code",
    "mã": "code",
    "ma don vi": "code",
    "mã đơn vị": "code",
    "type": "type",
    "loai": "type",
    "loại": "type",
    "sector": "sector",
    "loai hinh": "sector",
    "loại hình": "sector",
    "name": "name",
    "ten": "name",
    "tên": "name",
    "ten don vi": "name",
    "tên đơn vị": "name",
}


def registry_file(root: Path) -> Path | None:
    for name in ("units.csv", "units.xlsx"):
        if (root / name).is_file():
            return root / name
    return None


def decode(data: bytes) -> str:
    """Text from UTF-8 (with or without BOM), UTF-16 (with BOM) or cp1258, NFC-normalised."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1258")
    return unicodedata.normalize("NFC", text)


def read_units(root: Path, known_type: Callable[[str], bool], known_sector: Callable[[str], bool]) -> tuple[Unit, ...]:
    path = registry_file(root)
    if path is None:
        raise CatalogError(
            "units.csv",
            "",
            {"vi": f"không có tệp units.csv (hoặc units.xlsx) trong {root}", "en": f"file not found in {root}"},
        )
    name = path.name
    try:
        rows = _xlsx_rows(path) if path.suffix == ".xlsx" else _csv_rows(path.read_bytes())
    except (OSError, ValueError) as exc:
        raise CatalogError(name, "", {"vi": f"không đọc được: {exc}", "en": f"cannot be read: {exc}"}) from None
    header = next(rows, [])
    columns = [ALIASES.get(" ".join(str(h or "").split()).lower()) for h in header]
    if sorted(c for c in columns if c in COLUMNS) != sorted(COLUMNS) or len(set(filter(None, columns))) != len(
        [c for c in columns if c]
    ):
        raise CatalogError(
            name,
            _line(1),
            {
                "vi": "dòng tiêu đề phải là: code, type, sector, name (mã, loại, loại hình, tên)",
                "en": "the header must be: code,type,sector,name",
            },
        )
    at = {c: i for i, c in enumerate(columns) if c}
    units, seen = [], set()
    for number, row in enumerate(rows, start=2):
        cells = [" ".join(str(v).split()) if v is not None else "" for v in row]
        if not any(cells):
            continue
        if len(cells) <= max(at[k] for k in COLUMNS):
            raise CatalogError(
                name,
                _line(number),
                {"vi": f"cần 4 cột, chỉ có {len(cells)}", "en": f"expected 4 columns, found {len(cells)}"},
            )
        code, utype, sector, uname = (cells[at[k]] for k in COLUMNS)
        short, contact = (cells[at[k]] if k in at and at[k] < len(cells) else "" for k in OPTIONAL)
        for bad, vi, en in (
            (not code or not uname, "cần có mã và tên", "code and name are required"),
            (code in seen, f"mã đơn vị “{code}” bị trùng", f"duplicate unit code {code!r}"),
            (not known_type(utype), f"loại tổ chức “{utype}” không có trong bloc.yaml", f"unknown unit type {utype!r}"),
            (not known_sector(sector), f"loại hình “{sector}” không có trong bloc.yaml", f"unknown sector {sector!r}"),
        ):
            if bad:
                raise CatalogError(name, _line(number), {"vi": vi, "en": en})
        seen.add(code)
        units.append(Unit(code, uname, utype, sector, short, contact))
    return tuple(units)


def _line(n: int) -> dict[str, str]:
    return {"vi": f"dòng {n}", "en": f"line {n}"}


def _csv_rows(data: bytes) -> Iterator[list[str]]:
    text = decode(data)
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ("\t" if first.count("\t") > first.count(",") else ",")
    return iter(list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)))


def _xlsx_rows(path: Path) -> Iterator[Sequence[object]]:
    import python_calamine as pc  # light (~20 ms); only when the registry is a workbook

    book = pc.CalamineWorkbook.from_path(str(path))
    rows = book.get_sheet_by_index(0).to_python()
    out: list[Sequence[object]] = []
    for row in rows:
        out.append([str(int(v)) if isinstance(v, float) and v.is_integer() else v for v in row])
    return iter(out)
