"""Numbers in words: the unambiguous reading shown beside every number read from text."""

from __future__ import annotations

import pytest

from consolidate.core.words import in_words, spelled


@pytest.mark.parametrize(
    "value,vi,en",
    [
        (0, "không", "zero"),
        (15, "mười lăm", "fifteen"),
        (21, "hai mươi mốt", "twenty-one"),
        (24, "hai mươi tư", "twenty-four"),
        (105, "một trăm linh năm", "one hundred five"),
        (1005, "một nghìn không trăm linh năm", "one thousand five"),
        (2430, "hai nghìn bốn trăm ba mươi", "two thousand four hundred thirty"),
        (3407, "ba nghìn bốn trăm linh bảy", "three thousand four hundred seven"),
        (4262000, "bốn triệu hai trăm sáu mươi hai nghìn", "four million two hundred sixty-two thousand"),
        (2.43, "hai phẩy bốn mươi ba", "two point four three"),
        (0.05, "không phẩy không năm", "zero point zero five"),
        (-3, "âm ba", "minus three"),
    ],
)
def test_in_words(value, vi, en):
    assert (in_words(value, "vi"), in_words(value, "en")) == (vi, en)


def test_spelled_shows_digits_without_grouping_then_words_then_unit():
    assert spelled(2430, "vi", "triệu đồng") == "2430 (hai nghìn bốn trăm ba mươi) triệu đồng"
    assert spelled(2.43, "vi", "triệu đồng") == "2,43 (hai phẩy bốn mươi ba) triệu đồng"
    assert spelled(2.43, "en") == "2.43 (two point four three)"
