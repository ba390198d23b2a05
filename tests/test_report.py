"""The draft narrative report (issue 5): every seed figure, in Vietnamese format, in a sentence of
the seed's kind; header and signature blocks; the template is plain text the office edits."""

from __future__ import annotations

import docx
import pytest

from consolidate.outputs.report.text import money, parse_template
from consolidate.pipeline.merge import merge_inbox

from conftest import SAMPLES, run_cli, unit_file


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("r")
    result = run_cli(
        "merge", str(SAMPLES), "-o", str(out / "t.xlsx"), "--report", str(out / "bao_cao.docx"), "--date", "06/12/2021"
    )
    assert result.exit_code == 0 and result.stdout.splitlines()[-1] == f"Đã ghi dự thảo báo cáo: {out / 'bao_cao.docx'}"
    assert result.stderr == ""
    return docx.Document(out / "bao_cao.docx")


def _text(document) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        parts += [c.text for row in table.rows for c in row.cells]
    return "\n".join(parts)


@pytest.mark.parametrize(
    "sentence",
    [
        "hoàn thành 64/64/78 đầu công việc, đạt 100% kế hoạch",
        "Tổng doanh thu của các doanh nghiệp ước đạt 4.262 tỷ đồng, bảo đảm thu nhập cho 2.931 lao động, "
        "với mức thu nhập bình quân đầu người 10 triệu đồng/tháng",
        "Tổ chức 02 lớp bồi dưỡng lý luận chính trị cho 145 học viên",
        "trao 01 giải nhất, 02 giải nhì, 03 giải ba, 11 giải khuyến khích",
        "Khen thưởng 27 tập thể, 57 cá nhân điển hình tiêu biểu",
        "đã kết nạp được 116/120 đảng viên, đạt 96,67% so với chỉ tiêu đăng ký, nâng tổng số đảng viên của "
        "Đảng bộ Khối hiện nay là 3.407 đồng chí sinh hoạt ở 76 tổ chức cơ sở đảng (trong đó: 31 Đảng bộ cơ sở "
        "với 203 chi bộ trực thuộc đảng ủy cơ sở, 45 chi bộ cơ sở)",
        "kết luận tiêu chuẩn chính trị nội bộ cho 598 trường hợp",
        "đã thực hiện hoàn thành 09/12 cuộc, đạt 75% kế hoạch",
        "kiểm tra đối với 23 tổ chức đảng",
        "thi hành kỷ luật 25 trường hợp, trong đó Ủy ban Kiểm tra Đảng ủy Khối thi hành kỷ luật 01 trường hợp, "
        "cấp ủy cơ sở thi hành kỷ luật 24 trường hợp (khiển trách 21, cảnh cáo 03)",
        "ủng hộ quỹ phòng, chống dịch với tổng số tiền 257 triệu đồng",
        "với số tiền 75,5 triệu đồng",
        "trị giá 70 triệu đồng",
        "với tổng số tiền hơn 1 tỷ đồng",
        "hiến hơn 30 đơn vị máu",
        "cho 02 đoàn viên, với tổng số tiền 100 triệu đồng",
        "với tổng số tiền 95 triệu đồng",
        "hỗ trợ gần 200 triệu đồng cho đoàn viên",
        "Nhiệm vụ, giải pháp trọng tâm 3 tháng cuối năm 2021",
    ],
)
def test_every_seed_figure_is_in_a_sentence(report, sentence):
    assert sentence in _text(report)


def test_header_signature_and_highlights(report):
    text = _text(report)
    for line in (
        "ĐẢNG BỘ TỈNH BÌNH AN",
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN VÀ DOANH NGHIỆP TỈNH",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Bình An, ngày 06 tháng 12 năm 2021",
        "T/M BAN THƯỜNG VỤ",
        "Nơi nhận:",
        "MỘT SỐ KẾT QUẢ NỔI BẬT TRONG CÔNG TÁC LÃNH ĐẠO, CHỈ ĐẠO, TRIỂN KHAI THỰC HIỆN NHIỆM VỤ 9 THÁNG ĐẦU NĂM 2021",
        "- Đảng bộ Cục Thuế tỉnh: Tổ chức hội nghị quán triệt",
    ):
        assert line in text, line
    assert "…" not in text and "{" not in text
    assert "tỉ" not in text.replace("tỉnh", "")  # "tỷ", never "tỉ"
    fonts = {r.font.name for p in report.paragraphs for r in p.runs if r.font.name} | {
        report.styles["Normal"].font.name
    }
    assert fonts == {"Times New Roman"}
    section = report.sections[0]
    assert (round(section.page_width.cm, 1), round(section.left_margin.cm, 1)) == (21.0, 3.0)


