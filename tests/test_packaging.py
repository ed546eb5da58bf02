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


def test_the_installed_wheel_works_outside_the_repository(wheel: Path, tmp_path: Path) -> None:
    """Unpacked on its own (as pip installs it) and run from an unrelated folder: synth finds its
    data, and graph commands without -g read the bundled plan's graph the wheel carries."""
    import os

    site = tmp_path / "site-packages"
    with zipfile.ZipFile(wheel) as archive:
        archive.extractall(site)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site)}

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "orggraph", *args], cwd=elsewhere, env=env, capture_output=True, text=True
        )

    where = run("--version")
    assert where.returncode == 0
    located = subprocess.run(
        [sys.executable, "-c", "import orggraph; print(orggraph.__file__)"],
        cwd=elsewhere,
        env=env,
        capture_output=True,
        text=True,
    )
    assert located.stdout.startswith(str(site))  # the wheel's copy, not the repository's
    synth = run("synth", "--plans", "2", "--seed", "1", "-o", "corpus")
    assert synth.returncode == 0, synth.stderr
    assert len(list((elsewhere / "corpus").glob("*.txt"))) == 2
    load = run("load", "--lang", "en", "--top", "1", "-f", "csv")
    assert load.returncode == 0, load.stderr
    # Plan 168's busiest body (26 tasks: data/kh168.txt, part III.5 and the shared tasks).
    assert load.stdout.splitlines()[1].split(",")[1:4] == [
        "Organisation Commission of the Provincial Party Committee",
        "PartyAdvisoryBody",
        "26",
    ]
