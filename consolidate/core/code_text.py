"""The shape of a built-in finding code's wording, shared by the code tables."""

from __future__ import annotations

from dataclasses import dataclass

from consolidate.core.model import Texts

RESEND = "Mở biểu mẫu gốc do {office} gửi, điền lại số liệu, lưu dạng .xlsx rồi gửi lại."
RESEND_EN = "Open the original template from the bloc office, fill it in, save as .xlsx and send it again."


@dataclass(frozen=True, slots=True)
class CodeText:
    code: str
    severity: str
    texts: Texts


def code(
    code: str, severity: str, title: str, title_en: str, message: str, message_en: str, fix: str, fix_en: str
) -> CodeText:
    return CodeText(code, severity, Texts(title, title_en, message, message_en, fix, fix_en))
