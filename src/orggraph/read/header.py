"""The plan's header: number, date, issuer, jurisdiction, title, and names it defines.

Lines above the first part give the identifier ("Số: 168-KH/TU"), the date ("…, ngày 18 tháng
02 năm 2018"), the issuing body and its province or district ("TỈNH ỦY TUYÊN QUANG",
"ỦY BAN NHÂN DÂN" / "THÀNH PHỐ HÀ NỘI"), the document type and title.  Names a plan defines
for a body anywhere in its text ("… (sau đây gọi tắt là “Ban Quản lý”)") are read here too.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import Body
from ..text import Token, collapse_space, fold_same_length, phrase_key, tokenize
from .citations import find_citations
from .genre import Genre
from .outline import Line, Outline
from .reading import Reading

__all__ = ["Header", "HeaderReading"]

_DOC_TYPE = re.compile(
    r"^(ke hoach|quyet dinh|ket luan|chuong trinh hanh dong|chuong trinh|nghi quyet|chi thi"
    r"|de an|huong dan|thong bao)$"
)
_NUMBER_LINE = re.compile(r"^so\b")
_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_MOTTO = re.compile(r"^(dang cong san viet nam|cong hoa xa hoi chu nghia|doc lap\s*-)")
_SEPARATOR = re.compile(r"^[-–—*_=.\s]+$")
# "ĐẢNG BỘ TỈNH TUYÊN QUANG" above a district committee's name gives the province.
_PROVINCE_LINE = re.compile(r"^dang bo tinh\s+(\S.*)$")
# "(sau đây gọi tắt là “Ban Quản lý”)", "(viết tắt là BQL)": a name the plan defines.
_DEFINITION = re.compile(
    r"\(\s*(?:sau day\s+)?(?:goi tat la|viet tat la|goi chung la|goi la)\s*:?\s*[\"“”']?\s*"
    r"([^()\"“”']{1,60}?)\s*[\"“”']?\s*\)"
)


@dataclass
class Header:
    identifier: str | None = None
    issued_line: Line | None = None
    issued: dt.date | None = None
    place: str | None = None
    issuer_line: Line | None = None
    authority_lines: list[Line] = field(default_factory=list)
    doc_type: str = "Kế hoạch"
    title_lines: list[Line] = field(default_factory=list)
    lines_after_title: list[Line] = field(default_factory=list)
    numbered: bool = False  # the identifier is the document's number, not the file name

    @property
    def found(self) -> bool:
        """Whether the text opens as a document does: with its number or its date of issue."""
        return self.numbered or self.issued is not None


class HeaderReading(Reading):
    """Reads the header and the plan's own definitions (a mixin of the extractor)."""

    def read_header(self, outline: Outline, default_identifier: str) -> Header:
        header = Header()
        doc_type_index = None
        for index, line in enumerate(outline.header):
            folded = fold_same_length(line.text)
            if header.identifier is None and _NUMBER_LINE.match(folded):
                cites = find_citations(line.text, line.start)
                if cites:
                    header.identifier = cites[0].identifier
            if header.issued_line is None:
                date = _DATE.search(folded)
                if date:
                    header.issued_line = line
                    day, month, year = (int(g) for g in date.groups())
                    try:
                        header.issued = dt.date(year, month, day)
                    except ValueError:
                        self.warn(line.start, "the plan's date is not a valid date", line.text)
                    place = line.text[: date.start()].rstrip(" ,")
                    header.place = place or None
            if _DOC_TYPE.match(collapse_space(folded)) and line.text.isupper():
                doc_type_index = index
                header.doc_type = line.text.capitalize()
            if (
                header.identifier is None
                and doc_type_index is None
                and line.text.isupper()
                and not _MOTTO.match(folded)
                and not _SEPARATOR.match(line.text)
                and not _NUMBER_LINE.match(folded)
                and not _DATE.search(folded)
            ):
                header.authority_lines.append(line)
                if header.issuer_line is None:
                    header.issuer_line = line
        if doc_type_index is not None:
            for line in outline.header[doc_type_index:]:
                if line is not outline.header[doc_type_index] and (
                    _SEPARATOR.match(line.text)
                    or len(line.text) > 200
                    or line.text.endswith(":")
                    or (line.text.isupper() and self.gazetteer.matcher(None).lookup(line.text) is not None)
                ):
                    break  # … or the enacting body's line ("THỦ TƯỚNG CHÍNH PHỦ") after the title
                header.title_lines.append(line)
            header.lines_after_title = [
                line for line in outline.header[doc_type_index + 1 :] if line not in header.title_lines
            ]
        if header.identifier is None:
            self.warn(
                0, "no document number found; the file name stands for it", default_identifier, "header"
            )
            header.identifier = default_identifier
        else:
            header.numbered = True
        if header.issued is None:
            self.warn(0, "no date of issue found", kind="header")
        return header

    def _template_remainder(self, line: Line, placeholder: str) -> str | None:
        """What follows the longest gazetteer template head that ``line`` starts with.

        A province template ("Ủy ban nhân dân tỉnh {province}") also reads a centrally-run
        city's line ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI") when what follows is such a city.
        """
        tokens = tokenize(line.text)
        keys = [t.key for t in tokens]
        best: tuple[int, str] | None = None
        for _entry, name in self.gazetteer.templates(placeholder):
            variants = [(name, False)]
            if placeholder == "{province}" and f"tỉnh {placeholder}" in name:
                variants.append((name.replace(f"tỉnh {placeholder}", f"thành phố {placeholder}"), True))
            for variant, city in variants:
                prefix = phrase_key(variant.replace(placeholder, ""))
                if len(keys) > len(prefix) and tuple(keys[: len(prefix)]) == prefix:
                    rest = line.text[tokens[len(prefix)].start :].strip()
                    if city and not self.gazetteer.is_city(rest):
                        continue
                    if best is None or len(prefix) > best[0]:
                        best = (len(prefix), rest)
        return best[1] if best else None

    @staticmethod
    def _proper(name: str, place: str | None) -> str:
        """A place name as the plan writes it: the place line's casing if it is the same name."""
        if place and phrase_key(place) == phrase_key(name):
            return place
        return " ".join(word.capitalize() for word in name.lower().split())

    def jurisdiction(self, header: Header) -> tuple[str | None, str | None]:
        """The plan's province and district, from lines such as "TỈNH ỦY TUYÊN QUANG",
        "ĐẢNG BỘ TỈNH TUYÊN QUANG" / "HUYỆN ỦY HÀM YÊN"; the issuer is the last such line.
        An issuer's name broken over two lines ("ỦY BAN NHÂN DÂN" / "TỈNH NGHỆ AN") is read
        as one."""
        province = district = None
        lines = header.authority_lines
        candidates: list[Line] = []
        for index, line in enumerate(lines):
            following = lines[index + 1] if index + 1 < len(lines) else None
            if following is not None and following.number - line.number <= 2:
                candidates.append(
                    Line(line.number, line.start, following.end, self.text[line.start : following.end])
                )
            candidates.append(line)
        used: set[int] = set()
        for line in candidates:
            if line.number in used:
                continue
            found = _PROVINCE_LINE.match(fold_same_length(line.text))
            if found:
                province = self._proper(line.text[found.start(1) :].strip(), header.place)
                used.add(line.number)
                continue
            named = self._template_remainder(line, "{district}")
            if named:
                district = self._proper(named, header.place)
                header.issuer_line = line
                used.update(range(line.number, self.line_of(line.end) + 1))
                continue
            named = self._template_remainder(line, "{province}")
            if named:
                province = self._proper(named, header.place)
                header.issuer_line = line
                used.update(range(line.number, self.line_of(line.end) + 1))
        return province, district

    def find_issuers(self, header: Header) -> tuple[Body, ...]:
        if header.issuer_line is not None:
            tokens = tokenize(header.issuer_line.text, header.issuer_line.start)
            matches = self.matcher.find_all(tokens, text=self.text)
            if matches:
                return (self.use(matches[0].body, matches[0].surface),)
        for line in header.title_lines[1:2]:
            folded = fold_same_length(line.text)
            if folded.startswith("cua "):
                matches = self.matcher.find_all(tokenize(line.text, line.start), text=self.text)
                if matches:
                    return tuple(self.use(m.body, m.surface) for m in matches)
        for line in header.lines_after_title:
            # "NGHỊ QUYẾT / Ban hành … / ỦY BAN THƯỜNG VỤ QUỐC HỘI": the enacting body after the
            # title, alone on its line in capitals.
            body = self.matcher.lookup(line.text) if line.text.isupper() else None
            if body is not None:
                return (self.use(body, line.text),)
        return ()

    def read_definitions(self) -> None:
        """Names the plan gives bodies itself: "Ban Quản lý các khu công nghệ cao … (sau đây gọi
        tắt là “Ban Quản lý”)".  The short name then resolves to the body for the whole plan.
        Only a body can be so named: the words before the bracket must end in a body's name (the
        gazetteer's, or a phrase with a head noun); "Tháng hành động" or "Nghị định" are not."""
        defined: list[tuple[str, Body]] = []
        folded = fold_same_length(self.text)
        for found in _DEFINITION.finditer(folded):
            short = self.text[found.start(1) : found.end(1)].strip()
            tokens = self.tokens(max(0, found.start() - 400), found.start())
            if not tokens or not _names_a_body(short, self.genre):
                continue
            named = [m for m in self.matcher.find_all(tokens, text=self.text) if m.last == len(tokens) - 1]
            body: Body | None = None
            if named:
                body = self.use(named[-1].body, named[-1].surface)
                full = named[-1].surface
            else:
                first = _defined_phrase_start(tokens, self.genre)
                if first is None:
                    continue
                full = self.text[tokens[first].start : tokens[-1].end]
                head = self.genre.head_at(tokens, first)
                assert head is not None
                body = self.use(
                    self.matcher.provisional(full, head.kind, head.level, head.en, head.group), full
                )
                self.warn(
                    tokens[first].start,
                    "body not in the gazetteer, kept as a provisional body (defined)",
                    full,
                    "provisional-body",
                )
            self.use(body, short)
            for name in (full, short):
                earlier = next((b for n, b in defined if phrase_key(n) == phrase_key(name)), None)
                if earlier is None:
                    defined.append((name, body))
                elif earlier.ident != body.ident:
                    # The first definition stands; a second one is shown, not obeyed.
                    self.warn(found.start(), f"'{name}' was defined before as {earlier.name_vi}", name)
        if defined:
            self.matcher = self.matcher.for_plan(defined)


def _names_a_body(short: str, genre: Genre) -> bool:
    """Can a defined short name stand for a body?  "Ban Quản lý", "BQL": yes; "Nghị quyết
    số 18-NQ/TW", "Tháng hành động": no."""
    words = short.split()
    if len(words) == 1 and sum(c.isupper() for c in short) >= 2 and short.isalpha():
        return True  # an acronym
    return genre.head_at(tokenize(short), 0) is not None


def _defined_phrase_start(tokens: list[Token], genre: Genre) -> int | None:
    """Where the body phrase ending at the last token begins: the earliest head noun after
    which nothing but the name's own words (no clause punctuation, no verb) comes."""
    for first in range(max(0, len(tokens) - 24), len(tokens)):
        if genre.head_at(tokens, first) is None:
            continue
        rest = tokens[first + 1 :]
        if any(t.text in (";", ".", ":", "(", ")", "\x00") for t in rest):
            continue
        if any(
            genre.stop_at(tokens, i) and tokens[i].text[:1].islower() for i in range(first + 1, len(tokens))
        ):
            continue
        return first
    return None
