"""Plan text -> :class:`orggraph.model.Plan`: structure, roles, timeframes, provenance.

The extractor is a grammar of the genre, not of one file:

1. :mod:`orggraph.read.outline` turns the text into a tree of parts, numbered items,
   bullets, paragraphs and field lines, and splits off header and recipients;
2. the header gives the plan's number, date, issuer and jurisdiction;
3. a walk over the tree decides which items are sections and which assign work
   (tasks), carrying down each section's responsible bodies, lead, partners and
   default timeframe;
4. each task's own text is read by :mod:`orggraph.read.clauses` (subject, "chủ trì",
   "phối hợp với", "tham mưu cho", "báo cáo") and :mod:`orggraph.read.timeframe`.

Offsets are code points into the NFC text, end exclusive.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import replace

from ..errors import InputError
from ..gazetteer import CENTRAL_SCOPE, Gazetteer
from ..model import Body, BodyKind, Directive, Plan, Section, Task, Timeframe
from ..text import (
    Token,
    collapse_space,
    fold_same_length,
    nfc,
    roman_numeral,
    tokenize,
    twice_decoded,
    vietnamese_share,
)
from .citations import find_citations, is_central
from .clauses import read_clause, read_heading, read_role_heading, sentence_assignments, unique_bodies
from .fields import FieldForm
from .genre import Genre, longest_at
from .header import HeaderReading
from .outline import Line, Node, Outline, parse_outline
from .reading import ROLE_WORDS, Context, Draft
from .tables import TableForm
from .timeframe import framing_timeframe, inner_timeframe, leading_recurrence, parse_timeframe

__all__ = ["extract_plan"]

# A plan is written in Vietnamese: in every plan of the corpus over 80% of the words carry a
# Vietnamese letter; an English page quoting some Vietnamese has about 10%.
MIN_VIETNAMESE_SHARE = 0.5
_PREAMBLE_IMPLEMENTS = re.compile(r"^thuc hien\b")
# Parts that state aims rather than assign work.
_NON_TASK_TITLE = re.compile("^(?:" + "|".join(re.escape(w) for w in Genre.load().aims) + ")")
_EXECUTION = re.compile(
    r"chiu trach nhiem (?:thi hanh|thuc hien|to chuc thuc hien)\s+(?:quyet dinh|ke hoach|nghi quyet"
    r"|chi thi|quy che|quy dinh|cong dien|thong bao) nay\b"
    # "Văn phòng Chính phủ thông báo để các Bộ, cơ quan liên quan biết, thực hiện."
    r"|^\S.{0,80}\bthong bao de .{0,120}\bbiet\b"
)
# "Hội đồng Dân tộc, các Ủy ban của Quốc hội tham gia": bodies that take part, as partners do.
_TAKES_PART = re.compile(r"\b(?:tham gia|phoi hop)\b")
# Where a sentence ends inside a task's text, and "có trách nhiệm" right after a subject.
_SENTENCE_BREAK = re.compile(r"(?<=[.;])\s+(?=[A-ZĐÀ-Ỹ])")
_RESPONSIBLE_NEXT = re.compile(r"^[^.;,]{0,120}?\b(?:co|chiu) trach nhiem\b")
# A closing paragraph ("Trên đây là Chỉ thị …, yêu cầu …") is its own, never the last item's tail.
_CLOSING = re.compile(r"^(?:tren day la|de nghi|yeu cau|giao)\b")


class _Extractor(HeaderReading, TableForm, FieldForm):
    """The walk over the outline and the resolution of each task."""

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

    def heading_context(self, node: Node, context: Context) -> tuple[Context, tuple[Body, ...]]:
        """The context a section passes down, and the bodies its own heading or lead-in names."""
        own: tuple[Body, ...] = ()
        tokens = self.tokens(node.start, node.end)
        heading = read_heading(tokens, self.matcher, text=self.text)
        role = read_role_heading(tokens, self.matcher, text=self.text) if heading is None else None
        if role is not None and context.responsible:
            leads, partners = role
            for match in partners:
                self.use(match.body, match.surface)
            context = replace(
                context,
                lead=context.responsible if leads else (),
                partners=tuple(m.body for m in partners),
            )
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
            elif self.is_lead_in(child) and context.responsible:
                # "4. Sở Khoa học và Công nghệ" / "Chủ trì, phối hợp với các sở, ngành …:"
                role = read_role_heading(self.tokens(child.start, child.end), self.matcher, text=self.text)
                if role is not None:
                    for match in role[1]:
                        self.use(match.body, match.surface)
                    context = replace(
                        context,
                        lead=context.responsible if role[0] else (),
                        partners=tuple(m.body for m in role[1]),
                    )
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
        self, node: Node, key: str, number: str, parent: str | None, ordinal: int, context: Context
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

    def walk_children(self, node: Node, key: str, context: Context) -> None:
        has_numbered = any(c.is_structural for c in node.children)
        # Unnumbered tasks beside numbered items get a "p" so "B.IV.1" (item) and
        # the first bullet of B.IV never collide.
        separator = ("." if key else "") + ("p" if has_numbered else "")
        counters: dict[str, int] = {}
        unnumbered = 0
        section_ordinal = 0
        pending: list[Draft] = []
        block_closed = False

        def new_draft(child: Node, task_key: str, ordinal: int) -> Draft:
            nonlocal block_closed
            if block_closed:
                pending.clear()
                block_closed = False
            draft = Draft(task_key, key, ordinal, child.start, child.end, child.line, context)
            self.drafts.append(draft)
            pending.append(draft)
            return draft

        for child in node.children:
            if child.is_structural:
                counters[child.kind] = counters.get(child.kind, 0) + 1
                count = counters[child.kind]
                label = {
                    "letter": chr(ord("A") + count - 1),
                    "roman": roman_numeral(count),
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
                    item = self.clause(child.start, child.end)
                    for para in (c for c in child.children if self.is_task_para(c)):
                        closing = _CLOSING.match(fold_same_length(self.text[para.start : para.end]))
                        if self.opens_with_subject(para) or closing:
                            unnumbered += 1
                            own = new_draft(para, f"{key}{separator}{unnumbered}", unnumbered)
                            if closing:
                                own.context = Context()  # the act's closing words, not the item's
                        elif item.subject and self.own_sentence(para):
                            # "2. Các tỉnh ủy … cụ thể hóa …" / "Chỉ đạo các cấp ủy …" / "Bố trí kinh
                            # phí …": each paragraph a duty of the item's subject.
                            unnumbered += 1
                            own = new_draft(para, f"{key}{separator}{unnumbered}", unnumbered)
                            own.context = replace(
                                context, responsible=tuple(item.subject), lead=(), partners=()
                            )
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
                if (
                    previous is not None
                    and previous.parent is None
                    and not self.opens_with_subject(child)
                    and not _CLOSING.match(fold_same_length(self.text[child.start : child.end]))
                ):
                    previous.end = child.end
                else:
                    unnumbered += 1
                    new_draft(child, f"{key}{separator}{unnumbered}", unnumbered)

    def cell_parts(self, start: int, end: int) -> tuple[list[Body], list[Body], list[Body]] | None:
        """A table cell of several clauses ("- X chủ trì thẩm tra; - Y, Z tham gia"): the bodies
        that lead, that do, and that take part; None when the cell is not so divided."""
        tokens = self.tokens(start, end)
        parts: list[list[Token]] = [[]]
        for token in tokens:
            if token.text in (";", "-") and parts[-1]:
                parts.append([])
            elif token.text not in (";", "-"):
                parts[-1].append(token)
        parts = [p for p in parts if p]
        if len(parts) < 2:
            return None
        leads: list[Body] = []
        doers: list[Body] = []
        joiners: list[Body] = []
        for part in parts:
            clause = read_clause(part, self.matcher, text=self.text)
            if not clause.subject:
                continue
            for match in clause.named:
                self.use(match.body, match.surface)
            self.gaps(clause.gaps)
            words = self.text[part[0].start : part[-1].end]
            if clause.subject_leads:
                leads.extend(clause.subject)
            elif _TAKES_PART.search(fold_same_length(words)):
                joiners.extend(clause.subject)
            else:
                doers.extend(clause.subject)
        return (leads, doers, joiners) if leads or doers or joiners else None

    def own_sentence(self, node: Node) -> bool:
        """A paragraph that is a duty of its own: it opens with a task's verb ("Bố trí kinh phí
        …"), capitalised, and ends as a sentence does."""
        raw = self.text[node.start : node.end].strip()
        return (
            raw[:1].isupper()
            and raw.endswith((".", ";"))
            and longest_at(self.genre.task_verbs, self.tokens(node.start, node.end), 0) > 0
        )

    def split_sentences(self, drafts: list[Draft]) -> list[Draft]:
        """A later sentence of a task that opens with another body and its own role ("… Các tỉnh
        ủy, thành ủy phối hợp Bộ Y tế …") is a task of that body: the draft ends before it."""
        out: list[Draft] = []
        keys = {d.key for d in drafts}
        for draft in drafts:
            if draft.fields or draft.parent is not None:
                out.append(draft)
                continue
            raw = self.text[draft.start : draft.end]
            cuts = [m.end() for m in _SENTENCE_BREAK.finditer(raw)]
            pieces: list[tuple[int, int]] = []
            begin = 0
            for cut in cuts:
                clause = self.clause(draft.start + cut, draft.end)
                own = self.clause(draft.start, draft.start + cut)
                if (
                    clause.subject
                    and (
                        clause.subject_leads
                        or clause.partners
                        or _RESPONSIBLE_NEXT.search(fold_same_length(raw[cut:]))
                    )
                    and set(clause.subject) != set(own.subject or draft.context.responsible)
                ):
                    pieces.append((begin, cut))
                    begin = cut
            if not pieces:
                out.append(draft)
                continue
            pieces.append((begin, len(raw)))
            for number, (a, b) in enumerate(pieces):
                if number == 0:
                    draft.end = draft.start + len(raw[:b].rstrip())
                    out.append(draft)
                    continue
                key, n = f"{draft.key}.s{number}", number
                while key in keys:
                    n += 1
                    key = f"{draft.key}.s{n}"
                keys.add(key)
                line = self.line_of(draft.start + a)
                out.append(
                    Draft(
                        key,
                        draft.section,
                        draft.ordinal,
                        draft.start + a,
                        draft.start + b,
                        line,
                        draft.context,
                    )
                )
        return out

    def is_statement(self, draft: Draft) -> bool:
        """ "Bộ Chính trị, Ban Bí thư ghi nhận và biểu dương …": a statement, not a task."""
        return self.clause(draft.start, draft.end).states

    def is_execution_clause(self, draft: Draft) -> bool:
        """ "… chịu trách nhiệm thi hành Quyết định này": who executes the act, not a task."""
        return _EXECUTION.search(fold_same_length(self.text[draft.start : draft.end])) is not None

    def attach(self, draft: Draft, node: Node, context: Context) -> None:
        """Give a task its own field lines and "+" sub-bullets."""
        sub = 0
        for child in node.children:
            if child.field_type is not None:
                draft.fields.append(child)
            elif child.is_bullet:
                sub += 1
                subtask = Draft(
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

    def task_timeframe(self, draft: Draft, raw: str) -> Timeframe | None:
        # The task's own words first (a closing bracket or deadline, an opening phrase), then its
        # time field, then a deadline or recurrence inside the sentence.
        timeframe = framing_timeframe(raw)
        for node in draft.fields:
            if node.field_type == "time" and timeframe is None:
                timeframe = parse_timeframe(self.field_text(node))
        if timeframe is None:
            timeframe = inner_timeframe(raw)
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

    def resolve(self, draft: Draft) -> Task:
        content = self.content_field(draft)
        if content is not None:
            # "a) Hoạt động 1" / "- Nội dung: …" / "- Cơ quan thực hiện: …": the task is its content.
            draft.start, draft.end = self.field_value(content)
            draft.line = content.line
        raw = self.text[draft.start : draft.end]
        tokens = self.tokens(draft.start, draft.end)
        clause = self.clause(draft.start, draft.end)
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
        # Role fields replace what the section passed down; several together add up ("Người
        # đứng đầu chịu trách nhiệm" and "Cơ quan chủ trì" columns of one row).
        field_responsible: list[Body] = []
        field_lead: list[Body] = []
        for node in draft.fields:
            if node.field_type in ("lead", "responsible"):
                start, end = self.field_value(node)
                items = self.field_items(node)
                if items:
                    start = items[0].start  # "- Cơ quan thực hiện:" / "+ Sở X chủ trì, …"
                parts = (
                    self.cell_parts(start, end)
                    if node.kind == "cell" and self.role_words(start, end)
                    else None
                )
                if parts is not None:
                    # "- Ủy ban Pháp luật chủ trì thẩm tra; - Hội đồng Dân tộc … tham gia."
                    cell_leads, doers, joiners = parts
                    field_lead.extend(cell_leads)
                    field_responsible.extend([*cell_leads, *doers])
                    partners.extend(joiners)
                    continue
                if self.role_words(start, end):
                    # "Cơ quan thực hiện: Sở Nội vụ chủ trì, phối hợp với …": a clause of its own.
                    inner = self.clause(start, end)
                    if inner.subject:
                        self.gaps(inner.gaps)
                        for match in inner.named:
                            self.use(match.body, match.surface)
                        field_responsible.extend(inner.subject)
                        if inner.subject_leads or node.field_type == "lead":
                            field_lead.extend(inner.subject)
                        partners.extend(inner.partners)
                        reports_to.extend(inner.reports_to)
                        continue
                bodies = self.field_bodies(node)
                field_responsible.extend(bodies)
                if node.field_type == "lead":
                    field_lead.extend(bodies)
            elif node.field_type == "partner":
                partners.extend(self.field_bodies(node))
            elif node.field_type in ("time", "product") and node.kind == "cell":
                # A table's "Tiến độ: Trình UBTVQH tại Phiên họp thứ 42": who the work goes to.
                inner = self.clause(*self.field_value(node))
                reports_to.extend(inner.reports_to)
                for match in inner.named:
                    self.use(match.body, match.surface)
        if field_responsible:
            responsible, lead = unique_bodies(field_responsible), unique_bodies(field_lead)
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


def _is_heading(title: str) -> bool:
    """A short line without a closing full stop: "MỤC ĐÍCH, YÊU CẦU", not "Yêu cầu các cấp ủy …"."""
    return len(title) <= 80 and not title.rstrip().endswith((".", ";"))


def _last_sentence_start(raw: str) -> int:
    cut = max(raw.rfind(". "), raw.rfind(".\t"))
    return 0 if cut < 0 else cut + 2


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
    if twice_decoded(text):
        raise InputError(
            "the text is garbled Vietnamese (mojibake: UTF-8 read as Windows-1252 and saved again, "
            "'Tá»‰nh' for 'Tỉnh'); take the text again from the original document"
        )
    share = vietnamese_share(text)
    if share < MIN_VIETNAMESE_SHARE:
        raise InputError(
            f"not a Vietnamese plan: {share:.0%} of its words are Vietnamese (plans have over 80%; "
            "a text without tone marks is not read)"
        )
    gazetteer = gazetteer or Gazetteer.load()
    outline = parse_outline(text)
    if not any(child.is_structural for child in outline.root.children) and not any(
        ROLE_WORDS.search(fold_same_length(text[c.start : c.end])) for c in outline.root.children
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

    extractor.walk_children(outline.root, "", Context())
    drafts = extractor.split_sentences(
        extractor.expand(
            [
                d
                for d in extractor.drafts
                if not extractor.is_execution_clause(d) and not extractor.is_statement(d)
            ]
        )
    )
    tasks = tuple(extractor.resolve(draft) for draft in drafts)
    if not header.found and not any(task.responsible or task.lead or task.partner for task in tasks):
        # Neither a document's header nor any work given to a body: whatever this is, not a plan.
        raise InputError(
            "not a plan: no document number or date of issue, and none of its "
            f"{len(tasks)} passages assigns work to a body ('X chủ trì', 'phối hợp với Y', 'giao X')"
        )
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
