"""A saved web page: the act's text found in the page, as plan text.

The page is parsed by the standard library's HTML parser (a tolerant tokenizer, not regular
expressions) into a small tree.  Page furniture goes: scripts, styles, navigation, headers,
footers, side bars, forms, and elements whose class or id says menu, nav, footer, sidebar,
breadcrumb, banner, share, comment or cookie.  The act is the element with the most text that
is not link text (an ``<article>`` or ``<main>`` is preferred when it holds most of it).  Block
elements and ``<br>`` end lines; a ``<table>`` becomes pipe rows (a cell spanning rows is
repeated into each row it spans); list items keep the marker their list shows.

>>> page = ("<html><body><nav><a href='/'>Trang chủ</a></nav><div class='content'>"
...         "<p>KẾ HOẠCH</p><p>1. Sở Tư pháp<br>chủ trì thẩm định.</p>"
...         "<table><tr><td>TT</td><td>Nhiệm vụ</td></tr><tr><td>1</td><td>Rà soát</td></tr></table>"
...         "</div><footer>Bản quyền</footer></body></html>")
>>> print(html_text(page), end="")
KẾ HOẠCH
1. Sở Tư pháp
chủ trì thẩm định.
| TT | Nhiệm vụ |
|---|---|
| 1 | Rà soát |
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

__all__ = ["html_text"]

_DROP = frozenset(
    {
        "script",
        "style",
        "noscript",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "iframe",
        "svg",
        "button",
        "select",
        "template",
        "head",
        "title",
        "meta",
        "link",
    }
)
_FURNITURE = re.compile(
    r"menu|(^|[-_ ])nav|footer|sidebar|breadcrumb|banner|share|comment|cookie|related", re.I
)
_VOID = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "embed", "source", "wbr"}
)
_BLOCK = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "table",
        "tr",
        "section",
        "article",
        "main",
        "blockquote",
        "pre",
        "dd",
        "dt",
        "dl",
        "center",
        "body",
        "html",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "figure",
        "address",
    }
)
_SPACE = re.compile(r"\s+")


@dataclass
class _Element:
    tag: str
    attrs: dict[str, str]
    children: list[_Element | str] = field(default_factory=list)
    parent: _Element | None = None


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = _Element("#root", {})
        self.current = self.root

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = _Element(tag, {k: v or "" for k, v in attrs}, parent=self.current)
        self.current.children.append(element)
        if tag not in _VOID:
            self.current = element

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.current.children.append(_Element(tag, {k: v or "" for k, v in attrs}, parent=self.current))

    def handle_endtag(self, tag: str) -> None:
        node: _Element | None = self.current
        while node is not None and node.tag != tag:
            node = node.parent
        if node is not None and node.parent is not None:
            self.current = node.parent  # closes what was left open inside it, as browsers do

    def handle_data(self, data: str) -> None:
        self.current.children.append(data)


def _is_furniture(element: _Element) -> bool:
    if element.tag in _DROP:
        return True
    names = f"{element.attrs.get('class', '')} {element.attrs.get('id', '')} {element.attrs.get('role', '')}"
    return (
        bool(names.strip()) and _FURNITURE.search(names) is not None and element.tag not in ("body", "html")
    )


def _prune(element: _Element) -> None:
    element.children = [c for c in element.children if isinstance(c, str) or not _is_furniture(c)]
    for child in element.children:
        if isinstance(child, _Element):
            _prune(child)


def _text_size(element: _Element, in_link: bool = False) -> tuple[int, int]:
    """(all text, text inside links) lengths."""
    total = linked = 0
    for child in element.children:
        if isinstance(child, str):
            size = len(child.strip())
            total += size
            linked += size if in_link else 0
        else:
            t, li = _text_size(child, in_link or child.tag == "a")
            total += t
            linked += li
    return total, linked


def _main(root: _Element) -> _Element:
    """The element that holds the act: most non-link text, preferring article/main."""
    best, best_score = root, -1
    stack = [root]
    total, linked = _text_size(root)
    whole = total - linked
    while stack:
        element = stack.pop()
        stack.extend(c for c in element.children if isinstance(c, _Element))
        if element.tag in ("article", "main") or "content" in element.attrs.get("class", "").lower():
            size, in_links = _text_size(element)
            if size - in_links >= 0.6 * whole and size - in_links > best_score:
                best, best_score = element, size - in_links
    return best


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []
        self.line: list[str] = []

    def text(self, data: str) -> None:
        self.line.append(data)

    def end_line(self) -> None:
        text = _SPACE.sub(" ", "".join(self.line)).strip()
        if text:
            self.lines.append(text)
        self.line = []


def _cell_text(cell: _Element) -> str:
    writer = _Writer()
    _write(cell, writer)
    writer.end_line()
    return " ".join(writer.lines).replace("|", "/")


def _fill_spans(cells: list[str], spanning: dict[int, tuple[str, int]]) -> None:
    """Repeat into this row the cells of rows above that span down to it."""
    while len(cells) in spanning:
        text, left = spanning.pop(len(cells))
        if left > 1:
            spanning[len(cells)] = (text, left - 1)
        cells.append(text)


def _table(table: _Element, writer: _Writer) -> None:
    writer.end_line()
    rows: list[_Element] = []
    stack = [table]
    while stack:
        element = stack.pop(0)
        for child in element.children:
            if isinstance(child, _Element):
                if child.tag == "tr":
                    rows.append(child)
                elif child.tag in ("thead", "tbody", "tfoot"):
                    stack.append(child)
    spanning: dict[int, tuple[str, int]] = {}  # column -> (text, rows it still fills)
    for number, row in enumerate(rows):
        cells: list[str] = []

        for cell in (c for c in row.children if isinstance(c, _Element) and c.tag in ("td", "th")):
            _fill_spans(cells, spanning)
            text = _cell_text(cell)
            rowspan = cell.attrs.get("rowspan", "1")
            if rowspan.isdigit() and int(rowspan) > 1:
                spanning[len(cells)] = (text, int(rowspan) - 1)
            cells.append(text)
        _fill_spans(cells, spanning)
        if any(cells):
            writer.lines.append("| " + " | ".join(cells) + " |")
            if number == 0:
                writer.lines.append("|" + "---|" * len(cells))


def _write(element: _Element, writer: _Writer, marker: str = "") -> None:
    counter = 0
    for child in element.children:
        if isinstance(child, str):
            writer.text(child)
            continue
        tag = child.tag
        if tag == "br":
            writer.end_line()
        elif tag == "table":
            _table(child, writer)
        elif tag == "li":
            writer.end_line()
            counter += 1
            if element.tag == "ol":
                writer.text(f"{counter}. ")
            elif element.tag == "ul":
                writer.text("- ")
            _write(child, writer)
            writer.end_line()
        elif tag in _BLOCK:
            writer.end_line()
            _write(child, writer)
            writer.end_line()
        else:
            _write(child, writer)


def html_text(page: str) -> str:
    """The act's text in a saved web page, one block a line."""
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    _prune(builder.root)
    writer = _Writer()
    _write(_main(builder.root), writer)
    writer.end_line()
    return "\n".join(writer.lines) + "\n"
