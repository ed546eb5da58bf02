"""The published pages in a real browser (Debian's Chromium, driven by Playwright), offline.

Every request the pages make is recorded and any that is not a local file is
refused, so a page that reached for the internet fails here.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from orggraph.publish import publish

CHROMIUM = "/usr/bin/chromium"
HOSTILE_BODY = "<img src=x onerror=alert(1)>"
HOSTILE_TASK = '<script>alert("task")</script> Xây dựng đề án'


class Visit:
    """One page opened with the network refused: its console errors, requests and dialogs."""

    def __init__(self, browser: Browser, path: Path, lang: str | None = None) -> None:
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page: Page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        url = path.resolve().as_uri() + (f"?lang={lang}" if lang else "")
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=15000)

    def _route(self, route, request) -> None:  # type: ignore[no-untyped-def]
        self.requests.append(request.url)
        if request.url.startswith("file://"):
            route.continue_()
        else:
            route.abort()

    def _dialog(self, dialog) -> None:  # type: ignore[no-untyped-def]
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def drawn(self) -> None:
        self.page.wait_for_selector("body[data-drawn=true]", timeout=15000)

    def close(self) -> None:
        self.context.close()


def painted_pixels(page: Page) -> int:
    """How many pixels of the network canvas are not background."""
    return int(
        page.evaluate(
            """() => {
                const canvas = document.querySelector('#og-network canvas');
                const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
                let painted = 0;
                for (let i = 0; i < data.length; i += 4) {
                    if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) painted++;
                }
                return painted;
            }"""
        )
    )


@pytest.fixture(scope="module")
def site(repo_root: Path) -> Path:
    return repo_root / "graph"


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html"))


def test_every_page_loads_offline_without_errors(browser: Browser, site: Path) -> None:
    checked = 0
    for path in pages(site):
        visit = Visit(browser, path)
        try:
            if visit.page.query_selector("#og-network"):
                visit.drawn()
                assert visit.page.evaluate("window.orggraph.nodeView.length") > 0, path
            assert visit.errors == [], (path, visit.errors)
            assert all(url.startswith("file://") for url in visit.requests), (path, visit.requests)
            checked += 1
        finally:
            visit.close()
    assert checked >= 30


def test_coordination_view_draws_nodes(browser: Browser, site: Path, repo_root: Path) -> None:
    visit = Visit(browser, site / "views" / "coordination.html")
    try:
        visit.drawn()
        assert visit.page.evaluate("window.orggraph.nodeView.length") == 25
        assert painted_pixels(visit.page) > 5000
        screenshot = visit.page.screenshot()
        assert screenshot[:8] == b"\x89PNG\r\n\x1a\n"
        if os.environ.get("ORGGRAPH_SCREENSHOT"):
            (repo_root / "docs" / "coordination.png").write_bytes(screenshot)
    finally:
        visit.close()


def test_search_without_diacritics(browser: Browser, site: Path) -> None:
    visit = Visit(browser, site / "views" / "coordination.html")
    try:
        visit.drawn()
        visit.page.fill("#og-search", "Ban To chuc")
        results = visit.page.locator("#og-results .og-result").all_inner_texts()
        assert "Ban Tổ chức Tỉnh ủy" in results
        visit.page.press("#og-search", "Enter")
        selected = visit.page.evaluate("window.orggraph.network.getSelectedNodes()")
        assert selected == ["https://w3id.org/orggraph/id/body/tuyen-quang/ban-to-chuc-tinh-uy"]
        assert "Ban Tổ chức Tỉnh ủy" in visit.page.inner_text("#og-details")
    finally:
        visit.close()


def test_language_switch(browser: Browser, site: Path) -> None:
    visit = Visit(browser, site / "views" / "coordination.html")
    try:
        visit.drawn()
        office = "https://w3id.org/orggraph/id/body/tuyen-quang/van-phong-tinh-uy"
        assert visit.page.evaluate(f"window.orggraph.nodes.get('{office}').label") == "Văn phòng Tỉnh ủy"
        visit.page.click("[data-lang-button=en]")
        assert (
            visit.page.evaluate(f"window.orggraph.nodes.get('{office}').label")
            == "Office of the Provincial Party Committee"
        )
        assert "Kinds of body" in visit.page.inner_text("aside")
        assert visit.page.get_attribute("#og-search", "placeholder").startswith("Find a body")
    finally:
        visit.close()
    english = Visit(browser, site / "index.html", lang="en")
    try:
        assert english.page.is_visible("text=Coordination load")
        assert not english.page.is_visible("text=Khối lượng phối hợp")
    finally:
        english.close()


def test_filters(browser: Browser, site: Path) -> None:
    visit = Visit(browser, site / "views" / "responsibility.html")
    try:
        visit.drawn()
        before = visit.page.evaluate("window.orggraph.nodeView.length")
        visit.page.uncheck("#og-kinds input[data-filter=GroupOfBodies]")
        after_kind = visit.page.evaluate("window.orggraph.nodeView.length")
        assert after_kind < before
        visit.page.select_option("#og-year", "2021")
        tasks_2021 = visit.page.evaluate(
            "window.orggraph.nodeView.get().filter(n => n.id.includes('/task/')).length"
        )
        assert 0 < tasks_2021 < 85
    finally:
        visit.close()


@pytest.fixture(scope="module")
def hostile_site(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The plan's graph with a body and a task whose text is markup, published to a temporary folder."""
    folder = tmp_path_factory.mktemp("hostile")
    text = (repo_root / "data" / "kh168.ttl").read_text("utf-8")
    text = text.replace('"Văn phòng Tỉnh ủy"@vi', f'"{HOSTILE_BODY}"@vi')
    text = text.replace(
        'og:text "Thành lập Ban Chỉ đạo',
        f'og:text "{HOSTILE_TASK.replace(chr(34), chr(92) + chr(34))} Thành lập Ban Chỉ đạo',
    )
    graph = folder / "hostile.ttl"
    graph.write_text(text, "utf-8")
    shutil.copy(repo_root / "data" / "kh168.txt", folder / "kh168.txt")
    publish([graph], folder / "site", source_root=folder)
    return folder / "site"


