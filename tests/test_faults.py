"""Queries and servers under faults: runaway and hostile queries, busy ports, killed
servers, dead and lying endpoints (issue "Hardening", defects 5, 11, 14, 15, 16, 23, 25)."""

from __future__ import annotations

import contextlib
import http.server
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from orggraph.cli import main

ROOT = Path(__file__).parent.parent
GRAPH = str(ROOT / "data" / "kh168.ttl")
# Every triple with every triple with every triple: 2,255³ rows, far longer than any test waits.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


class _Listener:
    """A TCP port that records whether anything connected to it (and never answers)."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen()
        self.sock.settimeout(0.5)
        self.port = self.sock.getsockname()[1]
        self.connected = False

    def __enter__(self) -> _Listener:
        return self

    def __exit__(self, *exc: object) -> None:
        try:
            conn, _ = self.sock.accept()
            conn.close()
            self.connected = True
        except TimeoutError:
            pass
        self.sock.close()


def test_an_update_is_refused_saying_so() -> None:
    for store in ("oxigraph", "rdflib"):
        result = CliRunner().invoke(
            main, ["query", "-g", GRAPH, "--store", store, "-e", "DELETE WHERE { ?s ?p ?o }"]
        )
        assert result.exit_code == 2 and "SPARQL update" in result.output, result.output
        assert "expected CONSTRUCT" not in result.output


def test_lang_is_bound_in_the_where_clause_never_inside_a_string() -> None:
    text = (
        'SELECT ?x ?l { BIND("WHERE {" AS ?x) '
        "<https://w3id.org/orggraph/id/body/tuyen-quang/van-phong-tinh-uy> skos:prefLabel ?l "
        "FILTER(lang(?l) = ?lang) }"
    )
    for lang, label in (("en", "Office of the Provincial Party Committee"), ("vi", "Văn phòng Tỉnh ủy")):
        result = CliRunner().invoke(main, ["query", "-g", GRAPH, "--lang", lang, "-f", "csv", "-e", text])
        assert result.exit_code == 0, result.output
        assert result.output.splitlines() == ["x,l", f"WHERE {{,{label}"]


def test_service_calls_nothing_unless_allowed() -> None:
    with _Listener() as listener:
        text = f"SELECT * WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/sparql> {{ ?s ?p ?o }} }}"
        result = CliRunner().invoke(main, ["query", "-g", GRAPH, "-e", text])
        assert result.exit_code == 2 and "--allow-service" in result.output
    assert not listener.connected
    # A SERVICE keyword inside an IRI or a string is not a call.
    quoted = 'SELECT ?l WHERE { ?b skos:prefLabel ?l FILTER(?l = "SERVICE <http://x/>") }'
    assert CliRunner().invoke(main, ["query", "-g", GRAPH, "-e", quoted]).exit_code == 0


def _orggraph(*args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "orggraph", *args],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        # SIGINT as a terminal delivers it, whatever the test runner's own handling.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


@contextmanager
def _stopped_at_the_end(process: subprocess.Popen[str]) -> Iterator[subprocess.Popen[str]]:
    """The process, killed when the test ends however it ends (a runaway query must not outlive it)."""
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:  # its children hold its output open: stop its group
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.communicate(timeout=30)


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_a_local_query_stops_at_its_time_limit(store: str) -> None:
    with _stopped_at_the_end(
        _orggraph("query", "-g", GRAPH, "--store", store, "--timeout", "1", "-e", RUNAWAY)
    ) as process:
        _, err = process.communicate(timeout=60)
    assert process.returncode == 2 and "did not finish within 1 s (--timeout)" in err, err


@pytest.mark.parametrize("store", ["oxigraph", "rdflib"])
def test_ctrl_c_stops_a_running_query(store: str) -> None:
    with _stopped_at_the_end(
        _orggraph("query", "-g", GRAPH, "--store", store, "--timeout", "600", "-e", RUNAWAY)
    ) as process:
        time.sleep(3)  # loaded and answering: the engine is in native code (or rdflib's loop)
        assert process.poll() is None
        process.send_signal(signal.SIGINT)
        _, err = process.communicate(timeout=30)  # without the fix: the whole query, minutes
    assert process.returncode == 130 and err.strip() == "Interrupted.", err


@contextmanager
def _serving(*args: str) -> Iterator[tuple[subprocess.Popen[str], str]]:
    process = _orggraph("serve", *args)
    try:
        assert process.stdout is not None
        line = process.stdout.readline()
        found = re.match(r"SPARQL endpoint: (http://127\.0\.0\.1:(\d+)/query)", line)
        assert found, line + (process.stderr.read() if process.stderr else "")
        yield process, found.group(1)
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate()


def _ask(url: str, query: str, host: str | None = None) -> tuple[int, str]:
    data = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    if host is not None:
        request.add_unredirected_header("Host", host)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode()


def test_the_served_endpoint_refuses_service_other_hosts_and_a_busy_port() -> None:
    with _serving("--port", "0") as (_, url):
        port = urllib.parse.urlsplit(url).port
        assert _ask(url, "ASK { ?s ?p ?o }") == (200, '{"head":{},"boolean":true}')
        assert _ask(url.replace("127.0.0.1", "localhost"), "ASK {}")[0] == 200
        with _Listener() as listener:
            status, text = _ask(
                url, f"SELECT * {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?s ?p ?o }} }}"
            )
            assert status == 403 and "SERVICE" in text
        assert not listener.connected
        # A page on another site whose name resolves to 127.0.0.1 (DNS rebinding) is not answered.
        status, text = _ask(url, "ASK {}", host=f"attacker.example:{port}")
        assert status == 403
        # A second server on the same port: refused at once, the first one untouched.
        second = _orggraph("serve", "--port", str(port))
        _, err = second.communicate(timeout=60)
        assert second.returncode == 2 and f"port {port} on 127.0.0.1 is in use" in err, err
        assert _ask(url, "ASK { ?s ?p ?o }")[0] == 200


def _children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found |= {int(c) for c in (task / "children").read_text().split()}
    return found


def _running(pid: int) -> bool:
    """A process that exists and is not a zombie (an orphan's zombie waits for init to reap it)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_killing_serve_stops_its_oxigraph_server() -> None:
    with _serving("--port", "0") as (process, _):
        (child,) = _children(process.pid)
        assert _running(child)
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
        deadline = time.monotonic() + 20
        while _running(child) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not _running(child)


class _Liar(http.server.BaseHTTPRequestHandler):
    """A server that says yes to every upload and keeps nothing."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return

    def do_PUT(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "application/n-triples")
        self.send_header("Content-Length", "0")
        self.end_headers()


def test_push_to_a_server_that_keeps_nothing_is_an_error() -> None:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Liar)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        endpoint = f"http://127.0.0.1:{server.server_address[1]}/store"
        result = CliRunner().invoke(main, ["push", "-g", GRAPH, "--endpoint", endpoint])
    finally:
        server.shutdown()
        server.server_close()
    assert result.exit_code == 2, result.output
    assert "accepted the upload but the default graph holds 0 of the 2255 triples sent" in result.output


def test_a_terminated_build_leaves_no_temporary_file_and_a_killed_one_is_swept(tmp_path: Path) -> None:
    output = tmp_path / "out.ttl"
    # SIGKILL allows no clean-up: what it leaves (the name of a process that no longer runs) …
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True
    )
    leftover = tmp_path / f".out.ttl.{dead.stdout.strip()}.abc123.tmp"
    leftover.write_text("half", encoding="utf-8")
    half_site = tmp_path / f".site.part-{dead.stdout.strip()}"
    (half_site / "views").mkdir(parents=True)
    # … is removed by the next write of the same output.
    result = CliRunner().invoke(main, ["build", str(ROOT / "data" / "kh168.txt"), "-o", str(output), "-q"])
    assert result.exit_code == 0 and not leftover.exists()
    assert CliRunner().invoke(main, ["render", "-o", str(tmp_path / "site")]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl", "site"]
    # SIGTERM during a build: the temporary file goes with it.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(40):
        (corpus / f"plan-{index}.txt").write_text(
            (ROOT / "data" / "kh168.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
    process = _orggraph("build", str(corpus), "-o", str(tmp_path / "all.nq"), "-q")
    deadline = time.monotonic() + 30
    while not list(tmp_path.glob(".all.nq.*.tmp")) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert list(tmp_path.glob(".all.nq.*.tmp")) and process.poll() is None  # writing, half-way
    process.send_signal(signal.SIGTERM)
    _, err = process.communicate(timeout=60)
    assert process.returncode == 143 and "Terminated." in err, err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus", "out.ttl", "site"]


def test_ctrl_c_stops_a_parallel_build_and_its_workers(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group (the build and its two workers): exit 130, one
    line, no worker left running, no output and no temporary file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for index in range(60):
        (corpus / f"plan-{index}.txt").write_text(
            (ROOT / "data" / "kh168.txt").read_text(encoding="utf-8"), encoding="utf-8"
        )
    output = tmp_path / "all.nq"
    process = subprocess.Popen(
        [sys.executable, "-m", "orggraph", "build", str(corpus), "-o", str(output), "-q", "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own process group, as a terminal's foreground job
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    with _stopped_at_the_end(process):
        deadline = time.monotonic() + 30
        while not list(tmp_path.glob(".all.nq.*.tmp")) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert list(tmp_path.glob(".all.nq.*.tmp")) and process.poll() is None  # writing, half-way
        os.killpg(process.pid, signal.SIGINT)
        _, err = process.communicate(timeout=60)
    assert process.returncode == 130 and err.strip() == "Interrupted.", err
    workers = subprocess.run(["pgrep", "-f", str(output)], capture_output=True, text=True).stdout.split()
    assert workers == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["corpus"]


def _limited(limit: int):  # type: ignore[no-untyped-def]
    """For a child process: files may grow to ``limit`` bytes, as on a nearly full disk."""
    import resource

    def arrange() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails (EFBIG) instead
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return arrange


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_full_disk_is_one_line_and_loses_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out.ttl"
    out.write_text("the old graph\n", encoding="utf-8")
    assert CliRunner().invoke(main, ["render", "-o", str(tmp_path / "site")]).exit_code == 0
    site_before = _files(tmp_path / "site")
    for args in (
        ["build", str(ROOT / "data" / "kh168.txt"), "-o", str(out), "-q"],
        ["render", "-o", str(tmp_path / "site")],
        ["export", "-f", "matrix-xlsx", "-o", str(tmp_path / "m.xlsx")],
    ):
        done = subprocess.run(
            [sys.executable, "-m", "orggraph", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            preexec_fn=_limited(20_000),
        )
        assert done.returncode == 2, (args, done.stderr)
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith("Error: ") and "File too large" in lines[0], lines
    assert out.read_text(encoding="utf-8") == "the old graph\n"
    assert _files(tmp_path / "site") == site_before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl", "site"]  # no temporary left


def test_a_render_killed_half_way_leaves_the_old_site_and_the_next_one_sweeps_up(tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert CliRunner().invoke(main, ["render", "-g", GRAPH, "-o", str(site)]).exit_code == 0
    before = _files(site)
    process = _orggraph("render", "-g", GRAPH, "-o", str(site))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not list(tmp_path.glob(".site.part-*/exports")):
        time.sleep(0.01)
    assert process.poll() is None and list(tmp_path.glob(".site.part-*")), "render finished too soon"
    process.kill()  # SIGKILL: no clean-up at all
    process.communicate()
    assert _files(site) == before  # the old site, whole
    assert list(tmp_path.glob(".site.part-*"))  # and what the kill left …
    assert CliRunner().invoke(main, ["render", "-g", GRAPH, "-o", str(site)]).exit_code == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # … swept by the next render
