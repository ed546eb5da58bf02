"""The state of reading one plan, shared by its forms (header, tables, field lines, the walk).

A :class:`Reading` holds the NFC text, the matcher placed in the plan's jurisdiction, and what
has been found so far: sections, drafts of tasks, bodies with the names the plan used, and
warnings with their lines.  The forms are mixins over it (:mod:`.header`, :mod:`.tables`,
:mod:`.fields`); :mod:`.extract` walks the outline and resolves each task.  The text is
tokenised once: a span's tokens are a slice of the whole text's.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from ..gazetteer import Gazetteer, Matcher
from ..model import Body, Directive, Section, Task, Timeframe, Warning
from ..text import Token, collapse_space, fold_same_length, tokenize
from .citations import Citation
from .clauses import Clause, SlotGap, read_clause
from .genre import Genre
from .outline import Node

__all__ = ["ROLE_WORDS", "Context", "Draft", "Reading"]

# Words that mark a line as assigning work (data/genre.toml [grammar] role_words).
ROLE_WORDS = re.compile(r"\b(?:" + "|".join(re.escape(w) for w in Genre.load().role_words) + r")\b")


@dataclass(frozen=True)
class Context:
    """What a section passes down to the tasks under it."""

    responsible: tuple[Body, ...] = ()
    lead: tuple[Body, ...] = ()
    partners: tuple[Body, ...] = ()
    directing: tuple[Body, ...] = ()  # bodies a heading gives to "lãnh đạo, chỉ đạo" the items
    timeframe: Timeframe | None = None
    task_bearing: bool = True


@dataclass
class Draft:
    """A task found in the walk, resolved once the whole section is read."""

    key: str
    section: str
    ordinal: int
    start: int
    end: int
    line: int
    context: Context
    parent: Draft | None = None
    fields: list[Node] = field(default_factory=list)
    resolved: Task | None = None


class Reading:
    def __init__(self, text: str, gazetteer: Gazetteer, source_name: str) -> None:
        self.text = text
        self.gazetteer = gazetteer
        self.source_name = source_name
        self.line_starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
        self.warnings: list[Warning] = []
        self.sections: list[Section] = []
        self.drafts: list[Draft] = []
        self.bodies: dict[tuple[str, str], Body] = {}
        self.surfaces: dict[tuple[str, str], set[str]] = {}
        self.directives: dict[str, Directive] = {}
        self.own_identifier: str | None = None
        self.matcher: Matcher = gazetteer.matcher(None)
        self.issuers: tuple[Body, ...] = ()
        self._citations: list[Citation] = []
        self.genre = Genre.load()
        self._all_tokens: list[Token] = []
        self._token_starts: list[int] | None = None
        self._cited_from = -1
        self._clauses: dict[tuple[int, int, int], Clause] = {}
        self._citation_starts: list[int] = []
        self._citation_ends: list[int] = []
        self.tables = 0

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
        """Tokens of a span: a slice of the text's tokens (tokenised once), with cited numbers
        ("18-NQ/TW") blanked so they name no body."""
        if self._token_starts is None or self._cited_from != len(self._citations):
            spans = sorted((c.start, c.end) for c in self._citations)
            self._citation_starts = [s for s, _ in spans]
            self._citation_ends = [e for _, e in spans]
            self._all_tokens = [
                Token("\x00", t.start, t.end) if self._in_citation(t.start) else t
                for t in tokenize(self.text)
            ]
            self._token_starts = [t.start for t in self._all_tokens]
            self._cited_from = len(self._citations)
        first = bisect.bisect_left(self._token_starts, start)
        last = bisect.bisect_left(self._token_starts, end)
        while last > first and self._all_tokens[last - 1].end > end:
            last -= 1
        return self._all_tokens[first:last]

    def _in_citation(self, offset: int) -> bool:
        index = bisect.bisect_right(self._citation_starts, offset) - 1
        return index >= 0 and offset < self._citation_ends[index]

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

    def role_words(self, start: int, end: int) -> bool:
        return ROLE_WORDS.search(fold_same_length(self.text[start:end])) is not None

    def clause(self, start: int, end: int) -> Clause:
        """The role grammar of a span, read once: the walk, the filters and the resolution of a
        task all ask it of the same spans."""
        key = (start, end, id(self.matcher))
        found = self._clauses.get(key)
        if found is None:
            found = self._clauses[key] = read_clause(self.tokens(start, end), self.matcher, text=self.text)
        return found

    def opens_with_subject(self, node: Node) -> bool:
        return bool(self.clause(node.start, node.end).subject)
