"""Tables for people at a terminal: columns padded to what the eye sees and fitted to its width.

Widths count display columns, so a Vietnamese letter with its diacritics takes one column
(combining marks none, wide East Asian characters two); long text is cut with "…".  Every
table a command prints (query results, the load and overlap tables) is printed through here.

>>> print(aligned(["name", "tasks"], [["Ban Tổ chức Tỉnh ủy", "17"]], [False, True]))
name                 tasks
-------------------  -----
Ban Tổ chức Tỉnh ủy     17
(1 row)
"""

from __future__ import annotations

import unicodedata

from .text import TEXT_LIMIT

__all__ = ["aligned", "display_width", "fit_widths"]


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: combining marks 0, wide East Asian characters 2."""
    width = 0
    for char in text:
        if unicodedata.combining(char):
            continue
        width += 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1
    return width


def cut(text: str, limit: int) -> str:
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
    body = [[cut(cell, max_width) for cell in row] for row in rows]
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
        header = [cut(h, widths[i]) for i, h in enumerate(header)]
        body = [[cut(cell, widths[i]) for i, cell in enumerate(row)] for row in body]
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
        lines.append(cut(note, fit or 0))
    return "\n".join(lines)
