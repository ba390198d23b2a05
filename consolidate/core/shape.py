"""The building blocks of the catalog's declared shape (pydantic): a strict base model, YAML-friendly
scalar types and the pieces every rule or form shares (texts, conditions).

The catalog files are the office's code, written by hand in YAML. These types accept what YAML
gives for a hand-written value (``label: 2021`` is the text "2021", ``min: 0`` the number 0) and
refuse what is surely a slip (a ``true`` where text is expected, an unknown key). A key written
with no value (``label_en:``) counts as absent, so its default applies. Field descriptions are
Vietnamese: they are what a form author sees in the editor and in docs/viet-bieu-mau.md.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator
from pydantic_core import PydanticCustomError


def _text(value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise PydanticCustomError("text_expected", "expected text")
    return str(value).strip()


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise PydanticCustomError("number_expected", "expected a number")
    return value


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise PydanticCustomError("whole_expected", "expected a whole number")
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise PydanticCustomError("flag_expected", "expected true or false")
    return value


Text = Annotated[str, BeforeValidator(_text)]
Number = Annotated[float, BeforeValidator(_number)]
Whole = Annotated[int, BeforeValidator(_whole)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Codes = list[Text]


class Shape(BaseModel):
    """A mapping of the catalog: unknown keys refused, values frozen, empty values absent."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    @model_validator(mode="before")
    @classmethod
    def _drop_empty(cls, data: Any) -> Any:
        if isinstance(data, dict):  # an unknown key stays, to be refused by name
            return {k: v for k, v in data.items() if v is not None or k not in cls.model_fields}
        return data


Condition = Annotated[
    dict[Text, list[Text]],
    Field(
        description="Điều kiện theo đơn vị: {type: [DBCS]} (loại tổ chức) và/hoặc {sector: [DNNN, enterprise]} "
        "(loại hình hoặc nhóm loại hình trong bloc.yaml). Khi ghi cả hai, đơn vị phải thỏa cả hai (VÀ)."
    ),
]


class TextsShape(Shape):
    """The wording of a rule: title, message and fix, in Vietnamese and English."""

    title: Text = Field(description="Tên ngắn của quy tắc (tiếng Việt).")
    title_en: Text | None = Field(None, description="Tên ngắn bằng tiếng Anh.")
    message: Text = Field(
        description="Thông báo khi vi phạm: nói rõ thấy gì, đúng phải thế nào. "
        "Dùng {chỗ_trống} do loại quy tắc cung cấp, ví dụ {detail}, {value}."
    )
    message_en: Text | None = Field(None, description="Thông báo bằng tiếng Anh.")
    fix: Text = Field(description="Cách sửa, nói với người điền biểu.")
    fix_en: Text | None = Field(None, description="Cách sửa bằng tiếng Anh.")
