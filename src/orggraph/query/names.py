"""Body arguments: any label or alias, with or without diacritics, in any tone-mark style.

"ban to chuc", "Ban Tổ chức Tỉnh uỷ", "Organisation Commission" and "VPTU" all
name bodies.  The labels come from the graph being queried (so a remote
endpoint works too); an unknown or ambiguous name lists the closest
candidates and is a usage error (exit 2).
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from ..errors import UsageError
from ..text import NAME_LIMIT, fold_diacritics
from .backends import Backend

__all__ = ["BodyName", "body_names", "resolve_body"]

_LABELS = """
SELECT ?body ?label ?kind ?key ?place WHERE {
  ?body a og:Body .
  { ?body skos:prefLabel ?label BIND ("pref" AS ?kind) }
  UNION { ?body skos:altLabel ?label BIND ("alt" AS ?kind) }
  OPTIONAL { ?body dcterms:identifier ?key }
  OPTIONAL { ?body og:jurisdiction ?where . ?where skos:prefLabel ?place . FILTER (lang(?place) = "vi") }
}
"""


@dataclass(frozen=True)
class BodyName:
    """One body as the graph names it."""

    iri: str
    name: str  # the Vietnamese preferred label
    labels: tuple[str, ...]
    place: str | None

    def describe(self) -> str:
        return f"{self.name} ({self.place})" if self.place else self.name


def body_names(backend: Backend) -> list[BodyName]:
    """Every body in the graph with all its labels and keys."""
    results = backend.run(_LABELS)
    labels: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    places: dict[str, str | None] = {}
    for body, label, kind, key, place in results.rows:
        assert body is not None and label is not None and kind is not None
        bucket = labels.setdefault(body.value, [])
        bucket.append(label.value)
        if key is not None:
            bucket.append(key.value)
        if kind.value == "pref" and label.language == "vi":
            names[body.value] = label.value
        places.setdefault(body.value, place.value if place is not None else None)
    out = []
    for iri, found in sorted(labels.items()):
        preferred = names.get(iri, found[0])
        out.append(BodyName(iri, preferred, tuple(dict.fromkeys(found)), places.get(iri)))
    return out


def _contains(text: str, phrase: str) -> bool:
    return f" {phrase} " in f" {text} "


def resolve_body(backend: Backend, written: str) -> BodyName:
    """The one body ``written`` names, or a :class:`UsageError` listing candidates."""
    if len(written) > NAME_LIMIT:
        raise UsageError(f"a body name of {len(written):,} characters; no body's name is over {NAME_LIMIT}")
    bodies = body_names(backend)
    query = fold_diacritics(written)
    if not query:
        raise UsageError("the body name is empty")
    by_iri = [b for b in bodies if b.iri == written.strip()]
    if by_iri:
        return by_iri[0]
    exact = [b for b in bodies if any(fold_diacritics(label) == query for label in b.labels)]
    matches = exact or [
        b for b in bodies if any(_contains(fold_diacritics(label), query) for label in b.labels)
    ]
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = "; ".join(b.describe() for b in matches[:8])
        raise UsageError(f"{written!r} names several bodies: {listed}. Give a fuller name or the IRI")
    folded: dict[str, BodyName] = {}
    for body in bodies:
        for label in body.labels:
            folded.setdefault(fold_diacritics(label), body)
    close = difflib.get_close_matches(query, list(folded), n=5, cutoff=0.4)
    seen: list[str] = []
    for label in close:
        description = folded[label].describe()
        if description not in seen:
            seen.append(description)
    hint = f"; closest: {'; '.join(seen)}" if seen else ""
    raise UsageError(f"no body named {written!r} in the graph{hint}")
