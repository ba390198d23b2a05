"""The registry of built-in finding codes, with their Vietnamese and English texts.

Codes are stable: a clerk may quote "lỗi C402" on the phone years later. Families:

- F1xx the file itself (empty, not a workbook, encrypted, too large, corrupt …)
- I2xx the inbox (ignored files, duplicates, superseded submissions)
- T3xx template and identity (not our template, other form or version, period, unit)
- C4xx one cell (missing, not a number, out of bounds, formula without value …)

Cross-field rules (R…), plausibility checks (P…) and bloc rules (B…) are declared in the catalog
with their own texts. Messages use ``{placeholders}`` filled from a finding's params.
"""

from __future__ import annotations

from dataclasses import dataclass

from consolidate.core.findings import ERROR, INFO, WARNING
from consolidate.core.model import Texts


@dataclass(frozen=True, slots=True)
class CodeText:
    code: str
    severity: str
    texts: Texts


def _c(code, severity, title, title_en, message, message_en, fix, fix_en) -> CodeText:
    return CodeText(code, severity, Texts(title, title_en, message, message_en, fix, fix_en))


RESEND = "Mở biểu mẫu gốc do Văn phòng Đảng ủy Khối gửi, điền lại số liệu, lưu dạng .xlsx rồi gửi lại."
RESEND_EN = "Open the original template from the bloc office, fill it in, save as .xlsx and send it again."

