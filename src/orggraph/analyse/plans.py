"""The plans in a graph, as records for the pages: number, date, title, issuers, the acts each
implements, and its source text when it is where the graph says and still the same text."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from ..query.backends import Backend
from .data import in_order

__all__ = ["PlanInfo", "plan_info", "source_text"]

_PLANS = """
SELECT ?plan ?identifier ?issued ?title ?type ?sourceName ?sha ?placeVi ?placeEn WHERE {
  ?plan a og:Plan ; dcterms:identifier ?identifier ; dcterms:title ?title .
  OPTIONAL { ?plan dcterms:issued ?issued }
  OPTIONAL { ?plan og:documentType ?type }
  OPTIONAL { ?plan dcterms:source ?source . ?source og:sourceName ?sourceName . OPTIONAL { ?source og:sourceSha256 ?sha } }
  OPTIONAL { ?plan og:jurisdiction ?where .
             OPTIONAL { ?where skos:prefLabel ?placeVi FILTER (lang(?placeVi) = "vi") }
             OPTIONAL { ?where skos:prefLabel ?placeEn FILTER (lang(?placeEn) = "en") } }
}
ORDER BY ?plan
"""
_ISSUERS = """
SELECT ?plan ?vi ?en WHERE {
  ?plan dcterms:creator ?body .
  OPTIONAL { ?body skos:prefLabel ?vi FILTER (lang(?vi) = "vi") }
  OPTIONAL { ?body skos:prefLabel ?en FILTER (lang(?en) = "en") }
}
ORDER BY ?plan ?vi
"""
_IMPLEMENTS = """
SELECT ?plan ?vi ?en WHERE {
  ?plan og:implements ?act .
  OPTIONAL { ?act dcterms:issued ?issued }
  OPTIONAL { ?act skos:prefLabel ?vi FILTER (lang(?vi) = "vi") }
  OPTIONAL { ?act skos:prefLabel ?en FILTER (lang(?en) = "en") }
}
ORDER BY ?plan ?issued ?vi
"""


@dataclass
class PlanInfo:
    """What the graph says about one plan: its number, date, title, issuers, the acts it
    implements, and the source text it was read from (name and SHA-256)."""

    iri: str
    identifier: str
    issued: str
    title: str
    doc_type: str
    place_vi: str
    place_en: str
    source_name: str
    source_sha256: str
    issuers: list[tuple[str, str]] = field(default_factory=list)
    implements: list[tuple[str, str]] = field(default_factory=list)


def plan_info(backend: Backend) -> list[PlanInfo]:
    """Plans in the graph, with issuers and the acts they implement."""
    plans: dict[str, PlanInfo] = {}
    # A place spelt two ways ("Hoà Bình", "Hòa Bình") gives a plan two rows: the first in value
    # order is kept, the same from any store.
    for row in in_order(backend.run(_PLANS).rows):
        plan, identifier, issued, title, kind, source, sha, place_vi, place_en = (
            t.value if t else "" for t in row
        )
        if plan not in plans:
            plans[plan] = PlanInfo(plan, identifier, issued, title, kind, place_vi, place_en, source, sha)
    for plan, vi, en in (tuple(t.value if t else "" for t in row) for row in backend.run(_ISSUERS).rows):
        if plan in plans:
            plans[plan].issuers.append((vi, en))
    for plan, vi, en in (tuple(t.value if t else "" for t in row) for row in backend.run(_IMPLEMENTS).rows):
        if plan in plans:
            plans[plan].implements.append((vi, en))
    return list(plans.values())


def source_text(info: PlanInfo, root: Path) -> str | None:
    """The plan's source text if it is where the graph says and still the same text.

    A graph is untrusted: its source name must be a relative path inside the source root (no
    absolute path, no ".."), and the file must have the digest the graph states; a graph without
    a digest gets no source page.  orggraph never reads a file the user did not name."""
    if not info.source_name or not info.source_sha256:
        return None
    name = Path(info.source_name)
    if name.is_absolute() or ".." in name.parts or "\x00" in info.source_name:
        return None
    from ..errors import InputError
    from ..pipeline import source_path
    from ..read.inputs import text_from_bytes

    path = source_path(info.source_name, root)
    if path is None:
        return None
    try:
        text = text_from_bytes(path.read_bytes(), path.suffix)  # the text as read, whatever the format
    except InputError:
        return None
    if info.source_sha256 and hashlib.sha256(text.encode("utf-8")).hexdigest() != info.source_sha256:
        return None
    return text
