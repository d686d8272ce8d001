"""The cost of a "no route" answer, with and without telling in which regions a route exists.

When a query finds no route, the planner explains why (``_why_none``): it relaxes the
constraints one by one and, since the region check, runs one search over every region
at once (``_regional_routes``) to say where a route does exist. This prints the time of
a no-route answer (``plan`` raising ``NoRoute``) with that check and without it (the
check replaced by "no region has one"), interleaved query by query (A B, then B A, …)
so drift on a shared machine hits both arms alike.

Queries: on the real data every (start, job) pair without a national route, asked
without a region and with a region drawn at random; on the national graph
(``national_graph``, the real graph as core plus regional copies) random starts and
jobs whose answer is "no route", without and with a region.

Run: .venv/bin/python -m benchmarks.bench_no_route [--copies 160] [--queries 200]
"""

from __future__ import annotations

import argparse
import gc
import os
import random
import time
from dataclasses import replace

from routes import NoRoute, build_graph, load_dataset, planner
from routes.planner import Query, plan
from routes.synthetic import national_graph


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def no_route(G, query: Query) -> bool:
    try:
        plan(G, replace(query, k=1))
    except NoRoute:
        return True
    return False


def answer(G, query: Query) -> NoRoute | None:
    try:
        plan(G, query)
    except NoRoute as exc:
        return exc
    return None


def without_check(G, query: Query) -> NoRoute | None:
    check = planner._regional_routes
    planner._regional_routes = lambda G, query: []
    try:
        return answer(G, query)
    finally:
        planner._regional_routes = check


def compare(label: str, G, queries: list[Query]) -> None:
    with_times, without_times, helped = [], [], 0
    for i, query in enumerate(queries):
        arms = [(with_times, answer), (without_times, without_check)]
        for times, arm in arms if i % 2 == 0 else arms[::-1]:
            start = time.perf_counter()
            exc = arm(G, query)
            times.append(time.perf_counter() - start)
            if arm is answer and exc is not None and exc.regions:
                helped += 1
    print(f"{label}: {len(queries)} no-route queries, {helped} told of regions with a route")
    for name, times in (("with region check", with_times), ("without", without_times)):
        p50, p95, worst = (percentile(times, p) * 1000 for p in (50, 95, 100))
        print(f"  {name:<18} p50 {p50:7.2f} | p95 {p95:7.2f} | max {worst:7.2f} ms")
    extra = [a - b for a, b in zip(with_times, without_times, strict=True)]
    print(f"  extra per answer   p50 {percentile(extra, 50) * 1000:7.2f} | p95 {percentile(extra, 95) * 1000:7.2f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=160, help="regional copies of the real graph")
    parser.add_argument("--queries", type=int, default=200, help="no-route queries on the national graph")
    args = parser.parse_args()
    rng = random.Random(11)
    print(f"load average {os.getloadavg()[0]:.1f}")

    G = build_graph(load_dataset())
    gc.freeze()
    starts = sorted(v for v, d in G.nodes(data=True) if d["kind"] == "start")
    jobs = sorted(v for v, d in G.nodes(data=True) if d["kind"] == "function")
    regions = sorted(r for r in G.graph["regions"] if r != "nederland")
    pairs = [Query(holds=(s,), target=j) for s in starts for j in jobs]
    national_none = [q for q in pairs if no_route(G, q)]
    compare("real data, no region", G, national_none)
    compare("real data, a region", G, [replace(q, region=rng.choice(regions)) for q in national_none])

    nat = national_graph(G, args.copies, seed=7)
    gc.freeze()
    print(f"\nnational graph: {nat.number_of_nodes()} nodes, {nat.number_of_edges()} edges")
    nat_starts = sorted(v for v, d in nat.nodes(data=True) if d["kind"] == "start")
    nat_jobs = sorted(v for v, d in nat.nodes(data=True) if d["kind"] == "function")
    nat_regions = sorted({r for r in nat.graph["copy_regions"].values() if r})
    for label, region in (("no region", False), ("a region", True)):
        found: list[Query] = []
        for _ in range(50 * args.queries):
            if len(found) >= args.queries // 2:
                break
            query = Query(holds=(rng.choice(nat_starts),), target=rng.choice(nat_jobs))
            if region:
                query = replace(query, region=rng.choice(nat_regions))
            if no_route(nat, query) if region else no_route(nat, query):
                found.append(query)
        compare(f"national, {label}", nat, found)


if __name__ == "__main__":
    main()
