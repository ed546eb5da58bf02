"""The ``orggraph`` command line: each command parses options, calls one function, prints.

Errors from the library (:class:`orggraph.errors.OrgGraphError`) become one line
``Error: …`` on stderr and the error's exit code (2 for bad input or usage);
findings such as SHACL violations exit 1.  Library modules are imported inside
the commands so ``orggraph --help`` starts fast.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from .errors import OrgGraphError

__all__ = ["main"]


class _Group(click.Group):
    """A command group that turns orggraph errors into one line and an exit code."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except OrgGraphError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(exc.exit_code)


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
    help="Graph file to write (.ttl or .nt).",
)
@click.option("-q", "--quiet", is_flag=True, help="Print nothing but errors.")
def build(sources: tuple[Path, ...], output: Path, quiet: bool) -> None:
    """Extract plan texts into an RDF graph, and print what was found.

    Unknown body names are reported as warnings with their line.  The output is
    written only when every source was read; an existing file is replaced whole.

    Example: orggraph build data/kh168.txt -o data/kh168.ttl
    """
    from .pipeline import build_graph_file, summarise

    plans, graph = build_graph_file(list(sources), output)
    for plan in plans:
        for warning in plan.warnings:
            click.echo(f"warning: {plan.source_name}: {warning}", err=True)
    if not quiet:
        for plan in plans:
            click.echo(summarise(plan, triples=len(graph) if len(plans) == 1 else None))
        click.echo(f"wrote {output} ({len(graph)} triples)")


@main.command()
@click.argument("graph_file", type=click.Path(path_type=Path))
def validate(graph_file: Path) -> None:
    """Check a graph against the SHACL shapes; exit 1 when it has violations.

    Each violation is printed in Vietnamese and English.  Exit codes: 0 the graph
    conforms, 1 it has violations, 2 it cannot be read.

    Example: orggraph validate data/kh168.ttl
    """
    from .ontology import ID, PREFIXES
    from .store import load_graph
    from .validate import validate_graph

    graph = load_graph(graph_file)
    report = validate_graph(graph)
    short = {str(ns): prefix for prefix, ns in PREFIXES.items()}
    short[str(ID)] = "id"
    if report.conforms:
        click.echo(f"{graph_file}: conforms to the shapes ({len(graph)} triples)")
        return
    for violation in report.violations:
        click.echo(violation.describe(short))
    click.echo(f"{graph_file}: {len(report.violations)} violation(s)", err=True)
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
