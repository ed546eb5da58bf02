"""Where queries run: pyoxigraph in-process (default), rdflib in-process, or a SPARQL endpoint.

All three take the same query text with the project's prefixes pre-bound and
return :class:`~orggraph.query.results.Results`; a test checks they give the
same rows for every canned query.  pyoxigraph is the default because a
command-line query pays its import and load time on every run: it imports in
milliseconds where rdflib's SPARQL engine takes a large part of a second.
"""

from __future__ import annotations

import json
import re
import shutil
import socket
import threading
import urllib.parse
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from ..errors import GraphReadError, QueryError
from ..namespaces import PREFIXES
from . import sparql_text
from .results import Results, Term

__all__ = [
    "ANSWERS",
    "Backend",
    "EndpointBackend",
    "KEPT_MEDIA",
    "MANIFEST",
    "OxigraphBackend",
    "RdflibBackend",
    "STORES",
    "kept_answer",
    "kept_results",
    "open_backend",
    "query_form",
]

STORES = ("oxigraph", "rdflib")

# File extension -> (pyoxigraph format name, rdflib format name)
_EXTENSIONS = {
    ".ttl": "turtle",
    ".turtle": "turtle",
    ".nt": "nt",
    ".ntriples": "nt",
    ".nq": "nquads",
    ".trig": "trig",
}
_DECLARED = re.compile(r"PREFIX\s+([\w-]*)\s*:", re.IGNORECASE)


class Backend(Protocol):
    """Anything that answers SPARQL 1.1 queries."""

    name: str

    def run(self, query: str) -> Results: ...


def query_form(query: str) -> str:
    """SELECT, ASK, CONSTRUCT, DESCRIBE (or UPDATE), read past the query's comments and strings."""
    return sparql_text.form(query)


def input_format(path: Path, explicit: str | None = None) -> str:
    """Format name ("turtle", "nt", "nquads", "trig") from ``explicit`` or the file extension."""
    if explicit:
        if explicit not in set(_EXTENSIONS.values()):
            raise GraphReadError(f"unknown input format {explicit!r} (use turtle, nt, nquads or trig)")
        return explicit
    fmt = _EXTENSIONS.get(path.suffix.lower())
    if fmt is None:
        raise GraphReadError(f"{path}: unknown graph format (use .ttl, .nt, .nq or .trig, or --input-format)")
    return fmt


def _check_files(paths: Sequence[Path]) -> None:
    if not paths:
        raise GraphReadError("no graph files given")
    for path in paths:
        if not path.is_file():
            raise GraphReadError(f"{path}: no such file")


def _syntax_error(message: str) -> QueryError:
    found = re.search(r"(\d+):(\d+)", message)
    detail = re.sub(r"^error at \d+:\d+:\s*", "", message).strip()
    # Oxigraph lists every token it would accept, over several lines: keep one short line.
    detail = detail.splitlines()[0] if detail else "not SPARQL"
    if len(detail) > 120:
        detail = detail[: detail.rfind(", ", 0, 120)] + ", …"
    if found:
        return QueryError(f"query syntax error at line {found.group(1)}, column {found.group(2)}: {detail}")
    return QueryError(f"query syntax error: {detail}")


def answer_within(timeout: float | None, work: Callable[[], Results]) -> Results:
    """Run ``work`` (a local query) in a thread, waiting at most ``timeout`` seconds.

    The engines answer in native code, where Python cannot stop them and Ctrl-C
    waits until they return; here the caller waits instead, so a time limit or
    Ctrl-C (KeyboardInterrupt) ends the wait at once.  A query given up on runs on
    in its daemon thread until it ends or the process exits.
    """
    if timeout is None:
        return work()
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["answer"] = work()
        except BaseException as exc:  # handed to the caller's thread, which raises it
            box["error"] = exc

    thread = threading.Thread(target=target, name="orggraph-query", daemon=True)
    thread.start()
    thread.join(timeout)
    if thread.is_alive():
        raise QueryError(f"the query did not finish within {timeout:g} s (--timeout)")
    if "error" in box:
        raise box["error"]
    answer: Results = box["answer"]
    return answer


MANIFEST = "orggraph-store.json"
# In a store folder: the answers to the canned questions that take no parameter (who
# coordinates with whom, who leads, who reports to whom, …) and to the questions the analyses'
# records are read with, computed once when the store is made, so a reopened store answers
# them without running them.  Keyed by the query's text.
ANSWERS = "answers"


def _answer_file(folder: Path, query: str) -> Path:
    import hashlib

    return folder / ANSWERS / f"{hashlib.sha256(query.encode('utf-8')).hexdigest()}.json"