def test_hostile_text_is_shown_not_run(browser: Browser, hostile_site: Path) -> None:
    for path in [
        hostile_site / "index.html",
        hostile_site / "views" / "coordination.html",
        hostile_site / "views" / "responsibility.html",
        hostile_site / "views" / "body" / "tuyen-quang" / "van-phong-tinh-uy.html",
    ]:
        visit = Visit(browser, path)
        try:
            if visit.page.query_selector("#og-network"):
                visit.drawn()
                visit.page.fill("#og-search", "img src")
                assert HOSTILE_BODY in visit.page.locator("#og-results").inner_text()
                visit.page.locator("#og-results .og-result").first.click()
                assert HOSTILE_BODY in visit.page.inner_text("#og-details")
            else:
                assert HOSTILE_BODY in visit.page.inner_text("body")
            visit.page.wait_for_timeout(300)
            assert visit.dialogs == [], path
            assert visit.page.query_selector("img[src=x]") is None
            assert visit.errors == [], (path, visit.errors)
        finally:
            visit.close()
    responsibility = Visit(browser, hostile_site / "views" / "responsibility.html")
    try:
        responsibility.drawn()
        responsibility.page.fill("#og-search", "B.IV.1")
        responsibility.page.press("#og-search", "Enter")
        assert '<script>alert("task")</script>' in responsibility.page.inner_text("#og-details")
        assert responsibility.dialogs == []
    finally:
        responsibility.close()


