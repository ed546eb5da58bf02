"""Load and save graphs: deterministic Turtle, any RDF syntax in (written whole by :mod:`orggraph.files`).

:func:`to_turtle` writes the same bytes for the same triples whatever the
hash seed or insertion order: prefixes in a fixed order, subjects in natural
order of their IRIs ("B.III.2" before "B.III.10"), ``rdf:type`` first, then
predicates and objects sorted.  It refuses blank nodes, which cannot diff.

>>> from rdflib import Graph, URIRef, Literal
>>> g = Graph()
>>> x, text = URIRef("https://w3id.org/orggraph/id/x"), URIRef("https://w3id.org/orggraph/ns#text")
>>> _ = g.add((x, text, Literal("Tỉnh ủy", lang="vi")))
>>> print(to_turtle(g).splitlines()[-1])
<https://w3id.org/orggraph/id/x> og:text "Tỉnh ủy"@vi .
"""

from __future__ import annotations

import logging
import re
import warnings
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from rdflib import RDF, XSD, BNode, Graph, Literal, URIRef
from rdflib.term import Node

from .errors import GraphReadError, OrgGraphError
from .files import atomic_write
from .ontology import PREFIXES

__all__ = [
    "FORMATS",
    "write_jsonld",
    "turtle_body",
    "turtle_prefixes",
    "guess_format",
    "load_graph",
    "natural_key",
    "save_graph",
    "to_ntriples",
    "to_turtle",
]

# File extension -> rdflib parser name.
FORMATS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".nq": "nquads",
    ".trig": "trig",
    ".jsonld": "json-ld",
    ".rdf": "xml",
    ".owl": "xml",
}

_PN_LOCAL = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-]*(?:\.[A-Za-z0-9_\-]+)*$")
_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
_NEEDS_ESCAPE = re.compile(r'[\\"\n\r\t]')


def natural_key(text: str) -> tuple[object, ...]:
    """Sort key that orders numbers within text by value: "B.III.2" < "B.III.10"."""
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"(\d+)", text))


def _escape(text: str) -> str:
    return _NEEDS_ESCAPE.sub(lambda m: _ESCAPES[m.group()], text)


def _iri(term: URIRef, prefixed: Callable[[str], str | None]) -> str:
    short = prefixed(str(term))
    return short if short is not None else f"<{term}>"


def _literal(term: Literal, prefixed: Callable[[str], str | None]) -> str:
    lexical = _escape(str(term))
    if term.language:
        return f'"{lexical}"@{term.language.lower()}'
    datatype = term.datatype
    if datatype is None or datatype == XSD.string:
        return f'"{lexical}"'
    if datatype == XSD.integer and re.fullmatch(r"[+-]?\d+", str(term)):
        return str(term)
    return f'"{lexical}"^^{_iri(URIRef(datatype), prefixed)}'


def _object_key(term: Node) -> tuple[object, ...]:
    if isinstance(term, URIRef):
        return (0, natural_key(str(term)))
    if isinstance(term, Literal):
        return (1, term.language or "", str(term.datatype or ""), natural_key(str(term)))
    raise OrgGraphError("graphs with blank nodes cannot be written deterministically")


def to_turtle(graph: Graph) -> str:
    """Serialise ``graph`` as deterministic Turtle with the project's prefixes."""
    namespaces = sorted(((str(ns), p) for p, ns in PREFIXES.items()), key=lambda x: -len(x[0]))

    def prefixed(iri: str) -> str | None:
        for namespace, prefix in namespaces:
            if iri.startswith(namespace):
                local = iri[len(namespace) :]
                if _PN_LOCAL.match(local):
                    return f"{prefix}:{local}"
        return None

    lines = [f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()]
    lines.append("")
    by_subject: dict[Node, list[tuple[Node, Node]]] = {}
    for s, p, o in graph:
        if isinstance(s, BNode) or isinstance(o, BNode):
            raise OrgGraphError("graphs with blank nodes cannot be written deterministically")
        by_subject.setdefault(s, []).append((p, o))
    for subject in sorted(by_subject, key=lambda s: natural_key(str(s))):
        pairs = by_subject[subject]
        predicates = sorted({p for p, _ in pairs}, key=lambda p: (p != RDF.type, prefixed(str(p)) or str(p)))
        parts = []
        for predicate in predicates:
            objects = sorted((o for p, o in pairs if p == predicate), key=_object_key)
            rendered = [
                _iri(o, prefixed) if isinstance(o, URIRef) else _literal(o, prefixed)  # type: ignore[arg-type]
                for o in objects
            ]
            name = "a" if predicate == RDF.type else _iri(predicate, prefixed)  # type: ignore[arg-type]
            parts.append(f"{name} " + ", ".join(rendered))
        head = _iri(subject, prefixed)  # type: ignore[arg-type]
        if len(parts) == 1:
            lines.append(f"{head} {parts[0]} .")
        else:
            lines.append(head)
            lines.extend(f"    {part} ;" for part in parts[:-1])
            lines.append(f"    {parts[-1]} .")
        lines.append("")
    return "\n".join(lines)