# A kept answer as sent over HTTP by `orggraph serve --store-dir` to a client that asks for it
# (this package's endpoint client does, before SPARQL JSON); other clients get SPARQL JSON.
KEPT_MEDIA = "application/x-orggraph-kept+json"
_PREFIX_LINES = {p: f"PREFIX {p}: <{iri}>" for p, iri in PREFIXES.items()}  # what EndpointBackend adds


def _kept_text(results: Results) -> str:
    """A kept answer: each distinct term written once, rows as indexes into that list (a
    large answer repeats its bodies, plans and sections on every row; read back many times
    faster than SPARQL JSON)."""
    terms: dict[Term, int] = {}
    rows = [[-1 if t is None else terms.setdefault(t, len(terms)) for t in row] for row in results.rows]
    document = {
        "vars": results.variables,
        "boolean": results.boolean,
        "turtle": results.turtle,
        "terms": [[t.kind, t.value, t.language, t.datatype] for t in terms],
        "rows": rows,
    }
    return json.dumps(document, ensure_ascii=False, separators=(",", ":"))


def kept_results(text: str) -> Results | None:
    """The results a kept answer's text holds (None if it is not one)."""
    try:
        document = json.loads(text)
        terms = [Term(*fields) for fields in document["terms"]]
        if document["boolean"] is not None or document["turtle"] is not None:
            return Results(boolean=document["boolean"], turtle=document["turtle"])
        return Results(
            list(document["vars"]),
            [tuple(terms[i] if i >= 0 else None for i in row) for row in document["rows"]],
        )
    except (ValueError, KeyError, IndexError, TypeError):
        return None


def kept_answer(folder: Path, query: str) -> str | None:
    """The text of the answer a store folder keeps for ``query`` (sent with or without the
    project's prefixes before it), or None."""
    lines = query.split("\n")
    while lines and lines[0] in _PREFIX_LINES.values():
        lines.pop(0)
    for text in dict.fromkeys(["\n".join(lines), query]):
        try:
            return _answer_file(folder, text).read_text(encoding="utf-8")
        except OSError:
            continue
    return None


def _fingerprint(paths: Sequence[Path], fmt: str | None) -> list[dict[str, Any]]:
    """What identifies the loaded files without reading them: path, size, modification time."""
    out = []
    for path in paths:
        stat = path.stat()
        out.append(
            {
                "path": str(path.resolve()),
                "format": input_format(path, fmt),
                "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns,
            }
        )
    return out


