"""Annotated copies: each unit gets its own workbook back with the problems marked on the cells.

For every finding with a location, each cell involved is filled red (error) or amber (warning)
and carries an Excel comment saying what was found, what was expected and how to fix it; a
cross-field rule marks every cell of the equation and shows the numbers on both sides. A first
sheet "Danh sách lỗi" lists every finding with an internal hyperlink to its cell. The original is
never modified; nothing the unit entered changes. Files that cannot be opened (encrypted,
damaged, legacy formats) get a workbook holding the list only.

openpyxl does the structural edit (defusedxml, installed with the toolkit, makes it refuse XML
entity declarations).
"""

from __future__ import annotations

import io
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from pathlib import Path

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.worksheet.hyperlink import Hyperlink

from consolidate.core.atomic import Locked, atomic_output
from consolidate.core.findings import Finding, sorted_findings
from consolidate.core.messages import location, render, severity_label
from consolidate.core.model import Catalog
from consolidate.core.names import NameSet
from consolidate.core.rowheight import from_file_width, row_height
from consolidate.pipeline.result import FileResult, MergeResult

LIST_SHEET = "Danh sách lỗi"
FILLS = {"error": "FFC7CE", "warning": "FFEB9C", "info": "DDEBF7"}
HEADERS = ("STT", "Mã lỗi", "Mức độ", "Vị trí", "Chỉ tiêu", "Giá trị", "Nội dung", "Cách khắc phục")
WIDTHS = (5, 8, 11, 16, 34, 14, 60, 48)


def feedback_name(path: str) -> str:
    """ "sub/DB05_BC-TCCS_9T_2021.xlsx" → "sub/DB05_BC-TCCS_9T_2021_gop_y.xlsx"; a file inside an
    archive ("CB07.zip/CB07.xlsx") keeps the archive's name as a folder."""
    p = Path(path)
    return (p.parent / f"{p.stem}_gop_y.xlsx").as_posix()


def feedback_names(paths: list[str]) -> dict[str, str]:
    """Source path → copy name: X.xls, X.ods and X.xlsx get X_xls_gop_y.xlsx, X_ods_gop_y.xlsx,
    X_xlsx_gop_y.xlsx rather than one name; names that still clash (differing only by letter
    case) are numbered when claimed (:class:`~consolidate.core.names.NameSet`)."""
    plain = {path: feedback_name(path) for path in paths}
    clashes: dict[str, list[str]] = defaultdict(list)
    for path, name in plain.items():
        clashes[name.lower()].append(path)
    out = {}
    for path, name in plain.items():
        group = clashes[name.lower()]
        if len({Path(p).suffix.lower() for p in group}) > 1:
            p = Path(path)
            name = (p.parent / f"{p.stem}_{p.suffix.lstrip('.').lower() or 'tep'}_gop_y.xlsx").as_posix()
        out[path] = name
    return out


def write_feedback(
    result: MergeResult,
    out_dir: str | Path,
    source_root: str | Path | None,
    lang: str = "vi",
    locked: list[Locked] | None = None,
) -> list[Path]:
    """One annotated copy per file with findings (errors or warnings); returns the paths written.
    A file that cannot be annotated gets a copy holding the list only; one bad file never costs
    the others their copies.

    ``source_root`` is the inbox the relative file names are under (None: names are paths).
    ``locked``: see :func:`~consolidate.core.atomic.atomic_output` (a copy open in Excel).
    Names are made ones Windows accepts, and two never differ only by letter case."""
    out_dir = Path(out_dir)
    chosen = [
        r for r in result.files if r.status != "ignored" and any(f.severity in ("error", "warning") for f in r.findings)
    ]
    names = feedback_names([r.path if source_root is not None else Path(r.path).name for r in chosen])
    written = []
    claimed = NameSet()
    for r in chosen:
        key = r.path if source_root is not None else Path(r.path).name
        source = Path(source_root) / r.path if source_root is not None else Path(r.path)
        target = out_dir / claimed.claim(names[key])
        try:
            written.append(annotate_file(result.catalog, r, source, target, lang, locked))
        except Exception:  # this file's copy only: a list of its problems, or nothing
            try:
                written.append(annotate_file(result.catalog, r, source, target, lang, locked, mark=False))
            except Exception:
                continue
    return written


def _open(source: Path):
    """The workbook at ``source``, or inside the archive a path such as "inbox/CB07.zip/CB07.xlsx" names."""
    if source.is_file():
        return openpyxl.load_workbook(source, keep_vba=False, keep_links=False)
    for parent in source.parents:
        if parent.is_file() and zipfile.is_zipfile(parent):
            member = source.relative_to(parent).as_posix()
            with zipfile.ZipFile(parent) as zf:
                data = zf.read(member)
            return openpyxl.load_workbook(io.BytesIO(data), keep_vba=False, keep_links=False)
    raise FileNotFoundError(source)


