"""The site's static pages: home, timeline (a heat map of tasks per body and year), source text."""

from __future__ import annotations

import math
import posixpath
from collections.abc import Callable

from ..analyse.data import TaskRecord
from ..analyse.plans import PlanInfo
from ..namespaces import ID
from ..read.citations import DOCUMENT_TYPES
from .kit import OVERLAPS_COMMAND
from .pages import bilingual, esc, static_page
from .style import UI
from .views import Site, link

__all__ = ["index_page", "source_page", "source_path_of", "timeline_page"]


def source_path_of(info: PlanInfo) -> str:
    """Where the site puts the source-text page of ``info``'s plan."""
    from .views import site_path

    tail = info.iri[len(ID) + len("plan/") :] if info.iri.startswith(ID + "plan/") else info.identifier
    return site_path("source/", tail)


def _date_vi(iso: str) -> str:
    return f"{iso[8:10]}/{iso[5:7]}/{iso[:4]}" if len(iso) == 10 else iso


def _date_en(iso: str) -> str:
    months = "Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()
    return f"{int(iso[8:10])} {months[int(iso[5:7]) - 1]} {iso[:4]}" if len(iso) == 10 else iso


def _doc_type_en(vi: str) -> str:
    for name_vi, name_en in DOCUMENT_TYPES.values():
        if name_vi.lower() == vi.lower():
            return name_en
    return vi


def plan_summary(info: PlanInfo) -> str:
    issuer_vi = "; ".join(vi for vi, _ in info.issuers)
    issuer_en = "; ".join(en for _, en in info.issuers)
    place_vi = (
        f" (tỉnh {info.place_vi})"
        if info.place_vi and not info.place_vi.startswith(("Việt", "tỉnh"))
        else (f" ({info.place_vi})" if info.place_vi else "")
    )
    place_en = f" ({info.place_en})" if info.place_en else ""
    acts_vi = ", ".join(vi for vi, _ in info.implements)
    acts_en = ", ".join(en for _, en in info.implements)
    vi = f"{info.doc_type or 'Kế hoạch'} số {info.identifier} ngày {_date_vi(info.issued)} của {issuer_vi}{place_vi}"
    en = f"{_doc_type_en(info.doc_type or 'Kế hoạch')} {info.identifier} of {_date_en(info.issued)} by the {issuer_en}{place_en}"
    if acts_vi:
        vi += f", thực hiện {acts_vi}"
        en += f", implementing {acts_en}"
    return f"<p>{bilingual(vi + '.', en + '.')}</p><p><em>{esc(info.title)}</em></p>"


def html_table(headings: list[tuple[str, str, bool]], rows: list[list[str]]) -> str:
    """An HTML table; ``headings`` are (vi, en, numeric); cells are already-escaped HTML."""
    numeric = ' class="num"'
    head = "".join(
        f"<th{numeric if is_number else ''}>{bilingual(vi, en)}</th>" for vi, en, is_number in headings
    )
    body = []
    for row in rows:
        cells = "".join(f"<td{numeric if headings[i][2] else ''}>{cell}</td>" for i, cell in enumerate(row))
        body.append(f"<tr>{cells}</tr>")
    return f'<table class="og-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>'


# The home page shows at most this many rows of each finding; the exports hold them all.
INDEX_ROWS_UP_TO = 100


def _more(site: Site, total: int, page: str) -> str:
    """A line saying a table of overlaps on the page is cut, and where the whole table is
    (the export, or when the site does not hold it the command); "" if it is not cut."""
    if total <= INDEX_ROWS_UP_TO:
        return ""
    where = site.whole("exports/overlaps.xlsx", OVERLAPS_COMMAND)
    shown = (
        f'<a href="{esc(link(page, where))}">{esc(where)}</a>' if where != OVERLAPS_COMMAND else esc(where)
    )
    return (
        f"<p>{bilingual(f'Chỉ hiện {INDEX_ROWS_UP_TO} trong {total:,} dòng; bảng đầy đủ:', f'Showing {INDEX_ROWS_UP_TO} of {total:,} rows; the whole table:')} "
        f"{shown}</p>"
    )


def _task_codes(site: Site, codes: object, page: str) -> str:
    """Task codes ("B.III.5.8, B.III.10.1"), each linked to its sentence in the plan's text when
    the code names one task and the site has its plan's text."""
    out = []
    for code in str(codes).split(", "):
        plans = site.plans_of_key.get(code, [])
        source = site.sources.get(plans[0]) if len(plans) == 1 else None
        if source:
            href = link(page, source) + "#task-" + code
            out.append(f'<a href="{esc(href)}">{esc(code)}</a>')
        else:
            out.append(esc(code))
    return ", ".join(out)