class OxigraphBackend:
    """A pyoxigraph store loaded from graph files: in memory, or on disk in ``store_dir``.

    An on-disk store keeps a manifest of the files it was loaded from (path, size,
    modification time); a later command given the same files, or none, reopens it
    without parsing anything.  Other files, or changed ones, reload it from scratch.
    The manifest is written only after a load succeeds, so an interrupted load is
    never taken for a finished one.
    """

    name = "oxigraph"

    def __init__(
        self,
        paths: Sequence[Path],
        fmt: str | None = None,
        store_dir: Path | None = None,
        *,
        timeout: float | None = None,
    ) -> None:
        import pyoxigraph as ox

        self._ox = ox
        self.timeout = timeout
        self.reopened = False
        self._stored: Path | None = None  # the store folder whose answers are kept
        self._folder: Path | None = None  # the store folder, for a store on disk
        if store_dir is not None:
            self._open_dir(Path(store_dir), paths, fmt)
            return
        _check_files(paths)
        self.store = ox.Store()
        self._load(paths, fmt)

    def _load(self, paths: Sequence[Path], fmt: str | None) -> None:
        ox = self._ox
        formats = {
            "turtle": ox.RdfFormat.TURTLE,
            "nt": ox.RdfFormat.N_TRIPLES,
            "nquads": ox.RdfFormat.N_QUADS,
            "trig": ox.RdfFormat.TRIG,
        }
        for path in paths:
            try:
                self.store.bulk_load(path=str(path), format=formats[input_format(path, fmt)])
            except (SyntaxError, ValueError, OSError) as exc:
                first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                raise GraphReadError(f"{path}: not a readable graph ({first})") from None

    def _open_dir(self, folder: Path, paths: Sequence[Path], fmt: str | None) -> None:
        from ..files import atomic_write

        manifest = folder / MANIFEST
        if folder.exists() and not folder.is_dir():
            raise GraphReadError(f"{folder}: not a folder (--store-dir)")
        if (
            folder.is_dir()
            and any(folder.iterdir())
            and not manifest.is_file()
            and not (folder / "CURRENT").is_file()
        ):
            raise GraphReadError(
                f"{folder}: not an orggraph store and not empty; give an empty or new folder"
            )
        recorded = json.loads(manifest.read_text(encoding="utf-8")) if manifest.is_file() else None
        if paths:
            _check_files(paths)
        wanted = _fingerprint(paths, fmt) if paths else None
        try:
            self.store = self._ox.Store(str(folder))
        except OSError as exc:
            raise GraphReadError(f"{folder}: cannot open the store ({exc})") from None
        self._folder = folder
        if recorded is not None and (wanted is None or recorded.get("files") == wanted):
            self.reopened = True
            self._stored = folder if (folder / ANSWERS).is_dir() else None
            return
        if wanted is None:
            raise GraphReadError(f"{folder}: an empty store; give the graph files to load with --graph")
        manifest.unlink(missing_ok=True)  # first: a store half made is never taken for a made one
        shutil.rmtree(folder / ANSWERS, ignore_errors=True)
        self.store.clear()
        self._load(paths, fmt)
        self.store.flush()
        self._keep_answers(folder)
        atomic_write(manifest, json.dumps({"files": wanted}, indent=1) + "\n")
        self._stored = folder

    def add(self, paths: Sequence[Path], fmt: str | None = None) -> list[str]:
        """Add graph files to this store on disk, without reloading what it holds: each named
        graph (a plan) they hold replaces the store's graph of that name, their default graph
        is added to the store's; the kept answers are computed anew.  Returns the names of
        the graphs replaced.  (Shared triples a replaced plan alone had stay in the default
        graph: remake the store from all its files to drop them.)"""
        from ..files import atomic_write

        folder = self._folder
        if folder is None:
            raise QueryError("only a store kept on disk (--store-dir) takes graphs added to it")
        _check_files(paths)
        manifest = folder / MANIFEST
        recorded = json.loads(manifest.read_text(encoding="utf-8"))
        ox = self._ox
        formats = {"nquads": ox.RdfFormat.N_QUADS, "trig": ox.RdfFormat.TRIG}
        names: set[str] = set()
        for path in paths:
            form = input_format(path, fmt)
            if form in formats:
                try:
                    for quad in ox.parse(path=str(path), format=formats[form]):
                        if isinstance(quad.graph_name, ox.NamedNode):
                            names.add(quad.graph_name.value)
                except (SyntaxError, ValueError) as exc:
                    first = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
                    raise GraphReadError(f"{path}: not a readable graph ({first})") from None
        manifest.unlink()  # first: a store half changed is never taken for a made one
        shutil.rmtree(folder / ANSWERS, ignore_errors=True)
        self._stored = None
        replaced = sorted(n for n in names if self.store.contains_named_graph(ox.NamedNode(n)))
        for name in replaced:
            self.store.remove_graph(ox.NamedNode(name))
        self._load(paths, fmt)
        self.store.flush()
        self._keep_answers(folder)
        added = _fingerprint(paths, fmt)
        kept = [entry for entry in recorded["files"] if entry["path"] not in {a["path"] for a in added}]
        atomic_write(manifest, json.dumps({"files": kept + added}, indent=1) + "\n")
        self._stored = folder
        return replaced

    def _keep_answers(self, folder: Path) -> None:
        """Answer now, and keep beside the store, every canned question without parameters
        and every question the analyses read their records with."""
        from ..analyse.data import RECORD_QUERIES
        from ..files import atomic_write
        from .canned import bind, canned_queries

        (folder / ANSWERS).mkdir(exist_ok=True)
        questions = [
            bind(q.text, {}) for q in canned_queries().values() if not q.params
        ]  # as run_canned sends them
        for text in [*questions, *RECORD_QUERIES]:
            atomic_write(_answer_file(folder, text), _kept_text(self._answer(text)))

    def _term(self, term: Any) -> Term | None:
        ox = self._ox
        if term is None:
            return None
        if isinstance(term, ox.NamedNode):
            return Term.uri(term.value)
        if isinstance(term, ox.BlankNode):
            return Term("bnode", term.value)
        if isinstance(term, ox.Literal):
            return Term.literal(term.value, term.language, term.datatype.value)
        return Term.literal(str(term))

    def run(self, query: str) -> Results:
        if self._stored is not None:
            text = kept_answer(self._stored, query)
            kept = kept_results(text) if text is not None else None
            if kept is not None:  # else none is kept, or it cannot be read: the query runs
                return kept
        return answer_within(self.timeout, lambda: self._answer(query))

    def _answer(self, query: str) -> Results:
        ox = self._ox
        try:
            answer = self.store.query(query, prefixes=PREFIXES, use_default_graph_as_union=True)
        except SyntaxError as exc:
            raise _syntax_error(str(exc)) from None
        except (OSError, ValueError) as exc:
            raise QueryError(f"query failed: {exc}") from None
        if isinstance(answer, ox.QueryBoolean):
            return Results(boolean=bool(answer))
        if isinstance(answer, ox.QueryTriples):
            data = ox.serialize(answer, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)
            return Results(turtle=data.decode("utf-8") if isinstance(data, bytes) else str(data))
        assert isinstance(answer, ox.QuerySolutions)
        variables = [v.value for v in answer.variables]
        # Terms repeat across rows (a body, a section, a plan): convert each once.
        seen: dict[Any, Term | None] = {None: None}

        def convert(term: Any) -> Term | None:
            found = seen.get(term, seen)
            if found is seen:
                found = seen[term] = self._term(term)
            return found  # type: ignore[return-value]

        rows = [tuple(map(convert, solution)) for solution in answer]
        return Results(variables, rows)


