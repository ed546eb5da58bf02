"""Plan text -> outline tree: the numbering and bullets of the genre.

Vietnamese plans nest their parts in a fixed order of markers: letters
("A-", "B."), Roman numerals ("III-"), Arabic numbers ("5-", "2.1."), letters
with a parenthesis ("a)"), dashes, "+" sub-bullets and "(1)" items.  Each
marker has a rank; an item's parent is the nearest earlier item of lower rank,
so the tree does not depend on the printed numbers (the plan may print "III"
twice).  Undashed paragraphs attach to the nearest numbered item, and field
lines ("Cơ quan chủ trì: …", "Thời gian thực hiện: …") are marked as fields.

The header (issuer, number, date, title) is everything before the first part
heading; the recipients block starts at "Nơi nhận:".
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..text import fold_same_length
from .genre import Genre

__all__ = ["Line", "Node", "Outline", "parse_outline", "split_lines"]

# Rank of each kind of marker: lower ranks contain higher ones.
RANK = {
    "root": -1,
    "annex": -1,  # an attached plan, regulation or appendix after the act's signature
    "chapter": 0,  # "Chương I"
    "letter": 0,
    "article": 1,  # "Điều 5."
    "roman": 1,
    "arabic": 2,  # + depth - 1 for "2.1."
    "alpha": 6,
    "item": 6,  # "(1) Bộ Công an:" heading its own dash bullets
    "dash": 7,
    "plus": 8,
    "paren": 9,
}
STRUCTURAL = frozenset({"annex", "chapter", "letter", "article", "roman", "arabic", "alpha", "item"})
BULLETS = frozenset({"dash", "plus", "paren"})

_LETTER = re.compile(r"([A-Z])\s*[-.)–]\s*(?=\S)")
_ROMAN = re.compile(r"([IVXL]+)\s*[-.)–]\s*(?=\S)")
_ARABIC = re.compile(r"(\d{1,2}(?:\.\d{1,2})*)(?:\s*[-–)]|\.)(?!\d)\s*(?=\S)")
_ALPHA = re.compile(r"([a-zđ])\)\s*(?=\S)")
_DASH = re.compile(r"[-–—•]\s*(?=[^\s\-–—])")
_PLUS = re.compile(r"\+\s*(?=\S)")
_PAREN = re.compile(r"\((\d{1,2}|[a-zđ])\)\s*(?=\S)")
_SEPARATOR = re.compile(r"^[-–—*_=.\s]+$")
# Words that assign work: where a plan in prose, with no numbered parts, begins.
_ASSIGNS = re.compile(r"\b(?:chu tri|phoi hop voi|co trach nhiem|giao)\b")
_CHAPTER = re.compile(r"(?:Chương|CHƯƠNG)\s+([IVXL]+|\d{1,2})\b\s*[-.:]?\s*")
_ARTICLE = re.compile(r"Điều\s+(\d{1,3})\s*[.:]\s*")
# The first line of an attachment: its kind, alone and in capitals.
_ANNEX = re.compile(r"^(phu luc(?:\s+[ivxl\d]+)?|ke hoach|quy che|quy dinh|de an|chuong trinh|danh muc)$")
_TABLE_ROW = re.compile(r"^\|.*\|$")
_TABLE_RULE = re.compile(r"^\|[\s:|-]*\|$")
_RECIPIENTS = re.compile(r"^noi nhan\s*:?\s*$")


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Field-line labels, from the genre's vocabulary (data/genre.toml [fields]).
_FIELDS = Genre.load().fields
_FIELD = re.compile(
    rf"^(?:(?P<role>(?:{_alternatives(_FIELDS['role_nouns'])})\s+(?:[a-z ]{{0,30}}?)"
    rf"(?:{_alternatives(_FIELDS['lead'] + _FIELDS['partner'] + _FIELDS['responsible'])})[a-z ,]{{0,40}}?)"
    rf"|(?P<time>(?:{_alternatives(_FIELDS['time'])})[a-z ]{{0,30}}?)"
    rf"|(?P<content>{_alternatives(_FIELDS['content'])}))\s*:"
)


@dataclass(slots=True)
class Line:
    """One line of the source: 1-based number and the span of its stripped content."""

    number: int
    start: int
    end: int
    text: str


@dataclass(eq=False)
class Node:
    """An outline item: a heading, numbered item, bullet, paragraph or field line.

    ``start``/``end`` span the item's text after its marker (end exclusive,
    trailing spaces excluded); continuation lines extend ``end``.
    """

    kind: str
    rank: int
    label: str
    start: int
    end: int
    line: int
    field_type: str | None = None  # "lead" | "responsible" | "partner" | "time" | "content"
    field_value_start: int = 0
    children: list[Node] = field(default_factory=list)

    def text(self, source: str) -> str:
        return source[self.start : self.end]

    @property
    def is_structural(self) -> bool:
        return self.kind in STRUCTURAL

    @property
    def is_bullet(self) -> bool:
        return self.kind in BULLETS and self.field_type is None


@dataclass
class Outline:
    """The parsed plan: header lines, the body tree, and the recipients' lines."""

    header: list[Line]
    root: Node
    recipients: list[Line]
    lines: list[Line]


