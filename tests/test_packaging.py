"""Package data is in the wheel; published copies under graph/ equal the packaged files."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from orggraph.resources import resource


@pytest.fixture(scope="module")
def wheel(repo_root: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            ".",
        ],
        cwd=repo_root,
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("orggraph-*.whl")
    return built


def test_wheel_carries_data_and_resources(wheel: Path, repo_root: Path) -> None:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in ("orggraph/resources/ontology.ttl", "orggraph/resources/shapes.ttl"):
            assert name in names
        for name in ("bodies.toml", "headings.toml"):
            packaged = archive.read(f"orggraph/data/{name}")
            assert packaged == (repo_root / "data" / name).read_bytes()


@pytest.mark.parametrize("name", ["ontology.ttl", "shapes.ttl"])
def test_published_copies_are_identical(repo_root: Path, name: str) -> None:
    assert (repo_root / "graph" / name).read_bytes() == resource(name).read_bytes(), (
        f"graph/{name} differs from the packaged file; run `make demo`"
    )


def test_source_text_is_the_verbatim_seed(repo_root: Path) -> None:
    """data/kh168.txt is byte for byte the seed text (SHA-256 recorded from ../shared/seeds/kh168.txt)."""
    import hashlib

    digest = hashlib.sha256((repo_root / "data" / "kh168.txt").read_bytes()).hexdigest()
    assert digest == "7fa499e76c4ab6fded9c2862ba0a5748f95cd41e3dd6be964b70141cade0c3cb"
