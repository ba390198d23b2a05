"""The catalog's shape, declared once (pydantic): bloc.yaml and a form file, key by key, with
defaults and a description for each key.

From these models come the loader's key-path errors, the defaults, ``schemas/catalog.schema.json``
(completion and inline errors for a form author editing YAML in VS Code) and the key tables of
docs/viet-bieu-mau.md. Rules and aggregations take their shape from the registered rule kinds and
aggregation methods, so the form model is built from the registries (:func:`form_shape`).
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Iterable
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import Field, create_model, field_validator

from consolidate import aggregations, rules
from consolidate.core.layout import RESERVED_SHEETS
from consolidate.core.shape import Codes, Condition, Flag, Number, Shape, Text, TextsShape, Whole

INDICATOR_TYPES = ("integer", "money", "decimal", "text", "date", "enum")
ROLES = ("unit_code", "unit_name", "unit_type", "sector", "year", "period_kind")
NATURES = ("flow", "stock", "opening", "average", "plan")
Submitter = Literal["unit", "bloc"]


# --- bloc.yaml ------------------------------------------------------------------------------------


class BlocInfo(Shape):
    code: Text = Field(description="Mã của Đảng bộ Khối trên biểu mẫu cấp Khối, ví dụ DUK.")
    name: Text = Field(description="Tên đầy đủ của Đảng bộ Khối.")
    short_name: Text = Field(description="Tên ngắn, ví dụ “Đảng bộ Khối”.")
    committee: Text = Field(description="Cơ quan lãnh đạo, ví dụ “Đảng ủy Khối”.")
    superior_body: Text = Field(description="Dòng đầu góc trái của văn bản: cấp trên trực tiếp (chữ in hoa).")
    issuing_body: Text = Field(description="Cơ quan ban hành văn bản (chữ in hoa, in đậm).")
    party: Text = Field(description="Quốc hiệu của văn bản Đảng: “ĐẢNG CỘNG SẢN VIỆT NAM”.")
    place: Text = Field(description="Địa danh ghi trước ngày tháng của văn bản.")
    report_symbol: Text = Field(description="Ký hiệu văn bản, ví dụ BC/ĐUK.")
    preparer_title: Text = Field(description="Chức danh người lập biểu.")
    preparer_name: Text = Field(description="Họ tên người lập biểu.")
    signer_on_behalf: Text = Field(description="Thẩm quyền ký, ví dụ “T/M BAN THƯỜNG VỤ”.")
    signer_title: Text = Field(description="Chức vụ người ký.")
    signer_name: Text = Field(description="Họ tên người ký.")
    recipients: list[Text] = Field(default_factory=list, description="Nơi nhận, mỗi dòng một nơi.")
    committee_short: Text | None = Field(
        None, description="Tên viết tắt của cơ quan lãnh đạo trong ô bảng hẹp, ví dụ ĐUK (mặc định: code)."
    )
    units_short: Text = Field("đơn vị", description="Cách gọi chung các đơn vị báo cáo trong ô bảng hẹp, ví dụ TCCS.")
    letter_symbol: Text | None = Field(
        None,
        description="Ký hiệu công văn (thư nhắc nộp báo cáo), ví dụ CV/ĐUK (mặc định: CV/ và phần sau “/” của "
        "report_symbol).",
    )


class PeriodShape(Shape):
    label: Text = Field(description="Tên kỳ, ví dụ “9 tháng”.")
    phrase: Text = Field(description="Cách gọi trong câu, ví dụ “9 tháng”; “năm” cho kỳ cả năm.")
    report_phrase: Text = Field(description="Cách gọi trong báo cáo, ví dụ “9 tháng đầu năm”.")
    month: Whole = Field(ge=1, le=12, description="Tháng của ngày chốt số liệu.")
    day: Whole = Field(ge=1, le=31, description="Ngày của ngày chốt số liệu.")
    order: Whole = Field(description="Thứ tự các kỳ trong năm (1, 2, 3 …).")
    deadline: Text | None = Field(
        None, description="Hạn nộp báo cáo dạng ngày/tháng, ví dụ 05/10; là ngày ghi trên văn bản khi không có --date."
    )


class OptionShape(Shape):
    key: Text = Field(description="Khóa lưu trong dữ liệu.")
    label: Text = Field(description="Nhãn hiện cho người điền.")
    label_en: Text | None = Field(None, description="Nhãn tiếng Anh.")
    short: Text | None = Field(None, description="Tên viết tắt, ví dụ ĐBCS.")


class NamedOption(Shape):
    label: Text = Field(description="Nhãn hiện cho người điền.")
    label_en: Text | None = Field(None, description="Nhãn tiếng Anh.")
    short: Text | None = Field(None, description="Tên viết tắt, ví dụ ĐBCS.")


class QualifierShape(Shape):
    label: Text = Field(description="Nhãn trong danh sách “Mức độ”, ví dụ “Hơn”.")
    label_en: Text | None = Field(None, description="Nhãn tiếng Anh.")
    prefix: Text = Field("", description="Chữ đặt trước số trong báo cáo, ví dụ “hơn”.")
    exact: Flag | None = Field(None, description="Đây là mức “chính xác” (mặc định: mức có prefix trống).")
    fallback: Flag = Field(False, description="Dùng mức này khi cộng các số có mức độ khác nhau (ví dụ “khoảng”).")


class SectorGroupShape(Shape):
    label: Text = Field(description="Tên nhóm trong câu, ví dụ “doanh nghiệp”.")
    sectors: list[Text] = Field(min_length=1, description="Các loại hình thuộc nhóm.")


class BlocRuleShape(TextsShape):
    code: Text
    severity: Literal["error", "warning"]
    kind: Literal["totals_compare"]
    left: Text = Field(description="Mã chỉ tiêu vế trái (tổng toàn Khối).")
    op: Literal["eq", "le", "ge"] = Field(description="eq (bằng), le (không lớn hơn), ge (không nhỏ hơn).")
    right: Text = Field(description="Mã chỉ tiêu vế phải (tổng toàn Khối).")


class ChartShape(Shape):
    title: Text = Field(description="Tiêu đề biểu đồ.")
    series: Codes = Field(description="Các chỉ tiêu vẽ thành thanh, cạnh nhau (ví dụ thực hiện và chỉ tiêu).")
    secondary: Codes = Field(
        default_factory=list, description="Các chỉ tiêu có thang đo khác: vẽ thành một biểu đồ riêng bên dưới."
    )
    group_by: Literal["unit", "type", "sector"] = Field(
        "unit",
        description="unit: mỗi đơn vị một thanh; type: cộng theo loại tổ chức; sector: cộng theo loại hình. "
        "Thanh xếp từ lớn đến nhỏ.",
    )


class HistoryShape(Shape):
    database: Text = Field(
        description="Tệp cơ sở dữ liệu lịch sử (SQLite) mặc định: đường dẫn đầy đủ, hoặc tương đối so với "
        "thư mục danh mục (thư mục chứa bloc.yaml); ~ là thư mục người dùng. --db hoặc biến môi trường "
        "CONSOLIDATE_DB thay cho nó."
    )
    charts: Codes = Field(
        default_factory=list,
        description="Các chỉ tiêu số vẽ biểu đồ xu hướng khi lệnh history không chọn --indicator.",
    )


class BlocFile(Shape):
    """schemas/bloc.yaml: who the bloc is, its periods, unit types, sectors and bloc-wide rules."""

    bloc: BlocInfo
    periods: dict[Text, PeriodShape] = Field(min_length=1)
    unit_types: dict[Text, NamedOption]
    sectors: dict[Text, NamedOption]
    sector_groups: dict[Text, SectorGroupShape | list[Text]] = Field(
        default_factory=dict,
        description="Nhóm loại hình dùng trong điều kiện: {label, sectors} hoặc danh sách loại hình.",
    )
    bloc_rules: list[BlocRuleShape] = Field(default_factory=list)
    qualifiers: dict[Text, QualifierShape] = Field(default_factory=dict)
    charts: list[ChartShape] = Field(default_factory=list)
    history: HistoryShape | None = None


# --- a form ---------------------------------------------------------------------------------------


class OutlierShape(TextsShape):
    code: Text
    numerator: Text = Field(description="Mã chỉ tiêu tử số của tỷ số so sánh.")
    denominator: Text = Field(description="Mã chỉ tiêu mẫu số.")
    scale: Number = Field(1, description="Hệ số nhân (100 cho phần trăm).")
    unit: Text = Field("", description="Đơn vị của tỷ số, hiện trong thông báo.")
    threshold: Number = Field(5, description="Ngưỡng độ lệch (z-score vững) để cảnh báo.")
    explainable: Flag = True
    log: Flag = Field(False, description="So sánh trên thang log (đại lượng nhân, như doanh thu/lao động).")


class PeriodRuleShape(TextsShape):
    code: Text
    severity: Literal["error", "warning"]
    kind: Literal["cumulative", "change"] = Field(
        description="cumulative: số cộng dồn không giảm so với kỳ trước cùng năm; change: thay đổi so với cùng kỳ "
        "năm trước không quá limit %."
    )
    indicators: Codes | None = Field(None, description="Các chỉ tiêu; bỏ trống với cumulative = mọi chỉ tiêu flow.")
    limit: Number | None = Field(None, gt=0, description="Ngưỡng % cho kind: change.")


class IndicatorShape(Shape):
    code: Text = Field(description="Mã số: chữ thường, số và “_”, duy nhất trong danh mục; in ở cột “Mã số”.")
    label: Text = Field(description="Tên chỉ tiêu (tiếng Việt).")
    label_en: Text | None = Field(None, description="Tên chỉ tiêu bằng tiếng Anh.")
    short: Text | None = Field(None, description="Tên ngắn dùng trong phép tính của thông báo, ví dụ “kết nạp”.")
    unit: Text = Field("", description="Đơn vị tính (Đvt), ví dụ “đồng chí”, “triệu đồng”, “%”.")
    type: Literal[INDICATOR_TYPES] = Field(description="integer | money | decimal | text | date | enum.")  # type: ignore[valid-type]
    min: Number | None = Field(None, description="Giá trị nhỏ nhất được nhận (chỉ tiêu nhập tay).")
    max: Number | None = Field(None, description="Giá trị lớn nhất được nhận (chỉ tiêu nhập tay).")
    decimals: Whole | None = Field(
        None,
        ge=0,
        le=9,
        description="Số chữ số thập phân (mặc định: integer 0, money 3, decimal 2). Chỉ tiêu integer là số nguyên: "
        "chỉ ghi decimals khi cách tổng hợp là một phép chia (ratio, weighted_mean).",
    )
    required: Flag = Field(False, description="Mọi đơn vị phải điền (chỉ tiêu nhập tay).")
    applies_to: Condition | None = None
    nature: Literal[NATURES] | None = Field(  # type: ignore[valid-type]
        None,
        description="flow: cộng dồn từ 01/01; stock: tại ngày chốt số liệu; opening: tại ngày 01/01; "
        "average: bình quân từ 01/01 đến ngày chốt; plan: kế hoạch, chỉ tiêu của cả năm.",
    )
    aggregate: Any = Field(
        None,
        description="Cách tổng hợp: tên phương pháp (sum, none, text …) hoặc "
        "{method: …, …}. Mặc định: sum cho số, text cho chữ, none còn lại.",
    )
    role: Literal[ROLES] | None = Field(  # type: ignore[valid-type]
        None,
        description="Trường nhận diện: unit_code, unit_name, unit_type, sector, year, period_kind.",
    )
    options: Text | list[OptionShape] | None = Field(
        None, description="Lựa chọn của enum: danh sách {key, label}, hoặc unit_types / sectors / periods."
    )
    qualified: Flag = Field(False, description="Số tiền có cột “Mức độ” (hơn, gần, khoảng …).")
    note: Text | None = Field(None, description="Ghi chú riêng in ở cột “Ghi chú” của biểu mẫu.")

    @field_validator("aggregate", mode="before")
    @classmethod
    def _shorthand(cls, value: Any) -> Any:
        return {"method": value} if isinstance(value, str) else value


class SectionShape(Shape):
    id: Text = Field(description="Mã mục, ví dụ A, B, B2; duy nhất trong biểu mẫu.")
    title: Text = Field(description="Tên mục (chữ in hoa).")
    title_en: Text | None = Field(None, description="Tên mục bằng tiếng Anh.")
    indicators: list[IndicatorShape] = Field(min_length=1)


FORM_DESCRIPTIONS = {
    "form": "Mã biểu mẫu, ví dụ BC-DANG-PHI; in trong tên tệp và trang _meta.",
    "version": "Phiên bản biểu mẫu (số nguyên, tăng khi sửa biểu).",
    "min_version": "Phiên bản cũ nhất còn được nhận (mặc định: version).",
    "submitted_by": "unit: các đơn vị nộp; bloc: Văn phòng nhập số liệu của Đảng ủy Khối.",
    "order": "Thứ tự của biểu mẫu (số nhỏ trước; mặc định 100; các biểu không ghi order xếp theo tên tệp). "
    "Biểu mẫu đơn vị đầu tiên là biểu chính: các số đếm chung của merge --json nói về biểu này; vì vậy hai "
    "biểu mẫu đơn vị không được trùng order.",
    "title": "Tên biểu mẫu (chữ in hoa), in trên biểu mẫu.",
    "title_en": "Tên biểu mẫu bằng tiếng Anh.",
    "name": "Tên gọi ngắn trong câu, ví dụ “báo cáo công tác xây dựng Đảng”; dùng trong thư nhắc.",
    "sheet": "Tên trang tính số liệu (tối đa 31 ký tự, không có []:*?/\\; không trùng tên các trang công cụ tự "
    "thêm: " + ", ".join(f"“{name}”" for name in RESERVED_SHEETS) + ").",
    "applies_to": "Những đơn vị phải nộp biểu này (mặc định: mọi đơn vị trong units.csv).",
    "instructions": "Các dòng hướng dẫn riêng của biểu mẫu, in ở trang “Hướng dẫn”.",
    "report_template": "Mẫu lời văn báo cáo riêng của biểu (đường dẫn tương đối so với schemas/).",
    "sections": "Các mục của biểu mẫu, theo thứ tự in.",
    "rules": "Quy tắc kiểm tra chéo; kind chọn loại quy tắc.",
    "outliers": "Kiểm tra độ hợp lý so với các đơn vị khác.",
    "period_rules": "Đối chiếu với số liệu kỳ khác của chính đơn vị.",
}


def union(shapes: Iterable[type]) -> Any:
    """``A | B | C`` of the given models (a one-member union is the model itself)."""
    return functools.reduce(operator.or_, shapes)


@lru_cache(maxsize=8)
def _form_shape(kind_names: tuple[str, ...], method_names: tuple[str, ...]) -> type[Shape]:
    kinds = [rules.require(n) for n in kind_names]
    methods = [aggregations.require(n) for n in method_names]
    # Any: unions of the registered shapes, known only at run time
    rule: Any = Annotated[union(type(k).Shape for k in kinds), Field(discriminator="kind")]
    method: Any = Annotated[union(type(m).Shape for m in methods), Field(discriminator="method")]
    indicator = create_model(
        "Indicator",
        __base__=IndicatorShape,
        aggregate=(method | None, Field(None, description=IndicatorShape.model_fields["aggregate"].description)),
    )
    section = create_model("Section", __base__=SectionShape, indicators=(list[indicator], Field(min_length=1)))
    d = FORM_DESCRIPTIONS
    return create_model(
        "FormFile",
        __base__=Shape,
        __doc__="schemas/forms/*.yaml: one report form.",
        form=(Text, Field(description=d["form"])),
        version=(Whole, Field(ge=1, description=d["version"])),
        min_version=(Whole | None, Field(None, ge=1, description=d["min_version"])),
        submitted_by=(Submitter, Field(description=d["submitted_by"])),
        order=(Whole, Field(100, description=d["order"])),
        title=(Text, Field(description=d["title"])),
        title_en=(Text | None, Field(None, description=d["title_en"])),
        name=(Text | None, Field(None, description=d["name"])),
        sheet=(Text, Field("Báo cáo", description=d["sheet"])),
        applies_to=(Condition | None, Field(None, description=d["applies_to"])),
        instructions=(list[Text], Field(default_factory=list, description=d["instructions"])),
        report_template=(Text | None, Field(None, description=d["report_template"])),
        sections=(list[section], Field(min_length=1, description=d["sections"])),
        rules=(list[rule], Field(default_factory=list, description=d["rules"])),
        outliers=(list[OutlierShape], Field(default_factory=list, description=d["outliers"])),
        period_rules=(list[PeriodRuleShape], Field(default_factory=list, description=d["period_rules"])),
    )


def form_shape() -> type[Shape]:
    """The model of a form file for the rule kinds and aggregation methods registered now."""
    return _form_shape(tuple(k.name for k in rules.kinds()), tuple(m.name for m in aggregations.methods()))


def json_schema() -> dict[str, Any]:
    """The JSON Schema of every catalog YAML file (a form file or bloc.yaml), for editors."""
    form = form_shape().model_json_schema(ref_template="#/$defs/{model}")
    bloc = BlocFile.model_json_schema(ref_template="#/$defs/{model}")
    defs = {**form.pop("$defs", {}), **bloc.pop("$defs", {}), "FormFile": form, "BlocFile": bloc}
    methods = sorted(m.name for m in aggregations.methods())
    indicator = defs["Indicator"]["properties"]["aggregate"]
    indicator["anyOf"] = [{"type": "string", "enum": methods}, *indicator.get("anyOf", [])]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "consolidate catalog (schemas/bloc.yaml, schemas/forms/*.yaml)",
        "anyOf": [{"$ref": "#/$defs/FormFile"}, {"$ref": "#/$defs/BlocFile"}],
        "$defs": defs,
    }
