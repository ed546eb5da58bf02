"""A hostile graph: Plan 168's graph with every kind of untrusted content a graph from
elsewhere can carry, for tests that run it through every command and every page.

Each change keeps the file valid Turtle: a graph that parses is the input the
commands must survive, with exit 0, 1 or 2, no traceback and nothing written
outside their ``-o``.
"""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).parent.parent
PLAN = "https://w3id.org/orggraph/id/plan/tuyen-quang/168-kh-tu-2018"
HUGE = "Ban Tuyên giáo Tỉnh ủy " * 20_000  # about 460 kB, one body's name

# What each replacement stands for, and what the outputs must never do with it.
REPLACEMENTS = [
    # Markup in a name: shown as text, never run.
    ('"Văn phòng Tỉnh ủy"@vi', '"<img src=x onerror=alert(1)>Văn phòng"@vi'),
    # Formula in a name: text in a spreadsheet, never a live formula.
    ('"Ban Tổ chức Tỉnh ủy"@vi', '"=HYPERLINK(\\"http://x\\",\\"click\\")"@vi'),
    # Control characters and a terminal escape.
    ('"Ủy ban Kiểm tra Tỉnh ủy"@vi', '"Ủy ban\\u0000 Kiểm tra\\u001b]0;pwned\\u0007\\u001b[2J"@vi'),
    # A huge name.
    ('"Ban Tuyên giáo Tỉnh ủy"@vi', f'"{HUGE}"@vi'),
    # A source name that is a path outside, with no digest to check it by.
    ('og:sourceName "data/kh168.txt" ;', 'og:sourceName "../../../../etc/passwd" ;'),
    # IRIs with dot segments and a percent-encoded slash.
    ("id/body/tuyen-quang/ban-dan-van-tinh-uy", "id/body/../../../escaped-body"),
    ("id/body/tuyen-quang/ban-noi-chinh-tinh-uy", "id/body/tuyen-quang/%2e%2e%2fup"),
]


def hostile_turtle() -> str:
    """The hostile graph's Turtle text."""
    text = (ROOT / "data" / "kh168.ttl").read_text(encoding="utf-8")
    for old, new in REPLACEMENTS:
        assert old in text, old
        text = text.replace(old, new)
    text = re.sub(r"og:sourceSha256 \"[0-9a-f]+\" ;\n\s*", "", text)
    # Ill-typed literals: offsets and a line that are not numbers, a date that is not one.
    text = re.sub(r"og:sourceStart (\d+) ;", 'og:sourceStart "zero"^^xsd:integer ;', text, count=5)
    text = re.sub(r"og:line (\d+) ;", 'og:line "-"^^xsd:integer ;', text, count=5)
    text = text.replace('"2018-12-31"^^xsd:date', '"31/12/2018"^^xsd:date', 1)
    return text


def write_hostile_graph(folder: Path) -> Path:
    """Write the hostile graph as ``folder/hostile.ttl`` and return its path."""
    path = folder / "hostile.ttl"
    path.write_text(hostile_turtle(), encoding="utf-8")
    return path
