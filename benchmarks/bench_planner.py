"""Route-query time: p50/p95/p99/max on the real data and on generated national-scale graphs.

Each query asks for 3 alternatives with constraints. The yardstick is
networkx.bidirectional_dijkstra (the strongest plain shortest-path baseline) on
the same graph and query, run interleaved with the planner (A B A B …) so that
drift on a shared machine hits both arms alike; ratios are printed per percentile.
Garbage collection stays on (as in the app), and the state is printed.
Run: .venv/bin/python -m benchmarks.bench_planner [--queries 300]
"""

from __future__ import annotations

import argparse
import gc
import random
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
    p99, worst = percentile(times, 99) * 1000, max(times) * 1000
    print(
        f"{label:<34} n={len(times):>4} found={found:>4} | p50 {p50:7.2f} | p95 {p95:7.2f} "
        f"| p99 {p99:7.2f} | max {worst:7.2f} ms"
    )
    return p95


def _baseline(G, q: Query) -> None:
    try:
        nx.bidirectional_dijkstra(G, q.holds[0], q.target, weight="months_max")
    except nx.NetworkXNoPath:
        pass


def compare(label: str, G, queries) -> tuple[float, float]:
    """Planner and bidirectional Dijkstra, interleaved query by query."""
    planner_times, raw_times, found = [], [], 0
    for q in queries:
        t0 = time.perf_counter()
        try:
            plan(G, q)
            found += 1
        except NoRoute:
            pass
        t1 = time.perf_counter()
        _baseline(G, q)
        t2 = time.perf_counter()
        planner_times.append(t1 - t0)
        raw_times.append(t2 - t1)
    p95 = report(f"{label}, planner k=3", planner_times, found)
    raw_p95 = report(f"{label}, bidirectional Dijkstra", raw_times, len(raw_times))
    ratios = ", ".join(
        f"p{p} {percentile(planner_times, p) / max(percentile(raw_times, p), 1e-9):.1f}x" for p in (50, 95, 99)
    )
    print(f"{'':<34} planner / bidirectional Dijkstra: {ratios}")
    return p95, p95 / raw_p95


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--copies", type=int, default=160, help="regional copies of the real graph")
    parser.add_argument("--nodes", type=int, default=20_000, help="nodes of the random stress graph")
    parser.add_argument("--edges", type=int, default=100_000, help="edges of the random stress graph")
    args = parser.parse_args()
    rng = random.Random(42)
    print(f"garbage collection: {'on' if gc.isenabled() else 'off'}")

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
        f"within 5x bidirectional Dijkstra: {verdict(national_ratio <= 5)} ({national_ratio:.2f}x)"
    )
    print(
        f"  random stress p95 <= 50 ms: {verdict(stress_p95 <= 50)} ({stress_p95:.1f} ms); "
        f"within 5x bidirectional Dijkstra: {verdict(stress_ratio <= 5)} ({stress_ratio:.2f}x)"
    )


if __name__ == "__main__":
    main()
