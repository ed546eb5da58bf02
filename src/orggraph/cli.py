"""The ``orggraph`` command line: each command parses options, calls one function, prints.

Errors from the library (:class:`orggraph.errors.OrgGraphError`) become one line
``Error: …`` on stderr and the error's exit code (2 for bad input or usage);
findings such as SHACL violations exit 1.  Library modules are imported inside
the commands so ``orggraph --help`` starts fast.
"""

from __future__ import annotations

import datetime as dt
import functools
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

import click

from .errors import OrgGraphError
from .registry import GRAPH_FORMATS, NETWORK_FORMATS, NETWORKS, RESULT_FORMATS, TABLE_FORMATS

__all__ = ["main"]

F = TypeVar("F", bound=Callable[..., Any])
DEFAULT_GRAPH = Path("data/kh168.ttl")

_input_format = click.option(
    "--input-format",
    type=click.Choice(GRAPH_FORMATS),
    help="Format of the graph files, when their extension does not say.",
)


def _graph_files(verb: str) -> Callable[[F], F]:
    """-g/--graph (repeatable, default the bundled plan's graph) and --input-format."""

    def decorate(function: F) -> F:
        function = _input_format(function)
        return click.option(
            "-g",
            "--graph",
            "graphs",
            multiple=True,
            type=click.Path(path_type=Path),
            help=f"Graph file to {verb} (repeatable; default {DEFAULT_GRAPH}): .ttl, .nt, .nq or .trig.",
        )(function)

    return decorate


_plan_option = click.option(
    "--plan",
    "plans",
    multiple=True,
    metavar="PLAN",
    help="Only this plan (repeatable): its IRI, the end of it (tuyen-quang/168-kh-tu-2018) or its number.",
)


class _Fraction(click.FloatRange):
    """A number from 0 to 1 ("nan" is not one)."""

    name = "fraction"

    def __init__(self) -> None:
        super().__init__(0, 1)

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if number != number:  # NaN
            self.fail(f"{value!r} is not a number from 0 to 1", param, ctx)
        return number


class _Url(click.ParamType):  # type: ignore[type-arg]  # generic only from click 8.2
    """An http(s) URL, checked before any request ("http://[::1/query" is refused here)."""

    name = "url"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        from urllib.parse import urlsplit

        try:
            parts = urlsplit(str(value))
            parts.port  # noqa: B018 - raises ValueError for a bad port
        except ValueError as exc:
            self.fail(f"{value!r} is not a URL ({exc})", param, ctx)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            self.fail(f"{value!r} is not an http(s) URL", param, ctx)
        return str(value)


def _on_main_thread() -> bool:
    """Whether this is the main thread (only it may set signal handlers; tests call from others)."""
    import threading

    return threading.current_thread() is threading.main_thread()


class _Terminated(BaseException):
    """SIGTERM, raised where the program is so every output being written is cleaned up."""


def _terminate(signum: int, frame: object) -> None:
    raise _Terminated


