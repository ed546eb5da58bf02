"""Numbered acts cited in a plan: "Nghị quyết số 18-NQ/TW, ngày 25/10/2017".

Vietnamese official documents are numbered "<number>-<type>/<issuer>" (party:
"18-NQ/TW", "155-KH/TU") or "<number>/<type>-<issuer>" (state: "141/KH-UBND",
"2623/QĐ-TTg"), sometimes with the year ("197/2025/QH15").  A citation may be
followed by its date.  Acts of central bodies are national; others belong to
the jurisdiction of the plan that cites them ("155-KH/TU" is that province's).

>>> [c.identifier for c in find_citations("theo Nghị quyết số 18-NQ/TW và Kế hoạch 141/KH-UBND")]
['18-NQ/TW', '141/KH-UBND']
>>> find_citations("Số 168 - KH/TU")[0].identifier
'168-KH/TU'
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from ..text import fold_same_length

__all__ = ["Citation", "DOCUMENT_TYPES", "find_citations", "is_central", "normalise_identifier"]

# Type code in a number -> (Vietnamese, English) name of the kind of act.
DOCUMENT_TYPES: dict[str, tuple[str, str]] = {
    "NQ": ("Nghị quyết", "Resolution"),
    "KH": ("Kế hoạch", "Plan"),
    "CT": ("Chỉ thị", "Directive"),
    "KL": ("Kết luận", "Conclusion"),
    "QĐ": ("Quyết định", "Decision"),
    "HD": ("Hướng dẫn", "Guidance"),
    "BC": ("Báo cáo", "Report"),
    "TB": ("Thông báo", "Notice"),
    "CV": ("Công văn", "Official letter"),
    "NĐ": ("Nghị định", "Decree"),
    "TT": ("Thông tư", "Circular"),
    "CTr": ("Chương trình", "Programme"),
    "QH": ("Nghị quyết", "Resolution"),
}
# The word before a number names the kind more precisely than the code ("Quy định
# số 178-QĐ/TW" is a regulation, though QĐ usually marks a decision).
_KIND_WORDS: dict[str, tuple[str, str]] = {
    fold_same_length(vi): (vi, en)
    for vi, en in [
        *DOCUMENT_TYPES.values(),
        ("Quy định", "Regulation"),
        ("Chương trình hành động", "Programme of action"),
        ("Luật", "Law"),
    ]
}

# Issuer codes of central bodies: Party Centre and its organs, Government, National Assembly.
_CENTRAL_ISSUERS = re.compile(r"^(?:TW|BTCTW|UBKTTW|BCT|BBT|VPTW|ĐU|TTg|CP|QH\d*|BCĐTW|CTN)$")

# Codes are capitals and digits, with at most one small letter at the end ("TTg"); the parts
# may be spaced ("168 - KH/TU") but never run over a line break.
_CODE = r"[A-ZĐ][A-ZĐ0-9]*[a-z]?"
_NUMBER = re.compile(
    rf"(?<![\w/])(\d{{1,5}})((?:/\d{{4}})?)[ \t]*([-/])[ \t]*({_CODE})"
    rf"(?:[ \t]*([-/])[ \t]*({_CODE}))?(?![\w])"
)
_KIND_BEFORE = re.compile(
    r"(nghi quyet|ke hoach|chi thi|ket luan|quyet dinh|quy dinh|huong dan|bao cao|thong bao"
    r"|nghi dinh|thong tu|chuong trinh hanh dong|chuong trinh|cong van|luat)\s*(?:so\s*:?\s*)?$"
)
_DATE_AFTER = re.compile(
    r"^\s*,?\s*(?:ngay\s*)?(?:(\d{1,2})\s*/\s*(\d{1,2})\s*/\s*(\d{4})"
    r"|(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4}))"
)


@dataclass(frozen=True, slots=True)
class Citation:
    """One citation of a numbered act, with its span in the text searched."""

    identifier: str
    start: int
    end: int
    kind_vi: str | None
    kind_en: str | None
    issued: dt.date | None


def normalise_identifier(raw: str) -> str:
    """Remove the spaces some texts put around the separators: "27/NQ- TW" -> "27/NQ-TW"."""
    return re.sub(r"\s+", "", raw)


def is_central(identifier: str) -> bool:
    """True for acts of central bodies ("18-NQ/TW", "2623/QĐ-TTg", "197/2025/QH15").

    >>> is_central("18-NQ/TW"), is_central("155-KH/TU"), is_central("197/2025/QH15")
    (True, False, True)
    """
    last = re.split(r"[-/]", identifier)[-1]
    return bool(_CENTRAL_ISSUERS.match(last))


def _kind(identifier: str, word: str | None) -> tuple[str | None, str | None]:
    if word and word in _KIND_WORDS:
        return _KIND_WORDS[word]
    for part in re.split(r"[-/]", identifier)[1:]:
        stem = re.sub(r"\d+$", "", part)
        if stem in DOCUMENT_TYPES:
            return DOCUMENT_TYPES[stem]
    return (None, None)


def find_citations(text: str, offset: int = 0) -> list[Citation]:
    """Every numbered act cited in ``text`` (NFC); spans are shifted by ``offset``."""
    folded = fold_same_length(text)
    found = []
    for match in _NUMBER.finditer(text):
        number, year, sep1, code1, sep2, code2 = match.groups()
        if code2 is None and not year:
            # "18-NQ" alone is not a citation; "197/2025/QH15" is.
            continue
        identifier = normalise_identifier(match.group(0))
        before = _KIND_BEFORE.search(folded[max(0, match.start() - 40) : match.start()])
        kind_vi, kind_en = _kind(identifier, before.group(1) if before else None)
        issued = None
        after = _DATE_AFTER.match(folded[match.end() : match.end() + 40])
        if after:
            day, month, yr = (after.group(1), after.group(2), after.group(3))
            if day is None:
                day, month, yr = (after.group(4), after.group(5), after.group(6))
            try:
                issued = dt.date(int(yr), int(month), int(day))
            except ValueError:
                issued = None
        found.append(
            Citation(identifier, match.start() + offset, match.end() + offset, kind_vi, kind_en, issued)
        )
    return found
