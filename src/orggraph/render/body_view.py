"""One body's view: its tasks, the bodies it shares them with, and the measures they belong to
(the picture beside its to-do list)."""

from __future__ import annotations

from collections import defaultdict

from ..analyse.data import ROLES
from . import kit
from .kit import (
    L,
    Site,
    View,
    add_edge,
    add_node,
    body_node,
    body_path,
    edge_record,
    kind_filters,
    legend_kinds,
    legend_link,
    legend_time,
    measure_node,
    measure_status,
    new_network,
    role_edges,
    role_filters,
    task_node,
    too_large,
    view_data,
)
from .layout import ego_layout, force_layout
from .style import MEASURE_COLOURS, MEASURE_LABELS, ROLE_LABELS

__all__ = ["ego_view"]


def ego_view(site: Site, body: str) -> View:
    """One body: its tasks, the bodies it shares them with, and the measures they belong to."""
    page = body_path(body)
    data = site.data
    tasks = site.tasks_of.get(body, [])
    others = sorted({b for t in tasks for b in t.bodies()} - {body})
    measures = sorted(
        {
            site.measure_of[t.iri].ident: site.measure_of[t.iri] for t in tasks if t.iri in site.measure_of
        }.items()
    )
    own_tasks = {t.iri for t in tasks}
    links = [(b, t.iri, 1.0) for t in tasks for b in t.bodies()]
    links += [(ident, t.iri, 1.0) for ident, m in measures for t in m.tasks if t.iri in own_tasks]
    nodes = [body, *others, *(t.iri for t in tasks), *(i for i, _ in measures)]
    name = data.label(body, "vi"), data.label(body, "en")
    view_title = L(name[0], name[1])
    view_description = L(
        "Nhiệm vụ, cơ quan cùng làm và biện pháp của cơ quan này",
        "This body's tasks, partners and measures",
    )
    if len(nodes) > kit.VIEW_NODES_UP_TO:
        return too_large(site, page, view_title, view_description, len(nodes))
    if len(nodes) <= kit.EGO_FORCE_LAYOUT_UP_TO and len(site.body_pages) <= kit.EGO_FORCE_PAGES_UP_TO:
        positions = force_layout(nodes, links, iterations=150)
    else:
        neighbours: dict[str, list[str]] = defaultdict(list)
        for a, b, _ in links:
            if a != body:
                neighbours[a].append(b)
        positions = ego_layout(
            body, [t.iri for t in tasks], {n: neighbours[n] for n in nodes[1:] if n not in own_tasks}
        )
    network = new_network()
    centre = body_node(site, body, page, x=positions[body][0], y=positions[body][1])
    centre["borderWidth"] = 4
    centre["links"] = []
    add_node(network, centre)
    for other in others:
        add_node(network, body_node(site, other, page, x=positions[other][0], y=positions[other][1]))
    for task in tasks:
        add_node(network, task_node(site, task, page, x=positions[task.iri][0], y=positions[task.iri][1]))
    own = {t.iri for t in tasks}
    for ident, measure in measures:
        add_node(network, measure_node(site, measure, page, x=positions[ident][0], y=positions[ident][1]))
        for task in measure.tasks:
            if task.iri in own:
                title = L(
                    f"{task.key} thuộc biện pháp {measure.tasks[0].key}",
                    f"{task.key} is part of measure {measure.tasks[0].key}",
                )
                add_edge(
                    network,
                    edge_record(f"m:{ident}|{task.iri}", ident, task.iri, "measure", title, width=2.0),
                )
    role_edges(site, network, tasks, {body, *others})
    legend = (
        legend_kinds(site, [body, *others])
        + [legend_link(r, L(ROLE_LABELS[r]["vi"], ROLE_LABELS[r]["en"])) for r in ROLES]
        + [
            {
                "swatch": "diamond",
                "color": MEASURE_COLOURS[status],
                "means": f"measure:{status}",
                "label": L(
                    f"{MEASURE_LABELS[status]['vi']} (xem trang Trùng lặp)",
                    f"{MEASURE_LABELS[status]['en']} (see the Overlaps view)",
                ),
            }
            for status in MEASURE_COLOURS
            if any(measure_status(m) == status for _, m in measures)
        ]
        + legend_time(site)
    )
    notes = [L("Viền đậm: cơ quan của trang này.", "Thick border: this page's body.")]
    part_of = L("nhiệm vụ thuộc biện pháp", "task is part of the measure")
    if measures:
        legend.append(legend_link("measure", part_of))
    edge_kinds = role_filters(list(ROLES)) + ([{"value": "measure", "label": part_of}] if measures else [])
    filters = {"kinds": kind_filters(site, [body, *others]), "roles": edge_kinds}
    # Drawn in tighter only while the pages are few: the drawing-in is most of a page's cost.
    compact = len(site.body_pages) <= kit.EGO_FORCE_PAGES_UP_TO
    drawn = view_data(site, network, legend, filters, notes, compact=compact)
    return View(page, view_title, view_description, drawn)
