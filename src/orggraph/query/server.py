"""A real SPARQL server: upload a graph to one, or start Oxigraph's on this machine.

``push`` speaks the SPARQL 1.1 Graph Store HTTP Protocol, so it works with any
store that implements it (Oxigraph, Jena Fuseki, GraphDB, Virtuoso).  ``serve``
runs the Oxigraph server from the ``oxigraph`` package, read-only, on the
loopback interface, behind a front door that refuses what a read-only local
endpoint should never do (answer other host names, call other endpoints).
"""

from __future__ import annotations

import errno
import http.client
import http.server
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from ..errors import OrgGraphError, QueryError
from . import sparql_text
from .backends import ANSWERS, KEPT_MEDIA, EndpointBackend, OxigraphBackend, kept_answer, kept_results

__all__ = ["free_port", "oxigraph_binary", "push_graph", "read_only_server", "wait_until_up"]


def oxigraph_binary() -> str:
    """Path of the ``oxigraph`` server program installed beside this Python."""
    beside = Path(sys.executable).parent / "oxigraph"
    if beside.is_file():
        return str(beside)
    found = shutil.which("oxigraph")
    if found is None:
        raise OrgGraphError("the Oxigraph server is not installed (pip install oxigraph)")
    return found


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def wait_until_up(url: str, timeout: float = 20.0, alive: Callable[[], bool] | None = None) -> None:
    """Poll a SPARQL endpoint until it answers ASK {} or ``timeout`` passes
    (or, when given, ``alive()`` says the server's process has ended)."""
    deadline = time.monotonic() + timeout
    backend = EndpointBackend(url, timeout=2.0)
    while True:
        try:
            backend.run("ASK {}")
            return
        except QueryError:
            if time.monotonic() > deadline or (alive is not None and not alive()):
                raise
            time.sleep(0.1)


def push_graph(
    graphs: Sequence[Path],
    endpoint: str,
    *,
    graph_iri: str | None = None,
    append: bool = False,
    fmt: str | None = None,
    timeout: float = 30.0,
) -> tuple[int, int]:
    """Upload ``graphs`` to a Graph Store Protocol endpoint; return (triples, graphs written).

    The files are parsed here first (a broken file is never sent).  Each named
    graph of an N-Quads or TriG dataset goes to the graph of the same name, and
    the default graph's triples to the default graph, one request per graph; with
    ``graph_iri`` everything goes into that one graph instead.  PUT replaces
    each target graph; with ``append`` POST adds to it.
    """
    import pyoxigraph as ox

    local = OxigraphBackend(list(graphs), fmt)
    targets: dict[str | None, list[ox.Triple]] = {}
    count = 0
    for quad in local.store:
        name = (
            graph_iri
            if graph_iri
            else (None if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value)
        )
        targets.setdefault(name, []).append(quad.triple)
        count += 1
    if not targets:
        targets[graph_iri] = []  # an empty graph still replaces (PUT) or creates its target
    server = EndpointBackend(endpoint, timeout)
    separator = "&" if "?" in endpoint else "?"
    for name in sorted(targets, key=lambda n: (n is not None, n or "")):
        payload = ox.serialize(targets[name], format=ox.RdfFormat.N_TRIPLES)
        assert isinstance(payload, bytes)
        query = urllib.parse.urlencode({"graph": name}) if name else "default"
        url = f"{endpoint}{separator}{query}"
        server.request(
            payload, {"Content-Type": "application/n-triples"}, method="POST" if append else "PUT", url=url
        )
        _verify(server, url, len(targets[name]), exact=not append, name=name)
    return count, len(targets)


def _verify(server: EndpointBackend, url: str, sent: int, *, exact: bool, name: str | None) -> None:
    """Read the graph back (GET, as the protocol allows) and check the server holds what was sent:
    a server that answers 200 and keeps nothing is caught here, not reported as a success."""
    import pyoxigraph as ox

    where = f"graph <{name}>" if name else "the default graph"
    body = server.request(b"", {"Accept": "application/n-triples"}, method="GET", url=url)
    try:
        held = sum(1 for _ in ox.parse(body, format=ox.RdfFormat.N_TRIPLES))
    except SyntaxError:
        raise QueryError(
            f"{url}: the server accepted the upload but sends back no N-Triples for {where}"
        ) from None
    if held < sent or (exact and held != sent):
        raise QueryError(
            f"{url}: the server accepted the upload but {where} holds {held} of the {sent} triples sent"
        )


def _die_with_parent(parent: int) -> Callable[[], None]:
    """For a child process: ask Linux to stop it (SIGTERM) when ``parent`` dies, even by SIGKILL."""

    def arrange() -> None:
        try:
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
        except (OSError, AttributeError):  # not Linux: the parent's own clean-up is all there is
            return
        if os.getppid() != parent:  # the parent died before the request took effect
            os._exit(1)

    return arrange


