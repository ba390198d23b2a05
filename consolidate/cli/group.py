"""The ``consolidate`` command group and the console entry point.

The entry point first makes sure stdout and stderr can carry Vietnamese: output redirected to a
file on Windows is encoded in the legacy code page (cp1252, or cp1258, which has no precomposed
"ệ"), and printing would stop the run with ``UnicodeEncodeError``. Such a stream is switched to
UTF-8 (what Notepad and every editor read); a console or a UTF-8 stream is left alone.
"""

from __future__ import annotations

import os
import sys

import click

from consolidate import __version__
from consolidate.cli.errors import Group, translate
from consolidate.cli.vietnamese import context_lang


@click.group(cls=Group, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(
    __version__, prog_name="consolidate", message="%(prog)s, phiên bản %(version)s", help="Hiện phiên bản và thoát."
)
def cli() -> None:
    """Tổng hợp báo cáo Excel của các tổ chức cơ sở đảng: kiểm tra, cộng dồn, lập bảng tổng hợp.

    \b
    Các bước thường làm:
      consolidate template --period 9T-2021 -o bieu_mau/   # phát biểu mẫu cho các đơn vị
      consolidate merge thu_muc_nhan/ -o tong_hop.xlsx     # tổng hợp báo cáo đã nhận
      consolidate status thu_muc_nhan/ --reminders nhac/   # đơn vị nào chưa nộp, bị từ chối
      consolidate close 9T-2021 --note "Đã trình ký"       # chốt số liệu lãnh đạo đã ký
      consolidate history -o xu_huong.xlsx                 # số liệu qua các kỳ, có biểu đồ
    """


VIETNAMESE_PROBE = "ệ"  # a letter only Unicode encodings hold as one character


def speak_vietnamese(*streams) -> None:
    """Switch every text stream that cannot encode Vietnamese to UTF-8 (its error handler kept)."""
    for stream in streams or (sys.stdout, sys.stderr):
        encoding = getattr(stream, "encoding", None)
        if not encoding or not hasattr(stream, "reconfigure"):
            continue
        try:
            VIETNAMESE_PROBE.encode(encoding)
        except (UnicodeEncodeError, LookupError):
            try:
                stream.flush()
                stream.reconfigure(encoding="utf-8", errors=getattr(stream, "errors", None) or "strict")
            except (OSError, ValueError):  # a closed or detached stream: nothing to print to anyway
                continue


def main() -> None:
    """The console entry point. Once the command has returned (its outputs written, closed and
    renamed) and stdout/stderr are flushed, the process ends without tearing the interpreter down:
    freeing pandas, pandera and every record read costs 0.1–0.2 s and changes nothing."""
    speak_vietnamese()
    try:
        cli(prog_name="consolidate")
        code = 0
    except SystemExit as exc:
        code = _exit_status(exc.code)
    except Exception as exc:  # the last guard: whatever escaped click still reaches the user as words
        if os.environ.get("CONSOLIDATE_DEBUG"):
            raise
        click.echo(translate(exc, context_lang(None)), err=True)
        code = 2
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):  # a closed pipe: let Python report it the usual way
        sys.exit(code)
    os._exit(code)


def _exit_status(code: object) -> int:
    """What ``sys.exit(code)`` would make of ``code``."""
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    print(code, file=sys.stderr)
    return 1
