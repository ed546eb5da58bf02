"""Plan text -> :class:`orggraph.model.Plan`: structure, roles, timeframes, provenance.

The extractor is a grammar of the genre, not of one file:

1. :mod:`orggraph.outline` turns the text into a tree of parts, numbered items,
   bullets, paragraphs and field lines, and splits off header and recipients;
2. the header gives the plan's number, date, issuer and jurisdiction;
3. a walk over the tree decides which items are sections and which assign work
   (tasks), carrying down each section's responsible bodies, lead, partners and
   default timeframe;
4. each task's own text is read by :mod:`orggraph.clauses` (subject, "chủ trì",
   "phối hợp với", "tham mưu cho", "báo cáo") and :mod:`orggraph.timeframe`.

Offsets are code points into the NFC text, end exclusive.
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import itertools
import re
from dataclasses import dataclass, field, replace

from .citations import Citation, find_citations, is_central
from .clauses import SlotGap, read_body_list, read_clause, read_heading, sentence_assignments, unique_bodies
from .errors import InputError
from .gazetteer import CENTRAL_SCOPE, Gazetteer, Matcher
from .model import Body, BodyKind, Directive, Plan, Section, Task, Timeframe, Warning
from .outline import Line, Node, Outline, parse_outline
from .read.genre import Genre
from .text import Token, collapse_space, fold_same_length, nfc, phrase_key, slugify, tokenize
from .timeframe import leading_recurrence, parse_timeframe

__all__ = ["extract_plan"]

_DOC_TYPE = re.compile(
    r"^(ke hoach|quyet dinh|ket luan|chuong trinh hanh dong|chuong trinh|nghi quyet|chi thi"
    r"|de an|huong dan|thong bao)$"
)
_NUMBER_LINE = re.compile(r"^so\b")
_DATE = re.compile(r"ngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s+nam\s+(\d{4})")
_MOTTO = re.compile(r"^(dang cong san viet nam|cong hoa xa hoi chu nghia|doc lap\s*-)")
_SEPARATOR = re.compile(r"^[-–—*_=.\s]+$")
_PREAMBLE_IMPLEMENTS = re.compile(r"^thuc hien\b")
# "ĐẢNG BỘ TỈNH TUYÊN QUANG" above a district committee's name gives the province.
_PROVINCE_LINE = re.compile(r"^dang bo tinh\s+(\S.*)$")
# Parts that state aims rather than assign work.
_NON_TASK_TITLE = re.compile(r"^(muc dich|yeu cau|muc tieu|quan diem|tinh hinh|boi canh|can cu)")
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
# "(sau đây gọi tắt là “Ban Quản lý”)", "(viết tắt là BQL)": a name the plan defines.
_DEFINITION = re.compile(
    r"\(\s*(?:sau day\s+)?(?:goi tat la|viet tat la|goi chung la|goi la)\s*:?\s*[\"“”']?\s*"
    r"([^()\"“”']{1,60}?)\s*[\"“”']?\s*\)"
)
# "… báo cáo trước ngày 20 hằng tháng", "tổng hợp kết quả hằng quý".  ("Theo lộ trình …" is a
# timeframe only where the plan gives it as one: a time field, a table's column, a bracket.)
_INNER_RECURRENCE = re.compile(
    r"\b((?:truoc ngay \d{1,2} )?(?:dinh ky )?(?:hang|moi) (?:nam|quy|thang|tuan)\b)"
)
_ROMAN_OR_LETTER = re.compile(r"^(?:[IVXL]+|[A-Z])\.?$")
_EXECUTION = re.compile(
    r"chiu trach nhiem (?:thi hanh|thuc hien|to chuc thuc hien)\s+(?:quyet dinh|ke hoach|nghi quyet"
    r"|chi thi|quy che|quy dinh|cong dien|thong bao) nay\b"
    # "Văn phòng Chính phủ thông báo để các Bộ, cơ quan liên quan biết, thực hiện."
    r"|^\S.{0,80}\bthong bao de .{0,120}\bbiet\b"
)
_ROLE_WORDS = re.compile(r"\b(?:chu tri|phoi hop|giao|co trach nhiem|tham muu)\b")
_ROMAN = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]


def _roman(number: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while number >= value:
            out.append(numeral)
            number -= value
    return "".join(out)


@dataclass(frozen=True)
class _Context:
    """What a section passes down to the tasks under it."""

    responsible: tuple[Body, ...] = ()
    lead: tuple[Body, ...] = ()
    partners: tuple[Body, ...] = ()
    directing: tuple[Body, ...] = ()  # bodies a heading gives to "lãnh đạo, chỉ đạo" the items
    timeframe: Timeframe | None = None
    task_bearing: bool = True


@dataclass
class _Draft:
    """A task found in the walk, resolved once the whole section is read."""

    key: str
    section: str
    ordinal: int
    start: int
    end: int
    line: int
    context: _Context
    parent: _Draft | None = None
    fields: list[Node] = field(default_factory=list)
    resolved: Task | None = None


@dataclass
class _Header:
    identifier: str | None = None
    issued_line: Line | None = None
    issued: dt.date | None = None
    place: str | None = None
    issuer_line: Line | None = None
    authority_lines: list[Line] = field(default_factory=list)
    doc_type: str = "Kế hoạch"
    title_lines: list[Line] = field(default_factory=list)
    lines_after_title: list[Line] = field(default_factory=list)


class _Extractor:
    def __init__(self, text: str, gazetteer: Gazetteer, source_name: str) -> None:
        self.text = text
        self.gazetteer = gazetteer
        self.source_name = source_name
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.warnings: list[Warning] = []
        self.sections: list[Section] = []
        self.drafts: list[_Draft] = []
        self.bodies: dict[tuple[str, str], Body] = {}
        self.surfaces: dict[tuple[str, str], set[str]] = {}
        self.directives: dict[str, Directive] = {}
        self.own_identifier: str | None = None
        self.matcher: Matcher = gazetteer.matcher(None)
        self.issuers: tuple[Body, ...] = ()
        self._citations: list[Citation] = []
        self.genre = Genre.load()
        self.tables = 0

    # ------------------------------------------------------------ helpers

    def line_of(self, offset: int) -> int:
        return bisect.bisect_right(self.line_starts, offset)

    def warn(self, offset: int, message: str, phrase: str = "", kind: str = "other") -> None:
        self.warnings.append(Warning(self.line_of(offset), message, collapse_space(phrase), kind))

    def use(self, body: Body, surface: str | None = None) -> Body:
        self.bodies[body.ident] = body
        if surface is not None:
            self.surfaces.setdefault(body.ident, set()).add(collapse_space(surface))
        return body

    def tokens(self, start: int, end: int) -> list[Token]:
        """Tokens of a span, with cited numbers ("18-NQ/TW") blanked so they name no body."""
        tokens = tokenize(self.text[start:end], start)
        spans = [(c.start, c.end) for c in self._citations if c.start < end and c.end > start]
        if not spans:
            return tokens
        return [
            Token("\x00", t.start, t.end) if any(s <= t.start < e for s, e in spans) else t for t in tokens
        ]

    def cited(self, start: int, end: int) -> tuple[str, ...]:
        out = []
        for citation in self._citations:
            if start <= citation.start < end and citation.identifier != self.own_identifier:
                if citation.identifier not in out:
                    out.append(citation.identifier)
        return tuple(out)

    def gaps(self, gaps: list[SlotGap]) -> None:
        for gap in gaps:
            self.warn(
                gap.start,
                f"body not in the gazetteer, kept as a provisional body ({gap.role})",
                self.text[gap.start : gap.end],
                "provisional-body",
            )

    # ------------------------------------------------------------ header

    def read_header(self, outline: Outline, default_identifier: str) -> _Header:
        header = _Header()
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
                    if city and slugify(rest) not in self.gazetteer.cities:
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

    def jurisdiction(self, header: _Header) -> tuple[str | None, str | None]:
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

    def find_issuers(self, header: _Header) -> tuple[Body, ...]:
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

    # ------------------------------------------------------------ walk

    def section_title(self, node: Node) -> str:
        return collapse_space(node.text(self.text))

    def is_lead_in(self, node: Node) -> bool:
        return (
            node.kind == "para"
            and node.field_type is None
            and self.text[node.start : node.end].rstrip().endswith(":")
        )

    def is_note(self, node: Node) -> bool:
        raw = self.text[node.start : node.end].strip().rstrip(".")
        return node.kind == "para" and raw.startswith("(") and raw.endswith(")")

    def is_task_para(self, node: Node) -> bool:
        return (
            node.kind == "para"
            and node.field_type is None
            and not self.is_lead_in(node)
            and not self.is_note(node)
        )

    def is_section(self, node: Node, task_bearing: bool) -> bool:
        if node.kind in ("annex", "chapter", "letter", "roman") or not task_bearing:
            return True
        if node.kind == "article" and not (node.children or self.opens_with_subject(node)):
            return True  # a provision ("Điều 2. Quyết định này có hiệu lực …"), not a task
        if any(c.is_structural or c.is_bullet for c in node.children):
            return True
        if self.text[node.start : node.end].rstrip().endswith((".", ";")):
            return False
        return any(self.is_task_para(c) for c in node.children)

    def opens_with_subject(self, node: Node) -> bool:
        clause = read_clause(self.tokens(node.start, node.end), self.matcher)
        return bool(clause.subject)

    def heading_context(self, node: Node, context: _Context) -> tuple[_Context, tuple[Body, ...]]:
        """The context a section passes down, and the bodies its own heading or lead-in names."""
        own: tuple[Body, ...] = ()
        tokens = self.tokens(node.start, node.end)
        heading = read_heading(tokens, self.matcher, text=self.text)
        if heading is not None:
            self.gaps(heading.gaps)
            if heading.bodies:
                bodies = tuple(self.use(b) for b in heading.bodies)
                own = bodies
                for match in (*self.matcher.find_all(tokens, text=self.text), *heading.named):
                    self.use(match.body, match.surface)
                context = replace(
                    context,
                    responsible=bodies,
                    lead=bodies if heading.lead else (),
                    partners=tuple(self.use(b) for b in heading.partners),
                    directing=bodies if heading.directs else (),
                )
        for child in node.children:
            lead_in = self.lead_in_bodies(child)
            if lead_in:
                own = tuple(self.use(b) for b in lead_in)
                context = replace(context, responsible=own, lead=(), partners=())
        timeframe = parse_timeframe(self.section_title(node))
        if timeframe is not None:
            context = replace(context, timeframe=timeframe)
        return context, own

    def lead_in_bodies(self, child: Node) -> list[Body]:
        """Bodies a lead-in paragraph ("Các sở, ngành có trách nhiệm:") gives the items below."""
        if not self.is_lead_in(child):
            return []
        raw = self.text[child.start : child.end]
        sentence_start = child.start + _last_sentence_start(raw)
        lead_in = read_heading(self.tokens(sentence_start, child.end), self.matcher, text=self.text)
        if lead_in is None or not lead_in.bodies:
            # "Căn cứ tình hình thực tế, các cơ quan, đơn vị, địa phương phối hợp …:"
            comma = raw.find(", ", sentence_start - child.start)
            if 0 <= comma < sentence_start - child.start + 60:
                lead_in = read_heading(
                    self.tokens(child.start + comma + 2, child.end), self.matcher, text=self.text
                )
        if lead_in is None:
            return []
        for match in lead_in.named:
            self.use(match.body, match.surface)
        return list(lead_in.bodies)

    def walk_section(
        self, node: Node, key: str, number: str, parent: str | None, ordinal: int, context: _Context
    ) -> None:
        title = self.section_title(node)
        if _is_heading(title) and _NON_TASK_TITLE.match(fold_same_length(title)):
            heading = read_heading(self.tokens(node.start, node.end), self.matcher, text=self.text)
            if heading is None or not heading.bodies:  # "Yêu cầu các bộ, ngành:" assigns work
                context = replace(context, task_bearing=False)
        own: tuple[Body, ...] = ()
        if not context.task_bearing and any(
            self.lead_in_bodies(c) and self.role_words(c.start, c.end) for c in node.children
        ):
            context = replace(context, task_bearing=True)  # "… các cơ quan phối hợp thực hiện …:"
        if context.task_bearing:
            context, own = self.heading_context(node, context)
        notes = [c for c in node.children if self.is_note(c) or self.is_lead_in(c)]
        directives = list(self.cited(node.start, node.end))
        for note in notes:
            directives.extend(d for d in self.cited(note.start, note.end) if d not in directives)
        self.sections.append(
            Section(
                key=key,
                number=number,
                title=title,
                parent=parent,
                ordinal=ordinal,
                start=node.start,
                end=node.end,
                line=node.line,
                heading_bodies=tuple(b.ident for b in own),
                directives=tuple(directives),
            )
        )
        self.walk_children(node, key, context)

    def walk_children(self, node: Node, key: str, context: _Context) -> None:
        has_numbered = any(c.is_structural for c in node.children)
        # Unnumbered tasks beside numbered items get a "p" so "B.IV.1" (item) and
        # the first bullet of B.IV never collide.
        separator = ("." if key else "") + ("p" if has_numbered else "")
        counters: dict[str, int] = {}
        unnumbered = 0
        section_ordinal = 0
        pending: list[_Draft] = []
        block_closed = False

        def new_draft(child: Node, task_key: str, ordinal: int) -> _Draft:
            nonlocal block_closed
            if block_closed:
                pending.clear()
                block_closed = False
            draft = _Draft(task_key, key, ordinal, child.start, child.end, child.line, context)
            self.drafts.append(draft)
            pending.append(draft)
            return draft

        for child in node.children:
            if child.is_structural:
                counters[child.kind] = counters.get(child.kind, 0) + 1
                count = counters[child.kind]
                label = {
                    "letter": chr(ord("A") + count - 1),
                    "roman": _roman(count),
                    "annex": f"PL{count}",
                    "chapter": f"C{count}",
                    "article": f"D{count}",
                }.get(child.kind, str(count))
                child_key = f"{key}.{label}" if key else label
                section_ordinal += 1
                if self.is_section(child, context.task_bearing):
                    self.walk_section(child, child_key, child.label, key or None, section_ordinal, context)
                else:
                    draft = new_draft(child, child_key, section_ordinal)
                    self.attach(draft, child, context)
                    for para in (c for c in child.children if self.is_task_para(c)):
                        if self.opens_with_subject(para):
                            unnumbered += 1
                            new_draft(para, f"{key}{separator}{unnumbered}", unnumbered)
                        else:
                            draft.end = para.end
            elif child.kind == "table":
                self.walk_table(child, key, context)
                block_closed = True
            elif child.field_type is not None:
                for target in pending:
                    target.fields.append(child)
                block_closed = True
            elif not context.task_bearing:
                continue
            elif child.is_bullet:
                unnumbered += 1
                draft = new_draft(child, f"{key}{separator}{unnumbered}", unnumbered)
                self.attach(draft, child, context)
            elif self.is_task_para(child):
                previous = pending[-1] if pending and not block_closed else None
                if previous is not None and previous.parent is None and not self.opens_with_subject(child):
                    previous.end = child.end
                else:
                    unnumbered += 1
                    new_draft(child, f"{key}{separator}{unnumbered}", unnumbered)

    def walk_table(self, node: Node, key: str, context: _Context) -> None:
        """A task table: its header names the columns; group rows (I, II, A) are sections,
        every other row a task whose cells are its fields."""
        rows = [_cells(self.text, row) for row in node.children]
        if not rows:
            return
        kinds = [self.genre.column_kind(self.text[a:b]) for a, b in rows[0]]
        if "task" not in kinds or not {"lead", "responsible", "partner"} & set(kinds):
            if any(self.role_words(a, b) for row in rows for a, b in row):
                self.warn(
                    node.start,
                    "a table with role words but no task and role columns was not read",
                    kind="table",
                )
            return
        self.tables += 1
        table_key = f"{key}.B{self.tables}" if key else f"B{self.tables}"
        self.sections.append(
            Section(
                key=table_key,
                number=f"B{self.tables}",
                title=" | ".join(collapse_space(self.text[a:b]) for a, b in rows[0]),
                parent=key or None,
                ordinal=self.tables,
                start=node.start,
                end=node.end,
                line=node.line,
            )
        )
        section_key, ordinal, groups = table_key, 0, 0
        task_column = kinds.index("task")
        for row_node, cells in zip(node.children[1:], rows[1:], strict=True):
            values = {kind: cells[i] for i, kind in enumerate(kinds) if kind and i < len(cells)}
            filled = [k for k, (a, b) in values.items() if self.text[a:b].strip()]
            number = self.text[slice(*values["number"])].strip() if "number" in values else ""
            if task_column >= len(cells) or not filled:
                continue
            task_start, task_end = cells[task_column]
            is_group = not ({"lead", "responsible", "partner", "time"} & set(filled)) and (
                len(cells) < len(kinds) or _ROMAN_OR_LETTER.match(number) is not None
            )
            if is_group or (len(cells) == 1 and not self.text[task_start:task_end].strip()):
                if len(cells) == 1 and not _ROMAN_OR_LETTER.match(number or "x"):
                    self.warn(
                        row_node.start,
                        "a table row that is neither a task nor a group",
                        self.text[row_node.start : row_node.end],
                    )
                    continue
                groups += 1
                section_key, ordinal = f"{table_key}.{groups}", 0
                self.sections.append(
                    Section(
                        key=section_key,
                        number=number,
                        title=collapse_space(self.text[task_start:task_end]) or number,
                        parent=table_key,
                        ordinal=groups,
                        start=row_node.start,
                        end=row_node.end,
                        line=row_node.line,
                    )
                )
                continue
            ordinal += 1
            draft = _Draft(
                f"{section_key}.{ordinal}", section_key, ordinal, task_start, task_end, row_node.line, context
            )
            for kind in ("lead", "responsible", "partner", "time"):
                if kind in values:
                    start, end = values[kind]
                    field = Node("cell", 100, kind, start, end, row_node.line)
                    field.field_type, field.field_value_start = kind, start
                    draft.fields.append(field)
            self.drafts.append(draft)

    def is_execution_clause(self, draft: _Draft) -> bool:
        """ "… chịu trách nhiệm thi hành Quyết định này": who executes the act, not a task."""
        return _EXECUTION.search(fold_same_length(self.text[draft.start : draft.end])) is not None

    def content_field(self, draft: _Draft) -> Node | None:
        """The "Nội dung: …" field of a task whose own text is only a label ("Hoạt động 1")."""
        own = self.text[draft.start : draft.end]
        if len(own.split()) > 6 or self.role_words(draft.start, draft.end):
            return None
        for node in draft.fields:
            label = fold_same_length(self.text[node.start : node.field_value_start])
            if node.field_type == "content" and label.lstrip("-+ ").startswith("noi dung"):
                return node
        return None

    def expand(self, drafts: list[_Draft]) -> list[_Draft]:
        """Split what field lines list as several tasks.

        "- Nội dung:" followed by "+ …" items is one task per item, each with the block's
        other fields; "- Cơ quan thực hiện:" followed by "+ Sở X chủ trì …" / "+ Sở Y …" gives
        the first item's roles to the task and makes each further item a task of its own.
        """
        keys = {d.key for d in drafts}

        def fresh(base: str) -> str:
            number = 1
            while f"{base}.{number}" in keys:
                number += 1
            keys.add(f"{base}.{number}")
            return f"{base}.{number}"

        out: list[_Draft] = []
        for draft in drafts:
            content = self.content_field(draft)
            items = self.field_items(content) if content is not None else []
            if content is not None and len(items) >= 2:
                others = [f for f in draft.fields if f is not content]
                for child in items:
                    out.append(
                        _Draft(
                            fresh(draft.key),
                            draft.section,
                            draft.ordinal,
                            child.start,
                            child.end,
                            child.line,
                            draft.context,
                            fields=list(others),
                        )
                    )
                continue
            out.append(draft)
        result: list[_Draft] = []
        for draft in out:
            result.append(draft)
            for index, node in enumerate(draft.fields):
                if node.field_type not in ("lead", "responsible"):
                    continue
                items = self.field_items(node)
                if len(items) < 2 or not all(self.opens_with_subject(c) for c in items):
                    continue
                draft.fields[index] = replace(node, children=items[:1])
                times = [f for f in draft.fields if f.field_type == "time"]
                for child in items[1:]:
                    result.append(
                        _Draft(
                            fresh(draft.key),
                            draft.section,
                            draft.ordinal,
                            child.start,
                            child.end,
                            child.line,
                            draft.context,
                            fields=list(times),
                        )
                    )
        return result

    def field_items(self, node: Node) -> list[Node]:
        """The "+ …" items under a field line whose own value is empty ("- Nội dung:")."""
        if self.text[node.field_value_start : node.end].strip(" :\t"):
            return []
        return [c for c in node.children if c.is_bullet or c.kind == "para"]

    def role_words(self, start: int, end: int) -> bool:
        return _ROLE_WORDS.search(fold_same_length(self.text[start:end])) is not None

    def attach(self, draft: _Draft, node: Node, context: _Context) -> None:
        """Give a task its own field lines and "+" sub-bullets."""
        sub = 0
        for child in node.children:
            if child.field_type is not None:
                draft.fields.append(child)
            elif child.is_bullet:
                sub += 1
                subtask = _Draft(
                    f"{draft.key}.{sub}",
                    draft.section,
                    sub,
                    child.start,
                    child.end,
                    child.line,
                    context,
                    parent=draft,
                )
                self.drafts.append(subtask)
                self.attach(subtask, child, context)

    # ------------------------------------------------------------ tasks

    def field_value(self, node: Node) -> tuple[int, int]:
        """Span of a field's value, with the lines under it ("+ …") included."""
        end = node.end
        for child in node.children:
            end = max(end, child.end)
        return node.field_value_start, end

    def field_text(self, node: Node) -> str:
        """A field's value as one line: its own text and its sub-lines joined by "; "."""
        parts = [self.text[node.field_value_start : node.end]]
        parts.extend(self.text[c.start : c.end] for c in node.children)
        return "; ".join(collapse_space(p).rstrip(";") for p in parts if p.strip())

    def field_bodies(self, node: Node) -> list[Body]:
        start, end = self.field_value(node)
        return self.span_bodies(start, end, "field")

    def span_bodies(self, start: int, end: int, role: str) -> list[Body]:
        """Every body a field or table cell names ("X, Y và Z"; "X chủ trì, phối hợp với Y" is
        read by the clause grammar instead).  Unknown names are provisional bodies."""
        tokens = self.tokens(start, end)
        found: list[Body] = []
        gaps: list[SlotGap] = []
        position = 0
        while position < len(tokens):
            matches, after, more = read_body_list(tokens, position, self.matcher, role, text=self.text)
            if not matches:
                position += 1
                continue
            gaps.extend(more)
            for match in matches:
                found.append(self.use(match.body, match.surface))
            position = max(after, position + 1)
        self.gaps(gaps)
        if not found and self.text[start:end].strip():
            self.warn(start, "no body named in this field", self.text[start:end])
        return unique_bodies(found)

    def task_timeframe(self, draft: _Draft, raw: str) -> Timeframe | None:
        timeframe = None
        parens = _TRAILING_PARENS.search(raw)
        if parens:
            timeframe = parse_timeframe(parens.group(1))
        if timeframe is None:
            deadline = _TRAILING_DEADLINE.search(fold_same_length(raw[-80:]))
            if deadline:
                offset = len(raw) - len(raw[-80:])
                timeframe = parse_timeframe(raw[offset + deadline.start(1) : offset + deadline.end(1)])
        if timeframe is None:
            # "Trước ngày 30/6/2026, Bộ Nội vụ chủ trì …": a time phrase opening the sentence.
            opening = _LEADING_TIME.match(fold_same_length(raw))
            if opening:
                timeframe = parse_timeframe(raw[: opening.end(1)])
        for node in draft.fields:
            if node.field_type == "time" and timeframe is None:
                timeframe = parse_timeframe(self.field_text(node))
        if timeframe is None:
            # "… gửi báo cáo về Sở Nội vụ trước ngày 16 tháng 12 năm 2025 để tổng hợp …": a
            # deadline inside the sentence, said with its full date.
            inner = _INNER_DEADLINE.search(fold_same_length(raw)) or _INNER_RECURRENCE.search(
                fold_same_length(raw)
            )
            if inner:
                timeframe = parse_timeframe(raw[inner.start(1) : inner.end(1)].rstrip(" ."))
        if timeframe is None and draft.parent is not None and draft.parent.resolved is not None:
            timeframe = draft.parent.resolved.timeframe
        if timeframe is None:
            timeframe = draft.context.timeframe
        recurrence = leading_recurrence(raw)
        if recurrence is not None:
            if timeframe is None:
                timeframe = Timeframe(collapse_space(raw.split(",")[0]), recurrence=recurrence)
            elif timeframe.recurrence is None:
                timeframe = replace(timeframe, recurrence=recurrence)
        return timeframe

    def resolve(self, draft: _Draft) -> Task:
        content = self.content_field(draft)
        if content is not None:
            # "a) Hoạt động 1" / "- Nội dung: …" / "- Cơ quan thực hiện: …": the task is its content.
            draft.start, draft.end = self.field_value(content)
            draft.line = content.line
        raw = self.text[draft.start : draft.end]
        tokens = self.tokens(draft.start, draft.end)
        clause = read_clause(tokens, self.matcher, text=self.text)
        self.gaps(clause.gaps)
        for match in (*clause.matches, *clause.named):
            self.use(match.body, match.surface)
        context = draft.context
        if draft.parent is not None and draft.parent.resolved is not None:
            parent_task = draft.parent.resolved
            responsible = [self.bodies[i] for i in parent_task.responsible]
            lead: list[Body] = []
            partners: list[Body] = []
        else:
            responsible = list(context.responsible)
            if not responsible and self.issuer_is_own_actor():
                # A party committee's own plan: an item naming no body is the committee's own
                # ("Thành lập Ban Chỉ đạo cấp tỉnh …" in a Tỉnh ủy plan).
                responsible = list(self.issuers)
            lead = list(context.lead)
            partners = list(context.partners)
        if clause.subject:
            subject = [self.use(b) for b in clause.subject]
            lead = subject if clause.subject_leads else [b for b in lead if b in subject]
            # Under "Giao X lãnh đạo, chỉ đạo:", X stays responsible for what it directs others
            # to do; an item naming one of the heading's own bodies singles that body out.
            heading_keys = {b.key for b in context.directing}
            singled_out = any(b in context.directing or heading_keys & set(b.member_of) for b in subject)
            directing = [] if singled_out else list(context.directing)
            responsible = unique_bodies([*directing, *subject])
        if clause.bare_lead:
            lead = list(responsible)
        partners.extend(clause.partners)
        reports_to = list(clause.reports_to)
        for node in draft.fields:
            if node.field_type in ("lead", "responsible"):
                start, end = self.field_value(node)
                items = self.field_items(node)
                if items:
                    start = items[0].start  # "- Cơ quan thực hiện:" / "+ Sở X chủ trì, …"
                if self.role_words(start, end):
                    # "Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với …": a clause of its own.
                    inner = read_clause(self.tokens(start, end), self.matcher, text=self.text)
                    if inner.subject:
                        self.gaps(inner.gaps)
                        for match in inner.named:
                            self.use(match.body, match.surface)
                        responsible = list(inner.subject)
                        lead = responsible if inner.subject_leads or node.field_type == "lead" else []
                        partners.extend(inner.partners)
                        reports_to.extend(inner.reports_to)
                        continue
                bodies = self.field_bodies(node)
                if bodies:
                    responsible = bodies
                    lead = bodies if node.field_type == "lead" else []
            elif node.field_type == "partner":
                partners.extend(self.field_bodies(node))
        if not responsible:
            # No subject at the start, none above: sentences inside may still assign the work
            # ("…; giao Bộ X làm chủ …, chịu trách nhiệm chủ trì …").
            for found, leads in sentence_assignments(tokens, self.matcher, text=self.text):
                for match in found:
                    self.use(match.body, match.surface)
                responsible.extend(m.body for m in found)
                if leads:
                    lead.extend(m.body for m in found)
            responsible, lead = unique_bodies(responsible), unique_bodies(lead)
        for body in (*responsible, *lead, *partners, *reports_to):
            self.use(body)
        if not responsible:
            self.warn(
                draft.start,
                "no body named for this task: its subject is unresolved",
                raw[:80],
                "unresolved-subject",
            )
        resp_ids = _idents(responsible)
        partner_ids = tuple(i for i in _idents(partners) if i not in resp_ids)
        task = Task(
            key=draft.key,
            section=draft.section,
            ordinal=draft.ordinal,
            text=collapse_space(raw),
            start=draft.start,
            end=draft.end,
            line=draft.line,
            parent=draft.parent.key if draft.parent else None,
            responsible=resp_ids,
            lead=_idents(lead),
            partner=partner_ids,
            reports_to=_idents(reports_to),
            mentions=_idents(m.body for m in clause.matches),
            timeframe=self.task_timeframe(draft, raw),
            directives=self.cited(draft.start, draft.end),
        )
        draft.resolved = task
        return task

    def unread_roles(self, outline: Outline, tasks: tuple[Task, ...]) -> None:
        """Lines of the plan's body with role words ("chủ trì", "phối hợp", "giao", "có trách
        nhiệm", "tham mưu") that no task covers, so the reading report can show them."""
        covered: set[int] = set()
        for task in tasks:
            covered.update(range(task.line, self.line_of(task.end) + 1))
        for draft in self.drafts:
            for node in draft.fields:
                covered.update(range(node.line, self.line_of(self.field_value(node)[1]) + 1))
        covered.update(section.line for section in self.sections)
        header_lines = {line.number for line in outline.header}
        recipient_lines = {line.number for line in outline.recipients}
        for line in outline.lines:
            if line.number in covered or line.number in header_lines or line.number in recipient_lines:
                continue
            if self.role_words(line.start, line.end):
                self.warn(
                    line.start,
                    "role words that gave no task",
                    self.text[line.start : line.end][:80],
                    "unread-roles",
                )

    def issuer_is_own_actor(self) -> bool:
        """Does an item that names no body belong to the issuer?  Only in a party committee's
        plan, where the committee directs its own work; a state act addresses others."""
        return bool(self.issuers) and all(b.kind is BodyKind.PARTY_COMMITTEE for b in self.issuers)

    # ------------------------------------------------------------ recipients

    def read_recipients(self, lines: list[Line]) -> tuple[tuple[str, str], ...]:
        found: list[tuple[str, str]] = []
        for line in lines:
            folded = fold_same_length(line.text).lstrip("-+ ")
            if folded.startswith("luu"):
                continue
            for match in self.matcher.find_all(tokenize(line.text, line.start), text=self.text):
                self.use(match.body, match.surface)
                if match.body.ident not in found:
                    found.append(match.body.ident)
        return tuple(found)


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


