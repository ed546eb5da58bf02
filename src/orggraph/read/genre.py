"""The genre's vocabulary (``data/genre.toml``): head nouns, phrase boundaries, table columns.

Curated knowledge stays data: adding a head noun or a column wording is an edit to the
TOML file, reviewed like code, not a new regular expression.

>>> from orggraph.text import tokenize
>>> genre = Genre.load()
>>> genre.head_at(tokenize("Ban Quản lý các khu công nghiệp tỉnh"), 0).en
'Management Board'
>>> genre.head_at(tokenize("Ban hành kế hoạch"), 0) is None
True
>>> genre.column_kind("Cơ quan chủ trì thực hiện"), genre.column_kind("Thời gian hoàn thành")
('lead', 'time')
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from ..errors import OrgGraphError
from ..model import BodyKind
from ..resources import data_file
from ..text import Token, fold_same_length, nfc, phrase_key

__all__ = ["COLUMN_KINDS", "Genre", "Head", "longest_at", "words_at"]

COLUMN_KINDS = ("number", "task", "lead", "partner", "responsible", "time", "product")


@dataclass(frozen=True, slots=True)
class Head:
    """A head noun: how a body phrase begins, and what it says of the body."""

    words: str
    keys: tuple[str, ...]
    kind: BodyKind
    level: str
    en: str
    group: bool
    capitalised: bool
    needs_qualifier: bool = False


@dataclass(frozen=True)
class Genre:
    heads: tuple[Head, ...]
    not_heads: frozenset[tuple[str, ...]]
    stops: frozenset[tuple[str, ...]]
    list_nouns: frozenset[tuple[str, ...]]
    qualifiers: tuple[tuple[str, ...], ...]  # longest first
    hedges: tuple[tuple[str, ...], ...]  # longest first
    openers: frozenset[tuple[str, ...]]
    introducers: tuple[tuple[str, ...], ...]  # longest first
    adverbs: tuple[tuple[str, ...], ...]  # longest first
    statement_verbs: tuple[tuple[str, ...], ...]  # longest first
    task_verbs: tuple[tuple[str, ...], ...]  # longest first
    office_holders: tuple[tuple[str, ...], ...]  # longest first
    grammar: dict[str, tuple[tuple[str, ...], ...]]  # the role grammar's words, by name
    fields: dict[str, tuple[str, ...]]  # field-line label words, folded ("co quan", "chu tri")
    aims: tuple[str, ...]  # headings of parts that state aims, folded
    role_words: tuple[str, ...]  # words that mark a line as assigning work, folded
    columns: tuple[tuple[tuple[str, ...], str], ...]  # (header key, kind), longest first
    by_first: dict[str, tuple[Head, ...]] = field(default_factory=dict)  # heads by first syllable

    @classmethod
    def load(cls) -> Genre:
        return _default()

    def head_at(self, tokens: Sequence[Token], index: int) -> Head | None:
        """The longest head noun starting at ``tokens[index]``, unless the words name no body."""
        if index >= len(tokens):
            return None
        candidates = self.by_first.get(tokens[index].key, ())
        if not candidates or any(words_at(tokens, index, words) for words in self.not_heads):
            return None
        best: Head | None = None
        upper = tokens[index].text[:1].isupper()
        for head in candidates:
            if not words_at(tokens, index, head.keys):
                continue
            if head.capitalised and not upper:
                continue
            if not head.capitalised and not head.group and upper:
                continue
            # Longest first; on a tie the head written as the text writes it ("Sở Ngoại vụ" is a
            # Department, "sở, ngành có liên quan" a collective).
            if (
                best is None
                or len(head.keys) > len(best.keys)
                or (
                    len(head.keys) == len(best.keys)
                    and head.capitalised == upper
                    and best.capitalised != upper
                )
            ):
                best = head
        return best

    def stop_at(self, tokens: Sequence[Token], index: int) -> bool:
        """Does a phrase boundary word (a verb of the task) start at ``tokens[index]``?"""
        return any(words_at(tokens, index, stop) for stop in self.stops)

    def list_noun_at(self, tokens: Sequence[Token], index: int) -> bool:
        """Does a noun that continues a collective name ("ban", "ngành", "cấp xã") start here?"""
        return index < len(tokens) and any(words_at(tokens, index, noun) for noun in self.list_nouns)

    def qualifier_at(self, tokens: Sequence[Token], index: int) -> int:
        """Length in tokens of the longest group qualifier ("có liên quan") at ``index``, or 0."""
        return longest_at(self.qualifiers, tokens, index)

    def opens_adverbial(self, tokens: Sequence[Token]) -> bool:
        """Does the sentence open with an adverbial ("Căn cứ …,", "Trước ngày …,")?"""
        return any(words_at(tokens, 0, words) for words in self.openers)

    def phrase(self, name: str) -> tuple[str, ...]:
        """The grammar's one phrase called ``name`` ("lead" -> ("chu3", "tri2")), as keys."""
        return self.grammar[name][0]

    def phrases(self, name: str) -> tuple[tuple[str, ...], ...]:
        """The grammar's phrases called ``name``, as keys."""
        return self.grammar[name]

    def hedge_at(self, tokens: Sequence[Token], index: int) -> int:
        """Length in tokens of the longest hedge ("theo chức năng, nhiệm vụ") at ``index``, or 0."""
        return longest_at(self.hedges, tokens, index)

    def column_kind(self, header: str) -> str | None:
        """What a task table's column holds, from its header cell; None if unknown."""
        keys = phrase_key(header)
        if not keys:
            return None
        for column, kind in self.columns:
            if keys == column:
                return kind
        for column, kind in self.columns:
            if keys[: len(column)] == column:
                return kind
        return None