_OWNER = "owner.pid"


def _remove_stale_stores() -> None:
    """Remove store folders of earlier ``serve`` runs whose process was killed (SIGKILL skips clean-up)."""
    for folder in Path(tempfile.gettempdir()).glob("orggraph-serve-*"):
        try:
            pid = int((folder / _OWNER).read_text(encoding="ascii"))
            os.kill(pid, 0)
        except ProcessLookupError:
            shutil.rmtree(folder, ignore_errors=True)
        except (OSError, ValueError):  # another user's, or still being set up: leave it
            continue


MAX_REQUEST = 16 * 1024 * 1024  # bytes of a query request; SPARQL texts are far smaller


def _queries_in(path: str, content_type: str, body: bytes) -> list[str]:
    """The SPARQL texts a request carries: ?query= in the URL, a form field, or the body itself."""
    texts = urllib.parse.parse_qs(urllib.parse.urlsplit(path).query).get("query", [])
    kind = content_type.split(";")[0].strip().lower()
    if kind == "application/x-www-form-urlencoded":
        texts += urllib.parse.parse_qs(body.decode("utf-8", "replace")).get("query", [])
    elif kind == "application/sparql-query":
        texts.append(body.decode("utf-8", "replace"))
    return texts


class _FrontDoor(http.server.BaseHTTPRequestHandler):
    """Checks each request, then hands it to the Oxigraph server behind.

    Refused here: requests addressed to another host name (a web page cannot reach
    the endpoint through a name that resolves to 127.0.0.1), queries that call
    other endpoints (SERVICE), and oversized requests.
    """

    server: _Front
    protocol_version = "HTTP/1.0"  # one request per connection: answers stream through unbuffered

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - the base class's name
        return  # quiet: the terminal shows the URL and the curl line, not every request

    def _refuse(self, status: int, message: str) -> None:
        data = (message + "\n").encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/plain; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _pass(self) -> None:
        host = (self.headers.get("Host") or "").strip().lower()
        if host not in self.server.hosts:
            self._refuse(403, f"this endpoint answers only requests addressed to {self.server.hosts[0]}")
            return
        try:
            length = int(self.headers.get("Content-Length") or 0)
        except ValueError:
            length = -1
        if length < 0 or length > MAX_REQUEST:
            self._refuse(413 if length > 0 else 400, "the request's length is missing or too large")
            return
        body = self.rfile.read(length) if length else b""
        queries = _queries_in(self.path, self.headers.get("Content-Type", ""), body)
        if any(sparql_text.uses_service(q) for q in queries):
            self._refuse(403, "this read-only endpoint does not call other endpoints (SERVICE)")
            return
        if self.server.kept is not None and len(queries) == 1 and self._answer_kept(queries[0]):
            return
        headers = {
            k: v for k, v in self.headers.items() if k.lower() not in ("host", "connection", "keep-alive")
        }
        inner = http.client.HTTPConnection("127.0.0.1", self.server.inner_port, timeout=None)
        try:
            inner.request(self.command, self.path, body=body or None, headers=headers)
            answer = inner.getresponse()
            self.send_response(answer.status, answer.reason)
            for key, value in answer.getheaders():
                if key.lower() not in ("connection", "transfer-encoding", "keep-alive", "server", "date"):
                    self.send_header(key, value)
            self.end_headers()
            if self.command != "HEAD":
                shutil.copyfileobj(answer, self.wfile, 1 << 16)
        except (OSError, http.client.HTTPException):
            return  # the client hung up, or the server behind stopped: nothing to answer to
        finally:
            inner.close()

    def _answer_kept(self, query: str) -> bool:
        """Answer from the store's kept answers, if it keeps this one and the client takes
        either the kept form (this package's client) or SPARQL JSON; else leave it to the server."""
        assert self.server.kept is not None
        accept = [
            part.split(";")[0].strip().lower() for part in (self.headers.get("Accept") or "*/*").split(",")
        ]
        json_ok = {"application/sparql-results+json", "application/json", "*/*"} & set(accept)
        if KEPT_MEDIA not in accept and not json_ok:
            return False
        text = kept_answer(self.server.kept.parent, query)
        if text is None:
            return False
        if KEPT_MEDIA in accept:
            kind, data = KEPT_MEDIA, text.encode("utf-8")
        else:
            from .formats import render

            results = kept_results(text)
            if results is None or results.turtle is not None:
                return False
            kind, data = "application/sparql-results+json", render(results, "json").encode("utf-8")
        try:
            self.send_response(200)
            self.send_header("Content-Type", f"{kind}; charset=utf-8")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(data)
        except OSError:
            pass  # the client hung up
        return True

    do_GET = do_POST = do_HEAD = _pass

    def do_PUT(self) -> None:
        self._refuse(403, "the server is read-only")

    do_DELETE = do_PATCH = do_PUT