class _Group(click.Group):
    """A command group that turns orggraph errors into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        import signal

        # `kill`, a service manager, a CI timeout: stop as cleanly as Ctrl-C, removing
        # half-written temporary files, instead of dying where we stand.
        previous = signal.signal(signal.SIGTERM, _terminate) if _on_main_thread() else None
        try:
            return super().invoke(ctx)
        except _Terminated:
            click.echo("Terminated.", err=True)
            ctx.exit(143)  # 128 + SIGTERM, as a shell reports it
        except OrgGraphError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)
        except BrokenPipeError:
            ctx.exit(0)  # "orggraph query … | head": the reader has what it wanted
        except KeyboardInterrupt:
            click.echo("Interrupted.", err=True)
            ctx.exit(130)  # what a shell reports for a command stopped by Ctrl-C
        except OSError as exc:
            # A full disk, a read-only or missing folder, a path through a file: one line, exit 2.
            where = f"{exc.filename}: " if exc.filename else ""
            click.echo(f"Error: {where}{exc.strerror or exc}", err=True)
            # A library's half-written stream (openpyxl's sheet writer) fails again as it is
            # finalised; the error is told already, so its "Exception ignored" trace is not.
            sys.unraisablehook = lambda unraisable: None
            ctx.exit(2)
        finally:
            if previous is not None:
                signal.signal(signal.SIGTERM, previous)


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="orggraph", prog_name="orggraph")
def main() -> None:
    """orggraph: the knowledge graph of responsibilities in a government plan.

    Reads a Vietnamese plan (kế hoạch), finds which body must do what, who leads
    (chủ trì), who coordinates (phối hợp) and by when, and writes it as RDF.

    Example: orggraph build data/kh168.txt -o data/kh168.ttl
    """


@main.command()
@click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path),
    help="Graph file to write: .ttl, .nt, .nq or .trig (N-Quads and TriG put each plan in its own named graph).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(GRAPH_FORMATS),
    help="Output format, when the extension does not say.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
@click.option(
    "--report",
    "report_path",
    type=click.Path(path_type=Path),
    help="Write the reading report (what could not be read, with lines): .json, else Markdown.",
)
@click.option(
    "--text-out",
    "text_out",
    type=click.Path(path_type=Path),
    help="Write the text the reader read (offsets point into it): a file for one plan, a folder for several.",
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="Worker processes reading plans (default: every core). The output is the same for any number.",
)
@click.option(
    "--store-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Also put the output into the store kept here: made if new; else each plan replaces its "
    "own graph there and the rest stays (nothing reloaded).",
)
def build(
    sources: tuple[Path, ...],
    output: Path,
    fmt: str | None,
    quiet: bool,
    report_path: Path | None,
    text_out: Path | None,
    jobs: int | None,
    store_dir: Path | None,
) -> None:
    """Extract plans (.txt, .md, .html, .docx, .pdf files, or folders of them) into one RDF
    dataset, and print what was found.

    Unknown body names are reported as warnings with their line.  The output is
    written only when every source was read; an existing file is replaced whole.
    Many plans: a progress bar on a terminal, one summary line per plan.

    Example: orggraph build data/kh168.txt -o data/kh168.ttl
    """
    import sys

    from .pipeline import build_graph_file, plan_sources

    paths = plan_sources(list(sources))
    count = len(paths)
    show_bar = count > 1 and not quiet and sys.stderr.isatty()
    texts = _TextWriter(text_out, paths) if text_out is not None else None

    def written(result: Any) -> None:
        # Each plan as it is written: its warnings now, its text (--text-out) now; nothing is kept.
        bar.update(1)
        for warning in result.warnings:
            click.echo(f"warning: {result.source_name}: {warning}", err=True)
        if texts is not None and result.text is not None:
            texts.write(result.text)

    with click.progressbar(length=count, label="extracting", file=sys.stderr, hidden=not show_bar) as bar:
        built = build_graph_file(
            list(sources),
            output,
            fmt=fmt,
            jobs=jobs,
            progress=written,
            keep_texts=text_out is not None,
            report=report_path is not None,
        )
    if report_path is not None and built.reports is not None:
        from .files import atomic_write
        from .read.report import report_json, report_markdown

        reports = built.reports
        text = report_json(reports) if report_path.suffix.lower() == ".json" else report_markdown(reports)
        atomic_write(report_path, text)
    stored = _into_store(store_dir, output, fmt) if store_dir is not None else ""
    if quiet:
        return
    if built.summaries:
        for summary in built.summaries:
            click.echo(summary)
    else:
        click.echo(f"{built.plans} plans, {built.tasks} tasks; {built.warned} plan(s) with warnings")
    click.echo(f"wrote {output} ({built.triples} triples)")
    if stored:
        click.echo(stored)


def _into_store(folder: Path, output: Path, fmt: str | None) -> str:
    """Put a built graph into the store kept in ``folder``; say what was done."""
    from .query.backends import MANIFEST, OxigraphBackend

    if not (folder / MANIFEST).is_file():
        OxigraphBackend([output], fmt, folder)
        return f"made the store {folder} from {output}"
    replaced = OxigraphBackend([], None, folder).add([output], fmt)
    again = f"; {len(replaced)} plan(s) it held replaced" if replaced else ""
    return f"added {output} to the store {folder}{again}"


class _TextWriter:
    """--text-out: the texts as read, into the file given for one plan, else ``<name>.txt`` each
    in the folder given, written as the plans come."""

    def __init__(self, target: Path, paths: list[Path]) -> None:
        self.target = target
        self.names = iter(paths)
        self.single = len(paths) == 1 and not target.is_dir()
        if not self.single:
            target.mkdir(parents=True, exist_ok=True)

    def write(self, text: str) -> None:
        from .files import atomic_write

        path = next(self.names)
        atomic_write(self.target if self.single else self.target / f"{path.stem}.txt", text)


@main.command()
@click.option(
    "--plans", "count", type=click.IntRange(min=1), default=10, show_default=True, help="How many plans."
)
@click.option(
    "--seed", type=int, default=0, show_default=True, help="Random seed: the same seed, the same corpus."
)
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path, file_okay=False), help="Folder to write."
)
@click.option(
    "--evaluate",
    is_flag=True,
    help="Then extract the corpus and print precision and recall against its truth.",
)
def synth(count: int, seed: int, output: Path, evaluate: bool) -> None:
    """Write a corpus of synthetic plans of the genre, each with the truth it encodes.

    Each plan-NNNNN.txt (a province's or a district's plan: numbered body
    sections, dash and "+" bullets, lead and partner phrases, the glossary's time
    phrases, both tone-mark styles, abbreviations, generated communes) has a
    plan-NNNNN.truth.json beside it: its tasks, roles and timeframes.  For
    benchmarks and for measuring the extractor.

    Example: orggraph synth --plans 100 --seed 42 -o /tmp/corpus --evaluate
    """
    import sys

    from .synth import evaluate_extraction, synth_corpus

    if output.exists() and not output.is_dir():
        from .errors import UsageError

        raise UsageError(f"{output}: is a file; give a folder")
    show_bar = sys.stderr.isatty()
    with click.progressbar(length=count, label="writing", file=sys.stderr, hidden=not show_bar) as bar:
        texts = synth_corpus(count, seed, output, progress=lambda: bar.update(1))
    click.echo(f"wrote {len(texts)} plans and their truth to {output}")
    if evaluate:
        score = evaluate_extraction(texts)
        click.echo(
            f"extraction against the truth: precision {score.precision:.4f} ({score.right}/{score.found}), "
            f"recall {score.recall:.4f} ({score.right}/{score.facts}) over {score.plans} plans"
        )
        for mistake in score.mistakes[:20]:
            click.echo(f"  {mistake}")


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
@_input_format
def validate(graph_file: Path, input_format: str | None) -> None:
    """Check a graph against the SHACL shapes; exit 1 when it has violations.

    Each violation is printed in Vietnamese and English.  Exit codes: 0 the graph
    conforms, 1 it has violations, 2 it cannot be read.

    Example: orggraph validate data/kh168.ttl
    """
    from .ontology import ID, PREFIXES
    from .store import load_graph
    from .validate import validate_graph

    graph = load_graph(graph_file, input_format)
    from rdflib import RDF

    from .ontology import OG

    if (None, RDF.type, OG.Plan) not in graph:
        raise OrgGraphError(f"{graph_file}: holds no plan (no og:Plan): nothing to validate")
    report = validate_graph(graph)
    short = {str(ns): prefix for prefix, ns in PREFIXES.items()}
    short[str(ID)] = "id"
    notes = [v for v in report.violations if v.severity == "Info"]
    cautions = [v for v in report.violations if v.severity == "Warning"]
    violations = [v for v in report.violations if v.severity not in ("Info", "Warning")]
    for note in notes:
        click.echo(f"info: {note.describe(short)}")
    for caution in cautions:
        click.echo(f"warning: {caution.describe(short)}")
    if report.conforms:
        extra = "".join(
            f"; {count} {what}"
            for count, what in (
                (len(notes), "provisional body(ies) to confirm"),
                (len(cautions), "warning(s)"),
            )
            if count
        )
        click.echo(f"{graph_file}: conforms to the shapes ({len(graph)} triples{extra})")
        return
    for violation in violations:
        click.echo(violation.describe(short))
    click.echo(f"{graph_file}: {len(violations)} violation(s)", err=True)
    raise SystemExit(1)


@main.command()
@click.option(
    "-o",
    "--output",
    default=Path("graph"),
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder to write ontology.ttl and shapes.ttl into.",
)
def vocab(output: Path) -> None:
    """Write the ontology and the SHACL shapes (the packaged copies) into a folder.

    Example: orggraph vocab -o graph/
    """
    from .publish import write_vocabulary

    for path in write_vocabulary(output):
        click.echo(f"wrote {path}")


# ---------------------------------------------------------------- shared options


def graph_options(function: F) -> F:
    """--graph (repeatable), --input-format, --store, --endpoint, --timeout."""
    decorators = [
        _graph_files("read"),
        click.option(
            "--store",
            type=click.Choice(["oxigraph", "rdflib"]),
            default="oxigraph",
            show_default=True,
            help="In-process SPARQL engine.",
        ),
        click.option(
            "--store-dir",
            type=click.Path(path_type=Path, file_okay=False),
            help="Keep the pyoxigraph store on disk here; later commands reopen it without parsing.",
        ),
        click.option(
            "--endpoint",
            type=_Url(),
            metavar="URL",
            help="Query a SPARQL 1.1 endpoint instead of local files.",
        ),
        click.option(
            "--timeout",
            type=click.FloatRange(min=0, min_open=True),
            default=60.0,
            show_default=True,
            help="Seconds one query may take, in process or at an endpoint.",
        ),
    ]

    @functools.wraps(function)
    def gathered(
        *args: Any,
        graphs: tuple[Path, ...],
        input_format: str | None,
        store: str,
        store_dir: Path | None,
        endpoint: str | None,
        timeout: float,
        **kwargs: Any,
    ) -> Any:
        source = GraphSource(graphs, input_format, store, store_dir, endpoint, timeout)
        return function(*args, source=source, **kwargs)

    wrapped: Any = gathered
    for decorator in reversed(decorators):
        wrapped = decorator(wrapped)
    return cast(F, wrapped)


@dataclass(frozen=True)
class GraphSource:
    """Where a command reads the graph (the options of :func:`graph_options`): graph files (none:
    the bundled plan's), their syntax, the in-process engine, a store kept on disk, or an endpoint."""

    graphs: tuple[Path, ...]
    input_format: str | None
    store: str
    store_dir: Path | None
    endpoint: str | None
    timeout: float

    def paths(self) -> list[Path]:
        """The graph files to read ([] when an endpoint answers)."""
        return [] if self.endpoint else _graphs(self.graphs, self.store_dir)

    def reading(self) -> dict[str, Any]:
        """How to read them, as keyword arguments of :func:`orggraph.query.open_backend`."""
        return {
            "fmt": self.input_format,
            "store": self.store,
            "store_dir": self.store_dir,
            "endpoint": self.endpoint,
            "timeout": self.timeout,
        }

    def open(self) -> Any:
        """The backend that answers queries on the graph."""
        from .query import open_backend

        return open_backend(_graphs(self.graphs, self.store_dir), **self.reading())


def _graphs(graphs: tuple[Path, ...], store_dir: Path | None = None) -> list[Path]:
    """The graph files given, else the bundled plan's (else, with a store on disk, what it holds)."""
    if graphs:
        return list(graphs)
    if store_dir is not None and (store_dir / "orggraph-store.json").is_file():
        return []
    if DEFAULT_GRAPH.is_file():
        return [DEFAULT_GRAPH]
    # Outside the repository: the copy of the bundled plan's graph the installation carries.
    from .resources import data_file

    return [Path(str(data_file(DEFAULT_GRAPH.name)))]


def _stages(command: str) -> Callable[[str], None] | None:
    """On a terminal, a line on stderr as each stage of a long command starts, with the time."""
    import sys
    import time

    if not sys.stderr.isatty():
        return None

    begin = time.monotonic()

    def say(stage: str) -> None:
        click.echo(f"{command}: {stage} … ({time.monotonic() - begin:.0f} s)", err=True)

    return say


def _table_width(max_width: int | None, piped: int, output: Path | None) -> tuple[int, int | None]:
    """(cell width, line width to fit): as given; else on a terminal, the terminal's width;
    else (a pipe, a file) ``piped`` characters a cell."""
    if max_width is not None:
        return max_width, None
    if output is None and sys.stdout.isatty():
        import shutil

        return 0, shutil.get_terminal_size().columns
    return piped, None


def _emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output``.

    Printed text loses control characters whatever the format: a label from someone else's
    graph must not send escape sequences to the terminal (a file keeps the data as it is)."""
    if output is None:
        from .text import drop_controls

        click.echo(drop_controls(text.rstrip("\n")))
        return
    from .files import atomic_write

    atomic_write(output, text if text.endswith("\n") else text + "\n")
    click.echo(f"wrote {output}", err=True)


# ---------------------------------------------------------------- query


@main.command()
@click.argument("name", required=False)
@click.option("-e", "--expression", metavar="SPARQL", help="Run this SPARQL text instead of a named query.")
@click.option("--list", "list_queries", is_flag=True, help="List the canned queries and what they answer.")
@click.option(
    "--body", metavar="NAME", help="A body, by any label, alias or abbreviation (diacritics optional)."
)
@click.option("--by", type=click.DateTime(formats=["%Y-%m-%d"]), help="A date, YYYY-MM-DD (for 'due').")
@click.option("--year", type=int, help="A year (for 'from').")
@graph_options
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(RESULT_FORMATS),
    default="table",
    show_default=True,
    help="Output format (json/csv/tsv follow the SPARQL 1.1 results formats).",
)
@click.option(
    "--lang",
    type=click.Choice(["vi", "en", "both"]),
    default="both",
    show_default=True,
    help="Which labels to show: the *_vi or *_en columns of canned queries; ?lang in your own.",
)
@click.option(
    "--max-width",
    type=click.IntRange(min=0),
    help="Cut table cells to this width (0: never). Default: fit the terminal; 60 when piped.",
)
@click.option("--top", type=click.IntRange(min=1), metavar="N", help="Only the first N rows.")
@click.option(
    "--allow-service",
    is_flag=True,
    help="Let the query call other endpoints (SERVICE); refused by default.",
)
@click.option("-o", "--output", type=click.Path(path_type=Path), help="Write the results to a file.")
def query(
    name: str | None,
    expression: str | None,
    list_queries: bool,
    body: str | None,
    by: dt.datetime | None,
    year: int | None,
    source: GraphSource,
    fmt: str,
    lang: str,
    max_width: int | None,
    top: int | None,
    allow_service: bool,
    output: Path | None,
) -> None:
    """Ask the graph in SPARQL: a canned question by NAME, a .rq FILE, or -e TEXT.

    Canned questions: who-coordinates, partners --body B, tasks --body B, leads,
    reports-to, due --by DATE, from --year Y, recurring, conditional,
    named-only, directives (see --list).  The project's prefixes (og:, skos:,
    dcterms:, …) are pre-bound.  Runs in-process on pyoxigraph by default.

    Example: orggraph query partners --body "ban to chuc"
    """
    from .errors import UsageError
    from .query import canned_queries, render, run_canned, run_query

    if list_queries:
        for query_ in canned_queries().values():
            params = " ".join(f"--{p} …" for p in query_.params)
            click.echo(f"{query_.name} {params}".rstrip())
            click.echo(f"    {query_.en}")
            click.echo(f"    {query_.vi}")
        return
    if (name is None) == (expression is None):
        raise UsageError("give a query NAME or .rq FILE, or -e SPARQL (see --list)")
    backend = source.open()
    if expression is not None:
        results = run_query(backend, expression, lang=lang, allow_service=allow_service)
    elif name is not None and name.endswith(".rq"):
        path = Path(name)
        if not path.is_file():
            raise UsageError(f"{path}: no such query file")
        results = run_query(backend, path.read_text(encoding="utf-8"), lang=lang, allow_service=allow_service)
    else:
        assert name is not None
        results = run_canned(backend, name, body=body, by=by.date() if by else None, year=year)
    if lang == "vi":
        results = results.without("_en")
    elif lang == "en":
        results = results.without("_vi")
    if top is not None:
        results.rows = results.rows[:top]
    width, fit = _table_width(max_width, 60, output)
    _emit(render(results, fmt, max_width=width, fit=fit), output)


@main.command()
@click.option(
    "--endpoint",
    type=_Url(),
    metavar="URL",
    required=True,
    help="Graph Store Protocol URL (Oxigraph: …/store).",
)
@click.option(
    "--graph-iri",
    metavar="IRI",
    help="Put every triple into this named graph (default: a dataset's named graphs stay as they are).",
)
@click.option("--append", is_flag=True, help="Add to the graph (POST) instead of replacing it (PUT).")
@_graph_files("upload")
@click.option("--timeout", type=click.FloatRange(min=0, min_open=True), default=60.0, show_default=True)
def push(
    endpoint: str,
    graph_iri: str | None,
    append: bool,
    graphs: tuple[Path, ...],
    input_format: str | None,
    timeout: float,
) -> None:
    """Upload the graph to a SPARQL server (Graph Store HTTP Protocol).

    Works with Oxigraph, Jena Fuseki, GraphDB and Virtuoso.  The file is parsed
    here first, so nothing broken is sent.  A dataset's plans (N-Quads, TriG) keep
    their named graphs, one request each; query them with a server whose default
    graph is the union of all graphs (Oxigraph: serve --union-default-graph).

    Example: orggraph push --endpoint http://127.0.0.1:7878/store
    """
    from .query.server import push_graph

    count, written = push_graph(
        _graphs(graphs), endpoint, graph_iri=graph_iri, append=append, fmt=input_format, timeout=timeout
    )
    if graph_iri:
        where = f" (graph <{graph_iri}>)"
    elif written > 1:
        where = f" ({written} graphs: the default graph and each plan's named graph)"
    else:
        where = ""
    click.echo(f"pushed {count} triples to {endpoint}{where}")


@main.command()
@click.option(
    "--port",
    type=click.IntRange(0, 65535),
    default=7878,
    show_default=True,
    help="Port on 127.0.0.1 (0: any free port).",
)
@click.option(
    "--timeout",
    type=click.FloatRange(min=1),
    default=60.0,
    show_default=True,
    help="Seconds one query may take.",
)
@click.option(
    "--store-dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Serve the store kept here (made from the graph files if it does not hold them) and "
    "answer the questions it keeps answers to without running them.",
)
@_graph_files("serve")
def serve(
    port: int, timeout: float, store_dir: Path | None, graphs: tuple[Path, ...], input_format: str | None
) -> None:
    """Serve the graph read-only as a SPARQL endpoint on 127.0.0.1 until Ctrl-C.

    Uses the Oxigraph server.  Prints the endpoint's URL and a curl line to try.  With
    --store-dir, a store kept on disk is served without loading anything.

    Example: orggraph serve --port 7878
    """
    import signal
    import time

    from .query.server import read_only_server

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    # SIGTERM (a service manager, `kill`) stops as cleanly as Ctrl-C; so does SIGINT even when
    # the shell that started us in the background told us to ignore it.
    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    with read_only_server(
        _graphs(graphs, store_dir), port, fmt=input_format, timeout=timeout, store_dir=store_dir
    ) as url:
        click.echo(f"SPARQL endpoint: {url}  (read-only; Ctrl-C stops it)")
        click.echo(
            f"try: curl -s {url} -H 'Accept: text/csv' "
            "--data-urlencode 'query=SELECT (COUNT(*) AS ?triples) WHERE { ?s ?p ?o }'"
        )
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            click.echo("stopped", err=True)


@main.command()
@click.option(
    "-o",
    "--output",
    default=Path("graph"),
    show_default=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="Site folder to write.",
)
@graph_options
@click.option(
    "--analysis-rdf",
    type=click.Path(path_type=Path),
    help="Also write the overlap results as RDF (e.g. data/kh168-analysis.ttl).",
)
@_plan_option
def render(
    output: Path,
    source: GraphSource,
    analysis_rdf: Path | None,
    plans: tuple[str, ...],
) -> None:
    """Write the published site: interactive views (offline), home page, vocabulary,
    analysis tables and exports.

    Everything under the folder is rebuilt from the graph, deterministically;
    pages open from the disk with no network.  The graph files given are copied
    into the site's downloads.

    Example: orggraph render -o graph/ --analysis-rdf data/kh168-analysis.ttl
    """
    from .publish import publish

    paths = source.paths()
    for path in paths:
        if not path.is_file():
            from .errors import GraphReadError

            raise GraphReadError(f"{path}: no such file")
    written = publish(
        paths,
        output,
        analysis_rdf=analysis_rdf,
        plans=list(plans),
        progress=_stages("render"),
        **source.reading(),
    )
    for path in written:
        click.echo(f"wrote {path}")


# ---------------------------------------------------------------- analysis


def _analysis_data(source: GraphSource, command: str) -> Any:
    """The analysis records; on a terminal, a line as reading and analysing start."""
    from .analyse.data import load_data

    say = _stages(command)
    if say:
        say("reading the graph")
    backend = source.open()
    data = load_data(backend)
    if say:
        say(f"analysing {len(data.tasks):,} tasks of {len(data.bodies):,} bodies")
    return data


def table_output_options(function: F) -> F:
    """--format, -o, --lang, --max-width for commands that print tables."""
    decorators = [
        click.option(
            "-f",
            "--format",
            "fmt",
            type=click.Choice(TABLE_FORMATS),
            default="table",
            show_default=True,
            help="Output format; xlsx needs -o and puts each table on its own sheet.",
        ),
        click.option("-o", "--output", type=click.Path(path_type=Path), help="Write to a file (atomically)."),
        click.option(
            "--lang",
            type=click.Choice(["vi", "en", "both"]),
            default="both",
            show_default=True,
            help="Which names to show (the *_vi or *_en columns).",
        ),
        click.option(
            "--max-width",
            type=click.IntRange(min=0),
            help="Cut table cells (0: never). Default: fit the terminal; 40 when piped.",
        ),
        click.option(
            "--columns", metavar="A,B,…", help="Only these columns, in this order (comma-separated)."
        ),
        click.option(
            "--top", type=click.IntRange(min=1), metavar="N", help="Only the first N rows of each table."
        ),
    ]
    for decorator in reversed(decorators):
        function = decorator(function)
    return function


def _write_tables(
    tables: list[Any],
    fmt: str,
    output: Path | None,
    lang: str,
    max_width: int | None,
    columns: str | None = None,
    top: int | None = None,
    issued: dt.date | None = None,
) -> None:
    from .errors import UsageError
    from .export import render_tables, select_columns, select_language, write_tables

    names = [c.strip() for c in columns.split(",") if c.strip()] if columns else None
    chosen = [select_columns(select_language(t, lang), names, top) for t in tables]
    if fmt == "xlsx":
        if output is None:
            raise UsageError("xlsx needs a file: give -o FILE.xlsx")
        write_tables(chosen, fmt, output, lang=lang, issued=issued)
        click.echo(f"wrote {output}", err=True)
        return
    width, fit = _table_width(max_width, 40, output)
    if output is not None:
        write_tables(chosen, fmt, output, max_width=width if fmt == "table" else 0)
        click.echo(f"wrote {output}", err=True)
        return
    click.echo(render_tables(chosen, fmt, max_width=width, fit=fit).rstrip("\n"))


@main.command()
@graph_options
@table_output_options
def load(
    source: GraphSource,
    fmt: str,
    output: Path | None,
    lang: str,
    max_width: int | None,
    columns: str | None,
    top: int | None,
) -> None:
    """Coordination load per body: tasks responsible, led, as partner, reported to,
    distinct partners, weighted degree, betweenness, share of all tasks, tasks per
    year (annual, continuous and conditional apart), tasks due before the plan.

    Example: orggraph load --format xlsx -o graph/exports/load.xlsx
    """
    from .analyse.load import coordination_load
    from .export import issued_date

    data = _analysis_data(source, "load")
    _write_tables([coordination_load(data)], fmt, output, lang, max_width, columns, top, issued_date(data))


OVERLAP_TABLES = ("measures", "mirrors", "reciprocity", "lead_conflicts", "body_pairs", "general_specific")


@main.command()
@graph_options
@table_output_options
@click.option(
    "--table",
    "tables",
    type=click.Choice(OVERLAP_TABLES),
    multiple=True,
    help="Only these tables (repeatable; csv takes exactly one, default measures).",
)
@click.option(
    "--rdf", "rdf_output", type=click.Path(path_type=Path), help="Also write the results as RDF (Turtle)."
)
@click.option(
    "--evaluate",
    type=click.Path(path_type=Path),
    help="Print precision and recall against a hand annotation (TOML), e.g. data/kh168-measures.toml.",
)
@click.option(
    "--measure-threshold",
    type=_Fraction(),
    default=0.50,
    show_default=True,
    help="Same measure: pair score.",
)
@click.option(
    "--general-threshold",
    type=_Fraction(),
    default=0.45,
    show_default=True,
    help="General task repeated: score.",
)
@click.option(
    "--reciprocity-threshold",
    type=_Fraction(),
    default=0.30,
    show_default=True,
    help="A partner's own task at least this similar carries the work.",
)
def overlaps(
    source: GraphSource,
    fmt: str,
    output: Path | None,
    lang: str,
    max_width: int | None,
    columns: str | None,
    top: int | None,
    tables: tuple[str, ...],
    rdf_output: Path | None,
    evaluate: Path | None,
    measure_threshold: float,
    general_threshold: float,
    reciprocity_threshold: float,
) -> None:
    """Overlapping responsibilities: measures assigned in several sections, one-sided
    partner links, lead conflicts, bodies sharing measures, general tasks repeated.

    Example: orggraph overlaps --table measures --lang en
    """
    from .analyse.overlaps import Thresholds, find_overlaps
    from .export import issued_date

    data = _analysis_data(source, "overlaps")
    limits = Thresholds(
        measure=measure_threshold, general=general_threshold, reciprocity=reciprocity_threshold
    )
    report = find_overlaps(data, limits)
    if rdf_output is not None:
        from .analyse.rdf import analysis_graph
        from .store import save_graph

        save_graph(analysis_graph(report, data), rdf_output)
        click.echo(f"wrote {rdf_output}", err=True)
    if evaluate is not None:
        from .analyse.evaluate import evaluate as score
        from .analyse.evaluate import read_annotation

        result = score(report, data, read_annotation(evaluate))
        for name, value in (("measures", result.measures), ("general vs specific", result.general)):
            click.echo(
                f"{name}: precision {value.precision:.3f} ({value.right}/{value.found}), "
                f"recall {value.recall:.3f} ({value.right}/{value.expected}); "
                f"{value.ignored} uncertain pairs not counted"
            )
        for a, b in result.missed:
            click.echo(f"  missed: {a} ~ {b}")
        for a, b in result.wrong:
            click.echo(f"  wrong:  {a} ~ {b}")
        return
    chosen = list(tables) or (["measures"] if fmt == "csv" else list(OVERLAP_TABLES))
    by_name = {t.name: t for t in report.tables()}
    _write_tables(
        [by_name[name] for name in chosen], fmt, output, lang, max_width, columns, top, issued_date(data)
    )


@main.command()
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="HTML file to write.",
)
@graph_options
@_plan_option
def report(
    output: Path,
    source: GraphSource,
    plans: tuple[str, ...],
) -> None:
    """Write one self-contained HTML file about the plan: summary, coordination load,
    overlaps, the coordination network and every body's to-do list. It works offline
    and fetches nothing: the file to attach to an email.

    Example: orggraph report -o plan.html
    """
    from .publish import publish_report

    publish_report(
        _graphs(source.graphs, source.store_dir), output, plans=list(plans) or None, **source.reading()
    )
    click.echo(f"wrote {output}", err=True)


@main.command()
@graph_options
@click.option(
    "-f",
    "--format",
    "fmt",
    required=True,
    type=click.Choice(NETWORK_FORMATS),
    help="graphml/gexf/nodes-edges: a network; jsonld: the RDF graph; matrix-*: tasks x bodies (R/L/P/B).",
)
@click.option(
    "--network",
    type=click.Choice(NETWORKS),
    default="responsibility",
    show_default=True,
    help="responsibility: bodies and tasks by role; coordination: who works with whom, "
    "responsible or lead -> partner and -> the body reported to; "
    "leads: lead -> partner; similarity: tasks by overlap score.",
)
@click.option(
    "-o", "--output", required=True, type=click.Path(path_type=Path), help="File (a folder for nodes-edges)."
)
def export(
    source: GraphSource,
    fmt: str,
    network: str,
    output: Path,
) -> None:
    """Export the graph for other tools: Gephi (GEXF), yEd and igraph (GraphML), any
    network tool (nodes.csv, edges.csv), JSON-LD, or the responsibility matrix.

    Example: orggraph export --format gexf -o graph/exports/responsibility.gexf
    """
    from . import export as exporting

    if fmt == "jsonld":
        from .store import write_jsonld

        write_jsonld(_graphs(source.graphs), output, fmt=source.input_format)
        click.echo(f"wrote {output}", err=True)
        return
    data = _analysis_data(source, "export")
    if fmt.startswith("matrix"):
        exporting.responsibility_matrix(data, fmt, output)
        click.echo(f"wrote {output}", err=True)
        return
    from .analyse import projections
    from .analyse.overlaps import similarity_graph

    builders = {
        "responsibility": projections.bipartite,
        "coordination": projections.coordination_network,
        "leads": projections.lead_graph,
        "similarity": similarity_graph,
    }
    graph = builders[network](data)
    if fmt == "nodes-edges":
        for path in exporting.write_nodes_edges(graph, output):
            click.echo(f"wrote {path}", err=True)
        return
    exporting.write_network(graph, fmt, output, data)
    click.echo(f"wrote {output}", err=True)
