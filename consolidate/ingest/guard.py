"""What a file really is, and whether it is safe to open: checked before any parser runs.

- :func:`sniff` names the content from its magic bytes and container members, not its extension
  (an .xls renamed .xlsx, a .docx renamed .xlsx, an encrypted workbook, a PDF, a picture …).
- :func:`check_zip` refuses decompression bombs from the sizes the zip directory declares (both
  openpyxl and calamine enforce those sizes while inflating), so a 1 GB bomb costs ~0.1 ms.
- :func:`unsafe_xml` spots DTD / entity declarations (billion laughs, XXE) in the XML we inflate.

Limits (stated in the docs): a report file may be at most 20 MB on disk, inflate to at most
100 MB in total, 50 MB per member, with at most 10,000 members; a member larger than 1 MB may not
inflate more than 200-fold.
"""

from __future__ import annotations

import re
import zipfile
import zlib
from dataclasses import dataclass

from consolidate.core.numbers import format_number

MAX_FILE_BYTES = 20 * 1024 * 1024
MAX_TOTAL_INFLATED = 100 * 1024 * 1024
MAX_MEMBER_INFLATED = 50 * 1024 * 1024
MAX_MEMBERS = 10_000
MAX_RATIO = 200
RATIO_FLOOR = 1024 * 1024

# What reading a member of a damaged archive can raise (a corrupt deflate stream is zlib.error).
ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    EOFError,
    ValueError,
    RuntimeError,
    NotImplementedError,
    KeyError,
)

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_UNSAFE = re.compile(rb"<!(DOCTYPE|ENTITY)", re.IGNORECASE)

# What a non-workbook turned out to be, in both languages.
KINDS = {
    "empty": ("tệp rỗng", "an empty file"),
    "word": ("tài liệu Word", "a Word document"),
    "powerpoint": ("bản trình chiếu PowerPoint", "a PowerPoint presentation"),
    "odt": ("tài liệu văn bản OpenDocument", "an OpenDocument text"),
    "xlsb": ("sổ làm việc nhị phân Excel (.xlsb), chưa được hỗ trợ", "an Excel binary workbook (.xlsb), not supported"),
    "zip": ("tệp nén ZIP", "a ZIP archive"),
    "ole": ("tệp Office cũ không phải bảng tính", "a legacy Office file that is not a spreadsheet"),
    "pdf": ("tài liệu PDF", "a PDF document"),
    "png": ("ảnh PNG", "a PNG image"),
    "jpeg": ("ảnh JPEG", "a JPEG image"),
    "gif": ("ảnh GIF", "a GIF image"),
    "rtf": ("văn bản RTF", "an RTF document"),
    "html": ("trang web HTML", "an HTML page"),
    "text": ("văn bản thuần hoặc CSV", "plain text or CSV"),
    "binary": ("dữ liệu không xác định", "unrecognised binary data"),
}


def describe(kind: str) -> dict[str, str]:
    vi, en = KINDS.get(kind, KINDS["binary"])
    return {"vi": vi, "en": en}


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def sniff(data: bytes, zf: zipfile.ZipFile | None = None) -> str:
    """The kind of content: xlsx | xlsm | xls | ods | encrypted, or a key of :data:`KINDS`.

    ``zf`` is the already-opened zip of ``data`` when it is one (a damaged zip is "zip-broken").
    """
    if not data:
        return "empty"
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        if zf is None:
            return "zip-broken"
        return _zip_kind(zf)
    if data.startswith(OLE_MAGIC):
        if _utf16("EncryptionInfo") in data or _utf16("EncryptedPackage") in data:
            return "encrypted"
        if _utf16("Workbook") in data or _utf16("Book") in data:
            return "xls"
        return (
            "word"
            if _utf16("WordDocument") in data
            else "powerpoint"
            if _utf16("PowerPoint Document") in data
            else "ole"
        )
    head = data[:16]
    for magic, kind in (
        (b"%PDF", "pdf"),
        (b"\x89PNG", "png"),
        (b"\xff\xd8\xff", "jpeg"),
        (b"GIF8", "gif"),
        (b"{\\rtf", "rtf"),
    ):
        if head.startswith(magic):
            return kind
    text = _as_text(data[:4096])
    if text is None:
        return "binary"
    lowered = text.lower()
    if "<html" in lowered or "<!doctype html" in lowered:
        return "html"
    return "text"


def _as_text(sample: bytes) -> str | None:
    """The sample as text when it reads as UTF-8 (a cut last character allowed) or the
    Vietnamese Windows code page and is nearly all printable; None for binary data."""
    for cut in range(4):
        try:
            text = sample[: len(sample) - cut].decode("utf-8")
            break
        except UnicodeDecodeError:
            continue
    else:
        text = sample.decode("cp1258", errors="replace")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text)
    return text if printable >= 0.95 * max(len(text), 1) else None


def _zip_kind(zf: zipfile.ZipFile) -> str:
    names = set(zf.namelist())
    if "mimetype" in names:
        try:
            mime = zf.read("mimetype")[:100]
        except ZIP_ERRORS:
            return "zip-broken"
        if b"opendocument.spreadsheet" in mime:
            return "ods"
        if b"opendocument.text" in mime:
            return "odt"
    if "xl/workbook.xml" in names:
        return "xlsm" if "xl/vbaProject.bin" in names else "xlsx"
    if "xl/workbook.bin" in names:
        return "xlsb"
    if "word/document.xml" in names:
        return "word"
    if any(n.startswith("ppt/") for n in names):
        return "powerpoint"
    return "zip"


@dataclass(frozen=True, slots=True)
class ZipVerdict:
    """Why a zip is refused: ``code`` F107 (too large when inflated) or F109 (damaged)."""

    code: str
    params: dict


def check_zip(zf: zipfile.ZipFile) -> ZipVerdict | None:
    """Refuse bombs by the declared sizes; None when the zip may be opened."""
    infos = zf.infolist()
    if len(infos) > MAX_MEMBERS:
        return ZipVerdict("F109", {"detail": {"vi": f"{len(infos)} thành phần", "en": f"{len(infos)} members"}})
    total = 0
    for info in infos:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER_INFLATED or (info.file_size > RATIO_FLOOR and ratio > MAX_RATIO):
            return ZipVerdict("F107", {"size": human_size(info.file_size), "limit": human_size(MAX_MEMBER_INFLATED)})
    if total > MAX_TOTAL_INFLATED:
        return ZipVerdict("F107", {"size": human_size(total), "limit": human_size(MAX_TOTAL_INFLATED)})
    return None


def unsafe_xml(xml: bytes) -> bool:
    """True when the XML declares a DTD or entities (never present in a genuine workbook part)."""
    return _UNSAFE.search(xml[:4096]) is not None


def human_size(size: int) -> dict[str, str]:
    """ "1.025 MB" (vi) / "1,025 MB" (en)."""
    unit, scaled = ("MB", size / (1024 * 1024)) if size >= 1024 * 1024 else ("KB", size / 1024)
    return {lang: f"{format_number(round(scaled), 0, lang)} {unit}" for lang in ("vi", "en")}