class _Front(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, port: int, inner_port: int, kept: Path | None = None) -> None:
        super().__init__(("127.0.0.1", port), _FrontDoor)
        self.port = self.server_address[1]
        self.inner_port = inner_port
        self.kept = kept  # the served store's kept answers
        self.hosts = [f"127.0.0.1:{self.port}", f"localhost:{self.port}"]


_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def _triples(backend: EndpointBackend | OxigraphBackend) -> str:
    """How many triples the backend's default graph (the union of its graphs) holds."""
    return str(backend.run(_COUNT).values("n")[0])


@contextmanager
def read_only_server(
    graphs: Sequence[Path],
    port: int,
    *,
    fmt: str | None = None,
    timeout: float | None = None,
    store_dir: Path | None = None,
) -> Iterator[str]:
    """Serve ``graphs`` read-only on 127.0.0.1:``port`` (0: any free port); ``timeout`` limits
    each query, in seconds.

    Without ``store_dir`` the graphs are loaded into a temporary Oxigraph store, removed on
    exit.  With it, the store kept there (made from ``graphs`` if it does not hold them, as
    ``--store-dir`` does for every command) is served as it is, and the front door answers
    the questions whose answers the store keeps without asking the server.

    The Oxigraph server listens on a private port behind a front door of ours on
    ``port`` that refuses other host names and SERVICE (see :class:`_FrontDoor`).
    Yields the query endpoint's URL; stops the server on exit.  The server stops when
    this process dies, even by SIGKILL (on Linux).
    """
    # Parse (or open) first: a broken file fails here, with its name.
    local = OxigraphBackend(list(graphs), fmt, store_dir)
    program = oxigraph_binary()
    kept = Path(store_dir) / ANSWERS if store_dir is not None else None
    try:
        front = _Front(port, free_port(), kept if kept is not None and kept.is_dir() else None)
    except OSError as exc:
        reason = "in use by another program" if exc.errno == errno.EADDRINUSE else exc.strerror
        raise OrgGraphError(
            f"port {port} on 127.0.0.1 is {reason}; choose another --port (0: any free one)"
        ) from None
    _remove_stale_stores()
    with front, tempfile.TemporaryDirectory(prefix="orggraph-serve-") as folder:
        (Path(folder) / _OWNER).write_text(str(os.getpid()), encoding="ascii")
        store = Path(store_dir) if store_dir is not None else Path(folder) / "store"
        if store_dir is None:
            load = [program, "load", "--location", str(store), "--file", *[str(p) for p in graphs]]
            if fmt:
                load += ["--format", {"turtle": "ttl", "nt": "nt", "nquads": "nq", "trig": "trig"}[fmt]]
            done = subprocess.run(load, capture_output=True, text=True)
            if done.returncode != 0:
                raise OrgGraphError(
                    f"oxigraph could not load the graph: {done.stderr.strip().splitlines()[-1:]}"
                )
        command = [program, "serve-read-only", "--location", str(store)]
        command += ["--bind", f"127.0.0.1:{front.inner_port}", "--union-default-graph"]
        if timeout is not None:
            command += ["--timeout-s", str(max(1, round(timeout)))]
        server = subprocess.Popen(
            # Each plan of a dataset is a named graph; queries see them all, as in process.
            command,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=_die_with_parent(os.getpid()),
        )
        inner = f"http://127.0.0.1:{front.inner_port}/query"
        try:
            try:
                wait_until_up(inner, alive=lambda: server.poll() is None)
                # The answer must come from our server, not one that took the private port first.
                if server.poll() is not None or _triples(EndpointBackend(inner, 60.0)) != _triples(local):
                    raise QueryError("another server answered on its port")
            except QueryError as exc:
                server.terminate()
                detail = (server.stderr.read() if server.stderr else "").strip().splitlines()
                reason = detail[-1] if detail and server.poll() is not None else str(exc)
                raise OrgGraphError(f"the Oxigraph server did not start ({reason})") from None
            thread = threading.Thread(target=front.serve_forever, name="orggraph-serve", daemon=True)
            thread.start()
            try:
                yield f"http://127.0.0.1:{front.port}/query"
            finally:
                front.shutdown()
        finally:
            if server.poll() is None:
                server.terminate()
                try:
                    server.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    server.kill()
                    server.wait()
            if server.stderr is not None:
                server.stderr.close()
