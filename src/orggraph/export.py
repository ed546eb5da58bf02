"""Write analysis tables and networks to the files other tools open.

Tables: ``table`` (aligned text), ``csv``, ``json``, ``md`` and ``xlsx`` (one
sheet per table, English and Vietnamese headings, frozen).  Networks:
GraphML (yEd, igraph, Gephi), GEXF (Gephi), plain ``nodes.csv``/``edges.csv``,
and the RACI-style responsibility matrix (tasks x bodies, cells R/L/P/B) that
public administration keeps in spreadsheets.  Every file is written atomically:
an existing file is replaced only when the new one is complete.

GraphML and GEXF accept only strings, numbers and booleans as attributes, so
lists become "; "-joined strings and missing values empty strings.

XLSX files are zip archives with a time stamp in every entry and in their
properties; both are fixed here so the same tables give the same bytes.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .analyse.data import ROLES, PlanData
from .analyse.tables import Table, Value
from .errors import OrgGraphError
from .store import atomic_write
from .text import drop_controls

if TYPE_CHECKING:
    import networkx as nx

__all__ = [
    "TABLE_FORMATS",
    "select_columns",
    "select_language",
    "flat_network",
    "matrix_rows",
    "render_tables",
    "responsibility_matrix",
    "write_network",
    "write_nodes_edges",
    "write_tables",
]

TABLE_FORMATS = ("table", "csv", "json", "md", "xlsx")
_FIXED_TIME = (2018, 2, 18, 0, 0, 0)  # the plan's date: a stable stamp for archive entries
ROLE_LETTERS = {"responsible": "R", "lead": "L", "partner": "P", "reportsTo": "B"}


def select_language(table: Table, lang: str) -> Table:
    """The table without the other language's ``*_vi`` / ``*_en`` columns (``both`` keeps all)."""
    drop = {"vi": "_en", "en": "_vi"}.get(lang)
    if drop is None:
        return table
    keep = [i for i, c in enumerate(table.columns) if not c.name.endswith(drop)]
    return Table(
        table.name,
        table.title_en,
        table.title_vi,
        [table.columns[i] for i in keep],
        [[row[i] for i in keep] for row in table.rows],
    )


def select_columns(table: Table, names: Sequence[str] | None, top: int | None = None) -> Table:
    """The table with only the columns ``names`` (in that order) and its first ``top`` rows."""
    columns = list(table.columns)
    rows = table.rows
    if names:
        known = {c.name: i for i, c in enumerate(table.columns)}
        unknown = [n for n in names if n not in known]
        if unknown:
            raise OrgGraphError(
                f"table {table.name!r} has no column {unknown[0]!r}; columns: {', '.join(known)}"
            )
        columns = [table.columns[known[n]] for n in names]
        rows = [[row[known[n]] for n in names] for row in rows]
    if top is not None:
        rows = rows[:top]
    return Table(table.name, table.title_en, table.title_vi, columns, rows)


# A spreadsheet reads a cell starting with these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_text(text: str) -> str:
    """A CSV cell that no spreadsheet runs as a formula: a leading =, +, -, @ gets a quote.

    >>> print(spreadsheet_text('=HYPERLINK("http://x")'), spreadsheet_text("Sở Tư pháp"))
    '=HYPERLINK("http://x") Sở Tư pháp
    """
    text = drop_controls(text)
    return "'" + text if text.startswith(_FORMULA_START) else text


