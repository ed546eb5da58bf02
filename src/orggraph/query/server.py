"""A real SPARQL server: upload a graph to one, or start Oxigraph's on this machine.

``push`` speaks the SPARQL 1.1 Graph Store HTTP Protocol, so it works with any
store that implements it (Oxigraph, Jena Fuseki, GraphDB, Virtuoso).  ``serve``
runs the Oxigraph server from the ``oxigraph`` package, read-only, on the
loopback interface.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from ..errors import OrgGraphError, QueryError
from .backends import EndpointBackend, OxigraphBackend

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


def wait_until_up(url: str, timeout: float = 20.0) -> None:
    """Poll a SPARQL endpoint until it answers ASK {} or ``timeout`` passes."""
    deadline = time.monotonic() + timeout
    backend = EndpointBackend(url, timeout=2.0)
    while True:
        try:
            backend.run("ASK {}")
            return
        except QueryError:
            if time.monotonic() > deadline:
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
        server.request(
            payload,
            {"Content-Type": "application/n-triples"},
            method="POST" if append else "PUT",
            url=f"{endpoint}{separator}{query}",
        )
    return count, len(targets)


@contextmanager
def read_only_server(graphs: Sequence[Path], port: int, *, fmt: str | None = None) -> Iterator[str]:
    """Load ``graphs`` into a temporary Oxigraph store and serve it read-only on 127.0.0.1.

    Yields the query endpoint's URL; stops the server and removes the store on exit.
    """
    OxigraphBackend(list(graphs), fmt)  # parse first: a broken file fails here, with its name
    program = oxigraph_binary()
    with tempfile.TemporaryDirectory(prefix="orggraph-serve-") as folder:
        load = [program, "load", "--location", folder, "--file", *[str(p) for p in graphs]]
        if fmt:
            load += ["--format", {"turtle": "ttl", "nt": "nt", "nquads": "nq", "trig": "trig"}[fmt]]
        done = subprocess.run(load, capture_output=True, text=True)
        if done.returncode != 0:
            raise OrgGraphError(f"oxigraph could not load the graph: {done.stderr.strip().splitlines()[-1:]}")
        server = subprocess.Popen(
            # Each plan of a dataset is a named graph; queries see them all, as in process.
            [
                program,
                "serve-read-only",
                "--location",
                folder,
                "--bind",
                f"127.0.0.1:{port}",
                "--union-default-graph",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        url = f"http://127.0.0.1:{port}/query"
        try:
            try:
                wait_until_up(url)
            except QueryError:
                server.terminate()
                detail = (server.stderr.read() if server.stderr else "").strip().splitlines()
                reason = detail[-1] if detail else "it did not answer"
                raise OrgGraphError(f"the Oxigraph server did not start on port {port} ({reason})") from None
            yield url
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