def annotate_file(
    catalog: Catalog,
    r: FileResult,
    source: Path,
    target: Path,
    lang: str = "vi",
    locked: list[Locked] | None = None,
    mark: bool = True,
) -> Path:
    findings = sorted_findings(f for f in r.findings if f.severity in ("error", "warning"))
    wb = None
    if mark and r.sub is not None and r.sub.readable and r.file.format in ("xlsx", "xlsm"):
        try:
            wb = _open(source)
        except Exception:  # whatever openpyxl cannot open gets the list-only workbook
            wb = None
    marked = wb is not None
    if wb is None:
        wb = openpyxl.Workbook()
        wb.remove(wb.active)
    else:
        _mark_cells(wb, findings, catalog, lang)
    _list_sheet(wb, findings, catalog, lang, linked=marked)
    target.parent.mkdir(parents=True, exist_ok=True)
    with atomic_output(target, locked) as out:
        wb.save(out.tmp)
    return out.path


def _mark_cells(wb, findings: Iterable[Finding], catalog: Catalog, lang: str) -> None:
    notes: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in findings:
        if f.sheet in wb.sheetnames:
            assert f.sheet is not None  # a sheet of the workbook
            for cell in f.all_cells:
                notes[(f.sheet, cell)].append(f)
    for (sheet, address), items in notes.items():
        cell = _writable(wb[sheet], address)
        worst = "error" if any(f.is_error for f in items) else "warning"
        cell.fill = PatternFill("solid", fgColor=FILLS[worst])
        text = "\n\n".join(_comment_text(f, catalog, lang) for f in items)
        lines = sum(max(1, len(part) // 48 + 1) for part in text.split("\n"))
        cell.comment = Comment(text, f"Văn phòng {catalog.bloc.committee}", height=min(40 + 15 * lines, 600), width=360)


def _writable(ws, address: str):
    """The cell at ``address``, or the top-left cell of the merged range it lies in (the only cell
    of a merged range that holds a value, a fill or a comment)."""
    for merged in ws.merged_cells.ranges:
        if address in merged:
            return ws.cell(row=merged.min_row, column=merged.min_col)
    return ws[address]


def _comment_text(f: Finding, catalog: Catalog, lang: str) -> str:
    message, fix = render(f, catalog, lang)
    head = f"[{f.code}] {severity_label(f.severity, lang)}"
    fix_word = "Cách sửa" if lang != "en" else "How to fix"
    text = f"{head}: {message}\n{fix_word}: {fix}"
    if f.explanation:
        text += f"\n{'Giải trình' if lang != 'en' else 'Explanation'}: {f.explanation}"
    return text


def _list_sheet(wb, findings: list[Finding], catalog: Catalog, lang: str, linked: bool) -> None:
    ws = wb.create_sheet(LIST_SHEET, 0)
    wb.active = 0
    for sheet in wb.worksheets[1:]:
        sheet.sheet_view.tabSelected = False
    font = "Times New Roman"
    ws.append(["DANH SÁCH LỖI VÀ CẢNH BÁO CẦN XỬ LÝ" if lang != "en" else "PROBLEMS TO FIX"])
    ws["A1"].font = Font(name=font, bold=True, size=13)
    ws.append([])
    ws.append(list(HEADERS))
    for i, width in enumerate(WIDTHS):
        ws.column_dimensions[chr(65 + i)].width = width
        head = ws.cell(row=3, column=i + 1)
        head.font = Font(name=font, bold=True)
        head.fill = PatternFill("solid", fgColor="D9E1F2")
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    ws.row_dimensions[3].height = row_height(
        (h, from_file_width(w), 11, True) for h, w in zip(HEADERS, WIDTHS, strict=True)
    )
    for n, f in enumerate(findings, start=1):
        message, fix = render(f, catalog, lang)
        ind = catalog.indicator(f.indicator) if f.indicator else None
        where = location(f)
        ws.append(
            [
                n,
                f.code,
                severity_label(f.severity, lang) + (" (đã giải trình)" if f.explained else ""),
                where,
                ind.label_for(lang) if ind else (f.indicator or ""),
                "" if f.value is None else str(f.value),
                message,
                fix,
            ]
        )
        row = ws.max_row
        for col in range(1, len(HEADERS) + 1):
            cell = ws.cell(row=row, column=col)
            cell.font = Font(name=font)
            cell.alignment = Alignment(vertical="top", wrap_text=True)
            if isinstance(cell.value, str) and cell.value[:1] in "=+-@":
                cell.data_type = "s"
        ws.cell(row=row, column=3).fill = PatternFill("solid", fgColor=FILLS.get(f.severity, "FFFFFF"))
        ws.row_dimensions[row].height = row_height(
            (str(cell.value or ""), from_file_width(width)) for cell, width in zip(ws[row], WIDTHS, strict=False)
        )
        if linked and f.sheet and f.cell and f.sheet in wb.sheetnames:
            link = ws.cell(row=row, column=4)
            link.hyperlink = Hyperlink(ref=link.coordinate, location=f"'{f.sheet}'!{f.cell}", display=where)
            link.font = Font(name=font, color="0563C1", underline="single")
    ws.freeze_panes = "A4"
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