class RdflibBackend:
    """An rdflib graph loaded from graph files, queried with rdflib's SPARQL engine."""

    name = "rdflib"

    def __init__(
        self, paths: Sequence[Path], fmt: str | None = None, *, timeout: float | None = None
    ) -> None:
        from ..store import load_graph

        _check_files(paths)
        self.graph = load_graph(paths, fmt)
        self.timeout = timeout

    @classmethod
    def from_graph(cls, graph: Any) -> RdflibBackend:
        """A backend over an rdflib graph already in memory."""
        backend = cls.__new__(cls)
        backend.graph = graph
        backend.timeout = None
        return backend

    def run(self, query: str) -> Results:
        return answer_within(self.timeout, lambda: self._answer(query))

    def _answer(self, query: str) -> Results:
        from pyparsing import ParseException
        from rdflib import BNode, Literal, Namespace, URIRef

        def term(value: object) -> Term | None:
            if value is None:
                return None
            if isinstance(value, URIRef):
                return Term.uri(str(value))
            if isinstance(value, BNode):
                return Term("bnode", str(value))
            if isinstance(value, Literal):
                datatype = str(value.datatype) if value.datatype else None
                return Term.literal(str(value), value.language, datatype)
            return Term.literal(str(value))

        namespaces = {prefix: Namespace(iri) for prefix, iri in PREFIXES.items()}
        try:
            answer = self.graph.query(query, initNs=namespaces)
            if answer.type == "ASK":
                return Results(boolean=bool(answer.askAnswer))
            if answer.type in ("CONSTRUCT", "DESCRIBE"):
                assert answer.graph is not None
                for prefix, namespace in namespaces.items():
                    answer.graph.bind(prefix, namespace)
                return Results(turtle=answer.graph.serialize(format="turtle"))
            variables = [str(v) for v in answer.vars or []]
            rows = [tuple(term(row[i]) for i in range(len(variables))) for row in answer]  # type: ignore[index]
        except ParseException as exc:
            raise QueryError(
                f"query syntax error at line {exc.lineno}, column {exc.col}: {exc.msg}"
            ) from None
        except Exception as exc:  # rdflib reports evaluation problems with many exception types
            raise QueryError(f"query failed: {exc}") from None
        return Results(variables, rows)


