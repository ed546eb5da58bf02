"""Cold start of `orggraph query who-coordinates` against the floor of loading the graph in rdflib.

The floor is `python -c "import rdflib; rdflib.Graph().parse('data/kh168.ttl')"`:
what any Python tool pays just to read the graph.  Both commands run as fresh
processes, interleaved, several times; the script prints the medians and their
ratio (target: at most 1.5) and exits 1 when the target is missed.

    .venv/bin/python bench/query_startup.py [--repeats 15]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET = 1.5


def run(command: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    python = sys.executable
    orggraph = str(Path(python).parent / "orggraph")
    floor = [python, "-c", "import rdflib; rdflib.Graph().parse('data/kh168.ttl')"]
    commands = {
        "floor: rdflib import + parse": floor,
        "orggraph query who-coordinates": [orggraph, "query", "who-coordinates"],
        "orggraph query who-coordinates --store rdflib": [
            orggraph,
            "query",
            "who-coordinates",
            "--store",
            "rdflib",
        ],
        "orggraph --help": [orggraph, "--help"],
    }
    for command in commands.values():  # warm the file cache
        run(command)
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.repeats):
        for name, command in commands.items():
            times[name].append(run(command))
    medians = {name: statistics.median(values) for name, values in times.items()}
    base = medians["floor: rdflib import + parse"]
    print(f"{args.repeats} runs each, interleaved; medians in seconds; ratio to the floor")
    print(f"{'command':48} {'median':>8} {'ratio':>6}")
    for name, value in medians.items():
        print(f"{name:48} {value:8.3f} {value / base:6.2f}")
    ratio = medians["orggraph query who-coordinates"] / base
    verdict = "meets" if ratio <= TARGET else "MISSES"
    print(f"orggraph query who-coordinates / floor = {ratio:.2f} ({verdict} the target of {TARGET})")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
