"""Route-query and reach time: p50/p95/p99/max on the real data and on generated national-scale graphs.

Each route query asks for 3 alternatives with constraints. Yardsticks, on the same
graph and query, run interleaved with the planner query by query (A B, then B A, …)
so that drift on a shared machine hits both arms alike; ratios are printed per
percentile:

* ``nx.bidirectional_dijkstra`` (months_max): the strongest plain shortest-path baseline;
* ``nx.shortest_simple_paths``, first k (Yen), on a simple-graph copy (least months_max per
  pair, built once, outside the timing): a k-paths baseline, for a capped number of queries;
* for ``reach`` (the default question of the landing page, "wat kun je worden": where you
  stand and, for half the people, a region), ``nx.multi_source_dijkstra_path_length`` with
  the planner's own edge weight for that question (the cutoff too, when one is asked).

Graphs: the real data; the national graph of issue 11 (``national_graph``: the real graph
as a national core plus regional copies joined through shared starts and admission hubs,
as real regions are); the older ring of linked regional copies (``regional_graph``); a
random stress graph. Garbage collection stays on and each graph is frozen once built
(``gc.freeze()``), as the app does with its graph (ui/data.py): full collections then skip
the graph. Both are printed, and the load average, since the machine is shared.

Run: .venv/bin/python -m benchmarks.bench_planner [--queries 300]
"""

from __future__ import annotations

import argparse
import gc
import inspect
import os
import random
import time
from dataclasses import replace
from itertools import islice

import networkx as nx

from routes import NoRoute, build_graph, load_dataset
from routes.planner import Query, _weight, plan, reach
from routes.synthetic import REGIONS, national_graph, random_graph, regional_graph

# The planner's reach() bounds its answer by count (more on demand) when it can.
REACH_HAS_LIMIT = "limit" in inspect.signature(reach).parameters


