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

import copy
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache

from .errors import OrgGraphError
from .model import Body, BodyKind, Level
from .resources import data_file
from .text import Token, collapse_space, fold_diacritics, nfc, slugify, tokenize

__all__ = ["CENTRAL_SCOPE", "Entry", "Gazetteer", "Match", "Matcher", "as_city"]

CENTRAL_SCOPE = "vn"
_PROVINCE = "{province}"
_DISTRICT = "{district}"
_PLACE = "{place}"
_MAX_PLACE_WORDS = 4


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
    patterns: tuple[str, ...] = ()
    succeeded_by: str | None = None


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

    def __init__(self, entries: Iterable[Entry], cities: Iterable[str] = ()) -> None:
        self.cities = frozenset(slugify(city) for city in cities)
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
        return cls(*_parse(text))

    def _check_references(self) -> None:
        for entry in self.entries.values():
            refs = list(entry.member_of)
            if entry.sub_organization_of:
                refs.append(entry.sub_organization_of)
            if entry.succeeded_by:
                refs.append(entry.succeeded_by)
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

    def is_city(self, name: str) -> bool:
        """Is ``name`` ("Hà Nội", "Hồ Chí Minh") a centrally-run city, a province named "Thành phố"?"""
        return slugify(name) in self.cities

    def templates(self, placeholder: str = _PROVINCE) -> list[tuple[Entry, str]]:
        """(entry, name) pairs whose name ends in ``placeholder`` ("{province}" or "{district}").

        Issuer lines ("TỈNH ỦY TUYÊN QUANG", "HUYỆN ỦY HÀM YÊN") are matched on these.
        """
        out = []
        for entry in self.entries.values():
            for name in (entry.vi, *entry.aliases):
                if name.endswith(placeholder) and name.count("{") == 1:
                    out.append((entry, name))
        return out

    def matcher(self, province: str | None, district: str | None = None) -> Matcher:
        """The gazetteer placed in a jurisdiction: a province (and district), or the central level."""
        return _matcher(self, province, district)


MATCHERS_KEPT = 16


@cache
def _default_gazetteer() -> Gazetteer:
    return Gazetteer(*_parse(data_file("bodies.toml").read_text(encoding="utf-8")))


# Matchers are kept for the jurisdictions read most recently: a corpus reads plans of
# thousands of districts, and keeping each one's matcher made memory grow with the corpus.
@lru_cache(maxsize=MATCHERS_KEPT)
def _matcher(gazetteer: Gazetteer, province: str | None, district: str | None) -> Matcher:
    return Matcher(gazetteer, province, district)


def _parse(text: str) -> tuple[list[Entry], list[str]]:
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
                    patterns=tuple(nfc(a) for a in table.get("patterns", ())),
                    succeeded_by=table.get("succeeded_by"),
                )
            )
        except (KeyError, ValueError) as exc:
            raise OrgGraphError(f"gazetteer entry {table.get('key', '?')!r}: bad field {exc}") from exc
    cities = raw.get("centrally_run_cities", [])
    if not isinstance(cities, list) or not all(isinstance(c, str) for c in cities):
        raise OrgGraphError("gazetteer: centrally_run_cities must be a list of names")
    return entries, [nfc(c) for c in cities]


