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
from dataclasses import replace

import networkx as nx

from routes import NoRoute, build_graph, load_dataset
from routes.planner import Query, plan
from routes.synthetic import REGIONS, random_graph, regional_graph


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
    starts = sorted(v for v, d in G.nodes(data=True) if d["kind"] in ("start", "qualification"))
    targets = sorted(v for v, d in G.nodes(data=True) if d["kind"] == "function")
    regions = sorted(G.graph["regions"])
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


def national_queries(G, n: int, rng: random.Random, copies: int) -> list[Query]:
    """Like real_queries, with the target mostly in the person's own region copy."""
    queries = []
    for q in real_queries(G, n, rng):
        home = q.holds[0].rsplit("@", 1)[1]
        region = home if rng.random() < 0.8 else str(rng.randrange(copies))
        queries.append(replace(q, target=q.target.rsplit("@", 1)[0] + "@" + region))
    return queries


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


def raw_dijkstra(G, queries) -> list[float]:
    times = []
    for q in queries:
        t0 = time.perf_counter()
        try:
            nx.dijkstra_path(G, q.holds[0], q.target, weight="months_max")
        except nx.NetworkXNoPath:
            pass
        times.append(time.perf_counter() - t0)
    return times


def compare(label: str, G, queries) -> tuple[float, float]:
    times, found = timed_queries(G, queries)
    p95 = report(f"{label}, planner k=3", times, found)
    raw = raw_dijkstra(G, queries)
    raw_p95 = report(f"{label}, raw nx.dijkstra_path", raw, len(raw))
    print(
        f"{'':<34} ratio planner/raw: p50 {statistics.median(times) / statistics.median(raw):.2f}x, "
        f"p95 {p95 / raw_p95:.2f}x"
    )
    return p95, p95 / raw_p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--copies", type=int, default=160, help="regional copies of the real graph")
    parser.add_argument("--nodes", type=int, default=20_000, help="nodes of the random stress graph")
    parser.add_argument("--edges", type=int, default=100_000, help="edges of the random stress graph")
    args = parser.parse_args()
    rng = random.Random(42)

    G = build_graph(load_dataset())
    print(f"real data: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    real_p95 = report("real data, k=3, constraints", *timed_queries(G, real_queries(G, args.queries, rng)))

    national = regional_graph(G, args.copies, seed=7)
    print(
        f"\nnational-scale (real graph x {args.copies} regions, linked): "
        f"{national.number_of_nodes()} nodes, {national.number_of_edges()} edges"
    )
    national_p95, national_ratio = compare(
        "national", national, national_queries(national, args.queries // 2, rng, args.copies)
    )

    stress = random_graph(args.nodes, args.edges, seed=7)
    print(
        f"\nrandom stress graph (every station a few steps from every other): "
        f"{stress.number_of_nodes()} nodes, {stress.number_of_edges()} edges"
    )
    stress_p95, stress_ratio = compare("random", stress, synthetic_queries(stress, max(30, args.queries // 10), rng))

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    print("\ngoals:")
    print(f"  real data p95 <= 5 ms: {verdict(real_p95 <= 5)} ({real_p95:.2f} ms)")
    print(
        f"  national p95 <= 50 ms: {verdict(national_p95 <= 50)} ({national_p95:.1f} ms); "
        f"within 5x raw Dijkstra: {verdict(national_ratio <= 5)} ({national_ratio:.2f}x)"
    )
    print(
        f"  random stress p95 <= 50 ms: {verdict(stress_p95 <= 50)} ({stress_p95:.1f} ms); "
        f"within 5x raw Dijkstra: {verdict(stress_ratio <= 5)} ({stress_ratio:.2f}x)"
    )


if __name__ == "__main__":
    main()
