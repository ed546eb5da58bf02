"""Shared fixtures: the bundled plan, its extraction and graph, and the genre corpus."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from rdflib import Graph

from orggraph.build import plan_graph
from orggraph.model import Plan
from orggraph.read.extract import extract_plan

if TYPE_CHECKING:
    from playwright.sync_api import Browser

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def kh168_text() -> str:
    return (DATA / "kh168.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def kh168_plan(kh168_text: str) -> Plan:
    return extract_plan(kh168_text, source_name="data/kh168.txt")


@pytest.fixture(scope="session")
def kh168_graph(kh168_plan: Plan) -> Graph:
    return plan_graph(kh168_plan)


@pytest.fixture
def tiny_plan() -> str:
    """A small plan of the genre, written for these tests."""
    return (
        "TỈNH ỦY HÀ GIANG\n"
        "Số 12-KH/TU\n"
        "Hà Giang, ngày 05 tháng 3 năm 2018\n"
        "KẾ HOẠCH\n"
        "thực hiện Nghị quyết số 18-NQ/TW\n"
        "-----\n"
        "I- NHIỆM VỤ CỤ THỂ\n"
        "1- Ban Tổ chức Tỉnh ủy\n"
        "- Chủ trì, phối hợp với Văn phòng Tỉnh ủy tham mưu đề án (hoàn thành trong năm 2018).\n"
        "- Tham mưu cho Ban Thường vụ Tỉnh ủy sơ kết (thực hiện hằng năm).\n"
        "2- Văn phòng Tỉnh ủy\n"
        "- Phối hợp với Ban Tổ chức Tỉnh ủy tham mưu đề án (hoàn thành trong năm 2018).\n"
    )


@contextmanager
def _running_oxigraph() -> Iterator[str]:
    from orggraph.query.server import free_port, oxigraph_binary, wait_until_up

    port = free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(f"{base}/query")
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture(scope="session")
def oxigraph_server() -> Iterator[str]:
    """A real Oxigraph server (in memory) on a free loopback port; yields its base URL."""
    with _running_oxigraph() as base:
        yield base


@pytest.fixture
def empty_oxigraph_server() -> Iterator[str]:
    """A real Oxigraph server of this test's own, empty at the start."""
    with _running_oxigraph() as base:
        yield base


@pytest.fixture(scope="session")
def published_site(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole published folder, rebuilt once from data/kh168.ttl into a temporary folder."""
    from orggraph.publish import publish

    folder = tmp_path_factory.mktemp("site")
    publish(
        [repo_root / "data" / "kh168.ttl"],
        folder,
        analysis_rdf=folder / "analysis.ttl",
        source_root=repo_root,
    )
    return folder


CHROMIUM = "/usr/bin/chromium"


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One Chromium for the session (Playwright's sync API allows one driver per thread)."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).is_file(), "the browser tests need Debian's chromium (make test installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
            ],
        )
        yield browser
        browser.close()
