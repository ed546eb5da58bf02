"""The published site: interactive views of the graph that open offline from a clone.

``render_site`` writes, under the site folder:

* ``lib/``: vis-network (from the installed pyvis package) and the site's own
  script and stylesheet, once for all pages;
* ``views/coordination.html``, ``views/responsibility.html``,
  ``views/overlaps.html``, ``views/timeline.html`` and one
  ``views/body/<scope>/<key>.html`` per body;
* ``source/<plan>.html``: the plan's text with every task marked, where
  tooltips link to;
* ``index.html``: the plan, its figures, links to every view, the load and
  overlap tables and the downloads.

Same graph, same bytes: the layout is computed here, deterministically.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from ..analyse.data import PlanData
from ..analyse.overlaps import OverlapReport
from ..analyse.tables import Table
from ..errors import OrgGraphError
from ..query.backends import Backend
from ..store import atomic_write
from .ontology_page import ontology_page
from .pages import network_page
from .site import PlanInfo, index_page, plan_info, source_page, timeline_page
from .todo import todo_section
from .views import Site, View, body_path, coordination_view, ego_view, overlap_view, responsibility_view

__all__ = ["render_site", "write_report"]

_LIB_FILES = ("orggraph.js", "orggraph.css")


def _vis_network() -> bytes:
    from importlib import resources

    lib = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return lib.read_bytes()


def _source_text(info: PlanInfo, root: Path) -> str | None:
    """The plan's source text if it is where the graph says and still the same text.

    A graph is untrusted: its source name must be a relative path inside the source root (no
    absolute path, no ".."), and the file must have the digest the graph states; a graph without
    a digest gets no source page.  orggraph never reads a file the user did not name."""
    if not info.source_name or not info.source_sha256:
        return None
    name = Path(info.source_name)
    if name.is_absolute() or ".." in name.parts or "\x00" in info.source_name:
        return None
    from ..errors import InputError
    from ..pipeline import source_path
    from ..read.inputs import text_from_bytes

    path = source_path(info.source_name, root)
    if path is None:
        return None
    try:
        text = text_from_bytes(path.read_bytes(), path.suffix)  # the text as read, whatever the format
    except InputError:
        return None
    if info.source_sha256 and hashlib.sha256(text.encode("utf-8")).hexdigest() != info.source_sha256:
        return None
    return text


def write_report(graph: Backend, path: Path, data: PlanData, load: Table, report: OverlapReport) -> None:
    """Write the one-file report of ``graph`` (see :mod:`orggraph.render.report`) to ``path``."""
    from ..resources import resource
    from .report import report_page

    shown = set(data.plans())
    plans = [info for info in plan_info(graph) if info.iri in shown]
    site = Site(data, load, report, {})
    scripts = [_vis_network().decode("utf-8"), resource("site", "orggraph.js").read_text(encoding="utf-8")]
    css = resource("site", "orggraph.css").read_text(encoding="utf-8")
    atomic_write(path, report_page(site, plans, scripts=scripts, css=css))


def render_site(
    graph: Backend,
    folder: Path,
    data: PlanData,
    load: Table,
    report: OverlapReport,
    *,
    source_root: Path = Path("."),
    downloads: list[tuple[str, str]] | None = None,
) -> list[Path]:
    """Write the site of ``graph`` (the store ``data`` was read from) into ``folder``; return
    the files written.

    ``downloads`` (paths relative to ``folder``, with what each holds) are listed on the home page.
    """
    from ..resources import resource

    folder = Path(folder)
    shown = set(data.plans())
    plans = [info for info in plan_info(graph) if info.iri in shown]
    sources: dict[str, str] = {}
    texts: dict[str, str] = {}
    for info in plans:
        text = _source_text(info, source_root)
        if text is not None:
            sources[info.iri] = info.source_page
            texts[info.iri] = text
    site = Site(data, load, report, sources)
    written: list[Path] = []

    root = folder.resolve()

    def write(path: str, content: str | bytes) -> None:
        target = folder / path
        if not target.resolve().is_relative_to(root):  # pages are named from untrusted IRIs
            raise OrgGraphError(f"refusing to write {path!r} outside {folder}")
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(target, content)
        written.append(target)

    write("lib/vis-network.min.js", _vis_network())
    for name in _LIB_FILES:
        write(f"lib/{name}", resource("site", name).read_bytes())

    main_views: list[View] = [coordination_view(site), responsibility_view(site), overlap_view(site)]
    timeline_title = {"vi": "Dòng thời gian", "en": "Timeline"}
    nav = [(v.path, v.title) for v in main_views] + [("views/timeline.html", timeline_title)]
    for view in main_views:
        write(view.path, network_page(view, nav))
    bodies = site.body_pages
    for body in bodies:
        view = ego_view(site, body)
        write(view.path, network_page(view, nav, todo_section(site, body, view.path)))
    write("views/timeline.html", timeline_page(site, nav, timeline_title))
    write("ontology.html", ontology_page(nav))
    for info in plans:
        if info.iri in texts:
            write(info.source_page, source_page(info, data, texts[info.iri], nav))
    write("index.html", index_page(site, plans, nav, [(b, body_path(b)) for b in bodies], downloads or []))
    return written