def percentile(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


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


def ring_queries(G, n: int, rng: random.Random, copies: int) -> list[Query]:
    """Like real_queries, with the target mostly in the person's own region copy."""
    queries = []
    for q in real_queries(G, n, rng):
        home = q.holds[0].rsplit("@", 1)[1]
        region = home if rng.random() < 0.8 else str(rng.randrange(copies))
        queries.append(replace(q, target=q.target.rsplit("@", 1)[0] + "@" + region))
    return queries


def national_queries(G, n: int, rng: random.Random) -> list[Query]:
    """A person in a region, from a start or a diploma of that region (or the national core),
    to a job in that region (three in four) or in the core, with constraints as real_queries."""
    copy_regions = G.graph["copy_regions"]
    regions = sorted({r for r in copy_regions.values() if r})
    starts = sorted(v for v, d in G.nodes(data=True) if d["kind"] == "start")
    own = sorted(v.rsplit("@", 1)[0] for v in G if v.endswith("@0"))
    quals = [v for v in own if G.nodes[v + "@0"]["kind"] == "qualification"]
    functions = [v for v in own if G.nodes[v + "@0"]["kind"] == "function"]
    queries = []
    for q in real_queries(G, n, rng):
        region = rng.choice(regions)
        home = [i for i, r in copy_regions.items() if r == region]
        if rng.random() < 0.4:
            holds = (rng.choice(starts),)
        else:
            holds = (f"{rng.choice(quals)}@{rng.choice(home + [0])}",)
        target = f"{rng.choice(functions)}@{rng.choice(home) if rng.random() < 0.75 else 0}"
        queries.append(replace(q, holds=holds, target=target, region=region))
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


def reach_questions(queries: list[Query], rng: random.Random) -> list[Query]:
    """The landing page's question: where you stand; half the people also name their region."""
    return [Query(holds=q.holds, region=q.region if rng.random() < 0.5 else None) for q in queries]


def report(label: str, times: list[float], found: int | None = None) -> None:
    p50, p95 = percentile(times, 50) * 1000, percentile(times, 95) * 1000
    p99, worst = percentile(times, 99) * 1000, max(times) * 1000
    extra = f" found={found:>5}" if found is not None else " " * 12
    print(
        f"{label:<40} n={len(times):>4}{extra} | p50 {p50:8.2f} | p95 {p95:8.2f} "
        f"| p99 {p99:8.2f} | max {worst:8.2f} ms"
    )


def ratios(label: str, ours: list[float], theirs: list[float]) -> None:
    parts = ", ".join(
        f"p{p} {percentile(ours, p) / max(percentile(theirs, p), 1e-9):.1f}x" for p in (50, 95, 99, 100)
    ).replace("p100", "max")
    print(f"{'':<40} {label}: {parts}")


def interleaved(queries, first, second) -> tuple[list[float], list[float], int, int]:
    """Time two arms query by query, alternating which goes first; returns times and answers found."""
    times: tuple[list[float], list[float]] = ([], [])
    found = [0, 0]
    arms = (first, second)
    for i, q in enumerate(queries):
        order = (0, 1) if i % 2 == 0 else (1, 0)
        for arm in order:
            t0 = time.perf_counter()
            found[arm] += bool(arms[arm](q))
            times[arm].append(time.perf_counter() - t0)
    return times[0], times[1], found[0], found[1]


def planner_arm(G):
    def run(q: Query) -> bool:
        try:
            return bool(plan(G, q))
        except NoRoute:
            return False

    return run


def bidirectional_arm(G):
    def run(q: Query) -> bool:
        try:
            nx.bidirectional_dijkstra(G, q.holds[0], q.target, weight="months_max")
            return True
        except nx.NetworkXNoPath:
            return False

    return run


def simple_copy(G) -> nx.DiGraph:
    """The graph as a simple digraph: per pair of stations the least months_max (for Yen's k paths)."""
    D = nx.DiGraph()
    D.add_nodes_from(G)
    for u, nbrs in G._succ.items():
        for v, edges in nbrs.items():
            D.add_edge(u, v, months_max=min(d["months_max"] for d in edges.values()))
    return D


def kpaths_arm(D, k: int = 3):
    def run(q: Query) -> bool:
        try:
            return bool(list(islice(nx.shortest_simple_paths(D, q.holds[0], q.target, weight="months_max"), k)))
        except nx.NetworkXNoPath:
            return False

    return run


def reach_arm(G, within: int | None = None, sizes: list | None = None):
    def run(q: Query):
        found = reach(G, q, within_months=within)
        if sizes is not None:
            sizes.append((len(found), getattr(found, "total", len(found))))
        return found

    return run


def dijkstra_reach_arm(G, within: int | None = None):
    """Plain multi-source Dijkstra with the planner's own weight for the question (and cutoff)."""

    def run(q: Query):
        weight = _weight(G, q)

        def multi(u, v, edges):
            return min((w for w in (weight(u, v, d) for d in edges.values()) if w is not None), default=None)

        cutoff = (within + 1) * 1_000_000 if within is not None else None
        dist = nx.multi_source_dijkstra_path_length(G, set(q.holds), cutoff=cutoff, weight=multi)
        return [v for v in dist if G._node[v]["kind"] == "function"]

    return run


def compare(label: str, G, queries, kpaths: int = 0) -> dict[str, float]:
    """Planner and bidirectional Dijkstra, interleaved; then, for the first ``kpaths`` queries, Yen's k paths."""
    ours, theirs, found, _ = interleaved(queries, planner_arm(G), bidirectional_arm(G))
    report(f"{label}, planner k=3", ours, found)
    report(f"{label}, bidirectional Dijkstra", theirs, len(theirs))
    ratios("planner / bidirectional Dijkstra", ours, theirs)
    if kpaths:
        D = simple_copy(G)
        ours_k, yen, found_k, found_yen = interleaved(queries[:kpaths], planner_arm(G), kpaths_arm(D))
        report(f"{label}, planner k=3 (same queries)", ours_k, found_k)
        report(f"{label}, shortest_simple_paths k=3", yen, found_yen)
        ratios("planner / shortest_simple_paths", ours_k, yen)
    return {
        "p50": percentile(ours, 50) * 1000,
        "p95": percentile(ours, 95) * 1000,
        "p99": percentile(ours, 99) * 1000,
        "max": max(ours) * 1000,
        "p50_ratio": percentile(ours, 50) / max(percentile(theirs, 50), 1e-9),
        "p95_ratio": percentile(ours, 95) / max(percentile(theirs, 95), 1e-9),
    }


def compare_reach(label: str, G, questions, within: int | None = None) -> float:
    counts: list[tuple[int, int]] = []
    ours, theirs, _, _ = interleaved(questions, reach_arm(G, within, counts), dijkstra_reach_arm(G, within))
    sizes, totals = [c[0] for c in counts], [c[1] for c in counts]
    bound = f"within {within} months" if within else "no month limit"
    print(
        f"{label}, reach ({bound}): jobs listed per question p50 {percentile(sizes, 50)}, max {max(sizes)}; "
        f"found p50 {percentile(totals, 50)}, max {max(totals)}"
    )
    report(f"{label}, reach", ours)
    report(f"{label}, multi-source Dijkstra", theirs)
    ratios("reach / multi-source Dijkstra", ours, theirs)
    return percentile(ours, 95) * 1000


def built(G):
    """As the app does once its graph is built: keep full collections from walking it."""
    gc.collect()
    gc.freeze()
    return G


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--copies", type=int, default=160, help="regional copies of the real graph")
    parser.add_argument("--nodes", type=int, default=20_000, help="nodes of the random stress graph")
    parser.add_argument("--edges", type=int, default=100_000, help="edges of the random stress graph")
    parser.add_argument("--kpaths", type=int, default=30, help="queries also run with shortest_simple_paths")
    parser.add_argument("--skip-ring", action="store_true", help="leave out the older ring of regional copies")
    parser.add_argument("--skip-random", action="store_true", help="leave out the random stress graph")
    args = parser.parse_args()
    rng = random.Random(42)
    print(
        f"garbage collection: {'on' if gc.isenabled() else 'off'}, each graph frozen once built (gc.freeze, "
        f"as in the app); load average {os.getloadavg()[0]:.1f}"
    )
    print(f"reach bounded by count (more on demand): {'yes' if REACH_HAS_LIMIT else 'no'}")

    G = built(build_graph(load_dataset()))
    print(f"real data: {G.number_of_nodes()} nodes, {G.number_of_edges()} edges")
    real = real_queries(G, args.queries, rng)
    real_figures = compare("real data", G, real)
    compare_reach("real data", G, reach_questions(real, rng)[: args.queries // 2])

    national = built(national_graph(G, args.copies, seed=7))
    print(
        f"\nnational graph (real graph as core + {args.copies - 1} regional copies joined through shared "
        f"starts and admission hubs): {national.number_of_nodes()} nodes, {national.number_of_edges()} edges"
    )
    queries = national_queries(national, args.queries // 2, rng)
    national_figures = compare("national", national, queries, kpaths=args.kpaths)
    reach_p95 = compare_reach("national", national, reach_questions(queries, rng))

    if not args.skip_ring:
        ring = built(regional_graph(G, args.copies, seed=7))
        print(
            f"\nring of regional copies (each linked to the next): "
            f"{ring.number_of_nodes()} nodes, {ring.number_of_edges()} edges"
        )
        ring_q = ring_queries(ring, args.queries // 2, rng, args.copies)
        compare("ring", ring, ring_q)
        compare_reach("ring", ring, reach_questions(ring_q, rng)[: max(30, args.queries // 10)])

    if not args.skip_random:
        stress = built(random_graph(args.nodes, args.edges, seed=7))
        print(
            f"\nrandom stress graph (every station a few steps from every other): "
            f"{stress.number_of_nodes()} nodes, {stress.number_of_edges()} edges"
        )
        compare("random", stress, synthetic_queries(stress, max(30, args.queries // 10), rng))

    def verdict(ok: bool) -> str:
        return "met" if ok else "NOT met"

    n = national_figures
    print(f"\ngoals (issue 11; load average now {os.getloadavg()[0]:.1f}):")
    print(f"  national k=3 p99 <= 100 ms: {verdict(n['p99'] <= 100)} ({n['p99']:.1f} ms)")
    print(f"  national k=3 max <= 250 ms: {verdict(n['max'] <= 250)} ({n['max']:.1f} ms)")
    print(
        f"  national k=3 p50 within 10x bidirectional Dijkstra: {verdict(n['p50_ratio'] <= 10)} "
        f"({n['p50_ratio']:.1f}x)"
    )
    print(f"  national reach (default question) p95 <= 200 ms: {verdict(reach_p95 <= 200)} ({reach_p95:.1f} ms)")
    print(f"  real data p95 <= 5 ms: {verdict(real_figures['p95'] <= 5)} ({real_figures['p95']:.2f} ms)")


if __name__ == "__main__":
    main()