def test_task_tooltip_and_timeline_legend(browser: Browser, site: Path) -> None:
    task = "https://w3id.org/orggraph/id/plan/tuyen-quang/168-kh-tu-2018/task/B.III.10.1"
    visit = Visit(browser, site / "views" / "responsibility.html", lang="en")
    try:
        visit.drawn()
        tip = visit.page.evaluate(f"window.orggraph.nodes.get('{task}').title.textContent")
        assert "Due: 2019-12-31" in tip
        assert "See it in the source text (click the node for the link)" in tip
    finally:
        visit.close()
    timeline = Visit(browser, site / "views" / "timeline.html", lang="en")
    try:
        legend = timeline.page.locator(".og-heat-legend")
        assert legend.is_visible()
        text = legend.inner_text()
        assert text.startswith("Cell colour: number of tasks") and "Màu ô" not in text
        keys = timeline.page.locator(".og-heat-legend .og-heat-key").all_inner_texts()
        assert keys[0] == "0" and len(keys) == 6
    finally:
        timeline.close()


def test_every_page_of_a_site_from_a_hostile_graph_opens_safely(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The hostile graph of tests/hostile.py (markup, formulas, control characters, a huge name,
    a source path outside, dot-segment IRIs, ill-typed literals), rendered and opened page by page."""
    import sys

    sys.path.insert(0, str(Path(__file__).parent))
    from hostile import HUGE, write_hostile_graph

    from orggraph.text import NAME_LIMIT

    folder = tmp_path_factory.mktemp("hostile-all")
    site = folder / "site"
    publish([write_hostile_graph(folder)], site, source_root=folder)
    checked = 0
    for path in pages(site):
        visit = Visit(browser, path)
        try:
            if visit.page.query_selector("#og-network"):
                visit.drawn()
            visit.page.wait_for_timeout(100)
            text = visit.page.inner_text("body")
            assert visit.dialogs == [] and visit.errors == [], (path, visit.dialogs, visit.errors)
            assert visit.page.query_selector("img[src=x]") is None, path
            assert all(url.startswith(site.resolve().as_uri()) for url in visit.requests), (
                path,
                visit.requests,
            )  # nothing outside the site, not even a local file
            assert "root:x:0:0" not in text and "\x1b" not in text, path
            assert HUGE[:NAME_LIMIT] not in visit.page.content(), path  # cut for display
            checked += 1
        finally:
            visit.close()
    assert checked >= 30


def test_a_body_page_is_its_to_do_list(browser: Browser, site: Path) -> None:
    """The Provincial Party Office (data/kh168.txt): responsible for B.III.10.1 (by the end of 2019)
    and B.III.10.2 (every year), partner in B.III.5.8, B.III.5.17 and B.IV.6."""
    visit = Visit(browser, site / "views" / "body" / "tuyen-quang" / "van-phong-tinh-uy.html", lang="en")
    try:
        visit.drawn()
        todo = visit.page.locator("#todo")
        assert "To-do list: 5 tasks" in todo.locator("h2").inner_text()
        assert todo.locator("h3").all_inner_texts() == ["Responsible for (2)", "Partner in (3)"]

        def codes() -> list[list[str]]:
            return [t.locator("td.og-code").all_inner_texts() for t in todo.locator("table").all()]

        assert codes() == [["B.III.10.1", "B.III.10.2"], ["B.III.5.8", "B.III.5.17", "B.IV.6"]]
        row = todo.locator('tr[data-order="0"]')
        assert "due 2019-12-31" in row.inner_text()
        # The task's sentence in the plan's text, and the partner's own page, one click away.
        assert row.locator("td.og-code a").get_attribute("href").endswith("#task-B.III.10.1")
        partner = row.locator("a", has_text="Organisation Commission").first
        assert partner.get_attribute("href") == "ban-to-chuc-tinh-uy.html"
        assert visit.errors == []
    finally:
        visit.close()
    # The Enterprises' Party Committee partners in B.III.4.9, B.III.5.6 and B.III.5.12 "from 2018"
    # and in B.III.5.10, "hoàn thành trong năm 2018": sorted by deadline, B.III.5.10 comes first.
    visit = Visit(browser, site / "views" / "body" / "tuyen-quang" / "dang-uy-khoi-doanh-nghiep-tinh.html")
    try:
        partner = visit.page.locator("#todo table").nth(1)
        plan_order = ["B.III.4.9", "B.III.5.6", "B.III.5.10", "B.III.5.12"]
        assert partner.locator("td.og-code").all_inner_texts() == plan_order
        visit.page.locator(".og-sort-due").first.click()
        assert visit.page.get_attribute("body", "data-todo-sort") == "due"
        assert partner.locator("td.og-code").all_inner_texts() == [
            "B.III.5.10",
            "B.III.4.9",
            "B.III.5.6",
            "B.III.5.12",
        ]
        visit.page.locator(".og-sort-due").first.click()
        assert partner.locator("td.og-code").all_inner_texts() == plan_order
    finally:
        visit.close()


def test_the_source_text_is_shown_in_a_font_for_vietnamese(browser: Browser, site: Path) -> None:
    import unicodedata

    visit = Visit(browser, site / "source" / "tuyen-quang" / "168-kh-tu-2018.html")
    try:
        fonts = visit.page.evaluate(
            "[getComputedStyle(document.querySelector('pre.og-source')).fontFamily,"
            " getComputedStyle(document.body).fontFamily]"
        )
        assert fonts[0] == fonts[1] and "monospace" not in fonts[0]
        text = visit.page.inner_text("pre.og-source")
        assert "KẾ HOẠCH" in text and text == unicodedata.normalize("NFC", text)
    finally:
        visit.close()


def test_the_timeline_has_a_search_box_that_ignores_diacritics(browser: Browser, site: Path) -> None:
    visit = Visit(browser, site / "views" / "timeline.html")
    try:
        rows = visit.page.locator(".og-timeline tbody tr")
        total = rows.count()
        assert total > 20
        visit.page.fill("#og-filter", "van phong tinh uy")  # "Văn phòng Tỉnh ủy", typed without marks
        visible = [r for r in rows.all() if r.is_visible()]
        assert [r.locator("td").first.inner_text() for r in visible] == ["Văn phòng Tỉnh ủy"]
        assert visit.page.inner_text("#og-filter-count") == f"1 / {total}"
        visit.page.fill("#og-filter", "")
        assert sum(1 for r in rows.all() if r.is_visible()) == total
    finally:
        visit.close()


@pytest.mark.parametrize("width", [400, 1400])
def test_pages_fit_narrow_and_wide_screens(browser: Browser, site: Path, width: int) -> None:
    """No page scrolls sideways; on a phone the network takes the width and its controls fold
    away behind a button; on a desktop the controls stand beside it."""
    chosen = [
        site / "index.html",
        site / "views" / "coordination.html",
        site / "views" / "overlaps.html",
        site / "views" / "timeline.html",
        site / "views" / "body" / "tuyen-quang" / "ban-to-chuc-tinh-uy.html",
        site / "source" / "tuyen-quang" / "168-kh-tu-2018.html",
    ]
    for path in chosen:
        context = browser.new_context(viewport={"width": width, "height": 800})
        try:
            page = context.new_page()
            page.route(
                "**/*",
                lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort(),
            )
            page.goto(path.resolve().as_uri())
            page.wait_for_selector("body[data-ready=true]")
            overflow = page.evaluate("document.documentElement.scrollWidth")
            assert overflow <= width, (path.name, width, overflow)
            if page.query_selector("#og-network") is None:
                continue
            page.wait_for_selector("body[data-drawn=true]")
            network = page.evaluate("document.getElementById('og-network').getBoundingClientRect().width")
            side_shown = page.is_visible("#og-side")
            if width == 400:
                assert network >= 0.95 * width and not side_shown, (path.name, network)
                page.click("#og-controls")
                assert (
                    page.is_visible("#og-side")
                    and page.get_attribute("#og-controls", "aria-expanded") == "true"
                )
                assert page.evaluate("document.documentElement.scrollWidth") <= width
            else:
                assert side_shown and not page.is_visible("#og-controls")
                assert network >= width - 400, (path.name, network)
        finally:
            context.close()


@pytest.mark.parametrize("view", ["overlaps", "responsibility", "coordination"])
def test_every_drawn_edge_kind_is_in_the_legend_and_the_filters(
    browser: Browser, site: Path, view: str
) -> None:
    visit = Visit(browser, site / "views" / f"{view}.html", lang="en")
    try:
        visit.drawn()
        data = visit.page.evaluate("window.orggraph.data")
        drawn = {edge["role"] for edge in data["edges"]}
        filters = {f["value"] for f in data["filters"]["roles"]}
        assert drawn <= filters, drawn - filters
        legend = " | ".join(visit.page.locator("#og-legend").all_inner_texts())
        for entry in data["filters"]["roles"]:
            assert entry["label"]["en"].split(" (")[0].split(" →")[0] in legend, (entry, legend)
        for box in visit.page.locator("#og-roles input").all():
            box.uncheck()
        assert visit.page.evaluate("window.orggraph.edgeView.length") == 0  # nothing left unfiltered
    finally:
        visit.close()


def test_the_one_file_report_works_alone_and_offline(
    browser: Browser, tmp_path: Path, repo_root: Path
) -> None:
    """`orggraph report` writes one HTML file: moved anywhere alone, it draws its network, shows
    every body's to-do list and asks for nothing (any request, even a local file, is refused)."""
    from click.testing import CliRunner

    from orggraph.cli import main

    out = tmp_path / "alone" / "plan.html"
    out.parent.mkdir()
    result = CliRunner().invoke(main, ["report", "-g", str(repo_root / "data" / "kh168.ttl"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.parent.iterdir()) == ["plan.html"]
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    requests: list[str] = []
    errors: list[str] = []

    def route(route, request) -> None:  # type: ignore[no-untyped-def]
        requests.append(request.url)
        if request.url == out.resolve().as_uri():
            route.continue_()
        else:
            route.abort()

    try:
        context.route("**/*", route)
        page = context.new_page()
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(out.resolve().as_uri())
        page.wait_for_selector("body[data-drawn=true]", timeout=15000)
        assert requests == [out.resolve().as_uri()] and errors == []
        assert page.evaluate("window.orggraph.nodeView.length") > 10
        lists = page.locator("section.og-todo")
        assert lists.count() == 25  # every body with a role in Plan 168 (the load table's 25 rows)
        (office,) = [s for s in lists.all() if s.locator("h2").inner_text() == "Văn phòng Tỉnh ủy"]
        assert office.locator("h3").first.inner_text() == "Việc phải làm: 5 nhiệm vụ"
        assert office.locator("td.og-code").all_inner_texts() == [
            "B.III.10.1",
            "B.III.10.2",
            "B.III.5.8",
            "B.III.5.17",
            "B.IV.6",
        ]
        # Names link to the body's section of the same file.
        link = page.locator("table.og-table a", has_text="Ban Tổ chức Tỉnh ủy").first
        target = link.get_attribute("href")
        assert target.startswith("#b") and page.locator(target).count() == 1
    finally:
        context.close()


# What the page holds once drawn: the zoom, each node's smallest label, and each node's
# footprint (its shape and its label as vis measured them) in drawing units.
FOOTPRINTS = """() => {
    const network = window.orggraph.network;
    network.redraw();
    const out = {scale: network.getScale(), fitted: document.body.dataset.fitted, nodes: []};
    const box = document.getElementById('og-network');
    out.width = box.clientWidth; out.height = box.clientHeight;
    for (const id of window.orggraph.nodeView.getIds()) {
        const node = network.body.nodes[id];
        const label = node.labelModule.size;
        const r = node.options.size;
        const dom = network.canvasToDOM({x: node.x, y: node.y});
        const rect = node.options.shape === 'box'
            ? [node.x - node.shape.width / 2, node.y - node.shape.height / 2,
               node.x + node.shape.width / 2, node.y + node.shape.height / 2]
            : [Math.min(node.x - r, label.left), node.y - r,
               Math.max(node.x + r, label.left + label.width), Math.max(node.y + r, label.top + label.height)];
        out.nodes.push({id, x: node.x, y: node.y, r, shape: node.options.shape, font: node.options.font.size,
                        rect, dom: [dom.x, dom.y]});
    }
    return out;
}"""


def _overlapping(nodes: list[dict]) -> list[tuple[str, str]]:
    pairs = []
    for i, a in enumerate(nodes):
        for b in nodes[i + 1 :]:
            (al, at, ar, ab), (bl, bt, br, bb) = a["rect"], b["rect"]
            if al < br and bl < ar and at < bb and bt < ab:
                pairs.append((a["id"], b["id"]))
    return pairs


@pytest.mark.parametrize(
    ("page", "whole_at_first"),
    [
        ("views/coordination.html", True),
        ("views/responsibility.html", False),
        ("views/overlaps.html", False),
        ("views/body/tuyen-quang/ban-to-chuc-tinh-uy.html", False),
        ("views/body/tuyen-quang/van-phong-tinh-uy.html", True),
    ],
)
def test_networks_are_readable_at_first_sight(
    browser: Browser, site: Path, page: str, whole_at_first: bool
) -> None:
    """Labels at least 12 CSS px at the first zoom; the whole drawing in the canvas when that
    allows it (Plan 168's coordination view does, at 1400 x 900), else the "whole drawing"
    button shows it; no two nodes' circles, boxes or labels overlap."""
    visit = Visit(browser, site / page)
    try:
        visit.drawn()
        first = visit.page.evaluate(FOOTPRINTS)
        assert min(node["font"] for node in first["nodes"]) * first["scale"] >= 12 - 1e-6
        assert first["fitted"] == ("true" if whole_at_first else "false")
        if not whole_at_first:
            visit.page.click("#og-whole")
        shown = visit.page.evaluate(FOOTPRINTS)
        inside = [
            n["id"]
            for n in shown["nodes"]
            if 0 <= n["dom"][0] <= shown["width"] and 0 <= n["dom"][1] <= shown["height"]
        ]
        assert len(inside) == len(shown["nodes"])  # the whole drawing is on the canvas
        # Every label was drawn just now, so its measured box is current: none overlaps another node.
        assert not _overlapping(shown["nodes"])
        if not whole_at_first:
            visit.page.click("#og-readable")
            assert visit.page.evaluate("window.orggraph.network.getScale()") == pytest.approx(first["scale"])
    finally:
        visit.close()


def test_the_organisation_commissions_page_says_what_by_when_with_whom(
    browser: Browser, site: Path, repo_root: Path
) -> None:
    """Section III.5 of data/kh168.txt ("5- Ban Tổ chức Tỉnh ủy") opens with "Chủ trì, phối hợp
    với các cơ quan liên quan … (hoàn thành trong năm 2018)": the page answers what the
    Organisation Commission must do, by when and with whom without a click."""
    visit = Visit(browser, site / "views" / "body" / "tuyen-quang" / "ban-to-chuc-tinh-uy.html", lang="en")
    try:
        visit.drawn()
        todo = visit.page.locator("#todo")
        assert "To-do list: 26 tasks" in todo.locator("h2").inner_text()
        assert todo.locator("h3").all_inner_texts() == ["Leads (12)", "Responsible for (6)", "Partner in (8)"]
        first = todo.locator("table").first.locator("tbody tr").first
        cells = first.locator("td").all_inner_texts()
        assert cells[0] == "B.III.5.1"
        assert cells[1] == "due 2018-12-31"
        assert cells[2].startswith("Chủ trì, phối hợp với các cơ quan liên quan tham mưu, thực hiện sắp xếp")
        assert "Relevant agencies (partner)" in " ".join(cells[3].split())
        if os.environ.get("ORGGRAPH_SCREENSHOT"):
            visit.page.evaluate("document.getElementById('todo').scrollIntoView()")
            (repo_root / "docs" / "body-page.png").write_bytes(visit.page.screenshot())
    finally:
        visit.close()