BUILTIN = {c.code: c for c in [
    # --- the file --------------------------------------------------------------------------
    _c("F101", ERROR, "Tệp rỗng", "Empty file",
       "Tệp rỗng (0 byte), không có nội dung.", "The file is empty (0 bytes).",
       "Lưu lại báo cáo trong Excel rồi gửi lại tệp.", "Save the report again in Excel and resend it."),
    _c("F102", ERROR, "Không phải bảng tính Excel", "Not an Excel workbook",
       "Tệp không phải bảng tính Excel: nội dung là {detected}.", "The file is not an Excel workbook: it holds {detected}.",
       RESEND, RESEND_EN),
    _c("F103", ERROR, "Tệp có mật khẩu", "Password-protected file",
       "Tệp được đặt mật khẩu mở tệp nên không đọc được số liệu.", "The workbook is encrypted with a password, so it cannot be read.",
       "Trong Excel chọn Tệp › Thông tin › Bảo vệ sổ làm việc › Mã hóa bằng mật khẩu, xóa mật khẩu, lưu rồi gửi lại.",
       "In Excel choose File › Info › Protect Workbook › Encrypt with Password, clear the password, save and resend."),
    _c("F104", WARNING, "Định dạng Excel 97-2003 (.xls)", "Legacy Excel 97-2003 format (.xls)",
       "Tệp ở định dạng cũ Excel 97-2003 (.xls); số liệu vẫn được đọc.", "The file is in the legacy .xls format; its values were read.",
       "Lần sau lưu dưới dạng .xlsx (Tệp › Lưu thành › Sổ làm việc Excel).", "Next time save as .xlsx (File › Save As › Excel Workbook)."),
    _c("F105", WARNING, "Định dạng OpenDocument (.ods)", "OpenDocument format (.ods)",
       "Tệp ở định dạng OpenDocument (.ods); số liệu vẫn được đọc.", "The file is an OpenDocument spreadsheet (.ods); its values were read.",
       "Lần sau lưu dưới dạng .xlsx (Lưu thành › Excel 2007-365).", "Next time save as .xlsx (Save As › Excel 2007-365)."),
    _c("F106", WARNING, "Tệp có macro", "Macro-enabled workbook",
       "Tệp có chứa macro; chỉ đọc số liệu, macro không được chạy.", "The workbook contains macros; only values were read, no macro was run.",
       "Lưu lại dưới dạng .xlsx (không macro) rồi gửi lại.", "Save as a macro-free .xlsx and resend."),
    _c("F107", ERROR, "Tệp giải nén quá lớn", "Inflates too much",
       "Nội dung tệp khi giải nén lên tới {size} (giới hạn {limit}); tệp có thể bị lỗi hoặc độc hại nên không được mở.",
       "The file would inflate to {size} (limit {limit}); it may be damaged or hostile and was not opened.",
       RESEND, RESEND_EN),
    _c("F108", ERROR, "Nội dung XML không an toàn", "Unsafe XML",
       "Tệp chứa khai báo XML không an toàn ({detail}) nên không được mở.", "The file holds unsafe XML declarations ({detail}) and was not opened.",
       RESEND, RESEND_EN),
    _c("F109", ERROR, "Tệp bị hỏng", "Damaged file",
       "Tệp bị hỏng hoặc không đầy đủ ({detail}).", "The file is damaged or incomplete ({detail}).",
       "Mở tệp bằng Excel; nếu mở được thì lưu lại và gửi lại, nếu không thì lập lại từ biểu mẫu gốc.",
       "Open it in Excel; if it opens, save and resend, otherwise fill in the original template again."),
    _c("F110", ERROR, "Lỗi nội bộ khi xử lý tệp", "Internal error on this file",
       "Công cụ gặp lỗi nội bộ khi xử lý tệp này ({detail}); các tệp khác vẫn được tổng hợp.",
       "An internal error occurred while processing this file ({detail}); the other files were merged.",
       "Báo cho người quản trị công cụ và gửi kèm tệp này.", "Report it to the tool's maintainers with this file."),
    _c("F111", ERROR, "Tệp quá lớn", "File too large",
       "Tệp có dung lượng {size}, vượt giới hạn {limit} của một báo cáo.", "The file is {size}, over the {limit} limit for a report.",
       RESEND, RESEND_EN),
    _c("F112", ERROR, "Không đọc được tệp", "File cannot be read",
       "Không đọc được tệp từ thư mục ({detail}).", "The file could not be read from the folder ({detail}).",
       "Kiểm tra quyền truy cập tệp rồi chạy lại.", "Check the file's permissions and run again."),
    _c("F113", ERROR, "Vùng dữ liệu quá lớn", "Sheet too large",
       "Trang “{sheet}” có ô ở tận {cell} ({rows} dòng × {cols} cột); báo cáo không bao giờ lớn như vậy nên tệp không được mở.",
       "Sheet “{sheet}” has a cell as far as {cell} ({rows} rows × {cols} columns); a report is never that large, so the file was not opened.",
       "Xóa các ô thừa ở xa vùng báo cáo (Ctrl+End để tìm ô cuối), lưu lại rồi gửi lại.",
       "Delete stray cells far from the report (Ctrl+End finds the last one), save and resend."),
    _c("F114", ERROR, "Không mở được tệp an toàn", "Could not be opened safely",
       "Tệp không mở được trong giới hạn bộ nhớ và thời gian an toàn ({seconds} giây); tệp có thể bị lỗi hoặc quá phức tạp.",
       "The file could not be opened within the safe memory and time limits ({seconds} s); it may be damaged or too complex.",
       RESEND, RESEND_EN),
    # --- the inbox -------------------------------------------------------------------------
    _c("I201", INFO, "Tệp khóa tạm của Excel", "Excel lock file",
       "Tệp khóa tạm do Excel tạo khi đang mở tệp (~$…); đã bỏ qua.", "A temporary Excel lock file (~$…); ignored.",
       "Không cần làm gì; có thể xóa tệp này khi Excel đã đóng.", "Nothing to do; delete it once Excel is closed."),
    _c("I202", INFO, "Tệp ẩn hoặc tệp hệ thống", "Hidden or system file",
       "Tệp ẩn hoặc tệp hệ thống; đã bỏ qua.", "A hidden or system file; ignored.",
       "Không cần làm gì.", "Nothing to do."),
    _c("I203", INFO, "Không phải tệp bảng tính", "Not a spreadsheet",
       "Tệp có đuôi {extension}, không phải bảng tính; đã bỏ qua.", "The file has the extension {extension}, not a spreadsheet; ignored.",
       "Nếu đây là báo cáo của đơn vị, đề nghị đơn vị gửi tệp Excel (.xlsx).", "If this is a unit's report, ask for the Excel (.xlsx) file."),
    _c("I204", INFO, "Tệp trùng lặp", "Duplicate file",
       "Tệp giống hệt tệp {other}; chỉ tính một lần.", "The file is byte-identical to {other}; counted once.",
       "Không cần làm gì; có thể xóa bản trùng.", "Nothing to do; the copy may be deleted."),
    _c("I205", WARNING, "Báo cáo đã được thay thế", "Superseded submission",
       "Đơn vị {unit} gửi nhiều tệp khác nhau; tệp này không được tính vì tệp {other} được lưu sau ({rule}).",
       "Unit {unit} sent several different files; this one is not counted because {other} was saved later ({rule}).",
       "Nếu tệp này mới đúng, xóa tệp kia khỏi thư mục rồi chạy lại.", "If this file is the right one, remove the other and run again."),
    # --- template and identity -------------------------------------------------------------
    _c("T301", ERROR, "Không phải biểu mẫu của Khối", "Not one of our templates",
       "Không tìm thấy bảng số liệu có cột “Mã số” và “Số liệu”; tệp không lập từ biểu mẫu báo cáo của Khối.",
       "No sheet with the “Mã số” and “Số liệu” columns was found; the file was not made from our template.",
       RESEND, RESEND_EN),
    _c("T302", ERROR, "Biểu mẫu không đúng", "Unknown form",
       "Tệp lập theo biểu mẫu “{form}”, không phải biểu mẫu báo cáo đang tổng hợp ({expected}).",
       "The file uses form “{form}”, not one of the forms being merged ({expected}).",
       RESEND, RESEND_EN),
    _c("T303", ERROR, "Phiên bản biểu mẫu cũ", "Old template version",
       "Tệp lập theo phiên bản {version} của biểu mẫu {form}; chỉ nhận từ phiên bản {min_version}.",
       "The file uses version {version} of form {form}; version {min_version} or later is required.",
       "Tải biểu mẫu mới nhất, chép số liệu sang rồi gửi lại.", "Get the latest template, copy the figures over and resend."),
    _c("T304", ERROR, "Sai kỳ báo cáo", "Wrong period",
       "Báo cáo là của kỳ {found}, trong khi đang tổng hợp kỳ {expected}.", "The report is for {found}, but {expected} is being merged.",
       "Kiểm tra năm và kỳ báo cáo; gửi đúng báo cáo của kỳ {expected}.", "Check the year and period; send the report for {expected}."),
    _c("T305", ERROR, "Mã đơn vị không có trong danh mục", "Unknown unit code",
       "Mã đơn vị “{unit}” không có trong danh mục tổ chức cơ sở đảng của Khối.", "Unit code “{unit}” is not in the bloc's unit registry.",
       "Dùng biểu mẫu đã ghi sẵn mã đơn vị do Văn phòng Đảng ủy Khối gửi.", "Use the template prefilled with your unit code."),
    _c("T306", ERROR, "Mã đơn vị không thống nhất", "Conflicting unit codes",
       "Mã đơn vị ghi trên báo cáo là “{visible}” nhưng biểu mẫu được cấp cho đơn vị “{meta}”.",
       "The report shows unit “{visible}” but the template was issued to unit “{meta}”.",
       "Dùng đúng biểu mẫu đã cấp cho đơn vị mình; không chép số liệu sang biểu mẫu của đơn vị khác.",
       "Use the template issued to your own unit; never copy another unit's template."),
    _c("T307", WARNING, "Thiếu trang thông tin biểu mẫu", "Template metadata missing",
       "Tệp không còn trang thông tin ẩn của biểu mẫu; đơn vị, kỳ báo cáo được xác định từ nội dung.",
       "The hidden template metadata is gone; unit and period were read from the visible cells.",
       "Lần sau điền trực tiếp vào biểu mẫu gốc, không chép sang tệp mới.", "Next time fill in the original template rather than a new file."),
    _c("T308", ERROR, "Chỉ tiêu bị lặp", "Indicator repeated",
       "Mã số {indicator} xuất hiện ở nhiều dòng ({cells}); không biết dùng số liệu nào.",
       "Code {indicator} appears on several rows ({cells}); it is unclear which to use.",
       "Xóa dòng thừa, chỉ giữ một dòng cho mỗi mã số.", "Delete the extra row; keep one row per code."),
    _c("T309", WARNING, "Thiếu dòng chỉ tiêu", "Indicator row missing",
       "Không tìm thấy dòng có mã số {indicator} ({label}); chỉ tiêu này coi như để trống.",
       "No row with code {indicator} ({label}) was found; it is treated as empty.",
       "Không xóa dòng của biểu mẫu; dùng biểu mẫu gốc nếu đã lỡ xóa.", "Do not delete template rows; start from the original if you did."),
    _c("T310", WARNING, "Trang tính bị đổi tên", "Sheet renamed",
       "Trang “{expected}” đã bị đổi tên thành “{found}”; số liệu vẫn được đọc.",
       "Sheet “{expected}” was renamed to “{found}”; its values were read.",
       "Lần sau giữ nguyên tên các trang tính của biểu mẫu.", "Keep the template's sheet names next time."),
    _c("T311", WARNING, "Thông tin đơn vị khác danh mục", "Unit details differ from the registry",
       "{label} ghi “{found}”, danh mục của Khối ghi “{expected}”; số liệu được kiểm tra theo danh mục.",
       "{label} says “{found}”, the registry says “{expected}”; the registry was used.",
       "Nếu danh mục chưa đúng, báo Văn phòng Đảng ủy Khối cập nhật.", "If the registry is wrong, ask the bloc office to update it."),
    _c("T312", ERROR, "Không xác định được đơn vị", "Unit not identified",
       "Không xác định được báo cáo của đơn vị nào: ô mã đơn vị để trống.", "The reporting unit cannot be identified: the unit code is empty.",
       "Dùng biểu mẫu đã ghi sẵn mã đơn vị.", "Use the template prefilled with your unit code."),
    _c("T313", ERROR, "Không xác định được kỳ báo cáo", "Period not identified",
       "Không xác định được kỳ báo cáo: năm hoặc kỳ báo cáo để trống hoặc không hợp lệ.",
       "The period cannot be identified: the year or the period is empty or invalid.",
       "Ghi đúng năm và chọn kỳ báo cáo trong danh sách.", "Enter the year and pick the period from the list."),
    # --- cells -----------------------------------------------------------------------------
    _c("C401", ERROR, "Thiếu số liệu bắt buộc", "Required value missing",
       "Chưa điền “{label}”; đây là chỉ tiêu bắt buộc.", "“{label}” is empty; it is required.",
       "Điền số liệu vào ô; nếu không phát sinh thì ghi 0.", "Fill in the cell; enter 0 if there is nothing to report."),
    _c("C402", ERROR, "Không phải là số", "Not a number",
       "Ô “{label}” ghi “{value}”, không đọc được thành số.", "“{label}” holds “{value}”, which is not a number.",
       "Chỉ ghi chữ số, ví dụ 1.234 hoặc 96,5; ghi chú đưa vào cột Ghi chú.", "Enter digits only, e.g. 1.234 or 96,5; notes go in the note column."),
    _c("C403", WARNING, "Số được nhập dạng chữ", "Number typed as text",
       "Ô “{label}” ghi “{value}” dạng chữ; đã đọc thành {read}.", "“{label}” holds the text “{value}”; it was read as {read}.",
       "Kiểm tra số đã đọc; lần sau nhập số trực tiếp, không thêm chữ hay dấu cách.", "Check the value read; next time type a plain number."),
    _c("C404", ERROR, "Không phải số nguyên", "Not a whole number",
       "Ô “{label}” ghi {value}, nhưng chỉ tiêu này phải là số nguyên.", "“{label}” holds {value}, but it must be a whole number.",
       "Ghi số nguyên (không có phần thập phân).", "Enter a whole number."),
    _c("C405", ERROR, "Nhỏ hơn giá trị tối thiểu", "Below the minimum",
       "Ô “{label}” ghi {value}, nhỏ hơn giá trị tối thiểu {min}.", "“{label}” holds {value}, below the minimum of {min}.",
       "Sửa lại số liệu; số lượng không được âm.", "Correct the figure; counts cannot be negative."),
    _c("C406", ERROR, "Lớn hơn giá trị tối đa", "Above the maximum",
       "Ô “{label}” ghi {value}, lớn hơn giá trị tối đa {max}.", "“{label}” holds {value}, above the maximum of {max}.",
       "Kiểm tra lại số liệu và đơn vị tính ({unit}).", "Check the figure and its unit ({unit})."),
    _c("C407", ERROR, "Giá trị không có trong danh sách", "Not one of the choices",
       "Ô “{label}” ghi “{value}”, không thuộc danh sách: {options}.", "“{label}” holds “{value}”, not one of: {options}.",
       "Chọn một giá trị trong danh sách thả xuống của ô.", "Pick a value from the cell's drop-down list."),
    _c("C408", ERROR, "Công thức chưa có kết quả", "Formula without a value",
       "Ô “{label}” chứa công thức ({formula}) nhưng không có kết quả đã tính; tệp được lưu bởi phần mềm không tính công thức.",
       "“{label}” holds a formula ({formula}) with no computed result; the file was saved by a tool that does not calculate.",
       "Mở tệp bằng Excel, để Excel tính lại rồi lưu; hoặc ghi số thay cho công thức.",
       "Open and save the file in Excel so it calculates, or type the number instead of the formula."),
    _c("C409", ERROR, "Ô báo lỗi công thức", "Error value",
       "Ô “{label}” đang báo lỗi {value}.", "“{label}” shows the error {value}.",
       "Sửa công thức hoặc ghi số liệu trực tiếp.", "Fix the formula or type the figure."),
    _c("C410", ERROR, "Ngày không hợp lệ", "Invalid date",
       "Ô “{label}” ghi “{value}”, không đọc được thành ngày.", "“{label}” holds “{value}”, which is not a date.",
       "Ghi ngày dạng ngày/tháng/năm, ví dụ 30/09/2021.", "Enter the date as day/month/year, e.g. 30/09/2021."),
    _c("C411", ERROR, "Số viết không rõ ràng", "Ambiguous number",
       "Ô “{label}” ghi “{value}”, không xác định được dấu phân cách hàng nghìn và thập phân.",
       "“{label}” holds “{value}”; its thousands and decimal separators are ambiguous.",
       "Ghi số không có dấu phân cách hàng nghìn, dùng dấu phẩy cho phần thập phân (ví dụ 1234,5).",
       "Type the number without thousands separators, with a decimal comma (e.g. 1234,5)."),
]}