def to_ntriples(graph: Graph) -> str:
    """Sorted N-Triples (one triple a line), deterministic."""
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    rows = sorted(line for line in text.splitlines() if line.strip())
    return "\n".join(rows) + ("\n" if rows else "")


def turtle_body(graph: Graph) -> str:
    """The statements of :func:`to_turtle` without the prefix lines (for TriG graph blocks)."""
    text = to_turtle(graph)
    return text.split("\n\n", 1)[1] if "\n\n" in text else ""


def turtle_prefixes() -> str:
    return "\n".join(f"@prefix {p}: <{ns}> ." for p, ns in PREFIXES.items()) + "\n\n"


def save_graph(graph: Graph, path: Path, fmt: str | None = None) -> None:
    """Write ``graph`` atomically; Turtle unless the extension or ``fmt`` says N-Triples."""
    fmt = fmt or guess_format(Path(path))
    if fmt == "turtle":
        atomic_write(path, to_turtle(graph))
    elif fmt == "nt":
        atomic_write(path, to_ntriples(graph))
    else:
        raise OrgGraphError(f"{path}: cannot write format {fmt!r} (use .ttl or .nt)")


def guess_format(path: Path, explicit: str | None = None) -> str:
    """rdflib parser name for ``path``: ``explicit`` if given, else from the extension."""
    if explicit:
        return explicit
    fmt = FORMATS.get(Path(path).suffix.lower())
    if fmt is None:
        known = ", ".join(sorted(FORMATS))
        raise GraphReadError(f"{path}: unknown graph format (known extensions: {known})")
    return fmt


def load_graph(paths: Iterable[Path] | Path, fmt: str | None = None) -> Graph:
    """Parse one or more graph files into one rdflib Graph (project prefixes bound).

    Files with named graphs (N-Quads, TriG) are read as their union: every
    plan's triples in one graph, so queries see every plan.
    """
    from .build import new_graph

    if isinstance(paths, (str, Path)):
        paths = [Path(paths)]
    graph = new_graph()
    # rdflib logs a traceback for each ill-typed literal ("zero"^^xsd:integer); the literal is
    # kept as written and the shapes report it, so the log says nothing a user should read.
    logging.getLogger("rdflib.term").setLevel(logging.ERROR)
    for path in (Path(p) for p in paths):
        if not path.is_file():
            raise GraphReadError(f"{path}: no such file")
        form = guess_format(path, fmt)
        try:
            if form in ("nquads", "trig"):
                for triple in _quad_triples(path, form):
                    graph.add(triple)
            else:
                graph.parse(path, format=form)
        except GraphReadError:
            raise
        except Exception as exc:  # rdflib raises many kinds; all mean "cannot read"
            message = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise GraphReadError(f"{path}: not a readable graph ({message})") from exc
    return graph


def _quad_triples(path: Path, form: str) -> Iterable[tuple[Any, Any, Any]]:
    """The triples of every graph in an N-Quads or TriG file."""
    from rdflib import Dataset

    with warnings.catch_warnings():
        # rdflib's own quad parsers and iterators use its deprecated Dataset.default_context.
        warnings.filterwarnings("ignore", "Dataset.default_context is deprecated", DeprecationWarning)
        dataset = Dataset()
        with path.open("rb") as stream:
            dataset.parse(stream, format=form)
        return [(s, p, o) for s, p, o, _ in dataset.quads((None, None, None, None))]


def write_jsonld(paths: Iterable[Path], output: Path, fmt: str | None = None) -> None:
    """The graph files as one JSON-LD document (compacted with the project's prefixes).

    Nodes are sorted by ``@id`` so the same graph gives the same bytes.
    """
    import json

    graph = load_graph(paths, fmt)
    context = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
    document = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    nodes = document.get("@graph")
    if isinstance(nodes, list):
        nodes.sort(key=lambda node: str(node.get("@id", "")))
    atomic_write(output, json.dumps(document, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
