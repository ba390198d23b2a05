"""Any number of report forms, declared in YAML alone: a catalog with BC-TCCS, BC-DUK and the example
party-dues form (examples/forms/bc_dang_phi.yaml), and a form written in this test that no code has
seen; templates for every unit that owes them, one inbox holding every form, each form's totals
checked against values computed here, each form's completeness, and the published figures intact."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import docx
import openpyxl
import pytest

from consolidate.catalog.loader import default_schema_dir, load_catalog

from conftest import ROOT, SAMPLES, SEED_TOTALS, letters, run_cli, set_cells, unit_of

EXAMPLE = ROOT / "examples" / "forms" / "bc_dang_phi.yaml"
# the dues form's own words in the draft report (report_template, relative to schemas/)
DUES_WORDS = """// Lời văn riêng của báo cáo đảng phí.
# Công tác thu, nộp đảng phí {ky} {nam}

Các tổ chức cơ sở đảng đã nộp cấp trên {dp_nop_cap_tren} nghìn đồng đảng phí, đạt {dp_ty_le_nop:%} số đã thu.

## Ý kiến giải thích của các đơn vị

{{noi_bat}}
"""


def _catalog_with(tmp_path: Path, *forms: tuple[str, str]) -> Path:
    schemas = tmp_path / "schemas"
    shutil.copytree(default_schema_dir(), schemas)
    for name, text in forms:
        (schemas / "forms" / name).write_text(text, encoding="utf-8")
    return schemas


def _strings(path: Path) -> set[str]:
    wb = openpyxl.load_workbook(path)
    return {str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if isinstance(c.value, str)}


def _dues(i: int, members: int) -> dict[str, object]:
    """A unit's party-dues figures, made up here (the merge must find exactly these totals)."""
    collected = 1000 + 37 * i
    kept = collected * 3 // 10
    return {
        "dp_so_dang_vien": members,
        "dp_da_thu": collected,
        "dp_trich_giu_lai": kept,
        "dp_nop_cap_tren": collected - kept,
        "dp_binh_quan": round(collected / members / 9, 1),
        "dp_nop_dung_han": "Có" if i % 4 else "Không",
        **({"dp_ghi_chu": "Thu đủ, nộp cấp trên đúng hạn."} if i == 0 else {}),
    }


