"""The published site without a browser: fresh, small, self-contained, and safe by construction."""

from __future__ import annotations

import html
import importlib
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from orggraph.cli import main
from orggraph.publish import publish
from orggraph.render.pages import embed_json


def site_files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def test_graph_folder_is_what_make_demo_writes(repo_root: Path, published_site: Path) -> None:
    committed = repo_root / "graph"
    expected = site_files(published_site) - {"analysis.ttl"}
    # Copies the site carries of the graph files: the same bytes as the sources of truth.
    assert (committed / "exports" / "kh168.ttl").read_bytes() == (
        repo_root / "data" / "kh168.ttl"
    ).read_bytes()
    analysis = (committed / "exports" / "analysis.ttl").read_bytes()
    assert analysis == (repo_root / "data" / "kh168-analysis.ttl").read_bytes()
    assert site_files(committed) == expected, "graph/ has missing or extra files: run `make demo`"
    stale = sorted(
        name for name in expected if (published_site / name).read_bytes() != (committed / name).read_bytes()
    )
    assert not stale, f"stale files in graph/ (run `make demo`): {stale[:10]}"


def test_rendering_is_deterministic(repo_root: Path, published_site: Path, tmp_path: Path) -> None:
    stages: list[str] = []
    publish([repo_root / "data" / "kh168.ttl"], tmp_path, source_root=repo_root, progress=stages.append)
    assert stages == [
        "reading the graph",
        "analysing 85 tasks of 51 bodies",
        "writing the exports",
        "writing the views and pages",
    ]
    for name in site_files(published_site) - {"analysis.ttl"}:
        assert (tmp_path / name).read_bytes() == (published_site / name).read_bytes(), name


def test_graph_folder_is_small(repo_root: Path) -> None:
    total = sum(p.stat().st_size for p in (repo_root / "graph").rglob("*") if p.is_file())
    assert total < 5 * 1024 * 1024, f"graph/ is {total / 1e6:.1f} MB"


def test_views_and_pages_exist(published_site: Path) -> None:
    files = site_files(published_site)
    for name in [
        "index.html",
        "views/coordination.html",
        "views/responsibility.html",
        "views/overlaps.html",
        "views/timeline.html",
        "views/body/tuyen-quang/ban-to-chuc-tinh-uy.html",
        "views/body/tuyen-quang/van-phong-tinh-uy.html",
        "source/tuyen-quang/168-kh-tu-2018.html",
        "ontology.html",
        "lib/vis-network.min.js",
        "lib/orggraph.js",
        "lib/orggraph.css",
    ]:
        assert name in files, name
    ego = [f for f in files if f.startswith("views/body/")]
    assert len(ego) == 25  # one per body with a role


def test_no_page_reaches_the_network(published_site: Path) -> None:
    for page in published_site.rglob("*.html"):
        text = page.read_text("utf-8")
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", text), page
        assert "Content-Security-Policy" in text and "connect-src 'none'" in text, page


def test_every_local_link_resolves(published_site: Path) -> None:
    for page in published_site.rglob("*.html"):
        text = page.read_text("utf-8")
        for target in re.findall(r'(?:href|src)="([^"#?]+)', text):
            assert (page.parent / target).resolve().exists(), (page, target)


def test_source_page_anchors_every_task(published_site: Path) -> None:
    text = (published_site / "source" / "tuyen-quang" / "168-kh-tu-2018.html").read_text("utf-8")
    anchors = re.findall(r'<mark id="task-([^"]+)"', text)
    assert len(anchors) == 85 and "B.III.9.1" in anchors


def test_json_data_cannot_close_its_script() -> None:
    text = embed_json({"label": "</script><script>alert(1)</script>", "amp": "a & b"})
    assert "<" not in text and ">" not in text and "&" not in text
    import json

    assert json.loads(text) == {"label": "</script><script>alert(1)</script>", "amp": "a & b"}


def test_tooltips_link_to_the_source(published_site: Path) -> None:
    page = (published_site / "views" / "responsibility.html").read_text("utf-8")
    assert "../source/tuyen-quang/168-kh-tu-2018.html#task-B.III.5.4" in page


def test_ontology_page_documents_every_term(published_site: Path) -> None:
    from orggraph.ontology import OG

    text = (published_site / "ontology.html").read_text("utf-8")
    for name in OG.__annotations__:
        assert f'id="{name}"' in text, name
    assert "chủ trì" in text and "lead" in text
    assert '<a href="#Task"><code>og:Task</code></a>' in text


def test_home_page_task_codes_link_to_their_sentences(published_site: Path) -> None:
    """B.III.5.8 and B.III.10.1 are the plan's first pair of measures assigned twice (README)."""
    page = (published_site / "index.html").read_text("utf-8")
    source = published_site / "source" / "tuyen-quang" / "168-kh-tu-2018.html"
    anchors = set(re.findall(r'<mark id="task-([^"]+)"', source.read_text("utf-8")))
    linked = re.findall(r'href="source/tuyen-quang/168-kh-tu-2018\.html#task-([^"]+)">\1</a>', page)
    assert {"B.III.5.8", "B.III.10.1"} <= set(linked) and set(linked) <= anchors


