"""Render what leadership gets — the summary workbook and the draft report of the sample inbox —
to PDF with LibreOffice and to PNG with pdftoppm, and check that every printed sheet fits the page
width.

    python docs/render.py                 # writes docs/images/*.png
    python docs/render.py --keep DIR      # also keeps the PDFs and workbooks in DIR

Needs LibreOffice (``apt-get install -y libreoffice-calc libreoffice-writer``) and poppler-utils.

The width check: with "fit to one page wide", no table spills onto extra pages sideways. Every
page of a table sheet repeats the header row, so every page must show the table's first column
headings ("STT", or "Tên đơn vị" on the per-unit continuation sheets, which start with the unit);
a page of spilled-over columns would show neither.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from consolidate.outputs.report.writer import write_report
from consolidate.outputs.summary.writer import SummaryOptions, write_summary
from consolidate.pipeline.merge import merge_inbox

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
DAY = dt.date(2021, 10, 6)
# (first words of a page, image name): the first page of each kind is kept as a picture
PICTURES = [
    ("BẢNG TỔNG HỢP SỐ LIỆU", "tong_hop"),
    ("SỐ LIỆU THEO ĐƠN VỊ", "theo_don_vi"),
    ("TÌNH HÌNH NỘP BÁO CÁO", "tinh_hinh_nop"),
    ("BIỂU ĐỒ SỐ LIỆU", "bieu_do"),
]


def run(*args: str) -> str:
    return subprocess.run(args, check=True, capture_output=True, text=True, timeout=300).stdout


def to_pdf(path: Path, out: Path) -> Path:
    run("soffice", "--headless", "--convert-to", "pdf", "--outdir", str(out), str(path))
    return out / (path.stem + ".pdf")


def pages(pdf: Path) -> list[str]:
    count = int(next(line.split()[-1] for line in run("pdfinfo", str(pdf)).splitlines() if line.startswith("Pages:")))
    return [run("pdftotext", "-layout", "-f", str(i), "-l", str(i), str(pdf), "-") for i in range(1, count + 1)]


FIRST_COLUMNS = ("STT", "Tên đơn vị")


def check_width(texts: list[str]) -> list[int]:
    """Pages (1-based) of table sheets that do not show their first column headings."""
    bad, in_charts = [], False
    for number, text in enumerate(texts, start=1):
        shows_start = any(heading in text for heading in FIRST_COLUMNS)
        in_charts = "BIỂU ĐỒ SỐ LIỆU" in text or (in_charts and not shows_start)
        if not in_charts and not shows_start:
            bad.append(number)
    return bad


def picture(pdf: Path, page: int, target: Path, dpi: int = 70) -> None:
    stem = target.with_suffix("")
    run("pdftoppm", "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(stem))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--inbox", type=Path, default=ROOT / "samples" / "inbox")
    parser.add_argument("--images", type=Path, default=HERE / "images")
    parser.add_argument("--keep", type=Path, default=None)
    args = parser.parse_args()
    for tool in ("soffice", "pdftoppm", "pdftotext", "pdfinfo"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed", file=sys.stderr)
            return 2
    work = args.keep or Path(tempfile.mkdtemp(prefix="render-"))
    work.mkdir(parents=True, exist_ok=True)
    args.images.mkdir(parents=True, exist_ok=True)
    result = merge_inbox(args.inbox)
    summary = write_summary(result, work / "tong_hop.xlsx", SummaryOptions(date=DAY))
    report, _ = write_report(result, work / "bao_cao.docx", DAY)
    summary_pdf, report_pdf = to_pdf(summary, work), to_pdf(report, work)
    texts = pages(summary_pdf)
    bad = check_width(texts)
    print(f"summary: {len(texts)} pages; pages not fitting the width: {bad or 'none'}")
    for heading, name in PICTURES:
        page = next((i for i, text in enumerate(texts, start=1) if heading in text), None)
        if page is not None:
            picture(summary_pdf, page, args.images / f"{name}.png")
            print(f"  {name}.png ← page {page}")
    picture(report_pdf, 1, args.images / "bao_cao.png", dpi=60)
    print(f"report: {len(pages(report_pdf))} pages; bao_cao.png ← page 1")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
