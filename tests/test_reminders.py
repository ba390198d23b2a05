"""Reminder letters as party documents (issue 13): one .docx per unit to chase — header, blank
number, date, "Kính gửi", what is missing or wrong in plain words naming the form, the marked-up
copy sent with it, the deadline, the signature — and one list of every unit to chase."""

from __future__ import annotations

import datetime as dt
import re
import shutil

import docx
import pytest

from consolidate.catalog.loader import default_schema_dir

from conftest import SAMPLES, docx_text, letters, run_cli, set_cells, unit_file


@pytest.fixture
def chased(inbox, tmp_path):
    """An incomplete inbox: two units missing, one rejected, one that sent a photo."""
    unit_file(inbox, "CB20").unlink()
    unit_file(inbox, "DB09").unlink()
    cells = set_cells(unit_file(inbox, "DB14"), {"ket_nap": "năm"})
    unit_file(inbox, "CB16").unlink()
    (inbox / "CB16_anh_chup.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 32)
    out = tmp_path / "nhac"
    result = run_cli("status", str(inbox), "--reminders", str(out), "--deadline", "15/10/2021", "--date", "06/10/2021")
    assert result.exit_code == 1
    return out, cells


def _header(path) -> tuple[list[str], list[str]]:
    left, right = docx.Document(str(path)).tables[0].rows[0].cells
    return [p.text for p in left.paragraphs], [p.text for p in right.paragraphs]


def test_a_letter_has_the_party_document_header_with_a_blank_number_and_its_date(chased):
    out, _ = chased
    left, right = _header(out / "nhac_DB09_So-Lao-dong-Thuong-binh-va-Xa-hoi.docx")
    assert left[:3] == ["ĐẢNG BỘ TỈNH BÌNH AN", "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH", "*"]
    assert re.fullmatch(r"Số: {6,}-CV/ĐUK", left[3])  # the number is the office's to write
    assert left[4] == "V/v đôn đốc gửi báo cáo 9 tháng năm 2021"
    assert right == ["ĐẢNG CỘNG SẢN VIỆT NAM", "", "Bình An, ngày 06 tháng 10 năm 2021"]


def test_a_missing_units_letter_names_the_form_the_date_used_and_the_deadline(chased):
    out, _ = chased
    text = letters(out)["DB09"]
    lines = text.splitlines()
    assert "Kính gửi: Đảng bộ Sở Lao động - Thương binh và Xã hội" in lines
    assert "Tính đến ngày 06/10/2021 (ngày của công văn này)" in text
    assert "1. Báo cáo kết quả công tác xây dựng Đảng (biểu mẫu BC-TCCS)" in lines
    assert "Văn phòng chưa nhận được báo cáo kết quả công tác xây dựng Đảng 9 tháng năm 2021 của đơn vị." in lines
    assert (
        "Đề nghị đơn vị điền biểu mẫu BC-TCCS đã được cấp (tệp “BC-TCCS_9T-2021_DB09_So-Lao-dong-Thuong-binh-va-"
        "Xa-hoi.xlsx”) và gửi về Văn phòng trước ngày 15/10/2021."
    ) in lines
    signature = docx.Document(str(next(out.glob("nhac_DB09_*.docx")))).tables[1].rows[0].cells
    assert [p.text for p in signature[0].paragraphs] == ["Nơi nhận:", "- Như trên,", "- Lưu Văn phòng Đảng ủy Khối."]
    signer = [p.text for p in signature[1].paragraphs if p.text]
    assert signer == ["T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ", "Trần Thị Minh Họa"]


def test_a_rejected_units_letter_says_what_is_wrong_and_names_the_copy_sent_with_it(chased):
    out, cells = chased
    text = letters(out)["DB14"]
    assert f"Cách sửa: Ghi lại ô {cells['ket_nap']} chỉ bằng chữ số" in text  # the cell in the copy sent
    copy = "BC-TCCS_9T-2021_DB14_Bao-hiem-xa-hoi-tinh_gop_y.xlsx"
    assert "Văn phòng đã nhận tệp “BC-TCCS_9T-2021_DB14_Bao-hiem-xa-hoi-tinh.xlsx” nhưng chưa tiếp nhận" in text
    assert "\n- Ô “Kết nạp đảng viên mới” ghi “năm”, không đọc được thành số. Cách sửa: Ghi lại ô " in text
    assert "Báo cáo!" not in text  # the cell is named by its indicator's label
    assert f"(tệp “{copy}”)" in text and (out / copy).is_file()  # the copy is there to attach
    assert "gửi lại trước ngày 15/10/2021." in text


def test_a_deadline_already_past_asks_for_the_report_at_once(inbox, tmp_path):
    unit_file(inbox, "CB20").unlink()
    out = tmp_path / "nhac"
    run_cli("status", str(inbox), "--reminders", str(out), "--deadline", "05/10/2021", "--date", "08/10/2021")
    assert "gửi về Văn phòng ngay (hạn gửi báo cáo là ngày 05/10/2021, đã quá hạn)." in letters(out)["CB20"]


def test_the_periods_deadline_in_bloc_yaml_is_used_when_none_is_given(inbox, tmp_path):
    unit_file(inbox, "CB20").unlink()
    out = tmp_path / "nhac"
    run_cli("status", str(inbox), "--reminders", str(out), "--date", "01/10/2021")  # bloc.yaml: due 06/10
    assert "gửi về Văn phòng trước ngày 06/10/2021." in letters(out)["CB20"]
    schemas = tmp_path / "schemas"
    shutil.copytree(default_schema_dir(), schemas)
    text = (schemas / "bloc.yaml").read_text(encoding="utf-8")
    (schemas / "bloc.yaml").write_text(text.replace(", deadline: 06/10}", "}"), encoding="utf-8")
    plain = tmp_path / "plain"
    run_cli("status", str(inbox), "--reminders", str(plain), "--schemas", str(schemas), "--date", "01/10/2021")
    assert "gửi về Văn phòng sớm nhất có thể." in letters(plain)["CB20"]


def test_the_chase_list_has_every_unit_to_call(chased):
    out, _ = chased
    path = out / "danh_sach_don_doc.docx"
    document = docx.Document(str(path))
    texts = [p.text for p in document.paragraphs]
    assert "DANH SÁCH ĐƠN VỊ CẦN ĐÔN ĐỐC BÁO CÁO 9 THÁNG NĂM 2021" in texts
    assert "(Tính đến ngày 06/10/2021; hạn gửi báo cáo: 15/10/2021)" in texts
    table = [[c.text for c in row.cells] for row in document.tables[0].rows]
    assert table[0] == ["STT", "Mã", "Đơn vị", "Việc còn thiếu, sai", "Hạn", "Kết quả liên hệ"]
    rows = {r[1]: r for r in table[1:]}
    assert list(rows) == ["DB09", "DB14", "CB16", "CB20"]  # registry order
    assert rows["DB09"][2:] == [
        "Đảng bộ Sở Lao động - Thương binh và Xã hội",
        "Chưa nộp báo cáo kết quả công tác xây dựng Đảng (biểu mẫu BC-TCCS).",
        "15/10/2021",
        "",
    ]
    assert rows["DB14"][3] == (
        "BC-TCCS: bị từ chối, còn 1 lỗi ở “Kết nạp đảng viên mới”; bản góp ý: "
        "BC-TCCS_9T-2021_DB14_Bao-hiem-xa-hoi-tinh_gop_y.xlsx."
    )
    assert rows["CB16"][3].startswith("BC-TCCS: tệp “CB16_anh_chup.jpg” không đọc được")
    header = document.tables[0].rows[0]._tr
    assert header.trPr is not None and "tblHeader" in header.trPr.xml  # repeated on every page
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape


def test_the_chase_list_gives_the_registrys_contact_when_it_has_one(inbox, tmp_path):
    schemas = tmp_path / "schemas"
    shutil.copytree(default_schema_dir(), schemas)
    header, *rows = (schemas / "units.csv").read_text(encoding="utf-8").splitlines()
    phone = {"CB20": "0200 111 222"}
    registry = [header + ",contact", *(row + "," + phone.get(row.split(",")[0], "") for row in rows)]
    (schemas / "units.csv").write_text("\n".join(registry) + "\n", encoding="utf-8")
    unit_file(inbox, "CB20").unlink()
    out = tmp_path / "nhac"
    run_cli("status", str(inbox), "--reminders", str(out), "--schemas", str(schemas))
    table = [[c.text for c in row.cells] for row in docx.Document(str(out / "danh_sach_don_doc.docx")).tables[0].rows]
    assert table[0][4] == "Liên hệ" and table[1][1] == "CB20" and table[1][4] == "0200 111 222"


def test_nobody_to_chase_writes_no_letter_and_a_list_saying_so(tmp_path):
    out = tmp_path / "nhac"
    result = run_cli("status", str(SAMPLES), "--reminders", str(out), "--date", "06/10/2021")
    assert result.exit_code == 0
    assert sorted(p.name for p in out.iterdir()) == ["danh_sach_don_doc.docx"]
    assert "Không có đơn vị nào cần đôn đốc." in docx_text(out / "danh_sach_don_doc.docx")


def test_the_api_returns_what_it_wrote(inbox, tmp_path):
    import consolidate

    unit_file(inbox, "CB20").unlink()
    set_cells(unit_file(inbox, "DB14"), {"ket_nap": "năm"})
    result = consolidate.merge(inbox)
    written = consolidate.write_reminders(result, tmp_path / "nhac", date=dt.date(2021, 10, 6), inbox=inbox)
    assert [p.name for p in written.letters] == [
        "nhac_DB14_Bao-hiem-xa-hoi-tinh.docx",
        "nhac_CB20_So-Thong-tin-va-Truyen-thong.docx",
    ]
    assert [p.name for p in written.copies] == ["BC-TCCS_9T-2021_DB14_Bao-hiem-xa-hoi-tinh_gop_y.xlsx"]
    without = consolidate.write_reminders(result, tmp_path / "nhac2", date=dt.date(2021, 10, 6))
    assert without.copies == [] and "Kèm theo công văn này" not in letters(tmp_path / "nhac2")["DB14"]
