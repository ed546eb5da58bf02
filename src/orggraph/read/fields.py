"""Field lines: "Nội dung: …", "Cơ quan chủ trì: …", "Cơ quan thực hiện: …", "Thời hạn: …".

A field line after a task (or a group of tasks) gives its roles, time or content.  A field
whose value is a list of "+" items may list several tasks ("- Nội dung:" / "+ …" / "+ …") or
several assignments ("- Cơ quan thực hiện:" / "+ Sở X chủ trì …" / "+ Sở Y …").
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Body
from ..text import Token, collapse_space, fold_same_length
from .clauses import SlotGap, read_body_list, unique_bodies
from .outline import Node
from .reading import Draft, Reading

__all__ = ["FieldForm"]


class FieldForm(Reading):
    """Reads field lines (a mixin of the extractor)."""

    def content_field(self, draft: Draft) -> Node | None:
        """The "Nội dung: …" field of a task whose own text is only a label ("Hoạt động 1")."""
        own = self.text[draft.start : draft.end]
        if len(own.split()) > 6 or self.role_words(draft.start, draft.end):
            return None
        for node in draft.fields:
            label = fold_same_length(self.text[node.start : node.field_value_start])
            if node.field_type == "content" and label.lstrip("-+ ").startswith("noi dung"):
                return node
        return None

    def expand(self, drafts: list[Draft]) -> list[Draft]:
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

        out: list[Draft] = []
        for draft in drafts:
            content = self.content_field(draft)
            items = self.field_items(content) if content is not None else []
            if content is not None and len(items) >= 2:
                others = [f for f in draft.fields if f is not content]
                out.extend(_item_draft(draft, child, fresh(draft.key), others) for child in items)
                continue
            out.append(draft)
        result: list[Draft] = []
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
                result.extend(_item_draft(draft, child, fresh(draft.key), times) for child in items[1:])
        return result

    def field_items(self, node: Node) -> list[Node]:
        """The "+ …" items under a field line whose own value is empty ("- Nội dung:")."""
        if self.text[node.field_value_start : node.end].strip(" :\t"):
            return []
        return [c for c in node.children if c.is_bullet or c.kind == "para"]

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
        tokens = _outside_brackets(self.tokens(start, end))
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


def _item_draft(draft: Draft, item: Node, key: str, fields: list[Node]) -> Draft:
    """A task of its own for one "+" item of a field line, in the field's section."""
    return Draft(
        key, draft.section, draft.ordinal, item.start, item.end, item.line, draft.context, fields=list(fields)
    )


def _outside_brackets(tokens: list[Token]) -> list[Token]:
    """A cell's tokens with bracketed notes blanked: "Ban soạn thảo (Thường trực Ủy ban Pháp luật
    là cơ quan thường trực của Ban soạn thảo)" names one body, not three."""
    out: list[Token] = []
    depth = 0
    for token in tokens:
        if token.text == "(":
            depth += 1
        out.append(token if depth == 0 else Token("\x00", token.start, token.end))
        if token.text == ")" and depth:
            depth -= 1
    return out