def figures(site: Site) -> str:
    """The plan's figures in a row: tasks, bodies with a role, and each kind of finding."""
    report = site.report
    counts = [
        ("nhiệm vụ", "tasks", len(site.data.tasks)),
        ("cơ quan có vai trò", "bodies with a role", len(site.load.rows)),
        ("biện pháp giao ở nhiều mục", "measures in several sections", len(report.measures)),
        ("phối hợp một chiều", "one-sided partner links", len(report.reciprocity.rows)),
        ("xung đột chủ trì", "lead conflicts", len(report.lead_conflicts.rows)),
    ]
    return (
        '<ul class="og-figures">'
        + "".join(f"<li><strong>{n}</strong>{bilingual(vi, en)}</li>" for vi, en, n in counts)
        + "</ul>"
    )


# The load table's figures as pages show them: (column, Vietnamese, English) heading.
LOAD_COLUMNS = (
    ("tasks", "nhiệm vụ", "tasks"),
    ("responsible", "chịu trách nhiệm", "responsible"),
    ("lead", "chủ trì", "leads"),
    ("partner", "phối hợp", "partner"),
    ("reported_to", "được báo cáo", "reported to"),
    ("partners", "cơ quan cùng làm", "partners"),
    ("betweenness", "độ trung gian", "betweenness"),
)


def load_table(site: Site, href: Callable[[str], str | None], *, rows_up_to: int, columns: int) -> str:
    """The coordination load of the first ``rows_up_to`` bodies: each name (linked where
    ``href`` gives a link, escaped) and the first ``columns`` of :data:`LOAD_COLUMNS`."""
    shown = LOAD_COLUMNS[:columns]
    rows = []
    for row in site.load.records()[:rows_up_to]:
        name = bilingual(row["body_vi"], row["body_en"])
        target = href(str(row["body"]))
        rows.append(
            [f'<a href="{target}">{name}</a>' if target else name, *[esc(row[c]) for c, _, _ in shown]]
        )
    return html_table([("cơ quan", "body", False), *[(vi, en, True) for _, vi, en in shown]], rows)


def measures_table(site: Site, codes: Callable[[object], str], rows_up_to: int = 0) -> str:
    """The measures assigned in several sections (the first ``rows_up_to`` of them, by
    default :data:`INDEX_ROWS_UP_TO`); ``codes`` writes a cell of task codes."""
    rows = [
        [
            codes(record["tasks"]),
            esc(record["sections"]),
            bilingual(record["leads_vi"] or "—", record["leads_en"] or "—"),
            esc(str(record["shared_phrases"]).split(" | ")[0]),
        ]
        for record in site.report.measures_table.records()[: rows_up_to or INDEX_ROWS_UP_TO]
    ]
    return html_table(
        [
            ("nhiệm vụ", "tasks", False),
            ("số mục", "sections", True),
            ("chủ trì", "leads", False),
            ("cụm từ chung", "shared phrase", False),
        ],
        rows,
    )


