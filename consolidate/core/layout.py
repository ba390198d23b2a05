"""The contracts between writers and readers of workbooks.

The template writes, and the reader looks for, these sheet names, header texts and metadata keys;
a feedback copy adds its own first sheet.
The summary writes, and :mod:`consolidate.pipeline.previous` reads back, the summary's sheet
names and its period property.
Values are found by their "Mã số" (indicator code) in the code column, never by a fixed address,
so rows inserted, hidden or moved by a clerk do not change what is read.
"""

from __future__ import annotations

from collections.abc import Mapping

from consolidate.core.numbers import normalise_text

META_SHEET = "_meta"

# The summary workbook: sheets read back when it serves as another period's figures.
SUMMARY_TOTALS_SHEET = "Tổng hợp"
SUMMARY_UNITS_SHEET = "Theo đơn vị"
SUMMARY_TECH_SHEET = "Kỹ thuật"  # hidden: totals by indicator code in their own unit, files' SHA-256
SUMMARY_PERIOD_PROPERTY = "consolidate_period"
INSTRUCTIONS_SHEET = "Hướng dẫn"
FEEDBACK_SHEET = "Kết quả kiểm tra"  # the first sheet of a feedback copy

# Sheets the tool itself adds to a template or a feedback copy: never a form's data sheet (the
# catalog refuses them, compared ignoring case as Excel does).
RESERVED_SHEETS = (INSTRUCTIONS_SHEET, META_SHEET, FEEDBACK_SHEET)

# Header texts of the data sheet (compared after NFC, case-folding and space folding).
HEADER_NUMBER = "STT"
HEADER_LABEL = "Chỉ tiêu"
HEADER_CODE = "Mã số"
HEADER_UNIT = "Đvt"
HEADER_VALUE = "Số liệu"
HEADER_QUALIFIER = "Mức độ"
HEADER_NOTE = "Ghi chú"
COLUMNS = (HEADER_NUMBER, HEADER_LABEL, HEADER_CODE, HEADER_UNIT, HEADER_VALUE, HEADER_QUALIFIER, HEADER_NOTE)
COLUMN_WIDTHS = (6, 58, 24, 16, 20, 12, 34)
VALUE_COL = 4


def columns(qualified: bool) -> tuple[tuple[str, int], ...]:
    """(header, width) of a form's data sheet; the "Mức độ" column only when the form has qualified
    amounts (every cell of a template is parsed for every report read)."""
    return tuple((h, w) for h, w in zip(COLUMNS, COLUMN_WIDTHS, strict=False) if qualified or h != HEADER_QUALIFIER)


# Where the header row is searched for (0-based rows) when a clerk has moved things around.
HEADER_SEARCH_ROWS = 40

# The first data row of a freshly generated template (0-based), below title and header.
FIRST_ROW = 8

# Metadata keys, one per row of the hidden sheet: column A key, column B value.
META_FORM = "form_id"
META_VERSION = "form_version"
META_UNIT = "unit_code"
META_UNIT_NAME = "unit_name"
META_PERIOD = "period"
META_SHEET_NAME = "data_sheet"
META_GENERATOR = "generator"
META_KEYS = (META_FORM, META_VERSION, META_UNIT, META_UNIT_NAME, META_PERIOD, META_SHEET_NAME, META_GENERATOR)

# Explanation cells ("Giải trình") carry the code gt_<RULE>, e.g. gt_R07.
EXPLANATION_PREFIX = "gt_"


def explanation_code(rule_code: str) -> str:
    return f"{EXPLANATION_PREFIX}{rule_code}"


def explanation_place(cells: Mapping[str, str], rule_code: str) -> str | dict[str, str]:
    """Where a unit explains a warning of ``rule_code``: its "Giải trình" cell ("E90") among a
    report's ``cells`` (code → address), or, in a report without one, words saying where it is."""
    cell = cells.get(explanation_code(rule_code))
    if cell:
        return cell
    return {
        "vi": f"“Giải trình {rule_code}” ở cuối trang số liệu",
        "en": f"“Giải trình {rule_code}” at the end of the data sheet",
    }


def column_letter(index: int) -> str:
    """0 → "A", 27 → "AB"."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def cell_address(row: int, col: int) -> str:
    """0-based (row, col) → "E12"."""
    return f"{column_letter(col)}{row + 1}"


def split_address(address: str) -> tuple[int, int]:
    """ "E12" → (11, 4), 0-based."""
    letters = "".join(ch for ch in address if ch.isalpha()).upper()
    digits = "".join(ch for ch in address if ch.isdigit())
    col = 0
    for ch in letters:
        col = col * 26 + (ord(ch) - 64)
    return int(digits) - 1, col - 1


def fold(text: object) -> str:
    """Comparison form of a header or option text: NFC, case-folded, single spaces."""
    return normalise_text(str(text)).casefold() if text is not None else ""