def words_at(tokens: Sequence[Token], index: int, keys: tuple[str, ...]) -> bool:
    """Do the syllable keys ``keys`` start at ``tokens[index]``?"""
    if index + len(keys) > len(tokens) or (keys and tokens[index].key != keys[0]):
        return False
    return all(tokens[index + i].key == keys[i] for i in range(1, len(keys)))


def longest_at(phrases: Sequence[tuple[str, ...]], tokens: Sequence[Token], index: int) -> int:
    """Length in tokens of the first of ``phrases`` (kept longest first) at ``index``, or 0."""
    return next((len(words) for words in phrases if words_at(tokens, index, words)), 0)


def _folded(words: str) -> str:
    return fold_same_length(nfc(words)).lower()


def _longest_first(words: list[str]) -> tuple[tuple[str, ...], ...]:
    return tuple(sorted({phrase_key(nfc(w)) for w in words}, key=lambda k: -len(k)))


@cache
def _default() -> Genre:
    text = data_file("genre.toml").read_text(encoding="utf-8")
    try:
        raw = tomllib.loads(text)
        heads = []
        for table in raw["head"]:
            words = nfc(table["words"])
            heads.append(
                Head(
                    words=words,
                    keys=phrase_key(words),
                    kind=BodyKind(table["kind"]),
                    level=table["level"],
                    en=table["en"],
                    group=bool(table.get("group", False)),
                    capitalised=words[:1].isupper() and words[:1] != words[:1].lower(),
                    needs_qualifier=bool(table.get("needs_qualifier", False)),
                )
            )
        columns = [
            (phrase_key(nfc(name)), kind) for kind in COLUMN_KINDS for name in raw["columns"].get(kind, [])
        ]
    except (tomllib.TOMLDecodeError, KeyError, ValueError) as exc:
        raise OrgGraphError(f"genre.toml: {exc}") from exc
    columns.sort(key=lambda item: -len(item[0]))
    by_first: dict[str, list[Head]] = {}
    for head in heads:
        by_first.setdefault(head.keys[0], []).append(head)
    return Genre(
        heads=tuple(heads),
        not_heads=frozenset(phrase_key(nfc(w)) for w in raw.get("not_heads", [])),
        stops=frozenset(phrase_key(nfc(w)) for w in raw.get("phrase_stops", [])),
        list_nouns=frozenset(phrase_key(nfc(w)) for w in raw.get("list_nouns", [])),
        openers=frozenset(phrase_key(nfc(w)) for w in raw.get("openers", [])),
        introducers=_longest_first(raw.get("introducers", [])),
        grammar={
            name: tuple(phrase_key(nfc(w)) for w in ([value] if isinstance(value, str) else value))
            for name, value in raw["grammar"].items()
        },
        fields={name: tuple(_folded(w) for w in words) for name, words in raw["fields"].items()},
        aims=tuple(_folded(w) for w in raw["headings"]["aims"]),
        role_words=tuple(_folded(w) for w in raw["grammar"]["role_words"]),
        adverbs=_longest_first(raw.get("adverbs", [])),
        statement_verbs=_longest_first(raw.get("statement_verbs", [])),
        task_verbs=_longest_first(raw.get("task_verbs", [])),
        office_holders=_longest_first(raw.get("office_holders", [])),
        hedges=tuple(sorted({phrase_key(nfc(w)) for w in raw.get("hedges", [])}, key=lambda k: -len(k))),
        qualifiers=tuple(
            sorted({phrase_key(nfc(w)) for w in raw.get("group_qualifiers", [])}, key=lambda k: -len(k))
        ),
        columns=tuple(columns),
        by_first={key: tuple(group) for key, group in by_first.items()},
    )
