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

Render draws records only (the analysis hands it the plans, their texts and every figure);
same records, same bytes: the layout is computed here, deterministically.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

from ..analyse.data import PlanData, TaskRecord
from ..analyse.overlaps import OverlapReport
from ..analyse.plans import PlanInfo
from ..analyse.tables import Table
from ..errors import OrgGraphError
from ..files import atomic_write
from .ontology_page import ontology_page
from .pages import network_page
from .site import index_page, source_page, source_path_of, timeline_page
from .todo import todo_section
from .views import Site, View, body_path, coordination_view, ego_view, overlap_view, responsibility_view

__all__ = ["render_site", "write_report"]

_LIB_FILES = ("orggraph.js", "orggraph.css")


def _vis_network() -> bytes:
    from importlib import resources

    lib = resources.files("pyvis") / "templates" / "lib" / "vis-9.1.2" / "vis-network.min.js"
    return lib.read_bytes()


def write_report(
    path: Path, data: PlanData, load: Table, report: OverlapReport, plans: list[PlanInfo]
) -> None:
    """Write the one-file report (see :mod:`orggraph.render.report`) of the plans ``data`` holds
    to ``path``; ``plans`` describes them."""
    from ..resources import resource
    from .report import report_page

    shown = set(data.plans())
    plans = [info for info in plans if info.iri in shown]
    site = Site(data, load, report, {})
    scripts = [_vis_network().decode("utf-8"), resource("site", "orggraph.js").read_text(encoding="utf-8")]
    css = resource("site", "orggraph.css").read_text(encoding="utf-8")
    atomic_write(path, report_page(site, plans, scripts=scripts, css=css))


def render_site(
    folder: Path,
    data: PlanData,
    load: Table,
    report: OverlapReport,
    plans: list[PlanInfo],
    texts: dict[str, str],
    *,
    downloads: list[tuple[str, str]] | None = None,
    named: list[str] | None = None,
) -> list[Path]:
    """Write the site into ``folder`` from records only: ``data`` and its ``load`` and overlap
    ``report``, the ``plans`` it holds and their source ``texts`` (plan IRI -> text; a plan without
    one gets no source page); return the files written.

    ``downloads`` (paths relative to ``folder``, with what each holds) are listed on the home page,
    and ``named`` files (sentences) beside them, not linked.
    """
    from ..resources import resource

    folder = Path(folder)
    shown = set(data.plans())
    plans = [info for info in plans if info.iri in shown]
    sources = {info.iri: source_path_of(info) for info in plans if info.iri in texts}
    site = Site(data, load, report, sources, frozenset(path for path, _ in downloads or []))
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
    tasks_of_plan: dict[str, list[TaskRecord]] = defaultdict(list)
    for task in data.tasks.values():
        tasks_of_plan[task.plan].append(task)
    for info in plans:
        if info.iri in texts:
            write(source_path_of(info), source_page(info, tasks_of_plan[info.iri], texts[info.iri], nav))
    bodies_linked = [(b, body_path(b)) for b in bodies]
    write("index.html", index_page(site, plans, nav, bodies_linked, downloads or [], named or []))
    return written