def _is_heading(title: str) -> bool:
    """A short line without a closing full stop: "MỤC ĐÍCH, YÊU CẦU", not "Yêu cầu các cấp ủy …"."""
    return len(title) <= 80 and not title.rstrip().endswith((".", ";"))


def _last_sentence_start(raw: str) -> int:
    cut = max(raw.rfind(". "), raw.rfind(".\t"))
    return 0 if cut < 0 else cut + 2


def _cells(text: str, row: Node) -> list[tuple[int, int]]:
    """Spans of a pipe row's cells, stripped of spaces."""
    line = text[row.start : row.end]
    bars = [i for i, c in enumerate(line) if c == "|"]
    spans = []
    for a, b in itertools.pairwise(bars):
        raw = line[a + 1 : b]
        lead = len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        start = row.start + a + 1 + lead
        spans.append((start, start + len(stripped)))
    return spans


def _idents(bodies: object) -> tuple[tuple[str, str], ...]:
    out: list[tuple[str, str]] = []
    for body in bodies:  # type: ignore[attr-defined]
        if body.ident not in out:
            out.append(body.ident)
    return tuple(out)


def extract_plan(
    text: str,
    *,
    source_name: str,
    gazetteer: Gazetteer | None = None,
    default_identifier: str | None = None,
) -> Plan:
    """Extract a plan from its text.

    ``source_name`` names the source in the graph (a repository-relative path
    or a file name, never an absolute path).  Text in NFD gives the same plan as
    NFC.  Raises :class:`orggraph.errors.InputError` for empty text or text
    with no recognisable sections.
    """
    text = nfc(text)
    if not text.strip():
        raise InputError("the file is empty")
    gazetteer = gazetteer or Gazetteer.load()
    outline = parse_outline(text)
    if not any(child.is_structural for child in outline.root.children) and not any(
        _ROLE_WORDS.search(fold_same_length(text[c.start : c.end])) for c in outline.root.children
    ):
        raise InputError(
            "no recognisable sections or assignments (expected numbered headings such as 'I- …'"
            " or '1. …', or sentences with 'chủ trì', 'phối hợp với', 'giao')"
        )
    extractor = _Extractor(text, gazetteer, source_name)
    stem = source_name.rsplit("/", 1)[-1].rsplit(".", 1)[0]
    header = extractor.read_header(outline, default_identifier or stem)
    assert header.identifier is not None  # read_header falls back to the file name
    extractor.own_identifier = header.identifier
    province, district = extractor.jurisdiction(header)
    extractor.matcher = gazetteer.matcher(province, district).for_plan()
    scope = extractor.matcher.scope
    extractor._citations = find_citations(text)
    extractor.read_definitions()
    extractor.issuers = extractor.find_issuers(header)

    extractor.walk_children(outline.root, "", _Context())
    drafts = extractor.expand([d for d in extractor.drafts if not extractor.is_execution_clause(d)])
    tasks = tuple(extractor.resolve(draft) for draft in drafts)
    recipients = extractor.read_recipients(outline.recipients)
    extractor.unread_roles(outline, tasks)

    for citation in extractor._citations:
        if citation.identifier == header.identifier:
            continue
        known = extractor.directives.get(citation.identifier)
        directive_scope = CENTRAL_SCOPE if is_central(citation.identifier) else scope
        if known is None:
            extractor.directives[citation.identifier] = Directive(
                citation.identifier, directive_scope, citation.kind_vi, citation.kind_en, citation.issued
            )
        elif known.issued is None and citation.issued is not None:
            extractor.directives[citation.identifier] = replace(known, issued=citation.issued)
        elif known.kind_vi is None and citation.kind_vi is not None:
            extractor.directives[citation.identifier] = replace(
                known, kind_vi=citation.kind_vi, kind_en=citation.kind_en
            )

    implements: list[str] = []
    cites: list[str] = []
    for line in outline.header:
        target = implements if _PREAMBLE_IMPLEMENTS.match(fold_same_length(line.text)) else cites
        for identifier in extractor.cited(line.start, line.end):
            if identifier not in implements and identifier not in cites:
                target.append(identifier)

    title = collapse_space(" ".join(line.text for line in header.title_lines)) or header.doc_type
    return Plan(
        identifier=header.identifier,
        issued=header.issued,
        title=title,
        doc_type=header.doc_type,
        scope=scope,
        jurisdiction_vi=province,
        district=district,
        issuers=tuple(b.ident for b in extractor.issuers),
        source_name=source_name,
        source_length=len(text),
        source_sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        sections=tuple(extractor.sections),
        tasks=tasks,
        bodies=dict(extractor.bodies),
        directives=dict(extractor.directives),
        implements=tuple(implements),
        cites=tuple(cites),
        recipients=recipients,
        surface_forms={k: tuple(sorted(v)) for k, v in extractor.surfaces.items()},
        warnings=tuple(sorted(set(extractor.warnings), key=lambda w: (w.line, w.message, w.phrase))),
    )
