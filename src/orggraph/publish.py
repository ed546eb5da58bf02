"""Write the published outputs under ``graph/``: vocabulary, analysis tables, exports.

The package's ``resources/`` hold the one source of truth for the vocabulary;
``graph/`` is what a person opens from a clone.  Everything here is
deterministic (same graph, same bytes), so a test can rebuild ``graph/`` and
fail when the committed copy is stale.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import OrgGraphError
from .files import atomic_write, clear_leftovers
from .registry import SITE_EXPORTS, SiteExport
from .resources import resource

if TYPE_CHECKING:
    from .analyse.data import PlanData
    from .analyse.overlaps import OverlapReport
    from .analyse.tables import Table

__all__ = ["EXPORTS", "VOCABULARY_FILES", "publish", "write_exports", "write_vocabulary"]

VOCABULARY_FILES = ("ontology.ttl", "shapes.ttl")
# Files under graph/exports/, what each holds (the registry: orggraph.registry.SITE_EXPORTS).
EXPORTS = {export.name: export.what for export in SITE_EXPORTS}


def _folder(folder: Path) -> Path:
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OrgGraphError(f"{folder}: cannot create the folder ({exc.strerror})") from None
    return folder


def write_vocabulary(folder: Path) -> list[Path]:
    """Copy the packaged ontology and shapes into ``folder`` (created if needed)."""
    folder = _folder(folder)
    written = []
    for name in VOCABULARY_FILES:
        target = folder / name
        atomic_write(target, resource(name).read_bytes())
        written.append(target)
    return written


# The tasks x bodies matrix is written up to this many cells (a plan: 85 x 51); beyond, it
# would be gigabytes of empty cells, and `orggraph export --format matrix-csv` of one plan
# is the way.
MATRIX_CELLS_UP_TO = 5_000_000


# Graph files up to this many bytes in all are copied into a site's downloads (Plan 168: 0.15 MB);
# larger ones are named with their size and SHA-256.
COPY_GRAPHS_UP_TO = 5 * 1024 * 1024


def _named_graph(path: Path) -> str:
    import hashlib

    with path.open("rb") as stream:
        digest = hashlib.file_digest(stream, "sha256").hexdigest()
    size = path.stat().st_size / 1024 / 1024
    return (
        f"{path.name} ({size:,.1f} MB, SHA-256 {digest}): the knowledge graph this site was made from, "
        f"not copied here (over {COPY_GRAPHS_UP_TO // 1024 // 1024} MB)"
    )


# A network is exported (GEXF, GraphML, nodes and edges CSV) up to this many nodes and edges
# in all (Plan 168's responsibility network: 283).  At 10^6 triples (1,075 plans) those files of
# the responsibility network came to 179 MB; larger networks are left to `orggraph export`,
# which the home page names.
NETWORK_EXPORT_UP_TO = 50_000
# Any other export is put in the site up to this many bytes, as a page is; a larger one (at
# 10^6 triples: overlaps.json 65 MB, analysis.ttl 17 MB) is named with the command that makes it.
# Tables whose cells hold more text than this are not even written (in any format, nor the
# findings' RDF): at 10^6 the overlap tables' text took 27 s of a render to write as files no
# site would keep.
EXPORT_UP_TO = 5 * 1024 * 1024


def _text_size(tables: list[Table]) -> int:
    """Characters in the tables' cells: what a CSV of them is at least."""
    return sum(
        len(str(value)) for table in tables for row in table.rows for value in row if value is not None
    )


def _command(item: SiteExport) -> str:
    """The command that writes ``item`` where a user asks for it."""
    if item.kind == "tables":
        table = "" if item.parts in (("load",), ("*overlaps",)) else f" --table {item.parts[0]}"
        command = "load" if item.parts == ("load",) else "overlaps"
        return f"orggraph {command}{table} --format {item.fmt} -o {item.name}"
    network = item.parts[0] if item.parts else "responsibility"
    return f"orggraph export --network {network} --format {item.fmt} -o {item.name}"


def _left_large(path: Path, command: str) -> str | None:
    """If ``path`` is over :data:`EXPORT_UP_TO`, remove it and say how to make it."""
    size = path.stat().st_size
    if size <= EXPORT_UP_TO:
        return None
    path.unlink()
    return (
        f"{path.name}: not kept, {_megabytes(size)} (over {_megabytes(EXPORT_UP_TO)}); make it with {command}"
    )


def _megabytes(size: int) -> str:
    """``size`` bytes for a reader: "65.14 MB", "5 MB", "36 kB"."""
    if size < 1024 * 1024:
        return f"{size / 1024:,.0f} kB"
    return f"{size / 1024 / 1024:,.2f}".rstrip("0").rstrip(".") + " MB"