def test_the_units_highlights_are_an_appendix_after_the_signature(report):
    """What units wrote is for the office to edit: it follows the signature, on a page of its own,
    headed "PHỤ LỤC" — never in the body that gets signed."""
    body = list(report.element.body.iterchildren())
    signature = next(
        i for i, e in enumerate(body) if e.tag.endswith("tbl") and "T/M BAN THƯỜNG VỤ" in e.xpath("string(.)")
    )
    appendix = next(i for i, e in enumerate(body) if e.tag.endswith("}p") and e.xpath("string(.)") == "PHỤ LỤC")
    highlight = next(
        i for i, e in enumerate(body) if "Đảng bộ Cục Thuế tỉnh: Tổ chức hội nghị quán triệt" in e.xpath("string(.)")
    )
    assert signature < appendix < highlight
    assert "w:pageBreakBefore" in body[appendix].xml  # a page of its own (no blank one when the signature fills a page)
    assert (
        body[appendix + 1].xpath("string(.)")
        == "Nội dung nổi bật do các tổ chức cơ sở đảng báo cáo (để Văn phòng biên tập)"
    )


def test_the_date_is_the_one_given_else_the_deadline_and_the_terminal_says_which(tmp_path, catalog):
    out = tmp_path / "bao_cao.docx"
    result = run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "t.xlsx"), "--report", str(out))
    assert result.stdout.splitlines()[-3:] == [
        "Ngày ghi trên văn bản: 06/10/2021 (hạn nộp báo cáo của kỳ, theo schemas/bloc.yaml; dùng --date để ghi ngày khác).",
        f"Đã ghi: {tmp_path / 't.xlsx'}",
        f"Đã ghi dự thảo báo cáo: {out}",
    ]
    assert "Bình An, ngày 06 tháng 10 năm 2021" in _text(docx.Document(out))
    given = run_cli("merge", str(SAMPLES), "-o", str(tmp_path / "t.xlsx"), "--date", "01/11/2021", "--json")
    data = __import__("json").loads(given.stdout)
    assert (data["date"], data["date_source"]) == ("2021-11-01", "given")


def test_missing_figures_show_as_gaps_and_coverage_is_stated(inbox, tmp_path, catalog):
    unit_file(inbox, "DUK").unlink()
    unit_file(inbox, "CB12").unlink()
    from consolidate.outputs.report.writer import write_report

    path, unknown = write_report(merge_inbox(inbox, catalog), tmp_path / "r.docx")
    text = _text(docx.Document(path))
    assert (
        "Số liệu của 75/76 đơn vị; chưa nộp (1): Chi bộ Cơ quan Liên đoàn Lao động tỉnh; "
        "chưa có số liệu của Đảng ủy Khối." in text
    )
    assert "hoàn thành …/…/… đầu công việc" in text and unknown == set()


def test_money_is_written_as_the_seed_does():
    assert money(4262000, "triệu đồng", 0) == "4.262 tỷ đồng"
    assert money(1000, "triệu đồng", 1, "hơn") == "hơn 1 tỷ đồng"
    assert money(1500, "triệu đồng", 1) == "1,5 tỷ đồng"
    assert money(75.5, "triệu đồng", 1) == "75,5 triệu đồng"
    assert money(257.0, "triệu đồng", 1) == "257 triệu đồng"
    assert money(15675.336, "triệu đồng", 3) == "15,675 tỷ đồng"  # rounded to the indicator's decimals
    assert money(2412272, "triệu đồng", 0) == "2.412 tỷ đồng"
    assert money(91989, "nghìn đồng", 0) == "92 triệu đồng"
    assert money(350, "đồng", 0) == "350 đồng"


def test_template_syntax():
    blocks = parse_template("// note\n# Title {nam}\n\nline one\nline two\n\n## Head\n{{noi_bat}}\n")
    assert blocks == [("title", "Title {nam}"), ("para", "line one line two"), ("heading", "Head"), ("highlights", "")]


