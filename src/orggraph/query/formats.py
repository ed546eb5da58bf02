"""Write query results: an aligned table for people, and the standard formats for programs.

* ``table`` - aligned columns for a terminal; widths count what the eye sees,
  so Vietnamese letters with diacritics take one column; long text is cut
  to ``max_width`` with "…"; IRIs of the orggraph namespaces are shortened.
* ``csv`` / ``tsv`` - SPARQL 1.1 Query Results CSV and TSV (CSV: plain
  values, CRLF line ends; TSV: terms in SPARQL syntax).
* ``json`` - SPARQL 1.1 Query Results JSON.
* ``md`` - a Markdown table.

>>> from orggraph.query.results import Results, Term
>>> r = Results(["name", "tasks"], [(Term.literal("Ban Tổ chức Tỉnh ủy", "vi"), Term.literal("17", datatype="http://www.w3.org/2001/XMLSchema#integer"))])
>>> print(render(r, "table"))
name                 tasks
-------------------  -----
Ban Tổ chức Tỉnh ủy     17
(1 row)
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata

from ..namespaces import ID, PREFIXES, XSD
from ..text import TEXT_LIMIT, drop_controls
from .results import Results, Term

__all__ = ["FORMATS", "aligned", "display_width", "render"]

FORMATS = ("table", "csv", "tsv", "json", "md")
_NUMERIC = {XSD + t for t in ("integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger")}


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: combining marks 0, wide East Asian characters 2."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def _cut(text: str, limit: int) -> str:
    # 0 means "never cut" up to the display limit of any text: padding every row to one huge
    # cell's width would make the table grow as rows × that cell.
    limit = TEXT_LIMIT if limit <= 0 else min(limit, TEXT_LIMIT)
    if len(text) <= limit and display_width(text) <= limit:
        return text
    out = []
    width = 0
    for char in text:
        width += display_width(char)
        if width > limit - 1:
            break
        out.append(char)
    return "".join(out) + "…"


def _short_iri(iri: str) -> str:
    if iri.startswith(ID):
        return iri.rsplit("/", 1)[-1]
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _cell(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        return _short_iri(term.value)
    if term.kind == "bnode":
        return f"_:{term.value}"
    return " ".join(drop_controls(term.value).split())


def _is_numeric(term: Term | None) -> bool:
    return term is not None and term.datatype in _NUMERIC


def fit_widths(widths: list[int], total: int, gap: int = 2, least: int = 6) -> list[int]:
    """Column widths that fit a line of ``total`` characters: the widest columns give way
    first, none below ``least`` (or its own width); a table too wide even then stays so.

    >>> fit_widths([4, 40, 30], 50)
    [4, 21, 21]
    """
    widths = list(widths)
    room = total - gap * (len(widths) - 1)
    while sum(widths) > room:
        widest = max(range(len(widths)), key=lambda i: (widths[i], -i))
        if widths[widest] <= least:
            break
        widths[widest] -= 1
    return widths


def aligned(
    header: list[str], rows: list[list[str]], numeric: list[bool], max_width: int = 60, fit: int | None = None
) -> str:
    """Columns padded to what the eye sees; numbers right-aligned; a row count at the end.

    With ``fit`` (a terminal's width), wide text columns are cut further until each line fits.
    """
    body = [[_cut(cell, max_width) for cell in row] for row in rows]
    widths = [
        max([display_width(header[i])] + [display_width(row[i]) for row in body]) for i in range(len(header))
    ]
    hidden: list[str] = []
    if fit is not None and sum(widths) + 2 * (len(widths) - 1) > fit:
        # The columns that matter come first: keep them, left to right, while each has room
        # (a text column at least 16 characters), and leave the rest out, saying which.
        least = [w if numeric[i] else min(w, 16) for i, w in enumerate(widths)]
        keep: list[int] = []
        used = 0
        for i, need in enumerate(least):
            if keep and used + 2 + need > fit:
                break
            used += need + (2 if keep else 0)
            keep.append(i)
        hidden = [header[i] for i in range(len(header)) if i not in keep]
        header, numeric = [header[i] for i in keep], [numeric[i] for i in keep]
        body = [[row[i] for i in keep] for row in body]
        widths = [widths[i] for i in keep]
        # Numbers keep their width; text columns share what is left, the widest giving way first.
        fixed = sum(w for w, n in zip(widths, numeric, strict=True) if n) + 2 * (len(widths) - 1)
        text = [i for i, n in enumerate(numeric) if not n]
        shares = fit_widths([widths[i] for i in text], fit - fixed, gap=0, least=6)
        for i, width in zip(text, shares, strict=True):
            widths[i] = width
        header = [_cut(h, widths[i]) for i, h in enumerate(header)]
        body = [[_cut(cell, widths[i]) for i, cell in enumerate(row)] for row in body]
        widths = [
            max([display_width(header[i])] + [display_width(row[i]) for row in body])
            for i in range(len(header))
        ]

    def line(cells: list[str]) -> str:
        parts = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - display_width(cell))
            parts.append(pad + cell if numeric[i] else cell + pad)
        return "  ".join(parts).rstrip()

    lines = [line(header), "  ".join("-" * w for w in widths)]
    lines.extend(line(row) for row in body)
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    if hidden:
        note = f"({len(hidden)} more columns: {', '.join(hidden)}; choose with --columns, all with --max-width 0)"
        lines.append(_cut(note, fit or 0))
    return "\n".join(lines)


def _table(results: Results, max_width: int, fit: int | None = None) -> str:
    numeric = [
        bool(results.rows) and all(_is_numeric(row[i]) or row[i] is None for row in results.rows)
        for i in range(len(results.variables))
    ]
    cells = [[_cell(term) for term in row] for row in results.rows]
    return aligned(list(results.variables), cells, numeric, max_width, fit)


def _csv(results: Results) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(results.variables)
    for row in results.rows:
        writer.writerow(
            ["" if t is None else (f"_:{t.value}" if t.kind == "bnode" else t.value) for t in row]
        )
    return buffer.getvalue()


def _tsv_term(term: Term | None) -> str:
    if term is None:
        return ""
    if term.kind == "uri":
        return f"<{term.value}>"
    if term.kind == "bnode":
        return f"_:{term.value}"
    escaped = (
        term.value.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t").replace("\n", "\\n")
    ).replace("\r", "\\r")
    if term.language:
        return f'"{escaped}"@{term.language}'
    if term.datatype == XSD + "integer" and term.value.lstrip("+-").isdigit():
        return term.value
    if term.datatype:
        return f'"{escaped}"^^<{term.datatype}>'
    return f'"{escaped}"'


def _tsv(results: Results) -> str:
    lines = ["\t".join(f"?{name}" for name in results.variables)]
    lines.extend("\t".join(_tsv_term(term) for term in row) for row in results.rows)
    return "\n".join(lines) + "\n"


def _json(results: Results) -> str:
    if results.boolean is not None:
        return json.dumps({"head": {}, "boolean": results.boolean}, ensure_ascii=False, indent=2) + "\n"
    bindings = [
        {name: term.to_json() for name, term in zip(results.variables, row, strict=True) if term is not None}
        for row in results.rows
    ]
    document = {"head": {"vars": results.variables}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _markdown(results: Results) -> str:
    def cell(term: Term | None) -> str:
        return _cell(term).replace("|", "\\|")

    lines = ["| " + " | ".join(results.variables) + " |", "|" + "---|" * len(results.variables)]
    lines.extend("| " + " | ".join(cell(t) for t in row) + " |" for row in results.rows)
    return "\n".join(lines) + "\n"


def render(results: Results, fmt: str = "table", *, max_width: int = 60, fit: int | None = None) -> str:
    """Results as text in ``fmt`` (one of :data:`FORMATS`); a table fits ``fit`` columns if given."""
    if results.turtle is not None:
        return results.turtle
    if results.boolean is not None:
        if fmt == "json":
            return _json(results)
        return "true" if results.boolean else "false"
    if fmt == "table":
        return _table(results, max_width, fit)
    if fmt == "csv":
        return _csv(results)
    if fmt == "tsv":
        return _tsv(results)
    if fmt == "json":
        return _json(results)
    if fmt == "md":
        return _markdown(results)
    raise ValueError(f"unknown format {fmt!r}")