def index_page(
    site: Site,
    plans: list[PlanInfo],
    nav: list[tuple[str, dict[str, str]]],
    bodies: list[tuple[str, str]],
    downloads: list[tuple[str, str]],
    named: list[str] | None = None,
) -> str:
    """The home page; ``downloads`` are (path relative to the site folder, what it is)."""
    page = "index.html"
    data, report = site.data, site.report
    parts = [plan_summary(info) for info in plans]
    parts.append(figures(site))
    parts.append(f'<h2>{bilingual("Các góc nhìn", "Views")}</h2><div class="og-cards">')
    descriptions = {
        "views/coordination.html": (
            "Ai phối hợp với ai, ai chủ trì, ai được báo cáo.",
            "Who works with whom, who leads, who is reported to.",
        ),
        "views/responsibility.html": (
            "Mọi nhiệm vụ và cơ quan có vai trò trong đó.",
            "Every task and the bodies with a role in it.",
        ),
        "views/overlaps.html": (
            "Việc được giao ở nhiều mục của kế hoạch.",
            "Work the plan assigns in several sections.",
        ),
        "views/timeline.html": ("Số nhiệm vụ của mỗi cơ quan theo năm.", "Tasks per body per year."),
    }
    for path, title in nav:
        vi, en = descriptions.get(path, ("", ""))
        parts.append(
            f'<div class="og-card"><h3><a href="{esc(link(page, path))}">{bilingual(title["vi"], title["en"])}</a></h3>'
            f"<p>{bilingual(vi, en)}</p></div>"
        )
    parts.append("</div>")
    parts.append(f"<h2>{bilingual('Trang của từng cơ quan', 'One page per body')}</h2>")
    with_role = len(site.load.rows)
    if len(bodies) < with_role:
        parts.append(
            bilingual(
                f"Trang riêng cho {len(bodies):,} trong {with_role:,} cơ quan (nhiều nhiệm vụ nhất); "
                'nhiệm vụ của cơ quan khác: orggraph query tasks --body "TÊN".',
                f"Pages of their own for {len(bodies):,} of {with_role:,} bodies (those with the most tasks); "
                'any other body\'s tasks: orggraph query tasks --body "NAME".',
                "p",
            )
        )
    parts.append('<ul class="og-bodies">')
    for iri, path in bodies:
        parts.append(
            f'<li><a href="{esc(link(page, path))}">{bilingual(data.label(iri, "vi"), data.label(iri, "en"))}</a></li>'
        )
    parts.append("</ul>")

    parts.append(f"<h2>{bilingual('Khối lượng phối hợp', 'Coordination load')}</h2>")
    parts.append(
        load_table(site, lambda iri: esc(link(page, _body(iri))), rows_up_to=15, columns=len(LOAD_COLUMNS))
    )
    if "exports/load.xlsx" in site.downloads:  # a very large one is left out
        parts.append(
            f'<p><a href="{esc(link(page, "exports/load.xlsx"))}">{bilingual("Bảng đầy đủ (Excel)", "Full table (Excel)")}</a></p>'
        )

    parts.append(
        f"<h2>{bilingual('Biện pháp giao ở nhiều mục', 'Measures assigned in several sections')}</h2>"
    )
    parts.append(
        measures_table(site, lambda codes: _task_codes(site, codes, page))
        + _more(site, len(report.measures_table.rows), page)
    )
    parts.append(f"<h2>{bilingual('Phối hợp một chiều', 'One-sided partner links')}</h2>")
    rows = [
        [
            bilingual(r["body_vi"], r["body_en"]),
            bilingual(r["partner_vi"], r["partner_en"]),
            _task_codes(site, r["task"], page),
            esc(r["text"]),
        ]
        for r in report.reciprocity.records()[:INDEX_ROWS_UP_TO]
    ]
    parts.append(
        html_table(
            [
                ("cơ quan nêu", "body naming", False),
                ("bên phối hợp", "partner", False),
                ("nhiệm vụ", "task", False),
                ("nội dung", "text", False),
            ],
            rows,
        )
        + _more(site, len(report.reciprocity.rows), page)
    )
    parts.append(f"<h2>{bilingual('Xung đột chủ trì', 'Lead conflicts')}</h2>")
    rows = [
        [
            _task_codes(site, r["tasks"], page),
            bilingual(
                "không có cơ quan chủ trì" if r["conflict"] == "no lead" else "nhiều cơ quan chủ trì",
                str(r["conflict"]),
            ),
            bilingual(r["leads_vi"] or "—", r["leads_en"] or "—"),
        ]
        for r in report.lead_conflicts.records()[:INDEX_ROWS_UP_TO]
    ]
    parts.append(
        html_table(
            [("nhiệm vụ", "tasks", False), ("xung đột", "conflict", False), ("chủ trì", "leads", False)], rows
        )
        + _more(site, len(report.lead_conflicts.rows), page)
    )

    parts.append(f"<h2>{bilingual('Tải về', 'Downloads')}</h2><ul>")
    for path, what in downloads:
        parts.append(
            f'<li><a href="{esc(link(page, path))}">{esc(posixpath.basename(path))}</a>: {esc(what)}</li>'
        )
    parts.extend(f"<li>{esc(sentence)}</li>" for sentence in named or [])
    parts.append("</ul>")
    title = {"vi": "orggraph: trách nhiệm trong kế hoạch", "en": "orggraph: responsibilities in the plan"}
    return static_page(page, title, nav, "\n".join(parts))


def _body(iri: object) -> str:
    from .views import body_path

    return body_path(str(iri))


