"""The genre's time phrases, read into dates, recurrences and conditions.

Plans give deadlines in a small set of phrases ("hoàn thành trong năm 2018",
"thực hiện từ năm 2018 và cơ bản hoàn thành vào năm 2019", "trước năm 2020",
"trong tháng 01/2018", "thực hiện hằng năm", "thực hiện sau khi có quy định
của Trung ương") and state plans add others ("Thời hạn: trước ngày 01 tháng 01
năm 2026", "Quý I/2026", "năm 2026 - 2027").  Matching runs on the
diacritic-folded text so both tone-mark styles and NFD input read the same;
conditions are cut from the original text, so they stay verbatim.

>>> t = parse_timeframe("thực hiện từ năm 2018 và cơ bản hoàn thành vào năm 2019")
>>> t.start.isoformat(), t.due.isoformat()
('2018-01-01', '2019-12-31')
>>> parse_timeframe("hoàn thành trước năm 2020").due.isoformat()
'2019-12-31'
>>> parse_timeframe("thực hiện sau khi có quy định, hướng dẫn của Trung ương").condition
'sau khi có quy định, hướng dẫn của Trung ương'
>>> parse_timeframe("Thực hiện theo Kế hoạch số 155-KH/TU") is None
True
>>> parse_timeframe("trước ngày 20 hằng tháng").recurrence
<Recurrence.MONTHLY: 'monthly'>
>>> parse_timeframe("Theo lộ trình của Trung ương").condition
'Theo lộ trình của Trung ương'
>>> parse_timeframe("2026 - 2030").start.isoformat(), parse_timeframe("2025").due.isoformat()
('2026-01-01', '2025-12-31')
"""

from __future__ import annotations

import calendar
import datetime as dt
import re

from ..model import Recurrence, Timeframe
from ..text import collapse_space, fold_same_length, nfc

__all__ = ["framing_timeframe", "inner_timeframe", "leading_recurrence", "parse_timeframe"]

_ROMAN_QUARTER = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_ANNUAL = re.compile(r"\b(?:hang|moi) nam\b")
_PERIODIC = [
    (re.compile(r"\b(?:hang|moi) quy\b"), Recurrence.QUARTERLY),
    (re.compile(r"\b(?:hang|moi) thang\b"), Recurrence.MONTHLY),
    (re.compile(r"\b(?:hang|moi) tuan\b"), Recurrence.WEEKLY),
]
# A phrase that is only a year or a span of years: a table's "2025", "2026-2030".
_BARE_YEARS = re.compile(r"^\s*(\d{4})\s*(?:(?:-|–|den)\s*(\d{4})\s*)?\.?$")
_CONTINUOUS = re.compile(r"\bthuong xuyen\b")
# A condition runs from its opening words to the end of the phrase.
_CONDITION = re.compile(
    r"\b(?:sau khi|khi co|theo chi dao|theo huong dan|theo tien do|tuy theo|theo lo trinh)\b[^;]*"
)
_OPEN_ENDED = re.compile(r"\bva (?:cac|nhung) nam tiep theo\b")

_D = r"(\d{1,2})"
_Y = r"(\d{4})"
_DMY = rf"{_D}\s*/\s*{_D}\s*/\s*{_Y}"
_DMY_WORDS = rf"{_D}\s+thang\s+{_D}\s+nam\s+{_Y}"

