"""The commands of the reporting cycle around the history database: receive attachments, close a
period leadership signed, reopen it, and see the figures over the periods (trends, audit). Each
parses, calls the public API (:mod:`consolidate.api`), prints text or ``--json`` and exits: 0 done,
2 nothing done (a bad argument, a database that cannot be used).
"""

from __future__ import annotations

from pathlib import Path

import click

from consolidate import api
from consolidate.cli import options
from consolidate.cli.cycle_text import audit_text, closing_text, receipts_text, trends_text
from consolidate.cli.group import cli
from consolidate.cli.words import t


@cli.command()
@click.argument("files", nargs=-1, required=True, type=click.Path(path_type=Path), metavar="TỆP...")
@click.option(
    "--inbox",
    type=click.Path(file_okay=False, path_type=Path),
    required=True,
    metavar="THƯ_MỤC_NHẬN",
    help="Thư mục nhận báo cáo: các tệp được chép vào đây.",
)
@options.db_option
@options.by_option
@options.json_option
@options.schemas_option
@options.lang_option
def receive(files, inbox, db, by, as_json, schemas, lang):
    """Nhận tệp đơn vị gửi (tệp đính kèm): chép vào THƯ_MỤC_NHẬN và ghi thời điểm nhận vào cơ sở dữ liệu lịch
    sử, lần lượt theo thứ tự ghi trên lệnh. Bản nhận sau cùng của một đơn vị là bản được tổng hợp."""
    catalog = options.load(schemas)
    receipts = api.receive(files, inbox, catalog, db=db, by=by)
    if as_json:
        options.emit_json({"inbox": str(inbox), "received": [r.to_json() for r in receipts]})
    else:
        click.echo(receipts_text(receipts, lang))


@cli.command(name="close")
@click.argument("period_text", metavar="KỲ-NĂM")
@options.by_option
@click.option("--note", default="", metavar="GHI_CHÚ", help="Ghi chú vào nhật ký, ví dụ “Đã trình Thường trực ký”.")
@options.db_option
@options.json_option
@options.schemas_option
@options.lang_option
def close_command(period_text, by, note, db, as_json, schemas, lang):
    """Chốt số liệu của một kỳ (số liệu lãnh đạo đã ký): các lần tổng hợp sau vẫn ghi tệp kết quả nhưng không
    thay đổi số liệu đã chốt, và báo những gì sẽ khác."""
    catalog = options.load(schemas)
    state = api.close(options.period(catalog, period_text), catalog, db=db, by=by, note=note)
    if as_json:
        options.emit_json(state.to_json())
    else:
        click.echo(closing_text(state, catalog, lang))


@cli.command()
@click.argument("period_text", metavar="KỲ-NĂM")
@click.option("--reason", required=True, metavar="LÝ_DO", help="Lý do mở lại, ghi vào nhật ký (bắt buộc).")
@options.by_option
@options.db_option
@options.json_option
@options.schemas_option
@options.lang_option
def reopen(period_text, reason, by, db, as_json, schemas, lang):
    """Mở lại một kỳ đã chốt, để lần tổng hợp sau được ghi."""
    catalog = options.load(schemas)
    state = api.reopen(options.period(catalog, period_text), catalog, db=db, by=by, reason=reason)
    if as_json:
        options.emit_json({**state.to_json(), "reason": reason})
    else:
        click.echo(closing_text(state, catalog, lang, reason))


@cli.command()
@click.option("--indicator", "indicators", multiple=True, metavar="MÃ", help="Chỉ tiêu cần xem (lặp lại được).")
@click.option("--unit", "units", multiple=True, metavar="MÃ", help="Đơn vị cần xem (lặp lại được).")
@click.option("--from", "start", metavar="KỲ-NĂM", help="Từ kỳ này, ví dụ 9T-2019.")
@click.option("--to", "end", metavar="KỲ-NĂM", help="Đến kỳ này, ví dụ 9T-2021.")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    metavar="TỆP",
    help="Ghi bảng xu hướng (.xlsx): số liệu toàn Khối và từng đơn vị qua các kỳ, biểu đồ đường cho mỗi chỉ tiêu.",
)
@click.option("--audit", is_flag=True, help="In nhật ký: các lần tổng hợp đã ghi, chốt, mở lại, nhận tệp.")
@options.db_option
@options.json_option
@options.schemas_option
@options.lang_option
def history(indicators, units, start, end, output, audit, db, as_json, schemas, lang):
    """Số liệu qua các kỳ đã ghi trong cơ sở dữ liệu lịch sử: tổng toàn Khối (kèm số đơn vị có số liệu) và
    từng đơn vị; tùy chọn ghi bảng xu hướng có biểu đồ."""
    catalog = options.load(schemas)
    if audit:
        events = api.audit(catalog, db=db)
        if as_json:
            options.emit_json({"audit": [e.to_json() for e in events]})
        else:
            click.echo(audit_text(events, lang))
        return
    first, last = options.period(catalog, start), options.period(catalog, end)
    trends = api.trends(catalog, db=db, indicators=indicators, units=units, start=first, end=last)
    locked: api.Locked = []
    written = api.write_trends(trends, output, catalog, locked=locked) if output is not None else None
    if as_json:
        payload = trends.to_json()
        if written is not None:
            payload["output"] = str(written)
        options.emit_json(payload)
    else:
        click.echo(trends_text(trends, catalog, lang))
        if written is not None:
            click.echo(t("trends_written", lang, path=written))
    for target, kept in locked:
        click.echo(t("output_locked", lang, path=target, kept=kept, name=target.name), err=True)
    click.get_current_context().exit(1 if locked else 0)