class Matcher:
    """Finds bodies of one jurisdiction in token lists (longest name wins).

    Bodies of a level take that level's scope: central bodies "vn", province
    bodies the province ("tuyen-quang"), district and commune bodies the
    district under its province ("tuyen-quang/ham-yen").  Entries with
    ``patterns`` such as "Đảng ủy xã {place}" name one body per place: the
    capitalised words after the pattern's head are the place.
    """

    def __init__(self, gazetteer: Gazetteer, province: str | None, district: str | None = None) -> None:
        self.province = province
        self.district = district if province else None
        self.province_scope = slugify(province) if province else CENTRAL_SCOPE
        self.district_scope = f"{self.province_scope}/{slugify(district)}" if province and district else None
        self.scope = self.district_scope or self.province_scope
        # A centrally-run city ("Thành phố Hà Nội") is a province whose bodies say "Thành phố"
        # where a province's say "tỉnh": "UBND Thành phố", "Thành ủy", "Sở Tư pháp Thành phố".
        self.city = province is not None and gazetteer.is_city(province)
        self.bodies: dict[str, Body] = {}
        self._local = _Node()  # names one plan defines for itself (see for_plan)
        self._local_names = False
        self._entries = gazetteer.entries
        self._root = _Node()
        self._patterns = _Node()
        for entry in gazetteer.entries.values():
            body = self._place(entry)
            if body is not None:
                self.bodies[entry.key] = body
                for name in (body.name_vi, *body.aliases):
                    self._add(
                        self._root,
                        body.key,
                        body.ident,
                        name,
                        abbreviation=False,
                        case_sensitive=entry.case_sensitive,
                    )
                for name in body.abbreviations:
                    self._add(self._root, body.key, body.ident, name, abbreviation=True, case_sensitive=True)
            for pattern in entry.patterns:
                head = pattern.replace(_PLACE, "").strip()
                self._add(
                    self._patterns,
                    entry.key,
                    (self.scope, entry.key),
                    head,
                    abbreviation=False,
                    case_sensitive=False,
                )

    def _fill(self, name: str, city: bool = False) -> str | None:
        if _PROVINCE in name:
            if self.province is None:
                return None
            name = name.replace(_PROVINCE, self.province)
        if _DISTRICT in name:
            if self.district is None:
                return None
            name = name.replace(_DISTRICT, self.district)
        return as_city(name) if city else name

    def _level_and_scope(self, entry: Entry) -> tuple[Level, str]:
        if entry.level == "plan":
            if self.district_scope:
                return Level.DISTRICT, self.district_scope
            return (Level.PROVINCE if self.province else Level.CENTRAL), self.province_scope
        level = Level(entry.level)
        if level is Level.CENTRAL or self.province is None:
            return level, CENTRAL_SCOPE
        if level is Level.PROVINCE:
            return level, self.province_scope
        return level, self.district_scope or self.province_scope

    def _place(self, entry: Entry) -> Body | None:
        city = self.city and entry.level in ("province", "plan")
        vi = self._fill(entry.vi, city)
        aliases = [a for a in (self._fill(a, city) for a in entry.aliases) if a]
        if vi is None:
            if not aliases:
                return None
            vi = aliases.pop(0)
        level, scope = self._level_and_scope(entry)
        name_en = self._fill(entry.en) or " ".join(w for w in entry.en.split() if "{" not in w)
        return Body(
            key=entry.key,
            scope=scope,
            name_vi=vi,
            name_en=_CITY_EN.sub(lambda m: _CITY_EN_WORDS[m.group(0)], name_en) if city else name_en,
            kind=entry.kind,
            level=level,
            is_group=entry.group,
            aliases=tuple(aliases),
            abbreviations=tuple(a for a in (self._fill(a, city) for a in entry.abbreviations) if a),
            sub_organization_of=entry.sub_organization_of,
            member_of=entry.member_of,
            is_general=entry.general,
            succeeded_by=entry.succeeded_by,
        )

    def _place_body(self, entry_key: str, place: str) -> Body:
        """The body a pattern names for one place: "Đảng ủy xã" + "Tân Trào"."""
        entry = self._entries[entry_key]
        key = f"{entry.key}-{slugify(place)}"
        known = self.bodies.get(key)
        if known is not None:
            return known
        level, scope = self._level_and_scope(entry)
        vi = entry.patterns[0].replace(_PLACE, place)
        body = Body(
            key=key,
            scope=self.district_scope or scope,
            name_vi=vi,
            name_en=entry.en.replace(_PLACE, place),
            kind=entry.kind,
            level=level,
            is_group=entry.group,
            aliases=tuple(p.replace(_PLACE, place) for p in entry.patterns[1:]),
            sub_organization_of=entry.sub_organization_of,
            member_of=entry.member_of,
        )
        self.bodies[key] = body
        return body

    def provisional(self, surface: str, kind: BodyKind, level: str, en_head: str, group: bool) -> Body:
        """A body the gazetteer does not know, named ``surface`` in a role slot of this plan.

        Its Vietnamese name is the phrase as written; its level is the head noun's ("Bộ" is
        central, "Sở" provincial), else the plan's own; it belongs to the plan's scope unless
        it is central.  It is not remembered here: the matcher is shared between plans.
        """
        surface = collapse_space(surface)
        folded = f" {fold_diacritics(surface)} "
        if level == "plan" or (level == "province" and self.province is None):
            if any(w in folded for w in (" trung uong ", " chinh phu ", " viet nam ", " quoc hoi ")):
                level = "central"
            elif " tinh " in folded or " thanh pho " in folded:
                level = "province" if self.province else "central"
            else:
                level = "district" if self.district_scope else ("province" if self.province else "central")
        body_level = Level(level)
        scope = CENTRAL_SCOPE if body_level is Level.CENTRAL else self.scope
        key = slugify(surface)
        if key in self._entries:
            key = f"{key}-as-written"
        return Body(
            key=key,
            scope=scope,
            name_vi=surface,
            name_en=f"{surface} [{en_head}, not in the gazetteer]",
            kind=BodyKind.GROUP if group else kind,
            level=body_level,
            is_group=group,
            provisional=True,
        )

    def _add(
        self,
        root: _Node,
        key: str,
        ident: tuple[str, str],
        name: str,
        *,
        abbreviation: bool,
        case_sensitive: bool,
    ) -> None:
        tokens = tokenize(name)
        keys = tuple(t.key for t in tokens)
        exact = frozenset(
            i for i, t in enumerate(tokens) if abbreviation and sum(c.isupper() for c in t.text) >= 2
        )
        capitalised = frozenset(i for i, t in enumerate(tokens) if case_sensitive and t.text[:1].isupper())
        node = root
        for token_key in keys:
            node = node.children.setdefault(token_key, _Node())
        for existing in node.names:
            if existing.ident != ident and existing.exact == exact:
                raise OrgGraphError(
                    f"gazetteer: the name {name!r} belongs to both {existing.ident[1]!r} and {key!r}"
                )
        node.names.append(_Name(ident, tuple(t.text for t in tokens), exact, capitalised))

    def for_plan(self, names: Iterable[tuple[str, Body]] = ()) -> Matcher:
        """This matcher for one plan: bodies it names by place ("Đảng ủy xã Tân Trào") stay
        its own, and ``names`` are extra names the plan defines for itself ("Ban Quản lý
        các khu công nghiệp … (sau đây gọi tắt là Ban Quản lý)").  The shared matcher is not
        changed."""
        clone = copy.copy(self)
        clone.bodies = dict(self.bodies)
        clone._local = _Node()
        clone._local_names = False
        for name, body in names:
            clone.bodies.setdefault(body.key, body)
            clone._add(clone._local, body.key, body.ident, name, abbreviation=True, case_sensitive=True)
            clone._local_names = True
        return clone

    def body(self, key: str) -> Body:
        """The body with gazetteer key ``key`` in this jurisdiction."""
        try:
            return self.bodies[key]
        except KeyError:
            raise OrgGraphError(f"no gazetteer body with key {key!r}") from None

    def _longest(self, root: _Node, tokens: Sequence[Token], index: int) -> tuple[int, _Name] | None:
        node = root
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
        return best

    def match_at(self, tokens: Sequence[Token], index: int, *, text: str | None = None) -> Match | None:
        """Longest body name starting at ``tokens[index]``, or None.

        ``text`` is the string the tokens' spans point into; when given, the
        match's ``surface`` is the name exactly as written there.
        """
        best = self._longest(self._root, tokens, index)
        if self._local_names:
            local = self._longest(self._local, tokens, index)
            if local is not None and (best is None or local[0] > best[0]):
                best = local
        found: tuple[int, Body] | None = None
        if best is not None:
            found = (best[0], self.bodies[best[1].ident[1]])
        head = self._longest(self._patterns, tokens, index)
        if head is not None:
            last = head[0]
            words: list[Token] = []
            while (
                last + 1 < len(tokens)
                and len(words) < _MAX_PLACE_WORDS
                and tokens[last + 1].text[:1].isupper()
                and tokens[last + 1].text[:1].isalpha()
            ):
                last += 1
                words.append(tokens[last])
            if words and (found is None or last > found[0]):
                place = " ".join(t.text for t in words)
                found = (last, self._place_body(head[1].ident[1], place))
        if found is None:
            return None
        last, body = found
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


