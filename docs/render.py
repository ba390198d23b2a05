"""Render every output of the sample merge — the summary, the draft report, an issued template, a
feedback copy and reminder letters — to PDF with LibreOffice under a Vietnamese and an English
(US) locale, check the printed pages, and keep pictures of them for the README.

    python docs/render.py                 # checks, then writes docs/images/*.png
    python docs/render.py --keep DIR      # also keeps the workbooks, documents and PDFs in DIR

tests/test_render.py runs the same code (``render_outputs`` and the checks) on every CI run.

What is checked, from the PDFs' own text (pdftotext):

- **Vietnamese figures on any computer**: the published figures appear as 3.407 and 96,67 under
  both locales, and never as 3,407 or 96.67.
- **No sheet spills sideways**: every table page repeats its header row, so every page of a table
  sheet shows its first column's heading ("STT", or "Tên đơn vị" on the per-unit
  continuation sheets); a page of spilled-over columns would show neither.
- **No text over text**: no two words on a page overlap (pdftotext -bbox-layout) — what a row too
  low for its wrapped text looks like in print.

Two inboxes are merged: the sample inbox (76/76, the published figures) and a copy with one unit
missing, one report rejected and one warning, so the findings sheet, a feedback copy and a
reminder have something to show. Needs LibreOffice (calc and writer), poppler-utils and the
Liberation fonts (metric twins of Times New Roman and Arial).
"""

from __future__ import annotations

import argparse
import concurrent.futures
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.etree import ElementTree

from consolidate import api
from consolidate.core.periods import parse_period

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SAMPLES = ROOT / "samples" / "inbox"
DAY = dt.date(2021, 10, 6)
LOCALES = ("vi_VN.UTF-8", "en_US.UTF-8")
TOOLS = ("soffice", "pdftotext", "pdftoppm")
DOCUMENTS = (".xlsx", ".docx", ".odt", ".ods")  # outputs LibreOffice can print
# Published figures of the sample (Vietnamese form, and the English form that must not appear).
SUMMARY_FIGURES = {"3.407": "3,407", "96,67": "96.67", "2.931": "2,931", "1.536": "1,536", "91,989": "91.989"}
REPORT_FIGURES = {"3.407": "3,407", "96,67": "96.67"}
# (first words of a page, image name): the first page of each kind is kept as a picture
PICTURES = [
    ("BẢNG TỔNG HỢP SỐ LIỆU", "tong_hop"),
    ("SỐ LIỆU THEO ĐƠN VỊ", "theo_don_vi"),
    ("TÌNH HÌNH NỘP BÁO CÁO", "tinh_hinh_nop"),
    ("BIỂU ĐỒ SỐ LIỆU", "bieu_do"),
]
OVERVIEW = "TÓM TẮT KẾT QUẢ TỔNG HỢP"
# the sample inbox made incomplete: a missing unit, a rejected report, a warning
MISSING = "CB12"
REJECTED = ("DB05", {"dv_cuoi_ky": 91, "huy_hieu_30": -2, "tcct_de_nghi": "mười sáu"})
WARNED = ("DB21", {"thu_nhap_bq": 150})


@dataclass
class Outputs:
    """What the two merges wrote: name → file, and the documents among them."""

    files: dict[str, Path] = field(default_factory=dict)

    def documents(self) -> dict[str, Path]:
        return {name: path for name, path in self.files.items() if path.suffix.lower() in DOCUMENTS}


def missing_tools() -> list[str]:
    """What printing needs and this computer lacks: the programs, and Times New Roman or its metric
    twin Liberation Serif (another serif font has other widths, and other line breaks)."""
    missing = [tool for tool in TOOLS if shutil.which(tool) is None]
    if shutil.which("fc-match") is None:
        return [*missing, "fontconfig"]
    family = run("fc-match", "-f", "%{family}", "Times New Roman")
    if "Liberation Serif" not in family and "Times New Roman" not in family:
        missing.append("fonts-liberation2")
    return missing


def run(*args: str, env: dict[str, str] | None = None, timeout: int = 300) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=timeout, env=env).stdout


def broken_inbox(target: Path) -> Path:
    """A copy of the sample inbox with one unit missing, one report rejected and one warning."""
    shutil.rmtree(target, ignore_errors=True)
    shutil.copytree(SAMPLES, target)
    for path in _unit_files(target, MISSING):
        path.unlink()
    for code, values in (REJECTED, WARNED):
        set_cells(_unit_files(target, code)[0], values)
    return target


def _unit_files(folder: Path, code: str) -> list[Path]:
    """The reports of unit ``code`` (issued files are named "<form>_<period>_<code>_<short name>")."""
    return [p for p in sorted(folder.glob("*.xlsx")) if code in p.stem.split("_")]


