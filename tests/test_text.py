"""Vietnamese normalisation: tone-mark styles, NFD, folding, tokens."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from orggraph.text import (
    collapse_space,
    fold_diacritics,
    fold_same_length,
    nfc,
    phrase_key,
    slugify,
    syllable_key,
    tokenize,
)

VIETNAMESE = st.lists(
    st.sampled_from(list("aăâeêioôơuưyđAĂÂĐỦỶủỷóòỏõọáàảãạ \t,-") + ["Tỉnh", "Uỷ", "hoá", "u\u0309y"]),
    max_size=20,
).map("".join)


def test_both_tone_mark_styles_give_one_key() -> None:
    assert syllable_key("Uỷ") == syllable_key("ủy") == syllable_key("ỦY")
    assert syllable_key("hoá") == syllable_key("hóa")
    assert syllable_key("khoẻ") == syllable_key("khỏe")


def test_vowel_quality_marks_are_kept() -> None:
    assert syllable_key("tổ") != syllable_key("tô")
    assert syllable_key("đảng") != syllable_key("dảng")


def test_nfd_input_matches_nfc() -> None:
    decomposed = unicodedata.normalize("NFD", "Ban Tổ chức Tỉnh ủy")
    assert phrase_key(decomposed) == phrase_key("Ban Tổ chức Tỉnh ủy")
    assert nfc(decomposed) == "Ban Tổ chức Tỉnh ủy"


def test_spaces_and_case_do_not_matter_to_phrases() -> None:
    assert phrase_key("ban   tổ\tchức TỈNH ỦY") == phrase_key("Ban Tổ chức Tỉnh uỷ")


def test_fold_and_slug() -> None:
    assert fold_diacritics("Đảng đoàn Hội đồng nhân dân tỉnh") == "dang doan hoi dong nhan dan tinh"
    assert slugify("Tuyên Quang") == "tuyen-quang"
    assert slugify("2623/QĐ-TTg") == "2623-qd-ttg"


def test_tokens_keep_code_point_spans() -> None:
    text = "các đoàn thể chính trị - xã hội"
    for token in tokenize(text, offset=10):
        assert text[token.start - 10 : token.end - 10] == token.text


@given(VIETNAMESE)
def test_normalising_twice_changes_nothing(text: str) -> None:
    assert nfc(nfc(text)) == nfc(text)
    assert collapse_space(collapse_space(text)) == collapse_space(text)
    assert fold_diacritics(fold_diacritics(text)) == fold_diacritics(text)


@given(VIETNAMESE)
def test_same_length_fold_keeps_offsets(text: str) -> None:
    composed = nfc(text)
    assert len(fold_same_length(composed)) == len(composed)


@given(VIETNAMESE)
def test_phrase_key_ignores_decomposition(text: str) -> None:
    assert phrase_key(unicodedata.normalize("NFD", text)) == phrase_key(text)