def test_every_link_to_a_task_names_an_anchor_that_exists(published_site: Path) -> None:
    source = published_site / "source" / "tuyen-quang" / "168-kh-tu-2018.html"
    anchors = set(re.findall(r'<mark id="task-([^"]+)"', source.read_text("utf-8")))
    for page in published_site.rglob("*.html"):
        for key in re.findall(r'168-kh-tu-2018\.html#task-([^"]+)"', page.read_text("utf-8")):
            assert key in anchors, (page, key)


def _view_data(page: Path) -> dict:
    text = page.read_text(encoding="utf-8")
    start = text.index('id="orggraph-data">') + len('id="orggraph-data">')
    return json.loads(text[start : text.index("</script>", start)])


def _network_pages(site: Path) -> list[Path]:
    pages = [*sorted((site / "views").glob("*.html")), *sorted((site / "views" / "body").rglob("*.html"))]
    return [page for page in pages if 'id="orggraph-data"' in page.read_text(encoding="utf-8")]


def test_every_colour_drawn_is_in_the_legend(published_site: Path) -> None:
    """Each node's fill and each edge's colour and dash pattern appear among its page's legend entries."""
    checked = 0
    for page in _network_pages(published_site):
        data = _view_data(page)
        if not data["nodes"]:
            continue
        legend = {(entry["swatch"], entry["color"]) for entry in data["legend"]}
        shapes = {"dot": "dot", "box": "box", "diamond": "diamond"}
        for node in data["nodes"]:
            assert (shapes[node["shape"]], node["color"]) in legend, (page.name, node["id"], node["color"])
        patterns = {False: {"line", "arrow"}, True: set()}
        for edge in data["edges"]:
            swatches = {s for s, c in legend if c == edge["color"]}
            dashes = edge.get("dashes") or False
            expected = patterns[False] if dashes is False else {dashes_name(dashes)}
            assert swatches & expected, (page.name, edge["id"], edge["color"], dashes)
        checked += 1
    assert checked >= 20  # three views and every body page of Plan 168


def dashes_name(dashes: list[int]) -> str:
    return {(8, 5): "dash", (2, 4): "dots", (10, 4, 2, 4): "dashdot"}[tuple(dashes)]


def test_a_colour_means_one_thing_on_the_whole_site(published_site: Path) -> None:
    """One palette per meaning: no colour stands for two different legend entries anywhere."""
    meaning: dict[str, set[str]] = {}
    for page in _network_pages(published_site):
        for entry in _view_data(page)["legend"]:
            meaning.setdefault(entry["color"].upper(), set()).add(entry["means"])
    shared = {colour: words for colour, words in meaning.items() if len(words) > 1}
    assert not shared, shared
    # Kinds of body (dots), kinds of link, timeframes and measures draw from disjoint palettes.
    from orggraph.render import style

    palettes = [
        set(style.KIND_COLOURS.values()) | {style.UNKNOWN_KIND_COLOUR},
        set(style.LINK_COLOURS.values()),
        set(style.TIME_COLOURS.values()) | set(style._YEAR_COLOURS),
        set(style.MEASURE_COLOURS.values()),
    ]
    for i, first in enumerate(palettes):
        for second in palettes[i + 1 :]:
            assert not first & second, first & second


def test_every_body_page_lists_the_tasks_the_query_finds(published_site: Path, repo_root: Path) -> None:
    """Each body's to-do list holds the same tasks, in the same roles, as
    `orggraph query tasks --body <the body>` on the same graph."""
    import csv
    import io

    from click.testing import CliRunner

    from orggraph.cli import main

    pages = sorted((published_site / "views" / "body").rglob("*.html"))
    assert len(pages) == 25
    role_words = {
        "Leads": "lead",
        "Responsible for": "responsible",
        "Partner in": "partner",
        "Reported to": "reports to",
    }
    for page in pages:
        html = page.read_text(encoding="utf-8")
        centre = next(n for n in _view_data(page)["nodes"] if n.get("borderWidth") == 4)["id"]
        todo = html[html.index('id="todo"') :]
        listed: set[tuple[str, str]] = set()
        for block in re.split(r"<h3", todo)[1:]:
            heading = re.sub(r"<[^>]+>", "", block[block.index(">") + 1 : block.index("</h3>")])
            english = next((word for word in role_words if f"{word} (" in heading), None)
            assert english is not None, (page.name, heading)
            for code in re.findall(r'<td class="og-code"><a [^>]*>([^<]+)</a>', block):
                listed.add((code, role_words[english]))
        result = CliRunner().invoke(
            main,
            ["query", "tasks", "--body", centre, "-f", "csv", "-g", str(repo_root / "data" / "kh168.ttl")],
        )
        assert result.exit_code == 0, result.output
        roles: dict[str, set[str]] = {}
        for row in csv.DictReader(io.StringIO(result.output)):
            roles.setdefault(row["task"].rsplit("/", 1)[-1], set()).add(row["role"])
        # A task is listed once, under the body's strongest role on it (leading before being responsible).
        order = ["lead", "responsible", "partner", "reports to"]
        found = {(task, next(r for r in order if r in held)) for task, held in roles.items()}
        assert listed == found, (page.name, listed ^ found)