@pytest.fixture(scope="module")
def dues_merge(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("forms")
    own = EXAMPLE.read_text(encoding="utf-8").replace(
        "sheet: Đảng phí\n", "sheet: Đảng phí\nreport_template: dang_phi.txt\n"
    )
    schemas = _catalog_with(tmp, ("bc_dang_phi.yaml", own))
    (schemas / "dang_phi.txt").write_text(DUES_WORDS, encoding="utf-8")
    catalog = load_catalog(schemas)
    templates = tmp / "bieu_mau"
    made = run_cli("template", "--period", "9T-2021", "-o", str(templates), "--schemas", str(schemas))
    assert made.exit_code == 0, made.output
    dues = sorted(templates.glob("BC-DANG-PHI_*.xlsx"))
    assert len(dues) == 76 and len(list(templates.glob("BC-TCCS_*.xlsx"))) == 76
    inbox = tmp / "inbox"
    shutil.copytree(SAMPLES, inbox)
    members = {}
    for path in sorted(SAMPLES.glob("BC-TCCS_*.xlsx")):
        wb = openpyxl.load_workbook(path, read_only=True)
        ws = wb["Báo cáo"]
        rows = {r[2]: r[4] for r in ws.iter_rows(values_only=True) if r and len(r) > 4}
        members[rows["ma_tccs"]] = int(rows["dv_cuoi_ky"])
    filled, missing, broken = {}, ["CB40", "CB41", "CB42"], "DB07"
    for i, path in enumerate(dues):
        unit = unit_of(path)
        if unit in missing:
            continue
        values = _dues(i, members[unit])
        if unit == broken:
            values = {**values, "dp_nop_cap_tren": int(values["dp_nop_cap_tren"]) + 5}
        cells = set_cells(path, values, sheet="Đảng phí")
        target = inbox / path.name
        shutil.copyfile(path, target)
        filled[unit] = (values, cells)
    result = run_cli(
        "merge", str(inbox), "-o", str(tmp / "tong_hop.xlsx"), "--json", "--schemas", str(schemas),
        "--report", str(tmp / "bao_cao.docx"),
    )  # fmt: skip
    return catalog, filled, missing, broken, json.loads(result.stdout), result, tmp


def test_each_form_has_its_own_completeness(dues_merge):
    _, _, missing, broken, data, result, _ = dues_merge
    assert result.exit_code == 1
    assert data["forms"]["BC-TCCS"] == {
        "units_expected": 76,
        "units_accepted": 76,
        "missing": [],
        "rejected": [],
        "conflicts": [],
        "unreadable": [],
    }
    dues = data["forms"]["BC-DANG-PHI"]
    assert (dues["units_expected"], dues["units_accepted"]) == (76, 72)
    assert dues["missing"] == missing and dues["rejected"] == [broken]
    # the top-level counts keep their meaning: the primary form, BC-TCCS
    assert (data["units_expected"], data["units_accepted"], data["missing"]) == (76, 76, [])


def test_each_forms_totals_are_the_figures_sent(dues_merge):
    _, filled, _, broken, data, _, _ = dues_merge
    accepted = {u: v for u, (v, _) in filled.items() if u != broken}
    totals = data["totals"]
    collected = sum(v["dp_da_thu"] for v in accepted.values())
    paid = sum(v["dp_nop_cap_tren"] for v in accepted.values())
    assert totals["dp_da_thu"] == collected and totals["dp_nop_cap_tren"] == paid
    assert totals["dp_ty_le_nop"] == round(paid / collected * 100, 2)
    weight = sum(v["dp_so_dang_vien"] for v in accepted.values())
    mean = sum(v["dp_binh_quan"] * v["dp_so_dang_vien"] for v in accepted.values()) / weight
    assert totals["dp_binh_quan"] == pytest.approx(round(mean, 1))
    assert totals["dp_nop_dung_han"] == sum(v["dp_nop_dung_han"] == "Có" for v in accepted.values())
    for code, expected in SEED_TOTALS.items():  # the published figures are untouched
        assert totals[code] == expected, code


def test_verdicts_sit_on_the_new_forms_cells(dues_merge):
    _, filled, _, broken, data, _, _ = dues_merge
    f = next(f for f in data["findings"] if f["code"] == "DP01")
    assert (f["unit"], f["sheet"], f["cell"]) == (broken, "Đảng phí", filled[broken][1]["dp_da_thu"])
    assert "đã thu" in f["message"] and "đã nộp" in f["message"]


def test_the_summary_has_the_new_forms_sections_and_sheets(dues_merge):
    _, _, _, _, _, _, tmp = dues_merge
    wb = openpyxl.load_workbook(tmp / "tong_hop.xlsx")
    totals = [str(c.value) for row in wb["Tổng hợp"].iter_rows() for c in row if c.value]
    assert "THU, NỘP ĐẢNG PHÍ" in totals and "Đảng phí đã thu" in totals
    assert any(name.startswith("Theo đơn vị BC-DANG-PHI") for name in wb.sheetnames)
    status = [str(c.value) for row in wb["Tình hình nộp"].iter_rows() for c in row if c.value]
    assert any("Biểu mẫu BC-DANG-PHI" in s for s in status)


def test_the_overview_gives_each_form_its_own_coverage(dues_merge):
    _, _, _, _, _, _, tmp = dues_merge
    wb = openpyxl.load_workbook(tmp / "tong_hop.xlsx")
    texts = [str(c.value) for row in wb["Tóm tắt"].iter_rows() for c in row if c.value]
    assert (
        "LƯU Ý: số liệu tổng hợp CHƯA ĐỦ — Biểu mẫu BC-DANG-PHI (báo cáo thu, nộp đảng phí): số liệu của "
        "72/76 đơn vị, thiếu 4 đơn vị nêu dưới đây; mỗi số liệu ghi rõ số đơn vị có trong đó." in texts
    )
    assert (
        "Biểu mẫu BC-TCCS (báo cáo kết quả công tác xây dựng Đảng): đã đủ số liệu của 76/76 đơn vị phải nộp." in texts
    )
    assert not [t for t in texts if "CHƯA ĐỦ" in t and "76/76" in t]  # the complete form's count is no warning
    subtitle = next(str(c.value) for row in wb["Tổng hợp"].iter_rows() for c in row if str(c.value).startswith("("))
    assert subtitle.startswith(
        "(Biểu mẫu BC-TCCS (báo cáo kết quả công tác xây dựng Đảng): số liệu của 76/76 đơn vị. "
        "Biểu mẫu BC-DANG-PHI (báo cáo thu, nộp đảng phí): số liệu của 72/76 đơn vị; chưa nộp (3): "
    )
    footers = {ws.title: ws.oddFooter.left.text for ws in wb.worksheets}
    assert footers["Tổng hợp"] == "Số liệu: BC-TCCS 76/76 đơn vị, BC-DANG-PHI 72/76 đơn vị (xem trang “Tóm tắt”)."
    assert footers["Theo đơn vị"] == "Số liệu của 76/76 đơn vị."
    assert footers["Theo đơn vị BC-DANG-PHI"] == "Số liệu của 72/76 đơn vị (4 đơn vị chưa có: xem trang “Tóm tắt”)."


def _body(path: Path) -> list[str]:
    """The report's paragraphs and tables (as "[bảng] …") in document order."""
    document = docx.Document(str(path))
    out = []
    for element in document.element.body.iterchildren():
        if element.tag.endswith("}p"):
            out.append("".join(t.text or "" for t in element.iter() if t.tag.endswith("}t")))
        elif element.tag.endswith("}tbl"):
            out.append("[bảng] " + " ".join(t.text or "" for t in element.iter() if t.tag.endswith("}t")))
    return out


def test_a_forms_own_report_template_is_its_part_of_the_draft(dues_merge):
    _, filled, _, broken, data, result, tmp = dues_merge
    paid = sum(v["dp_nop_cap_tren"] for u, (v, _) in filled.items() if u != broken)
    assert data["totals"]["dp_nop_cap_tren"] == paid
    body = _body(tmp / "bao_cao.docx")
    assert body[body.index("BÁO CÁO") + 2].startswith(
        "(Biểu mẫu BC-TCCS (báo cáo kết quả công tác xây dựng Đảng): số liệu của 76/76 đơn vị. "
    )
    title = body.index("CÔNG TÁC THU, NỘP ĐẢNG PHÍ 9 THÁNG ĐẦU NĂM 2021")
    assert body[title + 1].startswith("(Số liệu của 72/76 đơn vị; chưa nộp (3): ")  # the form's own coverage
    figure = f"{paid:,}".replace(",", ".")
    rate = f"{data['totals']['dp_ty_le_nop']:.2f}".replace(".", ",")
    sentence = (
        f"Các tổ chức cơ sở đảng đã nộp cấp trên {figure} nghìn đồng đảng phí, đạt {rate}% số đã thu "
        "(số liệu của 72/76 đơn vị)."
    )
    assert body[title + 2] == sentence
    signed = next(i for i, text in enumerate(body) if text.startswith("[bảng] Nơi nhận:"))
    assert (
        body.index(
            "Ba là, tiếp tục tổ chức thực hiện chương trình kiểm tra, giám sát theo kế hoạch; giải quyết kịp thời, dứt điểm đơn thư khiếu nại, tố cáo đối với tổ chức đảng và đảng viên."
        )
        < title
        < signed
    )
    # the free-text answers of the dues form are its own appendix, not repeated under the main one
    first, second = body.index("PHỤ LỤC 1"), body.index("PHỤ LỤC 2")
    assert signed < first < second
    assert body[second + 1] == "Ý kiến giải thích của các đơn vị"
    note = next(i for i, text in enumerate(body) if text.endswith("Thu đủ, nộp cấp trên đúng hạn."))
    assert note > second and body.count(body[note]) == 1
    assert "Đảng phí đã thu" not in " ".join(body[:title])
    assert "mẫu báo cáo dùng mã không có" not in result.stderr  # every placeholder named an indicator


def test_reminders_name_the_form_that_is_missing(dues_merge, tmp_path):
    catalog, _, missing, _, _, _, tmp = dues_merge
    out = tmp_path / "nhac"
    run_cli("status", str(tmp / "inbox"), "--reminders", str(out), "--schemas", catalog.root)
    letter = letters(out)[missing[0]]
    assert "\n1. Báo cáo thu, nộp đảng phí (biểu mẫu BC-DANG-PHI)\n" in letter
    assert "Văn phòng chưa nhận được báo cáo thu, nộp đảng phí 9 tháng năm 2021 của đơn vị." in letter
    assert "xây dựng Đảng" not in letter  # BC-TCCS was received: not asked for


def test_no_other_forms_wording_in_a_forms_template(dues_merge):
    catalog, *_, tmp = dues_merge
    texts = " ".join(_strings(next((tmp / "bieu_mau").glob("BC-DANG-PHI_*_CB01_*.xlsx"))))
    tccs = catalog.forms["BC-TCCS"]
    dues = catalog.forms["BC-DANG-PHI"]
    own = {
        dues.title,
        dues.name,
        *dues.instructions,
        *(s.title for s in dues.sections),
        *(i.label for i in dues.indicators.values()),
    }
    foreign = [
        tccs.title,
        tccs.name,
        *tccs.instructions,
        *(s.title for s in tccs.sections),
        *(r.texts.title for r in tccs.rules),
        *(i.label for i in tccs.indicators.values() if not i.role),
    ]
    assert [w for w in foreign if w in texts and w not in own] == []


LATER = """form: BC-KTGS
version: 3
submitted_by: unit
title: BÁO CÁO CÔNG TÁC KIỂM TRA, GIÁM SÁT CỦA ĐẢNG ỦY CƠ SỞ
name: báo cáo kiểm tra, giám sát
sheet: KTGS
applies_to: {type: [DBCS]}
sections:
  - id: I
    title: THÔNG TIN
    indicators:
      - {code: kg_ma, label: Mã, type: text, role: unit_code, required: true}
      - {code: kg_nam, label: Năm, type: integer, role: year, required: true}
      - {code: kg_ky, label: Kỳ, type: enum, options: periods, role: period_kind, required: true}
      - {code: kg_ngay, label: Ngày lập, type: date}
  - id: II
    title: KIỂM TRA
    indicators:
      - {code: kg_cuoc, label: Số cuộc kiểm tra chuyên đề, unit: cuộc, type: integer, min: 0, max: 100, required: true}
      - {code: kg_dv, label: Số đảng viên được kiểm tra, unit: người, type: integer, min: 0, max: 10000}
rules:
  - {code: KG01, severity: error, kind: not_greater, pairs: [[kg_cuoc, kg_dv]], title: Cuộc nhiều hơn người,
     message: "{detail}", fix: Kiểm tra lại.}
"""


def test_a_form_nobody_here_wrote_works_end_to_end(tmp_path):
    schemas = _catalog_with(tmp_path, ("kiem_tra.yaml", LATER))
    catalog = load_catalog(schemas)
    assert [w["en"] for w in catalog.warnings][:1]  # English texts missing: said
    out = tmp_path / "bm"
    assert (
        run_cli(
            "template", "--period", "9T-2021", "-o", str(out), "--form", "BC-KTGS", "--schemas", str(schemas)
        ).exit_code
        == 0
    )
    made = sorted(out.glob("*.xlsx"))
    assert len(made) == 31 and all(unit_of(p).startswith("DB") for p in made)  # DBCS only
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    cells = {}
    for n, path in enumerate(made):
        values = {"kg_cuoc": n % 5, "kg_dv": 10 + n}
        if n == 0:
            values["kg_dv"] = -1  # below the minimum
        cells[unit_of(path)] = set_cells(path, values, sheet="KTGS")
        shutil.copyfile(path, inbox / path.name)
    # a chi bộ (the form is for đảng bộ cơ sở only) fills the blank template: refused, never summed
    blank = tmp_path / "blank"
    assert (
        run_cli("template", "--blank", "--form", "BC-KTGS", "-o", str(blank), "--schemas", str(schemas)).exit_code == 0
    )
    stray = inbox / "KTGS_CB07.xlsx"
    shutil.copyfile(next(blank.glob("*.xlsx")), stray)
    stray_cells = set_cells(
        stray, {"kg_ma": "CB07", "kg_nam": 2021, "kg_ky": "9 tháng", "kg_cuoc": 7, "kg_dv": 70}, "KTGS"
    )
    result = run_cli(
        "merge", str(inbox), "-o", str(tmp_path / "t.xlsx"), "--json", "--schemas", str(schemas), "--lang", "vi"
    )
    data = json.loads(result.stdout)
    not_due = next(f for f in data["findings"] if f["code"] == "T321")
    assert (not_due["unit"], not_due["cell"], not_due["severity"]) == ("CB07", stray_cells["kg_ma"], "error")
    assert not_due["message"] == (
        "Đơn vị CB07 (Chi bộ Báo tỉnh) là chi bộ cơ sở, cơ quan đảng, mặt trận, đoàn thể; biểu mẫu "
        "“báo cáo kiểm tra, giám sát” chỉ dành cho đảng bộ cơ sở. Số liệu trong tệp không được tính."
    )
    assert "CB07" not in data["forms"]["BC-KTGS"]["rejected"] + data["forms"]["BC-KTGS"]["missing"]
    first = unit_of(made[0])
    bad = next(f for f in data["findings"] if f["code"] == "C405")
    assert (bad["unit"], bad["cell"]) == (first, cells[first]["kg_dv"])
    assert data["forms"]["BC-KTGS"]["units_expected"] == 31
    assert data["forms"]["BC-KTGS"]["units_accepted"] == 30
    assert data["totals"]["kg_cuoc"] == sum(n % 5 for n in range(1, 31))
    assert data["totals"]["kg_dv"] == sum(10 + n for n in range(1, 31))
    wb = openpyxl.load_workbook(made[1])
    strings = " ".join(str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value)
    tccs = catalog.forms["BC-TCCS"]
    assert not [w for w in (tccs.title, *tccs.instructions) if w in strings]


def test_the_terminal_counts_each_form_apart(dues_merge):
    catalog, _, missing, broken, _, _, tmp = dues_merge
    out = run_cli("merge", str(tmp / "inbox"), "-o", str(tmp / "tong_hop_2.xlsx"), "--schemas", catalog.root)
    lines = out.stdout.splitlines()
    start = lines.index("Biểu mẫu BC-DANG-PHI — báo cáo thu, nộp đảng phí:")
    assert lines[lines.index("Biểu mẫu BC-TCCS — báo cáo kết quả công tác xây dựng Đảng:") + 1] == (
        "  Đã nhận 76/76 đơn vị."
    )
    assert lines[start + 1] == "  Đơn vị (76): đã nhận 72; bị từ chối 1; chưa nộp 3."
    assert lines[start + 2] == "  Bị từ chối (1):"
    assert lines[start + 3].startswith(f"    {broken}  ")
    assert f"  Chưa nộp (3): {', '.join(missing)}" in lines
    assert "Số liệu của Đảng ủy Khối: đã nhận (BC-DUK_9T-2021_DUK_Dang-uy-Khoi.xlsx)." in lines
    status = run_cli("status", str(tmp / "inbox"), "--schemas", catalog.root).stdout.splitlines()
    head = status.index("Biểu mẫu BC-DANG-PHI — báo cáo thu, nộp đảng phí:")
    assert status[head + 1] == (
        "Tình hình nộp báo cáo 9 tháng năm 2021: đã nhận 72, bị từ chối 1, chưa nộp 3 (trên 76 đơn vị)."
    )
