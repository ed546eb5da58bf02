"""The genre's time phrases (the glossary's table, and the state-plan forms)."""

from __future__ import annotations

import datetime as dt

import pytest

from orggraph.model import Recurrence
from orggraph.read.timeframe import leading_recurrence, parse_timeframe

D = dt.date

CASES = [
    ("hoàn thành trong tháng 01/2018", None, D(2018, 1, 31), None, None),
    ("hoàn thành trong năm 2018", None, D(2018, 12, 31), None, None),
    ("hoàn thành trước năm 2020", None, D(2019, 12, 31), None, None),
    ("thực hiện từ năm 2018", D(2018, 1, 1), None, None, None),
    ("thực hiện từ năm 2018 và cơ bản hoàn thành vào năm 2019", D(2018, 1, 1), D(2019, 12, 31), None, None),
    ("thực hiện từ năm 2018 và hoàn thành trong năm 2019", D(2018, 1, 1), D(2019, 12, 31), None, None),
    ("thực hiện từ năm 2018 và cơ bản hoàn thành trong năm 2019", D(2018, 1, 1), D(2019, 12, 31), None, None),
    ("thực hiện thường xuyên", None, None, Recurrence.CONTINUOUS, None),
    ("thực hiện hằng năm", None, None, Recurrence.ANNUAL, None),
    ("Theo kế hoạch công tác hàng năm", None, None, Recurrence.ANNUAL, None),
    (
        "thực hiện sau khi có quy định, hướng dẫn của Trung ương",
        None,
        None,
        None,
        "sau khi có quy định, hướng dẫn của Trung ương",
    ),
    ("thực hiện theo chỉ đạo của Trung ương", None, None, None, "theo chỉ đạo của Trung ương"),
    (
        "thực hiện sau khi Bộ Chính trị ban hành quy định",
        None,
        None,
        None,
        "sau khi Bộ Chính trị ban hành quy định",
    ),
    ("trước ngày 01 tháng 01 năm 2026", None, D(2025, 12, 31), None, None),
    ("trước ngày 15/12/2025", None, D(2025, 12, 14), None, None),
    ("Tháng 12/2025.", None, D(2025, 12, 31), None, None),
    ("Quý II/2026", None, D(2026, 6, 30), None, None),
    ("năm 2026 - 2027", D(2026, 1, 1), D(2027, 12, 31), None, None),
    ("Giai đoạn 2026-2030 và những năm tiếp theo", D(2026, 1, 1), None, None, None),
    ("năm 2025 và các năm tiếp theo", D(2025, 1, 1), None, None, None),
    ("Từ 01/7/2025.", D(2025, 7, 1), None, None, None),
]


@pytest.mark.parametrize(
    ("phrase", "start", "due", "recurrence", "condition"), CASES, ids=[c[0] for c in CASES]
)
def test_phrase(
    phrase: str,
    start: dt.date | None,
    due: dt.date | None,
    recurrence: Recurrence | None,
    condition: str | None,
) -> None:
    timeframe = parse_timeframe(phrase)
    assert timeframe is not None
    assert (timeframe.start, timeframe.due, timeframe.recurrence, timeframe.condition) == (
        start,
        due,
        recurrence,
        condition,
    )


def test_old_tone_style_and_nfd_read_the_same() -> None:
    import unicodedata

    phrase = unicodedata.normalize("NFD", "hoàn thành trước năm 2020")
    timeframe = parse_timeframe(phrase)
    assert timeframe is not None and timeframe.due == D(2019, 12, 31)


@pytest.mark.parametrize(
    "phrase",
    ["Thực hiện theo Kế hoạch số 155-KH/TU", "B/c", "có Báo cáo số 386-BC/BTCTW kèm theo", "phòng"],
)
def test_not_a_timeframe(phrase: str) -> None:
    assert parse_timeframe(phrase) is None


def test_leading_adverbs() -> None:
    assert leading_recurrence("Hằng năm, tổng hợp, báo cáo") is Recurrence.ANNUAL
    assert leading_recurrence("Thường xuyên rà soát, kiện toàn") is None  # no comma: not an adverb phrase
    assert leading_recurrence("Thường xuyên, theo dõi") is Recurrence.CONTINUOUS
