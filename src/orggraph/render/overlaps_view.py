"""The overlaps view: measures found in several sections, their tasks, and the bodies
responsible or leading."""

from __future__ import annotations

from typing import Any

from ..analyse.data import TaskRecord
from . import kit
from .kit import (
    L,
    Site,
    View,
    active_years,
    add_edge,
    add_node,
    body_node,
    edge_record,
    kind_filters,
    legend_kinds,
    legend_link,
    legend_time,
    measure_node,
    measure_status,
    new_network,
    place_nodes,
    role_edges,
    role_filters,
    task_node,
    view_data,
)
from .style import MEASURE_COLOURS, MEASURE_LABELS, ROLE_LABELS

__all__ = ["overlap_view"]


def overlap_view(site: Site) -> View:
    """Measures found in several sections, with their tasks and the bodies responsible."""
    page = "views/overlaps.html"
    report = site.report
    # Many plans: the findings that matter most first (measures with several leads, then with
    # none, then the rest, each by score; then general tasks repeated), as many as the page holds.
    rank = {"several leads": 0, "no lead": 1, "one lead": 2}
    measures = sorted(report.measures, key=lambda m: (rank[measure_status(m)], -m.score, m.ident))
    pairs = list(report.general_pairs)
    tasks: dict[str, TaskRecord] = {}
    bodies_seen: set[str] = set()
    chosen: list[Any] = []
    general_edges = []

    def room_for(new_tasks: list[TaskRecord], extra: int) -> bool:
        fresh = {t.iri for t in new_tasks if t.iri not in tasks}
        new_bodies = {b for t in new_tasks for b in t.bodies("responsible", "lead")} - bodies_seen
        return (
            len(chosen) + len(tasks) + len(bodies_seen) + extra + len(fresh) + len(new_bodies)
            <= kit.VIEW_NODES_UP_TO
        )

    def take(new_tasks: list[TaskRecord]) -> None:
        for task in new_tasks:
            tasks[task.iri] = task
            bodies_seen.update(task.bodies("responsible", "lead"))

    for measure in measures:
        if not room_for(list(measure.tasks), 1):
            break
        chosen.append(measure)
        take(list(measure.tasks))
    for pair in pairs if len(chosen) == len(measures) else []:
        first, second = site.data.tasks[pair.a], site.data.tasks[pair.b]
        general, specific = (first, second) if site.data.is_general(first) else (second, first)
        if not room_for([general, specific], 0):
            break
        take([general, specific])
        general_edges.append((general, specific, pair.score))
    cut = len(chosen) < len(measures) or len(general_edges) < len(pairs)
    measures = chosen
    ordered = sorted(tasks.values(), key=lambda t: (t.plan, t.line))
    bodies = sorted(bodies_seen)
    links = [(m.ident, t.iri, 2.0) for m in measures for t in m.tasks]
    links += [(b, t.iri, 1.0) for t in ordered for b in t.bodies("responsible", "lead")]
    links += [(g.iri, s.iri, 1.0) for g, s, _ in general_edges]
    nodes = [*(m.ident for m in measures), *tasks, *bodies]
    view_title = L("Trùng lặp, chồng chéo", "Overlapping responsibilities")
    view_description = L("Biện pháp được giao ở nhiều mục", "Measures assigned in several sections")
    positions = place_nodes(site, nodes, links, 1000.0)
    network = new_network()
    for measure in measures:
        add_node(
            network,
            measure_node(site, measure, page, x=positions[measure.ident][0], y=positions[measure.ident][1]),
        )
    for task in ordered:
        add_node(network, task_node(site, task, page, x=positions[task.iri][0], y=positions[task.iri][1]))
    for body in bodies:
        add_node(network, body_node(site, body, page, x=positions[body][0], y=positions[body][1]))
    for measure in measures:
        for task in measure.tasks:
            title = L(
                f"{task.key} thuộc biện pháp {measure.tasks[0].key}",
                f"{task.key} is part of measure {measure.tasks[0].key}",
            )
            add_edge(
                network,
                edge_record(
                    f"m:{measure.ident}|{task.iri}",
                    measure.ident,
                    task.iri,
                    "measure",
                    title,
                    width=2.0,
                    years=active_years(site, task),
                ),
            )
    for general, specific, score in general_edges:
        title = L(
            f"{specific.key} nhắc lại nhiệm vụ chung {general.key} (điểm {score:.2f})",
            f"{specific.key} repeats the general task {general.key} (score {score:.2f})",
        )
        add_edge(
            network,
            edge_record(
                f"g:{general.iri}|{specific.iri}",
                general.iri,
                specific.iri,
                "general",
                title,
                arrows="to",
                years=active_years(site, specific),
            ),
        )
    drawn = role_edges(site, network, ordered, set(bodies))
    legend: list[dict[str, Any]] = [
        *(
            {
                "swatch": "diamond",
                "color": MEASURE_COLOURS[s],
                "label": L(MEASURE_LABELS[s]["vi"], MEASURE_LABELS[s]["en"]),
                "means": f"measure:{s}",
            }
            for s in MEASURE_COLOURS
        ),
        legend_link("measure", L("nhiệm vụ thuộc biện pháp", "task is part of the measure")),
        legend_link("general", L("nhiệm vụ chung → nhiệm vụ nhắc lại", "general task → task repeating it")),
        *(legend_link(r, L(ROLE_LABELS[r]["vi"], ROLE_LABELS[r]["en"])) for r in drawn),
        *legend_kinds(site, bodies),
        *legend_time(site),
    ]
    notes = [
        L(
            "Mỗi hình thoi là một việc mà nhiều mục của kế hoạch cùng giao; màu cho biết có một, không có hay có nhiều cơ quan chủ trì.",
            "Each diamond is one piece of work that several sections of the plan assign; its colour says whether it has one lead, none, or several.",
        )
    ]
    if cut:
        whole = site.whole("exports/overlaps.xlsx", kit.OVERLAPS_COMMAND)
        notes.append(
            L(
                f"Chỉ hiện {len(measures):,} trong {len(report.measures):,} biện pháp (nhiều cơ quan chủ trì trước, "
                f"rồi không có cơ quan chủ trì) và {len(general_edges):,} trong {len(pairs):,} cặp nhiệm vụ chung; "
                f"tất cả: {whole}. Vẽ từng kế hoạch: orggraph render --plan <số hiệu>.",
                f"Showing {len(measures):,} of {len(report.measures):,} measures (several leads first, then no "
                f"lead) and {len(general_edges):,} of {len(pairs):,} general tasks repeated; all of them: "
                f"{whole}. Draw one plan at a time: orggraph render --plan <number>.",
            )
        )
    edge_kinds = role_filters(drawn) + [
        {"value": "measure", "label": L("nhiệm vụ thuộc biện pháp", "task is part of the measure")},
        {"value": "general", "label": L("nhiệm vụ chung → nhắc lại", "general task → repeated")},
    ]
    filters = {"kinds": kind_filters(site, bodies), "roles": edge_kinds}
    return View(page, view_title, view_description, view_data(site, network, legend, filters, notes))
