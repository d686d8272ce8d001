"""Load + validate + build time: the real data, and a generated dataset 100x larger.

Run: .venv/bin/python -m benchmarks.bench_data [--copies 100] [--repeat 5]
Prints figures; asserts nothing.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from routes import build_graph, load_dataset
from routes.loader import default_data_dir
from routes.synthetic import scaled_data_dir


def measure(data_dir: Path, repeat: int) -> dict[str, float]:
    loads, builds = [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        dataset = load_dataset(data_dir)
        t1 = time.perf_counter()
        G = build_graph(dataset)
        t2 = time.perf_counter()
        loads.append(t1 - t0)
        builds.append(t2 - t1)
    return {
        "entities": len(dataset),
        "nodes": G.number_of_nodes(),
        "edges": G.number_of_edges(),
        "load_validate_s": statistics.median(loads),
        "build_s": statistics.median(builds),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--copies", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    real = measure(default_data_dir(), args.repeat)
    with tempfile.TemporaryDirectory() as tmp:
        big_dir = scaled_data_dir(default_data_dir(), Path(tmp), args.copies)
        big = measure(big_dir, max(1, args.repeat // 2))
    for label, r in (("real data", real), (f"generated {args.copies}x", big)):
        print(
            f"{label:<16} {r['entities']:>7} entities {r['nodes']:>7} nodes {r['edges']:>7} edges | "
            f"load+validate {r['load_validate_s'] * 1000:8.1f} ms | build graph {r['build_s'] * 1000:7.1f} ms | "
            f"total {(r['load_validate_s'] + r['build_s']) * 1000:8.1f} ms (median)"
        )


if __name__ == "__main__":
    main()