def _text(value: Value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return f"{value:g}"
    return drop_controls(str(value))


def _csv_cell(value: Value) -> str:
    return spreadsheet_text(_text(value)) if isinstance(value, str) else _text(value)


def _short(value: Value) -> str:
    text = _text(value)
    return text.rsplit("/", 1)[-1] if text.startswith("https://w3id.org/orggraph/id/") else text


def _console(table: Table, max_width: int) -> str:
    from .query.formats import aligned

    numeric = [
        bool(table.rows)
        and all(isinstance(row[i], (int, float)) and not isinstance(row[i], bool) for row in table.rows)
        for i in range(len(table.columns))
    ]
    cells = [[_short(v) for v in row] for row in table.rows]
    return f"{table.title_en} / {table.title_vi}\n" + aligned(
        [c.name for c in table.columns], cells, numeric, max_width
    )


def _csv(table: Table) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    writer.writerows([[_csv_cell(v) for v in row] for row in table.rows])
    return buffer.getvalue()


def _markdown(table: Table) -> str:
    def cell(value: Value) -> str:
        return _short(value).replace("|", "\\|")

    lines = [f"### {table.title_en} / {table.title_vi}", ""]
    lines.append("| " + " | ".join(c.en for c in table.columns) + " |")
    lines.append("|" + "---|" * len(table.columns))
    lines.extend("| " + " | ".join(cell(v) for v in row) + " |" for row in table.rows)
    return "\n".join(lines) + "\n"


def _json(tables: Sequence[Table]) -> str:
    document = {
        t.name: {
            "title": {"en": t.title_en, "vi": t.title_vi},
            "columns": [{"name": c.name, "en": c.en, "vi": c.vi} for c in t.columns],
            "rows": t.records(),
        }
        for t in tables
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def render_tables(tables: Sequence[Table], fmt: str, *, max_width: int = 60) -> str:
    """Text of ``tables`` in ``fmt`` (table, csv, json or md); csv takes one table."""
    if fmt == "table":
        return "\n\n".join(_console(t, max_width) for t in tables) + "\n"
    if fmt == "csv":
        if len(tables) != 1:
            raise OrgGraphError("CSV holds one table: choose it with --table")
        return _csv(tables[0])
    if fmt == "json":
        return _json(tables)
    if fmt == "md":
        return "\n".join(_markdown(t) for t in tables)
    raise OrgGraphError(f"unknown table format {fmt!r} (use {', '.join(TABLE_FORMATS)})")


_XLSX_STAMPS = [
    (
        re.compile(rb"<dcterms:modified([^>]*)>[^<]*</dcterms:modified>"),
        rb"<dcterms:modified\1>2018-02-18T00:00:00Z</dcterms:modified>",
    ),
    (re.compile(rb"<Application>[^<]*</Application>"), b"<Application>orggraph</Application>"),
    (re.compile(rb"<AppVersion>[^<]*</AppVersion>"), b"<AppVersion>1</AppVersion>"),
]


def _stable_zip(data: bytes) -> bytes:
    """The workbook ``data`` with its time stamps and writer's version fixed: same tables, same bytes."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith("docProps/"):
                for pattern, replacement in _XLSX_STAMPS:
                    content = pattern.sub(replacement, content)
            stable = zipfile.ZipInfo(info.filename, date_time=_FIXED_TIME)
            stable.compress_type = zipfile.ZIP_DEFLATED
            stable.external_attr = 0o600 << 16
            target.writestr(stable, content)
    return out.getvalue()


def xlsx_bytes(sheets: Sequence[tuple[str, list[str], list[str], Sequence[Sequence[Value]]]]) -> bytes:
    """A workbook: per sheet (name, English headings, Vietnamese headings, rows); headings frozen."""
    from openpyxl import Workbook  # without lxml: see OPENPYXL_LXML in orggraph/__init__.py
    from openpyxl.styles import Font

    book = Workbook()
    book.remove(book.active)
    stamp = dt.datetime(*_FIXED_TIME)
    book.properties.created = stamp
    book.properties.modified = stamp
    book.properties.creator = "orggraph"
    for name, english, vietnamese, rows in sheets:
        sheet = book.create_sheet(title=name[:31])
        _append(sheet, english)
        _append(sheet, vietnamese)
        for cell in (*sheet[1], *sheet[2]):
            cell.font = Font(bold=True)
        for row in rows:
            _append(sheet, row)
        sheet.freeze_panes = "A3"
        for index, heading in enumerate(english, start=1):
            letter = sheet.cell(row=1, column=index).column_letter
            sheet.column_dimensions[letter].width = min(60, max(10, len(heading) + 2))
    buffer = io.BytesIO()
    book.save(buffer)
    return _stable_zip(buffer.getvalue())


def _append(sheet: Any, row: Sequence[Value]) -> None:
    """One row of a sheet: text cleaned of control characters, and never a formula.

    Cells are made here and appended whole: looking a row up again after appending it
    (``sheet[sheet.max_row]``) scans the sheet each time, quadratic in its size."""
    from openpyxl.cell import Cell

    cells = []
    for value in row:
        if isinstance(value, (int, float, bool)) or value is None:
            cells.append(value)
            continue
        cell = Cell(sheet, value=drop_controls(str(value)))
        if cell.data_type == "f":
            cell.data_type = "s"  # a label that starts with "=" is text
        cells.append(cell)
    sheet.append(cells)


def write_tables(tables: Sequence[Table], fmt: str, path: Path, *, max_width: int = 0) -> None:
    """Write ``tables`` to ``path`` in ``fmt``; XLSX puts each table on its own sheet."""
    if fmt == "xlsx":
        sheets = [(t.name, [c.en for c in t.columns], [c.vi for c in t.columns], t.rows) for t in tables]
        atomic_write(path, xlsx_bytes(sheets))
        return
    atomic_write(path, render_tables(tables, fmt, max_width=max_width))


# ---------------------------------------------------------------- networks


def _flat(value: Any) -> str | int | float | bool:
    if value is None:
        return ""
    if isinstance(value, (list, tuple, set)):
        return drop_controls("; ".join(str(v) for v in value))
    if isinstance(value, str):
        return drop_controls(value)
    if isinstance(value, (int, float, bool)):
        return value
    return drop_controls(str(value))


def flat_network(graph: nx.Graph) -> nx.Graph:
    """A copy of ``graph`` whose attributes GraphML and GEXF accept (no lists, no None).

    A multigraph becomes a simple graph: parallel edges merge, their ``role``
    attributes joined ("lead; responsible").
    """
    import networkx as nx

    flat = nx.DiGraph() if graph.is_directed() else nx.Graph()
    graph = nx.relabel_nodes(graph, {n: drop_controls(n) for n in graph.nodes if isinstance(n, str)})
    for node, attributes in graph.nodes(data=True):
        flat.add_node(node, **{k: _flat(v) for k, v in attributes.items()})
    for u, v, attributes in graph.edges(data=True):
        clean = {k: _flat(value) for k, value in attributes.items()}
        if flat.has_edge(u, v) and "role" in clean:
            roles = sorted({*str(flat[u][v]["role"]).split("; "), str(clean["role"])})
            flat[u][v]["role"] = "; ".join(roles)
        else:
            flat.add_edge(u, v, **clean)
    for node, attributes in flat.nodes(data=True):
        attributes.setdefault("label", attributes.get("label_vi") or attributes.get("key") or str(node))
    return flat


def write_network(graph: nx.Graph, fmt: str, path: Path) -> None:
    """GraphML or GEXF of ``graph``, attributes flattened, written atomically."""
    import networkx as nx

    flat = flat_network(graph)
    buffer = io.BytesIO()
    if fmt == "graphml":
        # The standard library's writer: the same bytes with or without lxml installed.
        nx.readwrite.graphml.write_graphml_xml(flat, buffer, encoding="utf-8", prettyprint=True)
        content = buffer.getvalue()
    elif fmt == "gexf":
        nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
        # The writer stamps today's date and its own version; neither belongs in a reproducible file.
        content = re.sub(rb' lastmodifieddate="[^"]*"', b"", buffer.getvalue())
        content = re.sub(rb"<creator>[^<]*</creator>", b"<creator>orggraph</creator>", content)
    else:
        raise OrgGraphError(f"unknown network format {fmt!r} (use graphml or gexf)")
    atomic_write(path, content)


def write_nodes_edges(graph: nx.Graph, folder: Path) -> list[Path]:
    """``nodes.csv`` (id, label, attributes) and ``edges.csv`` (source, target, attributes) in ``folder``."""
    flat = flat_network(graph)
    Path(folder).mkdir(parents=True, exist_ok=True)
    node_keys = sorted({k for _, a in flat.nodes(data=True) for k in a})
    edge_keys = sorted({k for _, _, a in flat.edges(data=True) for k in a})
    nodes = io.StringIO()
    writer = csv.writer(nodes, lineterminator="\r\n")
    writer.writerow(["id", *node_keys])
    for node, attributes in sorted(flat.nodes(data=True), key=lambda x: str(x[0])):
        writer.writerow([node, *[_csv_cell(attributes.get(k)) for k in node_keys]])
    edges = io.StringIO()
    writer = csv.writer(edges, lineterminator="\r\n")
    writer.writerow(["source", "target", *edge_keys])
    for u, v, attributes in sorted(flat.edges(data=True), key=lambda x: (str(x[0]), str(x[1]))):
        writer.writerow([u, v, *[_csv_cell(attributes.get(k)) for k in edge_keys]])
    paths = [Path(folder) / "nodes.csv", Path(folder) / "edges.csv"]
    atomic_write(paths[0], nodes.getvalue())
    atomic_write(paths[1], edges.getvalue())
    return paths


# ---------------------------------------------------------------- responsibility matrix


def matrix_rows(data: PlanData) -> tuple[list[str], list[list[str]]]:
    """(body IRIs, one row per task: key, section, text, then a cell per body).

    A cell holds the letters of the body's roles in the task, in the order R
    (responsible), L (lead), P (partner), B (reported to): "RL" is responsible
    and leads.  Bodies are ordered by how many tasks they have a role in.
    """
    counts: dict[str, int] = {}
    for task in data.tasks.values():
        for body in task.bodies():
            counts[body] = counts.get(body, 0) + 1
    bodies = sorted(counts, key=lambda b: (-counts[b], data.label(b)))
    rows = []
    for task in data.ordered_tasks():
        cells = []
        for body in bodies:
            cells.append("".join(ROLE_LETTERS[r] for r in ROLES if body in task.roles.get(r, [])))
        rows.append([task.key, task.section_key, task.text, *cells])
    return bodies, rows


def responsibility_matrix(data: PlanData, fmt: str, path: Path) -> None:
    """The tasks x bodies matrix as CSV (``matrix-csv``) or a one-sheet workbook (``matrix-xlsx``)."""
    bodies, rows = matrix_rows(data)
    english = ["task", "section", "text", *[data.label(b, "en") for b in bodies]]
    vietnamese = ["nhiệm vụ", "mục", "nội dung", *[data.label(b, "vi") for b in bodies]]
    if fmt == "matrix-xlsx":
        atomic_write(path, xlsx_bytes([("matrix", english, vietnamese, rows)]))
        return
    if fmt != "matrix-csv":
        raise OrgGraphError(f"unknown matrix format {fmt!r}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["task", "section", "text", *[_csv_cell(data.label(b, "vi")) for b in bodies]])
    writer.writerow(["", "", "", *[_csv_cell(data.label(b, "en")) for b in bodies]])
    writer.writerows([[_csv_cell(cell) for cell in row] for row in rows])
    atomic_write(path, buffer.getvalue())
