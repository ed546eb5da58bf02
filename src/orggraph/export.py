"""Write analysis tables and networks to the files other tools open.

Tables: ``table`` (aligned text), ``csv`` (UTF-8 with a byte-order mark, so
Excel reads Vietnamese), ``json``, ``md`` and ``xlsx`` (one sheet per table: one
header row, readable names first and IRIs last, kinds in words, numbers and
dates typed, an Excel table with its filter row, the header frozen).  Networks:
GraphML (yEd, igraph, Gephi), GEXF (Gephi), plain ``nodes.csv``/``edges.csv``,
and the RACI-style responsibility matrix (tasks x bodies, cells R/L/P/B) that
public administration keeps in spreadsheets.  Every file is written atomically:
an existing file is replaced only when the new one is complete.

GraphML and GEXF accept only strings, numbers and booleans as attributes, so
lists become "; "-joined strings and missing values empty strings.

XLSX files are zip archives with a time stamp in every entry and in their
properties; both are set here from the data (the plan's date of issue, or none),
so the same tables give the same bytes.
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
from .analyse.tables import Column, Table, Value
from .errors import OrgGraphError
from .files import atomic_write
from .registry import TABLE_FORMATS
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

BOM = "\ufeff"  # first in a CSV file: how Excel on Windows knows it is UTF-8
_NO_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip entry can hold: "no date"
_ID = "https://w3id.org/orggraph/id/"
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


def _console(table: Table, max_width: int, fit: int | None = None) -> str:
    from .terminal import aligned

    numeric = [
        bool(table.rows)
        and all(isinstance(row[i], (int, float)) and not isinstance(row[i], bool) for row in table.rows)
        for i in range(len(table.columns))
    ]
    cells = [[_short(v) for v in row] for row in table.rows]
    return f"{table.title_en} / {table.title_vi}\n" + aligned(
        [c.name for c in table.columns], cells, numeric, max_width, fit
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


def render_tables(tables: Sequence[Table], fmt: str, *, max_width: int = 60, fit: int | None = None) -> str:
    """Text of ``tables`` in ``fmt`` (table, csv, json or md); csv takes one table; a table
    fits lines of ``fit`` characters when given."""
    if fmt == "table":
        return "\n\n".join(_console(t, max_width, fit) for t in tables) + "\n"
    if fmt == "csv":
        if len(tables) != 1:
            raise OrgGraphError("CSV holds one table: choose it with --table")
        return _csv(tables[0])
    if fmt == "json":
        return _json(tables)
    if fmt == "md":
        return "\n".join(_markdown(t) for t in tables)
    raise OrgGraphError(f"unknown table format {fmt!r} (use {', '.join(TABLE_FORMATS)})")


def issued_date(data: PlanData) -> dt.date | None:
    """The date files written from ``data`` carry: its plan's date of issue; none for several plans."""
    dates = {t.plan_issued for t in data.tasks.values()}
    plans = {t.plan for t in data.tasks.values()}
    return next(iter(dates)) if len(plans) == 1 and len(dates) == 1 else None