_START_PATTERNS = [
    (re.compile(rf"\btu\s+(?:ngay\s+)?{_DMY}"), "dmy"),
    (re.compile(rf"\btu\s+(?:ngay\s+)?{_DMY_WORDS}"), "dmy"),
    (re.compile(rf"\btu\s+(?:thang\s+)?{_D}\s*/\s*{_Y}"), "my"),
    (re.compile(rf"\btu\s+(?:nam\s+)?{_Y}\b"), "y"),
]
_RANGE = re.compile(rf"\b(?:giai doan|nam|tu nam)\s+{_Y}\s*(?:-|–|den)\s*(?:nam\s+)?{_Y}\b")
_DUE_PATTERNS = [
    (re.compile(rf"\btruoc\s+ngay\s+{_DMY}"), "before-dmy"),
    (re.compile(rf"\btruoc\s+ngay\s+{_DMY_WORDS}"), "before-dmy"),
    (re.compile(rf"\bngay\s+{_DMY}"), "dmy"),
    (re.compile(rf"\bngay\s+{_DMY_WORDS}"), "dmy"),
    (re.compile(rf"\btruoc\s+thang\s+{_D}\s*/\s*{_Y}"), "before-my"),
    (re.compile(rf"\bthang\s+{_D}\s*(?:/|nam)\s*{_Y}"), "my"),
    (re.compile(rf"\bquy\s+(iv|iii|ii|i|[1-4])\s*(?:/|nam)\s*{_Y}"), "quarter"),
    (re.compile(rf"\btruoc\s+nam\s+{_Y}"), "before-y"),
    (re.compile(rf"\bnam\s+{_Y}\b"), "y"),
]
_LEADING = re.compile(
    r"^\s*(?:dinh ky\s+)?(hang nam|moi nam|hang quy|hang thang|hang tuan|thuong xuyen)\s*[,:]"
)


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _start_from(match: re.Match[str], form: str) -> dt.date | None:
    groups = [int(g) for g in match.groups()]
    if form == "dmy":
        return _safe_date(groups[2], groups[1], groups[0])
    if form == "my":
        return _safe_date(groups[1], groups[0], 1)
    return dt.date(groups[0], 1, 1)


def _due_from(match: re.Match[str], form: str) -> dt.date | None:
    groups = match.groups()
    try:
        if form in ("dmy", "before-dmy"):
            day = _safe_date(int(groups[2]), int(groups[1]), int(groups[0]))
            if day is None:
                return None
            return day - dt.timedelta(days=1) if form == "before-dmy" else day
        if form == "my":
            return _last_day(int(groups[1]), int(groups[0]))
        if form == "before-my":
            first = dt.date(int(groups[1]), int(groups[0]), 1)
            return first - dt.timedelta(days=1)
        if form == "quarter":
            quarter = _ROMAN_QUARTER[groups[0]]
            return _last_day(int(groups[1]), quarter * 3)
        if form == "before-y":
            return dt.date(int(groups[0]) - 1, 12, 31)
        return dt.date(int(groups[0]), 12, 31)
    except ValueError:
        return None


def _blank(folded: str, match: re.Match[str]) -> str:
    """Blank out a consumed match so later patterns do not read it again."""
    return folded[: match.start()] + " " * (match.end() - match.start()) + folded[match.end() :]


def parse_timeframe(text: str) -> Timeframe | None:
    """Read a time phrase; None when it says nothing about time.

    ``text`` is kept (spaces collapsed, NFC) as the timeframe's verbatim text.
    """
    text = nfc(text)
    folded = fold_same_length(text)
    recurrence = None
    periodic = [r for pattern, r in _PERIODIC if pattern.search(folded)]
    if periodic:
        recurrence = periodic[0]  # "trước ngày 20 hằng tháng": monthly
    elif _ANNUAL.search(folded):
        recurrence = Recurrence.ANNUAL
    elif _CONTINUOUS.search(folded):
        recurrence = Recurrence.CONTINUOUS
    bare = _BARE_YEARS.match(folded)
    if bare and 1945 <= int(bare.group(1)) <= 2100:
        first, last = int(bare.group(1)), int(bare.group(2) or bare.group(1))
        start = dt.date(first, 1, 1) if bare.group(2) else None
        return Timeframe(collapse_space(text), start, dt.date(last, 12, 31), recurrence, None)

    condition = None
    cond = _CONDITION.search(folded)
    if cond:
        condition = collapse_space(text[cond.start() : cond.end()]).rstrip(" .;,")
        folded = _blank(folded, cond)

    start = due = None
    open_ended = _OPEN_ENDED.search(folded) is not None
    span = _RANGE.search(folded)
    if span:
        start = dt.date(int(span.group(1)), 1, 1)
        if not open_ended:
            due = dt.date(int(span.group(2)), 12, 31)
        folded = _blank(folded, span)
    else:
        for pattern, form in _START_PATTERNS:
            found = pattern.search(folded)
            if found:
                start = _start_from(found, form)
                folded = _blank(folded, found)
                break
        dues = []
        for pattern, form in _DUE_PATTERNS:
            for found in pattern.finditer(folded):
                day = _due_from(found, form)
                if day is not None:
                    dues.append(day)
                folded = _blank(folded, found)
        if dues and not (open_ended and start is None and len(dues) == 1):
            due = max(dues)
        elif dues:
            # "năm 2025 và các năm tiếp theo": from 2025, open-ended.
            start = dt.date(dues[0].year, 1, 1)
    result = Timeframe(collapse_space(text), start, due, recurrence, condition)
    return None if result.is_empty else result


