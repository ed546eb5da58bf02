"""A body's to-do list: every task it has a role in, grouped by that role, as a table a reader
can scan, sort by deadline and follow to the plan's text.

Each task appears once, under the body's first role in the order *leads*, *responsible*,
*partner*, *reported to* (a body that is responsible and leads sees the task under "leads").
Rows give the task's code (linked to its sentence in the source text when the site has it),
its deadline in words and as a date to sort by, the text, the other bodies on the task with
their roles (linked to their pages), and the tasks it overlaps with (the same measure).
"""

from __future__ import annotations

from collections.abc import Callable

from ..analyse.data import TaskRecord
from .pages import bilingual, esc
from .style import ROLE_LABELS, TIME_LABELS
from .views import Site, body_path, link

__all__ = ["ORDER", "site_links", "todo_section"]

# The order roles are listed in: what the body must do itself first.
ORDER = ("lead", "responsible", "partner", "reportsTo")
_HEADINGS = {
    "lead": ("Chủ trì", "Leads"),
    "responsible": ("Chịu trách nhiệm", "Responsible for"),
    "partner": ("Phối hợp", "Partner in"),
    "reportsTo": ("Được tham mưu, báo cáo", "Reported to"),
}


def _role_of(task: TaskRecord, body: str) -> str | None:
    return next((role for role in ORDER if body in task.roles.get(role, [])), None)


def _deadline(task: TaskRecord) -> tuple[str, str, str]:
    """(sort key, Vietnamese, English): a date sorts by itself; undated tasks last."""
    if task.due is not None:
        day = task.due.isoformat()
        return day, f"hạn {day}", f"due {day}"
    if task.recurrence:
        words = TIME_LABELS[task.recurrence]
        return "9999-1-" + task.recurrence, words["vi"], words["en"]
    if task.condition:
        return "9999-2", "chờ: " + task.condition, "waits on: " + task.condition
    if task.start is not None:
        day = task.start.isoformat()
        return "9999-3-" + day, f"từ {day}", f"from {day}"
    return "9999-4", "không có thời hạn", "no timeframe"


Links = Callable[[str], str | None]  # a body's IRI -> where its to-do list is (None: nowhere)


def site_links(site: Site, page: str) -> tuple[Links, Callable[[TaskRecord], str | None]]:
    """Where a site page at ``page`` links bodies (their pages) and tasks (their sentences)."""

    def body_href(iri: str) -> str | None:
        return link(page, body_path(iri)) if iri in site.has_page else None

    def task_href(task: TaskRecord) -> str | None:
        source = site.sources.get(task.plan)
        return link(page, source) + "#task-" + task.key if source else None

    return body_href, task_href


def _others(site: Site, task: TaskRecord, body: str, body_href: Links) -> str:
    parts = []
    for role in ORDER:
        for other in task.roles.get(role, []):
            if other == body:
                continue
            vi, en = site.data.label(other, "vi"), site.data.label(other, "en")
            name = bilingual(vi, en)
            href = body_href(other)
            if href:
                name = f'<a href="{esc(href)}">{name}</a>'
            parts.append(f"{name} ({bilingual(ROLE_LABELS[role]['vi'], ROLE_LABELS[role]['en'])})")
    return "<br>".join(parts) or "—"


def _overlaps(site: Site, task: TaskRecord) -> str:
    measure = site.measure_of.get(task.iri)
    if measure is None:
        return ""
    keys = ", ".join(k for k in measure.keys if k != task.key)
    return bilingual(f"cùng biện pháp với {keys}", f"same measure as {keys}")


def _row(
    site: Site,
    task: TaskRecord,
    body: str,
    order: int,
    body_href: Links,
    task_href: Callable[[TaskRecord], str | None],
) -> str:
    sort_key, when_vi, when_en = _deadline(task)
    source = task_href(task)
    code = esc(task.key)
    text = esc(task.text)
    if source:
        anchor = esc(source)
        code = f'<a href="{anchor}">{code}</a>'
        text = f'{text} <a class="og-to-source" href="{anchor}">{bilingual("(văn bản)", "(text)")}</a>'
    return (
        f'<tr data-due="{esc(sort_key)}" data-order="{order}">'
        f'<td class="og-code">{code}</td>'
        f'<td class="og-when">{bilingual(when_vi, when_en)}</td>'
        f"<td>{text}</td>"
        f"<td>{_others(site, task, body, body_href)}</td>"
        f"<td>{_overlaps(site, task)}</td>"
        "</tr>"
    )


def todo_section(
    site: Site,
    body: str,
    page: str,
    *,
    links: tuple[Links, Callable[[TaskRecord], str | None]] | None = None,
    anchor: str = "todo",
    heading: str = "",
) -> str:
    """The HTML (escaped) of ``body``'s to-do list, for its page at ``page``; ``links`` say where
    bodies and tasks link to (by default the site's pages), ``anchor`` is the section's id and
    ``heading`` (escaped HTML) goes before the list's own heading."""
    body_href, task_href = links or site_links(site, page)
    groups: dict[str, list[TaskRecord]] = {role: [] for role in ORDER}
    for task in site.tasks_of.get(body, []):
        role = _role_of(task, body)
        if role is not None:
            groups[role].append(task)
    total = sum(len(tasks) for tasks in groups.values())
    head = (
        "<tr>"
        f"<th>{bilingual('Nhiệm vụ', 'Task')}</th>"
        f'<th><button type="button" class="og-sort-due">{bilingual("Thời hạn ↕", "Deadline ↕")}</button></th>'
        f"<th>{bilingual('Nội dung', 'What')}</th>"
        f"<th>{bilingual('Cơ quan cùng làm', 'With')}</th>"
        f"<th>{bilingual('Trùng lặp', 'Overlaps')}</th>"
        "</tr>"
    )
    out = [
        f'<section class="og-todo" id="{esc(anchor)}">',
        heading,
        f"<h2>{bilingual(f'Việc phải làm: {total} nhiệm vụ', f'To-do list: {total} tasks')}</h2>",
    ]
    order = 0
    for role in ORDER:
        tasks = groups[role]
        if not tasks:
            continue
        vi, en = _HEADINGS[role]
        out.append(f"<h3>{bilingual(f'{vi} ({len(tasks)})', f'{en} ({len(tasks)})')}</h3>")
        out.append(
            f'<table class="og-table og-todo-table" data-role="{esc(role)}"><thead>{head}</thead><tbody>'
        )
        for task in tasks:
            out.append(_row(site, task, body, order, body_href, task_href))
            order += 1
        out.append("</tbody></table>")
    out.append("</section>")
    return "\n".join(out)
