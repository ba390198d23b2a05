"""The words of the reporting cycle's commands and lines (history database, receipts, closing,
trends), Vietnamese and English; :mod:`consolidate.cli.words` adds them to its table."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # what a merge or status says about the history database
    "db_recorded": (
        "Đã ghi lần tổng hợp này vào cơ sở dữ liệu lịch sử (lần thứ {count} của kỳ này; {n} tệp nhận lần đầu).",
        "This merge was recorded in the history database (merge {count} of this period; {n} files received for "
        "the first time).",
    ),
    "db_unchanged": (
        "Cơ sở dữ liệu lịch sử: không có gì mới so với lần tổng hợp đã ghi của kỳ này.",
        "History database: nothing new since this period's recorded merge.",
    ),
    "db_compared": ("So sánh với {what}.", "Compared with {what}."),
    "db_last_year": ("cùng kỳ {period} ({source})", "the same period last year, {period} ({source})"),
    "db_earlier": ("kỳ trước {period} ({source})", "the earlier period {period} ({source})"),
    "db_source_db": ("số liệu đã ghi trong cơ sở dữ liệu lịch sử", "recorded in the history database"),
    "db_quarter": (
        "Số liệu riêng {label} (= {period} trừ {earlier}) ở cột “{label}” của trang “Tổng hợp”.",
        "Figures of {label} alone (= {period} minus {earlier}) in the “{label}” column of “Tổng hợp”.",
    ),
    "db_closed": (
        "Kỳ {period} đã chốt lúc {at} ({by}): số liệu đã chốt được giữ nguyên, lần tổng hợp này không được ghi.",
        "{period} was closed at {at} ({by}): the closed figures stay as they are; this merge was not recorded.",
    ),
    "db_closed_status": ("Kỳ {period} đã chốt lúc {at} ({by}).", "{period} was closed at {at} ({by})."),
    "db_open_status": ("Kỳ {period}: chưa chốt.", "{period}: not closed."),
    "db_same_as_closed": (
        "Lần tổng hợp này trùng khớp với số liệu đã chốt.",
        "This merge matches the closed figures.",
    ),
    "db_would_change": (
        "Nếu được ghi, lần tổng hợp này sẽ thay đổi số liệu đã chốt ở {n} điểm:",
        "If recorded, this merge would change the closed figures in {n} places:",
    ),
    "db_change_total": ("  Toàn Khối — {label}: {closed} → {now}", "  Bloc total — {label}: {closed} → {now}"),
    "db_change_file": (
        "  {unit} — tệp được dùng: {now} (đã chốt: {closed})",
        "  {unit} — file counted: {now} (closed: {closed})",
    ),
    "db_change_value": ("  {unit} — {label}: {closed} → {now}", "  {unit} — {label}: {closed} → {now}"),
    "db_reopen_hint": (
        'Muốn ghi số liệu mới: consolidate reopen {period_key} --reason "lý do", rồi tổng hợp lại.',
        'To record new figures: consolidate reopen {period_key} --reason "why", then merge again.',
    ),
    "db_none_file": ("(không có)", "(none)"),
    # receive
    "received_new": ("Đã nhận {file} → {target} lúc {at}.", "Received {file} → {target} at {at}."),
    "received_before": (
        "{file} → {target}: tệp này đã được nhận trước đó, lúc {at}; giữ thời điểm nhận đầu tiên.",
        "{file} → {target}: this file was received before, at {at}; its first receipt stands.",
    ),
    "received_members": ("  (tệp nén: {n} tệp báo cáo bên trong)", "  (archive: {n} report files inside)"),
    # close, reopen
    "closed": (
        "Đã chốt số liệu {period} lúc {at} ({by}). Các lần tổng hợp sau không thay đổi số liệu đã chốt.",
        "Closed {period} at {at} ({by}). Later merges will not change the closed figures.",
    ),
    "reopened": (
        "Đã mở lại {period} (lý do: {reason}). Lần tổng hợp tiếp theo sẽ được ghi.",
        "Reopened {period} (reason: {reason}). The next merge will be recorded.",
    ),
    # history
    "trends_head": ("Các kỳ đã ghi: {periods}.", "Recorded periods: {periods}."),
    "trends_closed": ("đã chốt", "closed"),
    "trends_none": (
        "Cơ sở dữ liệu lịch sử {db} chưa ghi kỳ báo cáo nào (hãy chạy consolidate merge).",
        "The history database {db} holds no period yet (run consolidate merge).",
    ),
    "trends_written": ("Đã ghi bảng xu hướng: {path}", "Trends workbook written: {path}"),
    "trends_row": ("  {label} ({unit}): {values}", "  {label} ({unit}): {values}"),
    "audit_row": ("  {at}  {by}  {action}  {period}  {detail}", "  {at}  {by}  {action}  {period}  {detail}"),
    "audit_head": ("Nhật ký ({n} sự kiện):", "Audit ({n} events):"),
    "action_merge": ("tổng hợp", "merge"),
    "action_close": ("chốt số liệu", "close"),
    "action_reopen": ("mở lại", "reopen"),
    "action_receive": ("nhận tệp", "receive"),
    # errors that stop a run
    "err_history": (
        "Không dùng được cơ sở dữ liệu lịch sử “{path}”: {detail}",
        "Cannot use the history database “{path}”: {detail}",
    ),
    "err_receive_missing": ("Không tìm thấy tệp “{path}”.", "File “{path}” does not exist."),
    "err_indicator": (
        "Chỉ tiêu “{value}” không phải chỉ tiêu số trong danh mục.",
        "“{value}” is not a numeric indicator of the catalog.",
    ),
    "db_not_database": (
        "tệp này không phải cơ sở dữ liệu (SQLite) hoặc đã bị hỏng. Hãy chỉ đúng tệp bằng --db, "
        "hoặc chép lại bản sao lưu",
        "the file is not an (SQLite) database or is damaged. Point --db at the right file, or restore a backup",
    ),
    "db_foreign": (
        "đây là cơ sở dữ liệu của một chương trình khác, không phải của công cụ này",
        "this is another program's database, not this toolkit's",
    ),
    "db_newer": (
        "cơ sở dữ liệu do phiên bản mới hơn của công cụ tạo ra (phiên bản cấu trúc {found}, phiên bản này hiểu đến "
        "{supported}); hãy cài phiên bản mới",
        "the database was made by a newer version of the toolkit (schema {found}; this one knows up to "
        "{supported}); install the newer version",
    ),
    "db_busy": (
        "cơ sở dữ liệu đang được một lệnh khác ghi (ví dụ một lần tổng hợp khác) quá lâu; hãy đợi lệnh đó xong rồi chạy lại",
        "another command (another merge, say) has been writing the database for too long; wait for it to "
        "finish and run again",
    ),
    "db_readonly": (
        "không được phép ghi vào tệp hoặc thư mục này; chọn tệp khác bằng --db, hoặc --no-db để tổng hợp mà không ghi",
        "the file or its folder is read-only; choose another file with --db, or merge without it with --no-db",
    ),
    "db_cannot_open": (
        "không mở được tệp ({detail}); chọn tệp khác bằng --db, hoặc --no-db để tổng hợp mà không ghi",
        "the file cannot be opened ({detail}); choose another file with --db, or merge without it with --no-db",
    ),
    "db_is_folder": ("đây là một thư mục, không phải tệp", "this is a folder, not a file"),
    "db_failed": ("lỗi cơ sở dữ liệu ({detail})", "database error ({detail})"),
    "db_none": (
        "chưa chỉ định cơ sở dữ liệu lịch sử: dùng --db TỆP, biến môi trường CONSOLIDATE_DB, hoặc khai báo "
        "history: database trong schemas/bloc.yaml",
        "no history database: use --db FILE, the CONSOLIDATE_DB environment variable, or history: database in "
        "schemas/bloc.yaml",
    ),
    "cycle_no_period": (
        "chưa có lần tổng hợp nào của {period} được ghi trong cơ sở dữ liệu lịch sử; hãy tổng hợp trước khi chốt",
        "no merge of {period} is recorded in the history database; merge before closing",
    ),
    "cycle_already_closed": ("{period} đã chốt lúc {at} ({by})", "{period} was already closed at {at} ({by})"),
    "cycle_not_closed": ("{period} chưa chốt, không cần mở lại", "{period} is not closed"),
}
