"""Vietnamese text normalisation.

Plans mix two tone-mark styles ("Uỷ"/"Ủy", "hoá"/"hóa"), arrive in NFC or NFD,
and carry runs of spaces and tabs.  Everything here works on NFC text and keeps
code-point offsets meaningful: functions that change length say so.

Three keys are used for matching, from strict to loose:

* :func:`syllable_key` - lower case, tone mark moved to a canonical place, so
  both tone-mark styles give the same key (what the extractor matches on);
* :func:`fold_diacritics` - every mark removed and "đ" -> "d", for search boxes
  and command-line arguments typed without Vietnamese input;
* :func:`collapse_space` - runs of white space to one space (display text).

>>> syllable_key("Uỷ") == syllable_key("ủy") == syllable_key("ỦY")
True
>>> fold_diacritics("Ban Tổ chức Tỉnh ủy")
'ban to chuc tinh uy'
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache

__all__ = [
    "Token",
    "roman_numeral",
    "collapse_space",
    "drop_controls",
    "fold_diacritics",
    "fold_same_length",
    "nfc",
    "phrase_key",
    "slugify",
    "syllable_key",
    "tokenize",
]

# Combining marks that carry the five Vietnamese tones (the sixth tone is unmarked).
_TONE_MARKS = {
    "\u0300": "2",  # huyền (grave)
    "\u0301": "1",  # sắc (acute)
    "\u0303": "4",  # ngã (tilde)
    "\u0309": "3",  # hỏi (hook above)
    "\u0323": "5",  # nặng (dot below)
}

_SPACE_RUN = re.compile(r"\s+")
# A token is a run of letters/digits (one syllable or number) or one punctuation mark.
_TOKEN = re.compile(r"\w+|[^\w\s]", re.UNICODE)


def nfc(text: str) -> str:
    """Return ``text`` in Unicode NFC (composed) form.

    >>> nfc("Ti\\u0309nh") == "Tỉnh"
    True
    """
    return unicodedata.normalize("NFC", text)


# Characters that are not text: C0 controls but tab, newline and carriage return (XML 1.0 refuses
# them, terminals obey them), DEL, and C1 controls.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def drop_controls(text: str) -> str:
    """``text`` without control characters (a NUL, an escape sequence's ESC, a bell).

    >>> drop_controls("Văn phòng\\x00 Tỉnh ủy\\x1b[31m")
    'Văn phòng Tỉnh ủy[31m'
    """
    return _CONTROL.sub("", text)


# How much of a name or a task's text outputs show: far above any real one (Plan 168's longest
# task is 640 characters, its longest name 61), so only a hostile or broken graph is cut, and
# what orggraph writes stays proportional to the graph, never to a label's length times its uses.
NAME_LIMIT = 300
TEXT_LIMIT = 5000


def shorten(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, with "…" where it was cut.

    >>> shorten("Ban Tổ chức Tỉnh ủy", 9)
    'Ban Tổ c…'
    """
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Vietnamese written as UTF-8, then read as Windows-1252 or Latin-1 and saved again: "Tỉnh" becomes
# "Tá»‰nh", "đ" becomes "Ä‘", "ư" becomes "Æ°".  Each pair below is the first two characters of such
# a letter; in real Vietnamese text they (nearly) never meet.
_TWICE_DECODED = re.compile(
    "á[\u00ba\u00bb]|Ä[\u2018\u0091\u0090\u0111]|Æ[\u00b0\u00a1]|Ã[\u0080-\u00bf\u2018-\u201e\u2020-\u2026\u0160\u0161]"
)
_VIETNAMESE_LETTER = re.compile("[\u1ea0-\u1ef9đĐơƠưƯ]")
_VIETNAMESE = frozenset("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
_WORD = re.compile(r"[^\W\d_]+")


def twice_decoded(text: str) -> bool:
    """Whether ``text`` is Vietnamese decoded twice ("mojibake"): pieces of garbled letters
    outnumber real Vietnamese ones.

    >>> twice_decoded("Tá»ˆNH á»¦Y TUYÃŠN QUANG, Sá»‘ 168 - KH/TU, Káº¾ HOáº CH, Ä‘á»“ng chÃ­")
    True
    >>> twice_decoded("TỈNH ỦY TUYÊN QUANG, Số 168 - KH/TU, KẾ HOẠCH, đồng chí")
    False
    """
    garbled = len(_TWICE_DECODED.findall(text))
    return garbled >= 5 and garbled > len(_VIETNAMESE_LETTER.findall(text))


def vietnamese_share(text: str) -> float:
    """The share of ``text``'s words that carry a Vietnamese letter (â, ơ, đ, a tone mark …):
    above 0.8 in every plan of the corpus, near 0.1 in an English page that quotes some.

    >>> vietnamese_share("Ban Tổ chức (Organisation Commission)")
    0.4
    """
    words = _WORD.findall(text.lower())
    if not words:
        return 0.0
    return sum(1 for word in words if not _VIETNAMESE.isdisjoint(word)) / len(words)


def collapse_space(text: str) -> str:
    """Collapse runs of white space (spaces, tabs, newlines) to one space and strip.

    >>> collapse_space("  đại biểu \t   Hội đồng\\n nhân dân ")
    'đại biểu Hội đồng nhân dân'
    """
    return _SPACE_RUN.sub(" ", text).strip()


@lru_cache(maxsize=1 << 16)
def syllable_key(syllable: str) -> str:
    """Key of one syllable that ignores case and tone-mark placement.

    The tone mark is removed from whichever vowel carries it and appended as a
    digit, so the old ("hoá") and new ("hóa") placements meet.  Vowel-quality
    marks (circumflex, breve, horn) and "đ" are kept: "tổ" and "tô" stay apart.

    >>> syllable_key("Hoá"), syllable_key("hóa"), syllable_key("hoa")
    ('hoa1', 'hoa1', 'hoa')
    """
    decomposed = unicodedata.normalize("NFD", syllable.lower())
    tone = ""
    kept = []
    for char in decomposed:
        mark = _TONE_MARKS.get(char)
        if mark is None:
            kept.append(char)
        else:
            tone = mark
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def fold_diacritics(text: str) -> str:
    """Lower-case ASCII-like form: every combining mark removed, "đ" -> "d", spaces collapsed.

    >>> fold_diacritics("Ủy ban Kiểm tra  Tỉnh uỷ")
    'uy ban kiem tra tinh uy'
    """
    decomposed = unicodedata.normalize("NFD", text.lower())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return collapse_space(stripped.replace("đ", "d"))


class _FoldTable(dict[int, str]):
    """str.translate table filled on first use of each character."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        lower = char.lower()
        if len(lower) != 1:
            lower = char
        base = unicodedata.normalize("NFD", lower)[0]
        folded = "d" if base == "đ" else base
        self[code] = folded
        return folded


_FOLD_TABLE = _FoldTable()


def fold_same_length(text: str) -> str:
    """Lower case with marks removed, one character for one: offsets stay valid.

    For NFC input; used to run ASCII regexes over Vietnamese and map matches back.

    >>> fold_same_length("Hoàn thành trước năm 2020")
    'hoan thanh truoc nam 2020'
    """
    return text.translate(_FOLD_TABLE)


def phrase_key(text: str) -> tuple[str, ...]:
    """Tuple of syllable keys for a phrase; spacing, case and tone style do not matter.

    >>> phrase_key("Ban  Tổ chức Tỉnh uỷ") == phrase_key("ban tổ chức tỉnh ủy")
    True
    """
    return tuple(syllable_key(token.text) for token in tokenize(nfc(text)))


def slugify(text: str) -> str:
    """Readable IRI segment: diacritics folded, words joined by hyphens.

    >>> slugify("Tuyên Quang")
    'tuyen-quang'
    >>> slugify("168-KH/TU")
    '168-kh-tu'
    """
    folded = fold_diacritics(text)
    return re.sub(r"[^a-z0-9]+", "-", folded).strip("-")


@dataclass(frozen=True, slots=True)
class Token:
    """One syllable, number or punctuation mark with its code-point span and matching key."""

    text: str
    start: int
    end: int
    key: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        if not self.key:
            object.__setattr__(self, "key", syllable_key(self.text))


def tokenize(text: str, offset: int = 0) -> list[Token]:
    """Split NFC ``text`` into tokens; spans are shifted by ``offset``.

    >>> [t.text for t in tokenize("chính trị - xã hội, tỉnh")]
    ['chính', 'trị', '-', 'xã', 'hội', ',', 'tỉnh']
    """
    return list(_iter_tokens(text, offset))


def _iter_tokens(text: str, offset: int) -> Iterator[Token]:
    for match in _TOKEN.finditer(text):
        yield Token(match.group(), match.start() + offset, match.end() + offset)


_ROMAN = (
    (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
    (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
)  # fmt: skip


def roman_numeral(number: int) -> str:
    """Parts are numbered I, II, … in plans; Word lists number with them too.

    >>> roman_numeral(4), roman_numeral(19)
    ('IV', 'XIX')
    """
    out = []
    for value, numeral in _ROMAN:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)
