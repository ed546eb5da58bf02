"""``ontology.html``: every class, property and concept of the vocabulary, in both languages.

Generated from the packaged ``ontology.ttl`` (its one source of truth) with the
site's own template, so it works offline like the other pages.
"""

from __future__ import annotations

from rdflib import OWL, RDF, RDFS, Graph, URIRef
from rdflib.collection import Collection
from rdflib.term import BNode, Node

from ..namespaces import PREFIXES
from ..ontology import OG
from ..resources import read_resource
from .pages import bilingual, esc, static_page

__all__ = ["ontology_page"]

_NS = str(OG._NS)


def _name(term: Node, graph: Graph, page_local: bool = True) -> str:
    """A term as HTML: og: terms link to their entry; unions read "A or B"."""
    if isinstance(term, BNode):
        members = graph.value(term, OWL.unionOf)
        if members is not None:
            return " / ".join(_name(m, graph) for m in Collection(graph, members))
        return "…"
    text = str(term)
    if text.startswith(_NS):
        local = text[len(_NS) :]
        return (
            f'<a href="#{esc(local)}"><code>og:{esc(local)}</code></a>'
            if page_local
            else f"<code>og:{esc(local)}</code>"
        )
    for prefix, namespace in (*PREFIXES.items(), ("owl", str(OWL))):
        if text.startswith(namespace):
            return f"<code>{esc(prefix)}:{esc(text[len(namespace) :])}</code>"
    return f"<code>{esc(text)}</code>"


def _texts(graph: Graph, term: URIRef, predicate: URIRef) -> dict[str, str]:
    out: dict[str, str] = {}
    for value in graph.objects(term, predicate):
        language = getattr(value, "language", None)
        if language in ("vi", "en"):
            out[language] = str(value)
    return out


def _entry(graph: Graph, term: URIRef) -> str:
    local = str(term)[len(_NS) :]
    labels = _texts(graph, term, RDFS.label)
    comments = _texts(graph, term, RDFS.comment)
    rows = []
    kinds = [t for t in graph.objects(term, RDF.type)]
    if kinds:
        rows.append((("loại", "type"), ", ".join(sorted(_name(k, graph) for k in kinds))))
    for predicate, words in (
        (RDFS.subClassOf, ("lớp cha", "subclass of")),
        (RDFS.subPropertyOf, ("thuộc tính cha", "subproperty of")),
        (RDFS.domain, ("miền", "domain")),
        (RDFS.range, ("phạm vi", "range")),
    ):
        values = sorted(_name(v, graph) for v in graph.objects(term, predicate))
        if values:
            rows.append((words, ", ".join(values)))
    details = "".join(f"<tr><th>{bilingual(vi, en)}</th><td>{value}</td></tr>" for (vi, en), value in rows)
    return (
        f'<section class="og-card" id="{esc(local)}">'
        f"<h3><code>og:{esc(local)}</code> · {bilingual(labels.get('vi', local), labels.get('en', local))}</h3>"
        f"<p>{bilingual(comments.get('vi', ''), comments.get('en', ''))}</p>"
        f'<table class="og-table">{details}</table>'
        "</section>"
    )


def ontology_page(nav: list[tuple[str, dict[str, str]]]) -> str:
    """The HTML documentation of the vocabulary."""
    graph = Graph()
    graph.parse(data=read_resource("ontology.ttl"), format="turtle")
    terms = sorted({s for s in graph.subjects() if isinstance(s, URIRef) and str(s).startswith(_NS)}, key=str)
    classes = [t for t in terms if (t, RDF.type, OWL.Class) in graph]
    properties = [
        t
        for t in terms
        if (t, RDF.type, OWL.ObjectProperty) in graph or (t, RDF.type, OWL.DatatypeProperty) in graph
    ]
    others = [t for t in terms if t not in classes and t not in properties]
    parts = [
        "<p>"
        + bilingual(
            f"Không gian tên og: <{_NS}>. Mỗi lớp, thuộc tính và khái niệm có nhãn và chú thích tiếng Việt và tiếng Anh. "
            "Tệp gốc: ontology.ttl; các ràng buộc SHACL: shapes.ttl.",
            f"Namespace og: <{_NS}>. Every class, property and concept has a label and a comment in Vietnamese and "
            "English. Source: ontology.ttl; SHACL constraints: shapes.ttl.",
        )
        + '</p><p><a href="ontology.ttl">ontology.ttl</a> · <a href="shapes.ttl">shapes.ttl</a></p>'
    ]
    for (vi, en), group in (
        (("Lớp", "Classes"), classes),
        (("Thuộc tính", "Properties"), properties),
        (("Khái niệm và giá trị", "Concepts and values"), others),
    ):
        index = " · ".join(
            f'<a href="#{esc(str(t)[len(_NS) :])}">og:{esc(str(t)[len(_NS) :])}</a>' for t in group
        )
        parts.append(f"<h2>{bilingual(vi, en)}</h2><p>{index}</p>")
        parts.extend(_entry(graph, term) for term in group)
    title = {"vi": "Từ vựng orggraph", "en": "The orggraph vocabulary"}
    return static_page("ontology.html", title, nav, "\n".join(parts))
