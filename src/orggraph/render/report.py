"""One self-contained HTML file about a plan: what a journalist attaches to an email.

It holds the plan's summary, the coordination load, the overlaps, the coordination network
(drawn offline: the network library and orggraph's script are inside the file) and every
body's to-do list, each a section of the file that the others link to.  Nothing is fetched:
the Content-Security-Policy allows only the file's own scripts, named by their SHA-256.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from ..analyse.data import TaskRecord
from ..analyse.plans import PlanInfo
from .pages import LANGUAGE_BUTTONS, bilingual, esc, network_block
from .site import figures, load_table, measures_table, plan_summary
from .todo import todo_section
from .views import Site, coordination_view

__all__ = ["report_page"]

# Rows of each table shown (the file stays readable; the whole tables are in the exports).
REPORT_ROWS_UP_TO = 60


def _digest(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def _script(code: str) -> str:
    """Inline JavaScript that cannot end its element early ("</script" written "<\\/script", which
    only a string or a regular expression can hold), with line ends as the HTML parser leaves
    them (CR LF read as LF), so its SHA-256 is the one the browser computes."""
    code = code.replace("\r\n", "\n").replace("\r", "\n")
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def report_page(site: Site, plans: list[PlanInfo], *, scripts: list[str], css: str) -> str:
    """The whole report as one HTML document; ``scripts`` (vis-network, orggraph.js) and ``css``
    are put inside it."""
    data = site.data
    anchors = {body: f"b{index}" for index, body in enumerate(site.body_pages, start=1)}

    def body_href(iri: str) -> str | None:
        return "#" + anchors[iri] if iri in anchors else None

    def task_href(task: TaskRecord) -> str | None:
        return None  # the text is in the list itself; the plan's full text is not in the file

    def name(iri: str) -> str:
        label = bilingual(data.label(iri, "vi"), data.label(iri, "en"))
        href = body_href(iri)
        return f'<a href="{esc(href)}">{label}</a>' if href else label

    parts = [plan_summary(info) for info in plans]
    parts.append(figures(site))
    parts.append(f"<h2>{bilingual('Khối lượng phối hợp', 'Coordination load')}</h2>")
    parts.append(
        load_table(
            site, lambda iri: esc(body_href(iri) or "") or None, rows_up_to=REPORT_ROWS_UP_TO, columns=5
        )
    )
    parts.append(
        f"<h2>{bilingual('Biện pháp giao ở nhiều mục', 'Measures assigned in several sections')}</h2>"
    )
    parts.append(measures_table(site, esc, REPORT_ROWS_UP_TO))
    view = coordination_view(site)
    _point_at_sections(view.data, body_href)
    network = f"<h2>{bilingual('Mạng lưới phối hợp', 'Coordination network')}</h2>" + network_block(view)
    lists = [
        todo_section(
            site,
            body,
            "report.html",
            links=(body_href, task_href),
            anchor=anchors[body],
            heading=f'<h2 class="og-body-name">{name(body)}</h2>',
        ).replace("<h2>", "<h3>", 1)
        for body in site.body_pages
    ]
    scripts_html = "".join(f"<script>{_script(code)}</script>\n" for code in scripts)
    csp = (
        "default-src 'none'; script-src "
        + " ".join(_digest(_script(code)) for code in scripts)
        + "; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"
    )
    style = re.sub(r"</(style)", r"<\\/\1", css, flags=re.IGNORECASE)
    title_vi = "Báo cáo trách nhiệm: " + ", ".join(info.identifier for info in plans)
    title_en = "Responsibilities report: " + ", ".join(info.identifier for info in plans)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="vi">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{esc(csp)}">\n'
        f"<title>{esc(title_vi)} · {esc(title_en)}</title>\n"
        f"<style>{style}</style>\n"
        f"{scripts_html}"
        "</head>\n"
        '<body class="lang-vi" data-page="report">\n'
        '<header class="og-top">'
        f"<h1>{bilingual(title_vi, title_en)}</h1>{LANGUAGE_BUTTONS}</header>\n"
        '<div class="og-page">'
        + "\n".join(parts)
        + "</div>\n"
        + network
        + '<div class="og-page">'
        + f"<h2>{bilingual('Việc phải làm của từng cơ quan', 'Each body’s to-do list')}</h2>"
        + "</div>\n"
        + "\n".join(lists)
        + "\n</body>\n</html>\n"
    )


def _point_at_sections(data: dict[str, Any], body_href: Any) -> None:
    """Nodes of the network link to the bodies' sections of this file, not to site pages."""
    for node in data.get("nodes", []):
        href = body_href(node.get("id", "")) if node.get("type") == "body" else None
        node["href"] = href or ""
        node["links"] = (
            [{"href": href, "label": {"vi": "Xem việc phải làm", "en": "See its to-do list"}}] if href else []
        )