class EndpointBackend:
    """A remote SPARQL 1.1 Protocol endpoint, read-only."""

    name = "endpoint"

    def __init__(self, url: str, timeout: float = 30.0) -> None:
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme not in ("http", "https") or not parsed.netloc:
            raise QueryError(f"{url}: not an http(s) URL")
        self.url = url
        self.timeout = timeout

    def _with_prefixes(self, query: str) -> str:
        declared = {p.lower() for p in _DECLARED.findall(query)}
        lines = [line for p, line in _PREFIX_LINES.items() if p.lower() not in declared]
        return "\n".join([*lines, query])

    def request(
        self, data: bytes, headers: dict[str, str], method: str = "POST", url: str | None = None
    ) -> bytes:
        """Send one HTTP request; every failure becomes a one-line :class:`QueryError`."""
        return self.exchange(data, headers, method, url)[0]

    def exchange(
        self, data: bytes, headers: dict[str, str], method: str = "POST", url: str | None = None
    ) -> tuple[bytes, str]:
        """Send one HTTP request; the answer's body and media type."""
        import urllib.error
        import urllib.request  # slow to import; only endpoint users pay for it

        target = url or self.url
        req = urllib.request.Request(target, data=data, headers=headers, method=method)
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as response:
                body: bytes = response.read()
                kind = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
                return body, kind
        except urllib.error.HTTPError as exc:
            detail = exc.read().decode("utf-8", "replace").strip().splitlines()
            hint = f": {detail[0][:200]}" if detail else ""
            raise QueryError(f"{target}: HTTP {exc.code} {exc.reason}{hint}") from None
        except urllib.error.URLError as exc:
            if isinstance(exc.reason, (TimeoutError, socket.timeout)):
                raise QueryError(f"{target}: no answer within {self.timeout:g} s (--timeout)") from None
            reason = getattr(exc.reason, "strerror", None) or str(exc.reason)
            raise QueryError(f"{target}: cannot reach the endpoint ({reason})") from None
        except TimeoutError:
            raise QueryError(f"{target}: no answer within {self.timeout:g} s (--timeout)") from None
        except (ConnectionError, OSError) as exc:
            raise QueryError(f"{target}: connection failed ({exc})") from None

    def run(self, query: str) -> Results:
        _check_syntax(query)
        form = query_form(query)
        json_results = f"{KEPT_MEDIA}, application/sparql-results+json;q=0.9"
        accept = json_results if form in ("SELECT", "ASK") else "text/turtle"
        body, kind = self.exchange(
            urllib.parse.urlencode({"query": self._with_prefixes(query)}).encode("utf-8"),
            {"Accept": accept, "Content-Type": "application/x-www-form-urlencoded"},
        )
        if form in ("CONSTRUCT", "DESCRIBE"):
            return Results(turtle=body.decode("utf-8"))
        if kind == KEPT_MEDIA:
            kept = kept_results(body.decode("utf-8", "replace"))
            if kept is None:
                raise QueryError(f"{self.url}: the answer is not a kept answer it says it is")
            return kept
        try:
            document = json.loads(body)
        except ValueError:
            raise QueryError(f"{self.url}: the answer is not SPARQL results JSON") from None
        return parse_results_json(document)


def _check_syntax(query: str) -> None:
    """Parse the query locally so a syntax error names its line and column."""
    import pyoxigraph as ox

    try:
        ox.Store().query(query, prefixes=PREFIXES)
    except SyntaxError as exc:
        raise _syntax_error(str(exc)) from None


def parse_results_json(document: dict[str, Any]) -> Results:
    """Read a SPARQL 1.1 Query Results JSON document."""
    if "boolean" in document:
        return Results(boolean=bool(document["boolean"]))
    variables = list(document.get("head", {}).get("vars", []))
    # Terms repeat across rows (a body, a section, a plan): make each once.
    seen: dict[tuple[str, str, str | None, str | None], Term] = {}

    def term(value: dict[str, str] | None) -> Term | None:
        if value is None:
            return None
        key = (value["type"], value["value"], value.get("xml:lang"), value.get("datatype"))
        found = seen.get(key)
        if found is None:
            kind, text, language, datatype = key
            if kind == "uri":
                found = Term.uri(text)
            elif kind == "bnode":
                found = Term("bnode", text)
            else:
                found = Term.literal(text, language, datatype)
            seen[key] = found
        return found

    rows = [
        tuple(term(binding.get(name)) for name in variables)
        for binding in document.get("results", {}).get("bindings", [])
    ]
    return Results(variables, rows)


def open_backend(
    graphs: Iterable[Path],
    *,
    store: str = "oxigraph",
    endpoint: str | None = None,
    fmt: str | None = None,
    timeout: float | None = None,
    store_dir: Path | None = None,
) -> Backend:
    """The backend the options ask for: an endpoint if given, else ``store`` over ``graphs``
    (with ``store_dir``, an on-disk pyoxigraph store, reopened when it holds ``graphs``).

    ``timeout`` is how long one query may take, in seconds: by default 30 s for
    an endpoint and no limit in process."""
    if endpoint:
        return EndpointBackend(endpoint, 30.0 if timeout is None else timeout)
    paths = [Path(p) for p in graphs]
    if store_dir is not None:
        if store != "oxigraph":
            raise QueryError("--store-dir keeps a pyoxigraph store; it does not go with --store rdflib")
        return OxigraphBackend(paths, fmt, store_dir, timeout=timeout)
    if store == "rdflib":
        return RdflibBackend(paths, fmt, timeout=timeout)
    if store == "oxigraph":
        return OxigraphBackend(paths, fmt, timeout=timeout)
    raise QueryError(f"unknown store {store!r} (use {' or '.join(STORES)})")
