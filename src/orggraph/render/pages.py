"""HTML of the published pages, written as UTF-8 by us (not by pyvis).

Every text from the graph goes through :func:`html.escape` (static pages) or
into a JSON data block with ``<``, ``>`` and ``&`` escaped (network pages), so
it is shown, never run.  A Content-Security-Policy forbids scripts from
anywhere but the site's own ``lib/`` and any network access at all.
"""

from __future__ import annotations

import html
import json
import posixpath
from typing import Any

from .style import UI
from .views import View, link

__all__ = ["CSP", "bilingual", "embed_json", "network_page", "static_page"]

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'none'; base-uri 'none'; form-action 'none'"
)


def esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def bilingual(vi: object, en: object, tag: str = "span") -> str:
    """Both languages of a text; the stylesheet shows the one chosen."""
    return f'<{tag} lang="vi">{esc(vi)}</{tag}><{tag} lang="en">{esc(en)}</{tag}>'


def embed_json(data: Any) -> str:
    """JSON that is safe inside a <script type="application/json"> element."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")


def _nav(page: str, views: list[tuple[str, dict[str, str]]]) -> str:
    items = [f'<a href="{esc(link(page, "index.html"))}">{bilingual(UI["vi"]["home"], UI["en"]["home"])}</a>']
    for path, title in views:
        items.append(f'<a href="{esc(link(page, path))}">{bilingual(title["vi"], title["en"])}</a>')
    return '<nav class="og-nav">' + "".join(items) + "</nav>"


def _head(page: str, title_vi: str, title_en: str, *, scripts: bool) -> str:
    lib = posixpath.relpath("lib", posixpath.dirname(page) or ".")
    script_tags = ""
    if scripts:
        script_tags = f'<script src="{esc(lib)}/vis-network.min.js"></script>\n'
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CSP}">\n'
        f"<title>{esc(title_vi)} · {esc(title_en)}</title>\n"
        f'<link rel="stylesheet" href="{esc(lib)}/orggraph.css">\n'
        f"{script_tags}"
        f'<script src="{esc(lib)}/orggraph.js"></script>\n'
        "</head>\n"
    )


# The Vietnamese / English switch every page carries in its header.
LANGUAGE_BUTTONS = (
    '<div class="og-lang" role="group" aria-label="Ngôn ngữ / Language">'
    '<button type="button" data-lang-button="vi" aria-pressed="true">Tiếng Việt</button>'
    '<button type="button" data-lang-button="en" aria-pressed="false">English</button>'
    "</div>"
)


def _top(
    page: str, title: dict[str, str], views: list[tuple[str, dict[str, str]]], controls: bool = False
) -> str:
    # On a narrow screen the controls of a network view fold away; this button opens them.
    toggle = (
        '<button type="button" id="og-controls" class="og-controls-toggle" aria-expanded="false" '
        f'aria-controls="og-side">{bilingual("Điều khiển", "Controls")}</button>'
        if controls
        else ""
    )
    return (
        '<header class="og-top">'
        f"<h1>{bilingual(title['vi'], title['en'])}</h1>"
        f"{toggle}"
        f"{_nav(page, views)}"
        f"{LANGUAGE_BUTTONS}</header>\n"
    )


def network_block(view: View, jump: str = "") -> str:
    """A network view's controls (search, filters, legend, details) and its canvas; ``jump``
    (escaped HTML) opens the controls."""
    ui_vi, ui_en = UI["vi"], UI["en"]
    side = (
        '<aside class="og-side" id="og-side">'
        f"<p>{bilingual(view.description['vi'], view.description['en'])}</p>"
        + jump
        + f'<input id="og-search" type="search" autocomplete="off" aria-label="{esc(ui_en["search"])}" '
        f'data-placeholder-vi="{esc(ui_vi["search"])}" data-placeholder-en="{esc(ui_en["search"])}" '
        f'placeholder="{esc(ui_vi["search"])}">'
        '<ul id="og-results"></ul>'
        f'<p class="og-zoom"><button type="button" id="og-whole">{bilingual(ui_vi["whole"], ui_en["whole"])}</button> '
        f'<button type="button" id="og-readable">{bilingual(ui_vi["readable"], ui_en["readable"])}</button></p>'
        f'<h2>{bilingual(ui_vi["kinds"], ui_en["kinds"])}</h2><div id="og-kinds"></div>'
        f'<h2>{bilingual(ui_vi["roles"], ui_en["roles"])}</h2><div id="og-roles"></div>'
        f"<h2>{bilingual(ui_vi['year'], ui_en['year'])}</h2>"
        f'<select id="og-year"><option value="">{esc(ui_vi["all_years"])} / {esc(ui_en["all_years"])}</option></select>'
        ' <span id="og-count"></span>'
        f'<h2>{bilingual(ui_vi["legend"], ui_en["legend"])}</h2><div id="og-legend"></div>'
        f'<h2>{bilingual(ui_vi["details"], ui_en["details"])}</h2><div id="og-details"></div>'
        "</aside>"
    )
    return (
        '<main class="og-view">'
        + side
        + '<div id="og-network" role="img" aria-label="network"></div></main>\n'
        + f'<script type="application/json" id="orggraph-data">{embed_json(view.data)}</script>\n'
    )


def network_page(view: View, views: list[tuple[str, dict[str, str]]], after: str = "") -> str:
    """A network view: controls on the left, the network, the data as JSON; ``after`` (escaped
    HTML, a body's to-do list) below them."""
    page = view.path
    to_do = bilingual("Việc phải làm của cơ quan ↓", "This body's to-do list ↓")
    jump = f'<p><a href="#todo">{to_do}</a></p>' if after else ""
    return (
        _head(page, view.title["vi"], view.title["en"], scripts=True)
        + '<body class="lang-vi" data-page="network">\n'
        + _top(page, view.title, views, controls=True)
        + network_block(view, jump)
        + after
        + "</body>\n</html>\n"
    )


def static_page(page: str, title: dict[str, str], views: list[tuple[str, dict[str, str]]], body: str) -> str:
    """A page without a network (home, timeline, source): ``body`` is already-escaped HTML."""
    return (
        _head(page, title["vi"], title["en"], scripts=False)
        + '<body class="lang-vi" data-page="static">\n'
        + _top(page, title, views)
        + f'<main class="og-page">\n{body}\n</main>\n'
        + "</body>\n</html>\n"
    )