def _stamped(data: bytes, issued: dt.date | None) -> bytes:
    """The workbook ``data`` with its time stamps set from ``issued`` (or taken out) and the
    writer's version fixed: same tables, same bytes."""
    if issued is None:
        stamps = [(re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>"), b"")]
        entry_time = _NO_DATE
    else:
        when = f"{issued.isoformat()}T00:00:00Z".encode()
        stamps = [
            (
                re.compile(rb"(<dcterms:(?:created|modified)[^>]*>)[^<]*(</dcterms:)"),
                rb"\g<1>" + when + rb"\g<2>",
            )
        ]
        entry_time = (issued.year, issued.month, issued.day, 0, 0, 0)
    stamps += [
        (re.compile(rb"<Application>[^<]*</Application>"), b"<Application>orggraph</Application>"),
        (re.compile(rb"<AppVersion>[^<]*</AppVersion>"), b"<AppVersion>1</AppVersion>"),
    ]
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename.startswith("docProps/"):
                for pattern, replacement in stamps:
                    content = pattern.sub(replacement, content)
            stable = zipfile.ZipInfo(info.filename, date_time=entry_time)
            stable.compress_type = zipfile.ZIP_DEFLATED
            stable.external_attr = 0o600 << 16
            target.writestr(stable, content)
    return out.getvalue()


Cell = Value | dt.date


def xlsx_bytes(
    sheets: Sequence[tuple[str, list[str], Sequence[Sequence[Cell]]]], *, issued: dt.date | None
) -> bytes:
    """A workbook, one sheet per (name, headings, rows): one header row, frozen, and an Excel
    table over the data so every column has its filter button; ``issued`` dates the file."""
    from openpyxl import Workbook  # without lxml: see OPENPYXL_LXML in orggraph/__init__.py
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.table import Table as SheetTable
    from openpyxl.worksheet.table import TableStyleInfo

    book = Workbook()
    book.remove(book.active)
    book.properties.creator = "orggraph"
    names: set[str] = set()
    for name, headings, rows in sheets:
        sheet = book.create_sheet(title=name[:31])
        _append(sheet, _unique(headings))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            _append(sheet, row)
        sheet.freeze_panes = "A2"
        for index, heading in enumerate(headings, start=1):
            sheet.column_dimensions[get_column_letter(index)].width = min(60, max(10, len(heading) + 2))
        if headings:
            last = f"{get_column_letter(len(headings))}{len(rows) + 1}"
            if rows:
                table = SheetTable(displayName=_table_name(name, names), ref=f"A1:{last}")
                table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
                sheet.add_table(table)
            else:
                sheet.auto_filter.ref = f"A1:{last}"
    buffer = io.BytesIO()
    book.save(buffer)
    return _stamped(buffer.getvalue(), issued)


def _unique(headings: Sequence[str]) -> list[str]:
    """Headings as an Excel table needs them: text, no two the same ("name", "name (2)")."""
    seen: dict[str, int] = {}
    out = []
    for heading in headings:
        text = drop_controls(str(heading)).strip() or "column"
        count = seen.get(text.casefold(), 0) + 1
        seen[text.casefold()] = count
        out.append(text if count == 1 else f"{text} ({count})")
    return out


def _table_name(sheet: str, taken: set[str]) -> str:
    """An Excel table name for the sheet: letters, digits and _, starting with a letter, unique."""
    base = "t_" + re.sub(r"\W", "_", sheet, flags=re.ASCII)[:200]
    name, index = base, 1
    while name.lower() in taken:
        index += 1
        name = f"{base}_{index}"
    taken.add(name.lower())
    return name


def _append(sheet: Any, row: Sequence[Cell]) -> None:
    """One row of a sheet: text cleaned of control characters, and never a formula.

    Cells are made here and appended whole: looking a row up again after appending it
    (``sheet[sheet.max_row]``) scans the sheet each time, quadratic in its size."""
    from openpyxl.cell import Cell as SheetCell

    cells: list[Any] = []
    for value in row:
        if isinstance(value, (int, float, bool, dt.date)) or value is None:
            cells.append(value)
            continue
        cell = SheetCell(sheet, value=drop_controls(str(value)))
        if cell.data_type == "f":
            cell.data_type = "s"  # a label that starts with "=" is text
        cells.append(cell)
    sheet.append(cells)


def heading(column: Column, lang: str) -> str:
    """A column's heading in ``lang`` ("vi", "en", or "both": "tasks / nhiệm vụ")."""
    if lang == "vi":
        return column.vi
    if lang == "en" or column.en == column.vi:
        return column.en
    return f"{column.en} / {column.vi}"


def _is_iri_column(values: list[Value]) -> bool:
    present = [v for v in values if v not in (None, "")]
    return bool(present) and all(isinstance(v, str) and v.startswith(_ID) for v in present)


def sheet_of(table: Table, lang: str) -> tuple[str, list[str], list[list[Cell]]]:
    """A table as a sheet: names and figures first, IRI columns last, kinds in words."""
    order = sorted(
        range(len(table.columns)), key=lambda i: _is_iri_column(table.column(table.columns[i].name))
    )
    words = kind_words(lang)
    rows: list[list[Cell]] = []
    for row in table.rows:
        cells: list[Cell] = []
        for i in order:
            value = row[i]
            if table.columns[i].name.endswith("kind") and isinstance(value, str):
                value = words.get(value, value)
            cells.append(value)
        rows.append(cells)
    return table.name, [heading(table.columns[i], lang) for i in order], rows


def kind_words(lang: str) -> dict[str, str]:
    """og:kind local names ("PartyAdvisoryBody") to their label in ``lang`` ("both": vi (en)),
    from the ontology's labels (:func:`orggraph.render.style.kind_labels`)."""
    from .render.style import kind_labels

    out = {}
    for kind, names in kind_labels().items():
        vi, en = names.get("vi", kind), names.get("en", kind)
        out[kind] = vi if lang == "vi" else en if lang == "en" else f"{vi} ({en})"
    return out


def write_tables(
    tables: Sequence[Table],
    fmt: str,
    path: Path,
    *,
    max_width: int = 0,
    lang: str = "both",
    issued: dt.date | None = None,
) -> None:
    """Write ``tables`` to ``path`` in ``fmt``; XLSX puts each table on its own sheet, dated
    ``issued``; CSV starts with a byte-order mark."""
    if fmt == "xlsx":
        atomic_write(path, xlsx_bytes([sheet_of(t, lang) for t in tables], issued=issued))
        return
    text = render_tables(tables, fmt, max_width=max_width)
    atomic_write(path, BOM + text if fmt == "csv" else text)


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


# Load figures each body node carries in GEXF and GraphML.
LOAD_ATTRIBUTES = (
    "tasks",
    "responsible",
    "lead",
    "partner",
    "reported_to",
    "partners",
    "weighted_degree",
    "betweenness",
)


def picture(
    graph: nx.Graph, data: PlanData, tasks: dict[str, int]
) -> dict[str, tuple[str, float, float, float]]:
    """(colour, size, x, y) of each node as the site draws it: bodies in their kind's colour,
    sized by their load (``tasks``: each body's count), tasks in their timeframe's colour; positions
    from the site's layouts."""
    from .render.kit import FORCE_LAYOUT_UP_TO
    from .render.layout import force_layout, grouped_layout
    from .render.style import KIND_COLOURS, UNKNOWN_KIND_COLOUR, body_size, task_colour

    nodes = sorted(str(n) for n in graph.nodes)
    edges = [(str(u), str(v), float(a.get("weight", 1) or 1)) for u, v, a in graph.edges(data=True)]
    if len(nodes) <= FORCE_LAYOUT_UP_TO:
        spots = force_layout(nodes, edges, scale=600.0)
    else:
        groups = {n: data.bodies[n].place for n in nodes if n in data.bodies}
        groups.update({n: data.tasks[n].plan for n in nodes if n in data.tasks})
        spots = grouped_layout(nodes, edges, groups, scale=1200.0)
    years = [t.due.year for t in data.tasks.values() if t.due]
    first = min(years) if years else 0
    out = {}
    for node in nodes:
        x, y = spots.get(node, (0.0, 0.0))
        task = data.tasks.get(node)
        if task is not None:
            colour = task_colour(
                task.due.isoformat() if task.due else "",
                task.start.isoformat() if task.start else "",
                task.recurrence or "",
                task.condition or "",
                first,
            )
            out[node] = (colour, 8.0, x, y)
        else:
            kind = data.bodies[node].kind if node in data.bodies else ""
            out[node] = (KIND_COLOURS.get(kind, UNKNOWN_KIND_COLOUR), body_size(tasks.get(node, 0)), x, y)
    return out


def _dress(flat: nx.Graph, data: PlanData, fmt: str, table: Table) -> None:
    """Give ``flat`` the site's picture and, for bodies, their load figures (``table``) as attributes."""
    load = {str(row["body"]): row for row in table.records()}
    tasks = {body: int(row["tasks"] or 0) for body, row in load.items()}
    for node, (colour, size, x, y) in picture(flat, data, tasks).items():
        attributes = flat.nodes[node]
        figures = load.get(node)
        if figures is not None:
            for name in LOAD_ATTRIBUTES:
                value = figures.get(name)
                attributes[name] = value if isinstance(value, (int, float)) else 0
        red, green, blue = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        if fmt == "gexf":
            attributes["viz"] = {
                "color": {"r": red, "g": green, "b": blue, "a": 1.0},
                "size": size,
                "position": {"x": x, "y": -y, "z": 0.0},  # the site's y grows downwards
            }
        else:  # GraphML: the names Gephi reads, and the colour as yEd-style hex
            attributes.update(
                {"r": red, "g": green, "b": blue, "color": colour, "size": size, "x": x, "y": -y}
            )


def write_network(
    graph: nx.Graph, fmt: str, path: Path, data: PlanData | None = None, load: Table | None = None
) -> None:
    """GraphML or GEXF of ``graph``, attributes flattened, written atomically; with the plan's
    ``data``, nodes carry the site's colours, sizes and positions and bodies their load
    (``load``, the coordination load table, computed here when not given)."""
    import networkx as nx

    flat = flat_network(graph)
    if data is not None:
        if load is None:
            from .analyse.load import coordination_load

            load = coordination_load(data)
        _dress(flat, data, fmt, load)
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
    atomic_write(paths[0], BOM + nodes.getvalue())
    atomic_write(paths[1], BOM + edges.getvalue())
    return paths


# ---------------------------------------------------------------- responsibility matrix


def matrix_rows(data: PlanData) -> tuple[list[str], list[list[Cell]]]:
    """(body IRIs, one row per task: key, section, text, due date, then a cell per body).

    A cell holds the letters of the body's roles in the task, in the order R
    (responsible), L (lead), P (partner), B (reported to): "RL" is responsible
    and leads.  Bodies are ordered by how many tasks they have a role in.
    """
    counts: dict[str, int] = {}
    for task in data.tasks.values():
        for body in task.bodies():
            counts[body] = counts.get(body, 0) + 1
    bodies = sorted(counts, key=lambda b: (-counts[b], data.label(b)))
    rows: list[list[Cell]] = []
    for task in data.ordered_tasks():
        cells: list[Cell] = [task.key, task.section_key, task.text, task.due]
        for body in bodies:
            cells.append("".join(ROLE_LETTERS[r] for r in ROLES if body in task.roles.get(r, [])))
        rows.append(cells)
    return bodies, rows


MATRIX_HEADINGS = ["task / nhiệm vụ", "section / mục", "text / nội dung", "due / thời hạn"]


def responsibility_matrix(data: PlanData, fmt: str, path: Path) -> None:
    """The tasks x bodies matrix as CSV (``matrix-csv``) or a workbook (``matrix-xlsx``).

    One header row: the task's columns, then each body's Vietnamese name.  The workbook
    adds a sheet ``bodies`` with each column's body in both languages, its kind and IRI.
    """
    bodies, rows = matrix_rows(data)
    headings = [*MATRIX_HEADINGS, *[data.label(b, "vi") for b in bodies]]
    if fmt == "matrix-xlsx":
        words = kind_words("both")
        key: list[list[Cell]] = [
            [
                data.label(b, "vi"),
                data.label(b, "en"),
                words.get(data.bodies[b].kind, data.bodies[b].kind) if b in data.bodies else "",
                b,
            ]
            for b in bodies
        ]
        sheets: list[tuple[str, list[str], Sequence[Sequence[Cell]]]] = [
            ("matrix", headings, rows),
            ("bodies", ["name / tên", "name (English)", "kind / loại", "IRI"], key),
        ]
        atomic_write(path, xlsx_bytes(sheets, issued=issued_date(data)))
        return
    if fmt != "matrix-csv":
        raise OrgGraphError(f"unknown matrix format {fmt!r}")
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([_csv_cell(h) for h in _unique(headings)])
    writer.writerows([[_csv_cell(_iso(cell)) for cell in row] for row in rows])
    atomic_write(path, BOM + buffer.getvalue())


def _iso(value: Cell) -> Value:
    return value.isoformat() if isinstance(value, dt.date) else value
