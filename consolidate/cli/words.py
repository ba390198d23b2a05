"""The words of the command line, in Vietnamese (default) and English (``--lang en``).

Finding messages live with their codes (codes.py, the catalog); this table holds only what the
CLI itself says. ``t(key, lang, **params)`` formats; numbers passed in are already text.
"""

from __future__ import annotations

from consolidate.cli.cycle_words import MESSAGES as CYCLE_MESSAGES

MESSAGES: dict[str, tuple[str, str]] = {
    "period": ("Kỳ báo cáo: {period}", "Period: {period}"),
    "period_unknown": (
        "Kỳ báo cáo: chưa xác định (không tệp nào ghi kỳ báo cáo)",
        "Period: unknown (no file states its period)",
    ),
    "accepted": ("Đã nhận {accepted}/{expected} đơn vị.", "Accepted {accepted}/{expected} units."),
    "bloc_ok": ("Số liệu của {committee}: đã nhận ({file}).", "{committee} figures: accepted ({file})."),
    "bloc_rejected": ("Số liệu của {committee}: bị từ chối ({file}).", "{committee} figures: rejected ({file})."),
    "bloc_missing": ("Số liệu của {committee}: chưa có.", "{committee} figures: missing."),
    "form_head": ("Biểu mẫu {form} — {name}:", "Form {form} — {name}:"),
    "rejected_head": ("Bị từ chối ({n}):", "Rejected ({n}):"),
    "units_count": ("Đơn vị ({expected}): {parts}.", "Units ({expected}): {parts}."),
    "unreadable_head": (
        "Đã gửi nhưng không đọc được ({n}) — đề nghị gửi lại tệp Excel của biểu mẫu:",
        "Sent but not readable ({n}) — ask for the template's Excel file:",
    ),
    "conflict_head": (
        "Chưa rõ bản nào được dùng ({n}) — Văn phòng giữ lại một bản rồi chạy lại:",
        "Versions in conflict ({n}) — keep one version and run again:",
    ),
    "bloc_conflict": (
        "Số liệu của {committee}: có nhiều bản khác nhau ({files}); giữ lại một bản rồi chạy lại.",
        "{committee} figures: different versions ({files}); keep one and run again.",
    ),
    "missing_head": ("Chưa nộp ({n}): {units}", "Missing ({n}): {units}"),
    "other_files_head": ("Tệp không được tính ({n}):", "Files not counted ({n}):"),
    "errors_warnings": ("{errors} lỗi, {warnings} cảnh báo", "errors: {errors}, warnings: {warnings}"),
    "warnings_total": (
        "Cảnh báo cần xem lại: {n} (chi tiết ở trang “Lỗi” của tệp tổng hợp).",
        "Warnings to review: {n} (see the “Lỗi” sheet of the summary).",
    ),
    "bloc_findings_head": ("Kiểm tra toàn Khối:", "Bloc-wide checks:"),
    "written": ("Đã ghi: {path}", "Written: {path}"),
    "templates_written": ("Đã ghi {n} biểu mẫu vào {path}", "Wrote {n} templates to {path}"),
    "file_ok": ("{file}: hợp lệ", "{file}: valid"),
    "file_bad": ("{file}: {status} — {counts}", "{file}: {status} — {counts}"),
    "more": ("… và {n} mục khác", "… and {n} more"),
    "status_head": (
        "Tình hình nộp báo cáo {period}: đã nhận {accepted}, bị từ chối {rejected}, chưa nộp {missing} "
        "(trên {expected} đơn vị).",
        "Submissions for {period}: {accepted} accepted, {rejected} rejected, {missing} missing (of {expected} units).",
    ),
    "reminders_written": ("Đã ghi {n} thư nhắc vào {path}", "Wrote {n} reminders to {path}"),
    "chase_written": ("Đã ghi danh sách đơn vị cần đôn đốc: {path}", "Wrote the list of units to chase: {path}"),
    "letters_date_today": (
        "Ngày ghi trên thư nhắc: {path} (hôm nay; dùng --date để ghi ngày khác).",
        "Date on the reminder letters: {path} (today; use --date for another).",
    ),
    "reminders_none": (
        "Không đơn vị nào chưa nộp hay bị từ chối: không có thư nhắc nào để ghi.",
        "No unit is missing or rejected: no reminder to write.",
    ),
    "annotated_written": ("Đã ghi {n} bản có đánh dấu lỗi vào {path}", "Wrote {n} annotated copies to {path}"),
    "annotated_none": (
        "Không tệp nào có lỗi hay cảnh báo: không có bản góp ý nào để ghi.",
        "No file has errors or warnings: no annotated copy to write.",
    ),
    "date_deadline": (
        "Ngày ghi trên văn bản: {path} (hạn nộp báo cáo của kỳ, theo schemas/bloc.yaml; dùng --date để ghi ngày khác).",
        "Date on the documents: {path} (the period's deadline in schemas/bloc.yaml; use --date for another).",
    ),
    "date_today": (
        "Ngày ghi trên văn bản: {path} (hôm nay — schemas/bloc.yaml không ghi hạn nộp của kỳ này; dùng --date để "
        "ghi ngày khác).",
        "Date on the documents: {path} (today — schemas/bloc.yaml states no deadline for this period; use --date "
        "for another).",
    ),
    "report_written": ("Đã ghi dự thảo báo cáo: {path}", "Draft report written: {path}"),
    "report_unknown": (
        "Chú ý: mẫu báo cáo dùng mã không có trong danh mục (đã in “…”): {names}",
        "Note: the report template uses codes not in the catalog (printed as “…”): {names}",
    ),
    "catalog_warning": ("Chú ý: {detail}", "Note: {detail}"),
    "long_path": (
        "Chú ý: đường dẫn “{path}” dài {n} ký tự, vượt giới hạn 260 ký tự của Windows: trên máy Windows tệp này "
        "không ghi hoặc mở được (kể cả bằng Excel). Hãy chọn thư mục có đường dẫn ngắn hơn.",
        "Note: the path “{path}” is {n} characters long, over Windows' limit of 260: on a Windows PC this file "
        "cannot be written or opened (not even by Excel). Choose a folder with a shorter path.",
    ),
    "long_inbox_paths": (
        "Chú ý: {n} tệp trong thư mục nhận có đường dẫn dài hơn giới hạn 260 ký tự của Windows; trên máy Windows "
        "các tệp này không đọc được: {files}. Hãy chép thư mục nhận vào một thư mục gần gốc ổ đĩa "
        "(ví dụ D:\\nhan_bao_cao) hoặc đặt tên thư mục, tên tệp ngắn hơn.",
        "Note: {n} files of the inbox have paths longer than Windows' limit of 260 characters; a Windows PC "
        "cannot read them: {files}. Copy the inbox to a folder near the root of a drive (e.g. D:\\nhan_bao_cao) "
        "or shorten the folder and file names.",
    ),
    "output_locked": (
        "Chú ý: không ghi đè được “{path}” vì tệp đang mở trong một chương trình khác (thường là Excel hoặc Word). "
        "Kết quả lần này đã được ghi vào “{kept}”, không mất gì. Hãy đóng tệp “{name}” rồi chạy lại lệnh nếu muốn "
        "ghi vào tên cũ, hoặc dùng tệp mới.",
        "Note: “{path}” could not be replaced because it is open in another program (usually Excel or Word). "
        "This run's result was saved as “{kept}”; nothing is lost. Close “{name}” and run the command again to "
        "write under the old name, or use the new file.",
    ),
    # errors that stop a run
    "err_catalog": ("Danh mục biểu mẫu (schemas) có lỗi: {detail}", "The catalog (schemas) is invalid: {detail}"),
    "err_period": (
        "Kỳ báo cáo “{value}” không hợp lệ; dùng dạng KỲ-NĂM với KỲ là {choices}, ví dụ 9T-2021.",
        "Invalid period “{value}”; use KIND-YEAR with KIND one of {choices}, e.g. 9T-2021.",
    ),
    "err_inbox": ("Không tìm thấy thư mục “{path}”.", "Folder “{path}” does not exist."),
    "err_inside_inbox": (
        "Không được ghi kết quả vào trong thư mục nhận báo cáo “{inbox}”: {path}. "
        "Chọn nơi ghi khác để thư mục nhận không bị thay đổi.",
        "Refusing to write into the inbox “{inbox}”: {path}. Choose another place so the inbox stays unchanged.",
    ),
    "err_write": ("Không ghi được “{path}”: {detail}", "Cannot write “{path}”: {detail}"),
    "err_locked": (
        "Không ghi được “{path}”: tệp đang mở trong một chương trình khác (thường là Excel hoặc Word) hoặc "
        "thư mục không cho phép ghi. Hãy đóng tệp rồi chạy lại lệnh.",
        "Cannot write “{path}”: the file is open in another program (usually Excel or Word) or the folder is "
        "read-only. Close the file and run the command again.",
    ),
    "err_long_path": (
        "Không ghi được “{path}”: đường dẫn dài {n} ký tự, vượt giới hạn 260 ký tự của Windows. "
        "Hãy chọn thư mục có đường dẫn ngắn hơn (ví dụ D:\\tong_hop) hoặc bật hỗ trợ đường dẫn dài của Windows.",
        "Cannot write “{path}”: the path is {n} characters long, over Windows' limit of 260. "
        "Choose a folder with a shorter path (e.g. D:\\tong_hop) or enable Windows' long path support.",
    ),
    "err_read": ("Không đọc được “{path}”: {detail}", "Cannot read “{path}”: {detail}"),
    "err_unit": ("Mã đơn vị “{value}” không có trong danh mục.", "Unit code “{value}” is not in the registry."),
    "err_form": (
        "Biểu mẫu “{value}” không có trong danh mục ({choices}).",
        "Form “{value}” is not in the catalog ({choices}).",
    ),
    "err_none_due": ("{lines}\nKhông có biểu mẫu nào để ghi.", "{lines}\nNo template to write."),
    "unit_not_due": (
        "Đơn vị {unit} ({name}) không nộp biểu mẫu {form} ({form_name}): biểu mẫu này chỉ dành cho {who} "
        "({n} đơn vị); đơn vị là {kind}.",
        "Unit {unit} ({name}) does not send form {form} ({form_name}): that form is for {who} only "
        "({n} units); the unit is {kind}.",
    ),
    "unit_not_due_bloc": (
        "Đơn vị {unit} ({name}) không nộp biểu mẫu {form} ({form_name}): biểu mẫu này Văn phòng điền số liệu "
        "của {committee} (chọn bằng --unit {bloc}).",
        "Unit {unit} ({name}) does not send form {form} ({form_name}): the office fills that form with the "
        "figures of the {committee} (select it with --unit {bloc}).",
    ),
    "bloc_not_due": (
        "{committee} không nộp biểu mẫu {form} ({form_name}): biểu mẫu này do các đơn vị nộp.",
        "The {committee} does not send form {form} ({form_name}): the units send that form.",
    ),
    "unit_sends_none": (
        "Đơn vị {unit} không phải nộp biểu mẫu nào trong danh mục.",
        "Unit {unit} sends none of the catalog's forms.",
    ),
    "err_date": (
        "Ngày “{value}” không hợp lệ; dùng dạng ngày/tháng/năm, ví dụ 06/12/2021.",
        "Invalid date “{value}”; use day/month/year, e.g. 06/12/2021.",
    ),
    "err_no_period": (
        "Chưa xác định được kỳ báo cáo; hãy ghi rõ --period, ví dụ --period 9T-2021.",
        "The period is unknown; pass --period, e.g. --period 9T-2021.",
    ),
    "err_compare": (
        "Không đọc được số liệu cùng kỳ từ “{path}”: {detail}",
        "Cannot read last year's figures from “{path}”: {detail}",
    ),
    "err_earlier": (
        "Không dùng được số liệu kỳ trước từ “{path}”: {detail}",
        "Cannot use the earlier period's figures from “{path}”: {detail}",
    ),
    "cmp_not_found": ("không có tệp hoặc thư mục này", "no such file or folder"),
    "cmp_no_period": (
        "thư mục không có báo cáo nào xác định được kỳ báo cáo",
        "no report in the folder states its period",
    ),
    "cmp_not_earlier": (
        "đây không phải số liệu của một kỳ trước trong cùng năm với kỳ đang tổng hợp",
        "these are not the figures of an earlier period of the year being merged",
    ),
    "cmp_not_last_year": (
        "đây không phải số liệu cùng kỳ của một năm trước năm đang tổng hợp",
        "these are not the figures of the same period of an earlier year",
    ),
    "cmp_unreadable": ("không mở được tệp", "the file cannot be opened"),
    "cmp_no_sheet": ("tệp không có trang “Tổng hợp” của bảng tổng hợp", "the file has no “Tổng hợp” sheet"),
    "cmp_no_columns": (
        "không tìm thấy cột “Mã số” và “Tổng số” trên trang “Tổng hợp”",
        "no “Mã số” and “Tổng số” columns on the “Tổng hợp” sheet",
    ),
    "err_internal": (
        "Lỗi nội bộ của công cụ ({detail}). Vui lòng báo cho người quản trị.",
        "Internal error ({detail}). Please report it to the maintainers.",
    ),
}

MESSAGES.update(CYCLE_MESSAGES)  # the reporting cycle's words (history database, receipts, closing)


def t(key: str, lang: str = "vi", **params: object) -> str:
    vi, en = MESSAGES[key]
    return (en if lang == "en" else vi).format(**params)