def set_cells(path: Path, values: dict[str, object]) -> None:
    """Type ``values`` over the value cells of the indicators with those codes, as a clerk would."""
    import openpyxl

    wb = openpyxl.load_workbook(path)
    for ws in wb.worksheets:
        columns = {cell.value: cell.column for row in ws.iter_rows(max_row=12) for cell in row if cell.value}
        if "Mã số" not in columns or "Số liệu" not in columns:
            continue
        for row in ws.iter_rows():
            code = row[columns["Mã số"] - 1].value
            if code in values:
                ws.cell(row=row[0].row, column=columns["Số liệu"]).value = values[code]
    wb.save(path)


def build_outputs(work: Path) -> Outputs:
    """Merge the sample inbox and its broken copy; write every output into ``work``."""
    work.mkdir(parents=True, exist_ok=True)
    out = Outputs()
    catalog = api.load_catalog()
    full = api.merge(SAMPLES, catalog)
    out.files["summary"] = api.write_summary(full, work / "tong_hop.xlsx", date=DAY)
    out.files["report"] = api.write_report(full, work / "bao_cao.docx", date=DAY)[0]
    inbox = broken_inbox(work / "inbox")
    broken = api.merge(inbox, catalog)
    out.files["summary_incomplete"] = api.write_summary(broken, work / "tong_hop_thieu.xlsx", date=DAY)
    period = parse_period(catalog, "9T-2021")
    out.files["template"] = api.template(work / "bieu_mau", catalog, period=period, units=[REJECTED[0]])[0]
    for i, path in enumerate(sorted(api.write_feedback(broken, work / "gop_y", inbox=inbox))):
        out.files[f"feedback_{i}"] = path
    letters = api.write_reminders(broken, work / "nhac", deadline=dt.date(2021, 10, 15), date=DAY, inbox=inbox)
    for i, path in enumerate(sorted(letters.letters)):
        out.files[f"reminder_{i}"] = path
    if letters.chase_list is not None:
        out.files["reminder_chase_list"] = letters.chase_list
    return out


def to_pdf(paths: list[Path], out_dir: Path, locale: str) -> dict[Path, Path]:
    """Print ``paths`` to PDF with LibreOffice as a computer set to ``locale`` would (one run, a
    private profile); source → PDF."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="render-profile-") as profile:
        env = {**os.environ, "LANG": locale, "LC_ALL": locale, "HOME": profile, "SAL_USE_VCLPLUGIN": "svp"}
        env.pop("LANGUAGE", None)
        soffice = shutil.which("soffice") or "soffice"
        run(soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
            "--convert-to", "pdf", "--outdir", str(out_dir), *map(str, paths), env=env)  # fmt: skip
    pdfs = {path: out_dir / f"{path.stem}.pdf" for path in paths}
    missing = [str(pdf) for pdf in pdfs.values() if not pdf.is_file()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {missing}")
    return pdfs


def render_outputs(
    documents: dict[str, Path], work: Path, locales: tuple[str, ...] = LOCALES
) -> dict[str, dict[str, Path]]:
    """Every document (name → file) printed under each locale, the locales in parallel; locale →
    name → PDF."""
    names = {path: name for name, path in documents.items()}
    with concurrent.futures.ThreadPoolExecutor(len(locales)) as pool:
        jobs = {locale: pool.submit(to_pdf, list(names), work / "pdf" / locale, locale) for locale in locales}
        return {locale: {names[src]: pdf for src, pdf in job.result().items()} for locale, job in jobs.items()}


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, laid out as printed."""
    return run("pdftotext", "-layout", str(pdf), "-").split("\f")[:-1]


@dataclass(frozen=True)
class Word:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


def page_words(pdf: Path) -> list[Word]:
    """Every word of the PDF with its box (points), from pdftotext -bbox-layout."""
    xml = run("pdftotext", "-bbox-layout", str(pdf), "-")
    xml = re.sub(r"<!DOCTYPE[^>]*>", "", xml).replace('xmlns="http://www.w3.org/1999/xhtml"', "")
    root = ElementTree.fromstring(xml)
    words = []
    for number, page in enumerate(root.iter("page"), start=1):
        for w in page.iter("word"):
            box = [float(w.get(k, 0)) for k in ("xMin", "yMin", "xMax", "yMax")]
            words.append(Word(number, *box, w.text or ""))
    return words


