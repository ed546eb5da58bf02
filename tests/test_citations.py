"""Numbered acts cited in plans."""

from __future__ import annotations

import datetime as dt

from orggraph.read.citations import find_citations, is_central


def test_party_and_state_numbering_with_dates() -> None:
    text = (
        "Thực hiện Nghị quyết số 18-NQ/TW, ngày 25/10/2017 và Kế hoạch số 07-KH/TW, ngày 27/11/2017; "
        "Quyết định 2623/QĐ-TTg ngày 29 tháng 11 năm 2025; Nghị quyết số 197/2025/QH15."
    )
    found = {c.identifier: c for c in find_citations(text)}
    assert list(found) == ["18-NQ/TW", "07-KH/TW", "2623/QĐ-TTg", "197/2025/QH15"]
    assert found["18-NQ/TW"].issued == dt.date(2017, 10, 25)
    assert found["18-NQ/TW"].kind_en == "Resolution"
    assert found["2623/QĐ-TTg"].issued == dt.date(2025, 11, 29)
    assert found["2623/QĐ-TTg"].kind_vi == "Quyết định"
    assert found["197/2025/QH15"].issued is None


def test_spaces_inside_numbers_are_normalised() -> None:
    assert [c.identifier for c in find_citations("Số 168 - KH/TU và 27/NQ- TW")] == ["168-KH/TU", "27/NQ-TW"]


def test_plain_numbers_are_not_citations() -> None:
    assert find_citations("nhiệm kỳ 2021 - 2026, ngày 04/5 đến ngày 14/5/2025, 100% cán bộ") == []


def test_word_before_the_number_names_the_kind() -> None:
    (citation,) = find_citations("Quy định số 178-QĐ/TW ngày 27/6/2024")
    assert citation.kind_en == "Regulation"


def test_central_and_local_acts() -> None:
    assert is_central("18-NQ/TW") and is_central("2623/QĐ-TTg")
    assert not is_central("155-KH/TU") and not is_central("141/KH-UBND")