def test_an_unknown_code_in_the_template_is_reported(tmp_path):
    template = tmp_path / "mau.txt"
    template.write_text("# Thử\n\nCó {ma_khong_co} đơn vị.\n", encoding="utf-8")
    result = run_cli(
        "merge",
        str(SAMPLES),
        "-o",
        str(tmp_path / "t.xlsx"),
        "--report",
        str(tmp_path / "r.docx"),
        "--report-template",
        str(template),
    )
    assert result.exit_code == 0
    assert result.stderr == "Chú ý: mẫu báo cáo dùng mã không có trong danh mục (đã in “…”): ma_khong_co\n"
    assert "Có … đơn vị." in _text(docx.Document(tmp_path / "r.docx"))


def test_an_incomplete_inbox_never_prints_a_partial_figure_bare(inbox, tmp_path):
    """3 units missing or rejected and the bloc's own report missing: every sentence holding a
    figure from the units says whose data it is; the bloc committee's figures print as "…"."""
    import re

    for code in ("CB12", "DB21"):
        unit_file(inbox, code).unlink()
    next(inbox.glob("*_DUK_*.xlsx")).unlink()
    from conftest import set_cells

    set_cells(unit_file(inbox, "CB40"), {"dv_cuoi_ky": 1000})  # rejected: balance broken
    out = tmp_path / "bao_cao.docx"
    result = run_cli("merge", str(inbox), "-o", str(tmp_path / "t.xlsx"), "--report", str(out), "--json")
    assert result.exit_code == 1
    totals = __import__("json").loads(result.stdout)
    body = [p.text for p in docx.Document(out).paragraphs]
    text = "\n".join(body)
    sentences = [s for p in body for s in re.split(r"(?<=[.])\s+(?=[A-ZĐ])", p) if s]
    assert (
        "(Số liệu của 73/76 đơn vị; chưa nộp (2): Đảng bộ Công ty Điện lực tỉnh, Chi bộ Cơ quan Liên đoàn Lao "
        "động tỉnh; bị từ chối (1): Chi bộ Công ty Cổ phần Vận tải tỉnh; chưa có số liệu của Đảng ủy Khối.)" in text
    )
    partial = {c for c, v in totals["coverage"].items() if not v["complete"] and totals["totals"][c] is not None}
    assert {"dv_cuoi_ky", "ket_nap", "so_chi_bo_truc_thuoc", "doanh_thu"} <= partial
    members = next(s for s in sentences if "nâng tổng số đảng viên" in s)
    assert f"là {totals['totals']['dv_cuoi_ky']:,}".replace(",", ".") in members
    assert "(số liệu của 73/76 đơn vị; riêng chi bộ trực thuộc: 30/31 đơn vị; số tổ chức theo danh mục)" in members
    for sentence in sentences:  # every unit figure in a sentence carries its coverage
        figures = re.findall(r"(?<![\d/])\d{1,3}(?:\.\d{3})+(?![\d])|(?<![\d/,.])\d{2,}(?![\d,.])", sentence)
        if figures and "Phụ lục" not in sentence and not sentence.startswith(("- ", "Nhiệm vụ, giải pháp")):
            if any(str(v) in sentence for v in ("2021",)) and len(figures) == 1:
                continue
            assert "số liệu của" in sentence or "Số liệu của" in sentence, sentence
    for bloc_sentence in (
        "kết luận tiêu chuẩn chính trị nội bộ cho … trường hợp",
        "hoàn thành …/…/… đầu công việc",
        "kế hoạch kiểm tra đối với … tổ chức đảng",
        "thi hành kỷ luật … trường hợp",
        "Tổ chức … lớp bồi dưỡng lý luận chính trị cho … học viên",
    ):
        assert bloc_sentence in text


def test_a_period_without_a_deadline_dates_today_and_a_years_report_is_due_next_year(catalog):
    import dataclasses
    import datetime as dt

    from consolidate.core.periods import document_date, parse_period

    assert parse_period(catalog, "CN-2021").deadline(catalog) == dt.date(2022, 1, 5)
    assert document_date(catalog, parse_period(catalog, "9T-2021"), None) == (dt.date(2021, 10, 6), "deadline")
    bare = dataclasses.replace(
        catalog, periods={k: dataclasses.replace(v, deadline=None) for k, v in catalog.periods.items()}
    )
    assert document_date(bare, parse_period(bare, "9T-2021"), None) == (dt.date.today(), "today")
    assert document_date(bare, None, dt.date(2021, 1, 2)) == (dt.date(2021, 1, 2), "given")