def leading_recurrence(text: str) -> Recurrence | None:
    """Recurrence said by an opening adverb: "Hằng năm, tổng hợp …" -> annual.

    >>> leading_recurrence("Hằng năm, tổng hợp, báo cáo kết quả")
    <Recurrence.ANNUAL: 'annual'>
    """
    found = _LEADING.match(fold_same_length(nfc(text)))
    if not found:
        return None
    return {
        "thuong xuyen": Recurrence.CONTINUOUS,
        "hang quy": Recurrence.QUARTERLY,
        "hang thang": Recurrence.MONTHLY,
        "hang tuan": Recurrence.WEEKLY,
    }.get(found.group(1), Recurrence.ANNUAL)


# Where a task's sentence states its time: a closing bracket "(hoàn thành trong năm 2019)", a
# closing deadline "… trước ngày 30/6/2026.", an opening phrase "Trước ngày 30/6/2026, …".
_TRAILING_PARENS = re.compile(r"\(([^()]*)\)\s*[.;,]?\s*$")
_TRAILING_DEADLINE = re.compile(
    r"(?:^|[,;\s])((?:hoan thanh |xong |thuc hien |ngay )?(?:trong|truoc|vao|den het|den)\s+"
    r"(?:nam|thang|quy|ngay)\s[^,;()]{1,40}?)\s*[.;]?\s*$"
)
_LEADING_TIME = re.compile(
    r"^((?:truoc|trong|den het|den|tu|vao|sau|cham nhat)\s+(?:ngay|thang|quy|nam)\s[^,;:]{1,30}),"
)
_INNER_DEADLINE = re.compile(
    r"\b((?:truoc|cham nhat(?: la)?(?: truoc)?)\s+ngay\s+\d{1,2}(?:\s*/\s*\d{1,2}\s*/\s*|\s+thang\s+\d{1,2}\s+nam\s+)\d{4}"
    r"|(?:trong|den het)\s+(?:thang\s+\d{1,2}|quy\s+(?:iv|iii|ii|i|[1-4]))\s*(?:/|nam)\s*\d{4})"
)
# "… báo cáo trước ngày 20 hằng tháng", "tổng hợp kết quả hằng quý".  ("Theo lộ trình …" is a
# timeframe only where the plan gives it as one: a time field, a table's column, a bracket.)
_INNER_RECURRENCE = re.compile(
    r"\b((?:truoc ngay \d{1,2} )?(?:dinh ky )?(?:hang|moi) (?:nam|quy|thang|tuan)\b)"
)


def framing_timeframe(sentence: str) -> Timeframe | None:
    """The time a task's sentence states at its end (a bracket, a deadline) or its start.

    >>> framing_timeframe("Trước ngày 30/6/2026, Bộ Nội vụ chủ trì rà soát.").due.isoformat()
    '2026-06-29'
    """
    parens = _TRAILING_PARENS.search(sentence)
    if parens:
        found = parse_timeframe(parens.group(1))
        if found is not None:
            return found
    tail = sentence[-80:]
    deadline = _TRAILING_DEADLINE.search(fold_same_length(tail))
    if deadline:
        offset = len(sentence) - len(tail)
        found = parse_timeframe(sentence[offset + deadline.start(1) : offset + deadline.end(1)])
        if found is not None:
            return found
    opening = _LEADING_TIME.match(fold_same_length(sentence))
    return parse_timeframe(sentence[: opening.end(1)]) if opening else None


def inner_timeframe(sentence: str) -> Timeframe | None:
    """A deadline with its full date, or a recurrence, inside a sentence ("… gửi báo cáo về Sở
    Nội vụ trước ngày 16 tháng 12 năm 2025 để tổng hợp …", "… trước ngày 20 hằng tháng")."""
    folded = fold_same_length(sentence)
    inner = _INNER_DEADLINE.search(folded) or _INNER_RECURRENCE.search(folded)
    return parse_timeframe(sentence[inner.start(1) : inner.end(1)].rstrip(" .")) if inner else None