def overlaps(words: list[Word], tolerance: float = 0.5) -> list[tuple[Word, Word]]:
    """Pairs of words on the same page whose boxes overlap — text printed over text. Two boxes
    overlap when they share more than ``tolerance`` points across and a third of the lower box's
    height down (consecutive lines touch, they do not overlap)."""
    found = []
    by_band: dict[tuple[int, int], list[Word]] = {}
    for w in words:
        if len(w.text) > 1 and w.y1 - w.y0 > w.x1 - w.x0:  # turned on its side (a chart's axis): no box
            continue
        for band in range(int(w.y0 // 10), int(w.y1 // 10) + 1):
            by_band.setdefault((w.page, band), []).append(w)
    seen = set()
    for group in by_band.values():
        group.sort(key=lambda w: w.x0)
        for i, a in enumerate(group):
            for b in group[i + 1 :]:
                if b.x0 >= a.x1 - tolerance:
                    break
                across = min(a.x1, b.x1) - max(a.x0, b.x0)
                down = min(a.y1, b.y1) - max(a.y0, b.y0)
                if across > tolerance and down > min(a.y1 - a.y0, b.y1 - b.y0) / 3 and (a, b) not in seen:
                    seen.add((a, b))
                    found.append((a, b))
    return found


FIRST_COLUMNS = ("STT", "Tên đơn vị")


def spilled_pages(texts: list[str], exempt: tuple[str, ...] = ("BIỂU ĐỒ SỐ LIỆU",)) -> list[int]:
    """Pages (1-based) of table sheets that do not show a first column heading; from a page that
    starts with an ``exempt`` title (charts) on, until the next table page."""
    bad, in_exempt, tables_seen = [], False, False
    for number, text in enumerate(texts, start=1):
        shows_start = any(re.search(rf"(^|\s){re.escape(h)}(\s|$)", text) for h in FIRST_COLUMNS)
        in_exempt = any(title in text for title in exempt) or (in_exempt and not shows_start)
        tables_seen = tables_seen or shows_start
        if tables_seen and not in_exempt and not shows_start:
            bad.append(number)
    return bad


def figures_shown(texts: list[str], figures: dict[str, str]) -> tuple[list[str], list[str]]:
    """(Vietnamese figures missing, English forms present) in the printed text."""
    text = "\n".join(texts)
    missing = [vi for vi in figures if not re.search(rf"(?<![\d.,]){re.escape(vi)}(?![\d.,]\d)", text)]
    wrong = [en for en in figures.values() if re.search(rf"(?<![\d.,]){re.escape(en)}(?![\d.,]?\d)", text)]
    return missing, wrong


def picture(pdf: Path, page: int, target: Path, dpi: int = 70) -> None:
    run("pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf),
        str(target.with_suffix("")))  # fmt: skip


def write_pictures(pdfs: dict[str, Path], folder: Path) -> list[Path]:
    """The README's pictures: the first page of each kind of summary sheet, the report's first page."""
    folder.mkdir(parents=True, exist_ok=True)
    summary, texts, written = pdfs["summary"], page_texts(pdfs["summary"]), []
    for heading, image in PICTURES:
        page = next((i for i, text in enumerate(texts, start=1) if heading in text), None)
        if page is not None:
            picture(summary, page, folder / f"{image}.png")
            written.append(folder / f"{image}.png")
    incomplete = pdfs["summary_incomplete"]  # its first page names who is missing and why
    page = next((i for i, text in enumerate(page_texts(incomplete), start=1) if OVERVIEW in text), None)
    if page is not None:
        picture(incomplete, page, folder / "tom_tat.png")
        written.append(folder / "tom_tat.png")
    picture(pdfs["report"], 1, folder / "bao_cao.png", dpi=60)
    return [*written, folder / "bao_cao.png"]


def check(name: str, pdf: Path, locale: str) -> list[str]:
    """What is wrong with one printed output (empty when nothing is)."""
    texts, problems = page_texts(pdf), []
    figures = SUMMARY_FIGURES if name == "summary" else REPORT_FIGURES if name == "report" else {}
    missing, wrong = figures_shown(texts, figures)
    problems += [f"{name} [{locale}]: {vi} is not printed" for vi in missing]
    problems += [f"{name} [{locale}]: {en} is printed (English separators)" for en in wrong]
    if pdf.stem.startswith("tong_hop"):
        problems += [f"{name} [{locale}]: page {p} holds spilled-over columns" for p in spilled_pages(texts)]
    for a, b in overlaps(page_words(pdf))[:20]:
        problems.append(f"{name} [{locale}]: page {a.page}: “{a.text}” overlaps “{b.text}”")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--images", type=Path, default=HERE / "images")
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    if missing_tools():
        print(f"not installed: {', '.join(missing_tools())}", file=sys.stderr)
        return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="render-"))
    outputs = build_outputs(work)
    pdfs = render_outputs(outputs.documents(), work)
    problems = [p for locale, done in pdfs.items() for name, pdf in done.items() for p in check(name, pdf, locale)]
    for locale, done in pdfs.items():
        print(f"{locale}: " + ", ".join(f"{name} {len(page_texts(pdf))} p." for name, pdf in done.items()))
    print("\n".join(problems) or "all printed pages pass")
    written = write_pictures(pdfs[LOCALES[1]], args.images)  # as printed on an English (US) computer
    print(f"{len(written)} pictures in {args.images}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