def split_lines(text: str) -> list[Line]:
    """Non-blank lines with their stripped spans."""
    lines = []
    position = 0
    for number, raw in enumerate(text.split("\n"), start=1):
        stripped = raw.strip()
        if stripped:
            lead = len(raw) - len(raw.lstrip())
            start = position + lead
            lines.append(Line(number, start, start + len(stripped), stripped))
        position += len(raw) + 1
    return lines


def _uppercase_title(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isupper() for c in letters) >= 0.6 * len(letters)


def _marker(line: Line, expect_letter: str | None) -> tuple[str, str, int] | None:
    """(kind, label, length of marker) for an item line, or None for a paragraph."""
    text = line.text
    found = _CHAPTER.match(text)
    if found:
        return ("chapter", found.group(1), found.end())
    found = _ARTICLE.match(text)
    if found:
        return ("article", found.group(1), found.end())
    found = _LETTER.match(text)
    if found and _uppercase_title(text[found.end() :]):
        label = found.group(1)
        roman_like = _ROMAN.match(text) is not None
        if not roman_like or label == expect_letter:
            return ("letter", label, found.end())
    found = _ROMAN.match(text)
    if found and _uppercase_title(text[found.end() :]):
        return ("roman", found.group(1), found.end())
    for kind, pattern in (("arabic", _ARABIC), ("alpha", _ALPHA), ("paren", _PAREN)):
        found = pattern.match(text)
        if found:
            return (kind, found.group(1), found.end())
    found = _DASH.match(text)
    if found:
        return ("dash", "-", found.end())
    found = _PLUS.match(text)
    if found:
        return ("plus", "+", found.end())
    return None


def _field_kind(folded: str) -> tuple[str, int] | None:
    found = _FIELD.match(folded)
    if not found:
        return None
    if found.group("role"):
        role = found.group("role")
        if any(word in role for word in _FIELDS["lead"]):
            kind = "lead"
        elif any(word in role for word in _FIELDS["partner"]):
            kind = "partner"
        else:
            kind = "responsible"
    elif found.group("time"):
        kind = "time"
    else:
        kind = "content"
    return (kind, found.end())


def _heading_items(lines: list[Line]) -> set[int]:
    """Line numbers of "(1)" items that head their own bullets, and of their siblings.

    "(1) Bộ Công an:" followed by "- Chủ trì …" lines is a heading, not the smallest bullet:
    every "(n)" item of the same run (up to the next numbered part) is then an item of rank
    "item", above the dashes, so "(4) Ủy ban nhân dân … chủ trì …" stays its sibling.
    """
    out: set[int] = set()
    run: list[int] = []
    heads = False
    run_digits = True
    for index, line in enumerate(lines):
        mark = _marker(line, None)
        kind = mark[0] if mark else None
        if kind in STRUCTURAL:
            if heads:
                out.update(run)
            run, heads = [], False
        elif kind == "paren":
            assert mark is not None
            if mark[1] in ("1", "a", "i") or (run and mark[1].isdigit() != run_digits):
                # A new list: "(i) … (iv)" before "(1) Bộ Công an:" is not its sibling.
                if heads:
                    out.update(run)
                run, heads = [], False
            run_digits = mark[1].isdigit()
            run.append(line.number)
            following = _marker(lines[index + 1], None) if index + 1 < len(lines) else None
            if line.text.endswith(":") and following is not None and following[0] in ("dash", "plus"):
                heads = True
    if heads:
        out.update(run)
    return out


def _assigns_ahead(lines: list[Line], number: int) -> bool:
    """Do the lines from ``number`` on (to the next attachment title) assign work?  A list of acts
    issued after the signature does not; an appendix of tasks does."""
    for line in lines:
        if line.number < number:
            continue
        folded = fold_same_length(line.text)
        if line.number > number and line.text.isupper() and _marker(line, None) is None:
            return False  # a new title ("BẢNG PHÂN CÔNG …", "PHỤ LỤC"): another block begins
        if _LEADS.search(folded):
            return True
    return False


_LEADS = re.compile(r"\b(?:chu tri|phoi hop voi|co quan chu tri|co trach nhiem)\b")