def write_exports(
    data: PlanData, load: Table, report: OverlapReport, folder: Path
) -> tuple[list[Path], list[str]]:
    """Every export of the analysis into ``folder`` (see :data:`EXPORTS`); the files written,
    and a sentence for each one left out (too large) saying how to make it."""
    from . import export
    from .analyse.projections import bipartite, coordination_network

    folder = _folder(folder)
    overlap_tables = report.tables()
    tables = {t.name: t for t in [load, *overlap_tables]}
    issued = export.issued_date(data)
    networks = {"responsibility": bipartite, "coordination": coordination_network}
    drawn: dict[str, Any] = {}
    matrix = len(data.tasks) * len({b for t in data.tasks.values() for b in t.bodies()}) <= MATRIX_CELLS_UP_TO
    written: list[Path] = []
    left_out: list[str] = []
    text_sizes: dict[tuple[str, ...], int] = {}
    for item in SITE_EXPORTS:
        path = folder / item.name
        if item.kind == "matrix":
            if not matrix:
                continue
            export.responsibility_matrix(data, item.fmt, path)
            command = _command(item)
        elif item.kind == "tables":
            chosen = overlap_tables if item.parts == ("*overlaps",) else [tables[name] for name in item.parts]
            if item.parts not in text_sizes:  # the overlap tables serve two files
                text_sizes[item.parts] = _text_size(chosen)
            text = text_sizes[item.parts]
            if text > EXPORT_UP_TO:
                left_out.append(
                    f"{item.name}: not written, its tables hold {_megabytes(text)} of text "
                    f"(over {_megabytes(EXPORT_UP_TO)}); make it with {_command(item)}"
                )
                continue
            export.write_tables(chosen, item.fmt, path, issued=issued)
            command = _command(item)
        else:
            network = item.parts[0]
            if network not in drawn:
                drawn[network] = networks[network](data)
            size = drawn[network].number_of_nodes() + drawn[network].number_of_edges()
            both = item.fmt == "nodes-edges"
            command = _command(item).replace(f"-o {item.name}", "-o <folder>") if both else _command(item)
            if size > NETWORK_EXPORT_UP_TO:
                if both and item.name != "nodes.csv":
                    continue  # said once, for nodes.csv and edges.csv together
                left_out.append(
                    f"{'nodes.csv, edges.csv' if both else item.name}: not written, the {network} network has {size:,} nodes and edges "
                    f"(over {NETWORK_EXPORT_UP_TO:,}); make it with {command}"
                )
                continue
            if item.fmt != "nodes-edges":
                export.write_network(drawn[network], item.fmt, path, data, load)
            elif item.name == "nodes.csv":  # one writer makes nodes.csv and edges.csv
                export.write_nodes_edges(drawn[network], folder)
        sentence = _left_large(path, command)
        if sentence is not None:
            left_out.append(sentence)
            continue
        written.append(path)
    return written, left_out


def publish(
    graphs: list[Path],
    folder: Path,
    **options: Any,
) -> list[Path]:
    """Write the site into a fresh folder beside ``folder`` and put it in place whole.

    A failure or a kill half-way leaves the old site as it was; a finished render replaces
    it, so no file of an earlier render stays.  Options as for :func:`publish_into`.
    """
    final = Path(folder)
    here = final.resolve()
    # The site replaces the folder whole: never a folder holding the working folder, the graphs
    # read or the plans' sources.
    guarded = [Path.cwd(), *(Path(g) for g in graphs), Path(options.get("source_root", "."))]
    for path in guarded:
        if path.resolve() == here or here in path.resolve().parents:
            raise OrgGraphError(
                f"{final}: the site replaces this folder whole, and it holds {path}; render into a folder of its own"
            )
    _folder(final.parent)
    clear_leftovers(final)  # of a render killed half-way (SIGKILL allows no clean-up)
    stage = final.parent / f".{final.name}.part-{os.getpid()}"
    shutil.rmtree(stage, ignore_errors=True)
    analysis = options.get("analysis_rdf")
    if analysis is not None and Path(analysis).resolve().is_relative_to(here):
        # Asked for inside the site: written into the new site, so the swap keeps it.
        options["analysis_rdf"] = stage / Path(analysis).resolve().relative_to(here)
    try:
        written = publish_into(graphs, stage, **options)
        if final.exists() and not final.is_dir():
            raise OrgGraphError(f"{final}: is a file, not a folder for the site")
        old = final.parent / f".{final.name}.old-{os.getpid()}"
        if final.exists():
            final.rename(old)
        stage.rename(final)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(stage, ignore_errors=True)
        raise
    return [final / path.relative_to(stage) if path.is_relative_to(stage) else path for path in written]


def publish_report(
    graphs: list[Path],
    output: Path,
    *,
    plans: list[str] | None = None,
    fmt: str | None = None,
    store: str = "oxigraph",
    store_dir: Path | None = None,
    endpoint: str | None = None,
    timeout: float = 30.0,
) -> None:
    """Analyse ``graphs`` and write the one-file report (:mod:`orggraph.render.report`) to ``output``."""
    from .analyse.load import coordination_load
    from .analyse.overlaps import find_overlaps
    from .analyse.plans import plan_info
    from .render import write_report

    if Path(output).is_dir():
        raise OrgGraphError(
            f"{output}: is a folder; the report is one file, such as {Path(output) / 'plan.html'}"
        )
    backend, data = _read(graphs, plans, fmt, store, store_dir, endpoint, timeout)
    write_report(Path(output), data, coordination_load(data), find_overlaps(data), plan_info(backend))


