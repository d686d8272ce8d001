"""Route-query time: p50/p95 on the real data and on a generated national-scale graph.

Each query asks for 3 alternatives with constraints. In the same run, raw
networkx.dijkstra_path on the generated graph gives the yardstick; the ratio is printed.
Run: .venv/bin/python -m benchmarks.bench_planner [--queries 300]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time

import networkx as nx

from routes import NoRoute, build_graph, load_dataset
from routes.planner import Query, plan
from routes.synthetic import REGIONS, random_graph


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def timed_queries(G, queries) -> tuple[list[float], int]:
    times, found = [], 0
    for q in queries:
        t0 = time.perf_counter()
        try:
            plan(G, q)
            found += 1
        except NoRoute:
            pass
        times.append(time.perf_counter() - t0)
    return times, found


def real_queries(G, n: int, rng: random.Random) -> list[Query]:
    starts = [v for v, d in G.nodes(data=True) if d["kind"] in ("start", "qualification")]
    targets = [v for v, d in G.nodes(data=True) if d["kind"] == "function"]
    regions = list(G.graph["regions"])
    return [
        Query(
            holds=(rng.choice(starts),),
            target=rng.choice(targets),
            region=rng.choice(regions),
            paid_only=rng.random() < 0.5,
            max_months=rng.choice([None, 36, 60]),
            max_level=rng.choice([None, "mbo-4", "hbo"]),
            k=3,
        )
        for _ in range(n)
    ]


def synthetic_queries(G, n: int, rng: random.Random) -> list[Query]:
    starts = [v for v, d in G.nodes(data=True) if d["kind"] == "start"]
    targets = [v for v, d in G.nodes(data=True) if d["kind"] == "function"]
    return [
        Query(
            holds=(rng.choice(starts),),
            target=rng.choice(targets),
            region=rng.choice(REGIONS),
            paid_only=rng.random() < 0.3,
            max_months=rng.choice([None, 120]),
            k=3,
        )
        for _ in range(n)
    ]


def report(label: str, times: list[float], found: int) -> float:
    p50, p95 = percentile(times, 50) * 1000, percentile(times, 95) * 1000
    print(f"{label:<34} n={len(times):>4} routes found={found:>4} | p50 {p50:7.2f} ms | p95 {p95:7.2f} ms")
    return p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--nodes", type=int, default=20_000)
    parser.add_argument("--edges", type=int, default=100_000)
    args = parser.parse_args()
    rng = random.Random(42)

    G = build_graph(load_dataset())
    print(f"real data: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    real_p95 = report("real data, k=3, constraints", *timed_queries(G, real_queries(G, args.queries, rng)))

    t0 = time.perf_counter()
    big = random_graph(args.nodes, args.edges, seed=7)
    print(
        f"generated: {big.number_of_nodes()} nodes, {big.number_of_edges()} edges "
        f"(built in {time.perf_counter() - t0:.1f} s)"
    )
    queries = synthetic_queries(big, max(50, args.queries // 3), rng)
    times, found = timed_queries(big, queries)
    big_p95 = report("generated, k=3, constraints", times, found)

    raw = []
    for q in queries:
        t0 = time.perf_counter()
        try:
            nx.dijkstra_path(big, q.holds[0], q.target, weight="months_max")
        except nx.NetworkXNoPath:
            pass
        raw.append(time.perf_counter() - t0)
    raw_p95 = report("generated, raw nx.dijkstra_path", raw, len(raw))
    ratio_p50 = statistics.median(times) / statistics.median(raw)
    print(f"ratio planner/raw dijkstra: p50 {ratio_p50:.2f}x, p95 {big_p95 / raw_p95:.2f}x")
    print(
        f"goals: real p95 <= 5 ms: {'met' if real_p95 <= 5 else 'NOT met'}; "
        f"generated p95 <= 50 ms: {'met' if big_p95 <= 50 else 'NOT met'}; "
        f"within 5x raw: {'met' if big_p95 / raw_p95 <= 5 else 'NOT met'}"
    )


if __name__ == "__main__":
    main()