def test_a_large_graph_is_named_not_copied(
    repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Graph files over the limit stay out of the site: the home page names each with its size
    and SHA-256 (here with the limit at 1 kB, under the 0.15 MB of Plan 168's graph)."""
    import hashlib

    publishing = importlib.import_module(
        "orggraph.publish"
    )  # the module (the package names its function "publish")

    monkeypatch.setattr(publishing, "COPY_GRAPHS_UP_TO", 1000)
    graph = repo_root / "data" / "kh168.ttl"
    site = tmp_path / "site"
    publish([graph], site)
    assert not (site / "exports" / "kh168.ttl").exists()
    home = (site / "index.html").read_text(encoding="utf-8")
    digest = hashlib.sha256(graph.read_bytes()).hexdigest()
    assert f"kh168.ttl (0.2 MB, SHA-256 {digest}): the knowledge graph this site was made from" in home
    assert 'href="exports/kh168.ttl"' not in home


def test_a_network_too_large_to_export_is_named_with_the_command_that_makes_it(
    repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the limit at 100 nodes and edges, Plan 168's responsibility network (110 nodes, 173
    edges) is left out of the site's exports and named with the command; the coordination
    network (25 bodies, 41 ties) is written."""
    publishing = importlib.import_module(
        "orggraph.publish"
    )  # the module (the package names its function "publish")

    monkeypatch.setattr(publishing, "NETWORK_EXPORT_UP_TO", 100)
    site = tmp_path / "site"
    publish([repo_root / "data" / "kh168.ttl"], site)
    exports = {p.name for p in (site / "exports").iterdir()}
    assert "coordination.gexf" in exports
    assert not exports & {"responsibility.gexf", "responsibility.graphml", "nodes.csv", "edges.csv"}
    home = (site / "index.html").read_text(encoding="utf-8")
    assert (
        "responsibility.gexf: not written, the responsibility network has 283 nodes and edges (over 100); "
        "make it with orggraph export --network responsibility --format gexf -o responsibility.gexf"
    ) in home
    assert "nodes.csv, edges.csv: not written" in home and home.count("edges.csv: not written") == 1


def test_an_export_too_large_is_named_with_the_command_that_makes_it(
    repo_root: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With the limit at 30 kB: Plan 168's overlap tables hold 37 kB of text, so neither they
    (JSON, Excel) nor the findings' RDF are written; the responsibility matrix CSV (36 kB), the
    networks' GEXF and GraphML (44-162 kB) and nodes.csv (48 kB) are written and not kept.
    Each is named with a command that, run as written, makes the same file.  load.csv,
    measures.csv (16 kB) and edges.csv (24 kB) stay."""
    import shlex

    publishing = importlib.import_module("orggraph.publish")
    monkeypatch.setattr(publishing, "EXPORT_UP_TO", 30_000)
    graph = repo_root / "data" / "kh168.ttl"
    site = tmp_path / "site"
    publish([graph], site)
    exports = {p.name for p in (site / "exports").iterdir()}
    unwritten = ["overlaps.xlsx", "overlaps.json", "analysis.ttl"]
    unkept = [
        "responsibility-matrix.csv",
        "responsibility.graphml",
        "responsibility.gexf",
        "coordination.gexf",
    ]
    left = [*unwritten, *unkept, "nodes.csv"]
    assert {"load.csv", "measures.csv", "edges.csv"} <= exports and not exports & set(left)
    home = html.unescape((site / "index.html").read_text(encoding="utf-8"))
    sentences = re.findall(
        r"<li>([\w.-]+): (not written, (?:its tables|the overlap findings) hold 36 kB of text|not kept, \d+ kB) "
        r"\(over 29 kB\); make it with (orggraph .+?)</li>",
        home,
    )
    assert sorted(s[0] for s in sentences) == sorted(left)
    assert {s[0] for s in sentences if s[1].startswith("not kept")} == {*unkept, "nodes.csv"}
    reference = repo_root / "graph" / "exports"
    for name, _why, command in sentences:
        words = shlex.split(command)[1:]
        if name in words:  # -o FILE
            made = tmp_path / "made" / name
            made.parent.mkdir(exist_ok=True)
            words[words.index(name)] = str(made)
        else:  # nodes.csv: -o <folder>
            words[words.index("<folder>")] = str(tmp_path)
            made = tmp_path / name
        result = CliRunner().invoke(main, [*words, "-g", str(graph)])
        assert result.exit_code == 0, result.output
        assert made.read_bytes() == (reference / name).read_bytes(), name