def _body_start(lines: list[Line], items: set[int]) -> int:
    """Index of the first line of the plan's body: the first part heading, else the first
    numbered item, else (a plan in prose) the first line that assigns work."""
    expect = "A"
    signed = next(
        (i for i, line in enumerate(lines) if _RECIPIENTS.match(fold_same_length(line.text))), len(lines)
    )
    part = next(
        (
            i
            for i, line in enumerate(lines)
            if (m := _marker(line, expect)) and m[0] in ("chapter", "article", "letter", "roman")
        ),
        None,
    )
    item = next(
        (
            i
            for i, line in enumerate(lines)
            if ((m := _marker(line, expect)) and m[0] == "arabic") or line.number in items
        ),
        None,
    )
    if part is not None and (item is None or part < item or part < signed):
        return part  # a plan's parts; numbered items before them are the header's ("1. Căn cứ …")
    if item is not None and item < signed:
        return item  # a letter of numbered items; parts after the signature are its appendices
    if part is not None:
        return part
    if item is not None:
        return item
    for index, line in enumerate(lines):
        if _ASSIGNS.search(fold_same_length(line.text)) and not _RECIPIENTS.match(
            fold_same_length(line.text)
        ):
            return index
    return len(lines)


def parse_outline(text: str) -> Outline:
    """Parse NFC plan text into header, body tree and recipients."""
    lines = split_lines(text)
    items = _heading_items(lines)
    first = _body_start(lines, items)
    header = lines[:first]
    root = Node("root", RANK["root"], "", 0, len(text), 0)
    stack: list[Node] = [root]
    last: Node | None = None
    recipients: list[Line] = []
    expect_letter = "A"
    in_recipients = False
    table: Node | None = None
    for line in lines[first:]:
        folded = fold_same_length(line.text)
        annex = _ANNEX.match(folded.strip()) and line.text.isupper()
        if annex and (in_recipients or folded.startswith("phu luc")):
            # The act is signed; an attached plan, regulation or appendix follows.
            in_recipients = False
            expect_letter = "A"
            node = Node("annex", RANK["annex"], line.text, line.start, line.end, line.number)
            stack[:] = [root]
            root.children.append(node)
            stack.append(node)
            last, table = node, None
            continue
        if in_recipients:
            mark = _marker(line, "A")
            if not (
                (
                    _TABLE_ROW.match(line.text)
                    or (mark and mark[0] in ("letter", "roman", "chapter", "article"))
                )
                and _assigns_ahead(lines, line.number)
            ):
                recipients.append(line)
                continue
            # The recipients (and the signature) end where numbered parts or a task table begin
            # again: an appendix with no "PHỤ LỤC" title is read, not dropped.
            in_recipients = False
            expect_letter = "A"
            node = Node("annex", RANK["annex"], "", line.start, line.start, line.number)
            stack[:] = [root]
            root.children.append(node)
            stack.append(node)
            last, table = None, None
        if _TABLE_ROW.match(line.text):
            if _TABLE_RULE.match(line.text):
                continue
            row = Node("row", 100, "", line.start, line.end, line.number)
            if table is None or last is not table:
                table = Node("table", 99, "", line.start, line.end, line.number)
                while stack[-1].kind in BULLETS or stack[-1].kind == "para":
                    stack.pop()
                stack[-1].children.append(table)
            table.children.append(row)
            table.end = line.end
            last = table
            continue
        if last is not None and last.kind in ("annex", "chapter") and _marker(line, expect_letter) is None:
            if not (line.text.startswith("(") or line.text.startswith("|")):
                last.end = line.end  # the attachment's or chapter's title
                continue
        if _RECIPIENTS.match(folded):
            in_recipients = True
            continue
        if _SEPARATOR.match(line.text):
            continue
        mark = _marker(line, expect_letter)
        if mark is not None:
            kind, label, length = mark
            if kind == "paren" and line.number in items:
                kind = "item"
            if kind == "letter":
                expect_letter = chr(ord(label) + 1)
            rank = RANK[kind] + (label.count(".") if kind == "arabic" else 0)
            start = line.start + length
            node = Node(kind, rank, label, start, line.end, line.number)
            field_kind = _field_kind(folded[length:])
            if field_kind and kind in BULLETS:
                node.field_type, node.field_value_start = field_kind[0], start + field_kind[1]
            while stack[-1].rank >= rank:
                stack.pop()
            stack[-1].children.append(node)
            stack.append(node)
            last = node
            continue
        # A paragraph: a continuation of the previous item, a field line, or its own paragraph.
        previous_text = text[last.start : last.end] if last is not None else ""
        if last is not None and (previous_text.endswith(",") or line.text[:1].islower()):
            last.end = line.end
            continue
        node = Node("para", 99, "", line.start, line.end, line.number)
        field_kind = _field_kind(folded)
        if field_kind:
            node.field_type, node.field_value_start = field_kind[0], line.start + field_kind[1]
        while stack[-1].kind in BULLETS or stack[-1].kind == "para":
            stack.pop()
        stack[-1].children.append(node)
        last = node
    return Outline(header, root, recipients, lines)