def timeline_page(site: Site, nav: list[tuple[str, dict[str, str]]], title: dict[str, str]) -> str:
    """Tasks per body per year, as a heat map table."""
    page = "views/timeline.html"
    years = [c.name for c in site.load.columns if c.name.startswith("y") and c.name[1:].isdigit()]
    extra = [
        ("annual", "hằng năm", "annual"),
        ("continuous", "thường xuyên", "continuous"),
        ("conditional", "chờ Trung ương", "waits on the Centre"),
        ("undated", "không thời hạn", "no timeframe"),
    ]
    records = site.load.records()[: len(site.body_pages)]
    peak = max([int(r[c] or 0) for r in records for c in years + [e[0] for e in extra]] + [1])
    rows = []
    for record in records:
        name = bilingual(record["body_vi"], record["body_en"])
        if str(record["body"]) in site.has_page:
            name = f'<a href="{esc(link(page, _body(record["body"])))}">{name}</a>'
        cells = [name]
        for column in years + [e[0] for e in extra]:
            count = int(record[column] or 0)
            level = 0 if count == 0 else min(5, math.ceil(5 * count / peak))
            cells.append(f'<span class="og-heat og-heat-{level}">{count}</span>')
        rows.append(cells)
    headings = (
        [("cơ quan", "body", False)]
        + [(y[1:], y[1:], True) for y in years]
        + [(vi, en, True) for _, vi, en in extra]
    )
    table = html_table(headings, rows)
    if len(site.load.rows) > len(records):
        whole = site.whole("exports/load.csv", "orggraph load --format csv -o load.csv")
        table += bilingual(
            f"Chỉ hiện {len(records):,} trong {len(site.load.rows):,} cơ quan (nhiều nhiệm vụ nhất); "
            f"bảng đầy đủ: {whole}.",
            f"Showing {len(records):,} of {len(site.load.rows):,} bodies (the most tasks); "
            f"the whole table: {whole}.",
            "p",
        )
    # Colour whole cells, not only the numbers.
    for level in range(6):
        table = table.replace(
            f'<td class="num"><span class="og-heat og-heat-{level}">',
            f'<td class="num og-heat-{level}"><span>',
        )
    # The legend: which counts each shade stands for (shade k: above (k-1)/5 of the peak, up to k/5).
    bands = []
    for level in range(6):
        low = 0 if level == 0 else math.floor(peak * (level - 1) / 5) + 1
        high = 0 if level == 0 else math.floor(peak * level / 5)
        if level and low > high:
            continue
        label = str(low) if low == high else f"{low}–{high}"
        bands.append(f'<span class="og-heat-key og-heat-{level}">{label}</span>')
    legend = (
        '<p class="og-heat-legend">'
        + bilingual("Màu ô: số nhiệm vụ", "Cell colour: number of tasks", "span")
        + " "
        + " ".join(bands)
        + "</p>\n"
    )
    intro = bilingual(
        "Số nhiệm vụ mỗi cơ quan chịu trách nhiệm, chủ trì hoặc phối hợp đang thực hiện trong từng năm; "
        "nhiệm vụ hằng năm, thường xuyên, chờ Trung ương hoặc không có thời hạn được tính riêng. "
        "Một nhiệm vụ có hạn tính từ năm bắt đầu (hoặc năm ban hành kế hoạch) đến năm hết hạn.",
        "Tasks each body is responsible for, leads or partners in that are under way in each year; annual, "
        "continuous, conditional and undated tasks are counted apart.  A dated task counts from its start "
        "(or the plan's year) to its due year.",
        "p",
    )
    search = (
        f'<p><input id="og-filter" type="search" autocomplete="off" data-table=".og-timeline" '
        f'aria-label="{esc(UI["en"]["search"])}" data-placeholder-vi="{esc(UI["vi"]["search"])}" '
        f'data-placeholder-en="{esc(UI["en"]["search"])}" placeholder="{esc(UI["vi"]["search"])}"> '
        '<span id="og-filter-count"></span></p>\n'
    )
    table = table.replace('<table class="og-table">', '<table class="og-table og-timeline">', 1)
    return static_page(page, title, nav, intro + legend + search + table)


def source_page(
    info: PlanInfo, tasks: list[TaskRecord], text: str, nav: list[tuple[str, dict[str, str]]]
) -> str:
    """The plan's text, numbered by line, each of its ``tasks`` marked with an anchor ``#task-<key>``."""
    page = source_path_of(info)
    spans = sorted((t.span[0], t.span[1], t.key) for t in tasks if t.span is not None)
    starts = {start: key for start, _, key in spans}
    ends = {end for _, end, _ in spans}
    out = ['<pre class="og-source">']
    line = 1
    out.append('<span class="og-line-no" id="L1">1</span>')
    open_key: str | None = None
    buffer: list[str] = []

    def flush() -> None:
        if buffer:
            out.append(esc("".join(buffer)))
            buffer.clear()

    for offset, char in enumerate(text):
        if offset in ends and open_key is not None:
            flush()
            out.append("</mark>")
            open_key = None
        if offset in starts:
            flush()
            open_key = starts[offset]
            out.append(f'<mark id="task-{esc(open_key)}" title="{esc(open_key)}">')
        if char == "\n":
            flush()
            if open_key is not None:
                out.append("</mark>")
            line += 1
            out.append(f'\n<span class="og-line-no" id="L{line}">{line}</span>')
            if open_key is not None:
                out.append("<mark>")
            continue
        buffer.append(char)
    flush()
    if open_key is not None:
        out.append("</mark>")
    out.append("</pre>")
    title = {"vi": f"Văn bản {info.identifier}", "en": f"Text of {info.identifier}"}
    note = bilingual(
        f"Nguyên văn {info.source_name}; phần tô màu là các nhiệm vụ.",
        f"The text of {info.source_name} as published; highlighted passages are the tasks.",
        "p",
    )
    return static_page(page, title, nav, note + "".join(out))
