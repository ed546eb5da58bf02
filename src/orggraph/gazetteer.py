"""The curated bodies gazetteer and the matcher that finds bodies in text.

The gazetteer (``data/bodies.toml``) lists every body the extractor knows,
with names, English names, aliases, abbreviations, kind and level.  A
:class:`Matcher` is the gazetteer specialised to one plan's jurisdiction: it
fills ``{province}`` in names, decides each body's scope, and finds the
longest body name starting at a token.

Matching is on :func:`orggraph.text.syllable_key`, so case, tone-mark style
and runs of spaces never matter; abbreviations ("HĐND", "VPTU") must keep
their capitals, and bodies flagged ``case_sensitive`` ("Trung ương") must be
capitalised as in the gazetteer.

>>> matcher = Gazetteer.load().matcher(province="Tuyên Quang")
>>> [m.body.name_vi for m in matcher.find_all(tokenize("phối hợp với Ban Tổ chức Tỉnh uỷ và VPTU"))]
['Ban Tổ chức Tỉnh ủy', 'Văn phòng Tỉnh ủy']
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache

from .errors import OrgGraphError
from .model import Body, BodyKind, Level
from .resources import data_file
from .text import Token, nfc, slugify, tokenize

__all__ = ["CENTRAL_SCOPE", "Entry", "Gazetteer", "Match", "Matcher"]

CENTRAL_SCOPE = "vn"
_PROVINCE = "{province}"


@dataclass(frozen=True, slots=True)
class Entry:
    """One [[body]] table of the gazetteer, before it is placed in a jurisdiction."""

    key: str
    vi: str
    en: str
    kind: BodyKind
    level: str  # a Level value, or "plan"
    aliases: tuple[str, ...] = ()
    abbreviations: tuple[str, ...] = ()
    group: bool = False
    sub_organization_of: str | None = None
    member_of: tuple[str, ...] = ()
    case_sensitive: bool = False
    general: bool = False


@dataclass(frozen=True, slots=True)
class Match:
    """A body name found in a token list: tokens ``[first, last]`` inclusive."""

    body: Body
    first: int
    last: int
    start: int
    end: int
    surface: str


@dataclass(slots=True)
class _Name:
    ident: tuple[str, str]
    tokens: tuple[str, ...]
    exact: frozenset[int]  # token positions that must match exactly (abbreviations)
    capitalised: frozenset[int]  # token positions that must start with a capital


@dataclass(slots=True)
class _Node:
    children: dict[str, _Node] = field(default_factory=dict)
    names: list[_Name] = field(default_factory=list)


class Gazetteer:
    """All gazetteer entries, by key."""

    def __init__(self, entries: Iterable[Entry]) -> None:
        self.entries: dict[str, Entry] = {}
        for entry in entries:
            if entry.key in self.entries:
                raise OrgGraphError(f"gazetteer: key {entry.key!r} appears twice")
            self.entries[entry.key] = entry
        self._check_references()

    @classmethod
    def load(cls, text: str | None = None) -> Gazetteer:
        """Read the gazetteer (``data/bodies.toml`` unless ``text`` is given)."""
        if text is None:
            return _default_gazetteer()
        return cls(_parse(text))

    def _check_references(self) -> None:
        for entry in self.entries.values():
            refs = list(entry.member_of)
            if entry.sub_organization_of:
                refs.append(entry.sub_organization_of)
            for ref in refs:
                if ref not in self.entries:
                    raise OrgGraphError(f"gazetteer: {entry.key!r} refers to unknown key {ref!r}")
            if entry.general and not entry.group:
                raise OrgGraphError(f"gazetteer: {entry.key!r} is general but not a group")
            for group in entry.member_of:
                if not self.entries[group].group:
                    raise OrgGraphError(
                        f"gazetteer: {entry.key!r} is a member of {group!r}, which is not a group"
                    )

    def templates(self) -> list[tuple[Entry, str]]:
        """(entry, name) pairs whose name ends in ``{province}``: issuer lines are matched on these."""
        out = []
        for entry in self.entries.values():
            for name in (entry.vi, *entry.aliases):
                if name.endswith(_PROVINCE):
                    out.append((entry, name))
        return out

    def matcher(self, province: str | None) -> Matcher:
        """The gazetteer placed in a jurisdiction: ``province`` or, if None, the central level."""
        return _matcher(self, province)


@cache
def _default_gazetteer() -> Gazetteer:
    return Gazetteer(_parse(data_file("bodies.toml").read_text(encoding="utf-8")))


@cache
def _matcher(gazetteer: Gazetteer, province: str | None) -> Matcher:
    return Matcher(gazetteer, province)


def _parse(text: str) -> list[Entry]:
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise OrgGraphError(f"gazetteer is not valid TOML: {exc}") from exc
    entries = []
    for table in raw.get("body", []):
        try:
            level = table["level"]
            if level != "plan":
                Level(level)
            entries.append(
                Entry(
                    key=table["key"],
                    vi=nfc(table["vi"]),
                    en=table["en"],
                    kind=BodyKind(table["kind"]),
                    level=level,
                    aliases=tuple(nfc(a) for a in table.get("aliases", ())),
                    abbreviations=tuple(nfc(a) for a in table.get("abbreviations", ())),
                    group=bool(table.get("group", False)),
                    sub_organization_of=table.get("sub_organization_of"),
                    member_of=tuple(table.get("member_of", ())),
                    case_sensitive=bool(table.get("case_sensitive", False)),
                    general=bool(table.get("general", False)),
                )
            )
        except (KeyError, ValueError) as exc:
            raise OrgGraphError(f"gazetteer entry {table.get('key', '?')!r}: bad field {exc}") from exc
    return entries


class Matcher:
    """Finds bodies of one jurisdiction in token lists (longest name wins)."""

    def __init__(self, gazetteer: Gazetteer, province: str | None) -> None:
        self.province = province
        self.scope = slugify(province) if province else CENTRAL_SCOPE
        self.bodies: dict[str, Body] = {}
        self._root = _Node()
        for entry in gazetteer.entries.values():
            body = self._place(entry, gazetteer)
            if body is None:
                continue
            self.bodies[entry.key] = body
            for name in (body.name_vi, *body.aliases):
                self._add(body, name, abbreviation=False, case_sensitive=entry.case_sensitive)
            for name in body.abbreviations:
                self._add(body, name, abbreviation=True, case_sensitive=True)

    def _fill(self, name: str) -> str | None:
        if _PROVINCE not in name:
            return name
        if self.province is None:
            return None
        return name.replace(_PROVINCE, self.province)

    def _place(self, entry: Entry, gazetteer: Gazetteer) -> Body | None:
        vi = self._fill(entry.vi)
        aliases = [a for a in (self._fill(a) for a in entry.aliases) if a]
        if vi is None:
            if not aliases:
                return None
            vi = aliases.pop(0)
        if entry.level == "plan":
            level = Level.PROVINCE if self.province else Level.CENTRAL
        else:
            level = Level(entry.level)
        scope = CENTRAL_SCOPE if level is Level.CENTRAL or self.province is None else self.scope
        return Body(
            key=entry.key,
            scope=scope,
            name_vi=vi,
            name_en=entry.en,
            kind=entry.kind,
            level=level,
            is_group=entry.group,
            aliases=tuple(aliases),
            abbreviations=tuple(a for a in (self._fill(a) for a in entry.abbreviations) if a),
            sub_organization_of=entry.sub_organization_of,
            member_of=entry.member_of,
            is_general=entry.general,
        )

    def _add(self, body: Body, name: str, *, abbreviation: bool, case_sensitive: bool) -> None:
        tokens = tokenize(name)
        keys = tuple(t.key for t in tokens)
        exact = frozenset(
            i for i, t in enumerate(tokens) if abbreviation and sum(c.isupper() for c in t.text) >= 2
        )
        capitalised = frozenset(i for i, t in enumerate(tokens) if case_sensitive and t.text[:1].isupper())
        node = self._root
        for key in keys:
            node = node.children.setdefault(key, _Node())
        for existing in node.names:
            if existing.ident != body.ident and existing.exact == exact:
                raise OrgGraphError(
                    f"gazetteer: the name {name!r} belongs to both {existing.ident[1]!r} and {body.key!r}"
                )
        node.names.append(_Name(body.ident, tuple(t.text for t in tokens), exact, capitalised))

    def body(self, key: str) -> Body:
        """The body with gazetteer key ``key`` in this jurisdiction."""
        try:
            return self.bodies[key]
        except KeyError:
            raise OrgGraphError(f"no gazetteer body with key {key!r}") from None

    def match_at(self, tokens: Sequence[Token], index: int, *, text: str | None = None) -> Match | None:
        """Longest body name starting at ``tokens[index]``, or None.

        ``text`` is the string the tokens' spans point into; when given, the
        match's ``surface`` is the name exactly as written there.
        """
        node = self._root
        best: tuple[int, _Name] | None = None
        position = index
        while position < len(tokens):
            child = node.children.get(tokens[position].key)
            if child is None:
                break
            node = child
            for name in node.names:
                if _case_ok(name, tokens, index):
                    best = (position, name)
                    break
            position += 1
        if best is None:
            return None
        last, name = best
        body = self.bodies[name.ident[1]]
        start, end = tokens[index].start, tokens[last].end
        if text is not None:
            surface = text[start:end]
        else:
            surface = " ".join(t.text for t in tokens[index : last + 1])
        return Match(body, index, last, start, end, surface)

    def find_all(self, tokens: Sequence[Token], *, text: str | None = None) -> list[Match]:
        """Every body named in ``tokens``, left to right, longest first, not overlapping."""
        found = []
        index = 0
        while index < len(tokens):
            match = self.match_at(tokens, index, text=text)
            if match is None:
                index += 1
            else:
                found.append(match)
                index = match.last + 1
        return found

    def lookup(self, phrase: str) -> Body | None:
        """The body whose whole name is ``phrase`` (any case, tone style or spacing)."""
        tokens = tokenize(nfc(phrase))
        match = self.match_at(tokens, 0) if tokens else None
        if match is None or match.last != len(tokens) - 1:
            return None
        return match.body


def _case_ok(name: _Name, tokens: Sequence[Token], index: int) -> bool:
    for position in name.exact:
        if tokens[index + position].text != name.tokens[position]:
            return False
    for position in name.capitalised:
        if not tokens[index + position].text[:1].isupper():
            return False
    return True