def _read(
    graphs: list[Path],
    plans: list[str] | None,
    fmt: str | None,
    store: str,
    store_dir: Path | None,
    endpoint: str | None,
    timeout: float,
) -> tuple[Any, PlanData]:
    """The store the graphs are read from (once), and the analysis records of the plans asked for."""
    from .analyse.data import load_data
    from .query import open_backend

    backend = open_backend(
        list(graphs), store=store, endpoint=endpoint, fmt=fmt, timeout=timeout, store_dir=store_dir
    )
    data = load_data(backend)
    return backend, data.select_plans(plans) if plans else data


def publish_into(
    graphs: list[Path],
    folder: Path,
    *,
    analysis_rdf: Path | None = None,
    source_root: Path = Path("."),
    plans: list[str] | None = None,
    fmt: str | None = None,
    store: str = "oxigraph",
    store_dir: Path | None = None,
    endpoint: str | None = None,
    timeout: float = 30.0,
    progress: Callable[[str], None] | None = None,
) -> list[Path]:
    """Analyse ``graphs`` once; write the vocabulary, the exports and the site into ``folder``.

    With ``analysis_rdf``, the overlap findings are also written there as RDF.
    With ``plans`` (IRIs or numbers), only those plans are analysed and drawn.
    ``fmt``, ``store``, ``store_dir``, ``endpoint`` and ``timeout`` choose where the graph
    is read from, as for queries (:func:`orggraph.query.open_backend`); it is read once.
    The files in ``graphs`` are copied into the site's downloads.  ``progress`` is told
    each stage as it starts.
    """
    from .analyse.load import coordination_load
    from .analyse.overlaps import find_overlaps
    from .render import render_site

    say = progress or (lambda stage: None)
    folder = _folder(folder)
    say("reading the graph")
    backend, data = _read(graphs, plans, fmt, store, store_dir, endpoint, timeout)
    say(f"analysing {len(data.tasks):,} tasks of {len(data.bodies):,} bodies")
    load = coordination_load(data)
    report = find_overlaps(data)
    say("writing the exports")
    written = write_vocabulary(folder)
    exported, left_out = write_exports(data, load, report, folder / "exports")
    written += exported
    downloads = [(f"exports/{path.name}", EXPORTS[path.name]) for path in exported]
    # The site carries copies of the graphs it shows, so its downloads work wherever it is served.
    from .analyse.rdf import analysis_graph
    from .store import to_turtle

    # Small graphs only: a corpus's dataset (hundreds of MB) is named, with its digest, not copied.
    named: list[str] = []
    if sum(Path(path).stat().st_size for path in graphs) <= COPY_GRAPHS_UP_TO:
        for path in graphs:
            copy = folder / "exports" / Path(path).name
            atomic_write(copy, Path(path).read_bytes())
            written.append(copy)
            downloads.append((f"exports/{copy.name}", "the knowledge graph (RDF)"))
    else:
        named = [_named_graph(Path(path)) for path in graphs]
    named += left_out
    findings_text = _text_size(report.tables())
    findings = (
        to_turtle(analysis_graph(report, data)) if findings_text <= EXPORT_UP_TO or analysis_rdf else ""
    )
    command = "orggraph overlaps --rdf analysis.ttl"
    if findings_text > EXPORT_UP_TO:
        named.append(
            f"analysis.ttl: not written, the overlap findings hold {_megabytes(findings_text)} of text "
            f"(over {_megabytes(EXPORT_UP_TO)}); make it with {command}"
        )
    else:
        atomic_write(folder / "exports" / "analysis.ttl", findings)
        too_large = _left_large(folder / "exports" / "analysis.ttl", command)
        if too_large is None:
            written.append(folder / "exports" / "analysis.ttl")
            downloads.append(
                ("exports/analysis.ttl", "the overlap findings (Turtle): measures, mirrored tasks")
            )
        else:
            named.append(too_large)
    if analysis_rdf is not None:
        atomic_write(Path(analysis_rdf), findings)
        written.append(Path(analysis_rdf))
    downloads += [
        ("ontology.html", "the vocabulary, documented (every class and property, in Vietnamese and English)"),
        ("ontology.ttl", "the vocabulary (Turtle)"),
        ("shapes.ttl", "the SHACL shapes (Turtle)"),
    ]
    say("writing the views and pages")
    from .analyse.plans import plan_info, source_text

    described = plan_info(backend)
    texts = {info.iri: text for info in described if (text := source_text(info, source_root)) is not None}
    written += render_site(folder, data, load, report, described, texts, downloads=downloads, named=named)
    readme = folder / "README.md"
    atomic_write(readme, resource("site", "README.md").read_bytes())
    written.append(readme)
    return written