_CITY_VI = re.compile(r"\b(?:[Tt]ỉnh (?:ủy|uỷ)|[Tt]ỉnh đoàn|[Tt]ỉnh)\b")
_CITY_VI_WORDS = {
    "tỉnh ủy": "Thành ủy",
    "tỉnh uỷ": "Thành ủy",
    "tỉnh đoàn": "Thành đoàn",
    "tỉnh": "Thành phố",
}
_CITY_EN = re.compile(r"\b(?:Provincial|provincial|Province|province)\b")
_CITY_EN_WORDS = {"Provincial": "City", "provincial": "city", "Province": "City", "province": "city"}


def as_city(name: str) -> str:
    """A province body's name as a centrally-run city writes it.

    >>> as_city("Ban Tổ chức Tỉnh ủy"), as_city("Ủy ban nhân dân tỉnh"), as_city("Tỉnh đoàn")
    ('Ban Tổ chức Thành ủy', 'Ủy ban nhân dân Thành phố', 'Thành đoàn')
    """
    return _CITY_VI.sub(lambda m: _CITY_VI_WORDS[m.group(0).lower()], name)


def _case_ok(name: _Name, tokens: Sequence[Token], index: int) -> bool:
    for position in name.exact:
        if tokens[index + position].text != name.tokens[position]:
            return False
    for position in name.capitalised:
        if not tokens[index + position].text[:1].isupper():
            return False
    return True
